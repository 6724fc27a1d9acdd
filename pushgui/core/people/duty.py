"""Duty rotation: who is on duty for a run, the ``${on_duty}`` (``${值班人}``) placeholder.

A :class:`Rotation` is part of a push's spec: the people in turn order (contact ids, taken
from a group in the editor), the day the first of them is on duty, whether turns advance
every day or every week, optionally only on working days of a calendar
(:mod:`pushgui.core.schedule.workdays`), and swaps (someone takes the turn on one date).

Who is on duty is a pure function of the rotation and the run's due date (local to the
push): nothing is counted or stored when a message is sent. A retried run, a run sent late
after a crash, or the editor's preview all name the same person for the same date, and a
run that was never sent does not shift anybody's turn (docs/RELIABILITY.md, "Duty
rotation").

With working days, a day off keeps the person of the working day before it; the next
working day (a make-up working weekend included) moves the turn on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pushgui.core.errors import FieldError
from pushgui.core.schedule.workdays import (
    Calendars,
    HolidayData,
    check_code,
    data_of,
    is_workday,
)
from pushgui.core.system.i18n import translate

#: The placeholder names, English and Chinese (both always work).
PLACEHOLDERS = ("on_duty", "值班人")

Per = Literal["day", "week"]
PERS: tuple[Per, ...] = ("day", "week")
#: People in one rotation, and swaps kept, at most (a rotation is a team, not a directory).
MAX_PEOPLE = 500
MAX_SWAPS = 1000


@dataclass(frozen=True)
class Swap:
    """On ``day``, ``contact_id`` is on duty instead of whoever's turn it is."""

    day: date
    contact_id: int


@dataclass(frozen=True)
class Rotation:
    """People take turns in ``order``; ``order[0]`` is on duty on ``start``.

    ``calendar``: ``None`` counts every day (or week); a calendar code (``""`` for Monday
    to Friday, ``"CN"`` for China with its make-up working days, ``"DE-BY"``...) counts
    only working days (or weeks with at least one working day).
    """

    order: tuple[int, ...]
    start: date
    per: Per = "day"
    calendar: str | None = None
    swaps: tuple[Swap, ...] = ()
    group_id: int | None = None  # where the editor took the order from (display only)


def turn(rotation: Rotation, day: date, calendars: Calendars | None = None) -> int:
    """How many turns ``day`` is after ``rotation.start`` (negative before it), with the
    working days of ``calendars`` (the app's, own days included; ``None``: the libraries')."""
    data = data_of(calendars)
    if day >= rotation.start:
        return _advances(rotation, rotation.start, day, data)
    return -_advances(rotation, day, rotation.start, data)


def _advances(rotation: Rotation, first: date, last: date, data: HolidayData) -> int:
    """Turn changes in ``(first, last]``: working days (or weeks) after ``first``."""
    code = rotation.calendar
    if rotation.per == "week":
        week = first - timedelta(days=first.weekday())
        end = last - timedelta(days=last.weekday())
        count = 0
        while week < end:
            week += timedelta(days=7)
            days = (week + timedelta(days=n) for n in range(7))
            if code is None or any(is_workday(code, d, data) for d in days):
                count += 1
        return count
    if code is None:
        return (last - first).days
    days = (first + timedelta(days=n) for n in range(1, (last - first).days + 1))
    return sum(1 for day in days if is_workday(code, day, data))


def on_duty(rotation: Rotation, day: date, calendars: Calendars | None = None) -> int | None:
    """The contact id on duty on ``day`` (a swap first); ``None`` for an empty rotation."""
    for swap in rotation.swaps:
        if swap.day == day:
            return swap.contact_id
    if not rotation.order:
        return None
    return rotation.order[turn(rotation, day, calendars) % len(rotation.order)]


def duty_values(
    rotation: Rotation | None,
    day: date,
    names: Mapping[int, str],
    calendars: Calendars | None = None,
) -> dict[str, str]:
    """The placeholder values for a run due on ``day`` (empty without a rotation)."""
    if rotation is None:
        return {}
    person = on_duty(rotation, day, calendars)
    if person is None:
        return {}
    name = names.get(person)
    if name is None:
        name = translate("duty", "(a removed contact)")
    return dict.fromkeys(PLACEHOLDERS, name)


def people(rotation: Rotation | None) -> set[int]:
    """Every contact the rotation can name."""
    if rotation is None:
        return set()
    return {*rotation.order, *(s.contact_id for s in rotation.swaps)}


def upcoming(
    rotation: Rotation,
    due: Iterable[datetime],
    names: Mapping[int, str],
    calendars: Calendars | None = None,
) -> list[tuple[datetime, str]]:
    """Who is on duty at each of the ``due`` times (local to the push): the preview."""
    return [
        (when, duty_values(rotation, when.date(), names, calendars).get("on_duty", ""))
        for when in due
    ]


