"""Whether a trigger spec means something runnable; problems in plain words, per field."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.schedule.crontab import translate_crontab
from pushgui.core.schedule.preview import next_fire_time
from pushgui.core.schedule.spec import (
    LAST,
    UNITS,
    WEEKDAYS,
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    TriggerSpec,
)
from pushgui.core.schedule.zones import localize, zone

MAX_EVERY: dict[str, int] = {
    "minutes": 10 * 366 * 24 * 60,
    "hours": 10 * 366 * 24,
    "days": 10 * 366,
    "weeks": 10 * 53,
}
"""About ten years, in each unit: longer intervals are almost certainly typing mistakes."""

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_LENGTHS: tuple[int, ...] = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""The longest each month can be (29 February happens in leap years)."""

NEVER_FIRES = "The rule never fires"


def validate_trigger(spec: TriggerSpec, now: datetime | None = None) -> list[FieldError]:
    """Every problem with ``spec``; an empty list means it can be built and will run."""
    moment = datetime.now(UTC) if now is None else now
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    errors: list[FieldError] = []
    tz: ZoneInfo | None = None
    try:
        tz = zone(spec.timezone)
    except SpecError as exc:
        errors.extend(exc.errors)

    out_of_range = _dates_out_of_range(spec)
    if out_of_range:
        return errors + out_of_range
    if isinstance(spec, OnceSpec):
        if tz is not None and localize(spec.at, tz) <= moment:
            errors.append(FieldError("at", "Choose a time in the future"))
        return errors
    if isinstance(spec, IntervalSpec):
        errors.extend(_interval_errors(spec))
    else:
        errors.extend(_calendar_errors(spec))
    if not errors:
        errors.extend(_never_fires(spec, moment))
    return errors


FIRST_YEAR, LAST_YEAR = 1970, 9998


def _dates_out_of_range(spec: TriggerSpec) -> list[FieldError]:
    """Dates the calendar arithmetic cannot handle (the year 10000 does not exist)."""
    fields: dict[str, date | None] = {}
    if isinstance(spec, OnceSpec):
        fields["at"] = spec.at.date()
    elif isinstance(spec, IntervalSpec):
        fields["start"] = spec.start.date()
        fields["end"] = spec.end.date() if spec.end else None
    else:
        fields["start_date"], fields["end_date"] = spec.start_date, spec.end_date
    return [
        FieldError(name, f"Choose a date between {FIRST_YEAR} and {LAST_YEAR}")
        for name, value in fields.items()
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR
    ]


def validate_or_raise(spec: TriggerSpec, now: datetime | None = None) -> None:
    """Raise :class:`SpecError` with every problem, if there is any."""
    errors = validate_trigger(spec, now)
    if errors:
        raise SpecError(errors)


def _interval_errors(spec: IntervalSpec) -> list[FieldError]:
    errors: list[FieldError] = []
    if spec.unit not in UNITS:
        errors.append(FieldError("unit", "Choose minutes, hours, days or weeks"))
    elif spec.every < 1:
        errors.append(FieldError("every", "The interval must be at least 1"))
    elif spec.every > MAX_EVERY[spec.unit]:
        errors.append(
            FieldError(
                "every",
                f"The interval can be at most {MAX_EVERY[spec.unit]} {spec.unit} (about 10 years)",
            )
        )
    if spec.end is not None and spec.end <= spec.start:
        errors.append(FieldError("end", "The end must be after the start"))
    return errors


def _calendar_errors(spec: CalendarSpec) -> list[FieldError]:
    errors: list[FieldError] = []
    if spec.start_date and spec.end_date and spec.end_date < spec.start_date:
        errors.append(FieldError("end_date", "The end date must be on or after the start date"))
    if spec.crontab.strip():
        try:
            translate_crontab(spec.crontab)
        except SpecError as exc:
            errors.extend(exc.errors)
        return errors  # the friendly fields are ignored

    if not spec.times:
        errors.append(FieldError("times", "Choose at least one time of day"))
    if spec.day_rule == "week_days":
        if not spec.week_days:
            errors.append(FieldError("week_days", "Choose at least one weekday"))
        errors.extend(
            FieldError("week_days", _unknown_weekday(name))
            for name in spec.week_days
            if name.lower() not in WEEKDAYS
        )
    elif spec.day_rule == "month_days":
        if not spec.month_days:
            errors.append(FieldError("month_days", "Choose at least one day of the month"))
        errors.extend(
            FieldError("month_days", f'Day {d} does not exist: use 1 to 31 or "last"')
            for d in spec.month_days
            if d != LAST and not 1 <= d <= 31
        )
    elif spec.day_rule == "nth_weekday":
        if spec.nth != LAST and not 1 <= spec.nth <= 5:
            errors.append(FieldError("nth", "Choose the 1st to the 5th, or the last"))
        if spec.nth_weekday.lower() not in WEEKDAYS:
            errors.append(FieldError("nth_weekday", _unknown_weekday(spec.nth_weekday)))
    elif spec.day_rule != "every_day":
        errors.append(FieldError("day_rule", "Choose which days the push runs on"))

    bad_months = [m for m in spec.months if not 1 <= m <= 12]
    errors.extend(
        FieldError("months", f"Month {m} does not exist: use 1 to 12") for m in bad_months
    )
    if spec.day_rule == "month_days" and spec.months and not bad_months:
        errors.extend(_impossible_days(spec.month_days, spec.months))
    return errors


def _unknown_weekday(name: str) -> str:
    return f'Unknown weekday "{name}": use mon, tue, wed, thu, fri, sat or sun'


def _impossible_days(days: tuple[int, ...], months: tuple[int, ...]) -> list[FieldError]:
    """Days such as 31 in a rule limited to months that are never that long."""
    longest = max(MONTH_LENGTHS[m - 1] for m in months)
    names = [MONTH_NAMES[m - 1] for m in sorted(set(months))]
    errors = []
    for d in sorted(set(days)):
        if d == LAST or not longest < d <= 31:
            continue
        if len(names) == 1:
            message = f"{d} {names[0]} never happens: pick another day or month"
        else:
            months_text = ", ".join(names[:-1]) + " and " + names[-1]
            message = f"Day {d} never happens in {months_text}: pick another day or month"
        errors.append(FieldError("month_days", message))
    return errors


def _never_fires(spec: IntervalSpec | CalendarSpec, now: datetime) -> list[FieldError]:
    """An error if the rule has no run left after ``now`` (an end in the past, say)."""
    if next_fire_time(spec, None, now) is not None:
        return []
    if isinstance(spec, IntervalSpec):
        return [FieldError("end", f"{NEVER_FIRES}: choose an end in the future")]
    if spec.end_date is not None:
        return [FieldError("end_date", f"{NEVER_FIRES}: choose an end date in the future")]
    field = "crontab" if spec.crontab.strip() else "month_days"
    return [FieldError(field, NEVER_FIRES)]
