"""Push operations that keep the push rows and APScheduler's jobs in step.

Every user action (create, edit, pause, delete, run now, import) goes through here, in the
GUI and headless alike, so that the spec stays the source of truth and the job is always
what the spec says. Its jobs are added and found through :mod:`pushgui.core.runs.jobs`.

Saving an import (:meth:`PushService.import_file`) checks references inside the same
transaction that creates its contacts and channels; the matching lives in
:mod:`pushgui.core.transfer.bundle`, the checks of what a push names in :mod:`.references`.

The job function, heads-up, start-up and validation modules are imported where they are
used: reading the push list (``pushgui list``) needs none of them.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.util import utc_timestamp_to_datetime
from sqlalchemy import delete, func, select

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.messages.attachments import attachment_problems
from pushgui.core.pushes.damaged import DamagedRecord, damaged_records, set_aside_damaged
from pushgui.core.pushes.references import check_references
from pushgui.core.pushes.spec import MAX_NAME, PushSpec, spec_from_stored, stored_spec
from pushgui.core.pushes.validation import check_spec, validate_spec
from pushgui.core.runs import headsup, jobs
from pushgui.core.runs import reconcile as start_up
from pushgui.core.schedule.build import build_trigger
from pushgui.core.schedule.preview import next_fire_time
from pushgui.core.schedule.spec import OnceSpec
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.store.db import Database
from pushgui.core.store.dialects import json_text
from pushgui.core.store.models import Push, Run
from pushgui.core.transfer.bundle import IdMaps, ImportPlan, apply, remap
from pushgui.core.transfer.document import ImportFile, validation_now

if TYPE_CHECKING:
    from pushgui.core.runs.reconcile import ReconcileReport
    from pushgui.core.store.settings import SettingsStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PushRow:
    """What the push list shows for one push.

    The spec is parsed on first use: a list of 10,000 pushes shows a screenful, and parsing
    every spec would take most of the start-up time. ``title`` (the message title, for the
    filter) is read by the query itself.
    """

    id: int
    name: str
    spec_json: str = field(repr=False)
    enabled: bool
    next_run: datetime | None
    last_status: str | None
    last_run_at: datetime | None
    title: str = ""

    @cached_property
    def spec(self) -> PushSpec:
        return spec_from_stored(self.spec_json, self.name, self.enabled)


class PushService:
    """Creates, changes and removes pushes together with their scheduler jobs.

    ``calendars`` is the holiday data with the user's own days that rules on working days
    read (the app's, the same its job store hands to the triggers it loads; by default the
    installed libraries' data without own days).
    """

    def __init__(
        self,
        database: Database,
        scheduler: BaseScheduler | None = None,
        calendars: Calendars | None = None,
    ) -> None:
        self.db = database
        self._scheduler = scheduler
        self.calendars = calendars if calendars is not None else Calendars()

    @property
    def scheduler(self) -> BaseScheduler:
        """The scheduler; reading and :meth:`save_new` work without one (the CLI)."""
        if self._scheduler is None:
            raise RuntimeError("This operation needs the scheduler")
        return self._scheduler

    # -- reading ---------------------------------------------------------------------------

    def set_aside_damaged(self) -> list[DamagedRecord]:
        """Pause and mark pushes whose stored spec cannot be read; see
        :mod:`pushgui.core.pushes.damaged`. Called before anything else reads the specs."""
        return set_aside_damaged(self.db)

    def damaged(self) -> list[DamagedRecord]:
        """Every push ever set aside as unreadable, with its stored bytes (for exports)."""
        return damaged_records(self.db)

    def get(self, push_id: int) -> PushSpec:
        with self.db.session() as session:
            push = session.get(Push, push_id)
            if push is None:
                raise LookupError(f"Push {push_id} does not exist")
            return spec_from_stored(push.spec, push.name, push.enabled)

    def rows(self, ids: Sequence[int] | None = None) -> list[PushRow]:
        """Rows for the push list, in three queries whatever the number of pushes."""
        # Plain rows through the connection: the ORM's row processing took half the time of
        # reading 10,000 pushes, for tuples of columns that need none of it.
        with self.db.session() as orm_session:
            session = orm_session.connection()
            title = func.coalesce(json_text(Push.spec, "message", "title"), "")
            query = select(Push.id, Push.name, Push.spec, Push.enabled, title).order_by(Push.id)
            if ids is not None:
                query = query.where(Push.id.in_(list(ids)))
            pushes = session.execute(query).all()
            latest_query = select(Run.push_id, func.max(Run.id).label("run_id"))
            if ids is not None:
                # Refreshing one row must not read every run (10,000 pushes).
                latest_query = latest_query.where(Run.push_id.in_(list(ids)))
            next_runs = jobs.next_runs(session, ids)
            latest = latest_query.group_by(Run.push_id).subquery()
            last = {
                push_id: (status, started)
                for push_id, status, started in session.execute(
                    select(Run.push_id, Run.status, Run.started_at).join(
                        latest, Run.id == latest.c.run_id
                    )
                ).all()
            }
        result = []
        for push_id, name, spec_text, enabled, message_title in pushes:
            stamp = next_runs.get(jobs.schedule_id(push_id))
            status, started = last.get(push_id, (None, None))
            result.append(
                PushRow(
                    id=push_id,
                    name=name,
                    spec_json=spec_text,
                    enabled=enabled,
                    next_run=utc_timestamp_to_datetime(stamp) if stamp is not None else None,
                    last_status=status,
                    last_run_at=started,
                    title=str(message_title),
                )
            )
        return result

    # -- changing --------------------------------------------------------------------------

    def save_new(
        self,
        specs: Sequence[PushSpec],
        now: datetime | None = None,
        labels: Sequence[str] | None = None,
    ) -> list[int]:
        """Validate and save pushes in one transaction, all or nothing, without scheduling.

        The next :meth:`reconcile` (at start, or when a running instance is told) gives
        them their jobs. Used by the command-line import, which passes ``labels`` (one per
        spec, such as ``pushes[3] ('Rent')``) so each problem names its entry.
        """
        errors: list[FieldError] = []
        for index, spec in enumerate(specs):
            try:
                check_spec(spec, now, calendars=self.calendars)
            except SpecError as exc:
                errors.extend(exc.prefixed(labels[index]).errors if labels else exc.errors)
        if errors:
            raise SpecError(errors)
        with self.db.session() as session:
            check_references(session, specs, self.db.path.parent, labels)
        with self.db.session() as session:
            rows = [
                Push(name=spec.name, spec=stored_spec(spec), enabled=spec.enabled) for spec in specs
            ]
            session.add_all(rows)
            session.flush()
            return [row.id for row in rows]

    def import_file(
        self, imported: ImportFile, now: datetime | None = None, dry_run: bool = False
    ) -> tuple[list[int], ImportPlan]:
        """Save an import in one transaction: its contacts, groups, channels and templates
        matched by name or created, then its pushes with their ids rewritten (see
        :mod:`pushgui.core.transfer.bundle`). ``dry_run`` rolls everything back: the plan is the
        preview of what an import would do. Raises SpecError (naming entries), saving nothing.
        """
        plan = ImportPlan(finished=list(imported.finished), left_out=list(imported.left_out))
        session = self.db.sessions()
        try:
            session.begin()
            maps = apply(session, imported.bundle, plan) if imported.bundle else IdMaps()
            specs = [remap(spec, maps) for spec in imported.specs]
            errors: list[FieldError] = []
            for label, spec in zip(imported.labels, specs, strict=True):
                problems = validate_spec(spec, validation_now(spec, now), calendars=self.calendars)
                errors.extend(SpecError(problems).prefixed(label).errors if problems else [])
            if errors:
                raise SpecError(errors)
            check_references(session, specs, self.db.path.parent, imported.labels)
            rows = [
                Push(name=spec.name, spec=stored_spec(spec), enabled=spec.enabled) for spec in specs
            ]
            session.add_all(rows)
            session.flush()
            ids = [row.id for row in rows]
            if dry_run:
                session.rollback()
            else:
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        return ids, plan

    def create_many(self, specs: Sequence[PushSpec], now: datetime | None = None) -> list[int]:
        """Save and schedule pushes; raises SpecError and saves nothing if any is invalid."""
        created = self.save_new(specs, now)
        try:
            for push_id, spec in zip(created, specs, strict=True):
                if spec.enabled:
                    self._schedule(push_id, spec)
        except Exception:
            for push_id in created:
                self.delete(push_id)
            raise
        return created

    def create(self, spec: PushSpec, now: datetime | None = None) -> int:
        """Save a new push and schedule it; raises SpecError and saves nothing if invalid."""
        return self.create_many([spec], now)[0]

    def all_specs(self) -> list[PushSpec]:
        return [row.spec for row in self.rows()]

    def update(self, push_id: int, spec: PushSpec, now: datetime | None = None) -> None:
        """Save an edited push; its job is rebuilt only when the schedule changed."""
        from pushgui.core.pushes.validation import check_spec

        before = self.get(push_id)
        # An unchanged schedule was valid when saved; a one-off whose time has passed can
        # still be renamed or paused.
        check_spec(spec, now, spec.trigger != before.trigger, self.calendars)
        # Files attached before copies were made stay; a newly named one must be a copy.
        added = tuple(a for a in spec.message.attachments if a not in before.message.attachments)
        problems = attachment_problems(added, self.db.path.parent, "message.attachments")
        if problems:
            raise SpecError(problems)
        with self.db.session() as session:
            push = session.get_one(Push, push_id)
            push.name, push.enabled = spec.name, spec.enabled
            push.spec = stored_spec(spec)
        self.apply_change(push_id, before, spec)

    def apply_change(self, push_id: int, before: PushSpec, spec: PushSpec) -> None:
        """Bring the push's jobs in line with its saved spec, ``before`` being the spec they
        were built from: the job is rebuilt only when the schedule changed. A team server
        calls it for changes an editor saved (``core/server/changes.py``)."""
        schedule_changed = (before.trigger, before.options, before.enabled) != (
            spec.trigger,
            spec.options,
            spec.enabled,
        )
        if schedule_changed:
            self._unschedule(push_id, extra=False)
            if spec.enabled:
                self._schedule(push_id, spec)
        if self._scheduler is not None and (before.targets != spec.targets or not spec.enabled):
            from pushgui.core.runs import headsup

            headsup.rearm(self.scheduler, self.db, push_id, spec)

    def set_enabled(self, push_id: int, enabled: bool) -> None:
        """Pause or resume a push; resuming schedules its next run from now."""
        spec = self.get(push_id)
        if spec.enabled == enabled:
            return
        self.update(push_id, replace(spec, enabled=enabled))

    def delete(self, push_id: int) -> PushSpec | None:
        """Delete a push, its jobs and its history; returns its spec (for Undo)."""
        spec: PushSpec | None = None
        with contextlib.suppress(LookupError):
            spec = self.get(push_id)
        self._unschedule(push_id, extra=True)
        with self.db.session() as session:
            session.execute(delete(Push).where(Push.id == push_id))
        return spec

    def restore(self, spec: PushSpec) -> int:
        """Create again a push that was just deleted (Undo), under a new id, with its schedule.

        Its history is not restored: deleting removed it. A one-off whose time has passed
        comes back paused, since without its history it would be sent again as missed.
        """
        if isinstance(spec.trigger, OnceSpec):
            at: datetime = build_trigger(spec.trigger).run_date
            if at <= datetime.now(UTC):
                return self.create(replace(spec, enabled=False), now=at - timedelta(minutes=1))
        return self.create(spec)

    def skip_next(self, push_id: int, expected: datetime | None = None) -> datetime | None:
        """Skip the push's next run once; see :func:`pushgui.core.runs.skip.skip_next`."""
        from pushgui.core.runs.skip import skip_next

        return skip_next(self.db, self.scheduler, push_id, expected, calendars=self.calendars)

    def duplicate(self, push_id: int) -> int:
        spec = self.get(push_id)
        return self.create(spec.renamed(f"{spec.name} (copy)"[:MAX_NAME]))

    def run_now(self, push_id: int) -> str:
        """Queue an immediate, extra run; the schedule is unchanged."""
        spec = self.get(push_id)
        return jobs.add_run_now(self.scheduler, push_id, spec.name, datetime.now(UTC))

    # -- jobs ------------------------------------------------------------------------------

    def _schedule(self, push_id: int, spec: PushSpec, next_run: datetime | None = None) -> bool:
        """Add the push's job; returns False when its trigger has no run left.

        The first run is computed here rather than by APScheduler: for day and week intervals
        it would answer with the (past) start date and every day since would count as missed.
        """
        if next_run is None:
            if isinstance(spec.trigger, OnceSpec) and self._has_scheduled_run(push_id):
                return False
            next_run = next_fire_time(spec.trigger, None, datetime.now(UTC), self.calendars)
            if next_run is None:
                return False
        trigger = build_trigger(spec.trigger, self.calendars)
        jobs.add_schedule(self.scheduler, push_id, trigger, spec.name, next_run)
        headsup.arm(self.scheduler, push_id, spec, next_run)
        return True

    def _has_scheduled_run(self, push_id: int) -> bool:
        with self.db.session() as session:
            query = select(Run.id).where(Run.push_id == push_id, Run.reason == "schedule")
            return session.execute(query.limit(1)).first() is not None

    def schedule_new(self, push_id: int, spec: PushSpec) -> bool:
        """Give a push saved elsewhere (an editor of a team database) its job, as
        :meth:`create` does; False when its trigger has no run left."""
        return spec.enabled and self._schedule(push_id, spec)

    def reschedule(self, push_id: int, spec: PushSpec) -> None:
        """Rebuild a push's schedule job from its spec, its next run counted from now."""
        self._unschedule(push_id, extra=False)
        self.schedule_new(push_id, spec)

    def unschedule_all(self, push_id: int) -> None:
        """Remove every job of a push deleted elsewhere (an editor of a team database)."""
        self._unschedule(push_id, extra=True)

    def _unschedule(self, push_id: int, extra: bool) -> None:
        if not extra:
            jobs.remove(self.scheduler, jobs.schedule_id(push_id))
            return
        with self.db.session() as session:
            ids = jobs.ids_of_push(session, push_id)
        for job_id in ids:
            jobs.remove(self.scheduler, job_id)

    # -- start-up: see pushgui.core.runs.reconcile --------------------------------------------

    def take_up_own_days(self, settings: SettingsStore) -> bool:
        """Own days another process stored (``pushgui import`` while this one runs) take
        effect now, moving the next runs they change; True when they did change."""
        from pushgui.core.schedule import own_days

        pushes = [(row.id, row.name, row.spec.trigger) for row in self.rows() if row.enabled]
        changed = own_days.refresh(settings, self.calendars, self.scheduler, pushes)
        if changed:
            log.info("Own days off and working days updated; next runs recomputed")
        return changed

    def reconcile(self, now: datetime | None = None) -> ReconcileReport:
        """Bring jobs in line with pushes; see :func:`pushgui.core.runs.reconcile.reconcile`."""

        return start_up.reconcile(self, now)

    def mark_interrupted(self) -> int:
        """At start: deliveries left queued or sending by a crash become "interrupted"."""

        return start_up.mark_interrupted(self)

    def resend(self, delivery_ids: Sequence[int]) -> None:
        """Send interrupted (or failed) deliveries again, now, through the retry job."""

        start_up.resend(self, delivery_ids)

    def dismiss(self, delivery_ids: Sequence[int]) -> None:
        """Accept that interrupted deliveries are not sent again."""

        start_up.dismiss(self, delivery_ids)
