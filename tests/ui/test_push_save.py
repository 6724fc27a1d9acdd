"""Saving a reminder from the editor goes to the store once, through the real window, service,
scheduler and database: a refused save keeps the same editor open with the reason beside the
field, and one save builds the schedule's trigger only as often as storing it needs."""

from __future__ import annotations

import sys
from collections import Counter

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from pushgui.app import Runtime, start_runtime, wire_shell
from pushgui.core.channels.config import DingTalkConfig
from pushgui.core.schedule import build
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.paths import locate
from pushgui.ui.shell import DesktopShell
from tests.helpers import weekdays_at_nine


@pytest.fixture
def runtime(qapp, data_dir):
    rt = start_runtime(locate(data_dir))
    yield rt
    if rt.scheduler.running:
        rt.stop()


@pytest.fixture
def window(qtbot, runtime: Runtime):
    shell = DesktopShell(
        runtime.service,
        runtime.scheduler,
        runtime.bridge,
        SettingsStore(runtime.db),
        books=runtime.books,
        tray_available=False,
        backups=runtime.backups,
    )
    wire_shell(runtime, shell)  # as the application does
    qtbot.addWidget(shell.window)
    shell.window.show()
    qtbot.waitExposed(shell.window)
    return shell.window


@pytest.fixture
def trigger_builds(monkeypatch) -> Counter[str]:
    """How often the real ``build_trigger`` runs, wherever it was imported by name."""
    counts: Counter[str] = Counter()
    real = build.build_trigger

    def counting(spec, calendars=None):
        counts["builds"] += 1
        return real(spec, calendars)

    for module in list(sys.modules.values()):
        if module is not None and getattr(module, "build_trigger", None) is real:
            monkeypatch.setattr(module, "build_trigger", counting)
    return counts


def new_reminder(qtbot, window, name: str = "Standup"):
    dialog = window.new_push()
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.keyClicks(dialog.title_edit, "Standup in 10 minutes")
    dialog.kind_buttons["calendar"].click()
    dialog.calendar_editor.set_preset("weekdays")
    qtbot.waitUntil(lambda: "weekday" in dialog.description_label.text())
    qtbot.waitUntil(dialog.save_button.isEnabled)
    return dialog


def test_a_refused_save_keeps_the_editor_and_says_why_beside_the_field(qtbot, window):
    room = window.channels.save("Team room", DingTalkConfig(access_token="tok"))
    dialog = new_reminder(qtbot, window)
    item = dialog.targets_editor.item_for(("room", room))
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "2 recipients" in dialog.targets_editor.reach_label.text())
    qtbot.waitUntil(dialog.save_button.isEnabled)
    window.channels.delete(room)  # deleted meanwhile, in the channels window
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    # The same editor, still open, with the store's reason under "Send to".
    assert window.editor is dialog and dialog.isVisible()
    error = dialog.targets_editor.error_label
    assert error.isVisible()
    assert f"there is no dingtalk channel {room}" in error.text()
    assert dialog.name_edit.text() == "Standup"
    assert window.problem is None  # no message box on top of the editor
    assert window.service.rows() == []  # nothing half saved

    # Unticking the room lets the same editor save.
    item.setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(dialog.save_button.isEnabled)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [row.name for row in window.service.rows()] == ["Standup"]


def test_a_reminder_deleted_meanwhile_is_kept_by_saving_again(qtbot, window):
    push_id = window.service.create(weekdays_at_nine("Doomed"))
    window.reload()
    window.select_id(push_id)
    editor = window.edit_selected()
    editor.title_edit.clear()
    qtbot.keyClicks(editor.title_edit, "Carefully typed words")
    qtbot.waitUntil(editor.save_button.isEnabled)
    window.service.delete(push_id)  # deleted elsewhere (another window, the command line)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert window.editor is editor and editor.isVisible()
    assert "deleted meanwhile" in editor.other_error.text()
    assert editor.title_edit.text() == "Carefully typed words"
    assert window.problem is None

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())
    [row] = window.service.rows()
    assert (row.name, row.spec.message.title) == ("Doomed", "Carefully typed words")
    assert window.selected_id() == row.id


def test_one_save_builds_the_trigger_only_to_check_and_schedule_it(
    qtbot, window, trigger_builds, monkeypatch
):
    dialog = new_reminder(qtbot, window)
    changes: Counter[str] = Counter()
    for signal in ("modelReset", "rowsInserted", "rowsRemoved", "dataChanged", "layoutChanged"):
        getattr(window.model, signal).connect(lambda *_a, s=signal: changes.update([s]))
    real_rows = window.service.rows
    queries: list[object] = []

    def rows(*args, **kwargs):
        queries.append(args)
        return real_rows(*args, **kwargs)

    monkeypatch.setattr(window.service, "rows", rows)
    trigger_builds.clear()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    QCoreApplication.processEvents()  # the scheduler's queued events about the new job
    # The editor checked these very fields already; the store checks once more (one
    # build), then computes the first run (one) and gives the job its trigger (one).
    assert trigger_builds["builds"] == 3
    # The list learns of the new row once: one query, one inserted row, no reset.
    assert len(queries) == 1
    assert changes == Counter({"rowsInserted": 1})
    assert not window.refresher.timer.isActive()
    assert window.model.rowCount() == 1
