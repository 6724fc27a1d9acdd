"""In Chinese, no English of core's leaks into a window, a description or a notification.

Core holds no translator: its texts are messages rendered where they are shown
(docs/ARCHITECTURE.md, "Composition root"). A message joined, concatenated or put in an
f-string before that becomes plain English, silently. So these tests render whole screens
in Chinese (the main window with many kinds of schedules, the editor full of errors, the
channels and history windows, a failed delivery's notification, every description) and
look in every text they show for the English of a core message that has a translation.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from pushgui.core.pushes.spec import Message, PushSpec, Target
from pushgui.core.schedule.describe import describe
from pushgui.core.schedule.spec import LAST, CalendarSpec, IntervalSpec, OnceSpec, TriggerSpec
from pushgui.core.system.i18n import Language, translate
from pushgui.ui.main.push_model import SCHEDULE

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "pushgui" / "core"
TS = ROOT / "resources" / "translations" / "pushgui_zh_CN.ts"
ZONE = "Asia/Shanghai"
_CALL = re.compile(r"""(?:translate|QT_TRANSLATE_NOOP)\(\s*["']([A-Za-z_.]+)["']""")
_FIELD = re.compile(r"\{[^{}]*\}")


@cache
def english_of_core() -> dict[str, str]:
    """Each run of English words of a core message that Chinese translates (at least three
    words, so that a name like "SMTP" or "UTC" is not taken for a leak), with its source."""
    contexts: set[str] = set()
    for path in CORE.rglob("*.py"):
        contexts.update(_CALL.findall(path.read_text(encoding="utf-8")))
    found: dict[str, str] = {}
    for context in ElementTree.parse(TS).getroot().iter("context"):
        if context.findtext("name") not in contexts:
            continue
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            element = message.find("translation")
            if element is None or element.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            translation = "".join(element.itertext())
            for part in _FIELD.split(source):
                part = part.strip(" ,.:;()\"'“”")
                if len(part.split()) >= 3 and part not in translation:
                    found[part] = source
    return found


def leaks(texts: list[str]) -> list[tuple[str, str]]:
    """(English found, the text it was found in) for every leak in ``texts``."""
    english = english_of_core()
    return [(part, text) for text in texts for part in english if part in text]


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    for column in range(model.columnCount()):
        for role in roles:
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal, role) or ""))
    for row in range(min(model.rowCount(), 200)):
        for column in range(model.columnCount(QModelIndex())):
            index = model.index(row, column)
            texts.extend(str(model.data(index, role) or "") for role in roles)
    return texts


