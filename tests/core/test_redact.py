"""Credentials in URLs that libraries log are masked."""

from __future__ import annotations

import logging

import pytest

from pushgui.core.system.redact import MASK, RedactingFilter, redact


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "POST https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1&sign=xy%3D",
            "abc123",
        ),
        (
            "POST https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1&sign=xy%3D",
            "xy%3D",
        ),
        ("POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx", "693a91f6"),
        ("POST https://api.telegram.org/bot123456:AAE-secret_x/sendMessage", "AAE-secret_x"),
        ("POST https://hooks.slack.com/services/T000/B000/XXXXSECRET", "XXXXSECRET"),
        ("POST https://discord.com/api/webhooks/123/tok-en_SECRET", "tok-en_SECRET"),
        ("POST https://open.feishu.cn/open-apis/bot/v2/hook/1f2e-SECRET", "1f2e-SECRET"),
        ("smtp://alice:pa55word@mail.example.com:587", "pa55word"),
    ],
)
def test_tokens_in_urls_are_masked(text, secret):
    cleaned = redact(text)
    assert secret not in cleaned and MASK in cleaned


def test_the_filter_rewrites_the_record_and_keeps_other_text():
    record = logging.LogRecord(
        "httpx",
        logging.INFO,
        __file__,
        1,
        "HTTP Request: %s %s",
        ("POST", "http://h/?key=s3cr3t"),
        None,
    )
    assert RedactingFilter().filter(record) is True
    assert record.getMessage() == f"HTTP Request: POST http://h/?key={MASK}"
