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

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import SplitResult

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import HttpKind, HttpSender, json_body, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register
from pushgui.core.channels.slack import webhook_field
from pushgui.core.errors import FieldError
from pushgui.core.messages.service_text import for_service, too_long, wire_json
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client


@dataclass(frozen=True)
class TeamsConfig(ChannelConfig):
    """A Microsoft Teams "Workflows" webhook (Power Automate), or a legacy connector URL."""

    KIND: ClassVar[str] = "teams"
    SECRETS: ClassVar[tuple[str, ...]] = ("webhook_url",)

    webhook_url: str = ""


KIND = TeamsConfig.KIND


def card(title: str, text: str) -> dict[str, object]:
    """The message Teams is sent: an Adaptive Card with the title in bold, then the text."""
    body: list[dict[str, object]] = [
        {"type": "TextBlock", "text": title, "weight": "Bolder", "size": "Medium", "wrap": True},
    ]
    if text:
        body.append({"type": "TextBlock", "text": text, "wrap": True})
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


class TeamsSender(HttpSender[TeamsConfig]):
    service = "Microsoft Teams"

    def payload(self, message: Outgoing) -> dict[str, object]:
        return card(message.title, message.body)

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        if not (shown := for_service(KIND, message.title, message.body)).fits:
            return Outcome(ok=False, error=too_long(shown, self.service), permanent=True)
        # Sent as the bytes that were measured against Teams' 28 KB (core/messages/limits.py).
        response = client.post(
            self.config.webhook_url,
            content=wire_json(self.payload(message)),
            headers={"Content-Type": "application/json"},
        )
        body = json_body(response)
        detail = ""
        if body and isinstance(body.get("error"), dict):
            error = body["error"]
            detail = f"{error.get('message', '')} ({error.get('code', '')})".strip()
        failed = status_failure(self.service, response, detail)
        return failed or Outcome(ok=True)


class Teams(HttpKind):
    config = TeamsConfig
    position = 70
    sender_class = TeamsSender
    paste = True
    variants = (
        Variant(
            "teams",
            lambda: translate("channels", "Microsoft Teams"),
            lambda: translate("channels", "A Teams workflow webhook"),
            ("T", "#5059c9"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            webhook_field(
                translate("channels", "Workflow address:"),
                translate(
                    "channels",
                    "In Teams: Workflows → “Post to a channel when a webhook request is received”.",
                ),
            ),
        )

    def validate(self, config: TeamsConfig) -> list[FieldError]:
        hint = translate("channels", "Paste the workflow's address")
        return checks.need_url("webhook_url", config.webhook_url, hint)

    def from_url(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        host, path = (parts.hostname or "").lower(), parts.path
        if (
            (host.endswith(".logic.azure.com") and "/workflows/" in path)
            or (host.endswith(".api.powerplatform.com") and "/workflows/" in path)
            or (host.endswith(".webhook.office.com") or host == "outlook.office.com")
        ):
            return {"webhook_url": text}
        return None

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        return {"webhook_url": text}


register(Teams())
