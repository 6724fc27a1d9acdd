"""The dialog that names a group of contacts, new or renamed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.errors import SpecError
from pushgui.core.people.contacts import ContactBook, GroupRecord
from pushgui.ui.widgets.fields import ErrorLabel


class GroupNameDialog(QDialog):
    """Ask for a group's name; the book says whether it is acceptable (empty, taken).

    Signals:
        saved(int): the group was saved; the argument is its id.
    """

    saved = Signal(int)

    def __init__(
        self, book: ContactBook, group: GroupRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.group = group or GroupRecord(name="")
        self.setWindowTitle(self.tr("Rename group") if group else self.tr("New group"))
        self.name_edit = QLineEdit(self.group.name, self)
        self.name_edit.setPlaceholderText(self.tr("e.g. Sales team"))
        self.name_edit.setAccessibleName(self.tr("Group name"))
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._changed)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Group &name:"), self)
        label.setBuddy(self.name_edit)
        layout.addWidget(label)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(360, self.sizeHint().height())
        self._changed()

    def _changed(self) -> None:
        self.error.show_messages([])
        self.ok_button.setEnabled(bool(self.name_edit.text().strip()))

    def accept(self) -> None:
        group = GroupRecord(
            name=self.name_edit.text().strip(),
            member_ids=self.group.member_ids,
            id=self.group.id,
        )
        try:
            group_id = self.book.save_group(group)
        except SpecError as exc:
            self.error.show_messages(e.message for e in exc.errors)
            return
        self.saved.emit(group_id)
        super().accept()