def shown_texts(root: QWidget) -> list[str]:
    """Every text ``root`` and its visible children show: labels, buttons, titles, tips,
    placeholders, combo entries, list and table cells, menus."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        texts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                texts += [widget.item(i).text(), widget.item(i).toolTip()]
        elif isinstance(widget, QAbstractItemView):
            texts += _model_texts(widget)
    for action in root.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip()]
    return [t for t in texts if t]


@pytest.fixture
def chinese(qapp):
    from pushgui.ui import i18n

    i18n.install(qapp, "zh_CN")
    yield i18n.language()
    i18n.install(qapp, "en")


def triggers() -> list[TriggerSpec]:
    """One of each kind of schedule, with the limits and words each may carry.

    Their dates are counted from today (in ZONE): a rule whose runs or end date had
    passed would be refused as one that never fires, and the test would fail on a later
    day than the one it was written on."""
    today = datetime.now(ZoneInfo(ZONE)).date()
    start = datetime.combine(today - timedelta(days=1), time(9, 0))
    rules = [
        CalendarSpec(timezone=ZONE, day_rule="week_days", week_days=("mon", "wed", "fri")),
        CalendarSpec(
            timezone=ZONE,
            day_rule="week_days",
            week_days=("tue",),
            every_weeks=2,
            start_date=today - timedelta(days=7),
        ),
        CalendarSpec(timezone=ZONE, day_rule="month_days", month_days=(1, 15, LAST)),
        CalendarSpec(timezone=ZONE, day_rule="month_days", month_days=(24,), months=(12,)),
        CalendarSpec(timezone=ZONE, day_rule="nth_weekday", nth=LAST, nth_weekday="fri"),
        CalendarSpec(
            timezone=ZONE, day_rule="nth_weekday", nth=2, nth_weekday="mon", months=(3, 6, 9)
        ),
        CalendarSpec(timezone=ZONE, day_rule="workdays", workdays="CN"),
        CalendarSpec(timezone=ZONE, day_rule="nth_workday", nth=1, workdays="CN"),
        CalendarSpec(timezone=ZONE, day_rule="nth_workday", nth=LAST, workdays=""),
        CalendarSpec(timezone=ZONE, day_rule="lunar_yearly", lunar_month=8, lunar_day=15),
        CalendarSpec(timezone=ZONE, day_rule="lunar_monthly", lunar_day=30),
        CalendarSpec(
            timezone=ZONE,
            day_rule="week_days",
            week_days=("mon", "tue", "wed", "thu", "fri"),
            times=(time(9, 0), time(17, 30)),
            on_day_off="next",
            workdays="CN",
            skip_dates=(today + timedelta(days=23),),
            max_runs=10,
            start_date=today,
            end_date=today + timedelta(days=211),
        ),
        CalendarSpec(timezone=ZONE, crontab="0 9 * * mon,fri"),
        CalendarSpec(timezone=ZONE, crontab="*/5 9-17 * * *"),
        IntervalSpec(every=1, unit="days", start=start, timezone=ZONE),
        IntervalSpec(every=3, unit="weeks", start=start, timezone=ZONE),
        IntervalSpec(
            every=90, unit="minutes", start=start, timezone=ZONE, end=start + timedelta(days=9)
        ),
        OnceSpec(datetime.combine(today + timedelta(days=35), time(8, 30)), ZONE),
    ]
    return rules


@pytest.mark.parametrize("trigger", triggers(), ids=lambda t: type(t).__name__)
def test_every_kind_of_schedule_is_described_in_chinese(chinese, trigger):
    text = describe(trigger, chinese)
    assert not leaks([text]), text
    assert text != describe(trigger)  # and it is not the English one


def test_a_core_message_renders_in_the_language_handed_in_and_stays_english_otherwise():
    words = {"Unknown time zone {zone}": "未知时区 {zone}", "Mars time": "火星时间"}
    chinese = Language("zh_CN", lambda context, text: words.get(text, ""))
    message = translate("validation", "Unknown time zone {zone}").format(
        zone=translate("validation", "Mars time")
    )
    assert message == "Unknown time zone Mars time"  # the English: logs, comparisons
    assert chinese.render(message) == "未知时区 火星时间"
    assert chinese.render(ValueError(message)) == "未知时区 火星时间"
    assert chinese.render(f"{message}") == "Unknown time zone Mars time"  # what is lost


def _pushes() -> list[PushSpec]:
    return [
        PushSpec(name=f"提醒{i}", message=Message(f"标题{i}", "内容"), trigger=trigger)
        for i, trigger in enumerate(triggers())
        if not isinstance(trigger, OnceSpec)
    ]


def test_the_main_window_channels_and_history_are_chinese(chinese, qtbot, data_dir, fake):
    """Every schedule in the list, the channels of every kind, a failed delivery in the
    history, its notification in the status bar: all Chinese."""
    from pushgui.app import start_runtime, wire_shell
    from pushgui.core.channels.config import DingTalkConfig, WebhookConfig
    from pushgui.core.store.settings import SettingsStore
    from pushgui.core.system.paths import locate
    from pushgui.ui.shell import DesktopShell
    from tests.servers import DINGTALK_TOKEN

    rt = start_runtime(locate(data_dir), paused=False)
    try:
        rt.speak(chinese)  # as the composition root does once the translators are installed
        shell = DesktopShell(
            rt.service,
            rt.scheduler,
            rt.bridge,
            SettingsStore(rt.db),
            books=rt.books,
            tray_available=False,
            backups=rt.backups,
        )
        wire_shell(rt, shell)
        qtbot.addWidget(shell.window)
        for spec in _pushes():
            rt.service.create(spec)
        shell.channels.save("钩子", WebhookConfig(url="https://hooks.example/x"))
        bot = shell.channels.save(
            "群机器人",
            DingTalkConfig(
                access_token=DINGTALK_TOKEN, secret="SECwrong", api_url=fake.url + "/robot/send"
            ),
        )
        failing = rt.service.create(
            replace(_pushes()[0], name="日报", targets=(Target("dingtalk", bot),))
        )
        shell.show_window()
        qtbot.waitExposed(shell.window)
        rt.service.run_now(failing)
        status = shell.window.statusBar()
        qtbot.waitUntil(lambda: "日报" in status.currentMessage(), timeout=60_000)
        assert "sign not match" in status.currentMessage()  # the server's own words stay
        assert not leaks([status.currentMessage()])
        shell.window.reload()
        schedules = [
            shell.window.model.data(shell.window.model.index(row, SCHEDULE))
            for row in range(shell.window.model.rowCount())
        ]
        assert len(schedules) == len(_pushes()) + 1 and all(schedules)
        found = leaks(shell_texts(qtbot, shell))
        assert not found, found
    finally:
        rt.stop()


def shell_texts(qtbot, shell) -> list[str]:
    texts = shown_texts(shell.window)
    for window in (shell.show_channels(), shell.show_history()):
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        texts += shown_texts(window)
    return texts


def test_the_editor_with_its_errors_is_chinese(chinese, qtbot):
    from pushgui.ui.editor.push_editor import PushEditorDialog

    dialog = PushEditorDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # Trying to save shows every error beside its field.
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    at_edit = dialog.once_editor.at_edit
    at_edit.setDateTime(at_edit.dateTime().addYears(-1))
    qtbot.waitUntil(lambda: dialog.once_editor._errors["at"].isVisible(), timeout=60_000)
    dialog.zone_combo.setEditText("Mars/Olympus")
    qtbot.waitUntil(dialog.zone_error.isVisible, timeout=60_000)
    assert dialog.name_error.isVisible()
    texts = shown_texts(dialog)
    assert not leaks(texts), leaks(texts)

    dialog.kind_buttons["calendar"].click()
    editor = dialog.calendar_editor
    editor.set_preset("crontab")
    editor.crontab_edit.setText("0 9 * * 1-9")
    qtbot.waitUntil(editor._row_errors["crontab"].isVisible, timeout=60_000)
    texts = shown_texts(dialog)
    assert not leaks(texts), leaks(texts)


def test_a_workday_schedule_in_the_editor_is_chinese_down_to_its_holidays(chinese, qtbot):
    from pushgui.ui.editor.push_editor import PushEditorDialog

    trigger = CalendarSpec(
        timezone=ZONE,
        day_rule="week_days",
        week_days=("mon", "tue", "wed", "thu", "fri"),
        on_day_off="skip",
        workdays="CN",
        start_date=date(2026, 9, 28),
    )
    spec = PushSpec(name="站会", message=Message("站会"), trigger=trigger)
    dialog = PushEditorDialog(spec=spec)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.preview_list.count() > 0, timeout=60_000)
    texts = shown_texts(dialog)
    assert not leaks(texts), leaks(texts)


def test_a_holiday_named_in_the_preview_is_chinese(chinese):
    from pushgui.core.schedule.days import DayMark
    from pushgui.core.schedule.workdays import day_info
    from pushgui.ui.editor.run_marks import mark_text

    # China's own data, and the holidays library's names where it has Chinese ones
    for code in ("CN", "HK"):
        holiday = day_info(code, date(2026, 10, 1))
        assert not holiday.workday
        text = mark_text(DayMark("skipped", holiday.name))
        assert text.startswith("跳过") and "国庆" in text, text
        assert not re.search("[A-Za-z]{3}", text), text


def test_the_leak_check_finds_english_where_chinese_exists(chinese):
    """The check itself: a core message shown unrendered is found."""
    english = translate("validation", "Choose a time in the future")
    assert leaks([str(english)])
    assert not leaks([chinese.render(english)])
