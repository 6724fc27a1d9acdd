"""The main window and the tray say when a year's holidays are only assumed; a newer data
version moves the runs and a message tells the user which (real runtime, real widgets)."""

from __future__ import annotations

from datetime import date

import pytest

from pushgui.app import Runtime, start_runtime
from pushgui.core.pushes.spec import Message, PushSpec
from pushgui.core.schedule.spec import CalendarSpec
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.paths import locate
from pushgui.ui.dialogs.start_questions import ASK_MISSED_KEY
from pushgui.ui.main.calendar_notice import check_and_tell
from pushgui.ui.shell import DesktopShell
from tests.core.test_unpublished_year import _first_weekday, _newer_data, _unknown_year


@pytest.fixture
def runtime(qapp, data_dir):
    rt = start_runtime(locate(data_dir), paused=True)
    yield rt
    if rt.scheduler.running:
        rt.stop()


def test_unpublished_year_is_shown_then_moved_runs_are_told(qtbot, runtime: Runtime) -> None:
    year = _unknown_year()
    holiday = _first_weekday(year)
    trigger = CalendarSpec(
        timezone="Asia/Shanghai",
        day_rule="month_days",
        month_days=(holiday.day,),
        months=(1,),
        workdays="CN",
        on_day_off="next",
        start_date=date(year, 1, 1),
    )
    runtime.service.create(PushSpec(name="Pay day", message=Message("Pay"), trigger=trigger))
    settings = SettingsStore(runtime.db)
    settings.set(ASK_MISSED_KEY, False)
    shell = DesktopShell(
        runtime.service,
        runtime.scheduler,
        runtime.bridge,
        settings,
        books=runtime.books,
        tray_available=True,
    )
    qtbot.addWidget(shell.window)
    shell.window.show()
    shell.start()
    sentence = f"China's {year} holidays are not published yet; {year} runs assume Mon–Fri"
    assert shell.window.calendar_notice.isVisible()
    assert shell.window.calendar_notice.text() == sentence
    assert shell.tray is not None and sentence in shell.tray.toolTip()
    assert shell.calendar_message is None  # first start: nothing moved
    # the editor says it too, and marks the runs in that year
    editor = shell.window.edit_push(runtime.service.rows()[0].id)
    assert sentence in editor.description_label.text()
    assert "(Mon–Fri assumed)" in editor.preview_list.item(0).text()
    editor.reject()

    runtime.service.calendars.use(_newer_data(year))  # as a newer data version would
    box = check_and_tell(runtime.service, settings, shell.window)
    assert box is not None and box.isVisible()
    assert "Pay day" in box.text() and f"{year}" in box.text()
    box.close()
    assert shell.refresh_calendar_notices() == []
    assert not shell.window.calendar_notice.isVisible()
    assert sentence not in shell.tray.toolTip()  # it still names the next reminder
