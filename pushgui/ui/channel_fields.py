"""The editors a channel form is built from: one editor per described field (the kinds
describe their fields as data, :class:`pushgui.core.channels.kind.Field`), a password
field with a Show toggle, an amber warning note, reading or filling any field's editor
whatever widget it is, and the guard that keeps wrapped texts whole (also used by the
Settings dialog)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.kind import Field
from pushgui.ui.i18n import readable
from pushgui.ui.widgets.fields import ErrorLabel, hint_label


class WarningLabel(QLabel):
    """An amber note under a field: it works, but the user should know (not blocking).

    :meth:`reserve` keeps the room of the warnings a field can get while none shows, so
    one appearing (after a choice in the field) never moves the fields below it, where the
    user's next click is going.
    """

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
        self._reserved = ""
        self.hide()

    @staticmethod
    def _text(messages: list[str]) -> str:
        return "\n".join(dict.fromkeys("⚠ " + readable(m) for m in messages))

    def reserve(self, messages: list[str]) -> None:
        """Keep the room ``messages`` take (wrapped at the label's width) while hidden."""
        self._reserved = self._text(messages)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(bool(self._reserved))
        self.setSizePolicy(policy)
        if self.isHidden():
            self.setText(self._reserved)  # sizes the hidden label; never painted

    def show_messages(self, messages: list[str]) -> None:
        text = self._text(messages)
        self.setText(text or self._reserved)
        self.setVisible(bool(text))


class WholeLines(QObject):
    """Keeps each word-wrapped label of a window as tall as its text needs at its width.

    A layout sizes a wrapped label from a height-for-width estimate, and a form layout nested
    in another layout makes that estimate for another width than the one it then gives: the
    encryption warning got one line of its two, and a label given less room shows half
    lines. So each label's minimum height follows what its text needs at the width it got,
    whenever its size changes, and after the window changed texts (:meth:`settle`).
    """

    FLOOR = "wholeLinesFloor"  # the label's own minimum height, kept under the one set here

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)
        self.watch()

    def watch(self) -> None:
        """Watch the window's wrapped labels (call again after adding some)."""
        for label in self._window.findChildren(QLabel):
            if label.wordWrap() and label.property(self.FLOOR) is None:
                label.setProperty(self.FLOOR, label.minimumHeight())
                label.installEventFilter(self)

    def settle(self) -> None:
        """After texts changed: each watched label asks for the height its text needs now.

        Only once the window shows: before, the labels' widths are not the final ones."""
        if not self._window.isVisible():
            return
        for label in self._window.findChildren(QLabel):
            if label.property(self.FLOOR) is not None:
                self._fit(label)

    @staticmethod
    def text_height(label: QLabel, width: int) -> int:
        """The height ``label``'s text needs at ``width``, whatever minimum height it has
        (QLabel's own heightForWidth answers at least its minimum height)."""
        probe = QLabel()
        probe.setFont(label.font())
        probe.setTextFormat(label.textFormat())
        probe.setWordWrap(label.wordWrap())
        probe.setMargin(label.margin())
        probe.setIndent(label.indent())
        probe.setContentsMargins(label.contentsMargins())
        probe.setText(label.text())
        return probe.heightForWidth(width)

    def _fit(self, label: QLabel) -> None:
        needed = int(label.property(self.FLOOR))
        if label.text():
            needed = max(needed, self.text_height(label, label.width()))
        if label.minimumHeight() != needed:
            label.setMinimumHeight(needed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            if event.type() == QEvent.Type.Show:
                self.settle()
        # While the window is being laid out before it shows, widths are not final yet.
        elif (
            event.type() == QEvent.Type.Resize
            and isinstance(watched, QLabel)
            and self._window.isVisible()
        ):
            self._fit(watched)
        return False


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
    text = readable(text)
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
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
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
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, SecretEdit):
        return widget.edit.text()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return None


def make_editor(field: Field, edited: Callable[[], None], parent: QWidget) -> QWidget:
    """The editor ``field`` describes; ``edited`` is called on each change by the user."""
    widget: QWidget
    if field.widget == "choice":
        combo = QComboBox(parent)
        for value, text in field.choices:
            combo.addItem(readable(text), value)
        combo.currentIndexChanged.connect(lambda _i: edited())
        widget = combo
    elif field.widget == "number":
        spin = QSpinBox(parent)
        spin.setRange(field.minimum, field.maximum)
        spin.valueChanged.connect(lambda _v: edited())
        widget = spin
    elif field.widget == "seconds":
        seconds = QDoubleSpinBox(parent)
        seconds.setRange(field.minimum, field.maximum)
        seconds.setDecimals(0)
        seconds.setSuffix(QCoreApplication.translate("ChannelForm", " seconds"))
        seconds.valueChanged.connect(lambda _v: edited())
        widget = seconds
    elif field.widget == "bool":
        check = QCheckBox(parent)
        check.toggled.connect(lambda _c: edited())
        widget = check
    elif field.widget == "multiline":
        plain = QPlainTextEdit(parent)
        plain.setTabChangesFocus(True)
        plain.setFixedHeight(plain.fontMetrics().lineSpacing() * 4 + 12)
        plain.textChanged.connect(edited)
        widget = plain
    elif field.widget == "secret":
        secret = SecretEdit(parent)
        secret.edit.textEdited.connect(lambda _t: edited())
        widget = secret
    else:
        line = QLineEdit(parent)
        line.textEdited.connect(lambda _t: edited())
        widget = line
    widget.setObjectName(field.name)
    apply_placeholder(widget, field.placeholder)
    widget.setAccessibleName(readable(field.label).replace("&", "").rstrip(":"))
    if isinstance(widget, SecretEdit):
        widget.edit.setAccessibleName(widget.accessibleName())
    return widget


class PasteBox(QFrame):
    """ "Paste the web address your service gave you", with room for why it does not fit
    (:attr:`error`) or what was filled in (:attr:`note`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        label = QLabel(
            QCoreApplication.translate(
                "ChannelForm", "&Paste the web address your service gave you:"
            ),
            self,
        )
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("https://…")
        self.edit.setAccessibleName(
            QCoreApplication.translate("ChannelForm", "Web address from your service")
        )
        self.edit.setClearButtonEnabled(True)
        label.setBuddy(self.edit)
        self.error = ErrorLabel(self)
        self.note = hint_label("", self)
        self.note.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(4)
        for part in (label, self.edit, self.error, self.note):
            box.addWidget(part)


class AdvancedToggle(QToolButton):
    """ "Advanced settings": an arrow button that shows or hides ``section``."""

    def __init__(self, section: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._section = section
        self.setText(QCoreApplication.translate("ChannelForm", "Advanced settings"))
        self.setCheckable(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setArrowType(Qt.ArrowType.RightArrow)
        self.setAutoRaise(True)
        self.toggled.connect(self._toggled)
        section.hide()

    def _toggled(self, shown: bool) -> None:
        self._section.setVisible(shown)
        self.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
