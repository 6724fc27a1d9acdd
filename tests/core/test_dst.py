"""Daylight-saving changes: every rule runs once, never twice, never gets stuck.

Berlin: forward 02:00 -> 03:00 on 29 Mar 2026, back 03:00 -> 02:00 on 25 Oct 2026.
New York: forward 02:00 -> 03:00 on 8 Mar 2026, back 02:00 -> 01:00 on 1 Nov 2026
(so there 01:30, not 02:30, is the time that happens twice).
Sydney: forward 02:00 -> 03:00 on 4 Oct 2026, back 03:00 -> 02:00 on 5 Apr 2026.

The triggers are driven the way APScheduler drives them: ``get_next_fire_time(previous,
now)`` with the previous fire time, and ``now`` pinned; nothing sleeps.
"""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from apscheduler.events import EVENT_JOB_SUBMITTED, JobSubmissionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers import base as scheduler_base
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.calendarinterval import CalendarIntervalTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger

from pushgui.core.schedule.build import build_trigger
from pushgui.core.schedule.preview import next_fire_time, preview
from pushgui.core.schedule.spec import CalendarSpec, IntervalSpec, OnceSpec, TriggerSpec
from pushgui.core.schedule.triggers import WallClockCalendarIntervalTrigger, WallClockCronTrigger


@dataclass(frozen=True)
class Zone:
    name: str
    spring: date  # clocks go forward, 02:00 -> 03:00
    fall: date  # clocks go back
    repeated: time  # a time of day that happens twice on the fall day

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.name)


ZONES = [
    Zone("Europe/Berlin", date(2026, 3, 29), date(2026, 10, 25), time(2, 30)),
    Zone("America/New_York", date(2026, 3, 8), date(2026, 11, 1), time(1, 30)),
    Zone("Australia/Sydney", date(2026, 10, 4), date(2026, 4, 5), time(2, 30)),
]
IDS = [z.name for z in ZONES]


def _utc(moment: datetime) -> datetime:
    # aware datetimes sharing a zone compare by wall clock, ignoring fold: compare in UTC
    return moment.astimezone(UTC)


def _start_of(day: date, tz: ZoneInfo, days_before: int = 2) -> datetime:
    return datetime.combine(day - timedelta(days=days_before), time(0), tzinfo=tz).astimezone(UTC)


def _drive(trigger: Any, now: datetime, until: datetime) -> list[datetime]:
    """Fire times as the scheduler asks for them, from ``now`` until ``until`` (UTC)."""
    fires: list[datetime] = []
    fire = trigger.get_next_fire_time(None, now)
    while fire is not None and _utc(fire) < now:
        # CalendarIntervalTrigger answers its start date first, even when it has passed
        fire = trigger.get_next_fire_time(fire, now)
    for _ in range(5000):
        if fire is None or _utc(fire) > until:
            break
        assert not fires or _utc(fire) > _utc(fires[-1]), "fire times must move forward"
        fires.append(fire)
        fire = trigger.get_next_fire_time(fire, fire)
    return fires


def _by_day(fires: list[datetime], tz: ZoneInfo) -> dict[date, list[str]]:
    days: dict[date, list[str]] = {}
    for fire in fires:
        local = fire.astimezone(tz)
        days.setdefault(local.date(), []).append(local.isoformat())
    return days


def _iso(day: date, wall: time, tz: ZoneInfo) -> str:
    return datetime.combine(day, wall, tzinfo=tz).isoformat()


def _gap_shifted(day: date, tz: ZoneInfo) -> str:
    """02:30 on a spring-forward day, as it really happens: 03:30 summer time."""
    return _iso(day, time(3, 30), tz)


# --- daily at 02:30 (calendar rule) and every day at 02:30 (interval) ----------------------


