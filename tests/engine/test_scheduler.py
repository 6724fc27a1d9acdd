"""PushScheduler: one regression test per stock-QtScheduler defect, plus cap and pause behaviour.

Where it makes sense the same test runs against the stock ``QtScheduler`` as a strict xfail, to
show that it catches the defect. Nothing here waits for time: tests wait for scheduling passes
(counted), for runs, or for a timer set after the moment something would have happened.
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
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from pytestqt.qtbot import QtBot

from pushgui.engine.scheduler import PushScheduler
from tests.engine import jobs

Make = Callable[..., Any]

STOCK = pytest.param(
    QtScheduler, marks=pytest.mark.xfail(strict=True, reason="stock QtScheduler defect")
)


# Deadlines that only bound a hang. The stock scheduler's variants are expected to fail, and
# most of them fail by never doing what is awaited: a short deadline ends them sooner, and
# no machine is slow enough to make a defect pass.
HANG_MS = 60_000
STOCK_MS = 2_000


def counting(cls: type[BaseScheduler]) -> type[Any]:
    """A subclass of ``cls`` that counts scheduling passes begun (``passes``) and ended."""

    class Counting(cls):  # type: ignore[misc]
        passes = 0
        done = 0

        def _process_jobs(self) -> Any:
            self.passes += 1
            try:
                return super()._process_jobs()
            finally:
                self.done += 1

    return Counting


def deadline(cls: type[Any]) -> int:
    return HANG_MS if issubclass(cls, PushScheduler) else STOCK_MS


def wait_for_passes(
    qtbot: QtBot, sched: Any, count: int = 1, timeout: int = HANG_MS, wake: bool = True
) -> None:
    """Wake ``sched`` (unless told not to) and wait until ``count`` passes begun after this
    call have ended (passes run in this thread, so none is under way now)."""
    target = sched.done + count
    if wake:
        sched.wakeup()
    qtbot.waitUntil(lambda: sched.done >= target, timeout=timeout)


def wait_past(qtbot: QtBot, moment: datetime) -> None:
    """Run the event loop until a timer set for after ``moment`` fired: every timer due
    before it (a scheduler's, say) has fired by then too."""
    left_ms = (moment - datetime.now(UTC)) / timedelta(milliseconds=1)
    sentinel = QTimer()
    sentinel.setSingleShot(True)
    sentinel.setTimerType(Qt.TimerType.PreciseTimer)
    with qtbot.waitSignal(sentinel.timeout, timeout=HANG_MS):
        sentinel.start(max(0, int(left_ms)) + 100)


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
    run_date = soon(0.4)
    sched.add_job(jobs.RECORD, "date", run_date=run_date, args=[key])
    for _ in range(200):
        sched.wakeup()

    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=HANG_MS)
    wait_past(qtbot, run_date)  # every timer chain has reached the job's time
    wait_for_passes(qtbot, sched, timeout=deadline(cls))

    assert jobs.count(key) == 1
    # Stock: each wakeup() started its own timer chain, so ~200 passes ran twice over.
    assert sched.passes <= 6
    if isinstance(sched, PushScheduler):  # its one pass timer, beside the lead timer
        assert sched._host.findChildren(QTimer) == [sched._host.timer, sched._host.lead_timer]


@pytest.mark.parametrize("cls", [PushScheduler, STOCK])
def test_shutdown_stops_the_timer(
    qtbot: QtBot, make: Make, key: str, db_url: str, cls: type[Any]
) -> None:
    sched = make(counting(cls), SQLAlchemyJobStore(url=db_url))
    sched.start()
    run_date = soon(0.3)
    sched.add_job(jobs.RECORD, "date", run_date=run_date, args=[key], id="once")
    qtbot.waitUntil(lambda: sched.done >= 1, timeout=HANG_MS)  # its timer now waits for the job
    sched.shutdown(wait=True)
    passes = sched.passes

    wait_past(qtbot, run_date)  # where the old timer would run a pass

    assert jobs.count(key) == 0
    assert sched.passes == passes
    # The run was not consumed while stopped: a new scheduler on the same store still runs it.
    again = make(PushScheduler, SQLAlchemyJobStore(url=db_url))
    again.start()
    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=HANG_MS)


