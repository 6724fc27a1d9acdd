"""Heads-up before a push goes to other people: "this is about to be sent; skip it?"

A push with ``options.heads_up_minutes`` set (and any recipient other than "me") gets a
second job (a heads-up job, :mod:`pushgui.core.runs.jobs`), a one-off at its next run minus that
many minutes. The schedule job itself is untouched and sends as usual unless the user skips
the run. The heads-up job is armed when the push is scheduled
(:meth:`PushService._schedule`), changed or reconciled, re-armed after each run by a
scheduler listener (:func:`install`, added by the composition root), and checks at fire
time that the run it announces is still the next one.

What the user sees is up to the front end: the GUI hands a handler in the job context
(``JobContext.headsup``) that shows a window with Skip this time / Edit / Send now;
headless, the heads-up is logged.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_SUBMITTED, JobSubmissionEvent
from sqlalchemy import select

from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.pushes.spec import PushSpec, spec_from_stored
from pushgui.core.runs import jobs
from pushgui.core.runs.jobs import JobContext, handed
from pushgui.core.store.db import Database
from pushgui.core.store.models import Push
from pushgui.core.system.clock import Clock, utc_now

log = logging.getLogger(__name__)

_SAME = timedelta(milliseconds=1)
# How a stored spec names its heads-up (json.dumps of spec_to_dict's "options").
_HEADS_UP_KEY = '"heads_up_minutes"'


@dataclass(frozen=True)
class HeadsUp:
    """A run of ``push_id`` due at ``due`` (aware, UTC) that is about to go out."""

    push_id: int
    push_name: str
    title: str
    due: datetime


Handler = Callable[[HeadsUp], None]


def _log_handler(notice: HeadsUp) -> None:
    log.info("Heads-up: %r is sent at %s", notice.push_name, notice.due.isoformat())


def applies(spec: PushSpec) -> bool:
    """Whether ``spec`` wants a heads-up: it is on, set, and reaches someone besides "me"."""
    return (
        spec.enabled
        and spec.options.heads_up_minutes > 0
        and any(t.kind != DESKTOP for t in spec.targets)
    )


def arm(
    scheduler: Any,
    push_id: int,
    spec: PushSpec,
    next_run: datetime | None,
    now: datetime | None = None,
    clock: Clock = utc_now,
) -> datetime | None:
    """Set the heads-up for the run at ``next_run``; returns when it shows, or ``None``.

    A run closer than the heads-up time gets its heads-up at once; no run, a run already
    due, or a push that does not want one removes the heads-up job.
    """
    now = now or clock()
    if not applies(spec) or next_run is None or next_run <= now:
        disarm(scheduler, push_id)
        return None
    when = max(next_run - timedelta(minutes=spec.options.heads_up_minutes), now)
    jobs.add_headsup(scheduler, push_id, when, next_run)
    return when


def disarm(scheduler: Any, push_id: int) -> None:
    jobs.remove(scheduler, jobs.headsup_id(push_id))


def _load(database: Database, push_id: int) -> PushSpec | None:
    with database.session() as session:
        push = session.get(Push, push_id)
        return None if push is None else spec_from_stored(push.spec, push.name, push.enabled)


def _load_with_heads_up(database: Database, push_ids: Sequence[int]) -> dict[int, PushSpec]:
    """The pushes among ``push_ids`` whose stored options ask for a heads-up.

    A stored spec names ``heads_up_minutes`` only when it is set (``spec_to_dict`` in
    :mod:`pushgui.core.pushes.spec`), so the database passes over the others by their text
    and only the rows that name it are read and checked: after a burst of 1,000 runs,
    building (and then reading) 1,000 specs on the window's thread for none competed with
    the run writer (docs/BENCHMARKS.md, "Burst").
    """
    found: dict[int, PushSpec] = {}
    with database.session() as session:
        for offset in range(0, len(push_ids), 500):  # under SQLite's variable limit
            chunk = push_ids[offset : offset + 500]
            for push_id, name, spec, enabled in session.execute(
                select(Push.id, Push.name, Push.spec, Push.enabled).where(
                    Push.id.in_(chunk), Push.spec.contains(_HEADS_UP_KEY, autoescape=True)
                )
            ):
                if _names_heads_up(spec):
                    found[push_id] = spec_from_stored(spec, name, enabled)
    return found


def _names_heads_up(text: str) -> bool:
    """Whether stored spec JSON sets ``options.heads_up_minutes`` (or cannot be read: then
    the full reading decides, and reports)."""
    try:
        data = json.loads(text)
    except ValueError:
        return True
    if not isinstance(data, dict) or not isinstance(data.get("options", {}), dict):
        return True
    return bool(data.get("options", {}).get("heads_up_minutes"))


def rearm(
    scheduler: Any, database: Database, push_id: int, spec: PushSpec | None = None
) -> datetime | None:
    """Arm the heads-up for the push's next scheduled run, whatever that is now."""
    spec = spec or _load(database, push_id)
    if spec is None:
        disarm(scheduler, push_id)
        return None
    job = jobs.schedule_job(scheduler, push_id)
    return arm(scheduler, push_id, spec, job.next_run_time if job is not None else None)


