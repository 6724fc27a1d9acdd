"""Pushes whose stored spec cannot be read: set aside, shown as damaged, raw bytes kept.

SQLite's integrity check says nothing about what a push's JSON means, so one bad byte in
one spec (a disk error, another program, a hand edit) would stop every reader of the push
table: the window, ``list``, ``export`` and each start of ``run --headless``. Instead,
every start (and every command-line command) reads each spec once; a spec that is not
UTF-8, not JSON or not the shape of a push is copied byte for byte into
``damaged_pushes`` and the push row gets a paused placeholder spec named
"<name> (damaged)". Its history stays with it, it never runs, everything else keeps
working, and exports carry the raw bytes (see docs/EXPORT_FORMAT.md).
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import cast, select, update
from sqlalchemy.types import LargeBinary

from pushgui.core.pushes.spec import MAX_NAME, Message, PushSpec, spec_problem, stored_spec
from pushgui.core.runs.jobs import delete_rows_of_push
from pushgui.core.schedule.spec import CalendarSpec
from pushgui.core.store.db import Database
from pushgui.core.store.models import DamagedPush, Push
from pushgui.core.system.i18n import translate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DamagedRecord:
    """One push set aside: its id, its name as far as it could be read, the stored bytes."""

    push_id: int
    name: str
    raw: bytes
    problem: str

    def to_export(self) -> dict[str, Any]:
        """The export form: readable text (bad bytes shown as U+FFFD) and the exact bytes."""
        return {
            "push_id": self.push_id,
            "name": self.name,
            "problem": self.problem,
            "raw": self.raw.decode("utf-8", errors="replace"),
            "raw_base64": base64.b64encode(self.raw).decode("ascii"),
        }


def placeholder(name: str) -> PushSpec:
    """The paused spec a damaged push gets: valid, never run, marked in its name."""
    label = translate("damaged", "{name} (damaged)").format(name=name or "?")
    return PushSpec(
        name=label[:MAX_NAME],
        message=Message(
            translate("damaged", "This reminder could not be read"),
            translate(
                "damaged",
                "Its stored settings were damaged. They are kept as they were and included in "
                'every export (under "damaged"); make the reminder again from them.',
            ),
        ),
        trigger=CalendarSpec(timezone="UTC"),
        enabled=False,
    )


def set_aside_damaged(db: Database) -> list[DamagedRecord]:
    """Find pushes whose spec cannot be read and set each aside (module docstring).

    Returns the pushes set aside by this call (none when all are readable). Reads names and
    specs as bytes, so even text that is not UTF-8 does not stop the scan.
    """
    found: list[DamagedRecord] = []
    with db.session() as session:
        rows = session.execute(
            select(Push.id, cast(Push.name, LargeBinary), cast(Push.spec, LargeBinary))
        ).all()
        for push_id, name_bytes, spec_bytes in rows:
            raw = bytes(spec_bytes or b"")
            problem = spec_problem(raw)
            if problem is None:
                continue
            name = bytes(name_bytes or b"").decode("utf-8", errors="replace")
            record = DamagedRecord(push_id, name, raw, problem)
            found.append(record)
            session.add(
                DamagedPush(push_id=push_id, name=name[:MAX_NAME], raw=raw, problem=problem)
            )
            spec = placeholder(name)
            # An UPDATE, not the ORM row: loading it would decode the very bytes that fail.
            session.execute(
                update(Push)
                .where(Push.id == push_id)
                .values(name=spec.name, enabled=False, spec=stored_spec(spec))
            )
            # Its job would only fail at every run; the paused placeholder has none.
            delete_rows_of_push(session, push_id)
    for record in found:
        log.error(
            "Push %d (%r) could not be read (%s); it was paused and its stored text kept "
            "for export",
            record.push_id,
            record.name,
            record.problem,
        )
    return found


def damaged_records(db: Database) -> list[DamagedRecord]:
    """Every push ever set aside, oldest first (for exports and the list)."""
    with db.session() as session:
        rows = session.execute(
            select(
                DamagedPush.push_id, DamagedPush.name, DamagedPush.raw, DamagedPush.problem
            ).order_by(DamagedPush.id)
        ).all()
    return [
        DamagedRecord(push_id, name, bytes(raw), problem) for push_id, name, raw, problem in rows
    ]
