"""A burst of runs is recorded just before its due time and committed at it
(pushgui/core/runs/headstart.py): nobody sees the runs before then, each push is sent once,
and whatever stands in the way (a paused scheduler, a machine that slept, a clock set back,
a crash) leaves the runs to the scheduler's pass, which records and sends each once.

The head start's clocks are the test's; the scheduler, the store, the engine and the
webhook server are real.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED
from sqlalchemy import func, select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import WebhookConfig
from pushgui.core.delivery.engine import DeliveryEngine
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, Target
from pushgui.core.runs.headstart import HOLD, HOLD_AT_MOST, LATE, HeadStart
from pushgui.core.store.db import open_database
from pushgui.core.store.models import Delivery, Push, Run
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import make_scheduler
from tests.helpers import wait_until, weekdays_at_nine
from tests.servers import Reply

PUSHES = 12


class Clocks:
    """The head start's wall and monotonic clocks, moved by the test."""

    def __init__(self, wall: float) -> None:
        self.now = wall
        self.real = 0.0

    def wall(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.real


class Burst:
    """PUSHES webhook pushes whose schedule jobs are due at ``due`` (a second ago, so the
    scheduler's pass fires them once resumed), a paused scheduler, and a head start on
    the test's clocks that has read the jobs and waits for ``due - HOLD``."""

    def __init__(self, database, fake) -> None:
        fake.route("/hook", lambda request: Reply(200, {"ok": True}))
        self.database = database
        self.fake = fake
        secrets = KeyringSecrets()
        self.engine = DeliveryEngine(database, secrets, None)
        self.scheduler = make_scheduler(database, secrets, self.engine)
        self.executed: dict[str, object] = {}
        lock = threading.Lock()

        def on_executed(event):
            with lock:
                self.executed[event.job_id] = event.retval

        self.scheduler.add_listener(on_executed, EVENT_JOB_EXECUTED)
        self.scheduler.start(paused=True)
        service = PushService(database, self.scheduler)
        channel = ChannelBook(database, secrets).save("Hook", WebhookConfig(url=fake.url + "/hook"))
        self.ids = [
            service.create(
                replace(
                    weekdays_at_nine(f"Burst {n}"),
                    message=Message("Burst ${push}"),
                    targets=(Target("webhook", channel),),
                )
            )
            for n in range(PUSHES)
        ]
        self.service = service
        self.due = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=1)
        for push_id in self.ids:
            self.scheduler.modify_job(str(push_id), next_run_time=self.due)
        self.clocks = Clocks(self.due.timestamp() - 2.0)
        executor = self.scheduler._lookup_executor("default")
        # The scheduler stays paused, so that its pass fires the jobs only when the test
        # says; the head start is told it runs until the test says otherwise.
        self.scheduling = True
        self.head_start = HeadStart(
            lambda: executor.context,
            lambda: self.scheduling,
            self.scheduler._jobstores["default"],
            wall=self.clocks.wall,
            monotonic=self.clocks.monotonic,
            min_runs=PUSHES,
        )
        executor.head_start = self.head_start
        self.head_start.due_soon(self.due)

    def runs(self) -> int:
        with self.database.session() as session:
            return session.execute(select(func.count(Run.id))).scalar_one()

    def hold(self) -> None:
        """Move to just before the due time: the runs are written, not committed."""
        self.clocks.now = self.due.timestamp() - HOLD / 2
        assert self.head_start.waiting_for_due.wait(30), "the head start never held"

    def resume_and_finish(self) -> None:
        """Let the scheduler's pass fire the jobs; wait for every delivery's outcome."""
        self.scheduler.resume()
        wait_until(lambda: len(self.executed) == PUSHES, f"every job executed ({self.executed})")
        with self.database.session() as session:

            def sent() -> int:
                return session.execute(
                    select(func.count(Delivery.id)).where(Delivery.status == "sent")
                ).scalar_one()

            wait_until(lambda: sent() == PUSHES, "every delivery sent")

    def each_push_once(self) -> None:
        bodies = Counter(request.body.decode() for request in self.fake.requests)
        names = {f"Burst {n}" for n in range(PUSHES)}
        assert {name for name in names if any(name in body for body in bodies)} == names
        assert set(bodies.values()) == {1} and len(bodies) == PUSHES
        with self.database.session() as session:
            per_push = session.execute(
                select(Run.push_id, func.count(Run.id)).group_by(Run.push_id)
            ).all()
        assert sorted(per_push) == sorted((push_id, 1) for push_id in self.ids)

    def close(self) -> None:
        self.head_start.stop()
        self.scheduler.shutdown(wait=True)
        self.engine.shutdown()


@pytest.fixture
def burst(database, fake):
    made = Burst(database, fake)
    yield made
    made.close()


def test_a_burst_is_unseen_until_its_due_time_then_sent_at_once_and_once(burst):
    burst.hold()
    assert burst.runs() == 0  # written, but nobody else sees them
    assert burst.fake.requests == []

    burst.clocks.now = burst.due.timestamp()  # the due time
    wait_until(lambda: len(burst.fake.requests) == PUSHES, "every push sent at its due time")
    assert burst.runs() == PUSHES
    assert burst.head_start.started_ahead == PUSHES
    assert burst.executed == {}  # the scheduler, paused, has fired nothing yet

    burst.resume_and_finish()  # the pass fires the jobs: taken as started, not run again
    burst.each_push_once()
    assert set(burst.executed.values()) <= {"running", "ok"}


