"""Lists of check boxes as the editor uses them: a click on an item's words ticks it, as a
check box's label does, and a list is exactly as tall as the rows it should show."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QStyle

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def is_checked(value: Any) -> bool:
    """A check state as Qt hands it over: an enum member or its number."""
    return value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)


def _toggle_on_words(view: QAbstractItemView, event: QMouseEvent) -> None:
    """A click on an item's words ticks its box too, as with a check box (the box itself is
    handled by Qt)."""
    if event.button() != Qt.MouseButton.LeftButton:
        return
    point = event.position().toPoint()
    index = view.indexAt(point)
    if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
        return
    box = view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
    if point.x() - view.visualRect(index).left() > box:
        checked = is_checked(index.data(Qt.ItemDataRole.CheckStateRole))
        state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        view.model().setData(index, state, Qt.ItemDataRole.CheckStateRole)


class CheckList(QListWidget):
    """A list of check boxes whose words tick them too."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        _toggle_on_words(self, event)


class CheckListView(QListView):
    """A list view of check boxes whose words tick them too."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        _toggle_on_words(self, event)


def rows_height(view: QAbstractItemView, rows: int) -> int:
    """Exactly ``rows`` rows tall (a row may hold a check box or a small icon)."""
    row = view.sizeHintForRow(0)
    if row <= 0:
        indicator = view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight)
        row = max(view.fontMetrics().height(), indicator, 16) + 4
    return row * rows + 2 * view.frameWidth() + 2