def validate_rotation(rotation: Rotation, known: set[int] | None) -> list[FieldError]:
    """Problems with ``rotation``; ``known`` are the contact ids that exist (None: unchecked)."""
    where = "duty"
    errors: list[FieldError] = []
    if not rotation.order:
        errors.append(
            FieldError(f"{where}.order", translate("duty", "Choose who takes turns on duty"))
        )
    elif len(set(rotation.order)) != len(rotation.order):
        errors.append(
            FieldError(f"{where}.order", translate("duty", "Each person takes one place in turn"))
        )
    elif len(rotation.order) > MAX_PEOPLE:
        errors.append(
            FieldError(
                f"{where}.order",
                translate("duty", "Keep the rotation under {n} people").format(n=MAX_PEOPLE),
            )
        )
    if rotation.calendar:
        problem = check_code(rotation.calendar)
        if problem:
            errors.append(FieldError(f"{where}.calendar", problem))
    days = [s.day for s in rotation.swaps]
    if len(set(days)) != len(days):
        errors.append(
            FieldError(f"{where}.swaps", translate("duty", "One swap per date: remove the other"))
        )
    if len(days) > MAX_SWAPS:
        errors.append(
            FieldError(
                f"{where}.swaps",
                translate("duty", "Keep under {n} swaps; remove past ones").format(n=MAX_SWAPS),
            )
        )
    if known is not None:
        missing = sorted(people(rotation) - known)
        if missing:
            errors.append(
                FieldError(
                    f"{where}.order",
                    translate("duty", "Someone in the rotation was removed from the contacts"),
                )
            )
    return errors


def rotation_to_dict(rotation: Rotation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "order": list(rotation.order),
        "start": rotation.start.isoformat(),
        "per": rotation.per,
    }
    if rotation.calendar is not None:
        out["calendar"] = rotation.calendar
    if rotation.swaps:
        out["swaps"] = [
            {"day": s.day.isoformat(), "contact_id": s.contact_id} for s in rotation.swaps
        ]
    if rotation.group_id is not None:
        out["group_id"] = rotation.group_id
    return out


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def rotation_from_dict(data: Any, errors: list[FieldError]) -> Rotation | None:
    """The rotation of a stored spec (``None`` when absent); shape problems go to ``errors``."""
    if data is None:
        return None
    bad = len(errors)
    if not isinstance(data, dict):
        errors.append(FieldError("duty", translate("specs", "must be an object")))
        return None
    order = data.get("order")
    if not isinstance(order, list) or not all(_whole(v) for v in order):
        errors.append(
            FieldError("duty.order", translate("specs", "must be a list of whole numbers"))
        )
        order = []
    start = _day(data.get("start"))
    if start is None:
        errors.append(FieldError("duty.start", translate("duty", "must be a date (YYYY-MM-DD)")))
    per = data.get("per", "day")
    if per not in PERS:
        errors.append(FieldError("duty.per", translate("duty", "must be day or week")))
    calendar = data.get("calendar")
    if calendar is not None and not isinstance(calendar, str):
        errors.append(FieldError("duty.calendar", translate("specs", "must be text")))
    group_id = data.get("group_id")
    if group_id is not None and not _whole(group_id):
        errors.append(FieldError("duty.group_id", translate("specs", "must be a whole number")))
    swaps: list[Swap] = []
    raw = data.get("swaps", [])
    if not isinstance(raw, list):
        errors.append(FieldError("duty.swaps", translate("specs", "must be a list")))
        raw = []
    for index, item in enumerate(raw):
        day = _day(item.get("day")) if isinstance(item, dict) else None
        who = item.get("contact_id") if isinstance(item, dict) else None
        if day is None or not isinstance(who, int) or isinstance(who, bool):
            errors.append(
                FieldError(
                    f"duty.swaps[{index}]",
                    translate("duty", "must be a date and a contact id"),
                )
            )
            continue
        swaps.append(Swap(day, who))
    if len(errors) != bad or start is None:
        return None
    return Rotation(
        order=tuple(order),
        start=start,
        per=per,
        calendar=calendar,
        swaps=tuple(swaps),
        group_id=group_id,
    )


def with_swap(rotation: Rotation, day: date, contact_id: int) -> Rotation:
    """``rotation`` with ``contact_id`` on duty on ``day`` (replacing a swap on that date)."""
    kept: Sequence[Swap] = [s for s in rotation.swaps if s.day != day]
    swaps = tuple(sorted([*kept, Swap(day, contact_id)], key=lambda s: s.day))
    return Rotation(
        rotation.order, rotation.start, rotation.per, rotation.calendar, swaps, rotation.group_id
    )