@pytest.mark.parametrize("cls", [PushScheduler, STOCK])
def test_wakeup_from_worker_thread(qtbot: QtBot, make: Make, key: str, cls: type[Any]) -> None:
    sched = make(counting(cls))
    sched.start()
    # The start-up pass is done; the scheduler now waits.
    qtbot.waitUntil(lambda: sched.done >= 1, timeout=HANG_MS)

    worker = threading.Thread(target=lambda: sched.add_job(jobs.RECORD, args=[key]))
    worker.start()
    worker.join()

    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=deadline(cls))


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
    sched = make(counting(cls), store, store_retry_seconds=0.2)  # stock ignores the option
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
        qtbot.waitUntil(lambda: jobs.count(key) >= 1, timeout=HANG_MS)
        # Retries fail too while the lock is held (the stock scheduler stopped for good).
        wait_for_passes(qtbot, sched, 2, timeout=deadline(cls))
    finally:
        locker.execute("ROLLBACK")
        locker.close()

    qtbot.waitUntil(lambda: jobs.count(key) >= 2, timeout=deadline(cls))

    assert len(executed) == len(set(executed)), "a run was repeated after the failed pass"
    assert "database is locked" in caplog.text


def test_get_due_jobs_error_is_retried_after_store_retry_seconds(
    qtbot: QtBot, make: Make, key: str, tmp_path: Path
) -> None:
    path = tmp_path / "jobs.sqlite3"
    store = SQLAlchemyJobStore(
        url=f"sqlite:///{path}", engine_options={"connect_args": {"timeout": 0}}
    )
    sched = make(counting(PushScheduler), store, store_retry_seconds=0.2)
    sched.start()
    run_date = soon(0.2)
    sched.add_job(jobs.RECORD, "date", run_date=run_date, args=[key])
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # even reads fail now
    try:
        wait_past(qtbot, run_date)
        wait_for_passes(qtbot, sched)  # began after the job was due, and could not run it
        assert jobs.count(key) == 0
        assert sched.jobstore_retry_interval == 0.2
    finally:
        locker.execute("ROLLBACK")
        locker.close()

    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=HANG_MS)


def test_wait_is_capped(qtbot: QtBot, make: Make) -> None:
    sched = make(counting(PushScheduler), max_wait_seconds=2)
    sched.start()
    qtbot.waitUntil(lambda: sched.done >= 1, timeout=HANG_MS)
    assert sched.next_wakeup_in() is not None  # no jobs: only the cap timer ticks
    assert sched._host.timer.interval() == 2000

    sched.add_job(jobs.RECORD, "date", run_date=soon(3600), args=["never"])
    wait_for_passes(qtbot, sched)
    assert sched.next_wakeup_in() is not None
    assert sched._host.timer.interval() == 2000  # the cap, not the hour until the job


def test_early_capped_passes_run_nothing_twice(qtbot: QtBot, make: Make, key: str) -> None:
    sched = make(counting(PushScheduler), max_wait_seconds=0.05)
    sched.start()
    job = sched.add_job(jobs.RECORD, "date", run_date=soon(3600), args=[key])
    # The cap wakes it again and again before the job is due.
    wait_for_passes(qtbot, sched, 4, wake=False)
    assert jobs.count(key) == 0
    job.modify(next_run_time=datetime.now(UTC))

    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=HANG_MS)
    wait_for_passes(qtbot, sched, 3)

    assert jobs.count(key) == 1


def test_pause_stops_the_timer_and_resume_runs_due_jobs(qtbot: QtBot, make: Make, key: str) -> None:
    sched = make(PushScheduler)
    sched.start(paused=True)
    run_date = soon(0.1)
    sched.add_job(jobs.RECORD, "date", run_date=run_date, args=[key])
    wait_past(qtbot, run_date)
    assert jobs.count(key) == 0
    assert sched.next_wakeup_in() is None

    sched.resume()
    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=HANG_MS)


def test_shutdown_from_worker_thread_stops_the_timer(qtbot: QtBot, make: Make) -> None:
    sched = make(counting(PushScheduler))
    sched.start()
    qtbot.waitUntil(lambda: sched.done >= 1, timeout=HANG_MS)
    assert sched.next_wakeup_in() is not None

    worker = threading.Thread(target=sched.shutdown)
    worker.start()
    worker.join()

    qtbot.waitUntil(lambda: sched.next_wakeup_in() is None, timeout=HANG_MS)


def test_options_are_validated(qapp: QCoreApplication) -> None:
    with pytest.raises(ValueError):
        PushScheduler(max_wait_seconds=0)


def test_pass_listeners_hear_each_pass_that_looked_and_the_runs_it_started(
    qtbot: QtBot, make: Make, key: str
) -> None:
    sched = make(PushScheduler)
    heard: list[int] = []
    sched.add_pass_listener(heard.append)
    sched.start(paused=True)
    sched.add_job(jobs.RECORD, "date", run_date=soon(-1), args=[key])  # already due
    sched.wakeup()  # a pass while paused looks at nothing: not heard

    sched.resume()
    qtbot.waitUntil(lambda: bool(heard), timeout=HANG_MS)
    assert heard == [1]
    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=HANG_MS)

    once: list[int] = []
    sched.after_next_pass(once.append)
    sched.wakeup()
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=HANG_MS)
    assert heard == [1, 0]
    assert once == [0]
    sched.wakeup()
    qtbot.waitUntil(lambda: len(heard) == 3, timeout=HANG_MS)
    assert once == [0]  # heard only once


