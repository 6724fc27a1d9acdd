"""The main window's actions, each with its shortcut and tip, and the menus and toolbar
that offer them; their icons follow the light or dark palette.

Strings keep the translation context "MainWindow", where they were written first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolBar

from pushgui import __version__
from pushgui.ui.widgets.icons import action_icon

if TYPE_CHECKING:
    from pushgui.ui.main.main_window import MainWindow

translate = QCoreApplication.translate


def _action(
    window: MainWindow,
    text: str,
    slot: object,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(
            f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
        )
    action.triggered.connect(slot)
    return action


def build_actions(window: MainWindow) -> None:
    """The window's actions with their shortcuts, its menus and its toolbar."""
    window.new_action = _action(
        window,
        translate("MainWindow", "&New…"),
        window.new_push,
        QKeySequence.StandardKey.New,
        translate("MainWindow", "Create a reminder"),
    )
    window.new_from_template_action = _action(
        window,
        translate("MainWindow", "New from &template…"),
        window.editing.new_from_template,
        "Ctrl+Shift+N",
        translate("MainWindow", "Start a reminder from a saved message"),
    )
    window.skip_action = _action(
        window,
        translate("MainWindow", "S&kip next run"),
        window.changes.skip_selected,
        "Ctrl+K",
        translate("MainWindow", "Do not send the selected reminder next time; later times stay"),
    )
    window.edit_action = _action(
        window,
        translate("MainWindow", "&Edit…"),
        window.edit_selected,
        "Ctrl+E",
        translate("MainWindow", "Edit the selected reminder"),
    )
    window.duplicate_action = _action(
        window,
        translate("MainWindow", "D&uplicate"),
        window.changes.duplicate_selected,
        "Ctrl+D",
        translate("MainWindow", "Make a copy of the selected reminder"),
    )
    window.delete_action = _action(
        window,
        translate("MainWindow", "&Delete…"),
        window.changes.delete_selected,
        QKeySequence.StandardKey.Delete,
        translate("MainWindow", "Delete the selected reminder"),
    )
    window.toggle_action = _action(
        window,
        translate("MainWindow", "&Pause"),
        window.changes.toggle_selected,
        "Ctrl+P",
        translate("MainWindow", "Pause or resume the selected reminder"),
    )
    window.run_now_action = _action(
        window,
        translate("MainWindow", "&Run now"),
        window.changes.run_selected_now,
        "Ctrl+R",
        translate("MainWindow", "Send the selected reminder now"),
    )
    window.import_action = _action(
        window,
        translate("MainWindow", "&Import…"),
        window.import_file,
        "Ctrl+I",
        translate("MainWindow", "Add reminders from an export file"),
    )
    window.export_action = _action(
        window,
        translate("MainWindow", "E&xport…"),
        window.export_file,
        "Ctrl+Shift+E",
        translate("MainWindow", "Save all reminders to a file"),
    )
    window.quit_action = _action(
        window,
        translate("MainWindow", "&Quit"),
        window.quit_requested.emit,
        QKeySequence.StandardKey.Quit,
        translate("MainWindow", "Stop pushgui; no reminders are sent until it runs again"),
    )
    window.find_action = _action(
        window,
        translate("MainWindow", "&Find"),
        lambda: focus_filter(window),
        QKeySequence.StandardKey.Find,
    )
    window.about_action = _action(
        window, translate("MainWindow", "&About pushgui"), lambda: show_about(window)
    )
    window.backups_action = _action(
        window,
        translate("MainWindow", "&Backups…"),
        window.backups_requested.emit,
        None,
        translate("MainWindow", "Back up now, or restore"),
    )
    window.contacts_action = _action(
        window,
        translate("MainWindow", "&Contacts…"),
        window.contacts_requested.emit,
        "Ctrl+Shift+C",
        translate("MainWindow", "People and groups"),
    )
    window.channels_action = _action(
        window,
        translate("MainWindow", "Cha&nnels…"),
        window.channels_requested.emit,
        "Ctrl+Shift+L",
        translate("MainWindow", "Email accounts and chat bots to send through"),
    )
    window.history_action = _action(
        window,
        translate("MainWindow", "&History…"),
        window.history_requested.emit,
        "Ctrl+H",
        translate("MainWindow", "What was sent, and what failed"),
    )
    window.change_log_action = _action(
        window,
        translate("MainWindow", "C&hanges…"),
        lambda: open_change_log(window),
        "Ctrl+Shift+H",
        translate("MainWindow", "Who changed the selected reminder, when, and what"),
    )
    window.addAction(window.find_action)
    for action in (window.edit_action, window.delete_action):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.table.addAction(action)
    window.edit_action.setShortcuts([QKeySequence("Ctrl+E"), QKeySequence(Qt.Key.Key_Return)])

    menu = window.menuBar()
    file_menu = menu.addMenu(translate("MainWindow", "&File"))
    file_menu.addActions(
        [
            window.new_action,
            window.new_from_template_action,
            window.import_action,
            window.export_action,
        ]
    )
    file_menu.addSeparator()
    file_menu.addAction(window.backups_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit_menu = menu.addMenu(translate("MainWindow", "&Reminder"))
    edit_menu.addActions(
        [
            window.edit_action,
            window.duplicate_action,
            window.toggle_action,
            window.run_now_action,
            window.skip_action,
        ]
    )
    edit_menu.addSeparator()
    edit_menu.addAction(window.change_log_action)
    edit_menu.addSeparator()
    edit_menu.addActions([window.delete_action])
    # The same actions on the list's context menu (right-click, or the menu key).
    window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.table.customContextMenuRequested.connect(
        lambda pos: edit_menu.popup(window.table.viewport().mapToGlobal(pos))
    )
    tools_menu = menu.addMenu(translate("MainWindow", "&Tools"))
    tools_menu.addActions([window.contacts_action, window.channels_action, window.history_action])
    window.own_days_action = _action(
        window, translate("MainWindow", "&Own days off and working days…"), window.edit_own_days
    )
    tools_menu.addAction(window.own_days_action)
    window.settings_action = _action(
        window,
        translate("MainWindow", "&Settings…"),
        window.settings_requested.emit,
        QKeySequence("Ctrl+,"),
        translate("MainWindow", "Language, theme, defaults for new reminders, start at login"),
    )
    window.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    tools_menu.addSeparator()
    tools_menu.addAction(window.settings_action)
    help_menu = menu.addMenu(translate("MainWindow", "&Help"))
    window.log_folder_action = _action(
        window,
        translate("MainWindow", "Open &log folder"),
        window.log_folder_requested.emit,
        None,
        translate(
            "MainWindow", "Show pushgui's log files, to send them along with a problem report"
        ),
    )
    help_menu.addAction(window.log_folder_action)
    help_menu.addSeparator()
    help_menu.addAction(window.about_action)

    toolbar = QToolBar(translate("MainWindow", "Main toolbar"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([window.new_action, window.edit_action, window.duplicate_action])
    toolbar.addSeparator()
    toolbar.addActions([window.toggle_action, window.run_now_action])
    toolbar.addSeparator()
    toolbar.addAction(window.delete_action)
    toolbar.addSeparator()
    toolbar.addActions([window.contacts_action, window.channels_action, window.history_action])
    window.addToolBar(toolbar)


def apply_icons(window: MainWindow) -> None:
    """Toolbar and menu icons in the current palette's colours (light or dark theme)."""
    for action, role in (
        (window.new_action, "new"),
        (window.edit_action, "edit"),
        (window.duplicate_action, "duplicate"),
        (window.run_now_action, "run_now"),
        (window.delete_action, "delete"),
        (window.contacts_action, "contacts"),
        (window.channels_action, "channels"),
        (window.history_action, "history"),
        (window.settings_action, "settings"),
    ):
        action.setIcon(action_icon(role, window.palette()))
    toggle_icon(window)


def toggle_icon(window: MainWindow) -> None:
    push_id = window.selected_id()
    paused = False
    if push_id is not None:
        paused = not window.model.row_at(window.model.index_of(push_id).row()).enabled
    window.toggle_action.setIcon(action_icon("resume" if paused else "pause", window.palette()))


def update_actions(window: MainWindow) -> None:
    push_id = window.selected_id()
    for action in (
        window.edit_action,
        window.duplicate_action,
        window.delete_action,
        window.toggle_action,
        window.run_now_action,
        window.change_log_action,
    ):
        action.setEnabled(push_id is not None)
    if push_id is not None:
        row = window.model.row_at(window.model.index_of(push_id).row())
        window.toggle_action.setText(
            translate("MainWindow", "&Pause") if row.enabled else translate("MainWindow", "Re&sume")
        )
    toggle_icon(window)
    window.skip_action.setEnabled(push_id is not None and row.enabled and row.next_run is not None)
    # False while a team server cannot be reached (ui/main/team.py).
    for action in (window.new_action, window.new_from_template_action, window.import_action):
        action.setEnabled(window.editable)
    if not window.editable:
        for action in (window.edit_action, window.duplicate_action, window.delete_action):
            action.setEnabled(False)
        for action in (window.toggle_action, window.run_now_action, window.skip_action):
            action.setEnabled(False)
    for action in (window.contacts_action, window.channels_action, window.history_action):
        action.setEnabled(window.editable)
    empty = window.model.rowCount() == 0
    window.empty_hint.setVisible(empty)
    window.table.setVisible(not empty)


def open_change_log(window: MainWindow) -> None:
    """The selected reminder's change log (its dialog is imported when first opened)."""
    from pushgui.ui.history.change_log_dialog import open_change_log as open_dialog

    open_dialog(window)


def focus_filter(window: MainWindow) -> None:
    window.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
    window.filter_box.selectAll()


def show_about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        translate("MainWindow", "About pushgui"),
        translate(
            "MainWindow",
            "<h3>pushgui {version}</h3><p>Compose a message, choose who gets it and when; "
            "pushgui sends it on time from the system tray.</p>",
        ).format(version=__version__),
    )
