"""Deliveries a crash left queued or sending: marked interrupted at start, never resent
automatically, resent or dismissed by the user."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select, update

from pushgui.core.pushes.spec import Target
from pushgui.core.runs.runner import run_push
from pushgui.core.store.models import Delivery, Run
from tests.core.test_service import wait_for
from tests.helpers import weekdays_at_nine


def state(database):
    with database.session() as session:
        deliveries = [
            d.status for d in session.execute(select(Delivery).order_by(Delivery.id)).scalars()
        ]
        runs = [r.status for r in session.execute(select(Run).order_by(Run.id)).scalars()]
    return deliveries, runs


def crashed_run(service, database, desktop):
    """A run that was killed while sending: its delivery row left "sending"."""
    push_id = service.create(replace(weekdays_at_nine(), targets=(Target(),)))
    ctx = service.scheduler.job_context.at(datetime(2030, 1, 7, 8, tzinfo=UTC))
    run_push(push_id, context=ctx)
    with database.session() as session:
        run_id = session.execute(select(Run.id).where(Run.push_id == push_id)).scalar_one()
        session.execute(update(Delivery).where(Delivery.run_id == run_id).values(status="sending"))
        session.execute(
            update(Run).where(Run.id == run_id).values(status="running", finished_at=None)
        )
    desktop.shown.clear()
    return push_id


def test_start_marks_them_interrupted_and_sends_nothing(service, database, desktop):
    crashed_run(service, database, desktop)
    report = service.reconcile()
    assert report.interrupted == 1
    assert state(database) == (["interrupted"], ["interrupted"])
    assert desktop.shown == []
    assert service.reconcile().interrupted == 0


def test_resend_sends_again_and_dismiss_keeps_it_unsent(service, database, scheduler, desktop):
    crashed_run(service, database, desktop)
    service.reconcile()
    with database.session() as session:
        ids = list(session.execute(select(Delivery.id)).scalars())
    service.dismiss(ids)
    assert state(database)[0] == ["skipped"]
    assert service.reconcile().interrupted == 0

    crashed_run(service, database, desktop)
    service.reconcile()
    with database.session() as session:
        interrupted = list(
            session.execute(select(Delivery.id).where(Delivery.status == "interrupted")).scalars()
        )
    service.resend(interrupted)
    scheduler.resume()

    def status():
        with database.session() as session:
            query = select(Delivery.status).where(Delivery.id == interrupted[0])
            return session.execute(query).scalar()

    # The status is written after the reminder is shown: wait for it, not for the reminder.
    assert wait_for(lambda: status() == "sent"), status()
    assert len(desktop.shown) == 1
