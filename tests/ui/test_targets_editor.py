"""The reminder dialog's "Send to" section with real contacts, groups and channels: pick a
group, see the reach, placeholders checked against contact fields, preview and dry run."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import DingTalkConfig, EmailConfig
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.pushes.spec import Message, PushOptions, PushSpec, Target
from pushgui.core.schedule.spec import OnceSpec
from pushgui.core.store.db import open_database
from pushgui.core.system.secrets import KeyringSecrets
from pushgui.ui.editor.push_editor import PushEditorDialog


@pytest.fixture
def database(data_dir):
    db = open_database(data_dir)
    yield db
    db.close()


@pytest.fixture
def books(database):
    """Three people (one without email), a group of two, an email account and a DingTalk room."""
    contacts = ContactBook(database)
    ann, bo, cy = contacts.save_many(
        [
            ContactRecord("Ann", "ann@example.com", fields={"部门": "Sales"}),
            ContactRecord("Bo", "bo@example.com", fields={"部门": "Ops"}),
            ContactRecord("Cy"),
        ]
    )
    team = contacts.save_group(GroupRecord("Team", (ann, bo)))
    channels = ChannelBook(database, KeyringSecrets())
    mail = channels.save(
        "Work mail",
        EmailConfig(
            # Saving never connects: any host will do.
            host="smtp.example.com",
            port=587,
            username="alice",
            password="s3cret-pw",
            sender_address="me@example.com",
        ),
    )
    room = channels.save("Team room", DingTalkConfig(access_token="tok"))
    return {
        "contacts": contacts,
        "channels": channels,
        "ann": ann,
        "bo": bo,
        "cy": cy,
        "team": team,
        "mail": mail,
        "room": room,
    }


@pytest.fixture
def open_dialog(qtbot, books):
    def make(spec: PushSpec | None = None) -> PushEditorDialog:
        dialog = PushEditorDialog(spec=spec, contacts=books["contacts"], channels=books["channels"])
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def tick(qtbot, view, index) -> None:
    """Click the words of a row: the row's box gets ticked or unticked."""
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def tick_destination(qtbot, dialog, key) -> None:
    item = dialog.targets_editor.item_for(key)
    tick(qtbot, dialog.targets_list, dialog.targets_list.indexFromItem(item))


def pick(qtbot, dialog, text: str) -> None:
    """Search the picker for ``text`` and tick the one row left."""
    editor = dialog.targets_editor
    editor.search_edit.clear()
    qtbot.keyClicks(editor.search_edit, text)
    assert editor.picker_proxy.rowCount() == 1
    tick(qtbot, editor.picker, editor.picker_proxy.index(0, 0))
    editor.search_edit.clear()


def reach(dialog) -> str:
    return dialog.targets_editor.reach_label.text()


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user; text QTest cannot type (Chinese, from an input method) is inserted."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif hasattr(widget, "insertPlainText"):
        widget.insertPlainText(text)
    else:
        widget.insert(text)


def fill(qtbot, dialog, title="Hello ${name}", body="") -> None:
    qtbot.keyClicks(dialog.name_edit, "Weekly")
    type_text(qtbot, dialog.title_edit, title)
    if body:
        type_text(qtbot, dialog.body_edit, body)


def test_me_email_and_rooms_are_offered(open_dialog):
    dialog = open_dialog()
    texts = [dialog.targets_list.item(i).text() for i in range(dialog.targets_list.count())]
    assert texts == [
        "Me (desktop notification)",
        "Email contacts and groups",
        "Post to Team room (DingTalk)",
    ]
    assert not dialog.targets_editor.email_panel.isVisible()
    assert not dialog.targets_editor.channels_hint.isVisible()
    assert reach(dialog) == "This reminder reaches 1 recipient."


