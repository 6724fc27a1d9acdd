"""EventBridge: APScheduler events, raised in any thread, as Qt signals in the GUI thread."""

from __future__ import annotations

import logging
import threading
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
from PySide6.QtCore import QObject, Qt, Signal, Slot

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
    passes and job changes, a pool thread or a channel lane for results); it only notes the
    event. The notes are handed on in batches: the first note after a batch asks, through
    one queued signal, for the next batch to be emitted in the bridge's thread. A burst of
    1,000 runs is a handful of emits, not 3,000, in the threads that start and send them
    (an emit cost about 20 us of interpreter time there; docs/BENCHMARKS.md, "Burst"), and
    a window refreshes once per batch instead of once per run.

    Signals (emitted in the bridge's thread; each batch in the order below):
        jobs_submitted(list): runs of these jobs (ids, each once) were handed to the
            executor; each run also moved its job's next run time.
        jobs_executed(list): runs of these jobs finished without raising (a delivered run
            is announced with :meth:`announce_executed`).
        job_failed(str, str): a run raised; job id and one-line error text.
        jobs_missed(list): runs of these jobs were skipped: too late for the misfire grace
            time, or the previous run was still going (max instances reached).
        jobs_changed(): a job was added, removed or modified, all jobs were removed, a job
            store was added or removed, or the scheduler was paused or resumed.
        scheduler_state_changed(bool): the scheduler started, shut down, paused or resumed;
            True when it is running and not paused (its state when the batch is emitted).
        clock_jumped(float): the wall clock moved this many seconds more than real time
            since the last pass (resume from sleep, clock change); emitted at once in the
            scheduler's thread just before the pass, so a directly connected slot may still
            pause it.
    """

    jobs_submitted = Signal(list)  # job ids
    jobs_executed = Signal(list)  # job ids
    job_failed = Signal(str, str)  # job id, error text
    jobs_missed = Signal(list)  # job ids
    jobs_changed = Signal()
    scheduler_state_changed = Signal(bool)  # running and not paused
    clock_jumped = Signal(float)  # seconds
    _batch_waiting = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scheduler: BaseScheduler | None = None
        self._notes_lock = threading.Lock()
        self._notes: list[tuple[int, str, str]] = []  # (event code, job id, error text)
        self._batch_waiting.connect(self._emit_batch, Qt.ConnectionType.QueuedConnection)

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

    def announce_executed(self, job_ids: list[str]) -> None:
        """Announce runs finished outside the executor (a delivered run, a team server's
        notice) as :attr:`jobs_executed` in the next batch; callable from any thread."""
        self._note([(EVENT_JOB_EXECUTED, job_id, "") for job_id in job_ids])

    def _on_event(self, event: SchedulerEvent) -> None:
        # Runs in any thread: note only, never touch widgets or the database here.
        error = ""
        if event.code & EVENT_JOB_ERROR:
            exc = event.exception if isinstance(event, JobExecutionEvent) else None
            error = error_text(exc)
        self._note([(event.code, getattr(event, "job_id", None) or "", error)])

    def _note(self, notes: list[tuple[int, str, str]]) -> None:
        with self._notes_lock:
            first = not self._notes
            self._notes.extend(notes)
        if first:
            try:
                self._batch_waiting.emit()
            except RuntimeError:
                # The C++ side of this bridge is gone (application shutting down).
                log.debug("EventBridge deleted; dropping %d events", len(notes))

    @Slot()
    def _emit_batch(self) -> None:
        with self._notes_lock:
            notes, self._notes = self._notes, []
        submitted: dict[str, None] = {}
        executed: dict[str, None] = {}
        missed: dict[str, None] = {}
        failed: list[tuple[str, str]] = []
        changed = state_changed = False
        for code, job_id, error in notes:
            if code & EVENT_JOB_SUBMITTED:
                submitted[job_id] = None
            elif code & EVENT_JOB_EXECUTED:
                executed[job_id] = None
            elif code & EVENT_JOB_ERROR:
                failed.append((job_id, error))
            elif code & _MISSED:
                missed[job_id] = None
            changed = changed or bool(code & _JOBS_CHANGED)
            state_changed = state_changed or bool(code & _STATE_CHANGED)
        if submitted:
            self.jobs_submitted.emit(list(submitted))
        if executed:
            self.jobs_executed.emit(list(executed))
        for job_id, error in failed:
            self.job_failed.emit(job_id, error)
        if missed:
            self.jobs_missed.emit(list(missed))
        if changed:
            self.jobs_changed.emit()
        if state_changed:
            scheduler = self._scheduler
            self.scheduler_state_changed.emit(
                scheduler is not None and scheduler.state == STATE_RUNNING
            )
