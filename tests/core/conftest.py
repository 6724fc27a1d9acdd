"""Core fixtures: a real database and a real (thread-based) APScheduler, no Qt."""

from __future__ import annotations

from datetime import UTC

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED

from pushgui.core.channels.base import Outcome, register_sender
from pushgui.core.channels.desktop import KIND
from pushgui.core.executor import PushExecutor
from pushgui.core.service import PushService
from pushgui.core.store import db as store_db
from pushgui.core.store.db import open_database
from pushgui.core.store.jobstore import PushJobStore


class RecordingDesktop:
    """The desktop channel as a user would see it: a list of shown reminders."""

    def __init__(self):
        self.shown = []

    def send(self, messages):
        self.shown.extend(messages)
        return [Outcome(ok=True) for _ in messages]


@pytest.fixture
def desktop():
    sender = RecordingDesktop()
    register_sender(KIND, sender)
    return sender


@pytest.fixture
def database(data_dir):
    db = open_database(data_dir)
    yield db
    store_db.bind(None)
    db.close()


class ThreadScheduler(BackgroundScheduler):
    """APScheduler's thread scheduler, for core tests that must not need Qt.

    The stock one can run one more pass after ``shutdown()`` set the state to stopped (its
    thread wakes up, sees "not paused" and submits due jobs to a pool that is shut down,
    consuming the run). The app's own scheduler (engine/) has no such race; here the pass
    is simply skipped.
    """

    def _process_jobs(self):
        if self.state == STATE_STOPPED:
            return None
        return super()._process_jobs()


def make_scheduler(db):
    return ThreadScheduler(
        timezone=UTC,
        jobstores={"default": PushJobStore(db.engine)},
        executors={"default": PushExecutor(4)},
    )


@pytest.fixture
def scheduler(database):
    sched = make_scheduler(database)
    sched.start(paused=True)
    yield sched
    if sched.running:
        sched.shutdown(wait=True)


@pytest.fixture
def service(database, scheduler):
    return PushService(database, scheduler)
