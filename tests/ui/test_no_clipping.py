"""Text is never clipped and a warning never moves the fields (issue 14, "Windows that
behave"): the channel form of every kind and every page of the Settings dialog, in English
and Chinese, checked label by label through the real widgets at the size they open at.

A label is clipped when it needs more room than it got: one that does not wrap needs its
size hint's width, one that wraps needs ``heightForWidth`` of its width.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from pushgui.core.channels.config import CONFIG_TYPES
from pushgui.ui.channel_fields import WholeLines
from pushgui.ui.channel_form import ChannelForm
from tests.ui.test_channel_form_secrets import book, database  # noqa: F401
from tests.ui.test_settings_dialog import (  # noqa: F401
    backend,
    dialog,
    locations,
    prefs,
    store,
    system_theme_after,
)


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    from pushgui.ui import i18n

    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


def laid_out(window: QWidget) -> None:
    """Let the layouts do what the event loop does next (the user sees the result)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def clipped(window: QWidget) -> list[str]:
    """Every visible text in ``window`` that is shown in less room than it needs."""
    laid_out(window)
    found = []
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text():
            continue
        room = label.contentsRect()
        if label.wordWrap():
            # QLabel.heightForWidth answers at least the minimum height: ask a bare label.
            needed_height = WholeLines.text_height(label, label.width())
            if needed_height > label.height():
                found.append(f"{label.text()!r}: needs {needed_height} px high, has {room}")
        elif label.sizeHint().width() > label.width():
            found.append(f"{label.text()!r}: needs {label.sizeHint().width()} px wide, has {room}")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or not button.text():
            continue
        if button.sizeHint().width() > button.width():
            found.append(f"button {button.text()!r}: needs {button.sizeHint().width()} px wide")
    return found


def open_form(qtbot, book, kind: str) -> ChannelForm:  # noqa: F811
    form = ChannelForm(book, kind)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


@pytest.mark.parametrize("kind", sorted(CONFIG_TYPES))
def test_no_text_in_a_channel_form_is_clipped(qtbot, language, book, kind):  # noqa: F811
    form = open_form(qtbot, book, kind)
    form.advanced_toggle.setChecked(True)  # the advanced fields and their hints too
    if kind == "email":  # the encryption warning
        security = form.inputs["security"]
        security.setCurrentIndex(security.findData("none"))
        assert form.warnings["security"].isVisibleTo(form)
    form.accept()  # Save tried on a fresh form: every error shows
    assert form.isVisible()
    assert clipped(form) == []


def test_the_encryption_warning_does_not_move_the_fields_below_it(qtbot, language, book):  # noqa: F811
    form = open_form(qtbot, book, "email")
    security = form.inputs["security"]
    below = [form.inputs[name] for name in ("username", "password", "sender_address")]
    laid_out(form)
    before = [field.mapTo(form, field.rect().topLeft()) for field in below]
    security.setCurrentIndex(security.findData("none"))  # the user's choice shows the warning
    assert form.warnings["security"].isVisibleTo(form)
    laid_out(form)
    assert [field.mapTo(form, field.rect().topLeft()) for field in below] == before
    assert clipped(form) == []


def test_no_text_in_the_settings_dialog_is_clipped(qtbot, language, dialog):  # noqa: F811
    for page in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(page)
        assert clipped(dialog) == [], dialog.tabs.tabText(page)


def test_choosing_another_language_does_not_move_the_settings_below_it(qtbot, language, dialog):  # noqa: F811
    laid_out(dialog)
    before = dialog.theme_combo.mapTo(dialog, dialog.theme_combo.rect().topLeft())
    other = "en" if language == "zh_CN" else "zh_CN"
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(other))
    assert dialog.language_hint.isVisibleTo(dialog)
    laid_out(dialog)
    assert dialog.theme_combo.mapTo(dialog, dialog.theme_combo.rect().topLeft()) == before
    assert clipped(dialog) == []


def test_errors_after_save_in_the_settings_dialog_are_not_clipped(qtbot, language, dialog):  # noqa: F811
    dialog.tabs.setCurrentIndex(1)
    dialog.system_zone_check.setChecked(False)
    dialog.zone_combo.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone_combo.lineEdit(), "Mars/Olympus_Mons_the_largest_volcano")
    assert dialog.save() is False
    assert dialog.zone_error.isVisibleTo(dialog)
    assert clipped(dialog) == []


def test_the_no_keyring_banner_of_the_channels_window_is_not_clipped(
    qtbot,
    language,
    book,  # noqa: F811
    memory_keyring,
):
    import keyring
    from keyring.backends import fail

    from pushgui.core.store.settings import SettingsStore
    from pushgui.ui.channels_window import ChannelsWindow

    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture restores it
    window = ChannelsWindow(book, SettingsStore(book.db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.banner is not None and window.banner.isVisible()
    assert clipped(window.banner) == []
