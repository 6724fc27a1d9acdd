"""Simplified Chinese ships complete: every message translated, the .qm current, and the app
(menus, core messages, schedule descriptions, Qt's own buttons) reads Chinese when chosen."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime, time
from pathlib import Path

import pytest

from pushgui.core.schedule.describe import describe
from pushgui.core.schedule.spec import LAST, CalendarSpec, IntervalSpec, OnceSpec
from pushgui.core.system import i18n as core_i18n

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILES = sorted(TRANSLATIONS.glob("*.ts"))
ZONE = "Asia/Shanghai"
PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*\}|%[0-9n]|\$\{\{?\w+\}?\}")


def tool(name: str) -> str:
    local = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(local) if local.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        pytest.skip(f"pyside6-{name} is not installed")
    return found


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, message element) for every message of ``ts``."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message))
    return found


def translations_of(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


@pytest.fixture
def chinese(qapp):
    from pushgui.ui import i18n

    i18n.install(qapp, "zh_CN")
    yield qapp
    i18n.install(qapp, "en")


def test_there_is_a_simplified_chinese_translation():
    assert TRANSLATIONS / "pushgui_zh_CN.ts" in TS_FILES


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_message_is_translated_and_finished(ts):
    problems = []
    for context, source, message in messages(ts):
        kind = message.find("translation").get("type")  # type: ignore[union-attr]
        texts = translations_of(message)
        if kind in ("unfinished", "vanished", "obsolete") or not all(t.strip() for t in texts):
            problems.append(f"{context}: {source!r} is {kind or 'empty'}")
            continue
        for text in texts:
            lost = set(PLACEHOLDER.findall(source)) - set(PLACEHOLDER.findall(text))
            # The Chinese date pattern names the month by number ({month_number}).
            lost -= {"{month}"} if "{month_number}" in text else set()
            if lost:
                problems.append(f"{context}: {source!r} loses {sorted(lost)} in {text!r}")
        accelerator = re.search(r"&(\w)", source)
        if accelerator and not any(f"&{accelerator.group(1)}".lower() in t.lower() for t in texts):
            problems.append(f"{context}: {source!r} loses its &{accelerator.group(1)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_string_in_the_sources_is_in_the_ts_file(ts, tmp_path):
    """A new tr()/translate() string without a translation fails here, not in front of users."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "pushgui").rglob("*.py"))
    subprocess.run(
        [tool("lupdate"), "-silent", "-locations", "none", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    committed = {(c, s) for c, s, _ in messages(ts)}
    missing = sorted({(c, s) for c, s, _ in messages(fresh)} - committed)
    assert not missing, "run `python scripts/update_translations.py` and translate:\n" + "\n".join(
        f"{c}: {s!r}" for c, s in missing
    )


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_the_committed_qm_file_is_built_from_the_ts_file(ts, tmp_path):
    built = tmp_path / ts.with_suffix(".qm").name
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(built)], check=True)
    committed = ts.with_suffix(".qm")
    assert committed.exists(), "run `python scripts/update_translations.py`"
    assert committed.read_bytes() == built.read_bytes(), (
        f"{committed.name} is older than {ts.name}: run `python scripts/update_translations.py`"
    )


def test_without_a_translator_the_core_speaks_english():
    message = core_i18n.translate("validation", "Choose a time in the future")
    assert message == "Choose a time in the future"
    assert core_i18n.ENGLISH.render(message) == "Choose a time in the future"
    assert not core_i18n.ENGLISH.chinese


# -- the running app in Chinese -----------------------------------------------------------


def test_menus_are_chinese(chinese, qtbot, tmp_path):
    from pushgui.app import start_runtime
    from pushgui.core.store.settings import SettingsStore
    from pushgui.core.system.paths import locate
    from pushgui.ui.shell import DesktopShell

    runtime = start_runtime(locate(tmp_path / "data"), paused=True)
    try:
        shell = DesktopShell(
            runtime.service,
            runtime.scheduler,
            runtime.bridge,
            SettingsStore(runtime.db),
            books=runtime.books,
            tray_available=False,
            backups=runtime.backups,
        )
        qtbot.addWidget(shell.window)
        titles = [a.text() for a in shell.window.menuBar().actions()]
        assert titles[:2] == ["文件(&F)", "提醒(&R)"]
        assert "帮助(&H)" in titles
        file_menu = shell.window.menuBar().actions()[0].menu()
        assert "新建(&N)…" in [a.text() for a in file_menu.actions()]
    finally:
        runtime.stop()


def test_a_validation_error_from_the_core_is_chinese(chinese, qtbot):
    from pushgui.ui.editor.push_editor import PushEditorDialog

    dialog = PushEditorDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name_edit.setText("站会")  # keyClicks types ASCII only
    dialog.title_edit.setText("开站会了")
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=60_000)
    at_edit = dialog.once_editor.at_edit
    at_edit.setDateTime(at_edit.dateTime().addYears(-1))
    qtbot.waitUntil(lambda: not dialog.save_button.isEnabled(), timeout=60_000)
    assert dialog.once_editor._errors["at"].text() == "请选择一个将来的时间"


def test_the_schedule_description_in_the_editor_is_chinese(chinese, qtbot):
    from pushgui.ui.editor.push_editor import PushEditorDialog

    dialog = PushEditorDialog()
    qtbot.addWidget(dialog)
    dialog.kind_buttons["calendar"].click()
    dialog.calendar_editor.set_preset("weekdays")
    qtbot.waitUntil(lambda: "每个工作日" in dialog.description_label.text(), timeout=60_000)


