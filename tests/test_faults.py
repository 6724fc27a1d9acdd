"""Fault tests with real processes: SIGKILL three times in the middle of a run to 200
recipients through an SMTP server that refuses some of them."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import threading
from collections import Counter
from dataclasses import replace

import pytest
from aiosmtpd.controller import Controller

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import EmailConfig, TelegramConfig
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, PushOptions, Target
from pushgui.core.store.db import open_database
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.secrets import SECRETS_MODE_KEY, PlainFileSecrets
from tests.core.conftest import make_scheduler
from tests.helpers import once_in, weekdays_at_nine
from tests.servers import TELEGRAM_TOKEN, Reply, _free_port, telegram_api
from tests.test_cli import HANG, start_headless, wait_ready, wait_until

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")

RECIPIENTS = 200


class FlakyInbox:
    """An SMTP server that refuses a random 10% of the recipients the first time they are
    sent to: half with 451 at RCPT, half by dropping the connection after the message was
    sent (not accepted). Each message takes 10 ms, so a run lasts a few seconds.
    ``accepted`` is the server's log."""

    def __init__(self, seed: int) -> None:
        chosen = random.Random(seed).sample(range(RECIPIENTS), RECIPIENTS // 10)
        self.refuse = {f"p{i}@example.com" for i in chosen[: len(chosen) // 2]}
        self.drop = {f"p{i}@example.com" for i in chosen[len(chosen) // 2 :]}
        self.accepted: list[str] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            self.refuse.discard(address)
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.01)
        if any(a in self.drop for a in envelope.rcpt_tos):
            self.drop.difference_update(envelope.rcpt_tos)
            server.transport.close()
            return "421 closing"
        self.accepted.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def flaky_smtp():
    seed = int.from_bytes(os.urandom(4), "big")
    inbox = FlakyInbox(seed)
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), ready_timeout=HANG)
    controller.start()
    yield controller.port, inbox, seed
    controller.stop()


def query(data_dir, sql):
    with sqlite3.connect(data_dir / "pushgui.sqlite3", timeout=HANG) as connection:
        return connection.execute(sql).fetchall()


def unsettled(data_dir) -> int:
    return query(
        data_dir,
        "SELECT count(*) FROM deliveries WHERE status IN ('queued', 'sending', 'retrying')",
    )[0][0]


def run_until_settled(data_dir, log) -> None:
    """Start the headless app, wait until no delivery is left to send, stop it (SIGTERM)."""
    process = start_headless(data_dir, log)
    try:
        wait_ready(log, process)
        assert wait_until(lambda: unsettled(data_dir) == 0, HANG), log.read_text()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=HANG) == 0


@pytest.mark.slow
def test_fault_run_sigkill_three_times_leaves_exactly_one_accepted_message_per_recipient(
    data_dir, tmp_path, flaky_smtp
):
    port, inbox, seed = flaky_smtp
    chance = random.Random(seed)
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
                options=PushOptions(retries=3, retry_delay=5),
            ),
            weekdays_at_nine("Keeps its schedule"),
        ]
    )
    database.close()
    log = tmp_path / "headless.log"
    why = f"seed {seed}; see {log}"

    # Three SIGKILLs at random moments, each once the process is sending.
    target = 0
    for _ in range(3):
        target = len(inbox.accepted) + chance.randint(5, 45)
        process = start_headless(data_dir, log)
        try:
            assert wait_until(lambda t=target: len(inbox.accepted) >= t, HANG), why
        finally:
            process.kill()
            process.wait(timeout=HANG)
    assert len(inbox.accepted) < RECIPIENTS, f"the run finished before the last kill; {why}"

    # Restart: everything never tried, or refused, is sent; only the message each kill cut
    # off in flight is left as interrupted (it may or may not have arrived).
    process = start_headless(data_dir, log)
    try:
        assert wait_until(
            lambda: (
                query(data_dir, "SELECT count(*) FROM deliveries")[0][0] == RECIPIENTS
                and unsettled(data_dir) == 0
            ),
            HANG,
        ), why
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=HANG) == 0
    interrupted = dict(
        query(data_dir, "SELECT id, address FROM deliveries WHERE status = 'interrupted'")
    )
    assert len(interrupted) <= 3, why  # at most one in flight per kill

    # The user settles each interrupted delivery in the window: Resend when the recipient
    # did not get it, Keep unsent when they did (here the server's log tells).
    if interrupted:
        database = open_database(data_dir)
        scheduler = make_scheduler(database)
        scheduler.start(paused=True)
        service = PushService(database, scheduler)
        accepted = set(inbox.accepted)
        service.dismiss([i for i, a in interrupted.items() if a in accepted])
        resend = [i for i, a in interrupted.items() if a not in accepted]
        service.resend(resend)
        scheduler.shutdown(wait=False)
        database.close()
        if resend:
            process = start_headless(data_dir, log)
            try:
                assert wait_until(lambda: unsettled(data_dir) == 0, HANG), why
            finally:
                process.send_signal(signal.SIGTERM)
                assert process.wait(timeout=HANG) == 0

    # Exactly one accepted message per recipient, and the history agrees with the server.
    counts = Counter(inbox.accepted)
    assert sorted(counts) == sorted(f"p{i}@example.com" for i in range(RECIPIENTS)), why
    assert set(counts.values()) == {1}, why
    history = query(data_dir, "SELECT address, status FROM deliveries")
    assert len(history) == RECIPIENTS
    for address, status in history:
        assert status == "sent" or (status == "skipped" and address in interrupted.values()), (
            address,
            status,
            why,
        )
    assert query(data_dir, "SELECT status FROM runs") == [("ok",)] or interrupted, why
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

    env_log = tmp_path / "stderr.log"
    process = start_headless(data_dir, env_log, "-v")
    try:
        wait_ready(env_log, process)
        assert wait_until(lambda: query(data_dir, "SELECT status FROM runs") == [("ok",)], HANG), (
            query(data_dir, "SELECT * FROM runs"),
            query(data_dir, "SELECT id, status, error FROM deliveries"),
            env_log.read_text(),
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


def test_sigkill_between_the_parts_of_a_long_message_sends_no_part_twice(data_dir, tmp_path, fake):
    """A long Telegram message goes in ordered parts. The process is killed while the
    service has its third part; after the restart the user chooses *Resend*: the chat gets
    the first two parts once (they were recorded as taken before the third went) and the
    rest from the third on, in order. Only the part in flight at the kill may come twice."""
    database = open_database(data_dir)
    SettingsStore(database).set(SECRETS_MODE_KEY, "file")
    room = ChannelBook(database, PlainFileSecrets(data_dir)).save(
        "Team chat", TelegramConfig(bot_token=TELEGRAM_TOKEN, chat_id="-100", api_url=fake.url)
    )
    long = "\n\n".join(f"Part of the report {n}: " + "figures " * 300 for n in range(6))
    PushService(database).save_new(
        [
            replace(
                once_in(2, "Report"),
                message=Message("Report", long),
                targets=(Target("telegram", room),),
            )
        ]
    )
    database.close()
    arrived: list[str] = []
    third = threading.Event()
    killed = threading.Event()

    def taking(request):
        arrived.append(request.json["text"])
        if len(arrived) == 3:
            third.set()
            killed.wait(HANG)  # the process dies while this part waits for its answer
        return telegram_api(request)

    fake.route("/bot", taking)
    log = tmp_path / "headless.log"
    process = start_headless(data_dir, log)
    try:
        assert third.wait(HANG), log.read_text()
    finally:
        process.kill()
        process.wait(timeout=HANG)
        killed.set()
    assert query(data_dir, "SELECT status, parts_sent FROM deliveries") == [("sending", 2)]

    # The restart marks the delivery interrupted; the user chooses Resend.
    log = tmp_path / "restart.log"
    process = start_headless(data_dir, log)
    wait_ready(log, process)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=HANG) == 0
    [(delivery_id, status)] = query(data_dir, "SELECT id, status FROM deliveries")
    assert status == "interrupted"
    database = open_database(data_dir)
    scheduler = make_scheduler(database)
    scheduler.start(paused=True)
    PushService(database, scheduler).resend([delivery_id])
    scheduler.shutdown(wait=False)
    database.close()
    run_until_settled(data_dir, tmp_path / "resend.log")

    # Before the kill: parts 1, 2 and 3 (in flight). The resend: 3 again, then the rest.
    assert len(arrived) >= 5 and arrived[3] == arrived[2]
    assert len(set(arrived)) == len(arrived) - 1  # no other part twice
    assert arrived[0].startswith("Report") and "Part of the report 5" in " ".join(arrived[3:])
    [(status, parts_sent)] = query(data_dir, "SELECT status, parts_sent FROM deliveries")
    assert (status, parts_sent) == ("sent", len(arrived) - 1)


