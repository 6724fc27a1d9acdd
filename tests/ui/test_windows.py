"""Secondary windows fit the screen they open on, remember their size and place, and close
with Ctrl+W and Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from pushgui.ui.widgets.geometry import fits
from tests.ui import test_main_window
from tests.ui.test_main_window import make_shell

runtime = test_main_window.runtime

OPENERS = ("show_contacts", "show_channels", "show_history")


@pytest.mark.parametrize("opener", OPENERS)
def test_a_window_fits_its_screen_and_comes_back_where_it_was(qtbot, runtime, opener):
    rt = runtime()
    shell = make_shell(qtbot, rt)
    window = getattr(shell, opener)()
    qtbot.waitExposed(window)
    area = QGuiApplication.primaryScreen().availableGeometry()
    if window.minimumWidth() <= area.width() and window.minimumHeight() <= area.height():
        assert fits(window), (window.frameGeometry(), area)
    else:  # smaller than the window can be (the test screen is 800 wide): as small as it goes
        assert window.width() == max(window.minimumWidth(), min(area.width(), window.width()))
        assert area.contains(window.frameGeometry().topLeft())

    window.resize(min(500, area.width() - 40), min(380, area.height() - 40))
    window.move(area.left() + 13, area.top() + 17)
    qtbot.waitUntil(lambda: window.pos().x() == area.left() + 13)
    size, place = window.size(), window.pos()
    fitted = fits(window)
    window.close()

    # A fresh shell on the same data, as after a restart.
    again = make_shell(qtbot, rt)
    reopened = getattr(again, opener)()
    qtbot.waitExposed(reopened)
    assert reopened.size() == size
    if fitted:  # (a window wider than the test screen is moved back onto it)
        assert reopened.pos() == place


@pytest.mark.parametrize("keys", ["Ctrl+W", "Esc"])
@pytest.mark.parametrize("opener", OPENERS)
def test_ctrl_w_and_esc_close_a_secondary_window(qtbot, runtime, opener, keys):
    shell = make_shell(qtbot, runtime())
    window = getattr(shell, opener)()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    key = Qt.Key.Key_W if keys == "Ctrl+W" else Qt.Key.Key_Escape
    modifier = (
        Qt.KeyboardModifier.ControlModifier if keys == "Ctrl+W" else Qt.KeyboardModifier.NoModifier
    )
    qtbot.keyClick(window.windowHandle(), key, modifier)  # through the shortcut map
    qtbot.waitUntil(lambda: not window.isVisible())


def test_the_main_window_fits_its_screen_even_after_a_larger_one(qtbot, runtime):
    rt = runtime()
    area = QGuiApplication.primaryScreen().availableGeometry()
    first = make_shell(qtbot, rt)
    first.window.resize(area.width() + 400, area.height() + 300)  # as on a big monitor
    first.window.move(area.left() + 200, area.top() + 100)
    first.window.save_layout()
    first.window.hide()
    again = make_shell(qtbot, rt)
    assert fits(again.window), (again.window.frameGeometry(), area)


def test_ctrl_enter_saves_a_contact_as_it_saves_a_reminder(qtbot, runtime):
    from pushgui.ui.people.contact_dialog import ContactDialog

    shell = make_shell(qtbot, runtime())
    dialog = ContactDialog(shell.contacts, parent=shell.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.focusWidget(), "Ann Lee")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(
            dialog.windowHandle(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    assert [c.name for c in shell.contacts.contacts()] == ["Ann Lee"]
