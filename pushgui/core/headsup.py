"""Heads-up before a push goes to other people: "this is about to be sent; skip it?"

A push with ``options.heads_up_minutes`` set (and any recipient other than "me") gets a
second job, ``"<push id>:headsup"``, a one-off at its next run minus that many minutes. The
schedule job itself is untouched and sends as usual unless the user skips the run. The
heads-up job is armed when the push is scheduled (:meth:`PushService._schedule`), changed
or reconciled, re-armed after each run by a scheduler listener (:func:`install`), and
checks at fire time that the run it announces is still the next one.

What the user sees is up to the front end: the GUI registers a handler
(:func:`register_handler`) that shows a window with Skip this time / Edit / Send now;
headless, the heads-up is logged.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_SUBMITTED, JobSubmissionEvent
from apscheduler.jobstores.base import JobLookupError
from apscheduler.triggers.date import DateTrigger
from sqlalchemy import select

from pushgui.core import context
from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.clock import Clock, utc_now
from pushgui.core.specs import PushSpec, spec_from_dict
from pushgui.core.store import db
from pushgui.core.store.db import Database
from pushgui.core.store.models import Push

log = logging.getLogger(__name__)

HEADSUP_FUNC = "pushgui.core.headsup:announce"
_SAME = timedelta(milliseconds=1)


def headsup_job_id(push_id: int) -> str:
    return f"{push_id}:headsup"


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


_handler: Handler = _log_handler
_lock = threading.Lock()


def register_handler(handler: Handler | None) -> None:
    """Install what shows a heads-up (called from a worker thread); ``None``: just log."""
    global _handler
    with _lock:
        _handler = handler or _log_handler


def _current_handler() -> Handler:
    with _lock:
        return _handler


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
    scheduler.add_job(
        HEADSUP_FUNC,
        trigger=DateTrigger(when),
        args=[push_id, next_run.timestamp()],
        id=headsup_job_id(push_id),
        name=f"heads-up {push_id}",
        misfire_grace_time=None,  # late is fine: announce() drops it once the run is due
        replace_existing=True,
    )
    return when


def disarm(scheduler: Any, push_id: int) -> None:
    with contextlib.suppress(JobLookupError):
        scheduler.remove_job(headsup_job_id(push_id))


def _load(database: Database, push_id: int) -> PushSpec | None:
    with database.session() as session:
        push = session.get(Push, push_id)
        return None if push is None else spec_from_dict(json.loads(push.spec))


def _load_many(database: Database, push_ids: Sequence[int]) -> dict[int, PushSpec]:
    found: dict[int, PushSpec] = {}
    with database.session() as session:
        for offset in range(0, len(push_ids), 500):  # under SQLite's variable limit
            chunk = push_ids[offset : offset + 500]
            for push_id, spec in session.execute(
                select(Push.id, Push.spec).where(Push.id.in_(chunk))
            ):
                found[push_id] = spec_from_dict(json.loads(spec))
    return found


def rearm(
    scheduler: Any, database: Database, push_id: int, spec: PushSpec | None = None
) -> datetime | None:
    """Arm the heads-up for the push's next scheduled run, whatever that is now."""
    spec = spec or _load(database, push_id)
    if spec is None:
        disarm(scheduler, push_id)
        return None
    job = scheduler.get_job(str(push_id))
    return arm(scheduler, push_id, spec, job.next_run_time if job is not None else None)


def announce(push_id: int, due_timestamp: float, clock: Clock = utc_now) -> str:
    """The heads-up job: hand the notice to the registered handler; returns what it did.

    Nothing is announced once the run is due by ``clock`` (a heads-up that fired late)."""
    database = db.current()
    scheduler = context.scheduler()
    due = datetime.fromtimestamp(due_timestamp, UTC)
    spec = _load(database, push_id)
    if spec is None or not applies(spec) or scheduler is None:
        return "off"
    job = scheduler.get_job(str(push_id))
    if job is None or job.next_run_time is None:
        return "off"
    if abs(job.next_run_time - due) > _SAME:
        # The schedule moved (skipped, resolved after sleep, edited): announce its real run.
        rearm(scheduler, database, push_id, spec)
        return "moved"
    if clock() >= due:
        return "late"
    notice = HeadsUp(push_id=push_id, push_name=spec.name, title=spec.message.title, due=due)
    _current_handler()(notice)
    return "shown"


_installed: weakref.WeakSet[Any] = weakref.WeakSet()


def install(scheduler: Any, database: Database) -> None:
    """Re-arm a push's heads-up each time its schedule job is handed to the executor.

    APScheduler dispatches the submission event after it stored the job's next run time,
    so the heads-up goes to the run after the one starting. With a scheduler that reports
    the end of each pass (``add_pass_listener``), the pushes started in one pass are read
    in one query when the pass ends: a query per started push made a burst of 1,000 runs
    wait for a thousand reads before the last one was handed on (docs/BENCHMARKS.md,
    "Burst"). Installing twice is harmless.
    """
    if scheduler in _installed:
        return
    _installed.add(scheduler)
    started: list[int] = []

    def rearm_started(_count: int = 0) -> None:
        ids = list(dict.fromkeys(started))
        started.clear()
        try:
            specs = _load_many(database, ids)
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
        if event.job_id.isdigit():
            started.append(int(event.job_id))
            if not batched:
                rearm_started()

    scheduler.add_listener(on_submitted, EVENT_JOB_SUBMITTED)
    if batched:
        scheduler.add_pass_listener(rearm_started)
