"""PushScheduler: one regression test per stock-QtScheduler defect, plus cap and pause behaviour.

Where it makes sense the same test runs against the stock ``QtScheduler`` as a strict xfail, to
show that it catches the defect.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import QCoreApplication, QTimer
from pytestqt.qtbot import QtBot

from pushgui.engine.scheduler import PushScheduler
from tests.engine import jobs

Make = Callable[..., Any]

STOCK = pytest.param(
    QtScheduler, marks=pytest.mark.xfail(strict=True, reason="stock QtScheduler defect")
)


def counting(cls: type[BaseScheduler]) -> type[Any]:
    """A subclass of ``cls`` that counts scheduling passes."""

    class Counting(cls):  # type: ignore[misc]
        passes = 0

        def _process_jobs(self) -> Any:
            self.passes += 1
            return super()._process_jobs()

    return Counting


def soon(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


@pytest.fixture
def key() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'jobs.sqlite3'}"


@pytest.fixture
def make(qapp: QCoreApplication, caplog: pytest.LogCaptureFixture) -> Iterator[Make]:
    """Build schedulers on a given store; shut them all down at the end of the test."""
    made: list[BaseScheduler] = []

    def factory(cls: type[Any], store: Any = None, **options: Any) -> Any:
        sched = cls(
            jobstores={"default": store or MemoryJobStore()},
            timezone=UTC,
            job_defaults={"misfire_grace_time": 30},
            **options,
        )
        made.append(sched)
        return sched

    yield factory
    for sched in made:
        if sched.running:
            sched.remove_all_jobs()
            sched.shutdown(wait=True)
    assert "Error notifying listener" not in caplog.text


@pytest.mark.parametrize("cls", [PushScheduler, STOCK])
def test_repeated_wakeup_keeps_one_timer(
    qtbot: QtBot, make: Make, key: str, cls: type[Any]
) -> None:
    sched = make(counting(cls))
    sched.start()
    sched.add_job(jobs.RECORD, "date", run_date=soon(0.4), args=[key])
    for _ in range(200):
        sched.wakeup()

    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=2000)
    qtbot.wait(200)

    assert jobs.count(key) == 1
    # Stock: each wakeup() started its own timer chain, so ~200 passes ran twice over.
    assert sched.passes <= 5
    if isinstance(sched, PushScheduler):
        assert len(sched._host.findChildren(QTimer)) == 1


@pytest.mark.parametrize("cls", [PushScheduler, STOCK])
def test_shutdown_stops_the_timer(
    qtbot: QtBot, make: Make, key: str, db_url: str, cls: type[Any]
) -> None:
    sched = make(counting(cls), SQLAlchemyJobStore(url=db_url))
    sched.start()
    sched.add_job(jobs.RECORD, "date", run_date=soon(0.3), args=[key], id="once")
    qtbot.wait(50)
    sched.shutdown(wait=True)
    passes = sched.passes

    qtbot.wait(500)  # past the job's time: the old timer must not run a pass

    assert jobs.count(key) == 0
    assert sched.passes == passes
    # The run was not consumed while stopped: a new scheduler on the same store still runs it.
    again = make(PushScheduler, SQLAlchemyJobStore(url=db_url))
    again.start()
    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=2000)


@pytest.mark.parametrize("cls", [PushScheduler, STOCK])
def test_wakeup_from_worker_thread(qtbot: QtBot, make: Make, key: str, cls: type[Any]) -> None:
    sched = make(cls)
    sched.start()
    qtbot.wait(50)  # the start-up pass is done; the scheduler now waits

    worker = threading.Thread(target=lambda: sched.add_job(jobs.RECORD, args=[key]))
    worker.start()
    worker.join()

    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=1000)


@pytest.mark.parametrize("cls", [PushScheduler, STOCK])
def test_store_error_in_pass_is_retried_without_running_twice(
    qtbot: QtBot,
    make: Make,
    key: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    cls: type[Any],
) -> None:
    path = tmp_path / "jobs.sqlite3"
    # timeout=0: a locked database fails at once with "database is locked", as a busy one would.
    store = SQLAlchemyJobStore(
        url=f"sqlite:///{path}", engine_options={"connect_args": {"timeout": 0}}
    )
    sched = make(cls, store, store_retry_seconds=0.2)  # the stock scheduler ignores the option
    executed: list[datetime] = []
    sched.add_listener(lambda e: executed.append(e.scheduled_run_time), EVENT_JOB_EXECUTED)
    sched.start()
    sched.add_job(
        jobs.RECORD, "interval", seconds=1, next_run_time=soon(0.3), args=[key], id="every"
    )
    # Another writer holds the write lock: reads work, the pass's update_job() raises.
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        qtbot.waitUntil(lambda: jobs.count(key) >= 1, timeout=2000)
        qtbot.wait(300)  # retries fail too while the lock is held
    finally:
        locker.execute("ROLLBACK")
        locker.close()

    qtbot.waitUntil(lambda: jobs.count(key) >= 2, timeout=3000)

    assert len(executed) == len(set(executed)), "a run was repeated after the failed pass"
    assert "database is locked" in caplog.text


def test_get_due_jobs_error_is_retried_after_store_retry_seconds(
    qtbot: QtBot, make: Make, key: str, tmp_path: Path
) -> None:
    path = tmp_path / "jobs.sqlite3"
    store = SQLAlchemyJobStore(
        url=f"sqlite:///{path}", engine_options={"connect_args": {"timeout": 0}}
    )
    sched = make(PushScheduler, store, store_retry_seconds=0.2)
    sched.start()
    sched.add_job(jobs.RECORD, "date", run_date=soon(0.2), args=[key])
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # even reads fail now
    try:
        qtbot.wait(400)
        assert jobs.count(key) == 0
        assert sched.jobstore_retry_interval == 0.2
    finally:
        locker.execute("ROLLBACK")
        locker.close()

    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=1000)


def test_wait_is_capped(qtbot: QtBot, make: Make) -> None:
    sched = make(PushScheduler, max_wait_seconds=2)
    sched.start()
    qtbot.wait(20)
    idle = sched.next_wakeup_in()
    assert idle is not None and idle <= 2  # no jobs: only the cap timer ticks

    sched.add_job(jobs.RECORD, "date", run_date=soon(3600), args=["never"])
    qtbot.wait(20)
    wait = sched.next_wakeup_in()
    assert wait is not None and 1 < wait <= 2


def test_early_capped_passes_run_nothing_twice(qtbot: QtBot, make: Make, key: str) -> None:
    sched = make(counting(PushScheduler), max_wait_seconds=0.05)
    sched.start()
    sched.add_job(jobs.RECORD, "date", run_date=soon(0.3), args=[key])

    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=2000)
    qtbot.wait(200)

    assert jobs.count(key) == 1
    assert sched.passes >= 4  # the cap woke it several times before the job was due


def test_pause_stops_the_timer_and_resume_runs_due_jobs(qtbot: QtBot, make: Make, key: str) -> None:
    sched = make(PushScheduler)
    sched.start(paused=True)
    sched.add_job(jobs.RECORD, "date", run_date=soon(0.1), args=[key])
    qtbot.wait(300)
    assert jobs.count(key) == 0
    assert sched.next_wakeup_in() is None

    sched.resume()
    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=1000)


def test_shutdown_from_worker_thread_stops_the_timer(qtbot: QtBot, make: Make) -> None:
    sched = make(PushScheduler)
    sched.start()
    qtbot.wait(20)
    assert sched.next_wakeup_in() is not None

    worker = threading.Thread(target=sched.shutdown)
    worker.start()
    worker.join()

    qtbot.waitUntil(lambda: sched.next_wakeup_in() is None, timeout=1000)


def test_options_are_validated(qapp: QCoreApplication) -> None:
    with pytest.raises(ValueError):
        PushScheduler(max_wait_seconds=0)
