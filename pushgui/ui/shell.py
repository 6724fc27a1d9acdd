"""The desktop shell: main window, tray and reminders around one running engine."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from pushgui.core.channels.base import register_sender
from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.service import PushService
from pushgui.core.settings import SettingsStore
from pushgui.engine.bridge import EventBridge
from pushgui.engine.scheduler import PushScheduler
from pushgui.ui.main_window import MainWindow
from pushgui.ui.reminders import DesktopSender, ReminderPresenter
from pushgui.ui.tray import TrayIcon

log = logging.getLogger(__name__)

TRAY_NOTICE_KEY = "notice.tray_shown"


class DesktopShell(QObject):
    """Owns the windows; the engine keeps running while they are hidden."""

    def __init__(
        self,
        service: PushService,
        scheduler: PushScheduler,
        bridge: EventBridge,
        settings: SettingsStore,
        tray_available: bool | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.scheduler = scheduler
        self.settings = settings
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: TrayIcon | None = TrayIcon(self) if tray_available else None
        self.window = MainWindow(service, bridge, settings, keep_running_in_tray=tray_available)
        self.presenter = ReminderPresenter(self.tray, self)
        self.desktop_sender = DesktopSender(self)
        self.desktop_sender.reminder_due.connect(self.presenter.present)
        register_sender(DESKTOP, self.desktop_sender)

        self.window.quit_requested.connect(self.quit)
        self.window.hidden_to_tray.connect(self._on_hidden_to_tray)
        if self.tray is not None:
            self.tray.show_requested.connect(self.show_window)
            self.tray.new_requested.connect(self._new_from_tray)
            self.tray.pause_all_requested.connect(self.pause_all)
            self.tray.quit_requested.connect(self.quit)
            self.tray.show()
        bridge.scheduler_state_changed.connect(self._on_scheduler_state)

    @Slot()
    def show_window(self) -> None:
        self.window.show()
        self.window.setWindowState(
            self.window.windowState() & ~self.window.windowState().WindowMinimized
        )
        self.window.raise_()
        self.window.activateWindow()

    @Slot()
    def _new_from_tray(self) -> None:
        self.show_window()
        self.window.new_push()

    @Slot(bool)
    def pause_all(self, paused: bool) -> None:
        if paused:
            self.scheduler.pause()
        else:
            self.scheduler.resume()

    @Slot(bool)
    def _on_scheduler_state(self, running: bool) -> None:
        if self.tray is not None:
            self.tray.set_paused(not running)

    @Slot()
    def _on_hidden_to_tray(self) -> None:
        if self.settings.get(TRAY_NOTICE_KEY, False) or self.tray is None:
            return
        self.settings.set(TRAY_NOTICE_KEY, True)
        self.tray.showMessage(
            self.tr("pushgui is still running"),
            self.tr(
                "Your reminders will be sent on time. Use the tray icon to open pushgui "
                "or to quit it."
            ),
            QSystemTrayIcon.MessageIcon.Information,
            10_000,
        )

    @Slot(str)
    def on_message(self, message: str) -> None:
        """A message from a later launch on the same data folder."""
        if message == "show":
            self.show_window()
        elif message == "reconcile":
            self.service.reconcile()
            self.window.reload()

    @Slot()
    def quit(self) -> None:
        self.window.save_layout()
        if self.tray is not None:
            self.tray.hide()
        app = QApplication.instance()
        if app is not None:
            app.quit()
