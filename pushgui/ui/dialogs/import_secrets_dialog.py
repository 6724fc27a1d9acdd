"""After File ▸ Import created channels without their passwords or tokens (an export never
carries secrets, docs/EXPORT_FORMAT.md): list those channels and let the user enter each
one's secrets in the channel's own form, now or later in Channels."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.book import ChannelBook, ChannelRecord
from pushgui.core.channels.config import CONFIG_TYPES
from pushgui.ui.channel_form import ChannelForm
from pushgui.ui.channel_kinds import kind_label


def needing_secrets(book: ChannelBook, before: set[int]) -> list[ChannelRecord]:
    """The channels that are new since ``before`` (ids) and whose kind has secrets."""
    return [
        record
        for record in book.channels()
        if record.id not in before
        and record.kind in CONFIG_TYPES
        and CONFIG_TYPES[record.kind].SECRETS
    ]


class ImportSecretsDialog(QDialog):
    """One row per channel: its name and service, and a button opening its form."""

    def __init__(
        self, book: ChannelBook, channels: list[ChannelRecord], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.form: ChannelForm | None = None
        self.buttons: dict[int, QPushButton] = {}
        self.states: dict[int, QLabel] = {}
        self.setWindowTitle(self.tr("Enter the passwords and tokens"))
        note = QLabel(
            self.tr(
                "The import created these channels without their passwords or tokens (an "
                "export never contains them). Reminders sent through them fail until you "
                "enter them here, or later in Channels."
            ),
            self,
        )
        note.setWordWrap(True)
        grid = QGridLayout()
        for row, record in enumerate(channels):
            name = QLabel(f"<b>{escape(record.name)}</b>", self)
            name.setTextFormat(Qt.TextFormat.RichText)
            service = QLabel(kind_label(record.kind), self)
            state = QLabel(self.tr("Not entered yet"), self)
            button = QPushButton(self.tr("Enter…"), self)
            button.setAccessibleName(
                self.tr("Enter the secrets of {name}").format(name=record.name)
            )
            button.clicked.connect(lambda _checked=False, r=record: self.enter(r.id))
            grid.addWidget(name, row, 0)
            grid.addWidget(service, row, 1)
            grid.addWidget(state, row, 2)
            grid.addWidget(button, row, 3)
            self.buttons[record.id] = button
            self.states[record.id] = state
        grid.setColumnStretch(0, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Later"))
        close.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(note)
        box.addLayout(grid)
        box.addStretch(1)
        box.addWidget(close)
        self.setMinimumWidth(520)
        if channels:
            self.buttons[channels[0].id].setFocus()

    @Slot(int)
    def enter(self, channel_id: int) -> ChannelForm:
        """Open the channel's own form (its secret fields, checked as when editing)."""
        record = self.book.record(channel_id)
        form = ChannelForm(self.book, record.kind, channel_id=channel_id, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._saved)
        self.form = form
        form.open()
        return form

    def _saved(self, channel_id: int) -> None:
        if channel_id in self.states:
            self.states[channel_id].setText(self.tr("Saved"))
            self.buttons[channel_id].setText(self.tr("Change…"))
