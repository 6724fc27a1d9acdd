"""Nag until done, then escalate: each nag time and the escalation sent once (twice-fired
jobs, concurrent jobs, a lost job after a restart), done stops both; with an injected clock,
a real scheduler and a local fake Slack server for the escalation."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import SlackConfig
from pushgui.core.errors import SpecError
from pushgui.core.pushes.nag import NagSpec, validate_nag
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, Target, spec_from_dict, spec_to_dict
from pushgui.core.runs.nagging import mark_done, nag_due, nag_job_id
from pushgui.core.runs.runner import run_push
from pushgui.core.store.models import Delivery, Nag, Run
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import HANG, wire
from tests.helpers import weekdays_at_nine

T0 = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)


@pytest.fixture
def world(database, scheduler, fake):
    secrets = KeyringSecrets()
    wire(scheduler, secrets=secrets)
    room = ChannelBook(database, secrets).save(
        "Team room", SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX")
    )
    yield PushService(database, scheduler), room


def _nagging(room, every=10, after=25):
    return replace(
        weekdays_at_nine("Pay the invoices"),
        message=Message("Pay the invoices", "Before noon"),
        nag=NagSpec(every, after, {"kind": "slack", "channel_id": room}),
    )


def _at(minutes):
    return lambda: T0 + timedelta(minutes=minutes)


def _fire(scheduler, run_id, minutes):
    """The nag job of ``run_id`` as the executor runs it, with the clock at T0 + minutes."""
    return nag_due(run_id, context=replace(scheduler.job_context, clock=_at(minutes)))


def _run_id(database):
    with database.session() as session:
        return session.execute(select(Run.id)).scalar_one()


def _slack_texts(fake):
    return [r.json["text"] for r in fake.requests]


def test_nags_until_done_and_escalates_once(world, database, scheduler, desktop, fake):
    service, room = world
    push_id = service.create(_nagging(room))
    assert run_push(push_id, context=scheduler.job_context.at(T0)) == "ok"
    run_id = _run_id(database)
    job = scheduler.get_job(nag_job_id(push_id, run_id))
    assert job.next_run_time == T0 + timedelta(minutes=10)
    assert len(desktop.shown) == 1

    assert _fire(scheduler, run_id, 10) == "nagged"
    assert [m.title for m in desktop.shown] == ["Pay the invoices"] * 2
    assert scheduler.get_job(nag_job_id(push_id, run_id)).next_run_time == _at(20)()
    # The same job time fired twice (a crash before the job store noted it): one nag.
    assert _fire(scheduler, run_id, 10) == "waiting"
    assert len(desktop.shown) == 2

    # Restart with the job lost: reconcile arms it again from the row.
    scheduler.remove_job(nag_job_id(push_id, run_id))
    service.reconcile(now=_at(11)())
    assert scheduler.get_job(nag_job_id(push_id, run_id)).next_run_time == _at(20)()

    assert _fire(scheduler, run_id, 20) == "nagged"
    assert _fire(scheduler, run_id, 25) == "escalated"
    assert len(desktop.shown) == 3
    assert len(fake.requests) == 1
    [text] = _slack_texts(fake)
    assert "Not done: Pay the invoices" in text
    assert "not marked done within 25 minutes" in text
    assert "due at 2030-01-07 09:00" in text  # in the reminder's own zone (Europe/Berlin)
    assert _fire(scheduler, run_id, 26) == "waiting"
    assert len(fake.requests) == 1  # escalated once

    assert mark_done(database, push_id, scheduler, clock=_at(27)) == 1
    assert scheduler.get_job(nag_job_id(push_id, run_id)) is None
    assert _fire(scheduler, run_id, 30) == "done"  # a job that fired anyway
    assert len(desktop.shown) == 3 and len(fake.requests) == 1
    with database.session() as session:
        statuses = session.execute(
            select(Delivery.channel, Delivery.status).order_by(Delivery.id)
        ).all()
        row = session.execute(select(Nag)).scalars().one()
    assert [tuple(s) for s in statuses] == [("desktop", "sent")] * 3 + [("slack", "sent")]
    assert (row.nags_sent, row.escalated_at, row.done_at) == (2, _at(25)(), _at(27)())


def test_done_before_the_escalation_means_nobody_is_told(world, database, scheduler, desktop, fake):
    service, room = world
    push_id = service.create(_nagging(room))
    run_push(push_id, context=scheduler.job_context.at(T0))
    run_id = _run_id(database)
    assert _fire(scheduler, run_id, 10) == "nagged"
    mark_done(database, push_id, scheduler, clock=_at(12))
    assert _fire(scheduler, run_id, 25) == "done"
    assert fake.requests == [] and len(desktop.shown) == 2


def test_two_jobs_at_once_escalate_once_and_a_long_sleep_gives_one_nag(
    world, database, scheduler, desktop, fake
):
    service, room = world
    push_id = service.create(_nagging(room))
    run_push(push_id, context=scheduler.job_context.at(T0))
    run_id = _run_id(database)
    # Asleep for three hours: eighteen nag times passed; one nag goes, and the escalation.
    gate = threading.Barrier(2)
    results = []

    def fire():
        gate.wait(HANG)
        results.append(_fire(scheduler, run_id, 180))

    threads = [threading.Thread(target=fire) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG)
    assert sorted(results) == ["both", "waiting"]
    assert len(fake.requests) == 1 and len(desktop.shown) == 2
    assert scheduler.get_job(nag_job_id(push_id, run_id)).next_run_time == _at(190)()


def test_the_real_scheduler_fires_the_nag_job(world, database, scheduler, desktop, fake):
    """Due two hours ago by the real clock: resuming the scheduler fires the nag job, which
    sends one nag and the escalation, and sets itself for the next nag time."""
    service, room = world
    push_id = service.create(_nagging(room, every=30, after=60))
    due = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    run_push(push_id, context=scheduler.job_context.at(due))
    scheduler.resume()
    run_id = _run_id(database)

    def rearmed():
        job = scheduler.get_job(nag_job_id(push_id, run_id))
        return job is not None and job.next_run_time > datetime.now(UTC)

    deadline = time.monotonic() + HANG
    while not (rearmed() and len(fake.requests) == 1) and time.monotonic() < deadline:
        scheduler.wait_for_pass()
    assert rearmed()
    assert len(fake.requests) == 1 and len(desktop.shown) == 2


def test_a_later_run_stops_the_earlier_runs_nags(world, database, scheduler, desktop):
    service, room = world
    push_id = service.create(_nagging(room, after=0))
    run_push(push_id, context=scheduler.job_context.at(T0))
    run_push(push_id, context=scheduler.job_context.at(T0 + timedelta(days=1)))
    with database.session() as session:
        first, second = session.execute(select(Nag).order_by(Nag.id)).scalars().all()
        assert first.done_at is not None and second.done_at is None
    assert _fire(scheduler, first.run_id, 10) == "done"


def test_only_reminders_to_oneself_nag(world, database, scheduler, fake):
    service, room = world
    room_only = replace(_nagging(room), targets=(Target("slack", room),))
    push_id = service.create(room_only)
    run_push(push_id, context=scheduler.job_context.at(T0))
    with database.session() as session:
        assert session.execute(select(Nag)).scalars().all() == []


def test_bad_nag_settings_are_named():
    assert validate_nag(NagSpec(10, 25, {"kind": "slack", "channel_id": 1})) == []
    cases = [
        (NagSpec(0), "nag.every_minutes"),
        (NagSpec(24 * 60 + 1), "nag.every_minutes"),
        (
            NagSpec(10, 7 * 24 * 60 + 1, {"kind": "slack", "channel_id": 1}),
            "nag.escalate_after_minutes",
        ),
        (NagSpec(10, 30), "nag.escalate_to"),
        (NagSpec(10, 30, {"kind": "desktop"}), "nag.escalate_to"),
    ]
    for nag, field in cases:
        assert [e.field for e in validate_nag(nag)] == [field]
    spec = _nagging(3)
    assert spec_from_dict(spec_to_dict(spec)) == spec
    data = spec_to_dict(spec)
    data["nag"] = {"every_minutes": "10"}
    with pytest.raises(SpecError) as caught:
        spec_from_dict(data)
    assert [e.field for e in caught.value.errors] == ["nag.every_minutes"]
