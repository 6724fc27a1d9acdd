"""The message tree (:mod:`pushgui.core.messages.rich`) written in each service's format,
with the user's own text escaped so that it can never become markup there.

What each format is, and how its text is escaped (docs/INPUTS.md, "Message formats and
length limits", lists the documents each rule was checked against):

- ``dingtalk``, ``wecom``: the robots' Markdown subsets (bold ``**…**``, ``[text](url)``;
  DingTalk's ``- `` and ``1. `` lists, "• " lines on WeCom, whose subset has none); ``&``,
  ``<`` and ``>`` become HTML entities (both render ``<font>``/``<@userid>`` tags),
  Markdown punctuation gets a backslash.
- ``discord``, ``ntfy``: Markdown (CommonMark-like); every special gets a backslash, so
  ``<@123>``, ``@everyone`` lookalikes and ``*`` stay text.
- ``slack``: mrkdwn; ``&``, ``<``, ``>`` become ``&amp;``, ``&lt;``, ``&gt;`` (Slack's one
  documented escape, which also keeps ``<!channel>`` and ``<@U…>`` from pinging); bold is
  ``*…*``, a link ``<url|text>``.
- ``telegram``: Telegram's HTML (parse_mode HTML): ``<b>``, ``<a href>``; ``&``, ``<``,
  ``>`` (and ``"`` in an address) as entities; lists as "• " lines (no list tags there).
- ``html``: the email's HTML part; ``plain``: text for everything else and the email's
  plain part. ``feishu_post`` builds Feishu's post content, where text is literal but a
  typed ``<at …>`` is kept from reading as a mention.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any, Literal

from pushgui.core.messages.rich import (
    Block,
    Bold,
    Break,
    Inline,
    ListBlock,
    Paragraph,
    Text,
    plain_text,
)

Format = Literal["plain", "dingtalk", "wecom", "discord", "ntfy", "slack", "telegram", "html"]

_MD_SPECIALS = re.compile(r"([\\`*_\[\]()#~|!{}])")
_MD_LINE_START = re.compile(r"(?m)^(\s*)([-+>=]|\d+(?=[.)]))")
_MD_MENTIONS = re.compile(r"([<>&@])")
_AT_TAG = re.compile(r"<(?=\s*/?\s*at\b)", re.IGNORECASE)
ZERO_WIDTH = "\u200b"


def markdown_text(text: str, entities: bool) -> str:
    """``text`` that Markdown shows as typed; ``entities``: ``&<>`` as HTML entities (for
    renderers that read HTML tags), else with a backslash."""
    if entities:
        text = html.escape(text, quote=False)
        text = _MD_SPECIALS.sub(r"\\\1", text)
    else:
        text = _MD_SPECIALS.sub(r"\\\1", text)
        text = _MD_MENTIONS.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def slack_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def no_at_tags(text: str) -> str:
    """``text`` where a typed ``<at …>`` cannot read as a Feishu mention (a zero-width space
    after ``<``, invisible when shown)."""
    return _AT_TAG.sub("<" + ZERO_WIDTH, text)


class _Writer:
    """How one text format writes each element; subclasses set the pieces."""

    bold_open = ""
    bold_close = ""
    line_break = "\n"
    paragraph_gap = "\n\n"
    bullet = "- "

    def text(self, text: str) -> str:
        return text

    def link(self, inner: str, url: str) -> str:
        return f"[{inner}]({url.replace(')', '%29').replace(' ', '%20')})"

    def title(self, title: str) -> str:
        return f"{self.bold_open}{self.text(title)}{self.bold_close}"

    def inlines(self, nodes: tuple[Inline, ...]) -> str:
        out: list[str] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(self.text(node.text))
            elif isinstance(node, Break):
                out.append(self.line_break)
            elif isinstance(node, Bold):
                out.append(f"{self.bold_open}{self.inlines(node.children)}{self.bold_close}")
            else:
                out.append(self.link(self.inlines(node.children), node.url))
        return "".join(out)

    def item_prefix(self, block: ListBlock, number: int) -> str:
        return f"{block.start + number}. " if block.ordered else self.bullet

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return self.inlines(block.inlines)
        return "\n".join(
            self.item_prefix(block, n) + self.inlines(item) for n, item in enumerate(block.items)
        )


class _Markdown(_Writer):
    bold_open = bold_close = "**"

    def __init__(self, entities: bool, line_break: str = "\n", bullet: str = "- ") -> None:
        self.entities = entities
        self.line_break = line_break
        self.bullet = bullet

    def text(self, text: str) -> str:
        return markdown_text(text, self.entities)


class _Slack(_Writer):
    bold_open = bold_close = "*"
    bullet = "• "

    def text(self, text: str) -> str:
        return slack_text(text)

    def link(self, inner: str, url: str) -> str:
        return f"<{url.replace('|', '%7C').replace('>', '%3E')}|{inner}>"


class _Telegram(_Writer):
    bold_open, bold_close = "<b>", "</b>"
    bullet = "• "

    def text(self, text: str) -> str:
        return html.escape(text, quote=False)

    def link(self, inner: str, url: str) -> str:
        return f'<a href="{html.escape(url)}">{inner}</a>'


class _Html(_Telegram):
    bold_open, bold_close = "<strong>", "</strong>"
    line_break = "<br>\n"

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return f"<p>{self.inlines(block.inlines)}</p>"
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        rows = "".join(f"<li>{self.inlines(item)}</li>" for item in block.items)
        return f"<{tag}{start}>{rows}</{tag}>"


class _Plain(_Writer):
    bullet = "• "

    def link(self, inner: str, url: str) -> str:
        shown = url.removeprefix("mailto:")
        return inner if inner == shown else f"{inner} ({shown})"


def _writer(fmt: Format) -> _Writer:
    makers: dict[Format, Callable[[], _Writer]] = {
        "plain": _Plain,
        "dingtalk": lambda: _Markdown(entities=True, line_break="  \n"),
        "wecom": lambda: _Markdown(entities=True, bullet="• "),  # WeCom's subset has no lists
        "discord": lambda: _Markdown(entities=False),
        "ntfy": lambda: _Markdown(entities=False, line_break="  \n"),
        "slack": _Slack,
        "telegram": _Telegram,
        "html": _Html,
    }
    return makers[fmt]()


def blocks_text(blocks: tuple[Block, ...], fmt: Format) -> list[str]:
    """Each block written in ``fmt``, in order (the pieces a long message is split at)."""
    writer = _writer(fmt)
    return [writer.block(block) for block in blocks]


def item_prefix(block: ListBlock, number: int, fmt: Format) -> str:
    """What starts item ``number`` of ``block`` in ``fmt`` ("- ", "• ", "3. ")."""
    return _writer(fmt).item_prefix(block, number)


def join_blocks(pieces: list[str], fmt: Format) -> str:
    return ("\n" if fmt == "html" else "\n\n").join(pieces)


def title_text(title: str, fmt: Format) -> str:
    """The title as the first line of a chat message, bold where the format has bold."""
    return _writer(fmt).title(title)


def document(blocks: tuple[Block, ...], fmt: Format) -> str:
    return join_blocks(blocks_text(blocks, fmt), fmt)


def visible_text(telegram_html: str) -> str:
    """What Telegram counts of a text written by this module: the text without its tags."""
    return html.unescape(re.sub(r"<[^>]*>", "", telegram_html))


def feishu_post(title: str, blocks: tuple[Block, ...]) -> dict[str, Any]:
    """Feishu's ``post`` content: rows of ``text`` and ``a`` elements, bold as a style."""
    rows: list[list[dict[str, Any]]] = []

    def row_of(nodes: tuple[Inline, ...], prefix: str = "") -> None:
        row: list[dict[str, Any]] = [{"tag": "text", "text": prefix}] if prefix else []
        for node in _flat(nodes, False):
            if node is None:
                rows.append(row)
                row = []
            else:
                row.append(node)
        rows.append(row)

    for number, block in enumerate(blocks):
        if number:
            rows.append([{"tag": "text", "text": ""}])
        if isinstance(block, Paragraph):
            row_of(block.inlines)
        else:
            for n, item in enumerate(block.items):
                row_of(item, f"{block.start + n}. " if block.ordered else "• ")
    return {"post": {"zh_cn": {"title": no_at_tags(title), "content": rows}}}


def _flat(nodes: tuple[Inline, ...], bold: bool) -> list[dict[str, Any] | None]:
    """Feishu elements for ``nodes``; ``None`` where a line breaks."""
    out: list[dict[str, Any] | None] = []
    style = {"style": ["bold"]} if bold else {}
    for node in nodes:
        if isinstance(node, Text):
            out.append({"tag": "text", "text": no_at_tags(node.text), **style})
        elif isinstance(node, Break):
            out.append(None)
        elif isinstance(node, Bold):
            out.extend(_flat(node.children, True))
        else:
            text = no_at_tags(plain_text(node.children))
            out.append({"tag": "a", "text": text, "href": node.url, **style})
    return out
