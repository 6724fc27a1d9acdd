"""Each channel kind's settings as a dataclass, their validation (field-level errors in
plain words), and reading a pasted webhook URL into settings so a form can fill itself.

Fields named in a class's ``SECRETS`` hold passwords, tokens or token-bearing URLs: the
store keeps the other fields and hands these to :mod:`pushgui.core.secrets`.
"""

from __future__ import annotations

import email.utils
import json
import math
import re
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal, get_args
from urllib.parse import parse_qs, urlsplit

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.base import Sender

Security = Literal["starttls", "ssl", "none"]
SECURITIES: tuple[Security, ...] = get_args(Security)
DingTalkType = Literal["text", "markdown"]

DINGTALK_API = "https://oapi.dingtalk.com/robot/send"
WECOM_API = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"
FEISHU_API = "https://open.feishu.cn/open-apis/bot/v2/hook/"
LARK_API = "https://open.larksuite.com/open-apis/bot/v2/hook/"
TELEGRAM_API = "https://api.telegram.org"
NTFY_SERVER = "https://ntfy.sh"

DEFAULT_WEBHOOK_BODY = '{"title": "${title}", "body": "${body}", "recipient": "${recipient}"}'


@dataclass(frozen=True)
class EmailConfig:
    """An SMTP account. ``security`` is STARTTLS (usually port 587), SSL/TLS (465) or none."""

    KIND: ClassVar[str] = "email"
    SECRETS: ClassVar[tuple[str, ...]] = ("password",)

    host: str = ""
    port: int = 587
    security: Security = "starttls"
    username: str = ""
    password: str = ""
    sender_address: str = ""
    sender_name: str = ""
    #: A PEM file of extra certificate authorities to trust (a company's own mail server).
    ca_file: str = ""
    timeout: float = 30.0


@dataclass(frozen=True)
class DingTalkConfig:
    """A DingTalk group robot: its access token and, if signing is on, the SEC… secret."""

    KIND: ClassVar[str] = "dingtalk"
    SECRETS: ClassVar[tuple[str, ...]] = ("access_token", "secret")

    access_token: str = ""
    secret: str = ""
    msgtype: DingTalkType = "text"
    api_url: str = DINGTALK_API


@dataclass(frozen=True)
class WeComConfig:
    """A WeCom (WeChat Work) group robot, identified by the ``key`` in its webhook URL."""

    KIND: ClassVar[str] = "wecom"
    SECRETS: ClassVar[tuple[str, ...]] = ("key",)

    key: str = ""
    msgtype: DingTalkType = "text"
    api_url: str = WECOM_API


@dataclass(frozen=True)
class FeishuConfig:
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


@dataclass(frozen=True)
class SlackConfig:
    KIND: ClassVar[str] = "slack"
    SECRETS: ClassVar[tuple[str, ...]] = ("webhook_url",)

    webhook_url: str = ""


@dataclass(frozen=True)
class DiscordConfig:
    KIND: ClassVar[str] = "discord"
    SECRETS: ClassVar[tuple[str, ...]] = ("webhook_url",)

    webhook_url: str = ""
    username: str = ""


@dataclass(frozen=True)
class TeamsConfig:
    """A Microsoft Teams "Workflows" webhook (Power Automate), or a legacy connector URL."""

    KIND: ClassVar[str] = "teams"
    SECRETS: ClassVar[tuple[str, ...]] = ("webhook_url",)

    webhook_url: str = ""


@dataclass(frozen=True)
class TelegramConfig:
    KIND: ClassVar[str] = "telegram"
    SECRETS: ClassVar[tuple[str, ...]] = ("bot_token",)

    bot_token: str = ""
    chat_id: str = ""
    api_url: str = TELEGRAM_API


@dataclass(frozen=True)
class NtfyConfig:
    KIND: ClassVar[str] = "ntfy"
    SECRETS: ClassVar[tuple[str, ...]] = ("token",)

    server: str = NTFY_SERVER
    topic: str = ""
    token: str = ""
    priority: int = 3


@dataclass(frozen=True)
class WebhookConfig:
    """Any JSON (or text) endpoint. ``headers`` is one ``Name: value`` per line."""

    KIND: ClassVar[str] = "webhook"
    SECRETS: ClassVar[tuple[str, ...]] = ("url", "headers")

    url: str = ""
    method: Literal["POST", "PUT"] = "POST"
    headers: str = ""
    body_template: str = DEFAULT_WEBHOOK_BODY
    content_type: str = "application/json"


@dataclass(frozen=True)
class AppriseConfig:
    """Any service Apprise knows, given as an Apprise URL (``tgram://…``, ``mailto://…``)."""

    KIND: ClassVar[str] = "apprise"
    SECRETS: ClassVar[tuple[str, ...]] = ("url",)

    url: str = ""


