"""Backups of the database file: taken with SQLite's online backup API, verified, rotated.

A backup is one self-contained SQLite file in the backups folder, named
``pushgui-YYYYmmdd-HHMMSS-<reason>.sqlite3`` (the time is UTC, so names sort and compare
across time-zone and DST changes; :attr:`BackupInfo.created` is an aware datetime the GUI
shows in local time). A copy is written under a ``.partial`` name, checked with
``PRAGMA integrity_check`` and only then renamed, so a listed backup is never half written.

Which backups are deleted (rotation, after every automatic backup):

- ``manual`` backups (the user's "Back up now") are never deleted automatically;
- every other reason (``daily``, ``before-migration``, ...) is automatic: the newest
  ``keep`` of them are kept, and the newest ``before-migration`` copy is always kept as
  well, so the state just before the last schema change survives any number of days.

The number kept is the setting :data:`KEEP_BACKUPS_KEY` (``"backups.keep"``, default
:data:`DEFAULT_KEEP`); callers read it and pass it in.

Files are never deleted to make room for a restore: the database being replaced is moved
aside next to it (``pushgui.sqlite3.replaced-<stamp>``, with its ``-wal``/``-shm``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pushgui.core.system.paths import ensure_private_dir

log = logging.getLogger(__name__)

KEEP_BACKUPS_KEY = "backups.keep"
DEFAULT_KEEP = 7

MANUAL = "manual"
DAILY = "daily"
BEFORE_MIGRATION = "before-migration"

STAMP = "%Y%m%d-%H%M%S"
# SQLite keeps a database's other state in files named after it.
COMPANIONS = ("-wal", "-shm", "-journal")
_REASON = re.compile(r"[a-z]+(?:-[a-z]+)*")
_NAME = re.compile(r"pushgui-(\d{8}-\d{6})-([a-z]+(?:-[a-z]+)*)(?:\.(\d+))?\.sqlite3")
_BUSY_SECONDS = 10.0


class BackupError(Exception):
    """A backup could not be made, checked or restored; the message says why."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. ``ok`` is ``None`` until it has been checked."""

    path: Path
    created: datetime
    reason: str
    size: int
    ok: bool | None = None

    @property
    def automatic(self) -> bool:
        return self.reason != MANUAL


