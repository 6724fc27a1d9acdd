"""What the email form has that other kinds' forms do not: the mail provider presets (their
servers and notes come from :mod:`pushgui.core.channels.email`), the port that follows the
encryption, and the sender address that follows the user name.

Strings keep the ``ChannelForm`` translation context they had inside the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels import email
from pushgui.ui.channel_fields import get_input
from pushgui.ui.i18n import readable
from pushgui.ui.widgets.fields import hint_label


class EmailHelpers(QObject):
    """Adds the provider row to ``form`` and keeps port and sender in step with the fields
    in ``inputs``; ``test_to`` is the test address, kept with the sender too. ``apply`` is
    called with the settings a preset fills in (as if typed)."""

    def __init__(
        self,
        form: QFormLayout,
        inputs: dict[str, QWidget],
        test_to: QLineEdit,
        apply: Callable[[dict[str, Any]], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._inputs, self._test_to, self._apply = inputs, test_to, apply
        self.combo = QComboBox(parent)
        self.combo.setAccessibleName(QCoreApplication.translate("ChannelForm", "Mail provider"))
        self.combo.addItem(QCoreApplication.translate("ChannelForm", "Other (fill in below)"), "")
        for preset in email.presets():
            self.combo.addItem(readable(preset.name), preset.key)
        self.combo.currentIndexChanged.connect(self._preset_chosen)
        self.hint = hint_label("", parent)
        self.hint.hide()
        label = QLabel(QCoreApplication.translate("ChannelForm", "Mail &provider:"), parent)
        label.setBuddy(self.combo)
        cell = QVBoxLayout()
        cell.setSpacing(2)
        cell.addWidget(self.combo, 0, Qt.AlignmentFlag.AlignLeft)
        cell.addWidget(self.hint)
        form.addRow(label, cell)

    def wire(self) -> None:
        """Follow the fields (once they exist)."""
        security, username = self._inputs["security"], self._inputs["username"]
        assert isinstance(security, QComboBox) and isinstance(username, QLineEdit)
        security.currentIndexChanged.connect(self._security_changed)
        username.textEdited.connect(self._username_edited)
        self._last_username = username.text()

    def _security_changed(self) -> None:
        # The port follows the encryption while it is one of the usual ports.
        port = self._inputs["port"]
        assert isinstance(port, QSpinBox)
        if port.value() in email.USUAL_PORTS.values():
            usual = email.USUAL_PORTS.get(get_input(self._inputs["security"]), port.value())
            port.setValue(usual)

    def _username_edited(self, text: str) -> None:
        # The login is usually the address mail is sent from: keep them together until the
        # user types another sender address.
        sender = self._inputs["sender_address"]
        assert isinstance(sender, QLineEdit)
        if sender.text() in ("", self._last_username) and "@" in text:
            sender.setText(text)
            if self._test_to.text() in ("", self._last_username):
                self._test_to.setText(text)
        self._last_username = text

    def _preset_chosen(self) -> None:
        key = self.combo.currentData()
        chosen = next((p for p in email.presets() if p.key == key), None)
        self.hint.setVisible(chosen is not None)
        if chosen is not None:
            self._apply({"host": chosen.host, "port": chosen.port, "security": chosen.security})
            self.hint.setText(readable(chosen.note))
