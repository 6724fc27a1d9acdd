"""Slack incoming webhook: POST ``{"text": …}`` to ``https://hooks.slack.com/services/…``.

Slack answers 200 with the plain text ``ok``; errors are HTTP 4xx with a short code as
the body (``invalid_payload``, ``no_text``, ``channel_not_found``, ``channel_is_archived``,
``action_prohibited``, ``no_service``) and 429 with ``Retry-After`` when posting faster
than about one message a second. Source: https://api.slack.com/docs/rate-limits
("Posting messages: 1 per second"); Slack's incoming-webhook error table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import SplitResult

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import HttpKind, HttpSender, snippet, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register
from pushgui.core.channels.mention import Mentions, valid_ids
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.messages.service_text import ServiceText, for_service, too_long
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client


@dataclass(frozen=True)
class SlackConfig(ChannelConfig):
    KIND: ClassVar[str] = "slack"
    SECRETS: ClassVar[tuple[str, ...]] = ("webhook_url",)

    webhook_url: str = ""


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


class SlackSender(HttpSender[SlackConfig]):
    service = "Slack"

    def shown(self, message: Outgoing) -> ServiceText:
        return for_service("slack", message.title, message.body, message.text_format)

    def payload(self, message: Outgoing) -> dict[str, object]:
        return {"text": self.shown(message).text}

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        if not (shown := self.shown(message)).fits:
            return Outcome(ok=False, error=too_long(shown, self.service), permanent=True)
        response = client.post(
            self.config.webhook_url, json=with_mentions(self.payload(message), message.mentions)
        )
        code = snippet(response.text, 80)
        detail = f"{_READABLE[code]} ({code})" if code in _READABLE else code
        failed = status_failure(self.service, response, detail)
        if failed is not None:
            return failed
        if response.text.strip() != "ok":
            return Outcome(ok=False, error=f"Slack refused the message: {detail}", permanent=True)
        return Outcome(ok=True)


def webhook_field(label: str | None = None, help: str = "") -> Field:
    """The one field of a kind that is just a token-bearing webhook address."""
    label = label or translate("channels", "Webhook address:")
    return Field("webhook_url", label, "secret", "https://…", help)


class Slack(HttpKind):
    config = SlackConfig
    position = 50
    sender_class = SlackSender
    paste = True
    variants = (
        Variant(
            "slack",
            lambda: translate("channels", "Slack"),
            lambda: translate("channels", "A Slack incoming webhook"),
            ("S", "#4a154b"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (webhook_field(),)

    def validate(self, config: SlackConfig) -> list[FieldError]:
        hint = translate("channels", "Paste the incoming webhook address")
        return checks.need_url("webhook_url", config.webhook_url, hint)

    def from_url(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        if (parts.hostname or "").lower() != "hooks.slack.com":
            return None
        if not parts.path.startswith("/services/") or parts.path.rstrip("/").count("/") < 4:
            message = translate(
                "channels", "A Slack incoming webhook looks like https://hooks.slack.com/services/…"
            )
            raise SpecError([FieldError("url", message)])
        return {"webhook_url": text}

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        return {"webhook_url": text}


def with_mentions(payload: dict[str, object], mentions: Mentions) -> dict[str, object]:
    """``<@U…>`` for each member and ``<!channel>`` for everyone, before the text; the ID is
    checked, so it cannot close the ``<…>`` early (docs/MENTIONS.md)."""
    if not mentions:
        return payload
    ids = valid_ids([p.user_id for p in mentions.people], "slack")
    words = [f"<@{v}>" for v in ids] + (["<!channel>"] if mentions.everyone else [])
    if not words or not isinstance(payload.get("text"), str):
        return payload
    return {**payload, "text": f"{' '.join(words)} {payload['text']}"}


register(Slack())
