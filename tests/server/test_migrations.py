"""One migration history for the SQLite file and the PostgreSQL server, tested on both.

A database made by an older pushgui (every revision before the head, the previous
release's among them) is upgraded with its data by the same migration scripts on SQLite and
on a real PostgreSQL server (tests/pg.py); the result is exactly the models' schema.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from pushgui.core.store.db import _alembic_config, open_database
from pushgui.core.store.errors import DatabaseTooNewError, StoreError
from pushgui.core.store.models import Delivery, Push, Run, Setting
from pushgui.core.store.revisions import MIGRATIONS, script_revisions
from pushgui.core.store.server import open_server_database, server_url
from pushgui.core.system.paths import DB_FILENAME

HEAD, _ = script_revisions()
OLDER = sorted(
    rev.revision
    for rev in ScriptDirectory.from_config(_alembic_config(None)).walk_revisions()
    if rev.revision != HEAD
)
STAMP = "2026-11-30 09:00:00.000000"  # naive UTC, as the store writes it


def _old_database(url: str, revision: str) -> None:
    """The schema at ``revision``, as that pushgui made it, with a push, a run, a delivery
    and a setting in it (columns of the first revision only, which every later one keeps)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), revision)
        connection.execute(
            text(
                "INSERT INTO pushes (id, name, spec, enabled, created_at, updated_at) "
                "VALUES (1, 'stand-up', '{}', true, :at, :at)"
            ),
            {"at": STAMP},
        )
        connection.execute(
            text(
                "INSERT INTO runs (id, push_id, reason, scheduled_at, started_at, status, error)"
                " VALUES (1, 1, 'schedule', :at, :at, 'done', '')"
            ),
            {"at": STAMP},
        )
        connection.execute(
            text(
                "INSERT INTO deliveries (id, run_id, channel, recipient, status, error, "
                "attempts, queued_at) VALUES (1, 1, 'desktop', 'me', 'sent', '', 1, :at)"
            ),
            {"at": STAMP},
        )
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('kept', '1')"))
    engine.dispose()


def _open(dialect: str, pg: str | None, data_dir: Path):  # type: ignore[no-untyped-def]
    if dialect == "postgresql":
        assert pg is not None
        return open_server_database(pg, data_dir)
    return open_database(data_dir)


def _address(
    dialect: str, request: pytest.FixtureRequest, data_dir: Path
) -> tuple[str, str | None]:
    """The SQLAlchemy URL to build the old database with, and the address pushgui opens."""
    if dialect == "postgresql":
        pg = request.getfixturevalue("pg_url")
        return server_url(pg).render_as_string(hide_password=False), pg
    return f"sqlite:///{data_dir / DB_FILENAME}", None


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
@pytest.mark.parametrize("revision", OLDER)
def test_a_database_of_an_older_release_upgrades_with_its_data(
    dialect, revision, request, data_dir
):
    url, pg = _address(dialect, request, data_dir)
    _old_database(url, revision)

    db = _open(dialect, pg, data_dir)
    try:
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
                (HEAD,)
            ]
        with db.session() as session:
            push = session.get(Push, 1)
            assert push is not None and push.name == "stand-up" and push.enabled
            if dialect == "postgresql" and revision >= "0013":
                # From 0013 on the database stamps its own clock on a push (who did what),
                # whatever the writer sent: the row was written at the test's own time.
                assert push.created_at.isoformat() > "2026-11-30T09:00:00+00:00"
            else:
                assert push.created_at.isoformat() == "2026-11-30T09:00:00+00:00"
            run = session.get(Run, 1)
            assert run is not None and run.push_id == 1 and run.status == "done"
            delivery = session.get(Delivery, 1)
            assert delivery is not None and delivery.recipient == "me"
            assert delivery.address == "" and delivery.body == ""  # added later, defaulted
            kept = session.get(Setting, "kept")
            assert kept is not None and kept.value == "1"
    finally:
        db.close()


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_the_migrations_build_exactly_the_models_schema(dialect, request, data_dir):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from pushgui.core.store.models import Base

    _, pg = _address(dialect, request, data_dir)
    db = _open(dialect, pg, data_dir)
    try:
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        db.close()
    assert differences == []


def test_a_server_database_written_by_a_newer_pushgui_is_refused_untouched(pg_url, data_dir):
    open_server_database(pg_url, data_dir).close()
    engine = create_engine(server_url(pg_url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('kept', '1')"))

    with pytest.raises(DatabaseTooNewError, match="newer version of pushgui"):
        open_server_database(pg_url, data_dir)

    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            ("9999_future",)
        ]
        assert connection.execute(text("SELECT value FROM settings WHERE key = 'kept'")).all() == [
            ("1",)
        ]
    engine.dispose()


NEXT_MIGRATION = """
import sqlalchemy as sa
from alembic import op

revision = "0099_test"
down_revision = HEAD
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("settings", sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("settings", "note")
"""


def test_a_new_migration_runs_on_the_server_database_keeping_its_data(pg_url, data_dir, tmp_path):
    db = open_server_database(pg_url, data_dir)
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('kept', '1')"))
    db.close()
    newer = tmp_path / "migrations"
    import shutil

    shutil.copytree(MIGRATIONS, newer)
    (newer / "versions" / "0099_test.py").write_text(
        NEXT_MIGRATION.replace("HEAD", repr(HEAD)), encoding="utf-8"
    )

    db = open_server_database(pg_url, data_dir, migrations=newer)
    try:
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
                ("0099_test",)
            ]
            assert connection.execute(
                text("SELECT key, value, note FROM settings WHERE key = 'kept'")
            ).all() == [("kept", "1", None)]
    finally:
        db.close()


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("sqlite:///pushgui.sqlite3", "PostgreSQL only"),
        ("mysql://u@h/db", "PostgreSQL only"),
        ("not an address", "not a database address"),
        ("postgresql://u@localhost", "names no database"),
    ],
)
def test_an_address_that_is_not_postgresql_is_refused_clearly(address, words, data_dir):
    with pytest.raises(StoreError, match=words):
        open_server_database(address, data_dir)


def test_an_unreachable_server_is_a_clear_error_without_the_password(dead_port, data_dir):
    address = f"postgresql://team:s3cret-pass@127.0.0.1:{dead_port}/pushgui"
    with pytest.raises(StoreError, match="Cannot use the database") as caught:
        open_server_database(address, data_dir)
    assert "s3cret-pass" not in str(caught.value)


def test_two_servers_starting_at_once_on_an_empty_database_both_open_it(pg_url, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    start = __import__("threading").Barrier(2)

    def open_one(name: str) -> str:
        start.wait(timeout=60)
        db = open_server_database(pg_url, tmp_path / name)
        try:
            with db.engine.connect() as connection:
                return str(
                    connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                )
        finally:
            db.close()

    with ThreadPoolExecutor(2) as pool:
        versions = list(pool.map(open_one, ["a", "b"]))
    assert versions == [HEAD, HEAD]
