"""A pushgui database on a PostgreSQL server (docs/TEAM.md), beside the embedded SQLite file.

``pushgui serve --database postgresql://…`` opens the team's database here: the same
tables and the same migration history as the SQLite file (``store/migrations``), run by
Alembic on the server. Two servers starting at once do not both migrate: the upgrade runs
under a transaction-level advisory lock. A database written by a newer pushgui is refused
untouched, as a file is.

The :class:`ServerDatabase` keeps a local data folder beside it (``path.parent``): the log,
the secret store of this machine and the attachment copies live there, as for the desktop.
There is no file to back up: a server database is backed up with ``pg_dump``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import sessionmaker

from pushgui.core.store.db import Database, _alembic_config, write_lock
from pushgui.core.store.errors import DatabaseTooNewError, StoreError
from pushgui.core.store.identity import data_folder_id
from pushgui.core.store.refusals import explain_refusals
from pushgui.core.store.revisions import MIGRATIONS, script_revisions

log = logging.getLogger(__name__)

#: The environment variable naming the server database when ``--database`` is not given.
DATABASE_ENV = "PUSHGUI_DATABASE"
#: Advisory lock keys (PostgreSQL's bigint space, shared by every application on the
#: database: these are "pushgui" in ASCII with a last byte per purpose).
MIGRATION_LOCK = 0x7075736867756901
SCHEDULER_LOCK = 0x7075736867756902
#: ``path`` of a server database: not a file, its parent is the local data folder.
LOCAL_MARKER = "server-database"
CONNECT_TIMEOUT_S = 10
SCHEMES = {"postgresql", "postgres", "postgresql+psycopg"}
URL_HINT = "write it as postgresql://user@host:5432/database"


def server_url(text_url: str) -> URL:
    """The SQLAlchemy URL (psycopg 3 driver) of a ``postgresql://`` address.

    Raises :class:`StoreError` with a clear message for anything else (no traceback).
    """
    from pushgui.core.system.i18n import translate

    # Translated: File > Connect to a team server shows them beside its address field.
    try:
        url = make_url(text_url.strip())
    except ArgumentError:
        raise StoreError(
            translate(
                "TeamServer",
                "{0} is not a database address; write it as postgresql://user@host:5432/database.",
            ).format(repr(text_url))
        ) from None
    if url.drivername not in SCHEMES:
        raise StoreError(
            translate(
                "TeamServer",
                "pushgui serves from PostgreSQL only, not {0}; write it as "
                "postgresql://user@host:5432/database.",
            ).format(repr(url.drivername))
        )
    if not url.database:
        raise StoreError(
            translate(
                "TeamServer",
                "The address names no database; write it as postgresql://user@host:5432/database.",
            )
        )
    return url.set(drivername="postgresql+psycopg")


def shown(url: URL) -> str:
    """The address without its password, for logs and messages."""
    return url.render_as_string(hide_password=True).replace("+psycopg", "")


def connect_args(role: str) -> dict[str, Any]:
    """libpq options: a bounded connect, TCP keepalives on both ends (a dead peer is noticed
    within about half a minute) and an application name that ``pushgui status`` and
    ``pg_stat_activity`` show."""
    return {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": role,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        # Unanswered data (a query on a dead link) gives up after 15 s instead of minutes.
        "tcp_user_timeout": 15_000,
        # The same on the server's side, for this session: after a network cut the server
        # ends the backend (and so releases its advisory lock) within about half a minute,
        # instead of the operating system's default of two hours.
        "options": "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 "
        "-c tcp_keepalives_count=3 -c tcp_user_timeout=15000",
    }


class ServerDatabase(Database):
    """The engine and sessions for a PostgreSQL database (the same interface as a file's)."""

    def __init__(self, url: URL, data_dir: Path) -> None:
        self.url = url
        self.path = data_dir / LOCAL_MARKER
        self.write_lock = write_lock()
        self.recovery = None
        self.engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args("pushgui"))
        explain_refusals(self.engine, url.username)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)


def stored_revision(connection: Connection) -> str | None:
    """The revision in ``alembic_version`` (None for an empty database), on any dialect."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    if len(rows) > 1:
        raise StoreError("The database records several schema versions; it was not changed.")
    return str(rows[0][0]) if rows else None


def connect_server_database(address: str, data_dir: Path) -> ServerDatabase:
    """The database at ``address`` as it is, never migrated (``pushgui status`` reads it).

    Raises :class:`StoreError` when the server cannot be reached or refuses the login.
    """
    url = server_url(address)
    db = ServerDatabase(url, data_dir)
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as exc:
        db.close()
        raise StoreError(cannot_use(url, exc)) from exc
    return db


def open_server_database(
    address: str, data_dir: Path, migrations: Path = MIGRATIONS
) -> ServerDatabase:
    """Open the PostgreSQL database at ``address``, creating or upgrading pushgui's tables.

    Raises :class:`StoreError` when the server cannot be reached or refuses the login, and
    :class:`DatabaseTooNewError` for a database written by a newer pushgui (left untouched).
    """
    url = server_url(address)
    head, known = script_revisions(migrations)
    db = ServerDatabase(url, data_dir)
    try:
        with db.engine.begin() as connection:
            # Held until this transaction ends: a second server starting now waits here and
            # then finds the schema current.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            current = stored_revision(connection)
            if current is not None and current not in known:
                raise DatabaseTooNewError(
                    f"The database {shown(url)} was written by a newer version of pushgui "
                    f"(schema {current}). Install the newer pushgui to serve it; this "
                    "version left it untouched."
                )
            if current != head:
                log.info("Migrating the database %s: %s -> %s", shown(url), current, head)
                from alembic import command

                command.upgrade(_alembic_config(connection, migrations), "head")
        data_folder_id(db)
    except DBAPIError as exc:
        db.close()
        raise StoreError(cannot_use(url, exc)) from exc
    except StoreError:
        db.close()
        raise
    return db


def cannot_use(url: URL, exc: DBAPIError) -> str:
    """Why the database cannot be used, translated (File > Connect shows it too)."""
    from pushgui.core.system.i18n import translate

    return translate("TeamServer", "Cannot use the database {0}: {1}").format(
        shown(url), _reason(exc)
    )


def _reason(exc: DBAPIError) -> str:
    """The server's or libpq's own words, first line only (never the statement)."""
    words = str(exc.orig).strip().splitlines()
    return words[0] if words else type(exc.orig).__name__
