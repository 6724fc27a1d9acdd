"""The next fire times of a spec, with the ones a DST change moves or doubles flagged.

What APScheduler 3.11 does when clocks change (checked by ``tests/core/test_schedule_preview``):

- Calendar rules (CronTrigger) at a wall-clock time a spring-forward gap skips run at the
  same offset after the gap: 02:30 in Berlin on the last Sunday of March runs at 03:30
  (note ``gap``). At a time that happens twice in autumn they run **twice**, once at each
  occurrence (both flagged ``overlap``).
- Day and week intervals (CalendarIntervalTrigger) **skip** a day whose time falls in a gap;
  the next run is flagged ``gap`` to say one was skipped just before it. In an overlap they
  run once, at the first occurrence (note ``overlap``).
- A single date in a gap runs at the same offset after it (02:30 -> 03:30, ``gap``); in an
  overlap, at the first occurrence (``overlap``).
- Minute and hour intervals count real elapsed time, so they never meet a gap; a run whose
  clock reading happens twice is flagged ``overlap``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger

from pushgui.core.schedule.build import build_trigger
from pushgui.core.schedule.spec import IntervalSpec, OnceSpec, TriggerSpec
from pushgui.core.schedule.zones import localize, wall_time_exists, wall_time_is_ambiguous, zone

Note = Literal["", "gap", "overlap"]

_TICK = timedelta(microseconds=1)
_MAX_STEPS = 100_000
"""Upper bound on trigger calls while skipping past runs (a daily rule 270 years old)."""


@dataclass(frozen=True)
class FireTime:
    """One upcoming run: ``at`` is aware, in the spec's zone; ``note`` flags DST effects.

    Python compares and subtracts two datetimes sharing a zone by wall clock, ignoring
    ``fold``: the two 02:30 runs of an autumn overlap compare equal. Convert to UTC first.
    """

    at: datetime
    note: Note = ""


def _utc(moment: datetime) -> datetime:
    # aware datetimes sharing a tzinfo compare by wall clock, ignoring fold: compare in UTC
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _now(now: datetime | None) -> datetime:
    return datetime.now(UTC) if now is None else _utc(now)


def _first_from(trigger: BaseTrigger, moment: datetime) -> datetime | None:
    """The trigger's first raw fire time at or after ``moment`` (UTC)."""
    fire: datetime | None = trigger.get_next_fire_time(None, moment)
    steps = 0
    # DateTrigger and CalendarIntervalTrigger answer from their start even if it has passed
    while fire is not None and _utc(fire) < moment and steps < _MAX_STEPS:
        fire = trigger.get_next_fire_time(fire, moment)
        steps += 1
    if fire is not None and _utc(fire) < moment:
        return None
    return fire


def _after(trigger: BaseTrigger, previous: datetime) -> datetime | None:
    """The trigger's raw fire time following the raw fire time ``previous``."""
    fire: datetime | None = trigger.get_next_fire_time(previous, previous)
    if fire is not None and _utc(fire) <= _utc(previous):
        # never loop on a trigger that does not move forward
        return _first_from(trigger, _utc(previous) + _TICK)
    return fire


def _normal(fire: datetime, tz: ZoneInfo) -> datetime:
    """A real wall-clock reading: CronTrigger can return a time a DST gap skipped."""
    return datetime.fromtimestamp(fire.timestamp(), tz)


def next_fire_time(spec: TriggerSpec, after: datetime | None, now: datetime) -> datetime | None:
    """The next run strictly after ``after`` if given, else the first at or after ``now``.

    Aware, in the spec's zone; ``None`` when the rule has no more runs. The spec must be valid.
    """
    tz = zone(spec.timezone)
    trigger = build_trigger(spec)
    moment = _utc(after) + _TICK if after is not None else _utc(now)
    fire = _first_from(trigger, moment)
    return None if fire is None else _normal(fire, tz)


def preview(spec: TriggerSpec, count: int = 5, now: datetime | None = None) -> list[FireTime]:
    """The next ``count`` runs from ``now`` (default: the current time). The spec must be valid.

    See the module docstring for what ``gap`` and ``overlap`` mean for each kind of rule.
    """
    tz = zone(spec.timezone)
    trigger = build_trigger(spec)
    start = _now(now)
    result: list[FireTime] = []
    fire = _first_from(trigger, start) if count > 0 else None
    previous_day: date | None = None
    while fire is not None:
        at = _normal(fire, tz)
        result.append(FireTime(at, _note(spec, fire, at, tz, previous_day, start)))
        if len(result) >= count:
            break
        previous_day = at.date()
        fire = _after(trigger, fire)
    return result


def _note(
    spec: TriggerSpec,
    fire: datetime,
    at: datetime,
    tz: ZoneInfo,
    previous_day: date | None,
    start: datetime,
) -> Note:
    if isinstance(spec, OnceSpec):
        wall = spec.at
    elif isinstance(spec, IntervalSpec) and spec.unit in ("days", "weeks"):
        if _skipped_in_gap(spec, tz, at.date(), previous_day, start):
            return "gap"
        wall = at
    else:
        wall = fire  # CronTrigger returns the skipped wall-clock time itself
    if not wall_time_exists(wall, tz):
        return "gap"
    if wall_time_is_ambiguous(at, tz):
        return "overlap"
    return ""


def _skipped_in_gap(
    spec: IntervalSpec, tz: ZoneInfo, day: date, previous_day: date | None, start: datetime
) -> bool:
    """Whether a day/week interval dropped a run before ``day`` because of a DST gap."""
    step = spec.every * (7 if spec.unit == "weeks" else 1)
    first = previous_day + timedelta(days=step) if previous_day else _first_due(spec, tz, start)
    candidate = first
    while candidate < day:
        wall = datetime.combine(candidate, spec.start.time())
        if not wall_time_exists(wall, tz) and _utc(localize(wall, tz)) >= start:
            return True
        candidate += timedelta(days=step)
    return False


def _first_due(spec: IntervalSpec, tz: ZoneInfo, start: datetime) -> date:
    """The first day on the interval's grid on or after the day of ``start``."""
    step = spec.every * (7 if spec.unit == "weeks" else 1)
    today = start.astimezone(tz).date()
    if today <= spec.start.date():
        return spec.start.date()
    behind = (today - spec.start.date()).days
    return today + timedelta(days=-behind % step)
