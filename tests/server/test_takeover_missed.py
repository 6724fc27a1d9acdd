"""Due times that fell while no server was active follow each push's missed-run setting
when a server takes over, exactly as after a restart of the desktop (tests/core/test_missed.py)."""

from __future__ import annotations

import os
import signal

import pytest
from sqlalchemy import select

from pushgui.core.pushes.service import PushService
from pushgui.core.store.models import Run
from pushgui.core.store.server import open_server_database
from tests.core.conftest import make_scheduler
from tests.core.test_missed import closed_for_three_hours
from tests.server.test_failover import HANG, READY, start_server, wait_for, wait_until

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")


def runs(db, push_id):  # type: ignore[no-untyped-def]
    with db.session() as session:
        rows = session.execute(select(Run).where(Run.push_id == push_id).order_by(Run.scheduled_at))
        return [(r.status, r.reason) for r in rows.scalars()]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("all", [("ok", "schedule")] * 4),
        ("skip", [("skipped", "missed")] * 4),
        ("once", [("skipped", "missed")] * 3 + [("ok", "schedule")]),
    ],
)
def test_runs_due_while_no_server_was_active_follow_the_push_setting_at_takeover(
    pg_url, tmp_path, policy, expected
):
    # The last active server stopped three hours and a half ago and no standby was running.
    db = open_server_database(pg_url, tmp_path / "before")
    scheduler = make_scheduler(db)
    scheduler.start(paused=True)
    push_id = closed_for_three_hours(PushService(db, scheduler), scheduler, policy)
    scheduler.shutdown(wait=False)

    log = tmp_path / "serve.log"
    server = start_server(tmp_path / "server", log, pg_url)
    try:
        wait_for(READY, log, server)
        wait_until(
            lambda: (
                len(found := runs(db, push_id)) == 4
                and all(status != "running" for status, _ in found)
            ),
            "the four missed due times settled",
        )
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=HANG) == 0, log.read_text()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=HANG)
    assert runs(db, push_id) == expected
    db.close()
