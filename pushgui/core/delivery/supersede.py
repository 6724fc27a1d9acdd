"""Superseding: a later run of a push that reaches a recipient drops that recipient's
retries still waiting from earlier runs of the push, so a retry and a newer run never both
send (docs/ARCHITECTURE.md, "The path of one push", step 6).

Runs started together never supersede each other: their rows are queued, not retrying.
A recipient is the same in two runs when :func:`recipient_key` is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pushgui.core.delivery.queue import CHUNK, Pending
from pushgui.core.delivery.states import RETRYING, SUPERSEDED
from pushgui.core.store.models import Delivery, Run
from pushgui.core.system.i18n import QT_TRANSLATE_NOOP

SUPERSEDED_TEXT = QT_TRANSLATE_NOOP(
    "stored", "Superseded: a later run of this reminder reached this recipient"
)


def recipient_key(row: Any) -> tuple[str, int | None, int | None, str, str]:
    """Who a delivery reaches: the same key in two runs means the same recipient."""
    return (row.channel, row.channel_id, row.contact_id, row.address, row.recipient)


def supersede(
    session: Session, push_id: int, run_id: int, rows: Sequence[Pending | Delivery]
) -> int:
    """Drop the pending retries of earlier runs of ``push_id`` to the recipients of ``rows``."""
    return supersede_many(session, [(push_id, run_id, rows)])


def supersede_many(
    session: Session, runs: Sequence[tuple[int, int, Sequence[Pending | Delivery]]]
) -> int:
    """:func:`supersede` for the runs (push id, run id, deliveries) started together, with
    one query for the retries waiting in all of their pushes (usually none)."""
    keys: dict[int, tuple[int, set[tuple[str, int | None, int | None, str, str]]]] = {}
    for push_id, run_id, rows in runs:
        # The latest run of a push started here supersedes for it; runs started together
        # never supersede each other (their rows are queued, not retrying).
        run, known = keys.get(push_id, (run_id, set()))
        known.update(recipient_key(r) for r in rows)
        keys[push_id] = (max(run, run_id), known)
    started = {run_id for _push, run_id, _rows in runs}
    ids: list[int] = []
    push_ids = sorted(keys)
    for offset in range(0, len(push_ids), CHUNK):
        waiting = session.execute(
            select(Delivery, Run.push_id)
            .join(Run, Run.id == Delivery.run_id)
            .where(
                Run.push_id.in_(push_ids[offset : offset + CHUNK]),
                Delivery.status == RETRYING,
            )
        ).all()
        ids.extend(
            d.id
            for d, push_id in waiting
            if d.run_id not in started and recipient_key(d) in keys[push_id][1]
        )
    for offset in range(0, len(ids), CHUNK):
        session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids[offset : offset + CHUNK]), Delivery.status == RETRYING)
            .values(
                status=SUPERSEDED,
                error=SUPERSEDED_TEXT,
                next_attempt_at=None,
                finished_at=datetime.now(UTC),
            )
        )
    return len(ids)
