"""Desktop apps as editors of a team server (docs/TEAM.md, "Desktop editors").

A push saved through the editors' layer (``EditorPushService``, what the window uses when it
is connected) is scheduled and sent by a real ``pushgui serve`` process, which hears the
change through LISTEN/NOTIFY; an edit of its time moves the server's next run. The waits
end as soon as the condition holds; the time it takes is measured in
bench/editor_latency.py (docs/BENCHMARKS.md), never asserted here.
"""

from __future__ import annotations

import json
import os
import signal
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import WebhookConfig
from pushgui.core.pushes.spec import Target
from pushgui.core.schedule.spec import OnceSpec
from pushgui.core.server.credentials import CredentialsFile
from pushgui.core.server.editing import EditorPushService, ServerOnlyError, open_editor_database
from pushgui.core.store.models import Run
from pushgui.core.store.server import open_server_database
from tests.helpers import ZONE, once_in, wall
from tests.server.test_failover import HANG, READY, start_server, wait_for, wait_until
from tests.servers import FakeBotServer, Reply

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")


CREDENTIALS = "credentials.json"  # the server's own secret store (docs/TEAM.md)


def credentials(server_dir) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return ("--credentials", str(server_dir / CREDENTIALS))


def team_database(pg_url: str, server_dir, hook_url: str) -> int:  # type: ignore[no-untyped-def]
    """The team's database, migrated by the server's side, with a webhook channel."""
    server_dir.mkdir()
    db = open_server_database(pg_url, server_dir)
    try:
        return ChannelBook(db, CredentialsFile(server_dir / CREDENTIALS)).save(
            "Team hook", WebhookConfig(url=hook_url)
        )
    finally:
        db.close()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_push_saved_by_an_editor_is_scheduled_moved_and_sent_by_the_server(pg_url, tmp_path):
    hook = FakeBotServer()
    hook.route("/hook", lambda request: Reply(200, "ok"))
    hook.start()
    server_dir = tmp_path / "server"
    channel = team_database(pg_url, server_dir, f"{hook.url}/hook")
    log = tmp_path / "serve.log"
    server = start_server(server_dir, log, pg_url, *credentials(server_dir))
    editor_db = open_editor_database(pg_url, tmp_path / "desktop")
    try:
        wait_for(READY, log, server)
        editor = EditorPushService(editor_db)

        # Created in the editor, far ahead: the server gives it its job.
        later = wall(datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
        spec = replace(
            once_in(0, "Stand-up"),
            trigger=OnceSpec(later, ZONE),
            targets=(Target("webhook", channel),),
        )
        push_id = editor.create(spec)

        def next_run() -> datetime | None:
            rows = editor.rows([push_id])
            return rows[0].next_run if rows else None

        first = later.replace(tzinfo=ZoneInfo(ZONE))
        wait_until(lambda: next_run() == first, "the server to schedule the new push")

        # Its time edited in the editor: the server reschedules it (the window reads the
        # server's next run), then sends it at that time.
        soon = once_in(15).trigger
        assert isinstance(soon, OnceSpec)
        editor.update(push_id, replace(spec, trigger=soon))
        due = soon.at.replace(tzinfo=ZoneInfo(ZONE))
        wait_until(lambda: next_run() == due, "the server to move the push to its new time")
        wait_until(lambda: len(hook.requests) == 1, "the server to send the push")
        sent = json.loads(hook.requests[0].body)
        assert sent["title"] == "Title Stand-up"
        with editor_db.session() as session:
            run = session.execute(select(Run).where(Run.push_id == push_id)).scalar_one()
        assert run.scheduled_at.replace(tzinfo=UTC) == due.astimezone(UTC)
        assert run.started_at.replace(tzinfo=UTC) >= due.astimezone(UTC)  # not early

        # Deleted in the editor: the server drops its jobs too.
        other = editor.create(replace(spec, name="Retro"))
        wait_until(lambda: editor.rows([other])[0].next_run is not None, "the second job")
        editor.delete(other)
        with editor_db.engine.connect() as connection:
            from pushgui.core.runs import jobs

            wait_until(
                lambda: not jobs.next_runs(connection, [other]), "the server to drop the job"
            )

        # What only a scheduler does is refused in plain words, not done half.
        with pytest.raises(ServerOnlyError, match="team server"):
            editor.run_now(push_id)
    finally:
        editor_db.close()
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=HANG) == 0, log.read_text()
        hook.stop()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_an_edit_saved_while_no_server_listens_is_applied_by_the_next_one(pg_url, tmp_path):
    server_dir = tmp_path / "server"
    channel = team_database(pg_url, server_dir, "http://127.0.0.1:9/hook")
    editor_db = open_editor_database(pg_url, tmp_path / "desktop")
    editor = EditorPushService(editor_db)
    tomorrow = wall(datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    spec = replace(
        once_in(0, "Stand-up"),
        trigger=OnceSpec(tomorrow, ZONE),
        targets=(Target("webhook", channel),),
    )
    push_id = editor.create(spec)

    def next_run() -> datetime | None:
        rows = editor.rows([push_id])
        return rows[0].next_run if rows else None

    log = tmp_path / "serve.log"
    try:
        first = start_server(server_dir, log, pg_url, *credentials(server_dir))
        wait_for(READY, log, first)
        wait_until(lambda: next_run() == tomorrow.replace(tzinfo=ZoneInfo(ZONE)), "the job")
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=HANG) == 0

        # Edited while no server runs (as in a takeover's gap): nobody hears the notice.
        later = tomorrow + timedelta(hours=2)
        editor.update(push_id, replace(spec, trigger=OnceSpec(later, ZONE)))
        assert next_run() == tomorrow.replace(tzinfo=ZoneInfo(ZONE))

        second = start_server(server_dir, tmp_path / "second.log", pg_url, *credentials(server_dir))
        wait_for(READY, tmp_path / "second.log", second)
        wait_until(
            lambda: next_run() == later.replace(tzinfo=ZoneInfo(ZONE)),
            "the next server to apply the edit it did not hear",
        )
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=HANG) == 0
    finally:
        editor_db.close()
