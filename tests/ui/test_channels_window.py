"""The Channels window and its forms driven like a user, against the local fake bot APIs
and SMTP server: paste an address, send a real test, save with secrets in the keyring."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import KINDS, DingTalkConfig
from pushgui.core.store.db import open_database
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.secrets import (
    PLAIN_FILE,
    SECRETS_MODE_KEY,
    KeyringSecrets,
    PlainFileSecrets,
)
from pushgui.ui import channel_form
from pushgui.ui.channel_fields import SecretEdit
from pushgui.ui.channel_form import ChannelForm
from pushgui.ui.channels_window import NAME, SERVICE, ChannelsWindow
from tests.servers import BARK_KEY, DINGTALK_SECRET, DINGTALK_TOKEN, PASSWORD, USER, Reply


@pytest.fixture
def database(qapp, data_dir):
    db = open_database(data_dir)
    yield db
    db.close()


@pytest.fixture
def book(database):
    return ChannelBook(database, KeyringSecrets())


@pytest.fixture
def settings(database):
    return SettingsStore(database)


@pytest.fixture
def window(qtbot, book, settings):
    win = ChannelsWindow(book, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def paste(qtbot, edit, text: str) -> None:
    """Paste like a user: the text goes to the clipboard, then Ctrl+V."""
    QApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == text


def new_form(qtbot, window: ChannelsWindow, key: str) -> ChannelForm:
    window.add_action.trigger()
    picker = window.picker
    assert picker is not None and picker.isVisible()
    click(qtbot, picker.buttons_by_key[key])
    form = window.form
    assert form is not None and form.isVisible()
    return form


def test_dingtalk_by_pasting_its_address_test_send_and_save(
    qtbot, window, book, fake, memory_keyring, data_dir
):
    form = new_form(qtbot, window, "dingtalk")
    assert form.paste_frame.isVisible()
    paste(qtbot, form.paste_edit, f"{fake.url}/robot/send?access_token={DINGTALK_TOKEN}")
    assert not form.paste_error.isVisible()
    assert form.values()["access_token"] == DINGTALK_TOKEN
    assert form.values()["api_url"] == f"{fake.url}/robot/send"
    assert form.advanced_toggle.isChecked()  # a non-default service address is shown
    qtbot.keyClicks(form.inputs["secret"].edit, DINGTALK_SECRET)

    with qtbot.waitSignal(form.test_finished, timeout=60_000) as done:
        click(qtbot, form.test_button)
        assert not form.test_button.isEnabled() and form.busy.isVisible()
    assert done.args[0] is True, done.args[1]
    assert form.test_result.text().startswith("✓ Sent")
    assert form.test_button.isEnabled() and not form.busy.isVisible()
    # The fake DingTalk checked the signature itself and accepted it.
    [request] = fake.requests
    assert request.param("access_token") == DINGTALK_TOKEN
    assert request.param("sign") and request.param("timestamp")
    assert request.json["msgtype"] == "text"

    # An error answered at HTTP 200 is a failure, shown with the service's own words.
    fake.queue(Reply(200, {"errcode": 310000, "errmsg": "keywords not in content"}))
    with qtbot.waitSignal(form.test_finished, timeout=60_000) as done:
        click(qtbot, form.test_button)
    assert done.args[0] is False
    assert "keywords not in content" in form.test_result.text()
    assert form.test_result.text().startswith("✗ Not sent")

    form.name_edit.clear()
    qtbot.keyClicks(form.name_edit, "Team robot")
    with qtbot.waitSignal(window.channels_changed):
        click(qtbot, form.save_button)
    assert not form.isVisible()
    [record] = book.channels()
    assert (record.kind, record.name) == ("dingtalk", "Team robot")
    assert window.model.index(0, NAME).data() == "Team robot"
    assert window.model.index(0, SERVICE).data() == "DingTalk"

    # The secrets are in the keyring, and nowhere in the database or its settings.
    stored = set(memory_keyring.values.values())
    assert {DINGTALK_TOKEN, DINGTALK_SECRET} <= stored
    assert "access_token" not in record.settings and "secret" not in record.settings
    assert DINGTALK_TOKEN not in json.dumps(record.settings)
    on_disk = b"".join(p.read_bytes() for p in data_dir.glob("pushgui.sqlite3*"))
    assert on_disk
    for secret in (DINGTALK_TOKEN, DINGTALK_SECRET):
        assert secret.encode() not in on_disk
    assert book.config(record.id) == DingTalkConfig(
        access_token=DINGTALK_TOKEN, secret=DINGTALK_SECRET, api_url=f"{fake.url}/robot/send"
    )

    # Editing shows the saved values, secrets included (masked).
    window.select_id(record.id)
    form = window.edit_selected()
    assert form is not None
    assert form.inputs["secret"].edit.text() == DINGTALK_SECRET
    assert form.inputs["secret"].edit.echoMode() != form.inputs["secret"].edit.EchoMode.Normal
    click(qtbot, form.inputs["secret"].toggle)
    assert form.inputs["secret"].edit.echoMode() == form.inputs["secret"].edit.EchoMode.Normal
    form.reject()


def test_pasted_addresses_are_checked_inline_and_can_switch_the_service(qtbot, window):
    form = new_form(qtbot, window, "dingtalk")
    paste(qtbot, form.paste_edit, "https://oapi.dingtalk.com/robot/send?foo=1")
    assert form.paste_error.isVisible()
    assert "no access_token" in form.paste_error.text()

    form.paste_edit.clear()
    assert not form.paste_error.isVisible()
    paste(qtbot, form.paste_edit, "https://hooks.slack.com/services/T000/B000/XXXX")
    assert form.kind == "slack"
    assert form.name_edit.text() == "Slack"
    assert form.values() == {"webhook_url": "https://hooks.slack.com/services/T000/B000/XXXX"}
    assert "now for Slack" in form.paste_note.text()
    form.reject()


def test_save_shows_errors_next_to_the_fields(qtbot, window, book):
    form = new_form(qtbot, window, "telegram")
    assert not form.errors["bot_token"].isVisible()  # nothing shouted before a try
    click(qtbot, form.save_button)
    assert form.isVisible() and book.channels() == []
    assert "@BotFather" in form.errors["bot_token"].text()
    assert form.errors["chat_id"].isVisible()
    qtbot.keyClicks(form.inputs["bot_token"].edit, "123456:ABC-DEF")
    assert not form.errors["bot_token"].isVisible()
    form.reject()


def test_email_presets_warning_and_a_real_test_send(qtbot, window, smtp_plain):
    form = new_form(qtbot, window, "email")
    assert not form.paste_frame.isVisible()
    form.preset_combo.setCurrentIndex(form.preset_combo.findData("qq"))
    assert (form.values()["host"], form.values()["port"], form.values()["security"]) == (
        "smtp.qq.com",
        465,
        "ssl",
    )
    assert "authorization code" in form.preset_hint.text()

    host = form.inputs["host"]
    host.clear()
    qtbot.keyClicks(host, smtp_plain.host)
    security = form.inputs["security"]
    security.setCurrentIndex(security.findData("none"))
    assert form.warnings["security"].isVisible()
    assert "readable by anyone" in form.warnings["security"].text()
    form.inputs["port"].setValue(smtp_plain.port)
    qtbot.keyClicks(form.inputs["username"], USER)
    qtbot.keyClicks(form.inputs["password"].edit, PASSWORD)
    qtbot.keyClicks(form.inputs["sender_address"], "me@example.com")
    assert form.test_to_edit.isVisible()
    form.test_to_edit.clear()
    click(qtbot, form.test_button)
    assert "address the test should go to" in form.test_error.text()  # asks for a recipient
    qtbot.keyClicks(form.test_to_edit, "friend@example.com")

    with qtbot.waitSignal(form.test_finished, timeout=60_000) as done:
        click(qtbot, form.test_button)
    assert done.args[0] is True, done.args[1]
    [mail] = smtp_plain.inbox.received
    assert mail.rcpt_tos == ["friend@example.com"]
    form.reject()


def test_delete_asks_first(qtbot, window, book):
    channel_id = book.save("Robot", DingTalkConfig(access_token="abc"))
    window.reload()
    window.select_id(channel_id)
    box = window.delete_selected()
    assert box is not None and "Robot" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(book.channels()) == 1
    box = window.delete_selected()
    [delete] = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ]
    click(qtbot, delete)
    assert book.channels() == []
    assert window.empty_hint.isVisible()


def test_without_a_keyring_the_user_chooses_where_secrets_go(qtbot, book, settings, data_dir, fake):
    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture restores it
    window = ChannelsWindow(book, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.banner is not None and window.banner.isVisible()
    assert window.banner.session_button.text() == "Ask for secrets each session"
    assert "unprotected" in window.banner.file_button.text()

    with qtbot.waitSignal(window.secrets_mode_changed) as changed:
        click(qtbot, window.banner.file_button)
    assert changed.args == ["file"]
    assert settings.get(SECRETS_MODE_KEY) == "file"
    assert isinstance(book.secrets, PlainFileSecrets)
    assert window.banner is None and window.mode_note.isVisible()
    assert PLAIN_FILE in window.mode_note.text()

    form = new_form(qtbot, window, "dingtalk")
    paste(qtbot, form.paste_edit, f"{fake.url}/robot/send?access_token={DINGTALK_TOKEN}")
    click(qtbot, form.save_button)
    assert not form.isVisible()
    assert DINGTALK_TOKEN in (data_dir / PLAIN_FILE).read_text(encoding="utf-8")

    # Once chosen, the banner does not come back.
    again = ChannelsWindow(book, settings)
    qtbot.addWidget(again)
    assert again.banner is None


def test_every_registered_kind_is_offered_and_its_form_is_built_from_its_description(qtbot, window):
    window.add_action.trigger()
    picker = window.picker
    assert picker is not None
    offered = set(picker.buttons_by_key)
    assert offered == {v.key for kind in KINDS.values() for v in kind.variants}
    assert {"serverchan", "pushplus", "bark", "gotify", "pushover"} <= offered
    picker.reject()
    for kind, description in KINDS.items():
        form = window.open_form(kind)
        assert list(form.inputs) == [f.name for f in description.fields()]
        for secret in description.config.SECRETS:
            assert isinstance(form.inputs[secret], SecretEdit | QPlainTextEdit), (kind, secret)
        assert form.title_label.text() == description.name()
        form.reject()


def test_bark_from_the_address_its_app_shows_test_send_and_save(
    qtbot, window, book, fake, memory_keyring, data_dir
):
    form = new_form(qtbot, window, "bark")
    assert form.paste_frame.isVisible()
    paste(qtbot, form.paste_edit, f"{fake.url}/bark/{BARK_KEY}/这里改成你自己的推送内容")
    assert not form.paste_error.isVisible()
    assert form.values()["device_key"] == BARK_KEY
    assert form.values()["server"] == f"{fake.url}/bark"
    assert form.advanced_toggle.isChecked()  # a server of one's own is shown
    qtbot.keyClicks(form.inputs["group"], "Reminders")

    with qtbot.waitSignal(form.test_finished, timeout=60_000) as done:
        click(qtbot, form.test_button)
    assert done.args[0] is True, done.args[1]
    [request] = fake.requests
    assert request.path == f"/bark/{BARK_KEY}" and request.json["group"] == "Reminders"

    with qtbot.waitSignal(window.channels_changed):
        click(qtbot, form.save_button)
    [record] = book.channels()
    assert (record.kind, record.name) == ("bark", "Bark")
    assert window.model.index(0, SERVICE).data() == "Bark"
    assert BARK_KEY in memory_keyring.values.values()
    assert "device_key" not in record.settings
    on_disk = b"".join(p.read_bytes() for p in data_dir.glob("pushgui.sqlite3*"))
    assert BARK_KEY.encode() not in on_disk


def test_every_translated_text_of_the_channel_ui_is_a_literal_lupdate_can_find():
    # A helper such as _tr(text) hides its strings from lupdate, which then drops their
    # translations from the .ts: the Chinese window showed "Send test" in English.
    ui = Path(channel_form.__file__).parent
    found = []
    for path in sorted(ui.glob("channel*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            wanted = {"translate": 2, "tr": 1}.get(name)
            if wanted is None:
                continue
            literal = all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:wanted]
            )
            if len(node.args) < wanted or not literal:
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
