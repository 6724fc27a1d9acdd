"""Quiet hours: per channel, the hours in which it may post; outside them deliveries wait.

A :class:`QuietHours` names the *open* window (say 09:00 to 18:00, Monday to Friday, in
Asia/Shanghai); a delivery due outside it is *held*: its row gets the status ``held`` and
the time the window next opens (:func:`next_open`), and the run's retry job wakes then.
The row is in the store like any other, so a held delivery survives a restart and goes
when the window opens (docs/RELIABILITY.md, "Quiet hours").

Times are wall-clock times in the window's zone, read on each date: 09:00 stays 09:00
across a DST change. A window may cross midnight (22:00 to 06:00: it opens on the days
chosen and closes the next morning). An opening time that a spring-forward gap skips opens
when the clocks jump (02:30 in a 02:00-03:00 gap opens at 03:00); in an autumn overlap it
opens at the first of the two readings. Days are weekdays, or the working days of a
calendar (:mod:`pushgui.core.schedule.workdays`, make-up working weekends included).

The setting is stored per channel in the ``settings`` table (``quiet_hours.<channel id>``,
``quiet_hours.desktop`` for reminders to oneself, which are not held unless the user asks),
so the channel configs need no new field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import update

from pushgui.core.delivery.states import HELD, QUEUED
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.schedule.workdays import Calendars, check_code, data_of, is_workday
from pushgui.core.schedule.zones import zone
from pushgui.core.store.db import Database
from pushgui.core.store.models import Delivery
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.i18n import QT_TRANSLATE_NOOP, translate

HELD_TEXT = QT_TRANSLATE_NOOP("stored", "Held by quiet hours")
KEY_PREFIX = "quiet_hours."
DESKTOP_KEY = "desktop"
#: Days searched for the next opening: a year covers any calendar with a working day in it.
SEARCH_DAYS = 400


@dataclass(frozen=True)
class QuietHours:
    """Deliveries go from ``opens`` to ``closes`` (wall clock in ``timezone``) on ``days``
    (0 = Monday), or on the working days of ``calendar`` when it is not ``None``.

    ``closes`` at or before ``opens`` means the window ends the next day.
    """

    opens: time
    closes: time
    timezone: str
    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    calendar: str | None = None

    def day_allowed(self, day: date, calendars: Calendars | None = None) -> bool:
        """Whether the window opens on ``day``; a calendar reads ``calendars`` (the app's
        working days, own days included; ``None``: the libraries')."""
        if self.calendar is not None:
            return is_workday(self.calendar, day, data_of(calendars))
        return day.weekday() in self.days

    @property
    def overnight(self) -> bool:
        return self.closes <= self.opens


def is_open(quiet: QuietHours, moment: datetime, calendars: Calendars | None = None) -> bool:
    """Whether ``moment`` (aware) is inside the window."""
    local = moment.astimezone(zone(quiet.timezone))
    wall, day = local.time().replace(tzinfo=None), local.date()
    if not quiet.overnight:
        return quiet.day_allowed(day, calendars) and quiet.opens <= wall < quiet.closes
    if quiet.day_allowed(day, calendars) and wall >= quiet.opens:
        return True
    return quiet.day_allowed(day - timedelta(days=1), calendars) and wall < quiet.closes


def _opening(quiet: QuietHours, day: date) -> datetime:
    """The first instant (UTC) on ``day`` whose wall-clock reading is ``opens`` or later."""
    tz = zone(quiet.timezone)
    wall = datetime.combine(day, quiet.opens)
    first = wall.replace(tzinfo=tz, fold=0)
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall:
        return first.astimezone(UTC)  # exists (the earlier one in an overlap)
    # In a gap: fold=1 reads it with the offset after the jump (an instant before the
    # jump), fold=0 with the one before (after the jump); the jump lies between them.
    low = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    high = first.astimezone(UTC)
    if low > high:
        low, high = high, low
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def next_open(quiet: QuietHours, moment: datetime, calendars: Calendars | None = None) -> datetime:
    """``moment`` itself when the window is open, else when it next opens (UTC).

    Raises ``ValueError`` when it never opens within :data:`SEARCH_DAYS` (no day allowed).
    """
    if is_open(quiet, moment, calendars):
        return moment.astimezone(UTC)
    today = moment.astimezone(zone(quiet.timezone)).date()
    for offset in range(SEARCH_DAYS):
        day = today + timedelta(days=offset)
        if not quiet.day_allowed(day, calendars):
            continue
        opening = _opening(quiet, day)
        if opening > moment:
            return opening
    raise ValueError("the quiet hours never open")


def held_until(
    quiet: QuietHours | None, moment: datetime, calendars: Calendars | None = None
) -> datetime | None:
    """When a delivery due at ``moment`` may go: ``None`` if now (no window, or open)."""
    if quiet is None or is_open(quiet, moment, calendars):
        return None
    return next_open(quiet, moment, calendars)


def hold(database: Database, ids: Sequence[int], until: datetime) -> None:
    """Hold the queued deliveries ``ids`` until ``until`` (one transaction)."""
    with database.session() as session:
        for offset in range(0, len(ids), 500):
            session.execute(
                update(Delivery)
                .where(Delivery.id.in_(ids[offset : offset + 500]), Delivery.status == QUEUED)
                .values(status=HELD, next_attempt_at=until, error=HELD_TEXT)
            )


# -- validation and storage ----------------------------------------------------------------


def validate_quiet(quiet: QuietHours) -> list[FieldError]:
    """Problems with ``quiet``, against the field ``quiet_hours``."""
    errors: list[FieldError] = []
    where = "quiet_hours"
    if quiet.opens == quiet.closes:
        errors.append(
            FieldError(
                where,
                translate("quiet", "Opening and closing times are the same: choose a window"),
            )
        )
    try:
        zone(quiet.timezone)
    except SpecError as exc:
        errors.append(FieldError(where, exc.errors[0].message))
    if quiet.calendar is not None:
        problem = check_code(quiet.calendar)
        if problem:
            errors.append(FieldError(where, problem))
    elif not quiet.days or not set(quiet.days) <= set(range(7)):
        errors.append(FieldError(where, translate("quiet", "Choose at least one day")))
    return errors


def quiet_to_dict(quiet: QuietHours) -> dict[str, Any]:
    out: dict[str, Any] = {
        "opens": quiet.opens.strftime("%H:%M"),
        "closes": quiet.closes.strftime("%H:%M"),
        "timezone": quiet.timezone,
        "days": list(quiet.days),
    }
    if quiet.calendar is not None:
        out["calendar"] = quiet.calendar
    return out


def quiet_from_dict(data: Any) -> QuietHours | None:
    """The stored setting, or ``None`` when it is absent or not readable (then nothing is
    held: a damaged setting must not stop a channel for good)."""
    if not isinstance(data, dict):
        return None
    try:
        days = data.get("days", [0, 1, 2, 3, 4])
        calendar = data.get("calendar")
        quiet = QuietHours(
            opens=time.fromisoformat(data["opens"]),
            closes=time.fromisoformat(data["closes"]),
            timezone=str(data["timezone"]),
            days=tuple(int(d) for d in days),
            calendar=calendar if isinstance(calendar, str) else None,
        )
    except (KeyError, TypeError, ValueError):
        return None
    return None if validate_quiet(quiet) else quiet


def quiet_key(channel_id: int | None) -> str:
    """The settings key of a channel's quiet hours (``None``: reminders to oneself)."""
    return KEY_PREFIX + (DESKTOP_KEY if channel_id is None else str(channel_id))


class QuietHoursBook:
    """The quiet hours of each channel, read and written through the settings table."""

    def __init__(self, database: Database) -> None:
        self.settings = SettingsStore(database)

    def get(self, kind: str, channel_id: int | None) -> QuietHours | None:
        return quiet_from_dict(self.settings.get(quiet_key(channel_id)))

    def set(self, kind: str, channel_id: int | None, quiet: QuietHours | None) -> None:
        """Store ``quiet`` for the channel (``None``: never held). Raises ``ValueError``
        with the first problem when it is not valid."""
        if quiet is None:
            self.settings.delete(quiet_key(channel_id))
            return
        errors = validate_quiet(quiet)
        if errors:
            raise ValueError(errors[0].message)
        self.settings.set(quiet_key(channel_id), quiet_to_dict(quiet))
