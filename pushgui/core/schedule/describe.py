"""One sentence saying when a push runs ("Every weekday at 09:00 (Asia/Shanghai)").

Every word and whole-sentence pattern is a translatable message (context "describe"), so
the Chinese reads "每个工作日 09:00（Asia/Shanghai）" rather than a word-by-word rendering.
Lists and dates follow the language's own rules: "周一、三、五", "1 日、15 日和最后一天".
The parts for working days, lunar dates and limits are in ``describe_days.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from pushgui.core.schedule import describe_days
from pushgui.core.schedule.spec import (
    LAST,
    WEEKDAYS,
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    TriggerSpec,
)
from pushgui.core.system import i18n
from pushgui.core.system.i18n import translate


@dataclass(frozen=True)
class _Words:
    """Every word and sentence pattern, in the installed language."""

    weekday_short: dict[str, str]
    weekday_long: dict[str, str]
    month_short: tuple[str, ...]
    month_long: tuple[str, ...]
    ordinal: dict[int, str]
    unit_one: dict[str, str]
    unit_many: dict[str, str]
    phrases: dict[str, str]


def _zone(name: str) -> str:
    """The zone as people read it: IANA names stay ("Asia/Shanghai"), the ones named after
    an offset ("Etc/UTC", "Etc/GMT-8", "UCT") become "UTC" / "UTC+8" (Etc signs are
    inverted: Etc/GMT-8 is eight hours ahead)."""
    if name in (
        "UTC",
        "Etc/UTC",
        "Etc/UCT",
        "UCT",
        "Etc/Universal",
        "Universal",
        "Zulu",
        "Etc/Zulu",
        "GMT",
        "Etc/GMT",
        "Etc/GMT0",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "Etc/Greenwich",
    ):
        return "UTC"
    if name.startswith("Etc/GMT") and name[7:8] in "+-" and name[8:].isdigit():
        hours = int(name[8:])
        return f"UTC{'-' if name[7] == '+' else '+'}{hours}"
    return name


def _build_words() -> _Words:
    weekday_short = {
        "mon": translate("describe", "Mon"),
        "tue": translate("describe", "Tue"),
        "wed": translate("describe", "Wed"),
        "thu": translate("describe", "Thu"),
        "fri": translate("describe", "Fri"),
        "sat": translate("describe", "Sat"),
        "sun": translate("describe", "Sun"),
    }
    weekday_long = {
        "mon": translate("describe", "Monday"),
        "tue": translate("describe", "Tuesday"),
        "wed": translate("describe", "Wednesday"),
        "thu": translate("describe", "Thursday"),
        "fri": translate("describe", "Friday"),
        "sat": translate("describe", "Saturday"),
        "sun": translate("describe", "Sunday"),
    }
    month_short = (
        translate("describe", "Jan"),
        translate("describe", "Feb"),
        translate("describe", "Mar"),
        translate("describe", "Apr"),
        translate("describe", "May"),
        translate("describe", "Jun"),
        translate("describe", "Jul"),
        translate("describe", "Aug"),
        translate("describe", "Sep"),
        translate("describe", "Oct"),
        translate("describe", "Nov"),
        translate("describe", "Dec"),
    )
    month_long = (
        translate("describe", "January"),
        translate("describe", "February"),
        translate("describe", "March"),
        translate("describe", "April"),
        translate("describe", "May"),
        translate("describe", "June"),
        translate("describe", "July"),
        translate("describe", "August"),
        translate("describe", "September"),
        translate("describe", "October"),
        translate("describe", "November"),
        translate("describe", "December"),
    )
    ordinal = {
        1: translate("describe", "1st"),
        2: translate("describe", "2nd"),
        3: translate("describe", "3rd"),
        4: translate("describe", "4th"),
        5: translate("describe", "5th"),
        LAST: translate("describe", "last"),
    }
    unit_one = {
        "minutes": translate("describe", "minute"),
        "hours": translate("describe", "hour"),
        "days": translate("describe", "day"),
        "weeks": translate("describe", "week"),
    }
    unit_many = {
        "minutes": translate("describe", "minutes"),
        "hours": translate("describe", "hours"),
        "days": translate("describe", "days"),
        "weeks": translate("describe", "weeks"),
    }
    phrases = {
        "sentence": translate("describe", "{rule}{times}{bounds} ({zone})"),
        "once": translate("describe", "Once on {date} at {time} ({zone})"),
        "interval_one": translate("describe", "Every {unit}"),
        "interval_many": translate("describe", "Every {n} {units}"),
        "interval_exact": translate("describe", "{every} from {start}{end} ({zone})"),
        "interval_daily": translate("describe", "{every} at {time} from {start}{end} ({zone})"),
        "interval_weekly": translate(
            "describe", "{every} on {weekday} at {time} from {start}{end} ({zone})"
        ),
        "interval_weekly_one": translate(
            "describe", "Every week on {weekday} at {time} from {start}{end} ({zone})"
        ),
        "until": translate("describe", " until {stamp}"),
        "from_date": translate("describe", "from {date}"),
        "until_date": translate("describe", "until {date}"),
        "from_until_date": translate("describe", "from {start} until {end}"),
        "bounds": translate("describe", ", {text}"),
        "every_day": translate("describe", "Every day"),
        "every_day_in": translate("describe", "Every day in {months}"),
        "weekdays": translate("describe", "Every weekday"),
        "weekend": translate("describe", "Every weekend day"),
        "week_days": translate("describe", "Every {days}"),
        "in_months": translate("describe", "{rule} in {months}"),
        "month_days": translate("describe", "On {days} of {months}"),
        "month_days_every": translate("describe", "On {days} of every month"),
        "yearly": translate("describe", "Every year on {day} {month}"),
        "yearly_last": translate("describe", "Every year on the last day of {month}"),
        "nth": translate("describe", "On the {nth} {weekday} of {months}"),
        "nth_every": translate("describe", "On the {nth} {weekday} of every month"),
        "every_month": translate("describe", "every month"),
        "day_one": translate("describe", "day {days}"),
        "day_many": translate("describe", "days {days}"),
        "day_item": translate("describe", "{day}"),
        "last_day": translate("describe", "the last day"),
        "at": translate("describe", " at {times}"),
        "and": translate("describe", "{head} and {tail}"),
        "comma": translate("describe", ", "),
        "crontab": translate("describe", 'Crontab "{line}" ({zone})'),
        "crontab_friendly": translate("describe", 'Crontab "{line}": {text}'),
        "unknown": translate("describe", "A schedule ({zone})"),
        "date": translate("describe", "{day} {month} {year}"),
        "long_date": translate("describe", "{weekday} {date}"),
    }
    return _Words(
        weekday_short, weekday_long, month_short, month_long, ordinal, unit_one, unit_many, phrases
    )


_cache: dict[int, _Words] = {}


def _words() -> _Words:
    """The tables for the installed language, built once per translator."""
    key = i18n.generation()
    words = _cache.get(key)
    if words is None:
        _cache.clear()
        words = _cache[key] = _build_words()
    return words


def _p(key: str) -> str:
    return _words().phrases[key]


WORKDAYS = frozenset({"mon", "tue", "wed", "thu", "fri"})
WEEKEND = frozenset({"sat", "sun"})


def describe(spec: TriggerSpec) -> str:
    """A sentence for the spec; best effort, never raises, even for an invalid spec."""
    try:
        if isinstance(spec, OnceSpec):
            return _p("once").format(
                date=_long_date(spec.at.date()),
                time=_time(spec.at.time()),
                zone=_zone(spec.timezone),
            )
        if isinstance(spec, IntervalSpec):
            return _interval(spec)
        if spec.crontab.strip():
            return _crontab(spec)
        return _calendar(spec)
    except Exception:  # a description must never stop a window from opening
        return _p("unknown").format(zone=_zone(getattr(spec, "timezone", "")) or "?")


def _join(items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C' (Chinese: 'A、B和C', with a space next to digits)."""
    if len(items) <= 1:
        return "".join(items)
    head, tail = _p("comma").join(items[:-1]), items[-1]
    if i18n.is_chinese():
        left = " " if head[-1:].isascii() else ""
        right = " " if tail[:1].isascii() else ""
        return f"{head}{left}和{right}{tail}"
    return _p("and").format(head=head, tail=tail)


