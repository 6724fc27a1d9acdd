"""Masking secrets: by pattern (tokens in URLs that libraries may log) and by value.

pushgui's own code never logs secrets; the pattern filter guards against libraries that log
request URLs, where bot APIs carry their tokens (``?access_token=``, ``/bot<token>/``,
webhook paths). Patterns cannot catch a server that echoes its request in an error body
(the path, a ``token`` field, an ``Authorization`` header), so every sender also scrubs
the exact values of its own channel's secrets, and the parts a URL or header carries them
in, raw and URL-encoded (:class:`Scrubber`), from whatever text leaves it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, quote_plus, unquote, urlsplit

_PATTERNS = (
    # query parameters that carry credentials
    re.compile(r"(?i)([?&](?:access_token|key|token|sign|secret|password|auth)=)[^&\s\"']+"),
    # Telegram: https://api.telegram.org/bot<token>/sendMessage
    re.compile(r"(/bot)\d+:[\w-]+"),
    # Slack, Discord, Teams and similar webhooks: the path is the secret
    re.compile(r"(/services/)[\w/]+"),
    re.compile(r"(/api/webhooks/)[\w/-]+"),
    re.compile(r"(/workflows/)[\w/-]+"),
    re.compile(r"(/hook/)[\w-]+"),
    # user:password@host in URLs
    re.compile(r"(://[^/\s:@]+:)[^@\s/]+(?=@)"),
)
MASK = "•••"


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks credentials in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


#: Parts shorter than this (a path segment like ``/api``, a header name) are not masked on
#: their own: they would blank ordinary words. Whole secret values are always masked.
MIN_PART = 6


def _parts(value: str) -> set[str]:
    """The pieces of a secret a server may echo on their own: for a URL its path, path
    segments, query string and values and password; for header lines each value and the
    credential after a scheme word (``Bearer abc`` gives ``abc``)."""
    parts: set[str] = set()
    if "://" in value:
        try:
            url = urlsplit(value)
        except ValueError:
            url = None
        if url is not None:
            parts.add(url.path)
            parts.update(segment for segment in url.path.split("/"))
            parts.add(url.query)
            parts.update(v for _k, v in parse_qsl(url.query, keep_blank_values=True))
            if url.password:
                parts.add(url.password)
    for line in value.splitlines():
        name, colon, rest = line.partition(":")
        if colon and " " not in name.strip() and "//" not in rest[:2]:
            rest = rest.strip()
            parts.add(rest)
            parts.update(rest.split())
    return {p for p in parts if len(p) >= MIN_PART}


class Scrubber:
    """Replaces the given secret values (and their parts and URL-encoded forms) by the mask."""

    def __init__(self, secrets: Iterable[str]) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if not secret or not secret.strip():
                continue
            for piece in {secret, secret.strip(), *_parts(secret)}:
                forms.update(
                    {piece, unquote(piece), quote(piece, safe=""), quote(piece), quote_plus(piece)}
                )
        # Longest first, so that a secret is masked whole before any piece of it.
        self.forms = sorted((f for f in forms if f), key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for form in self.forms:
            if form in text:
                text = text.replace(form, MASK)
        return text

    def __bool__(self) -> bool:
        return bool(self.forms)