def test_sigkill_in_a_burst_leaves_no_run_shown_as_running_after_the_restart(
    data_dir, tmp_path, fake
):
    """The lane settles the runs it sent together, about every 50. Killed after it had sent
    10 runs of a burst and before it settled them, the restart must still end each run
    with the outcome of its delivery: none may stay *running* in the history."""
    from pushgui.core.channels.config import WebhookConfig

    pushes = 60
    database = open_database(data_dir)
    SettingsStore(database).set(SECRETS_MODE_KEY, "file")
    hook = ChannelBook(database, PlainFileSecrets(data_dir)).save(
        "Hook", WebhookConfig(url=fake.url + "/hook", body_template='{"push": "${push}"}')
    )
    due = replace(once_in(2, "Burst"), targets=(Target("webhook", hook),))
    PushService(database).save_new([due.renamed(f"Burst {n}") for n in range(pushes)])
    database.close()
    answered: list[str] = []
    held = threading.Event()
    release = threading.Event()

    def answering(request):
        if len(answered) >= 10:
            held.set()
            release.wait(HANG)  # the eleventh waits: the process dies meanwhile
        answered.append(request.json["push"])
        return Reply(200, {"ok": True})

    fake.route("/hook", answering)
    log = tmp_path / "headless.log"
    process = start_headless(data_dir, log)
    try:
        assert held.wait(HANG), log.read_text()
    finally:
        process.kill()
        process.wait(timeout=HANG)
    sent_before = query(data_dir, "SELECT count(*) FROM deliveries WHERE status = 'sent'")
    assert sent_before == [(10,)]
    release.set()

    run_until_settled(data_dir, tmp_path / "restart.log")
    statuses = dict(query(data_dir, "SELECT status, count(*) FROM runs GROUP BY status"))
    assert "running" not in statuses, statuses
    # The one out at the kill is interrupted (the user chooses); every other run is done.
    assert statuses == {"ok": pushes - 1, "interrupted": 1} or statuses == {"ok": pushes}