ChannelConfig = (
    EmailConfig
    | DingTalkConfig
    | WeComConfig
    | FeishuConfig
    | SlackConfig
    | DiscordConfig
    | TeamsConfig
    | TelegramConfig
    | NtfyConfig
    | WebhookConfig
    | AppriseConfig
)

CONFIG_TYPES: dict[str, type[ChannelConfig]] = {
    cls.KIND: cls
    for cls in (
        EmailConfig,
        DingTalkConfig,
        WeComConfig,
        FeishuConfig,
        SlackConfig,
        DiscordConfig,
        TeamsConfig,
        TelegramConfig,
        NtfyConfig,
        WebhookConfig,
        AppriseConfig,
    )
}


# --- settings <-> config ---------------------------------------------------------------


def config_from_settings(kind: str, settings: Mapping[str, Any]) -> ChannelConfig:
    """Build the config of ``kind`` from stored settings plus secrets (one mapping).

    Unknown keys are ignored (a newer version may have stored more); wrong types raise
    :class:`SpecError` naming each field. Meaning is checked by :func:`validate_config`.
    """
    cls = CONFIG_TYPES.get(kind)
    if cls is None:
        raise SpecError(
            [
                FieldError(
                    "kind",
                    translate("channels", "Unknown channel kind {kind}").format(kind=repr(kind)),
                )
            ]
        )
    errors: list[FieldError] = []
    values: dict[str, Any] = {}
    defaults = cls()
    for f in fields(cls):
        if f.name not in settings or settings[f.name] is None:
            continue
        raw, default = settings[f.name], getattr(defaults, f.name)
        if isinstance(default, bool) or isinstance(raw, bool):
            errors.append(FieldError(f.name, translate("specs", "has the wrong type")))
        elif isinstance(default, int) and not isinstance(default, bool):
            try:
                values[f.name] = int(raw)
            except (TypeError, ValueError):
                errors.append(FieldError(f.name, translate("specs", "must be a whole number")))
        elif isinstance(default, float):
            try:
                values[f.name] = float(raw)
            except (TypeError, ValueError):
                errors.append(FieldError(f.name, translate("specs", "must be a number")))
        elif not isinstance(raw, str):
            errors.append(FieldError(f.name, translate("specs", "must be text")))
        else:
            values[f.name] = raw.strip() if f.name not in ("body_template", "headers") else raw
    if errors:
        raise SpecError(errors)
    return replace(defaults, **values)


def split_settings(config: ChannelConfig) -> tuple[dict[str, Any], dict[str, str]]:
    """(settings safe to store in the database, secrets for the keyring); empty secrets left out."""
    public: dict[str, Any] = {}
    secrets: dict[str, str] = {}
    for f in fields(config):
        value = getattr(config, f.name)
        if f.name in config.SECRETS:
            if value:
                secrets[f.name] = value
        else:
            public[f.name] = value
    return public, secrets


# --- validation ------------------------------------------------------------------------


