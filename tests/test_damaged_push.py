"""One push whose stored JSON cannot be read (SQLite's integrity check still passes) is set
aside and shown as damaged; the window, ``list``, ``export`` and ``run --headless`` keep
working, and the stored bytes are kept and exported (docs/RELIABILITY.md)."""

from __future__ import annotations

import base64
import json
import signal
import sqlite3
from pathlib import Path

import pytest

from pushgui.core.pushes.service import PushService
from pushgui.core.store.backup import integrity_problem
from pushgui.core.store.db import open_database
from tests.helpers import once_in, weekdays_at_nine
from tests.test_cli import pushgui, runs, start_headless, wait_until


def flip_one_byte(text: str) -> bytes:
    """The stored spec with one byte changed so it is no longer JSON."""
    raw = bytearray(text.encode("utf-8"))
    raw[raw.index(b":")] = ord(";")
    return bytes(raw)


def not_utf8(text: str) -> bytes:
    raw = bytearray(text.encode("utf-8"))
    raw[raw.index(b"Standup") + 1] = 0xFF
    return bytes(raw)


DAMAGE = {"not-json": flip_one_byte, "not-utf8": not_utf8}


def make_pushes(data_dir: Path, *specs) -> list[int]:
    db = open_database(data_dir)
    try:
        return PushService(db).save_new(list(specs))
    finally:
        db.close()


def damage(data_dir: Path, push_id: int, how) -> bytes:
    path = data_dir / "pushgui.sqlite3"
    with sqlite3.connect(path) as connection:
        [text] = connection.execute("SELECT spec FROM pushes WHERE id = ?", (push_id,)).fetchone()
        raw = how(text)
        # Stored as TEXT, as pushgui stores it, whatever the bytes are.
        connection.execute("UPDATE pushes SET spec = CAST(? AS TEXT) WHERE id = ?", (raw, push_id))
    connection.close()
    assert integrity_problem(path) is None
    return raw


@pytest.mark.parametrize("how", DAMAGE.values(), ids=DAMAGE.keys())
def test_an_unreadable_push_is_set_aside_with_its_bytes_and_the_rest_reads(data_dir, how):
    good, bad = make_pushes(data_dir, weekdays_at_nine("Good"), weekdays_at_nine("Bad"))
    raw = damage(data_dir, bad, how)

    db = open_database(data_dir)
    service = PushService(db)
    [record] = service.set_aside_damaged()
    assert service.set_aside_damaged() == []  # once set aside, it is readable
    rows = {row.id: row for row in service.rows()}
    damaged = service.damaged()
    db.close()

    assert record.push_id == bad and record.raw == raw and record.name == "Bad"
    assert rows[good].spec.name == "Good" and rows[good].enabled
    assert rows[bad].name == "Bad (damaged)" and not rows[bad].enabled
    assert [d.raw for d in damaged] == [raw]


def test_list_and_export_keep_working_and_the_export_carries_the_raw_text(data_dir, tmp_path):
    _good, bad = make_pushes(data_dir, weekdays_at_nine("Good"), weekdays_at_nine("Bad"))
    raw = damage(data_dir, bad, not_utf8)

    listing = pushgui(data_dir, "list", check=False)
    assert listing.returncode == 0, listing.stderr
    assert "Traceback" not in listing.stderr
    assert "Good" in listing.stdout and "Bad (damaged)" in listing.stdout
    assert "could not be read" in listing.stderr

    target = tmp_path / "out.json"
    exported = pushgui(data_dir, "export", str(target), check=False)
    assert exported.returncode == 0, exported.stderr
    assert "Traceback" not in exported.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    assert [p["name"] for p in document["pushes"]] == ["Good", "Bad (damaged)"]
    [kept] = document["damaged"]
    assert kept["name"] == "Bad" and base64.b64decode(kept["raw_base64"]) == raw

    # The export imports elsewhere: the damaged push comes back paused, as a marker.
    elsewhere = tmp_path / "elsewhere"
    imported = pushgui(elsewhere, "import", str(target), check=False)
    assert imported.returncode == 0, imported.stderr
    assert "Left out: 1 damaged reminder(s), kept in the file only" in imported.stdout


def test_headless_starts_and_runs_the_other_pushes(data_dir, tmp_path):
    spec = once_in(3, "Soon")
    soon, bad = make_pushes(data_dir, spec, weekdays_at_nine("Bad"))
    damage(data_dir, bad, flip_one_byte)

    log = tmp_path / "headless.log"
    process = start_headless(data_dir, log)
    try:
        assert wait_until(lambda: bool(runs(data_dir)) or process.poll() is not None, 60)
        assert process.poll() is None, log.read_text(encoding="utf-8")
        assert wait_until(lambda: runs(data_dir)[0][3] == "ok", 30)
        assert runs(data_dir)[0][0] == soon
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text and "could not be read" in text


def test_the_window_shows_the_damaged_push_and_the_others(qtbot, data_dir):
    from pushgui.app import start_runtime
    from pushgui.core.store.settings import SettingsStore
    from pushgui.core.system.paths import locate
    from pushgui.ui.main.push_model import NAME
    from pushgui.ui.shell import DesktopShell

    make_pushes(data_dir, weekdays_at_nine("Good"), weekdays_at_nine("Bad"))
    damage(data_dir, 2, not_utf8)

    rt = start_runtime(locate(data_dir), paused=True)
    try:
        shell = DesktopShell(
            rt.service,
            rt.scheduler,
            rt.bridge,
            SettingsStore(rt.db),
            books=rt.books,
            tray_available=False,
        )
        qtbot.addWidget(shell.window)
        shell.window.show()
        qtbot.waitExposed(shell.window)
        names = {
            shell.window.proxy.index(row, NAME).data()
            for row in range(shell.window.proxy.rowCount())
        }
        assert names == {"Good", "Bad (damaged)"}
    finally:
        rt.stop()
