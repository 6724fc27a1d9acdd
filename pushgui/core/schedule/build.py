"""APScheduler 3 trigger instances built from trigger specs, always with an explicit zone.

Calendar rules and day/week intervals use the DST-aware subclasses in ``triggers.py`` (runs
once, never twice, never skipped; see its docstring); rules on working days, lunar dates,
every N weeks, dates to skip or a number of runs use its ``DayRuleTrigger``; one-off dates
and minute/hour intervals use the stock triggers.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from pushgui.core.schedule.crontab import translate_crontab
from pushgui.core.schedule.spec import (
    LAST,
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    TriggerSpec,
)
from pushgui.core.schedule.triggers import (
    DayRuleTrigger,
    WallClockCalendarIntervalTrigger,
    WallClockCronTrigger,
)
from pushgui.core.schedule.zones import localize, zone

if TYPE_CHECKING:
    from pushgui.core.schedule.workdays import Calendars

ORDINALS: dict[int, str] = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", LAST: "last"}
DAY_ORDER: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def build_trigger(spec: TriggerSpec, calendars: Calendars | None = None) -> BaseTrigger:
    """The trigger for a valid spec (run ``validate_trigger`` first); a rule on working
    days reads ``calendars`` (the installed libraries' data, without own days, if None)."""
    tz = zone(spec.timezone)
    if isinstance(spec, OnceSpec):
        return DateTrigger(run_date=localize(spec.at, tz), timezone=tz)
    if isinstance(spec, IntervalSpec):
        return _interval(spec, tz)
    return _calendar(spec, tz, calendars)


def _interval(spec: IntervalSpec, tz: ZoneInfo) -> BaseTrigger:
    if spec.unit in ("minutes", "hours"):
        # exact elapsed time: "every 2 hours" stays 2 real hours apart across DST
        return IntervalTrigger(
            **{spec.unit: spec.every},
            start_date=localize(spec.start, tz),
            end_date=localize(spec.end, tz) if spec.end else None,
            timezone=tz,
        )
    # days and weeks keep the wall-clock time of the start across DST; a day whose time falls
    # in a spring-forward gap runs one gap-length later, a repeated time runs at the first
    end_date = None
    if spec.end is not None:
        end_date = spec.end.date()
        if spec.end.time() < spec.start.time().replace(microsecond=0):
            end_date -= timedelta(days=1)  # the last day's run would come after the end
    return WallClockCalendarIntervalTrigger(
        **{spec.unit: spec.every},
        hour=spec.start.hour,
        minute=spec.start.minute,
        second=spec.start.second,
        start_date=spec.start.date(),
        end_date=end_date,
        timezone=tz,
    )


def day_fields(spec: CalendarSpec) -> dict[str, str]:
    """The CronTrigger ``day``/``day_of_week``/``month`` arguments for the friendly fields."""
    fields: dict[str, str] = {}
    if spec.day_rule == "week_days":
        chosen = {d.lower() for d in spec.week_days}
        fields["day_of_week"] = ",".join(d for d in DAY_ORDER if d in chosen)
    elif spec.day_rule == "month_days":
        days = sorted(set(spec.month_days), key=lambda d: 99 if d == LAST else d)
        fields["day"] = ",".join("last" if d == LAST else str(d) for d in days)
    elif spec.day_rule == "nth_weekday":
        fields["day"] = f"{ORDINALS[spec.nth]} {spec.nth_weekday.lower()}"
    if spec.months:
        fields["month"] = ",".join(str(m) for m in sorted(set(spec.months)))
    return fields


def _calendar(spec: CalendarSpec, tz: ZoneInfo, calendars: Calendars | None) -> BaseTrigger:
    if spec.uses_day_rules:
        # working days, lunar dates, every N weeks, skips, run limits: decided day by day
        return DayRuleTrigger(spec, calendars)
    bounds = {
        "start_date": (
            datetime.combine(spec.start_date, time(0), tzinfo=tz) if spec.start_date else None
        ),
        # the end date is inclusive: the whole day
        "end_date": datetime.combine(spec.end_date, time.max, tzinfo=tz) if spec.end_date else None,
        "timezone": tz,
    }
    if spec.crontab.strip():
        field_sets = translate_crontab(spec.crontab)
    else:
        days = day_fields(spec)
        # one CronTrigger per distinct minute: hour="8,17", minute="30" is exactly 08:30, 17:30
        hours_by_minute: dict[int, set[int]] = defaultdict(set)
        for t in spec.times:
            hours_by_minute[t.minute].add(t.hour)
        field_sets = [
            {"hour": ",".join(str(h) for h in sorted(hours)), "minute": str(minute), **days}
            for minute, hours in sorted(hours_by_minute.items())
        ]
    # a time in a spring-forward gap runs one gap-length later; a time the clocks repeat runs
    # once, at the first occurrence ("every 15 minutes" resumes after the repeated hour)
    triggers = [WallClockCronTrigger(**_without_stars(fields), **bounds) for fields in field_sets]
    return triggers[0] if len(triggers) == 1 else OrTrigger(triggers)


def _without_stars(fields: dict[str, str]) -> dict[str, str]:
    """Leave out day-level "*" so the trigger reads like its rule; "*" is their default.

    ``minute`` always stays: CronTrigger sets the fields after the last one given to their
    minimum (second=0) but leaves all fields "*" (every second) when none is given.
    """
    return {k: v for k, v in fields.items() if not (v == "*" and k in _DAY_LEVEL)}


_DAY_LEVEL = frozenset({"day", "month", "day_of_week"})
