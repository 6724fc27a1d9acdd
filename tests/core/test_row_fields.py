"""A push's name and enabled flag have one source, its row: the stored spec JSON holds
neither (revision 0009), databases written before are upgraded, and export files still
carry both (docs/EXPORT_FORMAT.md, version 2)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import text

from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import spec_to_dict
from pushgui.core.store.db import MIGRATIONS, open_database
from pushgui.core.transfer.bundle import collect
from pushgui.core.transfer.document import export_document
from tests.helpers import every_minutes, weekdays_at_nine

UNREADABLE = b'{"name": "Broken", "message": '
STAMP = "2026-11-30 09:00:00.000000"  # naive UTC, as the store writes it


def stored(database):
    with database.engine.connect() as connection:
        return {
            i: (name, bool(enabled), spec)
            for i, name, enabled, spec in connection.execute(
                text("SELECT id, name, enabled, spec FROM pushes ORDER BY id")
            )
        }


def test_new_pushes_keep_name_and_enabled_in_their_row_only(database, scheduler):
    service = PushService(database, scheduler)
    [push_id] = service.save_new([replace(weekdays_at_nine("Standup"), enabled=False)])
    name, enabled, spec = stored(database)[push_id]
    assert (name, enabled) == ("Standup", False)
    assert "name" not in json.loads(spec) and "enabled" not in json.loads(spec)
    assert (service.get(push_id).name, service.get(push_id).enabled) == ("Standup", False)
    service.update(push_id, replace(service.get(push_id), name="Daily standup", enabled=True))
    assert stored(database)[push_id][:2] == ("Daily standup", True)
    assert set(json.loads(stored(database)[push_id][2])) == {
        "message",
        "targets",
        "trigger",
        "options",
    }


def old_database(data_dir, tmp_path):
    """A database as the version before revision 0009 wrote it: the name and the enabled
    flag in both the row and the spec JSON (one of them drifted), and an unreadable spec."""
    before = tmp_path / "migrations-before-0009"
    shutil.copytree(MIGRATIONS, before)
    for script in (before / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"):
        if script.name >= "0009":  # that revision and the ones after it
            script.unlink()
    db = open_database(data_dir, migrations=before)
    water = every_minutes(30, datetime(2030, 1, 7, 8, tzinfo=UTC), "Water")
    specs = [weekdays_at_nine("Standup"), replace(water, enabled=False)]
    with db.session() as session:
        version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version != "0009"
        # What the old version's PushService wrote, in that schema's columns (plain SQL: the
        # models are the newest schema's).
        rows = [(spec.name, json.dumps(spec_to_dict(spec)), spec.enabled) for spec in specs]
        for name, spec_text, enabled in [*rows, ("Broken", UNREADABLE.decode(), True)]:
            session.execute(
                text(
                    "INSERT INTO pushes (name, spec, enabled, created_at, updated_at) "
                    "VALUES (:name, :spec, :enabled, :at, :at)"
                ),
                {"name": name, "spec": spec_text, "enabled": enabled, "at": STAMP},
            )
    with db.session() as session:
        # Drift the old layout allowed: the row says "Water break", its spec JSON "Water".
        session.execute(text("UPDATE pushes SET name = 'Water break' WHERE name = 'Water'"))
    db.close()
    return specs


def test_a_database_written_before_is_upgraded_and_exports_the_same_pushes(data_dir, tmp_path):
    specs = old_database(data_dir, tmp_path)

    db = open_database(data_dir)
    try:
        rows = stored(db)
        readable = [row for row in rows.values() if row[0] != "Broken"]
        for _name, _enabled, spec in readable:
            assert not {"name", "enabled"} & set(json.loads(spec))
        assert rows[3][2] == UNREADABLE.decode()  # left as it was, set aside when opened
        service = PushService(db)
        service.set_aside_damaged()
        read = [service.get(i) for i in (1, 2)]
        # The row is the one source: its name wins over what the old spec JSON said.
        assert read == [specs[0], replace(specs[1], name="Water break")]
        document = export_document(service.all_specs(), tables=collect(db))
        assert document["pushes"][:2] == [spec_to_dict(spec) for spec in read]
        assert [(p["name"], p["enabled"]) for p in document["pushes"]][:2] == [
            ("Standup", True),
            ("Water break", False),
        ]
    finally:
        db.close()
