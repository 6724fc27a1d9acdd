"""APScheduler's SQLAlchemy job store, minus its habit of deleting jobs it cannot unpickle.

The stock store deletes such rows silently. Here they are left in place and reported, and
the start-up reconcile rebuilds them from the push's spec, keeping their next run time.
"""

from __future__ import annotations

import logging
from typing import Any

from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.util import utc_timestamp_to_datetime
from sqlalchemy import and_, select

log = logging.getLogger(__name__)


class PushJobStore(SQLAlchemyJobStore):  # type: ignore[misc]
    """The job store, sharing the app's engine, that never drops a row it cannot read."""

    def __init__(self, engine: Any) -> None:
        super().__init__(engine=engine)
        self.unreadable: set[str] = set()

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

    def get_next_run_time(self) -> Any:
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
