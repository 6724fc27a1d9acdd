"""Showing due reminders to the user: a desktop notification with actions, or the reminder
window (:mod:`.window`) to act on.

The desktop channel's sender runs in a worker thread; it only emits a signal. The
presenter, living in the GUI thread, shows the reminder. Snooze is a persisted one-off job
(:mod:`pushgui.core.runs.snooze`), so it survives a restart. Clicking a notification opens the
window, so Snooze is always one click away. Reminders not answered yet are kept in the
settings and shown again after a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.runs.snooze import CHOICES, snooze, until_for
from pushgui.ui.reminders.notifications import DEFAULT_ACTION, DISMISSED, FreedesktopNotifier
from pushgui.ui.reminders.window import Reminder, ReminderWindow

log = logging.getLogger(__name__)

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
            window's Dismiss button); nagging stops (``pushgui/core/runs/nagging.py``).
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
        return self.scheduler

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
