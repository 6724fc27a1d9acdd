"""The main window driven like a user: create through the real dialog, edit, pause, delete,
restart, and watch a reminder fire. The real runtime (database, scheduler, engine) runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from sqlalchemy import select

from pushgui.app import Runtime, start_runtime, wire_shell
from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import WebhookConfig
from pushgui.core.store.models import Run
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.paths import locate
from pushgui.ui.dialogs.start_questions import ASK_MISSED_KEY
from pushgui.ui.main.push_model import ENABLED, LAST_RESULT, NAME, NEXT_RUN, SCHEDULE
from pushgui.ui.reminders.window import ReminderWindow
from pushgui.ui.shell import TRAY_NOTICE_KEY, DesktopShell
from pushgui.ui.widgets.when import format_when, relative_when
from tests.helpers import once_in, weekdays_at_nine


@pytest.fixture(autouse=True)
def close_reminders(qapp):
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ReminderWindow):
            widget.close()


@pytest.fixture
def runtime(qapp, data_dir):
    started: list[Runtime] = []

    def start(paused: bool = False) -> Runtime:
        rt = start_runtime(locate(data_dir), paused=paused)
        started.append(rt)
        return rt

    yield start
    for rt in started:
        if rt.scheduler.running:
            rt.stop()


def make_shell(qtbot, rt: Runtime, tray: bool = False) -> DesktopShell:
    shell = DesktopShell(
        rt.service,
        rt.scheduler,
        rt.bridge,
        SettingsStore(rt.db),
        books=rt.books,
        tray_available=tray,
        backups=rt.backups,
    )
    wire_shell(rt, shell)  # as the application does
    qtbot.addWidget(shell.window)
    shell.window.show()
    qtbot.waitExposed(shell.window)
    return shell


def test_a_secrets_mode_chosen_in_the_channels_window_is_what_later_sends_read(qtbot, runtime):
    keyring.set_keyring(fail.Keyring())  # no keyring: the window asks (memory_keyring restores)
    rt = runtime()
    shell = make_shell(qtbot, rt)
    window = shell.show_channels()
    qtbot.addWidget(window)
    with qtbot.waitSignal(shell.secrets_changed):
        qtbot.mouseClick(window.banner.file_button, Qt.MouseButton.LeftButton)
    hook = shell.channels.save("Hook", WebhookConfig(url="https://hooks.example/typed"))
    # Without a restart, the job functions and the delivery engine read the chosen store,
    # through a channel book of their own as a run does.
    for store in (rt.executor.context.secrets, rt.engine.delivering.secrets):
        assert ChannelBook(rt.db, store).config(hook).url == "https://hooks.example/typed"


def cell(window, row: int, column: int) -> str:
    return window.proxy.index(row, column).data() or ""


def fill_new_reminder(qtbot, dialog, name: str, title: str) -> None:
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.keyClicks(dialog.title_edit, title)
    dialog.kind_buttons["calendar"].click()
    dialog.calendar_editor.set_preset("weekdays")


def test_create_edit_pause_and_delete_through_the_window(qtbot, runtime):
    shell = make_shell(qtbot, runtime())
    window = shell.window
    assert window.empty_hint.isVisible()

    dialog = window.new_push()
    fill_new_reminder(qtbot, dialog, "Standup", "Standup in 10 minutes")
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    qtbot.waitUntil(lambda: "weekday" in dialog.description_label.text())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1)
    assert not window.empty_hint.isVisible()
    assert cell(window, 0, NAME) == "Standup"
    assert cell(window, 0, SCHEDULE).startswith("Every weekday at 09:00")
    [row] = window.service.rows()
    assert cell(window, 0, NEXT_RUN) == relative_when(row.next_run, window.model.clock())
    tooltip = window.proxy.index(0, NEXT_RUN).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == format_when(row.next_run)
    assert cell(window, 0, LAST_RESULT) == "Not run yet"
    assert window.selected_id() is not None

    # Edit: double-clicking opens the editor with the saved values.
    index = window.proxy.index(0, NAME)
    where = window.table.visualRect(index).center()
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(
        window.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.table.visualRect(index).center(),
    )
    editor = window.editor
    assert editor is not None and editor.isVisible()
    assert editor.name_edit.text() == "Standup"
    editor.name_edit.clear()
    qtbot.keyClicks(editor.name_edit, "Daily standup")
    qtbot.waitUntil(editor.save_button.isEnabled)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(window, 0, NAME) == "Daily standup")

    # Pause and resume from the toolbar action (Ctrl+P).
    window.table.setFocus()
    window.toggle_action.trigger()
    qtbot.waitUntil(lambda: cell(window, 0, NEXT_RUN) == "Paused")
    assert (
        window.proxy.index(0, ENABLED).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Unchecked
    )
    assert window.toggle_action.text() == "Re&sume"
    window.toggle_action.trigger()
    qtbot.waitUntil(lambda: cell(window, 0, NEXT_RUN) != "Paused")

    # Delete asks first; Cancel keeps it, Delete removes it.
    box = window.changes.delete_selected()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.proxy.rowCount() == 1
    box = window.changes.delete_selected()
    [delete] = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ]
    delete.click()
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 0)
    assert window.service.rows() == []


def test_invalid_input_keeps_save_disabled(qtbot, runtime):
    shell = make_shell(qtbot, runtime())
    dialog = shell.window.new_push()
    qtbot.keyClicks(dialog.title_edit, "No name given")
    qtbot.waitUntil(lambda: not dialog.save_button.isEnabled())
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.name_error.isVisible()  # Save was tried: the missing name is said
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert shell.window.service.rows() == []


def test_filter_duplicate_and_run_now(qtbot, runtime):
    rt = runtime()
    for name in ("Water the plants", "Pay rent", "Standup"):
        rt.service.create(weekdays_at_nine(name))
    shell = make_shell(qtbot, rt)
    window = shell.window
    window.find_action.trigger()
    assert window.focusWidget() is window.filter_box
    qtbot.keyClicks(window.filter_box, "RENT")
    assert window.proxy.rowCount() == 1 and cell(window, 0, NAME) == "Pay rent"
    window.filter_box.clear()
    assert window.proxy.rowCount() == 3

    window.select_id(window.model.ids()[0])
    window.duplicate_action.trigger()
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 4)
    assert any(cell(window, r, NAME).endswith("(copy)") for r in range(4))

    window.select_id(window.model.ids()[1])
    window.run_now_action.trigger()
    qtbot.waitUntil(
        lambda: (
            "Sent"
            in cell(
                window,
                window.proxy.mapFromSource(window.model.index_of(window.model.ids()[1])).row(),
                LAST_RESULT,
            )
        ),
        timeout=5000,
    )


def test_restart_sees_the_same_push_with_the_same_next_run(qtbot, runtime):
    first = runtime()
    push_id = first.service.create(weekdays_at_nine("Survives restarts"))
    [before] = first.service.rows()
    first.stop()

    second = runtime()
    shell = make_shell(qtbot, second)
    [after] = second.service.rows()
    assert (after.id, after.name, after.next_run) == (push_id, "Survives restarts", before.next_run)
    assert cell(shell.window, 0, NAME) == "Survives restarts"


def test_a_due_push_fires_shows_a_reminder_window_and_updates_the_row(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    spec = once_in(1.5, "Stand up and stretch")
    push_id = rt.service.create(spec)
    shell.window.refresh_ids({push_id})

    def reminder_windows():
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ReminderWindow) and w.isVisible()
        ]

    qtbot.waitUntil(lambda: len(reminder_windows()) == 1, timeout=60_000)
    [window] = reminder_windows()
    assert "Stand up and stretch" in window.windowTitle()
    assert bool(window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
    qtbot.waitUntil(lambda: cell(shell.window, 0, LAST_RESULT).startswith("Sent"), timeout=60_000)
    assert cell(shell.window, 0, NEXT_RUN) == "Done"

    with rt.db.session() as session:
        [run] = session.execute(select(Run)).scalars()
    due = spec.trigger.at.replace(tzinfo=ZoneInfo(spec.trigger.timezone))
    assert run.scheduled_at == due
    assert due <= run.started_at  # never early; how late is for bench/long_wait.py
    window.close()


def test_closing_with_a_tray_hides_and_says_so_once(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt, tray=True)
    with qtbot.waitSignal(shell.window.hidden_to_tray):
        shell.window.close()
    assert not shell.window.isVisible()
    assert rt.scheduler.running
    assert SettingsStore(rt.db).get(TRAY_NOTICE_KEY) is True
    shell.show_window()
    assert shell.window.isVisible()


def test_closing_without_a_tray_quits(qtbot, runtime):
    shell = make_shell(qtbot, runtime(), tray=False)
    with qtbot.waitSignal(shell.window.quit_requested):
        shell.window.close()


def test_pause_all_pauses_the_scheduler_and_resume_restarts_it(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    with qtbot.waitSignal(rt.bridge.scheduler_state_changed) as paused:
        shell.pause_all(True)
    assert paused.args == [False]
    with qtbot.waitSignal(rt.bridge.scheduler_state_changed) as resumed:
        shell.pause_all(False)
    assert resumed.args == [True]


def test_tray_menu_pauses_opens_the_editor_and_shows_the_window(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt, tray=True)
    tray = shell.tray
    assert tray is not None
    assert [a.text() for a in tray.menu.actions() if a.text()] == [
        "Show pushgui",
        "New reminder…",
        "Pause all",
        "Quit",
    ]
    with qtbot.waitSignal(rt.bridge.scheduler_state_changed):
        tray.pause_action.trigger()
    assert tray.pause_action.text() == "Resume" and "paused" in tray.toolTip()
    assert rt.scheduler.next_wakeup_in() is None
    with qtbot.waitSignal(rt.bridge.scheduler_state_changed):
        tray.pause_action.trigger()
    assert tray.pause_action.text() == "Pause all"

    shell.window.hide()
    tray.new_action.trigger()
    assert shell.window.isVisible()
    assert shell.window.editor is not None and shell.window.editor.isVisible()
    shell.window.editor.reject()

    shell.window.hide()
    shell.on_message("show")
    assert shell.window.isVisible()
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()


def test_a_reconcile_message_schedules_pushes_imported_from_the_command_line(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    [push_id] = rt.service.save_new([weekdays_at_nine("From the CLI")])
    assert rt.scheduler.get_job(str(push_id)) is None
    shell.on_message("reconcile")
    assert rt.scheduler.get_job(str(push_id)) is not None
    assert cell(shell.window, 0, NAME) == "From the CLI"


def test_tools_menu_opens_contacts_channels_and_history(qtbot, runtime):
    shell = make_shell(qtbot, runtime())
    window = shell.window
    tools = next(m for m in window.menuBar().actions() if m.text() == "&Tools").menu()
    assert [a.text() for a in tools.actions()] == [
        "&Contacts…",
        "Cha&nnels…",
        "&History…",
        "&Own days off and working days…",
        "",
        "&Settings…",
    ]
    window.contacts_action.trigger()
    window.channels_action.trigger()
    window.history_action.trigger()
    for opened in (shell.contacts_window, shell.channels_window, shell.history_window):
        assert opened is not None and opened.isVisible()
        qtbot.addWidget(opened)
    shell.quit()
    assert not shell.history_window.isVisible()


def test_a_permanent_failure_is_announced_and_opens_the_history_at_it(qtbot, runtime, fake):
    from dataclasses import replace

    from pushgui.core.channels.config import DingTalkConfig
    from pushgui.core.pushes.spec import Target
    from tests.servers import DINGTALK_TOKEN

    rt = runtime()
    shell = make_shell(qtbot, rt, tray=True)
    bot = shell.channels.save(
        "Room",
        DingTalkConfig(
            access_token=DINGTALK_TOKEN, secret="SECwrong", api_url=fake.url + "/robot/send"
        ),
    )
    push_id = rt.service.create(
        replace(weekdays_at_nine("Report"), targets=(Target("dingtalk", bot),))
    )
    rt.service.run_now(push_id)
    qtbot.waitUntil(
        lambda: "could not be delivered" in shell.window.statusBar().currentMessage(),
        timeout=60_000,
    )
    assert "sign not match" in shell.window.statusBar().currentMessage()
    assert shell.failures.notified_delivery is not None
    shell.tray.messageClicked.emit()
    history = shell.history_window
    assert history is not None and history.isVisible()
    qtbot.addWidget(history)
    assert history.selected_id() == shell.failures.notified_delivery


def _missed_three_hours(rt):
    from dataclasses import replace as _replace

    from pushgui.core.pushes.spec import PushOptions
    from tests.helpers import every_minutes

    spec = every_minutes(60, datetime.now(UTC) - timedelta(hours=5), name="Hourly")
    push_id = rt.service.create(_replace(spec, options=PushOptions(missed="all")))
    rt.scheduler.modify_job(
        str(push_id), next_run_time=datetime.now(UTC) - timedelta(hours=2, minutes=30)
    )
    return push_id


def test_at_start_the_window_asks_about_missed_runs_before_sending_any(qtbot, runtime):
    first = runtime()
    _missed_three_hours(first)
    first.stop()
    rt = runtime(paused=True)
    shell = make_shell(qtbot, rt)
    shell.start()
    dialog = shell.questions.missed_dialog
    assert dialog is not None and dialog.isVisible()
    assert rt.scheduler.next_wakeup_in() is None  # still paused: nothing sent yet
    assert len(dialog.decisions()) == 3
    qtbot.mouseClick(dialog.skip_all_button, Qt.MouseButton.LeftButton)
    assert set(dialog.decisions().values()) == {"skip"}
    dialog.accept()
    qtbot.waitUntil(lambda: shell.questions.missed_dialog is None)
    qtbot.waitUntil(lambda: rt.scheduler.next_wakeup_in() is not None)  # running again
    with rt.db.session() as session:
        statuses = sorted(r.status for r in session.execute(select(Run)).scalars())
    assert statuses == ["skipped"] * 3


def test_dont_ask_again_lets_each_push_decide_next_time(qtbot, runtime):
    first = runtime()
    _missed_three_hours(first)
    first.stop()
    rt = runtime(paused=True)
    shell = make_shell(qtbot, rt)
    shell.start()
    shell.questions.missed_dialog.dont_ask_box.setChecked(True)
    shell.questions.missed_dialog.reject()
    qtbot.waitUntil(lambda: shell.questions.missed_dialog is None)
    assert SettingsStore(rt.db).get(ASK_MISSED_KEY) is False
    # Rejected: the push's own setting ("send every missed time") decides.
    qtbot.waitUntil(lambda: _count_runs(rt, "ok") == 3, timeout=60_000)


def _count_runs(rt, status):
    with rt.db.session() as session:
        return sum(1 for r in session.execute(select(Run)).scalars() if r.status == status)


def test_waking_from_sleep_pauses_and_asks(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    _missed_three_hours(rt)
    rt.scheduler.pause()
    shell.questions.on_clock_jump(3 * 3600.0)
    qtbot.waitUntil(
        lambda: (
            shell.questions.missed_dialog is not None and shell.questions.missed_dialog.isVisible()
        )
    )
    assert rt.scheduler.next_wakeup_in() is None
    shell.questions.missed_dialog.reject()
    qtbot.waitUntil(lambda: shell.questions.missed_dialog is None)
    qtbot.waitUntil(lambda: rt.scheduler.next_wakeup_in() is not None)


def test_interrupted_deliveries_are_listed_at_start(qtbot, runtime):
    from sqlalchemy import update

    from pushgui.core.store.models import Delivery

    first = runtime()
    push_id = first.service.create(weekdays_at_nine("Cut short"))
    first.service.run_now(push_id)
    qtbot.waitUntil(lambda: _count_runs(first, "ok") == 1, timeout=60_000)
    with first.db.session() as session:  # as a power cut in the middle of sending leaves it
        session.execute(update(Delivery).values(status="sending"))
        session.execute(update(Run).values(status="running"))
    first.stop()
    rt = runtime(paused=True)
    shell = make_shell(qtbot, rt)
    shell.start()
    dialog = shell.questions.interrupted_dialog
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(dialog.dismiss_requested):
        dialog.dismiss_checked()
    with rt.db.session() as session:
        assert session.execute(select(Delivery.status)).scalar_one() == "skipped"


def test_a_new_reminder_starts_with_the_defaults_chosen_in_settings(qtbot, runtime):
    from pushgui.core.channels.config import SlackConfig
    from pushgui.core.pushes.spec import Target
    from pushgui.core.system.preferences import Preferences

    rt = runtime()
    shell = make_shell(qtbot, rt)
    room = shell.channels.save(
        "Room", SlackConfig(webhook_url="https://hooks.slack.com/services/T/B/X")
    )
    prefs = Preferences(SettingsStore(rt.db))
    prefs.default_timezone = "Australia/Sydney"
    prefs.default_missed_policy = "skip"
    prefs.default_channel = room
    dialog = shell.window.new_push()
    assert dialog.zone_combo.zone() == "Australia/Sydney"
    qtbot.keyClicks(dialog.name_edit, "Defaults")
    qtbot.keyClicks(dialog.title_edit, "From settings")
    spec = dialog.push_spec()
    assert spec.options.missed == "skip"
    assert spec.targets == (Target("slack", room),)
    dialog.reject()
