"""The send loop's writes, one short transaction per answer, on the database driver's own
connection.

Each answer costs a transaction of two statements (its outcome, and the ``sending`` mark of
the next row, :mod:`.queue`). Through SQLAlchemy's execution layer a statement cost about
70 µs of Python before the driver ran it, twice a message: in a burst of 1,000 messages to
one channel that was more than the driver's own work and a large part of the lateness
(docs/BENCHMARKS.md, "Burst"). The statements here are fixed and few, so they go to the
driver's cursor directly (a pooled connection from :meth:`Engine.raw_connection`), in the
driver's placeholder style, with times converted by the column type, exactly as the ORM
writes them, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pushgui.core.delivery.states import QUEUED, SENDING, WAITING
from pushgui.core.store.db import Database
from pushgui.core.store.models import UTCDateTime


class OutcomeWriter:
    """Writes delivery rows' states for one send loop; close it when the loop ends.

    ``lock`` is taken around each transaction (the engine's lanes share one, so they never
    wait in SQLite's busy handler, which sleeps a millisecond or more per try).
    """

    def __init__(self, database: Database, lock: contextlib.AbstractContextManager[Any]) -> None:
        dialect = database.engine.dialect
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        convert = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
        self._time: Callable[[datetime | None], Any] = (
            convert if convert is not None else (lambda value: value)
        )
        self._lock = lock
        self._connection = database.engine.raw_connection()
        self._cursor = self._connection.cursor()
        self._outcome = (
            f"UPDATE deliveries SET status = {mark}, error = {mark}, finished_at = {mark}, "
            f"next_attempt_at = {mark}, parts_sent = {mark} WHERE id = {mark}"
        )
        self._outcome_counted = (
            f"UPDATE deliveries SET status = {mark}, error = {mark}, finished_at = {mark}, "
            f"next_attempt_at = {mark}, parts_sent = {mark}, attempts = attempts + 1 "
            f"WHERE id = {mark}"
        )
        self._parts = f"UPDATE deliveries SET parts_sent = {mark} WHERE id = {mark}"
        self._sending = (
            f"UPDATE deliveries SET status = {mark}, attempts = attempts + 1 WHERE id = {mark}"
        )
        self._waiting = (
            f"UPDATE deliveries SET status = {mark}, next_attempt_at = {mark} WHERE id = {mark}"
        )
        self._resumed = (
            f"UPDATE deliveries SET status = {mark}, next_attempt_at = NULL WHERE id = {mark}"
        )
        self._requeued = (
            f"UPDATE deliveries SET status = {mark}, attempts = attempts - 1 "
            f"WHERE id = {mark} AND status = {mark}"
        )
        self._unwaited = (
            f"UPDATE deliveries SET status = {mark}, attempts = attempts - 1, "
            f"next_attempt_at = NULL WHERE id = {mark}"
        )

    def transaction(self) -> _Transaction:
        """One transaction under the lock: committed on success, rolled back on error."""
        return _Transaction(self, self._lock, self._connection)

    def sending(self, delivery_id: int) -> None:
        """The row is about to be sent: one more attempt."""
        self._cursor.execute(self._sending, (SENDING, delivery_id))

    def outcome(self, delivery_id: int, change: dict[str, Any], *, counted: bool = False) -> None:
        """Record an outcome (a change from :func:`.queue.outcome_change`); ``counted``
        adds the attempt too (a row given up without being sent)."""
        self._cursor.execute(
            self._outcome_counted if counted else self._outcome,
            (
                change["status"],
                change["error"],
                self._time(change.get("finished_at")),
                self._time(change.get("next_attempt_at")),
                change.get("parts_sent", 0),
                delivery_id,
            ),
        )

    def parts(self, delivery_id: int, count: int) -> None:
        """Of a message sent in parts, the service has taken ``count`` so far."""
        self._cursor.execute(self._parts, (count, delivery_id))

    def waiting(self, delivery_id: int, until: datetime) -> None:
        """Held back by the rate limit until about ``until``."""
        self._cursor.execute(self._waiting, (WAITING, self._time(until), delivery_id))

    def resumed(self, delivery_id: int) -> None:
        """A row that waited for the rate limit is being sent now."""
        self._cursor.execute(self._resumed, (SENDING, delivery_id))

    def requeued(self, delivery_id: int) -> None:
        """Marked sending but not sent (stopping): back to the queue, the attempt not
        counted."""
        self._cursor.execute(self._requeued, (QUEUED, delivery_id, SENDING))

    def unwaited(self, delivery_id: int) -> None:
        """Waiting for the rate limit when stopping: back to the queue for the next start,
        the attempt not counted."""
        self._cursor.execute(self._unwaited, (QUEUED, delivery_id))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._cursor.close()
        self._connection.close()


class _Transaction:
    """:meth:`OutcomeWriter.transaction`, twice an answer: a plain class, as a generator's
    context manager costs several times more per use."""

    __slots__ = ("_connection", "_lock", "_writer")

    def __init__(
        self, writer: OutcomeWriter, lock: contextlib.AbstractContextManager[Any], connection: Any
    ) -> None:
        self._writer = writer
        self._lock = lock
        self._connection = connection

    def __enter__(self) -> OutcomeWriter:
        self._lock.__enter__()
        return self._writer

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        try:
            if kind is not None:
                self._connection.rollback()
                return
            try:
                self._connection.commit()
            except BaseException:
                self._connection.rollback()
                raise
        finally:
            self._lock.__exit__(None, None, None)
