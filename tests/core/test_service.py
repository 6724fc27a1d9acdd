"""Pushes and jobs kept in step: create, edit, pause, delete, run, and reconcile at start."""

from __future__ import annotations

import pickle
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from pushgui.core.errors import SpecError
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message
from pushgui.core.runs.runner import run_push
from pushgui.core.store.models import Delivery, Run, jobs_table
from tests.core.conftest import HANG, make_scheduler
from tests.helpers import every_minutes, once_in, weekdays_at_nine


def job_rows(database):
    with database.engine.connect() as connection:
        return {row.id: row.next_run_time for row in connection.execute(select(jobs_table))}


def runs_of(database, push_id):
    with database.session() as session:
        return list(
            session.execute(select(Run).where(Run.push_id == push_id).order_by(Run.id)).scalars()
        )


def wait_for(predicate, timeout=HANG):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def test_create_saves_the_spec_and_schedules_its_job(service, database):
    spec = weekdays_at_nine()
    push_id = service.create(spec)
    assert service.get(push_id) == spec
    jobs = job_rows(database)
    assert list(jobs) == [str(push_id)]
    [row] = service.rows()
    assert row.name == "Standup" and row.enabled
    assert row.next_run is not None
    local = row.next_run.astimezone(ZoneInfo(spec.trigger.timezone))
    assert (local.hour, local.minute, local.weekday() < 5) == (9, 0, True)
    assert row.next_run.timestamp() == pytest.approx(jobs[str(push_id)])


def test_an_invalid_spec_is_refused_and_nothing_is_saved(service, database):
    bad = replace(weekdays_at_nine(), name="  ", message=Message(""))
    with pytest.raises(SpecError) as caught:
        service.create(bad)
    assert {e.field for e in caught.value.errors} == {"name", "message.title"}
    assert service.rows() == []
    assert job_rows(database) == {}


def test_a_spec_the_reader_would_refuse_is_refused_when_saved(service, database):
    """A start time with a UTC offset (built by code, not the editor) passed the checks, was
    saved, and was set aside as damaged at the next start. Saving now refuses it with the
    reader's own words, and saves nothing."""
    spec = every_minutes(60, datetime.now(UTC) + timedelta(minutes=5), "Stretch")
    aware = replace(spec, trigger=replace(spec.trigger, start=datetime.now(UTC)))
    for save in (service.create, lambda s: service.save_new([s])):
        with pytest.raises(SpecError) as caught:
            save(aware)
        [error] = caught.value.errors
        assert error.field == "trigger.start"
        assert "without a UTC offset" in error.message
    assert service.rows() == []
    assert job_rows(database) == {}


def test_a_due_push_fires_and_records_scheduled_and_actual_time(
    service, database, scheduler, desktop
):
    spec = once_in(1.0)
    push_id = service.create(spec)
    scheduler.resume()
    assert wait_for(
        lambda: runs_of(database, push_id) and runs_of(database, push_id)[0].status == "ok"
    )
    [run] = runs_of(database, push_id)
    due = spec.trigger.at.replace(tzinfo=ZoneInfo(spec.trigger.timezone))
    assert run.scheduled_at == due
    assert due <= run.started_at  # never early; how late is for bench/long_wait.py
    assert run.finished_at >= run.started_at
    with database.session() as session:
        [delivery] = session.execute(select(Delivery)).scalars()
        assert (delivery.channel, delivery.recipient, delivery.status) == ("desktop", "me", "sent")
    assert [m.title for m in desktop.shown] == [spec.message.title]
    # A one-off push has no next run once it ran.
    assert wait_for(lambda: job_rows(database) == {})
    [row] = service.rows()
    assert row.next_run is None and row.last_status == "ok"


def test_the_same_scheduled_run_is_never_started_twice(scheduler, service, database, desktop):
    push_id = service.create(weekdays_at_nine())
    moment = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
    ctx = scheduler.job_context.at(moment)
    assert run_push(push_id, context=ctx) == "ok"
    assert run_push(push_id, context=ctx) == "duplicate"
    assert len(runs_of(database, push_id)) == 1
    assert len(desktop.shown) == 1


def test_editing_the_message_keeps_the_job_and_editing_the_schedule_replaces_it(service, database):
    push_id = service.create(every_minutes(30, datetime.now(UTC) - timedelta(minutes=10)))
    before = job_rows(database)[str(push_id)]
    spec = service.get(push_id)
    service.update(push_id, replace(spec, message=Message("New words")))
    assert job_rows(database)[str(push_id)] == before
    service.update(push_id, replace(spec, trigger=replace(spec.trigger, every=5)))
    after = job_rows(database)[str(push_id)]
    assert after != before
    assert after - time.time() <= 5 * 60


def test_pause_removes_the_job_and_resume_schedules_from_now(service, database):
    push_id = service.create(weekdays_at_nine())
    service.set_enabled(push_id, False)
    assert job_rows(database) == {}
    assert service.rows()[0].enabled is False
    service.set_enabled(push_id, True)
    assert list(job_rows(database)) == [str(push_id)]


def test_delete_removes_the_push_its_jobs_and_history(scheduler, service, database, desktop):
    push_id = service.create(weekdays_at_nine())
    service.run_now(push_id)
    assert len(job_rows(database)) == 2
    ctx = scheduler.job_context.at(datetime(2030, 1, 7, tzinfo=UTC))
    run_push(push_id, context=ctx)
    service.delete(push_id)
    assert job_rows(database) == {}
    assert service.rows() == []
    assert runs_of(database, push_id) == []