def test_a_pass_writes_every_fired_job_in_one_transaction(qtbot, tmp_path):
    """1,000 pushes due in one second used to cost a job-store transaction each (about
    2 ms) before the last of them could start. The pass now gathers the fired jobs' next
    run times and removals and commits them together; every job still runs once."""
    from sqlalchemy import create_engine, event

    from pushgui.core.store.jobstore import PushJobStore

    engine = create_engine(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    commits: list[int] = []
    sched = counting(PushScheduler)(
        timezone=UTC, jobstores={"default": PushJobStore(engine)}, max_wait_seconds=30
    )
    sched.start(paused=True)
    key = uuid.uuid4().hex
    due = datetime.now(UTC) - timedelta(seconds=1)
    for n in range(30):  # one-offs (removed after firing) and repeating ones (updated)
        trigger: dict[str, Any] = (
            {"trigger": "date", "run_date": due}
            if n % 2
            else {"trigger": "interval", "hours": 1, "start_date": due}
        )
        sched.add_job(
            jobs.RECORD,
            args=[key],
            id=f"job-{n}",
            misfire_grace_time=None,
            next_run_time=due,
            **trigger,
        )
    event.listen(engine, "commit", lambda _connection: commits.append(1))
    sched.resume()
    wait_for_passes(qtbot, sched)
    qtbot.waitUntil(lambda: jobs.count(key) == 30, timeout=HANG_MS)
    # one commit for the pass's writes (reads commit too: a few, never one per job)
    assert len(commits) < 10, len(commits)
    store = sched._lookup_jobstore("default")
    remaining = {job.id: job.next_run_time for job in store.get_all_jobs()}
    assert sorted(remaining) == sorted(f"job-{n}" for n in range(0, 30, 2))
    assert all(when > datetime.now(UTC) for when in remaining.values())
    sched.shutdown(wait=True)
    engine.dispose()


def test_the_lead_listener_hears_each_due_time_before_it(qtbot: QtBot, make: Make, key: str):
    """set_lead: called in the scheduler's thread about ``seconds`` before jobs fall due,
    with their due time; never for a due time already nearer than that."""
    sched = make(PushScheduler)
    heard: list[tuple[datetime, datetime, bool]] = []
    sched.set_lead(
        2.0,
        lambda due: heard.append((due, datetime.now(UTC), sched._in_owner_thread())),
    )
    sched.start()
    near = soon(0.5)  # nearer than the lead when the pass sees it
    sched.add_job(jobs.RECORD, "date", run_date=near, args=[key], id="near")
    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=HANG_MS)
    assert heard == []

    run_date = soon(4.0)
    sched.add_job(jobs.RECORD, "date", run_date=run_date, args=[key], id="later")
    qtbot.waitUntil(lambda: jobs.count(key) == 2, timeout=HANG_MS)
    [(due, when, in_owner)] = heard
    assert due == run_date and when < run_date and in_owner


def test_a_pass_held_aside_runs_when_the_hold_ends_or_expires(
    qtbot: QtBot, make: Make, key: str
) -> None:
    """stand_aside (a burst recorded ahead is being sent): the passes due meanwhile, by
    their timer or a wakeup, wait; step_back_in runs them at once, and the hold ends by
    itself after its seconds on the monotonic clock."""
    mono = [1000.0]
    # Passes at least every 5 s: a timer set further than that is the hold's.
    sched = make(counting(PushScheduler), monotonic_clock=lambda: mono[0], max_wait_seconds=5)
    sched.start()
    qtbot.waitUntil(lambda: sched.done >= 1, timeout=HANG_MS)

    sched.stand_aside(30.0)
    sched.add_job(jobs.RECORD, "date", run_date=datetime.now(UTC), args=[key], id="held")
    # The wakeup's pass found the hold and set its timer for the rest of it instead.
    qtbot.waitUntil(lambda: (sched.next_wakeup_in() or 0) > 20, timeout=HANG_MS)
    assert sched.passes == sched.done == 1 and jobs.count(key) == 0

    sched.step_back_in()
    qtbot.waitUntil(lambda: jobs.count(key) == 1, timeout=HANG_MS)

    sched.stand_aside(30.0)
    sched.add_job(jobs.RECORD, "date", run_date=datetime.now(UTC), args=[key], id="expires")
    qtbot.waitUntil(lambda: (sched.next_wakeup_in() or 0) > 20, timeout=HANG_MS)
    assert jobs.count(key) == 1
    mono[0] += 31.0  # the hold's seconds are over: the next wakeup passes
    sched.wakeup()
    qtbot.waitUntil(lambda: jobs.count(key) == 2, timeout=HANG_MS)
