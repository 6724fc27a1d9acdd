"""How long one message may be on each service: the one table (docs/INPUTS.md, "Message
formats and length limits", shows the same table, and a test keeps the two equal).

Each row names the field the service measures, the size, the unit it counts in (UTF-8
bytes, characters, or UTF-16 code units) and what the service answers when a message is
longer. A message over its limit is refused when the push is checked; where the service is
a chat people read in order (``split``), it is sent as numbered parts instead. Kinds with
no row have no limit of their own (only the overall cap of
:data:`pushgui.core.messages.recipients.MAX_RENDERED`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["bytes", "characters", "utf16"]


@dataclass(frozen=True)
class Limit:
    kind: str
    field: str  # what is measured: the payload field, as the service names it
    size: int
    unit: Unit
    split: bool  # sent as ordered parts instead of being refused
    answer: str  # the service's answer to a longer message


LIMITS: tuple[Limit, ...] = (
    Limit("dingtalk", "text.content", 20_000, "bytes", False, "errcode 460101"),
    Limit("dingtalk", "markdown.text", 20_000, "bytes", False, "errcode 460101"),
    Limit("wecom", "text.content", 2_048, "bytes", False, "errcode 40058"),
    Limit("wecom", "markdown.content", 4_096, "bytes", False, "errcode 40058"),
    Limit("feishu", "request body", 20 * 1024, "bytes", False, "code 9499"),
    Limit("slack", "text", 40_000, "characters", False, "HTTP 400 msg_too_long"),
    Limit("discord", "content", 2_000, "characters", True, "HTTP 400 code 50035"),
    Limit("telegram", "text", 4_096, "utf16", True, "HTTP 400 message is too long"),
    Limit("teams", "request body", 28 * 1024, "bytes", False, "HTTP 413"),
    Limit("ntfy", "message", 4_096, "bytes", False, "HTTP 413 code 41301"),
    Limit("pushover", "message", 1_024, "characters", False, "HTTP 400 status 0"),
    Limit("serverchan", "desp", 32 * 1024, "bytes", False, "code 40001"),
    Limit("bark", "body", 3_000, "bytes", False, "HTTP 400"),
)


def limit_for(kind: str, field: str = "") -> Limit | None:
    """The row of ``kind`` (the one measuring ``field`` when the kind has several)."""
    rows = [row for row in LIMITS if row.kind == kind]
    for row in rows:
        if row.field == field:
            return row
    return rows[0] if rows and not field else None


def measure(text: str, unit: Unit) -> int:
    """``text``'s size in ``unit``."""
    if unit == "bytes":
        return len(text.encode("utf-8"))
    if unit == "utf16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)
