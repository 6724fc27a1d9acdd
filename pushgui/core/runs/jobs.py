"""The one module that owns APScheduler's side of pushgui (docs/ARCHITECTURE.md, "Job kinds").

It spells every job id and kind, names the job functions (referenced by text, so that a
stored job survives code changes), adds every kind of job, and holds every query of
APScheduler's ``apscheduler_jobs`` table. Nothing else in pushgui builds a job id, adds a
job or reads that table. It also defines :class:`JobContext`, what the executor hands to
each job function: job functions run in APScheduler's worker threads and cannot be given
objects through the stored job, so the composition root (``pushgui/app.py``) builds one
context and the executor passes it in as the ``context`` keyword.

APScheduler and SQLAlchemy are imported where they are used: ``pushgui list`` reads the
table with sqlite3 alone (:data:`NEXT_RUNS_SQL`) and must not wait for their import
(docs/BENCHMARKS.md, "Command line start").
"""

from __future__ import annotations

import contextlib
import pickle
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pushgui.core.channels.desktop import LogSender
from pushgui.core.system.clock import Clock, utc_now
from pushgui.core.system.i18n import ENGLISH, Language

if TYPE_CHECKING:
    from apscheduler.triggers.base import BaseTrigger
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from pushgui.core.channels.base import Sender
    from pushgui.core.delivery.engine import DeliveryEngine
    from pushgui.core.runs.headsup import HeadsUp
    from pushgui.core.schedule.workdays import Calendars
    from pushgui.core.store.db import Database
    from pushgui.core.system.secrets import SecretStore

# -- the job functions, by the text APScheduler stores ---------------------------------------

RUN_PUSH = "pushgui.core.runs.runner:run_push"
"""A push's run: its schedule, Run now, and a missed run sent late."""
RETRY_RUN = "pushgui.core.runs.runner:retry_run"
"""A retry of a run's failed deliveries."""
ANNOUNCE = "pushgui.core.runs.headsup:announce"
"""The heads-up before a push goes to other people."""
SHOW_SNOOZED = "pushgui.core.runs.snooze:run_snoozed"
"""A snoozed reminder shown again."""
NAG = "pushgui.core.runs.nagging:nag_due"
"""The next nag or escalation of a run that nags until done."""

#: Retry jobs of one run may overlap (a retry due while the previous one still sends):
#: claiming by status makes that safe, and APScheduler must not drop the later one.
RETRY_INSTANCES = 100
#: APScheduler's table, as the change notices of a team database name it (core/server/notices.py).
TABLE = "apscheduler_jobs"

# -- job ids and kinds -----------------------------------------------------------------------

Kind = Literal["schedule", "now", "missed", "retry", "headsup", "snooze", "nag"]
"""What a job is, read from its id: ``<push id>`` is the schedule, the others are
``<push id>:<kind>[:<detail>]``."""


def schedule_id(push_id: int) -> str:
    """The push's own schedule job."""
    return str(push_id)


def now_id(push_id: int) -> str:
    """A Run now (several may wait at once)."""
    return f"{push_id}:now:{uuid.uuid4().hex[:8]}"


def missed_id(push_id: int, due: datetime) -> str:
    """A missed run the user chose to send late."""
    return f"{push_id}:missed:{int(due.timestamp())}"


def retry_id(push_id: int, run_id: int) -> str:
    """The retry of run ``run_id``'s failed deliveries."""
    return f"{push_id}:retry:{run_id}"


def headsup_id(push_id: int) -> str:
    """The heads-up before the push's next run."""
    return f"{push_id}:headsup"


def snooze_id(push_id: int, until: datetime) -> str:
    """A snoozed reminder coming back at ``until``."""
    return f"{push_id}:snooze:{int(until.timestamp())}"


def nag_id(push_id: int, run_id: int) -> str:
    """The next nag or escalation of run ``run_id`` (one job per nagging run)."""
    return f"{push_id}:nag:{run_id}"


def delivered_id(push_id: int, run_id: int) -> str:
    """Not a job: the id the event bridge announces when a run's sends are finished."""
    return f"{push_id}:delivered:{run_id}"


def push_id_of(job_id: str) -> int | None:
    """The push a job id belongs to; ``None`` for an id pushgui did not make."""
    head = job_id.split(":", 1)[0]
    return int(head) if head.isdigit() else None


def kind_of(job_id: str) -> str | None:
    """The job's kind; ``None`` for an id pushgui did not make."""
    head, _colon, rest = job_id.partition(":")
    if not head.isdigit():
        return None
    return rest.split(":", 1)[0] if rest else "schedule"


def is_schedule(job_id: str) -> bool:
    return job_id.isdigit()


# -- adding and removing jobs ----------------------------------------------------------------


