"""Pushes saved before attachments were copies name files outside the data folder. At start
each such file that can be copied is copied in (the push rewritten, so Duplicate and Undo
work again); one that cannot is removed from the push, never sent, and the log and the
window say so (docs/RELIABILITY.md, "A run mails only the files you attached").

Real SQLite files, real files, a real FIFO and a real headless process."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from pushgui.core.messages.attachments import (
    MAX_ATTACHMENT_BYTES,
    adopt_outside_files,
    attachments_dir,
    is_attachment_copy,
)
from pushgui.core.pushes.service import PushService
from pushgui.core.store.db import open_database
from pushgui.ui.dialogs.attachment_notice import show_dropped_attachments
from tests.helpers import weekdays_at_nine
from tests.test_cli import HANG, start_headless, wait_ready, wait_until
from tests.test_damaged_push import make_pushes

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses a FIFO")


def name_outside_files(data_dir: Path, push_id: int, paths: list[str]) -> None:
    """What a push saved by an older pushgui looks like: plain paths to the user's files."""
    path = data_dir / "pushgui.sqlite3"
    with sqlite3.connect(path) as connection:
        [text] = connection.execute("SELECT spec FROM pushes WHERE id = ?", (push_id,)).fetchone()
        spec = json.loads(text)
        spec["message"]["attachments"] = paths
        connection.execute("UPDATE pushes SET spec = ? WHERE id = ?", (json.dumps(spec), push_id))
    connection.close()


@pytest.fixture
def old_files(tmp_path):
    """One file that can be copied and four that cannot."""
    outside = tmp_path / "home"
    outside.mkdir()
    report = outside / "report.pdf"
    report.write_bytes(b"%PDF-1.4 quarterly numbers")
    fifo = outside / "pipe.txt"
    os.mkfifo(fifo)
    huge = outside / "huge.bin"
    with huge.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    return {
        "copied": [str(report)],
        "dropped": [str(outside / "gone.doc"), str(fifo), str(huge), str(outside)],
    }


def test_old_outside_attachments_are_copied_in_or_dropped_with_a_note(data_dir, old_files):
    [push_id] = make_pushes(data_dir, weekdays_at_nine("Report"))
    name_outside_files(data_dir, push_id, old_files["copied"] + old_files["dropped"])

    db = open_database(data_dir)
    try:
        notes = adopt_outside_files(db)
        service = PushService(db)
        [kept] = service.get(push_id).message.attachments
        assert is_attachment_copy(kept, data_dir)
        assert Path(kept).parent.parent == attachments_dir(data_dir)
        assert Path(kept).read_bytes() == b"%PDF-1.4 quarterly numbers"
        assert len(notes) == 4
        for path, note in zip(old_files["dropped"], notes, strict=True):
            assert note.startswith(f"{path} was removed from the reminder Report: ")
        assert "is not a regular file" in notes[1] and "larger than 25 MB" in notes[2]
        assert "is a folder" in notes[3]
        # What failed before: Duplicate (and Undo, which saves the spec again) is accepted.
        service.save_new([service.get(push_id).renamed("Report (copy)")])
        assert adopt_outside_files(db) == []  # a second start changes nothing
    finally:
        db.close()


def test_headless_start_logs_each_dropped_file(data_dir, tmp_path, old_files):
    [push_id] = make_pushes(data_dir, weekdays_at_nine("Report"))
    name_outside_files(data_dir, push_id, old_files["dropped"][:1] + old_files["copied"])
    log_path = tmp_path / "headless.log"
    process = start_headless(data_dir, log_path)
    try:
        wait_ready(log_path, process)
        text = log_path.read_text(encoding="utf-8")
        assert f"{old_files['dropped'][0]} was removed from the reminder Report" in text
    finally:
        process.terminate()
        process.wait(HANG)
    with sqlite3.connect(f"file:{data_dir / 'pushgui.sqlite3'}?mode=ro", uri=True) as connection:
        [text] = connection.execute("SELECT spec FROM pushes WHERE id = ?", (push_id,)).fetchone()
    [kept] = json.loads(text)["message"]["attachments"]
    assert is_attachment_copy(kept, data_dir)
    assert wait_until(lambda: process.poll() is not None, HANG)


def test_the_window_lists_the_dropped_files(qtbot, data_dir, old_files):
    [push_id] = make_pushes(data_dir, weekdays_at_nine("Report"))
    name_outside_files(data_dir, push_id, old_files["dropped"])
    db = open_database(data_dir)
    try:
        notes = adopt_outside_files(db)
    finally:
        db.close()
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    box = show_dropped_attachments(window, notes)
    qtbot.waitUntil(box.isVisible, timeout=HANG * 1000)
    assert "will not be sent" in box.text()
    for path in old_files["dropped"]:
        assert path in box.informativeText()
    box.accept()