def validate_config(config: ChannelConfig) -> list[FieldError]:
    """Every problem with ``config``, each naming its field, in words that say what to do."""
    errors: list[FieldError] = []
    add = errors.append
    match config:
        case EmailConfig():
            if not config.host.strip():
                add(
                    FieldError(
                        "host",
                        translate(
                            "channels", "Enter the mail server's name, e.g. smtp.example.com"
                        ),
                    )
                )
            elif any(c.isspace() for c in config.host) or "/" in config.host:
                add(
                    FieldError(
                        "host",
                        translate(
                            "channels", "Enter only the server's name, without spaces or slashes"
                        ),
                    )
                )
            if not 1 <= config.port <= 65535:
                add(
                    FieldError(
                        "port", translate("channels", "The port is a number between 1 and 65535")
                    )
                )
            if config.security not in SECURITIES:
                add(
                    FieldError(
                        "security", translate("channels", "Choose STARTTLS, SSL/TLS or none")
                    )
                )
            if not _is_email(config.sender_address):
                add(
                    FieldError(
                        "sender_address",
                        translate("channels", "Enter the address mail is sent from"),
                    )
                )
            if config.username and not config.password:
                add(
                    FieldError(
                        "password", translate("channels", "Enter the password for this account")
                    )
                )
            if not math.isfinite(config.timeout) or not 0 < config.timeout <= 600:
                add(
                    FieldError(
                        "timeout",
                        translate("channels", "The time limit is between 1 and 600 seconds"),
                    )
                )
            if any(c in config.sender_name for c in "\r\n\x00"):
                add(
                    FieldError(
                        "sender_name",
                        translate("channels", "The sender's name must fit on one line"),
                    )
                )
            if config.ca_file:
                try:
                    ssl.create_default_context(cafile=config.ca_file)
                except (OSError, ssl.SSLError):
                    add(
                        FieldError(
                            "ca_file",
                            translate("channels", "This file is not a readable PEM certificate"),
                        )
                    )
        case DingTalkConfig():
            _need(
                add,
                "access_token",
                config.access_token,
                translate("channels", "Paste the robot's webhook address"),
            )
            if config.secret and not config.secret.startswith("SEC"):
                add(
                    FieldError(
                        "secret",
                        translate(
                            "channels", "DingTalk signing secrets start with SEC; copy it again"
                        ),
                    )
                )
            _need_url(add, "api_url", config.api_url)
            if config.msgtype not in ("text", "markdown"):
                add(FieldError("msgtype", translate("channels", "Choose text or Markdown")))
        case WeComConfig():
            _need(
                add, "key", config.key, translate("channels", "Paste the robot's webhook address")
            )
            _need_url(add, "api_url", config.api_url)
            if config.msgtype not in ("text", "markdown"):
                add(FieldError("msgtype", translate("channels", "Choose text or Markdown")))
        case FeishuConfig():
            _need(
                add, "token", config.token, translate("channels", "Paste the bot's webhook address")
            )
            if config.region not in ("feishu", "lark"):
                add(FieldError("region", translate("channels", "Choose Feishu or Lark")))
            if config.api_url:
                _need_url(add, "api_url", config.api_url)
        case SlackConfig():
            _need_url(
                add,
                "webhook_url",
                config.webhook_url,
                translate("channels", "Paste the incoming webhook address"),
            )
        case DiscordConfig():
            _need_url(
                add,
                "webhook_url",
                config.webhook_url,
                translate("channels", "Paste the Discord webhook address"),
            )
        case TeamsConfig():
            _need_url(
                add,
                "webhook_url",
                config.webhook_url,
                translate("channels", "Paste the workflow's address"),
            )
        case TelegramConfig():
            token = config.bot_token
            if not token:
                add(
                    FieldError(
                        "bot_token", translate("channels", "Enter the token @BotFather gave you")
                    )
                )
            elif ":" not in token or any(c.isspace() or c == "/" for c in token):
                add(
                    FieldError(
                        "bot_token", translate("channels", "A bot token looks like 123456:ABC-DEF…")
                    )
                )
            if not config.chat_id.strip():
                add(
                    FieldError(
                        "chat_id",
                        translate("channels", "Enter the chat id (a number) or @channelname"),
                    )
                )
            _need_url(add, "api_url", config.api_url)
        case NtfyConfig():
            _need_url(
                add,
                "server",
                config.server,
                translate("channels", "Enter the ntfy server, e.g. https://ntfy.sh"),
            )
            if not config.topic or not all(c.isalnum() or c in "-_" for c in config.topic):
                add(
                    FieldError(
                        "topic", translate("channels", "Use letters, digits, - and _ for the topic")
                    )
                )
            if not 1 <= config.priority <= 5:
                add(
                    FieldError(
                        "priority",
                        translate("channels", "Priority goes from 1 (lowest) to 5 (highest)"),
                    )
                )
        case WebhookConfig():
            _need_url(add, "url", config.url, translate("channels", "Enter the address to send to"))
            if config.method not in ("POST", "PUT"):
                add(FieldError("method", translate("channels", "Choose POST or PUT")))
            for number, line in enumerate(config.headers.splitlines(), start=1):
                name, colon, _value = line.partition(":")
                if line.strip() and (
                    not colon or not name.strip() or not _HEADER_NAME.fullmatch(name.strip())
                ):
                    add(
                        FieldError(
                            "headers",
                            translate(
                                "channels", "Line {number}: write each header as Name: value"
                            ).format(number=number),
                        )
                    )
            errors.extend(_check_body_template(config))
        case AppriseConfig():
            if "://" not in config.url:
                add(
                    FieldError(
                        "url",
                        translate(
                            "channels", "Enter an Apprise address such as tgram://token/chat"
                        ),
                    )
                )
    return errors


def config_warnings(config: ChannelConfig) -> list[FieldError]:
    """Things that work but that the user should know about (shown, not blocking)."""
    warnings: list[FieldError] = []
    if isinstance(config, EmailConfig) and config.security == "none":
        warnings.append(
            FieldError(
                "security",
                translate(
                    "channels",
                    "Without encryption, the password and every message cross the network "
                    "readable by anyone in between",
                ),
            )
        )
    url = _main_url(config)
    if url.startswith("http://") and not _is_local(url):
        warnings.append(
            FieldError(
                _url_field(config), translate("channels", "This address is not encrypted (http)")
            )
        )
    return warnings


