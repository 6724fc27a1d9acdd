"""Settling runs: a run's status from its delivery rows' statuses, written when a lane has
recorded their outcomes (one run, or many together), and at start what a crash left
behind.

A run is *running* while any row is queued, waiting or being sent, *retrying* while one
waits for a retry, *held* while one waits for its channel's quiet hours to end, then
*ok*, *partial*, *interrupted* or *failed*; the rows themselves move through
:mod:`.queue`. The write lock is taken before the rows are read, so two lanes settling one
run at once never store a status from a stale read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Connection, func, select, update
from sqlalchemy.orm import Session

from pushgui.core.delivery.queue import CHUNK, DUE_LATER, INTERRUPTED_TEXT
from pushgui.core.delivery.states import (
    HELD,
    INTERRUPTED,
    QUEUED,
    RETRYING,
    SENDING,
    SENT,
    SETTLED_OK,
    WAITING,
)
from pushgui.core.store.db import Database
from pushgui.core.store.models import Delivery, Run, UTCDateTime

log = logging.getLogger(__name__)


def finish_run(database: Database, run_id: int) -> str:
    """The run's status from its deliveries: running (some still queued or sending), ok,
    partial, failed, retrying or interrupted."""
    with database.session() as session:
        return settle_run(session, run_id)


def settle_run(session: Session, run_id: int) -> str:
    """:func:`finish_run` inside the caller's transaction."""
    # The write lock first, then the reads: two channel lanes settling one run at once
    # must not both read before either writes, or the later write stores a status from a
    # stale read ("running" after every delivery was sent). SQLite reads outside a write
    # transaction see only what was committed before them.
    session.execute(update(Run).where(Run.id == run_id).values(status=Run.status))
    statuses = list(
        session.execute(select(Delivery.status).where(Delivery.run_id == run_id)).scalars()
    )
    errors = list(
        session.execute(
            select(Delivery.error).where(
                Delivery.run_id == run_id,
                Delivery.error != "",
                Delivery.status.not_in(SETTLED_OK),
            )
        ).scalars()
    )
    status = run_status(statuses)
    run = session.get_one(Run, run_id)
    run.status = status
    run.error = "; ".join(dict.fromkeys(errors))[:2000] if status != "ok" else ""
    if status not in UNFINISHED:
        run.finished_at = datetime.now(UTC)
    return status


#: Run statuses of runs that still have deliveries to send.
UNFINISHED = ("retrying", "running", HELD)


def run_status(statuses: Sequence[str]) -> str:
    """A run's status from its deliveries' statuses."""
    if any(s in (QUEUED, WAITING, SENDING) for s in statuses):
        return "running"
    if RETRYING in statuses:
        return "retrying"
    if HELD in statuses:
        return HELD
    if all(s in SETTLED_OK for s in statuses):
        return "ok"
    if INTERRUPTED in statuses:
        return INTERRUPTED
    if any(s == SENT for s in statuses):
        return "partial"
    return "failed"


class Settled(NamedTuple):
    """A run's status once a lane recorded its deliveries, and its earliest retry."""

    run_id: int
    status: str
    next_retry: datetime | None


def settle_runs(connection: Connection, run_ids: Sequence[int]) -> list[Settled]:
    """:func:`settle_run` for many runs in one transaction of a few statements, with each
    run's earliest retry time: a lane settles the runs it sent together (a transaction and
    a retry query per run were most of a burst's cost, docs/BENCHMARKS.md, "Burst").

    The statements go to the driver as written (``exec_driver_sql``): built and compiled
    through SQLAlchemy's expression layer each time, they cost a lane about 2 ms per 50
    runs, a third of what it spends on a message besides sending it. Times are converted
    by the column type, as the ORM does (``tests/core/test_settle_together.py`` holds the
    two equal).
    """
    settled: list[Settled] = []
    now = datetime.now(UTC)
    dialect = connection.dialect
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    time_type = UTCDateTime().dialect_impl(dialect)
    read_time: Callable[[Any], Any] = time_type.result_processor(dialect, None) or (
        lambda value: value
    )
    write_time: Callable[[datetime], Any] = time_type.bind_processor(dialect) or (
        lambda value: value
    )
    for offset in range(0, len(run_ids), CHUNK):
        chunk = [int(run_id) for run_id in run_ids[offset : offset + CHUNK]]
        marks = ", ".join([mark] * len(chunk))
        # The write lock first, then the reads (see settle_run).
        connection.exec_driver_sql(
            f"UPDATE runs SET status = status WHERE id IN ({marks})", tuple(chunk)
        )
        rows: dict[int, list[tuple[str, str, Any]]] = {run_id: [] for run_id in chunk}
        for run_id, status, error, next_at in connection.exec_driver_sql(
            "SELECT run_id, status, error, next_attempt_at FROM deliveries "
            f"WHERE run_id IN ({marks}) ORDER BY id",
            tuple(chunk),
        ):
            rows[run_id].append((status, error, next_at))
        ended: list[tuple[Any, ...]] = []
        going: list[tuple[Any, ...]] = []
        for run_id in chunk:
            status = run_status([s for s, _e, _n in rows[run_id]])
            errors = [e for s, e, _n in rows[run_id] if e and s not in SETTLED_OK]
            waits: list[datetime] = [
                cast(datetime, read_time(n))
                for s, _e, n in rows[run_id]
                if s in DUE_LATER and n is not None
            ]
            error = "; ".join(dict.fromkeys(errors))[:2000] if status != "ok" else ""
            if status in UNFINISHED:
                going.append((status, error, run_id))
            else:
                ended.append((status, error, write_time(now), run_id))
            settled.append(Settled(run_id, status, min(waits) if waits else None))
        if ended:
            connection.exec_driver_sql(
                f"UPDATE runs SET status = {mark}, error = {mark}, finished_at = {mark} "
                f"WHERE id = {mark}",
                ended,
            )
        if going:
            connection.exec_driver_sql(
                f"UPDATE runs SET status = {mark}, error = {mark} WHERE id = {mark}", going
            )
    return settled


def settle_after_crash(database: Database) -> int:
    """At start: the one message per sender that was in flight becomes *interrupted*; rows
    never tried are queued for a retry now. Returns how many were interrupted."""
    now = datetime.now(UTC)
    with database.session() as session:
        run_ids = set(
            session.execute(
                select(Delivery.run_id).where(Delivery.status.in_((QUEUED, WAITING, SENDING)))
            ).scalars()
        )
        # And the runs still marked running whose deliveries all have their outcome: a lane
        # settles the runs it sent about every SETTLE_EVERY runs, so a crash can come
        # between an outcome and its run's settling.
        run_ids.update(session.execute(select(Run.id).where(Run.status == "running")).scalars())
        if not run_ids:
            return 0
        count = session.execute(
            select(func.count(Delivery.id)).where(Delivery.status == SENDING)
        ).scalar_one()
        session.execute(
            update(Delivery)
            .where(Delivery.status == SENDING)
            .values(status=INTERRUPTED, error=INTERRUPTED_TEXT, finished_at=now)
        )
        session.execute(
            update(Delivery)
            .where(Delivery.status.in_((QUEUED, WAITING)))
            .values(status=RETRYING, next_attempt_at=now)
        )
    for run_id in run_ids:
        finish_run(database, run_id)
    if count:
        log.warning("%d deliveries were interrupted by a crash or power loss", count)
    return int(count)
