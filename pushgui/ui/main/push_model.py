"""The push list as a Qt item model, with a filter proxy; fast at 10,000 rows.

Next runs read relative to the model's clock ("in 45 min", "tomorrow 09:00") in this
machine's zone, named in the column's header; the full date is the cell's tooltip. A push
with no run left (a one-off that ran) is *finished*: greyed, its Enabled box not ticked, and
hidden by the filter model when "Show finished" is off.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPalette

from pushgui.core.pushes.service import PushRow
from pushgui.core.pushes.spec import PushSpec
from pushgui.core.schedule.describe import describe
from pushgui.core.schedule.zones import system_timezone
from pushgui.ui.i18n import language
from pushgui.ui.widgets.table_model import RowsTableModel
from pushgui.ui.widgets.when import format_when, relative_when, utc_offset, zone_label

Index = QModelIndex | QPersistentModelIndex

NAME, SCHEDULE, NEXT_RUN, LAST_RESULT, ENABLED, RECIPIENTS = range(6)
COLUMNS = 6
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def is_finished(row: PushRow) -> bool:
    """Enabled, with no run left: a one-off that ran, a rule past its end."""
    return row.enabled and row.next_run is None


class PushTableModel(RowsTableModel):
    """Rows of :class:`PushRow`; replaced whole on reload, or row by row on change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PushRow] = []
        self._by_id: dict[int, PushRow] = {}  # the row object in _rows, to find it by its key
        self._described: dict[int, str] = {}
        # Sorting is done here, on plain Python values, not by the proxy: the proxy would
        # ask data() for every comparison, which takes seconds at 10,000 rows.
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._recipients: dict[int, str] = {}
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        # Who a push reaches, in words; the main window gives one that knows names.
        self.recipients_text: Callable[[PushSpec], str] = self._plain_recipients
        self.zone = system_timezone()
        self._headers = [
            self.tr("Name"),
            self.tr("Schedule"),
            self.tr("Next run ({zone})").format(
                zone=utc_offset(ZoneInfo(self.zone), datetime.now(UTC))
            ),
            self.tr("Last result"),
            self.tr("Enabled"),
            self.tr("Recipients"),
        ]
        self._status_words = {
            "ok": self.tr("Sent"),
            "failed": self.tr("Failed"),
            "partial": self.tr("Partly sent"),
            "running": self.tr("Sending…"),
            "interrupted": self.tr("Interrupted"),
        }

    # -- content ---------------------------------------------------------------------------

    def set_rows(self, rows: list[PushRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._by_id = {row.id: row for row in self._rows}
        self._described.clear()
        self._recipients.clear()
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def update_rows(self, rows: list[PushRow], removed: Iterable[int] = ()) -> None:
        """Replace, add or remove the given rows without resetting or re-sorting the view.

        A changed row moves to its sorted place by binary search, so saving one push costs
        the same with 10 or 10,000 rows in the list. It is removed and inserted rather than
        moved: a proxy model answers a move as a layout change and filters every row again
        (a Python call per row), but looks at only that row for a removal or an insertion.
        """
        for push_id in removed:
            i = self._position(push_id)
            if i is not None:
                self.beginRemoveRows(QModelIndex(), i, i)
                self._described.pop(self._rows.pop(i).id, None)
                del self._by_id[push_id]
                self.endRemoveRows()
        for row in rows:
            i = self._position(row.id)  # before forgetting the old row's description
            self._described.pop(row.id, None)
            self._recipients.pop(row.id, None)
            if i is not None:
                del self._rows[i]
            target = self._sorted_place(row)
            if i is None:
                self.beginInsertRows(QModelIndex(), target, target)
                self._rows.insert(target, row)
                self._by_id[row.id] = row
                self.endInsertRows()
            elif target == i:
                self._rows.insert(i, row)
                self._by_id[row.id] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMNS - 1))
            else:
                self._rows.insert(i, self._by_id[row.id])  # the old row, back to be removed
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
                self.beginInsertRows(QModelIndex(), target, target)
                self._rows.insert(target, row)
                self._by_id[row.id] = row
                self.endInsertRows()

    def _position(self, push_id: int) -> int | None:
        """Where the push is in the list: by binary search on its sort key when sorted."""
        row = self._by_id.get(push_id)
        if row is None:
            return None
        if self._sort is not None:
            i = self._sorted_place(row)  # keys end with the id: equal keys are the same row
            if i < len(self._rows) and self._rows[i].id == push_id:
                return i
        return next((i for i, r in enumerate(self._rows) if r.id == push_id), None)

    def _sorted_place(self, row: PushRow) -> int:
        """Where ``row`` belongs in the (already sorted) list; the end when unsorted."""
        if self._sort is None:
            return len(self._rows)
        column, order = self._sort
        key = self._sort_key(column)
        value = key(row)
        if order == Qt.SortOrder.AscendingOrder:
            return bisect.bisect_left(self._rows, value, key=key)
        low, high = 0, len(self._rows)
        while low < high:
            middle = (low + high) // 2
            if key(self._rows[middle]) > value:
                low = middle + 1
            else:
                high = middle
        return low

    def _sort_key(self, column: int) -> Any:
        if column == NEXT_RUN:
            return lambda r: (
                r.next_run.timestamp() if r.next_run and r.enabled else float("inf"),
                r.id,
            )
        if column == LAST_RESULT:
            return lambda r: (r.last_run_at.timestamp() if r.last_run_at else 0.0, r.id)
        if column == ENABLED:
            return lambda r: (int(r.enabled and not is_finished(r)), r.id)
        if column == RECIPIENTS:
            return lambda r: (self._recipients_of(r).casefold(), r.id)
        if column == SCHEDULE:
            return lambda r: (self._description(r).casefold(), r.id)
        return lambda r: (r.name.casefold(), r.id)

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's value (as :data:`SORT_ROLE` gives it), keeping selections."""
        if not 0 <= column < len(self._headers):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept = [(self._rows[i.row()].id, i.column()) for i in before]
        self._sort_rows(column, order)
        position = {row.id: i for i, row in enumerate(self._rows)}
        after = [self.index(position[p], c) for p, c in kept]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def row_at(self, row: int) -> PushRow:
        return self._rows[row]

    def ids(self) -> list[int]:
        return [row.id for row in self._rows]

    def index_of(self, push_id: int) -> QModelIndex:
        i = self._position(push_id)
        return QModelIndex() if i is None else self.index(i, 0)

    # -- QAbstractTableModel -----------------------------------------------------------------

    def _description(self, row: PushRow) -> str:
        text = self._described.get(row.id)
        if text is None:
            text = self._described[row.id] = describe(row.spec.trigger, language())
        return text

    def _recipients_of(self, row: PushRow) -> str:
        text = self._recipients.get(row.id)
        if text is None:
            text = self._recipients[row.id] = self.recipients_text(row.spec)
        return text

    def _plain_recipients(self, spec: PushSpec) -> str:
        kinds = [self.tr("Me") if t.kind == "desktop" else t.kind for t in spec.targets]
        return ", ".join(dict.fromkeys(kinds))

    def _next_run_text(self, row: PushRow) -> str:
        if not row.enabled:
            return self.tr("Paused")
        if row.next_run is None:
            return self.tr("Done") if row.last_status else self.tr("No more runs")
        return relative_when(row.next_run, self.clock())

    def refresh_times(self) -> None:
        """The clock moved on: relative next runs ("in 5 min") are read again."""
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, NEXT_RUN), self.index(last, NEXT_RUN))

    def next_due(self) -> PushRow | None:
        """The enabled push that runs next, if any."""
        due = [r for r in self._rows if r.enabled and r.next_run is not None]
        return min(due, key=lambda r: (r.next_run, r.id)) if due else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and section == NEXT_RUN
            and role == Qt.ItemDataRole.ToolTipRole
        ):
            return self.tr("Times are shown in this computer's time zone, {zone}").format(
                zone=zone_label(self.zone, self.clock())
            )
        return super().headerData(section, orientation, role)

    def _last_result_text(self, row: PushRow) -> str:
        if row.last_status is None:
            return self.tr("Not run yet")
        word = self._status_words.get(row.last_status, row.last_status)
        # "Sent, Tue 1 Dec 2026 09:00": the separator is the language's (Chinese: "，").
        return self.tr("{result}, {when}").format(result=word, when=format_when(row.last_run_at))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return row.name
            if column == SCHEDULE:
                return self._description(row)
            if column == NEXT_RUN:
                return self._next_run_text(row)
            if column == LAST_RESULT:
                return self._last_result_text(row)
            if column == RECIPIENTS:
                return self._recipients_of(row)
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == ENABLED:
            ticked = row.enabled and not is_finished(row)
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and is_finished(row):
            return QGuiApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == SCHEDULE:
                return self._description(row)
            if column == NEXT_RUN and row.enabled and row.next_run is not None:
                return format_when(row.next_run)
            if column == RECIPIENTS:
                return self._recipients_of(row)
            if column == LAST_RESULT and row.last_status:
                return self._last_result_text(row)
        if role == SORT_ROLE:
            if column == NEXT_RUN:
                return row.next_run.timestamp() if row.next_run and row.enabled else float("inf")
            if column == LAST_RESULT:
                return row.last_run_at.timestamp() if row.last_run_at else 0.0
            if column == ENABLED:
                return int(row.enabled and not is_finished(row))
            return self.data(index, Qt.ItemDataRole.DisplayRole).casefold()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == ENABLED:
            if is_finished(self._rows[index.row()]):
                return base  # nothing left to switch on or off
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base


class PushFilterModel(QSortFilterProxyModel):
    """Filters by the text in name and title, case-insensitively, and leaves out finished
    pushes unless :attr:`show_finished`; the source model sorts."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)
        self._needle = ""
        self.show_finished = True

    def set_show_finished(self, shown: bool) -> None:
        self.beginFilterChange()
        self.show_finished = shown
        self.endFilterChange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts itself (fast); the proxy only filters, keeping its order."""
        model = self.sourceModel()
        if isinstance(model, PushTableModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, PushTableModel)
        row = model.row_at(source_row)
        if not self.show_finished and is_finished(row):
            return False
        if not self._needle:
            return True
        return self._needle in row.name.casefold() or self._needle in row.title.casefold()
