"""Reading a pasted webhook address: which service it belongs to and the settings it
carries (tokens included), so a channel form can fill itself in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from pushgui.core.channels.config import FEISHU_API, LARK_API
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.i18n import translate


def parse_webhook_url(url: str) -> tuple[str, dict[str, str]]:
    """The channel kind and settings (secrets included) a pasted address stands for.

    Recognises DingTalk, WeCom, Feishu, Lark, Slack, Discord, Teams workflow (and legacy
    connector), Telegram and ntfy.sh addresses; any other http(s) address is a generic
    webhook and any other ``scheme://`` an Apprise URL. An address of a known service
    that lacks its token raises :class:`SpecError` saying what is missing.
    """
    text = url.strip()

    def fail(message: str) -> SpecError:
        return SpecError([FieldError("url", message)])

    if not text:
        raise fail(translate("channels", "Paste the address the service gave you"))
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise fail(translate("channels", "This is not a web address")) from None
    if parts.scheme not in ("http", "https"):
        if parts.scheme and "://" in text:
            return "apprise", {"url": text}
        raise fail(translate("channels", "The address must start with https://"))
    if not host:
        raise fail(translate("channels", "This is not a web address"))
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    path = parts.path
    base = f"{parts.scheme}://{parts.netloc}{path}"

    if host == "oapi.dingtalk.com":
        token = query.get("access_token", "")
        if not token:
            raise fail(
                translate(
                    "channels", "This DingTalk address has no access_token; copy the whole address"
                )
            )
        return "dingtalk", {"access_token": token, "api_url": base}
    if host == "qyapi.weixin.qq.com":
        key = query.get("key", "")
        if not key:
            raise fail(
                translate("channels", "This WeCom address has no key; copy the whole address")
            )
        return "wecom", {"key": key, "api_url": base}
    if host.endswith(("feishu.cn", "larksuite.com", "larkoffice.com")):
        marker = "/open-apis/bot/v2/hook/"
        head, found, token = path.partition(marker)
        token = token.strip("/")
        if not found or not token or "/" in token:
            raise fail(
                translate(
                    "channels", "This Feishu/Lark address has no bot token; copy the whole address"
                )
            )
        region = "lark" if host.endswith("larksuite.com") else "feishu"
        hook = f"{parts.scheme}://{parts.netloc}{head}{marker}"
        settings = {"token": token, "region": region}
        if hook not in (FEISHU_API, LARK_API):
            settings["api_url"] = hook
        return "feishu", settings
    if host == "hooks.slack.com":
        if not path.startswith("/services/") or path.rstrip("/").count("/") < 4:
            raise fail(
                translate(
                    "channels",
                    "A Slack incoming webhook looks like https://hooks.slack.com/services/…",
                )
            )
        return "slack", {"webhook_url": text}
    if host in ("discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"):
        segments = [s for s in path.split("/") if s]
        if "webhooks" not in segments or len(segments) - segments.index("webhooks") < 3:
            raise fail(
                translate(
                    "channels",
                    "A Discord webhook looks like https://discord.com/api/webhooks/id/token",
                )
            )
        return "discord", {"webhook_url": text}
    if (
        (host.endswith(".logic.azure.com") and "/workflows/" in path)
        or (host.endswith(".api.powerplatform.com") and "/workflows/" in path)
        or (host.endswith(".webhook.office.com") or host == "outlook.office.com")
    ):
        return "teams", {"webhook_url": text}
    if host == "api.telegram.org":
        first = path.lstrip("/").split("/", 1)[0]
        if not first.startswith("bot") or ":" not in first:
            raise fail(
                translate(
                    "channels", "This Telegram address has no bot token; copy the whole address"
                )
            )
        settings = {"bot_token": first[3:]}
        if "chat_id" in query:
            settings["chat_id"] = query["chat_id"]
        return "telegram", settings
    if host == "ntfy.sh":
        topic = path.strip("/")
        if not topic or "/" in topic:
            raise fail(
                translate("channels", "An ntfy address looks like https://ntfy.sh/your-topic")
            )
        return "ntfy", {"server": f"{parts.scheme}://{parts.netloc}", "topic": topic}
    return "webhook", {"url": text}


def self_hosted(kind: str, url: str) -> dict[str, str] | None:
    """Settings of ``kind`` read from an address on a host other than the service's own
    (a company proxy, a private deployment, a local test server); ``None`` if it does not fit.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    origin = f"{parts.scheme}://{parts.netloc}"
    base = origin + parts.path
    segments = [s for s in parts.path.split("/") if s]
    if kind == "dingtalk" and query.get("access_token"):
        return {"access_token": query["access_token"], "api_url": base}
    if kind == "wecom" and query.get("key"):
        return {"key": query["key"], "api_url": base}
    if kind == "feishu":
        marker = "/open-apis/bot/v2/hook/"
        head, found, token = parts.path.partition(marker)
        if found and token.strip("/") and "/" not in token.strip("/"):
            return {"token": token.strip("/"), "api_url": origin + head + marker}
        return None
    if kind == "telegram" and segments and segments[0].startswith("bot") and ":" in segments[0]:
        settings = {"bot_token": segments[0][3:], "api_url": origin}
        if query.get("chat_id"):
            settings["chat_id"] = query["chat_id"]
        return settings
    if kind == "ntfy" and len(segments) == 1:
        return {"server": origin, "topic": segments[0]}
    if kind in ("slack", "discord", "teams"):
        return {"webhook_url": url.strip()}
    return None
