"""Which days a calendar rule runs on, day by day, and why a day was moved or skipped.

This is the day logic of :class:`pushgui.core.schedule.triggers.DayRuleTrigger` (rules on
working days, lunar dates, every N weeks, dates to skip) and of the preview's marks. A rule
first *picks* days (:func:`picks`); the day-off policy then runs, skips or moves a picked
day that is a day off in the rule's calendar (:func:`run_mark`), and ``skip_dates`` never
run. Two picked days moved onto the same working day run once. Each function reads the
holiday data it is handed (``data``; the installed libraries' without own days if none).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pushgui.core.schedule import lunar
from pushgui.core.schedule.spec import LAST, WEEKDAYS, WORKDAY_RULES, CalendarSpec
from pushgui.core.schedule.workdays import HolidayData, day_info, is_workday
from pushgui.core.system.i18n import translate

MarkKind = Literal["", "moved", "skipped", "makeup", "assumed"]

MAX_DAYS_OFF = 62
"""The longest run of days off a move looks across (China's longest is 9 days)."""

EPOCH_MONDAY = date(2001, 1, 1)
"""Counts weeks for "every N weeks" when a rule has no start date (a Monday)."""


@dataclass(frozen=True)
class DayMark:
    """Why a run is special: ``moved`` from ``original`` (a day off named ``reason``),
    ``skipped`` (no run that day), on a ``makeup`` working day, or ``assumed`` (the year's
    holidays are not published yet; Monday to Friday assumed)."""

    kind: MarkKind = ""
    reason: str = ""
    original: date | None = None


def _week_ok(spec: CalendarSpec, day: date) -> bool:
    if spec.every_weeks <= 1:
        return True
    anchor = spec.start_date or EPOCH_MONDAY
    monday = anchor - timedelta(days=anchor.weekday())
    return ((day - monday).days // 7) % spec.every_weeks == 0


def _last_day(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _nth_workday(spec: CalendarSpec, day: date, data: HolidayData | None) -> bool:
    def works(other: date) -> bool:
        return is_workday(spec.workdays, other, data)

    if not works(day):
        return False
    if spec.nth == LAST:
        following = range(day.day + 1, _last_day(day) + 1)
        return not any(works(day.replace(day=d)) for d in following)
    count = sum(1 for d in range(1, day.day + 1) if works(day.replace(day=d)))
    return count == spec.nth


def picks(spec: CalendarSpec, day: date, data: HolidayData | None = None) -> bool:
    """Whether the rule itself chooses ``day`` (before days off and dates to skip)."""
    rule = spec.day_rule
    if rule == "lunar_yearly":
        return lunar.matches_yearly(day, spec.lunar_month, spec.lunar_day)
    if rule == "lunar_monthly":
        return lunar.matches_monthly(day, spec.lunar_day)
    if spec.months and day.month not in spec.months:
        return False
    if rule == "week_days":
        chosen = {d.lower() for d in spec.week_days}
        return WEEKDAYS[day.weekday()] in chosen and _week_ok(spec, day)
    if rule == "month_days":
        return day.day in spec.month_days or (LAST in spec.month_days and day.day == _last_day(day))
    if rule == "nth_weekday":
        if WEEKDAYS[day.weekday()] != spec.nth_weekday.lower():
            return False
        if spec.nth == LAST:
            return day.day + 7 > _last_day(day)
        return (day.day - 1) // 7 + 1 == spec.nth
    if rule == "workdays":
        return is_workday(spec.workdays, day, data)
    if rule == "nth_workday":
        return _nth_workday(spec, day, data)
    return True


def run_mark(spec: CalendarSpec, day: date, data: HolidayData | None = None) -> DayMark | None:
    """The mark of the rule's run on ``day``, or ``None`` when it does not run that day."""
    if day in spec.skip_dates:
        return None
    info = day_info(spec.workdays, day, data)
    policy = "run" if spec.day_rule in WORKDAY_RULES else spec.on_day_off
    if picks(spec, day, data):
        if policy == "run" or info.workday:
            return _plain_mark(spec, info.makeup, info.assumed)
        return None  # a picked day off: skipped, or moved to a working day
    if not info.workday or policy not in ("previous", "next"):
        return None
    # a working day takes the picked days off right before it ("next") or after it
    step = timedelta(days=-1 if policy == "next" else 1)
    other = day + step
    for _ in range(MAX_DAYS_OFF):
        other_info = day_info(spec.workdays, other, data)
        if other_info.workday:
            return None
        if picks(spec, other, data) and other not in spec.skip_dates:
            return DayMark("moved", other_info.name or translate("days", "weekend"), other)
        other += step
    return None


def _plain_mark(spec: CalendarSpec, makeup: bool, assumed: bool) -> DayMark:
    if makeup and spec.workdays:
        return DayMark("makeup")
    if assumed:
        return DayMark("assumed")
    return DayMark()


def skip_mark(spec: CalendarSpec, day: date, data: HolidayData | None = None) -> DayMark | None:
    """Why the rule picks ``day`` but does not run then (skipped or moved away), if so."""
    if not picks(spec, day, data):
        return None
    if day in spec.skip_dates:
        return DayMark("skipped", translate("days", "a date to skip"))
    if spec.day_rule in WORKDAY_RULES or spec.on_day_off == "run":
        return None
    info = day_info(spec.workdays, day, data)
    if info.workday:
        return None
    reason = info.name or translate("days", "weekend")
    if spec.on_day_off == "skip":
        return DayMark("skipped", reason)
    return DayMark("moved", reason, day)
