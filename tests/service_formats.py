"""How the fake bot APIs (tests/servers.py) read a message's format and measure its length,
the way each service documents it; the limits and answers are those of docs/INPUTS.md,
"Message formats and length limits". Also readers the tests use to see what a service would
show: CommonMark for the Markdown services, Slack's ``<…>`` tokens, Telegram's HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

# Telegram's parse_mode HTML: these tags only; anything else is refused.
TELEGRAM_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
    "tg-emoji", "code", "pre", "blockquote",
}  # fmt: skip
FEISHU_POST_TAGS = {"text", "a", "at", "img", "media", "emotion", "hr", "code_block", "md"}


class TelegramHtml(HTMLParser):
    """Telegram's reading of a parse_mode HTML text: its visible text, its entities, or the
    error it answers ("Bad Request: can't parse entities: …")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[str] = []
        self.entities: list[tuple[str, str]] = []  # (tag, href) in order
        self.error = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS and not self.error:
            self.error = f'Unsupported start tag "{tag}"'
        self.open.append(tag)
        self.entities.append((tag, dict(attrs).get("href") or ""))

    def handle_endtag(self, tag: str) -> None:
        if (not self.open or self.open.pop() != tag) and not self.error:
            self.error = f'Can\'t find end tag corresponding to start tag "{tag}"'

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @classmethod
    def read(cls, text: str) -> TelegramHtml:
        parser = cls()
        if re.search(r"&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)", text):
            parser.error = "Unsupported entity"  # a bare "&" is refused by Telegram
        parser.feed(text)
        parser.close()
        if parser.open and not parser.error:
            parser.error = f'Can\'t find end tag corresponding to start tag "{parser.open[0]}"'
        return parser

    @property
    def visible(self) -> str:
        return "".join(self.text)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def markdown_reading(text: str) -> tuple[str, list[str]]:
    """What a CommonMark reader makes of ``text``: its visible words and the elements
    (strong, em, link, html, code, heading…) it found, in order."""
    parser = MarkdownIt("commonmark")
    words: list[str] = []
    elements: list[str] = []
    for token in parser.parse(text):
        if token.type.endswith("_open") and token.type not in (
            "paragraph_open",
            "list_item_open",
        ):
            elements.append(token.type.removesuffix("_open"))
        if token.type in ("html_block", "code_block", "fence"):
            elements.append(token.type)
        for child in token.children or []:
            if child.type == "text":
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append("\n")
            elif child.type.endswith("_open"):
                elements.append(child.type.removesuffix("_open"))
                if child.type == "link_open":
                    elements.append("href=" + str(child.attrs.get("href")))
            elif child.type in ("html_inline", "code_inline"):
                elements.append(child.type)
                words.append(child.content)
    return "".join(words), elements  # markdown-it has decoded entities already


SLACK_TOKEN = re.compile(r"<([^>]*)>")


def slack_reading(text: str) -> tuple[str, list[str]]:
    """Slack's reading of mrkdwn: the text as shown (entities decoded, a link as its label)
    and the ``<…>`` tokens (links, mentions, ``!channel``) it acts on."""
    tokens = SLACK_TOKEN.findall(text)
    shown = SLACK_TOKEN.sub(lambda m: m.group(1).split("|", 1)[-1], text)
    return shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"), tokens


def feishu_post_problem(content: object) -> str:
    """Why Feishu would refuse a post content (empty when it is well formed)."""
    if not isinstance(content, dict) or not isinstance(content.get("post"), dict):
        return "content.post missing"
    for body in content["post"].values():
        rows = body.get("content") if isinstance(body, dict) else None
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            return "content must be a list of paragraphs"
        for row in rows:
            for element in row:
                tag = element.get("tag") if isinstance(element, dict) else None
                if tag not in FEISHU_POST_TAGS:
                    return f"unknown tag {tag!r}"
                if tag == "a" and not str(element.get("href", "")).startswith("http"):
                    return "a.href invalid"
    return ""


def feishu_post_text(content: dict) -> tuple[str, list[str]]:
    """A post's words as shown (rows as lines) and the tags of its elements."""
    lines, tags = [], []
    for body in content["post"].values():
        for row in body["content"]:
            lines.append("".join(str(e.get("text", "")) for e in row))
            tags += [e["tag"] for e in row]
    return "\n".join(lines), tags
