"""One delivery in full, opened from the History window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.runs.history import HistoryRow
from pushgui.ui.history.history_model import HistoryTableModel
from pushgui.ui.i18n import stored
from pushgui.ui.widgets.when import format_when


class DeliveryDialog(QDialog):
    """One delivery in full: who, when, what happened, and the whole error text."""

    def __init__(self, row: HistoryRow, model: HistoryTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delivery to %1").replace("%1", model.recipient_text(row)))
        self.setSizeGripEnabled(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def add(label: str, text: str) -> None:
            value = QLabel(text, self)
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)

        add(self.tr("Reminder:"), row.push_name)
        add(self.tr("Recipient:"), model.recipient_text(row))
        if row.address:
            add(self.tr("Address:"), row.address)
        add(self.tr("Channel:"), model.channel_text(row))
        add(self.tr("Status:"), model.status_text(row.status))
        add(self.tr("Tries:"), str(row.attempts))
        add(self.tr("Scheduled for:"), format_when(row.scheduled_at))
        add(self.tr("Started:"), format_when(row.started_at))
        if row.finished_at is not None:
            add(self.tr("Finished:"), format_when(row.finished_at))
        add(self.tr("Title:"), row.title)
        self.error_view = QPlainTextEdit(stored(row.error) or self.tr("No error."), self)
        self.error_view.setReadOnly(True)
        self.error_view.setAccessibleName(self.tr("Error"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Error:"), self))
        layout.addWidget(self.error_view, 1)
        layout.addWidget(buttons)
        self.resize(520, 420)