def _daily_specs(z: Zone, wall: time) -> list[TriggerSpec]:
    return [
        CalendarSpec(timezone=z.name, times=(wall,)),
        IntervalSpec(
            every=1, unit="days", start=datetime.combine(date(2026, 1, 1), wall), timezone=z.name
        ),
    ]


@pytest.mark.parametrize("z", ZONES, ids=IDS)
@pytest.mark.parametrize("kind", ["calendar", "interval"])
def test_daily_half_past_two_on_the_spring_day_runs_once_after_the_gap(z: Zone, kind: str) -> None:
    spec = _daily_specs(z, time(2, 30))[kind == "interval"]
    now = _start_of(z.spring, z.tz)
    fires = _drive(build_trigger(spec), now, now + timedelta(days=5))
    days = _by_day(fires, z.tz)
    assert all(len(runs) == 1 for runs in days.values())
    assert len(days) == 5
    assert days[z.spring] == [_gap_shifted(z.spring, z.tz)]
    # the days around it keep 02:30
    for offset in (-1, 1, 2):
        other = z.spring + timedelta(days=offset)
        assert days[other] == [datetime.combine(other, time(2, 30), tzinfo=z.tz).isoformat()]
    # preview and next_fire_time say the same, and flag the moved run
    shown = preview(spec, 5, now)
    assert [f.at for f in shown] == fires
    assert [f.note for f in shown] == ["", "", "gap", "", ""]
    assert next_fire_time(spec, fires[1], now) == fires[2]
    assert next_fire_time(spec, fires[2], now) == fires[3]


@pytest.mark.parametrize("z", ZONES, ids=IDS)
@pytest.mark.parametrize("kind", ["calendar", "interval"])
@pytest.mark.parametrize("wall", [time(2, 30), "repeated"])
def test_daily_run_in_the_repeated_hour_runs_once_at_the_first(
    z: Zone, kind: str, wall: time | str
) -> None:
    at = z.repeated if wall == "repeated" else wall
    assert isinstance(at, time)
    spec = _daily_specs(z, at)[kind == "interval"]
    now = _start_of(z.fall, z.tz)
    fires = _drive(build_trigger(spec), now, now + timedelta(days=5))
    days = _by_day(fires, z.tz)
    assert len(days) == 5 and all(len(runs) == 1 for runs in days.values())
    (fall_run,) = (f.astimezone(z.tz) for f in fires if f.astimezone(z.tz).date() == z.fall)
    assert fall_run.time() == at and fall_run.fold == 0
    ambiguous = at == z.repeated
    # when it happens twice, the first occurrence: still summer time, as the day before
    same_as = z.fall - timedelta(days=1) if ambiguous else z.fall + timedelta(days=1)
    assert fall_run.utcoffset() == datetime.combine(same_as, at, tzinfo=z.tz).utcoffset()
    shown = preview(spec, 5, now)
    assert [f.at for f in shown] == fires
    assert [f.note for f in shown] == ["", "", "overlap" if ambiguous else "", "", ""]
    assert next_fire_time(spec, fires[2], now) == fires[3]


@pytest.mark.parametrize("z", ZONES, ids=IDS)
def test_weekly_interval_on_the_spring_day_runs_after_the_gap(z: Zone) -> None:
    start = datetime.combine(z.spring - timedelta(days=14), time(2, 30))
    spec = IntervalSpec(every=1, unit="weeks", start=start, timezone=z.name)
    fires = [f.at.isoformat() for f in preview(spec, 4, _utc(start.replace(tzinfo=z.tz)))]
    assert fires[2] == _gap_shifted(z.spring, z.tz)
    assert [f[11:16] for f in fires] == ["02:30", "02:30", "03:30", "02:30"]


# --- every 15 minutes ------------------------------------------------------------------------


