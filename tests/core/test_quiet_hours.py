"""Quiet hours: when a window next opens (DST gaps and overlaps, overnight windows, China's
holidays and make-up working days), and deliveries held outside it and sent when it opens,
across a restart, against a real local server with an injected clock."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import SlackConfig
from pushgui.core.delivery.engine import DeliveryEngine
from pushgui.core.delivery.quiet import (
    HELD_TEXT,
    QuietHours,
    QuietHoursBook,
    held_until,
    is_open,
    next_open,
    quiet_from_dict,
    quiet_to_dict,
    validate_quiet,
)
from pushgui.core.delivery.settle import settle_after_crash
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import PushOptions, Target
from pushgui.core.runs.jobs import retry_id as retry_job_id
from pushgui.core.runs.runner import retry_run, run_push
from pushgui.core.schedule.workdays import Calendars, OwnDays
from pushgui.core.store.db import open_database
from pushgui.core.store.models import Delivery, Run
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import HANG, make_scheduler, wire
from tests.helpers import weekdays_at_nine

BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICE = QuietHours(time(9), time(18), "Europe/Berlin")  # Monday to Friday


def at(zone, *parts):
    return datetime(*parts, tzinfo=zone)


# -- the computation ------------------------------------------------------------------------


def test_office_hours_open_on_the_next_weekday_morning():
    friday_evening = at(BERLIN, 2026, 3, 13, 18, 0)
    assert not is_open(OFFICE, friday_evening)
    assert next_open(OFFICE, friday_evening) == at(BERLIN, 2026, 3, 16, 9, 0)
    inside = at(BERLIN, 2026, 3, 16, 17, 59, 59)
    assert is_open(OFFICE, inside) and next_open(OFFICE, inside) == inside
    early = at(BERLIN, 2026, 3, 16, 8, 59)
    assert held_until(OFFICE, early) == at(BERLIN, 2026, 3, 16, 9, 0)
    assert held_until(None, early) is None


def test_nine_stays_nine_across_both_dst_changes():
    # Spring forward on Sunday 29 March 2026, fall back on Sunday 25 October 2026.
    assert next_open(OFFICE, at(BERLIN, 2026, 3, 27, 20)) == datetime(2026, 3, 30, 7, tzinfo=UTC)
    assert next_open(OFFICE, at(BERLIN, 2026, 10, 23, 20)) == datetime(2026, 10, 26, 8, tzinfo=UTC)


def test_an_opening_time_in_the_spring_gap_opens_when_the_clocks_jump():
    nightly = QuietHours(time(2, 30), time(5), "Europe/Berlin", days=tuple(range(7)))
    before = datetime(2026, 3, 28, 23, tzinfo=UTC)  # Sunday 00:00 CET
    opened = next_open(nightly, before)
    assert opened == datetime(2026, 3, 29, 1, tzinfo=UTC)  # 03:00 CEST, the jump
    assert is_open(nightly, opened)
    assert not is_open(nightly, opened - timedelta(seconds=1))


def test_an_opening_time_in_the_autumn_overlap_opens_at_its_first_reading():
    nightly = QuietHours(time(2, 30), time(5), "Europe/Berlin", days=tuple(range(7)))
    before = datetime(2026, 10, 24, 22, tzinfo=UTC)  # Sunday 00:00 CEST
    assert next_open(nightly, before) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # CEST


def test_a_window_across_midnight():
    night_shift = QuietHours(time(22), time(6), "Asia/Shanghai", days=(0, 1, 2, 3, 4))
    assert is_open(night_shift, at(SHANGHAI, 2026, 3, 16, 23))  # Monday night
    assert is_open(night_shift, at(SHANGHAI, 2026, 3, 17, 5, 59))  # Tuesday morning
    assert not is_open(night_shift, at(SHANGHAI, 2026, 3, 17, 6))
    # Friday's window runs into Saturday morning; Saturday's does not exist.
    assert is_open(night_shift, at(SHANGHAI, 2026, 3, 21, 5))
    assert next_open(night_shift, at(SHANGHAI, 2026, 3, 21, 6)) == at(SHANGHAI, 2026, 3, 23, 22)


def test_working_days_of_china_skip_the_holiday_and_open_on_the_make_up_saturday():
    workdays = QuietHours(time(9), time(18), "Asia/Shanghai", calendar="CN")
    # Tuesday 30 Sep 2025 evening: 1-8 Oct are off; Thursday 9 Oct is the next working day.
    assert next_open(workdays, at(SHANGHAI, 2025, 9, 30, 19)) == at(SHANGHAI, 2025, 10, 9, 9)
    # Friday 10 Oct evening: Saturday 11 Oct is a make-up working day.
    assert next_open(workdays, at(SHANGHAI, 2025, 10, 10, 19)) == at(SHANGHAI, 2025, 10, 11, 9)
    # Sunday 28 Sep is worked too.
    assert is_open(workdays, at(SHANGHAI, 2025, 9, 28, 10))


@pytest.mark.parametrize(
    "quiet",
    [
        OFFICE,
        QuietHours(time(2, 30), time(2, 15), "Europe/Berlin", days=(5, 6)),
        QuietHours(time(1, 30), time(3, 0), "America/New_York", days=tuple(range(7))),
        QuietHours(time(0, 0), time(0, 30), "Australia/Lord_Howe", days=(0,)),
    ],
)
def test_next_open_is_open_and_nothing_before_it_is(quiet):
    """Minute by minute around both of the year's changes: the answer is the first open
    minute at or after the moment (one-second resolution at the answer itself)."""
    for start in (datetime(2026, 3, 6, tzinfo=UTC), datetime(2026, 10, 30, tzinfo=UTC)):
        for hour in range(0, 24 * 9, 7):
            moment = start + timedelta(hours=hour, minutes=13)
            opened = next_open(quiet, moment)
            assert is_open(quiet, opened)
            probe = moment
            while probe < opened - timedelta(seconds=1):
                assert not is_open(quiet, probe), (moment, probe, opened)
                probe = min(probe + timedelta(minutes=1), opened - timedelta(seconds=1))
            assert opened == moment or not is_open(quiet, opened - timedelta(seconds=1))


# -- validation and storage -----------------------------------------------------------------


def test_bad_settings_are_named_and_a_damaged_stored_one_holds_nothing(database):
    assert validate_quiet(OFFICE) == []
    for bad in (
        replace(OFFICE, closes=time(9)),
        replace(OFFICE, timezone="Mars/Olympus"),
        replace(OFFICE, days=()),
        replace(OFFICE, days=(7,)),
        replace(OFFICE, calendar="XX-NOWHERE"),
    ):
        [error] = validate_quiet(bad)
        assert error.field == "quiet_hours" and error.message
    book = QuietHoursBook(database)
    with pytest.raises(ValueError, match="same"):
        book.set("slack", 4, replace(OFFICE, closes=time(9)))
    book.set("slack", 4, OFFICE)
    assert book.get("slack", 4) == OFFICE
    assert book.get("slack", 5) is None
    assert book.get("desktop", None) is None  # reminders to oneself: not held by default
    assert quiet_from_dict(quiet_to_dict(OFFICE)) == OFFICE
    SettingsStore(database).set("quiet_hours.4", {"opens": "9 o'clock"})
    assert book.get("slack", 4) is None
    book.set("slack", 4, None)
    assert SettingsStore(database).get("quiet_hours.4") is None


# -- holding and releasing through the engine ----------------------------------------------


class Clock:
    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment


def _scheduler(database, secrets, engine):
    sched = make_scheduler(database, secrets, engine)
    sched.start(paused=True)
    return sched


def _delivery(database):
    with database.session() as session:
        [row] = session.execute(select(Delivery)).scalars().all()
        return row


def _run(database):
    with database.session() as session:
        return session.execute(select(Run)).scalars().one()


def test_a_deleted_channels_quiet_hours_go_with_it(database):
    """SQLite gives the next channel the id of the last one deleted: it must not inherit
    that channel's quiet hours."""
    channels, quiet = ChannelBook(database, KeyringSecrets()), QuietHoursBook(database)
    room = channels.save("Room", SlackConfig(webhook_url="https://hooks.slack.com/services/T/B/x"))
    quiet.set("slack", room, OFFICE)
    channels.delete(room)
    again = channels.save(
        "Other", SlackConfig(webhook_url="https://hooks.slack.com/services/T/B/y")
    )
    assert again == room  # the id was given again
    assert quiet.get("slack", again) is None


