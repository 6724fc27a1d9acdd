"""Own days stored by another process (``pushgui import`` while the app runs) take effect
when the running app is told to reconcile, moving the next runs they change."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from pushgui.core.pushes.spec import Message, PushSpec
from pushgui.core.schedule import own_days
from pushgui.core.schedule.spec import CalendarSpec
from pushgui.core.schedule.workdays import OwnDays
from pushgui.core.store.settings import SettingsStore

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_own_days_stored_elsewhere_move_the_next_run_once_taken_up(database, service):
    spec = PushSpec(
        name="Stand-up",
        message=Message("Stand-up"),
        trigger=CalendarSpec(
            timezone="Asia/Shanghai", day_rule="workdays", workdays="CN", times=(time(9),)
        ),
    )
    push_id = service.create(spec)
    [row] = service.rows()
    assert row.next_run is not None
    first = row.next_run.astimezone(SHANGHAI).date()
    settings = SettingsStore(database)
    # What `pushgui import` in another process wrote: that day is now a day off.
    settings.set(own_days.KEY, own_days.to_dict(OwnDays({first: "Company outing"}, {})))
    assert service.take_up_own_days(settings)
    assert service.calendars.data.own.days_off == {first: "Company outing"}
    [row] = service.rows()
    assert row.id == push_id and row.next_run is not None
    assert row.next_run.astimezone(SHANGHAI).date() > first
    assert not service.take_up_own_days(settings)  # nothing new the second time
    # The stored job's trigger, loaded again by the job store, skips that day too.
    job = service.scheduler.get_job(str(push_id))
    fire = job.trigger.get_next_fire_time(None, datetime.combine(first, time(0), tzinfo=SHANGHAI))
    assert fire.astimezone(SHANGHAI).date() > first
