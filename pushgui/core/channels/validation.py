"""Checking a channel's settings: every problem named by its field, in plain words that
say what to do, plus warnings about settings that work but are risky. Each kind's own
checks are in its module (:meth:`~pushgui.core.channels.kind.ChannelKind.validate`)."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any
from urllib.parse import urlsplit

from pushgui.core.channels.config import ChannelConfig, kind_of
from pushgui.core.errors import FieldError
from pushgui.core.messages.textcheck import one_line_problem
from pushgui.core.system.i18n import translate


def validate_config(config: ChannelConfig) -> list[FieldError]:
    """Every problem with ``config``, each naming its field, in words that say what to do."""
    description = kind_of(config.KIND)
    errors = description.validate(config)
    multiline = {f.name for f in description.fields() if f.widget == "multiline"}
    named = {e.field for e in errors}
    for f in fields(config):
        value = getattr(config, f.name)
        # Every text setting is one line (a server, a name, a token...) but the multi-line
        # ones; a field that already has a message keeps only that one.
        if isinstance(value, str) and f.name not in multiline | named:
            problem = one_line_problem(value)
            if problem:
                errors.append(FieldError(f.name, problem))
    return errors


def config_warnings(config: ChannelConfig) -> list[FieldError]:
    """Things that work but that the user should know about (shown, not blocking)."""
    warnings = kind_of(config.KIND).warnings(config)
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
    description = kind_of(kind)
    config = description.config()
    changes: dict[str, Any] = dict(description.risky)
    url_field = _url_field(config)
    if url_field:
        changes[url_field] = "http://example.org"
    return config_warnings(replace(config, **changes))


def _main_url(config: ChannelConfig) -> str:
    value = getattr(config, _url_field(config), "")
    return value if isinstance(value, str) else ""


def _url_field(config: ChannelConfig) -> str:
    named = kind_of(config.KIND).address_field
    if named:
        return named
    for name in ("webhook_url", "url", "server", "api_url"):
        if hasattr(config, name):
            return name
    return ""


def _is_local(url: str) -> bool:
    return urlsplit(url).hostname in ("localhost", "127.0.0.1", "::1")
