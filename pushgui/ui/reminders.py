"""Showing due reminders to the user: a tray notification, or a reminder window.

The desktop channel's sender runs in a worker thread; it only emits a signal. The
presenter, living in the GUI thread, shows the reminder.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.ui.icons import app_icon

NOTIFICATION_MS = 15_000


class DesktopSender(QObject):
    """The desktop channel in the GUI: hands each reminder to the GUI thread.

    Signals:
        reminder_due(int, str, str, str): push id, push name, title, body; emitted from a
            worker thread, received in the GUI thread (queued).
    """

    reminder_due = Signal(int, str, str, str)

    def send(self, messages: Sequence[Outgoing]) -> list[Outcome]:
        for message in messages:
            self.reminder_due.emit(message.push_id, message.push_name, message.title, message.body)
        return [Outcome(ok=True) for _ in messages]


class ReminderWindow(QWidget):
    """A small always-on-top window that stays until dismissed, for when there is no tray."""

    def __init__(self, push_name: str, title: str, body: str) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Reminder: {name}").format(name=push_name))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(360)
        heading = QLabel(title)
        heading.setObjectName("reminderTitle")
        heading.setWordWrap(True)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(body)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        dismiss = buttons.addButton(self.tr("Dismiss"), QDialogButtonBox.ButtonRole.AcceptRole)
        dismiss.setDefault(True)
        dismiss.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if body:
            layout.addWidget(text)
        layout.addStretch(1)
        layout.addWidget(buttons)


class ReminderPresenter(QObject):
    """Shows reminders as tray notifications when possible, else as reminder windows.

    Signals:
        shown(int): the push id of a reminder that was just shown.
    """

    shown = Signal(int)

    def __init__(self, tray: QSystemTrayIcon | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray = tray
        self.windows: list[ReminderWindow] = []

    def uses_tray(self) -> bool:
        return (
            self.tray is not None and self.tray.isVisible() and QSystemTrayIcon.supportsMessages()
        )

    @Slot(int, str, str, str)
    def present(self, push_id: int, push_name: str, title: str, body: str) -> None:
        if self.uses_tray():
            assert self.tray is not None
            self.tray.showMessage(title, body or push_name, app_icon(), NOTIFICATION_MS)
        else:
            window = ReminderWindow(push_name, title, body)
            window.destroyed.connect(lambda *_: self._forget(window))
            self.windows.append(window)
            window.show()
            window.raise_()
            window.activateWindow()
        self.shown.emit(push_id)

    def _forget(self, window: ReminderWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)
