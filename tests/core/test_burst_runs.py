"""Runs due in the same scheduler pass are gathered by the executor and recorded in one
transaction; each still runs once, is delivered, and reports its own job event. A run that
was already recorded sends the gathered runs down the one-by-one path, which refuses it."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from apscheduler.events import EVENT_JOB_EXECUTED
from sqlalchemy import func, select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import WebhookConfig
from pushgui.core.delivery.engine import DeliveryEngine
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Target
from pushgui.core.store.models import Delivery, Run
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import make_scheduler
from tests.helpers import wait_until, weekdays_at_nine
from tests.servers import Reply

PUSHES = 40


def burst(database, fake, already_recorded: bool):
    fake.route("/hook", lambda request: Reply(200, {"ok": True}))
    secrets = KeyringSecrets()
    engine = DeliveryEngine(database, secrets, None)
    scheduler = make_scheduler(database, secrets, engine)
    executed: dict[str, object] = {}
    lock = threading.Lock()

    def on_executed(event):
        with lock:
            executed[event.job_id] = event.retval

    scheduler.add_listener(on_executed, EVENT_JOB_EXECUTED)
    scheduler.start(paused=True)
    try:
        service = PushService(database, scheduler)
        channel = ChannelBook(database, secrets).save("Hook", WebhookConfig(url=fake.url + "/hook"))
        ids = [
            service.create(
                replace(weekdays_at_nine(f"Burst {n}"), targets=(Target("webhook", channel),))
            )
            for n in range(PUSHES)
        ]
        due = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=1)
        for push_id in ids:
            scheduler.modify_job(str(push_id), next_run_time=due)
        if already_recorded:  # e.g. a crash between the run's start and the job store update
            with database.session() as session:
                session.add(
                    Run(push_id=ids[0], reason="schedule", scheduled_at=due, started_at=due)
                )
        scheduler.resume()
        wait_until(lambda: len(executed) == PUSHES, f"every run executed ({executed})")
        wait_until(lambda: len(fake.requests) >= PUSHES - already_recorded, "every request")
        with database.session() as session:

            def sent():
                return session.execute(
                    select(func.count(Delivery.id)).where(Delivery.status == "sent")
                ).scalar_one()

            wait_until(lambda: sent() == PUSHES - already_recorded, "every delivery sent")
            runs = session.execute(
                select(Run.push_id, func.count(Run.id)).group_by(Run.push_id)
            ).all()
        return ids, executed, runs
    finally:
        scheduler.shutdown(wait=True)
        engine.shutdown()


def test_runs_due_together_each_run_once_and_report_their_own_event(database, fake):
    ids, executed, runs = burst(database, fake, already_recorded=False)

    assert sorted(executed) == sorted(str(i) for i in ids)
    assert set(executed.values()) <= {"running", "ok"}
    assert dict(runs) == {i: 1 for i in ids}
    assert len(fake.requests) == PUSHES  # each delivered once


def test_a_run_already_recorded_is_refused_and_the_others_still_run(database, fake):
    ids, executed, runs = burst(database, fake, already_recorded=True)

    assert executed[str(ids[0])] == "duplicate"
    assert dict(runs) == {i: 1 for i in ids}
    assert len(fake.requests) == PUSHES - 1
