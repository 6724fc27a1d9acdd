"""The editors a channel form is built from: a password field with a Show toggle, an amber
warning note, and reading or filling any field's editor whatever widget it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)


class WarningLabel(QLabel):
    """An amber note under a field: it works, but the user should know (not blocking)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldWarning")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffcc80" if dark else "#a15c00"))
        self.setPalette(palette)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    def show_messages(self, messages: list[str]) -> None:
        text = "\n".join("⚠ " + m for m in dict.fromkeys(messages))
        self.setText(text)
        self.setVisible(bool(text))


class SecretEdit(QWidget):
    """A password field with a Show toggle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.toggle = QToolButton(self)
        self.toggle.setText(self.tr("Show"))
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(self.tr("Show or hide what is typed"))
        self.toggle.toggled.connect(self._toggled)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.edit, 1)
        box.addWidget(self.toggle)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _toggled(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.toggle.setText(self.tr("Hide") if shown else self.tr("Show"))


def apply_placeholder(widget: QWidget, text: str) -> None:
    """Show ``text`` in an empty text field (whatever kind of editor it is)."""
    if isinstance(widget, SecretEdit):
        widget.edit.setPlaceholderText(text)
    elif isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.setPlaceholderText(text)


def set_input(widget: QWidget, value: Any) -> None:
    """Put ``value`` into a field's editor without it counting as an edit."""
    widget.blockSignals(True)
    try:
        if isinstance(widget, QComboBox):
            index = widget.findData(str(value))
            widget.setCurrentIndex(max(index, 0))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QDoubleSpinBox):
            widget.setValue(float(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, SecretEdit):
            widget.edit.setText(str(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))
    finally:
        widget.blockSignals(False)


def get_input(widget: QWidget) -> Any:
    """The value a field's editor holds."""
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, SecretEdit):
        return widget.edit.text()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return None
