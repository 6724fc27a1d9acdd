"""The channel form and the secret store (issue 12 items 6 and 14): a secret the user clears
is deleted, and Send test without a keyring says what a run would meet."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import DingTalkConfig, EmailConfig, WebhookConfig
from pushgui.core.store.db import open_database
from pushgui.core.system.secrets import KeyringSecrets
from pushgui.ui.channel_form import ChannelForm
from tests.servers import DINGTALK_SECRET, DINGTALK_TOKEN


@pytest.fixture
def database(qapp, data_dir):
    db = open_database(data_dir)
    yield db
    db.close()


@pytest.fixture
def book(database):
    return ChannelBook(database, KeyringSecrets())


def open_form(qtbot, book, kind="email", channel_id=None) -> ChannelForm:
    form = ChannelForm(book, kind, channel_id=channel_id)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def stored(memory_keyring) -> dict[str, str]:
    return {account: value for (_service, account), value in memory_keyring.values.items()}


def test_clearing_the_dingtalk_signing_secret_deletes_it(qtbot, book, memory_keyring):
    robot = book.save("Robot", DingTalkConfig(access_token=DINGTALK_TOKEN, secret=DINGTALK_SECRET))
    assert DINGTALK_SECRET in stored(memory_keyring).values()
    form = open_form(qtbot, book, channel_id=robot)
    secret = form.inputs["secret"].edit
    assert secret.text() == DINGTALK_SECRET
    secret.selectAll()
    qtbot.keyClick(secret, Qt.Key.Key_Delete)
    form.accept()
    assert form.result() == form.DialogCode.Accepted
    assert DINGTALK_SECRET not in stored(memory_keyring).values()
    assert book.config(robot).secret == ""
    assert book.config(robot).access_token == DINGTALK_TOKEN


def test_clearing_webhook_headers_deletes_them(qtbot, book, memory_keyring):
    hook = book.save(
        "Hook", WebhookConfig(url="https://h.example/x", headers="Authorization: Bearer T-1")
    )
    form = open_form(qtbot, book, channel_id=hook)
    headers = form.inputs["headers"]
    assert headers.toPlainText() == "Authorization: Bearer T-1"
    headers.selectAll()
    qtbot.keyClick(headers, Qt.Key.Key_Delete)
    form.accept()
    assert not any("Bearer" in value for value in stored(memory_keyring).values())
    assert book.config(hook).headers == ""


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def fill_mail(qtbot, form, server, username="", password="") -> None:
    form.inputs["host"].clear()
    qtbot.keyClicks(form.inputs["host"], server.host)
    security = form.inputs["security"]
    security.setCurrentIndex(security.findData("none"))
    form.inputs["port"].setValue(server.port)
    if username:
        qtbot.keyClicks(form.inputs["username"], username)
        qtbot.keyClicks(form.inputs["password"].edit, password)
    qtbot.keyClicks(form.inputs["sender_address"], "me@example.com")
    form.test_to_edit.clear()
    qtbot.keyClicks(form.test_to_edit, "friend@example.com")


def test_without_a_keyring_send_test_and_save_work_for_a_server_without_login(
    no_keyring, qtbot, book, smtp_no_auth
):
    form = open_form(qtbot, book)
    fill_mail(qtbot, form, smtp_no_auth)
    with qtbot.waitSignal(form.test_finished, timeout=10_000) as done:
        form.send_test()
    assert done.args[0] is True, done.args[1]
    qtbot.keyClicks(form.name_edit, "Relay")
    form.accept()
    assert form.result() == form.DialogCode.Accepted
    assert book.config(form.channel_id) == EmailConfig(
        host=smtp_no_auth.host,
        port=smtp_no_auth.port,
        security="none",
        sender_address="me@example.com",
    )


def test_without_a_keyring_send_test_of_a_password_fails_like_the_run_would(
    no_keyring, qtbot, book, smtp_no_auth
):
    form = open_form(qtbot, book)
    fill_mail(qtbot, form, smtp_no_auth, "me", "pw-123")
    with qtbot.waitSignal(form.test_finished, timeout=10_000) as done:
        form.send_test()
    assert done.args[0] is False
    assert "keyring" in done.args[1] and "pw-123" not in done.args[1]
    assert smtp_no_auth.inbox.received == []
