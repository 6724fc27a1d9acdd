"""Every form of docs/RULES.md, in English and Chinese, parses into the spec the editors
build; nonsense is pointed at. (tests/ui/test_typed_rule_ui.py puts each through the editor.)"""

# ruff: noqa: E501  (the table of forms reads best one form to a line)
from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

import pytest

from pushgui.core.schedule.spec import (
    LAST,
    WEEKDAYS,
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    TriggerSpec,
)
from pushgui.core.schedule.typed import TypedRuleError, parse_rule

TZ = "Asia/Shanghai"
NOW = datetime(2026, 12, 1, 10, 0)  # a Tuesday


def cal(**fields: object) -> CalendarSpec:
    return CalendarSpec(timezone=TZ, **fields)  # type: ignore[arg-type]


NINE = (time(9),)
WORKDAYS = {"day_rule": "workdays", "workdays": "CN"}
FORMS: list[tuple[str, TriggerSpec]] = [
    # every day
    ("every day at 8:30", cal(times=(time(8, 30),))),
    ("每天 8:30", cal(times=(time(8, 30),))),
    # Monday to Friday
    ("every weekday at 9", cal(day_rule="week_days", week_days=WEEKDAYS[:5])),
    ("周一到周五 9点", cal(day_rule="week_days", week_days=WEEKDAYS[:5])),
    # working days of the calendar (China, 调休 included)
    ("every working day at 9am", cal(**WORKDAYS)),
    ("每个工作日 9点", cal(**WORKDAYS)),
    # weekends
    ("every weekend at 10:00", cal(day_rule="week_days", week_days=WEEKDAYS[5:], times=(time(10),))),
    ("每个周末 上午10点", cal(day_rule="week_days", week_days=WEEKDAYS[5:], times=(time(10),))),
    # chosen weekdays
    ("every monday and thursday at 10:00", cal(day_rule="week_days", week_days=("mon", "thu"), times=(time(10),))),
    ("每周一和周四 10:00", cal(day_rule="week_days", week_days=("mon", "thu"), times=(time(10),))),
    # every N weeks
    ("every 2 weeks on monday 10:00", cal(day_rule="week_days", week_days=("mon",), every_weeks=2, start_date=NOW.date(), times=(time(10),))),
    ("每2周的周一 10:00", cal(day_rule="week_days", week_days=("mon",), every_weeks=2, start_date=NOW.date(), times=(time(10),))),
    # a day of the month
    ("every month on the 15th at 9", cal(day_rule="month_days", month_days=(15,))),
    ("每月15号 9点", cal(day_rule="month_days", month_days=(15,))),
    # the last day of the month
    ("the last day of every month at 18:00", cal(day_rule="month_days", month_days=(LAST,), times=(time(18),))),
    ("每月最后一天 晚上6点", cal(day_rule="month_days", month_days=(LAST,), times=(time(18),))),
    # the Nth / last working day
    ("the last working day of the month at 17:00", cal(day_rule="nth_workday", nth=LAST, workdays="CN", times=(time(17),))),
    ("每月最后一个工作日 17:00", cal(day_rule="nth_workday", nth=LAST, workdays="CN", times=(time(17),))),
    ("the first working day of every month", cal(day_rule="nth_workday", nth=1, workdays="CN")),
    ("每月第一个工作日", cal(day_rule="nth_workday", nth=1, workdays="CN")),
    # the Nth weekday
    ("the 2nd tuesday of every month at 14:00", cal(day_rule="nth_weekday", nth=2, nth_weekday="tue", times=(time(14),))),
    ("每月第二个周二 下午2点", cal(day_rule="nth_weekday", nth=2, nth_weekday="tue", times=(time(14),))),
    # a yearly date
    ("every year on dec 25 at 8", cal(day_rule="month_days", month_days=(25,), months=(12,), times=(time(8),))),
    ("每年12月25日 早上8点", cal(day_rule="month_days", month_days=(25,), months=(12,), times=(time(8),))),
    # a yearly lunar date
    ("every year on lunar 8/15", cal(day_rule="lunar_yearly", lunar_month=8, lunar_day=15)),
    ("每年农历八月十五", cal(day_rule="lunar_yearly", lunar_month=8, lunar_day=15)),
    # a monthly lunar day
    ("every lunar month on day 1 at 7:00", cal(day_rule="lunar_monthly", lunar_day=1, times=(time(7),))),
    ("每月农历初一 早上7点", cal(day_rule="lunar_monthly", lunar_day=1, times=(time(7),))),
    # a day off: skip / next / previous
    ("every month on the 1st at 9, or the next working day", cal(day_rule="month_days", month_days=(1,), workdays="CN", on_day_off="next")),
    ("每月1号 9点 节假日顺延", cal(day_rule="month_days", month_days=(1,), workdays="CN", on_day_off="next")),
    ("every day at 9, skip holidays", cal(workdays="CN", on_day_off="skip")),
    ("每天 9点 节假日跳过", cal(workdays="CN", on_day_off="skip")),
    ("every month on the 10th, or the working day before", cal(day_rule="month_days", month_days=(10,), workdays="CN", on_day_off="previous")),
    ("每月10号 节假日提前", cal(day_rule="month_days", month_days=(10,), workdays="CN", on_day_off="previous")),
    # several times
    ("every day at 9 and 17:30", cal(times=(time(9), time(17, 30)))),
    ("每天 9点和下午5点半", cal(times=(time(9), time(17, 30)))),
    # once
    ("tomorrow at 3pm", OnceSpec(at=datetime(2026, 12, 2, 15), timezone=TZ)),
    ("明天下午3点", OnceSpec(at=datetime(2026, 12, 2, 15), timezone=TZ)),
    ("2026-12-24 18:30", OnceSpec(at=datetime(2026, 12, 24, 18, 30), timezone=TZ)),
    ("后天 9点", OnceSpec(at=datetime(2026, 12, 3, 9), timezone=TZ)),
    # minutes and hours
    ("every 30 minutes", IntervalSpec(every=30, unit="minutes", start=datetime(2026, 12, 1, 10, 1), timezone=TZ)),
    ("每2小时", IntervalSpec(every=2, unit="hours", start=datetime(2026, 12, 1, 10, 1), timezone=TZ)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "spec"), FORMS, ids=[t for t, _ in FORMS])
