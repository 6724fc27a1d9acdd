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
push, since notices sent meanwhile were not heard.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import PushSpec
from pushgui.core.server.notices import Notice

log = logging.getLogger(__name__)


class ChangeApplier:
    """Keeps a server's jobs in line with push rows that others change."""

    def __init__(self, service: PushService) -> None:
        self.service = service
        self.applied: dict[int, PushSpec] = {}

    def prime(self) -> None:
        """Take the pushes as they are now as applied (call right after reconcile)."""
        self.applied = {row.id: row.spec for row in self.service.rows()}

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
                log.info("Push %s was deleted by an editor; its jobs are removed", push_id)
            return
        if before is None:
            self.service.schedule_new(push_id, spec)
            log.info("Push %s (%s) was created by an editor; scheduled", push_id, spec.name)
        elif before != spec:
            self.service.apply_change(push_id, before, spec)
            log.info("Push %s (%s) was changed by an editor; applied", push_id, spec.name)
        self.applied[push_id] = spec


def changed_pushes(notices: Iterable[Notice]) -> set[int]:
    """The pushes whose rows the notices say were changed (not their runs or jobs)."""
    return {n.push_id for n in notices if n.table == "pushes" and n.push_id is not None}
