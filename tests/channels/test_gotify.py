"""Gotify through its real sender to a fake Gotify server on 127.0.0.1."""

from __future__ import annotations

import pytest

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import build_sender, split_settings
from pushgui.core.channels.gotify import GotifyConfig
from pushgui.core.channels.validation import config_warnings, validate_config
from tests.channels.leaks import (  # noqa: F401 - fixtures
    assert_secret_free,
    database,
    failed_run_texts,
    scheduler,
    world,
)
from tests.servers import GOTIFY_TOKEN, Reply


def message(title="会议提醒", body="下午三点开会") -> Outgoing:
    return Outgoing(push_id=1, push_name="Daily", recipient="Phone", title=title, body=body)


def config(fake, token=GOTIFY_TOKEN, **kw) -> GotifyConfig:
    return GotifyConfig(server=fake.url + "/gotify/", app_token=token, **kw)


def test_a_message_goes_out_with_the_token_in_a_header_never_in_the_address(fake):
    [outcome] = build_sender(config(fake, priority=8)).send([message()])

    assert outcome.ok, outcome.error
    [request] = fake.requests
    assert request.path == "/gotify/message" and not request.raw_query
    assert request.headers["x-gotify-key"] == GOTIFY_TOKEN
    assert request.json == {"title": "会议提醒", "message": "下午三点开会", "priority": 8}


def test_a_wrong_token_is_a_clear_permanent_failure(fake):
    [outcome] = build_sender(config(fake, "wrong-token")).send([message()])

    assert not outcome.ok and outcome.permanent
    assert outcome.error == (
        "Gotify refused the credentials (HTTP 401: you need to provide a valid access "
        "token or user credentials)"
    )


def test_a_message_the_server_refuses_says_why(fake):
    fake.queue(
        Reply(400, {"error": "Bad Request", "errorCode": 400, "errorDescription": "too long"})
    )
    [outcome] = build_sender(config(fake)).send([message()])
    assert outcome.error == "Gotify refused the message (HTTP 400: too long)"


def test_a_server_that_is_down_is_retried_later(fake):
    fake.queue(Reply(503, "Service Unavailable"))
    [outcome] = build_sender(config(fake)).send([message()])
    assert not outcome.ok and not outcome.permanent


def test_the_app_token_stays_out_of_history_and_log(world, database, caplog, fake):  # noqa: F811
    description = f"token {GOTIFY_TOKEN} was revoked"
    fake.queue(
        Reply(401, {"error": "Unauthorized", "errorCode": 401, "errorDescription": description})
    )
    texts = failed_run_texts(world, database, caplog, config(fake))

    assert any("HTTP 401" in text for text in texts)
    assert_secret_free(texts, GOTIFY_TOKEN)


def test_the_app_token_is_a_secret_kept_out_of_the_stored_settings(fake):
    public, secrets = split_settings(config(fake))
    assert secrets == {"app_token": GOTIFY_TOKEN}
    assert GOTIFY_TOKEN not in str(public)


def test_an_unencrypted_server_elsewhere_is_warned_about():
    warnings = config_warnings(GotifyConfig(server="http://gotify.example.org", app_token="t"))
    assert [(w.field, w.message) for w in warnings] == [
        ("server", "This address is not encrypted (http)")
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"server": ""}, "server", "Enter your Gotify server, e.g. https://gotify.example.com"),
        ({"app_token": ""}, "app_token", "Enter the application's token"),
        ({"priority": 11}, "priority", "Priority goes from 0 (lowest) to 10 (highest)"),
    ],
)
def test_bad_settings_are_named_next_to_their_field(changes, field, message):
    settings = {"server": "https://gotify.example.org", "app_token": GOTIFY_TOKEN, **changes}
    errors = validate_config(GotifyConfig(**settings))
    assert [(e.field, e.message) for e in errors] == [(field, message)]
