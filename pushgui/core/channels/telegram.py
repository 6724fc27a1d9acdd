"""Telegram bot: POST ``{"chat_id", "text"}`` to ``/bot<token>/sendMessage``.

Every answer is JSON ``{"ok": true, "result": …}`` or ``{"ok": false, "error_code",
"description", "parameters": {"retry_after": seconds}}`` (flood control: 429, "Too Many
Requests: retry after N"). ``text`` is at most 4096 characters after entities parsing;
a formatted message is sent with ``parse_mode`` HTML, and a longer one as ordered parts
(core/messages/service_text.py).
The token is part of the URL path, so no error text or log line ever shows the URL.
Sources: https://core.telegram.org/bots/api#making-requests and #responseparameters (as
quoted at https://docs.aiogram.dev/en/v3.29.0/api/types/response_parameters.html and
https://app.unpkg.com/typegram@5.2.0/files/api.d.ts).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import SplitResult, parse_qs

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
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register, service_address
from pushgui.core.channels.mention import Mentions, valid_ids
from pushgui.core.errors import FieldError
from pushgui.core.messages.limits import limit_for, measure
from pushgui.core.messages.service_text import ServiceText, for_service, too_long
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client

TELEGRAM_API = "https://api.telegram.org"


@dataclass(frozen=True)
class TelegramConfig(ChannelConfig):
    KIND: ClassVar[str] = "telegram"
    SECRETS: ClassVar[tuple[str, ...]] = ("bot_token",)

    bot_token: str = ""
    chat_id: str = ""
    api_url: str = TELEGRAM_API


KIND = TelegramConfig.KIND


class TelegramSender(HttpSender[TelegramConfig]):
    service = "Telegram"

    def shown(self, message: Outgoing) -> ServiceText:
        return for_service(KIND, message.title, message.body, message.text_format)

    def payload(self, message: Outgoing, part: int = 0) -> dict[str, object]:
        shown = self.shown(message)
        data: dict[str, object] = {"chat_id": self.config.chat_id, "text": shown.parts[part]}
        if shown.format == "telegram":
            data["parse_mode"] = "HTML"
        return data

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        if not (shown := self.shown(message)).fits:
            return Outcome(ok=False, error=too_long(shown, self.service), permanent=True)
        payloads = [self.payload(message, part) for part in range(len(shown.parts))]
        payloads[:1] = mentioned(payloads[0], message.mentions)  # the first part pings
        post = functools.partial(self._post, client)
        return in_order(payloads, post, message.parts_sent, message.on_part)

    def _post(self, client: Client, payload: dict[str, object]) -> Outcome:
        url = f"{self.config.api_url.rstrip('/')}/bot{self.config.bot_token}/sendMessage"
        response = client.post(url, json=payload)
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


def with_mentions(payload: dict[str, object], mentions: Mentions) -> dict[str, object]:
    """``@username`` for each person before the text: Telegram turns it into a mention that
    notifies a member of the chat. A bot has no @everyone, and a username does not reach
    someone outside the chat (docs/MENTIONS.md; the editor says so)."""
    names = valid_ids([p.user_id for p in mentions.people], "telegram")
    if not names:
        return payload
    words = " ".join("@" + v for v in names)
    if payload.get("parse_mode") == "MarkdownV2":  # "_" starts italics there
        words = words.replace("_", "\\_")
    text = f"{words}\n{payload['text']}".rstrip("\n")
    return {**payload, "text": text}


def mentioned(payload: dict[str, object], mentions: Mentions) -> list[dict[str, object]]:
    """The first part with its mentions, or, when both together would be over
    Telegram's length limit (core/messages/limits.py), the mentions as a message
    of their own before it: a message is never cut to make room."""
    joined = with_mentions(payload, mentions)
    limit = limit_for("telegram")
    if joined is payload or limit is None or measure(str(joined["text"]), limit.unit) <= limit.size:
        return [joined]
    return [with_mentions({**payload, "text": ""}, mentions), payload]


class Telegram(HttpKind):
    config = TelegramConfig
    position = 80
    sender_class = TelegramSender
    paste = True
    variants = (
        Variant(
            "telegram",
            lambda: translate("channels", "Telegram"),
            lambda: translate("channels", "A Telegram bot and chat"),
            ("✈", "#229ed9"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field(
                "bot_token",
                translate("channels", "Bot token:"),
                "secret",
                translate("channels", "123456:ABC-DEF…"),
                translate("channels", "@BotFather gives it."),
            ),
            Field(
                "chat_id",
                translate("channels", "Chat id:"),
                placeholder=translate("channels", "a number, or @channelname"),
                help=translate(
                    "channels", "Where the bot posts; the bot must be a member of the chat."
                ),
            ),
            service_address(),
        )

    def validate(self, config: TelegramConfig) -> list[FieldError]:
        errors: list[FieldError] = []
        token = config.bot_token
        if not token:
            message = translate("channels", "Enter the token @BotFather gave you")
            errors.append(FieldError("bot_token", message))
        elif ":" not in token or any(c.isspace() or c == "/" for c in token):
            message = translate("channels", "A bot token looks like 123456:ABC-DEF…")
            errors.append(FieldError("bot_token", message))
        if not config.chat_id.strip():
            message = translate("channels", "Enter the chat id (a number) or @channelname")
            errors.append(FieldError("chat_id", message))
        return errors + checks.need_url("api_url", config.api_url)

    hosts = ("api.telegram.org",)

    def incomplete_url(self) -> str:
        return translate(
            "channels", "This Telegram address has no bot token; copy the whole address"
        )

    def on_own_host(self, settings: dict[str, str], host: str) -> dict[str, str]:
        del settings["api_url"]  # the official one
        return settings

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        first = parts.path.lstrip("/").split("/", 1)[0]
        if not first.startswith("bot") or ":" not in first:
            return None
        settings = {"bot_token": first[3:], "api_url": f"{parts.scheme}://{parts.netloc}"}
        chat = {k: v[-1] for k, v in parse_qs(parts.query).items()}.get("chat_id")
        if chat:
            settings["chat_id"] = chat
        return settings

    def details(self, settings: Mapping[str, Any]) -> str:
        return f"chat {settings.get('chat_id', '')}"


register(Telegram())
