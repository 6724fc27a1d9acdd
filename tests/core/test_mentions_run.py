"""@mentions from contacts through the real store, job function and Slack fake: a target
@mentions chosen contacts, a group and the person on duty; the run keeps who was mentioned
with each delivery row; IDs are validated per service; the editor's warnings name every
mention that cannot ping."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import SlackConfig
from pushgui.core.errors import SpecError
from pushgui.core.messages.mentions import plan, warnings
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.people.duty import Rotation
from pushgui.core.pushes.mention_choice import MentionChoice
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Target, spec_from_dict, spec_to_dict
from pushgui.core.runs.runner import run_push
from pushgui.core.store.models import Delivery
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import wire
from tests.helpers import wait_until, weekdays_at_nine
from tests.servers import pings

T0 = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def world(database, scheduler, fake):
    secrets = KeyringSecrets()
    wire(scheduler, secrets=secrets)
    room = ChannelBook(database, secrets).save(
        "Team room", SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX")
    )
    book = ContactBook(database)
    ann = book.save(ContactRecord("Ann", service_ids={"slack": "U0AAAAAAA"}))
    bo = book.save(ContactRecord("Bo", service_ids={"slack": "W0BBBBBBB"}))
    cy = book.save(ContactRecord("Cy", service_ids={"discord": "111111111111111111"}))
    dan = book.save(ContactRecord("Dan", service_ids={"slack": "U0DDDDDDD"}))
    group = book.save_group(GroupRecord("Leads", (bo, cy)))
    yield PushService(database, scheduler), book, room, (ann, bo, cy, dan), group


def test_a_run_pings_the_chosen_the_group_and_who_is_on_duty(world, database, scheduler, fake):
    service, _book, room, (ann, _bo, _cy, dan), group = world
    choice = MentionChoice(contact_ids=(ann,), group_ids=(group,), on_duty=True)
    spec = replace(
        weekdays_at_nine(),
        targets=(Target("slack", room, mention=choice),),
        duty=Rotation(order=(dan, ann), start=date(2030, 1, 7)),  # Dan on the Monday
    )
    assert spec_from_dict(json.loads(json.dumps(spec_to_dict(spec)))) == spec
    push_id = service.create(spec)
    assert run_push(push_id, context=scheduler.job_context.at(T0)) == "ok"
    wait_until(lambda: fake.requests, "the Slack post")
    data = fake.requests[0].json
    # Cy has no Slack ID: not pinged (the editor warned); nobody else is.
    assert pings("slack", data) == {"U0AAAAAAA", "W0BBBBBBB", "U0DDDDDDD"}
    with database.session() as session:
        stored = session.execute(select(Delivery.mentions)).scalar_one()
    assert [p["user_id"] for p in json.loads(stored)["people"]] == [
        "U0AAAAAAA",
        "W0BBBBBBB",
        "U0DDDDDDD",
    ]


def test_warnings_name_every_mention_that_cannot_ping(world):
    _service, book, _room, (ann, *_others), group = world
    choice = MentionChoice(contact_ids=(ann,), group_ids=(group,), everyone=True)
    slack = warnings("slack", "", plan(choice, None, book), None)
    assert slack == ["No Slack ID for Cy: they will not be pinged. Add it in Contacts."]
    assert warnings("email", "", plan(choice, None, book), None) == [
        "This channel cannot @mention anyone; nobody will be pinged."
    ]
    mobile = book.save(ContactRecord("Mo", service_ids={"wecom_mobile": "13800138000"}))
    wecom = warnings(
        "wecom", "markdown", plan(MentionChoice((mobile,), everyone=True), None, book), None
    )
    assert any("by userid only" in w and "Mo" in w for w in wecom)
    assert any("cannot @all" in w for w in wecom)
    assert warnings("wecom", "text", plan(MentionChoice((mobile,)), None, book), None) == []
    telegram = warnings("telegram", "", plan(MentionChoice(everyone=True), None, book), None)
    assert telegram == ["Telegram has no @everyone for bots: “everyone” will not ping anybody."]
    no_rotation = warnings("slack", "", plan(MentionChoice(on_duty=True), None, book), None)
    assert "no duty rotation" in no_rotation[0]


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("slack", "u024be7lh"),
        ("slack", "U123>|<!channel"),
        ("discord", "12345"),
        ("discord", "<@111111111111111111>"),
        ("feishu", 'ou_x"><at user_id="all'),
        ("feishu", "all"),
        ("wecom_user_id", "@all"),
        ("dingtalk_mobile", "138 0013 8000 <at"),
        ("telegram", "ab"),
    ],
)
def test_ids_are_checked_per_service_with_a_message_on_the_field(database, key, bad):
    book = ContactBook(database)
    with pytest.raises(SpecError) as raised:
        book.save(ContactRecord("Eve", service_ids={key: bad}))
    [error] = raised.value.errors
    assert error.field == f"service_ids.{key}" and error.message
    assert book.contacts() == []


def test_good_ids_are_kept_trimmed(database):
    book = ContactBook(database)
    ids = {
        "dingtalk_user_id": "manager4220",
        "dingtalk_mobile": "+86-13800138000",
        "wecom_user_id": "zhang.san",
        "wecom_mobile": "13900139000",
        "feishu": "ou_7d8a6e6df7621556ce0d21922b676706",
        "slack": " U024BE7LH ",
        "discord": "80351110224678912",
        "telegram": "@alice_w",
    }
    saved = book.get(book.save(ContactRecord("Ann", service_ids=ids)))
    assert saved.service_ids["slack"] == "U024BE7LH"
    assert saved.service_ids["telegram"] == "alice_w"
    assert len(saved.service_ids) == 8


def test_ids_survive_csv_export_and_import_and_old_files_still_import(database):
    from pushgui.core.people.contacts_csv import export_csv, guess_mapping, plan_import, read_csv

    ann = ContactRecord("Ann", service_ids={"slack": "U024BE7LH", "wecom_mobile": "13900139000"})
    table = read_csv(export_csv([ann, ContactRecord("Bo")]).encode("utf-8-sig"))
    assert table.headers[:6] == ["name", "email", "handle", "phone", "wecom_mobile", "slack"]
    plan_ = plan_import(table, guess_mapping(table.headers), [])
    assert [c.service_ids for c in plan_.importable] == [ann.service_ids, {}]
    old = read_csv(b"name,email,phone\r\nCy,cy@example.com,13800138000\r\n")
    [cy] = plan_import(old, guess_mapping(old.headers), []).importable
    assert cy.service_ids == {} and cy.phone == "13800138000"
    bad = read_csv(b"name,slack\r\nEve,U123>|<!channel\r\n")
    [row] = plan_import(bad, guess_mapping(bad.headers), []).rows
    assert [e.field for e in row.errors] == ["service_ids.slack"]


def test_an_import_keeps_the_ids_and_remaps_the_mention(world, database):
    from pushgui.core.transfer.bundle import IdMaps, collect, remap

    _service, _book, room, (ann, *_others), group = world
    exported = collect(database)["contacts"]
    assert exported[0]["service_ids"] == {"slack": "U0AAAAAAA"}
    spec = replace(
        weekdays_at_nine(),
        targets=(Target("slack", room, mention=MentionChoice((ann,), (group,), True)),),
    )
    moved = remap(spec, IdMaps(contacts={ann: 70}, groups={group: 80}, channels={room: 90}))
    assert moved.targets[0].mention == MentionChoice((70,), (80,), True)


def test_a_retry_pings_who_the_run_pinged_even_after_the_rotation_changed(
    world, database, scheduler, fake
):
    from sqlalchemy import update

    from pushgui.core.runs.runner import retry_run
    from pushgui.core.store.models import Push, Run
    from tests.servers import Reply

    service, _book, room, (ann, _bo, _cy, dan), _group = world
    spec = replace(
        weekdays_at_nine(),
        targets=(Target("slack", room, mention=MentionChoice(on_duty=True)),),
        duty=Rotation(order=(dan, ann), start=date(2030, 1, 7)),  # Dan on the Monday
    )
    push_id = service.create(spec)
    fake.queue(Reply(500, "server_error"))  # the first try fails
    assert run_push(push_id, context=scheduler.job_context.at(T0)) == "retrying"
    with database.session() as session:
        run_id = session.execute(select(Run.id)).scalar_one()
    with database.session() as session:
        session.execute(
            update(Delivery).values(status="retrying", next_attempt_at=datetime.now(UTC))
        )
        push = session.get(Push, push_id)
        data = json.loads(push.spec)
        data["duty"]["order"] = list(reversed(data["duty"]["order"]))  # now Ann's Monday
        push.spec = json.dumps(data)
    assert retry_run(run_id, context=scheduler.job_context) == "ok"
    assert len(fake.requests) == 2
    assert pings("slack", fake.requests[0].json) == {"U0DDDDDDD"}
    assert pings("slack", fake.requests[1].json) == {"U0DDDDDDD"}


def test_a_mentioned_contact_is_named_before_deletion_and_checked_on_import(world, database):
    from pathlib import Path

    from pushgui.core.pushes.references import check_references

    service, book, room, (ann, *_others), _group = world
    spec = replace(
        weekdays_at_nine("Mentions Ann"),
        targets=(Target("slack", room, mention=MentionChoice((ann,))),),
    )
    service.create(spec)
    # Deleting Ann (or her group) warns that this push @mentions her.
    assert book.pushes_using([ann]) == ["Mentions Ann"]
    elsewhere = replace(
        spec, targets=(Target("slack", room, mention=MentionChoice((404,), (405,))),)
    )
    with database.session() as session, pytest.raises(SpecError) as raised:
        check_references(session, [elsewhere], Path("."))
    assert [e.field for e in raised.value.errors] == [
        "targets[0].mention.contact_ids",
        "targets[0].mention.group_ids",
    ]
