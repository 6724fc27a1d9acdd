"""Words for runs that a holiday moved or skipped, that fall on a make-up working day, or that
assume Mon–Fri because the year's holidays are not published yet (the editor's preview)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from pushgui.core.schedule.days import DayMark
from pushgui.core.schedule.spec import CalendarSpec, TriggerSpec
from pushgui.core.schedule.workdays import Calendars, unpublished_notice, unpublished_years
from pushgui.ui.i18n import format_date, readable


def mark_text(mark: DayMark | None) -> str:
    """A short note after a run's time ("moved from Thu 1 Oct: National Day")."""
    if mark is None or not mark.kind:
        return ""
    if mark.kind == "moved" and mark.original is not None:
        text = QCoreApplication.translate("RunMarks", "moved from %1: %2")
        return text.replace("%1", format_date(mark.original)).replace("%2", readable(mark.reason))
    if mark.kind == "skipped":
        return QCoreApplication.translate("RunMarks", "skipped: %1").replace(
            "%1", readable(mark.reason)
        )
    if mark.kind == "makeup":
        return QCoreApplication.translate("RunMarks", "make-up working day")
    if mark.kind == "assumed":
        return QCoreApplication.translate("RunMarks", "Mon–Fri assumed")
    return ""


def skipped_text(day: date, mark: DayMark) -> str:
    """A preview line for a day the rule skips: "Thu 1 Oct 2026 — skipped: 国庆节"."""
    return f"{format_date(day)} — {mark_text(mark)}"


def unpublished_note(spec: TriggerSpec, years: set[int], calendars: Calendars | None = None) -> str:
    """The sentence(s) for years among ``years`` whose holidays are assumed Mon–Fri."""
    if not isinstance(spec, CalendarSpec) or not spec.uses_day_rules:
        return ""
    return " ".join(
        readable(unpublished_notice(spec.workdays, y))
        for y in unpublished_years(spec.workdays, years, calendars)
    )
