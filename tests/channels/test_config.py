"""Channel settings: validation in plain words, secrets kept apart, pasted URLs read."""

from __future__ import annotations

import pytest

from pushgui.core.channels.config import (
    DINGTALK_API,
    DingTalkConfig,
    EmailConfig,
    WebhookConfig,
    config_from_settings,
    split_settings,
)
from pushgui.core.channels.urls import parse_webhook_url
from pushgui.core.channels.validation import config_warnings, validate_config
from pushgui.core.errors import SpecError


def fields_of(errors):
    return {e.field for e in errors}


@pytest.mark.parametrize(
    ("url", "kind", "settings"),
    [
        (
            "https://oapi.dingtalk.com/robot/send?access_token=abc123",
            "dingtalk",
            {"access_token": "abc123", "api_url": DINGTALK_API},
        ),
        (
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx",
            "wecom",
            {"key": "693a91f6-7xxx", "api_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"},
        ),
        (
            "https://open.feishu.cn/open-apis/bot/v2/hook/53d17651-05ef",
            "feishu",
            {"token": "53d17651-05ef", "region": "feishu"},
        ),
        (
            "https://open.larksuite.com/open-apis/bot/v2/hook/xyz",
            "feishu",
            {"token": "xyz", "region": "lark"},
        ),
        (
            "https://hooks.slack.com/services/T000/B000/XXXX",
            "slack",
            {"webhook_url": "https://hooks.slack.com/services/T000/B000/XXXX"},
        ),
        (
            "https://discord.com/api/webhooks/123/tok-en",
            "discord",
            {"webhook_url": "https://discord.com/api/webhooks/123/tok-en"},
        ),
        (
            "https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=x",
            "teams",
            {
                "webhook_url": "https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=x"
            },
        ),
        (
            "https://api.telegram.org/bot123456:ABC-DEF/sendMessage?chat_id=-100123",
            "telegram",
            {"bot_token": "123456:ABC-DEF", "chat_id": "-100123"},
        ),
        ("https://ntfy.sh/my-alerts", "ntfy", {"server": "https://ntfy.sh", "topic": "my-alerts"}),
        ("https://example.com/hook?t=1", "webhook", {"url": "https://example.com/hook?t=1"}),
        ("tgram://bottoken/chatid", "apprise", {"url": "tgram://bottoken/chatid"}),
    ],
)
def test_pasted_urls_fill_the_form(url, kind, settings):
    assert parse_webhook_url(f"  {url}\n") == (kind, settings)
    config = config_from_settings(kind, settings)
    assert validate_config(config) == [] or kind in ("telegram",)  # chat id may come later


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("", "Paste the address"),
        ("https://oapi.dingtalk.com/robot/send", "no access_token"),
        ("https://open.feishu.cn/open-apis/bot/v2/hook/", "no bot token"),
        ("https://hooks.slack.com/workflows/abc", "hooks.slack.com/services"),
        ("https://api.telegram.org/sendMessage", "no bot token"),
        ("just some words", "https://"),
    ],
)
def test_incomplete_urls_say_what_is_missing(url, says):
    with pytest.raises(SpecError) as caught:
        parse_webhook_url(url)
    [error] = caught.value.errors
    assert error.field == "url" and says in error.message


def test_secrets_are_split_from_stored_settings():
    config = DingTalkConfig(access_token="tok", secret="SECx")
    public, secrets = split_settings(config)
    assert secrets == {"access_token": "tok", "secret": "SECx"}
    assert "tok" not in repr(public) and public["msgtype"] == "text"
    assert config_from_settings("dingtalk", public | secrets) == config


def test_settings_with_wrong_types_name_the_field():
    with pytest.raises(SpecError) as caught:
        config_from_settings("email", {"host": 5, "port": "many", "timeout": "x"})
    assert fields_of(caught.value.errors) == {"host", "port", "timeout"}
    with pytest.raises(SpecError):
        config_from_settings("carrier-pigeon", {})


def test_email_validation_and_warning():
    errors = validate_config(
        EmailConfig(host="smtp example", port=0, sender_address="nobody", username="u")
    )
    assert fields_of(errors) == {"host", "port", "sender_address", "password"}
    ok = EmailConfig(host="smtp.qq.com", port=465, security="ssl", sender_address="me@qq.com")
    assert validate_config(ok) == []
    assert config_warnings(ok) == []
    [warning] = config_warnings(EmailConfig(host="h", security="none", sender_address="a@b.cn"))
    assert warning.field == "security"


def test_dingtalk_secret_must_look_like_one():
    errors = validate_config(DingTalkConfig(access_token="t", secret="abc"))
    assert [e.field for e in errors] == ["secret"]


def test_webhook_body_template_is_checked():
    assert validate_config(WebhookConfig(url="https://x.example/h")) == []
    unknown = validate_config(
        WebhookConfig(url="https://x.example/h", body_template='{"a": "${foo}"}')
    )
    assert [e.message for e in unknown] == ["Unknown placeholder ${foo}"]
    broken = validate_config(
        WebhookConfig(url="https://x.example/h", body_template='{"a": ${title}}')
    )
    assert broken[0].message.startswith("The body is not valid JSON")
    headers = validate_config(WebhookConfig(url="https://x.example/h", headers="no colon here"))
    assert [e.field for e in headers] == ["headers"]
