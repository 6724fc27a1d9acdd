"""ntfy: publish as JSON, POST ``{"topic", "title", "message", "priority"}`` to the server's
root URL (so non-ASCII titles need no header encoding), with ``Authorization: Bearer`` for
a protected topic.

Success is 200 with the published message as JSON; errors are JSON ``{"code": 40301,
"http": 403, "error": "forbidden"}``, 429 when the visitor's limits are reached. Source:
https://docs.ntfy.sh/publish/ ("Publish as JSON", "Access tokens").
"""

from __future__ import annotations

import httpx

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.config import NtfyConfig
from pushgui.core.channels.http import TIMEOUT, HttpSender, Verify, json_body, status_failure

KIND = NtfyConfig.KIND


class NtfySender(HttpSender):
    service = "ntfy"

    def __init__(
        self,
        config: NtfyConfig,
        *,
        client: httpx.Client | None = None,
        timeout: float = TIMEOUT,
        verify: Verify = True,
    ) -> None:
        super().__init__(client=client, timeout=timeout, verify=verify)
        self.config = config

    def payload(self, message: Outgoing) -> dict[str, object]:
        return {
            "topic": self.config.topic,
            "title": message.title,
            "message": message.body or message.title,
            "priority": self.config.priority,
        }

    def send_one(self, client: httpx.Client, message: Outgoing) -> Outcome:
        headers = {"Authorization": f"Bearer {self.config.token}"} if self.config.token else {}
        response = client.post(
            self.config.server.rstrip("/") + "/", json=self.payload(message), headers=headers
        )
        body = json_body(response)
        detail = ""
        if body and "error" in body:
            detail = f"{body['error']} (code {body.get('code', response.status_code)})"
        return status_failure(self.service, response, detail) or Outcome(ok=True)
