"""The change notices of a team database, heard in the Qt event loop (docs/TEAM.md).

A :class:`TeamListener` keeps one LISTEN connection (``core/server/notices.py``) and watches
its socket with a ``QSocketNotifier``: a committed change is handed on as soon as its notice
arrives, with no polling. When the connection ends (the database server stopped, the network
cut: keepalives notice within about half a minute) it says so once and tries again every
:data:`RETRY_MS` in a worker thread, so that a server that does not answer never freezes the
window; when a try succeeds it says the server is back (notices sent meanwhile were not
heard: whoever listens reads everything again).
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal, Slot
from sqlalchemy.engine import URL

from pushgui.core.server.notices import ConnectionLost, NoticeConnection

log = logging.getLogger(__name__)

RETRY_MS = 2000  # a lost team server is tried again this often (in a worker thread)
RETRY_CONNECT_S = 5  # each try gives up after this long


class TeamListener(QObject):
    """Hears a team database's change notices; create and use it in the GUI thread.

    Signals:
        changed(object): a list of :class:`~pushgui.core.server.notices.Notice` heard together.
        lost(object, str): the connection ended; since when (an aware UTC datetime) and why.
            Emitted once per loss.
        back(): connected again after a loss.
    """

    changed = Signal(object)
    lost = Signal(object, str)
    back = Signal()
    _tried = Signal(object, str)  # from the worker: the open connection, or None and why

    def __init__(self, url: URL, role: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.role = role
        self.since: datetime | None = None  # unreachable since; None while connected
        self._connection: NoticeConnection | None = None
        self._notifier: QSocketNotifier | None = None
        self._trying = False
        self._stopped = False
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._try_again)
        self._tried.connect(self._on_tried)

    @property
    def connected(self) -> bool:
        return self._connection is not None

    def start(self) -> bool:
        """Connect now (blocking, bounded by the connect timeout); True when listening.

        When the server cannot be reached, :attr:`lost` is emitted and tries go on.
        """
        connection = NoticeConnection(self.url, self.role)
        try:
            connection.open()
        except ConnectionLost as exc:
            self._lose(str(exc))
            return False
        self._watch(connection)
        return True

    def stop(self) -> None:
        self._stopped = True
        self._retry.stop()
        self._unwatch()

    def _watch(self, connection: NoticeConnection) -> None:
        self._connection = connection
        notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._readable)
        self._notifier = notifier

    def _unwatch(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    @Slot()
    def _readable(self) -> None:
        if self._connection is None:
            return
        try:
            notices = self._connection.drain()
        except ConnectionLost as exc:
            self._unwatch()
            self._lose(str(exc))
            return
        if notices:
            self.changed.emit(notices)

    def _lose(self, reason: str) -> None:
        if self.since is None:
            self.since = datetime.now(UTC)
            log.warning("The team server cannot be reached: %s; trying again", reason)
            self.lost.emit(self.since, reason)
        if not self._stopped:
            self._retry.start()

    @Slot()
    def _try_again(self) -> None:
        if self._trying or self._connection is not None or self._stopped:
            return
        self._trying = True
        connection = NoticeConnection(self.url, self.role, connect_timeout=RETRY_CONNECT_S)

        def attempt() -> None:
            opened: NoticeConnection | None = connection
            reason = ""
            try:
                connection.open()
            except ConnectionLost as exc:
                opened, reason = None, str(exc)
            try:
                self._tried.emit(opened, reason)
            except RuntimeError:  # the listener was deleted meanwhile (the window closed)
                connection.close()

        threading.Thread(target=attempt, name="team-server-retry", daemon=True).start()

    @Slot(object, str)
    def _on_tried(self, connection: NoticeConnection | None, reason: str) -> None:
        self._trying = False
        if connection is None:
            log.debug("The team server is still unreachable: %s", reason)
            return
        if self._stopped:
            connection.close()
            return
        self._retry.stop()
        self._watch(connection)
        self.since = None
        log.info("The team server is reachable again")
        self.back.emit()
