"""Service rate limits: a fake DingTalk robot that refuses with errcode 130101 above 5
messages in 2 seconds (DingTalk's real limit, 20 a minute, scaled down), and the limiter."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import DingTalkConfig
from pushgui.core.delivery.engine import DeliveryEngine
from pushgui.core.delivery.limits import LIMITS, Limiter, Rate
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Target
from pushgui.core.runs.runner import run_push
from pushgui.core.store.models import Delivery
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import wire
from tests.core.test_delivery import MOMENT
from tests.helpers import weekdays_at_nine
from tests.servers import DINGTALK_SECRET, DINGTALK_TOKEN, Reply, dingtalk_api

LIMIT = Rate(5, 2.0)
PUSHES = 20
WAIT = 60.0  # bounds a hang only


class EnforcingDingTalk:
    """DingTalk's /robot/send, refusing with 130101 when more than ``LIMIT.count`` messages
    arrived within ``LIMIT.per`` seconds (counted when each request arrives)."""

    def __init__(self) -> None:
        self.accepted = 0
        self.refused = 0
        self._arrivals: list[float] = []
        self._lock = threading.Lock()
        self._inner = dingtalk_api()

    def __call__(self, request) -> Reply:
        with self._lock:
            now = time.monotonic()
            self._arrivals = [t for t in self._arrivals if now - t < LIMIT.per]
            self._arrivals.append(now)
            if len(self._arrivals) > LIMIT.count:
                self.refused += 1
                return Reply(
                    200, {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}
                )
        reply = self._inner(request)
        with self._lock:
            self.accepted += 1
        return reply


@pytest.fixture
def world(database, scheduler):
    secrets = KeyringSecrets()
    wire(scheduler, secrets=secrets)
    yield secrets, PushService(database, scheduler)


def test_twenty_pushes_to_one_robot_are_all_delivered_and_none_refused(
    scheduler, world, database, fake
):
    robot = EnforcingDingTalk()
    fake.route("/robot/send", robot)
    secrets, service = world
    room = ChannelBook(database, secrets).save(
        "Room",
        DingTalkConfig(
            access_token=DINGTALK_TOKEN, secret=DINGTALK_SECRET, api_url=fake.url + "/robot/send"
        ),
    )
    pushes = [
        service.create(replace(weekdays_at_nine(f"Push {i}"), targets=(Target("dingtalk", room),)))
        for i in range(PUSHES)
    ]
    finished = []
    engine = DeliveryEngine(
        database,
        secrets,
        None,
        limits={"dingtalk": (LIMIT,)},
        on_run_finished=lambda push, run: finished.append(run),
    )
    seen_waiting: dict[int, object] = {}
    try:
        ctx = replace(scheduler.job_context, engine=engine).at(MOMENT)
        for push_id in pushes:  # all due at once
            assert run_push(push_id, context=ctx) == "running"
        deadline = time.monotonic() + WAIT
        while len(finished) < PUSHES and time.monotonic() < deadline:
            with database.session() as session:
                for delivery_id, when in session.execute(
                    select(Delivery.id, Delivery.next_attempt_at).where(
                        Delivery.status == "waiting"
                    )
                ).all():
                    seen_waiting[delivery_id] = when
            time.sleep(0.02)
    finally:
        engine.shutdown()

    assert len(finished) == PUSHES
    assert (robot.accepted, robot.refused) == (PUSHES, 0)
    with database.session() as session:
        statuses = list(session.execute(select(Delivery.status)).scalars())
    assert statuses == ["sent"] * PUSHES
    # The history showed those over the limit as waiting, each with about when it goes.
    assert len(seen_waiting) >= 1
    assert all(when is not None for when in seen_waiting.values())


def test_a_rate_limit_answer_pauses_the_channel_for_the_time_it_asks(
    scheduler, world, database, fake
):
    secrets, service = world
    room = ChannelBook(database, secrets).save(
        "Room",
        DingTalkConfig(
            access_token=DINGTALK_TOKEN, secret=DINGTALK_SECRET, api_url=fake.url + "/robot/send"
        ),
    )
    first = service.create(replace(weekdays_at_nine("First"), targets=(Target("dingtalk", room),)))
    second = service.create(
        replace(weekdays_at_nine("Second"), targets=(Target("dingtalk", room),))
    )
    fake.queue(Reply(200, {"errcode": 130101, "errmsg": "send too fast"}))
    started = datetime.now(UTC)
    engine = DeliveryEngine(database, secrets, None)
    try:
        ctx = replace(scheduler.job_context, engine=engine).at(MOMENT)
        run_push(first, context=ctx)
        run_push(second, context=ctx)

        def states():
            with database.session() as session:
                return session.execute(
                    select(Delivery.status, Delivery.next_attempt_at).order_by(Delivery.id)
                ).all()

        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and states()[1][0] != "waiting":
            time.sleep(0.02)
        (first_status, first_next), (second_status, second_next) = states()
    finally:
        engine.shutdown()
    # DingTalk blocks a robot for 10 minutes: the refused one retries after that, and the
    # next one waits for it instead of being sent to be refused again.
    assert first_status == "retrying" and second_status == "waiting"
    assert abs((second_next - first_next).total_seconds()) < 60  # both about 10 min on
    assert (second_next - started).total_seconds() > 9 * 60
    assert len(fake.requests) == 1


def test_the_limiter_never_lets_more_than_n_through_in_any_window():
    now = [0.0]
    limiter = Limiter((Rate(5, 2.0),), clock=lambda: now[0])
    sent: list[float] = []
    while len(sent) < 23:
        wait = limiter.wait()
        now[0] += wait
        sent.append(now[0])
        limiter.spent()
        now[0] += 0.01  # the answer takes a moment
    for start in sent:
        assert len([t for t in sent if start <= t < start + 2.0]) <= 5


def test_every_documented_limit_is_in_the_table():
    assert LIMITS["dingtalk"] == (Rate(20, 60.0),)
    assert LIMITS["wecom"] == (Rate(20, 60.0),)
    assert set(LIMITS["feishu"]) == {Rate(100, 60.0), Rate(5, 1.0)}
    assert LIMITS["slack"] == (Rate(1, 1.0),)
    assert LIMITS["discord"] == (Rate(5, 2.0),)
    assert set(LIMITS["telegram"]) == {Rate(1, 1.0), Rate(20, 60.0)}
