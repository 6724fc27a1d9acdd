"""The reminder editor's *Nag until done* section: repeat every N minutes until marked done,
and optionally tell someone (a room, or a colleague by email) if not done within M minutes.

A separate widget so the push editor only places it, loads it and reads it (a few lines
there); the rules are in ``pushgui/core/pushes/nag.py`` and ``pushgui/core/runs/nagging.py``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from pushgui.core.channels.book import ChannelBook
from pushgui.core.errors import FieldError
from pushgui.core.people.contacts import ContactBook
from pushgui.core.pushes.nag import MAX_ESCALATE, MAX_EVERY, NagSpec
from pushgui.ui.channel_kinds import kind_label
from pushgui.ui.widgets.fields import ErrorLabel


class NagEditor(QWidget):
    """Off by default. Signals: changed(): any part was edited."""

    changed = Signal()

    def __init__(
        self,
        contacts: ContactBook | None,
        channels: ChannelBook | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.nag_box = QCheckBox(self.tr("&Nag: show it again every"), self)
        self.every_spin = QSpinBox(self)
        self.every_spin.setRange(1, MAX_EVERY)
        self.every_spin.setValue(10)
        self.every_spin.setSuffix(self.tr(" min until marked done"))
        self.every_spin.setAccessibleName(self.tr("Show it again every (minutes)"))
        self.escalate_box = QCheckBox(self.tr("If not done &within"), self)
        self.after_spin = QSpinBox(self)
        self.after_spin.setRange(1, MAX_ESCALATE)
        self.after_spin.setValue(30)
        self.after_spin.setSuffix(self.tr(" min, tell"))
        self.after_spin.setAccessibleName(self.tr("Escalate after (minutes)"))
        self.target_combo = QComboBox(self)
        self.target_combo.setAccessibleName(self.tr("Who is told"))
        self.target_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.target_combo.setMinimumContentsLength(16)
        self.target_combo.addItem(self.tr("Choose a room or a colleague…"), None)
        self._fill_targets(contacts, channels)
        self.error = ErrorLabel(self)

        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        first.addWidget(self.nag_box)
        first.addWidget(self.every_spin)
        first.addStretch(1)
        second = QHBoxLayout()
        second.setContentsMargins(18, 0, 0, 0)
        second.addWidget(self.escalate_box)
        second.addWidget(self.after_spin)
        second.addWidget(self.target_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.error)

        for box in (self.nag_box, self.escalate_box):
            box.toggled.connect(self._edited)
        for spin in (self.every_spin, self.after_spin):
            spin.valueChanged.connect(self._edited)
        self.target_combo.currentIndexChanged.connect(self._edited)
        self._enable()

    def _fill_targets(self, contacts: ContactBook | None, channels: ChannelBook | None) -> None:
        if channels is None:
            return
        people = contacts.contacts() if contacts is not None else []
        for channel in channels.channels():
            if channel.kind == "email":
                for person in people:
                    if person.email and person.id is not None:
                        target = {
                            "kind": "email",
                            "channel_id": channel.id,
                            "contact_ids": [person.id],
                        }
                        self.target_combo.addItem(f"{person.name} ({channel.name})", target)
            else:
                label = f"{channel.name} ({kind_label(channel.kind, channel.settings)})"
                self.target_combo.addItem(label, {"kind": channel.kind, "channel_id": channel.id})

    def _edited(self, *_args: object) -> None:
        self._enable()
        self.changed.emit()

    def _enable(self) -> None:
        on = self.nag_box.isChecked()
        self.every_spin.setEnabled(on)
        self.escalate_box.setEnabled(on)
        escalate = on and self.escalate_box.isChecked()
        self.after_spin.setEnabled(escalate)
        self.target_combo.setEnabled(escalate)

    def nag(self) -> NagSpec | None:
        if not self.nag_box.isChecked():
            return None
        if not self.escalate_box.isChecked():
            return NagSpec(self.every_spin.value())
        target: dict[str, Any] | None = self.target_combo.currentData()
        return NagSpec(self.every_spin.value(), self.after_spin.value(), target)

    def set_nag(self, nag: NagSpec | None) -> None:
        self.nag_box.setChecked(nag is not None)
        if nag is not None:
            self.every_spin.setValue(nag.every_minutes)
            self.escalate_box.setChecked(bool(nag.escalate_after_minutes))
            if nag.escalate_after_minutes:
                self.after_spin.setValue(nag.escalate_after_minutes)
            if nag.escalate_to is not None:
                wanted = {k: v for k, v in nag.escalate_to.items() if v}
                for index in range(self.target_combo.count()):
                    if self.target_combo.itemData(index) == wanted:
                        self.target_combo.setCurrentIndex(index)
                        break
        self._enable()

    def show_errors(self, errors: list[FieldError]) -> None:
        self.error.show_messages(e.message for e in errors if e.field.startswith("nag"))
