"""The email kind: an SMTP account's settings, their checks, the form's fields and the
providers' presets. Sending is :mod:`.smtp` (long enough to be a module of its own), loaded
with smtplib and the email package at the first send, never while the window starts."""

from __future__ import annotations

import math
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, ClassVar, Literal, get_args

from pushgui.core.channels.base import Sender
from pushgui.core.channels.kind import (
    ChannelConfig,
    ChannelKind,
    Field,
    SenderOptions,
    Variant,
    register,
)
from pushgui.core.errors import FieldError
from pushgui.core.messages.textcheck import email_problem
from pushgui.core.system.i18n import translate

Security = Literal["starttls", "ssl", "none"]
SECURITIES: tuple[Security, ...] = get_args(Security)
#: The port each encryption usually uses (the form follows the choice with the port).
USUAL_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class EmailConfig(ChannelConfig):
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


KIND = EmailConfig.KIND


@dataclass(frozen=True)
class Preset:
    """A mail provider's server settings and what else it needs (an app password...)."""

    key: str
    name: str
    host: str
    port: int
    security: Security
    note: str


def presets() -> tuple[Preset, ...]:
    """The providers the email form offers, with their notes (translated)."""
    return (
        Preset(
            "gmail",
            translate("channels", "Gmail"),
            "smtp.gmail.com",
            587,
            "starttls",
            translate(
                "channels",
                "Gmail needs an app password (Google Account → Security → App passwords), "
                "not your normal password.",
            ),
        ),
        Preset(
            "outlook",
            translate("channels", "Outlook / Microsoft 365"),
            "smtp.office365.com",
            587,
            "starttls",
            translate(
                "channels",
                "Work and school accounts may need SMTP sign-in allowed by the administrator.",
            ),
        ),
        Preset(
            "qq",
            translate("channels", "QQ Mail"),
            "smtp.qq.com",
            465,
            "ssl",
            translate(
                "channels",
                "QQ Mail needs the authorization code (授权码) from Settings → Account → "
                "POP3/SMTP service, not your QQ password.",
            ),
        ),
        Preset(
            "163",
            translate("channels", "163 Mail"),
            "smtp.163.com",
            465,
            "ssl",
            translate(
                "channels",
                "163 Mail needs the client authorization code (授权码) from Settings → "
                "POP3/SMTP/IMAP, not your login password.",
            ),
        ),
    )


class Email(ChannelKind):
    config = EmailConfig
    position = 10
    variants = (
        Variant(
            "email",
            lambda: translate("channels", "Email (SMTP)"),
            lambda: translate("channels", "Send from a mail account"),
            ("@", "#5c6bc0"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field(
                "host",
                translate("channels", "Mail server:"),
                placeholder=translate("channels", "e.g. smtp.example.com"),
            ),
            Field("port", translate("channels", "Port:"), "number", maximum=65535),
            Field(
                "security",
                translate("channels", "Encryption:"),
                "choice",
                choices=(
                    ("starttls", translate("channels", "STARTTLS (usually port 587)")),
                    ("ssl", translate("channels", "SSL/TLS (usually port 465)")),
                    ("none", translate("channels", "None — not encrypted")),
                ),
            ),
            Field(
                "username",
                translate("channels", "User name:"),
                placeholder=translate("channels", "usually your email address"),
                help=translate("channels", "Leave empty if the server needs no login."),
            ),
            Field("password", translate("channels", "Password:"), "secret"),
            Field(
                "sender_address",
                translate("channels", "Send from address:"),
                placeholder=translate("channels", "me@example.com"),
            ),
            Field(
                "sender_name",
                translate("channels", "Sender name:"),
                placeholder=translate("channels", "Optional, e.g. Office reminders"),
            ),
            Field(
                "ca_file",
                translate("channels", "Extra certificate file:"),
                placeholder=translate("channels", "Optional, a .pem file"),
                help=translate(
                    "channels",
                    "Only for a company mail server with its own certificate authority.",
                ),
                advanced=True,
            ),
            Field(
                "timeout",
                translate("channels", "Time limit:"),
                "seconds",
                maximum=600,
                advanced=True,
            ),
        )

    def validate(self, config: EmailConfig) -> list[FieldError]:
        errors: list[FieldError] = []

        def add(name: str, message: str) -> None:
            errors.append(FieldError(name, message))

        if not config.host.strip():
            add(
                "host", translate("channels", "Enter the mail server's name, e.g. smtp.example.com")
            )
        elif any(c.isspace() for c in config.host) or "/" in config.host:
            add(
                "host",
                translate("channels", "Enter only the server's name, without spaces or slashes"),
            )
        if not 1 <= config.port <= 65535:
            add("port", translate("channels", "The port is a number between 1 and 65535"))
        if config.security not in SECURITIES:
            add("security", translate("channels", "Choose STARTTLS, SSL/TLS or none"))
        if not config.sender_address.strip():
            add("sender_address", translate("channels", "Enter the address mail is sent from"))
        elif email_problem(config.sender_address):
            add("sender_address", email_problem(config.sender_address))
        if config.username and not config.password:
            add("password", translate("channels", "Enter the password for this account"))
        if not math.isfinite(config.timeout) or not 0 < config.timeout <= 600:
            add("timeout", translate("channels", "The time limit is between 1 and 600 seconds"))
        if config.ca_file:
            try:
                ssl.create_default_context(cafile=config.ca_file)
            except (OSError, ssl.SSLError):
                add("ca_file", translate("channels", "This file is not a readable PEM certificate"))
        return errors

    risky = MappingProxyType({"security": "none"})

    def warnings(self, config: EmailConfig) -> list[FieldError]:
        if config.security != "none":
            return []
        message = translate(
            "channels",
            "Without encryption, the password and every message cross the network "
            "readable by anyone in between",
        )
        return [FieldError("security", message)]

    def build_sender(self, config: EmailConfig, options: SenderOptions) -> Sender:
        from pushgui.core.channels.smtp import EmailSender  # at the first send (see above)

        context = options.verify if isinstance(options.verify, ssl.SSLContext) else None
        return EmailSender(
            config, ssl_context=context, data_dir=options.data_dir, current=options.deadline
        )

    def details(self, settings: Mapping[str, Any]) -> str:
        sender = str(settings.get("sender_address", ""))
        host = str(settings.get("host", ""))
        if sender and host:
            return translate("channels", "{sender} via {host}").format(sender=sender, host=host)
        return sender or host


register(Email())
