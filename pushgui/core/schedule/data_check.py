"""When holiday data learns a year, recompute the runs that assumed Mon–Fri and say which moved.

China publishes a year's holidays in November or December; until an update of
``chinese-calendar`` carries them, runs in that year assume Monday to Friday. The app keeps
the years its data knew (settings key :data:`STATE_KEY`); at start :func:`check_data`
compares them with the data in use (the app's ``workdays.Calendars``; a test hands in one
with a newer version), moves each affected push's next run, and returns what moved so the
user is told.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from pushgui.core.runs import jobs
from pushgui.core.schedule.build import build_trigger
from pushgui.core.schedule.preview import next_fire_time
from pushgui.core.schedule.spec import CalendarSpec, TriggerSpec
from pushgui.core.schedule.workdays import (
    Calendars,
    ChinaData,
    HolidayData,
    data_of,
    unpublished_notice,
    unpublished_years,
    uses_published_data,
)
from pushgui.core.schedule.zones import zone

STATE_KEY = "calendar.data"
LOOK_AHEAD = timedelta(days=45)
"""How far ahead an unpublished year is announced (China publishes about 6 weeks ahead)."""


class Settings(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...
    def set(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class Moved:
    """A push whose runs changed now that its calendar knows more years."""

    push_id: int
    name: str
    dropped: tuple[datetime, ...]
    added: tuple[datetime, ...]


def data_state(calendars: Calendars | None = None) -> dict[str, Any]:
    """What the data in use knows, as stored under :data:`STATE_KEY`."""
    current = data_of(calendars)
    return {"version": current.version, "china_years": sorted(current.china.years)}


def _depends(spec: TriggerSpec) -> bool:
    return (
        isinstance(spec, CalendarSpec)
        and spec.uses_day_rules
        and uses_published_data(spec.workdays)
    )


def _runs_in(
    spec: CalendarSpec, years: Iterable[int], now: datetime, calendars: Calendars
) -> list[datetime]:
    """Every run of ``spec`` after ``now`` inside ``years``, by ``calendars``."""
    tz = zone(spec.timezone)
    trigger = build_trigger(spec, calendars)
    runs: list[datetime] = []
    for year in sorted(years):
        start = max(now, datetime.combine(date(year, 1, 1), time(0), tzinfo=tz))
        end = datetime.combine(date(year, 12, 31), time.max, tzinfo=tz)
        fire = trigger.get_next_fire_time(None, start)
        while fire is not None and fire <= end:
            runs.append(fire)
            fire = trigger.get_next_fire_time(fire, fire)
    return runs


def moved_runs(
    known_before: frozenset[int],
    pushes: Sequence[tuple[int, str, TriggerSpec]],
    now: datetime,
    calendars: Calendars | None = None,
) -> list[Moved]:
    """The pushes whose runs in newly known years differ from the Mon–Fri assumption."""
    current = data_of(calendars)
    newly = current.china.years - known_before
    if not newly:
        return []
    china = current.china
    before = HolidayData(
        f"{current.version} (as before)",
        ChinaData(china.holidays, china.makeup_days, known_before),
        current.own,
    )
    result = []
    for push_id, name, spec in pushes:
        if not isinstance(spec, CalendarSpec) or not _depends(spec):
            continue
        assumed = _runs_in(spec, newly, now, Calendars(before))
        published = _runs_in(spec, newly, now, Calendars(current))
        if assumed != published:
            result.append(
                Moved(
                    push_id,
                    name,
                    tuple(sorted(set(assumed) - set(published))),
                    tuple(sorted(set(published) - set(assumed))),
                )
            )
    return result


class Scheduler(Protocol):
    def get_job(self, job_id: str) -> Any: ...


def check_data(
    settings: Settings,
    scheduler: Scheduler,
    pushes: Sequence[tuple[int, str, TriggerSpec]],
    now: datetime | None = None,
    calendars: Calendars | None = None,
) -> list[Moved]:
    """Compare the data in use (``calendars``) with what was known last time; move the
    affected pushes' next runs (a missed run, already due, is left as it is) and return
    what moved."""
    now = now or datetime.now(UTC)
    state = data_state(calendars)
    stored = settings.get(STATE_KEY)
    if not isinstance(stored, dict) or "china_years" not in stored:
        settings.set(STATE_KEY, state)
        return []
    if stored == state:
        return []
    known = frozenset(int(y) for y in stored["china_years"])
    moved = moved_runs(known, pushes, now, calendars)
    affected = {item.push_id for item in moved}
    reschedule(scheduler, [p for p in pushes if p[0] in affected], now, calendars)
    settings.set(STATE_KEY, state)
    return moved


def reschedule(
    scheduler: Scheduler,
    pushes: Sequence[tuple[int, str, TriggerSpec]],
    now: datetime | None = None,
    calendars: Calendars | None = None,
) -> list[int]:
    """Recompute the stored next run of each push on working days (after the holiday data
    or the own days changed, in ``calendars``); a run already due is left for the
    missed-run handling. Returns the ids whose next run changed."""
    now = now or datetime.now(UTC)
    changed = []
    for push_id, _name, spec in pushes:
        if not isinstance(spec, CalendarSpec) or not spec.uses_day_rules:
            continue
        job = jobs.schedule_job(scheduler, push_id)
        if job is None or job.next_run_time is None or job.next_run_time <= now:
            continue
        following = next_fire_time(spec, None, now, calendars)
        if following is None:
            job.remove()
        elif following != job.next_run_time:
            job.modify(next_run_time=following)
        else:
            continue
        changed.append(push_id)
    return changed


def unpublished_notices(
    pushes: Iterable[tuple[TriggerSpec, datetime | None]],
    now: datetime | None = None,
    calendars: Calendars | None = None,
) -> list[str]:
    """Sentences for each unpublished year that an enabled push's next run, or the next
    :data:`LOOK_AHEAD`, reaches ("China's 2027 holidays are not published yet; ...")."""
    now = now or datetime.now(UTC)
    years: set[int] = set()
    for spec, next_run in pushes:
        if not isinstance(spec, CalendarSpec) or not _depends(spec):
            continue
        wanted = {(now + LOOK_AHEAD).year}
        if next_run is not None:
            wanted.add(next_run.year)
        years.update(unpublished_years(spec.workdays, wanted, calendars))
    return [unpublished_notice("CN", year) for year in sorted(years)]