def parse_backup_name(path: Path) -> tuple[datetime, str] | None:
    """(UTC creation time, reason) from a backup's file name, or None for other files."""
    match = _NAME.fullmatch(path.name)
    if match is None:
        return None
    try:
        created = datetime.strptime(match.group(1), STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return created, match.group(2)


def integrity_problem(path: Path, quick: bool = False) -> str | None:
    """What ``PRAGMA integrity_check`` (or ``quick_check``) finds wrong, or None if sound.

    A file SQLite cannot read at all counts as a problem too. Opens the file read-only.
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True, timeout=_BUSY_SECONDS)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        connection.close()
    if rows == [("ok",)]:
        return None
    return "; ".join(str(row[0]) for row in rows[:5])


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of a (possibly live) database through SQLite's online backup API.

    ``target`` must not exist; it is created readable by its owner only (POSIX) before
    SQLite writes to it, and left in rollback-journal mode so it is one self-contained file.
    """
    create_private_file(target)
    try:
        with (
            closing(sqlite3.connect(source, timeout=_BUSY_SECONDS)) as src,
            closing(sqlite3.connect(target, timeout=_BUSY_SECONDS)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        _unlink_with_companions(target)
        raise
    return target


def move_aside(database: Path, label: str, now: datetime | None = None) -> Path:
    """Rename ``database`` (and its -wal/-shm/-journal) to ``<name>.<label>-<stamp>``.

    The companions keep SQLite's naming (``<new name>-wal``), so the moved file still
    opens with everything that was in it. Nothing is deleted. Returns the new path.
    """
    stamp = _stamp(now)
    target = _free_name(database.with_name(f"{database.name}.{label}-{stamp}"))
    moved = []
    if database.exists():
        database.rename(target)
        moved.append(target)
    for suffix in COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
            moved.append(target.with_name(target.name + suffix))
    if os.name == "posix":
        for path in moved:  # the user's data, kept aside: still only theirs to read
            path.chmod(0o600)
    log.warning("Moved the database %s aside to %s", database, target)
    return target


class BackupManager:
    """Takes, lists, rotates and restores backups of one database file."""

    def __init__(self, database_path: Path, backups_dir: Path, keep: int = DEFAULT_KEEP) -> None:
        self.database_path = database_path
        self.backups_dir = backups_dir
        self.keep = max(1, int(keep))

    # -- taking ---------------------------------------------------------------------------

    def backup_now(self, reason: str = MANUAL, now: datetime | None = None) -> Path:
        """Copy the database to a new verified backup and rotate; returns the backup's path.

        Raises :class:`BackupError` if the copy cannot be made or fails its integrity
        check (a failed copy is deleted, the database itself is not touched).
        """
        if not _REASON.fullmatch(reason):
            raise ValueError(f"a backup reason is lowercase words joined by '-', not {reason!r}")
        if not self.database_path.exists():
            raise BackupError(f"There is no database at {self.database_path} to back up.")
        ensure_private_dir(self.backups_dir)
        final = self._new_backup_path(reason, now)
        partial = final.with_name(final.name + ".partial")
        _unlink_with_companions(partial)
        try:
            copy_database(self.database_path, partial)
        except (sqlite3.Error, OSError) as exc:
            raise BackupError(f"Could not back up the database to {final}: {exc}") from exc
        problem = integrity_problem(partial)
        if problem is not None:
            _unlink_with_companions(partial)
            raise BackupError(
                f"The backup copy failed its integrity check and was deleted: {problem}"
            )
        partial.rename(final)
        log.info("Backed up the database to %s", final)
        if reason != MANUAL:
            self.rotate()
        return final

    def daily_backup_due(self, now: datetime | None = None) -> bool:
        """True when no backup of any kind was taken on ``now``'s local calendar day."""
        today = _local(now or datetime.now(UTC)).date()
        return all(_local(info.created).date() != today for info in self.list_backups())

    def backup_if_due(self, now: datetime | None = None) -> Path | None:
        """Take the day's ``daily`` backup if :meth:`daily_backup_due`; its path, or None."""
        if not self.daily_backup_due(now):
            return None
        return self.backup_now(DAILY, now)

    # -- looking --------------------------------------------------------------------------

    def list_backups(self, verify: bool = False) -> list[BackupInfo]:
        """The backups, newest first; with ``verify`` each is integrity-checked (slow)."""
        if not self.backups_dir.is_dir():
            return []
        found: list[tuple[datetime, int, BackupInfo]] = []
        for path in self.backups_dir.iterdir():
            parsed = parse_backup_name(path)
            if parsed is None or not path.is_file():
                continue
            created, reason = parsed
            ok = integrity_problem(path) is None if verify else None
            info = BackupInfo(path, created, reason, path.stat().st_size, ok)
            found.append((created, _sequence(path), info))
        found.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return [info for _, _, info in found]

    def verify(self, backup_path: Path) -> bool:
        """Whether a backup passes ``PRAGMA integrity_check``."""
        return integrity_problem(backup_path) is None

    def newest_good(
        self, accept: Callable[[Path], bool] | None = None
    ) -> tuple[BackupInfo | None, list[Path]]:
        """The newest backup that passes integrity_check (and ``accept``), and those skipped."""
        skipped: list[Path] = []
        for info in self.list_backups():
            if integrity_problem(info.path) is None and (accept is None or accept(info.path)):
                return BackupInfo(info.path, info.created, info.reason, info.size, True), skipped
            log.warning("Backup %s is damaged or unusable; not restoring it", info.path)
            skipped.append(info.path)
        return None, skipped

    # -- rotating -------------------------------------------------------------------------

    def rotate(self) -> list[Path]:
        """Delete automatic backups beyond the newest ``keep`` (see the module docstring)."""
        automatic = [info for info in self.list_backups() if info.automatic]
        kept = {info.path for info in automatic[: self.keep]}
        migration = next((i for i in automatic if i.reason == BEFORE_MIGRATION), None)
        if migration is not None:
            kept.add(migration.path)
        deleted = []
        for info in automatic:
            if info.path not in kept:
                _unlink_with_companions(info.path)
                deleted.append(info.path)
        if deleted:
            log.info("Deleted %d old backup(s), keeping the newest %d", len(deleted), self.keep)
        return deleted

    # -- restoring ------------------------------------------------------------------------

    def restore(self, backup_path: Path, now: datetime | None = None) -> Path | None:
        """Replace the database with ``backup_path``; returns where the old one was moved.

        The backup is integrity-checked first (:class:`BackupError` if it fails, and
        nothing changes). The current database and its -wal/-shm are moved aside to
        ``pushgui.sqlite3.replaced-<stamp>`` (None if there was no database), never
        deleted. The database must be closed: stop the scheduler and close the
        :class:`~pushgui.core.store.db.Database` first, then open it again.
        """
        problem = integrity_problem(backup_path)
        if problem is not None:
            raise BackupError(f"{backup_path} is damaged and was not restored: {problem}")
        moved = None
        if _exists_with_companions(self.database_path):
            # Also a lone -wal: SQLite would replay it onto the restored file.
            try:
                moved = move_aside(self.database_path, "replaced", now)
            except OSError as exc:
                raise BackupError(
                    f"Could not move the database aside to restore {backup_path} (is pushgui "
                    f"still using it?): {exc}"
                ) from exc
        self.copy_in(backup_path)
        log.warning("Restored the database from %s", backup_path)
        return moved

    def copy_in(self, backup_path: Path) -> None:
        """Write ``backup_path`` as the database, which must not exist (it was moved aside)."""
        try:
            copy_database(backup_path, self.database_path)
        except (sqlite3.Error, OSError) as exc:
            raise BackupError(f"Could not restore {backup_path}: {exc}") from exc

    # -- naming ---------------------------------------------------------------------------

    def _new_backup_path(self, reason: str, now: datetime | None) -> Path:
        stamp = _stamp(now)
        path = self.backups_dir / f"pushgui-{stamp}-{reason}.sqlite3"
        sequence = 1
        while path.exists():
            sequence += 1
            path = self.backups_dir / f"pushgui-{stamp}-{reason}.{sequence}.sqlite3"
        return path


def read_keep_setting(database_path: Path) -> int:
    """The :data:`KEEP_BACKUPS_KEY` setting read straight from the file, or the default.

    For the backup taken before a migration, when the settings service is not up yet.
    """
    try:
        uri = _read_only_uri(database_path)
        with closing(sqlite3.connect(uri, uri=True, timeout=_BUSY_SECONDS)) as connection:
            row = connection.execute(
                "SELECT value FROM settings WHERE key = ?", (KEEP_BACKUPS_KEY,)
            ).fetchone()
        value = json.loads(row[0]) if row is not None else DEFAULT_KEEP
        return max(1, int(value))
    except (sqlite3.Error, ValueError, TypeError):
        return DEFAULT_KEEP


def _read_only_uri(path: Path) -> str:
    return f"{path.absolute().as_uri()}?mode=ro"


def create_private_file(path: Path) -> None:
    """Create an empty ``path`` (an empty file is an empty SQLite database), mode 0600.

    SQLite gives the -wal/-shm/-journal it creates later the database file's mode.
    """
    mode = 0o600 if os.name == "posix" else 0o666
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)  # whatever the umask was


def _exists_with_companions(path: Path) -> bool:
    return any(path.with_name(path.name + s).exists() for s in ("", *COMPANIONS))


def _unlink_with_companions(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in COMPANIONS)):
        candidate.unlink(missing_ok=True)


def _free_name(path: Path) -> Path:
    candidate, sequence = path, 1
    while candidate.exists():
        sequence += 1
        candidate = path.with_name(f"{path.name}.{sequence}")
    return candidate


def _sequence(path: Path) -> int:
    match = _NAME.fullmatch(path.name)
    return int(match.group(3)) if match and match.group(3) else 1


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime(STAMP)


def _local(moment: datetime) -> datetime:
    return moment.astimezone()
