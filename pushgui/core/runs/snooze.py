"""Snoozing a reminder: the same reminder shown again later, by a persisted one-off job.

The job (a snooze job, :mod:`pushgui.core.runs.jobs`) lives in the job store like every other job,
so a snoozed reminder survives a restart. When it fires, :func:`run_snoozed` shows the very
title and body that were snoozed through the desktop channel only (a snooze is the user's
own; it never sends anything to other people) and records a run with reason ``"snooze"``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import update

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.channels.desktop import ME
from pushgui.core.runs.jobs import JobContext, add_snooze, handed
from pushgui.core.schedule.zones import system_timezone
from pushgui.core.store.models import Delivery, Push, Run

log = logging.getLogger(__name__)

REASON = "snooze"

Choice = Literal["5min", "15min", "1h", "tomorrow"]
CHOICES: tuple[Choice, ...] = ("5min", "15min", "1h", "tomorrow")
_DELAYS = {"5min": timedelta(minutes=5), "15min": timedelta(minutes=15), "1h": timedelta(hours=1)}


def until_for(choice: Choice, now: datetime, zone: str | None = None) -> datetime:
    """When a snooze ``choice`` made at ``now`` (aware) ends, to the second.

    "tomorrow" is the same wall-clock time on the next day in ``zone`` (the machine's zone
    by default), so it stays at 09:00 across a daylight-saving change.
    """
    now = now.replace(microsecond=0)
    if choice == "tomorrow":
        tz = ZoneInfo(zone or system_timezone())
        wall = now.astimezone(tz).replace(tzinfo=None) + timedelta(days=1)
        return wall.replace(tzinfo=tz).astimezone(UTC)
    return (now + _DELAYS[choice]).astimezone(UTC)


def snooze(scheduler: Any, push_id: int, until: datetime, title: str, body: str) -> str:
    """Show this reminder again at ``until`` (aware); returns the job id.

    Snoozing the same reminder twice for the same second replaces the first job.
    """
    job_id = add_snooze(scheduler, push_id, until, title, body)
    log.info("Reminder of push %s snoozed until %s", push_id, until)
    return job_id


def run_snoozed(push_id: int, title: str, body: str, *, context: JobContext | None = None) -> str:
    """The snooze job: show the reminder again and record it; returns the run's status."""
    ctx = handed(context)
    database, clock = ctx.database, ctx.clock
    started = clock()
    # A snooze never takes a time a scheduled run may need: (push, scheduled time) is unique
    # and scheduled runs fall on whole seconds.
    scheduled = started if started.microsecond else started + timedelta(microseconds=1)
    with database.session() as session:
        push = session.get(Push, push_id)
        if push is None:
            log.warning("Push %s no longer exists; the snoozed reminder is dropped", push_id)
            return "missing"
        name = push.name
        run = Run(
            push_id=push_id,
            reason=REASON,
            scheduled_at=scheduled,
            started_at=started,
            status="running",
        )
        session.add(run)
        session.flush()
        delivery = Delivery(
            run_id=run.id,
            channel=DESKTOP,
            recipient=ME,
            title=title,
            body=body,
            status="sending",
            attempts=1,
        )
        session.add(delivery)
        session.flush()
        run_id, delivery_id = run.id, delivery.id
    outgoing = Outgoing(push_id=push_id, push_name=name, recipient=ME, title=title, body=body)
    try:
        [outcome] = ctx.desktop.send([outgoing])
    except Exception as exc:
        log.exception("Showing the snoozed reminder of push %s failed", push_id)
        outcome = Outcome(ok=False, error=str(exc) or type(exc).__name__)
    status = "ok" if outcome.ok else "failed"
    finished = clock()
    with database.session() as session:
        session.execute(
            update(Delivery)
            .where(Delivery.id == delivery_id)
            .values(
                status="sent" if outcome.ok else "failed",
                error=outcome.error,
                finished_at=finished,
            )
        )
        session.execute(
            update(Run)
            .where(Run.id == run_id)
            .values(status=status, error=outcome.error, finished_at=finished)
        )
    return status
