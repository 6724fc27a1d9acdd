"""One-line fields refuse line breaks and control characters; email addresses are checked by
email-validator; CSV files with two Email columns or old-Mac line endings (issue 12 items 12
and 13). Whatever validation accepts is sent: every accepted title goes through a real SMTP
server on 127.0.0.1."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from pushgui import cli
from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import EmailConfig, TelegramConfig, build_sender
from pushgui.core.channels.validation import validate_config
from pushgui.core.errors import SpecError
from pushgui.core.messages.templates import check_name
from pushgui.core.messages.textcheck import is_email, printable
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord, validate_contact
from pushgui.core.people.contacts_csv import (
    CsvError,
    guess_mapping,
    mapping_conflicts,
    plan_import,
    read_csv,
)
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, PushSpec, Target, spec_to_dict
from pushgui.core.pushes.validation import validate_spec
from pushgui.core.runs.runner import run_push
from pushgui.core.schedule.spec import CalendarSpec
from pushgui.core.store.models import Push
from pushgui.core.system.secrets import SessionSecrets
from pushgui.core.transfer.document import FORMAT, VERSION, parse_document
from tests.core.conftest import wire
from tests.helpers import weekdays_at_nine

REFUSED = {
    "CR": "a\rb",
    "LF": "a\nb",
    "CRLF": "a\r\nBcc: x@y.z",
    "TAB": "a\tb",
    "VT": "a\x0bb",
    "FF": "a\x0cb",
    "FS": "a\x1cb",
    "ESC": "a\x1b[31mred",
    "DEL": "a\x7fb",
    "NEL-U+0085": "a\x85b",
    "C1-CSI-U+009B": "a\x9b31mb",
    "LINE-SEPARATOR-U+2028": "a\u2028b",
    "PARAGRAPH-SEPARATOR-U+2029": "a\u2029b",
    "NUL": "a\x00b",
}

MOMENT = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)


def fields_of(errors) -> set[str]:
    return {e.field for e in errors}


# -- item 12: refused in every one-line field ---------------------------------------------


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
def test_a_title_or_name_with_a_line_break_or_control_character_is_refused(text):
    spec = PushSpec(text, Message(text), CalendarSpec("UTC"))
    errors = {e.field: e.message for e in validate_spec(spec)}
    assert errors["name"] == "Remove the line breaks and control characters"
    assert errors["message.title"] == "Remove the line breaks and control characters"


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
def test_contact_names_handles_phones_and_fields_refuse_them(text):
    contact = ContactRecord("Ann", "ann@example.com", handle="h", phone="1")
    for changed, field in (
        (replace(contact, name=text), "name"),
        (replace(contact, handle=text), "handle"),
        (replace(contact, phone=text), "phone"),
        (replace(contact, fields={"Dept": text}), "fields"),
        (replace(contact, fields={text: "Sales"}), "fields"),
    ):
        errors = {e.field: e.message for e in validate_contact(changed)}
        assert "line breaks and control characters" in errors[field], (field, errors)


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
def test_channel_group_and_template_names_and_channel_settings_refuse_them(database, text):
    channels = ChannelBook(database, SessionSecrets())
    config = TelegramConfig(bot_token="1:A", chat_id="42")
    with pytest.raises(SpecError) as caught:
        channels.save(text, config)
    assert "name" in fields_of(caught.value.errors)
    assert "chat_id" in fields_of(validate_config(replace(config, chat_id=text)))
    mail = EmailConfig(host="smtp.example.com", sender_address="me@example.com")
    assert "sender_name" in fields_of(validate_config(replace(mail, sender_name=text)))
    assert "username" in fields_of(validate_config(replace(mail, username=text, password="p")))
    with pytest.raises(SpecError):
        ContactBook(database).save_group(GroupRecord(text))
    with pytest.raises(SpecError):
        check_name(text)


@pytest.mark.parametrize("title", ["Tea\u2028time", "Tea\x85time", "Tea\x1b[2Jtime"])
def test_an_import_file_entry_with_such_a_title_is_refused_by_name(title):
    spec = replace(weekdays_at_nine("Tea"), message=Message(title))
    document = {"format": FORMAT, "version": VERSION, "pushes": [spec_to_dict(spec)]}
    with pytest.raises(SpecError) as caught:
        parse_document(json.dumps(document))
    [error] = caught.value.errors
    assert error.field.startswith("pushes[0]") and error.field.endswith("message.title")
    assert error.message == "Remove the line breaks and control characters"


def test_a_csv_row_with_a_line_break_in_a_field_is_a_row_error():
    table = read_csv(
        b'Name,Email,Dept\r\nAnn,ann@example.com,"Sales\r\nBcc: x"\r\nBob,bob@example.com,Ops\r\n'
    )
    plan = plan_import(table, guess_mapping(table.headers), [])
    assert [c.name for c in plan.importable] == ["Bob"]
    [bad] = plan.problems
    assert bad.line == 2 and "line breaks" in bad.errors[0].message


def test_list_escapes_control_characters_stored_by_an_older_version(database, scheduler, capsys):
    service = PushService(database, scheduler)
    push_id = service.create(weekdays_at_nine("Plain"))
    hostile = "Evil\x1b]0;owned\x07\x9b2J\u2028name"
    with database.session() as session:
        row = session.get(Push, push_id)
        spec = json.loads(row.spec)
        spec["name"] = hostile
        session.execute(
            update(Push).where(Push.id == push_id).values(name=hostile, spec=json.dumps(spec))
        )
    assert cli.main(["--data-dir", str(database.path.parent), "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out and "\u2028" not in out
    assert "Evil\\x1b]0;owned\\x07\\x9b2J\\u2028name" in out


def test_printable_leaves_ordinary_text_alone():
    assert printable("Tea 茶 ☕ ${name}") == "Tea 茶 ☕ ${name}"


# -- item 12: nothing accepted fails at send time -------------------------------------------

CANDIDATE_TITLES = [
    *REFUSED.values(),
    *(f"x{chr(c)}y" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]),
    "Plain title",
    "  spaces around  ",
    "周报提醒：请在周五前提交",
    "Emoji ☕🎉 and a ZWJ 👩‍💻",
    "=?utf-8?q?encoded?= lookalike",
    "Zero\u200bwidth and \ufeffBOM",
    "RTL \u202eoverride\u202c and Arabic مرحبا",
    "Combining e\u0301\u0301\u0301",
    "Tabs\u00a0non-breaking\u2003em space",
    "x" * 500,
    "长" * 500,
    'a; b, c: <d@e.f> "quoted" (comment)',
    "Subject: fake\u3000header",
]


def test_every_title_validation_accepts_is_sent_by_email(smtp_no_auth):
    accepted = [
        title
        for title in CANDIDATE_TITLES
        if "message.title"
        not in fields_of(validate_spec(PushSpec("n", Message(title), CalendarSpec("UTC"))))
    ]
    # Exactly the ordinary titles: every one with a control character or separator is refused.
    assert accepted == CANDIDATE_TITLES[len(REFUSED) + 0x20 + 1 + 0x20 :]
    sender = build_sender(
        EmailConfig(
            host=smtp_no_auth.host,
            port=smtp_no_auth.port,
            security="none",
            sender_address="me@example.com",
            sender_name="提醒 Reminder",
        )
    )
    messages = [
        Outgoing(
            push_id=1,
            push_name="n",
            recipient="Ann",
            title=title,
            body="body",
            recipient_address="ann@example.com",
        )
        for title in accepted
    ]
    outcomes = sender.send(messages)
    assert [(o.ok, o.error) for o in outcomes] == [(True, "")] * len(accepted)
    subjects = [r.message["Subject"] for r in smtp_no_auth.inbox.received]
    assert len(subjects) == len(accepted)
    for title, subject in zip(accepted, subjects, strict=True):
        if title.startswith("=?"):
            continue  # sent, but a reader decodes the look-alike encoded word (reported)
        assert " ".join(subject.split()) == " ".join(title.split())


def test_an_accepted_contact_name_in_a_title_placeholder_is_sent(database, scheduler, smtp_no_auth):
    secrets = SessionSecrets()
    wire(scheduler, secrets=secrets)
    mail = ChannelBook(database, secrets).save(
        "Relay",
        EmailConfig(
            host=smtp_no_auth.host,
            port=smtp_no_auth.port,
            security="none",
            sender_address="me@example.com",
        ),
    )
    name = "Zoë \u200b\u202e张三 ☕"
    contacts = ContactBook(database)
    ann = contacts.save(ContactRecord(name, "ann@example.com", fields={"Dept": 'R&D; "ops"'}))
    spec = replace(
        weekdays_at_nine("Hi"),
        message=Message("Hello ${name} of ${Dept}", "Body"),
        targets=(Target("email", mail, (ann,)),),
    )
    push_id = PushService(database, scheduler).create(spec)
    ctx = scheduler.job_context.at(MOMENT)
    assert run_push(push_id, context=ctx) == "ok"
    [received] = smtp_no_auth.inbox.received
    assert received.message["Subject"] == f'Hello {name} of R&D; "ops"'


# -- item 13: email addresses ---------------------------------------------------------------

BAD_ADDRESSES = {
    "double-dot": ("a@c..com", "two periods"),
    "hyphen-after-at": ("a@-c.com", "hyphen"),
    "zero-width-space": ("a@c.com\u200b", "ZERO WIDTH SPACE"),
    "rtl-override": ("a\u202e@c.com", "RIGHT-TO-LEFT OVERRIDE"),
    "no-domain-dot": ("ann@example", "period"),
    "line-break": ("a@c.com\r\nBcc: x@y.z", "not an email address"),
}


@pytest.mark.parametrize(("address", "says"), BAD_ADDRESSES.values(), ids=BAD_ADDRESSES.keys())
def test_bad_email_addresses_are_refused_with_the_reason(address, says):
    assert not is_email(address)
    errors = {e.field: e.message for e in validate_contact(ContactRecord("Ann", address))}
    assert "is not an email address like name@example.com" in errors["email"]
    assert says in errors["email"]
    mail = EmailConfig(host="smtp.example.com", sender_address=address)
    assert "sender_address" in fields_of(validate_config(mail))


@pytest.mark.parametrize(
    "address", ["ann@example.com", " ann@example.com ", "张三@例子.中国", "a+tag@sub.example.co.uk"]
)
def test_good_email_addresses_are_accepted(address):
    assert is_email(address)
    assert validate_contact(ContactRecord("Ann", address)) == []


def test_two_email_columns_are_a_question_never_the_last_one_silently():
    table = read_csv(b"Name,Email,email\r\nAnn,ann@work.example,ann@home.example\r\n")
    mapping = guess_mapping(table.headers)
    assert mapping_conflicts(table.headers, mapping) == {"email": ["Email", "email"]}
    with pytest.raises(CsvError, match="“Email”, “email”"):
        plan_import(table, mapping, [])
    chosen = plan_import(table, ["name", "email", ""], [])  # the user skipped the second
    assert [c.email for c in chosen.importable] == ["ann@work.example"]
    chosen = plan_import(table, ["name", "", "email"], [])
    assert [c.email for c in chosen.importable] == ["ann@home.example"]


def test_a_csv_with_old_mac_line_endings_is_read():
    table = read_csv(b"Name,Email\rAnn,ann@example.com\rBob,bob@example.com\r")
    assert table.headers == ["Name", "Email"]
    assert table.rows == [["Ann", "ann@example.com"], ["Bob", "bob@example.com"]]
    plan = plan_import(table, guess_mapping(table.headers), [])
    assert [c.name for c in plan.importable] == ["Ann", "Bob"]