def _check_body_template(config: WebhookConfig) -> list[FieldError]:
    from pushgui.core import templating

    bad = templating.unknown_placeholders(config.body_template, templating.MESSAGE_FIELDS)
    if bad:
        names = ", ".join("${" + n + "}" for n in sorted(bad))
        return [
            FieldError(
                "body_template",
                translate("channels", "Unknown placeholder {names}").format(names=names),
            )
        ]
    if "json" in config.content_type.lower():
        sample = templating.render(
            config.body_template,
            dict.fromkeys(templating.MESSAGE_FIELDS, 'a "quoted"\nline'),
            escape=templating.json_escape,
        )
        try:
            json.loads(sample)
        except json.JSONDecodeError as exc:
            return [
                FieldError(
                    "body_template",
                    translate("channels", "The body is not valid JSON ({problem})").format(
                        problem=exc.msg
                    ),
                )
            ]
    return []


def _need(add: Any, name: str, value: str, hint: str) -> None:
    if not value.strip():
        add(FieldError(name, hint))
    elif any(c.isspace() for c in value):
        add(FieldError(name, translate("channels", "Remove the spaces; copy it again")))


_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 token


def _need_url(add: Any, name: str, value: str, hint: str = "") -> None:
    if not value.strip():
        add(FieldError(name, hint or translate("channels", "Enter a web address")))
        return
    if any(c.isspace() or ord(c) < 32 for c in value.strip()):
        add(FieldError(name, translate("channels", "A web address has no spaces or line breaks")))
        return
    try:
        parts = urlsplit(value.strip())
        _port = parts.port  # raises ValueError for a port outside 0-65535
    except ValueError:
        add(FieldError(name, translate("channels", "This is not a web address")))
        return
    if parts.scheme not in ("http", "https") or not parts.hostname:
        add(FieldError(name, translate("channels", "The address must start with https://")))


def _is_email(value: str) -> bool:
    _name, address = email.utils.parseaddr(value)
    local, at, domain = address.rpartition("@")
    return bool(at and local and "." in domain and address == value.strip())


def _main_url(config: ChannelConfig) -> str:
    value = getattr(config, _url_field(config), "")
    return value if isinstance(value, str) else ""


def _url_field(config: ChannelConfig) -> str:
    for name in ("webhook_url", "url", "server", "api_url"):
        if hasattr(config, name):
            return name
    return ""


def _is_local(url: str) -> bool:
    return urlsplit(url).hostname in ("localhost", "127.0.0.1", "::1")


# --- a pasted webhook URL --------------------------------------------------------------


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


# --- senders ---------------------------------------------------------------------------


def build_sender(
    config: ChannelConfig,
    *,
    timeout: float | None = None,
    verify: ssl.SSLContext | str | bool = True,
) -> Sender:
    """The sender for one configured channel.

    ``verify`` is what HTTP channels trust (True: the system's CAs) and, when it is an
    SSL context, also what the email channel uses; tests pass a context trusting their CA.
    """
    # Imported here: each sender module imports its config class from this module.
    from pushgui.core.channels import (
        apprise_channel,
        dingtalk,
        discord,
        feishu,
        ntfy,
        slack,
        teams,
        telegram,
        webhook,
        wecom,
    )
    from pushgui.core.channels import email as email_channel
    from pushgui.core.channels.http import TIMEOUT

    http_timeout = timeout or TIMEOUT
    match config:
        case EmailConfig():
            context = verify if isinstance(verify, ssl.SSLContext) else None
            return email_channel.EmailSender(config, ssl_context=context)
        case DingTalkConfig():
            return dingtalk.DingTalkSender(config, timeout=http_timeout, verify=verify)
        case WeComConfig():
            return wecom.WeComSender(config, timeout=http_timeout, verify=verify)
        case FeishuConfig():
            return feishu.FeishuSender(config, timeout=http_timeout, verify=verify)
        case SlackConfig():
            return slack.SlackSender(config, timeout=http_timeout, verify=verify)
        case DiscordConfig():
            return discord.DiscordSender(config, timeout=http_timeout, verify=verify)
        case TeamsConfig():
            return teams.TeamsSender(config, timeout=http_timeout, verify=verify)
        case TelegramConfig():
            return telegram.TelegramSender(config, timeout=http_timeout, verify=verify)
        case NtfyConfig():
            return ntfy.NtfySender(config, timeout=http_timeout, verify=verify)
        case WebhookConfig():
            return webhook.WebhookSender(config, timeout=http_timeout, verify=verify)
        case AppriseConfig():
            return apprise_channel.AppriseSender(config)
    raise TypeError(f"not a channel config: {config!r}")