def test_run_now_runs_once_without_touching_the_schedule(service, database, scheduler, desktop):
    push_id = service.create(weekdays_at_nine())
    scheduled = job_rows(database)[str(push_id)]
    service.run_now(push_id)
    scheduler.resume()
    assert wait_for(lambda: len(desktop.shown) == 1)
    assert wait_for(lambda: list(job_rows(database)) == [str(push_id)])
    assert job_rows(database)[str(push_id)] == scheduled
    [run] = runs_of(database, push_id)
    assert run.reason == "manual"


def test_duplicate_copies_the_spec_under_a_new_name(service):
    push_id = service.create(weekdays_at_nine())
    copy_id = service.duplicate(push_id)
    assert service.get(copy_id) == replace(service.get(push_id), name="Standup (copy)")


# -- reconcile -------------------------------------------------------------------------------


def restart(database, desktop=None):
    """A new scheduler on the same database, reconciled as at start (still paused)."""
    scheduler = make_scheduler(database, desktop=desktop)
    scheduler.start(paused=True)
    service = PushService(database, scheduler)
    return scheduler, service, service.reconcile()


def test_reconcile_adds_missing_jobs_and_removes_orphans(service, database, scheduler):
    push_id = service.create(weekdays_at_nine())
    scheduler.shutdown()
    with database.engine.begin() as connection:
        connection.execute(jobs_table.delete())
        orphan = pickle.dumps({"not": "a job"})
        connection.execute(
            jobs_table.insert().values(id="424242", next_run_time=1.0, job_state=orphan)
        )
    second, _service, report = restart(database)
    try:
        assert report.added == [push_id]
        assert report.removed == ["424242"]
        assert list(job_rows(database)) == [str(push_id)]
    finally:
        second.shutdown()


def test_an_unreadable_job_is_rebuilt_from_the_spec_keeping_its_next_run(
    service, database, scheduler
):
    push_id = service.create(weekdays_at_nine())
    scheduler.shutdown()
    missed = time.time() - 3600
    with database.engine.begin() as connection:
        connection.execute(
            text("UPDATE apscheduler_jobs SET job_state = :s, next_run_time = :t"),
            {"s": b"\x80\x04garbage", "t": missed},
        )
    second, _service, report = restart(database)
    try:
        assert report.rebuilt == [push_id]
        assert job_rows(database)[str(push_id)] == pytest.approx(missed)
        assert second.get_job(str(push_id)) is not None
    finally:
        second.shutdown()


def test_a_missed_run_is_not_dropped_at_restart(service, database, scheduler, desktop):
    start = datetime.now(UTC) - timedelta(hours=3)
    push_id = service.create(every_minutes(60, start))
    # The app was closed for two hours: the stored next run is in the past.
    missed = datetime.now(UTC) - timedelta(hours=2) + timedelta(minutes=10)
    scheduler.modify_job(str(push_id), next_run_time=missed)
    scheduler.shutdown()
    restarted = datetime.now(UTC)
    second, _service, report = restart(database, desktop)
    try:
        assert report.added == [] and report.rebuilt == []
        second.resume()
        assert wait_for(lambda: [r.status for r in runs_of(database, push_id)] == ["skipped", "ok"])
        skipped, run = runs_of(database, push_id)
        # "Send once as soon as possible": the latest missed time is sent now, the earlier
        # one is recorded as skipped, not silently dropped.
        assert skipped.scheduled_at == missed and "Missed" in skipped.error
        assert run.scheduled_at == missed + timedelta(hours=1)
        assert run.started_at >= restarted
        assert wait_for(lambda: job_rows(database)[str(push_id)] > time.time())
    finally:
        second.shutdown()


def test_a_one_off_push_that_ran_is_not_run_again_after_a_crash(
    service, database, scheduler, desktop
):
    spec = once_in(0.3)
    push_id = service.create(spec)
    scheduler.resume()
    assert wait_for(lambda: len(desktop.shown) == 1)
    scheduler.shutdown()
    second, _service, report = restart(database, desktop)
    try:
        second.resume()
        second.wait_for_pass()  # where it would run again
        assert second.started == []
        assert report.added == [] and report.finished == [push_id]
        assert len(desktop.shown) == 1
        assert len(runs_of(database, push_id)) == 1
    finally:
        second.shutdown()


def test_a_one_off_push_whose_job_was_fired_but_not_run_runs_after_restart(
    service, database, scheduler, desktop
):
    """Killed between the job store update and the run: the push still runs, once."""
    spec = once_in(-60)  # its time has passed: saved as it was a minute before that
    at = spec.trigger.at.replace(tzinfo=ZoneInfo(spec.trigger.timezone))
    push_id = service.create(spec, now=at - timedelta(minutes=1))
    scheduler.shutdown()
    with database.engine.begin() as connection:
        connection.execute(jobs_table.delete())
    second, _service, report = restart(database, desktop)
    try:
        assert report.added == [push_id]
        second.resume()
        assert wait_for(lambda: len(desktop.shown) == 1)
        assert len(runs_of(database, push_id)) == 1
    finally:
        second.shutdown()


def test_a_daily_push_started_weeks_ago_does_not_send_every_past_day(
    service, database, scheduler, desktop
):
    start = datetime.now(UTC) - timedelta(days=20)
    spec = replace(
        every_minutes(1, start), trigger=replace(every_minutes(1, start).trigger, unit="days")
    )
    push_id = service.create(replace(spec, options=replace(spec.options, missed="all")))
    assert job_rows(database)[str(push_id)] > time.time()
    scheduler.resume()
    scheduler.wait_for_pass()  # where the past days would have been started
    assert scheduler.started == []
    assert desktop.shown == []
    assert runs_of(database, push_id) == []
