"""How a service shows what it is sent, as simple HTML for the editor's preview: the text of
:mod:`pushgui.core.messages.service_text` read the way the service reads it (CommonMark for
the Markdown services, Slack's ``*bold*`` and ``<url|text>``, Telegram's tags, Feishu's
post rows), so the user sees bold text and links rather than markup. It is a close
likeness, not the service's own rendering (fonts, colours and previews differ).
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown_it import MarkdownIt

from pushgui.core.messages.service_text import ServiceText

_SLACK_LINK = re.compile(r"<([^|>]+)\|([^>]*)>")
_SLACK_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")


def _commonmark() -> MarkdownIt:
    # Raw HTML stays text here, as it does on every service pushgui writes Markdown for.
    return MarkdownIt("commonmark", {"html": False, "breaks": True})


def appearance(shown: ServiceText) -> list[str]:
    """Each part of ``shown`` as HTML that looks like the service's rendering."""
    if shown.post is not None:
        return [_feishu(shown.post)]
    return [_part(text, shown.format) for text in shown.parts]


def _part(text: str, fmt: str) -> str:
    if fmt in ("dingtalk", "wecom", "discord", "ntfy"):
        return str(_commonmark().render(text))
    if fmt in ("telegram", "html"):
        return text.replace("\n", "<br>") if fmt == "telegram" else text
    if fmt == "slack":
        # Slack's text is already escaped (&amp; &lt; &gt;): only its markup is turned to tags.
        page = _SLACK_LINK.sub(lambda m: f'<a href="{m.group(1)}">{m.group(2)}</a>', text)
        return _SLACK_BOLD.sub(r"<b>\1</b>", page).replace("\n", "<br>")
    return html.escape(text).replace("\n", "<br>")


def _feishu(post: dict[str, Any]) -> str:
    body = next(iter(post["post"].values()))
    lines = [f"<b>{html.escape(str(body.get('title', '')))}</b>"]
    for row in body["content"]:
        pieces = []
        for element in row:
            text = html.escape(str(element.get("text", "")))
            if element.get("tag") == "a":
                text = f'<a href="{html.escape(str(element.get("href", "")))}">{text}</a>'
            if "bold" in element.get("style", []):
                text = f"<b>{text}</b>"
            pieces.append(text)
        lines.append("".join(pieces))
    return "<br>".join(lines)
