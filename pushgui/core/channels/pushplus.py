"""PushPlus (推送加): POST JSON ``{"token", "title", "content", "template"}`` to
``https://www.pushplus.plus/send``.

Every answer is JSON ``{"code", "msg", "data"}`` at HTTP 200: ``code`` 200 is success.
Other codes (from the "接口返回码说明" page): 401 not authorised, 403 IP not allowed, 500
a problem of the service's own (worth retrying), 600 data error, 888 not enough credit,
900 the account is limited for sending too often (more than 200 requests in a day blocks
it for days, so pushgui never retries it), 903 an invalid token, 905 not verified, 999 the
server's check failed (the message is too long, for example). Sources:
api.pushplus.plus/api-107787114 (POST /send) and api.pushplus.plus/doc-3034446 (codes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal
from urllib.parse import SplitResult, parse_qs

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import HttpKind, HttpSender, json_body, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register, service_address
from pushgui.core.errors import FieldError
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client

PUSHPLUS_API = "https://www.pushplus.plus/send"
#: A problem of the service's own: sending again later may work.
SERVICE_ERROR = 500


@dataclass(frozen=True)
class PushPlusConfig(ChannelConfig):
    KIND: ClassVar[str] = "pushplus"
    SECRETS: ClassVar[tuple[str, ...]] = ("token",)

    token: str = ""
    template: Literal["txt", "markdown", "html"] = "txt"
    #: A group's code ("topic") to send to its members; empty sends to the token's owner.
    topic: str = ""
    api_url: str = PUSHPLUS_API


class PushPlusSender(HttpSender[PushPlusConfig]):
    service = "PushPlus"

    def payload(self, message: Outgoing) -> dict[str, object]:
        data: dict[str, object] = {
            "token": self.config.token,
            "title": message.title,
            "content": message.body or message.title,
            "template": self.config.template,
        }
        if self.config.topic:
            data["topic"] = self.config.topic
        return data

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        response = client.post(self.config.api_url, json=self.payload(message))
        body = json_body(response)
        detail = str(body.get("msg") or "") if body else ""
        failed = status_failure(self.service, response, detail)
        if failed is not None:
            return failed
        if body is None or "code" not in body:
            return Outcome(ok=False, error="PushPlus gave an answer pushgui does not understand")
        code = body["code"]
        if code == 200:
            return Outcome(ok=True)
        text = f"PushPlus refused the message: {detail or 'no reason given'} (code {code})"
        return Outcome(ok=False, error=text, permanent=code != SERVICE_ERROR)


class PushPlus(HttpKind):
    config = PushPlusConfig
    position = 110
    sender_class = PushPlusSender
    paste = True
    variants = (
        Variant(
            "pushplus",
            lambda: translate("channels", "PushPlus"),
            lambda: translate("channels", "Push to WeChat through PushPlus"),
            ("+", "#2a8bf2"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field(
                "token",
                translate("channels", "Token:"),
                "secret",
                help=translate("channels", "Your user token from the PushPlus website."),
            ),
            Field(
                "template",
                translate("channels", "Message format:"),
                "choice",
                choices=(
                    ("txt", translate("channels", "Plain text")),
                    ("markdown", translate("channels", "Markdown")),
                    ("html", translate("channels", "HTML")),
                ),
            ),
            Field(
                "topic",
                translate("channels", "Group code:"),
                placeholder=translate("channels", "Optional"),
                help=translate("channels", "Only to send to a PushPlus group instead of yourself."),
            ),
            service_address(),
        )

    def validate(self, config: PushPlusConfig) -> list[FieldError]:
        errors = checks.need(
            "token", config.token, translate("channels", "Paste your PushPlus token")
        )
        errors += checks.one_of(
            "template",
            config.template,
            ("txt", "markdown", "html"),
            translate("channels", "Choose plain text, Markdown or HTML"),
        )
        return errors + checks.need_url("api_url", config.api_url)

    hosts = ("www.pushplus.plus", "pushplus.plus")

    def incomplete_url(self) -> str:
        return translate("channels", "This PushPlus address has no token; copy the whole address")

    def on_own_host(self, settings: dict[str, str], host: str) -> dict[str, str]:
        return {"token": settings["token"]}  # the official address

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        token = {k: v[-1] for k, v in parse_qs(parts.query).items()}.get("token", "")
        path = parts.path
        head, _slash, last = path.rstrip("/").rpartition("/")
        if not token and head.endswith("/send"):  # /send/<token>
            token, path = last, head
        if not token:
            return None
        return {"token": token, "api_url": f"{parts.scheme}://{parts.netloc}{path}"}

    def details(self, settings: Mapping[str, Any]) -> str:
        return str(settings.get("topic") or "")


register(PushPlus())
