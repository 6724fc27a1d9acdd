"""Trigger spec validation: one plain-words error per problem, on the field it is about."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.schedule.spec import (
    LAST,
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    TriggerSpec,
    Unit,
)
from pushgui.core.schedule.validate import validate_or_raise, validate_trigger

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
SH = "Asia/Shanghai"


def _errors(spec: TriggerSpec) -> list[tuple[str, str]]:
    return [(e.field, e.message) for e in validate_trigger(spec, NOW)]


@pytest.mark.parametrize(
    "spec",
    [
        OnceSpec(at=datetime(2026, 12, 24, 9, 0), timezone=SH),
        IntervalSpec(every=2, unit="hours", start=datetime(2026, 1, 1, 9), timezone="UTC"),
        IntervalSpec(every=1, unit="days", start=datetime(2020, 1, 1, 9), timezone="UTC"),
        IntervalSpec(
            every=3,
            unit="weeks",
            start=datetime(2026, 7, 1, 9),
            end=datetime(2027, 7, 1, 9),
            timezone="Europe/Berlin",
        ),
        CalendarSpec(timezone=SH),
        CalendarSpec(timezone=SH, day_rule="week_days", week_days=("mon", "FRI")),
        CalendarSpec(timezone=SH, day_rule="month_days", month_days=(1, 15, LAST)),
        CalendarSpec(timezone=SH, day_rule="month_days", month_days=(29,), months=(2,)),
        CalendarSpec(timezone=SH, day_rule="month_days", month_days=(30, 31), months=(1, 2)),
        CalendarSpec(timezone=SH, day_rule="nth_weekday", nth=LAST, nth_weekday="sun"),
        CalendarSpec(timezone=SH, day_rule="nth_weekday", nth=5, nth_weekday="mon", months=(2,)),
        CalendarSpec(timezone=SH, times=(time(9), time(9)), months=(12,)),  # duplicates are fine
        CalendarSpec(timezone=SH, start_date=date(2026, 6, 2), end_date=date(2026, 6, 2)),
        CalendarSpec(timezone=SH, crontab="0 9 13 * 5"),
        CalendarSpec(timezone=SH, crontab="@daily", times=(), week_days=("nope",)),
    ],
)
def test_valid_specs_have_no_errors(spec: TriggerSpec) -> None:
    assert validate_trigger(spec, NOW) == []
    validate_or_raise(spec, NOW)


def test_once_in_the_past() -> None:
    assert _errors(OnceSpec(at=datetime(2026, 6, 1, 19, 59), timezone=SH)) == [
        ("at", "Choose a time in the future")
    ]
    # the wall-clock time is read in the spec's zone: 20:01 Shanghai is 12:01 UTC
    assert _errors(OnceSpec(at=datetime(2026, 6, 1, 20, 1), timezone=SH)) == []


def test_once_exactly_now_is_past() -> None:
    assert _errors(OnceSpec(at=datetime(2026, 6, 1, 12, 0), timezone="UTC")) == [
        ("at", "Choose a time in the future")
    ]


def test_unknown_time_zone() -> None:
    for spec in (
        OnceSpec(at=datetime(2030, 1, 1), timezone="Mars/Base"),
        IntervalSpec(every=1, unit="hours", start=datetime(2026, 1, 1), timezone="Mars/Base"),
        CalendarSpec(timezone="Mars/Base"),
    ):
        assert _errors(spec) == [("timezone", 'Unknown time zone "Mars/Base"')]


@pytest.mark.parametrize("every", [0, -3])
def test_interval_at_least_one(every: int) -> None:
    spec = IntervalSpec(every=every, unit="minutes", start=datetime(2026, 1, 1), timezone="UTC")
    assert _errors(spec) == [("every", "The interval must be at least 1")]


@pytest.mark.parametrize(
    ("unit", "limit"),
    [("minutes", 5_270_400), ("hours", 87_840), ("days", 3_660), ("weeks", 530)],
)
def test_interval_at_most_about_ten_years(unit: Unit, limit: int) -> None:
    ok = IntervalSpec(every=limit, unit=unit, start=datetime(2026, 7, 1), timezone="UTC")
    assert _errors(ok) == []
    too_long = IntervalSpec(every=limit + 1, unit=unit, start=datetime(2026, 7, 1), timezone="UTC")
    assert _errors(too_long) == [
        ("every", f"The interval can be at most {limit} {unit} (about 10 years)")
    ]


def test_interval_unknown_unit() -> None:
    spec = IntervalSpec(every=1, unit="years", start=datetime(2026, 7, 1), timezone="UTC")  # type: ignore[arg-type]
    assert _errors(spec) == [("unit", "Choose minutes, hours, days or weeks")]


@pytest.mark.parametrize("end", [datetime(2026, 7, 1, 9), datetime(2026, 7, 1, 8)])
def test_interval_end_after_start(end: datetime) -> None:
    spec = IntervalSpec(
        every=1, unit="hours", start=datetime(2026, 7, 1, 9), end=end, timezone="UTC"
    )
    assert _errors(spec) == [("end", "The end must be after the start")]


@pytest.mark.parametrize("unit", ["minutes", "days"])
def test_interval_that_ended_never_fires(unit: Unit) -> None:
    spec = IntervalSpec(
        every=1,
        unit=unit,
        start=datetime(2026, 1, 1, 9),
        end=datetime(2026, 5, 1, 9),
        timezone="UTC",
    )
    assert _errors(spec) == [("end", "The rule never fires: choose an end in the future")]


def test_calendar_needs_a_time() -> None:
    assert _errors(CalendarSpec(timezone=SH, times=())) == [
        ("times", "Choose at least one time of day")
    ]


def test_calendar_weekdays() -> None:
    assert _errors(CalendarSpec(timezone=SH, day_rule="week_days")) == [
        ("week_days", "Choose at least one weekday")
    ]
    assert _errors(CalendarSpec(timezone=SH, day_rule="week_days", week_days=("mon", "mo"))) == [
        ("week_days", 'Unknown weekday "mo": use mon, tue, wed, thu, fri, sat or sun')
    ]


def test_calendar_month_days() -> None:
    assert _errors(CalendarSpec(timezone=SH, day_rule="month_days")) == [
        ("month_days", "Choose at least one day of the month")
    ]
    spec = CalendarSpec(timezone=SH, day_rule="month_days", month_days=(0, 32, -2, 31))
    assert _errors(spec) == [
        ("month_days", f'Day {d} does not exist: use 1 to 31 or "last"') for d in (0, 32, -2)
    ]


@pytest.mark.parametrize(
    ("days", "months", "messages"),
    [
        ((31,), (2,), ["31 February never happens: pick another day or month"]),
        ((30,), (2,), ["30 February never happens: pick another day or month"]),
        ((31,), (4,), ["31 April never happens: pick another day or month"]),
        (
            (31, 15),
            (4, 6, 9, 11),
            [
                "Day 31 never happens in April, June, September and November: "
                "pick another day or month"
            ],
        ),
        (
            (30, 31),
            (2,),
            [f"{d} February never happens: pick another day or month" for d in (30, 31)],
        ),
    ],
)
def test_calendar_impossible_dates(
    days: tuple[int, ...], months: tuple[int, ...], messages: list[str]
) -> None:
    spec = CalendarSpec(timezone=SH, day_rule="month_days", month_days=days, months=months)
    assert _errors(spec) == [("month_days", m) for m in messages]


def test_calendar_possible_with_one_long_month() -> None:
    spec = CalendarSpec(timezone=SH, day_rule="month_days", month_days=(31, LAST), months=(2, 3))
    assert _errors(spec) == []


def test_calendar_nth_weekday() -> None:
    spec = CalendarSpec(timezone=SH, day_rule="nth_weekday", nth=6, nth_weekday="sunday")
    assert _errors(spec) == [
        ("nth", "Choose the 1st to the 5th, or the last"),
        ("nth_weekday", 'Unknown weekday "sunday": use mon, tue, wed, thu, fri, sat or sun'),
    ]
    assert _errors(CalendarSpec(timezone=SH, day_rule="nth_weekday", nth=0)) == [
        ("nth", "Choose the 1st to the 5th, or the last")
    ]


def test_calendar_unknown_day_rule() -> None:
    spec = CalendarSpec(timezone=SH, day_rule="yearly")  # type: ignore[arg-type]
    assert _errors(spec) == [("day_rule", "Choose which days the reminder runs on")]


def test_calendar_months() -> None:
    assert _errors(CalendarSpec(timezone=SH, months=(0, 6, 13))) == [
        ("months", "Month 0 does not exist: use 1 to 12"),
        ("months", "Month 13 does not exist: use 1 to 12"),
    ]


def test_calendar_dates() -> None:
    spec = CalendarSpec(timezone=SH, start_date=date(2026, 7, 2), end_date=date(2026, 7, 1))
    assert _errors(spec) == [("end_date", "The end date must be on or after the start date")]
    ended = CalendarSpec(timezone=SH, end_date=date(2026, 5, 31))
    assert _errors(ended) == [
        ("end_date", "The rule never fires: choose an end date in the future")
    ]


def test_calendar_end_date_is_inclusive() -> None:
    # 12:00 UTC is 20:00 in Shanghai: the 21:00 run today is still to come
    assert _errors(CalendarSpec(timezone=SH, times=(time(21),), end_date=date(2026, 6, 1))) == []
    assert _errors(CalendarSpec(timezone=SH, times=(time(19),), end_date=date(2026, 6, 1))) == [
        ("end_date", "The rule never fires: choose an end date in the future")
    ]


def test_crontab_errors_and_never_fires() -> None:
    assert _errors(CalendarSpec(timezone=SH, crontab="0 25 * * *")) == [
        ("crontab", 'The hour field "25" must be between 0 and 23')
    ]
    assert _errors(CalendarSpec(timezone=SH, crontab="0 9 31 2 *")) == [
        ("crontab", "The rule never fires")
    ]


def test_several_errors_at_once() -> None:
    spec = CalendarSpec(
        timezone="Nowhere",
        times=(),
        day_rule="week_days",
        months=(13,),
        start_date=date(2026, 7, 2),
        end_date=date(2026, 7, 1),
    )
    assert {f for f, _ in _errors(spec)} == {"timezone", "times", "week_days", "months", "end_date"}


def test_validate_or_raise() -> None:
    with pytest.raises(SpecError) as caught:
        validate_or_raise(OnceSpec(at=datetime(2020, 1, 1), timezone="UTC"), NOW)
    assert caught.value.errors == [FieldError("at", "Choose a time in the future")]


def test_default_now_is_the_current_time() -> None:
    assert validate_trigger(OnceSpec(at=datetime(2000, 1, 1), timezone="UTC")) == [
        FieldError("at", "Choose a time in the future")
    ]
    assert validate_trigger(OnceSpec(at=datetime(2999, 1, 1), timezone="UTC")) == []


def test_naive_now_is_read_as_utc() -> None:
    spec = OnceSpec(at=datetime(2026, 6, 1, 13), timezone="Europe/London")  # 12:00 UTC
    assert validate_trigger(spec, datetime(2026, 6, 1, 11, 59)) == []
    assert validate_trigger(spec, datetime(2026, 6, 1, 12, 0)) != []
