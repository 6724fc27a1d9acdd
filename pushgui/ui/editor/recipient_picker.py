"""The email recipients picker's model: groups, then contacts, each with a check box, in the
order they were ticked; and the empty contact book of an editor opened without one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette

from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.ui.editor.check_lists import KEY_ROLE, is_checked

Index = QModelIndex | QPersistentModelIndex


class NoContacts(ContactBook):
    """An empty contact book, for an editor opened without one (only "me" and rooms)."""

    def __init__(self) -> None:
        pass

    def contacts(self, ids: Iterable[int] | None = None) -> list[ContactRecord]:
        return []

    def groups(self) -> list[GroupRecord]:
        return []

    def expand(self, contact_ids: Iterable[int], group_ids: Iterable[int]) -> list[ContactRecord]:
        return []


@dataclass(frozen=True)
class _Entry:
    group: bool
    id: int
    text: str
    detail: str
    usable: bool  # a contact without an email address cannot receive one


class RecipientPickerModel(QAbstractListModel):
    """Groups, then contacts, each with a check box; remembers the order things were ticked.

    Signals:
        choice_changed(): a group or contact was ticked or unticked.
    """

    choice_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[_Entry] = []
        # dicts keep the order of choosing, so a loaded push comes back unchanged
        self._groups: dict[int, None] = {}
        self._contacts: dict[int, None] = {}

    def set_book(self, groups: Sequence[GroupRecord], contacts: Sequence[ContactRecord]) -> None:
        people = {c.id: c for c in contacts}
        entries = []
        for group in groups:
            assert group.id is not None
            size = len(group.member_ids)
            detail = self.tr("group of %1 people").replace("%1", str(size))
            if size == 1:
                detail = self.tr("group of 1 person")
            names = ", ".join(people[m].name for m in group.member_ids if m in people)
            entries.append(_Entry(True, group.id, group.name, detail + ("\n" + names), True))
        for contact in contacts:
            assert contact.id is not None
            detail = contact.email or self.tr("no email address")
            entries.append(_Entry(False, contact.id, contact.name, detail, bool(contact.email)))
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def set_chosen(self, group_ids: Iterable[int], contact_ids: Iterable[int]) -> None:
        self._groups = dict.fromkeys(group_ids)
        self._contacts = dict.fromkeys(contact_ids)
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def chosen(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(group ids, contact ids) that are ticked and still exist, in the order ticked."""
        groups = {e.id for e in self._entries if e.group}
        contacts = {e.id for e in self._entries if not e.group}
        return (
            tuple(g for g in self._groups if g in groups),
            tuple(c for c in self._contacts if c in contacts),
        )

    def row_of(self, group: bool, item_id: int) -> int:
        for row, entry in enumerate(self._entries):
            if entry.group == group and entry.id == item_id:
                return row
        return -1

    def _chosen_set(self, entry: _Entry) -> dict[int, None]:
        return self._groups if entry.group else self._contacts

    # -- QAbstractListModel ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if entry.group:
                return self.tr("%1 (group)").replace("%1", entry.text)
            if entry.usable:
                return f"{entry.text} <{entry.detail}>"
            return self.tr("%1 (no email address)").replace("%1", entry.text)
        if role == Qt.ItemDataRole.CheckStateRole:
            chosen = entry.id in self._chosen_set(entry)
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.detail
        if role == Qt.ItemDataRole.ForegroundRole and not entry.usable:
            return QPalette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.FontRole and entry.group:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == KEY_ROLE:
            return ("group" if entry.group else "contact", entry.id)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        entry = self._entries[index.row()]
        chosen = self._chosen_set(entry)
        if is_checked(value):
            chosen.setdefault(entry.id)
        else:
            chosen.pop(entry.id, None)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.choice_changed.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
