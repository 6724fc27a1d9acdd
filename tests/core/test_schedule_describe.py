"""Descriptions: one English sentence per spec, zone last, never an exception."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from pushgui.core.schedule.describe import describe
from pushgui.core.schedule.spec import LAST, CalendarSpec, IntervalSpec, OnceSpec, TriggerSpec

SH = "Asia/Shanghai"


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (
            OnceSpec(at=datetime(2026, 12, 24, 9, 0), timezone=SH),
            "Once on Thu 24 Dec 2026 at 09:00 (Asia/Shanghai)",
        ),
        (
            IntervalSpec(every=2, unit="hours", start=datetime(2026, 12, 24, 9), timezone="UTC"),
            "Every 2 hours from 24 Dec 2026 09:00 (UTC)",
        ),
        (
            IntervalSpec(every=1, unit="minutes", start=datetime(2026, 12, 24, 9), timezone="UTC"),
            "Every minute from 24 Dec 2026 09:00 (UTC)",
        ),
        (
            IntervalSpec(
                every=1,
                unit="hours",
                start=datetime(2026, 12, 24, 9),
                end=datetime(2026, 12, 31, 18),
                timezone="UTC",
            ),
            "Every hour from 24 Dec 2026 09:00 until 31 Dec 2026 18:00 (UTC)",
        ),
        (
            IntervalSpec(every=1, unit="days", start=datetime(2026, 12, 24, 9), timezone="UTC"),
            "Every day at 09:00 from 24 Dec 2026 (UTC)",
        ),
        (
            IntervalSpec(every=3, unit="days", start=datetime(2026, 12, 24, 7, 5), timezone="UTC"),
            "Every 3 days at 07:05 from 24 Dec 2026 (UTC)",
        ),
        (
            IntervalSpec(every=2, unit="weeks", start=datetime(2026, 12, 24, 9), timezone="UTC"),
            "Every 2 weeks on Thursday at 09:00 from 24 Dec 2026 (UTC)",
        ),
        (CalendarSpec(timezone="Europe/Berlin"), "Every day at 09:00 (Europe/Berlin)"),
        (
            CalendarSpec(
                timezone=SH, day_rule="week_days", week_days=("mon", "tue", "wed", "thu", "fri")
            ),
            "Every weekday at 09:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(
                timezone=SH, times=(time(10),), day_rule="week_days", week_days=("sun", "sat")
            ),
            "Every weekend day at 10:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(
                timezone=SH,
                times=(time(17), time(8, 30)),
                day_rule="week_days",
                week_days=("fri", "mon", "wed"),
            ),
            "Every Mon, Wed and Fri at 08:30 and 17:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, day_rule="week_days", week_days=("tue",)),
            "Every Tuesday at 09:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(
                timezone=SH,
                day_rule="week_days",
                week_days=("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
            ),
            "Every day at 09:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, times=(time(18),), day_rule="month_days", month_days=(LAST,)),
            "On the last day of every month at 18:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(
                timezone=SH, times=(time(10),), day_rule="nth_weekday", nth=2, nth_weekday="tue"
            ),
            "On the 2nd Tuesday of every month at 10:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, day_rule="nth_weekday", nth=LAST, nth_weekday="sun"),
            "On the last Sunday of every month at 09:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(
                timezone=SH,
                times=(time(8),),
                day_rule="month_days",
                month_days=(25,),
                months=(12,),
            ),
            "Every year on 25 December at 08:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, day_rule="month_days", month_days=(LAST,), months=(2,)),
            "Every year on the last day of February at 09:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(
                timezone=SH, day_rule="month_days", month_days=(15, 1), months=(10, 1, 4, 7)
            ),
            "On days 1 and 15 of Jan, Apr, Jul and Oct at 09:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, day_rule="month_days", month_days=(1, 15, LAST)),
            "On days 1, 15 and the last day of every month at 09:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, day_rule="month_days", month_days=(1,)),
            "On day 1 of every month at 09:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, months=(1, 2)),
            "Every day in Jan and Feb at 09:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, day_rule="week_days", week_days=("sat", "sun"), months=(7,)),
            "Every weekend day in July at 09:00 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(
                timezone=SH,
                day_rule="nth_weekday",
                nth=LAST,
                nth_weekday="sun",
                months=(3, 10),
                start_date=date(2027, 1, 1),
                end_date=date(2027, 12, 31),
            ),
            "On the last Sunday of Mar and Oct at 09:00, from 1 Jan 2027 until 31 Dec 2027"
            " (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, end_date=date(2027, 3, 31)),
            "Every day at 09:00, until 31 Mar 2027 (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, crontab="0 9 * * 1-5"),
            'Crontab "0 9 * * 1-5": every weekday at 09:00 (Asia/Shanghai)',
        ),
        (
            CalendarSpec(timezone=SH, crontab="  30 8,17  1,15 jan * "),
            'Crontab "30 8,17 1,15 jan *": on days 1 and 15 of January at 08:30 and 17:30'
            " (Asia/Shanghai)",
        ),
        (
            CalendarSpec(timezone=SH, crontab="@weekly"),
            'Crontab "@weekly": every Sunday at 00:00 (Asia/Shanghai)',
        ),
        (
            CalendarSpec(timezone=SH, crontab="0 9 13 * 5"),
            'Crontab "0 9 13 * 5" (Asia/Shanghai)',
        ),
        (
            CalendarSpec(timezone=SH, crontab="*/15 * * * *"),
            'Crontab "*/15 * * * *" (Asia/Shanghai)',
        ),
    ],
)
def test_describe(spec: TriggerSpec, text: str) -> None:
    assert describe(spec) == text


@pytest.mark.parametrize(
    "spec",
    [
        CalendarSpec(timezone=SH, crontab="not a crontab"),
        CalendarSpec(timezone="Mars/Base", times=()),
        CalendarSpec(timezone=SH, day_rule="week_days", week_days=("xyz",), months=(13,)),
        CalendarSpec(timezone=SH, day_rule="nth_weekday", nth=9, nth_weekday="foo"),
        CalendarSpec(timezone=SH, day_rule="bogus"),  # type: ignore[arg-type]
        IntervalSpec(every=0, unit="years", start=datetime(2026, 1, 1), timezone=""),  # type: ignore[arg-type]
        OnceSpec(at=None, timezone=SH),  # type: ignore[arg-type]
    ],
)
def test_describe_never_raises(spec: TriggerSpec) -> None:
    text = describe(spec)
    assert text and text.endswith(")")


def test_describe_invalid_crontab_shows_the_line() -> None:
    assert describe(CalendarSpec(timezone=SH, crontab="0 25 * * *")) == (
        'Crontab "0 25 * * *" (Asia/Shanghai)'
    )


@pytest.mark.parametrize(
    ("zone", "shown"),
    [("Etc/UTC", "UTC"), ("UTC", "UTC"), ("Etc/GMT-8", "UTC+8"), ("Etc/GMT+5", "UTC-5")],
)
def test_zones_named_after_an_offset_are_said_as_people_read_them(zone, shown):
    """Issue 14: "Etc/UTC" appears nowhere a person reads (and Etc/GMT-8 is UTC+8)."""
    text = describe(OnceSpec(at=datetime(2026, 12, 24, 9, 0), timezone=zone))
    assert text.endswith(f"({shown})")
    assert "Etc/" not in text
