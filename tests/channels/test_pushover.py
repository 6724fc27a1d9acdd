"""Pushover through its real sender to a fake of its message API on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import build_sender, split_settings
from pushgui.core.channels.pushover import PushoverConfig
from pushgui.core.channels.validation import validate_config
from tests.channels.leaks import (  # noqa: F401 - fixtures
    assert_secret_free,
    database,
    failed_run_texts,
    scheduler,
    world,
)
from tests.servers import PUSHOVER_TOKEN, PUSHOVER_USER, Reply, pushover_api


def message(title="会议提醒", body="下午三点开会") -> Outgoing:
    return Outgoing(push_id=1, push_name="Daily", recipient="Phone", title=title, body=body)


def config(fake, **kw) -> PushoverConfig:
    settings = {"app_token": PUSHOVER_TOKEN, "user_key": PUSHOVER_USER, **kw}
    return PushoverConfig(api_url=fake.url + "/1/messages.json", **settings)


def form(request) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(request.body.decode()).items()}


def test_a_message_goes_out_as_a_form_with_both_keys_in_the_body(fake):
    [outcome] = build_sender(config(fake, device="iphone", priority=1)).send([message()])

    assert outcome.ok, outcome.error
    [request] = fake.requests
    assert not request.raw_query  # no key in the address
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert form(request) == {
        "token": PUSHOVER_TOKEN,
        "user": PUSHOVER_USER,
        "message": "下午三点开会",
        "title": "会议提醒",
        "priority": "1",
        "device": "iphone",
    }


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (
            {"app_token": "a" * 30},
            "Pushover refused the message (HTTP 400: application token is invalid)",
        ),
        (
            {"user_key": "u" * 30},
            "Pushover refused the message (HTTP 400: user identifier is invalid)",
        ),
    ],
)
def test_a_wrong_key_is_a_clear_permanent_failure_from_the_errors_list(fake, changes, error):
    [outcome] = build_sender(config(fake, **changes)).send([message()])
    assert not outcome.ok and outcome.permanent
    assert outcome.error == error


def test_a_long_message_and_title_are_cut_to_pushovers_limits(fake):
    [outcome] = build_sender(config(fake)).send([message(title="标" * 300, body="长" * 2000)])

    assert outcome.ok, outcome.error  # the fake refuses more than 1024 / 250 characters
    sent = form(fake.requests[0])
    assert len(sent["message"]) == 1024 and len(sent["title"]) == 250


def test_the_months_quota_used_up_is_a_clear_retryable_failure(fake):
    fake.route("/1/messages.json", pushover_api(monthly_limit=1))
    outcomes = build_sender(config(fake)).send([message(), message(), message()])

    assert [o.ok for o in outcomes] == [True, False, False]
    assert outcomes[1].error == (
        "Pushover refused the message: this application has used up its messages for the "
        "month (application is over its message quota)"
    )
    assert not outcomes[1].permanent and outcomes[1].retry_after == 3600.0
    assert len(fake.requests) == 2  # not hammered


def test_both_keys_stay_out_of_history_and_log(world, database, caplog, fake):  # noqa: F811
    # A server that echoes what it got (a proxy's error page, say) changes nothing.
    echo = f"user identifier {PUSHOVER_USER} is invalid for token {PUSHOVER_TOKEN}"
    fake.queue(Reply(400, {"user": "invalid", "errors": [echo], "status": 0}))
    texts = failed_run_texts(world, database, caplog, config(fake))

    assert any("user identifier" in text for text in texts)
    assert_secret_free(texts, PUSHOVER_USER, PUSHOVER_TOKEN)


def test_both_keys_are_secrets_kept_out_of_the_stored_settings(fake):
    public, secrets = split_settings(config(fake))
    assert secrets == {"app_token": PUSHOVER_TOKEN, "user_key": PUSHOVER_USER}
    assert PUSHOVER_TOKEN not in str(public) and PUSHOVER_USER not in str(public)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"user_key": ""}, "user_key", "Enter your user key"),
        (
            {"app_token": "short"},
            "app_token",
            "Pushover keys are 30 letters and digits; copy it again",
        ),
        ({"priority": 2}, "priority", "Choose a priority from the list"),
    ],
)
def test_bad_settings_are_named_next_to_their_field(changes, field, message):
    settings = {"app_token": PUSHOVER_TOKEN, "user_key": PUSHOVER_USER, **changes}
    errors = validate_config(PushoverConfig(**settings))
    assert [(e.field, e.message) for e in errors] == [(field, message)]
