"""Desktop notifications through the freedesktop D-Bus service, where Qt would draw its own.

On X11 desktops whose tray is the old XEmbed kind (trayer, stalonetray, many panels), Qt's
``QSystemTrayIcon.showMessage`` draws a tooltip-like balloon of its own; the user's
notification daemon (dunst, xfce4-notifyd, ...) never sees the message. Where a
``org.freedesktop.Notifications`` service exists and Qt is not already talking to a
StatusNotifier tray (which sends its messages there itself), :class:`FreedesktopNotifier`
sends them to the daemon. Qt's D-Bus module cannot produce the unsigned integer the
``Notify`` call needs, hence jeepney (already installed with keyring on Linux).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from pushgui import APP_NAME

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
SNI_WATCHER = "org.kde.StatusNotifierWatcher"
CALL_TIMEOUT = 2.0


class FreedesktopNotifier(QObject):
    """Sends notifications to the session's notification daemon.

    Signals:
        clicked(int): the user clicked a notification this notifier sent (its id); emitted
            from a listener thread, delivered to the GUI thread (queued).
    """

    clicked = Signal(int)
    _invoked = Signal(int)

    def __init__(self, connection: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from jeepney import DBusAddress

        self._connection = connection
        self._address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        self._lock = threading.Lock()
        self._sent: set[int] = set()
        self._listener: Any = None
        self._invoked.connect(self._on_invoked, Qt.ConnectionType.QueuedConnection)
        self._start_listening()

    def notify(self, title: str, body: str, timeout_ms: int = -1) -> int | None:
        """Show a notification; its id, or None if the daemon did not take it."""
        from jeepney import new_method_call

        message = new_method_call(
            self._address,
            "Notify",
            "susssasa{sv}i",
            (APP_NAME, 0, APP_NAME, title, body, ["default", ""], {}, timeout_ms),
        )
        try:
            with self._lock:
                reply = self._connection.send_and_get_reply(message, timeout=CALL_TIMEOUT)
        except Exception as exc:  # a daemon that went away, a timeout, a closed bus
            log.warning("The notification daemon did not take a notification: %s", exc)
            return None
        if reply.header.message_type.name != "method_return":
            log.warning("The notification daemon refused a notification: %s", reply.body)
            return None
        notification_id = int(reply.body[0])
        self._sent.add(notification_id)
        return notification_id

    def _start_listening(self) -> None:
        try:
            from jeepney import MatchRule, message_bus
            from jeepney.io.blocking import open_dbus_connection

            listener = open_dbus_connection(bus="SESSION")
            rule = MatchRule(type="signal", interface=SERVICE, member="ActionInvoked", path=PATH)
            listener.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT)
        except Exception as exc:
            log.info("Clicks on notifications will not be noticed: %s", exc)
            return
        self._listener = listener
        thread = threading.Thread(
            target=self._listen, args=(listener, rule), name="notification-clicks", daemon=True
        )
        thread.start()

    def _listen(self, listener: Any, rule: Any) -> None:
        try:
            with listener.filter(rule, bufsize=16) as queue:
                while True:
                    signal = listener.recv_until_filtered(queue)
                    notification_id, _action = signal.body
                    self._invoked.emit(int(notification_id))
        except Exception:  # the connection was closed: the app is stopping
            return

    @Slot(int)
    def _on_invoked(self, notification_id: int) -> None:
        if notification_id in self._sent:
            self.clicked.emit(notification_id)

    def close(self) -> None:
        for connection in (self._listener, self._connection):
            if connection is not None:
                with contextlib.suppress(OSError):
                    connection.close()
        self._listener = None


def freedesktop_notifier(parent: QObject | None = None) -> FreedesktopNotifier | None:
    """A notifier when this session has a notification daemon and Qt would not use it."""
    if sys.platform in ("win32", "darwin"):
        return None
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        return None
    try:
        connection = open_dbus_connection(bus="SESSION")
        bus = DBusAddress(
            "/org/freedesktop/DBus",
            bus_name="org.freedesktop.DBus",
            interface="org.freedesktop.DBus",
        )
        names = set(
            connection.send_and_get_reply(
                new_method_call(bus, "ListNames"), timeout=CALL_TIMEOUT
            ).body[0]
        )
        activatable = set(
            connection.send_and_get_reply(
                new_method_call(bus, "ListActivatableNames"), timeout=CALL_TIMEOUT
            ).body[0]
        )
    except Exception as exc:  # no session bus (headless, some containers)
        log.info("No D-Bus session for notifications: %s", exc)
        return None
    if SNI_WATCHER in names or SERVICE not in names | activatable:
        connection.close()
        return None
    return FreedesktopNotifier(connection, parent)
