"""The hot writes that skip SQLAlchemy's execution layer (runs and deliveries of a pass in
multi-row inserts, each answer's outcome on the driver's connection) store exactly what the
ORM stores, on SQLite and on PostgreSQL: the same text for a time (also a time on a whole
second, which a driver's own conversion writes without its fraction), the same defaults."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, update

from pushgui.core.delivery.outcomes import OutcomeWriter
from pushgui.core.pushes.service import PushService
from pushgui.core.store.bulk import insert_returning
from pushgui.core.store.db import open_database
from pushgui.core.store.models import Delivery, Run
from pushgui.core.store.server import open_server_database
from tests.helpers import weekdays_at_nine

WHOLE = datetime(2026, 3, 1, 9, 0, 0, tzinfo=UTC)
FRACTION = datetime(2026, 3, 1, 9, 0, 0, 250000, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        db = open_database(tmp_path)
    else:
        db = open_server_database(request.getfixturevalue("pg_url"), tmp_path)
    try:
        yield db
    finally:
        db.close()


def raw_rows(database, table: str, columns: str) -> list[tuple]:
    with database.engine.connect() as connection:
        return list(
            connection.exec_driver_sql(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()
        )


def test_runs_and_deliveries_inserted_together_are_stored_as_the_orm_stores_them(database):
    [push_id] = PushService(database).save_new([weekdays_at_nine("Stand-up")])
    runs = [
        {"push_id": push_id, "scheduled_at": when, "started_at": when, "status": "running"}
        for when in (WHOLE, FRACTION)
    ]
    with database.session() as session:
        orm = [session.execute(insert(Run).returning(Run.id), [one]).scalar_one() for one in runs]
    moved = [dict(one, scheduled_at=one["scheduled_at"].replace(year=2027)) for one in runs]
    with database.session() as session:
        written = insert_returning(
            session.connection(), Run.__table__, moved, ["id", "push_id", "scheduled_at"]
        )
    # The returned times are the ones given, aware, as the ORM reads them.
    assert sorted((p, t) for _id, p, t in written) == sorted(
        (push_id, one["scheduled_at"]) for one in moved
    )
    stored = raw_rows(database, "runs", "reason, scheduled_at, started_at, status, error")
    by_orm, by_driver = stored[: len(orm)], stored[len(orm) :]
    for ours, theirs in zip(by_driver, by_orm, strict=True):
        # reason and error come from the columns' defaults; the times as the ORM writes them.
        assert ours[0] == theirs[0] == "schedule" and ours[3:] == theirs[3:]
        assert str(ours[2]) == str(theirs[2])
        assert str(ours[1]).replace("2027", "2026", 1) == str(theirs[1])

    deliveries = [
        {"run_id": orm[0], "channel": "desktop", "recipient": "Me", "status": "queued"},
        {"run_id": orm[0], "channel": "email", "recipient": "Ann", "status": "queued"},
    ]
    with database.session() as session:
        session.execute(insert(Delivery), deliveries[:1])
        ids = insert_returning(session.connection(), Delivery.__table__, deliveries[1:], ["id"])
    assert len(ids) == 1
    first, second = raw_rows(
        database, "deliveries", "status, error, attempts, address, body, html, mentions"
    )
    assert first == second  # every default the same


@pytest.mark.parametrize("when", [WHOLE, FRACTION])
def test_an_outcome_written_on_the_driver_connection_reads_as_the_orm_wrote_it(database, when):
    [push_id] = PushService(database).save_new([weekdays_at_nine("Stand-up")])
    with database.session() as session:
        run_id = session.execute(
            insert(Run).returning(Run.id),
            [{"push_id": push_id, "scheduled_at": WHOLE, "started_at": WHOLE}],
        ).scalar_one()
        ids = [
            session.execute(
                insert(Delivery).returning(Delivery.id),
                [{"run_id": run_id, "channel": "desktop", "recipient": name}],
            ).scalar_one()
            for name in ("by the ORM", "by the driver")
        ]
    change = {"status": "retrying", "error": "busy", "finished_at": when, "next_attempt_at": when}
    with database.session() as session:
        session.execute(update(Delivery).where(Delivery.id == ids[0]).values(**change))
    writer = OutcomeWriter(database, threading.Lock())
    try:
        with writer.transaction():
            writer.outcome(ids[1], change)
    finally:
        writer.close()
    by_orm, by_driver = raw_rows(
        database, "deliveries", "status, error, finished_at, next_attempt_at"
    )
    assert [str(value) for value in by_driver] == [str(value) for value in by_orm]
    with database.session() as session:
        read = session.get(Delivery, ids[1])
        assert read is not None and read.next_attempt_at == when
