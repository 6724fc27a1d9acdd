"""The dialog where one contact is added or edited, checked as the user types."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.people import service_ids
from pushgui.core.people.contacts import ContactBook, ContactRecord, validate_contact
from pushgui.core.system.i18n import translate
from pushgui.ui.people.contacts_model import FieldsModel
from pushgui.ui.widgets.fields import ErrorLabel, add_row, hint_label
from pushgui.ui.widgets.tables import Edit, Selection, make_table


class ContactDialog(QDialog):
    """Add (``contact`` is None) or edit a contact; Save stays disabled while it is invalid.

    Signals:
        saved(int): the contact was written to the book; the argument is its id.
    """

    saved = Signal(int)

    def __init__(
        self,
        book: ContactBook,
        contact: ContactRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book = book
        self._original = contact
        self._touched: set[str] = set()
        self.setWindowTitle(self.tr("Edit contact") if contact else self.tr("New contact"))
        self.setSizeGripEnabled(True)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("e.g. Li Wei"))
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.email_edit = QLineEdit(self)
        self.email_edit.setPlaceholderText(self.tr("name@example.com"))
        self.email_edit.setAccessibleName(self.tr("Email"))
        self.handle_edit = QLineEdit(self)
        self.handle_edit.setPlaceholderText(self.tr("Optional, e.g. @liwei"))
        self.handle_edit.setAccessibleName(self.tr("Chat handle"))
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText(self.tr("Optional"))
        self.phone_edit.setAccessibleName(self.tr("Phone"))
        self.name_error = ErrorLabel(self)
        self.email_error = ErrorLabel(self)
        self.handle_error = ErrorLabel(self)
        self.phone_error = ErrorLabel(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(form, self.tr("&Name:"), self.name_edit, self.name_error)
        add_row(form, self.tr("&Email:"), self.email_edit, self.email_error)
        add_row(form, self.tr("Chat &handle:"), self.handle_edit, self.handle_error)
        add_row(form, self.tr("&Phone:"), self.phone_edit, self.phone_error)

        # IDs on the chat services, for @mentions (core/people/service_ids.py).
        self.id_edits: dict[str, QLineEdit] = {}
        self.id_errors: dict[str, ErrorLabel] = {}
        # In the same form as name and email, so that the labels line up.
        ids_heading = QLabel(self.tr("IDs for @mentions"), self)
        form.addRow(ids_heading)
        form.addRow(
            hint_label(
                self.tr(
                    "A bot pings this person by the ID of its service; leave the others empty."
                ),
                self,
            )
        )
        for service in service_ids.SERVICE_IDS:
            id_edit = QLineEdit(self)
            id_edit.setPlaceholderText(self.tr("Optional"))
            id_edit.setToolTip(translate("service_ids", service.hint))
            id_edit.setAccessibleName(service_ids.label(service.key).rstrip(":："))
            id_edit.textEdited.connect(lambda _text, key=service.key: self._on_edit(key))
            self.id_edits[service.key] = id_edit
            self.id_errors[service.key] = ErrorLabel(self)
            add_row(form, service_ids.label(service.key), id_edit, self.id_errors[service.key])

        self.fields_model = FieldsModel(self)
        self.fields_view = make_table(
            self.fields_model,
            self.tr("Custom fields"),
            self,
            selection=Selection.ExtendedSelection,
            edit=Edit.DoubleClicked | Edit.EditKeyPressed | Edit.AnyKeyPressed,
            alternate=False,
        )
        self.fields_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.fields_view.setMinimumHeight(110)
        self.add_field_button = QPushButton(self.tr("Add field"), self)
        self.remove_field_button = QPushButton(self.tr("Remove field"), self)
        self.add_field_button.clicked.connect(self.add_field)
        self.remove_field_button.clicked.connect(self._remove_field)
        self.fields_error = ErrorLabel(self)
        field_buttons = QHBoxLayout()
        field_buttons.addWidget(self.add_field_button)
        field_buttons.addWidget(self.remove_field_button)
        field_buttons.addStretch(1)

        heading = QLabel(self.tr("Custom fields"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        ids_heading.setFont(font)

        self.other_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # saves, as in the reminder editor
            QShortcut(QKeySequence(keys), self, self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addSpacing(4)
        layout.addWidget(heading)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Extra facts a message can use: a field called “team” is written "
                    "${team} in a message."
                ),
                self,
            )
        )
        layout.addWidget(self.fields_view, 1)
        layout.addWidget(self.fields_error)
        layout.addLayout(field_buttons)
        layout.addWidget(self.other_error)
        layout.addWidget(self.buttons)

        if contact is not None:
            self.name_edit.setText(contact.name)
            self.email_edit.setText(contact.email)
            self.handle_edit.setText(contact.handle)
            self.phone_edit.setText(contact.phone)
            self.fields_model.set_fields(contact.fields)
            for key, value in contact.service_ids.items():
                if key in self.id_edits:
                    self.id_edits[key].setText(value)
            self._touched.update(("name", "email", "fields"))

        for key, edit in (
            ("name", self.name_edit),
            ("email", self.email_edit),
            ("handle", self.handle_edit),
            ("phone", self.phone_edit),
        ):
            edit.textEdited.connect(lambda _text, key=key: self._on_edit(key))
        self.fields_model.dataChanged.connect(self._fields_edited)
        self.fields_model.rowsRemoved.connect(self._fields_edited)

        self.resize(520, 760)
        self.name_edit.setFocus()
        self._refresh()

    # -- reading the fields -----------------------------------------------------------------

    def contact(self) -> ContactRecord:
        """The contact the fields describe (not yet checked)."""
        return ContactRecord(
            id=self._original.id if self._original else None,
            name=self.name_edit.text().strip(),
            email=self.email_edit.text().strip(),
            handle=self.handle_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            fields=dict(self.fields_model.pairs()),
            service_ids={k: e.text() for k, e in self.id_edits.items() if e.text().strip()},
        )

    def errors(self) -> list[FieldError]:
        errors = validate_contact(self.contact())
        names = [k for k, _v in self.fields_model.pairs()]
        for name in dict.fromkeys(n for n in names if n and names.count(n) > 1):
            errors.append(FieldError("fields", self.tr("Two fields are called “{0}”").format(name)))
        return errors

    # -- behaviour --------------------------------------------------------------------------

    @Slot()
    def add_field(self) -> None:
        row = self.fields_model.add_row()
        index = self.fields_model.index(row, 0)
        self.fields_view.setCurrentIndex(index)
        self.fields_view.edit(index)

    @Slot()
    def _remove_field(self) -> None:
        index = self.fields_view.currentIndex()
        if index.isValid():
            self.fields_model.remove_row(index.row())

    @Slot()
    def _fields_edited(self) -> None:
        self._on_edit("fields")

    def _on_edit(self, key: str) -> None:
        self._touched.add(key)
        self._refresh()

    def _refresh(self) -> None:
        errors = self.errors()
        self._show(errors, shown=self._touched)
        self.save_button.setEnabled(not errors)

    def _show(self, errors: list[FieldError], shown: set[str] | None = None) -> None:
        labels = {
            "name": self.name_error,
            "email": self.email_error,
            "handle": self.handle_error,
            "phone": self.phone_error,
            "fields": self.fields_error,
            **{f"service_ids.{k}": label for k, label in self.id_errors.items()},
        }
        grouped: dict[ErrorLabel, list[str]] = {label: [] for label in labels.values()}
        other: list[str] = []
        for error in errors:
            key = error.field.split(".")[0]
            if key == "service_ids":  # shown next to its own field, as soon as typed
                key = error.field
                if shown is not None and key.split(".", 1)[1] not in shown:
                    continue
            elif shown is not None and key not in shown:
                continue
            label = labels.get(key)
            if label is None:
                other.append(error.message)
            else:
                grouped[label].append(error.message)
        for label, messages in grouped.items():
            label.show_messages(messages)
        self.other_error.show_messages(other)

    def accept(self) -> None:
        if self.errors():
            self._touched.update(("name", "email", "fields", *self.id_edits))
            self._refresh()
            return
        try:
            contact_id = self.book.save(self.contact())
        except SpecError as exc:
            self._show(exc.errors)
            self.save_button.setEnabled(False)
            return
        except Exception as exc:  # a locked database; the user can try again
            self.other_error.show_messages([self.tr("The contact was not saved: {0}").format(exc)])
            return
        self.saved.emit(contact_id)
        super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter inside the custom-fields table finishes the cell, it does not close the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.fields_view.hasFocus():
            return
        super().keyPressEvent(event)
