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
from pushgui.core.schedule.describe_words import Words
from pushgui.core.schedule.spec import (
    LAST,
    WEEKDAYS,
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    TriggerSpec,
)
from pushgui.core.system.i18n import ENGLISH, Language


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


WORKDAYS = frozenset({"mon", "tue", "wed", "thu", "fri"})
WEEKEND = frozenset({"sat", "sun"})


def describe(spec: TriggerSpec, language: Language = ENGLISH) -> str:
    """A sentence for the spec in ``language``; best effort, never raises, even for an
    invalid spec."""
    w = Words(language)
    try:
        if isinstance(spec, OnceSpec):
            return w.phrase("once").format(
                date=_long_date(w, spec.at.date()),
                time=_time(spec.at.time()),
                zone=_zone(spec.timezone),
            )
        if isinstance(spec, IntervalSpec):
            return _interval(w, spec)
        if spec.crontab.strip():
            return _crontab(w, spec)
        return _calendar(w, spec)
    except Exception:  # a description must never stop a window from opening
        return w.phrase("unknown").format(zone=_zone(getattr(spec, "timezone", "")) or "?")


def _join(w: Words, items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C' (Chinese: 'A、B和C', with a space next to digits)."""
    if len(items) <= 1:
        return "".join(items)
    head, tail = w.phrase("comma").join(items[:-1]), items[-1]
    if w.chinese:
        left = " " if head[-1:].isascii() else ""
        right = " " if tail[:1].isascii() else ""
        return f"{head}{left}和{right}{tail}"
    return w.phrase("and").format(head=head, tail=tail)


def _time(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def _date(w: Words, d: date) -> str:
    month = w.month(d.month, long=False)
    return w.phrase("date").format(day=d.day, month=month, month_number=d.month, year=d.year)


def _long_date(w: Words, d: date) -> str:
    weekday = w.weekday(WEEKDAYS[d.weekday()], long=False)
    return w.phrase("long_date").format(weekday=weekday, date=_date(w, d))


def _stamp(w: Words, moment: datetime) -> str:
    return f"{_date(w, moment.date())} {_time(moment.time())}"


def _interval(w: Words, spec: IntervalSpec) -> str:
    if spec.every == 1:
        every = w.phrase("interval_one").format(unit=w.unit(spec.unit, many=False))
    else:
        every = w.phrase("interval_many").format(n=spec.every, units=w.unit(spec.unit, many=True))
    end = w.phrase("until").format(stamp=_stamp(w, spec.end)) if spec.end else ""
    values = {"every": every, "end": end, "zone": _zone(spec.timezone)}
    if spec.unit == "days":
        start = _date(w, spec.start.date())
        return w.phrase("interval_daily").format(
            time=_time(spec.start.time()), start=start, **values
        )
    if spec.unit == "weeks":
        weekday = w.weekday(WEEKDAYS[spec.start.weekday()], long=True)
        key = "interval_weekly_one" if spec.every == 1 else "interval_weekly"
        return w.phrase(key).format(
            weekday=weekday,
            time=_time(spec.start.time()),
            start=_date(w, spec.start.date()),
            **values,
        )
    return w.phrase("interval_exact").format(start=_stamp(w, spec.start), **values)


def _every_month(months: Sequence[int]) -> bool:
    return not months or len(set(months)) == 12


def _months(w: Words, months: Sequence[int]) -> str:
    chosen = sorted(set(months))
    if _every_month(chosen):
        return w.phrase("every_month")
    return _join(w, [w.month(m, long=len(chosen) == 1) for m in chosen])


def _day_part(w: Words, spec: CalendarSpec) -> str:
    """The days the rule runs on, as the start of a sentence."""
    special = describe_days.day_part(w, spec)
    if special is not None:
        return special
    months = sorted(set(spec.months))
    limited = not _every_month(months)
    if spec.day_rule == "week_days":
        rule = _week_days(w, spec.week_days)
        if spec.every_weeks > 1:
            rule = describe_days.every_weeks(w, spec, _week_day_words(w, spec.week_days))
        if limited:
            return w.phrase("in_months").format(rule=rule, months=_months(w, months))
        return rule
    if spec.day_rule == "month_days":
        days = sorted(set(spec.month_days), key=lambda d: 99 if d == LAST else d)
        if len(months) == 1 and len(days) == 1:
            if days[0] == LAST:
                return w.phrase("yearly_last").format(month=w.month(months[0], long=True))
            return w.phrase("yearly").format(day=days[0], month=w.month(months[0], long=True))
        if not limited:
            return w.phrase("month_days_every").format(days=_month_days(w, days))
        return w.phrase("month_days").format(days=_month_days(w, days), months=_months(w, months))
    if spec.day_rule == "nth_weekday":
        values = {"nth": w.ordinal(spec.nth), "weekday": w.weekday(spec.nth_weekday, True)}
        if not limited:
            return w.phrase("nth_every").format(**values)
        return w.phrase("nth").format(months=_months(w, months), **values)
    if limited:
        return w.phrase("every_day_in").format(months=_months(w, months))
    return w.phrase("every_day")


def _week_days(w: Words, names: Sequence[str]) -> str:
    chosen = {n.lower() for n in names}
    if chosen == set(WEEKDAYS):
        return w.phrase("every_day")
    if chosen == WORKDAYS:
        return w.phrase("weekdays")
    if chosen == WEEKEND:
        return w.phrase("weekend")
    ordered = [d for d in WEEKDAYS if d in chosen] + sorted(chosen - set(WEEKDAYS))
    long = len(ordered) == 1
    names_ = [w.weekday(d, long) for d in ordered]
    if w.chinese and len(names_) > 1 and all(n.startswith("周") for n in names_):
        # "周一、三、五": the shared 周 is written once, as people write it
        days = "、".join([names_[0]] + [n[1:] for n in names_[1:]])
        return w.phrase("week_days").format(days=days)
    return w.phrase("week_days").format(days=_join(w, names_))


def _week_day_words(w: Words, names: Sequence[str]) -> str:
    """The chosen weekdays alone ("Mon and Thu", "周一和周四")."""
    chosen = {n.lower() for n in names}
    return _join(w, [w.weekday(d, False) for d in WEEKDAYS if d in chosen])


def _month_days(w: Words, days: Sequence[int]) -> str:
    numbers = [w.phrase("day_item").format(day=d) for d in days if d != LAST]
    if not numbers:
        return w.phrase("last_day")
    items = [*numbers, w.phrase("last_day")] if LAST in days else numbers
    return w.phrase("day_one" if len(numbers) == 1 else "day_many").format(days=_join(w, items))


def _times(w: Words, times: Sequence[time]) -> str:
    if not times:
        return ""
    return w.phrase("at").format(times=_join(w, [_time(t) for t in sorted(set(times))]))


def _bounds(w: Words, start: date | None, end: date | None) -> str:
    if start and end:
        text = w.phrase("from_until_date").format(start=_date(w, start), end=_date(w, end))
    elif start:
        text = w.phrase("from_date").format(date=_date(w, start))
    elif end:
        text = w.phrase("until_date").format(date=_date(w, end))
    else:
        return ""
    return w.phrase("bounds").format(text=text)


def _calendar(w: Words, spec: CalendarSpec) -> str:
    return w.phrase("sentence").format(
        rule=_day_part(w, spec),
        times=_times(w, spec.times),
        bounds=_bounds(w, spec.start_date, spec.end_date)
        + describe_days.limits(w, spec, lambda d: _date(w, d), lambda items: _join(w, items)),
        zone=_zone(spec.timezone),
    )


def _crontab(w: Words, spec: CalendarSpec) -> str:
    line = " ".join(spec.crontab.split())
    plain = w.phrase("crontab").format(line=line, zone=_zone(spec.timezone))
    # Imported here: it loads APScheduler's cron parser, which the other rules never need
    # (``pushgui list`` describes every push at start).
    from pushgui.core.schedule.crontab import as_calendar

    try:
        friendly = as_calendar(spec)
    except Exception:  # an unreadable line still gets its plain description
        return plain
    if friendly is None:
        return plain
    text = _calendar(w, friendly)
    return w.phrase("crontab_friendly").format(line=line, text=text[:1].lower() + text[1:])
