"""Pasted line breaks and control characters, bad addresses and two Email columns, as a user
meets them in the reminder editor, the contact dialog and the CSV import (issue 12 items 12
and 13): each gets a message next to its field and nothing is saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pushgui.core.people.contacts import ContactBook
from pushgui.core.store.db import open_database
from pushgui.ui.editor.push_editor import PushEditorDialog
from pushgui.ui.people.contacts_window import ContactsWindow

PASTED = {
    "line-separator": "Stand-up\u2028now",
    "next-line": "Stand-up\x85now",
    "escape": "Stand-up\x1b[2Jnow",
    "line-feed": "Stand-up\nBcc: x@y.z",
}


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


def paste(widget, text: str) -> None:
    """Paste like a user (Ctrl+V): the clipboard keeps every character, and so does the field."""
    QApplication.clipboard().setText(text)
    widget.paste()


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("text", PASTED.values(), ids=PASTED.keys())
def test_a_pasted_line_break_in_the_title_is_shown_next_to_it(qtbot, text):
    dialog = PushEditorDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Stand-up")
    paste(dialog.title_edit, text)
    message = "Remove the line breaks and control characters"
    qtbot.waitUntil(lambda: dialog.title_error.text() == message)  # live check, debounced
    assert dialog.title_error.isVisible()
    assert not dialog.save_button.isEnabled()


@pytest.mark.parametrize("text", PASTED.values(), ids=PASTED.keys())
def test_the_contact_dialog_refuses_them_in_every_one_line_field(qtbot, window, book, text):
    dialog = window.add_contact()
    qtbot.keyClicks(dialog.name_edit, "Ann")
    for edit, error in (
        (dialog.handle_edit, dialog.handle_error),
        (dialog.phone_edit, dialog.phone_error),
        (dialog.name_edit, dialog.name_error),
    ):
        paste(edit, text)
        assert error.isVisible(), edit.accessibleName()
        assert "line breaks and control characters" in error.text()
        assert not dialog.save_button.isEnabled()
        edit.clear()
        qtbot.keyClicks(edit, "ok")
        assert not error.isVisible()
    dialog.reject()
    assert book.contacts() == []


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("ann@example..com", "two periods"),
        ("ann@-example.com", "hyphen"),
        ("ann@example.com\u200b", "ZERO WIDTH SPACE"),
        ("\u202eann@example.com", "RIGHT-TO-LEFT OVERRIDE"),
    ],
)
def test_a_bad_address_is_refused_inline_with_the_reason(qtbot, window, book, address, says):
    dialog = window.add_contact()
    qtbot.keyClicks(dialog.name_edit, "Ann")
    paste(dialog.email_edit, address)
    assert dialog.email_error.isVisible()
    assert "not an email address" in dialog.email_error.text() and says in dialog.email_error.text()
    assert not dialog.save_button.isEnabled()
    dialog.reject()
    assert book.contacts() == []


def test_two_email_columns_are_asked_about_in_the_mapping_step(qtbot, window, book, tmp_path):
    source = tmp_path / "people.csv"
    source.write_bytes(
        "Name,Email,email\r\nAnn,ann@work.example,ann@home.example\r\n".encode("utf-8-sig")
    )
    dialog = window.import_csv(source)
    click(qtbot, dialog.next_button)
    # Asked at once, before the user touches anything; nothing goes on until they choose.
    assert dialog.mapping_error.isVisible()
    assert "“Email”, “email”" in dialog.mapping_error.text()
    assert "Skip this column" in dialog.mapping_error.text()
    assert not dialog.next_button.isEnabled()
    dialog.combos[1].setCurrentIndex(dialog.combos[1].findData(""))  # keep the second one
    assert not dialog.mapping_error.isVisible()
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.import_button)
    assert [(c.name, c.email) for c in book.contacts()] == [("Ann", "ann@home.example")]


def test_a_csv_with_old_mac_line_endings_imports(qtbot, window, book, tmp_path):
    source = tmp_path / "mac.csv"
    source.write_bytes(b"Name,Email\rAnn,ann@example.com\rBob,bob@example.com\r")
    dialog = window.import_csv(source)
    assert not dialog.file_error.isVisible()
    assert dialog.preview_model.rowCount() == 2
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.import_button)
    assert sorted(c.name for c in book.contacts()) == ["Ann", "Bob"]


def test_a_csv_row_with_an_escape_sequence_is_a_row_problem(qtbot, window, book, tmp_path):
    source = tmp_path / "esc.csv"
    source.write_bytes(b"Name,Email\nAnn\x1b[31m,ann@example.com\nBob,bob@example.com\n")
    dialog = window.import_csv(source)
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)
    assert dialog.counts[0] == 1
    problem = dialog.problems_model.index(0, 3).data()
    assert "line breaks and control characters" in problem
    click(qtbot, dialog.import_button)
    assert [c.name for c in book.contacts()] == ["Bob"]
