"""One module owns APScheduler (docs/ARCHITECTURE.md, "Job kinds"): core/runs/jobs.py spells the
job ids and kinds, names the job functions, adds the jobs and queries APScheduler's table.
Nothing else in pushgui does, and building a service wires nothing into the scheduler."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pushgui
from pushgui.core.pushes.service import PushService
from pushgui.core.runs import jobs

ROOT = Path(pushgui.__file__).parent
OWNER = ROOT / "core" / "runs" / "jobs.py"
# The migration that creates the table, the model that declares it for SQLAlchemy, and
# the migration that rewrote the stored function names when the job functions moved.
DECLARING = {
    ROOT / "core/store/migrations/versions/0001_initial.py",
    ROOT / "core/store/models.py",
    ROOT / "core/store/migrations/versions/0010_job_functions_moved.py",
    # The migration that adds the change-notice trigger on the table (team databases).
    ROOT / "core/store/migrations/versions/0014_change_notices.py",
}

# The job store itself: its ``add_job`` is APScheduler's storage method (it forwards a
# job the scheduler adds to the stock store's), not a job added by pushgui.
STORE = ROOT / "core" / "store" / "jobstore.py"

SPELLINGS = {
    "a job id of another kind": re.compile(
        r""":(now|retry|headsup|snooze|missed|delivered|nag)\b[:"'}]"""
    ),
    "a job function's name": re.compile(r"""["']pushgui\.core\.\w+:\w+["']"""),
    "APScheduler's table": re.compile(r"apscheduler_jobs|jobs_table"),
    "adding a job": re.compile(r"\.add_job\("),
    "a schedule job's id made by hand": re.compile(r"_job\(str\("),
}


def test_only_core_jobs_spells_job_ids_adds_jobs_or_reads_their_table():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if path == OWNER or path in DECLARING:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for what, pattern in SPELLINGS.items():
                if path == STORE and line.strip() == "super().add_job(job)":
                    continue
                if pattern.search(line):
                    found.append(
                        f"{path.relative_to(ROOT.parent)}:{number}: {what}: {line.strip()}"
                    )
    assert found == []


def test_the_job_ids_and_their_kinds():
    due = datetime(2030, 1, 7, 8, tzinfo=UTC)
    made = {
        jobs.schedule_id(7): "schedule",
        jobs.now_id(7): "now",
        jobs.missed_id(7, due): "missed",
        jobs.retry_id(7, 12): "retry",
        jobs.headsup_id(7): "headsup",
        jobs.snooze_id(7, due): "snooze",
        jobs.nag_id(7, 12): "nag",
    }
    assert {jobs.kind_of(i): jobs.push_id_of(i) for i in made} == {k: 7 for k in made.values()}
    assert [i for i in made if jobs.is_schedule(i)] == ["7"]
    assert jobs.push_id_of("someone-else's") is None and jobs.kind_of("x:now:1") is None


def test_a_push_service_adds_no_listener_to_the_scheduler(database, scheduler):
    listeners = list(scheduler._listeners)
    PushService(database, scheduler)
    assert scheduler._listeners == listeners
