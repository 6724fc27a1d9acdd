"""Fault tests with real processes: SIGKILL in the middle of a run to 200 recipients."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import threading
from collections import Counter
from dataclasses import replace

import pytest
from aiosmtpd.controller import Controller

from pushgui.core.channel_book import ChannelBook
from pushgui.core.channels.config import EmailConfig
from pushgui.core.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.secrets import SECRETS_MODE_KEY, PlainFileSecrets
from pushgui.core.service import PushService
from pushgui.core.settings import SettingsStore
from pushgui.core.specs import Message, Target
from pushgui.core.store import db as store_db
from pushgui.core.store.db import open_database
from tests.helpers import once_in, weekdays_at_nine
from tests.servers import _free_port
from tests.test_cli import HANG, start_headless, wait_ready, wait_until

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")

RECIPIENTS = 200
HELD_AT = 20


class HoldingInbox:
    """An SMTP server that accepts ``HELD_AT`` messages, then holds the next one until
    ``release`` is set: the run is surely in the middle when the test kills pushgui."""

    def __init__(self) -> None:
        self.addresses: list[str] = []
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        while len(self.addresses) >= HELD_AT and not self.release.is_set():
            await asyncio.sleep(0.01)
        self.addresses.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def slow_smtp():
    inbox = HoldingInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), ready_timeout=HANG)
    controller.start()
    yield controller.port, inbox
    inbox.release.set()
    controller.stop()


def query(data_dir, sql):
    with sqlite3.connect(data_dir / "pushgui.sqlite3", timeout=HANG) as connection:
        return connection.execute(sql).fetchall()


def test_sigkill_mid_run_leaves_every_recipient_delivered_once_or_interrupted(
    data_dir, tmp_path, slow_smtp
):
    port, inbox = slow_smtp
    database = open_database(data_dir)
    SettingsStore(database).set(SECRETS_MODE_KEY, "file")
    mail = ChannelBook(database, PlainFileSecrets(data_dir)).save(
        "Mail", EmailConfig(host="127.0.0.1", port=port, security="none", sender_address="r@x.org")
    )
    book = ContactBook(database)
    ids = book.save_many([ContactRecord(f"P{i}", f"p{i}@example.com") for i in range(RECIPIENTS)])
    team = book.save_group(GroupRecord("Everyone", tuple(ids)))
    service = PushService(database)
    service.save_new(
        [
            replace(
                once_in(2, "Big send"),
                message=Message("Hi ${name}"),
                targets=(Target("email", mail, (), (team,)),),
            ),
            weekdays_at_nine("Keeps its schedule"),
        ]
    )
    database.close()
    store_db.bind(None)

    log = tmp_path / "first.log"
    process = start_headless(data_dir, log)
    try:
        assert wait_until(lambda: len(inbox.addresses) >= HELD_AT, HANG), log.read_text()
    finally:
        process.kill()
        process.wait(timeout=HANG)
    inbox.release.set()  # the message held when pushgui died may still be counted
    delivered_before_restart = len(inbox.addresses)
    assert delivered_before_restart < RECIPIENTS, "the run finished before it was killed"

    log = tmp_path / "second.log"
    process = start_headless(data_dir, log)
    try:
        # The first pass after the restart is where a (wrong) automatic resend would start.
        assert wait_ready(log, process) == 0, log.read_text()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=HANG) == 0

    # Nobody got the message twice, and nothing was resent automatically.
    counts = Counter(inbox.addresses)
    assert max(counts.values()) == 1
    assert len(inbox.addresses) <= delivered_before_restart + 1  # one may have been in flight
    # Every recipient is either delivered or listed as interrupted; none is left queued.
    statuses = dict(query(data_dir, "SELECT address, status FROM deliveries"))
    assert len(statuses) == RECIPIENTS
    assert set(statuses.values()) <= {"sent", "interrupted"}
    for address, status in statuses.items():
        assert status == "interrupted" or counts[address] == 1
    assert query(data_dir, "SELECT status FROM runs") == [("interrupted",)]
    # No push and no job lost; the file is sound.
    assert sorted(n for (n,) in query(data_dir, "SELECT name FROM pushes")) == [
        "Big send",
        "Keeps its schedule",
    ]
    push_id = query(data_dir, "SELECT id FROM pushes WHERE name = 'Keeps its schedule'")[0][0]
    assert query(data_dir, f"SELECT count(*) FROM apscheduler_jobs WHERE id = '{push_id}'") == [
        (1,)
    ]
    assert query(data_dir, "PRAGMA integrity_check") == [("ok",)]


def test_secrets_never_reach_the_log_or_the_database_even_at_debug_level(
    data_dir, tmp_path, fake, smtp_plain
):
    from pushgui.core.channels.config import DingTalkConfig
    from tests.servers import DINGTALK_SECRET, DINGTALK_TOKEN, PASSWORD, USER

    database = open_database(data_dir)
    SettingsStore(database).set(SECRETS_MODE_KEY, "file")
    channels = ChannelBook(database, PlainFileSecrets(data_dir))
    mail = channels.save(
        "Mail",
        EmailConfig(
            host=smtp_plain.host,
            port=smtp_plain.port,
            security="none",
            username=USER,
            password=PASSWORD,
            sender_address="r@x.org",
        ),
    )
    bot = channels.save(
        "Room",
        DingTalkConfig(
            access_token=DINGTALK_TOKEN, secret=DINGTALK_SECRET, api_url=fake.url + "/robot/send"
        ),
    )
    ann = ContactBook(database).save(ContactRecord("Ann", "ann@example.com"))
    PushService(database).save_new(
        [
            replace(
                once_in(2, "Both ways"),
                targets=(Target("email", mail, (ann,)), Target("dingtalk", bot)),
            )
        ]
    )
    database.close()
    store_db.bind(None)

    env_log = tmp_path / "stderr.log"
    process = start_headless(data_dir, env_log, "-v")
    try:
        wait_ready(env_log, process)
        assert wait_until(lambda: query(data_dir, "SELECT status FROM runs") == [("ok",)], HANG), (
            env_log.read_text()
        )
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=HANG) == 0
    assert smtp_plain.inbox.received and fake.requests
    assert "DEBUG" in env_log.read_text()
    places = [env_log, *(data_dir / "logs").glob("*"), *data_dir.glob("pushgui.sqlite3*")]
    for place in places:
        content = place.read_bytes()
        for secret in (PASSWORD, DINGTALK_TOKEN, DINGTALK_SECRET):
            assert secret.encode() not in content, f"{secret!r} found in {place.name}"
