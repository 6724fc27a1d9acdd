"""Working-day rules against China's published holiday schedules for 2025 and 2026.

The dates below are typed from the State Council General Office's notices (国务院办公厅关于
2025年部分节假日安排的通知, 国办发明电〔2024〕12号, 12 Nov 2024; and 关于2026年部分节假日
安排的通知, published Nov 2025), not read from chinese-calendar: a data error in the library
fails these tests.
"""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from pushgui.core.schedule.build import build_trigger
from pushgui.core.schedule.preview import next_fire_time, preview, skipped_days
from pushgui.core.schedule.spec import LAST, CalendarSpec, trigger_from_dict, trigger_to_dict
from pushgui.core.schedule.validate import validate_trigger

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


# 放假 (days off, weekends inside the holiday included) and 上班 (make-up working days)
DAYS_OFF_2025 = [
    date(2025, 1, 1),  # 元旦
    *_span(date(2025, 1, 28), date(2025, 2, 4)),  # 春节
    *_span(date(2025, 4, 4), date(2025, 4, 6)),  # 清明节
    *_span(date(2025, 5, 1), date(2025, 5, 5)),  # 劳动节
    *_span(date(2025, 5, 31), date(2025, 6, 2)),  # 端午节
    *_span(date(2025, 10, 1), date(2025, 10, 8)),  # 国庆节、中秋节
]
MAKEUP_2025 = [
    date(2025, 1, 26),
    date(2025, 2, 8),
    date(2025, 4, 27),
    date(2025, 9, 28),
    date(2025, 10, 11),
]
DAYS_OFF_2026 = [
    *_span(date(2026, 1, 1), date(2026, 1, 3)),  # 元旦
    *_span(date(2026, 2, 15), date(2026, 2, 23)),  # 春节
    *_span(date(2026, 4, 4), date(2026, 4, 6)),  # 清明节
    *_span(date(2026, 5, 1), date(2026, 5, 5)),  # 劳动节
    *_span(date(2026, 6, 19), date(2026, 6, 21)),  # 端午节
    *_span(date(2026, 9, 25), date(2026, 9, 27)),  # 中秋节
    *_span(date(2026, 10, 1), date(2026, 10, 7)),  # 国庆节
]
MAKEUP_2026 = [
    date(2026, 1, 4),
    date(2026, 2, 14),
    date(2026, 2, 28),
    date(2026, 5, 9),
    date(2026, 9, 20),
    date(2026, 10, 10),
]
DAYS_OFF = set(DAYS_OFF_2025 + DAYS_OFF_2026)
MAKEUP = set(MAKEUP_2025 + MAKEUP_2026)


def _published_workday(day: date) -> bool:
    if day in DAYS_OFF:
        return False
    return day in MAKEUP or day.weekday() < 5


def _runs(spec: CalendarSpec, first: date, last: date) -> list[datetime]:
    """Every run from ``first`` to ``last``, each asked of the trigger given the one before."""
    trigger = build_trigger(spec)
    start = datetime.combine(first, time(0), tzinfo=SHANGHAI)
    end = datetime.combine(last, time.max, tzinfo=SHANGHAI)
    fire = trigger.get_next_fire_time(None, start)
    runs = []
    while fire is not None and fire <= end:
        runs.append(fire)
        fire = trigger.get_next_fire_time(fire, fire)
    return runs


def test_every_working_day_at_nine_over_2025_and_2026() -> None:
    spec = CalendarSpec(timezone="Asia/Shanghai", day_rule="workdays", workdays="CN")
    assert validate_trigger(spec, datetime(2024, 12, 1, tzinfo=UTC)) == []
    runs = _runs(spec, date(2025, 1, 1), date(2026, 12, 31))
    expected = [
        datetime.combine(d, time(9), tzinfo=SHANGHAI)
        for d in _span(date(2025, 1, 1), date(2026, 12, 31))
        if _published_workday(d)
    ]
    assert runs == expected
    # the make-up Saturdays and Sundays are among them
    assert {r.date() for r in runs} >= MAKEUP


def _last_workday(year: int, month: int) -> date:
    day = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
    while not _published_workday(day):
        day -= timedelta(days=1)
    return day


def test_last_working_day_of_each_month() -> None:
    spec = CalendarSpec(
        timezone="Asia/Shanghai", day_rule="nth_workday", nth=LAST, workdays="CN", times=(time(17),)
    )
    runs = _runs(spec, date(2025, 1, 1), date(2026, 12, 31))
    expected = [
        datetime.combine(_last_workday(y, m), time(17), tzinfo=SHANGHAI)
        for y in (2025, 2026)
        for m in range(1, 13)
    ]
    assert runs == expected
    # two that the holidays move: 2025-09-28 is not it (30 Sep is), Jan 2025 ends on 27 Jan
    assert date(2025, 1, 27) in {r.date() for r in runs}
    assert date(2026, 2, 28) in {r.date() for r in runs}  # a make-up Saturday


def test_first_working_day_of_each_month() -> None:
    spec = CalendarSpec(timezone="Asia/Shanghai", day_rule="nth_workday", nth=1, workdays="CN")
    runs = [r.date() for r in _runs(spec, date(2025, 1, 1), date(2026, 12, 31))]
    expected = []
    for y in (2025, 2026):
        for m in range(1, 13):
            day = date(y, m, 1)
            while not _published_workday(day):
                day += timedelta(days=1)
            expected.append(day)
    assert runs == expected


