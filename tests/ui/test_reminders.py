"""Reminders people can act on: snooze from the reminder window (and from a tray
notification), and the heads-up window before a push goes to other people. The real
runtime (database, scheduler, engine) runs; reminders come through the real desktop channel."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pushgui.core.channels.config import DingTalkConfig
from pushgui.core.pushes.spec import Target
from pushgui.core.runs.headsup import announce
from pushgui.core.runs.jobs import SHOW_SNOOZED, headsup_id, snooze_id
from pushgui.core.runs.snooze import run_snoozed, until_for
from pushgui.core.store.models import Run
from pushgui.ui.reminders.headsup import HeadsUpWindow
from pushgui.ui.reminders.window import Reminder, ReminderWindow
from tests.helpers import weekdays_at_nine
from tests.notification_server import notification_server_fixture  # noqa: F401
from tests.servers import DINGTALK_SECRET, DINGTALK_TOKEN
from tests.ui import test_main_window
from tests.ui.test_main_window import make_shell

# The window tests' fixtures: the real runtime, and reminder windows closed after each test.
runtime = test_main_window.runtime
close_reminders = test_main_window.close_reminders


@pytest.fixture(autouse=True)
def close_heads_up(qapp):
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, HeadsUpWindow):
            widget.close()


def visible(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def snooze_jobs(rt, push_id):
    return [j for j in rt.scheduler.get_jobs() if j.id.startswith(f"{push_id}:snooze:")]


def test_snoozing_a_shown_reminder_schedules_it_and_it_comes_back(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    push_id = rt.service.create(weekdays_at_nine("Stretch"))
    shell.desktop_sender.reminder_due.emit(push_id, "Stretch", "Stand up", "And stretch")
    qtbot.waitUntil(lambda: len(visible(ReminderWindow)) == 1)
    [window] = visible(ReminderWindow)
    assert window.snooze_box.isVisible() and window.dismiss_button.isDefault()

    window.choose("5min")
    before = datetime.now(UTC).replace(microsecond=0)
    with qtbot.waitSignal(shell.presenter.snoozed) as snoozed:
        qtbot.mouseClick(window.snooze_button, Qt.MouseButton.LeftButton)
    after = datetime.now(UTC)
    qtbot.waitUntil(lambda: not visible(ReminderWindow))
    until = snoozed.args[1]
    # Five minutes from the click, on a whole second, however long the click took.
    assert before + timedelta(minutes=5) <= until <= after + timedelta(minutes=5)
    assert until.microsecond == 0
    [job] = snooze_jobs(rt, push_id)
    assert job.id == snooze_id(push_id, until)
    assert job.func_ref == SHOW_SNOOZED and job.next_run_time == until
    assert job.args == (push_id, "Stand up", "And stretch")

    # Made due: the scheduler runs it and the same reminder is shown again.
    rt.scheduler.modify_job(job.id, next_run_time=datetime.now(UTC))
    qtbot.waitUntil(lambda: len(visible(ReminderWindow)) == 1, timeout=60_000)
    [again] = visible(ReminderWindow)
    assert again is not window
    shown = again.reminder
    assert (shown.push_id, shown.push_name, shown.title, shown.body) == (
        push_id,
        "Stretch",
        "Stand up",
        "And stretch",
    )
    qtbot.waitUntil(lambda: not snooze_jobs(rt, push_id))
    with rt.db.session() as session:
        assert session.execute(select(Run.reason, Run.status)).one() == ("snooze", "ok")


def test_a_snooze_survives_a_restart(qtbot, runtime):
    first = runtime()
    shell = make_shell(qtbot, first)
    push_id = first.service.create(weekdays_at_nine("Pay rent"))
    window = shell.presenter.show_window(Reminder(push_id, "Pay rent", "Pay the rent", ""))
    window.choose("tomorrow")
    window.snooze()
    [job] = snooze_jobs(first, push_id)
    first.stop()

    second = runtime()
    [kept] = snooze_jobs(second, push_id)
    assert (kept.id, kept.next_run_time) == (job.id, job.next_run_time)
    local = kept.next_run_time.astimezone()
    shown = window.reminder.shown_at.astimezone()
    assert (local.hour, local.minute) == (shown.hour, shown.minute)
    assert local.date() == shown.date() + timedelta(days=1)


def test_a_custom_snooze_time_must_be_ahead(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    push_id = rt.service.create(weekdays_at_nine())
    window = shell.presenter.show_window(Reminder(push_id, "Standup", "Standup", ""))
    qtbot.addWidget(window)
    window.choose("custom")
    assert window.custom_edit.isVisible()
    window.custom_edit.setMinimumDateTime(QDateTime.currentDateTime().addDays(-1))
    window.custom_edit.setDateTime(QDateTime.currentDateTime().addSecs(-600))
    window.snooze()
    assert window.isVisible() and window.snooze_error.isVisible()
    assert snooze_jobs(rt, push_id) == []

    at = QDateTime.currentDateTime().addSecs(2 * 3600)
    window.custom_edit.setDateTime(at)
    window.snooze()
    [job] = snooze_jobs(rt, push_id)
    assert abs(job.next_run_time.timestamp() - at.toSecsSinceEpoch()) < 1


# The presenter's clock: a fixed moment ahead, so a snooze from it is not due at once.
# Deadlines that only bound a hang (D-Bus round trips, a scheduler pass) on a busy machine.
WAIT = 20_000
NOW = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=2)


def notifying_shell(qtbot, rt, server, tray=True):
    """A shell whose reminders go to ``server`` (a notification service), at a fixed clock."""
    shell = make_shell(qtbot, rt, tray=tray)
    shell.presenter.set_notifier(server.notifier(shell))
    shell.presenter.clock = lambda: NOW
    return shell


def open_titles(shell):
    """The open reminders as the main window's status bar and the tray menu list them."""
    window = [a.text() for a in shell.window.reminders_menu.actions()]
    button = shell.window.reminders_button
    tray = shell.tray
    assert [a.text() for a in tray.reminders_menu.actions()] == window
    assert tray.reminders_action.isVisible() == button.isVisibleTo(shell.window) == bool(window)
    return [text.split("  (")[0] for text in window]


