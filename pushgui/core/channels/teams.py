"""Microsoft Teams through a Workflows (Power Automate) webhook: POST a message holding one
Adaptive Card.

The payload is the shape the "When a Teams webhook request is received" trigger and the
"Post card in a chat or channel" action expect: ``{"type": "message", "attachments":
[{"contentType": "application/vnd.microsoft.card.adaptive", "content": {AdaptiveCard}}]}``.
A workflow accepts with 202 (a legacy connector with 200); errors are 4xx/5xx, 429 with
``Retry-After``. Sources: https://gist.github.com/dtcMLOps/81e11acbdbe39db263f18a14b484b8ae,
https://github.com/MicrosoftDocs/msteams-docs (add-incoming-webhook.md).
"""

from __future__ import annotations

import httpx

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.config import TeamsConfig
from pushgui.core.channels.http import TIMEOUT, HttpSender, Verify, json_body, status_failure

KIND = TeamsConfig.KIND


class TeamsSender(HttpSender):
    service = "Microsoft Teams"

    def __init__(
        self,
        config: TeamsConfig,
        *,
        client: httpx.Client | None = None,
        timeout: float = TIMEOUT,
        verify: Verify = True,
    ) -> None:
        super().__init__(client=client, timeout=timeout, verify=verify)
        self.config = config

    def payload(self, message: Outgoing) -> dict[str, object]:
        body: list[dict[str, object]] = [
            {
                "type": "TextBlock",
                "text": message.title,
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
        ]
        if message.body:
            body.append({"type": "TextBlock", "text": message.body, "wrap": True})
        return {
            "type": "message",
            "attachments": [
                {
                    "contentType": "application/vnd.microsoft.card.adaptive",
                    "contentUrl": None,
                    "content": {
                        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                        "type": "AdaptiveCard",
                        "version": "1.4",
                        "body": body,
                    },
                }
            ],
        }

    def send_one(self, client: httpx.Client, message: Outgoing) -> Outcome:
        response = client.post(self.config.webhook_url, json=self.payload(message))
        body = json_body(response)
        detail = ""
        if body and isinstance(body.get("error"), dict):
            error = body["error"]
            detail = f"{error.get('message', '')} ({error.get('code', '')})".strip()
        failed = status_failure(self.service, response, detail)
        return failed or Outcome(ok=True)
