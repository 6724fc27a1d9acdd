"""Own days stored by another process (``pushgui import`` while the app runs) take effect
when the running app is told to reconcile, moving the next runs they change."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

from pushgui.core.pushes.spec import Message, PushSpec
from pushgui.core.schedule import own_days
from pushgui.core.schedule.spec import CalendarSpec
from pushgui.core.schedule.workdays import OwnDays, data, set_own_days
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
    try:
        # What `pushgui import` in another process wrote: that day is now a day off.
        settings.set(own_days.KEY, own_days.to_dict(OwnDays({first: "Company outing"}, {})))
        assert service.take_up_own_days(settings)
        assert data().own.days_off == {first: "Company outing"}
        [row] = service.rows()
        assert row.id == push_id and row.next_run is not None
        assert row.next_run.astimezone(SHANGHAI).date() > first
        assert not service.take_up_own_days(settings)  # nothing new the second time
    finally:
        set_own_days(OwnDays())