def test_a_due_reminder_is_a_lasting_notification_with_its_message_and_actions(
    qtbot, runtime, notification_server
):
    server = notification_server()
    rt = runtime()
    shell = notifying_shell(qtbot, rt, server)
    push_id = rt.service.create(weekdays_at_nine("Water"))
    shell.desktop_sender.reminder_due.emit(push_id, "Water", "Drink water", "A <big> glass & go")

    qtbot.waitUntil(lambda: len(server.shown) == 1, timeout=WAIT)
    [shown] = server.shown
    assert (shown.app, shown.summary) == ("pushgui", "Drink water")
    assert shown.body == "A &lt;big&gt; glass &amp; go"  # the server reads markup
    assert list(shown.actions) == [
        "done",
        "snooze-5min",
        "snooze-1h",
        "snooze-tomorrow",
        "open",
        "default",
    ]
    assert shown.actions["done"] == "Done" and shown.actions["snooze-5min"] == "Snooze 5 min"
    assert shown.timeout == 0 and shown.hints == {"resident": True, "urgency": 2}
    assert visible(ReminderWindow) == []
    assert open_titles(shell) == ["Drink water"]
    assert shell.window.reminders_button.text() == "Open reminders (1)"
    assert shell.tray.reminders_menu.title() == "Open reminders (1)"


def test_snooze_from_the_notification_and_the_reminder_comes_back(
    qtbot, runtime, notification_server
):
    server = notification_server()
    rt = runtime()
    shell = notifying_shell(qtbot, rt, server)
    push_id = rt.service.create(weekdays_at_nine("Stretch"))
    shell.desktop_sender.reminder_due.emit(push_id, "Stretch", "Stand up", "And stretch")
    qtbot.waitUntil(lambda: len(server.shown) == 1, timeout=WAIT)

    with qtbot.waitSignal(shell.presenter.snoozed, timeout=WAIT) as snoozed:
        server.invoke(server.shown[0].id, "snooze-5min")
    assert snoozed.args == [push_id, NOW + timedelta(minutes=5)]
    [job] = snooze_jobs(rt, push_id)
    assert job.next_run_time == NOW + timedelta(minutes=5)
    qtbot.waitUntil(
        lambda: server.open_ones() == [], timeout=WAIT
    )  # answered: taken off the screen
    assert server.closed_by_call == [server.shown[0].id]
    assert open_titles(shell) == []

    rt.scheduler.modify_job(job.id, next_run_time=datetime.now(UTC))
    qtbot.waitUntil(lambda: len(server.shown) == 2, timeout=WAIT)
    again = server.shown[1]
    assert (again.summary, again.body, again.timeout) == ("Stand up", "And stretch", 0)
    assert open_titles(shell) == ["Stand up"]


