"""File > Connect to a team server: the address, the password in the keyring only, a tested
connection, and a write refused to a read-only login said in plain words (docs/TEAM.md,
"Desktop editors"; docs/INPUTS.md, "Team server address")."""

from __future__ import annotations

import psycopg
import pytest

from pushgui.core.people.contacts import ContactRecord
from pushgui.core.pushes.spec import Message
from pushgui.core.server.connection import CHOICE_FILE, KEYRING_SERVICE, TeamServer, remembered
from pushgui.core.server.editing import EditorPushService, open_editor_database
from pushgui.core.server.offline import editor_books
from pushgui.core.store.errors import StoreError
from pushgui.core.store.server import open_server_database
from pushgui.core.system.secrets import SessionSecrets
from pushgui.ui.dialogs.team_server_dialog import TeamServerDialog
from tests.helpers import weekdays_at_nine

WAIT_MS = 60_000  # bounds a hang only


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("", "not a database address"),
        ("mysql://me@db/pushgui", "PostgreSQL only"),
        ("postgresql://me@db", "names no database"),
        ("postgresql:///pushgui", "names no server"),
        ("postgresql://db.example.org/pushgui", "names no login"),
    ],
)
def test_a_bad_address_is_said_beside_the_field_and_kept(qtbot, data_dir, typed, said):
    dialog = TeamServerDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.address_edit.setText(typed)
    dialog.connect_button.click()
    assert dialog.address_error.isVisible()
    assert said in dialog.address_error.text()
    assert dialog.address_edit.text() == typed and dialog.isVisible()
    assert not (data_dir / CHOICE_FILE).exists()


def test_a_password_in_the_address_goes_to_the_keyring_not_the_file(data_dir, memory_keyring):
    from pushgui.core.server.connection import remember

    server = TeamServer.parse("postgresql://ann:s3cret@db.example.org:5432/pushgui")
    assert server.address == "postgresql://ann@db.example.org:5432/pushgui"
    remember(data_dir, server)
    assert "s3cret" not in (data_dir / CHOICE_FILE).read_text()
    assert memory_keyring.get_password(KEYRING_SERVICE, server.address) == "s3cret"
    assert remembered(data_dir) == server
    assert "s3cret" not in repr(server)


@pytest.mark.slow
def test_connect_tries_the_server_first_and_remembers_it_only_when_it_answers(
    qtbot, pg_url, data_dir, tmp_path
):
    dialog = TeamServerDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    # No pushgui tables yet: said, nothing remembered.
    dialog.address_edit.setText(pg_url)
    dialog.connect_button.click()
    qtbot.waitUntil(dialog.address_error.isVisible, timeout=WAIT_MS)
    assert "no pushgui tables yet" in dialog.address_error.text()
    assert remembered(data_dir) is None

    open_server_database(pg_url, tmp_path / "server").close()
    with qtbot.waitSignal(dialog.connected, timeout=WAIT_MS) as connected:
        dialog.connect_button.click()
    assert connected.args[0].address == pg_url
    assert remembered(data_dir) == connected.args[0]
    assert not dialog.isVisible()


@pytest.mark.slow
def test_a_viewer_login_is_refused_in_plain_words(pg_url, tmp_path):
    open_server_database(pg_url, tmp_path / "server").close()
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS pushgui_test_viewer")
        admin.execute("CREATE ROLE pushgui_test_viewer LOGIN")
        admin.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO pushgui_test_viewer")
    viewer_url = pg_url.replace("postgres@", "pushgui_test_viewer@")
    db = open_editor_database(viewer_url, tmp_path / "desktop")
    try:
        books = editor_books(db, SessionSecrets())
        writes = {
            "push": lambda: EditorPushService(db).create(weekdays_at_nine("Stand-up")),
            "contact": lambda: books.contacts.save(ContactRecord("Ann", "ann@example.org")),
            "template": lambda: books.templates.save("Stand-up", Message("Stand-up")),
        }
        for what, write in writes.items():
            with pytest.raises(StoreError) as refused:
                write()
            assert "your login “pushgui_test_viewer” may not make it" in str(refused.value), what
            assert "INSERT" not in str(refused.value), what  # the words, not the statement
    finally:
        db.close()
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM pushgui_test_viewer")
            admin.execute("DROP OWNED BY pushgui_test_viewer")
            admin.execute("DROP ROLE pushgui_test_viewer")


def test_an_unreachable_server_is_said_and_nothing_is_remembered(qtbot, data_dir):
    dialog = TeamServerDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.address_edit.setText("postgresql://ann@127.0.0.1:1/pushgui")  # nothing listens
    dialog.password_edit.setText("s3cret")
    dialog.connect_button.click()
    qtbot.waitUntil(
        lambda: dialog.address_error.isVisible() or dialog.password_error.isVisible(),
        timeout=WAIT_MS,
    )
    said = dialog.address_error.text() + dialog.password_error.text()
    assert "Cannot use the database postgresql://ann:***@127.0.0.1:1/pushgui" in said
    assert "Connection refused" in said
    assert "s3cret" not in said
    assert remembered(data_dir) is None and dialog.isVisible()
    assert dialog.connect_button.isEnabled()  # try again after fixing it


def test_a_remembered_server_that_cannot_be_used_at_start_offers_this_computer(
    qtbot, qapp, data_dir
):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pushgui.core.server.connection import remember
    from pushgui.core.system.paths import locate
    from pushgui.editor_app import run_editor_window

    remember(data_dir, TeamServer.parse("postgresql://ann@127.0.0.1:1/pushgui"))
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        asked.append(box.text())
        [local] = [b for b in box.buttons() if "this computer" in b.text()]
        local.click()

    QTimer.singleShot(0, answer)
    started: list[bool] = []
    assert (
        run_editor_window(
            qapp, locate(data_dir), remembered(data_dir), lambda: started.append(True) or 0
        )
        == 0
    )
    assert "cannot be used" in asked[0] and "127.0.0.1:1" in asked[0]
    assert started == [True]
    assert remembered(data_dir) is None  # the next start is on this computer's reminders
