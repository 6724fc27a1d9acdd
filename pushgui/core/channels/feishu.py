"""Feishu and Lark custom bots: POST JSON to ``/open-apis/bot/v2/hook/<token>``.

Success is ``{"code": 0, "msg": "success", "data": {}}`` (older answers:
``{"StatusCode": 0, "StatusMessage": "success"}``); errors come at HTTP 200 too, e.g.
``{"code": 19021, "msg": "sign match fail or timestamp is not within one hour from
current time"}``. 11232 and 9499 are the bots' rate limit (100 a minute, 5 a second per bot);
other Open APIs answer HTTP 429 with ``x-ogw-ratelimit-reset`` (seconds).

Signing: ``timestamp`` in seconds and ``sign`` = Base64(HMAC-SHA256(key=f"{timestamp}\\n
{secret}", msg=b"")), both in the JSON body; a timestamp more than an hour away is
refused. Note the key/message are the other way round from DingTalk. Sources: the custom
bot guide https://open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN.md, its
Python sample quoted at https://m.down10s.com/jiaocheng/5605312225.html, Gitea's fix
https://github.com/go-gitea/gitea/pull/34802, the error quoted in
https://github.com/feiyu563/PrometheusAlert/issues/422, and rate limits at
https://open.feishu.cn/document/server-docs/api-call-guide/frequency-control.md.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal
from urllib.parse import SplitResult

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import (
    HttpKind,
    HttpSender,
    json_body,
    parse_retry_after,
    status_failure,
)
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register, service_address
from pushgui.core.channels.mention import Mentions, valid_ids
from pushgui.core.errors import FieldError
from pushgui.core.messages.service_text import ServiceText, for_service, too_long, wire_json
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client

FEISHU_API = "https://open.feishu.cn/open-apis/bot/v2/hook/"
LARK_API = "https://open.larksuite.com/open-apis/bot/v2/hook/"
HOOK_PATH = "/open-apis/bot/v2/hook/"


@dataclass(frozen=True)
class FeishuConfig(ChannelConfig):
    """A Feishu (or, with ``region="lark"``, Lark) custom bot: hook token, optional secret."""

    KIND: ClassVar[str] = "feishu"
    SECRETS: ClassVar[tuple[str, ...]] = ("token", "secret")

    token: str = ""
    secret: str = ""
    region: Literal["feishu", "lark"] = "feishu"
    #: The hook URL without the token; empty means the region's official one.
    api_url: str = ""

    @property
    def hook_base(self) -> str:
        return self.api_url or (LARK_API if self.region == "lark" else FEISHU_API)


KIND = FeishuConfig.KIND

RATE_LIMITED = {9499, 11232, 99991400}


def sign(timestamp: str, secret: str) -> str:
    """Feishu's signature: HMAC-SHA256 of an empty message keyed by "timestamp\\nsecret"."""
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


class FeishuSender(HttpSender[FeishuConfig]):
    @property
    def service(self) -> str:  # type: ignore[override]  # Feishu or Lark, by region
        return "Lark" if self.config.region == "lark" else "Feishu"

    def shown(self, message: Outgoing) -> ServiceText:
        return for_service("feishu", message.title, message.body, message.text_format)

    def payload(self, message: Outgoing) -> dict[str, object]:
        shown = self.shown(message)
        data: dict[str, object] = (
            {"msg_type": "post", "content": shown.post}
            if shown.post is not None
            else {"msg_type": "text", "content": {"text": shown.text}}
        )
        if self.config.secret:
            timestamp = str(int(self._clock()))
            data |= {"timestamp": timestamp, "sign": sign(timestamp, self.config.secret)}
        return data

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        if not (shown := self.shown(message)).fits:
            return Outcome(ok=False, error=too_long(shown, self.service), permanent=True)
        url = self.config.hook_base + self.config.token
        # Sent as the bytes that were measured against Feishu's 20 KB (core/messages/limits.py).
        response = client.post(
            url,
            content=wire_json(with_mentions(self.payload(message), message.mentions)),
            headers={"Content-Type": "application/json"},
        )
        body = json_body(response)
        code = body.get("code", body.get("StatusCode")) if body else None
        detail = str(body.get("msg", body.get("StatusMessage", ""))) if body else ""
        if response.status_code in (400, 429) and code in RATE_LIMITED:
            wait = parse_retry_after(
                response.headers.get("Retry-After") or response.headers.get("x-ogw-ratelimit-reset")
            )
            return Outcome(
                ok=False,
                error=f"{self.service} is limiting how fast messages are sent ({detail})",
                retry_after=wait,
            )
        failed = status_failure(self.service, response, detail)
        if failed is not None:
            if response.status_code == 429 and failed.retry_after is None:
                wait = parse_retry_after(response.headers.get("x-ogw-ratelimit-reset"))
                return Outcome(ok=False, error=failed.error, retry_after=wait)
            return failed
        if code is None:
            return Outcome(
                ok=False, error=f"{self.service} gave an answer pushgui does not understand"
            )
        if code == 0:
            return Outcome(ok=True)
        text = f"{self.service} refused the message: {detail or 'no reason given'} (code {code})"
        if code in RATE_LIMITED:
            return Outcome(ok=False, error=text, retry_after=60.0)
        return Outcome(ok=False, error=text, permanent=True)