def test_picking_a_group_by_email_updates_the_reach_and_the_spec(qtbot, open_dialog, books):
    dialog = open_dialog()
    fill(qtbot, dialog)
    tick_destination(qtbot, dialog, ("email",))
    editor = dialog.targets_editor
    assert editor.email_panel.isVisible()
    assert editor.email_combo.currentText() == "Work mail"
    # Email chosen, nobody picked yet: said under the picker, and Save waits.
    qtbot.waitUntil(editor.email_error.isVisible, timeout=60_000)
    assert editor.email_error.text() == "Choose contacts or groups to email"
    assert not dialog.save_button.isEnabled()
    assert reach(dialog) == "This reminder reaches 1 recipient."  # me; the email, nobody

    pick(qtbot, dialog, "team")
    qtbot.waitUntil(lambda: reach(dialog) == "This reminder reaches 3 recipients.", timeout=60_000)
    assert not editor.email_error.isVisible()
    pick(qtbot, dialog, "ann")  # already in the group: still three people
    tick_destination(qtbot, dialog, ("room", books["room"]))
    qtbot.waitUntil(lambda: reach(dialog) == "This reminder reaches 4 recipients.", timeout=60_000)

    dialog.options_editor.retries_spin.setValue(5)
    dialog.options_editor.delay_spin.setValue(2)
    dialog.options_editor.delay_unit.setCurrentIndex(1)  # minutes
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=60_000)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    spec = dialog.push_spec()
    assert spec.targets == (
        Target(),
        Target(
            kind="email",
            channel_id=books["mail"],
            group_ids=(books["team"],),
            contact_ids=(books["ann"],),
        ),
        Target(kind="dingtalk", channel_id=books["room"]),
    )
    assert spec.options == PushOptions(retries=5, retry_delay=120)


def test_an_unknown_placeholder_is_an_inline_error(qtbot, open_dialog):
    dialog = open_dialog()
    fill(qtbot, dialog, title="Hi ${nmae}")
    qtbot.waitUntil(lambda: "${nmae}" in dialog.title_error.text(), timeout=60_000)
    assert dialog.title_error.isVisible()
    assert not dialog.save_button.isEnabled()

    dialog.title_edit.clear()
    type_text(qtbot, dialog.title_edit, "Hi ${name}, ${部门} report")
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=60_000)
    assert not dialog.title_error.isVisible()


def test_the_placeholder_menu_lists_contact_fields_and_inserts_at_the_cursor(qtbot, open_dialog):
    dialog = open_dialog()
    button = dialog.placeholder_button
    assert button.placeholders() == [
        "${name}",
        "${date}",
        "${time}",
        "${weekday}",
        "${push}",
        "${run_count}",
        "${email}",
        "${部门}",
    ]
    qtbot.keyClicks(dialog.title_edit, "Hi ")
    dialog.title_edit.setFocus()
    next(a for a in button.menu().actions() if a.data() == "${name}").trigger()
    assert dialog.title_edit.text() == "Hi ${name}"
    dialog.body_edit.setFocus()
    next(a for a in button.menu().actions() if a.data() == "${部门}").trigger()
    assert dialog.body_edit.toPlainText() == "${部门}"


def test_dry_run_lists_each_group_member_with_their_own_message(qtbot, open_dialog):
    dialog = open_dialog()
    fill(qtbot, dialog, title="Hello ${name}", body="Your team: ${部门}")
    tick_destination(qtbot, dialog, ("desktop",))  # not "me" this time
    tick_destination(qtbot, dialog, ("email",))
    pick(qtbot, dialog, "team")
    qtbot.waitUntil(lambda: reach(dialog) == "This reminder reaches 2 recipients.", timeout=60_000)

    qtbot.mouseClick(dialog.targets_editor.dry_run_button, Qt.MouseButton.LeftButton)
    dry = dialog.dry_run_dialog
    assert dry is not None and dry.isVisible()
    table = [
        [dry.model.index(r, c).data() for c in range(dry.model.columnCount())]
        for r in range(dry.model.rowCount())
    ]
    assert table == [
        ["Ann", "Email (Work mail)", "ann@example.com", "Hello Ann", "Your team: Sales"],
        ["Bo", "Email (Work mail)", "bo@example.com", "Hello Bo", "Your team: Ops"],
    ]
    assert dry.summary_label.text().startswith("Nothing was sent.")
    dry.table.selectRow(1)
    assert dry.detail_title.text() == "Hello Bo"
    dry.close()


