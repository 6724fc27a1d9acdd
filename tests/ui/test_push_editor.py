"""The push editor dialog through its real widgets: defaults, live checks, saving, editing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit, QDialog

from pushgui.core.pushes.spec import Message, PushOptions, PushSpec, Target
from pushgui.core.schedule.spec import LAST, CalendarSpec, IntervalSpec, OnceSpec
from pushgui.ui.editor.push_editor import PushEditorDialog
from pushgui.ui.editor.schedule_preview import format_time
from pushgui.ui.widgets.dates import default_timezone

ZONE = "Europe/Berlin"


@pytest.fixture
def open_dialog(qtbot):
    def make(spec: PushSpec | None = None) -> PushEditorDialog:
        dialog = PushEditorDialog(spec=spec)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def fill_message(qtbot, dialog: PushEditorDialog, name="Stand-up", title="Stand-up now") -> None:
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.keyClicks(dialog.title_edit, title)


def wait_for_save(qtbot, dialog: PushEditorDialog, enabled: bool = True) -> None:
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled() == enabled, timeout=60_000)


def test_a_new_reminder_starts_once_at_the_next_full_hour(qtbot, open_dialog):
    dialog = open_dialog()
    assert dialog.windowTitle() == "New reminder"
    assert dialog.kind_buttons["once"].isChecked()
    assert dialog.zone_combo.zone() == default_timezone()
    trigger = dialog.push_spec().trigger
    assert isinstance(trigger, OnceSpec)
    assert trigger.at.minute == 0
    assert timedelta(minutes=-1) < trigger.at - datetime.now() <= timedelta(hours=1)
    # Nothing typed yet: Save waits, saying why in its tooltip, and nothing is red.
    qtbot.waitUntil(lambda: not dialog.save_button.isEnabled())
    assert dialog.save_button.toolTip() == "Give the reminder a name"
    assert not dialog.name_error.isVisible()
    assert dialog.targets_list.item(0).text() == "Me (desktop notification)"
    assert dialog.targets_list.item(0).checkState() == Qt.CheckState.Checked


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_switching_a_rule_to_once_starts_at_the_next_hour_of_its_zone(qtbot, open_dialog, zone):
    """UTC+14 and UTC-11: whatever this computer's zone, the one-off a calendar rule is
    switched to starts in that rule's zone's next hour, never in its past."""
    from zoneinfo import ZoneInfo

    spec = PushSpec(
        name="Stand-up",
        message=Message("Stand-up"),
        trigger=CalendarSpec(timezone=zone, day_rule="week_days", week_days=("mon",)),
    )
    dialog = open_dialog(spec)
    dialog.kind_buttons["once"].click()
    trigger = dialog.push_spec().trigger
    assert isinstance(trigger, OnceSpec) and trigger.timezone == zone
    zone_now = datetime.now(ZoneInfo(zone)).replace(tzinfo=None)
    assert timedelta(0) < trigger.at - zone_now <= timedelta(hours=1)
    wait_for_save(qtbot, dialog)  # no "Choose a time in the future"


def test_a_valid_dialog_saves_with_ctrl_return(qtbot, open_dialog):
    dialog = open_dialog()
    fill_message(qtbot, dialog)
    qtbot.keyClicks(dialog.body_edit, "Room 4B")
    dialog.zone_combo.set_zone(ZONE)
    qtbot.mouseClick(dialog.kind_buttons["interval"], Qt.MouseButton.LeftButton)
    dialog.interval_editor.every_spin.setValue(30)
    dialog.interval_editor.unit_combo.setCurrentIndex(0)  # minutes
    start = dialog.interval_editor.spec().start
    wait_for_save(qtbot, dialog)
    assert not dialog.name_error.isVisible()

    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.push_spec() == PushSpec(
        name="Stand-up",
        message=Message(title="Stand-up now", body="Room 4B"),
        trigger=IntervalSpec(every=30, unit="minutes", start=start, timezone=ZONE),
        targets=(Target(),),
    )


def test_ctrl_return_saves_from_the_message_body_too(qtbot, open_dialog):
    dialog = open_dialog()
    fill_message(qtbot, dialog)
    qtbot.keyClicks(dialog.body_edit, "line")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.push_spec().message.body == "line"


def test_escape_cancels(qtbot, open_dialog):
    dialog = open_dialog()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_an_invalid_dialog_cannot_be_accepted(qtbot, open_dialog):
    dialog = open_dialog()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog.accept()
    assert dialog.isVisible()
    assert {e.field for e in dialog.errors()} == {"name", "message.title"}


def test_a_typed_crontab_error_is_shown_inline_and_blocks_saving(qtbot, open_dialog):
    dialog = open_dialog()
    fill_message(qtbot, dialog)
    qtbot.mouseClick(dialog.kind_buttons["calendar"], Qt.MouseButton.LeftButton)
    editor = dialog.calendar_editor
    editor.set_preset("crontab")
    qtbot.keyClicks(editor.crontab_edit, "0 9 * * 1-9")
    error = editor._row_errors["crontab"]
    qtbot.waitUntil(error.isVisible, timeout=60_000)
    assert "1-9" in error.text()
    assert not dialog.save_button.isEnabled()
    assert dialog.description_label.text() == "Fix the schedule to see when it runs."

    editor.crontab_edit.clear()
    qtbot.keyClicks(editor.crontab_edit, "0 9 * * 1-5")
    wait_for_save(qtbot, dialog)
    assert not error.isVisible()
    assert dialog.push_spec().trigger == CalendarSpec(
        timezone=dialog.zone_combo.zone(), crontab="0 9 * * 1-5"
    )


def test_a_past_date_is_shown_inline_and_blocks_saving(qtbot, open_dialog):
    dialog = open_dialog()
    fill_message(qtbot, dialog)
    wait_for_save(qtbot, dialog)
    at_edit = dialog.once_editor.at_edit
    at_edit.setDateTime(at_edit.dateTime().addYears(-1))
    wait_for_save(qtbot, dialog, enabled=False)
    error = dialog.once_editor._errors["at"]
    assert error.isVisible()
    assert error.text() == "Choose a time in the future"


def test_an_unknown_zone_is_shown_next_to_the_zone(qtbot, open_dialog):
    dialog = open_dialog()
    fill_message(qtbot, dialog)
    dialog.zone_combo.setEditText("Mars/Olympus")
    qtbot.waitUntil(dialog.zone_error.isVisible, timeout=60_000)
    assert "Mars/Olympus" in dialog.zone_error.text()
    assert not dialog.save_button.isEnabled()


def test_description_and_next_runs_follow_the_edits(qtbot, open_dialog):
    dialog = open_dialog()
    fill_message(qtbot, dialog)
    dialog.zone_combo.set_zone(ZONE)
    qtbot.mouseClick(dialog.kind_buttons["calendar"], Qt.MouseButton.LeftButton)
    editor = dialog.calendar_editor
    editor.set_preset("nth_weekday")
    editor.nth_combo.setCurrentIndex(editor.nth_combo.findData(2))
    editor.nth_weekday_combo.setCurrentIndex(editor.nth_weekday_combo.findData("tue"))
    qtbot.waitUntil(lambda: "2nd Tuesday" in dialog.description_label.text(), timeout=60_000)
    assert dialog.preview_list.count() == 5
    first = dialog.preview_list.item(0).text()
    assert first.startswith("Tue ") and " 09:00" in first

    editor.nth_combo.setCurrentIndex(editor.nth_combo.findData(LAST))
    editor.nth_weekday_combo.setCurrentIndex(editor.nth_weekday_combo.findData("sun"))
    qtbot.waitUntil(lambda: "last Sunday" in dialog.description_label.text(), timeout=60_000)
    assert dialog.preview_list.item(0).text().startswith("Sun ")


def test_run_times_read_like_a_calendar():
    assert format_time(datetime(2026, 12, 24, 9, 0)) == "Thu 24 Dec 2026 09:00"


def test_a_run_in_a_daylight_saving_gap_is_flagged(qtbot, open_dialog):
    spring_forward = PushSpec(
        name="Early",
        message=Message("Up"),
        trigger=CalendarSpec(
            timezone=ZONE,
            times=(time(2, 30),),
            day_rule="nth_weekday",
            nth=LAST,
            nth_weekday="sun",
            months=(3,),
        ),
    )
    dialog = open_dialog(spring_forward)
    item = dialog.preview_list.item(0)
    # 02:30 does not exist that day: the run comes at 03:30 Berlin time
    assert item.text().startswith("Sun ") and " Mar " in item.text()
    assert item.text()[len("Sun 28 Mar 2027 ") :].startswith("03:30")
    assert not item.icon().isNull()
    assert "clocks go forward" in item.toolTip()


def test_editing_shows_the_existing_values_and_keeps_them(open_dialog):
    spec = PushSpec(
        name="Pay rent",
        message=Message(title="Rent is due", body="Transfer before noon"),
        trigger=CalendarSpec(
            timezone="Asia/Shanghai",
            times=(time(8, 0), time(20, 0)),
            day_rule="month_days",
            month_days=(LAST,),
        ),
        options=PushOptions(missed="all"),
        enabled=False,
    )
    dialog = open_dialog(spec)
    assert dialog.windowTitle() == "Edit reminder"
    assert dialog.name_edit.text() == "Pay rent"
    assert dialog.title_edit.text() == "Rent is due"
    assert dialog.body_edit.toPlainText() == "Transfer before noon"
    assert dialog.kind_buttons["calendar"].isChecked()
    assert dialog.stack.currentWidget() is dialog.calendar_editor
    assert dialog.calendar_editor.preset() == "last_day"
    assert dialog.zone_combo.zone() == "Asia/Shanghai"
    assert dialog.save_button.isEnabled()
    assert dialog.push_spec() == spec


@pytest.mark.parametrize(
    "trigger",
    [
        OnceSpec(at=datetime(2031, 5, 6, 7, 30), timezone=ZONE),
        IntervalSpec(every=2, unit="hours", start=datetime(2030, 1, 1, 9, 0), timezone=ZONE),
    ],
)
def test_editing_selects_the_right_schedule_kind(open_dialog, trigger):
    spec = PushSpec(name="n", message=Message("t"), trigger=trigger)
    dialog = open_dialog(spec)
    kind = "once" if isinstance(trigger, OnceSpec) else "interval"
    assert dialog.kind_buttons[kind].isChecked()
    assert dialog.push_spec() == spec


def test_controls_without_visible_text_have_accessible_names(open_dialog):
    dialog = open_dialog()
    for widget in (
        dialog.name_edit,
        dialog.title_edit,
        dialog.body_edit,
        dialog.zone_combo,
        dialog.preview_list,
        dialog.targets_list,
        dialog.once_editor.at_edit,
        dialog.interval_editor.every_spin,
        dialog.interval_editor.unit_combo,
        dialog.calendar_editor.preset_combo,
        dialog.calendar_editor.crontab_edit,
        dialog.calendar_editor.times_list.time_edits()[0],
        dialog.calendar_editor.times_list.remove_buttons()[0],
    ):
        assert widget.accessibleName(), widget


def test_a_field_error_shows_once_the_field_is_left_or_save_is_tried(qtbot, open_dialog):
    dialog = open_dialog()
    dialog.activateWindow()  # focus moves (and is lost) only in the active window
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is dialog.name_edit
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)  # left empty
    qtbot.waitUntil(dialog.name_error.isVisible, timeout=2000)
    assert dialog.name_error.text() == "Give the reminder a name"


def test_trying_to_save_shows_the_errors_and_focuses_the_first_field(qtbot, open_dialog):
    fresh = open_dialog()
    qtbot.keyClick(fresh.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert fresh.name_error.isVisible() and fresh.result() != QDialog.DialogCode.Accepted
    assert fresh.focusWidget() is fresh.name_edit


def test_the_title_defaults_to_the_name(qtbot, open_dialog):
    dialog = open_dialog()
    qtbot.keyClicks(dialog.name_edit, "Drink water")
    assert dialog.title_edit.placeholderText() == "Drink water"
    wait_for_save(qtbot, dialog)
    assert not dialog.title_error.isVisible()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.push_spec().message.title == "Drink water"

    # Edited later: a title equal to the name stays empty and follows a new name.
    again = open_dialog(dialog.push_spec())
    assert again.title_edit.text() == ""
    again.name_edit.setText("Drink tea")
    assert again.push_spec().message.title == "Drink tea"
    qtbot.keyClicks(again.title_edit, "Tea time")
    assert again.push_spec().message.title == "Tea time"


def test_a_date_and_time_are_typed_from_the_keyboard_without_touching_the_zone(qtbot, open_dialog):
    dialog = open_dialog()
    dialog.zone_combo.set_zone(ZONE)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    edit = dialog.once_editor.at_edit
    edit.setFocus(Qt.FocusReason.TabFocusReason)  # tabbed in: the day is selected
    assert edit.currentSection() == QDateTimeEdit.Section.DaySection
    qtbot.keyClicks(edit, "24")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # the month stays
    qtbot.keyClicks(edit, "2031")  # a full year moves on to the hour by itself...
    assert edit.currentSection() == QDateTimeEdit.Section.HourSection
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # ...so this Tab stays for it
    assert edit.hasFocus() and edit.currentSection() == QDateTimeEdit.Section.HourSection
    qtbot.keyClicks(edit, "14")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.hasFocus() and edit.currentSection() == QDateTimeEdit.Section.MinuteSection
    qtbot.keyClicks(edit, "35")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # the last section typed: Tab moves on
    assert not edit.hasFocus()
    at = dialog.once_editor.spec().at
    assert (at.year, at.day, at.hour, at.minute) == (2031, 24, 14, 35)
    assert dialog.zone_combo.zone() == ZONE
    qtbot.waitUntil(lambda: not dialog.zone_error.isVisible())


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_errors_appearing_do_not_move_the_fields_below(qtbot, qapp, language):
    from pushgui.ui import i18n

    i18n.install(qapp, language)
    try:
        dialog = PushEditorDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        before = [w.geometry() for w in (dialog.title_edit, dialog.body_edit)]
        dialog.accept()  # Save tried on an empty form: both errors show
        assert dialog.name_error.isVisible() and dialog.title_error.isVisible()
        qapp.processEvents()
        assert [w.geometry() for w in (dialog.title_edit, dialog.body_edit)] == before
    finally:
        i18n.install(qapp, "en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_next_runs_fit_their_list_in_both_languages(qtbot, qapp, language):
    from pushgui.ui import i18n

    i18n.install(qapp, language)
    try:
        dialog = PushEditorDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.kind_buttons["calendar"].click()
        qtbot.waitUntil(lambda: dialog.preview_list.count() == 5)
        assert not dialog.preview_list.verticalScrollBar().isVisible()
    finally:
        i18n.install(qapp, "en")