def announce(push_id: int, due_timestamp: float, *, context: JobContext | None = None) -> str:
    """The heads-up job: hand the notice to the context's handler; returns what it did.

    Nothing is announced once the run is due by the context's clock (a heads-up that fired
    late)."""
    ctx = handed(context)
    database = ctx.database
    scheduler = ctx.scheduler
    due = datetime.fromtimestamp(due_timestamp, UTC)
    spec = _load(database, push_id)
    if spec is None or not applies(spec) or scheduler is None:
        return "off"
    job = jobs.schedule_job(scheduler, push_id)
    if job is None or job.next_run_time is None:
        return "off"
    if abs(job.next_run_time - due) > _SAME:
        # The schedule moved (skipped, resolved after sleep, edited): announce its real run.
        rearm(scheduler, database, push_id, spec)
        return "moved"
    if ctx.clock() >= due:
        return "late"
    notice = HeadsUp(push_id=push_id, push_name=spec.name, title=spec.message.title, due=due)
    (ctx.headsup or _log_handler)(notice)
    return "shown"


def install(scheduler: Any, database: Database) -> None:
    """Re-arm a push's heads-up each time its schedule job is handed to the executor.

    APScheduler dispatches the submission event after it stored the job's next run time,
    so the heads-up goes to the run after the one starting. With a scheduler that reports
    the end of each pass (``add_pass_listener``), the pushes started in one pass are read
    in one query when the pass ends: a query per started push made a burst of 1,000 runs
    wait for a thousand reads before the last one was handed on (docs/BENCHMARKS.md,
    "Burst"). The composition root installs it once per scheduler.
    """
    started: list[int] = []

    def rearm_started(_count: int = 0) -> None:
        ids = list(dict.fromkeys(started))
        started.clear()
        try:
            specs = _load_with_heads_up(database, ids)
        except Exception:  # a heads-up must never disturb the scheduling pass
            log.exception("Could not re-arm the heads-ups of %d pushes", len(ids))
            return
        for push_id, spec in specs.items():
            if not (applies(spec) or spec.options.heads_up_minutes):
                continue
            try:
                rearm(scheduler, database, push_id, spec)
            except Exception:
                log.exception("Could not re-arm the heads-up of push %s", push_id)

    batched = hasattr(scheduler, "add_pass_listener")

    def on_submitted(event: JobSubmissionEvent) -> None:
        if jobs.is_schedule(event.job_id):
            started.append(int(event.job_id))
            if not batched:
                rearm_started()

    scheduler.add_listener(on_submitted, EVENT_JOB_SUBMITTED)
    if batched:
        scheduler.add_pass_listener(rearm_started)
