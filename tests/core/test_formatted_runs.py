"""A formatted reminder's run, end to end: each service gets its own format from the same
message (Telegram HTML in ordered parts, Teams plain text), through the real runner and the
fake APIs of tests/servers.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import TeamsConfig, TelegramConfig
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, Target
from pushgui.core.runs.runner import run_push
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import wire
from tests.helpers import weekdays_at_nine
from tests.servers import TELEGRAM_TOKEN
from tests.service_formats import TelegramHtml

MOMENT = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)


@pytest.fixture
def world(database, scheduler):
    secrets = KeyringSecrets()
    wire(scheduler, secrets=secrets)
    yield ChannelBook(database, secrets), PushService(database, scheduler)


def test_one_formatted_message_reaches_each_service_in_its_own_format(scheduler, world, fake):
    channels, service = world
    ops = channels.save(
        "Ops", TelegramConfig(bot_token=TELEGRAM_TOKEN, chat_id="-100", api_url=fake.url)
    )
    teams = channels.save("Team", TeamsConfig(webhook_url=fake.url + "/workflows/abc"))
    notes = "\n".join(f"- item **{n}** in [doc](https://e.x/{n})" for n in range(250))
    spec = replace(
        weekdays_at_nine("Release"),
        message=Message("Release", "Freeze at **15:00**\n\n" + notes, format="markdown"),
        targets=(Target("telegram", ops), Target("teams", teams)),
    )
    push_id = service.create(spec)
    assert run_push(push_id, context=scheduler.job_context.at(MOMENT)) == "ok"

    telegram = [r.json for r in fake.requests if r.path.endswith("/sendMessage")]
    assert len(telegram) == 2 and all(t["parse_mode"] == "HTML" for t in telegram)
    readings = [TelegramHtml.read(t["text"]) for t in telegram]
    assert all(not r.error for r in readings)
    assert readings[0].visible.startswith("Release\n\nFreeze at 15:00\n\n• item 0 in doc")
    assert readings[1].visible.endswith("• item 249 in doc")
    [card] = [r.json for r in fake.requests if r.path.startswith("/workflows/")]
    text = card["attachments"][0]["content"]["body"][1]["text"]
    assert text.startswith("Freeze at 15:00\n\n• item 0 in doc (https://e.x/0)")
    assert "**" not in text
