"""Keeping the main window's list current: the rows the scheduler's events touched are
read again together once a burst of events is over (one query, rows updated in place,
no reset), the selected row stays selected without scrolling, and relative times ("in 5
min") and the next due reminder follow the clock.

The main window holds one as ``window.refresher``; its ``reload``, ``refresh_ids`` and
``tick`` hand over to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QObject, QTimer, Slot

from pushgui.core.runs.jobs import push_id_of
from pushgui.engine.bridge import EventBridge

if TYPE_CHECKING:
    from pushgui.ui.main.main_window import MainWindow

REFRESH_MS = 150
CLOCK_MS = 20_000


class ListRefresh(QObject):
    """Reads rows again for the window: all of them, the ones named, or the ones the
    scheduler's events named since the last refresh."""

    def __init__(self, window: MainWindow, bridge: EventBridge) -> None:
        super().__init__(window)
        self.window = window
        self._dirty: set[int] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._refresh_dirty)
        for signal in (bridge.jobs_submitted, bridge.jobs_executed, bridge.jobs_missed):
            signal.connect(self._on_job_events)
        bridge.job_failed.connect(lambda job_id, _error: self._on_job_events([job_id]))
        # Relative next runs ("in 5 min") and the next due reminder follow the clock.
        self.clock = QTimer(self)
        self.clock.setInterval(CLOCK_MS)
        self.clock.timeout.connect(self.tick)
        self.clock.start()

    def reload(self) -> None:
        window = self.window
        selected = window.selected_id()
        window.model.set_rows(window.service.rows())
        if selected is not None:
            window.select_id(selected)
        self._updated()

    def refresh_ids(self, ids: set[int]) -> None:
        window = self.window
        selected = window.selected_id()
        rows = window.service.rows(sorted(ids))
        found = {row.id for row in rows}
        window.model.update_rows(rows, removed=ids - found)
        if selected in found and window.selected_id() != selected:
            self._keep_selected(selected)
        self._updated()

    @Slot()
    def tick(self) -> None:
        """The clock moved on: relative times and the next due reminder are read again."""
        self.window.model.refresh_times()
        self.window.status.update_next_due()

    def _updated(self) -> None:
        self.window.update_actions()
        self.window.fit_columns()
        self.window.status.update_next_due()

    def _keep_selected(self, push_id: int) -> None:
        """Select the row again after it moved (the model re-inserts a moved row), without
        scrolling to it."""
        window = self.window
        index = window.proxy.mapFromSource(window.model.index_of(push_id))
        if not index.isValid():
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        auto_scroll = window.table.hasAutoScroll()
        window.table.setAutoScroll(False)
        window.table.selectionModel().setCurrentIndex(index, flags)
        window.table.setAutoScroll(auto_scroll)

    @Slot(list)
    def _on_job_events(self, job_ids: list[str]) -> None:
        pushes = {push for push in map(push_id_of, job_ids) if push is not None}
        if pushes:
            self._dirty.update(pushes)
            self.timer.start()

    def _refresh_dirty(self) -> None:
        ids, self._dirty = self._dirty, set()
        if ids:
            self.refresh_ids(ids)
