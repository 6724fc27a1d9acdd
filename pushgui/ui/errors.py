"""Unexpected exceptions: the traceback goes to the log, the user gets a short apology.

:class:`ErrorReporter` replaces ``sys.excepthook`` (which PySide6 also calls for exceptions
raised in slots) and ``threading.excepthook``. The event loop and the scheduler keep running;
only one dialog is open at a time, later errors are added to it.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pushgui import __version__
from pushgui.core.store.errors import ChangeRefused
from pushgui.core.system.redact import redact

log = logging.getLogger(__name__)

REPORT_URL = "https://github.com/pushgui/pushgui/issues"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def describe_exception(exc_type: type[BaseException], exc: BaseException, tb: Any) -> str:
    """The details a developer needs: versions and the traceback, secrets redacted."""
    lines = [
        f"pushgui {__version__}, Python {platform.python_version()}, PySide6 {pyside_version}, "
        f"{platform.platform()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return redact("\n".join(line.rstrip("\n") for line in lines))


class ErrorDialog(QDialog):
    """Sorry, what to do next, and the details to copy."""

    def __init__(self, details: str, log_folder: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("pushgui: something went wrong"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.count = 0
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel(self.tr("<b>Sorry, something went wrong in pushgui.</b>"), self)
        self.advice = QLabel(
            self.tr(
                "pushgui keeps sending your reminders; you can go on using it. If this happens "
                'again, click <b>Copy details</b> and send them to <a href="{url}">{url}</a>.'
            ).format(url=REPORT_URL),
            self,
        )
        self.advice.setWordWrap(True)
        self.advice.setOpenExternalLinks(True)
        self.count_label = QLabel(self)
        self.count_label.hide()
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Error details"))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(160)
        self.details.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = self.buttons.addButton(
            self.tr("&Copy details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.show_button = self.buttons.addButton(
            self.tr("Show &details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button.clicked.connect(self._toggle_details)
        self.buttons.rejected.connect(self.reject)
        self.logs_button: QPushButton | None = None
        if log_folder is not None:
            self.logs_button = self.buttons.addButton(
                self.tr("Open &log folder"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.logs_button.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_folder)))
            )
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.advice)
        text.addWidget(self.count_label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(540)
        self.add(details)

    def add(self, details: str) -> None:
        """Record one more error (the dialog shows how many happened, with all their details)."""
        self.count += 1
        previous = self.details.toPlainText()
        self.details.setPlainText(f"{previous}\n\n{details}" if previous else details)
        if self.count > 1:
            self.count_label.setText(
                self.tr("This happened %n time(s) since this window opened.", "", self.count)
            )
            self.count_label.show()

    def details_text(self) -> str:
        return self.details.toPlainText()

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText(self.tr("Copied"))

    @Slot()
    def _toggle_details(self) -> None:
        visible = not self.details.isVisible()
        self.details.setVisible(visible)
        self.show_button.setText(self.tr("Hide &details") if visible else self.tr("Show &details"))
        self.adjustSize()


class ErrorReporter(QObject):
    """Logs unexpected exceptions from any thread and shows them in one dialog (GUI thread).

    Create it in the GUI thread; :meth:`install` makes it the process's exception hook.

    Signals:
        reported(str): an unexpected exception's details; emitted in the thread that raised
            it, shown in the GUI thread through a queued connection.
    """

    reported = Signal(str)
    #: A change the team database refused (a viewer's): said plainly, never as a crash.
    refused = Signal(str)

    def __init__(self, log_folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_folder = log_folder
        self.dialog: ErrorDialog | None = None
        self._previous_hook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[..., Any] | None = None
        # Always queued: the dialog is built by the event loop, never inside whatever raised.
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.refused.connect(self._show_refused, Qt.ConnectionType.QueuedConnection)
        self.refusal: QMessageBox | None = None

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        if self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook
        self._previous_hook = self._previous_thread_hook = None

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """The exception hook: log the traceback, then ask the GUI thread to show it."""
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            hook = self._previous_hook or sys.__excepthook__
            hook(exc_type, exc, tb)
            return
        if isinstance(exc, ChangeRefused):
            # Not a bug: a window that does not catch it yet (groups, templates) still
            # shows the database's refusal in plain words, and nothing was written.
            log.warning("The database refused a change: %s", exc)
            self.refused.emit(str(exc))
            return
        try:
            log.critical("Unexpected error", exc_info=(exc_type, exc, tb))
            self.reported.emit(describe_exception(exc_type, exc, tb))
        except Exception:
            # An exception hook that raises loses both errors; stderr is the last resort.
            traceback.print_exception(exc_type, exc, tb)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str)
    def _show(self, details: str) -> None:
        if self.dialog is not None:
            self.dialog.add(details)
            return
        dialog = ErrorDialog(details, self.log_folder)
        dialog.finished.connect(self._forget)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()

    @Slot(str)
    def _show_refused(self, text: str) -> None:
        if self.refusal is not None:
            self.refusal.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("pushgui: change refused"), text,
            QMessageBox.StandardButton.Ok,
        )  # fmt: skip
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: setattr(self, "refusal", None))
        self.refusal = box
        box.open()

    @Slot()
    def _forget(self) -> None:
        self.dialog = None
