"""Who changed a reminder, when, and what: its change log (:mod:`pushgui.core.pushes.audit`),
opened from the Reminder menu or the list's context menu (Changes…, Ctrl+Shift+H).

On a team database each entry names the login that made the change; on a desktop's own
file there is no one else, so the Who column is left out.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.pushes.audit import CHANGED, ChangeEntry, Stamps, change_log, stamps
from pushgui.core.store.db import Database
from pushgui.ui.widgets.tables import make_table
from pushgui.ui.widgets.when import format_when

if TYPE_CHECKING:
    from pushgui.ui.main.main_window import MainWindow

WHEN, WHO, WHAT = range(3)


class ChangeLogDialog(QDialog):
    """The change log of one reminder, newest first, with who created and last changed it."""

    def __init__(
        self, db: Database, push_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changes to “%1”").replace("%1", name))
        self.setSizeGripEnabled(True)
        self.entries = list(reversed(change_log(db, push_id)))
        try:
            summary = self._summary(stamps(db, push_id))
        except LookupError:  # deleted meanwhile (elsewhere): its log still says by whom
            summary = self.tr("This reminder has been deleted.")
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What changed")]
        )
        for entry in self.entries:
            self.model.appendRow(self._row(entry))
        self.table = make_table(self.model, self.tr("Changes"), self)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(WHO, not any(entry.by for entry in self.entries))
        # Rows as tall as their sentences at the width the columns really get (a push's
        # log is short: measuring every row costs nothing here).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(
            self.tr("No changes recorded yet. pushgui records every change from this version on."),
            self,
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.entries)
        self.table.setVisible(bool(self.entries))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0 if self.entries else 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def _summary(self, stamped: Stamps) -> str:
        created = format_when(stamped.created_at)
        changed = format_when(stamped.updated_at)
        first = (
            self.tr("Created by %1 on %2.").replace("%1", stamped.created_by).replace("%2", created)
            if stamped.created_by
            else self.tr("Created on %1.").replace("%1", created)
        )
        changes = any(entry.action == CHANGED for entry in self.entries)
        if not changes and stamped.updated_at - stamped.created_at < timedelta(seconds=1):
            return first  # never changed (a desktop stamps both times one after the other)
        last = (
            self.tr("Last changed by %1 on %2.")
            .replace("%1", stamped.updated_by)
            .replace("%2", changed)
            if stamped.updated_by
            else self.tr("Last changed on %1.").replace("%1", changed)
        )
        return f"{first}\n{last}"

    def _row(self, entry: ChangeEntry) -> list[QStandardItem]:
        what = "\n".join(entry.what)
        items = [QStandardItem(format_when(entry.at)), QStandardItem(entry.by), QStandardItem(what)]
        items[WHAT].setToolTip(what)
        if entry.action != CHANGED:
            font = items[WHAT].font()
            font.setBold(True)
            items[WHAT].setFont(font)
        for item in items:
            item.setEditable(False)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return items


def open_change_log(window: MainWindow) -> ChangeLogDialog | None:
    """The selected reminder's change log, window-modal; None when nothing is selected."""
    push_id = window.selected_id()
    if push_id is None:
        return None
    name = window.model.row_at(window.model.index_of(push_id).row()).name
    dialog = ChangeLogDialog(window.service.db, push_id, name, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
