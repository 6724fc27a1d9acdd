"""A message as one service receives it: written in the service's format, measured in its
unit against its limit (:mod:`pushgui.core.messages.limits`), and, for the chats read in
order, split into parts; the senders build their payloads from this, and the editor shows
it, so what is previewed and checked is what is sent.

A message is split only between blocks, list items or words, never inside bold text or a
link, nor inside a character (slicing is by code points, and measured in the service's
unit). A single word or element longer than a part is refused instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pushgui.core.messages import formats
from pushgui.core.messages.formats import Format
from pushgui.core.messages.limits import Limit, limit_for, measure
from pushgui.core.messages.rich import Block, Inline, ListBlock, Paragraph, Text, TextFormat, parse
from pushgui.core.system.i18n import translate

#: The format a formatted message takes on each kind; kinds not named get plain text.
FORMATS: Mapping[str, Format] = {
    "dingtalk": "dingtalk",
    "wecom": "wecom",
    "slack": "slack",
    "discord": "discord",
    "telegram": "telegram",
    "ntfy": "ntfy",
    "email": "html",
}


@dataclass(frozen=True)
class ServiceText:
    """What one kind is sent: ``parts`` in order (one unless split), the format they are in,
    the limit they are measured against and the size of the whole message in its unit."""

    kind: str
    format: Format
    parts: tuple[str, ...]
    limit: Limit | None
    size: int
    fits: bool
    post: dict[str, Any] | None = None  # Feishu's post content, when it is one

    @property
    def text(self) -> str:
        return self.parts[0] if self.parts else ""


def as_sent_to(kind: str, body: str, text_format: TextFormat) -> tuple[str, TextFormat]:
    """The body and format a sender of ``kind`` is handed: a formatted message as plain text
    (a link as "text (url)", "• " lists) for the kinds that show no formatting, as it is
    for the senders that write their service's format themselves."""
    if text_format != "markdown" or kind in FORMATS or kind == "feishu":
        return body, text_format
    return formats.document(parse(body, "markdown"), "plain"), "plain"


def format_for(kind: str, text_format: TextFormat, settings: Mapping[str, Any]) -> Format:
    """The format ``kind`` gets: plain for plain messages except where the service reads
    markup anyway (Slack, Discord, a DingTalk or WeCom channel set to Markdown)."""
    if text_format == "markdown":
        return FORMATS.get(kind, "plain")
    if kind in ("slack", "discord"):
        return FORMATS[kind]
    if kind in ("dingtalk", "wecom") and settings.get("msgtype") == "markdown":
        return FORMATS[kind]
    return "plain"


def for_service(
    kind: str,
    title: str,
    body: str,
    text_format: TextFormat = "plain",
    settings: Mapping[str, Any] | None = None,
    blocks: tuple[Block, ...] | None = None,
) -> ServiceText:
    """``title`` and ``body`` (filled in) as ``kind`` receives them; ``blocks`` is ``body``
    already parsed, when the caller has it (parsing is most of the work)."""
    settings = settings or {}
    fmt = format_for(kind, text_format, settings)
    if blocks is None:
        blocks = parse(body, text_format)
    if kind == "feishu" and text_format == "markdown":
        post = formats.feishu_post(title, blocks)
        size = len(wire_json({"msg_type": "post", "content": post, **SIGNATURE}))
        row = limit_for(kind)
        shown = json.dumps(post, ensure_ascii=False, indent=1)
        return ServiceText(kind, "plain", (shown,), row, size, _within(size, row), post)
    head, pieces = _head(kind, title, fmt), formats.blocks_text(blocks, fmt)
    text = formats.join_blocks(pieces, fmt)
    whole = _joined(kind, fmt, head, text)
    row = limit_for(kind, _field(kind, fmt))
    if kind in ("feishu", "teams") and row is not None:  # their limit is on the whole body
        size = _body_size(kind, title, text if kind == "teams" else whole)
        return ServiceText(kind, fmt, (whole,), row, size, size <= row.size)
    if row is None:
        return ServiceText(kind, fmt, (whole,), None, len(whole), True)
    size = _size(whole, row, fmt)
    if size <= row.size or not row.split:
        return ServiceText(kind, fmt, (whole,), row, size, size <= row.size)
    parts = _split(head, blocks, fmt, row)
    return ServiceText(kind, fmt, tuple(parts or (whole,)), row, size, bool(parts))


def _head(kind: str, title: str, fmt: Format) -> str:
    if kind in ("ntfy", "email", "pushover", "gotify", "serverchan", "pushplus"):
        return ""  # these carry the title in a field of its own (Bark's shares its 3,000 bytes)
    if kind == "dingtalk" and fmt == "dingtalk":
        return "#### " + formats.markdown_text(title, True)
    if kind == "wecom" and fmt == "wecom":
        return "### " + formats.markdown_text(title, True)
    if kind == "feishu":
        return formats.no_at_tags(title)
    return formats.title_text(title, fmt) if fmt != "plain" else title


