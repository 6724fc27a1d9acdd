"""The heads-up window: a push is about to go to other people; skip it, edit it or send now.

The core's heads-up job (:mod:`pushgui.core.runs.headsup`) calls the registered handler from a
worker thread; :class:`HeadsUpSender` only emits a signal, and :class:`HeadsUpPresenter`
shows the window in the GUI thread and carries out the user's choice through the service.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.pushes.service import PushService
from pushgui.core.runs.headsup import HeadsUp
from pushgui.ui.widgets.icons import app_icon

log = logging.getLogger(__name__)


class HeadsUpSender(QObject):
    """The heads-up handler the core calls; hands each notice to the GUI thread.

    Signals:
        due(int, str, str, float): push id, push name, title, due time (Unix time);
            emitted from a worker thread, received in the GUI thread (queued).
    """

    due = Signal(int, str, str, float)

    def __call__(self, notice: HeadsUp) -> None:
        self.due.emit(notice.push_id, notice.push_name, notice.title, notice.due.timestamp())


def _clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


class HeadsUpWindow(QWidget):
    """ "“Weekly report” goes out at 09:00": Skip this time, Edit…, Send now, or let it go.

    Once the run is due the choices that concern it are switched off.

    Signals:
        skip_requested(): skip this run only.
        edit_requested(): open the push in the editor.
        send_now_requested(): send now instead of at the due time.
    """

    skip_requested = Signal()
    edit_requested = Signal()
    send_now_requested = Signal()

    def __init__(self, push_id: int, push_name: str, title: str, due: datetime) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.push_id, self.due = push_id, due
        self.setWindowTitle(self.tr("Sending soon: {name}").format(name=push_name))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(420)
        heading = QLabel(
            self.tr("“{name}” is sent at {time}").format(name=push_name, time=_clock(due))
        )
        heading.setObjectName("headsUpTitle")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)
        self.title_label = QLabel(title)
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QDialogButtonBox()
        self.skip_button = QPushButton(self.tr("S&kip this time"))
        self.skip_button.setToolTip(self.tr("Do not send it now; later times stay as they are"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Change the message or who receives it"))
        self.send_now_button = QPushButton(self.tr("Send &now"))
        self.send_now_button.setToolTip(
            self.tr("Send it right away instead of at {time}").format(time=_clock(due))
        )
        self.ok_button = QPushButton(self.tr("Send as &planned"))
        self.ok_button.setToolTip(self.tr("Close this and send it on time"))
        for button in (self.skip_button, self.edit_button, self.send_now_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.skip_button.clicked.connect(self._chosen(self.skip_requested))
        self.edit_button.clicked.connect(self._chosen(self.edit_requested))
        self.send_now_button.clicked.connect(self._chosen(self.send_now_requested))
        self.ok_button.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(self.title_label)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self._tick = QTimer(self)
        self._tick.setInterval(15_000)
        self._tick.timeout.connect(self.update_status)
        self._tick.start()
        self.update_status()
        self.ok_button.setFocus()

    def _chosen(self, signal: SignalInstance) -> Callable[[], None]:
        def emit() -> None:
            signal.emit()
            self.close()

        return emit

    @Slot()
    def update_status(self, now: datetime | None = None) -> None:
        """ "In 10 minutes", or, once due, that it went out and the choices are off."""
        now = now or datetime.now(UTC)
        if now >= self.due:
            self.status_label.setText(
                self.tr("It was sent at {time}.").format(time=_clock(self.due))
            )
            for button in (self.skip_button, self.send_now_button):
                button.setEnabled(False)
            self._tick.stop()
            return
        minutes = max(1, round((self.due - now).total_seconds() / 60))
        text = (
            self.tr("In 1 minute. Nothing is sent before then.")
            if minutes == 1
            else self.tr("In {n} minutes. Nothing is sent before then.").format(n=minutes)
        )
        self.status_label.setText(text)


class HeadsUpPresenter(QObject):
    """Shows heads-up windows (one per push) and carries out what the user chooses.

    Signals:
        edit_requested(int): open this push in the editor.
        done(str): a short message saying what happened, for the status bar.
    """

    edit_requested = Signal(int)
    done = Signal(str)

    def __init__(self, service: PushService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.notifier = HeadsUpSender(self)
        self.notifier.due.connect(self.present)
        self.windows: dict[int, HeadsUpWindow] = {}

    @Slot(int, str, str, float)
    def present(
        self, push_id: int, push_name: str, title: str, due_timestamp: float
    ) -> HeadsUpWindow:
        old = self.windows.pop(push_id, None)
        if old is not None:
            old.close()
        due = datetime.fromtimestamp(due_timestamp, UTC)
        window = HeadsUpWindow(push_id, push_name, title, due)
        window.skip_requested.connect(lambda: self.skip(push_id, due, push_name))
        window.send_now_requested.connect(lambda: self.send_now(push_id, due, push_name))
        window.edit_requested.connect(lambda: self.edit_requested.emit(push_id))
        window.destroyed.connect(lambda *_: self._forget(push_id, window))
        self.windows[push_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def skip(self, push_id: int, due: datetime, name: str) -> bool:
        """Skip the run due at ``due`` only if it is still the next one."""
        try:
            skipped = self.service.skip_next(push_id, expected=due)
        except Exception:
            log.exception("Skipping the run of push %s failed", push_id)
            skipped = None
        if skipped is None:
            self.done.emit(
                self.tr("“{name}” was not skipped: it was already sent or changed").format(
                    name=name
                )
            )
            return False
        self.done.emit(self.tr("“{name}” is skipped this time").format(name=name))
        return True

    def send_now(self, push_id: int, due: datetime, name: str) -> None:
        """Send now, and skip the scheduled run it replaces (if still ahead)."""
        self.service.skip_next(push_id, expected=due)
        self.service.run_now(push_id)
        self.done.emit(self.tr("Sending “{name}” now").format(name=name))

    def _forget(self, push_id: int, window: HeadsUpWindow) -> None:
        if self.windows.get(push_id) is window:
            del self.windows[push_id]
