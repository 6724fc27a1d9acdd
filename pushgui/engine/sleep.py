"""Suspend and resume notices from systemd-logind (Linux), where D-Bus offers them.

logind emits ``PrepareForSleep(true)`` before the machine sleeps and ``PrepareForSleep(false)``
after it wakes. pushgui checks for due runs at once on waking, instead of within the
scheduler's capped wait. Without D-Bus (Windows, macOS, containers) nothing is lost: the
capped wait and the clock comparison notice the resume within a minute.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.login1"
PATH = "/org/freedesktop/login1"
INTERFACE = "org.freedesktop.login1.Manager"


class SleepWatcher(QObject):
    """Relays logind's sleep notices.

    Signals:
        about_to_sleep(): the machine is going to sleep.
        resumed(): the machine woke up.
    """

    about_to_sleep = Signal()
    resumed = Signal()

    def __init__(self, bus: QDBusConnection | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus if bus is not None else QDBusConnection.systemBus()
        # The stubs say bytes for the slot; PySide6 itself only accepts the str SLOT() gives.
        self.active = self.bus.isConnected() and self.bus.connect(  # type: ignore[call-overload]
            "", PATH, INTERFACE, "PrepareForSleep", self, SLOT("_on_prepare_for_sleep(bool)")
        )
        if not self.active:
            log.debug("No logind sleep notices on this system; the capped wait covers resume")

    @Slot(bool)
    def _on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            log.info("The machine is going to sleep")
            self.about_to_sleep.emit()
        else:
            log.info("The machine woke up; checking for due reminders")
            self.resumed.emit()
