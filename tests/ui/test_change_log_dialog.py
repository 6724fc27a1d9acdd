"""The change log in the window: Reminder > Changes… (and the list's context menu) shows
who changed the selected reminder, when and what, newest first, through the real window,
service and SQLite database (the team database's names: tests/server/test_audit_window.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import text

from pushgui.app import start_runtime, wire_shell
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.paths import locate
from pushgui.ui.history.change_log_dialog import WHAT, WHO, ChangeLogDialog
from pushgui.ui.shell import DesktopShell
from tests.helpers import weekdays_at_nine


def test_changes_of_the_selected_reminder_open_from_the_menu_and_the_context_menu(
    qtbot, qapp, data_dir
):
    runtime = start_runtime(locate(data_dir))
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
        wire_shell(runtime, shell)
        window = shell.window
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        push_id = runtime.service.create(weekdays_at_nine("Stand-up"))
        runtime.service.update(push_id, runtime.service.get(push_id).renamed("Daily stand-up"))
        window.refresh_ids({push_id})
        assert not window.change_log_action.isEnabled()  # nothing selected yet
        window.select_id(push_id)
        assert window.change_log_action.isEnabled()
        assert window.table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
        menus = [a.menu() for a in window.menuBar().actions()]
        assert any(window.change_log_action in menu.actions() for menu in menus if menu)

        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(
            window.windowHandle(),
            Qt.Key.Key_H,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )  # through the shortcut map; fmt: skip
        dialog = window.findChild(ChangeLogDialog)
        assert dialog is not None and dialog.isVisible()
        assert dialog.windowTitle() == "Changes to “Daily stand-up”"
        rows = [dialog.model.item(r, WHAT).text() for r in range(dialog.model.rowCount())]
        assert rows == ["Renamed from “Stand-up” to “Daily stand-up”", "Created"]
        assert dialog.table.isColumnHidden(WHO)  # one person's file: nobody else to name
        assert dialog.summary.text().startswith("Created on ")
        assert "Last changed on " in dialog.summary.text()
        dialog.close()
    finally:
        runtime.stop()


def test_a_reminder_without_recorded_changes_says_so(qtbot, qapp, data_dir):
    from pushgui.core.pushes.service import PushService
    from pushgui.core.store.db import open_database

    db = open_database(data_dir)
    try:
        push_id = PushService(db).save_new([weekdays_at_nine("Stand-up")])[0]
        with db.session() as session:  # as a database from before the log: no entries
            session.execute(text("DELETE FROM push_changes"))
        dialog = ChangeLogDialog(db, push_id, "Stand-up")
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.empty.isVisible() and not dialog.table.isVisible()
        assert dialog.summary.text().startswith("Created on ")
        assert "Last changed" not in dialog.summary.text()
    finally:
        db.close()


def test_a_reminder_deleted_meanwhile_shows_its_log_with_the_deletion(qtbot, qapp, data_dir):
    from pushgui.core.pushes.service import PushService
    from pushgui.core.store.db import open_database

    db = open_database(data_dir)
    try:
        service = PushService(db)
        push_id = service.save_new([weekdays_at_nine("Stand-up")])[0]
        with db.session() as session:  # deleted in another window, or by another person
            session.execute(text("DELETE FROM pushes WHERE id = :id"), {"id": push_id})
        dialog = ChangeLogDialog(db, push_id, "Stand-up")
        qtbot.addWidget(dialog)
        assert dialog.summary.text() == "This reminder has been deleted."
        rows = [dialog.model.item(r, WHAT).text() for r in range(dialog.model.rowCount())]
        assert rows == ["Deleted", "Created"]
    finally:
        db.close()
