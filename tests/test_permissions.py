"""Every file pushgui writes is its user's alone (0600), new folders are 0700, and a folder
named with ``--data-dir`` that already exists keeps its mode (docs/RELIABILITY.md)."""

from __future__ import annotations

import logging
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pushgui.core.runs.history import History
from pushgui.core.store.db import open_database
from pushgui.core.system.files import PrivateRotatingFileHandler, write_private_text
from tests.test_cli import wait_until

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def open_umask() -> None:
    os.umask(0)  # the loosest a user could have: nothing may rely on it


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pushgui", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        preexec_fn=open_umask,
    )


def test_new_folders_are_0700_and_every_file_written_is_0600(tmp_path):
    data_dir = tmp_path / "new" / "nested" / "data"
    exported = tmp_path / "out.json"
    result = run(data_dir, "export", str(exported))
    assert result.returncode == 0, result.stderr
    assert mode(exported) == 0o600
    for folder in (tmp_path / "new", tmp_path / "new" / "nested", data_dir):
        assert mode(folder) == 0o700, folder

    log = tmp_path / "headless.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "pushgui", "--data-dir", str(data_dir), "run", "--headless"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            preexec_fn=open_umask,
        )
    try:
        assert wait_until(lambda: "running headless" in log.read_text(encoding="utf-8"), 60)
        written = [
            data_dir / "pushgui.lock",
            data_dir / "logs" / "pushgui.log",
            data_dir / "pushgui.sqlite3",
            *(data_dir / "backups").glob("*.sqlite3"),
        ]
        assert len(written) == 4, written
        for path in written:
            assert mode(path) == 0o600, path
        for folder in (data_dir / "logs", data_dir / "backups"):
            assert mode(folder) == 0o700, folder
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


def test_an_existing_shared_folder_keeps_its_mode_and_a_warning_is_given(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    result = run(shared, "list")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert "can be opened by other users" in result.stderr
    assert mode(shared / "pushgui.sqlite3") == 0o600

    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    quiet = run(private, "list")
    assert "other users" not in quiet.stderr


def test_rotated_logs_and_written_files_are_0600_whatever_the_umask(tmp_path):
    previous = os.umask(0)
    try:
        target = tmp_path / "contacts.csv"
        write_private_text(target, "a,b\n", encoding="utf-8-sig", newline="")
        assert mode(target) == 0o600 and target.read_bytes().startswith(b"\xef\xbb\xbf")
        handler = PrivateRotatingFileHandler(
            tmp_path / "pushgui.log", maxBytes=200, backupCount=2, encoding="utf-8"
        )
        logger = logging.getLogger("tests.permissions")
        logger.addHandler(handler)
        try:
            for number in range(20):
                logger.warning("line %d of a log long enough to rotate", number)
        finally:
            logger.removeHandler(handler)
            handler.close()
    finally:
        os.umask(previous)
    logs = sorted(tmp_path.glob("pushgui.log*"))
    assert len(logs) == 3
    assert all(mode(path) == 0o600 for path in logs)


def test_the_windows_csv_exports_are_0600(qtbot, data_dir, tmp_path):
    from pushgui.core.people.contacts import ContactBook, ContactRecord
    from pushgui.ui.history.history_window import HistoryWindow
    from pushgui.ui.people.contacts_window import ContactsWindow

    db = open_database(data_dir)
    previous = os.umask(0o022)  # the common default, under which files were 0644
    try:
        book = ContactBook(db)
        book.save(ContactRecord("Ann", "ann@example.com"))
        contacts = ContactsWindow(book)
        qtbot.addWidget(contacts)
        written = contacts.export_csv(tmp_path / "contacts.csv")
        history = HistoryWindow(History(db), [])
        qtbot.addWidget(history)
        assert history.export_csv(str(tmp_path / "history.csv"))
    finally:
        os.umask(previous)
        db.close()
    assert written is not None and mode(written) == 0o600
    assert mode(tmp_path / "history.csv") == 0o600
