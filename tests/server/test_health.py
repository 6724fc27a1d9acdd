"""What a monitor polls: ``pushgui health`` and ``pushgui serve --health-port``, against real
``pushgui serve`` processes on a real PostgreSQL server (docs/TEAM.md, "Monitoring")."""

from __future__ import annotations

import json
import os
import re
import signal
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pushgui.core.server.active import SchedulerLock
from pushgui.core.server.health import CRITICAL, OK, WARNING, read_health
from pushgui.core.store.server import open_server_database
from tests.server.test_failover import ACTIVE, HANG, READY, STANDBY, start_server, wait_for
from tests.server.test_serve import pushgui

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")

HEALTH = re.compile(rb"pushgui: health on http://127\.0\.0\.1:(\d+)/health")


def get(port: int) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=HANG) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def port_of(log: Path, process) -> int:  # type: ignore[no-untyped-def]
    found = HEALTH.search(wait_for(HEALTH, log, process))
    assert found is not None
    return int(found[1])


@pytest.mark.slow
def test_health_endpoint_and_command_follow_the_active_server_and_the_standby(pg_url, tmp_path):
    first_log, second_log = tmp_path / "a.log", tmp_path / "b.log"
    first = start_server(tmp_path / "a", first_log, pg_url, "--health-port", "0")
    second = None
    try:
        wait_for(READY, first_log, first)
        first_port = port_of(first_log, first)
        second = start_server(tmp_path / "b", second_log, pg_url, "--health-port", "0")
        wait_for(STANDBY, second_log, second)
        second_port = port_of(second_log, second)

        status, body = get(first_port)
        assert status == 200, body
        assert body["role"] == "active" and body["status"] == "ok"
        assert str(body["active"]).endswith(f":{first.pid}")
        assert body["standbys"] == 1 and body["oldest_due_lag_s"] == 0
        status, body = get(second_port)
        assert status == 200, body
        assert body["role"] == "standby" and str(body["active"]).endswith(f":{first.pid}")

        checked = pushgui(tmp_path / "c", "health", "--database", pg_url)
        assert checked.returncode == OK, checked.stdout + checked.stderr
        [line] = checked.stdout.splitlines()
        assert re.fullmatch(
            rf"OK: active \S+:{first.pid} since \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ; 1 standby; "
            r"last run never; oldest due run 0 s late",
            line,
        ), line

        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=HANG) == 0, first_log.read_text()
        wait_for(ACTIVE, second_log, second)
        wait_for(READY, second_log, second)
        status, body = get(second_port)
        assert status == 200 and body["role"] == "active", body
        assert str(body["active"]).endswith(f":{second.pid}") and body["standbys"] == 0

        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=HANG) == 0
        none = pushgui(tmp_path / "c", "health", "--database", pg_url)
        assert none.returncode == CRITICAL
        assert none.stdout.startswith("CRITICAL: no server is active; 0 standby")
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=HANG)


def test_a_due_run_late_beyond_the_limit_is_a_warning(pg_url, tmp_path):
    """The active server holds the lock but has not started a run due 300 s ago."""
    db = open_server_database(pg_url, tmp_path)
    lock = SchedulerLock(db.url, name="monitor-test:1")
    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO apscheduler_jobs (id, next_run_time, job_state) VALUES (%(id)s, "
                "%(at)s, %(state)s)",
                {"id": "late", "at": (now - timedelta(seconds=300)).timestamp(), "state": b"x"},
            )
        assert read_health(db, now).code == CRITICAL  # nobody holds the lock yet
        assert lock.try_acquire()
        found = read_health(db, now, late_after_s=120)
        assert found.code == WARNING
        assert found.oldest_due_lag_s == 300
        assert found.line().startswith("WARNING: active monitor-test:1 since ")
        assert found.line().endswith("oldest due run 300 s late; a due run is more than 120 s late")
        assert read_health(db, now, late_after_s=600).code == OK
        # The command reads the same: the job is older than 120 s by the real clock too.
        warned = pushgui(tmp_path / "c", "health", "--database", pg_url)
        assert warned.returncode == WARNING, warned.stdout + warned.stderr
        assert warned.stdout.startswith("WARNING: active monitor-test:1")
    finally:
        lock.close()
        db.close()


def test_health_of_an_unreachable_database_is_critical_in_one_line(dead_port, tmp_path):
    result = pushgui(tmp_path, "health", "--database", f"postgresql://u@127.0.0.1:{dead_port}/x")
    assert result.returncode == CRITICAL
    [line] = result.stdout.splitlines()
    assert line.startswith("CRITICAL: Cannot use the database postgresql://u@127.0.0.1")
    assert "Traceback" not in result.stderr


def test_bad_health_options_are_clear_errors(tmp_path):
    for args, words in (
        (("serve", "--health-port", "70000"), "70000 is not a port number"),
        (("serve", "--health-port", "web"), "'web' is not a port number"),
        (("health", "--late", "-5"), "give a number of seconds above 0"),
    ):
        result = pushgui(tmp_path, *args, "--database", "postgresql://u@127.0.0.1/x")
        assert result.returncode == 2
        assert words in result.stderr
        assert "Traceback" not in result.stderr


def test_serve_refuses_a_health_port_in_use(pg_url, tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = pushgui(tmp_path, "serve", "--database", pg_url, "--health-port", str(port))
    assert result.returncode == 2
    assert f"cannot serve the health endpoint on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
