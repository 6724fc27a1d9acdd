"""Message templates in the GUI: save the editor's message under a name, or pick one to
start a new reminder from."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.errors import SpecError
from pushgui.core.messages.templates import Template, TemplateBook
from pushgui.core.pushes.spec import MAX_NAME, Message, Target
from pushgui.core.store.errors import StoreError
from pushgui.ui.widgets.fields import ErrorLabel, hint_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SaveTemplateDialog(QDialog):
    """Name a template for a message; saving under an existing name replaces that template.

    Signals:
        saved(int, str): the template id and name, once it is in the database.
    """

    saved = Signal(int, str)

    def __init__(
        self,
        book: TemplateBook,
        message: Message,
        targets: tuple[Target, ...],
        parent: QWidget | None = None,
        suggested_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.message = message
        self.targets = targets
        self.setWindowTitle(self.tr("Save as template"))
        self.name_edit = QLineEdit(suggested_name)
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setAccessibleName(self.tr("Template name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Weekly report"))
        self.name_error = ErrorLabel(self)
        self.replace_note = hint_label("", self)
        self.replace_note.hide()
        self.targets_box = QCheckBox(self.tr("Also save who receives it"))
        self.targets_box.setChecked(True)
        summary = QLabel(message.title)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow("", self.name_error)
        form.addRow("", self.replace_note)
        form.addRow(self.tr("Message:"), summary)
        form.addRow("", self.targets_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(420)

    @Slot()
    def _check(self) -> None:
        name = self.name_edit.text().strip()
        self.save_button.setEnabled(bool(name))
        existing = self.book.find(name) if name else None
        self.replace_note.setText(
            self.tr("A template with this name exists; saving replaces it.") if existing else ""
        )
        self.replace_note.setVisible(existing is not None)
        self.name_error.show_messages([])

    def accept(self) -> None:
        name = self.name_edit.text().strip()
        targets = self.targets if self.targets_box.isChecked() else None
        try:
            template_id = self.book.save(name, self.message, targets)
        except SpecError as exc:
            self.name_error.show_messages(e.message for e in exc.errors)
            return
        except StoreError as exc:  # a team server that refused or cannot be reached
            self.name_error.show_messages([str(exc)])
            return
        self.saved.emit(template_id, name)
        super().accept()


class TemplateChooserDialog(QDialog):
    """Pick a template to start a new reminder from; templates can be deleted here too.

    Signals:
        chosen(object): the :class:`Template` to start from (emitted on accept).
    """

    chosen = Signal(object)

    def __init__(self, book: TemplateBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.setWindowTitle(self.tr("New reminder from a template"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Templates"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setMinimumHeight(self.fontMetrics().height() * 3)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty = hint_label(
            self.tr(
                "No templates yet. In the reminder editor, click “Save as template…” to keep "
                "a message for later."
            ),
            self,
        )
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(
            self.tr("&Start from it"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button.clicked.connect(self.delete_selected)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.resize(460, 380)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        self._templates = {t.id: t for t in self.book.list()}
        for template in self._templates.values():
            item = QListWidgetItem(template.name, self.list)
            item.setData(ID_ROLE, template.id)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(not self._templates)
        self._update()

    def selected(self) -> Template | None:
        item = self.list.currentItem()
        return None if item is None else self._templates.get(int(item.data(ID_ROLE)))

    def select_name(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).text() == name:
                self.list.setCurrentRow(row)
                return
        raise LookupError(name)

    @Slot()
    def _update(self, *_args: object) -> None:
        template = self.selected()
        self.start_button.setEnabled(template is not None)
        self.delete_button.setEnabled(template is not None)
        if template is None:
            self.preview.clear()
            return
        text = template.message.title
        if template.message.body:
            text += "\n" + template.message.body
        self.preview.setText(text[:600])

    @Slot()
    def delete_selected(self) -> None:
        template = self.selected()
        if template is not None:
            self.book.delete(template.id)
            self.reload()

    def accept(self) -> None:
        template = self.selected()
        if template is None:
            return
        self.chosen.emit(template)
        super().accept()