@pytest.mark.parametrize("z", ZONES, ids=IDS)
def test_every_quarter_hour_never_repeats_a_wall_time_and_goes_on(z: Zone) -> None:
    spec = CalendarSpec(timezone=z.name, crontab="*/15 * * * *")
    now = _start_of(z.fall, z.tz, days_before=1)
    fires = _drive(build_trigger(spec), now, now + timedelta(days=3))
    walls = [f.astimezone(z.tz).replace(tzinfo=None) for f in fires]
    assert all(a < b for a, b in pairwise(walls)), "wall-clock readings must only increase"
    assert all(_utc(a) < _utc(b) for a, b in pairwise(fires))
    # every quarter hour of the fall day's clock exactly once: 96, though the day is 25 h long
    on_fall_day = [w for w in walls if w.date() == z.fall]
    assert len(on_fall_day) == len(set(on_fall_day)) == 96
    # runs through the first pass of the repeated hour, then waits an hour and goes on
    repeated = datetime.combine(z.fall, z.repeated)
    last_first_pass = repeated.replace(minute=45)
    i = walls.index(last_first_pass)
    assert _utc(fires[i + 1]) - _utc(fires[i]) == timedelta(hours=1, minutes=15)
    assert walls[i + 1] == last_first_pass + timedelta(minutes=15)
    assert fires[i].astimezone(z.tz).fold == 0
    assert len([w for w in walls if w.date() == z.fall - timedelta(days=1)]) == 96


@pytest.mark.parametrize("z", ZONES, ids=IDS)
def test_every_quarter_hour_on_the_spring_day(z: Zone) -> None:
    spec = CalendarSpec(timezone=z.name, crontab="*/15 * * * *")
    start = datetime.combine(z.spring, time(1, 0), tzinfo=z.tz)
    shown = preview(spec, 12, _utc(start))
    fires = [f.at for f in shown]
    assert [f.strftime("%H:%M") for f in fires] == [
        "01:00", "01:15", "01:30", "01:45",
        "03:00", "03:15", "03:30", "03:45",
        "04:00", "04:15", "04:30", "04:45",
    ]  # fmt: skip
    assert {_utc(b) - _utc(a) for a, b in pairwise(fires)} == {timedelta(minutes=15)}
    # 03:00 .. 03:45 are the runs the gap skipped, moved forward by it
    assert [f.note for f in shown] == [""] * 4 + ["gap"] * 4 + [""] * 4


def test_several_times_in_the_repeated_hour_each_run_once() -> None:
    """An OrTrigger of two WallClockCronTriggers: 01:30, 02:30, 02:45 on the fall day."""
    spec = CalendarSpec(timezone="Europe/Berlin", times=(time(1, 30), time(2, 30), time(2, 45)))
    trigger = build_trigger(spec)
    assert isinstance(trigger, OrTrigger)
    assert all(type(t) is WallClockCronTrigger for t in trigger.triggers)
    shown = preview(spec, 5, datetime(2026, 10, 24, 22, tzinfo=UTC))
    assert [f"{f.at.isoformat()} {f.note}".strip() for f in shown] == [
        "2026-10-25T01:30:00+02:00",
        "2026-10-25T02:30:00+02:00 overlap",
        "2026-10-25T02:45:00+02:00 overlap",
        "2026-10-26T01:30:00+01:00",
        "2026-10-26T02:30:00+01:00",
    ]


# --- once, and exact intervals ----------------------------------------------------------------


@pytest.mark.parametrize("z", ZONES, ids=IDS)
def test_once_in_the_gap_runs_after_it(z: Zone) -> None:
    spec = OnceSpec(at=datetime.combine(z.spring, time(2, 30)), timezone=z.name)
    now = _start_of(z.spring, z.tz)
    fires = _drive(build_trigger(spec), now, now + timedelta(days=5))
    assert [f.astimezone(z.tz).isoformat() for f in fires] == [_gap_shifted(z.spring, z.tz)]
    assert [f.note for f in preview(spec, 5, now)] == ["gap"]


