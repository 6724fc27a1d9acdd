"""Shared HTTP helpers: Retry-After in both forms, masking."""

from __future__ import annotations

from datetime import UTC, datetime

from pushgui.core.channels.http import MAX_RETRY_AFTER, mask_url, parse_retry_after


def test_retry_after_seconds_and_http_date():
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(" 1.5 ") == 1.5
    assert parse_retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("999999") == MAX_RETRY_AFTER
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("nan") is None


def test_mask_url_keeps_only_the_host():
    assert mask_url("https://oapi.dingtalk.com/robot/send?access_token=x") == (
        "https://oapi.dingtalk.com/…"
    )
    assert mask_url("https://ntfy.sh") == "https://ntfy.sh"
    assert mask_url("nonsense") == "(an address that could not be read)"
