"""One or more times of day, each with a remove button (the calendar editor's "At:" row)."""

from __future__ import annotations

import itertools
from datetime import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QTimeEdit, QToolButton, QWidget

from pushgui.ui.widgets.dates import from_qtime, make_time_edit

MAX_TIMES = 24


class TimesList(QWidget):
    """One or more times of day, each with a remove button, laid out a few to a line.

    Signals:
        changed(): a time was edited, added or removed.
    """

    changed = Signal()
    PER_LINE = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[QWidget, QTimeEdit, QToolButton]] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(4)
        self.add_button = QPushButton(self.tr("&Add a time"), self)
        self.add_button.clicked.connect(self._add_clicked)
        self.set_times([time(9, 0)])

    def times(self) -> tuple[time, ...]:
        return tuple(from_qtime(edit.time()) for _row, edit, _remove in self._rows)

    def set_times(self, times: tuple[time, ...] | list[time]) -> None:
        while self._rows:
            self._remove(self._rows[-1][0], notify=False)
        for value in times or [time(9, 0)]:
            self._add(value)
        self._relayout()

    def time_edits(self) -> list[QTimeEdit]:
        return [edit for _row, edit, _remove in self._rows]

    def remove_buttons(self) -> list[QToolButton]:
        return [remove for _row, _edit, remove in self._rows]

    def _add_clicked(self) -> None:
        last = self.times()[-1] if self._rows else time(8, 0)
        edit = self._add(time(min(last.hour + 1, 23), last.minute))
        self._relayout()
        edit.setFocus()
        self.changed.emit()

    def _add(self, value: time) -> QTimeEdit:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        edit = make_time_edit(value, row)
        edit.setAccessibleName(self.tr("Time of day"))
        edit.timeChanged.connect(self.changed)
        remove = QToolButton(row)
        remove.setText("\N{MINUS SIGN}")
        remove.setToolTip(self.tr("Remove this time"))
        remove.setAccessibleName(self.tr("Remove time"))
        remove.clicked.connect(lambda: self._remove(row))
        layout.addWidget(edit)
        layout.addWidget(remove)
        self._rows.append((row, edit, remove))
        return edit

    def _remove(self, row: QWidget, notify: bool = True) -> None:
        index = next(i for i, (r, _e, _b) in enumerate(self._rows) if r is row)
        del self._rows[index]
        self._grid.removeWidget(row)
        row.hide()
        row.deleteLater()
        if notify:
            self._relayout()
            self.changed.emit()

    def _relayout(self) -> None:
        """Place the times in reading order, then the add button, and set tab order to match."""
        cells: list[QWidget] = [row for row, _edit, _remove in self._rows]
        cells.append(self.add_button)
        for index, cell in enumerate(cells):
            self._grid.removeWidget(cell)
            self._grid.addWidget(cell, index // self.PER_LINE, index % self.PER_LINE)
        self._grid.setColumnStretch(self.PER_LINE, 1)
        for _row, _edit, remove in self._rows:
            remove.setEnabled(len(self._rows) > 1)
        self.add_button.setEnabled(len(self._rows) < MAX_TIMES)
        # New times are created last; chain them from this widget so Tab follows the layout.
        focusable: list[QWidget] = [self]
        for _row, edit, remove in self._rows:
            focusable += [edit, remove]
        focusable.append(self.add_button)
        for first, second in itertools.pairwise(focusable):
            QWidget.setTabOrder(first, second)
