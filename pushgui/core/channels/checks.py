"""Checks that several channel kinds share: a token that must be there and have no spaces,
a web address, a choice among a few values, the ``Name: value`` header lines."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pushgui.core.errors import FieldError
from pushgui.core.system.i18n import translate

_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 token


def need(name: str, value: str, hint: str) -> list[FieldError]:
    """``value`` must be given, without spaces (a token, a key); ``hint`` says where from."""
    if not value.strip():
        return [FieldError(name, hint)]
    if any(c.isspace() for c in value):
        return [FieldError(name, translate("channels", "Remove the spaces; copy it again"))]
    return []


def need_url(name: str, value: str, hint: str = "") -> list[FieldError]:
    """``value`` must be an http(s) address with a host."""
    if not value.strip():
        return [FieldError(name, hint or translate("channels", "Enter a web address"))]
    if any(c.isspace() or ord(c) < 32 for c in value.strip()):
        return [
            FieldError(name, translate("channels", "A web address has no spaces or line breaks"))
        ]
    try:
        parts = urlsplit(value.strip())
        _port = parts.port  # raises ValueError for a port outside 0-65535
    except ValueError:
        return [FieldError(name, translate("channels", "This is not a web address"))]
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [FieldError(name, translate("channels", "The address must start with https://"))]
    return []


def one_of(name: str, value: object, allowed: tuple[str, ...], message: str) -> list[FieldError]:
    return [] if value in allowed else [FieldError(name, message)]


def text_or_markdown(value: str) -> list[FieldError]:
    return one_of(
        "msgtype", value, ("text", "markdown"), translate("channels", "Choose text or Markdown")
    )


def header_lines(name: str, text: str) -> list[FieldError]:
    """Each non-blank line of ``text`` must be ``Name: value`` with a valid header name."""
    errors: list[FieldError] = []
    for number, line in enumerate(text.splitlines(), start=1):
        head, colon, _value = line.partition(":")
        if line.strip() and (
            not colon or not head.strip() or not _HEADER_NAME.fullmatch(head.strip())
        ):
            errors.append(
                FieldError(
                    name,
                    translate("channels", "Line {number}: write each header as Name: value").format(
                        number=number
                    ),
                )
            )
    return errors


def parse_headers(text: str) -> dict[str, str]:
    """``Name: value`` lines as a dict; blank lines are skipped."""
    headers: dict[str, str] = {}
    for line in text.splitlines():
        head, colon, value = line.partition(":")
        if colon and head.strip():
            headers[head.strip()] = value.strip()
    return headers
