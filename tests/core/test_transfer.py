"""The export format: round trip, and imports that are checked whole before anything is saved."""

from __future__ import annotations

import json

import pytest

from pushgui.core.messages.placeholders import render
from pushgui.core.pushes.spec import spec_to_dict
from pushgui.core.transfer.document import (
    FORMAT,
    VERSION,
    ImportFileError,
    parse_document,
    read_import,
    write_export,
)
from tests.helpers import every_minutes, once_in, weekdays_at_nine


def nested(depth):
    value = 1
    for _ in range(depth):
        value = [value]
    return value


def document(*pushes, **overrides):
    body = {"format": FORMAT, "version": VERSION, "pushes": list(pushes)}
    body.update(overrides)
    return json.dumps(body)


def test_export_then_import_gives_back_the_same_specs(tmp_path):
    from datetime import UTC, datetime

    specs = [
        once_in(3600, "Dentist"),
        weekdays_at_nine("站会"),
        every_minutes(15, datetime.now(UTC)),
    ]
    path = tmp_path / "export.json"
    write_export(path, specs)
    assert read_import(path) == specs
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["version"] == VERSION
    assert "站会" in path.read_text(encoding="utf-8")  # readable, not \\u-escaped
    assert path.stat().st_mode & 0o077 == 0


def test_every_bad_entry_is_named_and_nothing_is_returned():
    good = spec_to_dict(weekdays_at_nine("Good one"))
    bad_type = dict(good, name=42)
    bad_trigger = dict(good, name="Bad trigger", trigger=dict(good["trigger"], times=["25:99"]))
    bad_meaning = dict(good, name="Nothing to say", message={"title": "", "body": ""})
    with pytest.raises(ImportFileError) as caught:
        parse_document(document(good, bad_type, bad_trigger, bad_meaning))
    fields = [e.field for e in caught.value.errors]
    assert "pushes[1].name" in fields
    assert "pushes[2] ('Bad trigger').trigger.times" in fields
    assert "pushes[3] ('Nothing to say').message.title" in fields
    assert not any(f.startswith("pushes[0]") for f in fields)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "not a pushgui export"),
        (
            json.dumps({"format": "something-else", "version": 1, "pushes": []}),
            "not a pushgui export",
        ),
        (
            json.dumps({"format": FORMAT, "version": VERSION + 1, "pushes": []}),
            "from a newer pushgui",
        ),
        (json.dumps({"format": FORMAT, "version": "1", "pushes": []}), "whole number"),
        (json.dumps({"format": FORMAT, "version": 1, "pushes": {}}), "must be a list"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON|nested too deeply"),
        (
            json.dumps({"format": FORMAT, "version": 1, "pushes": [], "x": nested(40)}),
            "nested too deeply",
        ),
    ],
)
def test_hostile_or_foreign_files_are_refused_cleanly(content, expected):
    with pytest.raises(ImportFileError, match=expected):
        parse_document(content)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import pushgui.core.transfer.document as transfer

    monkeypatch.setattr(transfer, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_text(document(*[spec_to_dict(weekdays_at_nine())] * 20), encoding="utf-8")
    with pytest.raises(ImportFileError, match="larger than"):
        read_import(path)


def test_a_missing_file_is_a_readable_error(tmp_path):
    with pytest.raises(ImportFileError, match="Cannot read"):
        read_import(tmp_path / "nope.json")


def test_import_never_unpickles_or_evaluates(tmp_path):
    payload = spec_to_dict(weekdays_at_nine("__import__('os').system('false')"))
    payload["message"]["body"] = "${os} {0.__class__} %(x)s"
    [spec] = parse_document(document(payload))
    assert spec.name == "__import__('os').system('false')"
    assert render(spec.message.body, {"name": "x"}) == "${os} {0.__class__} %(x)s"


def test_a_malformed_placeholder_is_named_in_the_import_error():
    payload = spec_to_dict(weekdays_at_nine("Typo"))
    payload["message"]["body"] = "Hello ${name"
    with pytest.raises(ImportFileError, match=r"message.body: \$\{name is not a placeholder"):
        parse_document(document(payload))
