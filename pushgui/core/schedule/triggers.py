"""APScheduler 3 triggers that treat daylight-saving changes the way people expect.

Stock APScheduler 3.11 gets two cases wrong for a reminder app:

- ``CronTrigger`` fires **twice** at a wall-clock time that a fall-back change repeats (02:30
  summer time, then 02:30 winter time), and an "every 15 minutes" rule runs the whole
  repeated hour twice.
- ``CalendarIntervalTrigger`` **skips the whole day** when its time of day falls into a
  spring-forward gap.

:class:`WallClockCronTrigger` never fires at a local wall-clock time that is not later than
the previous run's (what Vixie cron does when clocks go back: work already done in the
repeated hour is not done again). :class:`WallClockCalendarIntervalTrigger` runs on a gap day
at the shifted real time, one gap-length later (02:30 becomes 03:30), like ``CronTrigger`` and
``DateTrigger`` already do.

Jobs are pickled with a reference to their trigger's class, so these classes keep their
names and module path, and their state is exactly their parent's (no extra fields): a stored
job can be read by any version that has these classes. :class:`DayRuleTrigger` (working
days, lunar dates, every N weeks) pickles its spec's JSON form under a version number.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, cast

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.calendarinterval import CalendarIntervalTrigger
from apscheduler.triggers.cron import CronTrigger

if TYPE_CHECKING:
    from pushgui.core.schedule.workdays import Calendars

_TICK = timedelta(microseconds=1)
_MAX_JUMPS = 50
"""Bound on re-asks per call; one jump passes any ordinary overlap."""


def _wall(moment: datetime, tz: tzinfo) -> datetime:
    """The naive local wall-clock reading of a real instant (gap readings normalised)."""
    return datetime.fromtimestamp(moment.timestamp(), tz).replace(tzinfo=None)


def _normal(moment: datetime, tz: tzinfo) -> datetime:
    """The same instant as a real reading in ``tz`` (``CronTrigger`` can return gap times)."""
    return datetime.fromtimestamp(moment.timestamp(), tz)


def _last_instant(wall: datetime, tz: tzinfo) -> datetime:
    """The last real instant whose wall-clock reading in ``tz`` is ``wall`` (UTC)."""
    return wall.replace(tzinfo=tz, fold=1).astimezone(UTC)


class WallClockCronTrigger(CronTrigger):  # type: ignore[misc]
    """A ``CronTrigger`` that never runs a local wall-clock time again.

    Each fire time's local wall-clock reading is strictly later than the previous fire's: on
    a fall-back day "daily at 02:30" runs once, at the first 02:30, and "every 15 minutes"
    runs through the first pass of the repeated hour and resumes after it. A time in a
    spring-forward gap runs one gap-length later (02:30 -> 03:30), as ``CronTrigger`` does.
    Fire times are real readings in the trigger's zone, and always later than the previous
    fire time.
    """

    __slots__ = ()

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        tz = cast(tzinfo, self.timezone)
        if previous_fire_time is None:
            return self._real(super().get_next_fire_time(None, now), tz)
        previous = previous_fire_time.astimezone(UTC)
        floor = _wall(previous, tz)
        # never answer before the previous fire, even when "now" is earlier (clock set back)
        fire = super().get_next_fire_time(previous_fire_time, max(now.astimezone(UTC), previous))
        forward: datetime | None = None  # the first candidate later than previous, as a fallback
        for _ in range(_MAX_JUMPS):
            if fire is None:
                return None
            at = fire.astimezone(UTC)
            if at > previous:
                if forward is None:
                    forward = fire
                if _wall(at, tz) > floor:
                    return self._real(fire, tz)
            # ask again from just after the last time the clock reads the previous fire's time
            resume = max(_last_instant(floor, tz), at, previous) + _TICK
            fire = super().get_next_fire_time(None, resume)
        # a zone that keeps turning its clock back: give up on the wall clock, keep moving
        return self._real(forward, tz)

    @staticmethod
    def _real(fire: datetime | None, tz: tzinfo) -> datetime | None:
        return None if fire is None else _normal(fire, tz)

    def matches(self, wall: datetime) -> bool:
        """Whether the rule's fields (not its dates) select this naive wall-clock time."""
        probe = CronTrigger.__new__(CronTrigger)
        state = cast(dict[str, Any], self.__getstate__())
        probe.__setstate__({**state, "timezone": UTC, "start_date": None, "end_date": None})
        moment = wall.replace(tzinfo=UTC)
        return bool(probe.get_next_fire_time(None, moment) == moment)


