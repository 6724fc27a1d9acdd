"""A thread-pool executor that tells the job function which scheduled time it is running for.

APScheduler calls job functions with their stored arguments only; the scheduled time is
known to the executor. pushgui records both the scheduled and the actual start of each
run, so the executor runs APScheduler's own ``run_job`` once per scheduled time with that
time in a context variable that :func:`scheduled_time` reads. Jobs never coalesce or
misfire inside APScheduler: for a push's schedule the executor applies the push's
missed-run policy to all due times, and records each one it does not send.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from apscheduler.events import EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.base import run_job
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job

if TYPE_CHECKING:
    from pushgui.core.delivery.engine import DeliveryEngine

SCHEDULE_FUNC = "pushgui.core.runner:run_push"

_scheduled: contextvars.ContextVar[datetime | None] = contextvars.ContextVar(
    "pushgui_scheduled_time", default=None
)


_engine: contextvars.ContextVar[DeliveryEngine | None] = contextvars.ContextVar(
    "pushgui_delivery_engine", default=None
)


def delivery_engine() -> DeliveryEngine | None:
    """The engine the running job hands its deliveries to; ``None``: send in this thread."""
    return _engine.get()


def scheduled_time() -> datetime | None:
    """The time the running job was scheduled for, or ``None`` outside a scheduled run."""
    return _scheduled.get()


@contextlib.contextmanager
def running_for(moment: datetime) -> Iterator[None]:
    """Run the code inside as the run scheduled for ``moment`` (as the executor does)."""
    token = _scheduled.set(moment)
    try:
        yield
    finally:
        _scheduled.reset(token)


@contextlib.contextmanager
def handing_to(engine: DeliveryEngine | None) -> Iterator[None]:
    """Run job functions inside as the executor does, handing their sends to ``engine``."""
    token = _engine.set(engine)
    try:
        yield
    finally:
        _engine.reset(token)


def _is_schedule(job: Job) -> bool:
    """The push's own schedule job (not "run now", a retry or a missed run sent late)."""
    return bool(job.func_ref == SCHEDULE_FUNC and job.args and job.id == str(job.args[0]))


def _run_each(
    job: Job,
    jobstore_alias: str,
    run_times: Sequence[datetime],
    logger: str,
    engine: DeliveryEngine | None = None,
) -> Any:
    from pushgui.core.missed import apply_policy  # the policy needs the store; import late

    _engine.set(engine)  # this pool thread's context, for this job only (set on each call)

    events: list[Any] = []
    plan = (
        apply_policy(job.args[0], run_times)
        if _is_schedule(job)
        else [(t, True) for t in run_times]
    )
    for run_time, send in plan:
        if send:
            with running_for(run_time):
                events.extend(run_job(job, jobstore_alias, [run_time], logger))
        else:
            events.append(JobExecutionEvent(EVENT_JOB_MISSED, job.id, jobstore_alias, run_time))
    return events


class PushExecutor(ThreadPoolExecutor):  # type: ignore[misc]
    """APScheduler's thread pool, with the scheduled time handed to the job function.

    With an ``engine``, job functions only write their runs and hand the sending to it, so
    a pool thread is never held by a network; without one they send in the pool thread.
    """

    def __init__(self, max_workers: int = 10, engine: DeliveryEngine | None = None) -> None:
        super().__init__(max_workers)
        self.engine = engine

    def _do_submit_job(self, job: Job, run_times: Sequence[datetime]) -> None:
        def callback(future: Any) -> None:
            exc = future.exception()
            if exc is not None:
                self._run_job_error(job.id, exc, exc.__traceback__)
            else:
                self._run_job_success(job.id, future.result())

        future = self._pool.submit(
            _run_each, job, job._jobstore_alias, list(run_times), self._logger.name, self.engine
        )
        future.add_done_callback(callback)
