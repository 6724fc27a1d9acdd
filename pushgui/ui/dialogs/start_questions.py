"""What the shell asks once the window is up, with the scheduler paused: which missed runs
to send late (at start, and after the machine slept or the clock jumped forward), and what
to do with deliveries a crash interrupted. The scheduler resumes once the missed runs are
answered (or there are none, or the user chose to let each reminder's setting decide).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QDialog

from pushgui.core.runs.history import History, HistoryFilter

if TYPE_CHECKING:
    from pushgui.core.pushes.service import PushService
    from pushgui.core.store.settings import SettingsStore
    from pushgui.engine.scheduler import PushScheduler
    from pushgui.ui.dialogs.interrupted_dialog import InterruptedDialog
    from pushgui.ui.dialogs.missed_dialog import MissedRunsDialog
    from pushgui.ui.main.main_window import MainWindow
    from pushgui.ui.main.tray import TrayIcon

ASK_MISSED_KEY = "missed.ask"  # False: follow each push's own missed-run setting


class StartQuestions(QObject):
    """The missed-runs and interrupted-deliveries questions; ``show_window`` brings the main
    window up before either dialog opens."""

    def __init__(
        self,
        service: PushService,
        scheduler: PushScheduler,
        settings: SettingsStore,
        history: History,
        window: MainWindow,
        tray: TrayIcon | None,
        show_window: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.scheduler = scheduler
        self.settings = settings
        self.history = history
        self.window = window
        self.tray = tray
        self.show_window = show_window
        self.missed_dialog: MissedRunsDialog | None = None
        self.interrupted_dialog: InterruptedDialog | None = None

    def ask_about_missed(self) -> MissedRunsDialog | None:
        """With the scheduler paused: list missed runs, or resume if there are none (or the
        user chose to let each push's setting decide)."""
        from pushgui.core.runs.missed import find_missed, resolve
        from pushgui.ui.dialogs.missed_dialog import MissedRunsDialog

        now = datetime.now(UTC)
        missed = find_missed(self.service.db, self.scheduler, now)
        if not missed or not self.settings.get(ASK_MISSED_KEY, True):
            self.scheduler.resume()
            return None
        dialog = MissedRunsDialog(missed, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if dialog.dont_ask_again():
                self.settings.set(ASK_MISSED_KEY, False)
            if result == QDialog.DialogCode.Accepted:
                resolve(
                    self.service.db,
                    self.scheduler,
                    missed,
                    dialog.decisions(),
                    now,
                    self.service.calendars,
                )
            self.missed_dialog = None
            self.scheduler.resume()
            self.window.reload()

        dialog.finished.connect(finished)
        self.missed_dialog = dialog
        self.show_window()
        dialog.open()
        return dialog

    @Slot(float)
    def on_clock_jump(self, seconds: float) -> None:
        # Called in the scheduler's pass, before it runs anything: pause so the user can be
        # asked about what fell due while the machine slept (or the clock moved forward).
        self.window.reload()
        if seconds > 0 and self.missed_dialog is None and self.settings.get(ASK_MISSED_KEY, True):
            self.scheduler.pause()
            QTimer.singleShot(0, self.ask_about_missed)

    def ask_about_interrupted(self) -> InterruptedDialog | None:
        rows = self.history.rows(HistoryFilter(statuses=("interrupted",)))
        if not rows:
            return None
        from pushgui.ui.dialogs.interrupted_dialog import InterruptedDialog

        dialog = InterruptedDialog(rows, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resend_requested.connect(self.service.resend)
        dialog.dismiss_requested.connect(self.service.dismiss)
        self.interrupted_dialog = dialog
        if self.tray is not None:
            self.tray.set_attention(True)
        self.show_window()
        dialog.open()
        return dialog