class WallClockCalendarIntervalTrigger(CalendarIntervalTrigger):  # type: ignore[misc]
    """A ``CalendarIntervalTrigger`` that moves a run in a spring-forward gap instead of
    skipping its day.

    When the time of day does not exist on a due day (02:30 on a spring-forward day), the
    run happens that day one gap-length later (03:30); the next due day is counted from that
    day as usual, so 02:30 stays 02:30 afterwards. A time that happens twice runs once, at
    the first occurrence. Otherwise it behaves exactly as its parent (and keeps its quirk of
    answering ``start_date`` when there is no previous fire time, even if that has passed).
    """

    __slots__ = ()

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        tz = cast(tzinfo, self.timezone)
        wall_time = self._time.replace(tzinfo=None)
        previous = previous_fire_time.astimezone(UTC) if previous_fire_time else None
        day: date = self.start_date if previous is None else self._advance(_wall(previous, tz))
        for _ in range(_MAX_JUMPS):
            if self.end_date and day > self.end_date:
                return None
            # fold=0: a gap time is read with the offset before the change (one gap later),
            # a repeated time is its first occurrence
            stamp = datetime.combine(day, wall_time).replace(tzinfo=tz, fold=0).timestamp()
            fire = datetime.fromtimestamp(stamp, tz)
            if previous is None or fire.astimezone(UTC) > previous:
                return cast(datetime, self._apply_jitter(fire, self.jitter, now))
            day = self._advance(fire.replace(tzinfo=None))
        return None

    def _advance(self, previous: datetime) -> date:
        """The due day one interval after the day of ``previous`` (the parent's arithmetic)."""
        year, month = previous.year, previous.month
        while True:
            month += self.months
            year += self.years + (month - 1) // 12
            month = (month - 1) % 12 + 1
            try:
                next_date = date(year, month, previous.day)
            except ValueError:
                continue  # no such day in that month (31st, 29 Feb): try the next period
            return next_date + timedelta(days=self.days + self.weeks * 7)


_MAX_SCAN_DAYS = 3 * 366 + 31
"""Days searched for the next run (a yearly lunar date moved past a long holiday fits)."""


class DayRuleTrigger(BaseTrigger):  # type: ignore[misc]
    """Runs a calendar spec day by day: working days, lunar dates, every N weeks, dates to
    skip, an end after N runs (the day logic is ``days.py``).

    Times of day keep their wall-clock reading across DST as :class:`WallClockCronTrigger`
    does: a time in a spring-forward gap runs one gap-length later, a time the clocks repeat
    runs once, at the first occurrence. The pickled state is the spec's JSON form (under a
    version number), and holiday data is read when a run is computed, never pickled: a newer
    data version applies to stored jobs as soon as their next run is recomputed.
    ``calendars`` (:class:`~pushgui.core.schedule.workdays.Calendars`) is that data: handed
    in by whoever builds the trigger, and by the job store to every trigger it unpickles
    (:meth:`use_calendars`); without it the installed libraries' data, without own days.
    """

    __slots__ = ("_last_run", "_tz", "calendars", "spec")

    def __init__(self, spec: Any, calendars: Calendars | None = None) -> None:
        self._load(spec)
        self.calendars = calendars

    def _load(self, spec: Any) -> None:
        from pushgui.core.schedule.zones import zone

        self.spec = spec
        self._tz = zone(spec.timezone)
        self._last_run: datetime | bool | None = False  # False: not computed yet

    def use_calendars(self, calendars: Calendars) -> None:
        """Compute runs with ``calendars`` (the job store hands its own after loading)."""
        self.calendars = calendars
        self._last_run = False

    def __getstate__(self) -> dict[str, Any]:
        from pushgui.core.schedule.spec import trigger_to_dict

        return {"version": 1, "spec": trigger_to_dict(self.spec)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        from pushgui.core.schedule.spec import trigger_from_dict

        if state.get("version", 1) > 1:
            raise ValueError(
                f"Got serialized data for version {state['version']} of "
                f"{type(self).__name__}, but only version 1 can be handled"
            )
        self._load(trigger_from_dict(state["spec"]))
        self.calendars = None  # never pickled: the job store hands its own (use_calendars)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} ({self.spec!r})>"

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        if previous_fire_time is None:
            fire = self._next_after(now.astimezone(UTC) - _TICK, None)
        else:
            previous = previous_fire_time.astimezone(UTC)
            fire = self._next_after(previous, _wall(previous, self._tz))
        if fire is not None and self.spec.max_runs > 0:
            last = self._last()
            if last is None or fire.astimezone(UTC) > last.astimezone(UTC):
                return None
        return fire

    def _next_after(self, moment: datetime, floor: datetime | None) -> datetime | None:
        """The first run strictly after ``moment`` (UTC) whose wall clock is after ``floor``."""
        from pushgui.core.schedule.days import run_mark
        from pushgui.core.schedule.workdays import data_of

        spec = self.spec
        data = data_of(self.calendars)  # one data version for the whole search
        day = _wall(moment, self._tz).date()
        if spec.start_date and day < spec.start_date:
            day = spec.start_date
        times = sorted(set(spec.times))
        for _ in range(_MAX_SCAN_DAYS):
            if spec.end_date and day > spec.end_date:
                return None
            if day.year > 9998:
                return None
            if run_mark(spec, day, data) is not None:
                for wall_time in times:
                    wall = datetime.combine(day, wall_time)
                    stamp = wall.replace(tzinfo=self._tz, fold=0).timestamp()
                    fire = datetime.fromtimestamp(stamp, self._tz)
                    if fire.astimezone(UTC) > moment and (
                        floor is None or _wall(fire, self._tz) > floor
                    ):
                        return fire
            day += timedelta(days=1)
        return None

    def _last(self) -> datetime | None:
        """The ``max_runs``-th run counted from the start date (cached per instance)."""
        if self._last_run is not False:
            return cast(datetime | None, self._last_run)
        spec = self.spec
        start = spec.start_date or date(2001, 1, 1)
        moment = datetime.combine(start, datetime.min.time(), tzinfo=self._tz).astimezone(UTC)
        fire = self._next_after(moment - _TICK, None)
        for _ in range(spec.max_runs - 1):
            if fire is None:
                break
            fire = self._next_after(fire.astimezone(UTC), _wall(fire, self._tz))
        self._last_run = fire
        return fire
