"""Slack incoming webhook: POST ``{"text": …}`` to ``https://hooks.slack.com/services/…``.

Slack answers 200 with the plain text ``ok``; errors are HTTP 4xx with a short code as
the body (``invalid_payload``, ``no_text``, ``channel_not_found``, ``channel_is_archived``,
``action_prohibited``, ``no_service``) and 429 with ``Retry-After`` when posting faster
than about one message a second. Source: https://api.slack.com/docs/rate-limits
("Posting messages: 1 per second"); Slack's incoming-webhook error table.
"""

from __future__ import annotations

import httpx

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.config import SlackConfig
from pushgui.core.channels.http import TIMEOUT, HttpSender, Verify, snippet, status_failure

KIND = SlackConfig.KIND

_READABLE = {
    "invalid_payload": "the message was not in a form Slack accepts",
    "no_text": "the message was empty",
    "channel_not_found": "the channel no longer exists",
    "channel_is_archived": "the channel is archived",
    "action_prohibited": "an admin has restricted this webhook",
    "no_service": "the webhook was removed or disabled",
    "invalid_token": "the webhook is no longer valid",
    "no_active_hooks": "the webhook was removed or disabled",
}


def escape(text: str) -> str:
    """Slack's mrkdwn needs only &, < and > escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackSender(HttpSender):
    service = "Slack"

    def __init__(
        self,
        config: SlackConfig,
        *,
        client: httpx.Client | None = None,
        timeout: float = TIMEOUT,
        verify: Verify = True,
    ) -> None:
        super().__init__(client=client, timeout=timeout, verify=verify)
        self.config = config

    def payload(self, message: Outgoing) -> dict[str, object]:
        title = f"*{escape(message.title)}*"
        return {"text": f"{title}\n{escape(message.body)}" if message.body else title}

    def send_one(self, client: httpx.Client, message: Outgoing) -> Outcome:
        response = client.post(self.config.webhook_url, json=self.payload(message))
        code = snippet(response.text, 80)
        detail = f"{_READABLE[code]} ({code})" if code in _READABLE else code
        failed = status_failure(self.service, response, detail)
        if failed is not None:
            return failed
        if response.text.strip() != "ok":
            return Outcome(ok=False, error=f"Slack refused the message: {detail}", permanent=True)
        return Outcome(ok=True)
