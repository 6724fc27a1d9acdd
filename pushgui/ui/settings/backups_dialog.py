"""Backups: the list of saved copies of the data, "Back up now", and "Restore…"."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.store.backup import (
    BEFORE_MIGRATION,
    DAILY,
    MANUAL,
    BackupError,
    BackupInfo,
    BackupManager,
)
from pushgui.ui.dialogs.recovery_notice import widen
from pushgui.ui.i18n import readable
from pushgui.ui.widgets.fields import ErrorLabel
from pushgui.ui.widgets.table_model import RowsTableModel
from pushgui.ui.widgets.tables import make_table
from pushgui.ui.widgets.when import format_when

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

TAKEN, KIND, SIZE = range(3)


def format_size(size: int) -> str:
    """A file size the way people read it: ``812 KB``, ``3.4 MB``."""
    value, unit = float(size), "B"
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            break
        value /= 1000
    if unit == "B":
        return f"{size} B"
    return f"{value:.0f} {unit}" if value >= 100 else f"{value:.1f} {unit}"


class BackupsModel(RowsTableModel):
    """Backups, newest first, as :meth:`BackupManager.list_backups` gives them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BackupInfo] = []
        self._headers = [self.tr("Taken"), self.tr("Why"), self.tr("Size")]
        self.reason_words = {
            MANUAL: self.tr("Manual"),
            DAILY: self.tr("Daily"),
            BEFORE_MIGRATION: self.tr("Before an update"),
        }

    def set_rows(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> BackupInfo:
        return self._rows[row]

    def rows(self) -> list[BackupInfo]:
        return list(self._rows)

    def index_of(self, path: Path) -> QModelIndex:
        for i, info in enumerate(self._rows):
            if info.path == path:
                return self.index(i, 0)
        return QModelIndex()

    def reason_text(self, reason: str) -> str:
        return self.reason_words.get(reason, reason.replace("-", " ").capitalize())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TAKEN:
                return format_when(info.created)
            if column == KIND:
                return self.reason_text(info.reason)
            if column == SIZE:
                return format_size(info.size)
        elif role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class _Relay(QObject):
    """Carries the backup's result back to the GUI thread (a queued signal).

    Signals:
        finished(object, str): the new backup's path (None on failure), and the error text.
    """

    finished = Signal(object, str)


class BackupJob(QRunnable):
    """One "Back up now" on the thread pool; copying a large database never freezes the window."""

    def __init__(self, manager: BackupManager) -> None:
        super().__init__()
        self.relay = _Relay()
        self._manager = manager

    def run(self) -> None:
        try:
            path: Path | None = self._manager.backup_now(MANUAL)
            error = ""
        except BackupError as exc:
            path, error = None, readable(exc)
        except Exception as exc:  # a bug must still end the busy state
            log.exception("Backing up failed unexpectedly")
            path, error = None, readable(exc) or type(exc).__name__
        self.relay.finished.emit(path, error)


class BackupsDialog(QDialog):
    """The backups of the database: take one now, or restore the data from one.

    Restoring is not done here (the engine has to stop and the database be closed first):
    after the user confirms, :attr:`restore_requested` carries the backup's path to whoever
    does that; they can report a failure with :meth:`show_error`.

    Signals:
        restore_requested(object): the user confirmed restoring from this backup ``Path``.
        backup_finished(bool): a "Back up now" ended; whether it worked.
    """

    restore_requested = Signal(object)
    backup_finished = Signal(bool)

    def __init__(self, manager: BackupManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.manager = manager
        self._job: BackupJob | None = None
        self.confirmation: QMessageBox | None = None
        self.setWindowTitle(self.tr("Backups"))
        self.setSizeGripEnabled(True)

        self.explanation = QLabel(
            self.tr(
                "pushgui keeps copies of your reminders, contacts, channels and history. "
                "It makes one every day and before each update, and keeps the newest few; "
                "copies you make yourself are kept until you delete them."
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label = QLabel(
            self.tr("Folder: %1").replace("%1", str(manager.backups_dir)), self
        )
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)

        self.model = BackupsModel(self)
        self.table = make_table(
            self.model, self.tr("Backups"), self, row_height=self.fontMetrics().height() + 10
        )
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        taken_width = metrics.horizontalAdvance(format_when(datetime(2026, 12, 30, 23, 59)))
        self.table.setColumnWidth(TAKEN, taken_width + 4 * char)
        self.table.setColumnWidth(SIZE, 12 * char)
        self.empty_label = QLabel(self.tr("There are no backups yet."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(14)
        self.busy.setAccessibleName(self.tr("Backing up"))
        self.busy.hide()
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.hide()
        self.error_label = ErrorLabel(self)

        self.backup_button = QPushButton(self.tr("&Back up now"), self)
        self.backup_button.setToolTip(self.tr("Make a copy of your data now"))
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.restore_button.setToolTip(self.tr("Replace your data with the selected backup"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in (self.backup_button, self.restore_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.confirm_restore)
        self.table.doubleClicked.connect(lambda _index: self.confirm_restore())

        status = QHBoxLayout()
        status.setSpacing(8)
        status.addWidget(self.busy)
        status.addWidget(self.result_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.explanation)
        layout.addWidget(self.folder_label)
        layout.addSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(status)
        layout.addWidget(self.error_label)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)

        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.resize(max(600, taken_width + 50 * char), 440)
        self.refresh()

    # -- listing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """List the backups again; the selected one stays selected (else the newest is)."""
        selected = self.selected_path()
        try:
            rows = self.manager.list_backups()
        except OSError as exc:
            log.exception("Could not list the backups in %s", self.manager.backups_dir)
            self.show_error(
                self.tr("The backups folder could not be read: %1").replace(
                    "%1", exc.strerror or str(exc)
                )
            )
            rows = []
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        index = self.model.index_of(selected) if selected is not None else QModelIndex()
        if not index.isValid() and rows:
            index = self.model.index(0, 0)
        if index.isValid():
            self.table.selectRow(index.row())
        self._update_buttons()

    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).path if rows else None

    def _update_buttons(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.selected_path() is not None and self._job is None)
        self.backup_button.setEnabled(self._job is None)

    # -- messages --------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        """Say what went wrong, in the dialog, in plain words."""
        self.result_label.hide()
        self.error_label.show_messages([text])

    def show_result(self, text: str, ok: bool = True) -> None:
        self.error_label.show_messages([])
        palette = self.result_label.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        colour = (
            QColor("#81c784" if dark else "#2e7d32")
            if ok
            else self.palette().color(QPalette.ColorRole.WindowText)
        )
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.result_label.setPalette(palette)
        self.result_label.setText(text)
        self.result_label.show()

    # -- backing up ------------------------------------------------------------------------

    def back_up_now(self) -> bool:
        """Start a manual backup on the thread pool; False if one is already running."""
        if self._job is not None:
            return False
        job = BackupJob(self.manager)
        job.relay.finished.connect(self._backup_done)
        self._job = job
        self.busy.show()
        self.show_result(self.tr("Backing up…"), ok=False)
        self._update_buttons()
        QThreadPool.globalInstance().start(job)
        return True

    def is_busy(self) -> bool:
        return self._job is not None

    def _backup_done(self, path: Path | None, error: str) -> None:
        self._job = None
        self.busy.hide()
        if path is None:
            log.error("Backing up failed: %s", error)
            self.show_error(
                self.tr(
                    "The backup could not be made. Check that the disk is not full and that "
                    "pushgui may write to the backups folder, then try again. (%1)"
                ).replace("%1", error)
            )
        else:
            self.show_result(self.tr("✓ Backed up. The copy is %1.").replace("%1", path.name))
        self.refresh()
        if path is not None:
            index = self.model.index_of(path)
            if index.isValid():
                self.table.selectRow(index.row())
        self._update_buttons()
        self.backup_finished.emit(path is not None)

    # -- restoring -------------------------------------------------------------------------

    def confirm_restore(self) -> QMessageBox | None:
        """Ask before restoring the selected backup (window-modal); None if none is selected."""
        path = self.selected_path()
        if path is None or self._job is not None:
            return None
        info = self.model.row_at(self.table.selectionModel().selectedRows()[0].row())
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Restore from backup"))
        box.setText(
            self.tr("Restore your data as it was on %1?").replace("%1", format_when(info.created))
        )
        box.setInformativeText(
            self.tr(
                "Your current data is not deleted: it is kept aside in the data folder, so "
                "nothing is lost for good. Changes made after the backup was taken will not "
                "be in the restored data.\n\npushgui stops sending reminders for a moment, "
                "restores the backup, and starts again."
            )
        )
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        widen(box, 72)
        box.setEscapeButton(cancel)
        restore.clicked.connect(lambda: self.restore_requested.emit(path))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda: setattr(self, "confirmation", None))
        self.confirmation = box
        box.open()
        return box