def test_each_documented_form(text: str, spec: TriggerSpec) -> None:
    assert parse_rule(text, TZ, NOW) == spec


def test_the_docs_list_exactly_these_examples() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "RULES.md").read_text(encoding="utf-8")
    examples = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", doc, flags=re.M)
    documented = [text for pair in examples for text in pair]
    assert sorted(documented) == sorted(text for text, _ in FORMS)


@pytest.mark.parametrize(
    ("text", "pointed"),
    [
        ("blah every day", "blah"),
        ("every day at noonish", "noonish"),
        ("每天 早饭后", "早饭后"),
        ("every monday at 25:00", "25:00"),
        ("随便什么时候", "随便什么时候"),
        ("every working day at 9, skip holidays", "skip holidays"),
    ],
)
def test_nonsense_is_pointed_at(text: str, pointed: str) -> None:
    with pytest.raises(TypedRuleError) as caught:
        parse_rule(text, TZ, NOW)
    error = caught.value
    assert text[error.start : error.end].strip(" ,") == pointed
    assert error.message


def test_positions_point_into_what_was_typed() -> None:
    with pytest.raises(TypedRuleError) as caught:
        parse_rule("  Every   DAY   at  lunchtime ", TZ, NOW)
    text = "  Every   DAY   at  lunchtime "
    assert text[caught.value.start : caught.value.end] == "lunchtime"


def test_other_calendars_and_dates() -> None:
    spec = parse_rule("every working day at 9", TZ, NOW, calendar="DE-BY")
    assert spec == cal(day_rule="workdays", workdays="DE-BY")
    with pytest.raises(TypedRuleError):
        parse_rule("2026-02-30 9:00", TZ, NOW)
    assert parse_rule("每天", TZ, NOW) == cal()
    assert isinstance(parse_rule("today 23:00", TZ, NOW), OnceSpec)
    assert parse_rule("every year on 1 may", TZ, NOW) == cal(
        day_rule="month_days", month_days=(1,), months=(5,)
    )
    assert date(2026, 12, 1).weekday() == 1


ALIASES: list[tuple[str, str]] = [
    ("daily at 8:30", "every day at 8:30"),
    ("每日 8:30", "每天 8:30"),
    ("weekdays at 9", "every weekday at 9"),
    ("周一至周五 9点", "周一到周五 9点"),
    ("每周一至周五 9点", "周一到周五 9点"),
    ("every workday at 9am", "every working day at 9am"),
    ("工作日 9点", "每个工作日 9点"),
    ("每周末 上午10点", "每个周末 上午10点"),
    ("every other week on monday 10:00", "every 2 weeks on monday 10:00"),
    ("每两周周一 10:00", "每2周的周一 10:00"),
    ("monthly on the 15th at 9", "every month on the 15th at 9"),
    ("on the 15th at 9", "every month on the 15th at 9"),
    ("每月15日 9点", "每月15号 9点"),
    ("every year on 25 december at 8", "every year on dec 25 at 8"),
    ("every year on lunar month 8, day 15", "every year on lunar 8/15"),
    ("每年农历8月15", "每年农历八月十五"),
    ("每月初一 早上7点", "每月农历初一 早上7点"),
    ("every mon, thu at 10:00", "every monday and thursday at 10:00"),
    ("每星期一、四 10:00", "每周一和周四 10:00"),
    ("every 2 hours", "每2小时"),
    ("the day after tomorrow at 9", "后天 9点"),
    ("every day at 9 except holidays", "every day at 9, skip holidays"),
]


@pytest.mark.parametrize(("alias", "form"), ALIASES, ids=[a for a, _ in ALIASES])
def test_documented_alternatives_mean_the_same(alias: str, form: str) -> None:
    assert parse_rule(alias, TZ, NOW) == parse_rule(form, TZ, NOW)


def test_lunar_fifteenth_every_month() -> None:
    assert parse_rule("农历每月十五", TZ, NOW) == cal(day_rule="lunar_monthly", lunar_day=15)
