"""Jobs stored before the job functions moved into core/runs/ are still read and run:
revision 0010 rewrites the function each stored job names (docs/ARCHITECTURE.md, "Job
kinds")."""

from __future__ import annotations

import pickle
import shutil
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.date import DateTrigger
from sqlalchemy import text

from pushgui.core.runs import headsup, jobs, runner, snooze
from pushgui.core.store.db import MIGRATIONS, open_database
from pushgui.core.store.jobstore import PushJobStore
from tests.core.conftest import ThreadScheduler

SNOOZED = [1, "Stretch", "Stand up for a minute"]
OLD = {
    jobs.RUN_PUSH: "pushgui.core.runner:run_push",
    jobs.RETRY_RUN: "pushgui.core.runner:retry_run",
    jobs.ANNOUNCE: "pushgui.core.headsup:announce",
    jobs.SHOW_SNOOZED: "pushgui.core.snooze:run_snoozed",
}


def test_jobs_stored_with_the_old_function_places_are_read_after_the_upgrade(data_dir, tmp_path):
    before = tmp_path / "migrations-before-0010"
    shutil.copytree(MIGRATIONS, before)
    for script in (before / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"):
        if script.name >= "0010":  # that revision and the ones after it
            script.unlink()
    db = open_database(data_dir, migrations=before)
    later = datetime.now(UTC) + timedelta(days=1)
    scheduler = ThreadScheduler(timezone=UTC, jobstores={"default": PushJobStore(db.engine)})
    scheduler.start(paused=True)
    arguments = {
        jobs.RUN_PUSH: [1],
        jobs.RETRY_RUN: [1],
        jobs.ANNOUNCE: [1, later.timestamp()],
        jobs.SHOW_SNOOZED: SNOOZED,
    }
    for n, func in enumerate(OLD):
        scheduler.add_job(func, trigger=DateTrigger(later), args=arguments[func], id=f"{n}:job")
    scheduler.shutdown(wait=False)
    with db.engine.begin() as connection:  # what the version before wrote in each row
        for job_id, state in connection.execute(text("SELECT id, job_state FROM apscheduler_jobs")):
            data = pickle.loads(state)
            data["func"] = OLD[data["func"]]
            connection.execute(
                text("UPDATE apscheduler_jobs SET job_state = :s WHERE id = :i"),
                {"s": pickle.dumps(data), "i": job_id},
            )
    db.close()

    db = open_database(data_dir)
    try:
        store = PushJobStore(db.engine)
        found = {job.func_ref: job for job in store.get_all_jobs()}
        assert store.unreadable == set()
        assert set(found) == set(OLD)
        assert found[jobs.RUN_PUSH].func is runner.run_push
        assert found[jobs.RETRY_RUN].func is runner.retry_run
        assert found[jobs.ANNOUNCE].func is headsup.announce
        assert found[jobs.SHOW_SNOOZED].func is snooze.run_snoozed
        assert all(job.next_run_time == later for job in found.values())
    finally:
        db.close()