def test_the_preview_follows_the_chosen_recipient_and_the_edits(qtbot, open_dialog):
    dialog = open_dialog()
    fill(qtbot, dialog, title="Hello ${name}", body="${date}")
    tick_destination(qtbot, dialog, ("email",))
    pick(qtbot, dialog, "bo")
    preview = dialog.show_preview()
    combo = preview.recipient_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Me", "Bo <bo@example.com>"]
    combo.setCurrentIndex(1)
    assert preview.title_label.text() == "Hello Bo"
    assert preview.body_view.toPlainText() == datetime.now().astimezone().strftime("%Y-%m-%d")
    qtbot.keyClicks(dialog.title_edit, "!")
    qtbot.waitUntil(lambda: preview.title_label.text() == "Hello Bo!", timeout=60_000)
    preview.close()


def test_an_existing_push_shows_its_targets_and_keeps_unknown_ones(open_dialog, books):
    gone = Target(kind="slack", channel_id=999)
    spec = PushSpec(
        name="Rent",
        message=Message("Rent ${name}"),
        trigger=OnceSpec(at=datetime(2031, 1, 1, 9, 0), timezone="Europe/Berlin"),
        targets=(
            Target(kind="email", channel_id=books["mail"], contact_ids=(books["bo"],)),
            Target(kind="dingtalk", channel_id=books["room"]),
            gone,
        ),
        options=PushOptions(missed="all", retries=0, retry_delay=3600),
    )
    dialog = open_dialog(spec)
    editor = dialog.targets_editor
    assert editor.item_for(("desktop",)).checkState() == Qt.CheckState.Unchecked
    assert editor.item_for(("email",)).checkState() == Qt.CheckState.Checked
    assert editor.item_for(("kept", 0)).text() == "Post to a removed channel"
    assert dialog.options_editor.delay_unit.currentText() == "hours"
    assert dialog.push_spec() == spec


def test_without_channels_a_hint_offers_to_set_them_up(qtbot, database):
    dialog = PushEditorDialog(
        contacts=ContactBook(database), channels=ChannelBook(database, KeyringSecrets())
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.targets_list.count() == 1
    hint = dialog.targets_editor.channels_hint
    assert hint.isVisible() and "Channels…" in hint.text()
    with qtbot.waitSignal(dialog.open_channels_requested):
        hint.linkActivated.emit("channels")


def test_attachments_are_kept_and_a_missing_file_blocks_saving(qtbot, open_dialog, tmp_path):
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4")
    dialog = open_dialog()
    fill(qtbot, dialog)
    assert not dialog.options_editor.isVisible()
    qtbot.mouseClick(dialog.more_button, Qt.MouseButton.LeftButton)
    assert dialog.options_editor.isVisible()
    dialog.options_editor.add_attachments([str(report), str(tmp_path / "gone.xlsx")])
    qtbot.waitUntil(dialog.options_editor.attachments_error.isVisible, timeout=60_000)
    assert "gone.xlsx cannot be found" in dialog.options_editor.attachments_error.text()
    assert not dialog.save_button.isEnabled()

    dialog.options_editor.attachments_list.item(1).setSelected(True)
    qtbot.mouseClick(dialog.options_editor.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=60_000)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.push_spec().message.attachments == (str(report),)


def test_the_missed_run_policy_is_chosen_in_plain_words(qtbot, open_dialog):
    dialog = open_dialog()
    fill(qtbot, dialog)
    dialog.set_more_options_shown(True)
    options = dialog.options_editor
    assert options.missed_combo.currentText() == "Send it once, as soon as possible"
    assert not options.late_spin.isVisible()
    options.missed_combo.setCurrentIndex(options.missed_combo.findData("late"))
    assert options.late_spin.isVisible()
    options.late_spin.setValue(45)
    assert dialog.push_spec().options.missed == "late"
    assert dialog.push_spec().options.max_late == 45 * 60

    options.heads_up_spin.setValue(15)
    assert dialog.push_spec().options.heads_up_minutes == 15

    again = open_dialog(dialog.push_spec())
    again.set_more_options_shown(True)
    assert again.options_editor.missed_combo.currentData() == "late"
    assert again.options_editor.late_spin.value() == 45
    assert again.options_editor.heads_up_spin.value() == 15
