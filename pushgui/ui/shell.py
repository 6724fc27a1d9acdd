"""The desktop shell: main window, tray and reminders around one running engine.

Windows other than the main one (contacts, channels, history, backups, the start-up
questions) are imported and built on first use, so the main window's first paint does not
wait for them; :meth:`DesktopShell.warm_up` imports them once the app is idle
(:mod:`pushgui.ui.startup`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from pushgui.core.books import Books
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import PushOptions, Target
from pushgui.core.runs.jobs import push_id_of
from pushgui.core.store.backup import BackupManager
from pushgui.core.store.recovery import RecoveryReport
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.autostart import Autostart
from pushgui.core.system.paths import Locations
from pushgui.core.system.preferences import Preferences
from pushgui.engine.bridge import EventBridge
from pushgui.engine.scheduler import PushScheduler
from pushgui.ui.dialogs.start_questions import StartQuestions
from pushgui.ui.main.calendar_notice import check_and_tell, current_notices
from pushgui.ui.main.failure_notice import FailureNotice
from pushgui.ui.main.main_window import MainWindow
from pushgui.ui.main.tray import TrayIcon
from pushgui.ui.reminders.headsup import HeadsUpPresenter
from pushgui.ui.reminders.presenter import DesktopSender, ReminderPresenter
from pushgui.ui.settings.preferences import PreferencesController
from pushgui.ui.startup import import_later_modules
from pushgui.ui.widgets.geometry import manage as manage_window

if TYPE_CHECKING:
    from pushgui.core.runs.reconcile import ReconcileReport
    from pushgui.ui.channels_window import ChannelsWindow
    from pushgui.ui.editor.push_editor import NewReminderDefaults
    from pushgui.ui.history.history_window import HistoryWindow
    from pushgui.ui.people.contacts_window import ContactsWindow
    from pushgui.ui.settings.backups_dialog import BackupsDialog

log = logging.getLogger(__name__)

TRAY_NOTICE_KEY = "notice.tray_shown"
HISTORY_REFRESH_MS = 300


class DesktopShell(QObject):
    """Owns the windows; the engine keeps running while they are hidden.

    Signals:
        restart_requested(): the user chose to restart now (a new language); the
            application stops and starts again.
        restore_requested(object): the user confirmed restoring this backup (a Path); the
            application stops the engine, restores and starts again.
    """

    restore_requested = Signal(object)
    restart_requested = Signal()
    secrets_changed = Signal(object)

    def __init__(
        self,
        service: PushService,
        scheduler: PushScheduler,
        bridge: EventBridge,
        settings: SettingsStore,
        books: Books,
        tray_available: bool | None = None,
        backups: BackupManager | None = None,
        locations: Locations | None = None,
        autostart: Autostart | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.scheduler = scheduler
        self.settings = settings
        self.contacts = books.contacts
        self.channels = books.channels
        self.history = books.history
        self.backups = backups
        self.backups_dialog: BackupsDialog | None = None
        self.contacts_window: ContactsWindow | None = None
        self.channels_window: ChannelsWindow | None = None
        self.history_window: HistoryWindow | None = None
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: TrayIcon | None = TrayIcon(self) if tray_available else None
        self.window = MainWindow(
            service,
            bridge,
            settings,
            keep_running_in_tray=tray_available,
            contacts=self.contacts,
            channels=self.channels,
            templates=books.templates,
            new_defaults=self._new_defaults,
        )
        self.window.contacts_requested.connect(self.show_contacts)
        self.window.channels_requested.connect(self.show_channels)
        self.window.history_requested.connect(self.show_history)
        self.window.backups_requested.connect(self.show_backups)
        self.failures = FailureNotice(
            self.history, self.window, self.tray, self._open_delivery, parent=self
        )
        self.questions = StartQuestions(
            service,
            scheduler,
            settings,
            self.history,
            self.window,
            self.tray,
            self.show_window,
            parent=self,
        )
        bridge.clock_jumped.connect(self.questions.on_clock_jump)
        bridge.jobs_executed.connect(lambda _ids: self.failures.check())
        bridge.job_failed.connect(lambda *_: self.failures.check())
        # An open History window follows runs and retries by itself (once per burst).
        self._history_timer = QTimer(self)
        self._history_timer.setSingleShot(True)
        self._history_timer.setInterval(HISTORY_REFRESH_MS)
        self._history_timer.timeout.connect(self._refresh_history)
        for signal in (bridge.jobs_executed, bridge.job_failed, bridge.jobs_missed):
            signal.connect(lambda *_: self._history_timer.start())
        # Reminders not answered yet are kept in the settings and shown again after a restart.
        self.presenter = ReminderPresenter(self.tray, self, scheduler=scheduler, store=settings)
        self.desktop_sender = DesktopSender(self)
        self.desktop_sender.reminder_due.connect(self.presenter.present)
        self.presenter.open_changed.connect(self._on_open_reminders)
        self.window.reminder_requested.connect(self.presenter.show_window)
        self.headsup = HeadsUpPresenter(service, self)
        self.headsup.edit_requested.connect(self._edit_push)
        self.headsup.done.connect(lambda text: self.window.statusBar().showMessage(text, 8000))
        self.preferences = PreferencesController(
            Preferences(settings),
            service,
            self.window,
            self.presenter,
            tray=self.tray,
            channels=self.channels,
            backups=backups,
            locations=locations,
            autostart=autostart,
            parent=self,
        )
        self.preferences.restart_requested.connect(self.restart_requested.emit)
        self.window.settings_requested.connect(self.preferences.show_settings)
        self.window.log_folder_requested.connect(self.preferences.open_log_folder)
        bridge.jobs_changed.connect(self.preferences.offer_autostart)

        self.window.quit_requested.connect(self.quit)
        self.window.hidden_to_tray.connect(self._on_hidden_to_tray)
        if self.tray is not None:
            self.tray.show_requested.connect(self.show_window)
            self.tray.new_requested.connect(self._new_from_tray)
            self.tray.pause_all_requested.connect(self.pause_all)
            self.tray.quit_requested.connect(self.quit)
            self.tray.reminder_requested.connect(self.presenter.show_window)
            self.window.next_due_changed.connect(self.tray.set_next_due)
            self.tray.set_next_due(self.window.next_due_text())
            self.tray.show()
        bridge.scheduler_state_changed.connect(self._on_scheduler_state)

    def _new_defaults(self) -> NewReminderDefaults:
        """A new reminder's zone, missed-run policy and recipient, as chosen in Settings."""
        from pushgui.ui.editor.push_editor import NewReminderDefaults

        prefs = self.preferences.prefs
        targets: tuple[Target, ...] = (Target(),)
        channel_id = prefs.default_channel
        if channel_id is not None:
            found = [c for c in self.channels.channels() if c.id == channel_id]
            if found and not found[0].personal:  # a room; an email channel needs people first
                targets = (Target(found[0].kind, channel_id),)
        return NewReminderDefaults(
            timezone=prefs.default_timezone,
            options=PushOptions(missed=prefs.default_missed_policy),  # type: ignore[arg-type]
            targets=targets,
        )

    @Slot()
    def show_window(self) -> None:
        self.window.show()
        self.window.setWindowState(
            self.window.windowState() & ~self.window.windowState().WindowMinimized
        )
        self.window.raise_()
        self.window.activateWindow()

    # -- other windows ------------------------------------------------------------------------

    @staticmethod
    def _raise(window: QWidget) -> None:
        window.show()
        window.raise_()
        window.activateWindow()

    @Slot()
    def show_contacts(self) -> ContactsWindow:
        if self.contacts_window is None:
            from pushgui.ui.people.contacts_window import ContactsWindow

            self.contacts_window = ContactsWindow(self.contacts)
            manage_window(self.contacts_window, self.settings, "contacts")
        self._raise(self.contacts_window)
        return self.contacts_window

    @Slot()
    def show_channels(self) -> ChannelsWindow:
        if self.channels_window is None:
            from pushgui.ui.channels_window import ChannelsWindow

            self.channels_window = ChannelsWindow(self.channels, self.settings)
            manage_window(self.channels_window, self.settings, "channels")
            self.channels_window.secrets_mode_changed.connect(self._on_secrets_mode)
        self._raise(self.channels_window)
        return self.channels_window

    def _on_secrets_mode(self, _mode: str) -> None:
        self.secrets_changed.emit(self.channels.secrets)

    @Slot()
    def show_history(self, delivery_id: int | None = None) -> HistoryWindow:
        pushes = [(row.id, row.name) for row in self.service.rows()]
        if self.history_window is None:
            from pushgui.ui.history.history_window import HistoryWindow

            self.history_window = HistoryWindow(self.history, pushes)
            manage_window(self.history_window, self.settings, "history")
            self.history_window.retry_requested.connect(self.service.resend)
        else:
            self.history_window.set_pushes(pushes)
            self.history_window.refresh()
        if delivery_id is not None:
            self.history_window.show_delivery(delivery_id)
        self._raise(self.history_window)
        return self.history_window

    @Slot()
    def _refresh_history(self) -> None:
        window = self.history_window
        if window is not None and shiboken6.isValid(window) and window.isVisible():
            window.refresh()

    @Slot()
    def show_backups(self) -> BackupsDialog | None:
        if self.backups is None:
            return None
        if self.backups_dialog is None:
            from pushgui.ui.settings.backups_dialog import BackupsDialog

            self.backups_dialog = BackupsDialog(self.backups, self.window)
            self.backups_dialog.restore_requested.connect(self.restore_requested.emit)
        self.backups_dialog.refresh()
        self._raise(self.backups_dialog)
        return self.backups_dialog

    # -- start-up ------------------------------------------------------------------------------

    def reconciled(self, report: ReconcileReport) -> None:
        """The engine started after the window was built: show what reconciling changed."""
        if report.interrupted:
            self.window.reload()  # runs were marked: their status is in the list
            return
        changed = set(report.added) | set(report.rebuilt) | set(report.finished)
        changed |= {i for i in map(push_id_of, report.removed) if i is not None}
        if changed:
            self.window.refresh_ids(changed)

    def warm_up(self) -> None:
        """Import the other windows' modules while the app is idle (their first use is then
        as quick as any other)."""
        import_later_modules()

    def start(self, recovery: RecoveryReport | None = None) -> None:
        """After the window is up: say what recovery did, ask about missed runs and about
        interrupted deliveries, then let the (paused) scheduler run."""
        if recovery is not None:
            from pushgui.ui.dialogs.recovery_notice import show_recovery_notice

            show_recovery_notice(self.window, recovery)
        self.preferences.sync_autostart()
        self.preferences.offer_autostart()
        self.questions.ask_about_interrupted()
        self.calendar_message = check_and_tell(self.service, self.settings, self.window)
        self.window.model.modelReset.connect(self.refresh_calendar_notices)
        self.refresh_calendar_notices()
        self.questions.ask_about_missed()

    def refresh_calendar_notices(self) -> list[str]:
        """Say in the window and the tray which years' holidays are only assumed."""
        notices = current_notices(self.service)
        self.window.calendar_notice.show_notices(notices)
        if self.tray is not None:
            self.tray.set_notes(notices)
        return notices

    def _open_delivery(self, delivery_id: int) -> None:
        self.show_window()
        self.show_history(delivery_id)

    @Slot()
    def _on_open_reminders(self) -> None:
        reminders = self.presenter.open_reminders
        if shiboken6.isValid(self.window):  # reminder windows may outlive it at shutdown
            self.window.set_open_reminders(reminders)
        if self.tray is not None and shiboken6.isValid(self.tray):
            self.tray.set_open_reminders(reminders)

    @Slot(int)
    def _edit_push(self, push_id: int) -> None:
        self.show_window()
        self.window.edit_push(push_id)

    @Slot()
    def _new_from_tray(self) -> None:
        self.show_window()
        self.window.new_push()

    @Slot(bool)
    def pause_all(self, paused: bool) -> None:
        if not self.scheduler.running:
            return  # an editor of a team server: the server's scheduler is not this one's
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
        elif message == "reconcile":  # ``pushgui import`` saved reminders (and maybe own days)
            self.service.take_up_own_days(self.settings)
            self.service.reconcile()
            self.window.reload()

    @Slot()
    def quit(self) -> None:
        """Quit as the user asked (menu, tray): tidy up, then let the windows close."""
        self.tidy_up()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def tidy_up(self) -> None:
        """What any end of the app does first, a signal's included: the window's layout
        saved, the reminders' notifications withdrawn (they come back at the next start),
        the tray icon gone and the other windows closed."""
        self.window.save_layout()
        self.presenter.close_notifications()
        if self.tray is not None:
            self.tray.hide()
        for window in (self.contacts_window, self.channels_window, self.history_window):
            if window is not None:
                window.close()
