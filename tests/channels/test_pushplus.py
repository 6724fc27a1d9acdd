"""PushPlus (推送加) through its real sender to a fake of its API on 127.0.0.1."""

from __future__ import annotations

import pytest

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import build_sender, split_settings
from pushgui.core.channels.pushplus import PushPlusConfig
from pushgui.core.channels.urls import parse_webhook_url
from pushgui.core.channels.validation import validate_config
from tests.channels.leaks import (  # noqa: F401 - fixtures
    assert_secret_free,
    database,
    failed_run_texts,
    scheduler,
    world,
)
from tests.servers import PUSHPLUS_TOKEN, Reply, pushplus_api


def message(title="会议提醒", body="下午三点开会") -> Outgoing:
    return Outgoing(push_id=1, push_name="Daily", recipient="Phone", title=title, body=body)


def config(fake, token=PUSHPLUS_TOKEN, **kw) -> PushPlusConfig:
    return PushPlusConfig(token=token, api_url=fake.url + "/pushplus/send", **kw)


def test_a_message_goes_out_with_token_title_content_and_template(fake):
    [outcome] = build_sender(config(fake, template="markdown")).send([message()])

    assert outcome.ok, outcome.error
    assert fake.requests[0].json == {
        "token": PUSHPLUS_TOKEN,
        "title": "会议提醒",
        "content": "下午三点开会",
        "template": "markdown",
    }


def test_a_group_code_sends_to_the_group(fake):
    assert build_sender(config(fake, topic="team")).send([message()])[0].ok
    assert fake.requests[0].json["topic"] == "team"


def test_a_wrong_token_is_a_clear_permanent_failure_despite_http_200(fake):
    [outcome] = build_sender(config(fake, "0" * 32)).send([message()])

    assert not outcome.ok and outcome.permanent
    assert outcome.error == "PushPlus refused the message: 无效的用户令牌 (code 903)"


def test_the_days_quota_used_up_is_reported_and_not_hammered(fake):
    fake.route("/pushplus/send", pushplus_api(daily_limit=1))
    outcomes = build_sender(config(fake)).send([message(), message(), message()])

    assert [o.ok for o in outcomes] == [True, False, False]
    assert outcomes[1].error == "PushPlus refused the message: 用户账号使用受限 (code 900)"
    assert outcomes[1].permanent  # sending more only prolongs the block


def test_the_services_own_trouble_is_retried_later(fake):
    fake.queue(Reply(200, {"code": 500, "msg": "系统异常,请稍后再试", "data": None}))
    outcomes = build_sender(config(fake)).send([message(), message()])

    assert not outcomes[0].ok and not outcomes[0].permanent
    assert len(fake.requests) == 1  # the batch stopped at the first retryable failure


def test_the_token_stays_out_of_history_and_log(world, database, caplog, fake):  # noqa: F811
    fake.queue(Reply(200, {"code": 999, "msg": f"token {PUSHPLUS_TOKEN} 验证错误", "data": None}))
    texts = failed_run_texts(world, database, caplog, config(fake))

    assert any("code 999" in text for text in texts)
    assert_secret_free(texts, PUSHPLUS_TOKEN)


def test_the_token_is_a_secret_kept_out_of_the_stored_settings(fake):
    public, secrets = split_settings(config(fake))
    assert secrets == {"token": PUSHPLUS_TOKEN}
    assert PUSHPLUS_TOKEN not in str(public)


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.pushplus.plus/send?token={PUSHPLUS_TOKEN}&title=x&content=y",
        f"http://www.pushplus.plus/send/{PUSHPLUS_TOKEN}",
    ],
)
def test_a_pasted_address_fills_in_the_token(url):
    assert parse_webhook_url(url) == ("pushplus", {"token": PUSHPLUS_TOKEN})


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"token": ""}, "token", "Paste your PushPlus token"),
        ({"token": "ab cd"}, "token", "Remove the spaces; copy it again"),
        ({"template": "json"}, "template", "Choose plain text, Markdown or HTML"),
    ],
)
def test_bad_settings_are_named_next_to_their_field(changes, field, message):
    settings = {"token": PUSHPLUS_TOKEN, **changes}
    errors = validate_config(PushPlusConfig(**settings))
    assert [(e.field, e.message) for e in errors] == [(field, message)]
