"""WeCom (WeChat Work) group robot: POST JSON to ``/cgi-bin/webhook/send?key=…``.

Answers ``{"errcode": 0, "errmsg": "ok"}`` at HTTP 200; a non-zero errcode is a failure
(45009 "api freq out of limit": more than 20 messages a minute; 93000 an invalid webhook
URL). Text content is at most 2048 bytes and Markdown 4096 bytes of UTF-8 (errcode 40058
beyond); a longer message is refused when the push is checked (core/messages/limits.py).
Sources: the WeCom robot docs
(developer.work.weixin.qq.com/document/path/91770) as summarised in
https://aecore.glodon.com/docs/colibri/api_3_qywxApi.html and
https://docs.zhuonian.xyz/api/wecom-webhook.html.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import SplitResult, parse_qs

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.dingtalk import MessageType, message_formats
from pushgui.core.channels.http import HttpKind, HttpSender, in_order, json_body, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register, service_address
from pushgui.core.channels.mention import Mentions, valid_ids
from pushgui.core.errors import FieldError
from pushgui.core.messages.limits import limit_for, measure
from pushgui.core.messages.service_text import ServiceText, for_service, too_long
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client

WECOM_API = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"


@dataclass(frozen=True)
class WeComConfig(ChannelConfig):
    """A WeCom (WeChat Work) group robot, identified by the ``key`` in its webhook URL."""

    KIND: ClassVar[str] = "wecom"
    SECRETS: ClassVar[tuple[str, ...]] = ("key",)

    key: str = ""
    msgtype: MessageType = "text"
    api_url: str = WECOM_API


KIND = WeComConfig.KIND

RATE_LIMITED = {45009}


class WeComSender(HttpSender[WeComConfig]):
    service = "WeCom"

    def shown(self, message: Outgoing) -> ServiceText:
        settings = {"msgtype": self.config.msgtype}
        return for_service("wecom", message.title, message.body, message.text_format, settings)

    def payload(self, message: Outgoing) -> dict[str, object]:
        shown = self.shown(message)
        if shown.format == "wecom":
            return {"msgtype": "markdown", "markdown": {"content": shown.text}}
        return {"msgtype": "text", "text": {"content": shown.text}}

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        if not (shown := self.shown(message)).fits:
            return Outcome(ok=False, error=too_long(shown, self.service), permanent=True)
        payloads = mentioned(self.payload(message), message.mentions)
        post = functools.partial(self._post, client)
        return in_order(payloads, post, message.parts_sent, message.on_part)

    def _post(self, client: Client, payload: dict[str, object]) -> Outcome:
        response = client.post(self.config.api_url, params={"key": self.config.key}, json=payload)
        body = json_body(response)
        detail = str(body.get("errmsg", "")) if body else ""
        failed = status_failure(self.service, response, detail)
        if failed is not None:
            return failed
        if body is None or "errcode" not in body:
            return Outcome(ok=False, error="WeCom gave an answer pushgui does not understand")
        code = body["errcode"]
        if code == 0:
            return Outcome(ok=True)
        text = f"WeCom refused the message: {detail or 'no reason given'} (errcode {code})"
        if code in RATE_LIMITED:
            return Outcome(ok=False, error=text, retry_after=60.0)
        if code == -1:  # "system busy"
            return Outcome(ok=False, error=text)
        return Outcome(ok=False, error=text, permanent=True)


class WeCom(HttpKind):
    config = WeComConfig
    position = 30
    sender_class = WeComSender
    paste = True
    variants = (
        Variant(
            "wecom",
            lambda: translate("channels", "WeCom"),
            lambda: translate("channels", "A WeCom (WeChat Work) group robot"),
            ("企", "#07c160"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field("key", translate("channels", "Robot key:"), "secret"),
            Field(
                "msgtype",
                translate("channels", "Message format:"),
                "choice",
                choices=message_formats(),
            ),
            service_address(),
        )

    def validate(self, config: WeComConfig) -> list[FieldError]:
        return (
            checks.need(
                "key", config.key, translate("channels", "Paste the robot's webhook address")
            )
            + checks.need_url("api_url", config.api_url)
            + checks.text_or_markdown(config.msgtype)
        )

    hosts = ("qyapi.weixin.qq.com",)

    def incomplete_url(self) -> str:
        return translate("channels", "This WeCom address has no key; copy the whole address")

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        key = {k: v[-1] for k, v in parse_qs(parts.query).items()}.get("key")
        if not key:
            return None
        return {"key": key, "api_url": f"{parts.scheme}://{parts.netloc}{parts.path}"}


def with_mentions(payload: dict[str, object], mentions: Mentions) -> dict[str, object]:
    """Text: ``mentioned_list`` (userids, "@all") and ``mentioned_mobile_list``; markdown:
    ``<@userid>`` in the content, which has no mobile or @all form (docs/MENTIONS.md)."""
    if not mentions or payload.get("msgtype") not in ("text", "markdown"):
        return payload
    user_ids = valid_ids([p.user_id for p in mentions.people], "wecom_user_id")
    if payload["msgtype"] == "markdown":
        markdown = dict(payload["markdown"])  # type: ignore[call-overload]
        tags = " ".join(f"<@{v}>" for v in user_ids)
        if tags:
            content = f"{tags}\n{markdown['content']}"
            markdown["content"] = content
        return {**payload, "markdown": markdown}
    mobiles = valid_ids(
        [p.mobile for p in mentions.people if p.user_id not in user_ids], "wecom_mobile"
    )
    text = dict(payload["text"])  # type: ignore[call-overload]
    everyone = ["@all"] if mentions.everyone else []
    if user_ids or everyone:
        text["mentioned_list"] = [*user_ids, *everyone]
    if mobiles:
        text["mentioned_mobile_list"] = mobiles
    return {**payload, "text": text}


def mentioned(payload: dict[str, object], mentions: Mentions) -> list[dict[str, object]]:
    """The message with its mentions, or, when the ``<@userid>`` tags would take a markdown
    message over WeCom's length limit (core/messages/limits.py), the tags as a markdown
    message of their own before it: a message is never cut to make room."""
    joined = with_mentions(payload, mentions)
    limit = limit_for("wecom", "markdown.content")
    if joined is payload or joined.get("msgtype") != "markdown" or limit is None:
        return [joined]
    if measure(_markdown(joined), limit.unit) <= limit.size:
        return [joined]
    tags = _markdown(with_mentions({"msgtype": "markdown", "markdown": {"content": ""}}, mentions))
    return [{"msgtype": "markdown", "markdown": {"content": tags.rstrip()}}, payload]


def _markdown(payload: dict[str, object]) -> str:
    part = payload["markdown"]
    return str(part["content"]) if isinstance(part, dict) else ""


register(WeCom())
