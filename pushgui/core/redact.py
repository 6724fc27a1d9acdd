"""A logging filter that masks secrets third-party libraries may print (tokens in URLs).

pushgui's own code never logs secrets; this guards against libraries that log request
URLs, where bot APIs carry their tokens (``?access_token=``, ``/bot<token>/``, webhook paths).
"""

from __future__ import annotations

import logging
import re

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