def schedule_options() -> dict[str, Any]:
    """APScheduler's misfire settings for a schedule: it never skips or merges a run by
    itself. Every due time reaches the executor, which applies the push's missed-run policy
    and records each run it does not send (:mod:`pushgui.core.runs.missed`)."""
    return {"coalesce": False, "misfire_grace_time": None, "max_instances": 10}


def add_schedule(
    scheduler: Any, push_id: int, trigger: BaseTrigger, name: str, next_run: datetime
) -> None:
    scheduler.add_job(
        RUN_PUSH,
        trigger=trigger,
        args=[push_id],
        id=schedule_id(push_id),
        name=name,
        next_run_time=next_run,
        **schedule_options(),
    )


def add_run_now(scheduler: Any, push_id: int, name: str, now: datetime) -> str:
    """Queue an immediate, extra run; returns its job id."""
    from apscheduler.triggers.date import DateTrigger

    job_id = now_id(push_id)
    scheduler.add_job(
        RUN_PUSH,
        trigger=DateTrigger(now),
        args=[push_id],
        kwargs={"reason": "manual"},
        id=job_id,
        name=f"{name} (now)",
        misfire_grace_time=None,
    )
    return job_id


def add_missed_run(scheduler: Any, push_id: int, due: datetime, now: datetime) -> None:
    """Send the run that was due at ``due`` now, recorded for its due time."""
    from apscheduler.triggers.date import DateTrigger

    scheduler.add_job(
        RUN_PUSH,
        trigger=DateTrigger(now),
        args=[push_id],
        kwargs={"reason": "missed", "scheduled_for": due.timestamp()},
        id=missed_id(push_id, due),
        misfire_grace_time=None,
        replace_existing=True,
    )


def add_retry(scheduler: Any, push_id: int, run_id: int, when: datetime) -> None:
    """The (one) retry job of a run, at its earliest next try."""
    from apscheduler.triggers.date import DateTrigger

    scheduler.add_job(
        RETRY_RUN,
        trigger=DateTrigger(when),
        args=[run_id],
        id=retry_id(push_id, run_id),
        name=f"retry run {run_id}",
        misfire_grace_time=None,
        max_instances=RETRY_INSTANCES,
        replace_existing=True,
    )


def add_headsup(scheduler: Any, push_id: int, when: datetime, next_run: datetime) -> None:
    """The heads-up at ``when`` for the run at ``next_run``."""
    from apscheduler.triggers.date import DateTrigger

    scheduler.add_job(
        ANNOUNCE,
        trigger=DateTrigger(when),
        args=[push_id, next_run.timestamp()],
        id=headsup_id(push_id),
        name=f"heads-up {push_id}",
        misfire_grace_time=None,  # late is fine: announce() drops it once the run is due
        replace_existing=True,
    )


def add_snooze(scheduler: Any, push_id: int, until: datetime, title: str, body: str) -> str:
    """Show this reminder again at ``until``; snoozing twice for one second replaces."""
    from apscheduler.triggers.date import DateTrigger

    job_id = snooze_id(push_id, until)
    scheduler.add_job(
        SHOW_SNOOZED,
        trigger=DateTrigger(until),
        args=[push_id, title, body],
        id=job_id,
        name=f"snoozed {push_id}",
        # Snoozed while the computer sleeps through it: show it as soon as it is back.
        misfire_grace_time=None,
        replace_existing=True,
    )
    return job_id


def add_nag(scheduler: Any, push_id: int, run_id: int, when: datetime) -> None:
    """The run's nag job at ``when`` (it replaces the run's earlier one)."""
    from apscheduler.triggers.date import DateTrigger

    scheduler.add_job(
        NAG,
        trigger=DateTrigger(when),
        args=[run_id],
        id=nag_id(push_id, run_id),
        name=f"nag run {run_id}",
        misfire_grace_time=None,  # asleep through it: the next nag as soon as it is back
        replace_existing=True,
    )


def remove(scheduler: Any, job_id: str) -> None:
    """Remove a job if it is there (removing does not unpickle, so unreadable rows go too)."""
    from apscheduler.jobstores.base import JobLookupError

    with contextlib.suppress(JobLookupError):
        scheduler.remove_job(job_id)


def schedule_job(scheduler: Any, push_id: int) -> Any:
    """The push's schedule job, or ``None``."""
    return scheduler.get_job(schedule_id(push_id))


def is_scheduled_run(job: Any) -> bool:
    """The push's own schedule job (not Run now, a retry or a missed run sent late)."""
    return bool(job.func_ref == RUN_PUSH and job.args and job.id == schedule_id(job.args[0]))


# -- APScheduler's table ---------------------------------------------------------------------

NEXT_RUNS_SQL = "SELECT id, next_run_time FROM apscheduler_jobs WHERE id NOT LIKE '%:%'"
"""Every schedule job's next run time (a timestamp), for tools that read the file with
sqlite3 alone (``pushgui list``, a second process peeking)."""


