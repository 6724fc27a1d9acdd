"""Opening the database: one engine, a quick check, recovery from backups, migrations with a
copy taken first, newer files refused.

``open_database`` returns the :class:`Database` and changes nothing else in the process:
the composition root (``pushgui/app.py``) hands it to whatever needs it, the job functions
included (through their ``JobContext``); tests open their own.

Alembic is imported only when a migration is due: the revisions the migration files know
are read from their ``revision``/``down_revision`` lines (``store/revisions.py``), and the
stored one from the ``alembic_version`` table, so a start with an up-to-date file does not
pay for Alembic's import (a tenth of a second).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from pushgui.core.store.backup import (
    BEFORE_MIGRATION,
    COMPANIONS,
    BackupError,
    BackupManager,
    create_private_file,
    read_keep_setting,
)
from pushgui.core.store.errors import DatabaseTooNewError, StoreError
from pushgui.core.store.identity import data_folder_id
from pushgui.core.store.recovery import (
    DatabaseDamaged,
    RecoveryReport,
    foreign_problem,
    quick_check,
    read_revision,
    recover,
)
from pushgui.core.store.revisions import MIGRATIONS, script_revisions
from pushgui.core.system.paths import DB_FILENAME, ensure_private_dir, open_to_others

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
BACKUPS_DIRNAME = "backups"  # the same folder as ``Locations.backups``


def write_lock() -> threading.RLock:
    """The lock this process's busy writers take around their transactions (the pass's
    runs, each answer's outcome, settling runs): SQLite has one writer at a time, and a
    writer waiting in SQLite's busy handler sleeps 1 to 100 ms between tries, so it may
    wake long after the lock was free; waiting here, it goes on the moment it is."""
    return threading.RLock()


class Database:
    """The engine and a session factory for one database file; ``write_lock`` as
    :func:`write_lock` says."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.write_lock = write_lock()
        # Set by open_database when a damaged file was replaced; show it to the user.
        self.recovery: RecoveryReport | None = None
        self.engine: Engine = _make_engine(path)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on error."""
        with self.sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _alembic_config(engine_connection: Any, migrations: Path = MIGRATIONS) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.attributes["connection"] = engine_connection
    return config


def _current_revision(engine: Engine) -> str | None:
    """The revision stored in ``alembic_version`` (None for a new, empty file)."""
    with engine.connect() as connection:
        has_table = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if has_table is None:
            return None
        rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    if len(rows) > 1:
        raise StoreError("The database records several schema versions; it was not changed.")
    return str(rows[0][0]) if rows else None


def open_database(data_dir: Path, migrations: Path = MIGRATIONS) -> Database:
    """Open (creating, checking, recovering or migrating) the database in ``data_dir``.

    An existing file gets ``PRAGMA quick_check`` first. A damaged one, an empty one or one
    without pushgui's schema (another program's database) is moved aside and
    replaced by the newest good backup (or an empty database); ``Database.recovery`` then
    says what happened. A verified backup (reason ``before-migration``) is taken before
    any migration. Raises :class:`DatabaseTooNewError` for a file from a newer pushgui and
    :class:`StoreError` for one that cannot be read (locked, no permission) or copied
    before a migration; none of these changes the file.
    """
    ensure_private_dir(data_dir)
    if open_to_others(data_dir):
        log.warning(
            "The data folder %s can be opened by other users of this computer; pushgui "
            "left its permissions as they are (its own files are readable by you only).",
            data_dir,
        )
    path = data_dir / DB_FILENAME
    head, known = script_revisions(migrations)
    backups_dir = data_dir / BACKUPS_DIRNAME
    recovery = None
    if path.exists():
        recovery = _check_existing(path, known, BackupManager(path, backups_dir))
    else:
        create_private_file(path)
    db = Database(path)
    db.recovery = recovery
    try:
        current = _current_revision(db.engine)
    except DatabaseError as exc:
        db.close()
        raise StoreError(
            f"{path} is not a pushgui database or is damaged ({exc.orig}). It was not changed."
        ) from exc
    except StoreError:
        db.close()
        raise
    if current is not None and current not in known:
        db.close()
        raise _too_new(path, current)
    if current != head:
        if current is not None:
            _copy_before_migration(db, backups_dir)
            log.info("Migrating the database %s -> %s", current, head)
        from alembic import command

        with db.engine.begin() as connection:
            command.upgrade(_alembic_config(connection, migrations), "head")
    _make_private(path)
    _ensure_folder_id(db)
    return db


def _ensure_folder_id(db: Database) -> None:
    """Give the data folder its id (which names its keyring entries) when it is opened, so
    that nothing later has to write just to read a secret: a run that starts while another
    process holds the write lock must get as far as recording itself (which it retries)."""
    data_folder_id(db)


def _check_existing(path: Path, known: set[str], backups: BackupManager) -> RecoveryReport | None:
    """Refuse a newer file untouched, recover a damaged one, pass a sound one (None)."""
    try:
        revision = read_revision(path)
        if revision is None:
            # An empty file, or another program's database: never migrated in place.
            raise DatabaseDamaged(foreign_problem(path))
        if revision not in known:
            raise _too_new(path, revision)
        quick_check(path)
    except DatabaseDamaged as exc:
        try:
            return recover(backups, str(exc), accept=lambda backup: _schema_known(backup, known))
        except (OSError, BackupError) as failure:
            raise StoreError(
                f"{path} is damaged ({exc}) and could not be replaced from a backup: {failure}"
            ) from failure
    except sqlite3.Error as exc:
        raise StoreError(
            f"{path} cannot be opened ({exc}). It was not changed; close any other program "
            "using it and check that you may read and write the data folder."
        ) from exc
    return None


def _schema_known(backup: Path, known: set[str]) -> bool:
    try:
        return read_revision(backup) in known
    except (DatabaseDamaged, sqlite3.Error):
        return False


def _too_new(path: Path, revision: str) -> DatabaseTooNewError:
    return DatabaseTooNewError(
        f"{path} was written by a newer version of pushgui (schema {revision}). "
        "Install the newer pushgui to use it; this version left it untouched."
    )


def _copy_before_migration(db: Database, backups_dir: Path) -> None:
    manager = BackupManager(db.path, backups_dir, keep=read_keep_setting(db.path))
    try:
        copy = manager.backup_now(BEFORE_MIGRATION)
    except BackupError as exc:
        db.close()
        raise StoreError(
            f"{exc} The database was not migrated and was not changed; free some disk "
            "space or check the backups folder, then start pushgui again."
        ) from exc
    log.info("Copied the database to %s before migrating it", copy)


def _make_private(path: Path) -> None:
    """0600 for the database and the -wal/-shm SQLite keeps next to it (POSIX)."""
    if os.name != "posix":
        return
    for candidate in (path, *(path.with_name(path.name + s) for s in COMPANIONS)):
        if candidate.exists():
            candidate.chmod(0o600)
