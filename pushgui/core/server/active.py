"""Exactly one active scheduler per team database: a PostgreSQL advisory lock (docs/TEAM.md).

APScheduler 3 must never have two schedulers on one job store. Every ``pushgui serve`` on a
database opens one dedicated connection and asks for a session-level advisory lock on it
(``pg_try_advisory_lock``): the one that gets it is the active server and holds it for its
lifetime; the others are standbys and ask again every second. The server releases the lock
when that connection ends, whatever ended it: a clean stop, a crash or SIGKILL (the kernel
closes the socket, the server's backend sees it at once), or a lost network (TCP
keepalives end it within about half a minute). A standby then takes over.

The active server checks its connection every :data:`CHECK_EVERY_S`; when it is gone, the
lock may already be another's, so it stops scheduling at once. A run is claimed once per
(push, due time) in the database as well, so even the short overlap a lost connection
allows never sends a run twice.

``pushgui status`` reads who holds the lock (``pg_locks``) and who waits
(``pg_stat_activity``, by the application name each connection carries).
"""

from __future__ import annotations

import json
import logging
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import URL

from pushgui.core.store.db import Database
from pushgui.core.store.models import Setting
from pushgui.core.store.server import SCHEDULER_LOCK, connect_args

log = logging.getLogger(__name__)

POLL_EVERY_S = 1.0  # a standby asks for the lock this often
CHECK_EVERY_S = 2.0  # the active server checks that its lock connection is alive this often
ACTIVE_KEY = "server.active"  # setting: which server took over, and when
ACTIVE, STANDBY = "active", "standby"
APP_PREFIX = "pushgui "


def server_name() -> str:
    """This server as status shows it: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def libpq_keywords(url: URL) -> dict[str, Any]:
    """psycopg's connection keywords for a SQLAlchemy URL."""
    keywords: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
        "dbname": url.database,
        **{key: value for key, value in url.query.items() if isinstance(value, str)},
    }
    return {key: value for key, value in keywords.items() if value is not None}


class SchedulerLock:
    """The advisory lock on its own connection; standby until :meth:`try_acquire` wins."""

    def __init__(self, url: URL, name: str | None = None) -> None:
        self.url = url
        self.name = name or server_name()
        self.since: datetime | None = None  # when this server became active
        self._connection: Any = None

    @property
    def held(self) -> bool:
        return self.since is not None

    def _connect(self) -> Any:
        import psycopg

        if self._connection is None or self._connection.closed:
            args = connect_args(f"{APP_PREFIX}{STANDBY} {self.name}"[:63])
            self._connection = psycopg.connect(**libpq_keywords(self.url), **args, autocommit=True)
        return self._connection

    def try_acquire(self) -> bool:
        """Ask once for the lock; True when this server is now the active one.

        A server that cannot be reached is not an error here: the standby asks again.
        """
        import psycopg

        if self.held:
            return True
        try:
            connection = self._connect()
            won = connection.execute("SELECT pg_try_advisory_lock(%s)", (SCHEDULER_LOCK,))
            row = won.fetchone()
            if not (row and row[0]):
                return False
            connection.execute(
                "SELECT set_config('application_name', %s, false)",
                (f"{APP_PREFIX}{ACTIVE} {self.name}"[:63],),
            )
        except psycopg.Error as exc:
            log.warning("Standby: the database cannot be reached (%s); trying again", _first(exc))
            self.close()
            return False
        self.since = datetime.now(UTC)
        return True

    def still_held(self) -> bool:
        """True while the lock's connection is alive and holds the lock."""
        import psycopg

        if not self.held or self._connection is None:
            return False
        try:
            row = self._connection.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND pid = pg_backend_pid() AND classid = %s AND objid = %s AND objsubid = 1",
                _lock_ids(),
            ).fetchone()
        except psycopg.Error as exc:
            log.error("The connection holding the scheduler lock is gone (%s)", _first(exc))
            return False
        return bool(row and row[0] == 1)

    def close(self) -> None:
        """End the lock's connection, which releases the lock."""
        connection, self._connection = self._connection, None
        self.since = None
        if connection is not None:
            try:
                connection.close()
            except Exception:
                log.debug("Closing the lock connection failed", exc_info=True)


def _lock_ids() -> tuple[int, int]:
    """``pg_locks`` shows a bigint advisory key as two unsigned 32-bit halves."""
    return (SCHEDULER_LOCK >> 32) & 0xFFFFFFFF, SCHEDULER_LOCK & 0xFFFFFFFF


def _first(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def record_active(db: Database, name: str, since: datetime) -> None:
    """Note in the database which server took over and when (``pushgui status`` shows it)."""
    value = json.dumps({"name": name, "since": since.isoformat()})
    with db.session() as session:
        session.merge(Setting(key=ACTIVE_KEY, value=value))


@dataclass(frozen=True)
class ServerState:
    role: str  # ACTIVE or STANDBY
    name: str  # host:pid
    since: datetime | None  # active: when it took over; standby: when it started waiting


def server_states(db: Database) -> list[ServerState]:
    """The active server (first, if there is one) and the standbys of this database."""
    from sqlalchemy import inspect, text

    high, low = _lock_ids()
    with db.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT a.application_name, a.backend_start, "
                "EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted "
                "AND l.locktype = 'advisory' AND l.classid = :high AND l.objid = :low "
                "AND l.objsubid = 1) AS holds "
                "FROM pg_stat_activity a WHERE a.datname = current_database() "
                "AND a.application_name LIKE :prefix ORDER BY a.backend_start"
            ),
            {"high": high, "low": low, "prefix": f"{APP_PREFIX}%"},
        ).all()
        noted = (
            connection.execute(
                text("SELECT value FROM settings WHERE key = :key"), {"key": ACTIVE_KEY}
            ).scalar()
            if inspect(connection).has_table("settings")  # no server has started on it yet
            else None
        )
    active_since: dict[str, datetime] = {}
    if noted:
        record = json.loads(noted)
        active_since[record["name"]] = datetime.fromisoformat(record["since"])
    states = []
    for application, started, holds in rows:
        role, _, name = application[len(APP_PREFIX) :].partition(" ")
        if role not in (ACTIVE, STANDBY):
            continue  # a pushgui connection of another kind (the engine's pool)
        if holds:
            states.append(ServerState(ACTIVE, name, active_since.get(name)))
        elif role == STANDBY:
            states.append(ServerState(STANDBY, name, started))
    states.sort(key=lambda state: state.role != ACTIVE)
    return states


def active_server(db: Database) -> ServerState | None:
    """The active server as any login sees it (an editor's or a viewer's too): whether the
    scheduler lock is granted (``pg_locks`` shows every session's locks) and the name and
    time the active server wrote when it took over; ``None`` when no server is active."""
    from sqlalchemy import inspect, text

    high, low = _lock_ids()
    with db.engine.connect() as connection:
        held = connection.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND classid = :high AND objid = :low AND objsubid = 1)"
            ),
            {"high": high, "low": low},
        ).scalar()
        noted = (
            connection.execute(
                text("SELECT value FROM settings WHERE key = :key"), {"key": ACTIVE_KEY}
            ).scalar()
            if held and inspect(connection).has_table("settings")
            else None
        )
    if not held:
        return None
    record = json.loads(noted) if noted else {}
    since = datetime.fromisoformat(record["since"]) if "since" in record else None
    return ServerState(ACTIVE, str(record.get("name", "")), since)
