"""The next fire times of a spec, with the ones a DST change moves or repeats flagged.

What the triggers built by ``build.py`` do when clocks change (checked by
``tests/core/test_dst.py`` and ``tests/core/test_schedule_preview.py``):

- Calendar rules (``WallClockCronTrigger``) at a wall-clock time a spring-forward gap skips
  run once, one gap-length later: 02:30 in Berlin on the last Sunday of March runs at 03:30
  (note ``gap``). At a time that happens twice in autumn they run **once**, at the first
  occurrence (note ``overlap``); a rule that runs several times an hour runs through the
  first pass of the repeated hour and resumes after it, never repeating a clock reading.
- Day and week intervals (``WallClockCalendarIntervalTrigger``) whose time falls in a gap run
  that day one gap-length later (02:30 -> 03:30, ``gap``) and at the usual time afterwards;
  in an overlap they run once, at the first occurrence (``overlap``).
- A single date in a gap runs one gap-length later (02:30 -> 03:30, ``gap``); in an
  overlap, at the first occurrence (``overlap``).
- Minute and hour intervals count real elapsed time, so they never meet a gap; a run whose
  clock reading happens twice is flagged ``overlap`` (both such runs happen: they are an
  interval apart in real time).

So ``gap`` always means "moved forward by the gap" and ``overlap`` means "this clock reading
happens twice"; only minute and hour intervals can have a run at each of the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger

from pushgui.core.schedule.build import build_trigger
from pushgui.core.schedule.days import DayMark, run_mark, skip_mark
from pushgui.core.schedule.spec import CalendarSpec, IntervalSpec, OnceSpec, TriggerSpec
from pushgui.core.schedule.triggers import DayRuleTrigger, WallClockCronTrigger
from pushgui.core.schedule.workdays import Calendars, data_of
from pushgui.core.schedule.zones import wall_time_exists, wall_time_is_ambiguous, zone

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
    mark: DayMark | None = None
    """For rules on working days: moved by a holiday, on a make-up day, or assumed Mon–Fri."""


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


def next_fire_time(
    spec: TriggerSpec, after: datetime | None, now: datetime, calendars: Calendars | None = None
) -> datetime | None:
    """The next run strictly after ``after`` if given, else the first at or after ``now``.

    Aware, in the spec's zone; ``None`` when the rule has no more runs. The spec must be valid.
    For a calendar rule ``after`` counts as its previous run, so a wall-clock time the clocks
    repeat does not run again (as the scheduler's trigger does); ``after`` need not be one of
    the rule's own times. Rules on working days read ``calendars`` (see ``build_trigger``).
    """
    tz = zone(spec.timezone)
    trigger = build_trigger(spec, calendars)
    if after is not None and isinstance(spec, CalendarSpec):
        fire = _after(trigger, _utc(after))
    else:
        moment = _utc(after) + _TICK if after is not None else _utc(now)
        fire = _first_from(trigger, moment)
    return None if fire is None else _normal(fire, tz)


def preview(
    spec: TriggerSpec,
    count: int = 5,
    now: datetime | None = None,
    calendars: Calendars | None = None,
) -> list[FireTime]:
    """The next ``count`` runs from ``now`` (default: the current time). The spec must be valid.

    Each run is the trigger's answer given the run before it, exactly as the scheduler asks.
    See the module docstring for what ``gap`` and ``overlap`` mean for each kind of rule.
    """
    tz = zone(spec.timezone)
    trigger = build_trigger(spec, calendars)
    data = data_of(calendars)
    start = _now(now)
    result: list[FireTime] = []
    fire = _first_from(trigger, start) if count > 0 else None
    while fire is not None:
        at = _normal(fire, tz)
        mark = None
        if isinstance(spec, CalendarSpec) and spec.uses_day_rules:
            mark = run_mark(spec, at.date(), data)
        result.append(
            FireTime(at, _note(spec, trigger, at, tz), mark if mark and mark.kind else None)
        )
        if len(result) >= count:
            break
        fire = _after(trigger, fire)
    return result


def _note(spec: TriggerSpec, trigger: BaseTrigger, at: datetime, tz: ZoneInfo) -> Note:
    if isinstance(spec, OnceSpec):
        moved = not wall_time_exists(spec.at, tz)
    elif isinstance(spec, IntervalSpec) and spec.unit in ("days", "weeks"):
        wanted = datetime.combine(at.date(), spec.start.time())
        moved = not wall_time_exists(wanted, tz)
    elif isinstance(spec, CalendarSpec):
        moved = _moved_by_gap(trigger, at, tz)
    else:
        moved = False  # minutes and hours: exact elapsed time
    if moved:
        return "gap"
    if wall_time_is_ambiguous(at, tz):
        return "overlap"
    return ""


def skipped_days(
    spec: TriggerSpec, first: date, last: date, calendars: Calendars | None = None
) -> list[tuple[date, DayMark]]:
    """Days from ``first`` to ``last`` that the rule picks but skips or moves away from, with
    why ("skipped: 国庆节"), for the preview; empty for rules without working days."""
    if not isinstance(spec, CalendarSpec) or not spec.uses_day_rules:
        return []
    result = []
    day = first
    data = data_of(calendars)
    while day <= last:
        mark = skip_mark(spec, day, data)
        if mark is not None:
            result.append((day, mark))
        day += timedelta(days=1)
    return result


def _moved_by_gap(trigger: BaseTrigger, at: datetime, tz: ZoneInfo) -> bool:
    """Whether a calendar rule's run at ``at`` is a time a gap skipped, moved forward.

    Such a run is read with the offset in force before the change: that wall time does not
    exist and the rule selects it.
    """
    moment = _utc(at)
    before = (moment - timedelta(days=1)).astimezone(tz).utcoffset()
    now_offset = at.utcoffset()
    if before is None or now_offset is None or before >= now_offset:
        return False  # no spring-forward change within the day before this run
    wanted = (moment + before).replace(tzinfo=None)
    if wall_time_exists(wanted, tz):
        return False
    if isinstance(trigger, DayRuleTrigger):
        return wanted.date() == at.date() and wanted.time() in trigger.spec.times
    parts = trigger.triggers if isinstance(trigger, OrTrigger) else [trigger]
    return any(isinstance(t, WallClockCronTrigger) and t.matches(wanted) for t in parts)
