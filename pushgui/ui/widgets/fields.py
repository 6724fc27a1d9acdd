"""Form pieces every window shares: the red error label under a field, a labelled form row
with its error, and grey help text."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QSizePolicy, QVBoxLayout, QWidget

from pushgui.ui.i18n import readable


class ErrorLabel(QLabel):
    """A red, word-wrapped message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None, reserve_line: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._colour()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        if reserve_line:
            # The space of one line stays when there is nothing to say, so a message
            # appearing never moves the fields below (where the next click is going).
            policy = self.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.setSizePolicy(policy)
            self.setText("Ag 汉字")  # a line as tall as either language makes it
            self.setMinimumHeight(self.sizeHint().height())
            self.setText("")
        self.hide()

    def _colour(self) -> None:
        # A red that reads on both light and dark window backgrounds.
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#ff8a80" if dark else "#c62828"))
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._colour()

    def show_messages(self, messages: Iterable[str]) -> None:
        text = "\n".join(dict.fromkeys(readable(m) for m in messages if m))
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))


def with_error(field: QWidget | QLayout, error: ErrorLabel) -> QVBoxLayout:
    """``field`` with its error label tight underneath, as one form-layout cell.

    The cell takes the full width so a long message wraps late; a field that does not
    expand on its own (a combo, a date) keeps its natural width, as in native forms.
    """
    box = QVBoxLayout()
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    if isinstance(field, QWidget):
        expands = field.sizePolicy().expandingDirections() & Qt.Orientation.Horizontal
        box.addWidget(field, 0, Qt.AlignmentFlag(0) if expands else Qt.AlignmentFlag.AlignLeft)
    else:
        box.addLayout(field)
    box.addWidget(error)
    return box


def make_form(parent: QWidget) -> QFormLayout:
    """The editors' form; each field sits at its natural width (see :func:`with_error`)."""
    form = QFormLayout(parent)
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def add_row(
    form: QFormLayout,
    text: str | QWidget,
    field: QWidget | QLayout,
    error: ErrorLabel,
    buddy: QWidget | None = None,
) -> int:
    """Add a labelled row whose label's mnemonic focuses ``buddy``; returns the row index."""
    label = QLabel(text, form.parentWidget()) if isinstance(text, str) else text
    target = buddy or (field if isinstance(field, QWidget) else None)
    if isinstance(label, QLabel) and target is not None:
        label.setBuddy(target)
    row = form.rowCount()
    form.addRow(label, with_error(field, error))
    return row


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Small grey help text under a field."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label
