"""Telegram bot: POST ``{"chat_id", "text"}`` to ``/bot<token>/sendMessage``.

Every answer is JSON ``{"ok": true, "result": …}`` or ``{"ok": false, "error_code",
"description", "parameters": {"retry_after": seconds}}`` (flood control: 429, "Too Many
Requests: retry after N"). ``text`` is at most 4096 characters; longer messages are cut.
The token is part of the URL path, so no error text or log line ever shows the URL.
Sources: https://core.telegram.org/bots/api#making-requests and #responseparameters (as
quoted at https://docs.aiogram.dev/en/v3.29.0/api/types/response_parameters.html and
https://app.unpkg.com/typegram@5.2.0/files/api.d.ts).
"""

from __future__ import annotations

import httpx

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.config import TelegramConfig
from pushgui.core.channels.http import (
    TIMEOUT,
    HttpSender,
    Verify,
    clamp_retry_after,
    json_body,
    status_failure,
)

KIND = TelegramConfig.KIND
TEXT_LIMIT = 4096


class TelegramSender(HttpSender):
    service = "Telegram"

    def __init__(
        self,
        config: TelegramConfig,
        *,
        client: httpx.Client | None = None,
        timeout: float = TIMEOUT,
        verify: Verify = True,
    ) -> None:
        super().__init__(client=client, timeout=timeout, verify=verify)
        self.config = config

    def payload(self, message: Outgoing) -> dict[str, object]:
        text = f"{message.title}\n\n{message.body}" if message.body else message.title
        if len(text) > TEXT_LIMIT:
            text = text[: TEXT_LIMIT - 1] + "…"
        return {"chat_id": self.config.chat_id, "text": text}

    def send_one(self, client: httpx.Client, message: Outgoing) -> Outcome:
        url = f"{self.config.api_url.rstrip('/')}/bot{self.config.bot_token}/sendMessage"
        response = client.post(url, json=self.payload(message))
        body = json_body(response)
        if body is not None and body.get("ok") is True:
            return Outcome(ok=True)
        description = str(body.get("description", "")) if body else ""
        failed = status_failure(self.service, response, description)
        if failed is not None:
            if response.status_code == 429 and failed.retry_after is None and body:
                parameters = body.get("parameters")
                wait = parameters.get("retry_after") if isinstance(parameters, dict) else None
                return Outcome(ok=False, error=failed.error, retry_after=clamp_retry_after(wait))
            return failed
        return Outcome(
            ok=False,
            error=f"Telegram refused the message: {description or 'no reason given'}",
            permanent=True,
        )
