"""Delivery history as a Qt item model: one row per delivery, status as coloured words."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from pushgui.core.runs.history import HistoryRow
from pushgui.ui.editor.targets_editor import kind_name
from pushgui.ui.i18n import stored
from pushgui.ui.widgets.table_model import RowsTableModel
from pushgui.ui.widgets.when import format_when

Index = QModelIndex | QPersistentModelIndex

STARTED, PUSH, CHANNEL, RECIPIENT, ADDRESS, STATUS, ATTEMPTS, ERROR = range(8)
ID_ROLE = Qt.ItemDataRole.UserRole + 2

#: Text colour per status, for light and for dark window backgrounds.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "sent": ("#2e7d32", "#81c784"),
    "failed": ("#c62828", "#ff8a80"),
    "retrying": ("#a15c00", "#ffcc80"),
    "interrupted": ("#bf360c", "#ffab91"),
    "queued": ("#1565c0", "#90caf9"),
    "waiting": ("#1565c0", "#90caf9"),
    "held": ("#1565c0", "#90caf9"),
    "sending": ("#1565c0", "#90caf9"),
    "skipped": ("#757575", "#9e9e9e"),
    "superseded": ("#757575", "#9e9e9e"),
}
UNKNOWN_COLOURS = ("#757575", "#9e9e9e")


def _dark() -> bool:
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


@cache
def _dot(colour: str) -> QIcon:
    """A filled circle: the status reads by colour and shape, not only by the word's colour."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class HistoryTableModel(RowsTableModel):
    """Rows of :class:`HistoryRow`, replaced whole on each query, in the query's order
    (newest first) until a column is sorted.

    The filtering is done by the query, so there is no filter proxy; sorting is done here
    with one ``list.sort`` rather than by a proxy's comparisons, which stays instant at
    10,000 rows.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []
        self._position: dict[int, int] = {}
        self._headers = [
            self.tr("Started"),
            self.tr("Reminder"),
            self.tr("Channel"),
            self.tr("Recipient"),
            self.tr("Address"),
            self.tr("Status"),
            self.tr("Tries"),
            self.tr("Error"),
        ]
        self.status_words = {
            "sent": self.tr("Sent"),
            "failed": self.tr("Failed"),
            "retrying": self.tr("Retrying"),
            "skipped": self.tr("Skipped"),
            "interrupted": self.tr("Interrupted"),
            "queued": self.tr("Queued"),
            "waiting": self.tr("Waiting"),
            "held": self.tr("Held"),
            "sending": self.tr("Sending"),
            "superseded": self.tr("Superseded"),
        }
        self._started: dict[int, str] = {}

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._position = {row.delivery_id: i for i, row in enumerate(self._rows)}
        self._started.clear()
        self.endResetModel()

    def row_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    def rows(self) -> list[HistoryRow]:
        return list(self._rows)

    def index_of(self, delivery_id: int) -> QModelIndex:
        row = self._position.get(delivery_id)
        return self.index(row, 0) if row is not None else QModelIndex()

    def status_text(self, status: str) -> str:
        return self.status_words.get(status, status)

    def note_text(self, row: HistoryRow) -> str:
        """The error, with when a waiting or retrying delivery goes next."""
        error = stored(row.error)
        if row.next_attempt_at is None:
            return error
        local = row.next_attempt_at.astimezone()
        # Today's time alone ("about 09:02"); another day with its date.
        same_day = local.date() == datetime.now().astimezone().date()
        when = local.strftime("%H:%M") if same_day else format_when(row.next_attempt_at)
        if row.status == "waiting":
            return self.tr("Waiting for the service's rate limit; sends about %1").replace(
                "%1", when
            )
        if row.status == "held":
            return self.tr("Held until %1 by quiet hours").replace("%1", when)
        if row.status == "retrying":
            if not error:
                return self.tr("Next try about %1").replace("%1", when)
            # One message, so the language puts its own colon: "约 09:02 再次尝试：…".
            return self.tr("Next try about %1: %2").replace("%1", when).replace("%2", error)
        return error

    def channel_text(self, row: HistoryRow) -> str:
        return self.tr("Desktop") if row.channel == "desktop" else kind_name(row.channel)

    def recipient_text(self, row: HistoryRow) -> str:
        return self.tr("Me") if row.channel == "desktop" else row.recipient

    def _started_text(self, row: HistoryRow) -> str:
        # Formatting dates is the slowest part of painting; each row is formatted once.
        text = self._started.get(row.delivery_id)
        if text is None:
            text = self._started[row.delivery_id] = format_when(row.started_at)
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._headers):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept = [(self._rows[i.row()].delivery_id, i.column()) for i in before]
        key: Any
        if column == STARTED:
            key = lambda r: (r.started_at, -r.delivery_id)  # noqa: E731
        elif column == ATTEMPTS:
            key = lambda r: (r.attempts, r.delivery_id)  # noqa: E731
        else:
            key = lambda r: (self._display(r, column).casefold(), r.delivery_id)  # noqa: E731
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._position = {row.delivery_id: i for i, row in enumerate(self._rows)}
        after = [self.index(self._position[d], c) for d, c in kept]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # -- QAbstractTableModel -----------------------------------------------------------------

    def _display(self, row: HistoryRow, column: int) -> str:
        if column == STARTED:
            return self._started_text(row)
        if column == PUSH:
            return row.push_name
        if column == CHANNEL:
            return self.channel_text(row)
        if column == RECIPIENT:
            return self.recipient_text(row)
        if column == ADDRESS:
            return row.address
        if column == STATUS:
            return self.status_text(row.status)
        if column == ATTEMPTS:
            return str(row.attempts)
        # One line in the table; the full text is in the tooltip and the details.
        return " ".join(self.note_text(row).split())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ID_ROLE:
            return row.delivery_id
        if column == STATUS and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.DecorationRole,
        ):
            colours = STATUS_COLOURS.get(row.status, UNKNOWN_COLOURS)
            colour = colours[1] if _dark() else colours[0]
            return QColor(colour) if role == Qt.ItemDataRole.ForegroundRole else _dot(colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ERROR and (row.error or row.next_attempt_at is not None):
                return self.note_text(row)
            if column == STARTED:
                return self.tr("Scheduled for %1").replace("%1", format_when(row.scheduled_at))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ATTEMPTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
