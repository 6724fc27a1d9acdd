"""Words people read: one mnemonic per letter in each menu (English and Chinese), the
channel list's descriptions translated. See docs/GLOSSARY.md."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QMenu

from tests.ui import test_main_window
from tests.ui.test_main_window import make_shell

runtime = test_main_window.runtime

MNEMONIC = re.compile(r"&([^&])")


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    from pushgui.ui import i18n

    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


def clashes(texts: list[str]) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for text in texts:
        found = MNEMONIC.search(text.replace("&&", ""))
        if found:
            seen.setdefault(found.group(1).casefold(), []).append(text)
    return {key: value for key, value in seen.items() if len(value) > 1}


def menus_of(shell) -> dict[str, list[str]]:
    window = shell.window
    result = {"menu bar": [a.text() for a in window.menuBar().actions()]}
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            result[action.text()] = [a.text() for a in menu.actions() if not a.isSeparator()]
    result["tray"] = [a.text() for a in shell.tray.menu.actions() if not a.isSeparator()]
    return result


def test_no_two_entries_of_a_menu_share_a_mnemonic(qtbot, runtime, language):
    shell = make_shell(qtbot, runtime(), tray=True)
    problems = {name: c for name, texts in menus_of(shell).items() if (c := clashes(texts))}
    assert problems == {}, language


def test_the_channel_list_says_via_in_chinese(qapp):
    from pushgui.core.channels.book import ChannelRecord
    from pushgui.ui import i18n
    from pushgui.ui.channels_window import describe_settings

    record = ChannelRecord(1, "email", "Work", {"sender_address": "me@x.org", "host": "smtp.x.org"})
    assert describe_settings(record) == "me@x.org via smtp.x.org"
    i18n.install(qapp, "zh_CN")
    try:
        assert describe_settings(record) == "me@x.org，经由 smtp.x.org"
    finally:
        i18n.install(qapp, "en")