def test_qt_standard_buttons_are_chinese(chinese, qtbot):
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question,
        "pushgui",
        "?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    texts = {box.button(b).text() for b in (QMessageBox.StandardButton.Yes,)}
    texts.add(box.button(QMessageBox.StandardButton.Cancel).text())
    assert texts == {"是(&Y)", "取消"}


def test_dates_use_the_chinese_calendar_words(chinese):
    from pushgui.ui.i18n import format_datetime

    assert format_datetime(datetime(2026, 12, 24, 9, 0), local=False) == (
        "2026年12月24日 周四 09:00"
    )


def test_english_dates_stay_as_they_were(qapp):
    from pushgui.ui import i18n

    i18n.install(qapp, "en")
    assert i18n.format_datetime(datetime(2026, 12, 24, 9, 0), local=False) == (
        "Thu 24 Dec 2026 09:00"
    )


# -- schedule descriptions read naturally in Chinese ---------------------------------------

DESCRIPTIONS = [
    (
        CalendarSpec(
            timezone=ZONE,
            times=(time(9),),
            day_rule="week_days",
            week_days=("mon", "tue", "wed", "thu", "fri"),
        ),
        "每个工作日 09:00（Asia/Shanghai）",
    ),
    (
        CalendarSpec(timezone=ZONE, times=(time(9),), day_rule="nth_weekday", nth=LAST),
        "每月最后一个周一 09:00（Asia/Shanghai）",
    ),
    (
        CalendarSpec(
            timezone=ZONE, times=(time(9),), day_rule="nth_weekday", nth=LAST, nth_weekday="sun"
        ),
        "每月最后一个周日 09:00（Asia/Shanghai）",
    ),
    (
        CalendarSpec(
            timezone=ZONE, times=(time(8),), day_rule="month_days", month_days=(25,), months=(12,)
        ),
        "每年 12 月 25 日 08:00（Asia/Shanghai）",
    ),
    (
        IntervalSpec(timezone=ZONE, every=2, unit="hours", start=datetime(2026, 11, 24, 9)),
        "每 2 小时，从 2026年11月24日 09:00 起（Asia/Shanghai）",
    ),
    (
        CalendarSpec(
            timezone=ZONE,
            times=(time(17), time(8, 30)),
            day_rule="week_days",
            week_days=("fri", "mon", "wed"),
        ),
        "每周一、三、五 08:30 和 17:00（Asia/Shanghai）",
    ),
    (
        CalendarSpec(
            timezone=ZONE, times=(time(10),), day_rule="nth_weekday", nth=2, nth_weekday="tue"
        ),
        "每月第 2 个周二 10:00（Asia/Shanghai）",
    ),
    (
        CalendarSpec(
            timezone=ZONE, times=(time(9),), day_rule="month_days", month_days=(1, 15, LAST)
        ),
        "每月 1 日、15 日和最后一天 09:00（Asia/Shanghai）",
    ),
    (
        CalendarSpec(
            timezone=ZONE,
            times=(time(9),),
            day_rule="week_days",
            week_days=("mon",),
            months=(1, 7),
            start_date=date(2027, 1, 1),
            end_date=date(2027, 12, 31),
        ),
        "1 月和 7 月的每周一 09:00，2027年1月1日 至 2027年12月31日（Asia/Shanghai）",
    ),
    (
        CalendarSpec(
            timezone=ZONE, times=(time(9),), day_rule="month_days", month_days=(LAST,), months=(2,)
        ),
        "每年 2 月的最后一天 09:00（Asia/Shanghai）",
    ),
    (
        OnceSpec(timezone=ZONE, at=datetime(2026, 12, 24, 9)),
        "仅一次：2026年12月24日 周四 09:00（Asia/Shanghai）",
    ),
    (
        IntervalSpec(
            timezone=ZONE,
            every=1,
            unit="days",
            start=datetime(2026, 11, 24, 9),
            end=datetime(2026, 12, 31, 18),
        ),
        "每天 09:00，从 2026年11月24日 起，到 2026年12月31日 18:00 为止（Asia/Shanghai）",
    ),
    (
        IntervalSpec(timezone=ZONE, every=1, unit="weeks", start=datetime(2026, 11, 24, 9)),
        "每周二 09:00，从 2026年11月24日 起（Asia/Shanghai）",
    ),
    (
        CalendarSpec(timezone=ZONE, crontab="0 9 * * mon,fri"),
        "Crontab 表达式“0 9 * * mon,fri”：每周一、五 09:00（Asia/Shanghai）",
    ),
]


@pytest.mark.parametrize(("spec", "expected"), DESCRIPTIONS, ids=[e for _, e in DESCRIPTIONS])
def test_schedules_are_described_in_natural_chinese(chinese, spec, expected):
    from pushgui.ui import i18n

    assert describe(spec, i18n.language()) == expected


def test_descriptions_switch_back_to_english(chinese, qapp):
    from pushgui.ui import i18n

    spec = DESCRIPTIONS[0][0]
    assert describe(spec, i18n.language()) == "每个工作日 09:00（Asia/Shanghai）"
    i18n.install(qapp, "en")
    assert describe(spec, i18n.language()) == "Every weekday at 09:00 (Asia/Shanghai)"
