"""Preferences in the running app: Tools > Settings (Ctrl+,), Help > Open log folder, the
notification style, backups kept, and autostart switched on after the first reminder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from pushgui.app import Runtime, start_runtime
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.autostart import XdgAutostart
from pushgui.core.system.paths import locate
from pushgui.core.system.preferences import AUTOSTART_OFFERED_KEY, Preferences
from pushgui.ui.reminders.window import ReminderWindow
from pushgui.ui.settings.settings_dialog import SettingsDialog
from pushgui.ui.shell import DesktopShell
from tests.helpers import once_in, weekdays_at_nine


@pytest.fixture
def runtime(qapp, data_dir):
    rt = start_runtime(locate(data_dir))
    yield rt
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ReminderWindow | SettingsDialog):
            widget.close()
    if rt.scheduler.running:
        rt.stop()


@pytest.fixture
def backend(tmp_path, data_dir):
    return XdgAutostart(data_dir=data_dir, config_home=tmp_path / "cfg")


class OpenedUrls(QObject):
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


def make_shell(qtbot, rt: Runtime, backend=None, tray: bool = False) -> DesktopShell:
    shell = DesktopShell(
        rt.service,
        rt.scheduler,
        rt.bridge,
        SettingsStore(rt.db),
        books=rt.books,
        tray_available=tray,
        backups=rt.backups,
        locations=locate(rt.db.path.parent),
        autostart=backend,
    )
    qtbot.addWidget(shell.window)
    shell.window.show()
    qtbot.waitExposed(shell.window)
    return shell


def menu_actions(window, title: str):
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == title]
    return [a for a in menu.actions() if not a.isSeparator()]


def test_tools_settings_opens_the_dialog_with_ctrl_comma(qtbot, runtime, backend):
    shell = make_shell(qtbot, runtime, backend)
    window = shell.window
    assert window.settings_action in menu_actions(window, "&Tools")
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()
    dialog = shell.preferences.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.data_edit.text() == str(runtime.db.path.parent)
    shell.window.settings_action.trigger()
    assert shell.preferences.dialog is dialog  # one dialog, raised again


def test_saving_the_notification_style_and_backups_applies_at_once(qtbot, runtime, backend):
    shell = make_shell(qtbot, runtime, backend)
    assert not shell.presenter.prefer_popup
    dialog = shell.preferences.show_settings()
    dialog.style_combo.setCurrentIndex(dialog.style_combo.findData("popup"))
    dialog.backups_spin.setValue(12)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.LeftButton)
    assert shell.presenter.prefer_popup
    assert runtime.backups.keep == 12
    qtbot.waitUntil(lambda: shell.preferences.dialog is None)


def test_the_popup_style_shows_a_reminder_window_even_with_a_tray(qtbot, runtime, backend):
    Preferences(runtime.settings).notification_style = "popup"
    shell = make_shell(qtbot, runtime, backend, tray=True)
    shell.presenter.present(1, "Tea", "Tea time", "")
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReminderWindow)]
    assert [w.windowTitle() for w in windows] == ["Reminder: Tea"]


def test_help_open_log_folder_shows_it_in_the_file_manager(
    qtbot, runtime, backend, file_manager, data_dir
):
    shell = make_shell(qtbot, runtime, backend)
    window = shell.window
    assert window.log_folder_action in menu_actions(window, "&Help")
    window.log_folder_action.trigger()
    assert [Path(u.toLocalFile()) for u in file_manager.urls] == [data_dir / "logs"]


def answer_autostart(qtbot, shell, start: bool) -> None:
    box = shell.preferences.autostart_question
    assert box is not None and box.isVisible()
    assert "log in" in box.text()
    buttons = {b.text(): b for b in box.buttons()}
    qtbot.mouseClick(buttons["&Start at login" if start else "&Not now"], Qt.LeftButton)
    qtbot.waitUntil(lambda: shell.preferences.autostart_question is None)


def test_autostart_is_asked_once_after_the_first_reminder(qtbot, runtime, backend):
    shell = make_shell(qtbot, runtime, backend)
    shell.start()
    assert shell.preferences.autostart_question is None
    push_id = runtime.service.create(weekdays_at_nine())
    qtbot.waitUntil(lambda: shell.preferences.autostart_question is not None)
    assert not backend.is_enabled()  # not before the answer
    answer_autostart(qtbot, shell, start=True)
    assert backend.is_enabled()
    assert Preferences(runtime.settings).autostart is True
    assert "start when you log in" in shell.window.statusBar().currentMessage()

    # Turned off by the user, it stays off when more reminders come, and nothing asks.
    dialog = shell.preferences.show_settings()
    assert dialog.autostart_check.isChecked()
    dialog.autostart_check.click()
    dialog.save()
    assert not backend.is_enabled()
    runtime.service.delete(push_id)
    runtime.service.create(once_in(3600))
    assert shell.preferences.offer_autostart() is None
    assert not backend.is_enabled()
    assert runtime.settings.get(AUTOSTART_OFFERED_KEY) is True


def test_not_now_leaves_autostart_off_and_is_not_asked_again(qtbot, runtime, backend):
    runtime.service.create(weekdays_at_nine())  # made before this version: asked at start
    shell = make_shell(qtbot, runtime, backend)
    assert not backend.is_enabled()
    shell.start()
    answer_autostart(qtbot, shell, start=False)
    assert not backend.is_enabled()
    assert Preferences(runtime.settings).autostart is False
    again = make_shell(qtbot, runtime, backend)
    again.start()
    assert again.preferences.autostart_question is None


def test_the_question_names_a_temporary_install_location(qtbot, runtime, backend):
    from pushgui.core.system.autostart import fragile_location

    runtime.service.create(weekdays_at_nine())
    shell = make_shell(qtbot, runtime, backend)
    shell.start()
    box = shell.preferences.autostart_question
    assert box is not None
    assert str(fragile_location()) in box.text()  # tests run from a checkout or a venv
    answer_autostart(qtbot, shell, start=False)


def test_a_stale_autostart_entry_is_rewritten_at_start(qtbot, runtime, backend):
    Preferences(runtime.settings).autostart = True
    backend.path.parent.mkdir(parents=True)
    backend.path.write_text("[Desktop Entry]\nExec=/old/place/pushgui\n")
    shell = make_shell(qtbot, runtime, backend)
    shell.start()
    assert backend.path.read_text() == backend.entry()


def test_without_a_backend_nothing_is_written(qtbot, runtime, tmp_path):
    shell = make_shell(qtbot, runtime, None)
    shell.start()
    with qtbot.waitSignal(runtime.bridge.jobs_changed):
        runtime.service.create(weekdays_at_nine())
    QApplication.processEvents()
    assert not (tmp_path / "config" / "autostart").exists()
    assert runtime.settings.get(AUTOSTART_OFFERED_KEY) is None


CHANGED_PREFERENCES = [
    ("language", "en"),
    ("language", "zh_CN"),
    ("theme", "dark"),
    ("theme", "light"),
    ("default_channel", "robot"),
    ("default_channel", 999),  # a channel deleted since it was chosen
    ("default_timezone", "Asia/Shanghai"),
    ("default_missed_policy", "skip"),
    ("default_missed_policy", "late"),
    ("notification_style", "popup"),
    ("autostart", True),
    ("backups_keep", 30),
]


@pytest.mark.parametrize(("name", "value"), CHANGED_PREFERENCES)
def test_every_window_opens_after_every_preference_change(qtbot, runtime, backend, name, value):
    """Issue 12 item 15 and its kind: a stored choice must not break any window that reads
    it. pytest-qt fails the test on an exception raised inside a slot (as the language
    combo's signal did while Settings loaded a chosen language)."""
    from pushgui.core.channels.config import DingTalkConfig
    from pushgui.ui.settings.appearance import apply_theme

    shell = make_shell(qtbot, runtime, backend)
    if value == "robot":
        value = shell.channels.save("Team robot", DingTalkConfig(access_token="abc"))
    Preferences(runtime.settings).update({name: value})
    try:
        for _ in range(2):
            dialog = shell.preferences.show_settings()
            assert dialog.isVisible()
            shown = dialog.values()[name]
            if name == "default_channel" and value == 999:
                assert shown is None  # the deleted channel is not offered
            else:
                assert shown == value
            assert not dialog.language_hint.isVisible()
            dialog.reject()
            qtbot.waitUntil(lambda: shell.preferences.dialog is None)
        editor = shell.window.new_push()
        assert editor.isVisible()
        editor.reject()
        backups = shell.show_backups()
        assert backups is not None
        for window in (shell.show_contacts(), shell.show_channels(), shell.show_history(), backups):
            assert window.isVisible()
            window.close()
    finally:
        apply_theme("system")


def test_a_new_language_offers_to_restart_now(qtbot, runtime, backend):
    shell = make_shell(qtbot, runtime, backend)
    save = QDialogButtonBox.StandardButton.Save
    dialog = shell.preferences.show_settings()
    dialog.style_combo.setCurrentIndex(dialog.style_combo.findData("popup"))
    qtbot.mouseClick(dialog.buttons.button(save), Qt.LeftButton)
    assert shell.preferences.restart_question is None  # same language: nothing to restart for

    dialog = shell.preferences.show_settings()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    qtbot.mouseClick(dialog.buttons.button(save), Qt.LeftButton)
    box = shell.preferences.restart_question
    assert box is not None and box.isVisible()
    with qtbot.waitSignal(shell.restart_requested):
        qtbot.mouseClick(shell.preferences.restart_button, Qt.LeftButton)
    assert shell.preferences.restart_question is None
