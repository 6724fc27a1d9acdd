"""Export then import into an empty folder recreates everything except secrets: contacts,
groups, channels (without their secrets), templates and pushes, a finished one-off included
(paused); a version-1 file still imports (docs/EXPORT_FORMAT.md)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import DingTalkConfig, EmailConfig
from pushgui.core.messages.templates import TemplateBook
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.people.duty import Rotation, Swap
from pushgui.core.pushes.mention_choice import MentionChoice
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, Target, spec_to_dict
from pushgui.core.schedule.spec import OnceSpec
from pushgui.core.store.db import open_database
from pushgui.core.system.secrets import KeyringSecrets
from pushgui.core.transfer.document import FORMAT, ImportFileError, parse_import
from tests.helpers import ZONE, wall, weekdays_at_nine
from tests.test_cli import pushgui

PASSWORD = "hunter2-smtp-password"
TOKEN = "dingtalk-access-token-123"


def build_source(data_dir: Path) -> None:
    db = open_database(data_dir)
    try:
        secrets = KeyringSecrets()
        channels = ChannelBook(db, secrets)
        # Ids that differ from the empty folder's, so a missing remap shows.
        channels.save("Unused", EmailConfig(host="x.example", sender_address="u@x.example"))
        mail = channels.save(
            "Office mail",
            EmailConfig(
                host="smtp.example.com",
                username="me",
                password=PASSWORD,
                sender_address="me@example.com",
            ),
        )
        room = channels.save("Team room", DingTalkConfig(access_token=TOKEN))
        book = ContactBook(db)
        book.save(ContactRecord("Nobody", "nobody@example.com"))
        gone = book.save(ContactRecord("Gone", "gone@example.com"))  # ids then differ
        ann, bo = book.save_many(
            [
                ContactRecord(
                    "Ann",
                    "ann@example.com",
                    fields={"部门": "Sales"},
                    service_ids={"dingtalk_mobile": "13800138000", "slack": "U024BE7LH"},
                ),
                ContactRecord("Bo", "bo@example.com"),
            ]
        )
        team = book.save_group(GroupRecord("Team", (ann, bo)))
        book.delete([gone])
        TemplateBook(db).save(
            "Weekly",
            Message("Weekly report", "Dear ${name}"),
            (Target("email", mail, (), (team,)),),
        )
        finished = replace(
            weekdays_at_nine("Done once"),
            trigger=OnceSpec(
                wall(datetime.now(UTC) - timedelta(days=3)).replace(microsecond=0), ZONE
            ),
        )
        mailing = replace(
            weekdays_at_nine("Report"),
            message=Message("Report for ${name}", "${部门}"),
            targets=(
                Target("email", mail, (ann,), (team,)),
                Target("dingtalk", room, mention=MentionChoice((ann,), (team,), True, True)),
            ),
        )
        standup = replace(
            weekdays_at_nine("Standup"),
            message=Message("On duty: ${on_duty}"),
            duty=Rotation(
                (bo, ann), date(2026, 1, 5), "week", "CN", (Swap(date(2026, 2, 2), ann),), team
            ),
        )
        PushService(db).save_new([mailing, standup])
        # A one-off that ran: saved while it was still in the future.
        PushService(db).save_new([finished], now=datetime.now(UTC) - timedelta(days=4))
    finally:
        db.close()


def snapshot(data_dir: Path) -> dict:
    """Everything by name, ids replaced by names, so two folders compare."""
    db = open_database(data_dir)
    try:
        book = ContactBook(db)
        people = {c.id: c for c in book.contacts()}
        groups = {g.id: g for g in book.groups()}
        channels = {c.id: c for c in ChannelBook(db, KeyringSecrets()).channels()}

        def target(t: Target) -> tuple:
            return (
                t.kind,
                channels[t.channel_id].name if t.channel_id else None,
                sorted(people[c].name for c in t.contact_ids),
                sorted(groups[g].name for g in t.group_ids),
                sorted(people[c].name for c in t.mention.contact_ids),
                sorted(groups[g].name for g in t.mention.group_ids),
                t.mention.everyone,
                t.mention.on_duty,
            )

        def duty(rotation: Rotation | None) -> tuple | None:
            if rotation is None:
                return None
            return (
                [people[c].name for c in rotation.order],
                rotation.start,
                rotation.per,
                rotation.calendar,
                [(s.day, people[s.contact_id].name) for s in rotation.swaps],
                groups[rotation.group_id].name,
            )

        pushes = {}
        for row in PushService(db).rows():
            spec = row.spec
            pushes[spec.name] = (
                spec.enabled,
                spec.message,
                spec.trigger,
                spec.options,
                [target(t) for t in spec.targets],
                duty(spec.duty),
            )
        return {
            "contacts": sorted(
                (
                    c.name,
                    c.email,
                    tuple(sorted(c.fields.items())),
                    tuple(sorted(c.service_ids.items())),
                )
                for c in people.values()
            ),
            "groups": sorted(
                (g.name, tuple(sorted(people[m].name for m in g.member_ids)))
                for g in groups.values()
            ),
            "channels": sorted((c.kind, c.name, json.dumps(c.settings)) for c in channels.values()),
            "templates": sorted(
                (t.name, t.message, tuple(target(x) for x in t.targets or ()))
                for t in TemplateBook(db).list()
            ),
            "pushes": pushes,
        }
    finally:
        db.close()


def test_export_then_import_into_an_empty_folder_recreates_everything_but_secrets(
    data_dir, tmp_path, memory_keyring
):
    build_source(data_dir)
    exported = tmp_path / "export.json"
    pushgui(data_dir, "export", str(exported))
    text = exported.read_text(encoding="utf-8")
    assert PASSWORD not in text and TOKEN not in text
    assert json.loads(text)["version"] == 2

    elsewhere = tmp_path / "elsewhere"
    result = pushgui(elsewhere, "import", str(exported))
    assert "Imported 3 reminders" in result.stdout
    assert "Will create: 3 contacts, 1 groups, 3 channels, 1 templates" in result.stdout
    assert "pushes[2] ('Done once'): its time has passed; imported paused" in result.stdout
    assert "Office mail (email)" in result.stdout and "Team room (dingtalk)" in result.stdout

    before, after = snapshot(data_dir), snapshot(elsewhere)
    assert after["contacts"] == before["contacts"]
    assert after["groups"] == before["groups"]
    assert after["channels"] == before["channels"]
    assert after["templates"] == before["templates"]
    assert after["pushes"]["Done once"][0] is False  # finished: paused, not sent again
    before["pushes"]["Done once"] = (False, *before["pushes"]["Done once"][1:])
    assert after["pushes"] == before["pushes"]

    # Importing the same file again matches everything instead of duplicating it.
    again = pushgui(elsewhere, "import", str(exported))
    assert "Already here, used as they are: 3 contacts, 1 groups, 3 channels, 1 templates" in (
        again.stdout
    )
    assert snapshot(elsewhere)["contacts"] == before["contacts"]


def test_a_version_1_file_still_imports(data_dir, tmp_path):
    path = tmp_path / "v1.json"
    path.write_text(
        json.dumps(
            {"format": FORMAT, "version": 1, "pushes": [spec_to_dict(weekdays_at_nine("Old"))]}
        ),
        encoding="utf-8",
    )
    assert "Imported 1 reminder" in pushgui(data_dir, "import", str(path)).stdout


def test_bad_entries_in_the_tables_are_named():
    document = {
        "format": FORMAT,
        "version": 2,
        "contacts": [{"id": 1, "name": "Ann", "email": "not an address"}, {"name": "No id"}],
        "channels": [{"id": 1, "kind": "fax", "name": "Fax"}],
        "pushes": [],
    }
    try:
        parse_import(json.dumps(document))
    except ImportFileError as exc:
        fields = [e.field for e in exc.errors]
    else:
        raise AssertionError("the file was accepted")
    assert fields == ["contacts[0]", "contacts[1]", "channels[0]"]
