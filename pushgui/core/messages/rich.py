"""A message's text as a small tree (paragraphs, lists, bold, links, line breaks), read from
the one source form the editor writes: plain text, or a Markdown subset.

Why a Markdown subset: it is plain text a person can read and type (the editor's Bold,
Link and List buttons only insert ``**…**``, ``[…](…)`` and ``- ``), it survives export
files and copy-paste, and CommonMark defines it exactly. markdown-it-py parses it with only
the rules pushgui renders enabled (emphasis, links, lists, line breaks, backslash escapes);
everything else (headings, code, raw HTML, images) stays literal text, so whatever a user
types is either one of these elements or text that every renderer escapes
(:mod:`pushgui.core.messages.formats`). Every line break counts (people press Enter to
start a line), and a link must be http, https or mailto. See docs/INPUTS.md, "Message
formats and length limits".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

TextFormat = Literal["plain", "markdown"]
TEXT_FORMATS: tuple[TextFormat, ...] = ("plain", "markdown")
LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Bold:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class Break:
    """A line break inside a paragraph or a list item."""


Inline = Text | Bold | Link | Break


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class ListBlock:
    """A list; nested lists are read as further items of it (one level is what chats show)."""

    ordered: bool
    items: tuple[tuple[Inline, ...], ...]
    start: int = 1


Block = Paragraph | ListBlock


def _parser() -> MarkdownIt:
    # Built per message (about 80 µs): core keeps no module-level caches.
    return MarkdownIt("zero").enable(["emphasis", "link", "list", "newline", "escape"])


def parse(text: str, text_format: TextFormat) -> tuple[Block, ...]:
    """``text`` as blocks: each line of a plain text is text with a break; a formatted text
    is read as the Markdown subset described above."""
    if text_format == "plain":
        if not text:
            return ()
        return (Paragraph(_lines(text)),)
    return _blocks(_parser().parse(text))


def _lines(text: str) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            out.append(Break())
        if line:
            out.append(Text(line))
    return tuple(out)


def _blocks(tokens: list[Token]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    depth = 0  # list nesting
    current: ListBlock | None = None
    items: list[tuple[Inline, ...]] = []
    item: list[Inline] = []
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if depth == 0:
                start = token.attrs.get("start", 1)
                current = ListBlock(kind == "ordered_list_open", (), int(start or 1))
                items = []
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0 and current is not None:
                blocks.append(ListBlock(current.ordered, tuple(items), current.start))
                current = None
        elif kind == "list_item_open" or kind == "list_item_close":
            if item:
                items.append(tuple(item))
            item = []
        elif kind == "inline":
            inlines = _inlines(token.children or [])
            if depth:
                if item:
                    item.append(Break())
                item.extend(inlines)
            else:
                blocks.append(Paragraph(inlines))
    return tuple(blocks)


def _inlines(tokens: list[Token]) -> tuple[Inline, ...]:
    stack: list[tuple[str, list[Inline], str]] = [("", [], "")]
    for token in tokens:
        kind = token.type
        top = stack[-1][1]
        if kind == "text":
            if token.content:
                top.append(Text(token.content))
        elif kind in ("softbreak", "hardbreak"):
            top.append(Break())
        elif kind == "strong_open":
            stack.append(("strong", [], ""))
        elif kind == "em_open":  # not a pushgui element: kept as the text that was typed
            stack.append(("em", [Text(token.markup)], token.markup))
        elif kind == "link_open":
            stack.append(("link", [], str(token.attrs.get("href", ""))))
        elif kind in ("strong_close", "em_close", "link_close") and len(stack) > 1:
            what, children, extra = stack.pop()
            parent = stack[-1][1]
            if what == "strong":
                parent.append(Bold(tuple(children)))
            elif what == "em":
                parent.extend([*children, Text(extra)])
            elif extra.lower().startswith(LINK_SCHEMES):
                parent.append(Link(tuple(children), extra))
            else:
                parent.extend(children)
    while len(stack) > 1:  # never left open by markdown-it; kept safe for odd input
        _what, children, _extra = stack.pop()
        stack[-1][1].extend(children)
    return tuple(stack[0][1])


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape_source(value: str) -> str:
    """``value`` as literal text of a formatted message (every ASCII punctuation character
    backslash-escaped, as CommonMark allows): what a placeholder is filled with there, so
    that a contact's field can never add a link or bold text."""
    return _PUNCTUATION.sub(r"\\\1", value)


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The words of ``inlines`` without any formatting (a link as its text)."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Break):
            out.append("\n")
        else:
            out.append(plain_text(node.children))
    return "".join(out)
