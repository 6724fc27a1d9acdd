"""Preferences in the running app: the Settings dialog, the log folder, autostart's first offer."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSystemTrayIcon

from pushgui.core.channels.book import ChannelBook
from pushgui.core.pushes.service import PushService
from pushgui.core.store.backup import BackupManager
from pushgui.core.system.autostart import Autostart, AutostartError, fragile_location
from pushgui.core.system.paths import Locations
from pushgui.core.system.preferences import AUTOSTART_OFFERED_KEY, Preferences
from pushgui.ui.reminders.presenter import ReminderPresenter
from pushgui.ui.settings.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

NOTICE_MS = 15_000


class PreferencesController(QObject):
    """Opens Settings and applies what was saved to the parts of the app that use it.

    Signals:
        restart_requested(): the user chose to restart now (to see a new language).

    It also asks once, when the first reminder exists, whether pushgui should start at
    login (unless the user chose already), naming a fragile install location.
    """

    restart_requested = Signal()

    def __init__(
        self,
        prefs: Preferences,
        service: PushService,
        window: QMainWindow,
        presenter: ReminderPresenter,
        tray: QSystemTrayIcon | None = None,
        channels: ChannelBook | None = None,
        backups: BackupManager | None = None,
        locations: Locations | None = None,
        autostart: Autostart | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self.service = service
        self.window = window
        self.presenter = presenter
        self.tray = tray
        self.channels = channels
        self.backups = backups
        self.locations = locations
        self.autostart = autostart
        self.dialog: SettingsDialog | None = None
        self.autostart_question: QMessageBox | None = None
        self._offered = bool(prefs.store.get(AUTOSTART_OFFERED_KEY, False))
        self.restart_question: QMessageBox | None = None
        self._language = prefs.language  # the one the windows were built in
        self.apply()

    def apply(self) -> None:
        """Make the running app follow the stored preferences (those that apply at once);
        a new language offers to restart now (every window is built in its language)."""
        self.presenter.prefer_popup = self.prefs.notification_style == "popup"
        if self.backups is not None:
            self.backups.keep = self.prefs.backups_keep
        if self.prefs.language != self._language:
            self._language = self.prefs.language
            self.offer_restart()

    def offer_restart(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restart pushgui?"),
            self.tr(
                "pushgui shows the new language after a restart. Reminders due meanwhile are "
                "sent when it is back."
            ),
            parent=self.window,
        )
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.restart_button = box.addButton(
            self.tr("&Restart now"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(self.tr("&Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.restart_button)
        box.finished.connect(lambda _r: self._answer_restart(box))
        self.restart_question = box
        box.open()
        return box

    def _answer_restart(self, box: QMessageBox) -> None:
        self.restart_question = None
        if box.clickedButton() is self.restart_button:
            self.restart_requested.emit()

    @Slot()
    def show_settings(self) -> SettingsDialog:
        if self.dialog is None:
            self.dialog = SettingsDialog(
                self.prefs, self.channels, self.locations, self.autostart, self.window
            )
            self.dialog.applied.connect(self.apply)
            self.dialog.finished.connect(self._forget_dialog)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    @Slot()
    def _forget_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    @Slot()
    def open_log_folder(self) -> bool:
        if self.locations is None:
            return False
        return self._open(self.locations.logs)

    def _open(self, folder: Path) -> bool:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("Cannot create %s: %s", folder, exc)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return True
        self.window.statusBar().showMessage(
            self.tr("No file manager could open the folder; it is {folder}").format(folder=folder),
            NOTICE_MS * 2,
        )
        return False

    # -- autostart -------------------------------------------------------------------------------

    def sync_autostart(self) -> None:
        """At start: rewrite the login entry if it is on, so it runs this pushgui's command."""
        if self.autostart is None or not self.prefs.autostart:
            return
        try:
            self.autostart.enable()
        except AutostartError as exc:
            log.warning("Cannot refresh the autostart entry: %s", exc)

    @Slot()
    def offer_autostart(self) -> QMessageBox | None:
        """After reminders change: once, when the first reminder exists, ask whether pushgui
        should start at login (it used to switch itself on without asking)."""
        if self._offered or self.autostart is None:
            return None
        count = len(self.service.rows())  # zero until the first reminder: cheap
        if count == 0:
            return None
        self._offered = True
        if not self.prefs.offer_autostart(count):
            return None
        text = self.tr(
            "Reminders are only sent while pushgui runs. Start it (in the tray) when you log in?"
        )
        fragile = fragile_location()
        if fragile is not None:
            text += "\n\n" + self.tr(
                "pushgui runs from {folder}. If that folder is removed, it will no longer "
                "start at login; installing pushgui (for example with pipx) avoids that."
            ).format(folder=fragile)
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Start at login?"), text, parent=self.window
        )
        self.autostart_question = box
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.start_at_login_button = box.addButton(
            self.tr("&Start at login"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(self.tr("&Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.start_at_login_button)
        box.finished.connect(lambda _r: self._answer_autostart(box))
        box.open()
        return box

    def _answer_autostart(self, box: QMessageBox) -> None:
        self.autostart_question = None
        wanted = box.clickedButton() is self.start_at_login_button
        self.prefs.autostart = wanted  # either answer is the user's choice: never asked again
        if not wanted or self.autostart is None:
            return
        try:
            self.autostart.enable()
        except AutostartError as exc:
            log.warning("Cannot switch on autostart: %s", exc)
            self.prefs.autostart = False
            return
        text = self.tr("pushgui will start when you log in; change this in Settings.")
        self.window.statusBar().showMessage(text, NOTICE_MS)
