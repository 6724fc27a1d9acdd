"""DingTalk group robot ("custom robot"): POST JSON to ``/robot/send?access_token=…``.

DingTalk answers HTTP 200 with ``{"errcode": 0, "errmsg": "ok"}`` on success and a
non-zero ``errcode`` on failure (310000 for a bad signature, missing keyword or IP not
allowed), so the body decides, not the status.

Signing (安全设置 → 加签): ``timestamp`` is the current time in milliseconds; ``sign`` is
Base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}")), URL-encoded, both sent as
query parameters; DingTalk rejects a timestamp more than an hour away. Sources: the
DingTalk custom-robot security settings page as quoted in
https://blog.csdn.net/weixin_31560545/article/details/116255918 and the ``dingding``
crate (https://docs.rs/crate/dingding/latest/source/src/signature.rs).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable

import httpx

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.config import DingTalkConfig
from pushgui.core.channels.http import TIMEOUT, HttpSender, Verify, json_body, status_failure

KIND = DingTalkConfig.KIND

#: errcodes that mean "too many messages": 130101 "send too fast, exceed 20 times per
#: minute" and 410100 "send too fast"; DingTalk then throttles the robot for 10 minutes.
RATE_LIMITED = {130101, 410100}
THROTTLE_SECONDS = 600.0


def sign(timestamp: str, secret: str) -> str:
    """DingTalk's signature for ``timestamp`` (ms), Base64 and not yet URL-encoded."""
    digest = hmac.new(
        secret.encode("utf-8"), f"{timestamp}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode("ascii")


class DingTalkSender(HttpSender):
    service = "DingTalk"

    def __init__(
        self,
        config: DingTalkConfig,
        *,
        client: httpx.Client | None = None,
        timeout: float = TIMEOUT,
        verify: Verify = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(client=client, timeout=timeout, verify=verify)
        self.config = config
        self._clock = clock

    def payload(self, message: Outgoing) -> dict[str, object]:
        if self.config.msgtype == "markdown":
            text = f"#### {message.title}\n\n{message.body}"
            return {"msgtype": "markdown", "markdown": {"title": message.title, "text": text}}
        text = f"{message.title}\n{message.body}" if message.body else message.title
        return {"msgtype": "text", "text": {"content": text}}

    def send_one(self, client: httpx.Client, message: Outgoing) -> Outcome:
        params = {"access_token": self.config.access_token}
        if self.config.secret:
            timestamp = str(round(self._clock() * 1000))
            # httpx URL-encodes query values, which is the "urlEncode" step of the recipe.
            params |= {"timestamp": timestamp, "sign": sign(timestamp, self.config.secret)}
        response = client.post(self.config.api_url, params=params, json=self.payload(message))
        return interpret(response)


def interpret(response: httpx.Response) -> Outcome:
    body = json_body(response)
    detail = str(body.get("errmsg", "")) if body else ""
    failed = status_failure(DingTalkSender.service, response, detail)
    if failed is not None:
        return failed
    if body is None or "errcode" not in body:
        return Outcome(ok=False, error="DingTalk gave an answer pushgui does not understand")
    code = body.get("errcode")
    if code == 0:
        return Outcome(ok=True)
    text = f"DingTalk refused the message: {detail or 'no reason given'} (errcode {code})"
    if code in RATE_LIMITED:
        return Outcome(ok=False, error=text, retry_after=THROTTLE_SECONDS)
    if code == -1:  # "system busy"
        return Outcome(ok=False, error=text)
    return Outcome(ok=False, error=text, permanent=True)
