"""The Contacts window's actions, each with its shortcut and tip, and the toolbar and menu
that offer them.

Strings keep the translation context "ContactsWindow", where they were written first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

if TYPE_CHECKING:
    from pushgui.ui.people.contacts_window import ContactsWindow

translate = QCoreApplication.translate


def _action(
    window: ContactsWindow,
    text: str,
    slot: object,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def build_actions(window: ContactsWindow) -> None:
    """The window's actions with their shortcuts, its toolbar and its menu."""
    window.add_action = _action(
        window,
        translate("ContactsWindow", "&Add…"),
        window.add_contact,
        QKeySequence.StandardKey.New,
        translate("ContactsWindow", "Add a contact"),
    )
    window.edit_action = _action(
        window,
        translate("ContactsWindow", "&Edit…"),
        window.edit_selected,
        "Ctrl+E",
        translate("ContactsWindow", "Edit the selected contact"),
    )
    window.delete_action = _action(
        window,
        translate("ContactsWindow", "&Delete…"),
        window.delete_selected,
        QKeySequence.StandardKey.Delete,
        translate("ContactsWindow", "Delete the selected contacts"),
    )
    window.group_menu = QMenu(window)
    window.group_menu.aboutToShow.connect(window.groups.fill_menu)
    window.add_to_group_action = _action(
        window,
        translate("ContactsWindow", "Add to &group…"),
        window.groups.show_menu,
        "Ctrl+G",
        translate("ContactsWindow", "Add the selected contacts to a group"),
    )
    window.add_to_group_action.setMenu(window.group_menu)
    window.remove_from_group_action = _action(
        window,
        translate("ContactsWindow", "&Remove from group"),
        window.groups.remove_selected_from_group,
        None,
        translate(
            "ContactsWindow", "Take the selected contacts out of this group (they are not deleted)"
        ),
    )
    window.import_action = _action(
        window,
        translate("ContactsWindow", "&Import CSV…"),
        window.import_csv,
        "Ctrl+I",
        translate("ContactsWindow", "Add contacts from a CSV file"),
    )
    window.export_action = _action(
        window,
        translate("ContactsWindow", "E&xport CSV…"),
        window.export_csv,
        "Ctrl+Shift+E",
        translate("ContactsWindow", "Save the contacts shown to a CSV file"),
    )
    window.find_action = _action(
        window,
        translate("ContactsWindow", "&Find"),
        window.focus_search,
        QKeySequence.StandardKey.Find,
    )
    window.close_action = _action(
        window, translate("ContactsWindow", "&Close"), window.close, QKeySequence.StandardKey.Close
    )
    for action in (window.find_action, window.close_action):
        window.addAction(action)
    for action in (window.edit_action, window.delete_action):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.table.addAction(action)

    toolbar = QToolBar(translate("ContactsWindow", "Contacts"), window)
    toolbar.setObjectName("contactsToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for action in (window.add_action, window.edit_action, window.delete_action):
        toolbar.addAction(action)
    toolbar.addSeparator()
    toolbar.addAction(window.add_to_group_action)
    button = toolbar.widgetForAction(window.add_to_group_action)
    if isinstance(button, QToolButton):
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    toolbar.addAction(window.remove_from_group_action)
    toolbar.addSeparator()
    toolbar.addAction(window.import_action)
    toolbar.addAction(window.export_action)
    window.addToolBar(toolbar)

    menu = window.menuBar().addMenu(translate("ContactsWindow", "&Contacts"))
    for action in (window.add_action, window.edit_action, window.delete_action):
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(window.add_to_group_action)
    menu.addAction(window.remove_from_group_action)
    menu.addSeparator()
    menu.addAction(window.import_action)
    menu.addAction(window.export_action)
    menu.addSeparator()
    menu.addAction(window.find_action)
    menu.addAction(window.close_action)
