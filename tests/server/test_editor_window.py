"""The window as an editor of a team server, through its real widgets, on a real PostgreSQL
server that the test stops and starts again (docs/TEAM.md, "Desktop editors").

It shows what others commit as it is committed (a push another editor saved, a run the
server recorded), says in a banner when the server cannot be reached, refuses a save then
with the editor kept open and the reason in plain words, and clears the banner and reads
everything again by itself once the server is back.
"""

from __future__ import annotations

import contextlib
import subprocess
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from pushgui.core.server.connection import TeamServer, remember, remembered
from pushgui.core.server.editing import EditorPushService, open_editor_database
from pushgui.core.store.server import open_server_database
from pushgui.core.system.paths import locate
from pushgui.editor_app import build_editor_shell, open_editor_runtime
from tests.helpers import weekdays_at_nine
from tests.pg import HANG_S, PostgresServer, find_bindir

WAIT_MS = 60_000  # bounds a hang only


class StoppablePostgres(PostgresServer):
    """A server of its own, so that stopping it disturbs no other test."""

    def halt(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                  "-t", str(HANG_S), "start")  # fmt: skip
        self._wait_ready()


@pytest.fixture
def own_pg():
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found")
    server = StoppablePostgres(bindir)
    server.start()
    try:
        yield server
    finally:
        with contextlib.suppress(RuntimeError, subprocess.SubprocessError):
            server.stop()


@pytest.fixture
def editor(qtbot, own_pg, data_dir, tmp_path):
    url = own_pg.create_database()
    open_server_database(url, tmp_path / "server").close()  # a server made the tables
    locations = locate(data_dir)
    remember(data_dir, TeamServer.parse(url))
    runtime = open_editor_runtime(locations, TeamServer.parse(url))
    restarts: list[bool] = []
    shell, team = build_editor_shell(
        runtime, locations, lambda: restarts.append(True), tray_available=False
    )
    qtbot.addWidget(shell.window)
    runtime.listener.start()
    shell.window.show()
    qtbot.waitExposed(shell.window)
    yield runtime, shell, team, url, restarts
    runtime.stop()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_window_follows_the_server_and_says_when_it_is_unreachable(qtbot, editor, own_pg):
    runtime, shell, team, url, restarts = editor
    window = shell.window
    assert not team.banner.isVisible()
    assert not window.run_now_action.isVisible()  # the server sends; this computer does not

    # Another editor saves a push: it appears here as it is committed.
    other_db = open_editor_database(url, runtime.local.path.parent / "other")
    other = EditorPushService(other_db)
    push_id = other.create(weekdays_at_nine("Stand-up"))
    qtbot.waitUntil(lambda: window.model.index_of(push_id).isValid(), timeout=WAIT_MS)
    # The server records a run of it and its delivery: the list's last result and the open
    # History window show them.
    history = shell.show_history()
    assert history.model.rowCount() == 0
    with other_db.engine.begin() as connection:
        run_id = connection.execute(
            text(
                "INSERT INTO runs (push_id, reason, scheduled_at, started_at, status, error) "
                "VALUES (:push, 'schedule', :at, :at, 'failed', 'boom') RETURNING id"
            ),
            {"push": push_id, "at": datetime.now(UTC).replace(tzinfo=None)},
        ).scalar_one()
        connection.execute(
            text(
                "INSERT INTO deliveries (run_id, channel, recipient, status, error, attempts, "
                "queued_at) VALUES (:run, 'desktop', 'me', 'failed', 'boom', 1, :at)"
            ),
            {"run": run_id, "at": datetime.now(UTC).replace(tzinfo=None)},
        )
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: window.model.row_at(window.model.index_of(push_id).row()).last_status == "failed",
        timeout=WAIT_MS,
    )
    other_db.close()

    # An editor is open when the server stops: the banner says so, with the time, and
    # nothing new can be started meanwhile.
    dialog = window.new_push()
    qtbot.keyClicks(dialog.name_edit, "Retro")
    qtbot.keyClicks(dialog.title_edit, "Retro at four")
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT_MS)
    own_pg.halt()
    qtbot.waitUntil(team.banner.isVisible, timeout=WAIT_MS)
    assert "unreachable since" in team.banner.text()
    assert "stays open" in team.banner.text()
    assert not window.new_action.isEnabled() and not window.edit_action.isEnabled()
    assert not window.history_action.isEnabled()

    # Its save is refused in plain words, with the editor and what was typed kept.
    dialog.save_button.click()
    qtbot.waitUntil(dialog.other_error.isVisible, timeout=WAIT_MS)
    assert "cannot be reached" in dialog.other_error.text()
    assert "Traceback" not in dialog.other_error.text()
    assert dialog.isVisible() and dialog.name_edit.text() == "Retro"

    # Back: the banner goes by itself, and the same editor saves.
    own_pg.resume()
    qtbot.waitUntil(lambda: not team.banner.isVisible(), timeout=WAIT_MS)
    assert window.new_action.isEnabled() and window.history_action.isEnabled()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    names = {row.name for row in runtime.service.rows()}
    assert names == {"Stand-up", "Retro"}

    # File > Disconnect: back to this computer's own reminders at the (immediate) restart.
    assert team.disconnect_action.isVisible()
    team.disconnect_action.trigger()
    assert restarts == [True]
    assert remembered(runtime.local.path.parent) is None


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_window_says_which_server_is_active_and_when_none_is(qtbot, editor):
    """Issue 17: "The state (active/standby, since when) is visible … in the window"."""
    from sqlalchemy.engine import make_url

    from pushgui.core.server.active import SchedulerLock, record_active

    runtime, shell, team, url, _restarts = editor
    label = team.state_label
    assert "No team server is active" in label.text()  # none has started: nothing is sent
    # A push saved meanwhile shows the time its rule gives, not "no more runs".
    push_id = runtime.service.create(weekdays_at_nine("Stand-up"))
    [row] = runtime.service.rows([push_id])
    assert row.enabled and row.next_run is not None and row.next_run > datetime.now(UTC)
    qtbot.waitUntil(lambda: shell.window.model.index_of(push_id).isValid(), timeout=WAIT_MS)

    lock = SchedulerLock(make_url(url), name="srv-a:77")
    try:
        assert lock.try_acquire()
        assert lock.since is not None
        record_active(runtime.db, lock.name, lock.since)
        team.refresh_state()  # what the window's timer does every 15 s
        local = lock.since.astimezone().strftime("%H:%M")
        assert label.text() == f"Sent by the team server srv-a:77, active since {local}"
        assert label.isVisible()
    finally:
        lock.close()
    team.refresh_state()
    assert "No team server is active" in label.text()  # it stopped: said at the next look
