"""Each channel kind's settings as a dataclass, converting them to and from stored settings,
and the sender each one builds. Checking them is :mod:`.validation`; reading a pasted
address into them is :mod:`.urls`.

Fields named in a class's ``SECRETS`` hold passwords, tokens or token-bearing URLs: the
store keeps the other fields and hands these to :mod:`pushgui.core.secrets`.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, get_args

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
    :class:`SpecError` naming each field. Meaning is checked by
    :func:`pushgui.core.channels.validation.validate_config`.
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


# --- senders ---------------------------------------------------------------------------


def build_sender(
    config: ChannelConfig,
    *,
    timeout: float | None = None,
    verify: ssl.SSLContext | str | bool = True,
    data_dir: Path | None = None,
) -> Sender:
    """The sender for one configured channel.

    ``verify`` is what HTTP channels trust (True: the system's CAs) and, when it is an
    SSL context, also what the email channel uses; tests pass a context trusting their CA.
    ``data_dir`` is the data folder whose attachment copies the email channel may read.
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
            return email_channel.EmailSender(config, ssl_context=context, data_dir=data_dir)
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
