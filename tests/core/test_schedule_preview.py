"""Upcoming runs, and what pushgui's triggers do when the clocks change (see test_dst.py).

Berlin: forward 02:00 -> 03:00 on 29 Mar 2026, back 03:00 -> 02:00 on 25 Oct 2026.
New York: forward 02:00 -> 03:00 on 8 Mar 2026, back 02:00 -> 01:00 on 1 Nov 2026.
Sydney: back 03:00 -> 02:00 on 5 Apr 2026, forward 02:00 -> 03:00 on 4 Oct 2026.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from pushgui.core.schedule.preview import FireTime, next_fire_time, preview
from pushgui.core.schedule.spec import LAST, CalendarSpec, IntervalSpec, OnceSpec, TriggerSpec

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")


def _utc(fire: FireTime) -> datetime:
    # aware datetimes in one zone compare and subtract by wall clock, ignoring fold
    return fire.at.astimezone(UTC)


def _show(fires: list[FireTime]) -> list[str]:
    return [f"{f.at.isoformat()} {f.note}".strip() for f in fires]


def test_fire_times_are_aware_in_the_spec_zone() -> None:
    spec = CalendarSpec(timezone="Asia/Shanghai")
    fires = preview(spec, 3, datetime(2026, 6, 1, tzinfo=UTC))
    assert [f.at.tzinfo for f in fires] == [ZoneInfo("Asia/Shanghai")] * 3
    assert _show(fires) == [
        "2026-06-01T09:00:00+08:00",
        "2026-06-02T09:00:00+08:00",
        "2026-06-03T09:00:00+08:00",
    ]


def test_count_and_end() -> None:
    spec = CalendarSpec(timezone="UTC", end_date=date(2026, 6, 2))
    now = datetime(2026, 6, 1, tzinfo=UTC)
    assert preview(spec, 0, now) == []
    assert len(preview(spec, 1, now)) == 1
    assert len(preview(spec, 10, now)) == 2


def test_default_now_is_the_current_time() -> None:
    fires = preview(CalendarSpec(timezone="UTC"), 2)
    assert datetime.now(UTC) <= fires[0].at <= datetime.now(UTC) + timedelta(days=1)


def test_once() -> None:
    spec = OnceSpec(at=datetime(2026, 12, 24, 9), timezone="Asia/Shanghai")
    assert _show(preview(spec, 5, datetime(2026, 6, 1, tzinfo=UTC))) == [
        "2026-12-24T09:00:00+08:00"
    ]
    assert preview(spec, 5, datetime(2027, 1, 1, tzinfo=UTC)) == []


# --- daylight saving time -------------------------------------------------------------------


def test_daily_calendar_stays_at_nine_across_dst_berlin() -> None:
    fires = preview(CalendarSpec(timezone="Europe/Berlin"), 3, datetime(2026, 3, 28, tzinfo=UTC))
    assert _show(fires) == [
        "2026-03-28T09:00:00+01:00",
        "2026-03-29T09:00:00+02:00",
        "2026-03-30T09:00:00+02:00",
    ]


@pytest.mark.parametrize(
    ("tz", "now", "offsets"),
    [
        ("Europe/Berlin", datetime(2026, 3, 27, tzinfo=UTC), ["+01:00", "+01:00", "+02:00"]),
        ("Europe/Berlin", datetime(2026, 10, 24, tzinfo=UTC), ["+02:00", "+01:00", "+01:00"]),
        ("America/New_York", datetime(2026, 3, 7, tzinfo=UTC), ["-05:00", "-04:00", "-04:00"]),
        ("America/New_York", datetime(2026, 10, 31, tzinfo=UTC), ["-04:00", "-05:00", "-05:00"]),
        ("Australia/Sydney", datetime(2026, 4, 3, tzinfo=UTC), ["+11:00", "+10:00", "+10:00"]),
        ("Australia/Sydney", datetime(2026, 10, 2, tzinfo=UTC), ["+10:00", "+11:00", "+11:00"]),
    ],
)
def test_daily_interval_keeps_the_wall_clock_across_dst(
    tz: str, now: datetime, offsets: list[str]
) -> None:
    spec = IntervalSpec(every=1, unit="days", start=datetime(2026, 1, 1, 9), timezone=tz)
    fires = preview(spec, 3, now)
    assert [f.at.strftime("%H:%M") for f in fires] == ["09:00"] * 3
    assert [f.at.isoformat()[-6:] for f in fires] == offsets
    assert [f.note for f in fires] == [""] * 3
    # so the real time between runs is 23 or 25 hours across the change
    gaps = {_utc(fires[i + 1]) - _utc(fires[i]) for i in range(2)}
    assert gaps - {timedelta(hours=24)} <= {timedelta(hours=23), timedelta(hours=25)}


@pytest.mark.parametrize("tz", ["Europe/Berlin", "America/New_York", "Australia/Sydney"])
@pytest.mark.parametrize("month", [3, 4, 10, 11])
def test_every_two_hours_is_exact_elapsed_time(tz: str, month: int) -> None:
    spec = IntervalSpec(every=2, unit="hours", start=datetime(2026, 1, 1, 0, 0), timezone=tz)
    fires = preview(spec, 40, datetime(2026, month, 1, tzinfo=UTC))
    assert {_utc(b) - _utc(a) for a, b in pairwise(fires)} == {timedelta(hours=2)}
    assert all(f.note != "gap" for f in fires)


def test_two_hour_interval_wall_clock_shifts_at_spring_forward() -> None:
    spec = IntervalSpec(
        every=2, unit="hours", start=datetime(2026, 3, 28, 23), timezone="Europe/Berlin"
    )
    fires = preview(spec, 4, datetime(2026, 3, 28, tzinfo=UTC))
    assert [f.at.strftime("%d %H:%M") for f in fires] == [
        "28 23:00",
        "29 01:00",
        "29 04:00",
        "29 06:00",
    ]


def test_hourly_interval_flags_the_repeated_clock_hour() -> None:
    spec = IntervalSpec(
        every=1, unit="hours", start=datetime(2026, 10, 1, 0, 30), timezone="Europe/Berlin"
    )
    fires = preview(spec, 5, datetime(2026, 10, 24, 22, 0, tzinfo=UTC))
    assert _show(fires) == [
        "2026-10-25T00:30:00+02:00",
        "2026-10-25T01:30:00+02:00",
        "2026-10-25T02:30:00+02:00 overlap",
        "2026-10-25T02:30:00+01:00 overlap",
        "2026-10-25T03:30:00+01:00",
    ]


@pytest.mark.parametrize(
    ("tz", "wall", "now", "expected"),
    [
        (
            "Europe/Berlin",
            time(2, 30),
            datetime(2026, 3, 28, 12, tzinfo=UTC),
            ["2026-03-29T03:30:00+02:00 gap", "2026-03-30T02:30:00+02:00"],
        ),
        (
            "America/New_York",
            time(2, 30),
            datetime(2026, 3, 7, 12, tzinfo=UTC),
            ["2026-03-08T03:30:00-04:00 gap", "2026-03-09T02:30:00-04:00"],
        ),
        (
            "Australia/Sydney",
            time(2, 30),
            datetime(2026, 10, 3, 0, tzinfo=UTC),
            ["2026-10-04T03:30:00+11:00 gap", "2026-10-05T02:30:00+11:00"],
        ),
    ],
)
def test_calendar_rule_in_a_gap_runs_after_the_gap(
    tz: str, wall: time, now: datetime, expected: list[str]
) -> None:
    """CronTrigger moves a skipped wall-clock time forward by the gap; it does not skip."""
    assert _show(preview(CalendarSpec(timezone=tz, times=(wall,)), 2, now)) == expected


@pytest.mark.parametrize(
    ("tz", "wall", "now", "expected"),
    [
        (
            "Europe/Berlin",
            time(2, 30),
            datetime(2026, 10, 24, 12, tzinfo=UTC),
            [
                "2026-10-25T02:30:00+02:00 overlap",
                "2026-10-26T02:30:00+01:00",
                "2026-10-27T02:30:00+01:00",
            ],
        ),
        (
            "America/New_York",
            time(1, 30),
            datetime(2026, 10, 31, 12, tzinfo=UTC),
            [
                "2026-11-01T01:30:00-04:00 overlap",
                "2026-11-02T01:30:00-05:00",
                "2026-11-03T01:30:00-05:00",
            ],
        ),
        (
            "Australia/Sydney",
            time(2, 30),
            datetime(2026, 4, 4, 0, tzinfo=UTC),
            [
                "2026-04-05T02:30:00+11:00 overlap",
                "2026-04-06T02:30:00+10:00",
                "2026-04-07T02:30:00+10:00",
            ],
        ),
    ],
)
def test_calendar_rule_in_an_overlap_runs_once_at_the_first(
    tz: str, wall: time, now: datetime, expected: list[str]
) -> None:
    """Stock CronTrigger fires at both occurrences; WallClockCronTrigger only at the first."""
    fires = preview(CalendarSpec(timezone=tz, times=(wall,)), 3, now)
    assert _show(fires) == expected
    assert fires[0].at.fold == 0


def test_last_sunday_of_march_at_half_past_two_berlin() -> None:
    spec = CalendarSpec(
        timezone="Europe/Berlin",
        times=(time(2, 30),),
        day_rule="nth_weekday",
        nth=LAST,
        nth_weekday="sun",
    )
    assert _show(preview(spec, 2, datetime(2026, 3, 1, tzinfo=UTC))) == [
        "2026-03-29T03:30:00+02:00 gap",
        "2026-04-26T02:30:00+02:00",
    ]


def test_day_interval_in_a_gap_runs_after_the_gap() -> None:
    """Stock CalendarIntervalTrigger drops the day; WallClockCalendarIntervalTrigger moves it."""
    spec = IntervalSpec(
        every=1, unit="days", start=datetime(2026, 3, 1, 2, 30), timezone="Europe/Berlin"
    )
    assert _show(preview(spec, 4, datetime(2026, 3, 27, 12, tzinfo=UTC))) == [
        "2026-03-28T02:30:00+01:00",
        "2026-03-29T03:30:00+02:00 gap",
        "2026-03-30T02:30:00+02:00",
        "2026-03-31T02:30:00+02:00",
    ]
    # also when the gap day is the first one due
    assert _show(preview(spec, 2, datetime(2026, 3, 28, 12, tzinfo=UTC))) == [
        "2026-03-29T03:30:00+02:00 gap",
        "2026-03-30T02:30:00+02:00",
    ]
    # and not at all once it has passed
    assert _show(preview(spec, 1, datetime(2026, 3, 29, 12, tzinfo=UTC))) == [
        "2026-03-30T02:30:00+02:00"
    ]


def test_weekly_interval_in_a_gap_in_sydney() -> None:
    spec = IntervalSpec(
        every=1, unit="weeks", start=datetime(2026, 9, 20, 2, 30), timezone="Australia/Sydney"
    )
    assert _show(preview(spec, 3, datetime(2026, 9, 28, tzinfo=UTC))) == [
        "2026-10-04T03:30:00+11:00 gap",
        "2026-10-11T02:30:00+11:00",
        "2026-10-18T02:30:00+11:00",
    ]


def test_day_interval_in_an_overlap_runs_once_at_the_first() -> None:
    spec = IntervalSpec(
        every=1, unit="days", start=datetime(2026, 10, 1, 2, 30), timezone="Europe/Berlin"
    )
    assert _show(preview(spec, 3, datetime(2026, 10, 24, 12, tzinfo=UTC))) == [
        "2026-10-25T02:30:00+02:00 overlap",
        "2026-10-26T02:30:00+01:00",
        "2026-10-27T02:30:00+01:00",
    ]


def test_once_in_a_gap_or_an_overlap() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    gap = OnceSpec(at=datetime(2026, 3, 29, 2, 30), timezone="Europe/Berlin")
    assert _show(preview(gap, 5, now)) == ["2026-03-29T03:30:00+02:00 gap"]
    overlap = OnceSpec(at=datetime(2026, 11, 1, 1, 30), timezone="America/New_York")
    assert _show(preview(overlap, 5, now)) == ["2026-11-01T01:30:00-04:00 overlap"]


# --- next_fire_time -------------------------------------------------------------------------

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_next_fire_time_from_now_includes_now() -> None:
    spec = CalendarSpec(timezone="UTC", times=(time(12, 0),))
    assert next_fire_time(spec, None, NOW) == NOW


def test_next_fire_time_strictly_after() -> None:
    spec = CalendarSpec(timezone="UTC", times=(time(12, 0),))
    assert next_fire_time(spec, NOW, NOW) == NOW + timedelta(days=1)
    # after is what counts, not now: the store uses it to find missed runs
    earlier = datetime(2026, 5, 1, 12, tzinfo=UTC)
    assert next_fire_time(spec, earlier, NOW) == earlier + timedelta(days=1)


def test_next_fire_time_interval_off_grid() -> None:
    spec = IntervalSpec(every=90, unit="minutes", start=datetime(2026, 6, 1, 0, 0), timezone="UTC")
    assert next_fire_time(spec, datetime(2026, 6, 1, 1, 0, tzinfo=UTC), NOW) == datetime(
        2026, 6, 1, 1, 30, tzinfo=UTC
    )
    assert next_fire_time(spec, datetime(2026, 6, 1, 1, 30, tzinfo=UTC), NOW) == datetime(
        2026, 6, 1, 3, 0, tzinfo=UTC
    )
    assert next_fire_time(spec, None, NOW) == datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_next_fire_time_calendar_interval_started_long_ago() -> None:
    """CalendarIntervalTrigger answers its start date even when it has long passed."""
    spec = IntervalSpec(every=3, unit="days", start=datetime(2016, 1, 1, 9), timezone="UTC")
    fire = next_fire_time(spec, None, NOW)
    assert fire is not None and fire > NOW
    assert (fire.date() - date(2016, 1, 1)).days % 3 == 0
    assert fire - NOW < timedelta(days=3)


def test_next_fire_time_once() -> None:
    spec = OnceSpec(at=datetime(2026, 6, 2, 9), timezone="UTC")
    at = datetime(2026, 6, 2, 9, tzinfo=UTC)
    assert next_fire_time(spec, None, NOW) == at
    assert next_fire_time(spec, None, at + timedelta(seconds=1)) is None
    assert next_fire_time(spec, NOW, NOW) == at
    assert next_fire_time(spec, at, NOW) is None


def test_next_fire_time_after_the_end() -> None:
    spec = CalendarSpec(timezone="UTC", end_date=date(2026, 6, 1))
    assert next_fire_time(spec, None, NOW) is None


def test_next_fire_time_is_in_the_spec_zone_and_real() -> None:
    spec = CalendarSpec(timezone="Europe/Berlin", times=(time(2, 30),))
    fire = next_fire_time(spec, None, datetime(2026, 3, 28, 12, tzinfo=UTC))
    assert fire is not None and fire.isoformat() == "2026-03-29T03:30:00+02:00"
    assert fire.tzinfo == BERLIN


def test_next_fire_time_through_an_overlap() -> None:
    spec = CalendarSpec(timezone="Europe/Berlin", times=(time(2, 30),))
    first = next_fire_time(spec, None, datetime(2026, 10, 24, 12, tzinfo=UTC))
    assert first is not None and first.isoformat() == "2026-10-25T02:30:00+02:00"
    # the repeated 02:30 (winter time) is not a run: the next one is the day after
    second = next_fire_time(spec, first, first)
    assert second is not None and second.isoformat() == "2026-10-26T02:30:00+01:00"
    # also when "after" comes in UTC, as it does from the database
    assert next_fire_time(spec, first.astimezone(UTC), NOW) == second
    # from "now" inside the repeated hour with no previous run, the second 02:30 is next
    during = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)  # 02:00 winter time
    again = next_fire_time(spec, None, during)
    assert again is not None and again.fold == 1 and again.isoformat().endswith("+01:00")


@pytest.mark.parametrize(
    "spec",
    [
        CalendarSpec(timezone="America/New_York", crontab="*/30 * * * *"),
        IntervalSpec(
            every=45, unit="minutes", start=datetime(2026, 1, 1), timezone="Australia/Sydney"
        ),
        CalendarSpec(timezone="Europe/Berlin", times=(time(1, 30), time(2, 30), time(3, 30))),
    ],
)
def test_preview_always_moves_forward_through_dst(spec: TriggerSpec) -> None:
    for now in (datetime(2026, 3, 7, tzinfo=UTC), datetime(2026, 10, 24, tzinfo=UTC)):
        fires = preview(spec, 200, now)
        assert len(fires) == 200
        assert all(_utc(a) < _utc(b) for a, b in pairwise(fires))
