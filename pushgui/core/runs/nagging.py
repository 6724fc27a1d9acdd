"""The life of a nagging run: its state row, its job, each nag and the escalation sent once.

The setting is :class:`pushgui.core.pushes.nag.NagSpec`.

When a run of such a reminder is recorded, a :class:`~pushgui.core.store.models.Nag` row is
written in the same transaction (:func:`start`), so a recorded run always has its nag state.
One persisted job per nagging run (:func:`pushgui.core.runs.jobs.nag_id`) wakes at the next nag
or escalation time and calls :func:`nag_due`, which claims that time by compare and set on
the row (``next_at`` for a nag, ``escalated_at`` for the escalation) in the same transaction
that writes the delivery rows it sends. So each nag time is sent at most once, and once
written it is sent even after a crash (a queued row is sent at the next start): exactly
once. Nag times missed while pushgui was not running are not sent one by one: the next one
goes. Marking the reminder done (:func:`mark_done`) stops both; so does a later run of the
same reminder, which starts its own.

The nag repeats the run's own desktop message as it was first shown; the escalation goes
through the chosen target (a room, or contacts through a channel) with a message saying
what was not done. See docs/RELIABILITY.md, "Nag until done".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.delivery.engine import split
from pushgui.core.delivery.queue import pending_of
from pushgui.core.messages.recipients import expand
from pushgui.core.people.contacts import ContactBook
from pushgui.core.pushes.nag import MAX_EVERY
from pushgui.core.pushes.spec import PushSpec, Target, spec_from_stored
from pushgui.core.runs import jobs
from pushgui.core.runs.hand_over import hand_over
from pushgui.core.schedule.zones import zone
from pushgui.core.store.db import Database
from pushgui.core.store.models import Delivery, Push, Run
from pushgui.core.store.models import Nag as NagRow
from pushgui.core.system.clock import Clock, utc_now
from pushgui.core.system.i18n import translate

log = logging.getLogger(__name__)

nag_job_id = jobs.nag_id


# -- the store -----------------------------------------------------------------------------


def start(
    session: Session, spec: PushSpec, push_id: int, run_id: int, due: datetime
) -> datetime | None:
    """In the transaction recording run ``run_id``: its nag row when ``spec`` nags (and is a
    reminder to oneself), and the earlier nags of the push stopped (this run nags now).
    Returns when its job should first wake, or ``None``."""
    nag = spec.nag
    if nag is None or not any(t.kind == DESKTOP for t in spec.targets):
        return None
    session.execute(
        update(NagRow)
        .where(NagRow.push_id == push_id, NagRow.done_at.is_(None), NagRow.run_id != run_id)
        .values(done_at=due, next_at=None)
    )
    first = due + timedelta(minutes=nag.every_minutes)
    escalate = (
        due + timedelta(minutes=nag.escalate_after_minutes) if nag.escalate_after_minutes else None
    )
    session.add(
        NagRow(
            run_id=run_id,
            push_id=push_id,
            due_at=due,
            next_at=first,
            escalate_at=escalate,
            nags_sent=0,
        )
    )
    return min(t for t in (first, escalate) if t is not None)


def arm_all(scheduler: Any, started: Iterable[tuple[int, int, datetime | None]]) -> None:
    """After the runs' transaction: each nagging run's job ((push, run, first wake))."""
    for push_id, run_id, when in started:
        if when is not None:
            arm(scheduler, push_id, run_id, when)


def arm(scheduler: Any, push_id: int, run_id: int, when: datetime) -> None:
    """The run's nag job, due ``when`` (it replaces the run's earlier one)."""
    if scheduler is None:
        log.warning("No scheduler to nag for run %s; reconcile arms it at the next start", run_id)
        return
    jobs.add_nag(scheduler, push_id, run_id, when)


def _next_wake(row: NagRow) -> datetime | None:
    if row.done_at is not None:
        return None
    times = [row.next_at]
    if row.escalated_at is None:
        times.append(row.escalate_at)
    present = [t for t in times if t is not None]
    return min(present) if present else None


def mark_done(
    database: Database, push_id: int, scheduler: Any = None, clock: Clock = utc_now
) -> int:
    """The reminder ``push_id`` was marked done: its nags and escalation stop. Returns how
    many nagging runs were stopped."""
    with database.session() as session:
        runs = list(
            session.execute(
                select(NagRow.run_id).where(NagRow.push_id == push_id, NagRow.done_at.is_(None))
            ).scalars()
        )
        session.execute(
            update(NagRow)
            .where(NagRow.push_id == push_id, NagRow.done_at.is_(None))
            .values(done_at=clock(), next_at=None)
        )
    for run_id in runs:
        if scheduler is not None:
            jobs.remove(scheduler, nag_job_id(push_id, run_id))
    return len(runs)


def rearm(
    database: Database, scheduler: Any, job_ids: set[str], clock: Clock = utc_now
) -> list[int]:
    """At start: nagging runs without a job get one again (a crash between recording the
    run and adding its job). Returns their run ids."""
    with database.session() as session:
        rows = list(session.execute(select(NagRow).where(NagRow.done_at.is_(None))).scalars())
        wakes = [(row.push_id, row.run_id, _next_wake(row)) for row in rows]
    armed = []
    for push_id, run_id, when in wakes:
        if when is None or nag_job_id(push_id, run_id) in job_ids:
            continue
        arm(scheduler, push_id, run_id, max(when, clock()))
        armed.append(run_id)
    return armed


@dataclass(frozen=True)
class Claimed:
    """What one wake of a nag job took: delivery rows written (queued) to send now."""

    push_id: int
    run_id: int
    rows: tuple[int, ...]
    nag: bool
    escalated: bool
    next_wake: datetime | None


EscalationRows = Callable[[int, Run, NagRow], Iterable[dict[str, Any]]]


def claim(
    database: Database,
    run_id: int,
    now: datetime,
    escalation_rows: EscalationRows,
) -> Claimed | None:
    """Take what is due at ``now`` for run ``run_id``: at most one nag (the nag time is
    claimed by moving ``next_at`` past ``now``) and the escalation, each with its delivery
    rows written in the same transaction. ``escalation_rows(push_id, run, nag_row)`` gives
    the escalation's delivery rows (column values). ``None`` when the run no longer nags."""
    with database.session() as session:
        row = session.execute(select(NagRow).where(NagRow.run_id == run_id)).scalars().first()
        if row is None or row.done_at is not None:
            return None
        run = session.get_one(Run, run_id)
        every = _every(row, session)
        written: list[int] = []
        nagged = escalated = False
        slack = timedelta(seconds=1)
        if row.next_at is not None and row.next_at <= now + slack:
            missed = (now + slack - row.next_at) // every  # nag times passed meanwhile: one goes
            following = row.next_at + (missed + 1) * every
            took = session.execute(
                update(NagRow)
                .where(NagRow.id == row.id, NagRow.next_at == row.next_at, NagRow.done_at.is_(None))
                .values(next_at=following, nags_sent=NagRow.nags_sent + 1)
                .returning(NagRow.id)
            ).first()
            if took is not None:
                nagged = True
                written.extend(_repeat(session, run))
                row.next_at = following
        if (
            row.escalate_at is not None
            and row.escalated_at is None
            and row.escalate_at <= now + slack
        ):
            took = session.execute(
                update(NagRow)
                .where(NagRow.id == row.id, NagRow.escalated_at.is_(None), NagRow.done_at.is_(None))
                .values(escalated_at=now)
                .returning(NagRow.id)
            ).first()
            if took is not None:
                escalated = True
                rows = list(escalation_rows(row.push_id, run, row))
                for values in rows:
                    delivery = Delivery(run_id=run.id, **values)
                    session.add(delivery)
                    session.flush()
                    written.append(delivery.id)
                row.escalated_at = now
        session.flush()
        session.refresh(row)
        return Claimed(row.push_id, run_id, tuple(written), nagged, escalated, _next_wake(row))