@pytest.mark.parametrize("z", ZONES, ids=IDS)
def test_once_in_the_repeated_hour_runs_at_the_first(z: Zone) -> None:
    spec = OnceSpec(at=datetime.combine(z.fall, z.repeated), timezone=z.name)
    now = _start_of(z.fall, z.tz)
    (fire,) = _drive(build_trigger(spec), now, now + timedelta(days=5))
    assert fire.astimezone(z.tz).fold == 0 and fire.astimezone(z.tz).time() == z.repeated


@pytest.mark.parametrize("z", ZONES, ids=IDS)
@pytest.mark.parametrize("which", ["spring", "fall"])
def test_hourly_interval_is_exactly_an_hour_apart(z: Zone, which: str) -> None:
    day = z.spring if which == "spring" else z.fall
    spec = IntervalSpec(every=1, unit="hours", start=datetime(2026, 1, 1, 0, 30), timezone=z.name)
    now = _start_of(day, z.tz, days_before=1)
    fires = _drive(build_trigger(spec), now, now + timedelta(days=3))
    assert len(fires) == 72
    assert {_utc(b) - _utc(a) for a, b in pairwise(fires)} == {timedelta(hours=1)}
    # so on the fall day the repeated hour's clock reading comes twice, an hour apart
    readings = Counter(f.astimezone(z.tz).replace(tzinfo=None) for f in fires)
    twice = [w for w, n in readings.items() if n == 2]
    assert twice == ([datetime.combine(day, z.repeated)] if which == "fall" else [])


# --- robustness -------------------------------------------------------------------------------


@pytest.mark.parametrize("z", ZONES, ids=IDS)
def test_never_answers_before_the_previous_fire_even_if_now_is_earlier(z: Zone) -> None:
    """A clock set back (or "now" taken before the previous run) must not rerun anything."""
    for spec in _daily_specs(z, z.repeated):
        trigger = build_trigger(spec)
        previous = datetime.combine(z.fall, z.repeated, tzinfo=z.tz)
        for now in (previous - timedelta(days=3), previous, previous + timedelta(hours=1)):
            fire = trigger.get_next_fire_time(previous, now)
            assert fire is not None and _utc(fire) > _utc(previous)
            assert fire.astimezone(z.tz).date() == z.fall + timedelta(days=1)


def test_a_fall_back_of_more_than_a_day_still_moves_forward() -> None:
    """A zone that turns its clock back a whole day (Alaska, 1867) gives no wall time later
    than the previous fire for a day: the trigger still answers, later than the previous."""
    tz = ZoneInfo("America/Sitka")
    trigger = WallClockCronTrigger(minute="0", timezone=tz)
    previous = datetime(1867, 10, 18, 12, tzinfo=UTC)
    fire = trigger.get_next_fire_time(previous, previous)
    assert fire is not None and _utc(fire) > previous


def test_the_stock_triggers_do_what_the_subclasses_fix() -> None:
    """Guards the reason for the subclasses: if APScheduler changes, revisit triggers.py."""
    berlin = ZoneInfo("Europe/Berlin")
    cron = CronTrigger(hour=2, minute=30, timezone=berlin)
    first = cron.get_next_fire_time(None, datetime(2026, 10, 24, 12, tzinfo=UTC))
    second = cron.get_next_fire_time(first, first)
    assert first.date() == second.date() == date(2026, 10, 25)  # twice the same day
    interval = CalendarIntervalTrigger(
        days=1, hour=2, minute=30, start_date=date(2026, 3, 28), timezone=berlin
    )
    first = interval.get_next_fire_time(None, datetime(2026, 3, 27, tzinfo=UTC))
    assert interval.get_next_fire_time(first, first).date() == date(2026, 3, 30)  # 29th skipped


# --- pickling and a real scheduler --------------------------------------------------------------

PICKLED_SPECS: list[TriggerSpec] = [
    CalendarSpec(timezone="Europe/Berlin", times=(time(2, 30),)),
    CalendarSpec(timezone="Europe/Berlin", times=(time(1, 30), time(2, 45))),
    CalendarSpec(timezone="Australia/Sydney", crontab="*/15 * * * *"),
    IntervalSpec(
        every=1, unit="days", start=datetime(2026, 1, 1, 2, 30), timezone="America/New_York"
    ),
]


