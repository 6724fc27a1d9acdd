"""ntfy: publish as JSON, POST ``{"topic", "title", "message", "priority"}`` to the server's
root URL (so non-ASCII titles need no header encoding), with ``Authorization: Bearer`` for
a protected topic.

Success is 200 with the published message as JSON; errors are JSON ``{"code": 40301,
"http": 403, "error": "forbidden"}``, 429 when the visitor's limits are reached. Source:
https://docs.ntfy.sh/publish/ ("Publish as JSON", "Access tokens").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import SplitResult

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import HttpKind, HttpSender, json_body, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register
from pushgui.core.errors import FieldError
from pushgui.core.messages.service_text import ServiceText, for_service, too_long
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client

NTFY_SERVER = "https://ntfy.sh"


@dataclass(frozen=True)
class NtfyConfig(ChannelConfig):
    KIND: ClassVar[str] = "ntfy"
    SECRETS: ClassVar[tuple[str, ...]] = ("token",)

    server: str = NTFY_SERVER
    topic: str = ""
    token: str = ""
    priority: int = 3


KIND = NtfyConfig.KIND


class NtfySender(HttpSender[NtfyConfig]):
    service = "ntfy"

    def shown(self, message: Outgoing) -> ServiceText:
        body = message.body or message.title
        return for_service("ntfy", message.title, body, message.text_format)

    def payload(self, message: Outgoing) -> dict[str, object]:
        shown = self.shown(message)
        data: dict[str, object] = {
            "topic": self.config.topic,
            "title": message.title,
            "message": shown.text,
            "priority": self.config.priority,
        }
        if shown.format == "ntfy":
            data["markdown"] = True  # the JSON form of the X-Markdown header
        return data

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        if not (shown := self.shown(message)).fits:
            return Outcome(ok=False, error=too_long(shown, self.service), permanent=True)
        headers = {"Authorization": f"Bearer {self.config.token}"} if self.config.token else {}
        response = client.post(
            self.config.server.rstrip("/") + "/", json=self.payload(message), headers=headers
        )
        body = json_body(response)
        detail = ""
        if body and "error" in body:
            detail = f"{body['error']} (code {body.get('code', response.status_code)})"
        return status_failure(self.service, response, detail) or Outcome(ok=True)


class Ntfy(HttpKind):
    config = NtfyConfig
    position = 90
    sender_class = NtfySender
    paste = True
    variants = (
        Variant(
            "ntfy",
            lambda: translate("channels", "ntfy"),
            lambda: translate("channels", "Push to phones through ntfy.sh"),
            ("n", "#317f6f"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field("server", translate("channels", "Server:"), placeholder=NTFY_SERVER),
            Field(
                "topic",
                translate("channels", "Topic:"),
                placeholder=translate("channels", "e.g. my-reminders-5f3a"),
                help=translate(
                    "channels",
                    "Anyone who knows the topic name can read it on ntfy.sh: pick one hard to "
                    "guess.",
                ),
            ),
            Field(
                "token",
                translate("channels", "Access token:"),
                "secret",
                translate("channels", "Optional, tk_…"),
                translate("channels", "Only for a protected topic."),
            ),
            Field(
                "priority",
                translate("channels", "Priority:"),
                "number",
                help=translate("channels", "1 is the lowest, 5 the highest."),
                maximum=5,
            ),
        )

    def validate(self, config: NtfyConfig) -> list[FieldError]:
        hint = translate("channels", "Enter the ntfy server, e.g. https://ntfy.sh")
        errors = checks.need_url("server", config.server, hint)
        if not config.topic or not all(c.isalnum() or c in "-_" for c in config.topic):
            message = translate("channels", "Use letters, digits, - and _ for the topic")
            errors.append(FieldError("topic", message))
        if not 1 <= config.priority <= 5:
            message = translate("channels", "Priority goes from 1 (lowest) to 5 (highest)")
            errors.append(FieldError("priority", message))
        return errors

    hosts = ("ntfy.sh",)

    def incomplete_url(self) -> str:
        return translate("channels", "An ntfy address looks like https://ntfy.sh/your-topic")

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) != 1:
            return None
        return {"server": f"{parts.scheme}://{parts.netloc}", "topic": segments[0]}

    def details(self, settings: Mapping[str, Any]) -> str:
        return f"{settings.get('server', '')}/{settings.get('topic', '')}"


register(Ntfy())
