"""At start, bring APScheduler's jobs in line with the push rows, and settle deliveries a crash
interrupted.

The push rows are the source of truth: jobs are added, rebuilt or removed to match them.
Deliveries left queued or sending are never resent by themselves; the user chooses. These
work through a :class:`~pushgui.core.pushes.service.PushService`, whose methods of the same names
call them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from apscheduler.util import utc_timestamp_to_datetime
from sqlalchemy import func, select, update

from pushgui.core.delivery.queue import DUE_LATER
from pushgui.core.delivery.settle import settle_after_crash
from pushgui.core.delivery.states import INTERRUPTED, RETRYING, SKIPPED
from pushgui.core.pushes.spec import PushSpec, spec_from_stored
from pushgui.core.runs import headsup, jobs, nagging
from pushgui.core.schedule.build import build_trigger
from pushgui.core.schedule.preview import next_fire_time
from pushgui.core.schedule.spec import OnceSpec
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.store.models import Delivery, Push, Run
from pushgui.core.system.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from pushgui.core.pushes.service import PushService

log = logging.getLogger(__name__)


@dataclass
class ReconcileReport:
    added: list[int] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rebuilt: list[int] = field(default_factory=list)
    finished: list[int] = field(default_factory=list)
    retries: list[int] = field(default_factory=list)
    interrupted: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.rebuilt)


# -- start-up ------------------------------------------------------------------------------


def reconcile(service: PushService, now: datetime | None = None) -> ReconcileReport:
    """Bring jobs in line with pushes; call with the scheduler started but paused.

    Enabled pushes without a job get one from their spec, keeping missed runs (the next
    run is computed from the last recorded run, not from now). Jobs without a push, or
    of a paused push, are removed. Rows that cannot be unpickled are rebuilt from the
    spec with their stored next run time.
    """
    now = now or datetime.now(UTC)
    report = ReconcileReport(interrupted=mark_interrupted(service))
    with service.db.session() as session:
        job_rows = jobs.stored_jobs(session)
        pushes = {
            p.id: p
            for p in session.execute(select(Push.id, Push.name, Push.spec, Push.enabled)).all()
        }
        last_scheduled = dict(
            session.execute(
                select(Run.push_id, func.max(Run.scheduled_at))
                .where(Run.reason == "schedule")
                .group_by(Run.push_id)
            ).all()
        )
    keep_next: dict[int, datetime | None] = {}
    present: set[int] = set()
    for job_id, stamp, readable in job_rows:
        push_id = jobs.push_id_of(job_id)
        push = pushes.get(push_id) if push_id is not None else None
        schedule = jobs.is_schedule(job_id)
        paused_schedule = push is not None and not push.enabled and schedule
        if push is None or paused_schedule or not readable:
            jobs.remove(service.scheduler, job_id)
            report.removed.append(job_id)
            if push is not None and push.enabled and schedule:
                keep_next[push.id] = utc_timestamp_to_datetime(stamp) if stamp is not None else None
            continue
        if schedule:
            present.add(push.id)

    for push_id, push in pushes.items():
        if not push.enabled or push_id in present:
            continue
        spec = spec_from_stored(push.spec, push.name, push.enabled)
        if push_id in keep_next:
            next_run = keep_next[push_id]
            report.rebuilt.append(push_id)
        else:
            next_run = _resume_point(spec, last_scheduled.get(push_id), now, service.calendars)
        if next_run is None:
            report.finished.append(push_id)
            continue
        service._schedule(push_id, spec, next_run=next_run)
        if push_id not in keep_next:
            report.added.append(push_id)
    report.retries = _reschedule_retries(service, {row[0] for row in job_rows}, now)
    _arm_headsups(service, present, pushes, {row[0] for row in job_rows} - set(report.removed))
    nagging.rearm(service.db, service.scheduler, {row[0] for row in job_rows} - set(report.removed))
    if report:
        log.info(
            "Reconciled jobs: added %s, rebuilt %s, removed %s",
            report.added,
            report.rebuilt,
            report.removed,
        )
    return report


def _reschedule_retries(service: PushService, job_ids: set[str], now: datetime) -> list[int]:
    """Runs with deliveries waiting for a retry (or held by quiet hours) but no retry job
    get one again."""
    with service.db.session() as session:
        waiting = session.execute(
            select(Run.push_id, Delivery.run_id, func.min(Delivery.next_attempt_at))
            .join(Run, Run.id == Delivery.run_id)
            .where(Delivery.status.in_(DUE_LATER))
            .group_by(Run.push_id, Delivery.run_id)
        ).all()
    rescheduled = []
    for push_id, run_id, when in waiting:
        job_id = jobs.retry_id(push_id, run_id)
        if job_id in job_ids and service.scheduler.get_job(job_id) is not None:
            continue
        jobs.add_retry(service.scheduler, push_id, run_id, max(when or now, now))
        rescheduled.append(run_id)
    return rescheduled


def _arm_headsups(
    service: PushService, present: set[int], pushes: dict[int, Any], job_ids: set[str]
) -> None:
    """Scheduled pushes that want a heads-up but have no heads-up job get one."""
    for push_id in present:
        push = pushes[push_id]
        # Cheap test first: the key is only written when a heads-up is set.
        if '"heads_up_minutes"' in push.spec and jobs.headsup_id(push_id) not in job_ids:
            spec = spec_from_stored(push.spec, push.name, push.enabled)
            headsup.rearm(service.scheduler, service.db, push_id, spec)


def _resume_point(
    spec: PushSpec, last: datetime | None, now: datetime, calendars: Calendars
) -> datetime | None:
    """When a push without a job runs next: the run after its last one, even if past."""
    if isinstance(spec.trigger, OnceSpec):
        # A one-off that never ran is due even if its time has passed: it was missed.
        due: datetime | None = build_trigger(spec.trigger).get_next_fire_time(None, now)
        return None if last is not None else due
    return next_fire_time(spec.trigger, last, now, calendars)


# -- interrupted deliveries ----------------------------------------------------------------


def mark_interrupted(service: PushService) -> int:
    """At start: the deliveries that were in flight when pushgui stopped become
    "interrupted"; those never tried are sent now (see ``settle_after_crash``).

    An interrupted delivery is never resent automatically (it may have arrived); the user
    chooses per delivery with :func:`resend` or :func:`dismiss`.
    """
    return settle_after_crash(service.db)


def resend(service: PushService, delivery_ids: Sequence[int]) -> None:
    """Send interrupted (or failed) deliveries again, now, through the retry job."""
    now = datetime.now(UTC)
    with service.db.session() as session:
        session.execute(
            update(Delivery)
            .where(Delivery.id.in_(list(delivery_ids)))
            .values(status=RETRYING, next_attempt_at=now, error="")
        )
        pairs = session.execute(
            select(Run.push_id, Run.id)
            .join(Delivery, Delivery.run_id == Run.id)
            .where(Delivery.id.in_(list(delivery_ids)))
            .distinct()
        ).all()
    for push_id, run_id in pairs:
        jobs.add_retry(service.scheduler, push_id, run_id, now)


def dismiss(service: PushService, delivery_ids: Sequence[int]) -> None:
    """Accept that interrupted deliveries are not sent again."""
    with service.db.session() as session:
        session.execute(
            update(Delivery)
            .where(Delivery.id.in_(list(delivery_ids)), Delivery.status == INTERRUPTED)
            .values(
                status=SKIPPED,
                error=QT_TRANSLATE_NOOP("stored", "Interrupted; you chose not to send it again"),
            )
        )
