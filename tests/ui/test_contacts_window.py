"""The Contacts window driven like a user: add and edit through the dialog, search, groups,
delete (asking first), CSV import with its three steps, and export that reads back."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.people.contacts_csv import guess_mapping, plan_import, read_csv
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Target
from pushgui.core.store.db import open_database
from pushgui.ui.people.contact_dialog import ContactDialog
from pushgui.ui.people.contacts_model import EMAIL, GROUPS, NAME
from pushgui.ui.people.contacts_window import ContactsWindow
from pushgui.ui.people.csv_import_dialog import CsvImportDialog
from pushgui.ui.people.group_dialog import GroupNameDialog
from tests.helpers import weekdays_at_nine


@pytest.fixture
def database(qapp, data_dir):
    db = open_database(data_dir)
    yield db
    db.close()


@pytest.fixture
def book(database):
    return ContactBook(database)


@pytest.fixture
def window(qtbot, book):
    win = ContactsWindow(book)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def cell(window: ContactsWindow, row: int, column: int) -> str:
    return window.proxy.index(row, column).data() or ""


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII key by key, other text committed by the input method (IME)."""
    for part in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if part.isascii():
            qtbot.keyClicks(widget, part)
        else:
            event = QInputMethodEvent()
            event.setCommitString(part)
            QApplication.sendEvent(widget, event)


def cell_editor(dialog: ContactDialog) -> QLineEdit:
    """The editor open in the custom-fields table."""
    [editor] = [e for e in dialog.fields_view.viewport().findChildren(QLineEdit) if e.isVisible()]
    return editor


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def destructive(box: QMessageBox):
    [button] = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ]
    return button


def test_add_a_contact_through_the_dialog_and_see_it_in_the_table(qtbot, window, book):
    assert window.empty_hint.isVisible()
    window.add_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, ContactDialog) and dialog.isVisible()
    assert not dialog.save_button.isEnabled()  # no name yet

    type_text(qtbot, dialog.name_edit, "李雷 Li Lei")
    qtbot.keyClicks(dialog.email_edit, "lilei@example.com")
    qtbot.keyClicks(dialog.handle_edit, "@lilei")
    click(qtbot, dialog.add_field_button)
    editor = dialog.fields_view.viewport().findChild(QLineEdit)
    assert editor is not None
    type_text(qtbot, editor, "部门")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # on to the value cell, as in a spreadsheet
    editor = cell_editor(dialog)
    type_text(qtbot, editor, "研发")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: dialog.fields_model.pairs() == [("部门", "研发")])
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1)
    assert cell(window, 0, NAME) == "李雷 Li Lei"
    assert cell(window, 0, EMAIL) == "lilei@example.com"
    assert not window.empty_hint.isVisible()
    [saved] = book.contacts()
    assert saved.fields == {"部门": "研发"} and saved.handle == "@lilei"
    assert window.selected_ids() == [saved.id]

    # Editing opens the same dialog with the saved values (double-click on the row).
    rect = window.table.visualRect(window.proxy.index(0, NAME))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editing = window.dialog
    assert isinstance(editing, ContactDialog) and editing.isVisible()
    assert editing.email_edit.text() == "lilei@example.com"
    editing.phone_edit.clear()
    qtbot.keyClicks(editing.phone_edit, "+86 138 0000 0000")
    click(qtbot, editing.save_button)
    qtbot.waitUntil(lambda: book.contacts()[0].phone == "+86 138 0000 0000")
    assert len(book.contacts()) == 1


def test_an_invalid_email_shows_an_inline_error_and_blocks_save(qtbot, window, book):
    dialog = window.add_contact()
    qtbot.keyClicks(dialog.name_edit, "Ann")
    assert dialog.save_button.isEnabled()
    assert not dialog.email_error.isVisible()
    qtbot.keyClicks(dialog.email_edit, "ann@example")
    assert dialog.email_error.isVisible()
    assert "not an email address" in dialog.email_error.text()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Return)  # Enter does not save it either
    assert dialog.isVisible() and book.contacts() == []

    qtbot.keyClicks(dialog.email_edit, ".com")
    assert not dialog.email_error.isVisible()
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog.cancel_button)
    assert book.contacts() == []


