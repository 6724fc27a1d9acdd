"""install_sigint_handler: a signal quits a running Qt event loop promptly, without polling."""

from __future__ import annotations

import os
import signal
import sys
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QWidget

from pushgui.engine.signals import install_sigint_handler


@pytest.mark.skipif(sys.platform == "win32", reason="os.kill with SIGTERM ends the process there")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_signal_quits_event_loop(qapp: QCoreApplication, signum: int) -> None:
    handler = install_sigint_handler(qapp)
    # From another thread, so no Python code runs in the main thread unless the loop wakes it.
    send = threading.Timer(0.1, os.kill, args=(os.getpid(), signum))
    # Only bounds a hang; had the signal not woken the loop, this would be what ends it.
    safety_fired: list[bool] = []
    safety = QTimer(singleShot=True, interval=60_000)
    safety.timeout.connect(lambda: (safety_fired.append(True), qapp.quit()))
    try:
        send.start()
        safety.start()
        qapp.exec()
    finally:
        send.cancel()
        safety.stop()
        handler.uninstall()

    assert safety_fired == []  # the signal ended the loop
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


class _StaysOpen(QWidget):
    """A window that refuses to close, as the main window does when it hides to the tray
    and the tray's balloon tip does while it is shown."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


@pytest.mark.skipif(sys.platform == "win32", reason="os.kill with SIGTERM ends the process there")
def test_sigterm_ends_the_loop_even_when_a_window_refuses_to_close(qapp: QApplication) -> None:
    """QApplication.quit() asks the windows first and gives up when one refuses: SIGTERM
    left the desktop app running with only its tray icon. The handler tidies up through
    ``before_exit``, then ends the loop regardless."""
    window = _StaysOpen()
    window.show()
    tidied: list[bool] = []
    handler = install_sigint_handler(qapp, lambda: tidied.append(window.isVisible()))
    send = threading.Timer(0.1, os.kill, args=(os.getpid(), signal.SIGTERM))
    safety_fired: list[bool] = []
    safety = QTimer(singleShot=True, interval=60_000)
    safety.timeout.connect(lambda: (safety_fired.append(True), qapp.exit(1)))
    try:
        send.start()
        safety.start()
        qapp.exec()
    finally:
        send.cancel()
        safety.stop()
        handler.uninstall()
        window.hide()
        window.deleteLater()

    assert safety_fired == []  # the signal ended the loop, the window open or not
    assert tidied == [True]  # the tidying ran first, once
