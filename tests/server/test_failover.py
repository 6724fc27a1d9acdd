"""Failover with real processes: two ``pushgui serve`` on one PostgreSQL database, SIGKILL
the active one; the standby takes over and every due time is sent exactly once.

Due every 10 s: pushgui's shortest interval is a minute, so six pushes every minute, 10 s
apart, make one due time every 10 s (each message names its push and due minute).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import tests.helpers as waits
from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import WebhookConfig
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, Target
from pushgui.core.server.credentials import CredentialsFile
from pushgui.core.store.server import open_server_database
from tests.helpers import ZONE, every_minutes
from tests.servers import FakeBotServer, Reply

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")

HANG = 120.0  # bounds a hang only
PUSHES = 6  # one every minute each, 10 s apart: a due time every 10 s
STEP = timedelta(seconds=10)
WINDOW = timedelta(minutes=2)  # the observation window
ACTIVE = re.compile(rb"pushgui: active as \S+ on \S+ since (\S+)")
READY = re.compile(rb"pushgui: ready \(\d+ runs due at start were started\)")
STANDBY = re.compile(rb"pushgui: standby as ")


def start_server(data_dir: Path, log: Path, address: str, *options: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PUSHGUI_DATABASE=address)
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "pushgui", "--data-dir", str(data_dir), "serve", *options],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )


def wait_for(pattern: re.Pattern[bytes], log: Path, process: subprocess.Popen[bytes]) -> bytes:
    """The first match of ``pattern`` in the child's log; fails if the child exits first."""
    deadline = time.monotonic() + HANG
    while time.monotonic() < deadline:
        found = pattern.search(log.read_bytes()) if log.exists() else None
        if found:
            return found[0]
        if process.poll() is not None:
            raise AssertionError(f"serve exited with {process.returncode}: {log.read_text()}")
        time.sleep(0.05)
    raise AssertionError(f"no {pattern.pattern!r} after {HANG} s: {log.read_text()}")


def wait_until(predicate, what: str) -> None:  # type: ignore[no-untyped-def]
    waits.wait_until(predicate, what, HANG + WINDOW.total_seconds())


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_sigkill_of_the_active_server_the_standby_takes_over_and_sends_each_due_time_once(
    pg_url, tmp_path
):
    hook = FakeBotServer()
    hook.route("/hook", lambda request: Reply(200, "ok"))
    hook.start()
    first_dir, second_dir = tmp_path / "server-a", tmp_path / "server-b"
    first_dir.mkdir()
    second_dir.mkdir()

    # The team's database: a webhook channel and six pushes every minute, 10 s apart.
    db = open_server_database(pg_url, first_dir)
    first_credentials = first_dir / "credentials.json"
    channel = ChannelBook(db, CredentialsFile(first_credentials)).save(
        "Team hook", WebhookConfig(url=f"{hook.url}/hook")
    )
    minute = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
    offsets = {f"tick {k}": k * STEP for k in range(PUSHES)}
    PushService(db).save_new(
        [
            replace(
                every_minutes(1, minute + offset, name),
                message=Message(name, "${date} ${time}"),  # the due minute, in the push's zone
                targets=(Target("webhook", channel),),
            )
            for name, offset in offsets.items()
        ]
    )
    db.close()
    # Each server keeps the team's secrets in its own store (docs/TEAM.md).
    second_credentials = second_dir / "credentials.json"
    second_credentials.write_bytes(first_credentials.read_bytes())
    second_credentials.chmod(0o600)

    def due_times() -> list[datetime]:
        """Each message's due time, from the push it names and the due minute it carries."""
        times = []
        for request in list(hook.requests):
            sent = json.loads(request.body)
            local = datetime.strptime(sent["body"], "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(ZONE))
            times.append(local.astimezone(UTC) + offsets[sent["title"]])
        return times

    first_log, second_log = tmp_path / "a.log", tmp_path / "b.log"
    first = start_server(first_dir, first_log, pg_url, "--credentials", str(first_credentials))
    second = None
    try:
        wait_for(ACTIVE, first_log, first)
        wait_for(READY, first_log, first)
        second = start_server(
            second_dir, second_log, pg_url, "--credentials", str(second_credentials)
        )
        wait_for(STANDBY, second_log, second)
        assert not ACTIVE.search(second_log.read_bytes())

        # The active one sends; kill it just after an answer, between two due times.
        wait_until(lambda: len(hook.requests) >= 3, "three sends from the first server")
        first.kill()
        killed_at = datetime.now(UTC)
        first.wait(timeout=HANG)

        took_over = wait_for(ACTIVE, second_log, second)
        wait_for(READY, second_log, second)
        since = datetime.fromisoformat(ACTIVE.search(took_over)[1].decode())  # type: ignore[index]
        print(f"takeover: {(since - killed_at).total_seconds():.2f} s after SIGKILL")

        # Observe for the two minutes of due times.
        wait_until(
            lambda: (times := due_times()) and max(times) - min(times) >= WINDOW,
            "two minutes of due times",
        )
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=HANG) == 0, second_log.read_text()
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=HANG)
        hook.stop()

    times = due_times()
    counts = Counter(times)
    doubles = sorted(at for at, n in counts.items() if n > 1)
    assert doubles == [], f"sent twice: {doubles}"
    expected = []
    at = min(times)
    while at <= max(times):
        expected.append(at)
        at += STEP
    missing = sorted(set(expected) - set(times))
    assert missing == [], f"never sent: {missing}; log: {second_log.read_text()}"
    assert min(times) < killed_at < max(times)
