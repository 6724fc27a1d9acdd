"""Desktop notifications through the freedesktop D-Bus service (``org.freedesktop.Notifications``).

Two uses:

* Reminders are sent here with actions (Done, Snooze, Open) and asked to stay until acted on
  (``expire_timeout`` 0, the ``resident`` hint, critical urgency), whenever the service
  advertises the ``actions`` capability; :mod:`pushgui.ui.reminders.window` decides.
* Plain messages of the tray (a failed delivery, "still running"): on X11 desktops whose tray
  is the old XEmbed kind, Qt's ``QSystemTrayIcon.showMessage`` draws a balloon of its own that
  the user's notification daemon never sees, so the tray sends them here instead, unless Qt
  already talks to a StatusNotifier tray (which sends its messages to the service itself).

The service tells which action was invoked (``ActionInvoked``) and when a notification went
away and why (``NotificationClosed``). Servers such as dunst send these signals only to the
connection that sent ``Notify``, so one connection does both: jeepney's threaded router, whose
receiver thread hands the signals to the GUI thread. Qt's D-Bus module cannot produce the
unsigned integer the ``Notify`` call needs, hence jeepney (already installed with keyring on
Linux).

Windows and macOS have no such service: there reminders are shown in pushgui's own
always-on-top reminder window (see docs/GLOSSARY.md, "reminder window"). desktop-notifier
would reach their notification centres, but its API needs an asyncio loop beside Qt's, macOS
delivers only to a signed app bundle, and its Windows backend is young; the window is what
a frozen build can count on today.
"""

from __future__ import annotations

import contextlib
import html
import logging
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from pushgui import APP_NAME

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
SNI_WATCHER = "org.kde.StatusNotifierWatcher"
CALL_TIMEOUT = 2.0
DEFAULT_ACTION = "default"

# NotificationClosed reasons (Desktop Notifications Specification 1.2).
EXPIRED = 1
DISMISSED = 2
CLOSED_BY_CALL = 3
UNDEFINED = 4

URGENCY_CRITICAL = 2


class FreedesktopNotifier(QObject):
    """Sends notifications to the session's notification service and reports what the user did.

    Signals:
        clicked(int): a plain notification (sent by :meth:`notify` without actions) was
            clicked; its id.
        action_invoked(int, str): an action of a notification this notifier sent was
            invoked: notification id, action key.
        closed(int, int): a notification this notifier sent went away: id, reason (1 expired,
            2 dismissed by the user, 3 closed by :meth:`close_notification`, 4 other).
    All are emitted in the GUI thread (queued from the listener thread).
    """

    clicked = Signal(int)
    action_invoked = Signal(int, str)
    closed = Signal(int, int)
    _received = Signal(str, int, str)

    def __init__(
        self,
        router: Any,
        parent: QObject | None = None,
        qt_sends_tray_messages: bool = False,
    ) -> None:
        super().__init__(parent)
        from jeepney import DBusAddress, MatchRule, message_bus

        self._router = router
        self._address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        self._sent: set[int] = set()
        self._plain: set[int] = set()
        self._capabilities: frozenset[str] | None = None
        # True where Qt's tray already delivers its messages to this service (StatusNotifier).
        self.qt_sends_tray_messages = qt_sends_tray_messages
        self._received.connect(self._on_received, Qt.ConnectionType.QueuedConnection)
        rule = MatchRule(type="signal", interface=SERVICE, path=PATH)
        self._filter = router.filter(rule, queue=_Forward(self._received))
        try:  # broadcast signals too (servers that do not address them to the sender)
            router.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT)
        except Exception as exc:
            log.info("Only notification signals sent to pushgui will be noticed: %s", exc)

    # -- calls ---------------------------------------------------------------------------------

    def _call(self, method: str, signature: str | None = None, body: tuple[Any, ...] = ()) -> Any:
        from jeepney import new_method_call

        message = new_method_call(self._address, method, signature, body)
        reply = self._router.send_and_get_reply(message, timeout=CALL_TIMEOUT)
        if reply.header.message_type.name != "method_return":
            raise RuntimeError(f"{method} refused: {reply.body}")
        return reply.body

    def capabilities(self) -> frozenset[str]:
        """What the service supports ("actions", "body-markup", "persistence", ...)."""
        if self._capabilities is None:
            try:
                self._capabilities = frozenset(str(c) for c in self._call("GetCapabilities")[0])
            except Exception as exc:
                log.warning("The notification service did not list its capabilities: %s", exc)
                return frozenset()
        return self._capabilities

    def supports_actions(self) -> bool:
        return "actions" in self.capabilities()

    def notify(
        self,
        title: str,
        body: str,
        timeout_ms: int = -1,
        actions: Sequence[tuple[str, str]] = (),
        lasting: bool = False,
    ) -> int | None:
        """Show a notification; its id, or None if the service did not take it.

        ``actions`` are (key, label) pairs; ``lasting`` asks the service to keep the
        notification until the user acts on it (no timeout, resident, critical urgency).
        """
        if "body-markup" in self.capabilities():
            body = html.escape(body, quote=False)  # a message is plain text, never markup
        flat: list[str] = []
        for key, label in actions or ((DEFAULT_ACTION, ""),):
            flat += [key, label]
        hints: dict[str, tuple[str, Any]] = {}
        if lasting:
            hints = {"resident": ("b", True), "urgency": ("y", URGENCY_CRITICAL)}
            timeout_ms = 0
        try:
            reply = self._call(
                "Notify",
                "susssasa{sv}i",
                (APP_NAME, 0, APP_NAME, title, body, flat, hints, timeout_ms),
            )
        except Exception as exc:  # a service that went away, a timeout, a closed bus
            log.warning("The notification service did not take a notification: %s", exc)
            return None
        notification_id = int(reply[0])
        self._sent.add(notification_id)
        if not actions:
            self._plain.add(notification_id)
        return notification_id

    def close_notification(self, notification_id: int) -> None:
        """Take a notification away (it was answered elsewhere, e.g. in the window)."""
        try:
            self._call("CloseNotification", "u", (notification_id,))
        except Exception as exc:  # already gone, or the service went away
            log.info("Could not close notification %s: %s", notification_id, exc)

    # -- what the user did ---------------------------------------------------------------------

    @Slot(str, int, str)
    def _on_received(self, member: str, notification_id: int, value: str) -> None:
        if notification_id not in self._sent:
            return  # another application's notification
        if member == "ActionInvoked":
            if notification_id in self._plain:
                self.clicked.emit(notification_id)
            else:
                self.action_invoked.emit(notification_id, value)
        else:
            self._plain.discard(notification_id)
            self.closed.emit(notification_id, int(value))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._filter.close()
        with contextlib.suppress(Exception):
            self._router.close()
        with contextlib.suppress(OSError):
            self._router.conn.close()


