"""Words for rules on working days and lunar dates, and for their limits.

The sentence parts of ``describe.py`` for ``workdays``, ``nth_workday``, ``lunar_yearly``
and ``lunar_monthly`` rules, every N weeks, the day-off policy, dates to skip and an end
after N runs ("每月最后一个工作日", "每年农历八月十五", "Every 2 weeks on Mon and Thu").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from pushgui.core.schedule import lunar
from pushgui.core.schedule.describe_words import Words
from pushgui.core.schedule.spec import LAST, CalendarSpec
from pushgui.core.schedule.workdays import CHINA
from pushgui.core.system.i18n import ENGLISH, Language


def calendar_label(code: str, language: Language = ENGLISH) -> str:
    """The calendar's short name inside a sentence: "China", "Mon–Fri", "DE-BY"."""
    if not code:
        return language.translate("describe", "Mon–Fri")
    if code.upper() == CHINA:
        return language.translate("describe", "China")
    return code.upper()


def _ordinal(w: Words, n: int) -> str:
    if n == LAST:
        return w.language.translate("describe", "last")
    if w.chinese:
        return f"第{n}个"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def day_part(w: Words, spec: CalendarSpec) -> str | None:
    """The days of a working-day or lunar rule, or ``None`` for the other rules."""
    if spec.day_rule == "workdays":
        return w.language.translate("describe", "Every working day ({calendar})").format(
            calendar=calendar_label(spec.workdays, w.language)
        )
    if spec.day_rule == "nth_workday":
        if spec.nth == LAST:
            text = w.language.translate(
                "describe", "On the last working day of every month ({calendar})"
            )
        else:
            text = w.language.translate(
                "describe", "On the {nth} working day of every month ({calendar})"
            )
        return text.format(
            nth=_ordinal(w, spec.nth), calendar=calendar_label(spec.workdays, w.language)
        )
    if spec.day_rule == "lunar_yearly":
        return w.language.translate("describe", "Every year on lunar {month}, {day}").format(
            month=lunar.month_name(spec.lunar_month, w.language),
            day=lunar.day_name(spec.lunar_day, w.language),
        )
    if spec.day_rule == "lunar_monthly":
        return w.language.translate("describe", "Every lunar month on {day}").format(
            day=lunar.day_name(spec.lunar_day, w.language)
        )
    return None


def every_weeks(w: Words, spec: CalendarSpec, days: str) -> str:
    """ "Every 2 weeks on Mon and Thu" from the weekday words ("Mon and Thu")."""
    return w.language.translate("describe", "Every {n} weeks on {days}").format(
        n=spec.every_weeks, days=days
    )


def limits(
    w: Words,
    spec: CalendarSpec,
    date_text: Callable[[date], str],
    join: Callable[[Sequence[str]], str],
) -> str:
    """The day-off policy, dates to skip and run limit, each as ", ..." (or "")."""
    parts: list[str] = []
    if spec.day_rule not in ("workdays", "nth_workday") and spec.on_day_off != "run":
        calendar = calendar_label(spec.workdays, w.language)
        policy = {
            "skip": w.language.translate("describe", ", skipped on days off ({calendar})"),
            "previous": w.language.translate(
                "describe", ", on a day off ({calendar}) the working day before"
            ),
            "next": w.language.translate(
                "describe", ", on a day off ({calendar}) the next working day"
            ),
        }[spec.on_day_off]
        parts.append(policy.format(calendar=calendar))
    if spec.skip_dates:
        dates = join([date_text(d) for d in sorted(set(spec.skip_dates))])
        parts.append(w.language.translate("describe", ", except {dates}").format(dates=dates))
    if spec.max_runs:
        parts.append(w.language.translate("describe", ", {n} runs in all").format(n=spec.max_runs))
    if spec.day_rule in ("lunar_yearly", "lunar_monthly") and spec.lunar_day == 30:
        parts.append(w.language.translate("describe", " (day 29 in a short month)"))
    return "".join(parts)
