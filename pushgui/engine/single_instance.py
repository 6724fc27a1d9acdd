"""One running pushgui per data folder: a lock file, plus a local socket a later launch talks to.

A job store must never be shared by two schedulers, so a second launch on the same data folder
hands over ("show") to the first and exits. Different data folders run side by side.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "pushgui.lock"
_MAX_MESSAGE_BYTES = 64 * 1024


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers, services)
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def server_name(data_dir: Path) -> str:
    """Local socket name for a data folder: the same folder and user always give the same name."""
    key = f"{_user_name()}\0{Path(data_dir).resolve()}".encode()
    return "pushgui-" + hashlib.sha256(key).hexdigest()[:24]


class SingleInstance(QObject):
    """Holds the data folder's lock and listens for messages from later launches.

    Signals:
        message_received(str): a later launch sent a message (usually "show"), one per line.
    """

    message_received = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    def acquire(self) -> bool:
        """Take the folder's lock and start listening; False if another instance holds it.

        A lock left by a process that no longer exists is taken over, and so is the socket
        such a process left behind.
        """
        if self._server is not None:
            return True
        self.data_dir.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(self.data_dir / LOCK_FILE_NAME))
        # Never treat a lock as stale because of its age: the holder may run for months.
        # Qt still removes it when the recorded process no longer exists.
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            if lock.error() != QLockFile.LockError.LockFailedError:
                log.warning("Cannot create lock in %s: %s", self.data_dir, lock.error())
            return False
        if os.name == "posix":  # it names our process and host: for our eyes only
            os.chmod(self.data_dir / LOCK_FILE_NAME, 0o600)
        # We hold the lock, so any server under our name was left by a crashed process.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("Cannot listen on %s: %s", self.name, server.errorString())
            lock.unlock()
            return False
        server.newConnection.connect(self._on_new_connection)
        self._lock = lock
        self._server = server
        return True

    def release(self) -> None:
        """Stop listening and drop the lock; safe to call more than once."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._close(s))
            self._read(socket)
            if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                self._close(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        *lines, rest = data.split(b"\n")
        self._buffers[socket] = rest[-_MAX_MESSAGE_BYTES:]
        for line in lines:
            message = line.decode("utf-8", "replace").strip()
            if message:
                self.message_received.emit(message)

    def _close(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        self._read(socket)
        rest = self._buffers.pop(socket).decode("utf-8", "replace").strip()
        if rest:
            self.message_received.emit(rest)
        socket.deleteLater()


def send_to_running(data_dir: Path, message: str = "show", timeout_ms: int = 1000) -> bool:
    """Send one message to the instance running on ``data_dir``; False if none answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write((message.replace("\n", " ") + "\n").encode())
    ok = socket.waitForBytesWritten(timeout_ms) or socket.bytesToWrite() == 0
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(timeout_ms)
    return bool(ok)
