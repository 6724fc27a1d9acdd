"""ServerChan (Server酱): POST JSON ``{"title", "desp"}`` to
``https://sctapi.ftqq.com/<SendKey>.send`` (Turbo keys, ``SCT…``) or, for a Server酱³ key
(``sctp<uid>t…``), to ``https://<uid>.push.ft07.com/send/<SendKey>.send``.

The answer is JSON ``{"code", "message", "data"}``: ``code`` 0 is success, any other code a
failure whose ``message`` says why (a wrong SendKey, the day's quota used up), so the body
decides, not the HTTP status. ``title`` is at most 32 characters and ``desp`` (Markdown)
at most 32 KB: longer ones are cut, the whole title then starting the body. The SendKey is
part of the URL path, so no error text or log line shows the URL. Sources: the Server酱³ API page
(doc2.ft07.com/serverchan3/server/api), the official SDK's response definition
("code: number; // 0 for success", doc2.ft07.com/en/serverchan3/server/sdk) and the
Turbo parameters ("title: 最大长度为 32", "desp: 最大长度为 32KB", as quoted from
sct.ftqq.com in kewen-framework's FangTangMessageDTO).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import SplitResult

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.http import HttpKind, HttpSender, fit_bytes, json_body, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register, service_address
from pushgui.core.errors import FieldError
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client

TURBO_API = "https://sctapi.ftqq.com"
_SC3_KEY = re.compile(r"sctp(\d+)t")
TITLE_LIMIT = 32
DESP_LIMIT = 32 * 1024


@dataclass(frozen=True)
class ServerChanConfig(ChannelConfig):
    """A ServerChan SendKey; ``api_url`` (empty: the key's own service) is for a proxy."""

    KIND: ClassVar[str] = "serverchan"
    SECRETS: ClassVar[tuple[str, ...]] = ("sendkey",)

    sendkey: str = ""
    api_url: str = ""


def send_url(config: ServerChanConfig) -> str:
    if config.api_url:
        return f"{config.api_url.rstrip('/')}/{config.sendkey}.send"
    sc3 = _SC3_KEY.match(config.sendkey)
    if sc3:
        return f"https://{sc3.group(1)}.push.ft07.com/send/{config.sendkey}.send"
    return f"{TURBO_API}/{config.sendkey}.send"


class ServerChanSender(HttpSender[ServerChanConfig]):
    service = "ServerChan"

    def payload(self, message: Outgoing) -> dict[str, object]:
        title, body = message.title, message.body
        if len(title) > TITLE_LIMIT:
            body = f"{title}\n\n{body}" if body else title
            title = title[: TITLE_LIMIT - 1] + "…"
        return {"title": title, "desp": fit_bytes(body, DESP_LIMIT)}

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        response = client.post(send_url(self.config), json=self.payload(message))
        body = json_body(response)
        detail = str(body.get("message") or "") if body else ""
        failed = status_failure(self.service, response, detail)
        if failed is not None:
            return failed
        if body is None or "code" not in body:
            return Outcome(ok=False, error="ServerChan gave an answer pushgui does not understand")
        if body["code"] == 0:
            return Outcome(ok=True)
        why = detail or "no reason given"
        return Outcome(
            ok=False,
            error=f"ServerChan refused the message: {why} (code {body['code']})",
            permanent=True,
        )


class ServerChan(HttpKind):
    config = ServerChanConfig
    position = 100
    sender_class = ServerChanSender
    paste = True
    variants = (
        Variant(
            "serverchan",
            lambda: translate("channels", "ServerChan"),
            lambda: translate("channels", "Push to WeChat or the ServerChan app"),
            ("酱", "#e25d33"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field(
                "sendkey",
                translate("channels", "SendKey:"),
                "secret",
                translate("channels", "SCT… or sctp…"),
                translate("channels", "From the SendKey page of ServerChan."),
            ),
            service_address(),
        )

    def validate(self, config: ServerChanConfig) -> list[FieldError]:
        errors = checks.need(
            "sendkey", config.sendkey, translate("channels", "Paste the SendKey or its address")
        )
        if not errors and not config.sendkey.isalnum():
            message = translate("channels", "A SendKey has only letters and digits; copy it again")
            errors.append(FieldError("sendkey", message))
        if config.api_url:
            errors += checks.need_url("api_url", config.api_url)
        return errors

    hosts = ("sctapi.ftqq.com", ".push.ft07.com")

    def incomplete_url(self) -> str:
        return translate(
            "channels", "This ServerChan address has no SendKey; copy the whole address"
        )

    def on_own_host(self, settings: dict[str, str], host: str) -> dict[str, str]:
        del settings["api_url"]  # the key's own service
        return settings

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        head, _slash, last = parts.path.rstrip("/").rpartition("/")
        key = last.removesuffix(".send")
        if not last.endswith(".send") or not key:
            return None
        return {"sendkey": key, "api_url": f"{parts.scheme}://{parts.netloc}{head}"}


register(ServerChan())
