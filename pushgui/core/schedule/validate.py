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
from pushgui.core.schedule.validate_days import calendar_errors, limit_errors
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.schedule.zones import localize, zone
from pushgui.core.system.i18n import translate

MAX_EVERY: dict[str, int] = {
    "minutes": 10 * 366 * 24 * 60,
    "hours": 10 * 366 * 24,
    "days": 10 * 366,
    "weeks": 10 * 53,
}
"""About ten years, in each unit: longer intervals are almost certainly typing mistakes."""

MONTH_LENGTHS: tuple[int, ...] = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""The longest each month can be (29 February happens in leap years)."""


def validate_trigger(
    spec: TriggerSpec, now: datetime | None = None, calendars: Calendars | None = None
) -> list[FieldError]:
    """Every problem with ``spec``; an empty list means it can be built and will run (by
    ``calendars``, the app's holiday data and own days, for rules on working days)."""
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
            errors.append(FieldError("at", translate("validation", "Choose a time in the future")))
        return errors
    if isinstance(spec, IntervalSpec):
        errors.extend(_interval_errors(spec))
    else:
        errors.extend(_calendar_errors(spec))
    if not errors:
        errors.extend(_never_fires(spec, moment, calendars))
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
        FieldError(
            name,
            translate("validation", "Choose a date between {first} and {last}").format(
                first=FIRST_YEAR, last=LAST_YEAR
            ),
        )
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
        errors.append(
            FieldError("unit", translate("validation", "Choose minutes, hours, days or weeks"))
        )
    elif spec.every < 1:
        errors.append(
            FieldError("every", translate("validation", "The interval must be at least 1"))
        )
    elif spec.every > MAX_EVERY[spec.unit]:
        errors.append(
            FieldError(
                "every",
                translate(
                    "validation", "The interval can be at most {n} {unit} (about 10 years)"
                ).format(n=MAX_EVERY[spec.unit], unit=_unit_name(spec.unit)),
            )
        )
    if spec.end is not None and spec.end <= spec.start:
        errors.append(FieldError("end", translate("validation", "The end must be after the start")))
    return errors


def _calendar_errors(spec: CalendarSpec) -> list[FieldError]:
    errors: list[FieldError] = []
    if spec.start_date and spec.end_date and spec.end_date < spec.start_date:
        errors.append(
            FieldError(
                "end_date",
                translate("validation", "The end date must be on or after the start date"),
            )
        )
    if spec.crontab.strip():
        try:
            translate_crontab(spec.crontab)
        except SpecError as exc:
            errors.extend(exc.errors)
        return errors  # the friendly fields are ignored

    if not spec.times:
        errors.append(
            FieldError("times", translate("validation", "Choose at least one time of day"))
        )
    if spec.day_rule == "week_days":
        if not spec.week_days:
            errors.append(
                FieldError("week_days", translate("validation", "Choose at least one weekday"))
            )
        errors.extend(
            FieldError("week_days", _unknown_weekday(name))
            for name in spec.week_days
            if name.lower() not in WEEKDAYS
        )
    elif spec.day_rule == "month_days":
        if not spec.month_days:
            errors.append(
                FieldError(
                    "month_days", translate("validation", "Choose at least one day of the month")
                )
            )
        errors.extend(
            FieldError(
                "month_days",
                translate("validation", 'Day {day} does not exist: use 1 to 31 or "last"').format(
                    day=d
                ),
            )
            for d in spec.month_days
            if d != LAST and not 1 <= d <= 31
        )
    elif spec.day_rule == "nth_weekday":
        if spec.nth != LAST and not 1 <= spec.nth <= 5:
            errors.append(
                FieldError("nth", translate("validation", "Choose the 1st to the 5th, or the last"))
            )
        if spec.nth_weekday.lower() not in WEEKDAYS:
            errors.append(FieldError("nth_weekday", _unknown_weekday(spec.nth_weekday)))
    elif spec.day_rule in ("workdays", "nth_workday", "lunar_yearly", "lunar_monthly"):
        errors.extend(calendar_errors(spec))
    elif spec.day_rule != "every_day":
        errors.append(
            FieldError(
                "day_rule", translate("validation", "Choose which days the reminder runs on")
            )
        )
    errors.extend(limit_errors(spec))

    bad_months = [m for m in spec.months if not 1 <= m <= 12]
    errors.extend(
        FieldError(
            "months",
            translate("validation", "Month {month} does not exist: use 1 to 12").format(month=m),
        )
        for m in bad_months
    )
    if spec.day_rule == "month_days" and spec.months and not bad_months:
        errors.extend(_impossible_days(spec.month_days, spec.months))
    return errors


def _unknown_weekday(name: str) -> str:
    return translate(
        "validation", 'Unknown weekday "{name}": use mon, tue, wed, thu, fri, sat or sun'
    ).format(name=name)


def _unit_name(unit: str) -> str:
    names = {
        "minutes": translate("validation", "minutes"),
        "hours": translate("validation", "hours"),
        "days": translate("validation", "days"),
        "weeks": translate("validation", "weeks"),
    }
    return names.get(unit, unit)


def _month_names() -> list[str]:
    return [
        translate("validation", "January"),
        translate("validation", "February"),
        translate("validation", "March"),
        translate("validation", "April"),
        translate("validation", "May"),
        translate("validation", "June"),
        translate("validation", "July"),
        translate("validation", "August"),
        translate("validation", "September"),
        translate("validation", "October"),
        translate("validation", "November"),
        translate("validation", "December"),
    ]


def _impossible_days(days: tuple[int, ...], months: tuple[int, ...]) -> list[FieldError]:
    """Days such as 31 in a rule limited to months that are never that long."""
    longest = max(MONTH_LENGTHS[m - 1] for m in months)
    all_names = _month_names()
    names = [all_names[m - 1] for m in sorted(set(months))]
    errors = []
    for d in sorted(set(days)):
        if d == LAST or not longest < d <= 31:
            continue
        if len(names) == 1:
            message = translate(
                "validation", "{day} {month} never happens: pick another day or month"
            ).format(day=d, month=names[0])
        else:
            months_text = translate("validation", "{head} and {tail}").format(
                head=translate("validation", ", ").join(names[:-1]), tail=names[-1]
            )
            message = translate(
                "validation", "Day {day} never happens in {months}: pick another day or month"
            ).format(day=d, months=months_text)
        errors.append(FieldError("month_days", message))
    return errors


def _never_fires(
    spec: IntervalSpec | CalendarSpec, now: datetime, calendars: Calendars | None
) -> list[FieldError]:
    """An error if the rule has no run left after ``now`` (an end in the past, say)."""
    if next_fire_time(spec, None, now, calendars) is not None:
        return []
    if isinstance(spec, IntervalSpec):
        message = translate("validation", "The rule never fires: choose an end in the future")
        return [FieldError("end", message)]
    if spec.end_date is not None:
        message = translate("validation", "The rule never fires: choose an end date in the future")
        return [FieldError("end_date", message)]
    field = "crontab" if spec.crontab.strip() else "month_days"
    return [FieldError(field, translate("validation", "The rule never fires"))]
