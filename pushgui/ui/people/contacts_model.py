"""Item models for contacts: the contacts table with its filter, and small text tables
(custom fields, CSV previews) used by the contact and import dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from pushgui.core.people.contacts import ContactRecord, GroupRecord
from pushgui.ui.widgets.table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex

NAME, EMAIL, HANDLE, PHONE, GROUPS = range(5)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class ContactTableModel(RowsTableModel):
    """Rows of :class:`ContactRecord` with the names of the groups each one belongs to."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ContactRecord] = []
        self._groups_of: dict[int, list[str]] = {}
        self._member_of: dict[int, set[int]] = {}
        self._headers = [
            self.tr("Name"),
            self.tr("Email"),
            self.tr("Chat handle"),
            self.tr("Phone"),
            self.tr("Groups"),
        ]

    def set_contacts(
        self, contacts: Sequence[ContactRecord], groups: Sequence[GroupRecord]
    ) -> None:
        self.beginResetModel()
        self._rows = list(contacts)
        self._groups_of = {}
        self._member_of = {}
        for group in groups:
            assert group.id is not None
            for contact_id in group.member_ids:
                self._groups_of.setdefault(contact_id, []).append(group.name)
                self._member_of.setdefault(contact_id, set()).add(group.id)
        self.endResetModel()

    def contact_at(self, row: int) -> ContactRecord:
        return self._rows[row]

    def contacts(self) -> list[ContactRecord]:
        return list(self._rows)

    def in_group(self, row: int, group_id: int) -> bool:
        contact_id = self._rows[row].id
        return contact_id is not None and group_id in self._member_of.get(contact_id, set())

    def row_of(self, contact_id: int) -> int:
        for i, contact in enumerate(self._rows):
            if contact.id == contact_id:
                return i
        return -1

    # -- QAbstractTableModel -----------------------------------------------------------------

    def _text(self, contact: ContactRecord, column: int) -> str:
        if column == NAME:
            return contact.name
        if column == EMAIL:
            return contact.email
        if column == HANDLE:
            return contact.handle
        if column == PHONE:
            return contact.phone
        return ", ".join(self._groups_of.get(contact.id or -1, []))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contact = self._rows[index.row()]
        if role == ID_ROLE:
            return contact.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(contact, index.column())
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == NAME and contact.fields:
                extra = "\n".join(f"{k}: {v}" for k, v in contact.fields.items())
                return f"{contact.name}\n{extra}"
            return text if text or role == Qt.ItemDataRole.DisplayRole else None
        if role == SORT_ROLE:
            return self._text(contact, index.column()).casefold()
        return None


class ContactFilterModel(QSortFilterProxyModel):
    """Shows the contacts of one group (or all) whose name or email holds the search text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._needle = ""
        self._group_id: int | None = None

    @property
    def group_id(self) -> int | None:
        return self._group_id

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange()

    def set_group(self, group_id: int | None) -> None:
        self.beginFilterChange()
        self._group_id = group_id
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ContactTableModel)
        if self._group_id is not None and not model.in_group(source_row, self._group_id):
            return False
        if not self._needle:
            return True
        contact = model.contact_at(source_row)
        return self._needle in contact.name.casefold() or self._needle in contact.email.casefold()


class TextTableModel(RowsTableModel):
    """A read-only table of text rows under given headers (previews and problem lists)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[list[str]] = []

    def set_table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""


class FieldsModel(RowsTableModel):
    """Editable custom fields of one contact: a name column and a value column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []
        self._headers = [self.tr("Field"), self.tr("Value")]

    def set_fields(self, fields: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = [[k, v] for k, v in fields.items()]
        self.endResetModel()

    def pairs(self) -> list[tuple[str, str]]:
        """Every row as (name, value), stripped; rows left completely empty are dropped."""
        return [(k.strip(), v.strip()) for k, v in self._rows if k.strip() or v.strip()]

    def add_row(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(["", ""])
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._rows[index.row()][index.column()]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self._rows[index.row()][index.column()] = str(value)
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable
