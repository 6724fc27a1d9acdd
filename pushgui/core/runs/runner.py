"""The job functions APScheduler calls: ``run_push`` (a push id) and ``retry_run`` (a run id),
and ``run_pushes``, with which the executor starts the runs due in one scheduler pass.

They run in worker threads with their own sessions. A run and its delivery rows (queued,
with the exact message) are written in one transaction before anything is sent (runs due
together share it); a recipient whose message is over the size cap fails alone; each
outcome is recorded as soon as the service answered for that recipient (see
:mod:`pushgui.core.delivery.queue`), so a crash leaves at most one message per sender
unknown. A run is recorded once per (push, scheduled time): a second start of the same
scheduled run, e.g. after a crash between firing and the job store update, is refused.
Failed deliveries that may succeed later are rows with a next-try time, sent by a persisted
one-off job with exponential backoff; a later run of the same push that reaches a recipient
supersedes that recipient's pending retries, so a retry and a manual run never both send.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from pushgui.core.channels.book import ChannelBook
from pushgui.core.delivery.engine import Delivering, split
from pushgui.core.delivery.queue import (
    MAX_BACKOFF,
    Pending,
    claim_retries,
    finish_run,
    supersede,
    supersede_many,
    write_deliveries,
)
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
from pushgui.core.messages.recipients import Recipient, RenderedTooLargeError, expand, render_for
from pushgui.core.people.contacts import ContactBook
from pushgui.core.pushes.spec import PushSpec, spec_from_stored
from pushgui.core.runs.jobs import JobContext, handed
from pushgui.core.runs.missed import is_late, plan_runs, record_skipped
from pushgui.core.runs.nagging import arm_all
from pushgui.core.runs.nagging import start as start_nag
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
    recorded = _record_run(ctx, spec, push_id, reason, scheduled, started, recipients)
    if isinstance(recorded, str):
        return recorded
    run_id, pending = recorded
    if pending and _deliver(ctx, spec, push_id, run_id, pending):
        log.debug("Push %s (%s) queued for %s", push_id, spec.name, scheduled)
        return "running"  # the engine records the outcome and finishes the run
    status = finish_run(database, run_id)
    log.info("Push %s (%s) ran for %s: %s", push_id, spec.name, scheduled, status)
    return status


class Due(NamedTuple):
    """One run the scheduler found due: ``run_push``'s arguments and the time it is for."""

    push_id: int
    reason: str
    scheduled_for: float | None
    run_time: datetime


def run_pushes(due: Sequence[Due], *, context: JobContext) -> list[str]:
    """Start the runs due in one scheduler pass: all of them recorded in one transaction
    (each run with its deliveries), then handed to the engine's lanes; each run's status.

    A burst of runs due in the same second cost one transaction each before (about 5 ms
    apiece, serialised by SQLite's single writer). When the shared transaction cannot be
    written (the store locked or full, a run already recorded), nothing of it is kept and
    each run is started alone by :func:`run_push`, which knows how to wait for the store
    and refuses a second start of the same scheduled run.
    """
    database = context.database
    try:
        recorded = _record_runs(context, due)
    except (IntegrityError, OperationalError) as exc:
        log.info("Runs due together recorded one by one (%s)", exc)
        recorded = None
    if recorded is None:
        statuses = []
        for one in due:
            ctx = context.at(one.run_time)
            statuses.append(run_push(one.push_id, one.reason, one.scheduled_for, context=ctx))
        return statuses
    statuses = []
    for one, entry in zip(due, recorded, strict=True):
        if isinstance(entry, str):
            statuses.append(entry)
            continue
        spec, run_id, pending = entry
        if pending and _deliver(context, spec, one.push_id, run_id, pending):
            statuses.append("running")
        else:
            statuses.append(finish_run(database, run_id))
    return statuses


