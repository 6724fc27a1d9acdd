"""Duty rotation: 30 runs over China's National Day holiday and its make-up working
weekends, a swap, retries and a lost run, through the real job function and store.

The expected dates are typed from the State Council's 2025 notice (国庆节、中秋节: 1–8 Oct
off, Sunday 28 Sep and Saturday 11 Oct worked), not computed with the code under test.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from pushgui.core.errors import SpecError
from pushgui.core.messages.recipients import Planner
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.people.duty import (
    Rotation,
    Swap,
    duty_values,
    on_duty,
    rotation_from_dict,
    turn,
    upcoming,
    validate_rotation,
    with_swap,
)
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, PushSpec, spec_from_dict, spec_to_dict
from pushgui.core.pushes.validation import validate_spec
from pushgui.core.runs.runner import retry_run, run_push
from pushgui.core.schedule.preview import preview
from pushgui.core.schedule.spec import CalendarSpec
from pushgui.core.schedule.workdays import Calendars, OwnDays
from pushgui.core.store.models import Delivery, Push, Run
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import wire

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = date(2025, 9, 22)  # a Monday


def _workdays_from_notice() -> list[date]:
    """The first 30 working days from 22 Sep 2025, by hand from the notice."""
    days = []
    day = START
    off = {date(2025, 10, d) for d in range(1, 9)}
    makeup = {date(2025, 9, 28), date(2025, 10, 11)}
    while len(days) < 30:
        if day in makeup or (day.weekday() < 5 and day not in off):
            days.append(day)
        day += timedelta(days=1)
    return days


WORKDAYS = _workdays_from_notice()


@pytest.fixture
def team(database, scheduler):
    wire(scheduler, secrets=KeyringSecrets())
    book = ContactBook(database)
    ids = [book.save(ContactRecord(name)) for name in ("Ann", "Bo", "崔", "Dan")]
    group = book.save_group(GroupRecord("On call", tuple(ids)))
    yield book, ids, group, PushService(database, scheduler)


def _standup(ids, group, swaps=()) -> PushSpec:
    trigger = CalendarSpec(timezone="Asia/Shanghai", day_rule="workdays", workdays="CN")
    rotation = Rotation(
        order=tuple(ids), start=START, calendar="CN", swaps=tuple(swaps), group_id=group
    )
    return PushSpec(
        name="Standup",
        message=Message("值班: ${值班人}", "Today ${on_duty} is on duty (${date})"),
        trigger=trigger,
        duty=rotation,
    )


def _bodies(database):
    with database.session() as session:
        rows = session.execute(
            select(Run.scheduled_at, Delivery.title, Delivery.body)
            .join(Run, Run.id == Delivery.run_id)
            .order_by(Run.scheduled_at)
        ).all()
    return [(at.astimezone(SHANGHAI).date(), title, body) for at, title, body in rows]


def test_thirty_runs_turn_only_on_working_days_with_a_swap(team, database, scheduler, desktop):
    _book, ids, group, service = team
    names = dict(zip(ids, ("Ann", "Bo", "崔", "Dan"), strict=True))
    swap_day = WORKDAYS[13]  # Bo's turn on Wed 15 Oct; Ann takes it
    assert swap_day == date(2025, 10, 15)
    push_id = service.create(_standup(ids, group, [Swap(swap_day, ids[0])]))

    trigger = CalendarSpec(timezone="Asia/Shanghai", day_rule="workdays", workdays="CN")
    fires = [f.at for f in preview(trigger, 30, datetime(2025, 9, 22, tzinfo=SHANGHAI))]
    assert [f.date() for f in fires] == WORKDAYS  # the schedule agrees with the notice

    for fire in fires:
        assert run_push(push_id, context=scheduler.job_context.at(fire.astimezone(UTC))) == "ok"

    expected = []
    for index, day in enumerate(WORKDAYS):
        person = "Ann" if day == swap_day else names[ids[index % 4]]
        expected.append((day, f"值班: {person}", f"Today {person} is on duty ({day})"))
    assert _bodies(database) == expected
    assert [m.title for m in desktop.shown] == [title for _d, title, _b in expected]
    # the make-up Sunday and Saturday each took a turn; the holiday took none
    by_day = {day: title for day, title, _b in expected}
    assert by_day[date(2025, 9, 26)] == "值班: Ann"  # Friday, the fifth turn
    assert by_day[date(2025, 9, 28)] == "值班: Bo"  # the make-up Sunday
    assert by_day[date(2025, 9, 30)] == "值班: Dan"  # last day before the holiday
    assert by_day[date(2025, 10, 9)] == "值班: Ann"  # first day after it: the next turn
    assert by_day[date(2025, 10, 11)] == "值班: 崔"  # the make-up Saturday
    assert by_day[date(2025, 10, 14)] == "值班: Ann"
    assert by_day[date(2025, 10, 15)] == "值班: Ann"  # the swap: Bo's turn
    assert by_day[date(2025, 10, 16)] == "值班: 崔"  # and back to the order

    # A second start of a recorded run is refused: nobody is named twice.
    again = scheduler.job_context.at(fires[3].astimezone(UTC))
    assert run_push(push_id, context=again) == "duplicate"


def test_a_retried_run_names_the_same_person_and_a_lost_run_shifts_nobody(
    team, database, scheduler, desktop
):
    _book, ids, group, service = team
    push_id = service.create(_standup(ids, group))
    trigger = CalendarSpec(timezone="Asia/Shanghai", day_rule="workdays", workdays="CN")
    fires = [f.at for f in preview(trigger, 12, datetime(2025, 9, 22, tzinfo=SHANGHAI))]
    # Runs 3 to 6 are never made (pushgui was off, the missed-run policy skipped them).
    for index, fire in enumerate(fires):
        if 3 <= index <= 6:
            continue
        run_push(push_id, context=scheduler.job_context.at(fire.astimezone(UTC)))
    names = ["Ann", "Bo", "崔", "Dan"]
    got = [title for _d, title, _b in _bodies(database)]
    want = [f"值班: {names[i % 4]}" for i in range(12) if not 3 <= i <= 6]
    assert got == want

    # The desktop fails once for the last run; its retry carries the stored message.
    desktop.shown.clear()
    with database.session() as session:
        last = session.execute(select(Run).order_by(Run.id.desc())).scalars().first()
        session.execute(
            update(Delivery)
            .where(Delivery.run_id == last.id)
            .values(status="retrying", next_attempt_at=datetime.now(UTC))
        )
        # Someone edits the rotation in between: the retry still names who it named.
        push = session.get(Push, push_id)
        data = json.loads(push.spec)
        data["duty"]["order"] = list(reversed(data["duty"]["order"]))
        push.spec = json.dumps(data)
    assert retry_run(last.id, context=scheduler.job_context) == "ok"
    assert [m.title for m in desktop.shown] == [f"值班: {names[11 % 4]}"]


def test_rotation_is_a_pure_function_of_the_date():
    rotation = Rotation(order=(1, 2, 3), start=START, calendar="CN")
    # Same answers whatever order they are asked in, and across a year boundary.
    days = [START + timedelta(days=n) for n in range(-40, 400)]
    forward = [on_duty(rotation, d) for d in days]
    backward = [on_duty(rotation, d) for d in reversed(days)]
    assert forward == list(reversed(backward))
    # A day off keeps the person of the working day before it.
    assert on_duty(rotation, date(2025, 10, 5)) == on_duty(rotation, date(2025, 9, 30))
    # Before the start it walks backwards through the order.
    assert on_duty(rotation, date(2025, 9, 19)) == 3  # Friday before: one working day back
    assert turn(rotation, START) == 0


def test_weekly_rotation_and_every_day_rotation():
    weekly = Rotation(order=(1, 2), start=date(2025, 9, 24), per="week", calendar="CN")
    # The week of 29 Sep has two working days (29, 30 Sep): it counts. So does 6 Oct's week?
    # 6–8 Oct are off, 9–11 Oct worked: it counts too.
    assert [on_duty(weekly, date(2025, 9, 22) + timedelta(weeks=n)) for n in range(4)] == [
        1,
        2,
        1,
        2,
    ]
    daily = Rotation(order=(1, 2, 3), start=START)  # no calendar: every day, weekends too
    assert [on_duty(daily, START + timedelta(days=n)) for n in range(7)] == [1, 2, 3, 1, 2, 3, 1]


def test_swaps_and_the_preview(team):
    _book, ids, _group, _service = team
    rotation = Rotation(order=(ids[0], ids[1]), start=START, calendar="")
    # Bo takes Ann's Monday, Ann takes Bo's Tuesday.
    traded = with_swap(with_swap(rotation, START, ids[1]), START + timedelta(days=1), ids[0])
    names = {ids[0]: "Ann", ids[1]: "Bo"}
    due = [datetime.combine(START + timedelta(days=n), datetime.min.time()) for n in range(3)]
    assert [name for _at, name in upcoming(traded, due, names)] == ["Bo", "Ann", "Ann"]
    assert [name for _at, name in upcoming(rotation, due, names)] == ["Ann", "Bo", "Ann"]
    # A swap to a contact removed since says so instead of naming nobody.
    gone = with_swap(rotation, START, 999)
    assert duty_values(gone, START, names)["on_duty"] == "(a removed contact)"


def test_the_editor_preview_renders_the_placeholder(team, database):
    book, ids, group, _service = team
    planner = Planner(book, {})
    spec = _standup(ids, group)
    [rendered] = planner.dry_run(spec, datetime(2025, 10, 11, 9, tzinfo=SHANGHAI))
    assert (
        rendered.title
        == "值班: " + ["Ann", "Bo", "崔", "Dan"][WORKDAYS.index(date(2025, 10, 11)) % 4]
    )


def test_the_rotation_survives_the_stored_json_and_bad_shapes_are_named():
    spec = _standup([3, 1, 2], 7, [Swap(date(2025, 10, 9), 2)])
    assert spec_from_dict(json.loads(json.dumps(spec_to_dict(spec)))) == spec
    assert "duty" not in spec_to_dict(replace(spec, duty=None))
    for bad, field in (
        ({"order": "1,2", "start": "2025-09-22"}, "duty.order"),
        ({"order": [1], "start": "22/09/2025"}, "duty.start"),
        ({"order": [1], "start": "2025-09-22", "per": "month"}, "duty.per"),
        ({"order": [1], "start": "2025-09-22", "swaps": [{"day": "x"}]}, "duty.swaps[0]"),
        ({"order": [1], "start": "2025-09-22", "calendar": 5}, "duty.calendar"),
    ):
        errors = []
        assert rotation_from_dict(bad, errors) is None
        assert [e.field for e in errors] == [field]
        data = spec_to_dict(spec)
        data["duty"] = bad
        with pytest.raises(SpecError):
            spec_from_dict(data)


def test_validation_names_each_bad_rotation_field():
    good = Rotation(order=(1, 2), start=START, calendar="CN")
    assert validate_rotation(good, {1, 2}) == []
    cases = [
        (replace(good, order=()), "duty.order"),
        (replace(good, order=(1, 1)), "duty.order"),
        (replace(good, calendar="XX-NOWHERE"), "duty.calendar"),
        (replace(good, swaps=(Swap(START, 1), Swap(START, 2))), "duty.swaps"),
    ]
    for rotation, field in cases:
        assert [e.field for e in validate_rotation(rotation, {1, 2})] == [field]
    assert [e.field for e in validate_rotation(replace(good, order=(1, 3)), {1, 2})] == [
        "duty.order"
    ]


def test_the_placeholder_needs_a_rotation():
    spec = _standup([1, 2], None)
    assert [e for e in validate_spec(spec, custom_fields=()) if e.field.startswith("message")] == []
    errors = validate_spec(replace(spec, duty=None), custom_fields=())
    assert [(e.field, e.message) for e in errors if e.field.startswith("message")] == [
        ("message.title", "${值班人} needs a duty rotation: set one up below"),
        ("message.body", "${on_duty} needs a duty rotation: set one up below"),
    ]


def test_deleting_someone_on_duty_names_the_reminder_first(team):
    book, ids, group, service = team
    service.create(_standup(ids, group))
    assert book.pushes_using([ids[3]]) == ["Standup"]
    loose = book.save(ContactRecord("Eve"))
    assert book.pushes_using([loose]) == []
    swap_only = replace(
        _standup(ids[:2], None),
        name="Swapped",
        duty=Rotation((ids[0],), START, swaps=(Swap(START, loose),)),
    )
    service.create(swap_only)
    assert book.pushes_using([loose]) == ["Swapped"]


def test_an_own_day_off_takes_no_turn_in_a_run_or_the_preview(team, database, scheduler, desktop):
    """The company's own day off (the app's calendars, handed to job functions in their
    context) is not a working day for the rotation either."""
    _book, ids, group, service = team
    monday, tuesday, wednesday = date(2025, 9, 22), date(2025, 9, 23), date(2025, 9, 24)
    calendars = Calendars()
    calendars.set_own_days(OwnDays(days_off={tuesday: "Company outing"}))
    context = wire(scheduler, calendars=calendars)
    push_id = service.create(_standup(ids, group))
    wednesday_nine = datetime.combine(wednesday, datetime.min.time(), SHANGHAI) + timedelta(hours=9)
    assert run_push(push_id, context=context.at(wednesday_nine.astimezone(UTC))) == "ok"

    names = dict(zip(ids, ("Ann", "Bo", "崔", "Dan"), strict=True))
    # Monday is Ann's; Tuesday is off, so Wednesday is Bo's (not 崔's, as without own days).
    assert _bodies(database) == [(wednesday, "值班: Bo", f"Today Bo is on duty ({wednesday})")]
    rotation = service.get(push_id).duty
    assert [n for _at, n in upcoming(rotation, [wednesday_nine], names, calendars)] == ["Bo"]
    assert [n for _at, n in upcoming(rotation, [wednesday_nine], names)] == ["崔"]
    assert turn(rotation, monday, calendars) == 0
