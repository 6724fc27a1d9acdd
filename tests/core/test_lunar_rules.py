"""Lunar rules against published Gregorian dates (typed here, not read from the library).

中秋节 (八月十五) and 春节 (正月初一) dates are the ones China's holiday notices and the Hong
Kong Observatory's almanac publish; 2020 (闰四月), 2023 (闰二月), 2025 (闰六月) and 2028
(闰五月) have a leap month.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pushgui.core.schedule.build import build_trigger
from pushgui.core.schedule.describe import describe
from pushgui.core.schedule.spec import CalendarSpec, trigger_from_dict, trigger_to_dict
from pushgui.core.schedule.validate import validate_trigger
from pushgui.core.system.i18n import Language

SHANGHAI = ZoneInfo("Asia/Shanghai")

MID_AUTUMN = {
    2020: date(2020, 10, 1),
    2021: date(2021, 9, 21),
    2022: date(2022, 9, 10),
    2023: date(2023, 9, 29),
    2024: date(2024, 9, 17),
    2025: date(2025, 10, 6),
    2026: date(2026, 9, 25),
    2027: date(2027, 9, 15),
    2028: date(2028, 10, 3),
}
SPRING_FESTIVAL = {
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
}
# every 初一 of 2025, a year with a leap sixth month (闰六月初一 is 25 July)
NEW_MOONS_2025 = [
    date(2025, 1, 29),
    date(2025, 2, 28),
    date(2025, 3, 29),
    date(2025, 4, 28),
    date(2025, 5, 27),
    date(2025, 6, 25),
    date(2025, 7, 25),
    date(2025, 8, 23),
    date(2025, 9, 22),
    date(2025, 10, 21),
    date(2025, 11, 20),
    date(2025, 12, 20),
]


def _runs(spec: CalendarSpec, first: date, last: date) -> list[date]:
    trigger = build_trigger(spec)
    fire = trigger.get_next_fire_time(None, datetime.combine(first, time(0), tzinfo=SHANGHAI))
    runs = []
    while fire is not None and fire.date() <= last:
        assert fire.time() == time(9)
        runs.append(fire.date())
        fire = trigger.get_next_fire_time(fire, fire)
    return runs


def test_yearly_mid_autumn_matches_the_published_dates() -> None:
    spec = CalendarSpec(
        timezone="Asia/Shanghai", day_rule="lunar_yearly", lunar_month=8, lunar_day=15
    )
    assert validate_trigger(spec, datetime(2020, 1, 1, tzinfo=UTC)) == []
    assert _runs(spec, date(2020, 1, 1), date(2028, 12, 31)) == list(MID_AUTUMN.values())


def test_yearly_rule_runs_in_the_regular_month_not_the_leap_month() -> None:
    # 2025 has 六月 and 闰六月: 六月初一 is 25 June, 闰六月初一 is 25 July
    spec = CalendarSpec(timezone="Asia/Shanghai", day_rule="lunar_yearly", lunar_month=6)
    assert _runs(spec, date(2025, 1, 1), date(2025, 12, 31)) == [date(2025, 6, 25)]


def test_monthly_first_day_matches_the_published_new_moons() -> None:
    spec = CalendarSpec(timezone="Asia/Shanghai", day_rule="lunar_monthly", lunar_day=1)
    runs = _runs(spec, date(2020, 1, 1), date(2028, 12, 31))
    # the leap month has its own 初一
    assert [d for d in runs if d.year == 2025] == NEW_MOONS_2025
    assert set(SPRING_FESTIVAL.values()) <= set(runs)
    by_festival = [
        len([d for d in runs if SPRING_FESTIVAL[y] <= d < SPRING_FESTIVAL[y + 1]])
        for y in range(2020, 2028)
    ]
    # lunar years with a leap month have 13 months: 2020, 2023, 2025
    assert by_festival == [13, 12, 12, 13, 12, 13, 12, 12]


def test_day_thirty_runs_on_the_last_day_of_a_short_month() -> None:
    spec = CalendarSpec(timezone="Asia/Shanghai", day_rule="lunar_monthly", lunar_day=30)
    runs = _runs(spec, date(2025, 1, 1), date(2025, 12, 31))
    # one run per lunar month: the eve of each next 初一
    assert runs == [d - timedelta(days=1) for d in NEW_MOONS_2025]


def test_lunar_rule_round_trips_and_reads_in_both_languages() -> None:
    spec = CalendarSpec(
        timezone="Asia/Shanghai", day_rule="lunar_yearly", lunar_month=8, lunar_day=15
    )
    assert trigger_from_dict(trigger_to_dict(spec)) == spec
    assert describe(spec) == "Every year on lunar month 8, day 15 at 09:00 (Asia/Shanghai)"
    chinese = Language("zh_CN", lambda context, text: _ZH.get(text, ""))
    assert describe(spec, chinese).startswith("每年农历八月十五 09:00")


_ZH = {
    "Every year on lunar {month}, {day}": "每年农历{month}{day}",
    " at {times}": " {times}",
    "{rule}{times}{bounds} ({zone})": "{rule}{times}{bounds}（{zone}）",
}
