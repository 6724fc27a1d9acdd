"""Words for rules on working days and lunar dates, and for their limits.

The sentence parts of ``describe.py`` for ``workdays``, ``nth_workday``, ``lunar_yearly``
and ``lunar_monthly`` rules, every N weeks, the day-off policy, dates to skip and an end
after N runs ("每月最后一个工作日", "每年农历八月十五", "Every 2 weeks on Mon and Thu").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from pushgui.core.schedule import lunar
from pushgui.core.schedule.spec import LAST, CalendarSpec
from pushgui.core.schedule.workdays import CHINA
from pushgui.core.system import i18n
from pushgui.core.system.i18n import translate


def calendar_label(code: str) -> str:
    """The calendar's short name inside a sentence: "China", "Mon–Fri", "DE-BY"."""
    if not code:
        return translate("describe", "Mon–Fri")
    if code.upper() == CHINA:
        return translate("describe", "China")
    return code.upper()


def _ordinal(n: int) -> str:
    if n == LAST:
        return translate("describe", "last")
    if i18n.is_chinese():
        return f"第{n}个"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def day_part(spec: CalendarSpec) -> str | None:
    """The days of a working-day or lunar rule, or ``None`` for the other rules."""
    if spec.day_rule == "workdays":
        return translate("describe", "Every working day ({calendar})").format(
            calendar=calendar_label(spec.workdays)
        )
    if spec.day_rule == "nth_workday":
        if spec.nth == LAST:
            text = translate("describe", "On the last working day of every month ({calendar})")
        else:
            text = translate("describe", "On the {nth} working day of every month ({calendar})")
        return text.format(nth=_ordinal(spec.nth), calendar=calendar_label(spec.workdays))
    if spec.day_rule == "lunar_yearly":
        return translate("describe", "Every year on lunar {month}, {day}").format(
            month=lunar.month_name(spec.lunar_month), day=lunar.day_name(spec.lunar_day)
        )
    if spec.day_rule == "lunar_monthly":
        return translate("describe", "Every lunar month on {day}").format(
            day=lunar.day_name(spec.lunar_day)
        )
    return None


def every_weeks(spec: CalendarSpec, days: str) -> str:
    """ "Every 2 weeks on Mon and Thu" from the weekday words ("Mon and Thu")."""
    return translate("describe", "Every {n} weeks on {days}").format(n=spec.every_weeks, days=days)


def limits(
    spec: CalendarSpec, date_text: Callable[[date], str], join: Callable[[Sequence[str]], str]
) -> str:
    """The day-off policy, dates to skip and run limit, each as ", ..." (or "")."""
    parts: list[str] = []
    if spec.day_rule not in ("workdays", "nth_workday") and spec.on_day_off != "run":
        calendar = calendar_label(spec.workdays)
        policy = {
            "skip": translate("describe", ", skipped on days off ({calendar})"),
            "previous": translate("describe", ", on a day off ({calendar}) the working day before"),
            "next": translate("describe", ", on a day off ({calendar}) the next working day"),
        }[spec.on_day_off]
        parts.append(policy.format(calendar=calendar))
    if spec.skip_dates:
        dates = join([date_text(d) for d in sorted(set(spec.skip_dates))])
        parts.append(translate("describe", ", except {dates}").format(dates=dates))
    if spec.max_runs:
        parts.append(translate("describe", ", {n} runs in all").format(n=spec.max_runs))
    if spec.day_rule in ("lunar_yearly", "lunar_monthly") and spec.lunar_day == 30:
        parts.append(translate("describe", " (day 29 in a short month)"))
    return "".join(parts)