def _joined(kind: str, fmt: Format, head: str, body: str) -> str:
    if not head:
        return body
    if not body:
        return head
    gap = "\n\n" if fmt == "dingtalk" or kind == "telegram" else "\n"
    return head + gap + (formats.no_at_tags(body) if kind == "feishu" else body)


def _field(kind: str, fmt: Format) -> str:
    if kind == "dingtalk":
        return "markdown.text" if fmt == "dingtalk" else "text.content"
    if kind == "wecom":
        return "markdown.content" if fmt == "wecom" else "text.content"
    return ""


#: A signed Feishu message carries these two fields too (their size, not their values).
SIGNATURE = {"timestamp": "0" * 10, "sign": "0" * 44}


def wire_json(data: Mapping[str, Any]) -> bytes:
    """``data`` as the JSON body the Feishu and Teams senders send (compact UTF-8), which is
    what their size limits count."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _body_size(kind: str, title: str, text: str) -> int:
    if kind == "teams":
        from pushgui.core.channels.teams import card  # the card is the Teams module's own

        return len(wire_json(card(title, text)))
    return len(wire_json({"msg_type": "text", "content": {"text": text}, **SIGNATURE}))


def _size(text: str, row: Limit, fmt: Format) -> int:
    return measure(formats.visible_text(text) if fmt == "telegram" else text, row.unit)


def _within(size: int, row: Limit | None) -> bool:
    return row is None or size <= row.size


def _split(head: str, blocks: tuple[Block, ...], fmt: Format, row: Limit) -> list[str]:
    """Parts of at most ``row.size``, each made of whole atoms; empty if an atom is too long."""
    atoms: list[tuple[str, str]] = [("", head)] if head else []
    for block in blocks:
        gap = "\n\n" if atoms else ""
        for index, (sep, atom) in enumerate(_atoms(block, fmt, max(1, row.size // 8))):
            atoms.append((gap if index == 0 else sep, atom))
    parts: list[str] = []
    current, used = "", 0  # sizes add up: no element or entity spans two atoms
    for sep, atom in atoms:
        if _size(atom.strip(), row, fmt) > row.size:
            return []
        added = _size(sep + atom, row, fmt) if current else _size(atom.lstrip(), row, fmt)
        if used + added <= row.size:
            current, used = (current + sep + atom if current else atom.lstrip()), used + added
            continue
        parts.append(current.rstrip())
        current = atom.lstrip()
        used = _size(current, row, fmt)
    if current.strip():
        parts.append(current.rstrip())
    return parts


def _atoms(block: Block, fmt: Format, longest: int) -> list[tuple[str, str]]:
    """``block`` as (separator, text) pieces that a part may end after; a word longer than
    ``longest`` characters is cut between characters."""
    if isinstance(block, ListBlock):
        out: list[tuple[str, str]] = []
        for number, item in enumerate(block.items):
            pieces = _inline_atoms(item, fmt, longest) or [("", "")]
            first = formats.item_prefix(block, number, fmt) + pieces[0][1]
            out += [("\n", first), *pieces[1:]]
        return out
    return _inline_atoms(block.inlines, fmt, longest)


def _inline_atoms(nodes: tuple[Inline, ...], fmt: Format, longest: int) -> list[tuple[str, str]]:
    """Each word of the text and each bold text or link (whole, line breaks and all)."""
    return [
        ("", formats.blocks_text((Paragraph((word,)),), fmt)[0])
        for node in nodes
        for word in _words(node, longest)
    ]


def _words(node: Inline, longest: int) -> list[Inline]:
    if not isinstance(node, Text):
        return [node]
    words = [w for w in re.split(r"(?<=\s)(?=\S)", node.text) if w]
    return [Text(w[i : i + longest]) for w in words for i in range(0, len(w), longest)]


def unit_text(row: Limit, size: int) -> str:
    """``size`` in ``row``'s unit, in words ("1,980 characters"; UTF-16 code units are
    called characters too: they differ only for emoji and rare characters)."""
    if row.unit == "bytes":
        return translate("limits", "{size} bytes").format(size=f"{size:,}")
    return translate("limits", "{size} characters").format(size=f"{size:,}")


def too_long(shown: ServiceText, service: str) -> str:
    """Why ``shown`` cannot be sent: its size against the service's limit."""
    row = shown.limit
    if row is None:
        return ""
    if row.split:
        return translate(
            "limits",
            "A single word or link is longer than one {service} message ({limit}); shorten it",
        ).format(service=service, limit=unit_text(row, row.size))
    return translate(
        "limits", "The message is {size} on {service}, which takes at most {limit}; shorten it"
    ).format(size=unit_text(row, shown.size), service=service, limit=f"{row.size:,}")