def _every(row: NagRow, session: Session) -> timedelta:
    """The nag interval, read from the push's spec as it is now."""
    push = session.get(Push, row.push_id)
    nag = spec_from_stored(push.spec, push.name, push.enabled).nag if push is not None else None
    return timedelta(minutes=nag.every_minutes if nag is not None else MAX_EVERY)


def _repeat(session: Session, run: Run) -> list[int]:
    """The run's desktop message again, as a new queued delivery of the same run."""
    first = (
        session.execute(
            select(Delivery)
            .where(Delivery.run_id == run.id, Delivery.channel == DESKTOP)
            .order_by(Delivery.id)
        )
        .scalars()
        .first()
    )
    if first is None:
        return []
    again = Delivery(
        run_id=run.id,
        channel=DESKTOP,
        recipient=first.recipient,
        title=first.title,
        body=first.body,
        status="queued",
        error="",
    )
    session.add(again)
    session.flush()
    return [again.id]


def escalation_text(title: str, minutes: int, due: datetime) -> tuple[str, str]:
    """The escalation's title and body (in the language in use when it is written)."""
    return (
        translate("nag", "Not done: {title}").format(title=title),
        translate(
            "nag", 'The reminder "{title}" due at {time} was not marked done within {n} minutes.'
        ).format(title=title, time=due.strftime("%Y-%m-%d %H:%M"), n=minutes),
    )


