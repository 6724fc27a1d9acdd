"""APScheduler's SQLAlchemy job store, minus its habit of deleting jobs it cannot unpickle,
and with one transaction per scheduling pass.

The stock store deletes such rows silently. Here they are left in place and reported, and
the start-up reconcile rebuilds them from the push's spec, keeping their next run time.

The stock store also writes each fired job's next run time (or its removal) in a
transaction of its own: about 2 ms a job, so 1,000 pushes due in the same second started
over two seconds (docs/BENCHMARKS.md, "Burst"). Within :meth:`PushJobStore.one_pass` the
scheduler's thread gathers them and writes them together, before the scheduler asks for
its next wake-up time and before any event is dispatched.

Triggers of rules on working days read the app's holiday data and own days, which is never
pickled: the store hands its ``calendars`` to every trigger it loads.
"""

from __future__ import annotations

import logging
import pickle
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from itertools import groupby
from typing import TYPE_CHECKING, Any

from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.util import datetime_to_utc_timestamp, utc_timestamp_to_datetime
from sqlalchemy import and_, bindparam, select

if TYPE_CHECKING:
    from pushgui.core.schedule.workdays import Calendars

log = logging.getLogger(__name__)

#: Jobs the store wrote or read lately, by their pickled state (see ``_reconstitute_job``).
KNOWN_JOBS = 4096
#: What a job's pickled state holds (``Job.__getstate__``), copied from a known job.
_STATE = (
    "id",
    "func_ref",
    "func",
    "trigger",
    "executor",
    "args",
    "kwargs",
    "name",
    "misfire_grace_time",
    "coalesce",
    "max_instances",
    "next_run_time",
)


