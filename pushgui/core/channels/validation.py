"""Checking a channel's settings: every problem named by its field, in plain words that
say what to do, plus warnings about settings that work but are risky."""

from __future__ import annotations

import json
import math
import re
import ssl
from dataclasses import fields, replace
from typing import Any
from urllib.parse import urlsplit

from pushgui.core.channels.config import (
    CONFIG_TYPES,
    SECURITIES,
    AppriseConfig,
    ChannelConfig,
    DingTalkConfig,
    DiscordConfig,
    EmailConfig,
    FeishuConfig,
    NtfyConfig,
    SlackConfig,
    TeamsConfig,
    TelegramConfig,
    WebhookConfig,
    WeComConfig,
)
from pushgui.core.errors import FieldError
from pushgui.core.i18n import translate
from pushgui.core.textcheck import email_problem, one_line_problem

#: Settings that hold several lines by design.
_MULTILINE = frozenset({"headers", "body_template"})


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
            if not config.sender_address.strip():
                add(
                    FieldError(
                        "sender_address",
                        translate("channels", "Enter the address mail is sent from"),
                    )
                )
            elif email_problem(config.sender_address):
                add(FieldError("sender_address", email_problem(config.sender_address)))
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
    named = {e.field for e in errors}
    for f in fields(config):
        value = getattr(config, f.name)
        # Every text setting is one line (a server, a name, a token...) but the multi-line
        # ones; a field that already has a message keeps only that one.
        if isinstance(value, str) and f.name not in _MULTILINE | named:
            problem = one_line_problem(value)
            if problem:
                add(FieldError(f.name, problem))
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


def possible_warnings(kind: str) -> list[FieldError]:
    """Every warning :func:`config_warnings` can give a channel of ``kind``, so a form can
    keep room for each before it appears: a warning never moves the fields below it."""
    config = CONFIG_TYPES[kind]()
    changes: dict[str, Any] = {}
    if isinstance(config, EmailConfig):
        changes["security"] = "none"
    url_field = _url_field(config)
    if url_field:
        changes[url_field] = "http://example.org"
    return config_warnings(replace(config, **changes))


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
