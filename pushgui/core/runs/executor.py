"""A thread-pool executor that hands each job function its context and scheduled time.

APScheduler calls job functions with their stored arguments only; the scheduled time is
known to the executor, and the shared services (the store, the secret store, the scheduler,
the delivery engine) to the composition root. The executor runs APScheduler's own
``run_job`` once per scheduled time, handing the job function the :class:`JobContext` for
that time as its ``context`` keyword. Jobs never coalesce or misfire inside APScheduler:
for a push's schedule the executor applies the push's missed-run policy to all due times,
and records each one it does not send.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.base import run_job
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job

from pushgui.core.runs.headstart import key_of
from pushgui.core.runs.jobs import RUN_PUSH, JobContext, is_scheduled_run

if TYPE_CHECKING:
    from pushgui.core.delivery.engine import DeliveryEngine
    from pushgui.core.runs.headstart import HeadStart

log = logging.getLogger(__name__)


class _Handed:
    """The job as ``run_job`` sees it, with the context added to its keywords."""

    def __init__(self, job: Job, context: JobContext) -> None:
        self._job = job
        self.id = job.id
        self.func = job.func
        self.args = job.args
        self.kwargs = {**job.kwargs, "context": context}
        self.misfire_grace_time = job.misfire_grace_time

    def __str__(self) -> str:
        return str(self._job)


def _plan(
    context: JobContext, job: Job, run_times: Sequence[datetime]
) -> list[tuple[datetime, bool]]:
    """Which of the job's due times to run (True) or record as missed (False)."""
    from pushgui.core.runs.missed import apply_policy  # the policy needs the store; import late

    if is_scheduled_run(job):
        return apply_policy(context.database, job.args[0], run_times, context.clock)
    return [(t, True) for t in run_times]


def _run_each(
    job: Job,
    jobstore_alias: str,
    run_times: Sequence[datetime],
    logger: str,
    context: JobContext,
) -> Any:
    events: list[Any] = []
    plan = _plan(context, job, run_times)
    for run_time, send in plan:
        if send:
            events.extend(
                run_job(_Handed(job, context.at(run_time)), jobstore_alias, [run_time], logger)
            )
        else:
            events.append(JobExecutionEvent(EVENT_JOB_MISSED, job.id, jobstore_alias, run_time))
    return events


class PushExecutor(ThreadPoolExecutor):  # type: ignore[misc]
    """APScheduler's thread pool, handing job functions their context and scheduled time.

    With an engine in the context, job functions only write their runs and hand the sending
    to it, so a pool thread is never held by a network; without one they send in the pool
    thread.
    """

    def __init__(self, max_workers: int = 10, context: JobContext | None = None) -> None:
        super().__init__(max_workers)
        # Set by the composition root once the scheduler it needs exists, before it starts.
        self.context = context
        self._gathered: list[tuple[Job, list[datetime]]] = []
        self._gather_lock = threading.Lock()
        self._draining = False
        #: Records bursts ahead of their due time (core/runs/headstart.py), when installed.
        self.head_start: HeadStart | None = None

    def shutdown(self, wait: bool = True) -> None:
        if self.head_start is not None:
            self.head_start.stop()
        super().shutdown(wait)

    @property
    def engine(self) -> DeliveryEngine | None:
        return self.context.engine if self.context is not None else None

    def _handed(self) -> JobContext:
        if self.context is None:
            raise RuntimeError("The executor was started without a JobContext")
        return self.context

    def _do_submit_job(self, job: Job, run_times: Sequence[datetime]) -> None:
        if self.engine is not None and job.func_ref == RUN_PUSH and not job.kwargs:
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
            _run_each, job, job._jobstore_alias, list(run_times), self._logger.name, self._handed()
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

    def _started_ahead(self, taken: list[tuple[Job, list[datetime]]]) -> dict[int, str]:
        """Of the fired jobs (by index), those the head start already started: status."""
        head_start = self.head_start
        if head_start is None:
            return {}
        keys = {
            index: key_of(int(job.args[0]), run_times[0])
            for index, (job, run_times) in enumerate(taken)
            if len(run_times) == 1 and is_scheduled_run(job)
        }
        if not keys:
            return {}
        started = head_start.taken(list(keys.values()))
        return {index: started[key] for index, key in keys.items() if key in started}

    def _run_gathered(self, taken: list[tuple[Job, list[datetime]]]) -> None:
        from pushgui.core.runs.runner import Due, run_pushes  # the runner needs the store

        context = self._handed()
        events: dict[int, list[Any]] = {}
        due: list[tuple[int, Due]] = []
        ahead = self._started_ahead(taken)
        for index, (job, run_times) in enumerate(taken):
            events[index] = []
            if index in ahead:  # recorded and started at its due time by the head start
                events[index].append(
                    JobExecutionEvent(
                        EVENT_JOB_EXECUTED,
                        job.id,
                        job._jobstore_alias,
                        run_times[0],
                        retval=ahead[index],
                    )
                )
                continue
            try:
                plan = _plan(context, job, run_times)
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
            statuses = run_pushes([one for _index, one in due], context=context)
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
