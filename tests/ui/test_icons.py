"""Interface icons: Lucide outlines (licence shipped) drawn in the theme's text colour, on
the toolbar, the tray menu and the recipients list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette

from pushgui.ui.widgets.icons import CHANNEL_KINDS, CHAT, TOOLBAR, icon_path, themed_icon
from tests.ui import test_main_window
from tests.ui.test_main_window import make_shell

runtime = test_main_window.runtime


def test_every_icon_used_is_shipped_with_its_licence():
    for name in {*TOOLBAR.values(), *CHANNEL_KINDS.values(), CHAT}:
        assert icon_path(f"lucide/{name}").is_file(), name
    licence = Path(icon_path("lucide/plus")).parent / "LICENSE"
    assert "ISC License" in licence.read_text(encoding="utf-8")


def ink(icon, size=24) -> set[str]:
    """The colours an icon is drawn with (ignoring transparency and anti-aliasing)."""
    image = icon.pixmap(size, size).toImage()
    colours = set()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() == 255:
                colours.add(colour.name())
    return colours


def test_icons_follow_the_theme(qapp):
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.ButtonText, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.ButtonText, QColor("#f0f0f0"))
    assert ink(themed_icon("trash-2", light)) == {"#202020"}
    assert ink(themed_icon("trash-2", dark)) == {"#f0f0f0"}


def test_toolbar_tray_and_recipients_have_icons(qtbot, runtime):
    shell = make_shell(qtbot, runtime(), tray=True)
    window = shell.window
    for action in (window.new_action, window.delete_action, window.history_action):
        assert not action.icon().isNull(), action.text()
    assert not window.toggle_action.icon().isNull()
    for action in shell.tray.menu.actions():
        assert action.isSeparator() or not action.icon().isNull(), action.text()
    dialog = window.new_push()
    item = dialog.targets_editor.item_for(("desktop",))
    assert item is not None and not item.icon().isNull()
    dialog.reject()