@pytest.mark.parametrize("spec", PICKLED_SPECS)
def test_triggers_pickle_by_their_stable_class_path(spec: TriggerSpec) -> None:
    trigger = build_trigger(spec)
    data = pickle.dumps(trigger, pickle.HIGHEST_PROTOCOL)
    assert b"pushgui.core.schedule.triggers" in data
    copy = pickle.loads(data)
    assert type(copy) is type(trigger)
    now = datetime(2026, 3, 1, tzinfo=UTC)
    assert _drive(copy, now, now + timedelta(days=40)) == _drive(
        trigger, now, now + timedelta(days=40)
    )


def test_state_is_the_parents_so_stock_and_new_state_load_either_way() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    stock = CronTrigger(hour=2, minute=30, timezone=berlin)
    ours = WallClockCronTrigger.__new__(WallClockCronTrigger)
    ours.__setstate__(stock.__getstate__())
    assert ours.__getstate__() == stock.__getstate__()
    assert not hasattr(ours, "__dict__")  # slots only: nothing extra to pickle
    stock_interval = CalendarIntervalTrigger(
        days=1, hour=2, minute=30, start_date=date(2026, 1, 1), timezone=berlin
    )
    ours_interval = WallClockCalendarIntervalTrigger.__new__(WallClockCalendarIntervalTrigger)
    ours_interval.__setstate__(stock_interval.__getstate__())
    assert ours_interval.__getstate__() == stock_interval.__getstate__()


class _PinnedScheduler(BackgroundScheduler):
    """A real BackgroundScheduler whose passes the test runs itself, with ``now`` pinned."""

    def _main_loop(self) -> None:
        return None  # no thread loop: passes run when the test calls _process_jobs


class _PinnedClock(datetime):
    moment = datetime(2026, 1, 1, tzinfo=UTC)

    @classmethod
    def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
        return cls.moment.astimezone(tz) if tz is not None else cls.moment


def _run_scheduler(
    tmp_path: Any,
    monkeypatch: pytest.MonkeyPatch,
    spec: TriggerSpec,
    passes: list[datetime],
) -> list[datetime]:
    """Add a job with the spec's trigger to a SQLite job store and run one scheduler pass
    at each instant of ``passes``; the run times the scheduler submitted, in order."""
    monkeypatch.setattr(scheduler_base, "datetime", _PinnedClock)
    _PinnedClock.moment = passes[0]
    scheduler = _PinnedScheduler(
        timezone=UTC,
        jobstores={"default": SQLAlchemyJobStore(url=f"sqlite:///{tmp_path / 'jobs.sqlite'}")},
        executors={"default": ThreadPoolExecutor(2)},
    )
    submitted: list[datetime] = []

    def record(event: JobSubmissionEvent) -> None:
        submitted.extend(event.scheduled_run_times)

    scheduler.add_listener(record, EVENT_JOB_SUBMITTED)
    scheduler.start()
    try:
        first = next_fire_time(spec, None, passes[0])
        scheduler.add_job(
            "builtins:abs",
            trigger=build_trigger(spec),
            args=[1],
            id="push",
            next_run_time=first,
            coalesce=False,
            misfire_grace_time=None,
            max_instances=100,
        )
        job = scheduler.get_job("push")  # read back from the store: unpickled
        assert type(job.trigger).__module__ == "pushgui.core.schedule.triggers"
        for moment in passes:
            _PinnedClock.moment = moment
            scheduler._process_jobs()
    finally:
        scheduler.shutdown(wait=True)
    return submitted


def _every(start: datetime, end: datetime, step: timedelta) -> list[datetime]:
    moments = []
    while start <= end:
        moments.append(start)
        start += step
    return moments


