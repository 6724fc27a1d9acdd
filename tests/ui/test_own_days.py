"""The company's own days: edited in their dialog, kept in the database, applied on top of
China's calendar (runs move), exported and imported (real runtime, real widgets)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from pushgui.app import start_runtime
from pushgui.core.errors import SpecError
from pushgui.core.pushes.spec import Message, PushSpec
from pushgui.core.schedule import own_days
from pushgui.core.schedule.spec import CalendarSpec
from pushgui.core.schedule.workdays import OwnDays, day_info
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.paths import locate
from pushgui.core.transfer.document import write_export
from pushgui.ui.settings.own_days_dialog import OwnDaysDialog, import_with_own_days
from pushgui.ui.widgets.dates import to_qdate

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def runtime(qapp, data_dir):
    rt = start_runtime(locate(data_dir), paused=True)
    yield rt
    if rt.scheduler.running:
        rt.stop()


def _next_workday_after(day: date) -> date:
    day += timedelta(days=1)
    while not day_info("CN", day).workday:
        day += timedelta(days=1)
    return day


def test_an_own_day_off_moves_the_next_run_and_is_kept(qtbot, runtime):
    spec = CalendarSpec(timezone="Asia/Shanghai", day_rule="workdays", workdays="CN")
    push_id = runtime.service.create(PushSpec(name="Stand-up", message=Message("Hi"), trigger=spec))
    first = runtime.service.rows()[0].next_run.astimezone(SHANGHAI)
    settings = SettingsStore(runtime.db)

    dialog = OwnDaysDialog(settings, runtime.service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.off_list.date_edit.setDate(to_qdate(first.date()))
    qtbot.keyClicks(dialog.off_list.note_edit, "Company trip")
    qtbot.mouseClick(dialog.off_list.add_button, Qt.MouseButton.LeftButton)
    assert "Company trip" in dialog.off_list.list.item(0).text()
    dialog.accept()

    assert own_days.load(settings).days_off == {first.date(): "Company trip"}
    moved = runtime.service.rows()[0].next_run.astimezone(SHANGHAI)
    assert moved == datetime.combine(_next_workday_after(first.date()), time(9), tzinfo=SHANGHAI)
    info = runtime.service.calendars.day_info("CN", first.date())
    assert not info.workday and info.own and info.name == "Company trip"
    assert push_id == runtime.service.rows()[0].id


def test_a_day_cannot_be_both(qtbot, runtime):
    dialog = OwnDaysDialog(SettingsStore(runtime.db), runtime.service)
    qtbot.addWidget(dialog)
    day = date(2030, 1, 7)
    dialog.off_list.set_days({day: ""})
    dialog.work_list.set_days({day: ""})
    dialog.accept()
    assert dialog.result() == 0 and "2030-01-07" in dialog.error.text()


def test_own_days_travel_in_exports(qtbot, runtime, tmp_path):
    settings = SettingsStore(runtime.db)
    own = OwnDays({date(2030, 1, 7): "Party"}, {date(2030, 1, 5): "Stock-taking"})
    own_days.save(settings, own, runtime.service.calendars)
    path = tmp_path / "export.json"
    spec = CalendarSpec(timezone="Asia/Shanghai", day_rule="workdays", workdays="CN")
    pushes = [PushSpec(name="A", message=Message("A"), trigger=spec)]
    write_export(path, pushes, own_days=own_days.to_dict(own))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["own_days"]["days_off"] == [{"date": "2030-01-07", "note": "Party"}]

    settings.set(own_days.KEY, {})
    ids = import_with_own_days(runtime.service, settings, path)
    assert len(ids) == 1 and own_days.load(settings) == own

    # a file that contradicts the kept days imports nothing
    settings.set(own_days.KEY, own_days.to_dict(OwnDays({date(2030, 1, 5): ""}, {})))
    with pytest.raises(SpecError):
        import_with_own_days(runtime.service, settings, path)
    assert len(runtime.service.rows()) == 1
