"""The duty rotation section of the reminder editor and the quiet-hours field of the channel
form, through their real widgets (issue 16)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import SlackConfig
from pushgui.core.delivery.quiet import QuietHours, QuietHoursBook
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.people.duty import Swap
from pushgui.core.pushes.nag import NagSpec
from pushgui.core.pushes.spec import Message, PushSpec
from pushgui.core.schedule.spec import CalendarSpec
from pushgui.core.store.db import open_database
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.preferences import Preferences
from pushgui.core.system.secrets import KeyringSecrets
from pushgui.ui.channel_form import ChannelForm
from pushgui.ui.editor.push_editor import PushEditorDialog
from pushgui.ui.reminders.presenter import ReminderPresenter
from pushgui.ui.settings.settings_dialog import SettingsDialog


@pytest.fixture
def database(qapp, data_dir):
    db = open_database(data_dir)
    yield db
    db.close()


@pytest.fixture
def team(database):
    book = ContactBook(database)
    ids = [book.save(ContactRecord(name)) for name in ("Ann", "Bo", "崔")]
    group = book.save_group(GroupRecord("On call", tuple(ids)))
    return book, ids, group


def _editor(qtbot, book, spec=None):
    dialog = PushEditorDialog(spec=spec, contacts=book)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _standup():
    trigger = CalendarSpec(timezone="Asia/Shanghai", day_rule="workdays", workdays="CN")
    return PushSpec(
        name="Standup", message=Message("Standup", "${值班人} leads today"), trigger=trigger
    )


def test_the_rotation_is_set_from_a_group_reordered_swapped_and_previewed(qtbot, team):
    book, ids, group = team
    dialog = _editor(qtbot, book, _standup())
    # The placeholder without a rotation is named next to the message and blocks Save.
    qtbot.waitUntil(lambda: not dialog.save_button.isEnabled())
    assert "needs a duty rotation" in dialog.body_error.text()

    dialog.set_more_options_shown(True)
    duty = dialog.duty_editor
    duty.enabled_box.setChecked(True)
    qtbot.waitUntil(lambda: "Choose who takes turns on duty" in duty.error.text())
    assert not dialog.save_button.isEnabled()

    duty.group_combo.setCurrentIndex(duty.group_combo.findData(group))
    duty.group_combo.activated.emit(duty.group_combo.currentIndex())
    assert [duty.order_list.item(i).text() for i in range(3)] == ["Ann", "Bo", "崔"]
    duty.order_list.setCurrentRow(0)
    duty.order_list.setFocus()
    qtbot.keyClick(duty.order_list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [duty.order_list.item(i).text() for i in range(3)] == ["Bo", "Ann", "崔"]
    duty.start_edit.setDate(QDate(2025, 9, 29))
    duty.days_combo.setCurrentIndex(duty.days_combo.findData("CN"))
    duty.swap_date.setDate(QDate(2025, 9, 30))
    duty.swap_person.setCurrentIndex(duty.swap_person.findData(ids[2]))
    qtbot.mouseClick(duty.swap_button, Qt.MouseButton.LeftButton)
    assert duty.swaps_list.count() == 1
    assert "崔 takes the turn" in duty.swaps_list.item(0).text()

    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    assert duty.error.text() == "" and dialog.body_error.text() == ""
    rotation = dialog.push_spec().duty
    assert rotation.order == (ids[1], ids[0], ids[2])
    assert rotation.start == date(2025, 9, 29) and rotation.calendar == "CN"
    assert rotation.swaps == (Swap(date(2025, 9, 30), ids[2]),)
    assert rotation.group_id == group
    # The preview names someone for each of the next runs.
    text = duty.preview.text()
    assert text.startswith("On duty at the next runs:")
    assert text.count(" · ") == 4  # five runs

    # Loading the saved reminder shows the same rotation.
    again = _editor(qtbot, book, dialog.push_spec())
    assert again.duty_editor.isVisibleTo(again)
    assert again.push_spec().duty == rotation


def test_the_channel_form_stores_quiet_hours_beside_the_channel(qtbot, database):
    book = ChannelBook(database, KeyringSecrets())
    channel = book.save("Room", SlackConfig(webhook_url="https://hooks.slack.com/services/T/B/X"))
    form = ChannelForm(book, channel_id=channel)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    field = form.quiet_field
    assert not field.enabled_box.isChecked()
    field.enabled_box.setChecked(True)
    field.zone_combo.set_zone("Asia/Shanghai")
    field.closes_edit.setTime(QTime(9, 0))  # the same as the opening time
    qtbot.waitUntil(lambda: form.errors["quiet_hours"].isVisible())
    assert "same" in form.errors["quiet_hours"].text()
    form.accept()
    assert form.isVisible()  # refused, nothing lost
    assert QuietHoursBook(database).get("slack", channel) is None

    field.closes_edit.setTime(QTime(18, 0))
    field.days_combo.setCurrentIndex(field.days_combo.findData("workdays_cn"))
    qtbot.waitUntil(lambda: not form.errors["quiet_hours"].isVisible())
    form.accept()
    assert not form.isVisible()
    stored = QuietHoursBook(database).get("slack", channel)
    assert stored == QuietHours(time(9), time(18), "Asia/Shanghai", calendar="CN")

    reopened = ChannelForm(book, channel_id=channel)
    qtbot.addWidget(reopened)
    assert reopened.quiet_field.quiet() == stored


def test_nag_and_escalation_are_set_in_the_editor(qtbot, database, team):
    book, _ids, _group = team
    channels = ChannelBook(database, KeyringSecrets())
    room = channels.save("Room", SlackConfig(webhook_url="https://hooks.slack.com/services/T/B/X"))
    dialog = PushEditorDialog(
        spec=replace(_standup(), message=Message("Pay the invoices")),
        contacts=book,
        channels=channels,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_more_options_shown(True)
    nag = dialog.nag_editor
    assert not nag.every_spin.isEnabled()
    nag.nag_box.setChecked(True)
    nag.every_spin.setValue(15)
    nag.escalate_box.setChecked(True)
    # Escalating to nobody is named next to the section and blocks Save.
    qtbot.waitUntil(lambda: "Choose who is told" in nag.error.text())
    assert not dialog.save_button.isEnabled()
    nag.after_spin.setValue(45)
    nag.target_combo.setCurrentIndex(
        nag.target_combo.findText("Room", Qt.MatchFlag.MatchStartsWith)
    )
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    spec = dialog.push_spec()
    assert spec.nag == NagSpec(15, 45, {"kind": "slack", "channel_id": room})
    again = PushEditorDialog(spec=spec, contacts=book, channels=channels)
    qtbot.addWidget(again)
    assert again.push_spec().nag == spec.nag


def test_done_in_the_reminder_window_is_told(qtbot):
    presenter = ReminderPresenter(None)
    presenter.present(7, "Invoices", "Pay the invoices", "")
    [window] = presenter.windows
    with qtbot.waitSignal(presenter.done) as done:
        qtbot.mouseClick(window.dismiss_button, Qt.MouseButton.LeftButton)
    assert done.args == [7]


def test_my_reminders_get_quiet_hours_only_when_i_set_them_in_settings(qtbot, database):
    prefs = Preferences(SettingsStore(database))
    dialog = SettingsDialog(prefs)
    qtbot.addWidget(dialog)
    field = dialog.quiet_field
    assert not field.enabled_box.isChecked()  # not held unless asked
    assert "My reminders" in field.enabled_box.text()
    field.enabled_box.setChecked(True)
    field.zone_combo.set_zone("Europe/Berlin")
    for index in range(7):
        field.day_boxes[index].setChecked(False)
    qtbot.waitUntil(lambda: "Choose at least one day" in field.error.text())
    assert dialog.save() is False  # refused next to the field, nothing stored
    assert QuietHoursBook(database).get("desktop", None) is None
    field.day_boxes[5].setChecked(True)
    assert dialog.save() is True
    assert QuietHoursBook(database).get("desktop", None) == QuietHours(
        time(9), time(18), "Europe/Berlin", days=(5,)
    )
    again = SettingsDialog(prefs)
    qtbot.addWidget(again)
    assert again.quiet_field.quiet() == QuietHoursBook(database).get("desktop", None)
