"""Each bot sender against the fake bot APIs: payload shape, signatures checked by the
server, errors answered at HTTP 200, rate limits, server errors and timeouts."""

from __future__ import annotations

import pytest

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import (
    DingTalkConfig,
    DiscordConfig,
    FeishuConfig,
    NtfyConfig,
    SlackConfig,
    TeamsConfig,
    TelegramConfig,
    WebhookConfig,
    WeComConfig,
    build_sender,
)
from pushgui.core.channels.dingtalk import DingTalkSender
from pushgui.core.channels.feishu import FeishuSender
from pushgui.core.channels.http import mask_url
from tests.servers import (
    DINGTALK_SECRET,
    DINGTALK_TOKEN,
    FEISHU_SECRET,
    FEISHU_TOKEN,
    NTFY_TOKEN,
    TELEGRAM_TOKEN,
    WECOM_KEY,
    Reply,
    dingtalk_api,
    feishu_api,
)

TEXT = "会议提醒\n下午三点开会 at 3 pm"


def message(title="会议提醒", body="下午三点开会 at 3 pm", recipient="channel 1") -> Outgoing:
    return Outgoing(push_id=1, push_name="Daily", recipient=recipient, title=title, body=body)


def dingtalk(fake, **kw):
    config = DingTalkConfig(
        access_token=DINGTALK_TOKEN, secret=DINGTALK_SECRET, api_url=fake.url + "/robot/send"
    )
    return DingTalkSender(config, **kw)


# --- DingTalk --------------------------------------------------------------------------


def test_dingtalk_signed_text_message_is_accepted(fake):
    outcomes = dingtalk(fake).send([message()])

    assert outcomes[0].ok, outcomes[0].error
    request = fake.requests[0]
    assert request.json == {
        "msgtype": "text",
        "text": {"content": TEXT},
    }
    assert request.param("access_token") == DINGTALK_TOKEN
    assert request.headers["content-type"].startswith("application/json")
    # The sign is URL-encoded on the wire: a raw '+' would arrive as a space.
    raw_sign = request.raw_query.split("sign=", 1)[1].split("&", 1)[0]
    assert "+" not in raw_sign and "/" not in raw_sign


def test_dingtalk_markdown_shape(fake):
    sender = DingTalkSender(
        DingTalkConfig(
            access_token=DINGTALK_TOKEN,
            secret=DINGTALK_SECRET,
            msgtype="markdown",
            api_url=fake.url + "/robot/send",
        )
    )
    assert sender.send([message()])[0].ok
    data = fake.requests[0].json
    assert data["msgtype"] == "markdown"
    assert data["markdown"]["title"] == "会议提醒"
    assert "下午三点开会" in data["markdown"]["text"]


def test_dingtalk_wrong_secret_is_a_failure_despite_http_200(fake):
    config = DingTalkConfig(
        access_token=DINGTALK_TOKEN, secret="SECwrong", api_url=fake.url + "/robot/send"
    )
    [outcome] = DingTalkSender(config).send([message()])

    assert not outcome.ok and outcome.permanent
    assert outcome.error == "DingTalk refused the message: sign not match (errcode 310000)"


def test_dingtalk_stale_timestamp_is_refused(fake):
    sender = dingtalk(fake, clock=lambda: 1_000_000.0)  # 1970: far more than an hour away
    [outcome] = sender.send([message()])
    assert not outcome.ok and "errcode 310000" in outcome.error


def test_dingtalk_keyword_error_is_readable(fake):
    fake.route("/robot/send", dingtalk_api(keyword="提醒机器人"))
    [outcome] = dingtalk(fake).send([message()])
    assert outcome.error == (
        "DingTalk refused the message: keywords not in content (errcode 310000)"
    )


