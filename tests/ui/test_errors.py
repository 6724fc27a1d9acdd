"""Unexpected exceptions: logged with the traceback, one apologetic dialog with Copy details,
raised in the GUI thread or a worker thread, while the scheduler goes on sending."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pushgui.app import start_runtime
from pushgui.core.channels.base import Outcome
from pushgui.core.store.models import Run
from pushgui.core.system.paths import locate
from pushgui.ui.errors import REPORT_URL, ErrorDialog, ErrorReporter
from tests.helpers import once_in

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def reporter(qapp, tmp_path):
    rep = ErrorReporter(log_folder=tmp_path / "logs")
    rep.install()
    yield rep
    rep.uninstall()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ErrorDialog):
            widget.close()


def boom() -> None:
    raise ZeroDivisionError("the answer is not a number token=abc123")


def test_an_exception_in_a_slot_is_logged_and_explained(qtbot, reporter, caplog):
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    [record] = [r for r in caplog.records if r.levelno == logging.CRITICAL]
    assert record.exc_info is not None and record.exc_info[0] is ZeroDivisionError
    assert "Sorry" in dialog.heading.text()
    assert "keeps sending your reminders" in dialog.advice.text()
    assert REPORT_URL in dialog.advice.text()
    # The traceback is there to copy, not in the user's face.
    assert not dialog.details.isVisible()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert "Traceback" in copied
    assert "ZeroDivisionError" in copied
    assert "in boom" in copied
    assert dialog.copy_button.text() == "Copied"
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.details.isVisible()


def test_an_exception_in_a_worker_thread_reaches_the_gui_thread(qtbot, reporter, caplog):
    worker = threading.Thread(target=boom, name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert "ZeroDivisionError" in reporter.dialog.details_text()
    [record] = [r for r in caplog.records if r.levelno == logging.CRITICAL]
    assert record.threadName == "worker"  # logged there...
    assert reporter.dialog.thread() is QApplication.instance().thread()  # ...shown here


def test_only_one_dialog_at_a_time(qtbot, reporter):
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    first = reporter.dialog
    threading.Thread(target=boom).start()
    qtbot.waitUntil(lambda: first.count == 2)
    assert reporter.dialog is first
    assert "2 time" in first.count_label.text()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog)]
    assert [d for d in dialogs if d.isVisible()] == [first]
    first.close()
    qtbot.waitUntil(lambda: reporter.dialog is None)
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialog is not first
    assert reporter.dialog.count == 1


def test_secrets_in_the_details_are_redacted(qtbot, reporter):
    def leak():
        raise RuntimeError("https://oapi.dingtalk.com/robot/send?access_token=SECRET123456")

    QTimer.singleShot(0, leak)
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert "SECRET123456" not in reporter.dialog.details_text()


def test_keyboard_interrupt_is_not_reported(qtbot, reporter, monkeypatch):
    passed = []
    monkeypatch.setattr(reporter, "_previous_hook", lambda *info: passed.append(info[0]))
    with qtbot.assertNotEmitted(reporter.reported):  # what would show the dialog
        reporter.handle(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert passed == [KeyboardInterrupt]
    assert reporter.dialog is None


def test_the_scheduler_keeps_sending_after_an_unexpected_error(qtbot, reporter, data_dir):
    runtime = start_runtime(locate(data_dir))
    sent = []

    class Desktop:
        def send(self, messages):
            sent.extend(messages)
            return [Outcome(ok=True) for _ in messages]

    runtime.hand_desktop_to(Desktop())
    try:
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: reporter.dialog is not None)
        runtime.service.create(once_in(1, name="After"))
        qtbot.waitUntil(lambda: len(sent) == 1, timeout=60_000)
        with runtime.db.session() as session:
            statuses = session.execute(select(Run.status)).scalars().all()
        assert sent[0].title == "Title After"
        assert statuses
    finally:
        runtime.stop()
