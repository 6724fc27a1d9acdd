"""A database file that is empty or belongs to another program is never used as it is.

It is set aside untouched, the newest good backup is restored, and the user is told; the
command line says so on stderr (docs/RELIABILITY.md, "The database is protected").
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from pushgui.core.pushes.service import PushService
from pushgui.core.store.backup import COMPANIONS, BackupManager
from pushgui.core.store.db import open_database
from tests.helpers import weekdays_at_nine


def nine_pushes_backed_up(data_dir: Path) -> Path:
    db = open_database(data_dir)
    PushService(db).save_new([weekdays_at_nine(f"Push {n}") for n in range(9)])
    backup = BackupManager(db.path, data_dir / "backups").backup_now("daily")
    db.close()
    return backup


def push_names(data_dir: Path) -> list[str]:
    db = open_database(data_dir)
    try:
        return [row.name for row in PushService(db).rows()]
    finally:
        db.close()


def drop_companions(path: Path) -> None:
    for suffix in COMPANIONS:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def test_an_empty_database_file_is_set_aside_and_the_newest_backup_restored(data_dir):
    backup = nine_pushes_backed_up(data_dir)
    path = data_dir / "pushgui.sqlite3"
    drop_companions(path)
    path.write_bytes(b"")

    db = open_database(data_dir)
    report = db.recovery
    db.close()

    assert report is not None and report.restored_from == backup
    assert "empty" in report.problem
    assert report.moved_to.name.startswith("pushgui.sqlite3.corrupt-")
    assert report.moved_to.read_bytes() == b""
    assert push_names(data_dir) == [f"Push {n}" for n in range(9)]


def test_the_command_line_says_an_empty_file_was_replaced_by_a_backup(data_dir):
    nine_pushes_backed_up(data_dir)
    path = data_dir / "pushgui.sqlite3"
    drop_companions(path)
    path.write_bytes(b"")

    result = subprocess.run(
        [sys.executable, "-m", "pushgui", "--data-dir", str(data_dir), "list"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "the file is empty" in result.stderr and "restored from the backup" in result.stderr
    assert all(f"Push {n}" in result.stdout for n in range(9))


def test_another_programs_database_is_never_changed_and_the_backup_is_restored(data_dir):
    backup = nine_pushes_backed_up(data_dir)
    path = data_dir / "pushgui.sqlite3"
    drop_companions(path)
    path.unlink()
    with sqlite3.connect(path) as foreign:
        foreign.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)")
        foreign.executemany("INSERT INTO photos (caption) VALUES (?)", [("beach",), ("cat",)])
    foreign.close()
    original = path.read_bytes()

    db = open_database(data_dir)
    report = db.recovery
    db.close()

    assert report is not None and report.restored_from == backup
    assert "not a pushgui database" in report.problem
    assert report.moved_to.read_bytes() == original
    assert not any(report.moved_to.with_name(report.moved_to.name + s).exists() for s in COMPANIONS)
    assert push_names(data_dir) == [f"Push {n}" for n in range(9)]


def test_another_programs_database_without_backups_is_kept_aside_and_pushgui_starts_empty(
    data_dir,
):
    path = data_dir / "pushgui.sqlite3"
    with sqlite3.connect(path) as foreign:
        foreign.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)")
    foreign.close()
    original = path.read_bytes()

    db = open_database(data_dir)
    db.close()

    assert db.recovery is not None and db.recovery.started_empty
    assert db.recovery.moved_to.read_bytes() == original
    assert push_names(data_dir) == []
