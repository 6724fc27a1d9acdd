"""Deliveries a crash or power cut interrupted: the user resends or dismisses each one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.runs.history import HistoryRow
from pushgui.ui.editor.targets_editor import kind_name
from pushgui.ui.widgets.table_model import RowsTableModel
from pushgui.ui.widgets.tables import make_table
from pushgui.ui.widgets.when import format_when

Index = QModelIndex | QPersistentModelIndex

REMINDER, RECIPIENT, CHANNEL, WHEN = range(4)


class InterruptedModel(RowsTableModel):
    """Interrupted deliveries, each with a check box (checked at first) in the first column."""

    def __init__(self, rows: Sequence[HistoryRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)
        self._checked: set[int] = {row.delivery_id for row in self._rows}
        self._headers = [
            self.tr("Reminder"),
            self.tr("Recipient"),
            self.tr("Channel"),
            self.tr("Started"),
        ]

    def rows(self) -> list[HistoryRow]:
        return list(self._rows)

    def checked_ids(self) -> list[int]:
        return [row.delivery_id for row in self._rows if row.delivery_id in self._checked]

    def set_all_checked(self, checked: bool) -> None:
        self._checked = {row.delivery_id for row in self._rows} if checked else set()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, REMINDER),
                self.index(len(self._rows) - 1, REMINDER),
                [Qt.ItemDataRole.CheckStateRole],
            )

    def remove(self, delivery_ids: Iterable[int]) -> None:
        """Take the handled deliveries off the list."""
        gone = set(delivery_ids)
        for i in reversed(range(len(self._rows))):
            if self._rows[i].delivery_id in gone:
                self.beginRemoveRows(QModelIndex(), i, i)
                self._checked.discard(self._rows.pop(i).delivery_id)
                self.endRemoveRows()

    def recipient_text(self, row: HistoryRow) -> str:
        if row.channel == "desktop":
            return self.tr("Me")
        if row.address and row.address != row.recipient:
            return f"{row.recipient} <{row.address}>" if row.recipient else row.address
        return row.recipient or row.address

    def channel_text(self, row: HistoryRow) -> str:
        return self.tr("Desktop") if row.channel == "desktop" else kind_name(row.channel)

    # -- QAbstractTableModel -----------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == REMINDER:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == REMINDER:
                return row.push_name
            if column == RECIPIENT:
                return self.recipient_text(row)
            if column == CHANNEL:
                return self.channel_text(row)
            if column == WHEN:
                return format_when(row.started_at)
        if role == Qt.ItemDataRole.CheckStateRole and column == REMINDER:
            checked = row.delivery_id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != REMINDER:
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        delivery_id = self._rows[index.row()].delivery_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(delivery_id)
        else:
            self._checked.discard(delivery_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class InterruptedDialog(QDialog):
    """Lists deliveries left half-done by a crash; each is resent or dismissed by the user.

    Nothing here touches the database: the signals carry delivery ids to whoever calls
    :meth:`PushService.resend` or :meth:`PushService.dismiss`. Handled rows leave the list,
    and the dialog closes itself (accepted) when none are left.

    Signals:
        resend_requested(list): the checked deliveries (ids) should be sent again now.
        dismiss_requested(list): the checked deliveries (ids) should not be sent again.
    """

    resend_requested = Signal(list)
    dismiss_requested = Signal(list)

    def __init__(self, rows: Sequence[HistoryRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Some messages may not have been sent"))
        self.setSizeGripEnabled(True)
        self.model = InterruptedModel(rows, self)

        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.explanation = QLabel(
            self.tr(
                "pushgui stopped while it was sending these, perhaps because of a crash or a "
                "power cut. Each one may or may not have arrived. Resend the ones that matter "
                "(the recipient may then get it twice), or dismiss them to leave them unsent."
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)

        self.table = make_table(
            self.model,
            self.tr("Interrupted messages"),
            self,
            row_height=self.fontMetrics().height() + 10,
        )
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(RECIPIENT, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        when_width = metrics.horizontalAdvance(format_when(datetime(2026, 12, 30, 23, 59)))
        names = {row.push_name for row in self.model.rows()[:500]}
        widest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        check = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth)
        reminder_width = min(max(widest, 14 * char), 36 * char) + check + 3 * char
        self.table.setColumnWidth(REMINDER, reminder_width)
        self.table.setColumnWidth(CHANNEL, 14 * char)
        self.table.setColumnWidth(WHEN, when_width + 4 * char)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, REMINDER))

        self.all_box = QCheckBox(self.tr("Select &all"), self)
        self.all_box.setChecked(True)
        self.all_box.clicked.connect(self._all_clicked)
        self.count_label = QLabel(self)

        self.resend_button = QPushButton(self.tr("&Resend selected"), self)
        self.dismiss_button = QPushButton(self.tr("&Dismiss selected"), self)
        self.resend_button.setToolTip(self.tr("Send the checked messages again now"))
        self.dismiss_button.setToolTip(
            self.tr("Leave the checked messages unsent; the history keeps them as skipped")
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setToolTip(self.tr("Decide later: they stay in the history"))
        for button in (self.resend_button, self.dismiss_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        self.resend_button.clicked.connect(self.resend_checked)
        self.dismiss_button.clicked.connect(self.dismiss_checked)
        self.model.dataChanged.connect(self._update)
        self.model.rowsRemoved.connect(self._update)

        row = QHBoxLayout()
        row.addWidget(self.all_box)
        row.addStretch(1)
        row.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.headline)
        layout.addWidget(self.explanation)
        layout.addSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)

        visible = min(max(self.model.rowCount(), 3), 12)
        height = visible * self.table.verticalHeader().defaultSectionSize()
        self.resize(max(760, reminder_width + 36 * char + 14 * char + when_width), 260 + height)
        self._update()

    def checked_ids(self) -> list[int]:
        return self.model.checked_ids()

    def resend_checked(self) -> list[int]:
        """Ask for the checked deliveries to be sent again; they leave the list."""
        return self._hand_over(self.resend_requested)

    def dismiss_checked(self) -> list[int]:
        """Ask for the checked deliveries to be left unsent; they leave the list."""
        return self._hand_over(self.dismiss_requested)

    def _hand_over(self, signal: Any) -> list[int]:
        ids = self.checked_ids()
        if not ids:
            return []
        signal.emit(ids)
        self.model.remove(ids)
        if self.model.rowCount() == 0:
            self.accept()
        return ids

    def _all_clicked(self) -> None:
        # The box shows "some" as a third state, so decide from the rows, not the box.
        everything = len(self.checked_ids()) == self.model.rowCount()
        self.model.set_all_checked(not everything)
        self._update()

    def _update(self, *_args: object) -> None:
        total, checked = self.model.rowCount(), len(self.checked_ids())
        if total == 1:
            headline = self.tr("One message may not have been sent.")
        else:
            headline = self.tr("%1 messages may not have been sent.").replace("%1", str(total))
        self.headline.setText(headline)
        self.count_label.setText(
            self.tr("%1 of %2 selected").replace("%1", str(checked)).replace("%2", str(total))
        )
        self.resend_button.setEnabled(checked > 0)
        self.dismiss_button.setEnabled(checked > 0)
        state = (
            Qt.CheckState.Unchecked
            if checked == 0
            else Qt.CheckState.Checked
            if checked == total
            else Qt.CheckState.PartiallyChecked
        )
        self.all_box.setCheckState(state)
