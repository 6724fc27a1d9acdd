"""APScheduler triggers built from specs: the right kind, an explicit zone, the right times."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.calendarinterval import CalendarIntervalTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from pushgui.core.errors import SpecError
from pushgui.core.schedule.build import build_trigger, day_fields
from pushgui.core.schedule.preview import preview
from pushgui.core.schedule.spec import (
    LAST,
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    TriggerSpec,
    Unit,
    trigger_from_dict,
    trigger_to_dict,
)

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)


def _times(spec: TriggerSpec, count: int = 10, now: datetime = NOW) -> list[str]:
    return [f.at.strftime("%Y-%m-%d %a %H:%M") for f in preview(spec, count, now)]


def test_once_is_a_date_trigger_in_its_zone() -> None:
    trigger = build_trigger(OnceSpec(at=datetime(2026, 12, 24, 9), timezone="Asia/Shanghai"))
    assert isinstance(trigger, DateTrigger)
    assert trigger.run_date == datetime(2026, 12, 24, 9, tzinfo=SH)
    assert trigger.run_date.tzinfo == SH


@pytest.mark.parametrize("unit", ["minutes", "hours"])
def test_minutes_and_hours_are_interval_triggers(unit: Unit) -> None:
    spec = IntervalSpec(
        every=5,
        unit=unit,
        start=datetime(2026, 6, 1, 9),
        end=datetime(2026, 6, 2, 9),
        timezone="Asia/Shanghai",
    )
    trigger = build_trigger(spec)
    assert isinstance(trigger, IntervalTrigger)
    assert trigger.timezone == SH
    assert trigger.interval == timedelta(**{unit: 5})
    assert trigger.start_date == datetime(2026, 6, 1, 9, tzinfo=SH)
    assert trigger.end_date == datetime(2026, 6, 2, 9, tzinfo=SH)


@pytest.mark.parametrize(("unit", "days"), [("days", 3), ("weeks", 21)])
def test_days_and_weeks_are_calendar_interval_triggers(unit: Unit, days: int) -> None:
    spec = IntervalSpec(
        every=3, unit=unit, start=datetime(2026, 6, 1, 9, 30), timezone="Asia/Shanghai"
    )
    trigger = build_trigger(spec)
    assert isinstance(trigger, CalendarIntervalTrigger)
    assert trigger.timezone == SH
    assert trigger.start_date == date(2026, 6, 1)
    assert trigger.end_date is None
    assert (trigger.days + 7 * trigger.weeks) == days
    fires = [f.at for f in preview(spec, 3, NOW)]
    assert [f.time() for f in fires] == [time(9, 30)] * 3
    assert fires[1] - fires[0] == timedelta(days=days)


def test_days_interval_end_later_in_the_day_includes_that_day() -> None:
    spec = IntervalSpec(
        every=1,
        unit="days",
        start=datetime(2026, 6, 1, 9),
        end=datetime(2026, 6, 3, 9),
        timezone="UTC",
    )
    assert build_trigger(spec).end_date == date(2026, 6, 3)
    assert _times(spec) == ["2026-06-01 Mon 09:00", "2026-06-02 Tue 09:00", "2026-06-03 Wed 09:00"]


def test_days_interval_end_earlier_in_the_day_excludes_that_day() -> None:
    spec = IntervalSpec(
        every=1,
        unit="days",
        start=datetime(2026, 6, 1, 9),
        end=datetime(2026, 6, 3, 8, 59),
        timezone="UTC",
    )
    assert build_trigger(spec).end_date == date(2026, 6, 2)
    assert _times(spec) == ["2026-06-01 Mon 09:00", "2026-06-02 Tue 09:00"]


def test_hours_interval_end_is_inclusive() -> None:
    spec = IntervalSpec(
        every=2,
        unit="hours",
        start=datetime(2026, 6, 1, 9),
        end=datetime(2026, 6, 1, 13),
        timezone="UTC",
    )
    assert _times(spec) == ["2026-06-01 Mon 09:00", "2026-06-01 Mon 11:00", "2026-06-01 Mon 13:00"]


def test_calendar_single_time_is_one_cron_trigger() -> None:
    trigger = build_trigger(CalendarSpec(timezone="Asia/Shanghai", times=(time(9, 15),)))
    assert isinstance(trigger, CronTrigger)
    assert trigger.timezone == SH
    assert str(trigger) == "cron[hour='9', minute='15']"


def test_calendar_times_sharing_a_minute_share_a_trigger() -> None:
    spec = CalendarSpec(timezone="UTC", times=(time(17, 0), time(8, 30), time(9, 0), time(9, 0)))
    trigger = build_trigger(spec)
    assert isinstance(trigger, OrTrigger)
    assert [str(t) for t in trigger.triggers] == [
        "cron[hour='9,17', minute='0']",
        "cron[hour='8', minute='30']",
    ]
    assert _times(spec, 4) == [
        "2026-06-01 Mon 08:30",
        "2026-06-01 Mon 09:00",
        "2026-06-01 Mon 17:00",
        "2026-06-02 Tue 08:30",
    ]


@pytest.mark.parametrize(
    ("spec", "fields"),
    [
        (CalendarSpec(timezone="UTC"), {}),
        (
            CalendarSpec(timezone="UTC", day_rule="week_days", week_days=("sun", "Mon", "fri")),
            {"day_of_week": "mon,fri,sun"},
        ),
        (
            CalendarSpec(timezone="UTC", day_rule="month_days", month_days=(LAST, 15, 1, 15)),
            {"day": "1,15,last"},
        ),
        (
            CalendarSpec(timezone="UTC", day_rule="nth_weekday", nth=2, nth_weekday="tue"),
            {"day": "2nd tue"},
        ),
        (
            CalendarSpec(timezone="UTC", day_rule="nth_weekday", nth=LAST, nth_weekday="sun"),
            {"day": "last sun"},
        ),
        (
            CalendarSpec(timezone="UTC", day_rule="month_days", month_days=(25,), months=(12,)),
            {"day": "25", "month": "12"},
        ),
        (CalendarSpec(timezone="UTC", months=(10, 1, 4, 7)), {"month": "1,4,7,10"}),
        # the friendly fields that do not belong to the rule are ignored
        (CalendarSpec(timezone="UTC", week_days=("mon",), month_days=(3,)), {}),
    ],
)
def test_day_fields(spec: CalendarSpec, fields: dict[str, str]) -> None:
    assert day_fields(spec) == fields


def test_weekdays_use_names_so_monday_is_monday() -> None:
    spec = CalendarSpec(timezone="UTC", day_rule="week_days", week_days=("mon", "sun"))
    assert _times(spec, 4) == [
        "2026-06-01 Mon 09:00",
        "2026-06-07 Sun 09:00",
        "2026-06-08 Mon 09:00",
        "2026-06-14 Sun 09:00",
    ]


def test_nth_and_last_weekday() -> None:
    second_tuesday = CalendarSpec(timezone="UTC", day_rule="nth_weekday", nth=2, nth_weekday="tue")
    assert _times(second_tuesday, 3) == [
        "2026-06-09 Tue 09:00",
        "2026-07-14 Tue 09:00",
        "2026-08-11 Tue 09:00",
    ]
    last_sunday = CalendarSpec(timezone="UTC", day_rule="nth_weekday", nth=LAST, nth_weekday="sun")
    assert _times(last_sunday, 2) == ["2026-06-28 Sun 09:00", "2026-07-26 Sun 09:00"]


def test_last_day_of_month_and_yearly() -> None:
    last = CalendarSpec(timezone="UTC", day_rule="month_days", month_days=(LAST,))
    assert _times(last, 3) == [
        "2026-06-30 Tue 09:00",
        "2026-07-31 Fri 09:00",
        "2026-08-31 Mon 09:00",
    ]
    leap = CalendarSpec(timezone="UTC", day_rule="month_days", month_days=(29,), months=(2,))
    assert _times(leap, 2) == ["2028-02-29 Tue 09:00", "2032-02-29 Sun 09:00"]


def test_calendar_dates_bound_the_rule_inclusively() -> None:
    spec = CalendarSpec(
        timezone="Asia/Shanghai",
        times=(time(0, 0), time(23, 59)),
        start_date=date(2026, 7, 1),
        end_date=date(2026, 7, 2),
    )
    trigger = build_trigger(spec)
    assert _times(spec) == [
        "2026-07-01 Wed 00:00",
        "2026-07-01 Wed 23:59",
        "2026-07-02 Thu 00:00",
        "2026-07-02 Thu 23:59",
    ]
    assert all(t.start_date.tzinfo == SH for t in trigger.triggers)


def test_crontab_wins_over_friendly_fields() -> None:
    spec = CalendarSpec(
        timezone="Asia/Shanghai",
        times=(time(7),),
        day_rule="week_days",
        week_days=("sat",),
        crontab="30 8 * * 1-5",
        end_date=date(2026, 6, 2),
    )
    trigger = build_trigger(spec)
    assert isinstance(trigger, CronTrigger)
    assert trigger.timezone == SH
    assert _times(spec) == ["2026-06-01 Mon 08:30", "2026-06-02 Tue 08:30"]


def test_crontab_either_day_or_weekday_is_an_or_trigger() -> None:
    trigger = build_trigger(CalendarSpec(timezone="UTC", crontab="0 9 13 * 5"))
    assert isinstance(trigger, OrTrigger)
    assert [str(t) for t in trigger.triggers] == [
        "cron[day='13', hour='9', minute='0']",
        "cron[day_of_week='fri', hour='9', minute='0']",
    ]


def test_unknown_zone_raises_spec_error() -> None:
    with pytest.raises(SpecError):
        build_trigger(CalendarSpec(timezone="Mars/Base"))


SPECS: list[TriggerSpec] = [
    OnceSpec(at=datetime(2026, 12, 24, 9), timezone="Asia/Shanghai"),
    IntervalSpec(every=90, unit="minutes", start=datetime(2026, 6, 1, 9), timezone="UTC"),
    IntervalSpec(
        every=2,
        unit="weeks",
        start=datetime(2026, 6, 1, 9),
        end=datetime(2026, 12, 1, 9),
        timezone="Europe/Berlin",
    ),
    CalendarSpec(
        timezone="Asia/Shanghai",
        times=(time(8, 30), time(17)),
        day_rule="week_days",
        week_days=("mon", "wed", "fri"),
    ),
    CalendarSpec(timezone="UTC", day_rule="month_days", month_days=(1, 15, LAST), months=(1, 7)),
    CalendarSpec(
        timezone="UTC",
        day_rule="nth_weekday",
        nth=LAST,
        nth_weekday="sun",
        start_date=date(2026, 7, 1),
        end_date=date(2027, 7, 1),
    ),
    CalendarSpec(timezone="America/New_York", crontab="0 9 13 * 5"),
]


@pytest.mark.parametrize("spec", SPECS)
def test_json_round_trip_builds_the_same_trigger(spec: TriggerSpec) -> None:
    again = trigger_from_dict(trigger_to_dict(spec))
    assert again == spec
    assert preview(again, 8, NOW) == preview(spec, 8, NOW)


@pytest.mark.parametrize("spec", SPECS)
def test_triggers_survive_pickling_like_the_job_store_does(spec: TriggerSpec) -> None:
    trigger = build_trigger(spec)
    copy = pickle.loads(pickle.dumps(trigger))
    now = NOW
    for _ in range(5):
        a, b = trigger.get_next_fire_time(None, now), copy.get_next_fire_time(None, now)
        assert a == b
        if a is None:
            break
        now = a + timedelta(seconds=1)


def test_every_minute_crontab_fires_on_whole_minutes() -> None:
    spec = CalendarSpec(timezone="UTC", crontab="* * * * *")
    assert [f.at for f in preview(spec, 3, NOW + timedelta(seconds=5))] == [
        datetime(2026, 6, 1, 0, m, tzinfo=UTC).astimezone(ZoneInfo("UTC")) for m in (1, 2, 3)
    ]
