"""The job functions APScheduler calls: ``run_push`` (a push id) and ``retry_run`` (a run id).

They run in worker threads with their own sessions. Each delivery row is written (queued,
with the exact message) before anything is sent and updated afterwards, so a crash leaves
every recipient accounted for. A run is recorded once per (push, scheduled time): a second
start of the same scheduled run, e.g. after a crash between firing and the job store update,
is refused. Failed deliveries that may succeed later are retried by a persisted one-off job,
with exponential backoff, and so survive a restart.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from apscheduler.triggers.date import DateTrigger
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from pushgui.core import context
from pushgui.core.channel_book import ChannelBook
from pushgui.core.channels.base import Outcome, Outgoing, Sender, get_sender
from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.contacts import ContactBook
from pushgui.core.executor import scheduled_time
from pushgui.core.recipients import expand, render_for
from pushgui.core.specs import PushOptions, PushSpec, spec_from_dict
from pushgui.core.store import db
from pushgui.core.store.db import Database
from pushgui.core.store.models import Delivery, Push, Run

log = logging.getLogger(__name__)

JOB_FUNC = "pushgui.core.runner:run_push"
RETRY_FUNC = "pushgui.core.runner:retry_run"
MAX_BACKOFF = timedelta(hours=6)

# Delivery statuses. "queued" and "sending" only exist while a run is in progress; a crash
# leaves them behind, and the next start turns them into "interrupted".
QUEUED, SENDING, SENT, FAILED, RETRYING, SKIPPED, INTERRUPTED = (
    "queued",
    "sending",
    "sent",
    "failed",
    "retrying",
    "skipped",
    "interrupted",
)


def retry_job_id(push_id: int, run_id: int) -> str:
    return f"{push_id}:retry:{run_id}"


def run_push(push_id: int, reason: str = "schedule", scheduled_for: float | None = None) -> str:
    """Run push ``push_id`` once; returns the run's status (also stored on the run row).

    ``scheduled_for`` (a timestamp) is the due time of a missed run sent late; otherwise the
    due time is the one the executor runs the job for.
    """
    database = db.current()
    started = datetime.now(UTC)
    if scheduled_for is not None:
        scheduled = datetime.fromtimestamp(scheduled_for, UTC)
    else:
        scheduled = scheduled_time() or started

    with database.session() as session:
        push = session.get(Push, push_id)
        if push is None:
            log.warning("Push %s no longer exists; nothing to run", push_id)
            return "missing"
        spec = spec_from_dict(json.loads(push.spec))
    channel_book = ChannelBook(database, context.secrets())
    channels = {c.id: c for c in channel_book.channels()}
    recipients = expand(spec, ContactBook(database), channels)
    try:
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
            messages = [render_for(spec, r, local, run_count) for r in recipients]
            rows = [
                Delivery(
                    run_id=run.id,
                    channel=m.recipient.kind,
                    channel_id=m.recipient.channel_id,
                    contact_id=m.recipient.contact_id,
                    recipient=m.recipient.label[:300],
                    address=m.recipient.address[:320],
                    title=m.title,
                    body=m.body,
                    html=m.html,
                    status=QUEUED,
                )
                for m in messages
            ]
            session.add_all(rows)
            session.flush()
            run_id = run.id
            pending = [d.id for d in rows]
    except IntegrityError:
        log.warning("Push %s already ran for %s; not running it again", push_id, scheduled)
        return "duplicate"

    _deliver(database, channel_book, spec, push_id, run_id, pending)
    status = _finish_run(database, run_id)
    log.info("Push %s (%s) ran for %s: %s", push_id, spec.name, scheduled, status)
    return status


def retry_run(run_id: int) -> str:
    """Send again the deliveries of run ``run_id`` that are waiting for a retry."""
    database = db.current()
    now = datetime.now(UTC)
    with database.session() as session:
        run = session.get(Run, run_id)
        if run is None:
            return "missing"
        push = session.get(Push, run.push_id)
        if push is None:
            return "missing"
        spec = spec_from_dict(json.loads(push.spec))
        push_id = push.id
        due = list(
            session.execute(
                select(Delivery.id).where(
                    Delivery.run_id == run_id,
                    Delivery.status == RETRYING,
                    Delivery.next_attempt_at <= now + timedelta(seconds=1),
                )
            ).scalars()
        )
    if due:
        channel_book = ChannelBook(database, context.secrets())
        _deliver(database, channel_book, spec, push_id, run_id, due)
    status = _finish_run(database, run_id)
    log.info("Retried %d deliveries of run %s: %s", len(due), run_id, status)
    return status


def _sender_for(kind: str, channel_id: int | None, book: ChannelBook) -> Sender:
    if kind == DESKTOP or channel_id is None:
        return get_sender(kind)
    return book.sender(channel_id)


class _Pending(NamedTuple):
    id: int
    channel: str
    channel_id: int | None
    recipient: str
    address: str
    title: str
    body: str
    html: str
    attempts: int


_CHUNK = 500  # ids per IN (...) clause, well under SQLite's variable limit


def _claim(database: Database, delivery_ids: Sequence[int]) -> list[_Pending]:
    """Mark the deliveries as being sent (one more attempt) and read what to send."""
    claimed: list[_Pending] = []
    with database.session() as session:
        for offset in range(0, len(delivery_ids), _CHUNK):
            chunk = list(delivery_ids[offset : offset + _CHUNK])
            session.execute(
                update(Delivery)
                .where(Delivery.id.in_(chunk))
                .values(status=SENDING, attempts=Delivery.attempts + 1)
            )
            rows = session.execute(
                select(*(getattr(Delivery, f) for f in _Pending._fields))
                .where(Delivery.id.in_(chunk))
                .order_by(Delivery.id)
            ).all()
            claimed.extend(_Pending(*row) for row in rows)
    return claimed


def _deliver(
    database: Database,
    book: ChannelBook,
    spec: PushSpec,
    push_id: int,
    run_id: int,
    delivery_ids: Sequence[int],
) -> None:
    """Send the given deliveries, one batch per channel, and record each outcome."""
    batches: dict[tuple[str, int | None], list[_Pending]] = defaultdict(list)
    for pending in _claim(database, delivery_ids):
        batches[(pending.channel, pending.channel_id)].append(pending)

    for (kind, channel_id), deliveries in batches.items():
        log.debug(
            "Sending %d message(s) through %s (channel %s)", len(deliveries), kind, channel_id
        )
        messages = [
            Outgoing(
                push_id=push_id,
                push_name=spec.name,
                recipient=d.recipient,
                title=d.title,
                body=d.body,
                recipient_address=d.address,
                html=d.html,
                attachments=spec.message.attachments,
            )
            for d in deliveries
        ]
        try:
            outcomes = _sender_for(kind, channel_id, book).send(messages)
            if len(outcomes) != len(messages):
                raise RuntimeError(
                    f"the {kind} channel answered {len(outcomes)} of {len(messages)}"
                )
        except LookupError as exc:
            outcomes = [Outcome(ok=False, error=str(exc), permanent=True)] * len(messages)
        except Exception as exc:
            log.exception("Sending through %s failed", kind)
            outcomes = [Outcome(ok=False, error=str(exc) or type(exc).__name__)] * len(messages)
        _record(database, spec.options, push_id, run_id, deliveries, outcomes)


def _record(
    database: Database,
    options: PushOptions,
    push_id: int,
    run_id: int,
    deliveries: Sequence[_Pending],
    outcomes: Sequence[Outcome],
) -> None:
    """Write every outcome in one statement; schedule one retry job for what may succeed."""
    now = datetime.now(UTC)
    next_retry: datetime | None = None
    changes: list[dict[str, object]] = []
    for sent, outcome in zip(deliveries, outcomes, strict=True):
        change: dict[str, object] = {"id": sent.id, "error": outcome.error}
        if outcome.ok:
            change.update(status=SENT, finished_at=now, next_attempt_at=None)
        elif outcome.permanent or sent.attempts > options.retries:
            change.update(status=FAILED, finished_at=now, next_attempt_at=None)
        else:
            wait = timedelta(seconds=options.retry_delay * 2 ** (sent.attempts - 1))
            if outcome.retry_after:
                wait = max(wait, timedelta(seconds=outcome.retry_after))
            when = now + min(wait, MAX_BACKOFF)
            change.update(status=RETRYING, next_attempt_at=when)
            next_retry = when if next_retry is None else min(next_retry, when)
        changes.append(change)
    with database.session() as session:
        session.execute(update(Delivery), changes)
    if next_retry is not None:
        _schedule_retry(push_id, run_id, next_retry)


def _schedule_retry(push_id: int, run_id: int, when: datetime) -> None:
    scheduler = context.scheduler()
    if scheduler is None:
        log.warning("No scheduler to retry run %s; it will be retried at the next start", run_id)
        return
    scheduler.add_job(
        RETRY_FUNC,
        trigger=DateTrigger(when),
        args=[run_id],
        id=retry_job_id(push_id, run_id),
        name=f"retry run {run_id}",
        misfire_grace_time=None,
        replace_existing=True,
    )


def _finish_run(database: Database, run_id: int) -> str:
    """The run's status from its deliveries: ok, partial, failed, or retrying."""
    with database.session() as session:
        statuses = list(
            session.execute(select(Delivery.status).where(Delivery.run_id == run_id)).scalars()
        )
        errors = list(
            session.execute(
                select(Delivery.error).where(Delivery.run_id == run_id, Delivery.error != "")
            ).scalars()
        )
        if RETRYING in statuses:
            status = "retrying"
        elif all(s in (SENT, SKIPPED) for s in statuses):
            status = "ok"
        elif any(s == SENT for s in statuses):
            status = "partial"
        else:
            status = "failed"
        run = session.get_one(Run, run_id)
        run.status = status
        run.error = "; ".join(dict.fromkeys(errors))[:2000] if status != "ok" else ""
        if status != "retrying":
            run.finished_at = datetime.now(UTC)
    return status
