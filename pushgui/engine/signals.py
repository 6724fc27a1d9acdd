"""Ctrl+C and SIGTERM end the Qt event loop promptly, without a polling timer.

Python runs signal handlers only between bytecodes, and a Qt event loop sitting in C++ runs
none, so a plain ``signal.signal`` handler would wait for the next Python callback. Instead the
C-level handler writes the signal number to a socket pair (``signal.set_wakeup_fd``); a
``QSocketNotifier`` on the other end wakes the loop, runs a little Python, and with it the
handler, which ends the application.

It ends it with ``exit()``, not ``quit()``: in Qt 6 ``quit()`` asks every visible window to
close first and does nothing when one refuses. With a tray, the main window refuses (it hides
to the tray), and the tray's balloon tip that hiding shows the first time is a window that
is still visible: SIGTERM left the process running with only its tray icon.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

log = logging.getLogger(__name__)

_QUIT_SIGNALS = tuple(
    s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s is not None
)


class SigintHandler:
    """What :func:`install_sigint_handler` set up; keep it while the loop runs (it holds the
    socket the C-level handler writes to), and :meth:`uninstall` it to undo."""

    def __init__(
        self,
        app: QCoreApplication,
        reader: socket.socket,
        writer: socket.socket,
        notifier: QSocketNotifier,
        old_fd: int,
        old_handlers: dict[int, Any],
    ) -> None:
        self.app = app
        self.reader = reader
        self.writer = writer
        self.notifier = notifier
        self.old_fd = old_fd
        self.old_handlers = old_handlers
        self._installed = True

    def uninstall(self) -> None:
        """Restore the previous handlers and wakeup fd; a second call does nothing."""
        if not self._installed:
            return
        self._installed = False
        self.notifier.setEnabled(False)
        self.notifier.deleteLater()
        signal.set_wakeup_fd(self.old_fd)
        for signum, handler in self.old_handlers.items():
            signal.signal(signum, handler)
        self.reader.close()
        self.writer.close()


def install_sigint_handler(
    app: QCoreApplication, before_exit: Callable[[], None] | None = None
) -> SigintHandler:
    """Make SIGINT (Ctrl+C) and SIGTERM end ``app``'s event loop, whatever its windows say;
    call once, from the main thread (the composition root does, at start).

    ``before_exit`` runs first, in the loop's thread (the desktop app saves its window layout
    and withdraws its notifications there); an error in it is logged and the loop ends all
    the same."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    old_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)

    def end() -> None:
        if before_exit is not None:
            try:
                before_exit()
            except Exception:
                log.exception("Could not tidy up before ending on a signal")
        app.exit(0)

    def quit_app(signum: int, frame: FrameType | None) -> None:
        # Posted rather than called: a signal that arrives before exec() starts the loop
        # must still end it (exit() outside a running loop does nothing).
        QTimer.singleShot(0, end)

    old_handlers = {signum: signal.signal(signum, quit_app) for signum in _QUIT_SIGNALS}
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        # Reading is all that is needed: running Python here lets the handler run.
        try:
            while reader.recv(4096):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    notifier.activated.connect(drain)
    return SigintHandler(app, reader, writer, notifier, old_fd, old_handlers)
