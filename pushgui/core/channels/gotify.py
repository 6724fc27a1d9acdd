"""Gotify (a self-hosted push server): POST JSON ``{"title", "message", "priority"}`` to
``<server>/message`` with the application's token in the ``X-Gotify-Key`` header (not in
the URL, so no address ever carries it).

Success is HTTP 200 with the created message as JSON; an error is
``{"error": "Unauthorized", "errorCode": 401, "errorDescription": "…"}`` with that HTTP
status (401 for a wrong token, 400 for a message it refuses). ``priority`` is 0 to 10
(0: no notification; 8 and above: intrusive); the server applies no rate limit of its
own. Sources: https://gotify.net/docs/pushmsg (as quoted in notifiers#330), the
``errorResponse`` type of shoutrrr's Gotify service (pkg/services/gotify/gotify_json.go),
and the priority notes at cleanuparr.github.io (notifications/gotify).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import HttpKind, HttpSender, json_body, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register
from pushgui.core.errors import FieldError
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client


@dataclass(frozen=True)
class GotifyConfig(ChannelConfig):
    KIND: ClassVar[str] = "gotify"
    SECRETS: ClassVar[tuple[str, ...]] = ("app_token",)

    server: str = ""
    app_token: str = ""
    priority: int = 5


class GotifySender(HttpSender[GotifyConfig]):
    service = "Gotify"

    def payload(self, message: Outgoing) -> dict[str, object]:
        return {
            "title": message.title,
            "message": message.body or message.title,
            "priority": self.config.priority,
        }

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        response = client.post(
            self.config.server.rstrip("/") + "/message",
            json=self.payload(message),
            headers={"X-Gotify-Key": self.config.app_token},
        )
        body = json_body(response)
        detail = ""
        if body and ("errorDescription" in body or "error" in body):
            detail = str(body.get("errorDescription") or body.get("error"))
        return status_failure(self.service, response, detail) or Outcome(ok=True)


class Gotify(HttpKind):
    config = GotifyConfig
    position = 130
    sender_class = GotifySender
    variants = (
        Variant(
            "gotify",
            lambda: translate("channels", "Gotify"),
            lambda: translate("channels", "Push through your own Gotify server"),
            ("G", "#1f93d1"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field(
                "server",
                translate("channels", "Server:"),
                placeholder=translate("channels", "e.g. https://gotify.example.com"),
            ),
            Field(
                "app_token",
                translate("channels", "Application token:"),
                "secret",
                help=translate("channels", "In Gotify: Apps → Create application; copy its token."),
            ),
            Field(
                "priority",
                translate("channels", "Priority:"),
                "number",
                help=translate("channels", "0 shows no notification, 8 to 10 are the most urgent."),
                minimum=0,
                maximum=10,
            ),
        )

    def validate(self, config: GotifyConfig) -> list[FieldError]:
        hint = translate("channels", "Enter your Gotify server, e.g. https://gotify.example.com")
        errors = checks.need_url("server", config.server, hint)
        errors += checks.need(
            "app_token",
            config.app_token,
            translate("channels", "Enter the application's token"),
        )
        if not 0 <= config.priority <= 10:
            message = translate("channels", "Priority goes from 0 (lowest) to 10 (highest)")
            errors.append(FieldError("priority", message))
        return errors

    def details(self, settings: Mapping[str, Any]) -> str:
        return str(settings.get("server") or "")


register(Gotify())
