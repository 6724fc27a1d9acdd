"""The formatted message's source form, its length per service checked before saving (per
recipient, and on import), its place in the spec and export files, and the limits table
kept equal to docs/INPUTS.md, "Message formats and length limits"."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pushgui.core.channels.book import ChannelBook, ChannelRecord
from pushgui.core.channels.config import DingTalkConfig
from pushgui.core.errors import SpecError
from pushgui.core.messages.formats import document
from pushgui.core.messages.lengths import length_problems, reaches
from pushgui.core.messages.limits import LIMITS
from pushgui.core.messages.recipients import Recipient, render_for
from pushgui.core.messages.rich import Bold, Break, Link, ListBlock, Paragraph, Text, parse
from pushgui.core.messages.service_text import for_service
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, Target, spec_from_dict, spec_to_dict
from pushgui.core.store.db import open_database
from pushgui.core.system.secrets import KeyringSecrets
from pushgui.core.transfer.document import FORMAT, VERSION, parse_import
from tests.helpers import weekdays_at_nine

INPUTS = Path(__file__).resolve().parents[2] / "docs" / "INPUTS.md"
WHEN = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_limits_table_in_the_docs_is_the_one_in_the_code():
    text = INPUTS.read_text(encoding="utf-8")
    section = text.split("## Message formats and length limits", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| `([^`]+)` \| ([\d,]+) \| (\w+) \| ([^|]+) \| ([^|]+) \|$",
                      section, re.MULTILINE)  # fmt: skip
    documented = [
        (kind, field, int(size.replace(",", "")), unit, split.strip() != "refused", answer.strip())
        for kind, field, size, unit, split, answer in rows
    ]
    assert documented == [(r.kind, r.field, r.size, r.unit, r.split, r.answer) for r in LIMITS]


def test_the_source_form_has_bold_links_lists_and_breaks_and_nothing_else():
    blocks = parse(
        "Hi **Ann**\nsee [the board](https://e.x/b) or [js](javascript:alert(1))\n\n"
        "- one\n- two\n\n3. three\n\n# not a heading <b>x</b> `code`",
        "markdown",
    )
    assert blocks == (
        Paragraph(
            (
                Text("Hi "),
                Bold((Text("Ann"),)),
                Break(),
                Text("see "),
                Link((Text("the board"),), "https://e.x/b"),
                Text(" or [js](javascript:alert(1))"),
            )
        ),
        ListBlock(False, ((Text("one"),), (Text("two"),))),
        ListBlock(True, ((Text("three"),),), 3),
        Paragraph((Text("# not a heading <b>x</b> `code`"),)),
    )
    assert document(blocks, "plain").startswith("Hi Ann\nsee the board (https://e.x/b) or")


def test_a_contacts_field_cannot_add_markup_to_a_formatted_message():
    spec = replace(
        weekdays_at_nine("Hi"), message=Message("Hi", "Dear **${name}**", format="markdown")
    )
    evil = Recipient("discord", 1, 1, "Eve", "", {"name": "[x](https://evil) <@1> *b*"})
    body = render_for(spec, evil, WHEN, 1).body
    blocks = parse(body, "markdown")
    assert blocks == (Paragraph((Text("Dear "), Bold((Text("[x](https://evil) <@1> *b*"),)))),)
    sent = for_service("discord", "Hi", body, "markdown").text
    assert sent == "**Hi**\nDear **\\[x\\]\\(https://evil\\) \\<\\@1\\> \\*b\\***"


def test_length_is_checked_per_recipient_once_filled_in():
    room = ChannelRecord(5, "wecom", "Team room", {"msgtype": "text"})
    spec = replace(
        weekdays_at_nine("Notes"),
        message=Message("Notes", "${notes}"),
        targets=(Target("wecom", 5, (1, 2), ()),),
    )
    short = Recipient("wecom", 5, 1, "Ann", "", {"notes": "短" * 10})
    long = Recipient("wecom", 5, 2, "Bo", "", {"notes": "长" * 700})  # 2,100 bytes
    assert length_problems(spec, [short], WHEN, {5: room}) == []
    [problem] = length_problems(spec, [short, long], WHEN, {5: room})
    assert problem.field == "message.body"
    assert problem.message == (
        "The message is 2,106 bytes on WeCom, which takes at most 2,048; shorten it"
    )
    # The same text fits a WeCom channel set to Markdown (4,096 bytes).
    markdown_room = replace(room, settings={"msgtype": "markdown"})
    assert length_problems(spec, [short, long], WHEN, {5: markdown_room}) == []
    [reach] = reaches(spec, [short, long], WHEN, {5: markdown_room})
    assert reach.shown.size == len(b"### Notes\n") + 2100


def test_a_chat_read_in_order_takes_a_long_message_in_parts():
    spec = replace(
        weekdays_at_nine("Long"),
        message=Message("Long", "word " * 1000),
        targets=(Target("discord", 7, (), ()),),
    )
    room = Recipient("discord", 7, None, "Room", "", {})
    assert length_problems(spec, [room], WHEN, {}) == []
    [reach] = reaches(spec, [room], WHEN, {})
    assert len(reach.shown.parts) == 3 and reach.shown.fits


def test_the_format_round_trips_and_old_files_stay_plain():
    spec = replace(weekdays_at_nine("F"), message=Message("T", "**b**", format="markdown"))
    data = spec_to_dict(spec)
    assert data["message"]["format"] == "markdown"
    assert spec_from_dict(data) == spec
    plain = spec_to_dict(weekdays_at_nine("P"))
    assert "format" not in plain["message"]  # older files are written as they were
    assert spec_from_dict(plain).message.format == "plain"
    data["message"]["format"] = "html"
    with pytest.raises(SpecError) as caught:
        spec_from_dict(data)
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("message.format", "must be plain or markdown")
    ]


def test_an_import_names_the_entry_whose_message_is_too_long(data_dir):
    db = open_database(data_dir)
    try:
        channels = ChannelBook(db, KeyringSecrets())
        room = channels.save("Room", DingTalkConfig(access_token="t", secret=""))
        big = replace(
            weekdays_at_nine("Big"),
            message=Message("Big", "长" * 10_000),  # 30,000 bytes
            targets=(Target("dingtalk", room, (), ()),),
        )
        fine = replace(big, name="Fine", message=Message("Fine", "ok"))
        document_text = json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "pushes": [spec_to_dict(fine), spec_to_dict(big)],
            }
        )
        service = PushService(db)
        with pytest.raises(SpecError) as caught:
            service.import_file(parse_import(document_text))
        [error] = caught.value.errors
        assert error.field == "pushes[1] ('Big').message.body"
        assert "bytes on DingTalk, which takes at most 20,000" in error.message
        assert service.rows() == []
    finally:
        db.close()


def test_the_preview_shows_each_service_its_own_way():
    from pushgui.core.messages.appearance import appearance

    body = "**Now** [board](https://e.x/b?a=1&b=2) <i>&"
    slack = appearance(for_service("slack", "T", body, "markdown"))
    assert slack == [
        '<b>T</b><br><b>Now</b> <a href="https://e.x/b?a=1&b=2">board</a> &lt;i&gt;&amp;'
    ]
    [feishu] = appearance(for_service("feishu", "T", body, "markdown"))
    assert feishu == (
        '<b>T</b><br><b>Now</b> <a href="https://e.x/b?a=1&amp;b=2">board</a> &lt;i&gt;&amp;'
    )
    [discord] = appearance(for_service("discord", "T", body, "markdown"))
    assert "<strong>Now</strong>" in discord and "&lt;i&gt;&amp;" in discord


def test_a_template_keeps_the_message_format(data_dir):
    from pushgui.core.messages.templates import TemplateBook

    db = open_database(data_dir)
    try:
        book = TemplateBook(db)
        formatted = Message("Stand-up", "**10:00** [board](https://e.x)", format="markdown")
        template_id = book.save("Stand-up", formatted)
        assert book.get(template_id).message == formatted
    finally:
        db.close()
