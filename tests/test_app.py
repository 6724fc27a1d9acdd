"""The composition root: what a start sets up besides the scheduler."""

from __future__ import annotations

from pushgui.app import start_runtime
from pushgui.core.system.paths import locate


def test_each_start_takes_the_days_backup_once(qapp, data_dir):
    for _ in range(2):
        runtime = start_runtime(locate(data_dir))
        runtime.stop()
    daily = sorted((data_dir / "backups").glob("pushgui-*-daily.sqlite3"))
    assert len(daily) == 1
    assert daily[0].stat().st_mode & 0o077 == 0


def test_a_burst_is_recorded_ahead_of_its_due_time_and_each_push_sent_once(
    qtbot, data_dir, fake, caplog
):
    """The composition root wires the head start (core/runs/headstart.py): MIN_RUNS pushes
    due at the same second are taken up before it, and each reaches the webhook once.
    Whether the head start committed them or (on a machine too busy) left them to the
    scheduler's pass, the log says which, and nothing is sent twice. Committed ahead, they
    are sent before the scheduler's pass fires their jobs (it stands aside meanwhile, at
    most ASIDE_AT_MOST), so that the pass never competes with their sending."""
    import logging
    import time
    from dataclasses import replace

    from apscheduler.events import EVENT_JOB_SUBMITTED
    from sqlalchemy import func, select

    from pushgui.core.channels.book import ChannelBook
    from pushgui.core.channels.config import WebhookConfig
    from pushgui.core.pushes.service import PushService
    from pushgui.core.pushes.spec import Target
    from pushgui.core.runs.headstart import ASIDE_AT_MOST, MIN_RUNS
    from pushgui.core.store.db import open_database
    from pushgui.core.store.models import Delivery, Run
    from pushgui.core.store.settings import SettingsStore
    from pushgui.core.system.secrets import SECRETS_MODE_KEY, PlainFileSecrets
    from tests.helpers import once_in
    from tests.servers import Reply

    fake.route("/hook", lambda request: Reply(200, {"ok": True}))
    database = open_database(data_dir)
    SettingsStore(database).set(SECRETS_MODE_KEY, "file")
    hook = ChannelBook(database, PlainFileSecrets(data_dir)).save(
        "Hook", WebhookConfig(url=fake.url + "/hook", body_template='{"push": "${push}"}')
    )
    due = replace(once_in(5), targets=(Target("webhook", hook),))
    PushService(database).save_new([due.renamed(f"Burst {n}") for n in range(MIN_RUNS)])
    database.close()

    caplog.set_level(logging.INFO, logger="pushgui.core.runs.headstart")
    runtime = start_runtime(locate(data_dir))
    fired: list[float] = []  # when the pass fired the burst's jobs
    runtime.scheduler.add_listener(lambda event: fired.append(time.time()), EVENT_JOB_SUBMITTED)
    try:
        qtbot.waitUntil(lambda: len(fake.requests) >= MIN_RUNS, timeout=60_000)

        def sent() -> int:
            with runtime.db.session() as session:
                return session.execute(
                    select(func.count(Delivery.id)).where(Delivery.status == "sent")
                ).scalar_one()

        qtbot.waitUntil(lambda: sent() == MIN_RUNS, timeout=60_000)
        qtbot.waitUntil(lambda: len(fired) >= MIN_RUNS, timeout=60_000)
        with runtime.db.session() as session:
            due = session.execute(select(func.min(Run.scheduled_at))).scalar_one()
            last_sent = session.execute(select(func.max(Delivery.finished_at))).scalar_one()
    finally:
        runtime.stop()
    pushes = sorted(request.json["push"] for request in fake.requests)
    assert pushes == sorted(f"Burst {n}" for n in range(MIN_RUNS))
    assert "recorded ahead and started on time" in caplog.text or (
        "recorded by the pass instead" in caplog.text
    )
    if "recorded ahead and started on time" in caplog.text:
        held_until = min(last_sent.timestamp(), due.timestamp() + ASIDE_AT_MOST)
        assert min(fired) >= held_until - 0.05, (min(fired), due, last_sent)
