"""The desktop app started on a remembered team server, as a real process: it opens the
team database as an editor (its listening connection shows on the server) and stops
cleanly on SIGTERM (docs/TEAM.md, "Desktop editors")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import psycopg
import pytest

from pushgui.core.server.connection import TeamServer, remember
from pushgui.core.store.server import open_server_database
from tests.helpers import wait_until

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")
HANG = 120.0  # bounds a hang only
EDITING = "pushgui: editing the team server"  # editor_app.EDITOR_READY


@pytest.mark.slow
def test_the_app_starts_as_an_editor_of_the_remembered_team_server(pg_url, tmp_path):
    open_server_database(pg_url, tmp_path / "server").close()
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    remember(data, TeamServer.parse(pg_url))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",  # no password: none kept
    )
    out = (tmp_path / "app.out").open("wb")
    app = subprocess.Popen(
        [sys.executable, "-m", "pushgui", "--data-dir", str(data)],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    log = data / "logs" / "pushgui.log"
    try:
        wait_until(
            lambda: (
                (log.exists() and EDITING in log.read_text(errors="replace"))
                or app.poll() is not None
            ),
            "the app to open the team database",
            HANG,
        )
        assert app.poll() is None, (tmp_path / "app.out").read_text(errors="replace")

        def listening() -> list[str]:
            with psycopg.connect(pg_url, autocommit=True) as admin:
                rows = admin.execute(
                    "SELECT application_name FROM pg_stat_activity WHERE datname = "
                    "current_database() AND query LIKE 'LISTEN%'"
                ).fetchall()
            return [name for (name,) in rows]

        wait_until(lambda: listening() == ["pushgui editor postgres"], "its LISTEN", HANG)
        app.send_signal(signal.SIGTERM)
        assert app.wait(HANG) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(HANG)
        out.close()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text