def test_an_edit_while_the_burst_waits_is_written_after_it(burst):
    burst.hold()
    spec = burst.service.get(burst.ids[0])
    editing = threading.Event()

    def rename() -> None:
        editing.set()
        burst.service.update(burst.ids[0], replace(spec, name="Renamed"))

    renamed = threading.Thread(target=rename)
    renamed.start()
    assert editing.wait(30)
    # The store's writer is the head start until the due time: the edit is not written.
    assert renamed.is_alive() and burst.head_start.waiting_for_due.is_set()
    with burst.database.session() as session:
        assert session.get(Push, burst.ids[0]).name == "Burst 0"
    burst.clocks.now = burst.due.timestamp()
    renamed.join(30)
    assert not renamed.is_alive()
    burst.resume_and_finish()
    burst.each_push_once()  # sent as it was at its due time ("Burst 0")
    with burst.database.session() as session:
        assert session.get(Push, burst.ids[0]).name == "Renamed"


@pytest.mark.parametrize(
    "obstacle",
    ["the scheduler is paused", "the machine slept past the due time", "the clock was set back"],
)
def test_whatever_stands_in_the_way_leaves_the_burst_to_the_pass(burst, obstacle):
    burst.hold()
    if obstacle == "the scheduler is paused":
        burst.scheduling = False
        burst.clocks.now = burst.due.timestamp()
    elif obstacle == "the machine slept past the due time":
        burst.clocks.now = burst.due.timestamp() + LATE + 60
    else:  # the wall clock stays before the due time for longer than the hold may last
        burst.clocks.real += HOLD_AT_MOST + 0.1
    wait_until(lambda: not burst.head_start.waiting_for_due.is_set(), "the hold given up")
    assert burst.runs() == 0 and burst.fake.requests == []
    assert burst.head_start.started_ahead == 0

    burst.resume_and_finish()  # the pass records and sends them, as without a head start
    burst.each_push_once()
    assert set(burst.executed.values()) <= {"running", "ok"}


HOLDER = """
import sys
from pathlib import Path
from pushgui.core.delivery.engine import DeliveryEngine
from pushgui.core.runs.headstart import HeadStart
from pushgui.core.store.db import open_database
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import make_scheduler
from datetime import datetime, UTC

database = open_database(Path(sys.argv[1]))
due = datetime.fromtimestamp(float(sys.argv[2]), UTC)
engine = DeliveryEngine(database, KeyringSecrets(), None)
scheduler = make_scheduler(database, engine=engine)
scheduler.start()
executor = scheduler._lookup_executor("default")
head_start = HeadStart(
    lambda: executor.context, lambda: True, scheduler._jobstores["default"],
    wall=lambda: due.timestamp() - 0.1, monotonic=lambda: 0.0, min_runs=int(sys.argv[3]),
)
head_start.due_soon(due)
head_start.waiting_for_due.wait(60)
print("HOLDING", flush=True)
sys.stdin.readline()  # killed while it waits here
"""


@pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")
def test_a_crash_while_the_burst_waits_records_nothing_and_the_pass_sends_each_once(
    database, data_dir, fake
):
    """The process holding the burst's transaction is SIGKILLed: nothing of it was
    committed, and the next start's pass records and sends each run once."""
    fake.route("/hook", lambda request: Reply(200, {"ok": True}))
    channel = ChannelBook(database, KeyringSecrets()).save(
        "Hook", WebhookConfig(url=fake.url + "/hook")
    )
    scheduler = make_scheduler(database)
    scheduler.start(paused=True)
    service = PushService(database, scheduler)
    ids = [
        service.create(
            replace(weekdays_at_nine(f"Burst {n}"), targets=(Target("webhook", channel),))
        )
        for n in range(PUSHES)
    ]
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    for push_id in ids:
        scheduler.modify_job(str(push_id), next_run_time=due)
    scheduler.shutdown(wait=True)
    database.close()

    root = Path(__file__).resolve().parents[2]
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir), str(due.timestamp()), str(PUSHES)],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "HOLDING"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(30)

    database = open_database(data_dir)
    try:
        with database.session() as session:
            assert session.execute(select(func.count(Run.id))).scalar_one() == 0
        engine = DeliveryEngine(database, KeyringSecrets(), None)
        scheduler = make_scheduler(database, engine=engine)
        scheduler.start(paused=True)
        for push_id in ids:  # due now: the pass fires them
            scheduler.modify_job(str(push_id), next_run_time=datetime.now(UTC))
        scheduler.resume()
        wait_until(lambda: len(fake.requests) >= PUSHES, "every push sent")
        with database.session() as session:
            wait_until(
                lambda: (
                    session.execute(
                        select(func.count(Delivery.id)).where(Delivery.status == "sent")
                    ).scalar_one()
                    == PUSHES
                ),
                "every delivery sent",
            )
        scheduler.shutdown(wait=True)
        engine.shutdown()
        assert len(fake.requests) == PUSHES
    finally:
        database.close()


LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("LOCKED", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


def test_another_process_writing_leaves_the_burst_to_the_pass_at_once(burst, data_dir, caplog):
    """Another process holds the file's write lock (an import from the command line): the
    head start does not wait the store's 10 s for it, holding this process's writers
    back; it leaves the burst to the pass, which sends each push once."""
    import logging

    caplog.set_level(logging.INFO, logger="pushgui.core.runs.headstart")
    [path] = data_dir.glob("*.sqlite3")
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "LOCKED"
        burst.clocks.now = burst.due.timestamp() - HOLD / 2
        wait_until(lambda: "recorded by the pass instead" in caplog.text, "the burst left")
        assert not burst.head_start.waiting_for_due.is_set()
    finally:
        assert locker.stdin is not None
        locker.stdin.write("done\n")
        locker.stdin.flush()
        locker.wait(30)
    burst.resume_and_finish()
    burst.each_push_once()
    assert burst.head_start.started_ahead == 0
