"""The Settings dialog driven through its widgets, on a real database: what is saved, what is
applied at once (theme, start at login), and what the user is told inline."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QApplication

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import DingTalkConfig
from pushgui.core.store.db import open_database
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.autostart import XdgAutostart, parse_exec_line
from pushgui.core.system.paths import Locations
from pushgui.core.system.preferences import Preferences
from pushgui.core.system.secrets import KeyringSecrets
from pushgui.ui.settings.appearance import apply_theme, current_scheme_is_dark
from pushgui.ui.settings.settings_dialog import SettingsDialog


@pytest.fixture
def database(qapp, data_dir):
    db = open_database(data_dir)
    yield db
    db.close()


@pytest.fixture
def store(database):
    return SettingsStore(database)


@pytest.fixture
def prefs(store):
    return Preferences(store)


@pytest.fixture
def book(database):
    return ChannelBook(database, KeyringSecrets())


@pytest.fixture
def locations(tmp_path):
    return Locations(data=tmp_path / "data", logs=tmp_path / "data" / "logs")


@pytest.fixture
def backend(tmp_path):
    return XdgAutostart(data_dir=tmp_path / "data", config_home=tmp_path / "config")


@pytest.fixture(autouse=True)
def system_theme_after(qapp):
    yield
    apply_theme("system")


class OpenedUrls(QObject):
    """Stands in for the file manager: QDesktopServices hands file:// URLs to it."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def file_manager(qapp):
    handler = OpenedUrls()
    QDesktopServices.setUrlHandler("file", handler, "open_url")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def dialog(qtbot, prefs, book, locations, backend):
    book.save("Team robot", DingTalkConfig(access_token="abc"))
    dlg = SettingsDialog(prefs, book, locations, backend)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def save_button(dialog):
    return dialog.buttons.button(dialog.buttons.StandardButton.Save)


def test_it_shows_the_defaults_and_saving_untouched_stores_nothing(qtbot, dialog, store):
    assert dialog.language_combo.currentData() == "system"
    assert dialog.theme_combo.currentData() == "system"
    assert dialog.style_combo.currentData() == "tray"
    assert not dialog.autostart_check.isChecked()
    assert dialog.channel_combo.currentData() is None
    assert dialog.system_zone_check.isChecked() and not dialog.zone_combo.isEnabled()
    assert "Etc/" not in dialog.system_zone_check.text()  # "(UTC)", "(Shanghai (UTC+8))"
    assert dialog.missed_combo.currentData() == "once"
    assert dialog.backups_spin.value() == 7
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, save_button(dialog))
    # An untouched default is not a choice: autostart may still be offered after the first
    # reminder.
    for key in ("language", "theme", "autostart", "backups.keep"):
        assert store.get(key, "absent") == "absent"


def test_every_choice_is_saved(qtbot, dialog, prefs, book):
    robot = book.channels()[0]
    choose(dialog.language_combo, "zh_CN")
    choose(dialog.style_combo, "popup")
    choose(dialog.channel_combo, robot.id)
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.system_zone_check)
    assert dialog.zone_combo.isEnabled()
    dialog.zone_combo.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone_combo.lineEdit(), "Asia/Shanghai")
    choose(dialog.missed_combo, "skip")
    dialog.tabs.setCurrentIndex(2)
    dialog.backups_spin.selectAll()
    qtbot.keyClicks(dialog.backups_spin, "30")
    with qtbot.waitSignal(dialog.applied):
        click(qtbot, save_button(dialog))
    assert dialog.result() == dialog.DialogCode.Accepted
    assert prefs.language == "zh_CN"
    assert prefs.notification_style == "popup"
    assert prefs.default_channel == robot.id
    assert prefs.default_timezone == "Asia/Shanghai"
    assert prefs.default_missed_policy == "skip"
    assert prefs.backups_keep == 30


def test_choosing_another_language_says_when_it_applies(qtbot, dialog):
    assert not dialog.language_hint.isVisible()
    choose(dialog.language_combo, "zh_CN")
    assert dialog.language_hint.isVisible()
    assert "next time" in dialog.language_hint.text()
    choose(dialog.language_combo, "system")
    assert not dialog.language_hint.isVisible()


