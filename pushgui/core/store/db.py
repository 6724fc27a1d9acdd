"""Opening the database: one engine, migrations with a copy taken first, newer files refused.

``open_database`` binds the process-wide :class:`Database` (Vorta-style ``init_db``), which
the job function uses from APScheduler's worker threads; tests bind a temporary one.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from pushgui.core.paths import DB_FILENAME, ensure_private_dir

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""


class DatabaseTooNewError(StoreError):
    """The file was written by a newer pushgui; it is left untouched."""


class Database:
    """The engine and a session factory for one database file."""

    def __init__(self, path: Path) -> None:
        self.path = path
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


def _alembic_config(engine_connection: Any, migrations: Path = MIGRATIONS) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.attributes["connection"] = engine_connection
    return config


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup_copy(source: Path, target: Path) -> Path:
    """A consistent copy of a live database through SQLite's online backup API."""
    ensure_private_dir(target.parent)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    if os.name == "posix":
        target.chmod(0o600)
    return target


def open_database(data_dir: Path, migrations: Path = MIGRATIONS) -> Database:
    """Open (creating or migrating) the database in ``data_dir`` and bind it as current.

    Raises :class:`DatabaseTooNewError` for a file from a newer pushgui and
    :class:`StoreError` for a file that is not a usable database; neither modifies it.
    """
    ensure_private_dir(data_dir)
    path = data_dir / DB_FILENAME
    existed = path.exists()
    db = Database(path)
    try:
        current = _current_revision(db.engine)
    except DatabaseError as exc:
        db.close()
        raise StoreError(
            f"{path} is not a pushgui database or is damaged ({exc.orig}). It was not changed."
        ) from exc
    script = ScriptDirectory.from_config(_alembic_config(None, migrations))
    head = script.get_current_head()
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        db.close()
        raise DatabaseTooNewError(
            f"{path} was written by a newer version of pushgui (schema {current}). "
            "Install the newer pushgui to use it; this version left it untouched."
        )
    if current != head:
        if existed and current is not None:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            copy = backup_copy(path, data_dir / "backups" / f"before-{head}-{stamp}.sqlite3")
            log.info("Copied the database to %s before migrating %s -> %s", copy, current, head)
        with db.engine.begin() as connection:
            command.upgrade(_alembic_config(connection, migrations), "head")
    if os.name == "posix":
        path.chmod(0o600)
    bind(db)
    return db


_current: Database | None = None


def bind(db: Database | None) -> None:
    """Make ``db`` the database the job function uses (``None`` unbinds)."""
    global _current
    _current = db


def current() -> Database:
    if _current is None:
        raise StoreError("No database is open")
    return _current
