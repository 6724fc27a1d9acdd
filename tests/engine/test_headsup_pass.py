"""A scheduler pass that starts many pushes re-arms their heads-ups with one read of the
pushes that ask for one, when the pass ends: a read per started push made a burst of runs
wait behind the heads-up bookkeeping in the scheduler's thread (docs/BENCHMARKS.md,
"Burst")."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import DingTalkConfig
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Target
from pushgui.core.runs import headsup
from pushgui.core.runs.executor import PushExecutor
from pushgui.core.runs.jobs import JobContext, headsup_id
from pushgui.core.store.db import Database, open_database
from pushgui.core.store.jobstore import PushJobStore
from pushgui.core.system.secrets import KeyringSecrets
from pushgui.engine.scheduler import PushScheduler
from tests.helpers import every_minutes
from tests.servers import DINGTALK_SECRET, DINGTALK_TOKEN, FakeBotServer

HANG_MS = 60_000  # bounds a hang only


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path)
    yield database
    database.close()


def test_one_pass_rearms_every_started_push_with_one_read(
    qapp, qtbot, database: Database, fake: FakeBotServer
) -> None:
    room = ChannelBook(database, KeyringSecrets()).save(
        "Room",
        DingTalkConfig(
            access_token=DINGTALK_TOKEN, secret=DINGTALK_SECRET, api_url=fake.url + "/robot/send"
        ),
    )
    executor = PushExecutor(2)
    scheduler = PushScheduler(
        jobstores={"default": PushJobStore(database.engine)},
        executors={"default": executor},
        timezone=UTC,
    )
    # As the composition root wires them: the job context, and the heads-up listener.
    executor.context = JobContext(database, KeyringSecrets(), scheduler)
    headsup.install(scheduler, database)
    scheduler.start(paused=True)
    try:
        service = PushService(database, scheduler)
        start = datetime.now(UTC) - timedelta(minutes=10)

        def push(name: str, minutes: int) -> int:
            spec = every_minutes(30, start, name)
            options = replace(spec.options, heads_up_minutes=minutes)
            return service.create(
                replace(spec, targets=(Target("dingtalk", room),), options=options)
            )

        wanting = [push(f"Heads-up {n}", 5) for n in range(6)]
        plain = [push(f"Plain {n}", 0) for n in range(3)]
        # Its stored text names the option (in its name), yet it asks for no heads-up.
        plain.append(push('Says "heads_up_minutes" in its name', 0))
        now = datetime.now(UTC)
        for push_id in wanting + plain:
            scheduler.modify_job(str(push_id), next_run_time=now)

        owner = threading.current_thread()
        reads: list[str] = []

        def on_execute(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            if threading.current_thread() is owner and "FROM pushes" in statement:
                reads.append(statement)

        event.listen(database.engine, "before_cursor_execute", on_execute)
        passes: list[int] = []
        scheduler.add_pass_listener(passes.append)
        scheduler.resume()
        qtbot.waitUntil(lambda: sum(passes) >= 10, timeout=HANG_MS)
        event.remove(database.engine, "before_cursor_execute", on_execute)

        assert len(reads) == 1, reads
        # The database passes over the pushes whose stored text does not name a heads-up:
        # after a burst, only the few that do are read and built.
        assert "LIKE" in reads[0], reads[0]
        for push_id in wanting:
            following = scheduler.get_job(str(push_id)).next_run_time
            assert following > now + timedelta(minutes=5)
            heads_up = scheduler.get_job(headsup_id(push_id))
            assert heads_up is not None
            assert heads_up.next_run_time == following - timedelta(minutes=5)
        for push_id in plain:
            assert scheduler.get_job(headsup_id(push_id)) is None
    finally:
        scheduler.shutdown(wait=True)
