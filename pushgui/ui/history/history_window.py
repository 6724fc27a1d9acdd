"""The History window: every delivery, filtered by reminder, status, dates and recipient."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.runs.history import History, HistoryFilter, HistoryRow, history_csv
from pushgui.core.system.files import write_private_text
from pushgui.ui.history.delivery_dialog import DeliveryDialog
from pushgui.ui.history.history_model import (
    ADDRESS,
    ATTEMPTS,
    CHANNEL,
    PUSH,
    RECIPIENT,
    STARTED,
    STATUS,
    HistoryTableModel,
)
from pushgui.ui.i18n import date_pattern
from pushgui.ui.widgets.dates import from_qdate, to_qdate
from pushgui.ui.widgets.fields import ErrorLabel
from pushgui.ui.widgets.tables import make_table
from pushgui.ui.widgets.when import format_when

log = logging.getLogger(__name__)

DEFAULT_DAYS = 30
ROW_LIMIT = 20_000
SEARCH_DELAY_MS = 250
EARLIEST = date(2000, 1, 1)


#: Deliveries that *Retry now* offers to send again.
RETRYABLE = ("failed", "interrupted")


class HistoryWindow(QWidget):
    """Every delivery pushgui made, newest first; filters run as one query on the store.

    ``pushes`` are (id, name) pairs for the reminder filter.

    Signals:
        retry_requested(list): the user pressed *Retry now*; the delivery ids to send again.
    """

    retry_requested = Signal(list)

    def __init__(
        self,
        history: History,
        pushes: Sequence[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.history = history
        self.setWindowTitle(self.tr("History"))
        self.details: DeliveryDialog | None = None
        self.file_dialog: QFileDialog | None = None

        self.push_combo = QComboBox(self)
        self.push_combo.setAccessibleName(self.tr("Reminder"))
        self.push_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.push_combo.setMinimumContentsLength(14)
        self.set_pushes(pushes)
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(self.tr("Status"))
        for text, statuses in (
            (self.tr("All statuses"), ()),
            (self.tr("Problems"), ("failed", "retrying", "interrupted")),
            (self.tr("Sent"), ("sent",)),
            (self.tr("Failed"), ("failed",)),
            (self.tr("Retrying"), ("retrying",)),
            (self.tr("Interrupted"), ("interrupted",)),
            (self.tr("Skipped"), ("skipped",)),
            (self.tr("Waiting"), ("queued", "waiting", "held", "sending")),
            (self.tr("Superseded"), ("superseded",)),
        ):
            self.status_combo.addItem(text, statuses)
        self.from_edit = self._date_edit(self.tr("From date"))
        self.to_edit = self._date_edit(self.tr("To date"))
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search recipient or address"))
        self.search_edit.setAccessibleName(self.tr("Search recipient or address"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 26)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Show the newest deliveries (F5)"))
        self.export_button = QPushButton(self.tr("&Export CSV…"), self)
        self.retry_button = QPushButton(self.tr("Retry &now"), self)
        self.retry_button.setToolTip(
            self.tr("Send the selected failed or interrupted delivery again now")
        )
        self.retry_button.setEnabled(False)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        for text, widget in (
            (self.tr("&Reminder:"), self.push_combo),
            (self.tr("&Status:"), self.status_combo),
            (self.tr("&From:"), self.from_edit),
            (self.tr("&To:"), self.to_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
            filters.addSpacing(6)
        filters.addWidget(self.search_edit, 1)

        self.model = HistoryTableModel(self)
        # Fixed row heights: no per-row measuring, so 10,000 rows scroll smoothly.
        self.table = make_table(
            self.model, self.tr("Deliveries"), self, row_height=self.fontMetrics().height() + 8
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        widest_status = max(metrics.horizontalAdvance(w) for w in self.model.status_words.values())
        widths = {
            STARTED: metrics.horizontalAdvance(format_when(datetime(2026, 12, 30, 23, 59))),
            PUSH: 18 * char,
            CHANNEL: 12 * char,
            RECIPIENT: 18 * char,
            ADDRESS: 24 * char,
            STATUS: widest_status + 16 + 4 * char,  # the coloured dot, padding
            ATTEMPTS: metrics.horizontalAdvance(self.tr("Tries")) + 4 * char,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width + 2 * char if column == STARTED else width)
        # No sort indicator at first: the query already lists the newest first.
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)

        self.count_label = QLabel(self)
        self.error_label = ErrorLabel(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.retry_button)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._loading = False
        self.push_combo.currentIndexChanged.connect(self.refresh)
        self.status_combo.currentIndexChanged.connect(self.refresh)
        self.from_edit.dateChanged.connect(self.refresh)
        self.to_edit.dateChanged.connect(self.refresh)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export_file)
        self.retry_button.clicked.connect(self.retry_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_retry)
        self.model.modelReset.connect(self._update_retry)
        self.table.doubleClicked.connect(self._open_details)
        self.table.activated.connect(self._open_details)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)

        self.reset_filters()
        self.resize(1080, 560)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_pattern())
        edit.setAccessibleName(name)
        edit.setMinimumDate(to_qdate(EARLIEST))
        return edit

    # -- filters ---------------------------------------------------------------------------

    def set_pushes(self, pushes: Sequence[tuple[int, str]]) -> None:
        """The reminders offered in the filter; the chosen one stays chosen if it still exists."""
        current = self.push_combo.currentData()
        self.push_combo.blockSignals(True)
        self.push_combo.clear()
        self.push_combo.addItem(self.tr("All reminders"), None)
        for push_id, name in sorted(pushes, key=lambda p: p[1].casefold()):
            self.push_combo.addItem(name, push_id)
        self.push_combo.setCurrentIndex(max(self.push_combo.findData(current), 0))
        self.push_combo.blockSignals(False)

    def reset_filters(self, since: date | None = None) -> None:
        """All reminders, all statuses, no search, the last 30 days (or from ``since``)."""
        self._loading = True
        try:
            today = date.today()
            self.push_combo.setCurrentIndex(0)
            self.status_combo.setCurrentIndex(0)
            self.search_edit.clear()
            self.from_edit.setDate(to_qdate(since or today - timedelta(days=DEFAULT_DAYS)))
            self.to_edit.setDate(to_qdate(today))
        finally:
            self._loading = False
        self._search_timer.stop()
        self.refresh()

    def current_filter(self) -> HistoryFilter:
        start, end = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
        return HistoryFilter(
            push_id=self.push_combo.currentData(),
            statuses=tuple(self.status_combo.currentData() or ()),
            # Whole local days, "To" included.
            since=datetime.combine(start, time.min).astimezone(),
            until=datetime.combine(end + timedelta(days=1), time.min).astimezone(),
            search=self.search_edit.text().strip(),
        )

    # -- loading ---------------------------------------------------------------------------

    def refresh(self, *_args: object) -> None:
        """Query again with the filters shown; the selected delivery stays selected."""
        if self._loading:
            return
        self._search_timer.stop()
        selected = self.selected_id()
        try:
            rows = self.history.rows(self.current_filter(), limit=ROW_LIMIT)
        except Exception:
            log.exception("Could not read the history")
            self.error_label.show_messages(
                [self.tr("The history could not be read. Details are in the log file.")]
            )
            return
        self.error_label.show_messages([])
        self.model.set_rows(rows)
        self._show_count(len(rows))
        if selected is not None:
            self._select(selected)

    def _show_count(self, count: int) -> None:
        if count >= ROW_LIMIT:
            text = self.tr("Showing the newest %1 deliveries; narrow the filters to see more.")
            text = text.replace("%1", f"{ROW_LIMIT:,}")
        elif count == 0:
            text = self.tr("No deliveries match these filters.")
        elif count == 1:
            text = self.tr("1 delivery")
        else:
            text = self.tr("%1 deliveries").replace("%1", f"{count:,}")
        self.count_label.setText(text)

    # -- selection -------------------------------------------------------------------------

    def _update_retry(self, *_args: object) -> None:
        row = self.selected_row()
        self.retry_button.setEnabled(row is not None and row.status in RETRYABLE)

    def retry_selected(self) -> list[int]:
        """Ask for the selected failed or interrupted delivery to be sent again now (one
        delivery, not a second run of the whole reminder)."""
        row = self.selected_row()
        if row is None or row.status not in RETRYABLE:
            return []
        self.retry_requested.emit([row.delivery_id])
        self.retry_button.setEnabled(False)
        return [row.delivery_id]

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(rows[0].row()).delivery_id

    def selected_row(self) -> HistoryRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _select(self, delivery_id: int) -> bool:
        index = self.model.index_of(delivery_id)
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def show_delivery(self, delivery_id: int) -> bool:
        """Select and show delivery ``delivery_id``, clearing filters that hide it (a "delivery
        failed" notice opens the history here). False if it no longer exists."""
        if not self._select(delivery_id):
            self.reset_filters()
            if not self._select(delivery_id):
                # Older than the last 30 days: look through everything.
                self.reset_filters(since=EARLIEST)
                if not self._select(delivery_id):
                    return False
        self.table.setFocus()
        self.show()
        self.raise_()
        self.activateWindow()
        return True

    def _open_details(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        if self.details is not None:
            self.details.close()
        self.details = DeliveryDialog(row, self.model, self)
        self.details.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.details.destroyed.connect(lambda: setattr(self, "details", None))
        self.details.open()

    # -- export ----------------------------------------------------------------------------

    def choose_export_file(self) -> QFileDialog:
        """Ask where to save the CSV (window-modal, so the app keeps running)."""
        dialog = QFileDialog(self, self.tr("Export history"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"pushgui-history-{date.today():%Y-%m-%d}.csv")
        dialog.fileSelected.connect(self.export_csv)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def export_csv(self, path: str) -> bool:
        """Write the rows shown (in the order shown) as CSV that Excel opens as UTF-8."""
        rows = self.model.rows()
        try:
            write_private_text(Path(path), history_csv(rows), encoding="utf-8-sig", newline="")
        except OSError as exc:
            log.exception("Could not export the history to %s", path)
            self.error_label.show_messages(
                [
                    self.tr("Could not save %1: %2")
                    .replace("%1", path)
                    .replace("%2", exc.strerror or str(exc))
                ]
            )
            return False
        self.error_label.show_messages([])
        text = self.tr("Exported %1 deliveries to %2").replace("%1", str(len(rows)))
        self.count_label.setText(text.replace("%2", path))
        return True
