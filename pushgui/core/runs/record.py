"""Recording runs before anything is sent: a run and its delivery rows (queued, with the
exact message; a recipient over the size cap failed alone) in one transaction, with the
earlier retries it supersedes and its nag, for one run or for every run due in one
scheduler pass together.

A run is recorded once per (push, due time): a second start of the same scheduled run is
refused by the store's unique key. While the store refuses the write (locked past the busy
timeout, disk full) a run is tried again until it is written or, once late, the push's
missed-run policy skips it and the skip is recorded; a run never vanishes
(docs/RELIABILITY.md).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from pushgui.core.channels.book import ChannelBook
from pushgui.core.delivery.queue import Pending, write_deliveries
from pushgui.core.delivery.states import FAILED, QUEUED
from pushgui.core.delivery.supersede import supersede, supersede_many
from pushgui.core.messages.recipients import Recipient, RenderedTooLargeError, expand, render_for
from pushgui.core.people.contacts import ContactBook
from pushgui.core.pushes.spec import PushSpec, spec_from_stored
from pushgui.core.runs.jobs import JobContext
from pushgui.core.runs.missed import is_late, plan_runs, record_skipped
from pushgui.core.runs.nagging import arm_all
from pushgui.core.runs.nagging import start as start_nag
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.store.bulk import insert_returning
from pushgui.core.store.models import Push, Run

log = logging.getLogger(__name__)


class Due(NamedTuple):
    """One run the scheduler found due: ``run_push``'s arguments and the time it is for."""

    push_id: int
    reason: str
    scheduled_for: float | None
    run_time: datetime


Recorded = list[tuple[PushSpec, int, list[Pending]] | str]
#: (push, run, first nag) of each recorded run, for :func:`~pushgui.core.runs.nagging.arm_all`
Nags = list[tuple[int, int, datetime | None]]


def record_runs(context: JobContext, due: Sequence[Due]) -> Recorded:
    """Write every due run and its deliveries in one transaction; per run (spec, run id,
    queued deliveries) or its status. Raises IntegrityError when a run here was already
    recorded (the caller then goes one by one, and ``run_push`` refuses that one).

    Statements are per pass, not per run: the runs in one multi-row INSERT, their
    deliveries in another, one query for the runs counted so far and one for the retries
    they supersede. A statement per run made a burst of 1,000 runs cost over a second
    before the first message could go (docs/BENCHMARKS.md, "Burst").
    """
    result, nags = _record(context, due, None, datetime.now(UTC))
    arm_all(context.scheduler, nags)
    return result


def record_runs_in(
    session: Session, context: JobContext, due: Sequence[Due], started: datetime
) -> tuple[Recorded, Nags]:
    """:func:`record_runs` inside the caller's transaction (which holds the store's write
    lock and commits): what it read and wrote, and the nags to arm once it committed."""
    return _record(context, due, session, started)


def _record(
    context: JobContext, due: Sequence[Due], held: Session | None, started: datetime
) -> tuple[Recorded, Nags]:
    database = context.database

    def session_scope() -> contextlib.AbstractContextManager[Session]:
        return contextlib.nullcontext(held) if held is not None else database.session()

    push_ids = sorted({d.push_id for d in due})
    with session_scope() as session:
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
    # Each run's messages are rendered before the write transaction, so the store's write
    # lock is held only for the inserts (the channel lanes record their answers meanwhile).
    rendered: list[list[dict[str, Any]]] = []
    for values in runs:
        push_id = values["push_id"]
        spec = specs[push_id]
        counts[push_id] = counts.get(push_id, 0) + 1
        local = values["scheduled_at"].astimezone(ZoneInfo(spec.trigger.timezone))
        recipients = expand(spec, contacts, channels)
        rendered.append(
            [
                delivery_row(spec, 0, r, local, counts[push_id], context.calendars)
                for r in recipients
            ]
        )
    result: Recorded = []
    lock = database.write_lock if held is None else contextlib.nullcontext()
    with lock, session_scope() as session:
        run_ids: list[int] = []
        if runs:
            # Each written run is found by its unique (push, due time), whatever order the
            # database hands the rows back in.
            written = {
                (push_id, due): int(run_id)
                for run_id, push_id, due in insert_returning(
                    session.connection(), Run.__table__, runs, ["id", "push_id", "scheduled_at"]
                )
            }
            run_ids = [written[(r["push_id"], r["scheduled_at"])] for r in runs]
        rows: list[dict[str, Any]] = []
        for run_id, run_rows in zip(run_ids, rendered, strict=True):
            for row in run_rows:
                row["run_id"] = run_id
            rows.extend(run_rows)
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
    return result, nags


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


def record_run(
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
                rows = [
                    delivery_row(spec, run.id, r, local, run_count, context.calendars)
                    for r in recipients
                ]
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
    spec: PushSpec,
    run_id: int,
    recipient: Recipient,
    when: datetime,
    run_count: int,
    calendars: Calendars | None = None,
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
        "mentions": "",
    }
    try:
        message = render_for(spec, recipient, when, run_count, calendars)
    except RenderedTooLargeError as exc:
        row.update(status=FAILED, error=str(exc), finished_at=datetime.now(UTC))
        return row
    row.update(title=message.title, body=message.body, html=message.html)
    row.update(mentions=message.mentions.to_json())
    return row


def _sleep(seconds: float) -> bool:
    time.sleep(seconds)
    return True
