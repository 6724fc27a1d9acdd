"""The command line as a user runs it: import, list, export, and the headless scheduler.

These start real processes on a real data folder: nothing in the app is replaced.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pushgui.core.pushes.spec import PushSpec, spec_to_dict
from pushgui.core.transfer.document import FORMAT, VERSION
from tests.helpers import once_in, weekdays_at_nine

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")

# Deadlines that only bound a hang: waits end as soon as their condition holds.
HANG = 60.0
# pushgui.app.READY, logged after the first scheduling pass.
_READY = re.compile(rb"pushgui: ready \((\d+) runs due at start were started\)")


def pushgui(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "pushgui", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def start_headless(data_dir: Path, log_path: Path, *options: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    log = log_path.open("ab")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pushgui",
            "--data-dir",
            str(data_dir),
            *options,
            "run",
            "--headless",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )


def wait_ready(log_path: Path, process: subprocess.Popen[bytes]) -> int:
    """Wait for the child's readiness line; returns how many runs its first pass started.

    Before that line the child may not handle signals yet, nor listen for ``import``.
    """
    deadline = time.monotonic() + HANG
    while time.monotonic() < deadline:
        found = _READY.search(log_path.read_bytes()) if log_path.exists() else None
        if found:
            return int(found[1])
        if process.poll() is not None:
            raise AssertionError(f"pushgui exited with {process.returncode} before it was ready")
        time.sleep(0.05)
    raise AssertionError(f"pushgui was not ready after {HANG} s: {log_path.read_text()}")


def import_due_soon(data_dir: Path, tmp_path: Path, make: Callable[[float], list[PushSpec]]):
    """Import with the CLI the pushes ``make(seconds)`` builds, the first one due that soon.

    A one-off must still be ahead when ``import`` checks it, after its own start-up: a
    margin too short for this machine is refused (and nothing is saved), so it is tried
    again with a longer one. Returns the imported specs and the command's result.
    """
    for margin in (3, 10, 30, 90):
        specs = make(margin)
        result = pushgui(
            data_dir, "import", str(write_file(tmp_path / "in.json", *specs)), check=False
        )
        if result.returncode == 0:
            return specs, result
        assert "Choose a time in the future" in result.stderr, result.stderr
    raise AssertionError("import never accepted a one-off 90 s ahead")


def write_file(path: Path, *specs) -> Path:
    doc = {"format": FORMAT, "version": VERSION, "pushes": [spec_to_dict(s) for s in specs]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def runs(data_dir: Path) -> list[tuple]:
    path = data_dir / "pushgui.sqlite3"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=HANG) as connection:
        return connection.execute(
            "SELECT push_id, scheduled_at, started_at, status FROM runs ORDER BY id"
        ).fetchall()


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def stamp(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_version_and_help():
    result = subprocess.run(
        [sys.executable, "-m", "pushgui", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("pushgui ")
    help_text = subprocess.run(
        [sys.executable, "-m", "pushgui", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for word in ("--data-dir", "--minimized", "list", "export", "import", "run"):
        assert word in help_text


def test_import_then_headless_fires_on_time_and_list_shows_it(data_dir, tmp_path):
    """Imported while the headless scheduler runs: it runs at its time (how late, on an idle
    machine, is measured by bench/long_wait.py), once, and ``list`` shows it."""
    log = tmp_path / "headless.log"
    process = start_headless(data_dir, log)
    try:
        assert wait_ready(log, process) == 0
        [spec], out = import_due_soon(data_dir, tmp_path, lambda s: [once_in(s, "Stretch")])
        assert "Imported 1 reminder" in out.stdout
        assert "The running pushgui has scheduled them." in out.stdout
        due = spec.trigger.at.replace(tzinfo=ZoneInfo(spec.trigger.timezone))
        assert wait_until(lambda: runs(data_dir) and runs(data_dir)[0][3] == "ok", HANG)
        [(_push, scheduled, started, _status)] = runs(data_dir)
        assert stamp(scheduled) == due
        assert stamp(started) >= due  # never early
        listing = pushgui(data_dir, "list").stdout
        assert "Stretch" in listing and "Once on" in listing
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=HANG) == 0
    text = log.read_text(encoding="utf-8")
    assert "Reminder 'Stretch'" in text
    assert "Traceback" not in text


def test_a_second_headless_run_on_the_same_folder_refuses(data_dir, tmp_path):
    log = tmp_path / "first.log"
    process = start_headless(data_dir, log)
    try:
        wait_ready(log, process)
        second = pushgui(data_dir, "run", "--headless", check=False)
        assert second.returncode == 3
        assert "already running" in second.stderr
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=HANG) == 0


def test_sigkill_loses_no_push_and_never_runs_a_one_off_twice(data_dir, tmp_path):
    import_due_soon(data_dir, tmp_path, lambda s: [once_in(s, "Soon"), weekdays_at_nine("Later")])
    log = tmp_path / "first.log"
    process = start_headless(data_dir, log)
    try:
        wait_ready(log, process)
        assert wait_until(lambda: runs(data_dir) and runs(data_dir)[0][3] == "ok", HANG)
        before = pushgui(data_dir, "list").stdout
    finally:
        process.kill()
        process.wait(timeout=HANG)
    log = tmp_path / "second.log"
    process = start_headless(data_dir, log)
    try:
        # The first pass after a restart is where "Soon" would run again: it started nothing.
        assert wait_ready(log, process) == 0
        assert len(runs(data_dir)) == 1
        after = pushgui(data_dir, "list").stdout
        assert after == before
        assert "Later" in after and "Soon" in after
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=HANG) == 0


def test_import_of_a_bad_file_names_the_entry_and_saves_nothing(data_dir, tmp_path):
    good = spec_to_dict(weekdays_at_nine("Fine"))
    bad = dict(good, name="Broken", trigger=dict(good["trigger"], crontab="61 * * * *"))
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps({"format": FORMAT, "version": VERSION, "pushes": [good, bad]}), encoding="utf-8"
    )
    result = pushgui(data_dir, "import", str(path), check=False)
    assert result.returncode == 5
    assert "nothing was imported" in result.stderr
    assert "pushes[1] ('Broken').trigger.crontab" in result.stderr
    assert "No reminders yet." in pushgui(data_dir, "list").stdout


def test_export_writes_what_import_reads(data_dir, tmp_path):
    pushgui(data_dir, "import", str(write_file(tmp_path / "in.json", weekdays_at_nine("站会"))))
    out = tmp_path / "out.json"
    pushgui(data_dir, "export", str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert [p["name"] for p in exported["pushes"]] == ["站会"]
    other = tmp_path / "other"
    pushgui(other, "import", str(out))
    assert "站会" in pushgui(other, "list").stdout


def test_a_database_from_a_newer_version_is_reported_not_touched(data_dir):
    pushgui(data_dir, "list")
    path = data_dir / "pushgui.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    result = pushgui(data_dir, "list", check=False)
    assert result.returncode == 4
    assert "newer version of pushgui" in result.stderr
    assert path.read_bytes() == before


def test_an_imported_email_push_run_headless_reaches_every_group_member(
    data_dir, tmp_path, smtp_starttls, ca
):
    from dataclasses import replace

    from pushgui.core.channels.book import ChannelBook
    from pushgui.core.channels.config import EmailConfig
    from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
    from pushgui.core.pushes.spec import Message, Target
    from pushgui.core.store.db import open_database
    from pushgui.core.store.settings import SettingsStore
    from pushgui.core.system.secrets import SECRETS_MODE_KEY, PlainFileSecrets
    from tests.servers import PASSWORD, USER

    ca_path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_path))
    # What the user set up in the window beforehand: a mail account, contacts, a group.
    database = open_database(data_dir)
    SettingsStore(database).set(SECRETS_MODE_KEY, "file")
    mail = ChannelBook(database, PlainFileSecrets(data_dir)).save(
        "Mail",
        EmailConfig(
            host=smtp_starttls.host,
            port=smtp_starttls.port,
            username=USER,
            password=PASSWORD,
            sender_address="bot@example.com",
            ca_file=str(ca_path),
        ),
    )
    book = ContactBook(database)
    members = [
        book.save(ContactRecord(n, f"{n.lower()}@example.com")) for n in ("Ann", "Bob", "Cy")
    ]
    team = book.save_group(GroupRecord("Team", tuple(members)))
    database.close()

    def team_note(seconds: float) -> list[PushSpec]:
        return [
            replace(
                once_in(seconds, "Team note"),
                message=Message("Note for ${name}", "Hello ${name}"),
                targets=(Target("email", mail, (), (team,)),),
            )
        ]

    import_due_soon(data_dir, tmp_path, team_note)
    log = tmp_path / "headless.log"
    process = start_headless(data_dir, log)
    try:
        wait_ready(log, process)
        assert wait_until(lambda: len(smtp_starttls.inbox.received) == 3, HANG)
        assert wait_until(lambda: runs(data_dir) and runs(data_dir)[0][3] == "ok", HANG)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=HANG) == 0
    by_address = {r.rcpt_tos[0]: r.message for r in smtp_starttls.inbox.received}
    assert sorted(by_address) == ["ann@example.com", "bob@example.com", "cy@example.com"]
    assert by_address["bob@example.com"]["Subject"] == "Note for Bob"


def test_the_command_line_says_reminders_as_the_window_does(tmp_path):
    data_dir = tmp_path / "data"
    help_text = pushgui(data_dir, "--help").stdout
    assert "reminders" in help_text and "pushes" not in help_text
    assert "No reminders yet." in pushgui(data_dir, "list").stdout