class PushJobStore(SQLAlchemyJobStore):  # type: ignore[misc]
    """The job store, sharing the app's engine, that never drops a row it cannot read."""

    def __init__(
        self,
        engine: Any,
        calendars: Calendars | None = None,
        write_lock: AbstractContextManager[Any] | None = None,
    ) -> None:
        super().__init__(engine=engine)
        self.calendars = calendars
        # The store's in-process write lock (Database.write_lock): the pass's batched write
        # waits for the executor's and the lanes' transactions there, not in SQLite's
        # busy handler.
        self._write_lock = write_lock if write_lock is not None else nullcontext()
        self.unreadable: set[str] = set()
        # (statement kind, job id, next run time, state) gathered during one pass
        self._gathered: list[tuple[str, str, float | None, bytes]] | None = None
        self._gathering_thread: int | None = None
        # Pickled state -> a job with that state. Unpickling each due job (and importing its
        # function anew through PySide's import hook) was half of a 1,000-job pass; the
        # same bytes always give the same job, so a job written or read before is copied.
        self._known: dict[bytes, Job] = {}

    @contextmanager
    def one_pass(self) -> Iterator[None]:
        """Gather this thread's job updates and removals, then write them in one transaction.

        They are written at the latest when the pass asks for the next run time (so the
        wake-up it computes sees them) and in any case when the pass ends, even by an
        error: every job they belong to was already handed to the executor. A job deleted
        meanwhile by another thread is simply gone (the stock store would have raised and
        abandoned the pass). If the write fails, the next pass finds the jobs still due, and
        the runner's claim once per (push, due time) refuses what already ran.
        """
        self._gathered, self._gathering_thread = [], threading.get_ident()
        try:
            yield
        finally:
            try:
                self._write_gathered()
            finally:
                self._gathered = self._gathering_thread = None

    def _gathering(self) -> bool:
        return self._gathered is not None and self._gathering_thread == threading.get_ident()

    def _write_gathered(self) -> None:
        gathered = self._gathered
        if not gathered:
            return
        self._gathered = []
        table = self.jobs_t
        # One statement per kind, each executed for many rows: building and running a
        # statement per job was most of a 1,000-job pass. Runs of the same kind keep their
        # order, so a job updated and then removed ends up removed, as before.
        update = (
            table.update()
            .values(next_run_time=bindparam("b_next"), job_state=bindparam("b_state"))
            .where(table.c.id == bindparam("b_id"))
        )
        delete = table.delete().where(table.c.id == bindparam("b_id"))
        with self._write_lock, self.engine.begin() as connection:
            for kind, group in groupby(gathered, key=lambda item: item[0]):
                if kind == "update":
                    connection.execute(
                        update,
                        [{"b_id": i, "b_next": n, "b_state": s} for _k, i, n, s in group],
                    )
                else:
                    connection.execute(delete, [{"b_id": i} for _k, i, _n, _s in group])

    def add_job(self, job: Job) -> None:
        super().add_job(job)
        self._remember(pickle.dumps(job.__getstate__(), self.pickle_protocol), job)

    def update_job(self, job: Job) -> None:
        if not self._gathering():
            super().update_job(job)
            self._remember(pickle.dumps(job.__getstate__(), self.pickle_protocol), job)
            return
        state = pickle.dumps(job.__getstate__(), self.pickle_protocol)
        self._remember(state, job)
        next_run = datetime_to_utc_timestamp(job.next_run_time)
        assert self._gathered is not None
        self._gathered.append(("update", job.id, next_run, state))

    def remove_job(self, job_id: str) -> None:
        if not self._gathering():
            super().remove_job(job_id)
            return
        assert self._gathered is not None
        self._gathered.append(("remove", job_id, None, b""))

    def lookup_job(self, job_id: str) -> Job | None:
        if self._gathering():
            self._write_gathered()
        return super().lookup_job(job_id)

    def get_due_jobs(self, now: Any) -> list[Job]:
        if self._gathering():
            self._write_gathered()
        return super().get_due_jobs(now)  # type: ignore[no-any-return]

    def get_all_jobs(self) -> list[Job]:
        if self._gathering():
            self._write_gathered()
        return super().get_all_jobs()  # type: ignore[no-any-return]

    def _get_jobs(self, *conditions: Any) -> list[Job]:
        jobs: list[Job] = []
        query = select(self.jobs_t.c.id, self.jobs_t.c.job_state).order_by(
            self.jobs_t.c.next_run_time
        )
        if conditions:
            query = query.where(and_(*conditions))
        with self.engine.begin() as connection:
            for row in connection.execute(query):
                if row.id in self.unreadable:
                    continue
                try:
                    jobs.append(self._reconstitute_job(row.job_state))
                except Exception:
                    log.exception("Job %r cannot be read; it will be rebuilt from its push", row.id)
                    self.unreadable.add(row.id)
        return jobs

    def _remember(self, state: bytes, job: Job) -> None:
        if len(self._known) >= KNOWN_JOBS:
            self._known.clear()
        self._known[state] = _copy(job)

    def _reconstitute_job(self, job_state: bytes) -> Job:
        known = self._known.get(job_state)
        if known is None:
            job: Job = super()._reconstitute_job(job_state)
            self._remember(job_state, job)
        else:
            job = _copy(known)
            job._scheduler = self._scheduler
            job._jobstore_alias = self._alias
        use = getattr(job.trigger, "use_calendars", None)
        if use is not None and self.calendars is not None:
            use(self.calendars)
        return job

    def get_next_run_time(self) -> Any:
        if self._gathering():
            # The pass has handed out every due job: what it gathered is written now, and
            # anything after this (event listeners) writes as usual.
            self._write_gathered()
            self._gathered = self._gathering_thread = None
        if not self.unreadable:
            return super().get_next_run_time()
        # An unreadable row must not keep the scheduler waking up for it in a busy loop.
        query = (
            select(self.jobs_t.c.next_run_time)
            .where(self.jobs_t.c.next_run_time.is_not(None))
            .where(self.jobs_t.c.id.not_in(self.unreadable))
            .order_by(self.jobs_t.c.next_run_time)
            .limit(1)
        )
        with self.engine.begin() as connection:
            value = connection.execute(query).scalar()
        return utc_timestamp_to_datetime(value)


def _copy(job: Job) -> Job:
    """A new job with ``job``'s state (what unpickling its state gives, without the work):
    the scheduler changes a job by setting its attributes, never the objects they hold."""
    twin: Job = Job.__new__(Job)
    for name in _STATE:
        setattr(twin, name, getattr(job, name))
    return twin
