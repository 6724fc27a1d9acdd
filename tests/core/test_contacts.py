"""Contacts and groups in the store, and CSV import (preview first) and export."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import EmailConfig
from pushgui.core.errors import SpecError
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.people.contacts_csv import (
    SKIP,
    CsvError,
    export_csv,
    guess_mapping,
    plan_import,
    read_csv,
)
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, Target
from pushgui.core.system.secrets import SessionSecrets
from tests.helpers import weekdays_at_nine


@pytest.fixture
def book(database):
    return ContactBook(database)


def test_contacts_and_groups_round_trip_and_expand_without_duplicates(book):
    ann = book.save(ContactRecord("Ann", "ann@example.com", fields={"部门": "研发"}))
    bob = book.save(ContactRecord("Bob", "bob@example.com"))
    cat = book.save(ContactRecord("Cat"))
    team = book.save_group(GroupRecord("Team", (ann, bob)))
    assert book.get(ann).fields == {"部门": "研发"}
    assert [c.name for c in book.expand([bob, cat], [team])] == ["Bob", "Cat", "Ann"]
    book.delete([bob])
    assert [g.member_ids for g in book.groups()] == [(ann,)]


def test_invalid_contacts_and_duplicate_group_names_are_refused(book):
    with pytest.raises(SpecError) as caught:
        book.save(ContactRecord(" ", "not-an-address"))
    assert {e.field for e in caught.value.errors} == {"name", "email"}
    book.save_group(GroupRecord("Team"))
    with pytest.raises(SpecError, match="already exists"):
        book.save_group(GroupRecord("team"))
    assert book.contacts() == []


def test_pushes_using_a_contact_directly_or_through_a_group(book, database):
    ann = book.save(ContactRecord("Ann", "ann@example.com"))
    team = book.save_group(GroupRecord("Team", (ann,)))
    service = PushService(database)
    mail = ChannelBook(database, SessionSecrets()).save(
        "Mail", EmailConfig(host="smtp.example.com", sender_address="me@example.com")
    )
    spec = weekdays_at_nine("Weekly report")
    service.save_new([replace(spec, targets=(Target("email", mail, (), (team,)),))])
    assert book.pushes_using([ann]) == ["Weekly report"]
    assert book.pushes_using([999]) == []


def test_an_import_naming_channels_contacts_or_files_that_do_not_exist_is_refused(
    book, database, tmp_path
):
    service = PushService(database)
    spec = replace(
        weekdays_at_nine("From elsewhere"),
        targets=(Target("email", 999, (12345,), ()),),
    )
    with pytest.raises(SpecError) as caught:
        service.save_new([spec])
    assert [e.message for e in caught.value.errors] == [
        "there is no email channel 999",
        "contacts 12345 do not exist here",
    ]
    attached = replace(
        weekdays_at_nine(), message=Message("t", attachments=(str(tmp_path / "gone.pdf"),))
    )
    with pytest.raises(SpecError, match="is outside pushgui's data folder"):
        service.save_new([attached])
    assert service.rows() == []


def test_csv_with_bom_mapping_errors_and_duplicates(book):
    book.save(ContactRecord("Existing", "old@example.com"))
    data = (
        "\ufeff姓名,邮箱,Phone,City\r\n"
        "张三,zhang@example.com,+86 138 0000 0000,北京\r\n"
        ",nobody@example.com,,\r\n"
        "Li,not-an-email,,\r\n"
        "Wang,ZHANG@example.com,,\r\n"
        "Old,old@example.com,,\r\n"
    ).encode()
    table = read_csv(data)
    assert table.encoding == "utf-8-sig" and table.headers[0] == "姓名"
    mapping = guess_mapping(table.headers)
    assert mapping == ["name", "email", "phone", "City"]
    plan = plan_import(table, mapping, book.contacts())
    assert [r.contact.name for r in plan.rows if r.importable] == ["张三"]
    assert plan.rows[0].contact.fields == {"City": "北京"}
    problems = {r.line: (r.errors, r.duplicate_of) for r in plan.problems}
    assert problems[3][0][0].field == "name"
    assert problems[4][0][0].field == "email"
    assert problems[5][1] == "line 2"
    assert problems[6][1] == "existing contact Existing"
    assert book.contacts()[0].name == "Existing"  # nothing written by planning


def test_csv_semicolons_gb18030_and_skipped_columns():
    table = read_csv("name;email;notes\nAnn;ann@example.com;x\n".encode("gb18030"))
    assert table.delimiter == ";"
    plan = plan_import(table, ["name", "email", SKIP], [])
    assert plan.importable == [ContactRecord("Ann", "ann@example.com")]
    chinese = read_csv("姓名,邮箱\n王五,wang@example.com\n".encode("gb18030"))
    assert chinese.encoding == "gb18030" and chinese.rows == [["王五", "wang@example.com"]]


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"\x00\x01\x02PK", "not a text file"), (b"\xff\xfe\xfd" * 3, "neither")],
)
def test_unreadable_csv_files_get_a_plain_reason(data, reason):
    with pytest.raises(CsvError, match=reason):
        read_csv(data)


def test_export_neutralises_formulas_and_imports_back_unchanged():
    contacts = [
        ContactRecord('=HYPERLINK("http://x")', "a@example.com", phone="+86 1", fields={"k": "@v"}),
        ContactRecord("Bob", "b@example.com"),
    ]
    text = export_csv(contacts)
    assert "'=HYPERLINK" in text and "'+86 1" in text and "'@v" in text
    table = read_csv(text.encode("utf-8-sig"))
    plan = plan_import(table, guess_mapping(table.headers), [])
    assert plan.importable == contacts
