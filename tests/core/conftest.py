"""Core fixtures: a real database and a real (thread-based) APScheduler, no Qt."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC

import pytest
from apscheduler.events import EVENT_JOB_SUBMITTED
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_RUNNING, STATE_STOPPED

from pushgui.core.pushes.service import PushService
from pushgui.core.runs import headsup
from pushgui.core.runs.executor import PushExecutor
from pushgui.core.runs.jobs import JobContext
from pushgui.core.store.db import open_database
from pushgui.core.store.jobstore import PushJobStore
from pushgui.core.system.secrets import KeyringSecrets


@pytest.fixture
def database(data_dir):
    db = open_database(data_dir)
    yield db
    db.close()


# Deadlines that only bound a hang: waits end as soon as their condition holds.
HANG = 60.0


class ThreadScheduler(BackgroundScheduler):
    """APScheduler's thread scheduler, for core tests that must not need Qt.

    The stock one can run one more pass after ``shutdown()`` set the state to stopped (its
    thread wakes up, sees "not paused" and submits due jobs to a pool that is shut down,
    consuming the run). The app's own scheduler (engine/) has no such race; here the pass
    is simply skipped.

    It also tells tests when a pass has looked at the jobs (:meth:`wait_for_pass`) and which
    runs passes started (``started``), so "nothing ran" is checked where it would have run.
    """

    def __init__(self, *args, **kwargs):
        self._passes = threading.Condition()
        self._begun = 0
        self._done = 0
        self.started: list[str] = []
        super().__init__(*args, **kwargs)
        self.add_listener(lambda event: self.started.append(event.job_id), EVENT_JOB_SUBMITTED)

    def _process_jobs(self):
        if self.state == STATE_STOPPED:
            return None
        looked = self.state == STATE_RUNNING
        if looked:
            with self._passes:
                self._begun += 1
        try:
            return super()._process_jobs()
        finally:
            if looked:
                with self._passes:
                    self._done += 1
                    self._passes.notify_all()

    def wait_for_pass(self):
        """Wait until a pass that began after this call is over: every run due by now has
        been handed to the executor (and is listed in ``started``)."""
        with self._passes:
            target = self._begun + 1
        self.wakeup()
        with self._passes:
            if not self._passes.wait_for(lambda: self._done >= target, HANG):
                raise AssertionError(f"no scheduling pass within {HANG} s")


def make_scheduler(db, secrets=None, engine=None, headsups=None, desktop=None, calendars=None):
    """The scheduler as the composition root wires it: its executor hands job functions a
    JobContext with this database (and the in-memory keyring, unless ``secrets``; reminders
    on ``desktop``, else logged), its job store hands ``calendars`` to the triggers it
    loads, and heads-ups are re-armed as schedule jobs start."""
    executor = PushExecutor(4)
    sched = ThreadScheduler(
        timezone=UTC,
        jobstores={"default": PushJobStore(db.engine, calendars)},
        executors={"default": executor},
    )
    executor.context = JobContext(db, secrets or KeyringSecrets(), sched, engine, headsups)
    if desktop is not None:
        executor.context = replace(executor.context, desktop=desktop)
    sched.job_context = executor.context
    headsup.install(sched, db)
    return sched


@pytest.fixture
def job_context(scheduler):
    """What the executor hands to job functions, for tests that call one themselves."""
    return scheduler.job_context


@pytest.fixture
def scheduler(database, desktop, calendars):
    sched = make_scheduler(database, desktop=desktop, calendars=calendars)
    sched.start(paused=True)
    yield sched
    if sched.running:
        sched.shutdown(wait=True)


@pytest.fixture
def service(database, scheduler, calendars):
    return PushService(database, scheduler, calendars)


def wire(scheduler, **changes):
    """Hand job functions other services, as the composition root does (a secret store,
    the delivery engine); returns the context the executor now hands them."""
    executor = scheduler._lookup_executor("default")
    executor.context = replace(executor.context, **changes)
    scheduler.job_context = executor.context
    return executor.context
