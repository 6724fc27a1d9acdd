"""A generic webhook: the user's body template, rendered per message, sent with their
method and headers. Success is any 2xx answer (there is no result field to check)."""

from __future__ import annotations

import httpx

from pushgui.core import templating
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.config import WebhookConfig
from pushgui.core.channels.http import TIMEOUT, HttpSender, Verify, status_failure

KIND = WebhookConfig.KIND


def parse_headers(text: str) -> dict[str, str]:
    """``Name: value`` lines as a dict; blank lines are skipped."""
    headers: dict[str, str] = {}
    for line in text.splitlines():
        name, colon, value = line.partition(":")
        if colon and name.strip():
            headers[name.strip()] = value.strip()
    return headers


class WebhookSender(HttpSender):
    service = "The webhook"

    def __init__(
        self,
        config: WebhookConfig,
        *,
        client: httpx.Client | None = None,
        timeout: float = TIMEOUT,
        verify: Verify = True,
    ) -> None:
        super().__init__(client=client, timeout=timeout, verify=verify)
        self.config = config

    def body(self, message: Outgoing) -> str:
        values = {
            "title": message.title,
            "body": message.body,
            "recipient": message.recipient,
            "push": message.push_name,
        }
        as_json = "json" in self.config.content_type.lower()
        escape = templating.json_escape if as_json else None
        return templating.render(self.config.body_template, values, escape=escape)

    def send_one(self, client: httpx.Client, message: Outgoing) -> Outcome:
        headers = {"Content-Type": f"{self.config.content_type}; charset=utf-8"}
        headers |= parse_headers(self.config.headers)
        response = client.request(
            self.config.method,
            self.config.url,
            content=self.body(message).encode("utf-8"),
            headers=headers,
        )
        return status_failure(self.service, response) or Outcome(ok=True)
