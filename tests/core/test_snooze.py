"""Snoozing a reminder: a persisted one-off job that shows the same reminder again."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from pushgui.core.runs.jobs import SHOW_SNOOZED, snooze_id
from pushgui.core.runs.snooze import run_snoozed, snooze, until_for
from pushgui.core.store.models import Delivery, Run
from tests.core.conftest import make_scheduler
from tests.core.test_service import wait_for
from tests.helpers import weekdays_at_nine


def test_snooze_adds_a_one_off_job_with_the_reminder_it_shows(service, scheduler):
    push_id = service.create(weekdays_at_nine("Standup"))
    until = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5)
    job_id = snooze(scheduler, push_id, until, "Standup now", "Room 4")
    assert job_id == f"{push_id}:snooze:{int(until.timestamp())}" == snooze_id(push_id, until)
    job = scheduler.get_job(job_id)
    assert job.func_ref == SHOW_SNOOZED
    assert job.args == (push_id, "Standup now", "Room 4")
    assert job.next_run_time == until
    assert scheduler.get_job(str(push_id)) is not None  # the schedule is untouched


def test_a_due_snooze_shows_the_same_reminder_through_the_desktop_only(
    service, scheduler, database, desktop
):
    push_id = service.create(weekdays_at_nine("Standup"))
    until = datetime.now(UTC) + timedelta(seconds=0.3)
    job_id = snooze(scheduler, push_id, until, "Snoozed title", "Snoozed body")
    scheduler.resume()
    assert wait_for(lambda: len(desktop.shown) == 1)
    [shown] = desktop.shown
    assert (shown.push_id, shown.push_name, shown.title, shown.body) == (
        push_id,
        "Standup",
        "Snoozed title",
        "Snoozed body",
    )
    assert wait_for(lambda: scheduler.get_job(job_id) is None)
    assert wait_for(lambda: _statuses(database) == ["ok"])
    with database.session() as session:
        [run] = session.execute(select(Run)).scalars()
        [delivery] = session.execute(select(Delivery)).scalars()
        assert (run.reason, run.status) == ("snooze", "ok")
        assert (delivery.channel, delivery.status, delivery.title) == (
            "desktop",
            "sent",
            "Snoozed title",
        )
        # Never a whole second: a scheduled run at that time must still be able to start.
        assert run.scheduled_at.microsecond != 0


def test_a_snooze_survives_a_restart(service, scheduler, database):
    push_id = service.create(weekdays_at_nine())
    until = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    job_id = snooze(scheduler, push_id, until, "Later", "")
    scheduler.shutdown(wait=True)

    again = make_scheduler(database)
    again.start(paused=True)
    try:
        report = type(service)(database, again).reconcile()
        assert job_id not in report.removed
        job = again.get_job(job_id)
        assert job is not None and job.next_run_time == until
    finally:
        again.shutdown(wait=True)


def test_deleting_the_push_drops_its_snooze_and_a_late_one_finds_nothing(
    service, scheduler, desktop
):
    push_id = service.create(weekdays_at_nine())
    until = datetime.now(UTC) + timedelta(minutes=5)
    job_id = snooze(scheduler, push_id, until, "Later", "")
    service.delete(push_id)
    assert scheduler.get_job(job_id) is None
    assert run_snoozed(push_id, "Later", "", context=scheduler.job_context) == "missing"
    assert desktop.shown == []


def test_snooze_choices():
    now = datetime(2026, 3, 28, 9, 0, 12, 500_000, tzinfo=ZoneInfo("Europe/Berlin"))
    assert until_for("5min", now) == now.replace(microsecond=0) + timedelta(minutes=5)
    assert until_for("15min", now) == now.replace(microsecond=0) + timedelta(minutes=15)
    assert until_for("1h", now) == now.replace(microsecond=0) + timedelta(hours=1)
    # Clocks go forward that night: tomorrow at the same time is 23 hours later, still 09:00.
    tomorrow = until_for("tomorrow", now, "Europe/Berlin").astimezone(ZoneInfo("Europe/Berlin"))
    assert (tomorrow.day, tomorrow.hour, tomorrow.minute, tomorrow.second) == (29, 9, 0, 12)
    assert tomorrow.astimezone(UTC) - now.replace(microsecond=0).astimezone(UTC) == timedelta(
        hours=23
    )


def _statuses(database):
    with database.session() as session:
        return list(session.execute(select(Run.status)).scalars())


def test_a_snooze_shown_on_a_whole_second_leaves_that_second_to_the_schedule(
    service, scheduler, database, desktop
):
    push_id = service.create(weekdays_at_nine("Standup"))
    moment = datetime(2030, 1, 7, 8, 0, 0, tzinfo=UTC)  # a scheduled run's kind of time
    context = replace(scheduler.job_context, clock=lambda: moment)
    assert run_snoozed(push_id, "Again", "Body", context=context) == "ok"
    with database.session() as session:
        [run] = session.execute(select(Run)).scalars()
    assert run.started_at == moment == run.finished_at
    assert run.scheduled_at == moment + timedelta(microseconds=1)
    # The scheduled run due at that very second can still be recorded.
    from pushgui.core.runs.missed import record_skipped

    assert record_skipped(database, push_id, moment, "test", reason="schedule")
