"""The job functions APScheduler calls: ``run_push`` (a push id) and ``retry_run`` (a run id),
and ``run_pushes``, with which the executor starts the runs due in one scheduler pass.

They run in worker threads with their own sessions. A run and its delivery rows (queued,
with the exact message) are written in one transaction before anything is sent (runs due
together share it, :mod:`.record`); each outcome is recorded as soon as the service
answered for that recipient (see :mod:`pushgui.core.delivery.queue`), so a crash leaves at
most one message per sender unknown. Failed deliveries that may succeed later are rows
with a next-try time, sent by a persisted one-off job with exponential backoff; a later
run of the same push that reaches a recipient supersedes that recipient's pending retries,
so a retry and a manual run never both send.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError, OperationalError

from pushgui.core.channels.book import ChannelBook
from pushgui.core.delivery.engine import split
from pushgui.core.delivery.queue import (
    MAX_BACKOFF,
    Pending,
    claim_retries,
)
from pushgui.core.delivery.settle import finish_run
from pushgui.core.delivery.states import (
    FAILED,
    INTERRUPTED,
    QUEUED,
    RETRYING,
    SENDING,
    SENT,
    SKIPPED,
    SUPERSEDED,
)
from pushgui.core.messages.recipients import expand
from pushgui.core.people.contacts import ContactBook
from pushgui.core.pushes.spec import PushSpec, spec_from_stored
from pushgui.core.runs.hand_over import hand_over
from pushgui.core.runs.jobs import JobContext, handed
from pushgui.core.runs.record import Due, Recorded, delivery_row, record_run, record_runs
from pushgui.core.store.models import Push, Run

log = logging.getLogger(__name__)

__all__ = [
    "FAILED",
    "INTERRUPTED",
    "MAX_BACKOFF",
    "QUEUED",
    "RETRYING",
    "SENDING",
    "SENT",
    "SKIPPED",
    "SUPERSEDED",
    "Due",
    "delivery_row",
    "retry_run",
    "run_push",
]


def run_push(
    push_id: int,
    reason: str = "schedule",
    scheduled_for: float | None = None,
    *,
    context: JobContext | None = None,
) -> str:
    """Run push ``push_id`` once; returns the run's status (also stored on the run row).

    ``scheduled_for`` (a timestamp) is the due time of a missed run sent late; otherwise the
    due time is the one the executor runs the job for (``context.run_time``).
    """
    ctx = handed(context)
    database = ctx.database
    started = datetime.now(UTC)
    if scheduled_for is not None:
        scheduled = datetime.fromtimestamp(scheduled_for, UTC)
    else:
        scheduled = ctx.run_time or started

    with database.session() as session:
        push = session.get(Push, push_id)
        if push is None:
            log.warning("Push %s no longer exists; nothing to run", push_id)
            return "missing"
        spec = spec_from_stored(push.spec, push.name, push.enabled)
    channel_book = ChannelBook(database, ctx.secrets)
    channels = {c.id: c for c in channel_book.channels()}
    recipients = expand(spec, ContactBook(database), channels)
    recorded = record_run(ctx, spec, push_id, reason, scheduled, started, recipients)
    if isinstance(recorded, str):
        return recorded
    run_id, pending = recorded
    if pending and _deliver(ctx, spec, push_id, run_id, pending):
        log.debug("Push %s (%s) queued for %s", push_id, spec.name, scheduled)
        return "running"  # the engine records the outcome and finishes the run
    status = finish_run(database, run_id)
    log.info("Push %s (%s) ran for %s: %s", push_id, spec.name, scheduled, status)
    return status


def run_pushes(due: Sequence[Due], *, context: JobContext) -> list[str]:
    """Start the runs due in one scheduler pass: all of them recorded in one transaction
    (each run with its deliveries), then handed to the engine's lanes; each run's status.

    A burst of runs due in the same second cost one transaction each before (about 5 ms
    apiece, serialised by SQLite's single writer). When the shared transaction cannot be
    written (the store locked or full, a run already recorded), nothing of it is kept and
    each run is started alone by :func:`run_push`, which knows how to wait for the store
    and refuses a second start of the same scheduled run.
    """
    recorded: Recorded | None
    try:
        recorded = record_runs(context, due)
    except (IntegrityError, OperationalError) as exc:
        log.info("Runs due together recorded one by one (%s)", exc)
        recorded = None
    if recorded is None:
        statuses = []
        for one in due:
            ctx = context.at(one.run_time)
            statuses.append(run_push(one.push_id, one.reason, one.scheduled_for, context=ctx))
        return statuses
    return start_recorded(context, due, recorded)


def start_recorded(context: JobContext, due: Sequence[Due], recorded: Recorded) -> list[str]:
    """Hand the recorded runs' deliveries to the engine (or send them here); each run's
    status, as :func:`run_pushes` gives it."""
    statuses = []
    for one, entry in zip(due, recorded, strict=True):
        if isinstance(entry, str):
            statuses.append(entry)
            continue
        spec, run_id, pending = entry
        if pending and _deliver(context, spec, one.push_id, run_id, pending):
            statuses.append("running")
        else:
            statuses.append(finish_run(context.database, run_id))
    return statuses


def retry_run(run_id: int, *, context: JobContext | None = None) -> str:
    """Send again the deliveries of run ``run_id`` that are waiting for a retry."""
    ctx = handed(context)
    database = ctx.database
    now = datetime.now(UTC)
    with database.session() as session:
        run = session.get(Run, run_id)
        if run is None:
            return "missing"
        push = session.get(Push, run.push_id)
        if push is None:
            return "missing"
        spec = spec_from_stored(push.spec, push.name, push.enabled)
        push_id = push.id
    due = claim_retries(database, run_id, now)
    if due:
        _deliver(ctx, spec, push_id, run_id, due)
    status = finish_run(database, run_id)
    log.info("Retried %d deliveries of run %s: %s", len(due), run_id, status)
    return status


def _deliver(
    context: JobContext,
    spec: PushSpec,
    push_id: int,
    run_id: int,
    deliveries: Sequence[Pending],
) -> bool:
    """Hand the deliveries to the engine's channel lanes (True), or send them here, channel
    by channel, when no engine runs (command-line tools, tests of the job functions)."""
    batches = split(
        push_id,
        run_id,
        spec.name,
        spec.options,
        spec.message.attachments,
        deliveries,
        spec.message.format,
    )
    return hand_over(context, batches)
