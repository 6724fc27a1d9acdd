"""Discord webhook: POST ``{"content": …}`` to ``/api/webhooks/<id>/<token>?wait=true``.

With ``wait=true`` Discord answers 200 with the created message (without it, 204), so a
success is confirmed. Errors are JSON ``{"message": …, "code": …}`` (404 code 10015
"Unknown Webhook"); a rate limit is 429 with ``Retry-After`` and a body
``{"message", "retry_after" (seconds), "global"}``. ``content`` is at most 2000
characters; longer messages are cut. Sources:
https://docs.discord.com/developers/topics/rate-limits,
https://discord.js.org/docs/packages/discord-api-types/main/RESTRateLimit:Interface.
"""

from __future__ import annotations

import httpx

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.config import DiscordConfig
from pushgui.core.channels.http import (
    TIMEOUT,
    HttpSender,
    Verify,
    clamp_retry_after,
    json_body,
    status_failure,
)

KIND = DiscordConfig.KIND
CONTENT_LIMIT = 2000


def fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DiscordSender(HttpSender):
    service = "Discord"

    def __init__(
        self,
        config: DiscordConfig,
        *,
        client: httpx.Client | None = None,
        timeout: float = TIMEOUT,
        verify: Verify = True,
    ) -> None:
        super().__init__(client=client, timeout=timeout, verify=verify)
        self.config = config

    def payload(self, message: Outgoing) -> dict[str, object]:
        text = f"**{message.title}**\n{message.body}" if message.body else f"**{message.title}**"
        data: dict[str, object] = {
            "content": fit(text, CONTENT_LIMIT),
            # Never ping @everyone or roles because a message happened to contain one.
            "allowed_mentions": {"parse": []},
        }
        if self.config.username:
            data["username"] = self.config.username
        return data

    def send_one(self, client: httpx.Client, message: Outgoing) -> Outcome:
        response = client.post(
            self.config.webhook_url, params={"wait": "true"}, json=self.payload(message)
        )
        body = json_body(response)
        detail = ""
        if body and "message" in body:
            detail = str(body["message"])
            if body.get("code"):
                detail += f" (code {body['code']})"
        failed = status_failure(self.service, response, detail)
        if failed is not None:
            if response.status_code == 429 and failed.retry_after is None and body:
                return Outcome(
                    ok=False,
                    error=failed.error,
                    retry_after=clamp_retry_after(body.get("retry_after")),
                )
            return failed
        return Outcome(ok=True)