def test_deleting_a_contact_used_by_a_push_names_the_push(qtbot, window, book, database):
    ann = book.save(ContactRecord("Ann", "ann@example.com"))
    book.save(ContactRecord("Bob", "bob@example.com"))
    from pushgui.core.channels.book import ChannelBook
    from pushgui.core.channels.config import EmailConfig
    from pushgui.core.system.secrets import SessionSecrets

    mail = ChannelBook(database, SessionSecrets()).save(
        "Mail", EmailConfig(host="smtp.example.com", sender_address="me@example.com")
    )
    spec = replace(weekdays_at_nine("Weekly report"), targets=(Target("email", mail, (ann,), ()),))
    PushService(database).save_new([spec])
    window.reload()
    assert window.proxy.rowCount() == 2

    window.select_id(ann)
    box = window.delete_selected()
    assert box is not None and "Weekly report" in box.text() and "“Ann”" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(book.contacts()) == 2

    window.select_id(ann)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    box = window.confirmation
    assert box is not None and box.isVisible()
    click(qtbot, destructive(box))
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1)
    assert [c.name for c in book.contacts()] == ["Bob"]


def test_search_groups_and_add_to_group(qtbot, window, book):
    ids = book.save_many(
        [
            ContactRecord("Ann Lee", "ann@example.com"),
            ContactRecord("Bob Stone", "bob@work.example"),
            ContactRecord("Cat", "cat@example.com"),
        ]
    )
    window.reload()
    window.find_action.trigger()
    assert window.focusWidget() is window.search_box
    qtbot.keyClicks(window.search_box, "WORK")
    assert window.proxy.rowCount() == 1 and cell(window, 0, NAME) == "Bob Stone"
    window.search_box.clear()

    dialog = window.groups.add_group()
    assert isinstance(dialog, GroupNameDialog)
    qtbot.keyClicks(dialog.name_edit, "Sales")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: window.current_group_id() is not None)
    assert window.proxy.rowCount() == 0 and window.empty_hint.isVisible()

    # A second group with the same name is refused inline.
    again = window.groups.add_group()
    qtbot.keyClicks(again.name_edit, "sales")
    click(qtbot, again.ok_button)
    assert again.isVisible() and "already exists" in again.error.text()
    click(qtbot, again.buttons.button(again.buttons.StandardButton.Cancel))

    window.select_group(None)
    window.select_id(ids[0])
    window.select_id(ids[2], add=True)
    window.groups.fill_menu()
    [sales] = [a for a in window.group_menu.actions() if a.text() == "Sales"]
    sales.trigger()
    [group] = book.groups()
    assert sorted(group.member_ids) == sorted([ids[0], ids[2]])
    assert cell(window, 0, GROUPS) == "Sales"
    window.select_group(group.id)
    assert window.proxy.rowCount() == 2


def write_csv(path, text: str) -> None:
    path.write_bytes(text.encode("utf-8-sig"))  # what Excel's "CSV UTF-8" writes


