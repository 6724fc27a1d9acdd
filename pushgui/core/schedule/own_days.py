"""The company's own days off and working days: kept in the database (settings key
:data:`KEY`), exported under ``own_days`` (docs/EXPORT_FORMAT.md), and applied on top of
every working-day calendar (``workdays.Calendars.set_own_days``, on the app's calendars)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.schedule.data_check import Scheduler, Settings, reschedule
from pushgui.core.schedule.spec import TriggerSpec
from pushgui.core.schedule.workdays import Calendars, OwnDays
from pushgui.core.system.i18n import translate

KEY = "calendar.own_days"
MAX_NOTE = 100
MAX_DAYS = 5000


def to_dict(own: OwnDays) -> dict[str, Any]:
    """The JSON form: ``{"days_off": [{"date", "note"}], "working_days": [...]}``."""
    return {
        "days_off": [{"date": d.isoformat(), "note": n} for d, n in sorted(own.days_off.items())],
        "working_days": [
            {"date": d.isoformat(), "note": n} for d, n in sorted(own.working_days.items())
        ],
    }


def _days(data: Any, key: str, errors: list[FieldError]) -> dict[date, str]:
    entries = data.get(key, [])
    if not isinstance(entries, list) or len(entries) > MAX_DAYS:
        errors.append(FieldError(key, translate("own_days", "must be a list of days")))
        return {}
    days: dict[date, str] = {}
    for index, entry in enumerate(entries):
        where = f"{key}[{index}]"
        if not isinstance(entry, dict):
            errors.append(FieldError(where, translate("own_days", "must be an object")))
            continue
        note = entry.get("note", "")
        try:
            day = date.fromisoformat(entry.get("date", ""))
        except (TypeError, ValueError):
            errors.append(
                FieldError(where, translate("own_days", "must be a date such as 2026-12-24"))
            )
            continue
        if not isinstance(note, str) or len(note) > MAX_NOTE:
            errors.append(
                FieldError(
                    where,
                    translate("own_days", "The note must be text of at most {n} characters").format(
                        n=MAX_NOTE
                    ),
                )
            )
            continue
        days[day] = note
    return days


def from_dict(data: Any) -> OwnDays:
    """Read the JSON form; raises :class:`SpecError` naming each bad entry."""
    errors: list[FieldError] = []
    if not isinstance(data, dict):
        raise SpecError([FieldError("own_days", translate("own_days", "must be an object"))])
    off = _days(data, "days_off", errors)
    work = _days(data, "working_days", errors)
    errors.extend(_conflicts(off, work))
    if errors:
        raise SpecError(errors)
    return OwnDays(off, work)


def _conflicts(off: dict[date, str], work: dict[date, str]) -> list[FieldError]:
    return [
        FieldError(
            "own_days",
            translate("own_days", "{date} cannot be both a day off and a working day").format(
                date=day.isoformat()
            ),
        )
        for day in sorted(set(off) & set(work))
    ]


def merge(kept: OwnDays, imported: OwnDays) -> OwnDays:
    """The kept days plus the imported ones; raises :class:`SpecError` on a contradiction."""
    off = {**kept.days_off, **imported.days_off}
    work = {**kept.working_days, **imported.working_days}
    errors = _conflicts(off, work)
    if errors:
        raise SpecError(errors)
    return OwnDays(off, work)


def load(settings: Settings) -> OwnDays:
    """The days kept in the database (none when never set or unreadable)."""
    try:
        return from_dict(settings.get(KEY, {}))
    except SpecError:
        return OwnDays()


def apply(settings: Settings, calendars: Calendars) -> OwnDays:
    """Use the kept days in ``calendars`` from now on (at start)."""
    own = load(settings)
    calendars.set_own_days(own)
    return own


def save(
    settings: Settings,
    own: OwnDays,
    calendars: Calendars | None = None,
    scheduler: Scheduler | None = None,
    pushes: list[tuple[int, str, TriggerSpec]] | None = None,
) -> None:
    """Keep ``own``, use it in ``calendars`` (the app's; none for a command that only
    stores them), and move the next runs of the pushes it changes."""
    settings.set(KEY, to_dict(own))
    if calendars is None:
        return
    calendars.set_own_days(own)
    if scheduler is not None and pushes:
        reschedule(scheduler, pushes, calendars=calendars)


def refresh(
    settings: Settings,
    calendars: Calendars,
    scheduler: Scheduler,
    pushes: list[tuple[int, str, TriggerSpec]],
) -> bool:
    """Take up days another process stored (``pushgui import`` while this one runs): use
    them in ``calendars`` and move the next runs they change. True when they differed
    from those in use."""
    kept = load(settings)
    if kept == calendars.data.own:
        return False
    calendars.set_own_days(kept)
    if pushes:
        reschedule(scheduler, pushes, calendars=calendars)
    return True


def from_document(data: bytes | str) -> OwnDays | None:
    """The ``own_days`` of an export document, ``None`` when it has none."""
    document = json.loads(data)
    if not isinstance(document, dict) or "own_days" not in document:
        return None
    return from_dict(document["own_days"])
