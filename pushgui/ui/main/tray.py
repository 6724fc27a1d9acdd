"""The tray icon and its menu: the app's home while no window is open."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from pushgui.ui.reminders.notifications import FreedesktopNotifier
from pushgui.ui.widgets.icons import action_icon, icon


class TrayIcon(QSystemTrayIcon):
    """Tray icon with Show, New reminder, Open reminders, Pause all / Resume and Quit.

    Signals:
        reminder_requested(object): an entry of "Open reminders" was chosen (the reminder).
        show_requested(): Show pushgui was chosen, or the icon was clicked.
        new_requested(): New reminder was chosen.
        pause_all_requested(bool): True to pause every reminder, False to resume.
        quit_requested(): Quit was chosen.
    """

    reminder_requested = Signal(object)
    show_requested = Signal()
    new_requested = Signal()
    pause_all_requested = Signal(bool)
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(icon("tray"), parent)
        self.setToolTip("pushgui")
        self._paused = False
        self._attention = False
        self._notes: list[str] = []
        self._next_due = ""
        self.menu = QMenu()
        self.show_action = self._add(self.tr("Show pushgui"), self.show_requested.emit)
        self.new_action = self._add(self.tr("New reminder…"), self.new_requested.emit)
        self.reminders_menu = QMenu()
        self.reminders_action = self.menu.addMenu(self.reminders_menu)
        self.reminders_action.setVisible(False)
        self.menu.addSeparator()
        self.pause_action = self._add(self.tr("Pause all"), self._toggle_pause)
        self.menu.addSeparator()
        self.quit_action = self._add(self.tr("Quit"), self.quit_requested.emit)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        self.apply_icons()
        self.menu.aboutToShow.connect(self.apply_icons)  # the theme may have changed
        self.notifier: FreedesktopNotifier | None = None

    def apply_icons(self) -> None:
        """Menu icons in the menu's palette colours (light or dark theme)."""
        palette = self.menu.palette()
        for action, role in (
            (self.show_action, "show"),
            (self.new_action, "new"),
            (self.reminders_action, "reminders"),
            (self.pause_action, "resume" if self._paused else "pause"),
            (self.quit_action, "quit"),
        ):
            action.setIcon(action_icon(role, palette))

    def set_notifier(self, notifier: FreedesktopNotifier | None) -> None:
        """Send messages to the session's notification service instead of Qt's own balloon
        (unless Qt already sends them there, through a StatusNotifier tray)."""
        if notifier is not None and notifier.qt_sends_tray_messages:
            notifier = None
        self.notifier = notifier
        if notifier is not None:
            notifier.clicked.connect(lambda _id: self.messageClicked.emit())

    def set_open_reminders(self, reminders: Sequence[Any]) -> None:
        """List the reminders shown and not yet answered ("Open reminders (2)")."""
        self.reminders_menu.clear()
        self.reminders_menu.setTitle(self.tr("Open reminders (%n)", "", len(reminders)))
        for reminder in reminders:
            when = reminder.shown_at.astimezone().strftime("%H:%M")
            action = self.reminders_menu.addAction(f"{reminder.title}  ({when})")
            action.triggered.connect(lambda _=False, r=reminder: self.reminder_requested.emit(r))
        self.reminders_action.setVisible(bool(reminders))

    def showMessage(self, title: str, message: str, *args: Any) -> None:
        """As QSystemTrayIcon's, through the notification daemon when there is one."""
        if self.notifier is not None:
            msecs = args[1] if len(args) > 1 and isinstance(args[1], int) else 10_000
            if self.notifier.notify(title, message, msecs) is not None:
                return
        super().showMessage(title, message, *args)

    def _add(self, text: str, slot: object) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(slot)
        return action

    @Slot()
    def _toggle_pause(self) -> None:
        self.pause_all_requested.emit(not self._paused)

    def set_attention(self, needed: bool) -> None:
        """Show that a delivery failed or was interrupted (until the user looks)."""
        self._attention = needed
        self._update_icon()

    def _update_icon(self) -> None:
        name = "tray-paused" if self._paused else "tray-attention" if self._attention else "tray"
        self.setIcon(icon(name))

    def set_paused(self, paused: bool) -> None:
        """Reflect the scheduler's state in the icon and the menu."""
        self._paused = paused
        self._update_icon()
        self.pause_action.setText(self.tr("Resume") if paused else self.tr("Pause all"))
        self.apply_icons()
        self._update_tooltip()

    def set_notes(self, notes: list[str]) -> None:
        """Lines added to the tooltip (a year whose holidays are not published yet)."""
        self._notes = list(notes)
        self._update_tooltip()

    def set_next_due(self, text: str) -> None:
        """Say in the tooltip which reminder is due next ("Next: Drink water, in 45 min")."""
        self._next_due = text
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        lines = [self.tr("pushgui (paused)") if self._paused else "pushgui"]
        if self._next_due and not self._paused:
            lines.append(self._next_due)
        self.setToolTip("\n".join([*lines, *self._notes]))

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_requested.emit()
