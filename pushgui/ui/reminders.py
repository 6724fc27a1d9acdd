"""Showing due reminders to the user: a tray notification, or a reminder window to act on.

The desktop channel's sender runs in a worker thread; it only emits a signal. The
presenter, living in the GUI thread, shows the reminder. The reminder window offers
Dismiss and Snooze; a snooze is a persisted one-off job (:mod:`pushgui.core.snooze`), so
it survives a restart. Clicking a tray notification opens the window, so Snooze is always
one click away. Reminders not answered yet are kept in the settings and shown again after a
restart.

The module is over 400 lines because the reminder window and the presenter are one
concept (a reminder shown until answered) and share their answer paths.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from pushgui.core import context
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.snooze import CHOICES, snooze, until_for
from pushgui.ui.i18n import date_time_pattern, format_short
from pushgui.ui.icons import app_icon
from pushgui.ui.notifications import DEFAULT_ACTION, DISMISSED, FreedesktopNotifier
from pushgui.ui.trigger_editors.base import ErrorLabel

log = logging.getLogger(__name__)

CUSTOM = "custom"
# Action keys of a reminder's notification.
DONE = "done"
OPEN = "open"
SNOOZE_PREFIX = "snooze-"
# The settings key keeping the reminders not answered yet, across a restart.
OPEN_KEY = "reminders.open"


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


@dataclass(frozen=True, eq=False)
class Reminder:
    """One reminder as it was shown; snoozing shows exactly this again.

    Each showing is its own reminder (compared by identity): the same push due twice is
    answered twice.
    """

    push_id: int
    push_name: str
    title: str
    body: str
    shown_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_dict(self) -> dict[str, Any]:
        return {
            "push_id": self.push_id,
            "push_name": self.push_name,
            "title": self.title,
            "body": self.body,
            "shown_at": self.shown_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reminder:
        return cls(
            int(data["push_id"]),
            str(data["push_name"]),
            str(data["title"]),
            str(data["body"]),
            datetime.fromisoformat(str(data["shown_at"])),
        )


def _short_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


class ReminderWindow(QWidget):
    """A small always-on-top window that stays until dismissed or snoozed.

    Signals:
        snoozed(object): the user snoozed the reminder until this aware datetime; the
            window closes right after.
        done(): the user dismissed it with its button (done: a nag stops).
    """

    snoozed = Signal(object)
    done = Signal()

    def __init__(
        self,
        push_name: str,
        title: str,
        body: str,
        push_id: int | None = None,
        shown_at: datetime | None = None,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reminder = Reminder(
            push_id if push_id is not None else -1,
            push_name,
            title,
            body,
            shown_at or datetime.now(UTC),
        )
        self.setWindowTitle(self.tr("Reminder: {name}").format(name=push_name))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(400)
        heading = QLabel(title)
        heading.setObjectName("reminderTitle")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(body)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.snooze_combo = QComboBox()
        self.snooze_combo.setAccessibleName(self.tr("Remind me again"))
        tomorrow = until_for("tomorrow", self.reminder.shown_at)
        for label, choice in (
            (self.tr("in 5 minutes"), "5min"),
            (self.tr("in 15 minutes"), "15min"),
            (self.tr("in 1 hour"), "1h"),
            (self.tr("tomorrow at {time}").format(time=_short_time(tomorrow)), "tomorrow"),
            (self.tr("at a time I choose…"), CUSTOM),
        ):
            self.snooze_combo.addItem(label, choice)
        self.snooze_combo.setCurrentIndex(1)
        self.custom_edit = QDateTimeEdit()
        self.custom_edit.setAccessibleName(self.tr("Remind me again at"))
        self.custom_edit.setCalendarPopup(True)
        self.custom_edit.setDisplayFormat(date_time_pattern())
        start = QDateTime.currentDateTime().addSecs(30 * 60)
        start.setTime(start.time().addSecs(-start.time().second()))
        self.custom_edit.setDateTime(start)
        self.custom_edit.setMinimumDateTime(QDateTime.currentDateTime())
        self.snooze_error = ErrorLabel()
        self.snooze_button = QPushButton(self.tr("&Snooze"))
        self.snooze_button.setToolTip(self.tr("Show this reminder again later"))
        self.snooze_button.clicked.connect(self.snooze)
        self.snooze_combo.currentIndexChanged.connect(self._on_choice)

        self.snooze_box = QWidget()
        form = QFormLayout(self.snooze_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        form.addRow(self.tr("Remind me &again:"), self.snooze_combo)
        form.addRow("", self.custom_edit)
        form.addRow("", self.snooze_error)
        # Hidden rows of a form still take spacing; these two only show when needed.
        form.setRowVisible(1, False)
        form.setRowVisible(2, False)
        self._form = form

        buttons = QDialogButtonBox()
        buttons.addButton(self.snooze_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.dismiss_button = buttons.addButton(
            self.tr("&Dismiss"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.dismiss_button.setDefault(True)
        self.dismiss_button.setAutoDefault(True)
        self.dismiss_button.clicked.connect(self.done)
        self.dismiss_button.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addWidget(heading)
        if body:
            layout.addWidget(text)
        layout.addStretch(1)
        layout.addSpacing(6)
        layout.addWidget(line)
        layout.addWidget(self.snooze_box)
        layout.addWidget(buttons)
        self.dismiss_button.setFocus()

        self.set_snooze_available(push_id is not None)

    def set_snooze_available(self, available: bool) -> None:
        """Hide Snooze when there is nothing to schedule it with."""
        shown = available and self.reminder.push_id >= 0
        self.snooze_box.setVisible(shown)
        self.snooze_button.setVisible(shown)

    def _on_choice(self) -> None:
        self._form.setRowVisible(1, self.snooze_combo.currentData() == CUSTOM)
        self._show_error("")

    def _show_error(self, text: str) -> None:
        self.snooze_error.show_messages([text])
        self._form.setRowVisible(2, bool(text))

    def choose(self, choice: str) -> None:
        """Select a snooze choice: "5min", "15min", "1h", "tomorrow" or "custom"."""
        index = self.snooze_combo.findData(choice)
        if index < 0:
            raise ValueError(f"No snooze choice {choice!r}")
        self.snooze_combo.setCurrentIndex(index)

    def snooze_until(self, now: datetime | None = None) -> datetime | None:
        """When the chosen snooze ends; ``None`` for a custom time that is not ahead."""
        now = now or datetime.now(UTC)
        choice = self.snooze_combo.currentData()
        if choice != CUSTOM:
            return until_for(choice, now)
        until = datetime.fromtimestamp(self.custom_edit.dateTime().toSecsSinceEpoch(), UTC)
        return until if until > now else None

    @Slot()
    def snooze(self) -> None:
        until = self.snooze_until()
        if until is None:
            self._show_error(self.tr("Choose a time that is still ahead."))
            return
        self.snoozed.emit(until)
        self.close()


class ReminderPresenter(QObject):
    """Shows each due reminder so that it cannot be missed, and keeps it until it is answered.

    Where the session's notification service supports actions, a reminder is a notification
    that stays until acted on, with Done, Snooze 5 min / 1 hour / tomorrow and Open (the
    reminder window). Elsewhere, or with ``prefer_popup`` (the "popup window" notification
    style), it is the always-on-top reminder window. Either way it is listed in
    :attr:`open_reminders` until the user answers it: Done or Dismiss, a snooze, or closing the
    notification or window. A notification the service dropped by itself (expired, or the
    service restarted) leaves the reminder open, still listed in the tray menu and the main
    window. With a ``store``, the open reminders are kept across a restart: :meth:`restore`
    lists and shows them again.

    Signals:
        shown(int): the push id of a reminder that was just shown.
        snoozed(int, object): a reminder of this push id was snoozed until this datetime.
        open_changed(): :attr:`open_reminders` changed.
        done(int): a reminder of this push id was marked done (its Done action, or its
            window's Dismiss button); nagging stops (``pushgui/core/nagging.py``).
    """

    done = Signal(int)
    shown = Signal(int)
    snoozed = Signal(int, object)
    open_changed = Signal()

    def __init__(
        self,
        tray: QSystemTrayIcon | None,
        parent: QObject | None = None,
        scheduler: Any = None,
        clock: Callable[[], datetime] | None = None,
        store: Any = None,
    ) -> None:
        super().__init__(parent)
        self.tray = tray
        self.scheduler = scheduler
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self.prefer_popup = False
        self.notifier: FreedesktopNotifier | None = None
        self.windows: list[ReminderWindow] = []
        self.open_reminders: list[Reminder] = []
        self._by_notification: dict[int, Reminder] = {}
        self._notification_of: dict[Reminder, int] = {}
        # Where the open reminders are kept across a restart (a SettingsStore: get/set).
        self.store: Any = store
        self._quitting = False  # windows torn down at exit are not answers
        self._restored = False
        self.open_changed.connect(self._keep)

    def set_notifier(self, notifier: FreedesktopNotifier | None) -> None:
        """Show reminders as lasting notifications through this service, if it has actions."""
        self.notifier = notifier
        if notifier is not None:
            notifier.action_invoked.connect(self._on_action)
            notifier.closed.connect(self._on_closed)

    def uses_notifications(self) -> bool:
        return (
            not self.prefer_popup and self.notifier is not None and self.notifier.supports_actions()
        )

    def _scheduler(self) -> Any:
        return self.scheduler if self.scheduler is not None else context.scheduler()

    @Slot(int, str, str, str)
    def present(self, push_id: int, push_name: str, title: str, body: str) -> None:
        reminder = Reminder(push_id, push_name, title, body, self.clock())
        self.open_reminders.append(reminder)
        self.open_changed.emit()
        if not (self.uses_notifications() and self._notify(reminder)):
            self.show_window(reminder)
        self.shown.emit(push_id)

    def restore(self) -> None:
        """Show again the reminders left unanswered when pushgui last quit (its notifications
        were taken off the screen then: their buttons could not have answered)."""
        if self.store is None or self._restored:
            return
        self._restored = True  # once: a second call would show each reminder twice
        try:
            kept = [Reminder.from_dict(item) for item in self.store.get(OPEN_KEY, [])]
        except (TypeError, KeyError, ValueError) as exc:
            log.warning("The reminders left open could not be read (%s); they are dropped", exc)
            kept = []
        for reminder in kept:
            self.open_reminders.append(reminder)
            if not (self.uses_notifications() and self._notify(reminder)):
                self.show_window(reminder)
        if kept:
            self.open_changed.emit()

    @Slot()
    def _keep(self) -> None:
        if self.store is not None and not self._quitting:
            self.store.set(OPEN_KEY, [reminder.to_dict() for reminder in self.open_reminders])

    def _notify(self, reminder: Reminder) -> bool:
        assert self.notifier is not None
        actions = [(DONE, self.tr("Done"))]
        if self._scheduler() is not None and reminder.push_id >= 0:
            actions += [
                (SNOOZE_PREFIX + "5min", self.tr("Snooze 5 min")),
                (SNOOZE_PREFIX + "1h", self.tr("Snooze 1 hour")),
                (SNOOZE_PREFIX + "tomorrow", self.tr("Tomorrow")),
            ]
        actions += [(OPEN, self.tr("Open")), (DEFAULT_ACTION, self.tr("Open"))]
        body = reminder.body or (reminder.push_name if reminder.push_name != reminder.title else "")
        notification_id = self.notifier.notify(reminder.title, body, actions=actions, lasting=True)
        if notification_id is None:
            return False
        self._by_notification[notification_id] = reminder
        self._notification_of[reminder] = notification_id
        return True

    def show_window(self, reminder: Reminder) -> ReminderWindow:
        """The reminder's window (raised if it is already open)."""
        self._close_notification(reminder)
        for window in self.windows:
            if window.reminder is reminder:
                window.show()
                window.raise_()
                window.activateWindow()
                return window
        window = ReminderWindow(
            reminder.push_name, reminder.title, reminder.body, reminder.push_id, reminder.shown_at
        )
        window.reminder = reminder
        window.set_snooze_available(self._scheduler() is not None)
        window.snoozed.connect(lambda until: self._snooze(reminder, until))
        window.done.connect(lambda: self.done.emit(reminder.push_id))
        window.destroyed.connect(lambda *_: self._forget(window))
        self.windows.append(window)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def answer(self, reminder: Reminder) -> None:
        """The user answered this reminder (Done, Dismiss, a snooze): it is no longer open."""
        self._close_notification(reminder)
        for index, shown in enumerate(self.open_reminders):
            if shown is reminder:
                del self.open_reminders[index]
                self.open_changed.emit()
                return

    def close_notifications(self) -> None:
        """pushgui is quitting: take its reminders off the screen, whose buttons would no
        longer do anything. The reminders stay open in the store; the next start shows them
        again (:meth:`restore`)."""
        self._quitting = True
        for reminder in list(self._notification_of):
            self._close_notification(reminder)

    def _close_notification(self, reminder: Reminder) -> None:
        notification_id = self._notification_of.pop(reminder, None)
        if notification_id is not None and self.notifier is not None:
            self.notifier.close_notification(notification_id)

    @Slot(int, str)
    def _on_action(self, notification_id: int, key: str) -> None:
        reminder = self._by_notification.get(notification_id)
        if reminder is None:
            return
        if key == DONE:
            self.answer(reminder)
            self.done.emit(reminder.push_id)
        elif key.startswith(SNOOZE_PREFIX):
            choice = key.removeprefix(SNOOZE_PREFIX)
            if choice in CHOICES:
                self._snooze(reminder, until_for(choice, self.clock()))
        elif key in (OPEN, DEFAULT_ACTION):
            self.show_window(reminder)

    @Slot(int, int)
    def _on_closed(self, notification_id: int, reason: int) -> None:
        reminder = self._by_notification.get(notification_id)
        if reminder is None or self._notification_of.get(reminder) != notification_id:
            return  # answered already, or now shown in its window
        del self._notification_of[reminder]
        if reason == DISMISSED:
            self.answer(reminder)
        # Expired, or the service went away: the reminder stays open (tray menu, window).

    def _snooze(self, reminder: Reminder, until: datetime) -> None:
        self.answer(reminder)
        scheduler = self._scheduler()
        if scheduler is None:
            log.warning("No scheduler; the reminder of push %s cannot be snoozed", reminder.push_id)
            return
        snooze(scheduler, reminder.push_id, until, reminder.title, reminder.body)
        self.snoozed.emit(reminder.push_id, until)

    def _forget(self, window: ReminderWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)
            self.answer(window.reminder)


def snooze_delay_text(until: datetime, now: datetime | None = None) -> str:
    """A short "until 10:15" style text for a status message."""
    now = now or datetime.now(UTC)
    if until - now < timedelta(hours=20):
        return _short_time(until)
    return format_short(until)
