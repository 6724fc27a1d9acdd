"""The catalogue of channel kinds: importing it imports every kind module (each registers
its :class:`~pushgui.core.channels.kind.ChannelKind`), and it turns stored settings into a
kind's config, a config into stored settings and secrets, and a config into its sender.

A new kind adds one import line below; everything else about it lives in its own module
(docs/ARCHITECTURE.md, "Adding a channel kind"). The config classes of the first kinds are
also importable from here, as they were before each kind became one module.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pushgui.core.channels import (  # noqa: F401 - each import registers its kind
    apprise_channel,
    bark,
    dingtalk,
    discord,
    email,
    feishu,
    gotify,
    ntfy,
    pushover,
    pushplus,
    serverchan,
    slack,
    teams,
    telegram,
    webhook,
    wecom,
)
from pushgui.core.channels.apprise_channel import AppriseConfig
from pushgui.core.channels.base import Sender
from pushgui.core.channels.dingtalk import DINGTALK_API, DingTalkConfig
from pushgui.core.channels.discord import DiscordConfig
from pushgui.core.channels.email import EmailConfig
from pushgui.core.channels.feishu import FeishuConfig
from pushgui.core.channels.kind import KINDS, ChannelConfig, ChannelKind, SenderOptions
from pushgui.core.channels.ntfy import NtfyConfig
from pushgui.core.channels.slack import SlackConfig
from pushgui.core.channels.teams import TeamsConfig
from pushgui.core.channels.telegram import TelegramConfig
from pushgui.core.channels.webhook import WebhookConfig
from pushgui.core.channels.wecom import WeComConfig
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.delivery.deadline import SendDeadline

__all__ = [
    "CONFIG_TYPES",
    "DINGTALK_API",
    "KINDS",
    "AppriseConfig",
    "ChannelConfig",
    "DingTalkConfig",
    "DiscordConfig",
    "EmailConfig",
    "FeishuConfig",
    "NtfyConfig",
    "SlackConfig",
    "TeamsConfig",
    "TelegramConfig",
    "WeComConfig",
    "WebhookConfig",
    "build_sender",
    "config_from_settings",
    "kind_of",
    "split_settings",
]

#: The config class of each kind (read from the registry).
CONFIG_TYPES: Mapping[str, type[ChannelConfig]] = MappingProxyType(
    {k: d.config for k, d in KINDS.items()}
)

#: Fields whose text keeps its surrounding white space (templates, header lines).
_MULTILINE_WIDGET = "multiline"


def kind_of(kind: str) -> ChannelKind:
    """The description of ``kind``; an unknown kind raises :class:`SpecError`."""
    found = KINDS.get(kind)
    if found is None:
        message = translate("channels", "Unknown channel kind {kind}").format(kind=repr(kind))
        raise SpecError([FieldError("kind", message)])
    return found


def config_from_settings(kind: str, settings: Mapping[str, Any]) -> ChannelConfig:
    """Build the config of ``kind`` from stored settings plus secrets (one mapping).

    Unknown keys are ignored (a newer version may have stored more); wrong types raise
    :class:`SpecError` naming each field. Meaning is checked by
    :func:`pushgui.core.channels.validation.validate_config`.
    """
    description = kind_of(kind)
    cls = description.config
    keep_spaces = {f.name for f in description.fields() if f.widget == _MULTILINE_WIDGET}
    errors: list[FieldError] = []
    values: dict[str, Any] = {}
    defaults = cls()
    for f in fields(cls):
        if f.name not in settings or settings[f.name] is None:
            continue
        raw, default = settings[f.name], getattr(defaults, f.name)
        if isinstance(default, bool) and isinstance(raw, bool):
            values[f.name] = raw
        elif isinstance(default, bool) or isinstance(raw, bool):
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
            values[f.name] = raw if f.name in keep_spaces else raw.strip()
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


def build_sender(
    config: ChannelConfig,
    *,
    timeout: float | None = None,
    verify: ssl.SSLContext | str | bool = True,
    data_dir: Path | None = None,
    deadline: SendDeadline | None = None,
) -> Sender:
    """The sender for one configured channel.

    ``verify`` is what HTTP channels trust (True: the system's CAs) and, when it is an
    SSL context, also what the email channel uses; tests pass a context trusting their CA.
    ``data_dir`` is the data folder whose attachment copies the email channel may read;
    ``deadline`` is where the engine sets each send's deadline (see SenderOptions).
    """
    options = SenderOptions(timeout=timeout, verify=verify, data_dir=data_dir, deadline=deadline)
    return kind_of(config.KIND).build_sender(config, options)
