"""``pushgui import`` as a user runs it on files from elsewhere, odd files and a full disk:
a plain message naming the entry, exit 5, never a traceback, nothing saved
(docs/INPUTS.md, "Command line" and "JSON import")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest

from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import spec_to_dict
from pushgui.core.store.db import open_database
from pushgui.core.system.files import FileTooLargeError, NotAFileError, read_regular_file
from pushgui.core.transfer.document import FORMAT, VERSION, ImportFileError, read_import
from tests.helpers import small_tmpfs, weekdays_at_nine

# Bounds a hang only: a refused FIFO returns at once.
HANG = 60


def _bounded_memory() -> None:
    """In the child: a regression that reads /dev/zero dies of MemoryError, not the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


MEMORY_CAP = 4 * 1024**3


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pushgui", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=HANG,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        preexec_fn=_bounded_memory if os.name == "posix" else None,
    )


def seed(data_dir: Path) -> None:
    db = open_database(data_dir)
    try:
        PushService(db).save_new([weekdays_at_nine("Existing")])
    finally:
        db.close()


def names(data_dir: Path) -> list[str]:
    db = open_database(data_dir)
    try:
        return [row.name for row in PushService(db).rows()]
    finally:
        db.close()


def write(path: Path, *pushes: dict[str, Any]) -> Path:
    document = {"format": FORMAT, "version": VERSION, "pushes": list(pushes)}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def email_push(name: str, **target: Any) -> dict[str, Any]:
    push = spec_to_dict(weekdays_at_nine(name))
    push["targets"] = [{"kind": "email", **target}]
    return push


def clean_failure(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr
    assert "nothing was imported" in result.stderr
    return result.stderr


# -- item 10: regular files only, never past the limit ----------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_without_a_writer_is_refused_at_once(data_dir, tmp_path):
    seed(data_dir)
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            read_import(fifo)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    reader = threading.Thread(target=attempt, daemon=True)
    reader.start()
    reader.join(HANG)
    if reader.is_alive():  # release the reader that hung waiting for a writer
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(HANG)
    assert outcome and isinstance(outcome[0], ImportFileError), outcome
    assert "not a regular file" in str(outcome[0])
    stderr = clean_failure(cli(data_dir, "import", str(fifo)))
    assert "not a regular file" in stderr
    assert names(data_dir) == ["Existing"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_without_reading_it(data_dir):
    # Only in a child with capped memory: before the fix this read until memory ran out.
    assert "not a regular file" in clean_failure(cli(data_dir, "import", "/dev/zero"))


def test_a_file_is_read_only_up_to_the_limit_whatever_size_it_reports(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 101)
    assert read_regular_file(path, 101) == b"x" * 101
    with pytest.raises(FileTooLargeError):
        read_regular_file(path, 100)
    with pytest.raises(NotAFileError if os.name == "posix" else OSError):
        read_regular_file(Path("/dev/null"), 100)


# -- item 11: names from elsewhere, a full disk, long lists -----------------------------------


def test_missing_channels_contacts_groups_and_attachments_name_their_entry(data_dir, tmp_path):
    seed(data_dir)
    gone = tmp_path / "gone.pdf"
    first = spec_to_dict(weekdays_at_nine("Fine"))
    second = email_push("Team mail", channel_id=7, contact_ids=[1, 2], group_ids=[3])
    second["message"]["attachments"] = [str(gone)]
    stderr = clean_failure(cli(data_dir, "import", str(write(tmp_path / "in.json", first, second))))

    assert "pushes[1] ('Team mail').targets[0]: there is no email channel 7" in stderr
    assert "pushes[1] ('Team mail').targets[0].contact_ids: contacts 1, 2 do not exist" in stderr
    assert "pushes[1] ('Team mail').targets[0].group_ids: groups 3 do not exist" in stderr
    assert f"pushes[1] ('Team mail').message.attachments[0]: {gone}" in stderr
    assert names(data_dir) == ["Existing"]


def test_a_hundred_thousand_missing_ids_give_a_short_message(data_dir, tmp_path):
    seed(data_dir)
    push = email_push("Everyone", channel_id=1, contact_ids=list(range(1, 100_001)))
    stderr = clean_failure(cli(data_dir, "import", str(write(tmp_path / "in.json", push))))
    assert "contacts 1, 2, 3, 4, 5 and 99995 more do not exist" in stderr
    assert len(stderr) < 2000
    assert names(data_dir) == ["Existing"]


def test_a_hundred_thousand_bad_entries_are_summarised(data_dir, tmp_path):
    seed(data_dir)
    bad = {"name": "B", "message": {"title": ""}, "trigger": {"kind": "cron", "timezone": "UTC"}}
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps({"format": FORMAT, "version": VERSION, "pushes": [bad] * 100_000}),
        encoding="utf-8",
    )
    stderr = clean_failure(cli(data_dir, "import", str(path)))
    assert "... and 199980 more problems" in stderr
    assert len(stderr.splitlines()) < 30


@pytest.fixture
def small_disk(tmp_path):
    """A real 1 MB tmpfs (mounting needs root; skipped with the reason otherwise)."""
    with small_tmpfs(tmp_path / "small", "1m") as mount:
        yield mount


def fill(folder: Path, spare: int) -> Path:
    """Write a file until the disk is full, then give back ``spare`` bytes; returns it."""
    filler = folder / f"filler-{uuid.uuid4().hex}"
    with filler.open("wb", buffering=0) as handle:
        try:
            while handle.write(b"\0" * 4096):
                pass
        except OSError:
            pass
    os.truncate(filler, max(filler.stat().st_size - spare, 0))
    return filler


def test_a_full_disk_is_a_clear_error_and_nothing_is_imported(small_disk, tmp_path):
    data_dir = small_disk / "data"
    seed(data_dir)
    pushes = []
    for number in range(300):
        push = spec_to_dict(weekdays_at_nine(f"Push {number}"))
        push["message"]["body"] = "words " * 1000
        pushes.append(push)
    source = write(tmp_path / "in.json", *pushes)
    # Room to open the database (its -shm and a little -wal), not for 1.8 MB of pushes.
    filler = fill(small_disk, spare=160 * 1024)

    stderr = clean_failure(cli(data_dir, "import", str(source)))
    assert "Free some disk space" in stderr

    filler.unlink()
    assert names(data_dir) == ["Existing"]
