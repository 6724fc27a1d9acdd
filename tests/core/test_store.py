"""Opening the database: pragmas, migrations with a copy first, newer and damaged files."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from sqlalchemy import text

from pushgui.core.store.db import MIGRATIONS, DatabaseTooNewError, StoreError, open_database


def test_fresh_database_has_wal_foreign_keys_and_all_tables(data_dir):
    db = open_database(data_dir)
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        tables = set(
            connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars()
        )
    db.close()
    assert {"pushes", "runs", "deliveries", "settings", "apscheduler_jobs"} <= tables
    assert (data_dir / "pushgui.sqlite3").stat().st_mode & 0o077 == 0


def test_reopening_a_current_database_makes_no_backup(data_dir):
    open_database(data_dir).close()
    open_database(data_dir).close()
    assert not (data_dir / "backups").exists()


def test_database_from_a_newer_version_is_refused_and_untouched(data_dir):
    open_database(data_dir).close()
    path = data_dir / "pushgui.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer version of pushgui"):
        open_database(data_dir)
    assert path.read_bytes() == before


def test_damaged_file_is_refused_with_a_clear_message_and_left_alone(data_dir):
    path = data_dir / "pushgui.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a pushgui database or is damaged"):
        open_database(data_dir)
    assert path.read_bytes() == b"this is not sqlite at all" * 100


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


def test_a_copy_is_taken_before_a_migration_and_data_survives(data_dir, tmp_path):
    db = open_database(data_dir)
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('kept', '1')"))
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    db.close()
    newer = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, newer)
    (newer / "versions" / "0099_test.py").write_text(
        NEXT_MIGRATION.replace("HEAD", repr(head)), encoding="utf-8"
    )

    db = open_database(data_dir, migrations=newer)
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0099_test"
        )
        assert connection.execute(text("SELECT value FROM settings")).scalar() == "1"
    db.close()
    copies = list((data_dir / "backups").glob("before-0099_test-*.sqlite3"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
        assert connection.execute("SELECT value FROM settings").fetchone() == ("1",)


def test_the_migrations_build_exactly_the_schema_the_models_describe(data_dir):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from pushgui.core.store.models import Base

    db = open_database(data_dir)
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    db.close()
    assert differences == []
