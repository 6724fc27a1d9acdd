"""The delivery engine with a server that trickles its answer one byte at a time: the send
deadline holds, the desktop never waits behind it, and shutdown cuts the send short."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from dataclasses import replace

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import EmailConfig, SlackConfig, WebhookConfig
from pushgui.core.delivery.engine import DeliveryEngine
from pushgui.core.delivery.settle import settle_after_crash
from pushgui.core.people.contacts import ContactBook, ContactRecord
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import PushOptions, Target
from pushgui.core.runs.runner import run_push
from pushgui.core.store.models import Delivery
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import wire
from tests.core.test_delivery import MOMENT
from tests.helpers import weekdays_at_nine
from tests.servers import _free_port
from tests.trickle import TrickleServer

WAIT = 30.0  # bounds a hang only


def wait_for(predicate, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def trickle():
    server = TrickleServer(interval=0.2)
    yield server
    server.stop()


@pytest.fixture
def world(database, scheduler):
    secrets = KeyringSecrets()
    wire(scheduler, secrets=secrets)
    yield secrets, PushService(database, scheduler)


@pytest.fixture
def engines(database, world, desktop):
    made = []

    def make(**kwargs):
        engine = DeliveryEngine(database, world[0], None, desktop=desktop, **kwargs)
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.shutdown()


def webhook_channel(database, secrets, url, name="Hook"):
    return ChannelBook(database, secrets).save(name, WebhookConfig(url=url + "/hook"))


def webhook_push(database, secrets, service, url, name="Hook", channel=None):
    channel = channel or webhook_channel(database, secrets, url, name)
    return service.create(
        replace(
            weekdays_at_nine(name),
            targets=(Target("webhook", channel),),
            options=PushOptions(retries=3, retry_delay=60),
        )
    )


def statuses(database):
    with database.session() as session:
        return [
            (d.channel, d.status, d.error)
            for d in session.execute(select(Delivery).order_by(Delivery.id)).scalars()
        ]


def test_a_trickling_server_is_cut_at_the_send_deadline(
    scheduler, world, database, trickle, engines
):
    secrets, service = world
    push_id = webhook_push(database, secrets, service, trickle.url)
    finished = threading.Event()
    engine = engines(deadlines={"webhook": 1.5}, on_run_finished=lambda *_: finished.set())

    ctx = replace(scheduler.job_context, engine=engine).at(MOMENT)
    assert run_push(push_id, context=ctx) == "running"  # handed over; the job's thread is free
    assert finished.wait(WAIT), "the send was never cut"

    [(channel, status, error)] = statuses(database)
    assert (channel, status) == ("webhook", "retrying")
    assert "did not answer within 1.5 seconds" in error
    assert len(trickle.requests) == 1


def test_neither_the_desktop_nor_another_channel_waits_behind_a_blocked_channel(
    scheduler, world, database, trickle, engines, desktop, fake
):
    secrets, service = world
    slow = webhook_channel(database, secrets, trickle.url)
    hooks = [
        webhook_push(database, secrets, service, trickle.url, f"Hook {i}", slow) for i in range(20)
    ]
    reminder = service.create(replace(weekdays_at_nine("Stand up"), targets=(Target(),)))
    slack = ChannelBook(database, secrets).save(
        "Slack", SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX")
    )
    chat = service.create(replace(weekdays_at_nine("Chat"), targets=(Target("slack", slack),)))
    engine = engines()

    ctx = replace(scheduler.job_context, engine=engine).at(MOMENT)
    for push_id in hooks:
        assert run_push(push_id, context=ctx) == "running"
    assert wait_for(lambda: trickle.requests)  # the first webhook send is stuck
    assert run_push(reminder, context=ctx) == "running"
    assert run_push(chat, context=ctx) == "running"
    assert wait_for(lambda: desktop.shown), "the reminder waited behind the webhook"
    assert wait_for(lambda: fake.requests), "the Slack message waited behind the webhook"
    # Both went out while the webhook's channel was still stuck on its first message.
    assert len(trickle.requests) == 1
    sent = {c for c, s, _e in statuses(database) if s == "sent"}
    assert wait_for(
        lambda: {c for c, s, _e in statuses(database) if s == "sent"} == {"desktop", "slack"}
    ), sent
    assert [s for c, s, _e in statuses(database) if c == "webhook"] == ["sending"] + ["queued"] * 19


def test_shutdown_cuts_the_send_in_flight_and_keeps_the_rest_for_the_next_start(
    scheduler, world, database, trickle, engines
):
    secrets, service = world
    slow = webhook_channel(database, secrets, trickle.url)
    hooks = [
        webhook_push(database, secrets, service, trickle.url, f"Hook {i}", slow) for i in range(3)
    ]
    engine = engines()
    ctx = replace(scheduler.job_context, engine=engine).at(MOMENT)
    for push_id in hooks:
        run_push(push_id, context=ctx)
    assert wait_for(lambda: trickle.requests)

    assert engine.shutdown() is True  # every lane ended within the shutdown timeout

    rows = statuses(database)
    assert rows[0][1] == "interrupted" and "stopped" in rows[0][2]
    assert [s for _c, s, _e in rows[1:]] == ["queued", "queued"]
    # The next start: the cut one stays interrupted (the user decides), the rest are sent.
    assert settle_after_crash(database) == 0
    assert [s for _c, s, _e in statuses(database)] == ["interrupted", "retrying", "retrying"]


class SilentInbox:
    """Takes the message and then says nothing for a long time."""

    def __init__(self) -> None:
        self.release = asyncio.Event()

    async def handle_DATA(self, server, session, envelope):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.release.wait(), WAIT)
        return "250 OK"


def test_a_mail_server_that_stops_answering_is_cut_at_the_send_deadline(
    scheduler, world, database, engines
):
    secrets, service = world
    inbox = SilentInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), ready_timeout=5)
    controller.start()
    try:
        mail = ChannelBook(database, secrets).save(
            "Mail",
            EmailConfig(
                host="127.0.0.1",
                port=controller.port,
                security="none",
                sender_address="r@x.org",
                timeout=60,
            ),
        )
        ann = ContactBook(database).save(ContactRecord("Ann", "ann@example.com"))
        push_id = service.create(
            replace(weekdays_at_nine(), targets=(Target("email", mail, (ann,)),))
        )
        finished = threading.Event()
        engine = engines(deadlines={"email": 1.5}, on_run_finished=lambda *_: finished.set())
        ctx = replace(scheduler.job_context, engine=engine).at(MOMENT)
        run_push(push_id, context=ctx)
        assert finished.wait(WAIT), "the send was never cut"
    finally:
        controller.loop.call_soon_threadsafe(inbox.release.set)
        controller.stop()
    [(channel, status, error)] = statuses(database)
    assert (channel, status) == ("email", "retrying")
    assert "did not finish within 1.5 seconds" in error
