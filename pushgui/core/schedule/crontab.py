"""Typed crontab lines, translated to APScheduler 3 CronTrigger arguments with crontab's meaning.

Two things differ between crontab and APScheduler 3: crontab counts weekdays from Sunday = 0
(7 is Sunday too) while APScheduler counts from Monday = 0, and crontab fires when *either*
the day of month or the weekday matches if both are restricted, while APScheduler needs both.
Weekdays are therefore emitted as names, and such lines become two argument sets to OR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import time

from apscheduler.triggers.cron import CronTrigger

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.schedule.spec import CalendarSpec

FIELD = "crontab"
KEYS: tuple[str, ...] = ("minute", "hour", "day", "month", "day_of_week")

SHORTCUTS: dict[str, str] = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}

# APScheduler's names, Monday first; index = APScheduler 3 weekday number.
DAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CRON_DAY_NUMBERS = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
_MONTH_NUMBERS = {
    name: i + 1
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}


@dataclass(frozen=True)
class _Field:
    key: str
    label: str
    low: int
    high: int
    names: dict[str, int]


_FIELDS: tuple[_Field, ...] = (
    _Field("minute", "minute", 0, 59, {}),
    _Field("hour", "hour", 0, 23, {}),
    _Field("day", "day", 1, 31, {}),
    _Field("month", "month", 1, 12, _MONTH_NUMBERS),
    _Field("day_of_week", "weekday", 0, 7, _CRON_DAY_NUMBERS),
)

_PART = re.compile(r"^(?:(?P<star>\*)|(?P<first>\w+)(?:-(?P<last>\w+))?)(?:/(?P<step>\w+))?$")


def _fail(message: str) -> SpecError:
    return SpecError([FieldError(FIELD, message)])


def _value(f: _Field, text: str, whole: str) -> int:
    """One number or name of field ``f``, checked against the field's range."""
    lowered = text.lower()
    if lowered in f.names:
        return f.names[lowered]
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        hint = "a number"
        if f.names:
            hint += " or a name such as " + ("jan" if f.key == "month" else "mon")
        raise _fail(f'The {f.label} field "{whole}" is not understood: "{text}" should be {hint}')
    number = int(text)
    if not f.low <= number <= f.high:
        raise _fail(f'The {f.label} field "{whole}" must be between {f.low} and {f.high}')
    return number


def _check_part(f: _Field, part: str, whole: str) -> tuple[int, int, int]:
    """Parse one comma-separated part into (first, last, step), checking it in plain words."""
    if not part:
        raise _fail(f'The {f.label} field "{whole}" has an empty item between commas')
    m = _PART.match(part)
    if m is None:
        raise _fail(
            f'The {f.label} field "{whole}" is not understood: use * or numbers, '
            "ranges such as 1-5, lists such as 1,15 and steps such as */15"
        )
    step = 1
    if m["step"] is not None:
        step_text = m["step"]
        if (
            not (step_text.isascii() and step_text.isdigit() and len(step_text) <= 4)
            or int(step_text) < 1
        ):
            raise _fail(
                f'The step in the {f.label} field "{whole}" must be a whole number of 1 or more'
            )
        step = int(m["step"])
    if m["star"]:
        return f.low, f.high, step
    first = _value(f, m["first"], whole)
    if m["last"] is None:
        # "5/15" means from 5 to the end in steps of 15, as cronie and APScheduler read it
        last = f.high if m["step"] is not None else first
    else:
        last = _value(f, m["last"], whole)
        if f.key == "day_of_week" and last == 0 and m["last"].lower() == "sun":
            last = 7  # "fri-sun": Sunday closes the week here
    if first > last:
        raise _fail(
            f'The {f.label} field "{whole}" has a range that goes backwards ({part}): '
            "write the smaller value first"
        )
    return first, last, step


def _canonical(f: _Field, first: int, last: int, step: int) -> str:
    """One part as APScheduler reads it exactly: numbers only, steps that fit their range.

    APScheduler rejects a step wider than its range ("*/60") where crontab fires once, and
    silently drops a step after month names ("jan-dec/2"), so neither is passed through.
    """
    if first == last or step > last - first:
        return str(first)
    if first == f.low and last == f.high:
        return "*" if step == 1 else f"*/{step}"
    return f"{first}-{last}" if step == 1 else f"{first}-{last}/{step}"


def _weekday_names(whole: str) -> str:
    """Crontab weekdays (Sunday = 0 or 7) as APScheduler day names, Monday first."""
    f = _FIELDS[4]
    days: set[int] = set()
    for part in whole.split(","):
        first, last, step = _check_part(f, part, whole)
        days.update(n % 7 for n in range(first, last + 1, step))
    if len(days) == 7:
        return "*"
    # crontab 1..6 = mon..sat, 0 = sun; APScheduler index 0..6 = mon..sun
    return ",".join(DAY_NAMES[(n - 1) % 7] for n in sorted(days, key=lambda n: (n - 1) % 7))


def _fields(line: str) -> list[str]:
    text = line.strip()
    if not text:
        raise _fail("Type a crontab line such as 0 9 * * 1-5")
    if text.startswith("@"):
        expanded = SHORTCUTS.get(text.lower())
        if expanded is None:
            known = ", ".join(sorted(SHORTCUTS))
            raise _fail(f'"{text}" is not a schedule pushgui can use; use one of {known}')
        text = expanded
    values = text.split()
    if len(values) != 5:
        raise _fail(
            "A crontab line has 5 fields: minute hour day month weekday; "
            f"this one has {len(values)}"
        )
    return values


def translate_crontab(line: str) -> list[dict[str, str]]:
    """CronTrigger keyword sets for a typed crontab line; fire when any set matches.

    Raises :class:`SpecError` on the ``crontab`` field, naming the part that is wrong.
    """
    values = _fields(line)
    kwargs: dict[str, str] = {}
    for f, whole in zip(_FIELDS, values, strict=True):
        if f.key == "day_of_week":
            kwargs[f.key] = _weekday_names(whole)
            continue
        kwargs[f.key] = ",".join(
            _canonical(f, *_check_part(f, part, whole)) for part in whole.split(",")
        )
    try:
        CronTrigger(timezone="UTC", **kwargs)
    except ValueError as exc:
        # Our checks above catch what users type; this is APScheduler's last word on the rest
        raise _fail(f'The crontab line "{line.strip()}" is not understood ({exc})') from None

    day, weekday = values[2], values[4]
    if not day.startswith("*") and not weekday.startswith("*"):
        # crontab: either the day of month or the weekday
        return [
            {**kwargs, "day_of_week": "*"},
            {**kwargs, "day": "*"},
        ]
    return [kwargs]


_NUMBERS = re.compile(r"^\d+(,\d+)*$")
_MAX_FRIENDLY_TIMES = 6


def as_calendar(spec: CalendarSpec) -> CalendarSpec | None:
    """The same rule in the calendar's friendly fields, when the crontab line is simple
    enough to say in words (the description says it so); ``None`` otherwise."""
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
