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
    try:
        ended_by_signal = run_until_signal(qapp, signum)
    finally:
        handler.uninstall()

    assert ended_by_signal
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def run_until_signal(qapp: QCoreApplication, signum: int) -> bool:
    """Run the loop and send ``signum`` from another thread (so no Python code runs in the
    main thread unless the loop wakes it); whether the signal, not the safety timer that
    only bounds a hang, ended the loop."""
    send = threading.Timer(0.1, os.kill, args=(os.getpid(), signum))
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
    return safety_fired == []


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
    try:
        ended_by_signal = run_until_signal(qapp, signal.SIGTERM)
    finally:
        handler.uninstall()
        window.hide()
        window.deleteLater()

    assert ended_by_signal  # the window open or not
    assert tidied == [True]  # the tidying ran first, once
