"""A damaged database at start: told apart from other errors, moved aside, replaced.

SQLite's own verdicts count as damage (``SQLITE_CORRUPT``, ``SQLITE_NOTADB``, findings of
``PRAGMA quick_check``), and so does a file without pushgui's schema revision: an empty
file or another program's database, which must not be migrated in place. A locked file,
or one pushgui may not read, is not damaged: it is reported and left alone, since the cause
(another program, permissions) is for the user to fix and the file itself is fine.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pushgui.core.store.backup import BackupManager, move_aside

log = logging.getLogger(__name__)

_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


class DatabaseDamaged(Exception):
    """SQLite says the file is not a database or is corrupt."""


@dataclass(frozen=True)
class RecoveryReport:
    """What happened to a damaged database at start, for the log and for the user.

    Everything changed after ``backup_time`` (or everything, when ``started_empty``) may be
    missing; the damaged file is kept at ``moved_to``.
    """

    moved_to: Path
    problem: str
    restored_from: Path | None = None
    backup_time: datetime | None = None
    skipped_backups: tuple[Path, ...] = field(default=())

    @property
    def started_empty(self) -> bool:
        return self.restored_from is None

    def describe(self) -> str:
        """One English paragraph for the log (the GUI builds its own translated text)."""
        head = f"The database was damaged ({self.problem}) and was moved to {self.moved_to}."
        if self.restored_from is None:
            return head + " No usable backup was found, so pushgui started with an empty one."
        assert self.backup_time is not None
        return (
            f"{head} It was restored from the backup {self.restored_from} taken at "
            f"{self.backup_time.astimezone():%Y-%m-%d %H:%M}; changes made after that are "
            "missing."
        )


def is_damage(error: sqlite3.Error) -> bool:
    """Whether an error from SQLite means the file itself is damaged."""
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) in _DAMAGE_CODES


def read_revision(path: Path) -> str | None:
    """The Alembic revision stored in a database file (None if it has none).

    Raises :class:`DatabaseDamaged` when SQLite finds the file damaged, and lets other
    SQLite errors (locked, cannot open) through.
    """
    try:
        with closing(sqlite3.connect(path, timeout=10)) as connection:
            if not _has_table(connection, "alembic_version"):
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise DatabaseDamaged(str(exc)) from exc
        raise
    return str(row[0]) if row is not None else None


def foreign_problem(path: Path) -> str:
    """Why a file with no pushgui schema revision is not a pushgui database.

    Such a file is an empty one (a crash before the first start finished, or a copy that
    went wrong) or another program's database; pushgui never migrates either in place.
    """
    try:
        if path.stat().st_size == 0:
            return "the file is empty"
    except OSError as exc:
        return str(exc)
    return "the file is not a pushgui database"


def quick_check(path: Path) -> None:
    """Run ``PRAGMA quick_check``; raises :class:`DatabaseDamaged` with what it found."""
    try:
        with closing(sqlite3.connect(path, timeout=10)) as connection:
            rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise DatabaseDamaged(str(exc)) from exc
        raise
    if rows != [("ok",)]:
        raise DatabaseDamaged("; ".join(str(row[0]).strip() for row in rows[:3]))


def recover(
    manager: BackupManager, problem: str, accept: Callable[[Path], bool] | None = None
) -> RecoveryReport:
    """Move the damaged database aside and restore the newest good backup, if any.

    ``accept`` can refuse a backup that is sound but unusable (a newer schema, say).
    """
    moved_to = move_aside(manager.database_path, "corrupt")
    chosen, skipped = manager.newest_good(accept)
    if chosen is None:
        report = RecoveryReport(moved_to, problem, skipped_backups=tuple(skipped))
    else:
        manager.copy_in(chosen.path)
        report = RecoveryReport(
            moved_to, problem, chosen.path, chosen.created, skipped_backups=tuple(skipped)
        )
    log.error("%s", report.describe())
    return report


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    row = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None
