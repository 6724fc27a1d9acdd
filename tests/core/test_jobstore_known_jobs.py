"""The job store copies jobs it wrote or read before instead of unpickling them again
(pushgui/core/store/jobstore.py): what it hands out is exactly what unpickling gives, each
read is a job of its own, and a job changed since is read with its new state."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta

import apscheduler.jobstores.sqlalchemy as stock
import pytest
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from pushgui.core.runs import jobs
from pushgui.core.store.jobstore import KNOWN_JOBS, PushJobStore
from tests.core.conftest import ThreadScheduler


@pytest.fixture
def scheduler(database):
    store = PushJobStore(database.engine)
    sched = ThreadScheduler(timezone=UTC, jobstores={"default": store})
    sched.start(paused=True)
    yield sched
    sched.shutdown(wait=False)


def states(store: PushJobStore) -> dict[str, bytes]:
    """Each job's state as the store would write it (triggers have no equality of their own)."""
    return {job.id: pickle.dumps(job.__getstate__()) for job in store.get_all_jobs()}


def add_jobs(sched: ThreadScheduler, count: int) -> datetime:
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    for n in range(count):
        trigger = DateTrigger(later) if n % 2 else IntervalTrigger(minutes=n + 1, start_date=later)
        sched.add_job(jobs.RUN_PUSH, trigger=trigger, args=[n], id=f"{n}:push")
    return later


def test_jobs_read_back_are_what_a_fresh_store_unpickles(scheduler, database):
    add_jobs(scheduler, 40)
    ours = scheduler._jobstores["default"]
    assert states(ours) == states(PushJobStore(database.engine))


def test_known_jobs_are_not_unpickled_again(scheduler, monkeypatch):
    add_jobs(scheduler, 40)
    unpickled: list[bytes] = []
    real = stock.pickle.loads

    def counting(data: bytes, *args, **kwargs):
        unpickled.append(data)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(stock.pickle, "loads", counting)
    store = scheduler._jobstores["default"]
    assert len(store.get_all_jobs()) == 40
    assert unpickled == []  # all 40 were written by this store


def test_each_read_is_a_job_of_its_own(scheduler):
    add_jobs(scheduler, 2)
    store = scheduler._jobstores["default"]
    first = store.lookup_job("1:push")
    first._modify(next_run_time=first.next_run_time + timedelta(hours=5))
    again = store.lookup_job("1:push")
    assert again is not first
    assert again.next_run_time == first.next_run_time - timedelta(hours=5)
    assert (again._scheduler, again._jobstore_alias) == (scheduler, "default")


def test_a_changed_job_is_read_with_its_new_state(scheduler, database):
    later = add_jobs(scheduler, 4)
    scheduler.reschedule_job("1:push", trigger=DateTrigger(later + timedelta(days=3)))
    scheduler.modify_job("2:push", args=[99])
    store = scheduler._jobstores["default"]
    read = {job.id: job for job in store.get_all_jobs()}
    assert read["1:push"].next_run_time == later + timedelta(days=3)
    assert list(read["2:push"].args) == [99]
    assert states(store) == states(PushJobStore(database.engine))


def test_jobs_written_by_another_store_are_unpickled_once(scheduler, database):
    add_jobs(scheduler, 3)
    other = PushJobStore(database.engine)  # knows none of them
    first = states(other)
    with database.engine.begin() as connection:
        rows = connection.exec_driver_sql("SELECT job_state FROM apscheduler_jobs").all()
    assert set(first) == {pickle.loads(row[0])["id"] for row in rows}
    assert len(other._known) == 3
    assert states(other) == first


def test_the_known_jobs_are_bounded(scheduler):
    store = scheduler._jobstores["default"]
    add_jobs(scheduler, 3)
    for n in range(KNOWN_JOBS + 10):
        store._remember(b"state %d" % n, store.lookup_job("0:push"))
    assert len(store._known) <= KNOWN_JOBS
