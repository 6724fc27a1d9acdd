"""The job function APScheduler calls: ``pushgui.core.runner:run_push`` with a push id.

It runs in a worker thread with its own session. Each delivery row is written (queued)
before anything is sent and updated afterwards, so a crash leaves every recipient
accounted for. A run is recorded once per (push, scheduled time); a second start of the
same scheduled run, e.g. after a crash between firing and the job store update, is refused.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from pushgui.core.channels.base import Outcome, Outgoing, get_sender
from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.channels.desktop import ME
from pushgui.core.executor import scheduled_time
from pushgui.core.specs import PushSpec, spec_from_dict
from pushgui.core.store import db
from pushgui.core.store.models import Delivery, Push, Run

log = logging.getLogger(__name__)

JOB_FUNC = "pushgui.core.runner:run_push"


def _recipients(spec: PushSpec) -> list[tuple[str, str]]:
    """(channel kind, recipient) pairs a run reaches."""
    pairs: list[tuple[str, str]] = []
    for target in spec.targets:
        if target.kind == DESKTOP:
            pairs.append((DESKTOP, ME))
        else:
            pairs.append((target.kind, f"channel {target.channel_id}"))
    return list(dict.fromkeys(pairs))


def _summarise(outcomes: list[Outcome]) -> tuple[str, str]:
    failed = [o for o in outcomes if not o.ok]
    if not failed:
        return "ok", ""
    status = "failed" if len(failed) == len(outcomes) else "partial"
    return status, "; ".join(dict.fromkeys(o.error for o in failed))


def run_push(push_id: int, reason: str = "schedule") -> str:
    """Run push ``push_id`` once; returns the run's status (also stored on the run row)."""
    database = db.current()
    started = datetime.now(UTC)
    scheduled = scheduled_time() or started

    with database.session() as session:
        push = session.get(Push, push_id)
        if push is None:
            log.warning("Push %s no longer exists; nothing to run", push_id)
            return "missing"
        spec = spec_from_dict(json.loads(push.spec))
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
            rows = [
                Delivery(run_id=run.id, channel=kind, recipient=who, status="queued")
                for kind, who in _recipients(spec)
            ]
            session.add_all(rows)
            session.flush()
            run_id, pending = run.id, [(d.id, d.channel, d.recipient) for d in rows]
    except IntegrityError:
        log.warning("Push %s already ran for %s; not running it again", push_id, scheduled)
        return "duplicate"

    by_channel: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for delivery_id, kind, who in pending:
        by_channel[kind].append((delivery_id, who))

    all_outcomes: list[Outcome] = []
    for kind, items in by_channel.items():
        messages = [
            Outgoing(push_id, spec.name, who, spec.message.title, spec.message.body)
            for _id, who in items
        ]
        with database.session() as session:
            for delivery_id, _who in items:
                delivery = session.get_one(Delivery, delivery_id)
                delivery.status, delivery.attempts = "sending", delivery.attempts + 1
        try:
            outcomes = get_sender(kind).send(messages)
            if len(outcomes) != len(messages):
                raise RuntimeError(f"{kind} sender returned {len(outcomes)} results")
        except Exception as exc:
            log.exception("Sending through %s failed", kind)
            outcomes = [Outcome(ok=False, error=str(exc) or type(exc).__name__)] * len(items)
        finished = datetime.now(UTC)
        with database.session() as session:
            for (delivery_id, _who), outcome in zip(items, outcomes, strict=True):
                delivery = session.get_one(Delivery, delivery_id)
                delivery.status = "sent" if outcome.ok else "failed"
                delivery.error = outcome.error
                delivery.finished_at = finished
        all_outcomes.extend(outcomes)

    status, error = _summarise(all_outcomes)
    with database.session() as session:
        run = session.get_one(Run, run_id)
        run.status, run.error, run.finished_at = status, error, datetime.now(UTC)
    log.info("Push %s (%s) ran for %s: %s", push_id, spec.name, scheduled, status)
    return status