class _Forward:
    """A "queue" for jeepney's router: hands each signal to the GUI thread at once."""

    def __init__(self, signal: Any) -> None:
        self._signal = signal

    def put_nowait(self, message: Any) -> None:
        member = message.header.fields.get(_MEMBER)
        try:
            if member == "ActionInvoked":
                notification_id, key = message.body
                self._signal.emit(member, int(notification_id), str(key))
            elif member == "NotificationClosed":
                notification_id, reason = message.body
                self._signal.emit(member, int(notification_id), str(int(reason)))
        except (TypeError, ValueError):  # a malformed signal from some other program
            log.info("Ignored a malformed %s signal", member)


def _member_field() -> Any:
    from jeepney.low_level import HeaderFields

    return HeaderFields.member


try:
    _MEMBER: Any = _member_field()
except ImportError:  # no jeepney (Windows, macOS): no notifier is ever made
    _MEMBER = None


def notification_service(
    parent: QObject | None = None, bus: str = "SESSION"
) -> FreedesktopNotifier | None:
    """A notifier when this session has a notification service; None otherwise.

    ``bus`` is "SESSION" or a D-Bus address (tests run a private bus).
    """
    if sys.platform in ("win32", "darwin"):
        return None
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.threading import DBusRouter, open_dbus_connection
    except ImportError:
        return None
    try:
        router = DBusRouter(open_dbus_connection(bus=bus))
    except Exception as exc:  # no session bus (headless, some containers)
        log.info("No D-Bus session for notifications: %s", exc)
        return None
    daemon = DBusAddress(
        "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"
    )
    try:
        names = set(
            router.send_and_get_reply(
                new_method_call(daemon, "ListNames"), timeout=CALL_TIMEOUT
            ).body[0]
        )
        activatable = set(
            router.send_and_get_reply(
                new_method_call(daemon, "ListActivatableNames"), timeout=CALL_TIMEOUT
            ).body[0]
        )
    except Exception as exc:
        log.info("The D-Bus session did not answer: %s", exc)
        names, activatable = set(), set()
    if SERVICE not in names | activatable:
        router.close()
        router.conn.close()
        return None
    return FreedesktopNotifier(router, parent, qt_sends_tray_messages=SNI_WATCHER in names)
