"""WeCom (WeChat Work) group robot: POST JSON to ``/cgi-bin/webhook/send?key=…``.

Answers ``{"errcode": 0, "errmsg": "ok"}`` at HTTP 200; a non-zero errcode is a failure
(45009 "api freq out of limit": more than 20 messages a minute; 93000 an invalid webhook
URL). Text content is at most 2048 bytes and Markdown 4096 bytes of UTF-8; longer
messages are cut to fit (with "…") rather than refused. Sources: the WeCom robot docs
(developer.work.weixin.qq.com/document/path/91770) as summarised in
https://aecore.glodon.com/docs/colibri/api_3_qywxApi.html and
https://docs.zhuonian.xyz/api/wecom-webhook.html.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import SplitResult, parse_qs

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.dingtalk import MessageType, message_formats
from pushgui.core.channels.http import HttpKind, HttpSender, fit_bytes, json_body, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register, service_address
from pushgui.core.channels.mention import Mentions, valid_ids
from pushgui.core.errors import FieldError
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    import httpx

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
TEXT_LIMIT = 2048
MARKDOWN_LIMIT = 4096


class WeComSender(HttpSender[WeComConfig]):
    service = "WeCom"

    def payload(self, message: Outgoing) -> dict[str, object]:
        if self.config.msgtype == "markdown":
            text = f"### {message.title}\n{message.body}"
            return {"msgtype": "markdown", "markdown": {"content": fit_bytes(text, MARKDOWN_LIMIT)}}
        text = f"{message.title}\n{message.body}" if message.body else message.title
        return {"msgtype": "text", "text": {"content": fit_bytes(text, TEXT_LIMIT)}}

    def send_one(self, client: httpx.Client, message: Outgoing) -> Outcome:
        response = client.post(
            self.config.api_url,
            params={"key": self.config.key},
            json=with_mentions(self.payload(message), message.mentions),
        )
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
            content = fit_bytes(f"{tags}\n{markdown['content']}", MARKDOWN_LIMIT)
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


register(WeCom())
