"""A head start for bursts: the runs due at one instant are recorded just before it, in a
transaction that commits at that instant, so their sending starts the moment they are due.

Recording 1,000 runs and their deliveries takes about a tenth of a second of the one
thread Python runs at a time (docs/BENCHMARKS.md, "Burst"); done after the due time, it
made every message of a burst that much later. Here, :data:`LEAD` seconds before a due
time at which at least :data:`MIN_RUNS` schedules fall due, a thread reads those jobs;
:data:`HOLD` seconds before it, the thread takes the store's write lock, records the runs
exactly as the executor would (their messages rendered, their earlier retries superseded,
their nags started) and keeps that transaction open until the due time. Nobody else can
write meanwhile (SQLite has one writer; this process's writers wait on its write lock), so
what it wrote is what recording at the due time would have written, and nobody reads any
of it before then. At the due time it commits and hands the deliveries to the engine's
lanes. The scheduler's pass then fires the same jobs as usual, and the executor takes
each run recorded here as already started (:meth:`HeadStart.taken`).

It gives up, rolling back, so that the pass records the runs as it always does, when
another process is writing the file (it does not wait for it), when the scheduler is
paused or stopping, when the engine is shutting down, when the due time has
passed by more than :data:`LATE` (the machine slept; the missed-run policy decides), and
when the wall clock does not reach it within :data:`HOLD_AT_MOST` of taking the lock (the
clock was set back). A crash while it waits loses nothing: the transaction was never
committed, so the next start finds the runs missed, as it would have without it.

Only on SQLite: on PostgreSQL (a team server) an open transaction does not keep other
writers out, so a push edited meanwhile could go out as it was.
"""

from __future__ import annotations

import gc
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.exc import IntegrityError, OperationalError

from pushgui.core.runs.jobs import JobContext, is_scheduled_run
from pushgui.core.runs.nagging import arm_all
from pushgui.core.store.db import BUSY_TIMEOUT_MS

if TYPE_CHECKING:
    from pushgui.core.runs.record import Due

log = logging.getLogger(__name__)

#: Seconds before a due time that the jobs due then are looked at.
LEAD = 2.0
#: Seconds before the due time that the store's write lock is taken and the runs written.
HOLD = 0.5
#: The longest the lock is held, in real (monotonic) seconds, whatever the wall clock does.
HOLD_AT_MOST = 1.5
#: A due time passed by more than this when the runs could be committed: given up.
LATE = 1.0
#: Seconds between looks at the clocks while waiting.
STEP = 0.05
#: The longest the scheduler's pass stands aside once a burst is due, while its
#: deliveries are sent (:meth:`PushScheduler.stand_aside`); jobs due meanwhile wait that long.
ASIDE_AT_MOST = 1.0
#: Fewer runs due at one instant than this are recorded by the pass, as usual (a few
#: milliseconds): holding the store's write lock is for bursts. More than MAX_RUNS would
#: hold it for longer than HOLD (about 0.1 ms a run): the pass records those too.
MIN_RUNS = 50
MAX_RUNS = 4000
#: Milliseconds the head start waits for another process's write (an import from the
#: command line) before it leaves the burst to the pass; the store's own wait is 10 s,
#: and this process's writers would wait behind it.
BUSY_MS = 100

#: (push id, due time as a POSIX timestamp)
Key = tuple[int, float]


def key_of(push_id: int, due: datetime) -> Key:
    return push_id, due.timestamp()


class PassHold(Protocol):
    """What holds the scheduler's passes back while a burst is sent (PushScheduler)."""

    def stand_aside(self, seconds: float) -> None: ...

    def step_back_in(self) -> None: ...


