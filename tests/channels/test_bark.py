"""Bark through its real sender to a fake of bark-server on 127.0.0.1."""

from __future__ import annotations

import pytest

from pushgui.core.channels.bark import BarkConfig
from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import build_sender, split_settings
from pushgui.core.channels.urls import parse_webhook_url, self_hosted
from pushgui.core.channels.validation import config_warnings, validate_config
from tests.channels.leaks import (  # noqa: F401 - fixtures
    assert_secret_free,
    database,
    failed_run_texts,
    scheduler,
    world,
)
from tests.servers import BARK_KEY, Reply


def message(title="会议提醒", body="下午三点开会") -> Outgoing:
    return Outgoing(push_id=1, push_name="Daily", recipient="Phone", title=title, body=body)


def config(fake, key=BARK_KEY, **kw) -> BarkConfig:
    return BarkConfig(server=fake.url + "/bark", device_key=key, **kw)


def test_a_message_goes_out_as_json_with_group_and_link(fake):
    sender = build_sender(config(fake, group="Reminders", url="https://example.org/x"))
    [outcome] = sender.send([message()])

    assert outcome.ok, outcome.error
    [request] = fake.requests
    assert request.path == f"/bark/{BARK_KEY}"
    assert request.json == {
        "title": "会议提醒",
        "body": "下午三点开会",
        "group": "Reminders",
        "url": "https://example.org/x",
    }


def test_an_unknown_device_key_is_a_clear_failure_that_never_shows_the_key(fake):
    wrong = "NotMyDeviceKey123"
    [outcome] = build_sender(config(fake, wrong)).send([message()])

    assert not outcome.ok and outcome.permanent
    assert outcome.error.startswith("Bark refused the message (HTTP 400: failed to get device")
    assert wrong not in outcome.error


def test_a_body_too_large_for_apple_is_cut_to_fit(fake):
    [outcome] = build_sender(config(fake)).send([message(body="长" * 5000)])

    assert outcome.ok, outcome.error  # the fake refuses a push over 4 KB, as APNs does
    assert fake.requests[0].json["body"].endswith("…")


def test_a_200_with_another_code_is_a_failure(fake):
    fake.queue(Reply(200, {"code": 500, "message": "push failed: BadDeviceToken"}))
    [outcome] = build_sender(config(fake)).send([message()])
    assert outcome.error == "Bark refused the message: push failed: BadDeviceToken (code 500)"


def test_a_rate_limit_waits_as_asked(fake):
    fake.queue(Reply(429, {"code": 429, "message": "too many requests"}, {"Retry-After": "30"}))
    [outcome] = build_sender(config(fake)).send([message()])
    assert not outcome.ok and not outcome.permanent and outcome.retry_after == 30.0


def test_the_device_key_stays_out_of_history_and_log(world, database, caplog, fake):  # noqa: F811
    wrong = "SomeoneElsesKey42"
    texts = failed_run_texts(world, database, caplog, config(fake, wrong))

    assert any("failed to get device token" in text for text in texts)
    assert_secret_free(texts, wrong)


def test_the_device_key_is_a_secret_kept_out_of_the_stored_settings(fake):
    public, secrets = split_settings(config(fake))
    assert secrets == {"device_key": BARK_KEY}
    assert BARK_KEY not in str(public)


def test_the_address_the_app_shows_fills_in_server_and_key():
    found = parse_webhook_url(f"https://api.day.app/{BARK_KEY}/这里改成你自己的推送内容")
    assert found == ("bark", {"server": "https://api.day.app", "device_key": BARK_KEY})
    own = self_hosted("bark", f"https://bark.example.org:8080/{BARK_KEY}/hello")
    assert own == {"server": "https://bark.example.org:8080", "device_key": BARK_KEY}
    proxied = self_hosted("bark", f"https://example.org/tools/bark/{BARK_KEY}/标题/内容")
    assert proxied == {"server": "https://example.org/tools/bark", "device_key": BARK_KEY}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"device_key": ""}, "device_key", "Paste the address the Bark app shows"),
        ({"device_key": "a/b"}, "device_key", "Enter only the key, without slashes"),
        ({"server": "api.day.app"}, "server", "The address must start with https://"),
        ({"url": "not a link"}, "url", "A web address has no spaces or line breaks"),
    ],
)
def test_bad_settings_are_named_next_to_their_field(changes, field, message):
    errors = validate_config(BarkConfig(**{"device_key": BARK_KEY, **changes}))
    assert [(e.field, e.message) for e in errors] == [(field, message)]


def test_an_unencrypted_server_is_warned_about_not_the_link_opened_on_tap():
    config = BarkConfig(device_key=BARK_KEY, server="http://bark.example.org", url="http://x.org")
    warnings = config_warnings(config)
    assert [(w.field, w.message) for w in warnings] == [
        ("server", "This address is not encrypted (http)")
    ]