def test_an_unknown_time_zone_is_shown_next_to_the_field_and_nothing_is_saved(
    qtbot, dialog, prefs, store
):
    choose(dialog.theme_combo, "dark")
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.system_zone_check)
    dialog.zone_combo.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone_combo.lineEdit(), "Mars/Olympus")
    dialog.tabs.setCurrentIndex(0)
    click(qtbot, save_button(dialog))
    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == 1
    assert dialog.zone_error.isVisible()
    assert "Mars/Olympus" in dialog.zone_error.text()
    assert store.get("theme", "absent") == "absent"
    assert prefs.default_timezone == ""
    # Typing again clears the message.
    qtbot.keyClicks(dialog.zone_combo.lineEdit(), "x")
    assert not dialog.zone_error.isVisible()


def test_the_theme_applies_at_once(qtbot, dialog, prefs):
    assert not current_scheme_is_dark()
    choose(dialog.theme_combo, "dark")
    click(qtbot, save_button(dialog))
    assert prefs.theme == "dark"
    assert current_scheme_is_dark()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 100
    apply_theme("light")
    assert not current_scheme_is_dark()
    apply_theme("system")
    assert not current_scheme_is_dark()


def test_start_at_login_writes_and_removes_the_autostart_entry(
    qtbot, prefs, book, locations, backend
):
    dialog = SettingsDialog(prefs, book, locations, backend)
    qtbot.addWidget(dialog)
    click(qtbot, dialog.autostart_check)
    click(qtbot, save_button(dialog))
    assert prefs.autostart is True
    assert backend.is_enabled()
    text = backend.path.read_text(encoding="utf-8")
    exec_value = next(line for line in text.splitlines() if line.startswith("Exec="))[5:]
    assert parse_exec_line(exec_value)[-3:] == ["--minimized", "--data-dir", str(locations.data)]

    again = SettingsDialog(prefs, book, locations, backend)
    qtbot.addWidget(again)
    assert again.autostart_check.isChecked()
    click(qtbot, again.autostart_check)
    click(qtbot, save_button(again))
    assert prefs.autostart is False
    assert not backend.path.exists()


def test_a_failure_to_set_up_autostart_is_shown_under_the_check_box(
    qtbot, prefs, book, locations, tmp_path
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    dialog = SettingsDialog(prefs, book, locations, XdgAutostart(config_home=blocker))
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.theme_combo, "light")
    click(qtbot, dialog.autostart_check)
    click(qtbot, save_button(dialog))
    assert dialog.isVisible()
    assert dialog.autostart_error.isVisible()
    assert "login" in dialog.autostart_error.text()
    assert prefs.autostart is False
    assert prefs.theme == "system"


def test_without_an_autostart_backend_the_check_box_is_disabled(qtbot, prefs):
    dialog = SettingsDialog(prefs)
    qtbot.addWidget(dialog)
    assert not dialog.autostart_check.isEnabled()
    assert not dialog.data_open.isEnabled()


def test_the_folders_are_shown_and_open_in_the_file_manager(qtbot, dialog, locations, file_manager):
    assert dialog.data_edit.text() == str(locations.data)
    assert dialog.logs_edit.text() == str(locations.logs)
    assert dialog.data_edit.isReadOnly()
    dialog.tabs.setCurrentIndex(2)
    click(qtbot, dialog.data_open)
    click(qtbot, dialog.logs_open)
    assert [Path(u.toLocalFile()) for u in file_manager.urls] == [locations.data, locations.logs]
    assert locations.logs.is_dir()
    assert not dialog.open_error.isVisible()


def test_cancel_keeps_everything(qtbot, dialog, prefs):
    choose(dialog.theme_combo, "dark")
    choose(dialog.style_combo, "popup")
    dialog.reject()
    assert prefs.theme == "system"
    assert prefs.notification_style == "tray"
    assert not current_scheme_is_dark()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_settings_opens_again_after_a_language_was_chosen(qtbot, prefs, book, locations, language):
    """Issue 12 item 15: loading a stored language fired the combo's signal before the
    dialog knew the initial language (AttributeError `_initial_language` on every open)."""
    first = SettingsDialog(prefs, book, locations)
    qtbot.addWidget(first)
    choose(first.language_combo, language)
    first.save()
    assert prefs.language == language
    for _ in range(2):
        dialog = SettingsDialog(prefs, book, locations)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.language_combo.currentData() == language
        assert not dialog.language_hint.isVisible()  # nothing changed yet
        choose(dialog.language_combo, "system")
        assert dialog.language_hint.isVisible()
        choose(dialog.language_combo, language)
        assert not dialog.language_hint.isVisible()
        dialog.reject()
