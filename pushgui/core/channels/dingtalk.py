"""DingTalk group robot ("custom robot"): POST JSON to ``/robot/send?access_token=…``.

DingTalk answers HTTP 200 with ``{"errcode": 0, "errmsg": "ok"}`` on success and a
non-zero ``errcode`` on failure (310000 for a bad signature, missing keyword or IP not
allowed), so the body decides, not the status.

Signing (安全设置 → 加签): ``timestamp`` is the current time in milliseconds; ``sign`` is
Base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}")), URL-encoded, both sent as
query parameters; DingTalk rejects a timestamp more than an hour away. Sources: the
DingTalk custom-robot security settings page as quoted in
https://blog.csdn.net/weixin_31560545/article/details/116255918 and the ``dingding``
crate (https://docs.rs/crate/dingding/latest/source/src/signature.rs).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal
from urllib.parse import SplitResult, parse_qs

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import HttpKind, HttpSender, json_body, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register, service_address
from pushgui.core.channels.mention import Mentions, valid_ids
from pushgui.core.errors import FieldError
from pushgui.core.messages.service_text import ServiceText, for_service, too_long
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.answers import Answer
    from pushgui.core.channels.client import Client

DINGTALK_API = "https://oapi.dingtalk.com/robot/send"
MessageType = Literal["text", "markdown"]


@dataclass(frozen=True)
class DingTalkConfig(ChannelConfig):
    """A DingTalk group robot: its access token and, if signing is on, the SEC… secret."""

    KIND: ClassVar[str] = "dingtalk"
    SECRETS: ClassVar[tuple[str, ...]] = ("access_token", "secret")

    access_token: str = ""
    secret: str = ""
    msgtype: MessageType = "text"
    api_url: str = DINGTALK_API


KIND = DingTalkConfig.KIND

#: errcodes that mean "too many messages": 130101 "send too fast, exceed 20 times per
#: minute" and 410100 "send too fast"; DingTalk then throttles the robot for 10 minutes.
RATE_LIMITED = {130101, 410100}
THROTTLE_SECONDS = 600.0


def sign(timestamp: str, secret: str) -> str:
    """DingTalk's signature for ``timestamp`` (ms), Base64 and not yet URL-encoded."""
    digest = hmac.new(
        secret.encode("utf-8"), f"{timestamp}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode("ascii")


class DingTalkSender(HttpSender[DingTalkConfig]):
    service = "DingTalk"

    def shown(self, message: Outgoing) -> ServiceText:
        settings = {"msgtype": self.config.msgtype}
        return for_service("dingtalk", message.title, message.body, message.text_format, settings)

    def payload(self, message: Outgoing) -> dict[str, object]:
        shown = self.shown(message)
        if shown.format == "dingtalk":
            markdown = {"title": message.title, "text": shown.text}
            return {"msgtype": "markdown", "markdown": markdown}
        return {"msgtype": "text", "text": {"content": shown.text}}

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        if not (shown := self.shown(message)).fits:
            return Outcome(ok=False, error=too_long(shown, self.service), permanent=True)
        params = {"access_token": self.config.access_token}
        if self.config.secret:
            timestamp = str(round(self._clock() * 1000))
            # The client URL-encodes query values: the "urlEncode" step of the recipe.
            params |= {"timestamp": timestamp, "sign": sign(timestamp, self.config.secret)}
        response = client.post(
            self.config.api_url,
            params=params,
            json=with_mentions(self.payload(message), message.mentions),
        )
        return interpret(response)


def interpret(response: Answer) -> Outcome:
    body = json_body(response)
    detail = str(body.get("errmsg", "")) if body else ""
    failed = status_failure(DingTalkSender.service, response, detail)
    if failed is not None:
        return failed
    if body is None or "errcode" not in body:
        return Outcome(ok=False, error="DingTalk gave an answer pushgui does not understand")
    code = body.get("errcode")
    if code == 0:
        return Outcome(ok=True)
    text = f"DingTalk refused the message: {detail or 'no reason given'} (errcode {code})"
    if code in RATE_LIMITED:
        return Outcome(ok=False, error=text, retry_after=THROTTLE_SECONDS)
    if code == -1:  # "system busy"
        return Outcome(ok=False, error=text)
    return Outcome(ok=False, error=text, permanent=True)


def message_formats() -> tuple[tuple[str, str], ...]:
    return (
        ("text", translate("channels", "Plain text")),
        ("markdown", translate("channels", "Markdown")),
    )


class DingTalk(HttpKind):
    config = DingTalkConfig
    position = 20
    sender_class = DingTalkSender
    paste = True
    variants = (
        Variant(
            "dingtalk",
            lambda: translate("channels", "DingTalk"),
            lambda: translate("channels", "A DingTalk group robot"),
            ("钉", "#1677ff"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field("access_token", translate("channels", "Access token:"), "secret"),
            Field(
                "secret",
                translate("channels", "Signing secret:"),
                "secret",
                translate("channels", "Optional, starts with SEC…"),
                translate(
                    "channels", "Only if the robot's security setting is “Signature” (加签)."
                ),
            ),
            Field(
                "msgtype",
                translate("channels", "Message format:"),
                "choice",
                choices=message_formats(),
            ),
            service_address(),
        )

    def validate(self, config: DingTalkConfig) -> list[FieldError]:
        errors = checks.need(
            "access_token",
            config.access_token,
            translate("channels", "Paste the robot's webhook address"),
        )
        if config.secret and not config.secret.startswith("SEC"):
            message = translate(
                "channels", "DingTalk signing secrets start with SEC; copy it again"
            )
            errors.append(FieldError("secret", message))
        return (
            errors
            + checks.need_url("api_url", config.api_url)
            + checks.text_or_markdown(config.msgtype)
        )

    hosts = ("oapi.dingtalk.com",)

    def incomplete_url(self) -> str:
        return translate(
            "channels", "This DingTalk address has no access_token; copy the whole address"
        )

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        token = {k: v[-1] for k, v in parse_qs(parts.query).items()}.get("access_token")
        if not token:
            return None
        return {"access_token": token, "api_url": f"{parts.scheme}://{parts.netloc}{parts.path}"}


def with_mentions(payload: dict[str, object], mentions: Mentions) -> dict[str, object]:
    """``payload`` with its ``at`` object and the "@mobile"/"@userId" text DingTalk needs in
    the content to show and ping each person (docs/MENTIONS.md); a mobile is preferred."""
    kind = str(payload.get("msgtype"))
    if not mentions or kind not in ("text", "markdown"):
        return payload
    mobiles = valid_ids([p.mobile for p in mentions.people], "dingtalk_mobile")
    user_ids = valid_ids(
        [p.user_id for p in mentions.people if p.mobile not in mobiles], "dingtalk_user_id"
    )
    at: dict[str, object] = {"isAtAll": mentions.everyone}
    if mobiles:
        at["atMobiles"] = mobiles
    if user_ids:
        at["atUserIds"] = user_ids
    words = " ".join(f"@{v}" for v in (*mobiles, *user_ids))
    if mentions.everyone:
        words = f"{words} @所有人".strip()
    part = dict(payload[kind])  # type: ignore[call-overload]
    key = "text" if kind == "markdown" else "content"
    part[key] = f"{part[key]}\n\n{words}" if words else part[key]
    return {**payload, kind: part, "at": at}


register(DingTalk())
