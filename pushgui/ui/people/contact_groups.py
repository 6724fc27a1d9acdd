"""Groups in the Contacts window: new, rename, delete, and adding the selected contacts to a
group (the toolbar's menu) or taking them out of one.

The Contacts window holds one as ``window.groups``; strings keep the translation context
"ContactsWindow".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from pushgui.core.people.contacts import GroupRecord
from pushgui.ui.people.group_dialog import GroupNameDialog
from pushgui.ui.widgets.confirm import confirm_destructive

if TYPE_CHECKING:
    from pushgui.ui.people.contacts_window import ContactsWindow

translate = QCoreApplication.translate


class ContactGroups:
    """What the group buttons, the "Add to group" menu and "Remove from group" do."""

    def __init__(self, window: ContactsWindow) -> None:
        self.window = window

    def add_group(self) -> GroupNameDialog:
        dialog = GroupNameDialog(self.window.book, parent=self.window)
        dialog.saved.connect(self._saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window.dialog = dialog
        dialog.open()
        return dialog

    def rename_group(self) -> GroupNameDialog | None:
        group_id = self.window.current_group_id()
        group = next((g for g in self.window.book.groups() if g.id == group_id), None)
        if group is None:
            return None
        dialog = GroupNameDialog(self.window.book, group, parent=self.window)
        dialog.saved.connect(self._saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, group_id: int) -> None:
        self.window._changed()
        self.window.select_group(group_id)

    def delete_group(self) -> QMessageBox | None:
        group_id = self.window.current_group_id()
        group = next((g for g in self.window.book.groups() if g.id == group_id), None)
        if group is None or group_id is None:
            return None
        box = confirm_destructive(
            self.window,
            translate("ContactsWindow", "Delete group"),
            translate(
                "ContactsWindow",
                "Delete the group “{0}”? Its {1} contacts stay in your contacts; "
                "reminders sent to this group will no longer reach them.",
            ).format(group.name, len(group.member_ids)),
            translate("ContactsWindow", "Delete group"),
            lambda: self._delete(group_id),
        )
        self.window.confirmation = box
        return box

    def _delete(self, group_id: int) -> None:
        self.window.book.delete_group(group_id)
        self.window.select_group(None)
        self.window._changed()

    def fill_menu(self) -> None:
        self.window.group_menu.clear()
        current = self.window.current_group_id()
        for group in self.window.book.groups():
            if group.id == current or group.id is None:
                continue
            action = self.window.group_menu.addAction(group.name)
            action.triggered.connect(
                lambda _checked=False, gid=group.id: self.add_selected_to_group(gid)
            )
        if self.window.group_menu.actions():
            self.window.group_menu.addSeparator()
        new = self.window.group_menu.addAction(translate("ContactsWindow", "New group…"))
        new.triggered.connect(self.add_selected_to_new_group)

    def show_menu(self) -> None:
        # The shortcut triggers the action; show its menu under the cursor then.
        self.window.group_menu.popup(self.window.cursor().pos())

    def add_selected_to_group(self, group_id: int) -> None:
        ids = self.window.selected_ids()
        if not ids:
            return
        self.window.book.add_to_group(group_id, ids)
        self.window._changed()
        name = next((g.name for g in self.window.book.groups() if g.id == group_id), "")
        self.window.statusBar().showMessage(
            self.window.added_text(len(ids)).format(name),
            4000,
        )

    def add_selected_to_new_group(self) -> None:
        ids = self.window.selected_ids()
        dialog = GroupNameDialog(
            self.window.book, GroupRecord(name="", member_ids=tuple(ids)), self.window
        )
        dialog.setWindowTitle(translate("ContactsWindow", "New group"))
        dialog.saved.connect(self._saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window.dialog = dialog
        dialog.open()

    def remove_selected_from_group(self) -> None:
        group_id = self.window.current_group_id()
        ids = set(self.window.selected_ids())
        group = next((g for g in self.window.book.groups() if g.id == group_id), None)
        if group is None or not ids:
            return
        members = tuple(m for m in group.member_ids if m not in ids)
        self.window.book.save_group(GroupRecord(name=group.name, member_ids=members, id=group.id))
        self.window._changed()