def _record_runs(
    context: JobContext, due: Sequence[Due]
) -> list[tuple[PushSpec, int, list[Pending]] | str] | None:
    """Write every due run and its deliveries in one transaction; per run (spec, run id,
    queued deliveries) or its status. Raises IntegrityError when a run here was already
    recorded (the caller then goes one by one, and :func:`run_push` refuses that one).

    Statements are per pass, not per run: the runs in one multi-row INSERT, their
    deliveries in another, one query for the runs counted so far and one for the retries
    they supersede. A statement per run made a burst of 1,000 runs cost over a second
    before the first message could go (docs/BENCHMARKS.md, "Burst").
    """
    database = context.database
    started = datetime.now(UTC)
    push_ids = sorted({d.push_id for d in due})
    with database.session() as session:
        specs: dict[int, PushSpec] = {}
        counts: dict[int, int] = {}
        for chunk in _chunks(push_ids):
            for push_id, name, text, enabled in session.execute(
                select(Push.id, Push.name, Push.spec, Push.enabled).where(Push.id.in_(chunk))
            ):
                specs[push_id] = spec_from_stored(text, name, enabled)
            counts.update(
                session.execute(
                    select(Run.push_id, func.count(Run.id))
                    .where(Run.push_id.in_(chunk))
                    .group_by(Run.push_id)
                ).all()
            )
    channel_book = ChannelBook(database, context.secrets)
    channels = {c.id: c for c in channel_book.channels()}
    contacts = ContactBook(database)
    runs: list[dict[str, Any]] = []
    for one in due:
        if one.push_id not in specs:
            continue
        scheduled = (
            datetime.fromtimestamp(one.scheduled_for, UTC)
            if one.scheduled_for is not None
            else one.run_time
        )
        runs.append(
            {
                "push_id": one.push_id,
                "reason": one.reason,
                "scheduled_at": scheduled,
                "started_at": started,
                "status": "running",
            }
        )
    result: list[tuple[PushSpec, int, list[Pending]] | str] = []
    with database.session() as session:
        run_ids: list[int] = []
        if runs:
            # Each written run is found by its unique (push, due time), whatever order the
            # database hands the rows back in.
            written = {
                (push_id, due): int(run_id)
                for run_id, push_id, due in session.execute(
                    insert(Run).returning(Run.id, Run.push_id, Run.scheduled_at), runs
                )
            }
            run_ids = [written[(r["push_id"], r["scheduled_at"])] for r in runs]
        rows: list[dict[str, Any]] = []
        for run_id, values in zip(run_ids, runs, strict=True):
            push_id = values["push_id"]
            spec = specs[push_id]
            counts[push_id] = counts.get(push_id, 0) + 1
            local = values["scheduled_at"].astimezone(ZoneInfo(spec.trigger.timezone))
            recipients = expand(spec, contacts, channels)
            rows.extend(delivery_row(spec, run_id, r, local, counts[push_id]) for r in recipients)
        by_run: dict[int, list[Pending]] = {run_id: [] for run_id in run_ids}
        for pending in write_deliveries(session, rows):
            by_run[pending.run_id].append(pending)
        supersede_many(
            session,
            [
                (values["push_id"], run_id, by_run[run_id])
                for run_id, values in zip(run_ids, runs, strict=True)
            ],
        )
        nags = [
            (
                values["push_id"],
                run_id,
                start_nag(
                    session,
                    specs[values["push_id"]],
                    values["push_id"],
                    run_id,
                    values["scheduled_at"],
                ),
            )
            for run_id, values in zip(run_ids, runs, strict=True)
        ]
        recorded = iter(zip(run_ids, runs, strict=True))
        for one in due:
            if one.push_id not in specs:
                log.warning("Push %s no longer exists; nothing to run", one.push_id)
                result.append("missing")
                continue
            run_id, values = next(recorded)
            result.append((specs[values["push_id"]], run_id, by_run[run_id]))
    arm_all(context.scheduler, nags)
    return result


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    """``ids`` in slices small enough for one ``IN (...)`` (SQLite's variable limit)."""
    for offset in range(0, len(ids), size):
        yield ids[offset : offset + size]


#: Seconds between attempts to record a run the store refused (locked by another process
#: past the busy timeout, or the disk full).
RECORD_RETRY_SECONDS = 5.0
#: Without an engine (command-line tools) a run is not retried for longer than this.
RECORD_TRIES_INLINE = 3


def _store_unavailable(exc: OperationalError) -> bool:
    text = str(exc.orig if exc.orig is not None else exc).lower()
    return any(word in text for word in ("locked", "busy", "full", "disk i/o"))


