"""One sentence saying when a push runs ("Every weekday at 09:00 (Asia/Shanghai)").

Every word and whole-sentence pattern is a translatable message (context "describe"), so
the Chinese reads "每个工作日 09:00（Asia/Shanghai）" rather than a word-by-word rendering.
Lists and dates follow the language's own rules: "周一、三、五", "1 日、15 日和最后一天".
The parts for working days, lunar dates and limits are in ``describe_days.py``, the table
of words in ``describe_words.py``, and a crontab line's friendly form in ``crontab.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from pushgui.core.schedule import describe_days
from pushgui.core.schedule.describe_words import Words, build_words
from pushgui.core.schedule.spec import (
    LAST,
    WEEKDAYS,
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    TriggerSpec,
)
from pushgui.core.system import i18n


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


def _words() -> Words:
    """The tables for the installed language, built once per translator."""
    return i18n.table("describe.words", build_words)


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


def _crontab(spec: CalendarSpec) -> str:
    line = " ".join(spec.crontab.split())
    plain = _p("crontab").format(line=line, zone=_zone(spec.timezone))
    # Imported here: it loads APScheduler's cron parser, which the other rules never need
    # (``pushgui list`` describes every push at start).
    from pushgui.core.schedule.crontab import as_calendar

    try:
        friendly = as_calendar(spec)
    except Exception:  # an unreadable line still gets its plain description
        return plain
    if friendly is None:
        return plain
    text = _calendar(friendly)
    return _p("crontab_friendly").format(line=line, text=text[:1].lower() + text[1:])