class Feishu(HttpKind):
    config = FeishuConfig
    position = 40
    sender_class = FeishuSender
    paste = True
    variants = (
        Variant(
            "feishu",
            lambda: translate("channels", "Feishu"),
            lambda: translate("channels", "A Feishu bot"),
            ("飞", "#3370ff"),
            {"region": "feishu"},
        ),
        Variant(
            "lark",
            lambda: translate("channels", "Lark"),
            lambda: translate("channels", "A Lark bot"),
            ("L", "#00d6b9"),
            {"region": "lark"},
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field("token", translate("channels", "Bot token:"), "secret"),
            Field(
                "secret",
                translate("channels", "Signing secret:"),
                "secret",
                translate("channels", "Optional"),
                translate(
                    "channels", "Only if the bot's security setting has “Signature verification”."
                ),
            ),
            Field(
                "region",
                translate("channels", "Region:"),
                "choice",
                choices=(
                    ("feishu", translate("channels", "Feishu (China)")),
                    ("lark", translate("channels", "Lark (international)")),
                ),
            ),
            service_address(),
        )

    def validate(self, config: FeishuConfig) -> list[FieldError]:
        errors = checks.need(
            "token", config.token, translate("channels", "Paste the bot's webhook address")
        )
        errors += checks.one_of(
            "region",
            config.region,
            ("feishu", "lark"),
            translate("channels", "Choose Feishu or Lark"),
        )
        if config.api_url:
            errors += checks.need_url("api_url", config.api_url)
        return errors

    hosts = (".feishu.cn", ".larksuite.com", ".larkoffice.com")

    def incomplete_url(self) -> str:
        return translate(
            "channels", "This Feishu/Lark address has no bot token; copy the whole address"
        )

    def on_own_host(self, settings: dict[str, str], host: str) -> dict[str, str]:
        settings["region"] = "lark" if host.endswith("larksuite.com") else "feishu"
        if settings["api_url"] in (FEISHU_API, LARK_API):
            del settings["api_url"]
        return settings

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        head, found, token = parts.path.partition(HOOK_PATH)
        token = token.strip("/")
        if not found or not token or "/" in token:
            return None
        return {"token": token, "api_url": f"{parts.scheme}://{parts.netloc}{head}{HOOK_PATH}"}


def with_mentions(payload: dict[str, object], mentions: Mentions) -> dict[str, object]:
    """Text: ``<at user_id="ou_…">Name</at>`` (``"all"`` for everyone) before the text;
    post: a first paragraph of ``{"tag": "at", "user_id": …}`` elements (docs/MENTIONS.md).
    The name is HTML-escaped: it cannot close the tag or open another one."""
    if not mentions or payload.get("msg_type") not in ("text", "post"):
        return payload
    named = {p.user_id: p.name for p in mentions.people}
    ids = valid_ids(list(named), "feishu")
    everyone = ["all"] if mentions.everyone else []
    content = dict(payload["content"])  # type: ignore[call-overload]
    if payload.get("msg_type") == "post":
        tags = [{"tag": "at", "user_id": v} for v in (*ids, *everyone)]
        post = {
            language: {**body, "content": [tags, *body.get("content", [])]}
            for language, body in dict(content["post"]).items()
        }
        return {**payload, "content": {**content, "post": post}}
    names = {**{v: named[v] for v in ids}, **dict.fromkeys(everyone, "所有人")}
    tags_text = " ".join(
        f'<at user_id="{v}">{html.escape(name, quote=True)}</at>' for v, name in names.items()
    )
    if tags_text:
        content["text"] = f"{tags_text} {content['text']}"
    return {**payload, "content": content}


register(Feishu())
