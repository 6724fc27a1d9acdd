"""EventBridge: APScheduler events, raised in any thread, as Qt signals in the GUI thread."""

from __future__ import annotations

import logging
import traceback

from apscheduler.events import (
    EVENT_ALL_JOBS_REMOVED,
    EVENT_JOB_ADDED,
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    EVENT_JOB_MODIFIED,
    EVENT_JOB_REMOVED,
    EVENT_JOB_SUBMITTED,
    EVENT_JOBSTORE_ADDED,
    EVENT_JOBSTORE_REMOVED,
    EVENT_SCHEDULER_PAUSED,
    EVENT_SCHEDULER_RESUMED,
    EVENT_SCHEDULER_SHUTDOWN,
    EVENT_SCHEDULER_STARTED,
    JobExecutionEvent,
    SchedulerEvent,
)
from apscheduler.schedulers.base import STATE_RUNNING, BaseScheduler
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_JOBS_CHANGED = (
    EVENT_JOB_ADDED
    | EVENT_JOB_REMOVED
    | EVENT_JOB_MODIFIED
    | EVENT_ALL_JOBS_REMOVED
    | EVENT_JOBSTORE_ADDED
    | EVENT_JOBSTORE_REMOVED
    | EVENT_SCHEDULER_PAUSED
    | EVENT_SCHEDULER_RESUMED
)
_STATE_CHANGED = (
    EVENT_SCHEDULER_STARTED
    | EVENT_SCHEDULER_SHUTDOWN
    | EVENT_SCHEDULER_PAUSED
    | EVENT_SCHEDULER_RESUMED
)
_MISSED = EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES
_MASK = (
    _JOBS_CHANGED
    | _STATE_CHANGED
    | _MISSED
    | EVENT_JOB_SUBMITTED
    | EVENT_JOB_EXECUTED
    | EVENT_JOB_ERROR
)


def error_text(exc: BaseException | None) -> str:
    """One line naming the exception type and message, for history rows and the GUI."""
    if exc is None:
        return ""
    return "".join(traceback.format_exception_only(exc)).strip()


class EventBridge(QObject):
    """Re-emits a scheduler's events as Qt signals; create it in the GUI thread.

    The APScheduler listener runs in whatever thread raised the event (the Qt thread for
    passes and job changes, a pool thread for job results); it only emits. Connections to
    slots or callables made in the GUI thread are therefore queued and run there.

    Signals:
        job_submitted(str): a run of the job (id) was handed to the executor. The run also
            moved the job's next run time.
        job_executed(str): a run of the job finished without raising.
        job_failed(str, str): a run raised; job id and one-line error text.
        job_missed(str): a run was skipped: too late for its misfire grace time, or the
            previous run was still going (max instances reached).
        jobs_changed(): a job was added, removed or modified, all jobs were removed, a job
            store was added or removed, or the scheduler was paused or resumed.
        scheduler_state_changed(bool): the scheduler started, shut down, paused or resumed;
            True when it is running and not paused.
        clock_jumped(float): the wall clock moved this many seconds more than real time
            since the last pass (resume from sleep, clock change); emitted in the scheduler's
            thread just before the pass, so a directly connected slot may still pause it.
    """

    job_submitted = Signal(str)  # job id
    job_executed = Signal(str)  # job id
    job_failed = Signal(str, str)  # job id, error text
    job_missed = Signal(str)  # job id
    jobs_changed = Signal()
    scheduler_state_changed = Signal(bool)  # running and not paused
    clock_jumped = Signal(float)  # seconds

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scheduler: BaseScheduler | None = None

    def attach(self, scheduler: BaseScheduler) -> None:
        """Listen to ``scheduler``'s events (detaching from a previous scheduler, if any)."""
        self.detach()
        self._scheduler = scheduler
        scheduler.add_listener(self._on_event, _MASK)
        add_jump_listener = getattr(scheduler, "add_clock_jump_listener", None)
        if add_jump_listener is not None:
            add_jump_listener(self.clock_jumped.emit)

    def detach(self) -> None:
        """Stop listening; safe to call when not attached."""
        if self._scheduler is not None:
            self._scheduler.remove_listener(self._on_event)
            self._scheduler = None

    def _on_event(self, event: SchedulerEvent) -> None:
        # Runs in any thread: emit only, never touch widgets or the database here.
        code = event.code
        try:
            if code & EVENT_JOB_SUBMITTED:
                self.job_submitted.emit(event.job_id)
            elif code & EVENT_JOB_EXECUTED:
                self.job_executed.emit(event.job_id)
            elif code & EVENT_JOB_ERROR:
                exc = event.exception if isinstance(event, JobExecutionEvent) else None
                self.job_failed.emit(event.job_id, error_text(exc))
            elif code & _MISSED:
                self.job_missed.emit(event.job_id)
            if code & _JOBS_CHANGED:
                self.jobs_changed.emit()
            if code & _STATE_CHANGED:
                scheduler = self._scheduler
                running = scheduler is not None and scheduler.state == STATE_RUNNING
                self.scheduler_state_changed.emit(running)
        except RuntimeError:
            # The C++ side of this bridge is gone (application shutting down).
            log.debug("EventBridge deleted; dropping event %s", code)