def _record_run(
    context: JobContext,
    spec: PushSpec,
    push_id: int,
    reason: str,
    scheduled: datetime,
    started: datetime,
    recipients: Sequence[Recipient],
) -> tuple[int, list[Pending]] | str:
    """Write the run and its deliveries in one transaction, retrying while the store
    refuses it (locked, disk full): a run due then is never lost. Once the store is back
    and the run is late, the push's missed-run policy decides, and a run it skips is
    recorded as missed with the reason. Returns (run id, deliveries) or a status."""
    database = context.database
    tries = 0
    problem = ""
    while True:
        try:
            if problem and is_late(scheduled, datetime.now(UTC)):
                [(_due, send)] = plan_runs(spec.options, [scheduled], datetime.now(UTC))
                if not send:
                    why = f"Not sent: the database could not be written when it was due ({problem})"
                    record_skipped(database, push_id, scheduled, why[:2000])
                    log.warning("Push %s: run due %s recorded as missed", push_id, scheduled)
                    return "skipped"
            with database.session() as session:
                run = Run(
                    push_id=push_id,
                    reason=reason,
                    scheduled_at=scheduled,
                    started_at=started,
                    status="running",
                )
                session.add(run)
                session.flush()
                run_count = session.execute(
                    select(func.count(Run.id)).where(Run.push_id == push_id)
                ).scalar_one()
                local = scheduled.astimezone(ZoneInfo(spec.trigger.timezone))
                rows = [delivery_row(spec, run.id, r, local, run_count) for r in recipients]
                pending = write_deliveries(session, rows)
                supersede(session, push_id, run.id, pending)
                nag = start_nag(session, spec, push_id, run.id, scheduled)
                run_id = run.id
            arm_all(context.scheduler, [(push_id, run_id, nag)])
            return run_id, pending
        except IntegrityError:
            log.warning("Push %s already ran for %s; not running it again", push_id, scheduled)
            return "duplicate"
        except OperationalError as exc:
            if not _store_unavailable(exc):
                raise
            problem = str(exc.orig if exc.orig is not None else exc)
            tries += 1
            log.warning(
                "Push %s: could not record its run due %s (%s); trying again in %.0f s",
                push_id,
                scheduled,
                problem,
                RECORD_RETRY_SECONDS,
            )
            engine = context.engine
            if engine is None and tries >= RECORD_TRIES_INLINE:
                raise
            waited = engine.pause(RECORD_RETRY_SECONDS) if engine else _sleep(RECORD_RETRY_SECONDS)
            if not waited:
                log.error(
                    "Push %s: run due %s not recorded: pushgui is stopping", push_id, scheduled
                )
                return "unrecorded"


def delivery_row(
    spec: PushSpec, run_id: int, recipient: Recipient, when: datetime, run_count: int
) -> dict[str, Any]:
    """The recipient's delivery row: queued with its message, or failed on its own (with
    the reason in the history) when its filled-in message is over the size limit."""
    row: dict[str, Any] = {
        "run_id": run_id,
        "channel": recipient.kind,
        "channel_id": recipient.channel_id,
        "contact_id": recipient.contact_id,
        "recipient": recipient.label[:300],
        "address": recipient.address[:320],
        "status": QUEUED,
        "error": "",
        "finished_at": None,
        "title": "",
        "body": "",
        "html": "",
    }
    try:
        message = render_for(spec, recipient, when, run_count)
    except RenderedTooLargeError as exc:
        row.update(status=FAILED, error=str(exc), finished_at=datetime.now(UTC))
        return row
    row.update(title=message.title, body=message.body, html=message.html)
    return row


def _sleep(seconds: float) -> bool:
    time.sleep(seconds)
    return True


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
    batches = split(push_id, run_id, spec.name, spec.options, spec.message.attachments, deliveries)
    engine = context.engine
    if engine is not None:
        engine.submit(batches)
        return True
    inline = Delivering(
        context.database, context.secrets, context.scheduler, desktop=context.desktop
    )
    for key, batch in batches.items():
        inline.deliver(key, batch)
    return False
