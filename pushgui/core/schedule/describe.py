"""One English sentence saying when a push runs ("Every weekday at 09:00 (Asia/Shanghai)").

Every word and sentence pattern lives in the tables below, so a translation only has to
supply other tables; the functions only pick and fill patterns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time

from pushgui.core.schedule.crontab import translate_crontab
from pushgui.core.schedule.spec import (
    LAST,
    WEEKDAYS,
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    TriggerSpec,
)

WEEKDAY_SHORT: dict[str, str] = {
    "mon": "Mon",
    "tue": "Tue",
    "wed": "Wed",
    "thu": "Thu",
    "fri": "Fri",
    "sat": "Sat",
    "sun": "Sun",
}
WEEKDAY_LONG: dict[str, str] = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
MONTH_SHORT: tuple[str, ...] = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
MONTH_LONG: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ORDINAL: dict[int, str] = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", LAST: "last"}
UNIT_ONE: dict[str, str] = {"minutes": "minute", "hours": "hour", "days": "day", "weeks": "week"}

PHRASES: dict[str, str] = {
    "sentence": "{rule}{times}{bounds} ({zone})",
    "once": "Once on {date} at {time} ({zone})",
    "interval_one": "Every {unit}",
    "interval_many": "Every {n} {units}",
    "interval_exact": "{every} from {start}{end} ({zone})",
    "interval_daily": "{every} at {time} from {start}{end} ({zone})",
    "interval_weekly": "{every} on {weekday} at {time} from {start}{end} ({zone})",
    "until": " until {stamp}",
    "from_date": "from {date}",
    "until_date": "until {date}",
    "bounds": ", {text}",
    "every_day": "Every day",
    "every_day_in": "Every day in {months}",
    "weekdays": "Every weekday",
    "weekend": "Every weekend day",
    "week_days": "Every {days}",
    "in_months": "{rule} in {months}",
    "month_days": "On {days} of {months}",
    "yearly": "Every year on {day} {month}",
    "yearly_last": "Every year on the last day of {month}",
    "nth": "On the {nth} {weekday} of {months}",
    "every_month": "every month",
    "day_one": "day {days}",
    "day_many": "days {days}",
    "last_day": "the last day",
    "at": " at {times}",
    "and": "{head} and {tail}",
    "comma": ", ",
    "crontab": 'Crontab "{line}" ({zone})',
    "crontab_friendly": 'Crontab "{line}": {text}',
    "unknown": "A schedule ({zone})",
}

WORKDAYS = frozenset({"mon", "tue", "wed", "thu", "fri"})
WEEKEND = frozenset({"sat", "sun"})


def describe(spec: TriggerSpec) -> str:
    """A sentence for the spec; best effort, never raises, even for an invalid spec."""
    try:
        if isinstance(spec, OnceSpec):
            return PHRASES["once"].format(
                date=_long_date(spec.at.date()), time=_time(spec.at.time()), zone=spec.timezone
            )
        if isinstance(spec, IntervalSpec):
            return _interval(spec)
        if spec.crontab.strip():
            return _crontab(spec)
        return _calendar(spec)
    except Exception:  # a description must never stop a window from opening
        return PHRASES["unknown"].format(zone=getattr(spec, "timezone", "") or "?")


def _join(items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    return PHRASES["and"].format(head=PHRASES["comma"].join(items[:-1]), tail=items[-1])


def _time(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def _date(d: date) -> str:
    return f"{d.day} {MONTH_SHORT[d.month - 1]} {d.year}"


def _long_date(d: date) -> str:
    return f"{WEEKDAY_SHORT[WEEKDAYS[d.weekday()]]} {_date(d)}"


def _stamp(moment: datetime) -> str:
    return f"{_date(moment.date())} {_time(moment.time())}"


def _interval(spec: IntervalSpec) -> str:
    if spec.every == 1:
        every = PHRASES["interval_one"].format(unit=UNIT_ONE.get(spec.unit, spec.unit))
    else:
        every = PHRASES["interval_many"].format(n=spec.every, units=spec.unit)
    end = PHRASES["until"].format(stamp=_stamp(spec.end)) if spec.end else ""
    values = {"every": every, "end": end, "zone": spec.timezone}
    if spec.unit == "days":
        start = _date(spec.start.date())
        return PHRASES["interval_daily"].format(
            time=_time(spec.start.time()), start=start, **values
        )
    if spec.unit == "weeks":
        weekday = WEEKDAY_LONG[WEEKDAYS[spec.start.weekday()]]
        return PHRASES["interval_weekly"].format(
            weekday=weekday, time=_time(spec.start.time()), start=_date(spec.start.date()), **values
        )
    return PHRASES["interval_exact"].format(start=_stamp(spec.start), **values)


def _weekday(name: str, long: bool) -> str:
    return (WEEKDAY_LONG if long else WEEKDAY_SHORT).get(name.lower(), name)


def _month(m: int, long: bool) -> str:
    names = MONTH_LONG if long else MONTH_SHORT
    return names[m - 1] if 1 <= m <= 12 else str(m)


def _months(months: Sequence[int]) -> str:
    chosen = sorted(set(months))
    if not chosen or len(chosen) == 12:
        return PHRASES["every_month"]
    return _join([_month(m, long=len(chosen) == 1) for m in chosen])


def _day_part(spec: CalendarSpec) -> str:
    """The days the rule runs on, as the start of a sentence."""
    months = sorted(set(spec.months))
    limited = bool(months) and len(months) < 12
    if spec.day_rule == "week_days":
        rule = _week_days(spec.week_days)
        return PHRASES["in_months"].format(rule=rule, months=_months(months)) if limited else rule
    if spec.day_rule == "month_days":
        days = sorted(set(spec.month_days), key=lambda d: 99 if d == LAST else d)
        if len(months) == 1 and len(days) == 1:
            if days[0] == LAST:
                return PHRASES["yearly_last"].format(month=_month(months[0], long=True))
            return PHRASES["yearly"].format(day=days[0], month=_month(months[0], long=True))
        return PHRASES["month_days"].format(days=_month_days(days), months=_months(months))
    if spec.day_rule == "nth_weekday":
        return PHRASES["nth"].format(
            nth=ORDINAL.get(spec.nth, str(spec.nth)),
            weekday=_weekday(spec.nth_weekday, long=True),
            months=_months(months),
        )
    if limited:
        return PHRASES["every_day_in"].format(months=_months(months))
    return PHRASES["every_day"]


def _week_days(names: Sequence[str]) -> str:
    chosen = {n.lower() for n in names}
    if chosen == set(WEEKDAYS):
        return PHRASES["every_day"]
    if chosen == WORKDAYS:
        return PHRASES["weekdays"]
    if chosen == WEEKEND:
        return PHRASES["weekend"]
    ordered = [d for d in WEEKDAYS if d in chosen] + sorted(chosen - set(WEEKDAYS))
    long = len(ordered) == 1
    return PHRASES["week_days"].format(days=_join([_weekday(d, long) for d in ordered]))


def _month_days(days: Sequence[int]) -> str:
    numbers = [str(d) for d in days if d != LAST]
    if not numbers:
        return PHRASES["last_day"]
    items = [*numbers, PHRASES["last_day"]] if LAST in days else numbers
    return PHRASES["day_one" if len(numbers) == 1 else "day_many"].format(days=_join(items))


def _times(times: Sequence[time]) -> str:
    if not times:
        return ""
    return PHRASES["at"].format(times=_join([_time(t) for t in sorted(set(times))]))


def _bounds(start: date | None, end: date | None) -> str:
    parts = []
    if start:
        parts.append(PHRASES["from_date"].format(date=_date(start)))
    if end:
        parts.append(PHRASES["until_date"].format(date=_date(end)))
    return PHRASES["bounds"].format(text=" ".join(parts)) if parts else ""


def _calendar(spec: CalendarSpec) -> str:
    return PHRASES["sentence"].format(
        rule=_day_part(spec),
        times=_times(spec.times),
        bounds=_bounds(spec.start_date, spec.end_date),
        zone=spec.timezone,
    )


_NUMBERS = re.compile(r"^\d+(,\d+)*$")
_MAX_FRIENDLY_TIMES = 6


def _crontab(spec: CalendarSpec) -> str:
    line = " ".join(spec.crontab.split())
    plain = PHRASES["crontab"].format(line=line, zone=spec.timezone)
    try:
        friendly = _crontab_as_calendar(spec)
    except Exception:  # an unreadable line still gets its plain description
        return plain
    if friendly is None:
        return plain
    text = _calendar(friendly)
    return PHRASES["crontab_friendly"].format(line=line, text=text[:1].lower() + text[1:])


def _crontab_as_calendar(spec: CalendarSpec) -> CalendarSpec | None:
    """The same rule in friendly fields, when the line is simple enough to say in words."""
    sets = translate_crontab(spec.crontab)
    if len(sets) != 1:
        return None
    kw = sets[0]
    if not (_NUMBERS.match(kw["minute"]) and _NUMBERS.match(kw["hour"])):
        return None
    times = tuple(
        time(int(h), int(m)) for h in kw["hour"].split(",") for m in kw["minute"].split(",")
    )
    if len(times) > _MAX_FRIENDLY_TIMES:
        return None
    months: tuple[int, ...] = ()
    if kw["month"] != "*":
        if not _NUMBERS.match(kw["month"]):
            return None
        months = tuple(int(m) for m in kw["month"].split(","))
    base = CalendarSpec(
        timezone=spec.timezone,
        times=times,
        months=months,
        start_date=spec.start_date,
        end_date=spec.end_date,
    )
    day, weekdays = kw["day"], kw["day_of_week"]
    if day == "*" and weekdays == "*":
        return base
    if day == "*" and re.fullmatch(r"[a-z]{3}(,[a-z]{3})*", weekdays):
        return replace(base, day_rule="week_days", week_days=tuple(weekdays.split(",")))
    if weekdays == "*" and _NUMBERS.match(day):
        return replace(
            base, day_rule="month_days", month_days=tuple(int(d) for d in day.split(","))
        )
    return None
