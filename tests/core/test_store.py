"""Opening the database: pragmas, migrations with a copy first, newer and damaged files."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from pushgui.core.store.backup import BackupManager
from pushgui.core.store.db import MIGRATIONS, open_database
from pushgui.core.store.errors import DatabaseTooNewError, StoreError

PAGE = 4096


def add_notes(data_dir: Path, label: str, count: int = 300) -> None:
    """Rows big enough to spread the file over many pages (settings are the simplest table)."""
    db = open_database(data_dir)
    with db.engine.begin() as connection:
        for number in range(count):
            connection.execute(
                text("INSERT INTO settings (key, value) VALUES (:key, :value)"),
                {"key": f"{label}-{number}", "value": '"' + label * (400 // len(label)) + '"'},
            )
    db.close()


def notes(path: Path, label: str) -> int:
    with sqlite3.connect(path) as connection:
        query = "SELECT count(*) FROM settings WHERE key LIKE ?"
        return int(connection.execute(query, (f"{label}-%",)).fetchone()[0])


def garble_middle(path: Path, pages: int = 10) -> bytes:
    """Overwrite pages in the middle of a closed database file, as a bad disk would."""
    size = path.stat().st_size
    assert size > 4 * pages * PAGE, "the database is too small to damage in the middle"
    with path.open("r+b") as handle:
        handle.seek((size // PAGE // 2) * PAGE)
        handle.write(b"\xde\xad\xbe\xef" * (PAGE // 4) * pages)
    return path.read_bytes()


def truncate_half(path: Path) -> bytes:
    os.truncate(path, (path.stat().st_size // PAGE // 2) * PAGE + 100)
    return path.read_bytes()


def overwrite_header(path: Path) -> bytes:
    with path.open("r+b") as handle:
        handle.write(b"not sqlite" * 10)
    return path.read_bytes()


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


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
        assert (
            connection.execute(text("SELECT value FROM settings WHERE key = 'kept'")).scalar()
            == "1"
        )
    db.close()
    copies = list((data_dir / "backups").glob("pushgui-*-before-migration.sqlite3"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
        assert connection.execute("SELECT value FROM settings WHERE key = 'kept'").fetchone() == (
            "1",
        )


def test_the_migrations_build_exactly_the_schema_the_models_describe(data_dir):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from pushgui.core.store.models import Base

    db = open_database(data_dir)
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    db.close()
    assert differences == []


def test_a_healthy_database_is_opened_without_any_recovery(data_dir):
    add_notes(data_dir, "kept")
    db = open_database(data_dir)
    db.close()
    assert db.recovery is None
    assert [p.name for p in data_dir.iterdir() if ".corrupt-" in p.name] == []


@pytest.mark.parametrize("damage", [garble_middle, truncate_half, overwrite_header])
def test_a_damaged_database_is_moved_aside_and_the_newest_good_backup_restored(data_dir, damage):
    path = data_dir / "pushgui.sqlite3"
    backups = BackupManager(path, data_dir / "backups")
    add_notes(data_dir, "old")
    backups.backup_now("daily", now=at(1))
    add_notes(data_dir, "backed")
    newest = backups.backup_now("daily", now=at(2))
    add_notes(data_dir, "lost")
    damaged = damage(path)

    db = open_database(data_dir)
    report = db.recovery
    db.close()

    assert report is not None and not report.started_empty
    assert report.restored_from == newest
    assert report.backup_time == at(2)
    assert report.moved_to.parent == data_dir
    assert report.moved_to.name.startswith("pushgui.sqlite3.corrupt-")
    assert report.moved_to.read_bytes() == damaged
    assert str(newest) in report.describe() and str(report.moved_to) in report.describe()
    assert notes(path, "old") == 300 and notes(path, "backed") == 300
    assert notes(path, "lost") == 0


def test_a_damaged_database_without_backups_starts_empty_and_keeps_the_old_file(data_dir):
    path = data_dir / "pushgui.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)

    db = open_database(data_dir)
    with db.engine.connect() as connection:
        tables = set(
            connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars()
        )
    db.close()

    assert db.recovery is not None and db.recovery.started_empty
    assert db.recovery.restored_from is None and db.recovery.backup_time is None
    assert db.recovery.moved_to.read_bytes() == b"this is not sqlite at all" * 100
    assert {"pushes", "settings", "apscheduler_jobs"} <= tables


def test_a_damaged_or_newer_backup_is_never_restored(data_dir):
    path = data_dir / "pushgui.sqlite3"
    backups = BackupManager(path, data_dir / "backups")
    add_notes(data_dir, "good")
    good = backups.backup_now("daily", now=at(1))
    add_notes(data_dir, "newer")
    too_new = backups.backup_now("daily", now=at(2))
    with sqlite3.connect(too_new) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    damaged = backups.backup_now("daily", now=at(3))
    garble_middle(damaged)
    garble_middle(path)

    db = open_database(data_dir)
    db.close()

    assert db.recovery is not None
    assert db.recovery.restored_from == good
    assert db.recovery.skipped_backups == (damaged, too_new)
    assert notes(path, "good") == 300 and notes(path, "newer") == 0
    assert damaged.exists() and too_new.exists()


def test_a_file_that_cannot_be_opened_is_reported_not_treated_as_damaged(data_dir):
    (data_dir / "pushgui.sqlite3").mkdir()
    with pytest.raises(StoreError, match="cannot be opened"):
        open_database(data_dir)
    assert (data_dir / "pushgui.sqlite3").is_dir()
    assert [p.name for p in data_dir.iterdir()] == ["pushgui.sqlite3"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_database_wal_shm_and_backups_are_private(tmp_path):
    data_dir = tmp_path / "new-data"  # created by pushgui: an existing one keeps its mode
    old_umask = os.umask(0o022)
    try:
        db = open_database(data_dir)
        with db.engine.begin() as connection:
            connection.execute(text("INSERT INTO settings (key, value) VALUES ('k', '1')"))
        copy = BackupManager(db.path, data_dir / "backups").backup_now()
        path = data_dir / "pushgui.sqlite3"
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm"), copy]
        modes = {p.name: p.stat().st_mode & 0o777 for p in files}
        db.close()
    finally:
        os.umask(old_umask)
    assert modes == dict.fromkeys(modes, 0o600)
    assert data_dir.stat().st_mode & 0o777 == 0o700
    assert (data_dir / "backups").stat().st_mode & 0o777 == 0o700
