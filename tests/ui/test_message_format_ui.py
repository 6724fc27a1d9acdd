"""The editor's message format through the real widgets: plain or formatted, the Bold, Link
and List buttons and their shortcuts, the per-service preview and the count against the
tightest chosen service (docs/INPUTS.md, "Message formats and length limits")."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import DiscordConfig, TelegramConfig, WeComConfig
from pushgui.core.pushes.spec import Message, Target
from pushgui.core.store.db import open_database
from pushgui.core.system.secrets import KeyringSecrets
from pushgui.ui.editor.push_editor import PushEditorDialog
from tests.helpers import weekdays_at_nine


@pytest.fixture
def rooms(data_dir):
    db = open_database(data_dir)
    book = ChannelBook(db, KeyringSecrets())
    ids = {
        "discord": book.save("Dev chat", DiscordConfig(webhook_url="https://discord.com/api/webhooks/1/t")),
        "telegram": book.save("Ops", TelegramConfig(bot_token="1:A", chat_id="-100")),
        "wecom": book.save("团队群", WeComConfig(key="k", msgtype="text")),
    }  # fmt: skip
    yield book, ids
    db.close()


def editor(qtbot, spec=None, channels=None) -> PushEditorDialog:
    dialog = PushEditorDialog(spec=spec, channels=channels)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def select(dialog: PushEditorDialog, start: int, end: int) -> None:
    cursor = dialog.body_edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    dialog.body_edit.setTextCursor(cursor)


def test_bold_link_and_list_write_the_source_form_with_buttons_and_shortcuts(qtbot):
    dialog = editor(qtbot)
    bar = dialog.format_bar
    dialog.body_edit.setFocus()
    dialog.body_edit.setPlainText("Stand-up now")
    select(dialog, 0, 8)
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert dialog.body_edit.toPlainText() == "Stand-up now"  # plain text: nothing happens
    assert not bar.buttons["bold"].isEnabled()

    bar.choice.setCurrentIndex(bar.choice.findData("markdown"))
    assert bar.buttons["bold"].isEnabled()
    select(dialog, 0, 8)
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert dialog.body_edit.toPlainText() == "**Stand-up** now"
    assert dialog.body_edit.textCursor().selectedText() == "Stand-up"

    select(dialog, 13, 16)  # "now"
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert dialog.body_edit.toPlainText() == "**Stand-up** [now](https://)"
    assert dialog.body_edit.textCursor().selectedText() == "https://"
    dialog.body_edit.insertPlainText("https://example.com")

    dialog.body_edit.appendPlainText("Ann\nBo")
    select(
        dialog,
        len("**Stand-up** [now](https://example.com)\n"),
        len(dialog.body_edit.toPlainText()),
    )
    qtbot.mouseClick(bar.buttons["list"], Qt.MouseButton.LeftButton)
    assert dialog.body_edit.toPlainText() == (
        "**Stand-up** [now](https://example.com)\n- Ann\n- Bo"
    )
    assert dialog.push_spec().message.format == "markdown"


def test_the_preview_shows_each_service_and_the_count_of_the_tightest(qtbot, rooms):
    book, ids = rooms
    spec = replace(
        weekdays_at_nine("Stand-up"),
        message=Message("Stand-up", "At **10:00** <b>& *", format="markdown"),
        targets=(Target("discord", ids["discord"]), Target("telegram", ids["telegram"])),
    )
    dialog = editor(qtbot, spec, book)
    preview = dialog.service_preview
    qtbot.waitUntil(lambda: preview.tabs.count() == 2, timeout=5000)
    assert dialog.format_bar.text_format() == "markdown"
    assert [preview.tabs.tabText(i) for i in range(2)] == ["Dev chat", "Ops"]
    # As the services show it: bold text and the user's own "<b>&*" as typed.
    for index in range(2):
        page = preview.tabs.widget(index)
        assert page.toPlainText().split() == ["Stand-up", "At", "10:00", "<b>&", "*"]
        assert "font-weight:700" in page.toHtml() or "font-weight:600" in page.toHtml()
    preview.raw.click()  # what is sent, markup and escapes included
    assert preview.tabs.widget(0).toPlainText() == "**Stand-up**\nAt **10:00** \\<b\\>\\& \\*"
    assert preview.tabs.widget(1).toPlainText() == (
        "<b>Stand-up</b>\n\nAt <b>10:00</b> &lt;b&gt;&amp; *"
    )
    assert preview.count.text() == "36 / 2,000 characters — Discord"

    dialog.body_edit.setPlainText("word " * 1000)
    qtbot.waitUntil(lambda: "parts" in preview.count.text(), timeout=5000)
    assert preview.count.text() == "5,012 / 2,000 characters — Discord · will be sent in 3 parts"
    assert "— part 1 of 3 —" in preview.tabs.widget(0).toPlainText()
    assert dialog.save_button.isEnabled()


def test_the_count_names_the_tightest_service_and_refuses_over_length(qtbot, rooms):
    book, ids = rooms
    spec = replace(
        weekdays_at_nine("通知"),
        message=Message("通知", "短"),
        targets=(Target("wecom", ids["wecom"]), Target("telegram", ids["telegram"])),
    )
    dialog = editor(qtbot, spec, book)
    preview = dialog.service_preview
    qtbot.waitUntil(lambda: preview.tabs.count() == 2, timeout=5000)
    assert preview.count.text() == "10 / 2,048 bytes — WeCom"

    dialog.body_edit.setPlainText("长" * 3000)
    qtbot.waitUntil(dialog.body_error.isVisible, timeout=5000)
    assert dialog.body_error.text() == (
        "The message is 9,007 bytes on WeCom, which takes at most 2,048; shorten it"
    )
    assert preview.count.text() == "9,007 / 2,048 bytes — WeCom"
    assert "Too long for WeCom" in preview.refusal.text()
    assert not dialog.save_button.isEnabled()

    dialog.body_edit.setPlainText("长" * 600)
    qtbot.waitUntil(lambda: not dialog.body_error.isVisible(), timeout=5000)
    assert dialog.save_button.isEnabled() and not preview.refusal.isVisible()
