"""Skipping a push's next run once: recorded as skipped, and the schedule moves on."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from pushgui.core.pushes.spec import spec_from_stored
from pushgui.core.runs import headsup, jobs
from pushgui.core.runs.missed import record_skipped
from pushgui.core.schedule.preview import next_fire_time
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.store.db import Database
from pushgui.core.store.models import Push
from pushgui.core.system.clock import Clock, utc_now
from pushgui.core.system.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

SKIPPED_ONCE = QT_TRANSLATE_NOOP("stored", "Skipped this time, as you asked")


def skip_next(
    database: Database,
    scheduler: Any,
    push_id: int,
    expected: datetime | None = None,
    now: datetime | None = None,
    clock: Clock = utc_now,
    calendars: Calendars | None = None,
) -> datetime | None:
    """Skip the next scheduled run of ``push_id``; returns its due time, or ``None``.

    With ``expected``, only the run due then is skipped (a heads-up answered after that run
    already went out must not skip the one after it). The skipped run is recorded with
    reason "schedule" and status "skipped", so the history lists it and a restart resumes
    after it; a one-off that is skipped is done.
    """
    now = now or clock()
    job = jobs.schedule_job(scheduler, push_id)
    if job is None or job.next_run_time is None:
        return None
    due: datetime = job.next_run_time
    if expected is not None and abs(due - expected) > timedelta(milliseconds=1):
        return None
    with database.session() as session:
        push = session.get(Push, push_id)
        if push is None:
            return None
        spec = spec_from_stored(push.spec, push.name, push.enabled)
    record_skipped(database, push_id, due, SKIPPED_ONCE, reason="schedule", clock=clock)
    following = next_fire_time(spec.trigger, due, now, calendars)
    if following is None:
        jobs.remove(scheduler, jobs.schedule_id(push_id))
    else:
        scheduler.modify_job(jobs.schedule_id(push_id), next_run_time=following)
    headsup.arm(scheduler, push_id, spec, following, now)
    log.info("Push %s: the run due %s is skipped; next %s", push_id, due, following)
    return due