def next_runs(connection: Connection, push_ids: Iterable[int] | None = None) -> dict[str, float]:
    """Schedule job id -> next run time (a timestamp); only ``push_ids`` when given."""
    from sqlalchemy import select

    from pushgui.core.store.models import jobs_table

    query = select(jobs_table.c.id, jobs_table.c.next_run_time).where(
        jobs_table.c.id.not_like("%:%")
    )
    if push_ids is not None:
        # Refreshing one row must not read every job (10,000 pushes).
        query = query.where(jobs_table.c.id.in_([schedule_id(i) for i in push_ids]))
    return {str(job_id): stamp for job_id, stamp in connection.execute(query).all()}


def due_schedules(session: Session, cutoff: float) -> list[int]:
    """Pushes whose schedule job was due at or before ``cutoff`` (a timestamp)."""
    from sqlalchemy import select

    from pushgui.core.store.models import jobs_table

    query = select(jobs_table.c.id).where(
        jobs_table.c.next_run_time <= cutoff, jobs_table.c.id.not_like("%:%")
    )
    return [int(job_id) for job_id in session.execute(query).scalars()]


def oldest_due(connection: Connection, cutoff: float) -> float | None:
    """The earliest next run time at or before ``cutoff`` of any job (the health check's lag:
    a job still due is one the scheduler has not started yet); ``None`` if none is due."""
    from sqlalchemy import func, inspect, select

    from pushgui.core.store.models import jobs_table

    if not inspect(connection).has_table(jobs_table.name):
        return None  # no server has started on this database yet
    query = select(func.min(jobs_table.c.next_run_time)).where(jobs_table.c.next_run_time <= cutoff)
    found = connection.execute(query).scalar()
    return float(found) if found is not None else None


def _of_push(push_id: int) -> Any:
    from pushgui.core.store.models import jobs_table

    # "<id>" and "<id>:…" through the primary key (";" sorts right after ":"), so an edit
    # or delete does not read every job id.
    return (jobs_table.c.id == schedule_id(push_id)) | (
        (jobs_table.c.id > f"{push_id}:") & (jobs_table.c.id < f"{push_id};")
    )


def ids_of_push(session: Session, push_id: int) -> list[str]:
    """Every job id of the push (its schedule, heads-up, retries, snoozes, ...)."""
    from sqlalchemy import select

    from pushgui.core.store.models import jobs_table

    ids = session.execute(select(jobs_table.c.id).where(_of_push(push_id))).scalars()
    return [j for j in ids if push_id_of(j) == push_id]


def delete_rows_of_push(session: Session, push_id: int) -> None:
    """Delete the push's job rows without unpickling them (a damaged push's jobs)."""
    from sqlalchemy import delete

    from pushgui.core.store.models import jobs_table

    session.execute(delete(jobs_table).where(_of_push(push_id)))


class StoredJob(NamedTuple):
    """A row of the job table as reconcile sees it."""

    id: str
    next_run_time: float | None
    readable: bool


def stored_jobs(session: Session) -> list[StoredJob]:
    """Every job row, and whether APScheduler can unpickle it."""
    from sqlalchemy import select

    from pushgui.core.store.models import jobs_table

    rows = session.execute(
        select(jobs_table.c.id, jobs_table.c.next_run_time, jobs_table.c.job_state)
    ).all()
    return [StoredJob(job_id, stamp, _readable(state)) for job_id, stamp, state in rows]


def _readable(state: bytes) -> bool:
    try:
        pickle.loads(state)
    except Exception:
        return False
    return True


# -- what job functions are handed -----------------------------------------------------------


@dataclass(frozen=True)
class JobContext:
    """What a job function needs besides its stored arguments, built by the composition root.

    ``scheduler`` adds retry and heads-up jobs (``None`` for command-line tools);
    ``engine`` takes the sends (``None``: send in the job's own thread); ``headsup`` shows
    a heads-up (``None``: it is logged); ``run_time`` is the due time the executor runs the
    job for (set per run by :meth:`at`); ``desktop`` shows a reminder sent without the
    engine or snoozed (the window's; by default it is logged); ``language`` is the one the
    text a job writes for people is written in (the window's; English headless).
    """

    database: Database
    secrets: SecretStore
    scheduler: Any = None
    engine: DeliveryEngine | None = None
    headsup: Callable[[HeadsUp], None] | None = None
    clock: Clock = utc_now
    run_time: datetime | None = None
    desktop: Sender = field(default_factory=LogSender)
    calendars: Calendars | None = None
    language: Language = ENGLISH

    def at(self, run_time: datetime | None) -> JobContext:
        """This context for the run due at ``run_time``."""
        return replace(self, run_time=run_time)


def handed(context: JobContext | None) -> JobContext:
    """The context a job function was handed; job functions run through the executor.

    APScheduler checks a job function's signature against its stored arguments, so the
    context is a keyword with a default; a call without one is a programming error.
    """
    if context is None:
        raise TypeError("Job functions are run by PushExecutor, which hands them a JobContext")
    return context
