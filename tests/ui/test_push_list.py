"""The reminder list tells what is next: relative next runs in one stated zone, who receives
each reminder, finished one-offs greyed (and hidden on request), the next due reminder in the
status bar and the tray's tooltip, and columns wide enough for what they show (English and
Chinese). The clock is the model's, set by each test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from pushgui.core.channels.config import DingTalkConfig, EmailConfig
from pushgui.core.people.contacts import ContactRecord, GroupRecord
from pushgui.core.pushes.spec import Target
from pushgui.ui.main.push_model import ENABLED, NAME, NEXT_RUN, RECIPIENTS
from pushgui.ui.widgets.when import format_when, relative_when, utc_offset, zone_label
from tests.helpers import once_in, weekdays_at_nine
from tests.ui import test_main_window
from tests.ui.test_main_window import cell, make_shell

runtime = test_main_window.runtime
close_reminders = test_main_window.close_reminders


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    from pushgui.ui import i18n

    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


def test_next_runs_read_relative_and_the_next_due_is_in_status_bar_and_tray(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt, tray=True)
    rt.service.create(weekdays_at_nine("Standup"))
    window = shell.window
    window.reload()
    [row] = rt.service.rows()
    due = row.next_run

    for ahead, text in (
        (timedelta(minutes=45), "in 45 min"),
        (timedelta(seconds=30), "in 1 min"),
        (timedelta(0), "now"),
    ):
        window.model.clock = lambda ahead=ahead: due - ahead
        window.tick()
        assert cell(window, 0, NEXT_RUN) == text
        assert window.next_label.text() == f"Next: Standup, {text}"
        assert shell.tray.toolTip() == f"pushgui\nNext: Standup, {text}"
    index = window.proxy.index(0, NEXT_RUN)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == format_when(due)

    # One stated zone: this computer's, in the header and its tooltip.
    model = window.model
    here = ZoneInfo(model.zone)
    assert model.headerData(NEXT_RUN, Qt.Orientation.Horizontal) == (
        f"Next run ({utc_offset(here, datetime.now(UTC))})"
    )
    tip = model.headerData(NEXT_RUN, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert zone_label(model.zone, model.clock()) in tip and "Etc/" not in tip

    shell.pause_all(True)
    qtbot.waitUntil(lambda: shell.tray.toolTip() == "pushgui (paused)")


def test_relative_times_in_english_and_chinese(qapp):
    from pushgui.ui import i18n

    here = datetime(2026, 3, 2, 8, 0).astimezone()  # a Monday morning, this machine's zone
    cases = [
        (here + timedelta(minutes=45), "in 45 min", "45 分钟后"),
        (here.replace(hour=18, minute=0), "today 18:00", "今天 18:00"),
        (here + timedelta(days=1, hours=1), "tomorrow 09:00", "明天 09:00"),
        (here + timedelta(days=3, hours=1), "Thu 09:00", "周四 09:00"),
    ]
    for moment, english, _ in cases:
        assert relative_when(moment, here) == english
    i18n.install(qapp, "zh_CN")
    try:
        for moment, _, chinese in cases:
            assert relative_when(moment, here) == chinese
    finally:
        i18n.install(qapp, "en")
    assert zone_label("Asia/Shanghai", here) == "Shanghai (UTC+8)"
    assert zone_label("Etc/UTC", here) == "UTC"
    assert zone_label("Etc/GMT-12", here) == "UTC+12"
    assert zone_label("Asia/Kolkata", here) == "Kolkata (UTC+5:30)"


def test_the_last_result_reads_in_the_language_with_its_own_separator(qtbot, runtime, language):
    from pushgui.core.store.models import Run
    from pushgui.ui.main.push_model import LAST_RESULT

    rt = runtime()
    shell = make_shell(qtbot, rt)
    push_id = rt.service.create(weekdays_at_nine("Standup"))
    when = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with rt.db.session() as session:
        session.add(
            Run(push_id=push_id, scheduled_at=when, started_at=when, finished_at=when, status="ok")
        )
    shell.window.reload()
    expected = {"en": "Sent, {}", "zh_CN": "已发送，{}"}[language]
    assert cell(shell.window, 0, LAST_RESULT) == expected.format(format_when(when))


def test_recipients_column_says_who_receives_each_reminder(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    ids = shell.contacts.save_many(
        [ContactRecord(name, f"{name.lower()}@example.com") for name in ("Ann", "Bob", "Cy")]
    )
    team = shell.contacts.save_group(GroupRecord("Team", tuple(ids)))
    mail = shell.channels.save(
        "Office mail", EmailConfig(host="smtp.example.com", sender_address="me@example.com")
    )
    room = shell.channels.save("Team room", DingTalkConfig(access_token="x", secret=""))
    spec = weekdays_at_nine("Report")
    rt.service.create(
        spec.__class__(
            spec.name,
            spec.message,
            spec.trigger,
            targets=(Target(), Target("email", mail, (), (team,)), Target("dingtalk", room)),
        )
    )
    rt.service.create(
        spec.__class__("Two", spec.message, spec.trigger, targets=(Target("email", mail, ids[:2]),))
    )
    shell.window.reload()
    texts = {cell(shell.window, r, NAME): cell(shell.window, r, RECIPIENTS) for r in range(2)}
    assert texts == {
        "Report": "Me, 3 people (Office mail), Team room",
        "Two": "Ann, Bob (Office mail)",
    }


def test_a_finished_one_off_is_greyed_not_ticked_and_can_be_hidden(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    window = shell.window
    rt.service.create(weekdays_at_nine("Standup"))
    push_id = rt.service.create(once_in(1, "Call Ann"))
    window.reload()
    qtbot.waitUntil(lambda: rt.service.rows([push_id])[0].last_status == "ok", timeout=30_000)
    window.refresh_ids({push_id})
    finished = window.proxy.mapFromSource(window.model.index_of(push_id)).row()
    assert cell(window, finished, NEXT_RUN) == "Done"
    enabled = window.proxy.index(finished, ENABLED)
    assert enabled.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert not enabled.flags() & Qt.ItemFlag.ItemIsUserCheckable
    grey = window.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert enabled.data(Qt.ItemDataRole.ForegroundRole).color() == grey.color()
    assert finished == 1  # after the one still to come

    window.show_finished_box.setChecked(False)
    assert window.proxy.rowCount() == 1 and cell(window, 0, NAME) == "Standup"
    window.show_finished_box.setChecked(True)
    assert window.proxy.rowCount() == 2


def test_columns_fit_what_they_show_at_the_default_size(qtbot, runtime, language):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    for minutes in (1, 90, 60 * 24 * 3):
        spec = once_in(minutes * 60, f"Reminder in {minutes} min")
        rt.service.create(spec)
    rt.service.create(weekdays_at_nine("Weekly standup with everyone"))
    window = shell.window
    window.reload()
    header = window.table.horizontalHeader()
    for column in range(window.model.columnCount()):
        needed = max(window.table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) >= needed, (language, column)


def test_the_history_window_follows_runs_by_itself(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    history = shell.show_history()
    qtbot.waitExposed(history)
    assert history.model.rowCount() == 0
    rt.service.create(once_in(1, "Call Ann"))
    # Nobody calls refresh(): the window hears of the run from the engine.
    qtbot.waitUntil(
        lambda: history.model.rowCount() == 1 and history.model.index(0, 5).data() == "Sent",
        timeout=30_000,
    )
    assert history.model.index(0, 1).data() == "Call Ann"
