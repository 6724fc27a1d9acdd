"""Shared HTTP helpers: Retry-After in both forms, masking."""

from __future__ import annotations

from datetime import UTC, datetime

from pushgui.core.channels.http import MAX_RETRY_AFTER, mask_url, parse_retry_after
from tests.servers import Reply


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


def test_client_keeps_the_request_shape_follows_no_redirect_and_takes_no_proxy(
    fake, dead_port, monkeypatch
):
    """What the senders had from httpx.Client: a 302 is an answer (never followed, so a
    message is not posted twice nor to another host), a proxy in the environment is not
    used, params are merged into the address's query, bodies and headers are httpx's."""
    from pushgui.core.channels.transport import make_client

    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{dead_port}")
    fake.route("/moved", lambda request: Reply(302, "", {"Location": fake.url + "/other"}))
    fake.route("/hook", lambda request: Reply(200, {"ok": True}, {"X-Twice": "a"}))
    with make_client(timeout=10) as client:
        moved = client.post(
            fake.url + "/moved?token=t", params={"sign": "a+b/=="}, json={"k": "值"}
        )
        form = client.post(fake.url + "/hook", data={"title": "a b&c"})
    assert moved.status_code == 302 and moved.reason_phrase == "Found"
    assert [r.path for r in fake.requests] == ["/moved", "/hook"]
    first, second = fake.requests
    assert first.query == {"token": ["t"], "sign": ["a+b/=="]}
    assert first.body == '{"k":"值"}'.encode()
    assert first.headers["content-type"] == "application/json"
    assert first.headers["accept-encoding"] == "identity"
    assert first.headers["user-agent"].startswith("pushgui/")
    assert second.body == b"title=a+b%26c"
    assert second.headers["content-type"] == "application/x-www-form-urlencoded"
    assert form.headers.get("x-twice") == "a" and form.headers["Content-Type"] == "application/json"
    assert form.text == '{"ok": true}'
