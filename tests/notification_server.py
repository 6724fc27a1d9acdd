"""A freedesktop notification server (``org.freedesktop.Notifications``) on a private D-Bus
session bus, for reminder tests: a real dbus-daemon, a real service speaking the protocol.

It records every ``Notify`` call, answers ``GetCapabilities`` with the capabilities it was
given and ``CloseNotification`` with a ``NotificationClosed`` signal, and lets a test do what
a user or the server itself would: invoke an action, dismiss a notification, let it expire.
Needs the ``dbus-daemon`` program (Debian: dbus).
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from jeepney import DBusAddress, message_bus, new_method_return, new_signal
from jeepney.io.blocking import open_dbus_connection
from jeepney.low_level import HeaderFields, MessageType

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


@dataclass
class Shown:
    id: int
    app: str
    summary: str
    body: str
    actions: dict[str, str]
    hints: dict[str, Any]
    timeout: int
    open: bool = True


class NotificationServer:
    def __init__(self, address: str, capabilities: tuple[str, ...]) -> None:
        self.address = address
        self.capabilities = list(capabilities)
        self.shown: list[Shown] = []
        self.closed_by_call: list[int] = []
        self.clients: list[Any] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._conn = open_dbus_connection(bus=address)
        reply = self._conn.send_and_get_reply(message_bus.RequestName(SERVICE), timeout=5)
        assert reply.body == (1,), reply.body  # primary owner
        self._signals = DBusAddress(PATH, interface=SERVICE)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _send(self, message: Any) -> None:
        with self._lock:
            self._conn.send(message)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                msg = self._conn.receive(timeout=0.2)
            except TimeoutError:
                continue
            except OSError:
                return
            if msg.header.message_type != MessageType.method_call:
                continue
            fields = msg.header.fields
            if fields.get(HeaderFields.interface) not in (SERVICE, None):
                continue
            member = fields.get(HeaderFields.member)
            if member == "GetCapabilities":
                self._send(new_method_return(msg, "as", (self.capabilities,)))
            elif member == "GetServerInformation":
                self._send(new_method_return(msg, "ssss", ("fake", "tests", "1", "1.2")))
            elif member == "Notify":
                app, replaces, _icon, summary, body, actions, hints, timeout = msg.body
                shown = Shown(
                    replaces or next(self._ids),
                    app,
                    summary,
                    body,
                    dict(zip(actions[::2], actions[1::2], strict=True)),
                    {key: value for key, (_sig, value) in hints.items()},
                    timeout,
                )
                self.shown.append(shown)
                self._send(new_method_return(msg, "u", (shown.id,)))
            elif member == "CloseNotification":
                (notification_id,) = msg.body
                self.closed_by_call.append(notification_id)
                self._send(new_method_return(msg))
                self._close(notification_id, 3)

    def _close(self, notification_id: int, reason: int) -> None:
        for shown in self.shown:
            if shown.id == notification_id and shown.open:
                shown.open = False
                self._send(
                    new_signal(self._signals, "NotificationClosed", "uu", (notification_id, reason))
                )

    # -- what a user (or the server) does --------------------------------------------------

    def invoke(self, notification_id: int, key: str) -> None:
        self._send(new_signal(self._signals, "ActionInvoked", "us", (notification_id, key)))

    def expire(self, notification_id: int) -> None:
        self._close(notification_id, 1)

    def dismiss(self, notification_id: int) -> None:
        self._close(notification_id, 2)

    def open_ones(self) -> list[Shown]:
        return [shown for shown in self.shown if shown.open]

    def notifier(self, parent: Any = None) -> Any:
        """pushgui's notifier connected to this server (closed before the bus stops)."""
        from pushgui.ui.reminders.notifications import notification_service

        notifier = notification_service(parent, bus=self.address)
        assert notifier is not None
        self.clients.append(notifier)
        return notifier

    def stop(self) -> None:
        for client in self.clients:
            client.close()
        self._stop.set()
        self._thread.join(5)
        self._conn.close()


@pytest.fixture(name="notification_server")
def notification_server_fixture() -> Iterator[Any]:
    """``start(capabilities)`` -> a running :class:`NotificationServer` on its own bus."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("needs dbus-daemon (Debian: apt-get install dbus)")
    daemons: list[subprocess.Popen[bytes]] = []
    servers: list[NotificationServer] = []

    def start(capabilities: tuple[str, ...] = ("actions", "body", "body-markup")) -> Any:
        daemon = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
        )
        daemons.append(daemon)
        assert daemon.stdout is not None
        address = daemon.stdout.readline().decode().strip()
        assert address, "dbus-daemon did not start"
        server = NotificationServer(address, capabilities)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
    for daemon in daemons:
        daemon.terminate()
        daemon.wait(60)  # bounds a hang only
