"""The one way a window sets up a table: whole rows selected, not edited in place unless
asked, alternating colours, one line per row, no row numbers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Selection = QAbstractItemView.SelectionMode
Edit = QAbstractItemView.EditTrigger


def make_table(
    model: QAbstractItemModel,
    name: str,
    parent: QWidget | None = None,
    *,
    selection: Selection = Selection.SingleSelection,
    edit: Edit = Edit.NoEditTriggers,
    alternate: bool = True,
    row_height: int | None = None,
) -> QTableView:
    """A table view showing ``model``, read out by screen readers as ``name``.

    ``row_height`` fixes every row's height: no per-row measuring, so long lists scroll
    smoothly. Sorting, column widths and stretching stay with the caller: they differ by
    table.
    """
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(selection)
    view.setEditTriggers(edit)
    view.setAlternatingRowColors(alternate)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    if row_height is not None:
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(row_height)
    return view