def test_held_until_the_window_opens_across_a_restart_then_sent(data_dir, fake):
    # The fake clock is in the past, so the retry job is due by real time as soon as the
    # scheduler runs: what decides is the engine's clock, as it would be at 09:00.
    clock = Clock(at(BERLIN, 2025, 3, 14, 20, 0))  # Friday evening
    monday_nine = at(BERLIN, 2025, 3, 17, 9, 0)
    database = open_database(data_dir)
    secrets = KeyringSecrets()
    finished = threading.Event()
    engine = DeliveryEngine(database, secrets, None, clock=clock)
    sched = _scheduler(database, secrets, engine)
    engine.delivering.scheduler = sched
    engine._on_run_finished = lambda push_id, run_id: finished.set()
    try:
        slack = ChannelBook(database, secrets).save(
            "Team room", SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX")
        )
        QuietHoursBook(database).set("slack", slack, OFFICE)
        service = PushService(database, sched)
        push_id = service.create(
            replace(weekdays_at_nine(), targets=(Target("slack", slack),), options=PushOptions())
        )
        ctx = sched.job_context.at(clock().astimezone(UTC))
        # The run's status when the job returns: its lane may already have held it.
        assert run_push(push_id, context=ctx) in ("running", "held")
        assert finished.wait(HANG)
        row = _delivery(database)
        assert (row.status, row.error, row.attempts) == ("held", HELD_TEXT, 0)
        assert row.next_attempt_at == monday_nine
        assert _run(database).status == "held" and _run(database).finished_at is None
        job = sched.get_job(retry_job_id(push_id, row.run_id))
        assert job.next_run_time == monday_nine
        assert fake.requests == []  # the lane settled the run: it would have sent by now
        run_id = row.run_id
    finally:
        engine.shutdown()
        sched.shutdown(wait=True)
        database.close()

    # Restart, still Saturday: the start-up settling leaves the held row alone, reconcile
    # keeps its job. Were the job run now (here by hand), the engine would hold it again.
    clock.moment = at(BERLIN, 2025, 3, 15, 11, 0)
    database = open_database(data_dir)
    engine = DeliveryEngine(database, secrets, None, clock=clock)
    sched = _scheduler(database, secrets, engine)
    engine.delivering.scheduler = sched
    settled = threading.Event()
    engine._on_run_finished = lambda push_id, run_id: settled.set()
    try:
        assert settle_after_crash(database) == 0
        PushService(database, sched).reconcile()
        assert _delivery(database).status == "held"
        assert sched.get_job(retry_job_id(push_id, run_id)).next_run_time == monday_nine
        # As above: handed to the lane, which may have held the row again already.
        assert retry_run(run_id, context=sched.job_context) in ("running", "held")
        assert settled.wait(HANG)
        assert _delivery(database).status == "held" and fake.requests == []
        assert sched.get_job(retry_job_id(push_id, run_id)).next_run_time == monday_nine

        # Monday 09:00: the scheduler fires the job and the message goes, once.
        settled.clear()
        clock.moment = monday_nine
        sched.resume()
        sched.wait_for_pass()
        assert settled.wait(HANG)
        row = _delivery(database)
        assert (row.status, row.attempts, row.next_attempt_at) == ("sent", 1, None)
        assert len(fake.requests) == 1
        assert _run(database).status == "ok"
        assert sched.get_job(retry_job_id(push_id, run_id)) is None
    finally:
        engine.shutdown()
        sched.shutdown(wait=True)
        database.close()


