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
import logging
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.base import run_job
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job

if TYPE_CHECKING:
    from pushgui.core.delivery.engine import DeliveryEngine

SCHEDULE_FUNC = "pushgui.core.runner:run_push"

log = logging.getLogger(__name__)

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


def _plan(job: Job, run_times: Sequence[datetime]) -> list[tuple[datetime, bool]]:
    """Which of the job's due times to run (True) or record as missed (False)."""
    from pushgui.core.missed import apply_policy  # the policy needs the store; import late

    if _is_schedule(job):
        return apply_policy(job.args[0], run_times)
    return [(t, True) for t in run_times]


def _run_each(
    job: Job,
    jobstore_alias: str,
    run_times: Sequence[datetime],
    logger: str,
    engine: DeliveryEngine | None = None,
) -> Any:
    _engine.set(engine)  # this pool thread's context, for this job only (set on each call)

    events: list[Any] = []
    plan = _plan(job, run_times)
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
        self._gathered: list[tuple[Job, list[datetime]]] = []
        self._gather_lock = threading.Lock()
        self._draining = False

    def _do_submit_job(self, job: Job, run_times: Sequence[datetime]) -> None:
        if self.engine is not None and job.func_ref == SCHEDULE_FUNC and not job.kwargs:
            # Runs due in the same scheduler pass are submitted one after another from the
            # scheduler's thread: gathered, they are recorded in one transaction by one
            # pool task (a burst used to cost a task and several transactions per run).
            # One gathering task at a time: the runs that arrive while it records are taken
            # together by its next round (several tasks only contended for the store).
            with self._gather_lock:
                self._gathered.append((job, list(run_times)))
                start = not self._draining
                self._draining = True
            if start:
                self._pool.submit(self._drain)
            return

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

    def _drain(self) -> None:
        while True:
            with self._gather_lock:
                taken, self._gathered = self._gathered, []
                if not taken:
                    self._draining = False
                    return
            try:
                self._run_gathered(taken)
            except BaseException:
                log.exception("Runs due together could not be started")

    def _run_gathered(self, taken: list[tuple[Job, list[datetime]]]) -> None:
        from pushgui.core.runner import Due, run_pushes  # the runner needs the store

        _engine.set(self.engine)
        events: dict[int, list[Any]] = {}
        due: list[tuple[int, Due]] = []
        for index, (job, run_times) in enumerate(taken):
            events[index] = []
            try:
                plan = _plan(job, run_times)
            except Exception as exc:
                self._run_job_error(job.id, exc, exc.__traceback__)
                del events[index]
                continue
            args: tuple[Any, ...] = tuple(job.args)
            push_id = int(args[0])
            reason = str(args[1]) if len(args) > 1 else "schedule"  # run_push's defaults
            scheduled_for = float(args[2]) if len(args) > 2 and args[2] is not None else None
            for run_time, send in plan:
                if send:
                    due.append((index, Due(push_id, reason, scheduled_for, run_time)))
                else:
                    events[index].append(
                        JobExecutionEvent(EVENT_JOB_MISSED, job.id, job._jobstore_alias, run_time)
                    )
        try:
            statuses = run_pushes([one for _index, one in due])
        except Exception as exc:
            log.exception("Runs due together could not be started")
            for index in events:
                self._run_job_error(taken[index][0].id, exc, exc.__traceback__)
            return
        for (index, one), status in zip(due, statuses, strict=True):
            job = taken[index][0]
            events[index].append(
                JobExecutionEvent(
                    EVENT_JOB_EXECUTED, job.id, job._jobstore_alias, one.run_time, retval=status
                )
            )
        for index, job_events in events.items():
            self._run_job_success(taken[index][0].id, job_events)