def test_dingtalk_rate_limit_errcode_is_retryable_and_stops_the_batch(fake):
    fake.queue(
        Reply(200, {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"})
    )
    outcomes = dingtalk(fake).send([message(), message(), message()])

    assert [o.ok for o in outcomes] == [False, False, False]
    assert all(not o.permanent and o.retry_after == 600.0 for o in outcomes)
    assert len(fake.requests) == 1  # the rest were not hammered into the limit
    assert outcomes[1].error.startswith("Not sent: DingTalk refused the message: send too fast")


# --- rate limits, server errors, timeouts (shared behaviour, shown on several services) ----


def test_http_429_with_retry_after_is_retryable(fake):
    fake.queue(Reply(429, "rate_limited", headers={"Retry-After": "7"}))
    sender = build_sender(SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX"))
    [outcome] = sender.send([message()])

    assert not outcome.ok and not outcome.permanent
    assert outcome.retry_after == 7.0
    assert "Slack is limiting how fast messages are sent" in outcome.error


def test_5xx_is_retryable_and_the_next_send_works(fake):
    fake.queue(Reply(503, "Service Unavailable"))
    sender = build_sender(WeComConfig(key=WECOM_KEY, api_url=fake.url + "/cgi-bin/webhook/send"))

    [first] = sender.send([message()])
    [second] = sender.send([message()])

    assert not first.ok and not first.permanent and first.retry_after is None
    assert "HTTP 503" in first.error
    assert second.ok


def test_slow_server_is_a_timeout_failure(fake):
    fake.queue(Reply(200, {"errcode": 0, "errmsg": "ok"}, delay=1.5))
    sender = dingtalk(fake, timeout=0.3)
    outcomes = sender.send([message(), message()])

    assert outcomes[0].error == "DingTalk did not answer within 0.3 seconds"
    assert not outcomes[0].permanent
    assert outcomes[1].error.startswith("Not sent: ")
    assert len(fake.requests) == 1


def test_dead_server_is_a_readable_failure(dead_port):
    config = DingTalkConfig(
        access_token=DINGTALK_TOKEN, api_url=f"http://127.0.0.1:{dead_port}/robot/send"
    )
    [outcome] = DingTalkSender(config).send([message()])
    assert not outcome.ok and not outcome.permanent
    assert outcome.error.startswith("Could not reach DingTalk: ")
    assert DINGTALK_TOKEN not in outcome.error


def test_https_with_an_untrusted_certificate_is_refused(server_tls, client_tls):
    """The HTTP channels verify certificates too; a trusted CA makes the same call work."""
    import http.server
    import threading

    class Ok(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Ok)
    httpd.socket = server_tls.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    try:
        url = f"https://127.0.0.1:{httpd.server_address[1]}/services/T/B/X"
        [refused] = build_sender(SlackConfig(webhook_url=url)).send([message()])
        [trusted] = build_sender(SlackConfig(webhook_url=url), verify=client_tls).send([message()])
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert not refused.ok and refused.permanent
    assert "certificate" in refused.error
    assert trusted.ok, trusted.error


# --- WeCom -----------------------------------------------------------------------------


def test_wecom_text_payload_and_errcode(fake):
    api = fake.url + "/cgi-bin/webhook/send"
    ok = build_sender(WeComConfig(key=WECOM_KEY, api_url=api)).send([message()])
    [bad] = build_sender(WeComConfig(key="wrong", api_url=api)).send([message()])

    assert ok[0].ok
    assert fake.requests[0].json == {
        "msgtype": "text",
        "text": {"content": TEXT},
    }
    assert fake.requests[0].param("key") == WECOM_KEY
    assert bad.error == "WeCom refused the message: invalid webhook url (errcode 93000)"
    assert bad.permanent


def test_wecom_rate_limit_and_long_text_refused_in_bytes(fake):
    api = fake.url + "/cgi-bin/webhook/send"
    fake.queue(Reply(200, {"errcode": 45009, "errmsg": "api freq out of limit"}))
    [limited] = build_sender(WeComConfig(key=WECOM_KEY, api_url=api)).send([message()])
    [long] = build_sender(WeComConfig(key=WECOM_KEY, api_url=api)).send([message(body="长" * 3000)])

    assert limited.retry_after == 60.0 and not limited.permanent
    # 9,000 bytes of text (3,000 characters): refused before sending, never cut.
    assert not long.ok and long.permanent
    assert "9,013 bytes on WeCom, which takes at most 2,048" in long.error
    assert len(fake.requests) == 1


# --- Feishu / Lark ---------------------------------------------------------------------


def feishu(fake, secret=FEISHU_SECRET, region="feishu", **kw):
    config = FeishuConfig(
        token=FEISHU_TOKEN,
        secret=secret,
        region=region,
        api_url=fake.url + "/open-apis/bot/v2/hook/",
    )
    return FeishuSender(config, **kw)


def test_feishu_signed_message_is_accepted(fake):
    [outcome] = feishu(fake).send([message()])

    assert outcome.ok, outcome.error
    data = fake.requests[0].json
    assert data["msg_type"] == "text"
    assert data["content"] == {"text": TEXT}
    assert data["timestamp"].isdigit() and len(data["timestamp"]) == 10  # seconds
    assert fake.requests[0].path == f"/open-apis/bot/v2/hook/{FEISHU_TOKEN}"


def test_feishu_bad_signature_is_a_failure_despite_http_200(fake):
    [outcome] = feishu(fake, secret="not-the-secret").send([message()])
    assert not outcome.ok and outcome.permanent
    assert outcome.error == (
        "Feishu refused the message: sign match fail or timestamp is not within one hour "
        "from current time (code 19021)"
    )


def test_lark_unsigned_bot_and_its_name_in_errors(fake):
    fake.route("/open-apis/bot/v2/hook/", feishu_api(secret=None))
    assert feishu(fake, secret="", region="lark").send([message()])[0].ok
    assert "sign" not in fake.requests[0].json
    fake.queue(Reply(200, {"code": 11232, "msg": "frequency limited", "data": {}}))
    [limited] = feishu(fake, secret="", region="lark").send([message()])
    assert limited.error.startswith("Lark refused the message: frequency limited (code 11232)")
    assert not limited.permanent and limited.retry_after == 60.0


def test_feishu_http_429_uses_the_ratelimit_reset_header(fake):
    fake.queue(
        Reply(
            429,
            {"code": 99991400, "msg": "request trigger frequency limit"},
            headers={"x-ogw-ratelimit-reset": "52"},
        )
    )
    [outcome] = feishu(fake).send([message()])
    assert not outcome.ok and outcome.retry_after == 52.0


# --- Slack, Discord, Teams, Telegram, ntfy, generic ---------------------------------------


def test_slack_payload_and_error_text(fake):
    good = build_sender(SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX"))
    gone = build_sender(SlackConfig(webhook_url=fake.url + "/services/T000/B000/GONE"))

    assert good.send([message(title="A <b> & c")])[0].ok
    [outcome] = gone.send([message()])

    assert fake.requests[0].json == {"text": "*A &lt;b&gt; &amp; c*\n下午三点开会 at 3 pm"}
    assert outcome.permanent
    assert outcome.error == (
        "Slack does not know this address any more "
        "(HTTP 404: the webhook was removed or disabled (no_service))"
    )


def test_discord_waits_for_confirmation_and_reads_retry_after_from_the_body(fake):
    sender = build_sender(DiscordConfig(webhook_url=fake.url + "/api/webhooks/123/tok"))
    assert sender.send([message()])[0].ok
    request = fake.requests[0]
    assert request.param("wait") == "true"
    assert request.json["content"] == "**会议提醒**\n下午三点开会 at 3 pm"
    assert request.json["allowed_mentions"] == {"parse": []}

    fake.queue(
        Reply(429, {"message": "You are being rate limited.", "retry_after": 1.5, "global": False})
    )
    [limited] = sender.send([message()])
    assert limited.retry_after == 1.5 and not limited.permanent

    [unknown] = build_sender(DiscordConfig(webhook_url=fake.url + "/api/webhooks/9/x")).send(
        [message()]
    )
    assert unknown.permanent and "Unknown Webhook (code 10015)" in unknown.error


def test_teams_posts_an_adaptive_card(fake):
    url = fake.url + "/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=SIG"
    [outcome] = build_sender(TeamsConfig(webhook_url=url)).send([message()])

    assert outcome.ok, outcome.error
    data = fake.requests[0].json
    assert data["type"] == "message"
    [attachment] = data["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard"
    assert [block["text"] for block in card["body"]] == ["会议提醒", "下午三点开会 at 3 pm"]


def test_telegram_payload_errors_and_flood_control(fake):
    sender = build_sender(
        TelegramConfig(bot_token=TELEGRAM_TOKEN, chat_id="-1001234", api_url=fake.url)
    )
    assert sender.send([message()])[0].ok
    assert fake.requests[0].json == {
        "chat_id": "-1001234",
        "text": "会议提醒\n\n下午三点开会 at 3 pm",
    }

    fake.queue(
        Reply(
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 5",
                "parameters": {"retry_after": 5},
            },
        )
    )
    [limited] = sender.send([message()])
    assert limited.retry_after == 5.0 and not limited.permanent

    wrong = build_sender(TelegramConfig(bot_token="1:wrong", chat_id="1", api_url=fake.url))
    [refused] = wrong.send([message()])
    assert refused.permanent and "Unauthorized" in refused.error
    assert "1:wrong" not in refused.error


def test_ntfy_publishes_json_with_a_bearer_token(fake):
    config = NtfyConfig(server=fake.url + "/ntfy", topic="alerts", token=NTFY_TOKEN, priority=4)
    assert build_sender(config).send([message()])[0].ok
    request = fake.requests[0]
    assert request.path == "/ntfy/"
    assert request.json == {
        "topic": "alerts",
        "title": "会议提醒",
        "message": "下午三点开会 at 3 pm",
        "priority": 4,
    }

    [refused] = build_sender(NtfyConfig(server=fake.url + "/ntfy", topic="alerts")).send(
        [message()]
    )
    assert refused.permanent
    assert refused.error == "ntfy refused the credentials (HTTP 403: forbidden (code 40301))"


def test_generic_webhook_renders_its_template_as_json(fake):
    fake.route("/hook", lambda request: Reply(200, "thanks"))
    config = WebhookConfig(
        url=fake.url + "/hook?token=t",
        method="PUT",
        headers="X-Api-Key: k1\nX-Other: two",
        body_template='{"msg": "${title}: ${body}", "who": "${recipient}"}',
    )
    title = 'Quote " and \\ backslash'
    assert build_sender(config).send([message(title=title, body="line1\nline2")])[0].ok
    request = fake.requests[0]
    assert request.method == "PUT"
    assert request.headers["x-api-key"] == "k1"
    assert request.json == {"msg": f"{title}: line1\nline2", "who": "channel 1"}


def test_errors_and_masks_never_show_tokens(fake):
    fake.queue(Reply(500, "boom"))
    url = fake.url + "/services/T000/B000/XXXX"
    [outcome] = build_sender(SlackConfig(webhook_url=url)).send([message()])
    assert "XXXX" not in outcome.error
    assert mask_url(url) == fake.url + "/…"
    assert (
        mask_url("https://api.telegram.org/bot123:abc/sendMessage") == "https://api.telegram.org/…"
    )


@pytest.mark.parametrize("kind_config", [SlackConfig(webhook_url="http://[::1")])
def test_an_unusable_url_is_a_permanent_failure(kind_config):
    [outcome] = build_sender(kind_config).send([message()])
    assert not outcome.ok and outcome.permanent
