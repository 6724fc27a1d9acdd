"""EventBridge delivers scheduler events as signals in the GUI thread, in batches; signals
survive volume."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.jobstores.memory import MemoryJobStore
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from pytestqt.qtbot import QtBot

from pushgui.engine.bridge import EventBridge
from pushgui.engine.scheduler import PushScheduler
from tests.engine import jobs


@pytest.fixture
def scheduler(qapp: QCoreApplication) -> Iterator[PushScheduler]:
    sched = PushScheduler(jobstores={"default": MemoryJobStore()}, timezone=UTC)
    yield sched
    if sched.running:
        sched.shutdown(wait=True)


@pytest.fixture
def bridge(qapp: QCoreApplication, scheduler: PushScheduler) -> Iterator[EventBridge]:
    bridge = EventBridge()
    bridge.attach(scheduler)
    yield bridge
    bridge.detach()


def test_job_result_arrives_in_gui_thread(
    qtbot: QtBot, qapp: QCoreApplication, scheduler: PushScheduler, bridge: EventBridge
) -> None:
    gui_thread = qapp.thread()
    seen: list[tuple[str, bool, str]] = []

    def on_executed(job_ids: list[str]) -> None:
        for job_id in job_ids:
            seen.append(
                (
                    job_id,
                    bool(QThread.currentThread() == gui_thread),
                    threading.current_thread().name,
                )
            )

    bridge.jobs_executed.connect(on_executed)
    scheduler.start()
    key = uuid.uuid4().hex
    with qtbot.waitSignal(bridge.jobs_executed, timeout=60_000):
        scheduler.add_job(jobs.RECORD, args=[key], id="ok")

    assert jobs.runs[key] and jobs.runs[key][0] != "MainThread"  # ran in the pool
    assert seen == [("ok", True, "MainThread")]


def test_failures_changes_and_state_are_signalled(
    qtbot: QtBot, scheduler: PushScheduler, bridge: EventBridge
) -> None:
    states: list[bool] = []
    failures: list[tuple[str, str]] = []
    bridge.scheduler_state_changed.connect(states.append)
    bridge.job_failed.connect(lambda job_id, text: failures.append((job_id, text)))

    with qtbot.waitSignal(bridge.scheduler_state_changed):
        scheduler.start()
    with qtbot.waitSignals([bridge.jobs_changed, bridge.jobs_submitted]):
        scheduler.add_job(jobs.FAIL, args=["boom"], id="bad")
    qtbot.waitUntil(lambda: failures == [("bad", "ValueError: boom")], timeout=60_000)

    with qtbot.waitSignals([bridge.jobs_changed, bridge.scheduler_state_changed]):
        scheduler.pause()
    with qtbot.waitSignals([bridge.jobs_changed, bridge.scheduler_state_changed]):
        scheduler.resume()
    with qtbot.waitSignal(bridge.scheduler_state_changed):
        scheduler.shutdown()
    assert states == [True, False, True, False]


class _Emitter(QObject):
    text = Signal(str)


def test_thousands_of_queued_emits_all_arrive(qtbot: QtBot, qapp: QCoreApplication) -> None:
    """PySide6 6.12.0 on Python 3.11 aborts after a few hundred emits (docs/ARCHITECTURE.md)."""
    emitter = _Emitter()
    received: list[str] = []
    emitter.text.connect(received.append)
    count = 5000

    def emit_all() -> None:
        for i in range(count):
            emitter.text.emit(str(i))

    worker = threading.Thread(target=emit_all)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(received) == count, timeout=60_000)
    assert received == [str(i) for i in range(count)]

    # The same from the GUI thread itself, through an explicitly queued connection.
    emitter.text.disconnect(received.append)
    received.clear()
    emitter.text.connect(received.append, Qt.ConnectionType.QueuedConnection)
    emit_all()
    qtbot.waitUntil(lambda: len(received) == count, timeout=60_000)
    assert received == [str(i) for i in range(count)]


def test_thousands_of_bridge_events_all_arrive_in_one_batch(
    qtbot: QtBot, scheduler: PushScheduler, bridge: EventBridge
) -> None:
    """Events raised while the GUI thread is busy arrive together: one emit for a burst,
    every job once, in order (a burst of runs used to cost an emit per event in the
    threads that start and send them, and a failure check per run in the window)."""
    batches: list[list[str]] = []
    bridge.jobs_executed.connect(batches.append)
    count = 3000
    now = datetime.now(UTC)

    def dispatch() -> None:
        for i in range(count):
            scheduler._dispatch_event(JobExecutionEvent(EVENT_JOB_EXECUTED, str(i), "default", now))
        bridge.announce_executed(["7", "delivered"])  # a lane's notes join the same batch

    worker = threading.Thread(target=dispatch)
    worker.start()
    worker.join()  # the GUI thread is held here: nothing can be emitted meanwhile
    qtbot.waitUntil(lambda: bool(batches), timeout=60_000)
    QCoreApplication.processEvents()  # a second batch, had there been one, is emitted here

    assert batches == [[str(i) for i in range(count)] + ["delivered"]]
