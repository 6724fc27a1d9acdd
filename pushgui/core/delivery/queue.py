"""The store as the delivery queue: write and claim rows, record each outcome as it
arrives, and give a run with a retry waiting its retry job.

Every delivery row is written (queued, with its rendered message) before anything is
sent. Sending walks a channel's rows in order; the row about to be sent is marked
``sending`` in the same transaction that records the previous row's outcome, so at any
moment at most one message per sender is in flight without a recorded outcome. After a
crash that row alone is *interrupted* (it may or may not have arrived); rows still
``queued`` were never tried and are sent on the next start.

What a run's status is once its rows have outcomes, and what a crash left behind, are
settled in :mod:`.settle`; a later run dropping an earlier run's retries is
:mod:`.supersede`.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pushgui.core.channels.base import Outcome
from pushgui.core.delivery.deadline import Deadline, SendDeadline, Watchdog
from pushgui.core.delivery.limits import Limiter
from pushgui.core.delivery.outcomes import OutcomeWriter
from pushgui.core.delivery.states import (
    FAILED,
    HELD,
    INTERRUPTED,
    QUEUED,
    RETRYING,
    SENT,
)
from pushgui.core.pushes.spec import PushOptions
from pushgui.core.runs.jobs import add_retry
from pushgui.core.store.bulk import insert_returning
from pushgui.core.store.db import Database
from pushgui.core.store.models import Delivery
from pushgui.core.system.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)
CHUNK = 500  # ids per IN (...) clause, well under SQLite's variable limit
#: Runs a sender settles together as it goes (one transaction for all of them).
SETTLE_EVERY = 50
#: Rows a run's retry job takes when due: failed tries, and deliveries held by quiet hours.
DUE_LATER = (RETRYING, HELD)

INTERRUPTED_TEXT = QT_TRANSLATE_NOOP(
    "stored", "pushgui stopped while sending; it may or may not have arrived"
)


class Pending(NamedTuple):
    """A delivery about to be sent; ``attempts`` counts the tries before this one."""

    id: int
    channel: str
    channel_id: int | None
    contact_id: int | None
    recipient: str
    address: str
    title: str
    body: str
    html: str
    attempts: int
    run_id: int = 0
    mentions: str = ""  # JSON of channels.mention.Mentions
    parts_sent: int = 0  # of a message sent in parts, those earlier attempts got through


_FIELDS = tuple(getattr(Delivery, f) for f in Pending._fields)


def pending_of(rows: Sequence[Delivery]) -> list[Pending]:
    return [Pending(*(getattr(d, f) for f in Pending._fields)) for d in rows]


def write_deliveries(session: Session, rows: Sequence[Mapping[str, Any]]) -> list[Pending]:
    """Insert delivery rows (column values, the same columns in each) in one or a few
    statements (:func:`~pushgui.core.store.bulk.insert_returning`); the queued ones, in
    the order given, to be sent.

    Building an ORM object per recipient and flushing them, and later the ORM's bulk
    insert, cost more than rendering the messages (bench/email_throughput.py,
    bench/burst_accuracy.py). The database gives the rows of one INSERT increasing ids in
    the order of its VALUES, so the ids are matched to the rows by sorting them.
    """
    if not rows:
        return []
    ids = sorted(
        int(found[0])
        for found in insert_returning(session.connection(), Delivery.__table__, rows, ["id"])
    )
    written = []
    for delivery_id, row in zip(ids, rows, strict=True):
        if row.get("status", QUEUED) != QUEUED:
            continue
        written.append(
            Pending(
                id=delivery_id,
                channel=row["channel"],
                channel_id=row.get("channel_id"),
                contact_id=row.get("contact_id"),
                recipient=row["recipient"],
                address=row.get("address", ""),
                title=row.get("title", ""),
                body=row.get("body", ""),
                html=row.get("html", ""),
                attempts=row.get("attempts", 0),
                run_id=row["run_id"],
                mentions=row.get("mentions", ""),
            )
        )
    return written


def claim_retries(database: Database, run_id: int, now: datetime) -> list[Pending]:
    """Take the run's due retries (and held rows whose quiet hours end); a row another
    worker (or a later run) took is left alone."""
    claimed: list[Pending] = []
    with database.session() as session:
        due = list(
            session.execute(
                select(Delivery.id).where(
                    Delivery.run_id == run_id,
                    Delivery.status.in_(DUE_LATER),
                    Delivery.next_attempt_at <= now + timedelta(seconds=1),
                )
            ).scalars()
        )
        for offset in range(0, len(due), CHUNK):
            chunk = due[offset : offset + CHUNK]
            rows = session.execute(
                update(Delivery)
                .where(Delivery.id.in_(chunk), Delivery.status.in_(DUE_LATER))
                .values(status=QUEUED)
                .returning(*_FIELDS)
            ).all()
            claimed.extend(Pending(*row) for row in rows)
    claimed.sort(key=lambda p: p.id)
    return claimed


def _change(
    pending: Pending,
    outcome: Outcome,
    options: PushOptions | Mapping[int, PushOptions],
    now: datetime,
) -> dict[str, Any]:
    if not isinstance(options, PushOptions):  # deliveries of several runs, by delivery id
        options = options[pending.id]
    attempts = pending.attempts + 1
    # Parts of a message sent in parts only add up: an attempt cut before its first part
    # (a connection refused) keeps what the earlier ones got through.
    change: dict[str, Any] = {
        "error": outcome.error,
        "parts_sent": max(pending.parts_sent, outcome.parts_sent),
    }
    if outcome.ok:
        change.update(status=SENT, finished_at=now, next_attempt_at=None)
    elif outcome.permanent or attempts > options.retries:
        change.update(status=FAILED, finished_at=now, next_attempt_at=None)
    else:
        wait = timedelta(seconds=options.retry_delay * 2 ** (attempts - 1))
        if outcome.retry_after:
            wait = max(wait, timedelta(seconds=outcome.retry_after))
        change.update(status=RETRYING, next_attempt_at=now + min(wait, MAX_BACKOFF))
    return change


class PartsTaken:
    """Where the messages of one send loop report the parts a service took (their
    ``on_part``): each count is recorded at once, in a transaction of its own, before the
    sender posts the next part, so a crash between parts never has a part sent again."""

    def __init__(self) -> None:
        self._writer: OutcomeWriter | None = None

    def use(self, writer: OutcomeWriter | None) -> None:
        self._writer = writer

    def __call__(self, delivery_id: int, count: int) -> None:
        writer = self._writer
        if writer is None:  # not inside a send loop: the attempt's outcome counts them
            return
        with writer.transaction():
            writer.parts(delivery_id, count)


def send_and_record(
    database: Database,
    options: PushOptions | Mapping[int, PushOptions],
    deliveries: Sequence[Pending],
    answers: Iterator[Outcome],
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    deadline: Callable[[], Deadline] | None = None,
    watchdog: Watchdog | None = None,
    stopping: Callable[[], bool] = lambda: False,
    limiter: Limiter | None = None,
    pause: Callable[[float], bool] = lambda seconds: True,
    scrub: Callable[[str], str] = lambda text: text,
    write_lock: contextlib.AbstractContextManager[Any] | None = None,
    runs: Mapping[int, int] | None = None,
    runs_done: Callable[[list[int]], None] | None = None,
    current: SendDeadline | None = None,
    parts: PartsTaken | None = None,
) -> None:
    """Take one outcome per delivery from ``answers`` and record it at once.

    The outcome of one delivery and the ``sending`` mark of the next are one transaction.
    Each step runs under a fresh ``deadline()``. A sender that raises (a bug) or stops
    early fails the delivery in flight with that error; the deliveries after it are
    recorded as not sent, to be retried. Once ``stopping()``, nothing more is started: a
    send cut short is recorded as interrupted and the rest stay queued for the next start.
    Each step's deadline is set in ``current``, where the sender's sockets read it.
    A delivery the ``limiter`` holds back is recorded as waiting, with about when it is
    sent, while ``pause(seconds)`` waits (False: stopping, so it goes back to the queue).

    Several senders of one engine write under one ``write_lock`` (an in-process lock is
    taken in microseconds; SQLite's own busy wait sleeps a millisecond or more). With
    ``runs`` (delivery id to run id), ``runs_done`` is called after a commit with the
    runs whose deliveries here all have their outcome, about every
    :data:`SETTLE_EVERY` runs and before any wait, so runs settle as they end. ``parts``
    records, on this loop's connection, the parts of a message a service took so far.
    """
    if not deliveries:
        return
    lock = write_lock if write_lock is not None else contextlib.nullcontext()
    current = current if current is not None else SendDeadline()
    done: list[int] = []

    def report(force: bool = False) -> None:
        if runs_done is not None and done and (force or len(done) >= SETTLE_EVERY):
            taken = done[:]
            done.clear()
            runs_done(taken)

    # One connection for the batch, one short transaction per answer: opening a session
    # per message cost more than the message itself.
    writer = OutcomeWriter(database, lock)
    if parts is not None:
        parts.use(writer)
    try:
        with writer.transaction():
            writer.sending(deliveries[0].id)
        for index, pending in enumerate(deliveries):
            if stopping():  # not started: it goes back to the queue for the next start
                with writer.transaction():
                    writer.requeued(pending.id)
                _close(answers)
                return
            wait = limiter.wait() if limiter is not None else 0.0
            if wait > 0:
                report(force=True)
                with writer.transaction():
                    writer.waiting(pending.id, clock() + timedelta(seconds=wait))
                if not _held(limiter, pause):
                    with writer.transaction():
                        writer.unwaited(pending.id)
                    _close(answers)
                    return
                with writer.transaction():
                    writer.resumed(pending.id)
            broken = False
            limit = deadline() if deadline is not None else None
            watching = (
                watchdog.watching(limit)
                if watchdog is not None and limit is not None
                else contextlib.nullcontext()
            )
            try:
                with watching, current.under(limit):
                    outcome = next(answers)
            except StopIteration:
                outcome, broken = Outcome(ok=False, error="The channel gave no answer"), True
            except Exception as exc:
                # A bug in a sender: its traceback may quote a secret, so it is scrubbed too.
                trace = scrub("".join(traceback.format_exception(exc)))
                log.error("Sending through %s failed:\n%s", pending.channel, trace)
                outcome, broken = (
                    Outcome(ok=False, error=scrub(str(exc) or type(exc).__name__)),
                    True,
                )
            if limiter is not None and not broken:
                limiter.spent()
                if outcome.retry_after:
                    limiter.pause(outcome.retry_after)
            stop = stopping()
            now = clock()
            change = _change(pending, outcome, options, now)
            if stop and not outcome.ok and not outcome.permanent:
                change.update(status=INTERRUPTED, next_attempt_at=None, finished_at=now)
                change["error"] = f"{INTERRUPTED_TEXT} ({outcome.error})"
            rest = deliveries[index + 1 :]
            with writer.transaction():
                writer.outcome(pending.id, change)
                if rest and not broken and not stop:
                    writer.sending(rest[0].id)
                elif rest and broken:
                    not_sent = Outcome(ok=False, error=f"Not sent: {outcome.error}")
                    for other in rest:
                        writer.outcome(
                            other.id, _change(other, not_sent, options, now), counted=True
                        )
            if runs is not None and (not rest or runs.get(rest[0].id) != runs.get(pending.id)):
                done.append(runs.get(pending.id, 0))
            report()
            if broken or stop:
                _close(answers)
                return
    finally:
        if parts is not None:
            parts.use(None)
        writer.close()
        report(force=True)


def _held(limiter: Limiter | None, pause: Callable[[float], bool]) -> bool:
    """Wait until the limiter lets one more send through; False when stopping."""
    while limiter is not None and (wait := limiter.wait()) > 0:
        if not pause(wait):
            return False
    return True


def _close(answers: Iterator[Outcome]) -> None:
    close = getattr(answers, "close", None)
    if close is not None:
        close()


def add_retry_job(scheduler: Any, push_id: int, run_id: int, when: datetime) -> None:
    """The run's retry job, due ``when`` (it replaces an earlier one of the run)."""
    if scheduler is None:
        log.warning("No scheduler to retry run %s; it will be retried at the next start", run_id)
        return
    add_retry(scheduler, push_id, run_id, when)


def next_retry_at(session: Session, run_id: int) -> datetime | None:
    """When the run's earliest retry is due; ``None`` when nothing waits."""
    when: datetime | None = session.execute(
        select(func.min(Delivery.next_attempt_at)).where(
            Delivery.run_id == run_id, Delivery.status.in_(DUE_LATER)
        )
    ).scalar()
    return when
