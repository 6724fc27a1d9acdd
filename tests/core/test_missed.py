"""Missed runs: each policy, recorded in the history, and the user's choices at start."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import PushOptions
from pushgui.core.runs.missed import apply_policy, find_missed, plan_runs, resolve
from pushgui.core.store.models import Run
from tests.core.conftest import HANG, make_scheduler
from tests.helpers import every_minutes, weekdays_at_nine

NOW = datetime(2030, 1, 7, 12, 0, tzinfo=UTC)
TIMES = [NOW - timedelta(hours=h) for h in (3, 2, 1)] + [NOW - timedelta(seconds=2)]


@pytest.mark.parametrize(
    ("options", "sent"),
    [
        (PushOptions(missed="once"), [False, False, False, True]),
        (PushOptions(missed="all"), [True, True, True, True]),
        (PushOptions(missed="skip"), [False, False, False, True]),
        (PushOptions(missed="late", max_late=90 * 60), [False, False, True, True]),
    ],
)
def test_each_policy_plans_which_due_times_are_sent(options, sent):
    assert [send for _t, send in plan_runs(options, TIMES, NOW)] == sent


def test_a_run_a_few_seconds_late_is_never_skipped():
    for policy in ("once", "all", "skip", "late"):
        plan = plan_runs(
            PushOptions(missed=policy, max_late=60), [NOW - timedelta(seconds=30)], NOW
        )
        assert plan == [(NOW - timedelta(seconds=30), True)]


def statuses(database, push_id):
    with database.session() as session:
        rows = session.execute(select(Run).where(Run.push_id == push_id).order_by(Run.scheduled_at))
        return [(r.status, r.reason) for r in rows.scalars()]


def wait_for(predicate, timeout=HANG):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def closed_for_three_hours(service, scheduler, policy, max_late=3600):
    """A push every hour whose app was closed for three hours and a half."""
    spec = every_minutes(60, datetime.now(UTC) - timedelta(hours=5))
    spec = replace(spec, options=PushOptions(missed=policy, max_late=max_late))
    push_id = service.create(spec)
    scheduler.modify_job(
        str(push_id), next_run_time=datetime.now(UTC) - timedelta(hours=3, minutes=30)
    )
    return push_id


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("all", [("ok", "schedule")] * 4),
        ("once", [("skipped", "missed")] * 3 + [("ok", "schedule")]),
        ("skip", [("skipped", "missed")] * 4),
        ("late", [("skipped", "missed")] * 3 + [("ok", "schedule")]),
    ],
)
def test_after_a_restart_the_policy_decides_and_every_missed_run_is_recorded(
    service, scheduler, database, desktop, policy, expected
):
    push_id = closed_for_three_hours(service, scheduler, policy, max_late=45 * 60)
    scheduler.resume()
    assert wait_for(lambda: statuses(database, push_id) == expected), statuses(database, push_id)
    assert len(desktop.shown) == sum(1 for s, _ in expected if s == "ok")
    assert scheduler.get_job(str(push_id)).next_run_time > datetime.now(UTC)


def test_the_user_chooses_per_missed_run_at_start(service, scheduler, database, desktop):
    push_id = closed_for_three_hours(service, scheduler, "once")
    scheduler.shutdown()
    second = make_scheduler(database, desktop=desktop)
    second.start(paused=True)
    try:
        service = PushService(database, second)
        service.reconcile()
        now = datetime.now(UTC)
        missed = find_missed(database, second, now)
        assert [m.push_id for m in missed] == [push_id] * 4
        assert all(m.push_name == "Interval" for m in missed)
        first, *rest = missed
        decisions = {(first.push_id, first.due): "send"}
        decisions.update({(m.push_id, m.due): "skip" for m in rest})
        resolve(database, second, missed, decisions, now)
        second.resume()
        assert wait_for(lambda: len(desktop.shown) == 1)
        expected = [("ok", "missed")] + [("skipped", "missed")] * 3
        assert wait_for(lambda: statuses(database, push_id) == expected)
        with database.session() as session:
            sent = session.execute(select(Run).where(Run.status == "ok")).scalars().one()
        assert sent.scheduled_at == first.due
        assert second.get_job(str(push_id)).next_run_time > now
        assert find_missed(database, second, datetime.now(UTC)) == []
    finally:
        second.shutdown()


def test_how_late_a_run_is_is_read_from_the_clock_and_a_skip_is_recorded_then(service, database):
    spec = weekdays_at_nine()
    push_id = service.create(replace(spec, options=PushOptions(missed="late", max_late=600)))
    due = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
    nine_late = due + timedelta(minutes=9)
    assert apply_policy(database, push_id, [due], clock=lambda: nine_late) == [(due, True)]
    assert statuses(database, push_id) == []
    later = due + timedelta(days=1)
    eleven_late = later + timedelta(minutes=11)
    assert apply_policy(database, push_id, [later], clock=lambda: eleven_late) == [(later, False)]
    with database.session() as session:
        [run] = session.execute(select(Run).where(Run.push_id == push_id)).scalars()
    assert (run.scheduled_at, run.status, run.started_at) == (later, "skipped", eleven_late)
