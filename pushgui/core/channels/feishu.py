"""Feishu and Lark custom bots: POST JSON to ``/open-apis/bot/v2/hook/<token>``.

Success is ``{"code": 0, "msg": "success", "data": {}}`` (older answers:
``{"StatusCode": 0, "StatusMessage": "success"}``); errors come at HTTP 200 too, e.g.
``{"code": 19021, "msg": "sign match fail or timestamp is not within one hour from
current time"}``. 11232 and 9499 are the bots' rate limit (100 a minute, 5 a second per bot);
other Open APIs answer HTTP 429 with ``x-ogw-ratelimit-reset`` (seconds).

Signing: ``timestamp`` in seconds and ``sign`` = Base64(HMAC-SHA256(key=f"{timestamp}\\n
{secret}", msg=b"")), both in the JSON body; a timestamp more than an hour away is
refused. Note the key/message are the other way round from DingTalk. Sources: the custom
bot guide https://open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN.md, its
Python sample quoted at https://m.down10s.com/jiaocheng/5605312225.html, Gitea's fix
https://github.com/go-gitea/gitea/pull/34802, the error quoted in
https://github.com/feiyu563/PrometheusAlert/issues/422, and rate limits at
https://open.feishu.cn/document/server-docs/api-call-guide/frequency-control.md.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable

import httpx

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.config import FeishuConfig
from pushgui.core.channels.http import (
    TIMEOUT,
    HttpSender,
    Verify,
    json_body,
    parse_retry_after,
    status_failure,
)

KIND = FeishuConfig.KIND

RATE_LIMITED = {9499, 11232, 99991400}


def sign(timestamp: str, secret: str) -> str:
    """Feishu's signature: HMAC-SHA256 of an empty message keyed by "timestamp\\nsecret"."""
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


class FeishuSender(HttpSender):
    def __init__(
        self,
        config: FeishuConfig,
        *,
        client: httpx.Client | None = None,
        timeout: float = TIMEOUT,
        verify: Verify = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(client=client, timeout=timeout, verify=verify)
        self.config = config
        self.service = "Lark" if config.region == "lark" else "Feishu"
        self._clock = clock

    def payload(self, message: Outgoing) -> dict[str, object]:
        text = f"{message.title}\n{message.body}" if message.body else message.title
        data: dict[str, object] = {"msg_type": "text", "content": {"text": text}}
        if self.config.secret:
            timestamp = str(int(self._clock()))
            data |= {"timestamp": timestamp, "sign": sign(timestamp, self.config.secret)}
        return data

    def send_one(self, client: httpx.Client, message: Outgoing) -> Outcome:
        url = self.config.hook_base + self.config.token
        response = client.post(url, json=self.payload(message))
        body = json_body(response)
        code = body.get("code", body.get("StatusCode")) if body else None
        detail = str(body.get("msg", body.get("StatusMessage", ""))) if body else ""
        if response.status_code in (400, 429) and code in RATE_LIMITED:
            wait = parse_retry_after(
                response.headers.get("Retry-After") or response.headers.get("x-ogw-ratelimit-reset")
            )
            return Outcome(
                ok=False,
                error=f"{self.service} is limiting how fast messages are sent ({detail})",
                retry_after=wait,
            )
        failed = status_failure(self.service, response, detail)
        if failed is not None:
            if response.status_code == 429 and failed.retry_after is None:
                wait = parse_retry_after(response.headers.get("x-ogw-ratelimit-reset"))
                return Outcome(ok=False, error=failed.error, retry_after=wait)
            return failed
        if code is None:
            return Outcome(
                ok=False, error=f"{self.service} gave an answer pushgui does not understand"
            )
        if code == 0:
            return Outcome(ok=True)
        text = f"{self.service} refused the message: {detail or 'no reason given'} (code {code})"
        if code in RATE_LIMITED:
            return Outcome(ok=False, error=text, retry_after=60.0)
        return Outcome(ok=False, error=text, permanent=True)