def test_snooze_until_tomorrow_and_done_from_the_notification(qtbot, runtime, notification_server):
    server = notification_server()
    rt = runtime()
    shell = notifying_shell(qtbot, rt, server)
    push_id = rt.service.create(weekdays_at_nine("Stretch"))
    for title in ("First", "Second"):
        shell.desktop_sender.reminder_due.emit(push_id, "Stretch", title, "")
    qtbot.waitUntil(lambda: len(server.shown) == 2, timeout=WAIT)
    assert open_titles(shell) == ["First", "Second"]
    assert shell.window.reminders_button.text() == "Open reminders (2)"

    with qtbot.waitSignal(shell.presenter.snoozed, timeout=WAIT) as snoozed:
        server.invoke(server.shown[0].id, "snooze-tomorrow")
    assert snoozed.args[1] == until_for("tomorrow", NOW)
    with qtbot.waitSignal(shell.presenter.open_changed, timeout=WAIT):
        server.invoke(server.shown[1].id, "done")
    assert open_titles(shell) == []
    assert len(snooze_jobs(rt, push_id)) == 1
    qtbot.waitUntil(lambda: server.open_ones() == [], timeout=WAIT)


def test_a_notification_the_server_dropped_leaves_the_reminder_open_in_tray_and_window(
    qtbot, runtime, notification_server
):
    server = notification_server()
    rt = runtime()
    shell = notifying_shell(qtbot, rt, server)
    push_id = rt.service.create(weekdays_at_nine("Pills"))
    shell.desktop_sender.reminder_due.emit(push_id, "Pills", "Take the pills", "Two of them")
    qtbot.waitUntil(lambda: len(server.shown) == 1, timeout=WAIT)

    server.expire(server.shown[0].id)  # the server let it time out all the same
    qtbot.waitUntil(lambda: not server.open_ones(), timeout=WAIT)
    assert open_titles(shell) == ["Take the pills"]

    shell.tray.reminders_menu.actions()[0].trigger()  # chosen from the tray menu
    [window] = visible(ReminderWindow)
    assert window.reminder.title == "Take the pills" and window.snooze_box.isVisible()
    assert open_titles(shell) == ["Take the pills"]  # still open until answered
    qtbot.mouseClick(window.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: open_titles(shell) == [], timeout=WAIT)


def test_open_from_the_notification_shows_the_window_and_a_dismissal_answers_it(
    qtbot, runtime, notification_server
):
    server = notification_server()
    rt = runtime()
    shell = notifying_shell(qtbot, rt, server)
    push_id = rt.service.create(weekdays_at_nine("Call"))
    shell.desktop_sender.reminder_due.emit(push_id, "Call", "Call mum", "")
    shell.desktop_sender.reminder_due.emit(push_id, "Call", "Call dad", "")
    qtbot.waitUntil(lambda: len(server.shown) == 2, timeout=WAIT)
    # No message: the body names the reminder (its name differs from the title).
    assert server.shown[0].body == "Call"

    server.invoke(server.shown[0].id, "open")
    qtbot.waitUntil(lambda: len(visible(ReminderWindow)) == 1, timeout=WAIT)
    [window] = visible(ReminderWindow)
    assert window.reminder.title == "Call mum"
    qtbot.waitUntil(lambda: [s.summary for s in server.open_ones()] == ["Call dad"], timeout=WAIT)

    server.dismiss(server.shown[1].id)  # the user closed it: seen, answered
    qtbot.waitUntil(lambda: open_titles(shell) == ["Call mum"], timeout=WAIT)
    window.close()
    qtbot.waitUntil(lambda: open_titles(shell) == [], timeout=WAIT)


