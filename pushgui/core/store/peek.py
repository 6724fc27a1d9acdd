"""A read-only look at the pushes through the standard library's sqlite3, for ``pushgui list``.

Listing should not wait for SQLAlchemy's import (about a third of a second on a 2-core
machine, see docs/BENCHMARKS.md "Command line start"). When the file is at the migration
scripts' head revision, passes ``PRAGMA quick_check`` and every stored spec reads, the rows
come straight from sqlite3. Anything else (no file yet, a migration due, a damaged file, an
unreadable push, a lock) gives ``None``, and the caller opens the database the usual way,
which recovers, migrates or sets aside exactly as it always does. Nothing here writes.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from pushgui.core.pushes.spec import spec_problem
from pushgui.core.runs.jobs import NEXT_RUNS_SQL, schedule_id
from pushgui.core.store.recovery import DatabaseDamaged, quick_check, read_revision
from pushgui.core.store.revisions import script_revisions
from pushgui.core.system.paths import DB_FILENAME

BUSY_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class StoredPush:
    """One push as stored: its spec's JSON text and the next run its job holds."""

    id: int
    name: str
    spec_json: str
    enabled: bool
    next_run: float | None  # a Unix time, as APScheduler stores it


def peek_pushes(data_dir: Path) -> list[StoredPush] | None:
    """The pushes of ``data_dir`` in id order, or ``None`` when only opening the database
    properly can answer (see the module docstring)."""
    path = data_dir / DB_FILENAME
    if not path.is_file():
        return None
    head, _known = script_revisions()
    try:
        if read_revision(path) != head:
            return None
        quick_check(path)
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)) as connection:
            connection.execute("BEGIN")  # both reads see the same moment
            pushes = connection.execute(
                "SELECT id, CAST(name AS BLOB), CAST(spec AS BLOB), enabled FROM pushes ORDER BY id"
            ).fetchall()
            next_runs = dict(connection.execute(NEXT_RUNS_SQL).fetchall())
    except (DatabaseDamaged, sqlite3.Error):
        return None
    found = []
    for push_id, name, spec, enabled in pushes:
        raw = bytes(spec or b"")
        if spec_problem(raw) is not None:
            return None  # it is set aside when the database is opened properly
        try:
            name_text = bytes(name or b"").decode("utf-8")
        except UnicodeDecodeError:
            return None
        stamp = next_runs.get(schedule_id(push_id))
        found.append(
            StoredPush(
                int(push_id),
                name_text,
                raw.decode("utf-8"),
                bool(enabled),
                float(stamp) if stamp is not None else None,
            )
        )
    return found
