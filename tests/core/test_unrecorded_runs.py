"""A run due while another process holds the database lock past the busy timeout is not
lost: it is recorded (and sent) once the lock is gone, or recorded as missed with the
reason when the push's missed-run policy says so."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from pushgui.core.delivery.engine import DeliveryEngine
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import PushOptions, Target
from pushgui.core.runs.runner import run_push
from pushgui.core.store.models import Run
from pushgui.core.system.secrets import KeyringSecrets
from tests.helpers import small_tmpfs, weekdays_at_nine

WAIT = 120.0  # bounds a hang only

LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")  # holds the write lock until this process ends
print("LOCKED", flush=True)
sys.stdin.read()
"""


def wait_for(predicate, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
def test_a_run_due_while_another_process_holds_the_lock_is_recorded_once_it_is_gone(
    database, scheduler, desktop, caplog
):
    service = PushService(database, scheduler)
    sent_late = service.create(
        replace(
            weekdays_at_nine("Sent late"),
            targets=(Target(),),
            options=PushOptions(missed="all"),
        )
    )
    skipped = service.create(
        replace(
            weekdays_at_nine("Skipped when late"),
            targets=(Target(),),
            options=PushOptions(missed="skip"),
        )
    )
    engine = DeliveryEngine(database, KeyringSecrets(), None, desktop=desktop)
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(database.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    results: dict[str, str] = {}
    threads = []
    try:
        assert locker.stdout.readline().strip() == "LOCKED"
        now = datetime.now(UTC)

        def run(name, push_id, due):
            ctx = replace(scheduler.job_context, engine=engine).at(due)
            results[name] = run_push(push_id, context=ctx)

        for name, push_id, due in (
            ("sent", sent_late, now),
            # Due 55 s ago: by the time the store is back it is more than a minute late.
            ("skipped", skipped, now - timedelta(seconds=55)),
        ):
            thread = threading.Thread(target=run, args=(name, push_id, due), daemon=True)
            thread.start()
            threads.append(thread)
        # Both were refused by the store at least once (after its 10 s busy timeout).
        assert wait_for(lambda: caplog.text.count("could not record its run") >= 2)
    finally:
        locker.stdin.close()
        locker.wait(timeout=10)
    for thread in threads:
        thread.join(WAIT)
    try:
        assert results == {"sent": "running", "skipped": "skipped"}
        assert wait_for(lambda: len(desktop.shown) == 1)
        with database.session() as session:
            runs = {r.push_id: (r.status, r.error) for r in session.execute(select(Run)).scalars()}
        assert wait_for(lambda: _status(database, sent_late) == "ok")
        status, error = runs[skipped]
        assert status == "skipped"
        assert "could not be written" in error and "locked" in error
    finally:
        engine.shutdown()


def _status(database, push_id):
    with database.session() as session:
        return session.execute(select(Run.status).where(Run.push_id == push_id)).scalar()


@pytest.fixture
def small_disk(tmp_path):
    """A real 4 MB tmpfs (mounting needs root; skipped with the reason otherwise)."""
    with small_tmpfs(tmp_path / "small", "4m") as mount:
        yield mount


@pytest.mark.slow
def test_a_run_due_while_the_disk_is_full_is_recorded_once_there_is_room(
    small_disk, desktop, caplog, monkeypatch
):
    """Issue 12 item 3, the other half: the disk that holds the data folder is full when a
    run is due. It is retried, and recorded (and shown) once room is made."""
    from pushgui.core.pushes.spec import Message
    from pushgui.core.store.db import open_database
    from tests.core.conftest import make_scheduler

    data_dir = small_disk / "data"
    database = open_database(data_dir)
    scheduler = make_scheduler(database, desktop=desktop)
    scheduler.start(paused=True)
    service = PushService(database, scheduler)
    # A message larger than what the write-ahead log already holds: recording it needs
    # new pages, and there is no room for them.
    push_id = service.create(
        replace(
            weekdays_at_nine("Big reminder"),
            message=Message("Big reminder", "x" * 90_000),
            targets=(Target(),),
            options=PushOptions(missed="all"),
        )
    )
    engine = DeliveryEngine(database, KeyringSecrets(), None, desktop=desktop)
    filler = small_disk / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while handle.write(b"\0" * 65536):
                pass
        except OSError:
            pass  # the disk is full
    results: dict[str, str] = {}

    def run():
        ctx = replace(scheduler.job_context, engine=engine).at(datetime.now(UTC))
        results["run"] = run_push(push_id, context=ctx)

    thread = threading.Thread(target=run, daemon=True)
    try:
        thread.start()
        assert wait_for(lambda: "could not record its run" in caplog.text)
        assert "full" in caplog.text
        filler.unlink()  # room again: the next try records the run
        thread.join(WAIT)
        assert results == {"run": "running"}
        assert wait_for(lambda: len(desktop.shown) == 1)
        assert wait_for(lambda: _status(database, push_id) == "ok")
    finally:
        filler.unlink(missing_ok=True)
        thread.join(WAIT)
        engine.shutdown()
        scheduler.shutdown(wait=False)
        database.close()