def test_quitting_takes_the_reminders_off_the_screen(qtbot, runtime, notification_server):
    server = notification_server()
    rt = runtime()
    shell = notifying_shell(qtbot, rt, server)
    push_id = rt.service.create(weekdays_at_nine("Tea"))
    shell.desktop_sender.reminder_due.emit(push_id, "Tea", "Tea time", "")
    qtbot.waitUntil(lambda: len(server.open_ones()) == 1, timeout=WAIT)
    shell.quit()  # their Snooze and Done would do nothing once pushgui is gone
    qtbot.waitUntil(lambda: server.open_ones() == [], timeout=WAIT)
    assert server.closed_by_call == [server.shown[0].id]


def test_without_actions_or_with_the_popup_style_a_reminder_is_the_window(
    qtbot, runtime, notification_server
):
    server = notification_server(capabilities=("body",))
    rt = runtime()
    shell = notifying_shell(qtbot, rt, server)
    push_id = rt.service.create(weekdays_at_nine())
    shell.desktop_sender.reminder_due.emit(push_id, "Standup", "Standup now", "")
    qtbot.waitUntil(lambda: len(visible(ReminderWindow)) == 1, timeout=WAIT)
    assert server.shown == [] and open_titles(shell) == ["Standup now"]

    with_actions = notification_server()
    shell.presenter.set_notifier(with_actions.notifier(shell))
    shell.presenter.prefer_popup = True  # the "popup window" notification style
    shell.presenter.present(push_id, "Standup", "As a window", "")
    assert sorted(w.reminder.title for w in visible(ReminderWindow)) == [
        "As a window",
        "Standup now",
    ]
    assert with_actions.shown == []


@pytest.fixture
def room(runtime, fake):
    def make(rt):
        from pushgui.core.channels.book import ChannelBook

        channel_id = ChannelBook(rt.db, rt.secrets).save(
            "Room",
            DingTalkConfig(
                access_token=DINGTALK_TOKEN,
                secret=DINGTALK_SECRET,
                api_url=fake.url + "/robot/send",
            ),
        )
        return (Target("dingtalk", channel_id),)

    return make


def heads_up_push(rt, room, minutes=10):
    spec = weekdays_at_nine("Weekly report", days_ahead=3)
    spec = replace(spec, targets=room(rt), options=replace(spec.options, heads_up_minutes=minutes))
    push_id = rt.service.create(spec)
    return push_id, rt.scheduler.get_job(str(push_id)).next_run_time


def test_heads_up_window_skip_this_time(qtbot, runtime, room):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    push_id, due = heads_up_push(rt, room)
    assert rt.scheduler.get_job(headsup_id(push_id)).next_run_time == due - timedelta(minutes=10)
    assert (
        announce(push_id, due.timestamp(), context=rt.executor.context) == "shown"
    )  # what the heads-up job does
    qtbot.waitUntil(lambda: len(visible(HeadsUpWindow)) == 1)
    [window] = visible(HeadsUpWindow)
    assert "Weekly report" in window.windowTitle()
    assert window.skip_button.isEnabled() and window.send_now_button.isEnabled()

    qtbot.mouseClick(window.skip_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not visible(HeadsUpWindow))
    following = rt.scheduler.get_job(str(push_id)).next_run_time
    assert following > due
    with rt.db.session() as session:
        assert session.execute(select(Run.scheduled_at, Run.status)).one() == (due, "skipped")
    assert "skipped this time" in shell.window.statusBar().currentMessage()
    heads_up = rt.scheduler.get_job(headsup_id(push_id))
    assert heads_up.next_run_time == following - timedelta(minutes=10)


def test_heads_up_send_now_and_edit(qtbot, runtime, room):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    push_id, due = heads_up_push(rt, room)
    window = shell.headsup.present(push_id, "Weekly report", "Report", due.timestamp())
    qtbot.mouseClick(window.send_now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_runs(rt)) == 2 and _runs(rt)[1][0] != "running", timeout=60_000)
    assert _runs(rt) == [("skipped", "schedule"), ("ok", "manual")]
    assert rt.scheduler.get_job(str(push_id)).next_run_time > due

    window = shell.headsup.present(push_id, "Weekly report", "Report", due.timestamp())
    qtbot.mouseClick(window.edit_button, Qt.MouseButton.LeftButton)
    editor = shell.window.editor
    assert editor is not None and editor.isVisible()
    assert editor.name_edit.text() == "Weekly report"
    editor.reject()


