"""Render pushgui's windows with sample data to docs/screenshots/, in English and Chinese.

    python scripts/screenshots.py [--out docs/screenshots] [--languages en zh_CN]

Runs offscreen (no display needed); a CJK font (e.g. Debian's fonts-noto-cjk) must be
installed for the Chinese pictures to show Chinese characters.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from time import monotonic, sleep

ROOT = Path(__file__).resolve().parents[1]
# Offscreen, on a 1440x900 screen (the size windows are fitted to).
_SCREEN = Path(tempfile.gettempdir()) / "pushgui-screenshots-screen.json"
_SCREEN.write_text(
    '{"screens": [{"name": "Screen", "x": 0, "y": 0, "width": 1440, "height": 900,'
    ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
    encoding="utf-8",
)
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from pushgui.app import Runtime, start_runtime, wire_shell  # noqa: E402
from pushgui.core.channels.config import (  # noqa: E402
    DingTalkConfig,
    DiscordConfig,
    EmailConfig,
    TelegramConfig,
)
from pushgui.core.people.contacts import ContactRecord, GroupRecord  # noqa: E402
from pushgui.core.pushes.spec import Message, PushSpec, Target  # noqa: E402
from pushgui.core.schedule.spec import CalendarSpec, IntervalSpec, OnceSpec  # noqa: E402
from pushgui.core.system.paths import locate  # noqa: E402
from pushgui.core.system.secrets import SessionSecrets  # noqa: E402
from pushgui.ui.shell import DesktopShell  # noqa: E402

ZONE = "Asia/Shanghai"


def sample_data(runtime: Runtime, shell: DesktopShell) -> None:
    """A believable set of reminders, contacts, channels and history."""
    contacts, channels, service = shell.contacts, shell.channels, runtime.service
    people = [
        ContactRecord("Ann Lee", "ann@example.com", fields={"team": "Sales"}),
        ContactRecord("张伟", "zhang.wei@example.com", fields={"team": "研发"}),
        ContactRecord("Bob Smith", "bob@example.com", phone="+1 555 0100"),
        ContactRecord("李娜", "li.na@example.com", fields={"team": "市场"}),
    ]
    ids = contacts.save_many(people)
    team = contacts.save_group(GroupRecord("Team", tuple(ids)))
    mail = channels.save(
        "Office mail", EmailConfig(host="smtp.example.com", sender_address="me@example.com")
    )
    room = channels.save("Team room", DingTalkConfig(access_token="example", secret=""))
    dev = channels.save(
        "Dev chat", DiscordConfig(webhook_url="https://discord.com/api/webhooks/1/x")
    )
    ops = channels.save("Ops", TelegramConfig(bot_token="1:example", chat_id="-100"))
    now = datetime.now().replace(second=0, microsecond=0)
    specs = [
        PushSpec(
            "Daily standup",
            Message("Standup in 10 minutes", "Room 4B or the usual link."),
            CalendarSpec(ZONE, (time(9, 50),), "week_days", ("mon", "tue", "wed", "thu", "fri")),
            targets=(Target("dingtalk", room),),
        ),
        PushSpec(
            "Weekly report",
            Message("Weekly report, ${name}", "Hi ${name}, please send your report by 17:00."),
            CalendarSpec(ZONE, (time(10, 0),), "week_days", ("fri",)),
            targets=(Target("email", mail, (), (team,)),),
        ),
        PushSpec(
            "Drink water",
            Message("Time for a glass of water"),
            IntervalSpec(2, "hours", now, ZONE),
        ),
        PushSpec(
            "月度总结",
            Message("提交月度总结"),
            CalendarSpec(ZONE, (time(17, 0),), "nth_weekday", nth=-1, nth_weekday="fri"),
        ),
        PushSpec("Dentist", Message("Dentist at 15:00"), OnceSpec(now + timedelta(days=9), ZONE)),
        PushSpec(
            "Pay rent",
            Message("Rent is due"),
            CalendarSpec(ZONE, (time(9, 0),), "month_days", month_days=(-1,)),
        ),
        PushSpec(
            "Release day",
            Message(
                "Release 2.4 today",
                "**Freeze at 15:00**, notes in [the wiki](https://wiki.example.com/2.4)\n\n"
                "- Ann: <b>build</b> & tests\n- 张伟: 发布说明",
                format="markdown",
            ),
            CalendarSpec(ZONE, (time(9, 30),), "week_days", ("thu",)),
            targets=(Target("dingtalk", room), Target("discord", dev), Target("telegram", ops)),
        ),
    ]
    service.create_many(specs)
    service.run_now(service.rows()[2].id)


def shoot(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print("wrote", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def render(language: str, out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        runtime = start_runtime(locate(folder))
        try:
            from pushgui.ui import i18n  # created with the translations; optional before that

            i18n.install(app, language)
        except ImportError:
            if language != "en":
                print("no translations yet; skipping", language)
                runtime.stop()
                return
        # Sample secrets never touch a real keyring.
        runtime.secrets.use(SessionSecrets())  # type: ignore[attr-defined]
        shell = DesktopShell(
            runtime.service,
            runtime.scheduler,
            runtime.bridge,
            runtime.settings,
            books=runtime.books,
            tray_available=False,
        )
        wire_shell(runtime, shell)
        sample_data(runtime, shell)
        window = shell.window
        window.resize(1100, 460)
        shell.show_window()
        steps: list[Callable[[], None]] = []
        suffix = "" if language == "en" else f"-{language}"

        def main() -> None:
            window.reload()
            window.select_id(window.model.ids()[1])
            shoot(window, out / f"main-window{suffix}.png")

        def settle(dialog: QWidget) -> None:
            # The editor refreshes its description and preview a moment after a change.
            deadline = monotonic() + 10
            while monotonic() < deadline:
                app.processEvents()
                timers = dialog.findChildren(QTimer)
                if not any(t.isActive() and t.isSingleShot() for t in timers):
                    break
                sleep(0.01)

        def editors() -> None:
            for kind in ("once", "interval", "calendar"):
                dialog = window.edit_selected()
                assert dialog is not None
                if kind != "calendar":
                    dialog.kind_buttons[kind].click()
                settle(dialog)
                shoot(dialog, out / f"push-editor-{kind}{suffix}.png")
                dialog.reject()

        def formats() -> None:
            release = next(r.id for r in runtime.service.rows() if r.name == "Release day")
            window.select_id(release)
            dialog = window.edit_selected()
            assert dialog is not None
            settle(dialog)
            dialog.service_preview.tabs.setCurrentIndex(2)
            shoot(dialog, out / f"push-editor-formats{suffix}.png")
            dialog.reject()

        def others() -> None:
            shoot(shell.show_contacts(), out / f"contacts{suffix}.png")
            history = shell.show_history()
            history.resize(1000, 420)
            shoot(history, out / f"history{suffix}.png")
            shoot(shell.preferences.show_settings(), out / f"settings{suffix}.png")
            shell.quit()

        steps.extend([main, editors, formats, others])
        for index, step in enumerate(steps):
            QTimer.singleShot(600 * (index + 1), step)
        app.exec()
        runtime.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--languages", nargs="+", default=["en", "zh_CN"])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for language in args.languages:
        render(language, args.out)


if __name__ == "__main__":
    main()