def test_csv_import_previews_maps_checks_and_imports_only_on_import(qtbot, window, book, tmp_path):
    book.save(ContactRecord("Ann Existing", "ann@example.com"))
    window.reload()
    source = tmp_path / "people.csv"
    write_csv(
        source,
        "姓名,邮箱,部门\r\n"
        "Bob,bob@example.com,Sales\r\n"
        "Carl,carl-at-example.com,Ops\r\n"
        "Ann again,ANN@example.com,Ops\r\n"
        "Dora,dora@example.com,研发\r\n",
    )
    dialog = window.import_csv(source)
    assert isinstance(dialog, CsvImportDialog) and dialog.isVisible()
    assert dialog.preview_model.rowCount() == 4
    assert dialog.preview_model.headerData(0, Qt.Orientation.Horizontal, 0) == "姓名"
    assert "UTF-8" in dialog.preview_summary.text()

    click(qtbot, dialog.next_button)
    assert dialog.mapping() == ["name", "email", "部门"]
    # Mapping two columns to Name is refused until fixed.
    dialog.combos[1].setCurrentIndex(dialog.combos[1].findData("name"))
    assert not dialog.next_button.isEnabled() and dialog.mapping_error.isVisible()
    dialog.combos[1].setCurrentIndex(dialog.combos[1].findData("email"))
    assert dialog.next_button.isEnabled()

    click(qtbot, dialog.next_button)
    assert dialog.counts == (2, 1, 1)
    text = dialog.counts_label.text()
    assert "<b>2</b>" in text and "<b>1</b>" in text
    problems = [
        [dialog.problems_model.index(r, c).data() for c in range(4)]
        for r in range(dialog.problems_model.rowCount())
    ]
    assert problems[0][:2] == ["3", "Carl"] and "not an email address" in problems[0][3]
    assert problems[1][:2] == ["4", "Ann again"] and "Ann Existing" in problems[1][3]
    assert len(book.contacts()) == 1  # nothing written before Import

    dialog.group_check.setChecked(True)
    qtbot.keyClicks(dialog.group_combo.lineEdit(), "Imported")
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(window.contacts_changed):
        click(qtbot, dialog.import_button)
    names = sorted(c.name for c in book.contacts())
    assert names == ["Ann Existing", "Bob", "Dora"]
    assert {c.name: c.fields for c in book.contacts()}["Dora"] == {"部门": "研发"}
    [group] = book.groups()
    assert group.name == "Imported" and len(group.member_ids) == 2
    assert window.proxy.rowCount() == 3


def test_cancelling_or_an_unreadable_file_imports_nothing(qtbot, window, book, tmp_path):
    good = tmp_path / "ok.csv"
    write_csv(good, "Name,Email\nBob,bob@example.com\n")
    dialog = window.import_csv(good)
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.cancel_button)
    assert book.contacts() == []

    broken = tmp_path / "photo.csv"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    dialog = window.import_csv(broken)
    assert dialog.file_error.isVisible()
    assert "not a text file" in dialog.file_error.text()
    assert "Nothing was imported" in dialog.file_error.text()
    assert not dialog.import_button.isVisible() and not dialog.next_button.isVisible()
    click(qtbot, dialog.cancel_button)

    missing = window.import_csv(tmp_path / "gone.csv")
    assert missing.file_error.isVisible() and "could not be opened" in missing.file_error.text()
    missing.reject()
    assert book.contacts() == []


def test_export_writes_a_csv_that_reads_back(qtbot, window, book, tmp_path):
    book.save_many(
        [
            ContactRecord("张伟", "zhangwei@example.cn", fields={"部门": "研发"}),
            ContactRecord("=Eve", "eve@example.com", phone="+1 555 0100"),
        ]
    )
    sales = book.save_group(GroupRecord("Sales"))
    window.reload()
    target = window.export_csv(tmp_path / "out.csv")
    assert target is not None
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8

    table = read_csv(data)
    plan = plan_import(table, guess_mapping(table.headers), [])
    back = {(c.name, c.email, c.phone, tuple(c.fields.items())) for c in plan.importable}
    before = {(c.name, c.email, c.phone, tuple(c.fields.items())) for c in book.contacts()}
    assert back == before

    # With a group chosen, only its members are exported.
    window.select_group(sales)
    empty = read_csv(window.export_csv(tmp_path / "sales.csv").read_bytes())
    assert empty.rows == []


def test_every_column_fits_the_window_as_it_first_opens(qtbot, window, book):
    """At its first size the table shows all five columns, Groups too, with no sideways
    scrolling (Groups was cut off at "Gr" behind a scroll bar)."""
    book.save_many([ContactRecord("Ann Lee", "ann@example.com")])
    window.reload()
    header = window.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= window.table.viewport().width())
    assert not window.table.horizontalScrollBar().isVisible()
    groups = header.sectionSize(GROUPS)
    assert groups >= header.fontMetrics().horizontalAdvance("Groups") + 16
