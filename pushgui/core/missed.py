"""Runs that fell due while pushgui was not running (or the machine slept), and what to do.

A run counts as missed when it starts more than :data:`LATE_AFTER` after it was due. Each
push's policy decides: ``once`` sends one run for all that were missed (the latest), ``all``
sends every missed run, ``skip`` sends none, ``late`` sends those less than
``options.max_late`` seconds late. A run that is not sent is recorded as skipped, so nothing
is ever silently gone. At start the GUI may ask the user instead (:func:`find_missed`,
:func:`resolve`); headless, the policy decides.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from apscheduler.triggers.date import DateTrigger
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pushgui.core.clock import Clock, utc_now
from pushgui.core.i18n import QT_TRANSLATE_NOOP
from pushgui.core.schedule.preview import next_fire_time
from pushgui.core.specs import PushOptions, spec_from_dict
from pushgui.core.store import db
from pushgui.core.store.db import Database
from pushgui.core.store.models import Push, Run, jobs_table

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
    push_id: int, run_times: Sequence[datetime], clock: Clock = utc_now
) -> list[tuple[datetime, bool]]:
    """The plan for a push's due times under its policy, as late as ``clock`` says they
    are; skipped ones are recorded now."""
    now = clock()
    if not any(is_late(t, now) for t in run_times):
        return [(t, True) for t in run_times]  # on time: no policy to read (a burst's case)
    database = db.current()
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
        return None if push is None else spec_from_dict(json.loads(push.spec)).options


def find_missed(database: Database, scheduler: Any, now: datetime) -> list[MissedRun]:
    """Every run of every scheduled push that is already late, oldest first per push.

    Call with the scheduler started but paused, before it runs anything.
    """
    cutoff = (now - LATE_AFTER).timestamp()
    with database.session() as session:
        ids = list(
            session.execute(
                select(jobs_table.c.id).where(
                    jobs_table.c.next_run_time <= cutoff, jobs_table.c.id.not_like("%:%")
                )
            ).scalars()
        )
        names = dict(session.execute(select(Push.id, Push.name)).all())
    missed: list[MissedRun] = []
    for job_id in ids:
        job = scheduler.get_job(job_id)
        push_id = int(job_id)
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
) -> None:
    """Apply the user's choices: queue the runs to send, record the skipped ones, and move
    each push's schedule on to its first run after ``now``."""
    latest: dict[int, datetime] = {}
    for run in missed:
        key = (run.push_id, run.due)
        latest[run.push_id] = max(run.due, latest.get(run.push_id, run.due))
        if decisions.get(key, "send") == "send":
            scheduler.add_job(
                "pushgui.core.runner:run_push",
                trigger=DateTrigger(now),
                args=[run.push_id],
                kwargs={"reason": "missed", "scheduled_for": run.due.timestamp()},
                id=f"{run.push_id}:missed:{int(run.due.timestamp())}",
                misfire_grace_time=None,
                replace_existing=True,
            )
        else:
            why = QT_TRANSLATE_NOOP("stored", "Missed; skipped when pushgui started")
            record_skipped(database, run.push_id, run.due, why)
    for push_id in latest:
        job = scheduler.get_job(str(push_id))
        with database.session() as session:
            push = session.get(Push, push_id)
            text = push.spec if push is not None else None
        if job is None or text is None:
            continue
        following = next_fire_time(spec_from_dict(json.loads(text)).trigger, None, now)
        if following is None:
            scheduler.remove_job(str(push_id))
        else:
            job.modify(next_run_time=following)
    log.info("Resolved %d missed runs", len(decisions))
