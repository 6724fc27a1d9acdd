"""Runs that fell due while pushgui was not running (or the machine slept), and what to do.

A run counts as missed when it starts more than :data:`LATE_AFTER` after it was due. Each
push's policy decides: ``once`` sends one run for all that were missed (the latest), ``all``
sends every missed run, ``skip`` sends none, ``late`` sends those less than
``options.max_late`` seconds late. A run that is not sent is recorded as skipped, so nothing
is ever silently gone. At start the GUI may ask the user instead (:func:`find_missed`,
:func:`resolve`); headless, the policy decides.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pushgui.core.pushes.spec import PushOptions, spec_from_stored
from pushgui.core.runs import jobs
from pushgui.core.schedule.preview import next_fire_time
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.store.db import Database
from pushgui.core.store.models import Push, Run
from pushgui.core.system.clock import Clock, utc_now
from pushgui.core.system.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

LATE_AFTER = timedelta(seconds=60)
MAX_LISTED = 50  # missed runs listed per push; older ones are summed up

Decision = Literal["send", "skip"]


@dataclass(frozen=True)
class MissedRun:
    push_id: int
    push_name: str
    due: datetime


def is_late(due: datetime, now: datetime) -> bool:
    return now - due > LATE_AFTER


def plan_runs(
    options: PushOptions, run_times: Sequence[datetime], now: datetime
) -> list[tuple[datetime, bool]]:
    """For each due time, whether to send it (True) or record it as skipped (False)."""
    late = [is_late(t, now) for t in run_times]
    if not any(late):
        return [(t, True) for t in run_times]
    if options.missed == "all":
        return [(t, True) for t in run_times]
    if options.missed == "skip":
        return [(t, not is_late_) for t, is_late_ in zip(run_times, late, strict=True)]
    if options.missed == "late":
        limit = timedelta(seconds=options.max_late)
        return [(t, now - t <= limit) for t in run_times]
    # "once": the latest of the missed runs is sent, the others are recorded as skipped.
    return [(t, i == len(run_times) - 1) for i, t in enumerate(run_times)]


def apply_policy(
    database: Database, push_id: int, run_times: Sequence[datetime], clock: Clock = utc_now
) -> list[tuple[datetime, bool]]:
    """The plan for a push's due times under its policy, as late as ``clock`` says they
    are; skipped ones are recorded now."""
    now = clock()
    if not any(is_late(t, now) for t in run_times):
        return [(t, True) for t in run_times]  # on time: no policy to read (a burst's case)
    options = options_of(database, push_id) or PushOptions()
    plan = plan_runs(options, run_times, now)
    for due, send in plan:
        if not send:
            record_skipped(database, push_id, due, skip_reason(options), clock=clock)
    return plan


def skip_reason(options: PushOptions) -> str:
    return {
        "once": QT_TRANSLATE_NOOP("stored", "Missed; sent once for several missed runs"),
        "skip": QT_TRANSLATE_NOOP(
            "stored", "Missed while pushgui was not running; skipped as this reminder asks"
        ),
        "late": f"More than {options.max_late // 60} minutes late; skipped as this reminder asks",
    }.get(options.missed, QT_TRANSLATE_NOOP("stored", "Skipped"))


def record_skipped(
    database: Database,
    push_id: int,
    due: datetime,
    why: str,
    reason: str = "missed",
    clock: Clock = utc_now,
) -> bool:
    """A run row saying this due time was skipped; False if that run was already recorded."""
    now = clock()
    try:
        with database.session() as session:
            session.add(
                Run(
                    push_id=push_id,
                    reason=reason,
                    scheduled_at=due,
                    started_at=now,
                    finished_at=now,
                    status="skipped",
                    error=why,
                )
            )
    except IntegrityError:
        return False
    return True


def options_of(database: Database, push_id: int) -> PushOptions | None:
    with database.session() as session:
        push = session.get(Push, push_id)
        return (
            None if push is None else spec_from_stored(push.spec, push.name, push.enabled).options
        )


def find_missed(database: Database, scheduler: Any, now: datetime) -> list[MissedRun]:
    """Every run of every scheduled push that is already late, oldest first per push.

    Call with the scheduler started but paused, before it runs anything.
    """
    cutoff = (now - LATE_AFTER).timestamp()
    with database.session() as session:
        due = jobs.due_schedules(session, cutoff)
        names = dict(session.execute(select(Push.id, Push.name)).all())
    missed: list[MissedRun] = []
    for push_id in due:
        job = jobs.schedule_job(scheduler, push_id)
        if job is None or push_id not in names:
            continue
        times = job._get_run_times(now)
        missed.extend(MissedRun(push_id, names[push_id], t) for t in times[-MAX_LISTED:])
    return missed


def resolve(
    database: Database,
    scheduler: Any,
    missed: Iterable[MissedRun],
    decisions: Mapping[tuple[int, datetime], Decision],
    now: datetime,
    calendars: Calendars | None = None,
) -> None:
    """Apply the user's choices: queue the runs to send, record the skipped ones, and move
    each push's schedule on to its first run after ``now`` (by ``calendars``, the app's)."""
    latest: dict[int, datetime] = {}
    for run in missed:
        key = (run.push_id, run.due)
        latest[run.push_id] = max(run.due, latest.get(run.push_id, run.due))
        if decisions.get(key, "send") == "send":
            jobs.add_missed_run(scheduler, run.push_id, run.due, now)
        else:
            why = QT_TRANSLATE_NOOP("stored", "Missed; skipped when pushgui started")
            record_skipped(database, run.push_id, run.due, why)
    for push_id in latest:
        job = jobs.schedule_job(scheduler, push_id)
        with database.session() as session:
            push = session.get(Push, push_id)
            spec = None if push is None else spec_from_stored(push.spec, push.name, push.enabled)
        if job is None or spec is None:
            continue
        following = next_fire_time(spec.trigger, None, now, calendars)
        if following is None:
            jobs.remove(scheduler, jobs.schedule_id(push_id))
        else:
            job.modify(next_run_time=following)
    log.info("Resolved %d missed runs", len(decisions))
