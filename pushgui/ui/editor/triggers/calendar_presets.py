"""The calendar editor's presets ("every weekday", "2nd Tuesday", "every year on 八月十五"),
the rules they stand for, and which preset shows a stored rule."""

from __future__ import annotations

from pushgui.core.schedule.spec import LAST, WEEKDAYS, CalendarSpec, DayRule

PRESETS: tuple[str, ...] = (
    "every_day",
    "weekdays",
    "workdays",
    "weekends",
    "chosen_weekdays",
    "month_days",
    "last_day",
    "nth_weekday",
    "nth_workday",
    "yearly",
    "lunar_yearly",
    "lunar_monthly",
    "crontab",
)
WORKDAY_PRESETS = ("workdays", "nth_workday")
LUNAR_PRESETS = ("lunar_yearly", "lunar_monthly")
DAY_RULE_OF: dict[str, DayRule] = {
    "workdays": "workdays",
    "nth_workday": "nth_workday",
    "lunar_yearly": "lunar_yearly",
    "lunar_monthly": "lunar_monthly",
}
WORK_DAYS = WEEKDAYS[:5]
WEEKEND = WEEKDAYS[5:]


def preset_for(spec: CalendarSpec) -> str:
    """The preset that shows ``spec``: the plainest one that says it all."""
    if spec.crontab.strip():
        return "crontab"
    if spec.day_rule in (*WORKDAY_PRESETS, *LUNAR_PRESETS):
        return spec.day_rule
    if spec.day_rule == "week_days":
        days = set(spec.week_days)
        if spec.every_weeks > 1:
            return "chosen_weekdays"
        if days == set(WORK_DAYS) and len(spec.week_days) == len(WORK_DAYS):
            return "weekdays"
        if days == set(WEEKEND) and len(spec.week_days) == len(WEEKEND):
            return "weekends"
        return "chosen_weekdays"
    if spec.day_rule == "month_days":
        if spec.month_days == (LAST,):
            return "last_day"
        if (
            len(spec.month_days) == 1
            and len(spec.months) == 1
            and 1 <= spec.month_days[0] <= 31
            and 1 <= spec.months[0] <= 12
        ):
            return "yearly"
        return "month_days"
    if spec.day_rule == "nth_weekday":
        return "nth_weekday"
    return "every_day"
