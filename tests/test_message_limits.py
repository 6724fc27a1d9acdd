"""Caps on what one push can make: the filled-in message per recipient, the HTML version
and the attachment list, each with a clear error in the editor (inline) and the import
(entry named), never a MemoryError (docs/INPUTS.md)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from pushgui.core.messages.attachments import MAX_ATTACHMENTS
from pushgui.core.messages.placeholders import Measure, MessageTooLargeError, json_escape, render
from pushgui.core.messages.recipients import (
    MAX_RENDERED,
    Recipient,
    RenderedTooLargeError,
    render_for,
)
from pushgui.core.pushes.spec import MAX_HTML, Message, spec_to_dict
from pushgui.core.pushes.validation import validate_spec
from pushgui.core.transfer.document import FORMAT, VERSION, ImportFileError, parse_document
from tests.helpers import weekdays_at_nine

FIELD = "x" * 128 * 1024  # the 128 KB contact field of the report


def test_measuring_gives_the_rendered_length_without_building_it():
    values = {"name": "Ann", "f": "<b>&", "长": "值"}
    for text in ("Hi ${name}, $name! ${f}${f} $$5 ${长} ${unknown} $5", "", "plain"):
        for escape in (None, json_escape):
            built = render(text, values, escape)
            assert Measure.of(text).rendered_length(values, escape) >= len(built)
            assert Measure.of(text).rendered_length(values, escape) <= len(built) + text.count("$$")


def test_a_huge_rendering_is_refused_before_it_is_built():
    body = "${f}" * 100_000  # 3.3 GB per recipient if built (13 GB in Python's memory)
    with pytest.raises(MessageTooLargeError) as caught:
        render(body, {"f": FIELD}, limit=MAX_RENDERED)
    assert caught.value.size == 100_000 * len(FIELD)

    spec = replace(weekdays_at_nine("Huge"), message=Message("Hi", body))
    ann = Recipient("email", 1, 1, "Ann", "ann@example.com", {"name": "Ann", "f": FIELD})
    with pytest.raises(RenderedTooLargeError, match="The message for Ann would be"):
        render_for(spec, ann, datetime.now(UTC), 1)
    small = Recipient("email", 1, 2, "Bo", "bo@example.com", {"name": "Bo", "f": "ok"})
    assert render_for(spec, small, datetime.now(UTC), 1).body == "ok" * 100_000


def test_html_and_attachment_list_are_capped_in_validation_and_the_import_names_the_entry():
    big_html = replace(weekdays_at_nine("Page"), message=Message("t", html="x" * (MAX_HTML + 1)))
    many = replace(
        weekdays_at_nine("Files"),
        message=Message("t", attachments=tuple(f"/a/{n}" for n in range(MAX_ATTACHMENTS + 1))),
    )
    assert {e.field: e.message for e in validate_spec(big_html)} == {
        "message.html": f"Keep the HTML version under {MAX_HTML} characters"
    }
    assert {e.field: e.message for e in validate_spec(many)} == {
        "message.attachments": f"Attach at most {MAX_ATTACHMENTS} files"
    }
    document = json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "pushes": [spec_to_dict(big_html), spec_to_dict(many)],
        }
    )
    with pytest.raises(ImportFileError) as caught:
        parse_document(document)
    fields = [e.field for e in caught.value.errors]
    assert "pushes[0] ('Page').message.html" in fields
    assert "pushes[1] ('Files').message.attachments" in fields


def test_the_editor_says_inline_when_a_contacts_field_makes_the_message_too_large(qtbot, data_dir):
    from pushgui.core.channels.book import ChannelBook
    from pushgui.core.channels.config import EmailConfig
    from pushgui.core.people.contacts import ContactBook, ContactRecord
    from pushgui.core.pushes.spec import Target
    from pushgui.core.store.db import open_database
    from pushgui.core.system.secrets import KeyringSecrets
    from pushgui.ui.editor.push_editor import PushEditorDialog

    db = open_database(data_dir)
    try:
        contacts = ContactBook(db)
        [ann] = contacts.save_many([ContactRecord("Ann", "ann@example.com", fields={"f": FIELD})])
        channels = ChannelBook(db, KeyringSecrets())
        mail = channels.save(
            "Mail", EmailConfig(host="127.0.0.1", port=25, sender_address="me@example.com")
        )
        spec = replace(
            weekdays_at_nine("Huge"),
            message=Message("Hi", "${f}" * 10),
            targets=(Target("email", mail, (ann,), ()),),
        )
        dialog = PushEditorDialog(spec=spec, contacts=contacts, channels=channels)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(dialog.body_error.isVisible, timeout=5000)
        assert "The message for Ann would be" in dialog.body_error.text()
        assert not dialog.save_button.isEnabled()

        dialog.body_edit.setPlainText("${f}")  # 128 KB: within the limit
        qtbot.waitUntil(lambda: not dialog.body_error.isVisible(), timeout=5000)
        assert dialog.save_button.isEnabled()
    finally:
        db.close()
