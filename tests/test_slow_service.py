"""A real headless process with 20 pushes on a server that trickles its answers: a desktop
reminder due meanwhile is shown on time, and SIGTERM still ends the process promptly."""

from __future__ import annotations

import os
import signal
import sqlite3
from dataclasses import replace
from datetime import datetime

import pytest

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import WebhookConfig
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Target
from pushgui.core.store.db import open_database
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.secrets import SECRETS_MODE_KEY, PlainFileSecrets
from tests.helpers import once_in
from tests.test_cli import start_headless, wait_until
from tests.trickle import TrickleServer

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")


def query(data_dir, sql):
    with sqlite3.connect(data_dir / "pushgui.sqlite3", timeout=5) as connection:
        return connection.execute(sql).fetchall()


def stamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.slow
def test_a_reminder_is_shown_on_time_and_sigterm_ends_the_process_despite_a_trickling_server(
    data_dir, tmp_path
):
    trickle = TrickleServer(interval=1.0)
    try:
        database = open_database(data_dir)
        SettingsStore(database).set(SECRETS_MODE_KEY, "file")
        hook = ChannelBook(database, PlainFileSecrets(data_dir)).save(
            "Slow hook", WebhookConfig(url=trickle.url + "/hook")
        )
        service = PushService(database)
        service.save_new(
            [
                replace(once_in(2, f"Hook {i}"), targets=(Target("webhook", hook),))
                for i in range(20)
            ]
            + [replace(once_in(5, "Stand up"), targets=(Target(),))]
        )
        database.close()

        log = tmp_path / "headless.log"
        process = start_headless(data_dir, log)
        try:
            shown = (
                "SELECT r.scheduled_at, d.finished_at FROM deliveries d JOIN runs r "
                "ON r.id = d.run_id WHERE d.channel = 'desktop' AND d.status = 'sent'"
            )
            assert wait_until(lambda: query(data_dir, shown), 60), log.read_text()
            assert trickle.requests, "the webhook was never tried"
        finally:
            process.send_signal(signal.SIGTERM)
            # The whole stop, in-flight send included, fits in 10 s (bounded wait).
            code = process.wait(timeout=10)
        assert code == 0, log.read_text()
    finally:
        trickle.stop()

    # The reminder was shown within a second of its time (both times recorded by the app).
    [(due, fired)] = query(data_dir, shown)
    lateness = (stamp(fired) - stamp(due)).total_seconds()
    assert 0 <= lateness < 1.0, lateness
    # The webhook channel was still stuck on its first message: that one was cut short
    # (interrupted), the others wait in the queue for the next start.
    webhook = [
        s for (s,) in query(data_dir, "SELECT status FROM deliveries WHERE channel = 'webhook'")
    ]
    assert sorted(set(webhook)) == ["interrupted", "queued"]
    assert webhook.count("interrupted") == 1