class HeadStart:
    """Records bursts of scheduled runs ahead of their due time (see the module).

    ``context`` gives the executor's current job context; ``scheduling`` says whether the
    scheduler runs (a paused one starts nothing); ``jobstore`` has the jobs. ``wall`` and
    ``monotonic`` are the clocks (injected by tests).
    """

    def __init__(
        self,
        context: Callable[[], JobContext | None],
        scheduling: Callable[[], bool],
        jobstore: Any,
        *,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        min_runs: int = MIN_RUNS,
        aside: PassHold | None = None,
        aside_at_most: float = ASIDE_AT_MOST,
    ) -> None:
        self._context = context
        self._scheduling = scheduling
        self._jobstore = jobstore
        # The scheduler's pass, held back while a burst is sent (stand_aside/step_back_in).
        self._aside = aside
        self._aside_at_most = aside_at_most
        self._wall = wall
        self._monotonic = monotonic
        self.min_runs = min_runs
        self._lock = threading.Lock()
        self._holding: set[Key] = set()
        self._decided = threading.Event()
        self._decided.set()
        self._started: dict[Key, str] = {}
        self._stopping = threading.Event()
        self._todo: queue.SimpleQueue[datetime | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        #: How many runs were started ahead (for the log and the tests).
        self.started_ahead = 0
        #: Set while runs are written and wait for their due time to be committed.
        self.waiting_for_due = threading.Event()

    # -- the scheduler's side ---------------------------------------------------------------

    def due_soon(self, due: datetime) -> None:
        """Jobs fall due at ``due`` (about :data:`LEAD` seconds from now); any thread."""
        if self._stopping.is_set():
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="pushgui-head-start", daemon=True
                )
                self._thread.start()
        self._todo.put(due)

    def stop(self) -> None:
        """Give up any hold (rolled back) and end the thread."""
        self._stopping.set()
        self._todo.put(None)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(HOLD_AT_MOST + 1.0)

    # -- the executor's side ----------------------------------------------------------------

    def taken(self, keys: Sequence[Key]) -> dict[Key, str]:
        """Of ``keys`` (runs the scheduler fired), those started here, with their status;
        each is handed out once. Waits while a hold that includes one of them is undecided."""
        with self._lock:
            waiting = self._decided if self._holding.intersection(keys) else None
        if waiting is not None:
            waiting.wait(HOLD_AT_MOST + 5.0)
        with self._lock:
            return {key: self._started.pop(key) for key in keys if key in self._started}

    # -- the thread -------------------------------------------------------------------------

    def _loop(self) -> None:
        while (due := self._todo.get()) is not None:
            try:
                self._prepare(due)
            except Exception:
                log.exception("Runs due at %s not recorded ahead; the pass records them", due)

    def _running(self) -> bool:
        context = self._context()
        engine = context.engine if context is not None else None
        return (
            not self._stopping.is_set()
            and self._scheduling()
            and not (engine is not None and engine.stopping)
        )

    def _prepare(self, due: datetime) -> None:
        from pushgui.core.runs.record import Due

        context = self._context()
        if context is None or context.engine is None or not self._running():
            return
        if context.database.engine.dialect.name != "sqlite":
            return
        jobs = [
            job
            for job in self._jobstore.get_due_jobs(due)
            if is_scheduled_run(job) and job.next_run_time == due
        ]
        if not self.min_runs <= len(jobs) <= MAX_RUNS:
            return
        runs = [Due(int(job.args[0]), "schedule", None, due) for job in jobs]
        # Until shortly before the due time: the lock is held as briefly as it can be.
        while (left := due.timestamp() - HOLD - self._wall()) > 0:
            if self._stopping.wait(min(left, STEP)):
                return
        self._hold(context, due, runs)

    def _hold(self, context: JobContext, due: datetime, runs: list[Due]) -> None:
        from pushgui.core.runs.record import record_runs_in
        from pushgui.core.runs.runner import start_recorded

        database = context.database
        keys = {key_of(one.push_id, due) for one in runs}
        decided = threading.Event()
        stood_aside = False
        with self._lock:
            # Past the due time the pass may have taken some of them already.
            if self._wall() >= due.timestamp():
                return
            self._holding, self._decided = keys, decided
            stale = due.timestamp() - 60.0  # fired before, yet never taken (deleted at once)
            self._started = {k: v for k, v in self._started.items() if k[1] > stale}
        try:
            with database.write_lock, database.sessions() as session:
                connection = session.connection()
                try:
                    # The write lock before anything is read: what is read stays true
                    # until the commit. Another process writing: left to the pass.
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_MS}")
                    try:
                        connection.exec_driver_sql("BEGIN IMMEDIATE")
                    finally:
                        connection.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                    recorded, nags = record_runs_in(session, context, runs, due)
                except (IntegrityError, OperationalError) as exc:  # locked, or one recorded
                    session.rollback()
                    log.info("Runs due at %s recorded by the pass instead (%s)", due, exc)
                    return
                # What recording left for the collector is collected now, while the
                # thread waits anyway: a full collection (tens of milliseconds, every
                # thread stopped) would otherwise fall in the burst itself.
                gc.collect()
                if stood_aside := self._aside is not None:
                    # The pass at the due time waits while the burst is sent: it fires the
                    # same jobs, and takes them as started (executor.py).
                    left = max(due.timestamp() - self._wall(), 0.0)
                    self._aside.stand_aside(left + self._aside_at_most)
                self.waiting_for_due.set()
                if not self._until(due):
                    session.rollback()
                    log.info("Runs due at %s recorded by the pass instead", due)
                    return
                session.commit()
            # Committed: these runs are started, whatever happens next.
            with self._lock:
                for one in runs:
                    self._started[key_of(one.push_id, due)] = "running"
            self.started_ahead += len(runs)
            arm_all(context.scheduler, nags)
            statuses = start_recorded(context, runs, recorded)
            with self._lock:
                for one, status in zip(runs, statuses, strict=True):
                    if key_of(one.push_id, due) in self._started:
                        self._started[key_of(one.push_id, due)] = status
            log.info("%d runs due at %s were recorded ahead and started on time", len(runs), due)
            if stood_aside and context.engine is not None:
                context.engine.wait_sent(self._aside_at_most)
        finally:
            if stood_aside and self._aside is not None:
                self._aside.step_back_in()
            self.waiting_for_due.clear()
            with self._lock:
                self._holding = set()
            decided.set()

    def _until(self, due: datetime) -> bool:
        """Wait for the due time; False to give up (see the module)."""
        give_up_at = self._monotonic() + HOLD_AT_MOST
        while True:
            if not self._running():
                return False
            left = due.timestamp() - self._wall()
            if left <= 0:
                return -left <= LATE
            if self._monotonic() >= give_up_at:
                return False
            if self._stopping.wait(min(left, STEP)):
                return False