def test_the_desktop_is_not_held_unless_asked(database, scheduler, desktop):
    clock = Clock(at(BERLIN, 2025, 3, 14, 23, 0))
    secrets = KeyringSecrets()
    done = threading.Event()
    engine = DeliveryEngine(
        database,
        secrets,
        None,
        clock=clock,
        on_run_finished=lambda p, r: done.set(),
        desktop=desktop,
    )
    ctx = wire(scheduler, secrets=secrets, engine=engine)
    try:
        push_id = PushService(database, scheduler).create(weekdays_at_nine())
        QuietHoursBook(database).set("slack", 1, OFFICE)  # another channel's window
        run_push(push_id, context=ctx.at(clock().astimezone(UTC)))
        assert done.wait(HANG)
        assert _delivery(database).status == "sent" and len(desktop.shown) == 1

        QuietHoursBook(database).set("desktop", None, OFFICE)  # asked: now it waits
        done.clear()
        run_push(push_id, context=ctx.at(clock().astimezone(UTC) + timedelta(minutes=1)))
        assert done.wait(HANG)
        with database.session() as session:
            statuses = session.execute(select(Delivery.status).order_by(Delivery.id)).all()
        assert [s for (s,) in statuses] == ["sent", "held"]
        assert len(desktop.shown) == 1
    finally:
        engine.shutdown()


def test_an_own_day_off_keeps_a_calendar_window_shut():
    """With the app's calendars (own days included), the company's own day off is not a
    working day for quiet hours either."""
    window = QuietHours(time(9), time(18), "Asia/Shanghai", calendar="CN")
    tuesday_ten = at(SHANGHAI, 2025, 9, 23, 10)
    calendars = Calendars()
    calendars.set_own_days(OwnDays(days_off={tuesday_ten.date(): "Company outing"}))
    assert is_open(window, tuesday_ten)  # a working day by the state's calendar
    assert not is_open(window, tuesday_ten, calendars)
    assert held_until(window, tuesday_ten, calendars) == at(SHANGHAI, 2025, 9, 24, 9)
