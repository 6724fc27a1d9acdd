"""Every N weeks, dates to skip, an end after N runs, and DST for the day-by-day trigger."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pushgui.core.errors import SpecError
from pushgui.core.schedule import own_days
from pushgui.core.schedule.build import build_trigger
from pushgui.core.schedule.preview import preview, skipped_days
from pushgui.core.schedule.spec import CalendarSpec, trigger_from_dict, trigger_to_dict
from pushgui.core.schedule.validate import validate_trigger

BERLIN = ZoneInfo("Europe/Berlin")


def _dates(spec: CalendarSpec, count: int, now: datetime) -> list[date]:
    return [f.at.date() for f in preview(spec, count, now)]


def test_every_two_weeks_on_monday_and_thursday() -> None:
    spec = CalendarSpec(
        timezone="Asia/Shanghai",
        day_rule="week_days",
        week_days=("mon", "thu"),
        every_weeks=2,
        start_date=date(2026, 12, 2),  # a Wednesday: its week (from Mon 30 Nov) counts
    )
    assert validate_trigger(spec, datetime(2026, 11, 1, tzinfo=UTC)) == []
    assert _dates(spec, 6, datetime(2026, 11, 1, tzinfo=UTC)) == [
        date(2026, 12, 3),
        date(2026, 12, 14),
        date(2026, 12, 17),
        date(2026, 12, 28),
        date(2026, 12, 31),
        date(2027, 1, 11),
    ]
    assert trigger_from_dict(trigger_to_dict(spec)) == spec


def test_dates_to_skip_and_end_after_n_runs() -> None:
    spec = CalendarSpec(
        timezone="Asia/Shanghai",
        day_rule="every_day",
        skip_dates=(date(2026, 12, 2),),
        max_runs=3,
        start_date=date(2026, 12, 1),
    )
    now = datetime(2026, 11, 1, tzinfo=UTC)
    assert _dates(spec, 10, now) == [date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 4)]
    # counted from the start date, so asking later gives what is left
    assert _dates(spec, 10, datetime(2026, 12, 3, 12, tzinfo=UTC)) == [date(2026, 12, 4)]
    marks = skipped_days(spec, date(2026, 12, 1), date(2026, 12, 4))
    assert [(d, m.kind) for d, m in marks] == [(date(2026, 12, 2), "skipped")]


def test_limits_need_a_start_date_and_sane_numbers() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    no_start = CalendarSpec(timezone="UTC", max_runs=3)
    assert [e.field for e in validate_trigger(no_start, now)] == ["start_date"]
    weeks = CalendarSpec(timezone="UTC", every_weeks=2, start_date=date(2026, 1, 1))
    assert [e.field for e in validate_trigger(weeks, now)] == ["every_weeks"]
    lunar = CalendarSpec(timezone="UTC", day_rule="lunar_yearly", lunar_month=13, lunar_day=31)
    assert sorted(e.field for e in validate_trigger(lunar, now)) == ["lunar_day", "lunar_month"]


def test_working_days_keep_the_wall_clock_across_dst() -> None:
    """Berlin springs forward on 29 Mar 2026 and falls back on 25 Oct 2026."""
    spring = CalendarSpec(
        timezone="Europe/Berlin",
        day_rule="every_day",
        times=(time(2, 30),),
        skip_dates=(date(2026, 3, 30),),
    )
    fires = preview(spring, 3, datetime(2026, 3, 28, 12, tzinfo=UTC))
    assert [(f.at.isoformat(), f.note) for f in fires] == [
        ("2026-03-29T03:30:00+02:00", "gap"),
        ("2026-03-31T02:30:00+02:00", ""),
        ("2026-04-01T02:30:00+02:00", ""),
    ]
    autumn = CalendarSpec(
        timezone="Europe/Berlin",
        day_rule="workdays",
        times=(time(2, 30),),
        on_day_off="skip",
    )
    trigger = build_trigger(autumn)
    first = trigger.get_next_fire_time(None, datetime(2026, 10, 23, 12, tzinfo=UTC))
    second = trigger.get_next_fire_time(first, first)
    assert first.isoformat() == "2026-10-26T02:30:00+01:00"  # Sat 24 / Sun 25 are days off
    assert second.isoformat() == "2026-10-27T02:30:00+01:00"
    daily = CalendarSpec(
        timezone="Europe/Berlin", times=(time(2, 30),), skip_dates=(date(2026, 1, 1),)
    )
    trigger = build_trigger(daily)
    fire = trigger.get_next_fire_time(None, datetime(2026, 10, 24, 12, tzinfo=UTC))
    runs = []
    for _ in range(3):
        runs.append(fire.astimezone(UTC).isoformat())
        fire = trigger.get_next_fire_time(fire, fire)
    # the repeated 02:30 on 25 Oct runs once, at its first occurrence (summer time)
    assert runs == [
        "2026-10-25T00:30:00+00:00",
        "2026-10-26T01:30:00+00:00",
        "2026-10-27T01:30:00+00:00",
    ]


def test_bad_values_of_the_new_fields_are_named() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    nth = CalendarSpec(timezone="UTC", day_rule="nth_workday", nth=24)
    assert [e.field for e in validate_trigger(nth, now)] == ["nth"]
    far = CalendarSpec(
        timezone="UTC", day_rule="lunar_monthly", lunar_day=1, end_date=date(2150, 1, 1)
    )
    errors = validate_trigger(far, now)
    assert [e.field for e in errors] == ["end_date"] and "2099" in errors[0].message
    runs = CalendarSpec(timezone="UTC", max_runs=-1, start_date=date(2026, 1, 1))
    assert [e.field for e in validate_trigger(runs, now)] == ["max_runs"]
    with pytest.raises(SpecError) as caught:
        trigger_from_dict(
            {
                "kind": "cron",
                "timezone": "UTC",
                "times": ["09:00"],
                "on_day_off": "sometimes",
                "skip_dates": ["2026-13-01"],
                "every_weeks": "two",
            }
        )
    assert sorted(e.field for e in caught.value.errors) == [
        "every_weeks",
        "on_day_off",
        "skip_dates",
    ]


def test_own_days_from_a_file_are_checked() -> None:
    with pytest.raises(SpecError) as caught:
        own_days.from_dict(
            {
                "days_off": [{"date": "2026-02-30"}, {"date": "2026-12-24", "note": 5}],
                "working_days": "soon",
            }
        )
    assert [e.field for e in caught.value.errors] == ["days_off[0]", "days_off[1]", "working_days"]
    both = {"days_off": [{"date": "2026-12-24"}], "working_days": [{"date": "2026-12-24"}]}
    with pytest.raises(SpecError) as caught:
        own_days.from_dict(both)
    assert "2026-12-24" in caught.value.errors[0].message
