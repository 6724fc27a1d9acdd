"""ServerChan (Server酱) through its real sender to a fake of its API on 127.0.0.1."""

from __future__ import annotations

import pytest

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import build_sender, split_settings
from pushgui.core.channels.serverchan import ServerChanConfig, send_url
from pushgui.core.channels.urls import parse_webhook_url
from pushgui.core.channels.validation import validate_config
from pushgui.core.errors import SpecError
from tests.channels.leaks import (  # noqa: F401 - fixtures
    assert_secret_free,
    database,
    failed_run_texts,
    scheduler,
    world,
)
from tests.servers import SERVERCHAN_KEY, Reply


def message(title="会议提醒", body="下午三点开会") -> Outgoing:
    return Outgoing(push_id=1, push_name="Daily", recipient="Phone", title=title, body=body)


def config(fake, key=SERVERCHAN_KEY) -> ServerChanConfig:
    return ServerChanConfig(sendkey=key, api_url=fake.url + "/serverchan")


def test_a_message_goes_out_as_title_and_desp(fake):
    [outcome] = build_sender(config(fake)).send([message()])

    assert outcome.ok, outcome.error
    [request] = fake.requests
    assert request.path == f"/serverchan/{SERVERCHAN_KEY}.send"
    assert request.json == {"title": "会议提醒", "desp": "下午三点开会"}


def test_a_wrong_sendkey_is_a_clear_permanent_failure_that_never_shows_the_key(fake):
    wrong = "SCT999999TWrongKeyWrongKey"
    [outcome] = build_sender(config(fake, wrong)).send([message()])

    assert not outcome.ok and outcome.permanent
    assert outcome.error.startswith("ServerChan refused the message: bad pushtoken")
    assert outcome.error.endswith("(code 40001)")
    assert wrong not in outcome.error


def test_a_long_title_is_cut_to_32_characters_and_kept_whole_in_the_body(fake):
    title = "季度总结会议提醒：请所有部门负责人在周五下午三点之前提交本季度的工作总结与下季度计划"
    [outcome] = build_sender(config(fake)).send([message(title=title, body="地点：三楼")])

    assert outcome.ok, outcome.error  # the fake refuses a title over 32 characters
    sent = fake.requests[0].json
    assert len(sent["title"]) == 32 and sent["title"].endswith("…")
    assert sent["desp"] == f"{title}\n\n地点：三楼"


def test_a_body_over_32_kb_is_cut_to_fit(fake):
    [outcome] = build_sender(config(fake)).send([message(body="长" * 20_000)])

    assert outcome.ok, outcome.error
    assert len(fake.requests[0].json["desp"].encode()) <= 32 * 1024


def test_any_other_result_code_is_a_failure_with_the_services_reason(fake):
    fake.queue(Reply(200, {"code": 40003, "message": "今日发送次数已用完", "data": None}))
    outcomes = build_sender(config(fake)).send([message(), message()])

    assert [o.ok for o in outcomes] == [False, True]
    assert outcomes[0].error == "ServerChan refused the message: 今日发送次数已用完 (code 40003)"


def test_a_server_error_is_retried_later(fake):
    fake.queue(Reply(502, "Bad Gateway"))
    [outcome] = build_sender(config(fake)).send([message()])
    assert not outcome.ok and not outcome.permanent


def test_the_sendkey_stays_out_of_history_and_log(world, database, caplog, fake):  # noqa: F811
    wrong = "SCT424242TNotTheRightKey0"
    texts = failed_run_texts(world, database, caplog, config(fake, wrong))

    assert any("bad pushtoken" in text for text in texts)
    assert_secret_free(texts, wrong)


def test_the_sendkey_is_a_secret_kept_out_of_the_stored_settings(fake):
    public, secrets = split_settings(config(fake))
    assert secrets == {"sendkey": SERVERCHAN_KEY}
    assert SERVERCHAN_KEY not in str(public)


def test_a_pasted_address_fills_in_the_key():
    kind, settings = parse_webhook_url(f"https://sctapi.ftqq.com/{SERVERCHAN_KEY}.send?title=x")
    assert (kind, settings) == ("serverchan", {"sendkey": SERVERCHAN_KEY})
    with pytest.raises(SpecError, match="no SendKey"):
        parse_webhook_url("https://sctapi.ftqq.com/")


def test_a_server_chan_3_key_goes_to_its_own_address():
    sc3 = ServerChanConfig(sendkey="sctp1234tAbCdEf")
    assert send_url(sc3) == "https://1234.push.ft07.com/send/sctp1234tAbCdEf.send"
    assert send_url(ServerChanConfig(sendkey="SCTabc")) == "https://sctapi.ftqq.com/SCTabc.send"


@pytest.mark.parametrize(
    ("sendkey", "message"),
    [
        ("", "Paste the SendKey or its address"),
        ("SCT 123", "Remove the spaces; copy it again"),
        ("SCT123/../x", "A SendKey has only letters and digits; copy it again"),
    ],
)
def test_a_bad_sendkey_is_named_next_to_its_field(sendkey, message):
    errors = validate_config(ServerChanConfig(sendkey=sendkey))
    assert [(e.field, e.message) for e in errors] == [("sendkey", message)]
