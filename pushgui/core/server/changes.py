"""The active team server applies what editors saved (docs/TEAM.md, "Desktop editors").

Desktop editors write push rows only; they run no scheduler. Each committed change sends a
notice (revision 0014); the active server hears it on its LISTEN connection and hands the
push id here: the push is read again and its jobs are brought in line with it, through the
same :class:`~pushgui.core.pushes.service.PushService` methods a desktop uses when it saves
(a new push gets its job, a changed schedule is rebuilt, a deleted push loses its jobs).

The spec each push's jobs were built from is kept in memory (:attr:`ChangeApplier.applied`),
read once when the server becomes active, so that a notice for a change that did not touch
the schedule (a new title) leaves the job as it is, and a notice heard twice changes
nothing. After the LISTEN connection was lost, :meth:`ChangeApplier.resync` compares every
push, since notices sent meanwhile were not heard. A change saved while no server listened
at all (none active, or a takeover's gap) is found when the next server becomes active: the
server notes in the settings table a fingerprint of the schedule each push's job was built
from, and :meth:`ChangeApplier.prime` rebuilds the jobs whose push no longer matches.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable

from sqlalchemy import delete, select

from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import PushSpec
from pushgui.core.runs import jobs
from pushgui.core.server.notices import Notice
from pushgui.core.store.db import Database
from pushgui.core.store.models import Setting

log = logging.getLogger(__name__)

FINGERPRINT = "server.applied."  # settings key prefix: + push id -> its schedule's fingerprint


class ChangeApplier:
    """Keeps a server's jobs in line with push rows that others change."""

    def __init__(self, service: PushService) -> None:
        self.service = service
        self.applied: dict[int, PushSpec] = {}

    def prime(self) -> None:
        """Take up the pushes as they are now; call right after reconcile.

        A push whose schedule was changed while no server listened (between two servers,
        in a takeover's gap) has a job built from its old schedule: its fingerprint, kept
        by the server that applied it last, tells, and its job is rebuilt now.
        """
        rows = self.service.rows()
        noted = applied_fingerprints(self.service.db)
        scheduled = self._scheduled()
        changed: dict[int, str] = {}
        for row in rows:
            spec = row.spec
            self.applied[row.id] = spec
            mark = fingerprint(spec)
            known = noted.get(row.id)
            if known == mark:
                continue
            if known is not None:
                self.service.reschedule(row.id, spec)
                log.info(
                    "Push %s (%s) was changed while no server listened; applied", row.id, row.name
                )
            elif row.id not in scheduled:
                # Saved between reconcile and now: its notice will find it applied.
                self.service.schedule_new(row.id, spec)
            changed[row.id] = mark
        note_fingerprints(self.service.db, changed, gone=set(noted) - set(self.applied))

    def _scheduled(self, push_ids: Iterable[int] | None = None) -> set[int]:
        """The pushes (of ``push_ids``, or all) that have a schedule job."""
        with self.service.db.engine.connect() as connection:
            found = jobs.next_runs(connection, push_ids)
        return {push_id for job_id in found if (push_id := jobs.push_id_of(job_id)) is not None}

    def apply(self, push_ids: Iterable[int]) -> None:
        """Read these pushes again and reschedule those whose schedule changed."""
        for push_id in sorted(set(push_ids)):
            try:
                self._apply_one(push_id)
            except Exception:
                # One unreadable push must not stop the others; the log says which.
                log.exception("Cannot apply the change to push %s", push_id)

    def resync(self) -> None:
        """Compare every push: notices sent while the connection was down were lost."""
        self.apply({*self.applied, *(row.id for row in self.service.rows())})

    def _apply_one(self, push_id: int) -> None:
        before = self.applied.get(push_id)
        try:
            spec = self.service.get(push_id)
        except LookupError:
            if before is not None:
                self.service.unschedule_all(push_id)
                del self.applied[push_id]
                note_fingerprints(self.service.db, {}, gone={push_id})
                log.info("Push %s was deleted by an editor; its jobs are removed", push_id)
            return
        if before is None:
            if push_id not in self._scheduled([push_id]):  # reconcile may have given it one
                self.service.schedule_new(push_id, spec)
                log.info("Push %s (%s) was created by an editor; scheduled", push_id, spec.name)
        elif before != spec:
            self.service.apply_change(push_id, before, spec)
            log.info("Push %s (%s) was changed by an editor; applied", push_id, spec.name)
        self.applied[push_id] = spec
        mark = fingerprint(spec)
        if before is None or fingerprint(before) != mark:
            note_fingerprints(self.service.db, {push_id: mark})


def fingerprint(spec: PushSpec) -> str:
    """What a push's schedule job is built from (its trigger, options and flag), hashed."""
    from pushgui.core.pushes.spec import stored_spec

    stored = json.loads(stored_spec(spec))
    schedule = {key: stored.get(key) for key in ("trigger", "options")}
    schedule["enabled"] = spec.enabled
    text = json.dumps(schedule, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def applied_fingerprints(db: Database) -> dict[int, str]:
    """The fingerprint of each push's schedule as a server last applied it."""
    with db.session() as session:
        rows = session.execute(
            select(Setting.key, Setting.value).where(Setting.key.like(f"{FINGERPRINT}%"))
        ).all()
    noted = {}
    for key, value in rows:
        tail = key[len(FINGERPRINT) :]
        if tail.isdigit():
            noted[int(tail)] = str(value)
    return noted


def note_fingerprints(db: Database, marks: dict[int, str], gone: Iterable[int] = ()) -> None:
    """Remember what the jobs of these pushes are now built from (one transaction)."""
    gone = list(gone)
    if not marks and not gone:
        return
    with db.session() as session:
        for push_id, mark in marks.items():
            session.merge(Setting(key=f"{FINGERPRINT}{push_id}", value=mark))
        if gone:
            session.execute(
                delete(Setting).where(Setting.key.in_([f"{FINGERPRINT}{i}" for i in gone]))
            )


def changed_pushes(notices: Iterable[Notice]) -> set[int]:
    """The pushes whose rows the notices say were changed (not their runs or jobs)."""
    return {n.push_id for n in notices if n.table == "pushes" and n.push_id is not None}
