"""The server's side of editing, in process on a real PostgreSQL database: what
``ChangeApplier`` does with pushes saved around the moment a server becomes active."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from pushgui.app import open_runtime
from pushgui.core.runs import jobs
from pushgui.core.schedule.spec import OnceSpec
from pushgui.core.server.changes import ChangeApplier
from pushgui.core.server.editing import EditorPushService, open_editor_database
from pushgui.core.store.server import open_server_database
from pushgui.core.system.paths import locate
from tests.helpers import ZONE, once_in, wall


@pytest.fixture
def server(qapp, pg_url, tmp_path):
    runtime = open_runtime(
        locate(tmp_path / "server"), server=open_server_database(pg_url, tmp_path / "server")
    )
    runtime.begin()
    editor_db = open_editor_database(pg_url, tmp_path / "desktop")
    yield runtime, EditorPushService(editor_db)
    editor_db.close()
    runtime.stop()


def schedule_jobs(runtime, push_id: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    with runtime.db.engine.connect() as connection:
        return jobs.next_runs(connection, [push_id])


def test_a_push_saved_between_reconcile_and_listening_gets_its_job_once(server, caplog):
    runtime, editor = server
    tomorrow = wall(datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    push_id = editor.create(replace(once_in(0, "Stand-up"), trigger=OnceSpec(tomorrow, ZONE)))
    assert schedule_jobs(runtime, push_id) == {}  # reconcile ran before it was saved

    applier = ChangeApplier(runtime.service)
    applier.prime()
    assert list(schedule_jobs(runtime, push_id)) == [jobs.schedule_id(push_id)]

    # Its notice, heard afterwards, changes nothing and fails nothing.
    with caplog.at_level(logging.ERROR):
        applier.apply([push_id])
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert list(schedule_jobs(runtime, push_id)) == [jobs.schedule_id(push_id)]


def test_a_notice_for_a_push_reconcile_already_scheduled_adds_no_second_job(server, caplog):
    runtime, editor = server
    applier = ChangeApplier(runtime.service)
    applier.prime()
    tomorrow = wall(datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    push_id = editor.create(replace(once_in(0, "Retro"), trigger=OnceSpec(tomorrow, ZONE)))
    runtime.service.reconcile()  # as when the push was saved just before reconcile
    with caplog.at_level(logging.ERROR):
        applier.apply([push_id])
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert list(schedule_jobs(runtime, push_id)) == [jobs.schedule_id(push_id)]
