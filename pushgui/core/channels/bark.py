"""Bark (iOS push): POST JSON ``{"title", "body", "group", "url", …}`` to
``<server>/<device key>`` (``https://api.day.app`` or a self-hosted bark-server).

Success is HTTP 200 with ``{"code": 200, "message": "success", "timestamp": …}``; an error
carries its own ``code`` and ``message`` in the same shape with an HTTP error status (400
when the device key is unknown). The key is part of the URL path, so no error text or log
line shows the URL. Apple refuses a notification larger than 4 KB, so a long body is cut
to fit. Sources: Bark's tutorial (docs/en-us/tutorial.md: the POST JSON form and its
parameters) and bark-server's docs/API_V2.md; the response shape as in the
``BarkResponse``/``CommonResponse`` client types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import SplitResult

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import HttpKind, HttpSender, fit_bytes, json_body, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register
from pushgui.core.errors import FieldError
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client

BARK_SERVER = "https://api.day.app"
#: UTF-8 bytes of title plus body kept (APNs takes 4096 bytes of payload in all).
TEXT_LIMIT = 3000


@dataclass(frozen=True)
class BarkConfig(ChannelConfig):
    KIND: ClassVar[str] = "bark"
    SECRETS: ClassVar[tuple[str, ...]] = ("device_key",)

    server: str = BARK_SERVER
    device_key: str = ""
    #: Notifications with the same group are shown together on the phone.
    group: str = ""
    #: Opened when the notification is tapped.
    url: str = ""


class BarkSender(HttpSender[BarkConfig]):
    service = "Bark"

    def payload(self, message: Outgoing) -> dict[str, object]:
        title = fit_bytes(message.title, TEXT_LIMIT // 4)
        data: dict[str, object] = {
            "title": title,
            "body": fit_bytes(message.body or message.title, TEXT_LIMIT - len(title.encode())),
        }
        if self.config.group:
            data["group"] = self.config.group
        if self.config.url:
            data["url"] = self.config.url
        return data

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        url = f"{self.config.server.rstrip('/')}/{self.config.device_key}"
        response = client.post(url, json=self.payload(message))
        body = json_body(response)
        detail = str(body.get("message") or "") if body else ""
        failed = status_failure(self.service, response, detail)
        if failed is not None:
            return failed
        if body is None or "code" not in body:
            return Outcome(ok=False, error="Bark gave an answer pushgui does not understand")
        if body["code"] == 200:
            return Outcome(ok=True)
        text = f"Bark refused the message: {detail or 'no reason given'} (code {body['code']})"
        return Outcome(ok=False, error=text, permanent=True)


class Bark(HttpKind):
    config = BarkConfig
    position = 120
    sender_class = BarkSender
    paste = True
    address_field = "server"  # "url" is the link opened when the notification is tapped
    variants = (
        Variant(
            "bark",
            lambda: translate("channels", "Bark"),
            lambda: translate("channels", "Push to an iPhone through the Bark app"),
            ("B", "#f05a28"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field(
                "device_key",
                translate("channels", "Device key:"),
                "secret",
                help=translate("channels", "The key in the test address the Bark app shows."),
            ),
            Field(
                "group",
                translate("channels", "Group:"),
                placeholder=translate("channels", "Optional, e.g. Reminders"),
            ),
            Field(
                "url",
                translate("channels", "Open when tapped:"),
                placeholder=translate("channels", "Optional, https://…"),
            ),
            Field(
                "server",
                translate("channels", "Server:"),
                placeholder=BARK_SERVER,
                help=translate("channels", "Change only for your own bark-server."),
                advanced=True,
            ),
        )

    def validate(self, config: BarkConfig) -> list[FieldError]:
        errors = checks.need(
            "device_key",
            config.device_key,
            translate("channels", "Paste the address the Bark app shows"),
        )
        if not errors and "/" in config.device_key:
            message = translate("channels", "Enter only the key, without slashes")
            errors.append(FieldError("device_key", message))
        errors += checks.need_url("server", config.server)
        if config.url:
            errors += checks.need_url("url", config.url)
        return errors

    hosts = ("api.day.app",)

    def incomplete_url(self) -> str:
        return translate("channels", "This Bark address has no device key; copy the whole address")

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        # The app shows <server>/<key>/<body...>. A server may sit under a path of its own
        # (a reverse proxy), so the key is the first part that looks like one: bark-server
        # makes 22 letters and digits; else the first part.
        segments = [s for s in parts.path.split("/") if s]
        if not segments or segments[0] == "push":
            return None
        keyish = [i for i, s in enumerate(segments) if s.isascii() and s.isalnum() and len(s) >= 16]
        at = keyish[0] if keyish else 0
        server = f"{parts.scheme}://{parts.netloc}" + "".join(f"/{s}" for s in segments[:at])
        return {"server": server, "device_key": segments[at]}

    def details(self, settings: Mapping[str, Any]) -> str:
        return str(settings.get("group") or "")


register(Bark())
