"""Delivery history: what was sent to whom and what happened, filtered, and as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select

from pushgui.core.people.contacts_csv import safe_cell
from pushgui.core.store.db import Database
from pushgui.core.store.models import Delivery, Push, Run

MAX_ROWS = 100_000


@dataclass(frozen=True)
class HistoryRow:
    delivery_id: int
    run_id: int
    push_id: int
    push_name: str
    scheduled_at: datetime
    started_at: datetime
    channel: str
    recipient: str
    address: str
    status: str
    error: str
    attempts: int
    finished_at: datetime | None
    title: str
    next_attempt_at: datetime | None = None  # retrying: the next try; waiting: about when


@dataclass(frozen=True)
class HistoryFilter:
    push_id: int | None = None
    statuses: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    search: str = ""  # in recipient name or address, case-insensitive


def _query(flt: HistoryFilter) -> Select[Delivery, Run, str]:
    query = (
        select(Delivery, Run, Push.name)
        .join(Run, Run.id == Delivery.run_id)
        .join(Push, Push.id == Run.push_id)
        .order_by(Run.started_at.desc(), Delivery.id)
    )
    if flt.push_id is not None:
        query = query.where(Run.push_id == flt.push_id)
    if flt.statuses:
        query = query.where(Delivery.status.in_(flt.statuses))
    if flt.since is not None:
        query = query.where(Run.started_at >= flt.since)
    if flt.until is not None:
        query = query.where(Run.started_at < flt.until)
    if flt.search.strip():
        needle = f"%{flt.search.strip()}%"
        query = query.where(Delivery.recipient.ilike(needle) | Delivery.address.ilike(needle))
    return query


class History:
    def __init__(self, database: Database) -> None:
        self.db = database

    def rows(
        self, flt: HistoryFilter | None = None, limit: int = MAX_ROWS, after_id: int = 0
    ) -> list[HistoryRow]:
        query = _query(flt or HistoryFilter())
        if after_id:
            query = query.where(Delivery.id > after_id)
        with self.db.session() as session:
            return [
                HistoryRow(
                    delivery_id=d.id,
                    run_id=r.id,
                    push_id=r.push_id,
                    push_name=name,
                    scheduled_at=r.scheduled_at,
                    started_at=r.started_at,
                    channel=d.channel,
                    recipient=d.recipient,
                    address=d.address,
                    status=d.status,
                    error=d.error,
                    attempts=d.attempts,
                    finished_at=d.finished_at,
                    title=d.title,
                    next_attempt_at=d.next_attempt_at,
                )
                for d, r, name in session.execute(query.limit(limit)).all()
            ]

    def failures_after(self, delivery_id: int) -> list[HistoryRow]:
        """Deliveries that failed for good with an id above ``delivery_id`` (for notices)."""
        return self.rows(HistoryFilter(statuses=("failed",)), after_id=delivery_id)

    def last_delivery_id(self) -> int:
        with self.db.session() as session:
            value = session.execute(select(Delivery.id).order_by(Delivery.id.desc())).first()
        return value[0] if value else 0


COLUMNS = (
    "push",
    "scheduled",
    "started",
    "channel",
    "recipient",
    "address",
    "status",
    "attempts",
    "error",
)


def history_csv(rows: Sequence[HistoryRow]) -> str:
    """The rows as CSV (formulas neutralised); write it with ``utf-8-sig`` for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = (
            row.push_name,
            row.scheduled_at.astimezone().isoformat(timespec="seconds"),
            row.started_at.astimezone().isoformat(timespec="seconds"),
            row.channel,
            row.recipient,
            row.address,
            row.status,
            str(row.attempts),
            row.error,
        )
        writer.writerow([safe_cell(c) for c in cells])
    return out.getvalue()
