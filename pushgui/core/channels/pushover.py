"""Pushover: POST a form ``token``, ``user``, ``message``, ``title`` (and ``priority``) to
``https://api.pushover.net/1/messages.json``.

Success is HTTP 200 with ``{"status": 1, "request": "…"}``. A refused message is HTTP 4xx
with ``{"status": 0, "errors": ["user identifier is invalid", …], "request": "…"}``
naming each problem; HTTP 429 means the application used up its monthly message quota
(10,000 a month for a free application; ``X-Limit-App-Reset`` says when it resets). A
message is at most 1,024 characters and a title 250: longer ones are cut. Both keys are
sent in the form body, never in the URL. Sources: https://pushover.net/api (the message
API and its parameters), the pushoverr docs of ``get_pushover_limits`` (the
``x-limit-app-*`` headers) and the error types of the ``wimp`` client
(MessageLimitExceeded, InvalidApplicationToken).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import HttpKind, HttpSender, fit, json_body, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register, service_address
from pushgui.core.errors import FieldError
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client

PUSHOVER_API = "https://api.pushover.net/1/messages.json"
MESSAGE_LIMIT = 1024
TITLE_LIMIT = 250


@dataclass(frozen=True)
class PushoverConfig(ChannelConfig):
    KIND: ClassVar[str] = "pushover"
    SECRETS: ClassVar[tuple[str, ...]] = ("app_token", "user_key")

    app_token: str = ""
    user_key: str = ""
    #: Send to one of the user's devices only; empty sends to all of them.
    device: str = ""
    priority: int = 0
    api_url: str = PUSHOVER_API


class PushoverSender(HttpSender[PushoverConfig]):
    service = "Pushover"

    def payload(self, message: Outgoing) -> dict[str, str]:
        data = {
            "token": self.config.app_token,
            "user": self.config.user_key,
            "message": fit(message.body or message.title, MESSAGE_LIMIT),
            "title": fit(message.title, TITLE_LIMIT),
            "priority": str(self.config.priority),
        }
        if self.config.device:
            data["device"] = self.config.device
        return data

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        response = client.post(self.config.api_url, data=self.payload(message))
        body = json_body(response)
        problems = body.get("errors") if body else None
        detail = "; ".join(str(p) for p in problems) if isinstance(problems, list) else ""
        if response.status_code == 429:
            return Outcome(
                ok=False,
                error="Pushover refused the message: this application has used up its "
                f"messages for the month ({detail or 'HTTP 429'})",
                retry_after=3600.0,
            )
        failed = status_failure(self.service, response, detail)
        if failed is not None:
            return failed
        if body is None or body.get("status") != 1:
            why = detail or "no reason given"
            return Outcome(ok=False, error=f"Pushover refused the message: {why}", permanent=True)
        return Outcome(ok=True)


class Pushover(HttpKind):
    config = PushoverConfig
    position = 140
    sender_class = PushoverSender
    variants = (
        Variant(
            "pushover",
            lambda: translate("channels", "Pushover"),
            lambda: translate("channels", "Push to phones and desktops through Pushover"),
            ("P", "#249df1"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field(
                "user_key",
                translate("channels", "User key:"),
                "secret",
                help=translate("channels", "Shown on your Pushover dashboard once logged in."),
            ),
            Field(
                "app_token",
                translate("channels", "Application token:"),
                "secret",
                help=translate("channels", "Register an application on pushover.net to get one."),
            ),
            Field(
                "device",
                translate("channels", "Device:"),
                placeholder=translate("channels", "Optional, all devices if empty"),
            ),
            Field(
                "priority",
                translate("channels", "Priority:"),
                "choice",
                choices=(
                    ("-2", translate("channels", "Lowest (no notification)")),
                    ("-1", translate("channels", "Low (quiet)")),
                    ("0", translate("channels", "Normal")),
                    ("1", translate("channels", "High (bypasses quiet hours)")),
                ),
            ),
            service_address(),
        )

    def validate(self, config: PushoverConfig) -> list[FieldError]:
        errors = checks.need(
            "user_key", config.user_key, translate("channels", "Enter your user key")
        )
        errors += checks.need(
            "app_token", config.app_token, translate("channels", "Enter the application's token")
        )
        for name in ("user_key", "app_token"):
            value = getattr(config, name)
            if value.strip() and not (len(value) == 30 and value.isalnum()):
                message = translate(
                    "channels", "Pushover keys are 30 letters and digits; copy it again"
                )
                errors.append(FieldError(name, message))
        if config.priority not in (-2, -1, 0, 1):
            message = translate("channels", "Choose a priority from the list")
            errors.append(FieldError("priority", message))
        return errors + checks.need_url("api_url", config.api_url)

    def details(self, settings: Mapping[str, Any]) -> str:
        return str(settings.get("device") or "")


register(Pushover())
