"""The trigger editors through their real widgets: round trips, presets, keyboard, errors."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from pushgui.core.errors import FieldError
from pushgui.core.schedule.spec import LAST, CalendarSpec, IntervalSpec, OnceSpec
from pushgui.ui.editor.triggers.calendar import CalendarEditor
from pushgui.ui.editor.triggers.interval import IntervalEditor
from pushgui.ui.editor.triggers.once import OnceEditor
from pushgui.ui.widgets.dates import TimeZoneCombo, default_timezone, next_full_hour

ZONE = "Europe/Berlin"


def shown(qtbot, editor):
    """Show an editor as its own window, with a fixed minimum so the offscreen platform
    is never asked to change window size hints (it warns that it cannot)."""
    qtbot.addWidget(editor)
    editor.setMinimumSize(800, 600)
    editor.show()
    return editor


@pytest.fixture
def calendar(qtbot):
    return shown(qtbot, CalendarEditor())


# -- once ------------------------------------------------------------------------------


def test_once_defaults_to_the_next_full_hour(qtbot):
    editor = OnceEditor()
    qtbot.addWidget(editor)
    spec = editor.spec(ZONE)
    assert spec.at.minute == 0 and spec.at.second == 0
    assert timedelta(minutes=-1) < spec.at - datetime.now() <= timedelta(hours=1)
    assert next_full_hour(datetime(2030, 12, 31, 23, 5)) == datetime(2031, 1, 1, 0, 0)
    assert editor.at_edit.calendarPopup()
    assert editor.at_edit.displayFormat().endswith("HH:mm")


@pytest.mark.parametrize(
    "spec",
    [
        OnceSpec(at=datetime(2031, 12, 24, 9, 0), timezone=ZONE),
        OnceSpec(at=datetime(2030, 3, 31, 2, 30), timezone="Europe/London"),
    ],
)
def test_once_round_trips(qtbot, spec):
    editor = OnceEditor()
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.changed):
        editor.set_spec(spec)
    assert editor.spec() == spec


def test_once_emits_changed_when_edited(qtbot):
    editor = OnceEditor()
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.changed):
        editor.at_edit.setDateTime(editor.at_edit.dateTime().addDays(1))


def test_the_date_time_box_has_no_weekday_section_in_either_language(qtbot, qapp):
    from pushgui.ui import i18n

    formats = {}
    for language in ("en", "zh_CN"):
        i18n.install(qapp, language)
        editor = OnceEditor()
        qtbot.addWidget(editor)
        formats[language] = editor.at_edit.displayFormat()
    i18n.install(qapp, "en")
    assert formats == {"en": "d MMM yyyy  HH:mm", "zh_CN": "yyyy年M月d日  HH:mm"}


def test_once_quick_picks_count_from_now_in_the_zone_shown(qtbot):
    editor = OnceEditor()
    qtbot.addWidget(editor)
    editor.zone = lambda: "Asia/Shanghai"
    # Wednesday 3 June 2026, 14:23:40 in Shanghai.
    editor.clock = lambda: datetime(2026, 6, 3, 6, 23, 40, tzinfo=UTC)
    editor.show()
    qtbot.waitExposed(editor)
    expected = {
        "10min": datetime(2026, 6, 3, 14, 33),
        "1h": datetime(2026, 6, 3, 15, 23),
        "evening": datetime(2026, 6, 3, 18, 0),
        "tomorrow": datetime(2026, 6, 4, 9, 0),
        "monday": datetime(2026, 6, 8, 9, 0),
    }
    for choice, at in expected.items():
        with qtbot.waitSignal(editor.changed):
            qtbot.mouseClick(editor.pick_buttons[choice], Qt.MouseButton.LeftButton)
        assert editor.spec("Asia/Shanghai").at == at, choice

    # 19:00 on a Monday: the evening has begun; next Monday is a week away.
    editor.clock = lambda: datetime(2026, 6, 8, 11, 0, tzinfo=UTC)
    editor.update_picks()
    assert not editor.pick_buttons["evening"].isEnabled()
    editor.pick("monday")
    assert editor.spec("Asia/Shanghai").at == datetime(2026, 6, 15, 9, 0)


# -- interval --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec",
    [
        IntervalSpec(every=15, unit="minutes", start=datetime(2030, 1, 1, 8, 0), timezone=ZONE),
        IntervalSpec(
            every=2,
            unit="weeks",
            start=datetime(2030, 1, 6, 18, 45),
            end=datetime(2030, 6, 30, 18, 45),
            timezone="Asia/Shanghai",
        ),
        IntervalSpec(every=1, unit="days", start=datetime(2030, 2, 1, 7, 0), timezone=ZONE),
    ],
)
def test_interval_round_trips(qtbot, spec):
    editor = IntervalEditor()
    qtbot.addWidget(editor)
    editor.set_spec(spec)
    assert editor.spec() == spec
    assert editor.end_edit.isEnabled() == (spec.end is not None)


def test_interval_zero_cannot_be_entered(qtbot):
    editor = shown(qtbot, IntervalEditor())
    spin = editor.every_spin
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "0")
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert spin.value() >= 1
    spin.setValue(0)
    assert spin.value() == 1
    assert editor.spec(ZONE).every == 1


def test_interval_unit_names_follow_the_number(qtbot):
    editor = IntervalEditor()
    qtbot.addWidget(editor)
    editor.every_spin.setValue(1)
    assert editor.unit_combo.currentText() == "hour"
    editor.every_spin.setValue(3)
    assert editor.unit_combo.currentText() == "hours"


def test_interval_end_check_box_enables_the_end(qtbot):
    editor = shown(qtbot, IntervalEditor())
    assert editor.spec(ZONE).end is None
    editor.end_check.setFocus()
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClick(editor.end_check, Qt.Key.Key_Space)
    assert editor.end_edit.isEnabled()
    assert editor.spec(ZONE).end is not None


# -- calendar --------------------------------------------------------------------------

NINE = (time(9, 0),)


@pytest.mark.parametrize(
    ("spec", "preset"),
    [
        (CalendarSpec(timezone=ZONE), "every_day"),
        (CalendarSpec(timezone=ZONE, months=(6, 7, 8)), "every_day"),
        (
            CalendarSpec(
                timezone=ZONE, day_rule="week_days", week_days=("mon", "tue", "wed", "thu", "fri")
            ),
            "weekdays",
        ),
        (CalendarSpec(timezone=ZONE, day_rule="week_days", week_days=("sat", "sun")), "weekends"),
        (
            CalendarSpec(
                timezone=ZONE,
                times=(time(9, 0), time(13, 15), time(17, 30)),
                day_rule="week_days",
                week_days=("mon", "wed", "fri"),
            ),
            "chosen_weekdays",
        ),
        (
            CalendarSpec(timezone=ZONE, day_rule="month_days", month_days=(1, 15, LAST)),
            "month_days",
        ),
        (CalendarSpec(timezone=ZONE, day_rule="month_days", month_days=(LAST,)), "last_day"),
        (
            CalendarSpec(timezone=ZONE, day_rule="nth_weekday", nth=2, nth_weekday="tue"),
            "nth_weekday",
        ),
        (
            CalendarSpec(
                timezone=ZONE,
                times=(time(10, 0),),
                day_rule="nth_weekday",
                nth=LAST,
                nth_weekday="sun",
                months=(3, 10),
            ),
            "nth_weekday",
        ),
        (
            CalendarSpec(timezone=ZONE, day_rule="month_days", month_days=(25,), months=(12,)),
            "yearly",
        ),
        (CalendarSpec(timezone=ZONE, crontab="0 9 * * 1-5"), "crontab"),
        (
            CalendarSpec(
                timezone="America/New_York",
                times=(time(7, 5),),
                start_date=date(2030, 1, 1),
                end_date=date(2030, 12, 31),
            ),
            "every_day",
        ),
    ],
)
def test_calendar_round_trips_and_picks_the_matching_preset(calendar, spec, preset):
    calendar.set_spec(spec)
    assert calendar.preset() == preset
    assert calendar.spec() == spec


def test_calendar_shows_only_the_controls_of_the_preset(calendar):
    def visible(widget):
        return widget.isVisibleTo(calendar)

    calendar.set_preset("nth_weekday")
    assert visible(calendar.nth_combo) and visible(calendar.nth_weekday_combo)
    assert not visible(calendar.day_buttons[1])
    assert not visible(calendar.weekday_checks["mon"])
    assert not visible(calendar.crontab_edit)
    calendar.set_preset("crontab")
    assert visible(calendar.crontab_edit)
    assert not visible(calendar.times_list)
    assert not visible(calendar.months_check)
    calendar.set_preset("month_days")
    assert visible(calendar.day_buttons[31]) and visible(calendar.day_buttons[LAST])
    assert visible(calendar.times_list)
    assert not visible(calendar.months_panel)  # until "Only in some months" is ticked


def test_calendar_weekdays_by_keyboard(qtbot, calendar):
    calendar.set_preset("chosen_weekdays")
    assert calendar.spec(ZONE).week_days == ("mon",)
    for day in ("mon", "thu", "sat"):
        check = calendar.weekday_checks[day]
        check.setFocus()
        qtbot.keyClick(check, Qt.Key.Key_Space)
    assert calendar.spec(ZONE).week_days == ("thu", "sat")


def test_calendar_days_of_month_by_mouse(qtbot, calendar):
    calendar.set_preset("month_days")
    for day in (LAST, 10, 1):
        qtbot.mouseClick(calendar.day_buttons[day], Qt.MouseButton.LeftButton)
    spec = calendar.spec(ZONE)
    assert (spec.day_rule, spec.month_days) == ("month_days", (1, 10, LAST))


def test_calendar_second_tuesday_from_the_combos(calendar):
    calendar.set_preset("nth_weekday")
    calendar.nth_combo.setCurrentIndex(calendar.nth_combo.findText("2nd"))
    calendar.nth_weekday_combo.setCurrentIndex(calendar.nth_weekday_combo.findData("tue"))
    spec = calendar.spec(ZONE)
    assert (spec.day_rule, spec.nth, spec.nth_weekday) == ("nth_weekday", 2, "tue")


def test_calendar_times_can_be_added_and_removed(qtbot, calendar):
    times = calendar.times_list
    assert calendar.spec(ZONE).times == NINE
    assert not times.remove_buttons()[0].isEnabled()  # one time must remain
    with qtbot.waitSignal(calendar.changed):
        qtbot.mouseClick(times.add_button, Qt.MouseButton.LeftButton)
    assert calendar.spec(ZONE).times == (time(9, 0), time(10, 0))
    times.time_edits()[1].setTime(times.time_edits()[1].time().addSecs(30 * 60))
    assert calendar.spec(ZONE).times == (time(9, 0), time(10, 30))
    qtbot.mouseClick(times.remove_buttons()[0], Qt.MouseButton.LeftButton)
    assert calendar.spec(ZONE).times == (time(10, 30),)


def test_calendar_month_restriction_needs_a_month(qtbot, calendar):
    calendar.months_check.setFocus()
    qtbot.keyClick(calendar.months_check, Qt.Key.Key_Space)
    assert calendar.months_panel.isVisible()
    assert [e.field for e in calendar.local_errors()] == ["months"]
    calendar.month_checks[2].setChecked(True)
    assert calendar.local_errors() == []
    assert calendar.spec(ZONE).months == (2,)


def test_calendar_errors_appear_under_their_field_and_clear(calendar):
    calendar.set_preset("crontab")
    calendar.show_errors([FieldError("crontab", "Bad line"), FieldError("", "Something else")])
    labels = {label.text(): label for label in calendar._all_labels() if label.text()}
    assert set(labels) == {"Bad line", "Something else"}
    assert labels["Bad line"] is calendar._row_errors["crontab"]
    assert labels["Bad line"].isVisible()
    calendar.show_errors([])
    assert not any(label.isVisible() for label in calendar._all_labels())


def test_calendar_yearly_errors_show_on_the_date_row(calendar):
    calendar.set_spec(
        CalendarSpec(timezone=ZONE, day_rule="month_days", month_days=(30,), months=(2,))
    )
    calendar.show_errors([FieldError("month_days", "30 February never happens")])
    assert calendar._row_errors["yearly"].text() == "30 February never happens"
    assert calendar._row_errors["yearly"].isVisible()


def test_zone_combo_shows_cities_and_offsets_and_never_changes_by_accident(qtbot):
    combo = TimeZoneCombo()
    qtbot.addWidget(combo)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert combo.itemData(0) == default_timezone()  # this machine's zone first
    assert combo.zone() == default_timezone()
    assert "Shanghai (UTC+8)" in labels and "Kolkata (UTC+5:30)" in labels
    assert not [label for label in labels if "Etc/" in label or "GMT-" in label]
    combo.set_zone("Pacific/Auckland")
    assert combo.zone() == "Pacific/Auckland" and combo.currentText().startswith("Auckland (")

    # Arrow keys and the wheel on the closed box leave the zone alone.
    combo.show()
    qtbot.waitExposed(combo)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown):
        qtbot.keyClick(combo, key)
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(combo.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, wheel)
    assert combo.zone() == "Pacific/Auckland"

    # A zone kept from elsewhere is listed by its offset; typed IANA names and typos pass
    # through for the checks (the pop-up a typed text opens warns offscreen: set directly).
    combo.set_zone("Etc/GMT-12")
    assert (combo.currentText(), combo.zone()) == ("UTC+12", "Etc/GMT-12")
    combo.setEditText("Asia/Tokyo")
    assert combo.zone() == "Asia/Tokyo"
    with qtbot.waitSignal(combo.zone_changed):
        combo.setEditText(" Not/AZone ")
    assert combo.zone() == "Not/AZone"
    completer = combo.completer()
    completer.setCompletionPrefix("shangh")
    assert completer.currentCompletion() == "Shanghai (UTC+8)"


def test_utc_by_any_of_its_names_is_plain_utc(qtbot, monkeypatch):
    from pushgui.ui.widgets import dates

    monkeypatch.setattr(dates, "system_timezone", lambda: "Etc/UTC")  # as many Linux machines
    assert dates.default_timezone() == "UTC"
    combo = TimeZoneCombo()
    qtbot.addWidget(combo)
    assert (combo.itemData(0), combo.itemText(0), combo.zone()) == ("UTC", "UTC", "UTC")
