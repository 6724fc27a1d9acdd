"""Backups: verified copies through SQLite's backup API, rotation, the daily one, restore."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from pushgui.core.store.backup import (
    DEFAULT_KEEP,
    KEEP_BACKUPS_KEY,
    BackupError,
    BackupManager,
    read_keep_setting,
)
from pushgui.core.store.db import open_database
from tests.core.test_store import add_notes, at, garble_middle, notes


@pytest.fixture
def manager(data_dir):
    add_notes(data_dir, "first")
    return BackupManager(data_dir / "pushgui.sqlite3", data_dir / "backups")


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in the machine's own zone, where calendar days are counted."""
    return datetime(2026, 3, day, hour, minute).astimezone()


def test_a_backup_is_a_verified_self_contained_copy_with_the_data(manager, data_dir):
    # Taken while the app has the database open, with the newest rows still in the WAL.
    db = open_database(data_dir)
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('live-1', '1')"))
    copy = manager.backup_now(now=at(5))
    db.close()

    assert copy == data_dir / "backups" / "pushgui-20260305-120000-manual.sqlite3"
    assert notes(copy, "first") == 300 and notes(copy, "live") == 1
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    if os.name == "posix":
        assert copy.stat().st_mode & 0o777 == 0o600
    [info] = manager.list_backups(verify=True)
    assert (info.path, info.created, info.reason, info.ok) == (copy, at(5), "manual", True)
    assert info.size == copy.stat().st_size


def test_two_backups_in_the_same_second_both_survive_and_list_newest_first(manager):
    first = manager.backup_now("daily", now=at(1))
    second = manager.backup_now("daily", now=at(1))
    manual = manager.backup_now(now=at(2))
    assert first != second
    assert [info.path for info in manager.list_backups()] == [manual, second, first]


def test_a_reason_must_be_plain_words(manager):
    with pytest.raises(ValueError):
        manager.backup_now("../escape")


def test_a_copy_that_fails_its_integrity_check_is_deleted_and_reported(manager, data_dir):
    garble_middle(data_dir / "pushgui.sqlite3")
    with pytest.raises(BackupError, match="integrity check"):
        manager.backup_now()
    assert list((data_dir / "backups").iterdir()) == []


def test_rotation_keeps_the_newest_automatic_ones_all_manual_ones_and_the_last_migration_copy(
    manager,
):
    migration = manager.backup_now("before-migration", now=at(1))
    manual = [manager.backup_now(now=at(day)) for day in (2, 3)]
    daily = [manager.backup_now("daily", now=at(day)) for day in range(4, 14)]

    kept = {info.path for info in manager.list_backups()}

    assert DEFAULT_KEEP == 7
    assert kept == {migration, *manual, *daily[-7:]}
    assert not any(path.exists() for path in daily[:3])


def test_the_number_kept_is_a_constructor_parameter_read_from_the_settings(manager, data_dir):
    assert read_keep_setting(manager.database_path) == DEFAULT_KEEP
    db = open_database(data_dir)
    with db.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO settings (key, value) VALUES (:key, '3')"), {"key": KEEP_BACKUPS_KEY}
        )
    db.close()
    keep = read_keep_setting(manager.database_path)
    few = BackupManager(manager.database_path, manager.backups_dir, keep=keep)
    daily = [few.backup_now("daily", now=at(day)) for day in range(1, 6)]
    assert keep == 3
    assert [info.path for info in few.list_backups()] == daily[:-4:-1]


def test_the_daily_backup_happens_once_per_calendar_day(manager):
    morning = local(10, 0, 30)
    assert manager.daily_backup_due(morning)
    first = manager.backup_if_due(morning)
    assert first is not None

    assert manager.backup_if_due(local(10, 9)) is None
    assert manager.backup_if_due(local(10, 23, 59)) is None
    second = manager.backup_if_due(local(11, 0, 1))
    assert second is not None and second != first
    assert [info.reason for info in manager.list_backups()] == ["daily", "daily"]


def test_a_manual_backup_counts_as_the_days_backup(manager):
    manager.backup_now(now=local(12, 8))
    assert not manager.daily_backup_due(local(12, 20))
    assert manager.daily_backup_due(local(12, 8) + timedelta(days=1))


def test_restore_moves_the_current_database_aside_and_brings_the_backup_back(manager, data_dir):
    path = data_dir / "pushgui.sqlite3"
    backup = manager.backup_now(now=at(1))
    add_notes(data_dir, "later")
    # Left behind next to the file, as after a crash: must go with it, never onto the copy.
    (data_dir / "pushgui.sqlite3-wal").write_bytes(b"stale wal")
    (data_dir / "pushgui.sqlite3-shm").write_bytes(b"stale shm")

    moved = manager.restore(backup, now=at(2))

    assert moved == data_dir / "pushgui.sqlite3.replaced-20260302-120000"
    assert notes(moved, "later") == 300
    assert (data_dir / "pushgui.sqlite3.replaced-20260302-120000-wal").read_bytes() == (
        b"stale wal"
    )
    assert (data_dir / "pushgui.sqlite3.replaced-20260302-120000-shm").exists()
    db = open_database(data_dir)
    db.close()
    assert db.recovery is None
    assert notes(path, "first") == 300 and notes(path, "later") == 0
    assert backup.exists()
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_restore_refuses_a_damaged_backup_and_changes_nothing(manager, data_dir):
    path = data_dir / "pushgui.sqlite3"
    add_notes(data_dir, "more")
    backup = manager.backup_now(now=at(1))
    garble_middle(backup)
    before = path.read_bytes()
    with pytest.raises(BackupError, match="damaged"):
        manager.restore(backup)
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["backups", "pushgui.sqlite3"]
    assert manager.list_backups(verify=True)[0].ok is False
