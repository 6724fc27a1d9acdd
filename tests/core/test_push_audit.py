"""Who did what on a desktop's SQLite file: the same triggers write the change log (without a
name: the file is one account's), whatever writes the push (the service, an import, SQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from pushgui.core.pushes.audit import change_log, stamps
from pushgui.core.pushes.spec import Message, PushOptions, Target
from pushgui.core.schedule.describe import describe
from pushgui.core.schedule.spec import CalendarSpec
from tests.helpers import ZONE, weekdays_at_nine


def test_every_change_is_logged_in_plain_words_without_a_name(service, database):
    start = datetime.now(UTC) - timedelta(seconds=1)
    push_id = service.create(weekdays_at_nine("Stand-up"))
    spec = service.get(push_id)
    later = CalendarSpec(timezone=ZONE, day_rule="week_days", week_days=("mon",))
    service.update(push_id, replace(spec, name="Monday stand-up", trigger=later))
    service.set_enabled(push_id, False)
    service.set_enabled(push_id, True)
    spec = service.get(push_id)
    service.update(
        push_id,
        replace(
            spec,
            message=Message(spec.message.title, "New body"),
            targets=(Target(), Target(kind="desktop", contact_ids=(1,))),
            options=PushOptions(retries=1),
        ),
    )
    service.update(push_id, service.get(push_id))  # saved without a change: no entry

    log = change_log(database, push_id)
    assert [entry.what for entry in log] == [
        ("Created",),
        (
            "Renamed from “Stand-up” to “Monday stand-up”",
            f"Schedule changed from “{describe(spec_trigger_before())}” to “{describe(later)}”",
        ),
        ("Paused",),
        ("Resumed",),
        ("Message text changed", "Recipients changed", "Delivery options changed"),
    ]
    assert {entry.by for entry in log} == {""}
    assert all(start <= entry.at <= datetime.now(UTC) for entry in log)
    stamped = stamps(database, push_id)
    assert (stamped.created_by, stamped.updated_by) == ("", "")


def spec_trigger_before():
    return weekdays_at_nine().trigger


def test_a_deletion_is_logged_and_a_new_push_reusing_the_id_starts_its_own_log(service, database):
    first = service.create(weekdays_at_nine("Old"))
    service.delete(first)
    second = service.create(weekdays_at_nine("New"))
    assert second == first  # SQLite hands out the deleted row's id again
    with database.session() as session:
        actions = session.execute(
            text(
                "SELECT action, coalesce(name_before, name_after) FROM push_changes "
                "WHERE push_id = :id ORDER BY id"
            ),
            {"id": first},
        ).all()
    assert actions == [("created", "Old"), ("deleted", "Old"), ("created", "New")]
    assert [entry.what for entry in change_log(database, second)] == [("Created",)]


def test_a_change_written_by_plain_sql_is_logged_too(service, database):
    push_id = service.create(weekdays_at_nine("Stand-up"))
    with database.session() as session:
        session.execute(text("UPDATE pushes SET enabled = 0 WHERE id = :id"), {"id": push_id})
    assert [entry.what for entry in change_log(database, push_id)][-1] == ("Paused",)


def test_an_unreadable_earlier_version_is_said_so_never_raised(service, database):
    push_id = service.create(weekdays_at_nine("Stand-up"))
    with database.session() as session:
        session.execute(text("UPDATE pushes SET spec = 'not json' WHERE id = :id"), {"id": push_id})
        session.execute(text("UPDATE pushes SET spec = '{}' WHERE id = :id"), {"id": push_id})
    assert [entry.what for entry in change_log(database, push_id)][1:] == [
        ("Changed (the details could not be read)",),
        ("Changed (the details could not be read)",),
    ]