def test_heads_up_once_due_no_longer_offers_skip(qtbot):
    due = datetime.now(UTC) + timedelta(minutes=10)
    window = HeadsUpWindow(1, "Weekly report", "Report", due)
    qtbot.addWidget(window)
    assert window.status_label.text() == "In 10 minutes. Nothing is sent before then."
    window.update_status(due + timedelta(seconds=1))
    assert not window.skip_button.isEnabled() and not window.send_now_button.isEnabled()
    assert window.edit_button.isEnabled()


def _runs(rt):
    with rt.db.session() as session:
        return [tuple(r) for r in session.execute(select(Run.status, Run.reason).order_by(Run.id))]


def test_screenshots_of_the_reminder_and_heads_up_windows(qtbot):
    reminder = ReminderWindow("Stretch", "Stand up and stretch", "Two minutes, every hour.", 1)
    qtbot.addWidget(reminder)
    reminder.show()
    qtbot.waitExposed(reminder)
    assert reminder.grab().save("/tmp/ui_reminder.png")
    reminder.choose("custom")
    assert reminder.grab().save("/tmp/ui_reminder_custom.png")
    window = HeadsUpWindow(
        1,
        "Weekly report",
        "Weekly report: numbers for week 48",
        datetime.now(UTC) + timedelta(minutes=10),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.grab().save("/tmp/ui_headsup.png")
    assert run_snoozed  # imported for the module's API surface


def test_an_unanswered_reminder_comes_back_after_a_restart_until_it_is_answered(
    qtbot, runtime, notification_server
):
    server = notification_server()
    first = runtime()
    shell = notifying_shell(qtbot, first, server)
    push_id = first.service.create(weekdays_at_nine("Tea"))
    shell.desktop_sender.reminder_due.emit(push_id, "Tea", "Tea time", "Green, not black")
    shell.desktop_sender.reminder_due.emit(push_id, "Tea", "Answered", "")
    qtbot.waitUntil(lambda: len(server.shown) == 2, timeout=WAIT)
    with qtbot.waitSignal(shell.presenter.open_changed, timeout=WAIT):
        server.invoke(server.shown[1].id, "done")
    shell.quit()
    qtbot.waitUntil(lambda: server.open_ones() == [], timeout=WAIT)
    first.stop()

    second = runtime()
    again = notifying_shell(qtbot, second, server)
    assert open_titles(again) == []
    again.presenter.restore()
    again.presenter.restore()  # shown once however often it is asked
    qtbot.waitUntil(lambda: len(server.open_ones()) >= 1, timeout=WAIT)
    [shown] = server.open_ones()
    assert (shown.summary, shown.body, shown.timeout) == ("Tea time", "Green, not black", 0)
    assert "snooze-5min" in shown.actions and "done" in shown.actions
    assert open_titles(again) == ["Tea time"]  # in the tray menu and the main window
    [reminder] = again.presenter.open_reminders
    assert reminder.push_id == push_id

    with qtbot.waitSignal(again.presenter.snoozed, timeout=WAIT):
        server.invoke(shown.id, "snooze-1h")  # its buttons work in the new run
    assert len(snooze_jobs(second, push_id)) == 1
    assert open_titles(again) == []
    again.quit()
    second.stop()

    third = runtime()
    last = notifying_shell(qtbot, third, server)
    last.presenter.restore()
    assert open_titles(last) == []  # answered: not shown again
    assert server.open_ones() == []


def test_without_a_notification_service_a_kept_reminder_comes_back_as_its_window(qtbot, runtime):
    first = runtime()
    shell = make_shell(qtbot, first)
    push_id = first.service.create(weekdays_at_nine("Stretch"))
    shell.desktop_sender.reminder_due.emit(push_id, "Stretch", "Stand up", "And stretch")
    qtbot.waitUntil(lambda: len(visible(ReminderWindow)) == 1)
    shell.quit()
    [window] = visible(ReminderWindow)
    with qtbot.waitSignal(window.destroyed, timeout=WAIT):
        window.close()  # torn down as the process ends: gone, not answered
    first.stop()

    second = runtime()
    again = make_shell(qtbot, second)
    again.presenter.restore()
    [window] = visible(ReminderWindow)
    assert (window.reminder.title, window.reminder.body) == ("Stand up", "And stretch")
    assert [r.title for r in again.presenter.open_reminders] == ["Stand up"]