# -- the job -------------------------------------------------------------------------------


def nag_due(run_id: int, *, context: jobs.JobContext | None = None) -> str:
    """The nag job of run ``run_id``: send what is due (a nag, the escalation), then set
    the job for the next time. Returns what it did: "done", "nagged", "escalated", "both"
    or "waiting" (woken early: nothing due yet)."""
    ctx = jobs.handed(context)
    database = ctx.database
    now = ctx.clock()
    with database.session() as session:
        run = session.get(Run, run_id)
        push = session.get(Push, run.push_id) if run is not None else None
        if run is None or push is None:
            return "done"
        spec = spec_from_stored(push.spec, push.name, push.enabled)
        push_id = push.id
    claimed = claim(database, run_id, now, lambda p, r, row: _escalation_rows(ctx, spec, r, row))
    if claimed is None:
        return "done"
    if claimed.rows:
        _send(ctx, spec, push_id, run_id, claimed.rows)
    if claimed.next_wake is not None:
        arm(ctx.scheduler, push_id, run_id, claimed.next_wake)
    if claimed.nag and claimed.escalated:
        return "both"
    return "nagged" if claimed.nag else "escalated" if claimed.escalated else "waiting"


def _escalation_rows(
    context: jobs.JobContext, spec: PushSpec, run: Run, row: NagRow
) -> list[dict[str, Any]]:
    nag = spec.nag
    if nag is None or nag.escalate_to is None:
        return []
    raw = nag.escalate_to
    target = Target(
        kind=str(raw.get("kind")),
        channel_id=raw.get("channel_id"),
        contact_ids=tuple(raw.get("contact_ids", ())),
        group_ids=tuple(raw.get("group_ids", ())),
    )
    database = context.database
    channels = {c.id: c for c in ChannelBook(database, context.secrets).channels()}
    recipients = expand(replace(spec, targets=(target,)), ContactBook(database), channels)
    title, body = escalation_text(
        spec.message.title or spec.name,
        nag.escalate_after_minutes,
        row.due_at.astimezone(zone(spec.trigger.timezone)),
    )
    return [
        {
            "channel": r.kind,
            "channel_id": r.channel_id,
            "contact_id": r.contact_id,
            "recipient": r.label[:300],
            "address": r.address[:320],
            "title": title,
            "body": body,
            "status": "queued",
            "error": "",
        }
        for r in recipients
    ]


def _send(
    context: jobs.JobContext, spec: PushSpec, push_id: int, run_id: int, ids: tuple[int, ...]
) -> None:
    """Hand the written rows to the engine's lanes, or send them here without an engine."""
    with context.database.session() as session:
        rows = list(
            session.execute(
                select(Delivery).where(Delivery.id.in_(ids)).order_by(Delivery.id)
            ).scalars()
        )
        pending = pending_of(rows)
    batches = split(push_id, run_id, spec.name, spec.options, (), pending, spec.message.format)
    hand_over(context, batches)