def _next_workday(day: date) -> date:
    while not _published_workday(day):
        day += timedelta(days=1)
    return day


def test_a_rule_on_the_first_moves_to_the_next_working_day() -> None:
    spec = CalendarSpec(
        timezone="Asia/Shanghai",
        day_rule="month_days",
        month_days=(1,),
        workdays="CN",
        on_day_off="next",
    )
    runs = [r.date() for r in _runs(spec, date(2025, 1, 1), date(2026, 12, 31))]
    expected = [_next_workday(date(y, m, 1)) for y in (2025, 2026) for m in range(1, 13)]
    assert runs == expected
    # 1 Jan 2026 (元旦, a Thursday) goes to Sunday 4 Jan, a make-up working day
    assert date(2026, 1, 4) in runs
    assert date(2025, 10, 9) in runs  # after the 8-day National Day holiday


def test_previous_working_day_and_skip() -> None:
    base = CalendarSpec(
        timezone="Asia/Shanghai", day_rule="month_days", month_days=(1,), workdays="CN"
    )
    previous = CalendarSpec(**{**_fields(base), "on_day_off": "previous"})
    runs = [r.date() for r in _runs(previous, date(2025, 12, 1), date(2026, 12, 31))]
    assert date(2025, 12, 31) in runs  # 1 Jan 2026 is 元旦
    assert date(2026, 9, 30) in runs  # 1 Oct 2026 is 国庆节
    skip = CalendarSpec(**{**_fields(base), "on_day_off": "skip"})
    runs = [r.date() for r in _runs(skip, date(2026, 1, 1), date(2026, 12, 31))]
    assert runs == [date(2026, m, 1) for m in range(1, 13) if _published_workday(date(2026, m, 1))]


def _fields(spec: CalendarSpec) -> dict[str, object]:
    return {k: v for k, v in vars(spec).items() if k != "kind"}


def test_preview_marks_moved_skipped_and_makeup_runs() -> None:
    moved = CalendarSpec(
        timezone="Asia/Shanghai",
        day_rule="month_days",
        month_days=(1,),
        workdays="CN",
        on_day_off="next",
    )
    fires = preview(moved, 1, datetime(2026, 9, 15, tzinfo=UTC))
    assert fires[0].at.date() == date(2026, 10, 8)
    assert fires[0].mark is not None and fires[0].mark.kind == "moved"
    assert fires[0].mark.original == date(2026, 10, 1)
    assert fires[0].mark.reason == "National Day"

    skip = CalendarSpec(**{**_fields(moved), "on_day_off": "skip"})
    skipped = skipped_days(skip, date(2026, 9, 15), date(2026, 10, 31))
    assert [(d, m.kind, m.reason) for d, m in skipped] == [
        (date(2026, 10, 1), "skipped", "National Day")
    ]

    every = CalendarSpec(timezone="Asia/Shanghai", day_rule="workdays", workdays="CN")
    fires = preview(every, 3, datetime(2026, 9, 18, tzinfo=UTC))
    assert [f.at.date() for f in fires] == [date(2026, 9, 18), date(2026, 9, 20), date(2026, 9, 21)]
    assert [f.mark.kind if f.mark else "" for f in fires] == ["", "makeup", ""]


def test_spec_round_trips_and_trigger_pickles_under_a_stable_name() -> None:
    spec = CalendarSpec(
        timezone="Asia/Shanghai",
        day_rule="month_days",
        month_days=(1,),
        workdays="CN",
        on_day_off="next",
        skip_dates=(date(2026, 3, 2),),
    )
    assert trigger_from_dict(trigger_to_dict(spec)) == spec
    trigger = build_trigger(spec)
    data = pickle.dumps(trigger, pickle.HIGHEST_PROTOCOL)
    assert b"pushgui.core.schedule.triggers" in data and b"DayRuleTrigger" in data
    copy = pickle.loads(data)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert next_fire_time(spec, None, now) == copy.get_next_fire_time(None, now)
    assert copy.spec == spec


@pytest.mark.parametrize(
    ("code", "holiday"),
    [("US", date(2026, 7, 3)), ("DE-BY", date(2026, 10, 3))],  # Independence Day observed
)
def test_other_countries_from_the_holidays_library(code: str, holiday: date) -> None:
    spec = CalendarSpec(timezone="UTC", day_rule="workdays", workdays=code)
    assert validate_trigger(spec, datetime(2026, 1, 1, tzinfo=UTC)) == []
    runs = {r.date() for r in _runs(spec, holiday - timedelta(days=3), holiday + timedelta(days=3))}
    assert holiday not in runs
    assert holiday - timedelta(days=1) in runs or (holiday - timedelta(days=1)).weekday() >= 5


def test_unknown_calendar_code_is_named() -> None:
    spec = CalendarSpec(timezone="UTC", day_rule="workdays", workdays="XX")
    errors = validate_trigger(spec, datetime(2026, 1, 1, tzinfo=UTC))
    assert [e.field for e in errors] == ["workdays"]
    assert "XX" in errors[0].message
