"""Runs settled together by a lane, and settled as they end.

``settle_runs`` settles many runs in one transaction; it must give each run exactly what
``settle_run`` (one run at a time, the reference) gives. A lane sending a long queue
settles its runs as it goes, so a run's status does not wait for the whole queue.
"""

from __future__ import annotations

import shutil
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import WebhookConfig
from pushgui.core.delivery.engine import Batch, DeliveryEngine
from pushgui.core.delivery.queue import SETTLE_EVERY, write_deliveries
from pushgui.core.delivery.settle import settle_run, settle_runs
from pushgui.core.delivery.states import (
    FAILED,
    INTERRUPTED,
    QUEUED,
    RETRYING,
    SENT,
    SKIPPED,
    SUPERSEDED,
)
from pushgui.core.pushes.spec import PushOptions, PushSpec
from pushgui.core.store.db import Database, open_database
from pushgui.core.store.models import Delivery, Push, Run
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import HANG
from tests.helpers import wait_until, weekdays_at_nine
from tests.servers import Reply

T0 = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
SOON = T0 + timedelta(minutes=5)
LATER = T0 + timedelta(minutes=20)

# Each run's deliveries: (status, error, next try) — every mix a run can be in.
MIXES = {
    "all sent": [(SENT, "", None), (SENT, "", None)],
    "sent and failed": [(SENT, "", None), (FAILED, "refused", None)],
    "two retries": [(RETRYING, "busy", LATER), (SENT, "", None), (RETRYING, "busy", SOON)],
    "still queued": [(SENT, "", None), (QUEUED, "", None)],
    "interrupted": [(INTERRUPTED, "stopped", None), (SENT, "", None)],
    "all failed": [(FAILED, "no", None), (FAILED, "no", None), (FAILED, "other", None)],
    "skipped and superseded": [(SKIPPED, "", None), (SUPERSEDED, "later run", None)],
    "nothing to send": [],
}


def add_run(session, push_id: int, due: datetime) -> Run:
    run = Run(push_id=push_id, reason="schedule", scheduled_at=due, started_at=T0, status="running")
    session.add(run)
    session.flush()
    return run


def make_runs(database: Database) -> dict[str, int]:
    ids: dict[str, int] = {}
    with database.session() as session:
        push = Push(name="Mixes", spec="{}", enabled=False)
        session.add(push)
        session.flush()
        for n, (name, rows) in enumerate(MIXES.items()):
            run = add_run(session, push.id, T0 + timedelta(hours=n))
            for k, (status, error, next_try) in enumerate(rows):
                session.add(
                    Delivery(
                        run_id=run.id,
                        channel="webhook",
                        recipient=f"r{k}",
                        address="",
                        status=status,
                        error=error,
                        next_attempt_at=next_try,
                    )
                )
            ids[name] = run.id
    return ids


def run_rows(database: Database) -> dict[int, tuple[str, str, bool]]:
    with database.session() as session:
        return {
            run.id: (run.status, run.error, run.finished_at is not None)
            for run in session.execute(select(Run)).scalars()
        }


def test_settling_runs_together_gives_each_what_settling_it_alone_gives(tmp_path: Path) -> None:
    together_dir, alone_dir = tmp_path / "together", tmp_path / "alone"
    together_dir.mkdir()
    together = open_database(together_dir)
    ids = make_runs(together)
    together.close()
    shutil.copytree(together_dir, alone_dir, dirs_exist_ok=True)
    together, alone = open_database(together_dir), open_database(alone_dir)
    try:
        with together.engine.begin() as connection:
            settled = settle_runs(connection, list(ids.values()))
        with alone.session() as session:
            reference = {run_id: settle_run(session, run_id) for run_id in ids.values()}

        assert {s.run_id: s.status for s in settled} == reference
        assert run_rows(together) == run_rows(alone)
        retries = {s.run_id: s.next_retry for s in settled}
        assert retries[ids["two retries"]] == SOON  # the earliest of the run's retries
        assert all(retries[ids[name]] is None for name in MIXES if name != "two retries")
        assert reference[ids["two retries"]] == "retrying"
        assert reference[ids["still queued"]] == "running"
        assert run_rows(together)[ids["sent and failed"]] == ("partial", "refused", True)
        # The end times are stored as the ORM stores them (the same text form).
        forms = [
            {
                len(str(value))
                for (value,) in db.engine.connect()
                .exec_driver_sql("SELECT finished_at FROM runs WHERE finished_at IS NOT NULL")
                .fetchall()
            }
            for db in (together, alone)
        ]
        assert forms[0] == forms[1] == {len("2026-01-01 09:00:00.000000")}
    finally:
        together.close()
        alone.close()


def test_a_lane_settles_its_runs_as_they_end_not_when_its_queue_is_empty(database, fake):
    """The last message of a long queue is held at the server; by then the runs sent
    before it are settled (ok) and reported, each once."""
    count = SETTLE_EVERY * 2 + 10
    hold, go = threading.Event(), threading.Event()
    arrived = threading.Semaphore(0)

    def answer(request):
        arrived.release()
        if b'"first"' in request.body:  # the lane waits here while the rest is queued
            go.wait(HANG)
        if b'"last"' in request.body:
            hold.wait(HANG)
        return Reply(200, {"ok": True})

    fake.route("/hook", answer)
    secrets = KeyringSecrets()
    channel = ChannelBook(database, secrets).save(
        "Hook",
        WebhookConfig(url=fake.url + "/hook", body_template='{"text": "${title}"}'),
    )
    spec: PushSpec = weekdays_at_nine("Queue")
    batches = []
    with database.session() as session:
        push = Push(name="Queue", spec="{}", enabled=False)
        session.add(push)
        session.flush()
        for n in range(count):
            run = add_run(session, push.id, T0 + timedelta(minutes=n))
            title = {0: "first", count - 1: "last"}.get(n, f"message {n}")
            [pending] = write_deliveries(
                session,
                [
                    {
                        "run_id": run.id,
                        "channel": "webhook",
                        "channel_id": channel,
                        "contact_id": None,
                        "recipient": "Hook",
                        "address": "",
                        "status": QUEUED,
                        "error": "",
                        "finished_at": None,
                        "title": title,
                        "body": "",
                        "html": "",
                    }
                ],
            )
            batches.append((push.id, run.id, pending))
    finished: list[int] = []
    engine = DeliveryEngine(
        database, secrets, None, on_run_finished=lambda _push, run_id: finished.append(run_id)
    )
    try:
        for n, (push_id, run_id, pending) in enumerate(batches):
            engine.submit(
                {
                    ("webhook", channel): Batch(
                        push_id, run_id, spec.name, PushOptions(), (), (pending,)
                    )
                }
            )
            if n == 0:  # the lane is busy with the first; the rest is one queue for it
                assert arrived.acquire(timeout=HANG)
        go.set()
        for _ in range(count - 1):  # every message reached the server; the last one is held
            assert arrived.acquire(timeout=HANG)
        statuses = run_rows(database)
        first_runs = [run_id for _push, run_id, _pending in batches[:SETTLE_EVERY]]
        assert all(statuses[run_id][0] == "ok" for run_id in first_runs), statuses
        assert set(first_runs) <= set(finished)
        assert statuses[batches[-1][1]][0] == "running"
        hold.set()
        wait_until(lambda: len(finished) == count, "every run reported settled")
    finally:
        hold.set()
        engine.shutdown()
    assert sorted(finished) == sorted(run_id for _push, run_id, _pending in batches)
    assert len(fake.requests) == count
