"""Change notices of a team database: one LISTEN connection and what it hears.

Triggers created by revision 0014 (``store/migrations``) send ``table:key`` on
:data:`CHANNEL` whenever a change to a push, a run, a delivery, a job or the address
book is committed; PostgreSQL delivers a notice only once its transaction commits, and
never one of a transaction rolled back (docs/ARCHITECTURE.md, "Team database: change
notices"). Nothing here waits: the owner watches :meth:`NoticeConnection.fileno` (a
``QSocketNotifier`` in ``engine/team_listener.py``) and calls :meth:`drain` when it is
readable, so a change is heard as soon as it arrives, without polling.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import URL

from pushgui.core.runs.jobs import TABLE as JOBS_TABLE
from pushgui.core.server.active import libpq_keywords
from pushgui.core.store.server import connect_args

log = logging.getLogger(__name__)

CHANNEL = "pushgui_changes"  # the same as revision 0014's


@dataclass(frozen=True)
class Notice:
    """One committed change: the table and the row's key ("" for a whole statement)."""

    table: str
    key: str = ""

    @property
    def push_id(self) -> int | None:
        """The push a change to ``pushes``, ``runs`` or a push's job concerns."""
        head = self.key.split(":", 1)[0]
        if self.table in ("pushes", "runs", JOBS_TABLE) and head.isdigit():
            return int(head)
        return None


def parse(payload: str) -> Notice:
    table, _, key = payload.partition(":")
    return Notice(table, key)


class ConnectionLost(Exception):
    """The LISTEN connection ended (server stopped, network cut); the text says why."""


class NoticeConnection:
    """An autocommit connection that LISTENs on :data:`CHANNEL`."""

    def __init__(self, url: URL, role: str, connect_timeout: int | None = None) -> None:
        self.url = url
        self.role = role
        self.connect_timeout = connect_timeout
        self._connection: Any = None

    def open(self) -> None:
        """Connect and LISTEN; raises :class:`ConnectionLost` when the server is unreachable."""
        import psycopg

        self.close()
        args = connect_args(self.role)
        if self.connect_timeout is not None:
            args["connect_timeout"] = self.connect_timeout
        try:
            connection = psycopg.connect(**libpq_keywords(self.url), **args, autocommit=True)
            connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            raise ConnectionLost(first_line(exc)) from exc
        self._connection = connection

    @property
    def is_open(self) -> bool:
        return self._connection is not None

    def fileno(self) -> int:
        assert self._connection is not None
        return int(self._connection.fileno())

    def drain(self) -> list[Notice]:
        """The notices received so far, without waiting; raises :class:`ConnectionLost`."""
        import psycopg
        from psycopg import pq

        connection = self._connection
        if connection is None:
            raise ConnectionLost("not connected")
        pgconn = connection.pgconn
        try:
            pgconn.consume_input()
        except psycopg.Error as exc:
            self.close()
            raise ConnectionLost(first_line(exc)) from exc
        notices = []
        while (notify := pgconn.notifies()) is not None:
            if notify.relname.decode() == CHANNEL:
                notices.append(parse(notify.extra.decode("utf-8", "replace")))
        if pgconn.status != pq.ConnStatus.OK:
            self.close()
            raise ConnectionLost("the connection to the team server was closed")
        return notices

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:
                log.debug("Closing the notice connection failed", exc_info=True)


def first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
