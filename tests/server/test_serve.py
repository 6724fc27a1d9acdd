"""``pushgui serve`` and ``pushgui status`` as real processes on a real PostgreSQL server."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import psycopg
import pytest

from tests.server.test_failover import ACTIVE, HANG, READY, STANDBY, start_server, wait_for

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")

LOST = re.compile(rb"Lost the scheduler lock")
EXIT_LOST_LOCK = 7  # pushgui.serve.EXIT_LOST_LOCK


def pushgui(data_dir, *args, env=None):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "pushgui", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=HANG,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {})),
    )


@pytest.mark.slow
def test_status_shows_the_active_server_and_the_standby_and_fails_when_none_is_active(
    pg_url, tmp_path
):
    first_log, second_log = tmp_path / "a.log", tmp_path / "b.log"
    first = start_server(tmp_path / "a", first_log, pg_url)
    second = None
    try:
        wait_for(READY, first_log, first)
        second = start_server(tmp_path / "b", second_log, pg_url)
        wait_for(STANDBY, second_log, second)

        shown = pushgui(tmp_path / "c", "status", "--database", pg_url)
        assert shown.returncode == 0, shown.stderr
        lines = shown.stdout.splitlines()
        assert re.fullmatch(rf"active\s+\S+:{first.pid}  since \d{{4}}-\d\d-\d\d .+", lines[1])
        assert re.fullmatch(rf"standby\s+\S+:{second.pid}  since \d{{4}}-\d\d-\d\d .+", lines[2])

        for process in (first, second):
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=HANG) == 0
        # The environment variable names the database as well as --database does.
        none = pushgui(tmp_path / "c", "status", env={"PUSHGUI_DATABASE": pg_url})
        assert none.returncode == 1
        assert "No server is active" in none.stdout
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=HANG)


@pytest.mark.slow
def test_an_active_server_that_loses_its_connection_stops_and_the_standby_takes_over(
    pg_url, tmp_path
):
    first_log, second_log = tmp_path / "a.log", tmp_path / "b.log"
    first = start_server(tmp_path / "a", first_log, pg_url)
    second = None
    try:
        wait_for(READY, first_log, first)
        second = start_server(tmp_path / "b", second_log, pg_url)
        wait_for(STANDBY, second_log, second)

        # The database server ends the active one's lock connection (as a network cut or an
        # administrator would): it must stop scheduling, and the standby take over.
        with psycopg.connect(pg_url, autocommit=True) as admin:
            ended = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name LIKE 'pushgui active %'"
            ).fetchall()
        assert ended == [(True,)]
        assert first.wait(timeout=HANG) == EXIT_LOST_LOCK, first_log.read_text()
        assert LOST.search(first_log.read_bytes())
        wait_for(ACTIVE, second_log, second)
        wait_for(READY, second_log, second)
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=HANG) == 0
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=HANG)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("serve",), 2, "give the team database with --database"),
        (("status",), 2, "give the team database with --database"),
        (("serve", "--database", "sqlite:///x.sqlite3"), 4, "PostgreSQL only"),
        (("status", "--database", "not an address"), 4, "not a database address"),
    ],
    ids=["serve-without-address", "status-without-address", "sqlite-address", "not-an-address"],
)
def test_serve_and_status_refuse_a_missing_or_wrong_address_clearly(
    args, code, words, tmp_path, monkeypatch
):
    monkeypatch.delenv("PUSHGUI_DATABASE", raising=False)
    result = pushgui(tmp_path, *args)
    assert result.returncode == code
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_status_of_a_database_no_server_has_started_on_says_so_and_changes_nothing(
    pg_url, tmp_path
):
    result = pushgui(tmp_path, "status", "--database", pg_url)
    assert result.returncode == 1, result.stderr
    assert "No server is active" in result.stdout
    with psycopg.connect(pg_url) as connection:
        tables = connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == (0,)  # a monitor's status never creates or migrates the schema


def test_status_of_an_unreachable_server_is_a_clear_error(dead_port, tmp_path):
    result = pushgui(tmp_path, "status", "--database", f"postgresql://u@127.0.0.1:{dead_port}/x")
    assert result.returncode == 4
    assert "Cannot use the database postgresql://u@127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_stopped_active_server_hands_over_to_the_standby(pg_url, tmp_path):
    first_log, second_log = tmp_path / "a.log", tmp_path / "b.log"
    first = start_server(tmp_path / "a", first_log, pg_url)
    second = None
    try:
        wait_for(READY, first_log, first)
        second = start_server(tmp_path / "b", second_log, pg_url)
        wait_for(STANDBY, second_log, second)
        assert not ACTIVE.search(second_log.read_bytes())

        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=HANG) == 0, first_log.read_text()
        wait_for(ACTIVE, second_log, second)
        wait_for(READY, second_log, second)
        shown = pushgui(tmp_path / "c", "status", "--database", pg_url)
        assert shown.returncode == 0
        assert re.match(rf"active\s+\S+:{second.pid}  since ", shown.stdout.splitlines()[1])
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=HANG) == 0
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=HANG)
