"""PushScheduler: an APScheduler 3 scheduler run by one owned Qt timer, wakeable from any thread.

The stock ``apscheduler.schedulers.qt.QtScheduler`` has four defects (docs/ARCHITECTURE.md,
"Scheduling facts"):
``QTimer.singleShot`` returns None in PySide6, so its timer is never cancelled and every
``wakeup()`` starts another timer chain; ``shutdown()`` leaves that timer running, so a later
pass consumes runs while stopped; ``wakeup()`` from a worker thread creates a timer in a thread
without an event loop, so it never fires; and one exception escaping ``_process_jobs`` (a
"database is locked" from the job store's ``update_job``) ends scheduling for good.

PushScheduler owns a single single-shot ``Qt.PreciseTimer`` living in the thread that created
the scheduler; every wakeup is marshalled there through a queued signal, shutdown stops the
timer, a failed pass is logged and retried after ``store_retry_seconds``, and every wait is
capped at ``max_wait_seconds`` so a wall-clock jump or a resume from sleep is noticed quickly.
Pass listeners learn when a pass has looked at every job and how many runs it started.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime
from typing import Any

from apscheduler.events import (
    EVENT_ALL_JOBS_REMOVED,
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    EVENT_JOB_REMOVED,
    EVENT_JOB_SUBMITTED,
    JobEvent,
    JobExecutionEvent,
    SchedulerEvent,
)
from apscheduler.schedulers.base import STATE_PAUSED, STATE_RUNNING, STATE_STOPPED, BaseScheduler
from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from pushgui.core.store.jobstore import PushJobStore

log = logging.getLogger(__name__)

DEFAULT_MAX_WAIT_SECONDS = 30.0
DEFAULT_STORE_RETRY_SECONDS = 5.0
# Smaller differences between wall and monotonic time are timer slack or NTP slewing.
CLOCK_JUMP_SECONDS = 5.0
# QTimer takes a signed 32-bit millisecond interval.
_MAX_TIMER_MS = 2**31 - 1

_RUN_EVENTS = EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED
_FORGET_EVENTS = EVENT_JOB_REMOVED | EVENT_ALL_JOBS_REMOVED


class _TimerHost(QObject):
    """Owns the scheduler's timer in the creating thread and receives wakeups from other threads.

    Signals:
        poked: a wakeup or stop was requested from some thread; delivered queued to this
            object's thread, where ``on_poke`` runs.
    """

    poked = Signal()

    def __init__(self, on_timeout: Any, on_poke: Any) -> None:
        super().__init__()
        self._on_poke_cb = on_poke
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(on_timeout)
        self.lead_timer = QTimer(self)  # shortly before a due time (set_lead)
        self.lead_timer.setSingleShot(True)
        self.lead_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.poked.connect(self._on_poked, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _on_poked(self) -> None:
        self._on_poke_cb()


class PushScheduler(BaseScheduler):  # type: ignore[misc]  # APScheduler 3 is untyped
    """A scheduler run by the Qt event loop of the thread that creates it.

    Create it after the ``QCoreApplication`` and in the thread whose event loop should drive it
    (the GUI thread, or the main thread in headless mode). Jobs still run in the executors
    (APScheduler's thread pool by default); only the bookkeeping pass runs in the Qt thread.

    Extra options, besides BaseScheduler's:

    ``max_wait_seconds`` (default 30): longest time between two passes, so a wall-clock jump or
    a resume from sleep is noticed within that time. A pass that finds nothing due only
    recomputes the wait; nothing runs twice.

    ``store_retry_seconds`` (default 5): delay before the next pass when a pass failed with an
    exception (typically the job store raising "database is locked"). Also the default for
    BaseScheduler's ``jobstore_retry_interval`` unless that is given.
    """

    def __init__(self, gconfig: dict[str, Any] | None = None, **options: Any) -> None:
        self._host = _TimerHost(self._on_timeout, self._on_poke)
        self._poke_lock = threading.Lock()
        self._poke_pending = False
        self._in_pass = False
        self._wakeup_during_pass = False
        # After a failed pass the store may still hold the next_run_time of a run that was
        # already submitted; these records let the next pass skip it instead of running twice.
        self._runs_lock = threading.Lock()
        self._last_runs: dict[tuple[str, str], datetime] = {}
        self._repair_pending = False
        self.max_wait_seconds = DEFAULT_MAX_WAIT_SECONDS
        self.store_retry_seconds = DEFAULT_STORE_RETRY_SECONDS
        # Wall clock and monotonic clock, compared at every pass to notice a jump of the wall
        # clock (manual change, NTP step) or time spent asleep (monotonic time stands still).
        self._wall: Callable[[], float] = time.time
        self._mono: Callable[[], float] = time.monotonic
        self._last_pass: tuple[float, float] | None = None
        self._jump_listeners: list[Callable[[float], None]] = []
        self._pass_listeners: list[Callable[[int], None]] = []
        self._started_in_pass = 0
        self._lead: tuple[float, Callable[[datetime], None]] | None = None
        self._host.lead_timer.timeout.connect(self._on_lead)
        # Monotonic time until which passes wait (stand_aside); 0.0: they do not.
        self._aside_until = 0.0
        super().__init__(gconfig or {}, **options)
        self.add_listener(self._record_run, _RUN_EVENTS | _FORGET_EVENTS)
        self.add_listener(self._count_started, EVENT_JOB_SUBMITTED)

    # -- public API ---------------------------------------------------------------------------

    def wakeup(self) -> None:
        """Ask for a pass as soon as possible; callable from any thread, cheap when repeated."""
        with self._poke_lock:
            if self._poke_pending:
                return
            self._poke_pending = True
        self._host.poked.emit()

    def shutdown(self, wait: bool = True) -> None:
        """Stop the scheduler and its timer; no pass runs jobs after this returns."""
        super().shutdown(wait)
        if self._in_owner_thread():
            self._stop_timers()
        else:
            self._host.poked.emit()  # the owner thread stops the timer; passes bail out meanwhile

    def add_clock_jump_listener(self, callback: Callable[[float], None]) -> None:
        """Call ``callback(seconds)`` in the owner thread, before the pass that notices that
        the wall clock moved ``seconds`` more (or, negative, less) than real time passed.

        That is a resume from sleep, a manual clock change or an NTP step. The callback may
        pause the scheduler (to ask the user about missed runs); the pass then runs nothing.
        """
        self._jump_listeners.append(callback)

    def add_pass_listener(self, callback: Callable[[int], None]) -> None:
        """Call ``callback(started)`` in the owner thread after every pass that looked at the
        jobs (the scheduler was running, not paused); ``started`` is the number of runs that
        pass handed to the executors.

        Once it is called, every run due at the pass's start has been started, so this is
        where "nothing was run" can be checked, and where start-up is complete.
        """
        self._pass_listeners.append(callback)

    def remove_pass_listener(self, callback: Callable[[int], None]) -> None:
        if callback in self._pass_listeners:
            self._pass_listeners.remove(callback)

    def after_next_pass(self, callback: Callable[[int], None]) -> None:
        """Like :meth:`add_pass_listener`, for the next such pass only."""

        def once(started: int) -> None:
            self.remove_pass_listener(once)
            callback(started)

        self.add_pass_listener(once)

    def is_running(self) -> bool:
        """Started and not paused: due jobs are fired (from any thread)."""
        return bool(self.state == STATE_RUNNING)

    def set_lead(self, seconds: float, callback: Callable[[datetime], None]) -> None:
        """Call ``callback(due)`` in the owner thread about ``seconds`` before each time
        jobs fall due, with that time (the head start of bursts, core/runs/headstart.py).
        Nothing is called for a due time less than ``seconds`` away when it is known."""
        self._lead = (seconds, callback)

    def stand_aside(self, seconds: float) -> None:
        """Hold passes back for at most ``seconds`` from now, or until :meth:`step_back_in`;
        any thread. A pass due meanwhile (its timer, a wakeup) runs when the hold ends.

        For a burst recorded ahead (core/runs/headstart.py): its runs are started at their
        due time without the pass, and a pass firing their 1,000 jobs in the same moment
        took the one thread Python runs at a time from their sending for tens of
        milliseconds (docs/BENCHMARKS.md, "Burst"). The pass fires them once they are sent,
        and takes them as already started.
        """
        self._aside_until = self._mono() + max(seconds, 0.0)

    def step_back_in(self) -> None:
        """End a :meth:`stand_aside` hold: a pass held back runs now; any thread."""
        self._aside_until = 0.0
        self.wakeup()

    def next_wakeup_in(self) -> float | None:
        """Seconds until the next pass, or None when no pass is scheduled (stopped or paused)."""
        remaining = self._host.timer.remainingTime()
        if remaining < 0:
            return None
        return remaining / 1000.0

    # -- BaseScheduler hooks --------------------------------------------------------------------

    def _configure(self, config: dict[str, Any]) -> None:
        self._wall = config.pop("wall_clock", self._wall)
        self._mono = config.pop("monotonic_clock", self._mono)
        max_wait = float(config.pop("max_wait_seconds", DEFAULT_MAX_WAIT_SECONDS))
        retry = float(config.pop("store_retry_seconds", DEFAULT_STORE_RETRY_SECONDS))
        if max_wait <= 0 or retry <= 0:
            raise ValueError("max_wait_seconds and store_retry_seconds must be positive")
        config.setdefault("jobstore_retry_interval", retry)
        super()._configure(config)
        self.max_wait_seconds = max_wait
        self.store_retry_seconds = retry

    def _process_jobs(self) -> float | None:
        """One pass; never raises: a failure is logged and the pass retried later."""
        if self.state == STATE_STOPPED:
            return None
        try:
            if self._repair_pending:
                self._skip_runs_already_done()
            with ExitStack() as passes:
                for store in list(self._jobstores.values()):
                    if isinstance(store, PushJobStore):
                        passes.enter_context(store.one_pass())
                return super()._process_jobs()  # type: ignore[no-any-return]
        except Exception:
            self._repair_pending = True
            log.exception("Scheduling pass failed; retrying in %.1f s", self.store_retry_seconds)
            return self.store_retry_seconds

    # -- timer handling (owner thread only) -----------------------------------------------------

    def _stop_timers(self) -> None:
        self._host.timer.stop()
        self._host.lead_timer.stop()

    def _in_owner_thread(self) -> bool:
        return bool(QThread.currentThread() == self._host.thread())

    def _on_poke(self) -> None:
        with self._poke_lock:
            self._poke_pending = False
        if self.state == STATE_STOPPED:
            self._stop_timers()
        elif self._in_pass:
            self._wakeup_during_pass = True
        else:
            self._arm(0.0)

    def _on_timeout(self) -> None:
        if self.state == STATE_STOPPED:
            return
        aside = self._aside_until - self._mono()
        if aside > 0:  # stand_aside: the pass runs when the hold ends
            self._host.timer.start(max(1, math.ceil(aside * 1000)))
            return
        self._in_pass = True
        self._wakeup_during_pass = False
        self._started_in_pass = 0
        looked = False
        try:
            self._check_clock()
            looked = self.state == STATE_RUNNING  # a jump listener may have paused it
            wait_seconds = self._process_jobs()
        finally:
            self._in_pass = False
        if looked and not self._repair_pending:  # a failed pass may not have seen every job
            self._notify_pass(self._started_in_pass)
        if self.state == STATE_STOPPED:
            self._stop_timers()
        elif self.state == STATE_PAUSED:
            # resume() calls wakeup(); nothing to do until then.
            self._stop_timers()
        elif self._wakeup_during_pass:
            self._arm(0.0)
        else:
            self._arm(wait_seconds)

    def _check_clock(self) -> None:
        wall, mono = self._wall(), self._mono()
        previous, self._last_pass = self._last_pass, (wall, mono)
        if previous is None:
            return
        drift = (wall - previous[0]) - (mono - previous[1])
        if abs(drift) < CLOCK_JUMP_SECONDS:
            return
        log.info("The wall clock moved %+.0f s against real time (sleep or clock change)", drift)
        for callback in list(self._jump_listeners):
            try:
                callback(drift)
            except Exception:
                log.exception("Clock jump listener failed")

    def _count_started(self, event: SchedulerEvent) -> None:
        if self._in_pass and self._in_owner_thread():
            self._started_in_pass += 1

    def _notify_pass(self, started: int) -> None:
        for callback in list(self._pass_listeners):
            try:
                callback(started)
            except Exception:
                log.exception("Pass listener failed")

    def _arm(self, wait_seconds: float | None) -> None:
        """(Re)start the one timer; with no job due, only the cap keeps it ticking."""
        self._arm_lead(wait_seconds)
        if wait_seconds is None:
            wait_seconds = self.max_wait_seconds
        wait_seconds = min(max(wait_seconds, 0.0), self.max_wait_seconds)
        self._host.timer.start(min(math.ceil(wait_seconds * 1000), _MAX_TIMER_MS))

    def _arm_lead(self, wait_seconds: float | None) -> None:
        timer = self._host.lead_timer
        if self._lead is None or wait_seconds is None or wait_seconds <= self._lead[0]:
            timer.stop()
            return
        timer.start(min(math.ceil((wait_seconds - self._lead[0]) * 1000), _MAX_TIMER_MS))

    def _on_lead(self) -> None:
        if self._lead is None or self.state != STATE_RUNNING:
            return
        lead, callback = self._lead
        due = self._next_due()
        if due is None:
            return
        left = (due - datetime.now(self.timezone)).total_seconds()
        if 0 < left <= lead + 1.0:  # early by more than a second: the next pass re-arms it
            try:
                callback(due)
            except Exception:
                log.exception("Lead listener failed")

    def _next_due(self) -> datetime | None:
        times = []
        with self._jobstores_lock:
            for store in self._jobstores.values():
                when = store.get_next_run_time()
                if when is not None:
                    times.append(when)
        return min(times, default=None)

    # -- duplicate-run guard after a failed pass -----------------------------------------------

    def _record_run(self, event: SchedulerEvent) -> None:
        with self._runs_lock:
            if event.code == EVENT_ALL_JOBS_REMOVED:
                # Carries only the store alias; dropping every record just skips the guard.
                self._last_runs.clear()
            elif isinstance(event, JobExecutionEvent):
                key = (event.jobstore, event.job_id)
                previous = self._last_runs.get(key)
                if previous is None or event.scheduled_run_time > previous:
                    self._last_runs[key] = event.scheduled_run_time
            elif isinstance(event, JobEvent):  # job removed
                self._last_runs.pop((event.jobstore, event.job_id), None)

    def _skip_runs_already_done(self) -> None:
        """Advance jobs whose stored next run already ran before a pass failed to save it."""
        now = datetime.now(self.timezone)
        with self._runs_lock:
            last_runs = dict(self._last_runs)
        with self._jobstores_lock:
            for (alias, job_id), run_time in last_runs.items():
                store = self._jobstores.get(alias)
                job = store.lookup_job(job_id) if store is not None else None
                if job is None or job.next_run_time is None or job.next_run_time > run_time:
                    continue
                next_run = job.trigger.get_next_fire_time(run_time, now)
                log.info("Job %s already ran at %s; moving it to %s", job_id, run_time, next_run)
                if next_run is None:
                    self.remove_job(job_id, alias)
                else:
                    job._modify(next_run_time=next_run)
                    store.update_job(job)
        self._repair_pending = False
