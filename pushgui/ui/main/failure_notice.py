"""Telling the user about deliveries that failed for good: a tray message and the status
bar after each run, and a click on the message opens the History at that delivery.

Its texts keep the shell's translation context, ``DesktopShell``, where they were written
first (docs/ARCHITECTURE.md, "Layers").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from pushgui.core.runs.history import History
from pushgui.ui.i18n import stored
from pushgui.ui.main.tray import TrayIcon

translate = QCoreApplication.translate


class FailureNotice(QObject):
    """Watches the history for failures after the last one it told about.

    ``open_history(delivery_id)`` shows the History window at a delivery.
    """

    def __init__(
        self,
        history: History,
        window: QMainWindow,
        tray: TrayIcon | None,
        open_history: Callable[[int], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.window = window
        self.tray = tray
        self.open_history = open_history
        self.seen_delivery = history.last_delivery_id()
        self.notified_delivery: int | None = None
        if tray is not None:
            tray.messageClicked.connect(self.open_notified)

    @Slot()
    def check(self) -> None:
        """Tell the user about deliveries that failed for good since the last check."""
        failures = self.history.failures_after(self.seen_delivery)
        if not failures:
            return
        self.seen_delivery = max(f.delivery_id for f in failures)
        first = failures[0]
        self.notified_delivery = first.delivery_id
        if len(failures) == 1:
            text = translate(
                "DesktopShell", "“{push}” could not be delivered to {who}: {error}"
            ).format(push=first.push_name, who=first.recipient, error=stored(first.error))
        else:
            text = translate(
                "DesktopShell", "{count} deliveries failed, the first to {who}: {error}"
            ).format(count=len(failures), who=first.recipient, error=stored(first.error))
        if self.tray is not None and self.tray.isVisible():
            self.tray.set_attention(True)
            self.tray.showMessage(
                translate("DesktopShell", "A message was not delivered"),
                text + "\n" + translate("DesktopShell", "Click to see the history."),
                QSystemTrayIcon.MessageIcon.Warning,
                20_000,
            )
        self.window.statusBar().showMessage(text, 30_000)

    @Slot()
    def open_notified(self) -> None:
        if self.notified_delivery is not None:
            self.open_history(self.notified_delivery)
            if self.tray is not None:
                self.tray.set_attention(False)
