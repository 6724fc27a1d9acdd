"""Templates from the editor and the main window, and Undo after a delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pushgui.core.messages.templates import TemplateBook
from pushgui.core.pushes.spec import Message, Target
from pushgui.ui.editor.templates_dialog import TemplateChooserDialog
from tests.helpers import weekdays_at_nine
from tests.ui import test_main_window
from tests.ui.test_main_window import make_shell

# The window tests' fixtures: the real runtime, and reminder windows closed after each test.
runtime = test_main_window.runtime
close_reminders = test_main_window.close_reminders


def test_save_as_template_from_the_editor_then_start_a_new_reminder_from_it(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    window = shell.window
    editor = window.new_push()
    qtbot.keyClicks(editor.name_edit, "Report")
    qtbot.keyClicks(editor.title_edit, "Weekly report")
    editor.body_edit.setPlainText("Numbers for ${name}")
    qtbot.mouseClick(editor.template_button, Qt.MouseButton.LeftButton)
    saving = window.template_dialog
    assert saving.isVisible() and saving.name_edit.text() == "Report"
    saving.name_edit.setText("Weekly")
    with qtbot.waitSignal(saving.saved):
        qtbot.mouseClick(saving.save_button, Qt.MouseButton.LeftButton)
    editor.reject()
    [template] = TemplateBook(rt.db).list()
    assert (template.name, template.message.title, template.message.body) == (
        "Weekly",
        "Weekly report",
        "Numbers for ${name}",
    )
    assert template.targets == (Target(),)

    file_menu = next(m for m in window.menuBar().actions() if m.text() == "&File").menu()
    assert window.new_from_template_action in file_menu.actions()
    window.new_from_template_action.trigger()
    chooser = window.template_chooser
    assert isinstance(chooser, TemplateChooserDialog) and chooser.isVisible()
    assert chooser.selected().name == "Weekly"
    assert "Numbers for ${name}" in chooser.preview.text()
    qtbot.mouseClick(chooser.start_button, Qt.MouseButton.LeftButton)
    editor = window.editor
    assert editor.isVisible() and editor.windowTitle() == "New reminder"
    assert editor.title_edit.text() == "Weekly report"
    assert editor.body_edit.toPlainText() == "Numbers for ${name}"
    assert editor.name_edit.text() == ""  # the name is the new reminder's own
    editor.reject()


def test_the_chooser_deletes_templates_and_saving_again_replaces(qtbot, runtime):
    rt = runtime()
    book = TemplateBook(rt.db)
    book.save("A", Message("First"))
    book.save("B", Message("Second"))
    shell = make_shell(qtbot, rt)
    chooser = shell.window.editing.new_from_template()
    chooser.select_name("A")
    chooser.delete_selected()
    assert [t.name for t in book.list()] == ["B"]
    chooser.reject()

    editor = shell.window.new_push()
    qtbot.keyClicks(editor.title_edit, "Replaced")
    saving = shell.window.editing.save_template_from(editor)
    saving.name_edit.setText("B")
    assert saving.replace_note.isVisible()
    saving.targets_box.setChecked(False)
    saving.accept()
    [template] = book.list()
    assert (template.name, template.message.title, template.targets) == ("B", "Replaced", None)
    editor.reject()


def test_delete_then_undo_restores_the_push_with_the_same_spec_and_next_run(qtbot, runtime):
    rt = runtime()
    spec = weekdays_at_nine("Standup")
    push_id = rt.service.create(spec)
    [before] = rt.service.rows()
    shell = make_shell(qtbot, rt)
    window = shell.window
    window.select_id(push_id)
    box = window.changes.delete_selected()
    [delete] = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ]
    delete.click()
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 0)
    bar = window.undo_bar
    assert bar.isVisible() and bar.label.text() == "Deleted “Standup”"
    assert 9_000 < bar.timer.remainingTime() <= 10_600  # a coarse timer: ±5 %

    qtbot.mouseClick(bar.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1)
    assert not bar.isVisible()
    [after] = rt.service.rows()
    assert (after.spec, after.next_run, after.enabled) == (spec, before.next_run, True)
    assert window.selected_id() == after.id


def test_the_undo_offer_goes_away_by_itself(qtbot, runtime):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    bar = shell.window.undo_bar
    done = []
    bar.offer("Deleted “X”", lambda: done.append(1), ms=50)
    assert bar.isVisible()
    qtbot.waitUntil(lambda: not bar.isVisible())
    bar.undo()
    assert done == []


def test_skip_next_run_from_the_window(qtbot, runtime):
    rt = runtime()
    push_id = rt.service.create(weekdays_at_nine("Standup"))
    due = rt.scheduler.get_job(str(push_id)).next_run_time
    shell = make_shell(qtbot, rt)
    shell.window.select_id(push_id)
    assert shell.window.skip_action.isEnabled()
    shell.window.skip_action.trigger()
    assert rt.scheduler.get_job(str(push_id)).next_run_time > due
    assert "skipped" in shell.window.statusBar().currentMessage()
