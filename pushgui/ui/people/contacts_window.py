"""The Contacts window: groups on the left, the contacts of the chosen group on the right,
with add, edit, delete, search, and CSV import and export.

Its actions, toolbar and menu are in :mod:`.contacts_actions`, what the group buttons and
menus do in :mod:`.contact_groups`, the group name dialog in :mod:`.group_dialog`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.people.contacts import ContactBook
from pushgui.core.people.contacts_csv import export_csv
from pushgui.core.system.files import write_private_text
from pushgui.ui.i18n import readable
from pushgui.ui.people.contact_dialog import ContactDialog
from pushgui.ui.people.contact_groups import ContactGroups
from pushgui.ui.people.contacts_actions import build_actions
from pushgui.ui.people.contacts_model import (
    EMAIL,
    HANDLE,
    ID_ROLE,
    NAME,
    PHONE,
    ContactFilterModel,
    ContactTableModel,
)
from pushgui.ui.people.csv_import_dialog import CsvImportDialog
from pushgui.ui.widgets.confirm import confirm_destructive
from pushgui.ui.widgets.icons import app_icon
from pushgui.ui.widgets.tables import Selection, make_table

log = logging.getLogger(__name__)

ALL = -1  # the "All contacts" entry of the group list


class ContactsWindow(QMainWindow):
    """Everyone pushgui can send to, and the groups they are in.

    Signals:
        contacts_changed(): contacts or groups were added, changed or deleted.
    """

    contacts_changed = Signal()

    # Made by :func:`pushgui.ui.people.contacts_actions.build_actions`.
    add_action: QAction
    edit_action: QAction
    delete_action: QAction
    group_menu: QMenu
    add_to_group_action: QAction
    remove_from_group_action: QAction
    import_action: QAction
    export_action: QAction
    find_action: QAction
    close_action: QAction

    def __init__(self, book: ContactBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.groups = ContactGroups(self)
        self.setWindowTitle(self.tr("Contacts — pushgui"))
        self.setWindowIcon(app_icon())
        self.resize(900, 540)

        self.dialog: QDialog | None = None
        self.confirmation: QMessageBox | None = None

        self.model = ContactTableModel(self)
        self.proxy = ContactFilterModel(self)
        self.proxy.setSourceModel(self.model)

        # -- groups (left) ------------------------------------------------------------------
        self.groups_list = QListWidget(self)
        self.groups_list.setAccessibleName(self.tr("Groups"))
        self.groups_list.currentItemChanged.connect(self._on_group_chosen)
        self.groups_list.itemDoubleClicked.connect(lambda _item: self.groups.rename_group())
        self.new_group_button = QPushButton(self.tr("New…"), self)
        self.rename_group_button = QPushButton(self.tr("Rename…"), self)
        self.delete_group_button = QPushButton(self.tr("Delete…"), self)
        self.new_group_button.setToolTip(self.tr("Create a group"))
        self.rename_group_button.setToolTip(self.tr("Rename the selected group"))
        self.delete_group_button.setToolTip(self.tr("Delete the selected group (not its contacts)"))
        self.new_group_button.clicked.connect(lambda: self.groups.add_group())
        self.rename_group_button.clicked.connect(lambda: self.groups.rename_group())
        self.delete_group_button.clicked.connect(lambda: self.groups.delete_group())
        group_buttons = QHBoxLayout()
        group_buttons.setSpacing(4)
        for button in (self.new_group_button, self.rename_group_button, self.delete_group_button):
            group_buttons.addWidget(button)
        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(8, 8, 4, 8)
        heading = QLabel(self.tr("<b>Groups</b>"), left)
        left_box.addWidget(heading)
        left_box.addWidget(self.groups_list, 1)
        left_box.addLayout(group_buttons)

        # -- contacts (right) ---------------------------------------------------------------
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search by name or email  (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self.tr("Search contacts"))
        self.search_box.textChanged.connect(self.proxy.set_filter_text)
        self.search_box.textChanged.connect(self._update_hint)

        self.table = make_table(
            self.proxy, self.tr("Contacts"), self, selection=Selection.ExtendedSelection
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Groups, the last column, takes the rest: all five fit the window's first width.
        for column, width in ((NAME, 120), (EMAIL, 180), (HANDLE, 100), (PHONE, 110)):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(self._on_double_click)

        self.empty_hint = QLabel(self)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setObjectName("emptyHint")

        right = QWidget(self)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(4, 8, 8, 8)
        right_box.addWidget(self.search_box)
        right_box.addWidget(self.table, 1)
        right_box.addWidget(self.empty_hint)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 690])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        build_actions(self)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.proxy.modelReset.connect(self._update_actions)
        self.proxy.layoutChanged.connect(self._update_actions)

        self.reload()

    # -- actions -----------------------------------------------------------------------------

    def _update_actions(self) -> None:
        ids = self.selected_ids()
        self.edit_action.setEnabled(len(ids) == 1)
        self.delete_action.setEnabled(bool(ids))
        self.add_to_group_action.setEnabled(bool(ids))
        self.remove_from_group_action.setEnabled(bool(ids) and self.proxy.group_id is not None)
        group = self.current_group_id()
        self.rename_group_button.setEnabled(group is not None)
        self.delete_group_button.setEnabled(group is not None)
        self._update_hint()

    def _update_hint(self) -> None:
        if self.model.rowCount() == 0:
            text = self.tr(
                "No contacts yet. Click <b>Add</b> (Ctrl+N) or <b>Import CSV</b> (Ctrl+I)."
            )
        elif self.proxy.rowCount() == 0 and self.search_box.text().strip():
            text = self.tr("No contact matches “{0}”.").format(self.search_box.text().strip())
        elif self.proxy.rowCount() == 0:
            text = self.tr(
                "This group is empty. Select contacts under <b>All contacts</b> and use "
                "<b>Add to group</b>."
            )
        else:
            text = ""
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(bool(text))

    def added_text(self, n: int) -> str:
        """Says that ``n`` contacts were added to a group; its plural forms are translated only
        through this class's tr() (lupdate reads no plural from a translate() call)."""
        return self.tr("Added %n contact(s) to “{0}”", "", n)

    @Slot()
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read contacts and groups again, keeping the chosen group and selection."""
        selected = self.selected_ids()
        group_id = self.current_group_id()
        groups = self.book.groups()
        self.model.set_contacts(self.book.contacts(), groups)
        self.groups_list.blockSignals(True)
        self.groups_list.clear()
        everyone = QListWidgetItem(self.tr("All contacts"))
        everyone.setData(Qt.ItemDataRole.UserRole, ALL)
        self.groups_list.addItem(everyone)
        current = everyone
        for group in groups:
            item = QListWidgetItem(f"{group.name}  ({len(group.member_ids)})")
            item.setData(Qt.ItemDataRole.UserRole, group.id)
            item.setToolTip(group.name)
            self.groups_list.addItem(item)
            if group.id == group_id:
                current = item
        self.groups_list.setCurrentItem(current)
        self.groups_list.blockSignals(False)
        self.proxy.set_group(self.current_group_id())
        for contact_id in selected:
            self.select_id(contact_id, add=True)
        self._update_actions()

    def current_group_id(self) -> int | None:
        item = self.groups_list.currentItem()
        if item is None:
            return None
        value = int(item.data(Qt.ItemDataRole.UserRole))
        return None if value == ALL else value

    def select_group(self, group_id: int | None) -> None:
        wanted = ALL if group_id is None else group_id
        for row in range(self.groups_list.count()):
            item = self.groups_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == wanted:
                self.groups_list.setCurrentItem(item)
                return

    @Slot()
    def _on_group_chosen(self) -> None:
        self.table.clearSelection()
        self.proxy.set_group(self.current_group_id())
        self._update_actions()

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [int(index.data(ID_ROLE)) for index in rows]

    def select_id(self, contact_id: int, add: bool = False) -> None:
        row = self.model.row_of(contact_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return
        flag = QItemSelectionModel.SelectionFlag
        selection = self.table.selectionModel()
        if add:
            selection.select(index, flag.Select | flag.Rows)
        else:
            selection.setCurrentIndex(index, flag.ClearAndSelect | flag.Rows)
        self.table.scrollTo(index)

    def _changed(self) -> None:
        self.reload()
        self.contacts_changed.emit()

    # -- contacts ----------------------------------------------------------------------------

    @Slot()
    def add_contact(self) -> ContactDialog:
        dialog = ContactDialog(self.book, parent=self)
        dialog.saved.connect(self._on_contact_saved)
        return self._open(dialog)

    @Slot()
    def edit_selected(self) -> ContactDialog | None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return None
        dialog = ContactDialog(self.book, self.book.get(ids[0]), parent=self)
        dialog.saved.connect(self._on_contact_saved)
        return self._open(dialog)

    def _open(self, dialog: ContactDialog) -> ContactDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_contact_saved(self, contact_id: int) -> None:
        group_id = self.current_group_id()
        if group_id is not None:
            # A contact added while a group is shown belongs in that group.
            group = next((g for g in self.book.groups() if g.id == group_id), None)
            if group is not None and contact_id not in group.member_ids:
                self.book.add_to_group(group_id, [contact_id])
        self._changed()
        self.select_id(contact_id)
        self.statusBar().showMessage(self.tr("Saved"), 3000)

    @Slot(QModelIndex)
    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.select_id(int(index.data(ID_ROLE)))
            self.edit_selected()

    @Slot()
    def delete_selected(self) -> QMessageBox | None:
        """Ask first, naming the pushes that still send to these contacts."""
        ids = self.selected_ids()
        if not ids:
            return None
        names = [self.book.get(i).name for i in ids]
        who = f"“{names[0]}”" if len(names) == 1 else self.tr("{0} contacts").format(len(names))
        text = self.tr("Delete {0}?").format(who)
        pushes = self.book.pushes_using(ids)
        if pushes:
            listed = "\n".join(f"• {name}" for name in pushes[:10])
            if len(pushes) > 10:
                listed += "\n" + self.tr("… and {0} more").format(len(pushes) - 10)
            text += "\n\n" + self.tr(
                "These reminders still send to them and will no longer reach them:"
            )
            text += "\n" + listed
        box = confirm_destructive(
            self,
            self.tr("Delete contacts"),
            text,
            self.tr("Delete"),
            lambda: self._delete(ids),
            warn=bool(pushes),
        )
        self.confirmation = box
        return box

    def _delete(self, ids: list[int]) -> None:
        try:
            self.book.delete(ids)
        except Exception as exc:
            self._report(self.tr("The contacts could not be deleted"), exc)
            return
        self._changed()
        self.statusBar().showMessage(self.tr("Deleted %n contact(s)", "", len(ids)), 4000)

    # -- CSV ---------------------------------------------------------------------------------

    @Slot()
    def import_csv(self, path: str | Path | None = None) -> CsvImportDialog | None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import contacts"), "", self.tr("CSV files (*.csv *.txt)")
            )
            if not path:
                return None
        dialog = CsvImportDialog(self.book, Path(path), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._on_imported)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_imported(self, ids: list[int]) -> None:
        self._changed()
        self.statusBar().showMessage(self.tr("Imported %n contact(s)", "", len(ids)), 5000)

    @Slot()
    def export_csv(self, path: str | Path | None = None) -> Path | None:
        """Write the contacts of the chosen group (all when none) as UTF-8 CSV Excel opens."""
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export contacts"), "contacts.csv", self.tr("CSV files (*.csv)")
            )
            if not path:
                return None
        group_id = self.current_group_id()
        contacts = [
            self.model.contact_at(row)
            for row in range(self.model.rowCount())
            if group_id is None or self.model.in_group(row, group_id)
        ]
        target = Path(path)
        try:
            write_private_text(target, export_csv(contacts), encoding="utf-8-sig", newline="")
        except OSError as exc:
            self._report(self.tr("The file could not be written"), exc)
            return None
        self.statusBar().showMessage(
            self.tr("Exported %n contact(s) to {0}", "", len(contacts)).format(target), 5000
        )
        return target

    def _report(self, what: str, exc: Exception) -> None:
        log.warning("%s: %s", what, exc)
        QMessageBox.warning(self, self.tr("Contacts"), f"{what}.\n\n{readable(exc)}")