@pytest.mark.parametrize("z", ZONES, ids=IDS)
def test_scheduler_runs_a_daily_job_once_on_each_change_day(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, z: Zone
) -> None:
    spec = CalendarSpec(timezone=z.name, times=(z.repeated,))
    fall = _start_of(z.fall, z.tz)
    runs = _run_scheduler(
        tmp_path, monkeypatch, spec, _every(fall, fall + timedelta(days=4), timedelta(minutes=15))
    )
    days = _by_day(runs, z.tz)
    assert len(days) == 4 and all(len(r) == 1 for r in days.values())
    assert days[z.fall] == [datetime.combine(z.fall, z.repeated, tzinfo=z.tz).isoformat()]


@pytest.mark.parametrize("z", ZONES, ids=IDS)
def test_scheduler_runs_a_day_interval_after_the_gap(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, z: Zone
) -> None:
    spec = IntervalSpec(every=1, unit="days", start=datetime(2026, 1, 1, 2, 30), timezone=z.name)
    spring = _start_of(z.spring, z.tz)
    passes = _every(spring, spring + timedelta(days=4), timedelta(minutes=15))
    days = _by_day(_run_scheduler(tmp_path, monkeypatch, spec, passes), z.tz)
    assert len(days) == 4 and all(len(r) == 1 for r in days.values())
    assert days[z.spring] == [_gap_shifted(z.spring, z.tz)]


def test_scheduler_after_sleeping_through_the_repeated_hour(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asleep from 01:40 summer time to 03:10 winter time: each missed quarter hour once."""
    berlin = ZoneInfo("Europe/Berlin")
    spec = CalendarSpec(timezone="Europe/Berlin", crontab="*/15 * * * *")
    before = datetime(2026, 10, 25, 1, 40, tzinfo=berlin)
    after = datetime(2026, 10, 25, 3, 10, tzinfo=berlin)
    passes = [_utc(before), _utc(after), _utc(after + timedelta(minutes=10))]
    runs = _run_scheduler(tmp_path, monkeypatch, spec, passes)
    assert [r.astimezone(berlin).isoformat()[11:] for r in runs] == [
        "01:45:00+02:00",
        "02:00:00+02:00",
        "02:15:00+02:00",
        "02:30:00+02:00",
        "02:45:00+02:00",
        "03:00:00+01:00",
        "03:15:00+01:00",
    ]


@pytest.mark.parametrize("z", ZONES, ids=IDS)
def test_scheduler_runs_day_rules_once_at_the_repeated_time_and_after_the_gap(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, z: Zone
) -> None:
    """The day-by-day trigger (working days, lunar dates, skips) through a real SQLite job
    store: pickled under its stable name, once at a repeated time, moved after a gap."""
    repeated = CalendarSpec(timezone=z.name, times=(z.repeated,), skip_dates=(date(2001, 1, 1),))
    fall = _start_of(z.fall, z.tz)
    passes = _every(fall, fall + timedelta(days=4), timedelta(minutes=15))
    days = _by_day(_run_scheduler(tmp_path, monkeypatch, repeated, passes), z.tz)
    assert len(days) == 4 and all(len(r) == 1 for r in days.values())
    assert days[z.fall] == [datetime.combine(z.fall, z.repeated, tzinfo=z.tz).isoformat()]

    gap = CalendarSpec(timezone=z.name, times=(time(2, 30),), skip_dates=(date(2001, 1, 1),))
    spring = _start_of(z.spring, z.tz)
    passes = _every(spring, spring + timedelta(days=4), timedelta(minutes=15))
    (tmp_path / "jobs.sqlite").unlink()
    days = _by_day(_run_scheduler(tmp_path, monkeypatch, gap, passes), z.tz)
    assert len(days) == 4 and all(len(r) == 1 for r in days.values())
    assert days[z.spring] == [_gap_shifted(z.spring, z.tz)]
