"""Discord webhook: POST ``{"content": …}`` to ``/api/webhooks/<id>/<token>?wait=true``.

With ``wait=true`` Discord answers 200 with the created message (without it, 204), so a
success is confirmed. Errors are JSON ``{"message": …, "code": …}`` (404 code 10015
"Unknown Webhook"); a rate limit is 429 with ``Retry-After`` and a body
``{"message", "retry_after" (seconds), "global"}``. ``content`` is at most 2000
characters; a longer message is sent as ordered parts (core/messages/service_text.py). Sources:
https://docs.discord.com/developers/topics/rate-limits,
https://discord.js.org/docs/packages/discord-api-types/main/RESTRateLimit:Interface.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import SplitResult

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import (
    HttpKind,
    HttpSender,
    clamp_retry_after,
    in_order,
    json_body,
    status_failure,
)
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register
from pushgui.core.channels.mention import Mentions, valid_ids
from pushgui.core.channels.slack import webhook_field
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.messages.limits import limit_for, measure
from pushgui.core.messages.service_text import ServiceText, for_service, too_long
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client

HOSTS = ("discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com")


@dataclass(frozen=True)
class DiscordConfig(ChannelConfig):
    KIND: ClassVar[str] = "discord"
    SECRETS: ClassVar[tuple[str, ...]] = ("webhook_url",)

    webhook_url: str = ""
    username: str = ""


KIND = DiscordConfig.KIND


class DiscordSender(HttpSender[DiscordConfig]):
    service = "Discord"

    def shown(self, message: Outgoing) -> ServiceText:
        return for_service(KIND, message.title, message.body, message.text_format)

    def payload(self, message: Outgoing, part: int = 0) -> dict[str, object]:
        data: dict[str, object] = {
            "content": self.shown(message).parts[part],
            # Never ping @everyone or roles because a message happened to contain one.
            "allowed_mentions": {"parse": []},
        }
        if self.config.username:
            data["username"] = self.config.username
        return data

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        if not (shown := self.shown(message)).fits:
            return Outcome(ok=False, error=too_long(shown, self.service), permanent=True)
        payloads = [self.payload(message, part) for part in range(len(shown.parts))]
        payloads[:1] = mentioned(payloads[0], message.mentions)  # the first part pings
        post = functools.partial(self._post, client)
        return in_order(payloads, post, message.parts_sent, message.on_part)

    def _post(self, client: Client, payload: dict[str, object]) -> Outcome:
        response = client.post(self.config.webhook_url, params={"wait": "true"}, json=payload)
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


def with_mentions(payload: dict[str, object], mentions: Mentions) -> dict[str, object]:
    """``<@id>`` for each user before the content and ``allowed_mentions`` naming exactly
    those users (``@everyone`` only when chosen), so nothing else in the text can ping
    (docs/MENTIONS.md). Discord takes at most 100 users."""
    if not mentions:
        return payload
    ids = valid_ids([p.user_id for p in mentions.people], "discord")[:100]
    words = [f"<@{v}>" for v in ids] + (["@everyone"] if mentions.everyone else [])
    if not words or not isinstance(payload.get("content"), str):
        return payload
    allowed: dict[str, object] = {"parse": ["everyone"] if mentions.everyone else []}
    if ids:
        allowed["users"] = ids
    content = f"{' '.join(words)}\n{payload['content']}".rstrip("\n")
    return {**payload, "content": content, "allowed_mentions": allowed}


def mentioned(payload: dict[str, object], mentions: Mentions) -> list[dict[str, object]]:
    """The first part with its mentions, or, when both together would be over
    Discord's length limit (core/messages/limits.py), the mentions as a message
    of their own before it: a message is never cut to make room."""
    joined = with_mentions(payload, mentions)
    limit = limit_for("discord")
    if (
        joined is payload
        or limit is None
        or measure(str(joined["content"]), limit.unit) <= limit.size
    ):
        return [joined]
    return [with_mentions({**payload, "content": ""}, mentions), payload]


class Discord(HttpKind):
    config = DiscordConfig
    position = 60
    sender_class = DiscordSender
    paste = True
    variants = (
        Variant(
            "discord",
            lambda: translate("channels", "Discord"),
            lambda: translate("channels", "A Discord channel webhook"),
            ("D", "#5865f2"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            webhook_field(),
            Field(
                "username",
                translate("channels", "Post as:"),
                placeholder=translate("channels", "Optional, the name shown"),
            ),
        )

    def validate(self, config: DiscordConfig) -> list[FieldError]:
        hint = translate("channels", "Paste the Discord webhook address")
        return checks.need_url("webhook_url", config.webhook_url, hint)

    def from_url(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        if (parts.hostname or "").lower() not in HOSTS:
            return None
        segments = [s for s in parts.path.split("/") if s]
        if "webhooks" not in segments or len(segments) - segments.index("webhooks") < 3:
            message = translate(
                "channels", "A Discord webhook looks like https://discord.com/api/webhooks/id/token"
            )
            raise SpecError([FieldError("url", message)])
        return {"webhook_url": text}

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        return {"webhook_url": text}

    def details(self, settings: Mapping[str, Any]) -> str:
        return str(settings.get("username") or "")


register(Discord())
