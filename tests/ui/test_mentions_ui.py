"""@mentions in the editors through real widgets: a contact's service IDs typed in the
contact dialog (a bad one shows its reason next to the field and blocks Save), and a chat
room target's mention choice with the warning for a mention that would not ping."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import SlackConfig, WeComConfig
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.pushes.mention_choice import MentionChoice
from pushgui.core.pushes.spec import Target
from pushgui.core.store.db import open_database
from pushgui.core.system.secrets import KeyringSecrets
from pushgui.ui.editor.push_editor import PushEditorDialog
from pushgui.ui.people.contact_dialog import ContactDialog
from tests.helpers import HANG

HANG_MS = int(HANG * 1000)


@pytest.fixture
def database(data_dir):
    db = open_database(data_dir)
    yield db
    db.close()


@pytest.fixture
def books(database):
    contacts = ContactBook(database)
    ann = contacts.save(ContactRecord("Ann", service_ids={"slack": "U024BE7LH"}))
    cy = contacts.save(ContactRecord("Cy"))
    team = contacts.save_group(GroupRecord("Team", (ann, cy)))
    channels = ChannelBook(database, KeyringSecrets())
    room = channels.save(
        "Team room", SlackConfig(webhook_url="https://hooks.slack.com/services/T0/B0/x")
    )
    wecom = channels.save("企业群", WeComConfig(key="k-1", msgtype="markdown"))
    return {
        "contacts": contacts,
        "channels": channels,
        "ann": ann,
        "cy": cy,
        "team": team,
        "room": room,
        "wecom": wecom,
    }


def test_contact_dialog_checks_each_id_next_to_its_field(qtbot, books):
    dialog = ContactDialog(books["contacts"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Eve")
    qtbot.keyClicks(dialog.id_edits["slack"], "u123>|<!channel")
    assert "U or W" in dialog.id_errors["slack"].text()
    assert not dialog.save_button.isEnabled()
    assert dialog.id_errors["discord"].text() == ""
    dialog.id_edits["slack"].clear()
    qtbot.keyClicks(dialog.id_edits["slack"], "W0EVE1234")
    qtbot.keyClicks(dialog.id_edits["telegram"], "@eve_w")
    assert dialog.id_errors["slack"].text() == ""
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [eve] = [c for c in books["contacts"].contacts() if c.name == "Eve"]
    assert eve.service_ids == {"slack": "W0EVE1234", "telegram": "eve_w"}
    # Opened again, the IDs are in their fields.
    again = ContactDialog(books["contacts"], eve)
    qtbot.addWidget(again)
    assert again.id_edits["slack"].text() == "W0EVE1234"


def test_a_room_mentions_a_group_and_warns_about_who_cannot_be_pinged(qtbot, books):
    spec_targets = (
        Target("slack", books["room"], mention=MentionChoice(group_ids=(books["team"],))),
    )
    from tests.ui.test_targets_editor import fill  # the same typing as the targets tests

    dialog = PushEditorDialog(contacts=books["contacts"], channels=books["channels"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fill(qtbot, dialog, title="Stand-up")
    dialog.targets_editor.set_targets(spec_targets)
    panel = dialog.targets_editor.mentions_box.panels[books["room"]]
    assert panel.isVisible()
    dialog.schedule_refresh()
    qtbot.waitUntil(lambda: "Cy" in panel.warning_label.text(), timeout=HANG_MS)
    assert "No Slack ID for Cy" in panel.warning_label.text()
    panel.everyone_box.click()
    [target] = [t for t in dialog.targets_editor.targets() if t.kind == "slack"]
    assert target.mention == MentionChoice(group_ids=(books["team"],), everyone=True)


def test_wecom_markdown_everyone_is_warned(qtbot, books):
    from tests.ui.test_targets_editor import fill

    dialog = PushEditorDialog(contacts=books["contacts"], channels=books["channels"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fill(qtbot, dialog, title="Stand-up")
    dialog.targets_editor.set_targets(
        (Target("wecom", books["wecom"], mention=MentionChoice(everyone=True)),)
    )
    panel = dialog.targets_editor.mentions_box.panels[books["wecom"]]
    dialog.schedule_refresh()
    qtbot.waitUntil(lambda: "cannot @all" in panel.warning_label.text(), timeout=HANG_MS)


def test_showing_other_targets_replaces_the_mention_choice(qtbot, books):
    from tests.ui.test_targets_editor import fill

    dialog = PushEditorDialog(contacts=books["contacts"], channels=books["channels"])
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, title="Stand-up")
    room = books["room"]
    editor = dialog.targets_editor
    editor.set_targets((Target("slack", room, mention=MentionChoice(everyone=True)),))
    editor.set_targets((Target("slack", room, mention=MentionChoice((books["ann"],))),))
    [target] = editor.targets()
    assert target.mention == MentionChoice((books["ann"],))


def test_csv_import_maps_id_columns_and_refuses_a_bad_id(qtbot, database, tmp_path):
    from pushgui.ui.people.contacts_window import ContactsWindow
    from pushgui.ui.people.csv_import_dialog import CsvImportDialog

    book = ContactBook(database)
    window = ContactsWindow(book)
    qtbot.addWidget(window)
    window.show()
    source = tmp_path / "people.csv"
    source.write_bytes(
        b"name,slack,discord\r\nBob,U024BE7LH,80351110224678912\r\nEve,U1>|<!channel,1\r\n"
    )
    dialog = window.import_csv(source)
    assert isinstance(dialog, CsvImportDialog)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.mapping() == ["name", "slack", "discord"]
    assert dialog.combos[1].currentText() == "Slack member ID"
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    problems = [
        dialog.problems_model.index(r, 3).data() for r in range(dialog.problems_model.rowCount())
    ]
    assert len(problems) == 1 and "U or W" in problems[0]
    with qtbot.waitSignal(window.contacts_changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    [bob] = book.contacts()
    assert bob.service_ids == {"slack": "U024BE7LH", "discord": "80351110224678912"}
