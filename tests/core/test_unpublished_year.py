"""A year whose holidays China has not published: Mon–Fri is assumed and said; when a newer
data version knows the year, the runs are recomputed and the user is told which moved."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from pushgui.core.pushes.spec import Message, PushSpec
from pushgui.core.schedule.data_check import (
    STATE_KEY,
    check_data,
    data_state,
    unpublished_notices,
)
from pushgui.core.schedule.days import run_mark
from pushgui.core.schedule.preview import preview
from pushgui.core.schedule.spec import CalendarSpec
from pushgui.core.schedule.workdays import ChinaData, HolidayData, day_info, library_data
from pushgui.core.store.models import jobs_table
from pushgui.core.store.settings import SettingsStore

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_installed_data_knows_2025_and_2026() -> None:
    years = library_data().china.years
    assert 2025 in years and 2026 in years  # the 2026 notice came out in Nov 2025


def _unknown_year() -> int:
    return max(library_data().china.years) + 1


def test_an_unpublished_year_assumes_monday_to_friday_and_says_so() -> None:
    year = _unknown_year()
    new_year = date(year, 1, 1)
    info = day_info("CN", new_year)
    assert info.assumed and info.workday == (new_year.weekday() < 5)
    spec = CalendarSpec(timezone="Asia/Shanghai", day_rule="workdays", workdays="CN")
    assert run_mark(spec, _first_weekday(year)).kind == "assumed"  # type: ignore[union-attr]
    before = datetime(year - 1, 12, 31, tzinfo=UTC)
    fires = preview(spec, 2, before)
    assert fires[-1].mark is not None and fires[-1].mark.kind == "assumed"
    notices = unpublished_notices([(spec, fires[-1].at)], before)
    assert notices == [f"China's {year} holidays are not published yet; {year} runs assume Mon–Fri"]
    # a rule that does not use China's calendar says nothing
    plain = CalendarSpec(timezone="Asia/Shanghai")
    assert unpublished_notices([(plain, fires[-1].at)], before) == []


def _first_weekday(year: int) -> date:
    day = date(year, 1, 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _newer_data(year: int) -> HolidayData:
    """A data version that knows ``year``: its first weekday is 元旦, a holiday."""
    current = library_data()
    holidays = dict(current.china.holidays)
    holidays[_first_weekday(year)] = ("New Year's Day", "元旦")
    china = ChinaData(holidays, current.china.makeup_days, current.china.years | {year})
    return HolidayData(current.version + " + " + str(year), china, current.own)


def _job_next_run(database, push_id: int) -> datetime:
    with database.engine.connect() as connection:
        rows = connection.execute(select(jobs_table).where(jobs_table.c.id == str(push_id)))
        return datetime.fromtimestamp(rows.one().next_run_time, UTC)


def test_newer_data_recomputes_the_runs_and_tells_what_moved(service, database, calendars) -> None:
    year = _unknown_year()
    holiday = _first_weekday(year)
    settings = SettingsStore(database)
    trigger = CalendarSpec(
        timezone="Asia/Shanghai",
        day_rule="month_days",
        month_days=(holiday.day,),
        months=(1,),
        workdays="CN",
        on_day_off="next",
        start_date=date(year, 1, 1),
    )
    push_id = service.create(PushSpec(name="Pay day", message=Message("Pay"), trigger=trigger))
    # assumed Mon–Fri: the run is on the holiday-to-be itself
    assert _job_next_run(database, push_id) == datetime.combine(holiday, time(9), tzinfo=SHANGHAI)
    pushes = [(push_id, "Pay day", trigger)]
    assert check_data(settings, service.scheduler, pushes, calendars=calendars) == []  # remembers
    assert settings.get(STATE_KEY) == data_state(calendars)

    calendars.use(_newer_data(year))  # the app runs with a newer data version
    moved = check_data(settings, service.scheduler, pushes, calendars=calendars)
    [item] = moved
    after = holiday + timedelta(days=1)
    while after.weekday() >= 5:
        after += timedelta(days=1)
    assert item.push_id == push_id and item.name == "Pay day"
    assert item.dropped == (datetime.combine(holiday, time(9), tzinfo=SHANGHAI),)
    assert item.added == (datetime.combine(after, time(9), tzinfo=SHANGHAI),)
    # the stored job now runs on the next working day
    assert _job_next_run(database, push_id) == datetime.combine(after, time(9), tzinfo=SHANGHAI)
    assert year in settings.get(STATE_KEY)["china_years"]
    # told once: the next start finds nothing new
    assert check_data(settings, service.scheduler, pushes, calendars=calendars) == []
    # and the stored trigger, loaded again by the job store, reads the newer data too
    job = service.scheduler.get_job(str(push_id))
    assert job.trigger.get_next_fire_time(None, datetime(year - 1, 12, 31, tzinfo=UTC)) == (
        datetime.combine(after, time(9), tzinfo=SHANGHAI)
    )