def _time(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def _date(d: date) -> str:
    month = _words().month_short[d.month - 1]
    return _p("date").format(day=d.day, month=month, month_number=d.month, year=d.year)


def _long_date(d: date) -> str:
    weekday = _words().weekday_short[WEEKDAYS[d.weekday()]]
    return _p("long_date").format(weekday=weekday, date=_date(d))


def _stamp(moment: datetime) -> str:
    return f"{_date(moment.date())} {_time(moment.time())}"


def _interval(spec: IntervalSpec) -> str:
    words = _words()
    if spec.every == 1:
        every = _p("interval_one").format(unit=words.unit_one.get(spec.unit, spec.unit))
    else:
        units = words.unit_many.get(spec.unit, spec.unit)
        every = _p("interval_many").format(n=spec.every, units=units)
    end = _p("until").format(stamp=_stamp(spec.end)) if spec.end else ""
    values = {"every": every, "end": end, "zone": _zone(spec.timezone)}
    if spec.unit == "days":
        start = _date(spec.start.date())
        return _p("interval_daily").format(time=_time(spec.start.time()), start=start, **values)
    if spec.unit == "weeks":
        weekday = words.weekday_long[WEEKDAYS[spec.start.weekday()]]
        key = "interval_weekly_one" if spec.every == 1 else "interval_weekly"
        return _p(key).format(
            weekday=weekday, time=_time(spec.start.time()), start=_date(spec.start.date()), **values
        )
    return _p("interval_exact").format(start=_stamp(spec.start), **values)


def _weekday(name: str, long: bool) -> str:
    words = _words()
    return (words.weekday_long if long else words.weekday_short).get(name.lower(), name)


def _month(m: int, long: bool) -> str:
    words = _words()
    names = words.month_long if long else words.month_short
    return names[m - 1] if 1 <= m <= 12 else str(m)


def _every_month(months: Sequence[int]) -> bool:
    return not months or len(set(months)) == 12


def _months(months: Sequence[int]) -> str:
    chosen = sorted(set(months))
    if _every_month(chosen):
        return _p("every_month")
    return _join([_month(m, long=len(chosen) == 1) for m in chosen])


def _day_part(spec: CalendarSpec) -> str:
    """The days the rule runs on, as the start of a sentence."""
    special = describe_days.day_part(spec)
    if special is not None:
        return special
    months = sorted(set(spec.months))
    limited = not _every_month(months)
    if spec.day_rule == "week_days":
        rule = _week_days(spec.week_days)
        if spec.every_weeks > 1:
            rule = describe_days.every_weeks(spec, _week_day_words(spec.week_days))
        return _p("in_months").format(rule=rule, months=_months(months)) if limited else rule
    if spec.day_rule == "month_days":
        days = sorted(set(spec.month_days), key=lambda d: 99 if d == LAST else d)
        if len(months) == 1 and len(days) == 1:
            if days[0] == LAST:
                return _p("yearly_last").format(month=_month(months[0], long=True))
            return _p("yearly").format(day=days[0], month=_month(months[0], long=True))
        if not limited:
            return _p("month_days_every").format(days=_month_days(days))
        return _p("month_days").format(days=_month_days(days), months=_months(months))
    if spec.day_rule == "nth_weekday":
        values = {
            "nth": _words().ordinal.get(spec.nth, str(spec.nth)),
            "weekday": _weekday(spec.nth_weekday, long=True),
        }
        if not limited:
            return _p("nth_every").format(**values)
        return _p("nth").format(months=_months(months), **values)
    if limited:
        return _p("every_day_in").format(months=_months(months))
    return _p("every_day")


def _week_days(names: Sequence[str]) -> str:
    chosen = {n.lower() for n in names}
    if chosen == set(WEEKDAYS):
        return _p("every_day")
    if chosen == WORKDAYS:
        return _p("weekdays")
    if chosen == WEEKEND:
        return _p("weekend")
    ordered = [d for d in WEEKDAYS if d in chosen] + sorted(chosen - set(WEEKDAYS))
    long = len(ordered) == 1
    names_ = [_weekday(d, long) for d in ordered]
    if i18n.is_chinese() and len(names_) > 1 and all(n.startswith("周") for n in names_):
        # "周一、三、五": the shared 周 is written once, as people write it
        return _p("week_days").format(days="、".join([names_[0]] + [n[1:] for n in names_[1:]]))
    return _p("week_days").format(days=_join(names_))


def _week_day_words(names: Sequence[str]) -> str:
    """The chosen weekdays alone ("Mon and Thu", "周一和周四")."""
    chosen = {n.lower() for n in names}
    return _join([_weekday(d, False) for d in WEEKDAYS if d in chosen])


def _month_days(days: Sequence[int]) -> str:
    numbers = [_p("day_item").format(day=d) for d in days if d != LAST]
    if not numbers:
        return _p("last_day")
    items = [*numbers, _p("last_day")] if LAST in days else numbers
    return _p("day_one" if len(numbers) == 1 else "day_many").format(days=_join(items))


def _times(times: Sequence[time]) -> str:
    if not times:
        return ""
    return _p("at").format(times=_join([_time(t) for t in sorted(set(times))]))


def _bounds(start: date | None, end: date | None) -> str:
    if start and end:
        text = _p("from_until_date").format(start=_date(start), end=_date(end))
    elif start:
        text = _p("from_date").format(date=_date(start))
    elif end:
        text = _p("until_date").format(date=_date(end))
    else:
        return ""
    return _p("bounds").format(text=text)


def _calendar(spec: CalendarSpec) -> str:
    return _p("sentence").format(
        rule=_day_part(spec),
        times=_times(spec.times),
        bounds=_bounds(spec.start_date, spec.end_date) + describe_days.limits(spec, _date, _join),
        zone=_zone(spec.timezone),
    )


_NUMBERS = re.compile(r"^\d+(,\d+)*$")
_MAX_FRIENDLY_TIMES = 6


def _crontab(spec: CalendarSpec) -> str:
    line = " ".join(spec.crontab.split())
    plain = _p("crontab").format(line=line, zone=_zone(spec.timezone))
    try:
        friendly = _crontab_as_calendar(spec)
    except Exception:  # an unreadable line still gets its plain description
        return plain
    if friendly is None:
        return plain
    text = _calendar(friendly)
    return _p("crontab_friendly").format(line=line, text=text[:1].lower() + text[1:])


def _crontab_as_calendar(spec: CalendarSpec) -> CalendarSpec | None:
    """The same rule in friendly fields, when the line is simple enough to say in words."""
    # Imported here: it loads APScheduler's cron parser, which the other rules never need
    # (``pushgui list`` describes every push at start).
    from pushgui.core.schedule.crontab import translate_crontab

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
        timezone=_zone(spec.timezone),
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
