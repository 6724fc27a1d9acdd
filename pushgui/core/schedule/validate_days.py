"""Checks for the working-day, lunar and limit fields of a calendar rule, per field."""

from __future__ import annotations

from pushgui.core.errors import FieldError
from pushgui.core.schedule import lunar
from pushgui.core.schedule.spec import DAY_OFF_CHOICES, LAST, CalendarSpec
from pushgui.core.schedule.workdays import check_code
from pushgui.core.system.i18n import translate

MAX_NTH_WORKDAY = 23
"""No month has more than 23 working days."""
MAX_EVERY_WEEKS = 52
MAX_RUNS = 10_000
"""Counting 10 000 runs from the start takes about 0.2 s; more would slow every edit."""


def calendar_errors(spec: CalendarSpec) -> list[FieldError]:
    """Problems with a rule on working days or lunar dates."""
    errors: list[FieldError] = []
    if spec.day_rule == "nth_workday" and spec.nth != LAST and not 1 <= spec.nth <= MAX_NTH_WORKDAY:
        errors.append(
            FieldError(
                "nth",
                translate("validation", "Choose working day 1 to {n}, or the last").format(
                    n=MAX_NTH_WORKDAY
                ),
            )
        )
    if spec.day_rule in ("lunar_yearly", "lunar_monthly"):
        if spec.day_rule == "lunar_yearly" and not 1 <= spec.lunar_month <= 12:
            errors.append(
                FieldError(
                    "lunar_month", translate("validation", "Choose a lunar month from 1 to 12")
                )
            )
        if not 1 <= spec.lunar_day <= 30:
            errors.append(
                FieldError("lunar_day", translate("validation", "Choose a lunar day from 1 to 30"))
            )
        for name, value in (("start_date", spec.start_date), ("end_date", spec.end_date)):
            if value is not None and not lunar.FIRST_YEAR <= value.year <= lunar.LAST_YEAR:
                errors.append(
                    FieldError(
                        name,
                        translate(
                            "validation", "Lunar dates are known from {first} to {last}"
                        ).format(first=lunar.FIRST_YEAR, last=lunar.LAST_YEAR),
                    )
                )
    return errors


def limit_errors(spec: CalendarSpec) -> list[FieldError]:
    """Problems with the calendar code, day-off policy, every N weeks and run limit."""
    errors: list[FieldError] = []
    problem = check_code(spec.workdays)
    if problem:
        errors.append(FieldError("workdays", problem))
    if spec.on_day_off not in DAY_OFF_CHOICES:
        errors.append(
            FieldError("on_day_off", translate("validation", "Choose what happens on a day off"))
        )
    if not 1 <= spec.every_weeks <= MAX_EVERY_WEEKS:
        errors.append(
            FieldError(
                "every_weeks",
                translate("validation", "Choose every 1 to {n} weeks").format(n=MAX_EVERY_WEEKS),
            )
        )
    elif spec.every_weeks > 1:
        if spec.day_rule != "week_days":
            errors.append(
                FieldError(
                    "every_weeks",
                    translate("validation", "Every N weeks needs a rule on chosen weekdays"),
                )
            )
        if spec.start_date is None:
            errors.append(
                FieldError(
                    "start_date",
                    translate("validation", "Choose a start date: weeks are counted from it"),
                )
            )
    if not 0 <= spec.max_runs <= MAX_RUNS:
        errors.append(
            FieldError(
                "max_runs",
                translate("validation", "Choose from 1 to {n} runs").format(n=MAX_RUNS),
            )
        )
    elif spec.max_runs and spec.start_date is None:
        errors.append(
            FieldError(
                "start_date",
                translate("validation", "Choose a start date: runs are counted from it"),
            )
        )
    return errors
