"""The look and the language of the running app: colour scheme and translators."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from pushgui.core.system.i18n import ENGLISH, Language

log = logging.getLogger(__name__)

_original_palette: QPalette | None = None
_original_style: str | None = None


def _dark_palette() -> QPalette:
    palette = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    disabled = QColor(127, 127, 127)
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, window),
        (roles.WindowText, text),
        (roles.Base, base),
        (roles.AlternateBase, window),
        (roles.ToolTipBase, base),
        (roles.ToolTipText, text),
        (roles.PlaceholderText, disabled),
        (roles.Text, text),
        (roles.Button, window),
        (roles.ButtonText, text),
        (roles.BrightText, QColor(255, 80, 80)),
        (roles.Link, QColor(90, 160, 255)),
        (roles.Highlight, QColor(42, 110, 200)),
        (roles.HighlightedText, QColor(255, 255, 255)),
        (roles.Light, QColor(70, 70, 74)),
        (roles.Midlight, QColor(60, 60, 64)),
        (roles.Mid, QColor(40, 40, 42)),
        (roles.Dark, QColor(20, 20, 22)),
        (roles.Shadow, QColor(0, 0, 0)),
    ):
        palette.setColor(role, color)
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(theme: str, app: QApplication | None = None) -> bool:
    """Use ``theme`` ("system", "light" or "dark") now; True when the platform did it itself.

    Qt >= 6.8 asks the platform for a colour scheme; where the platform cannot (no platform
    theme, offscreen), a light or dark Fusion palette is set instead, and "system" restores
    the style and palette the app started with.
    """
    global _original_palette, _original_style
    app = app or QApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QApplication):
        return False
    if _original_palette is None:
        _original_palette = QPalette(app.palette())
        _original_style = app.style().name()
    wanted = {
        "dark": Qt.ColorScheme.Dark,
        "light": Qt.ColorScheme.Light,
    }.get(theme, Qt.ColorScheme.Unknown)
    hints = QGuiApplication.styleHints()
    native = False
    if hasattr(hints, "setColorScheme"):
        if wanted == Qt.ColorScheme.Unknown:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(wanted)
        native = wanted == Qt.ColorScheme.Unknown or hints.colorScheme() == wanted
    if native and theme != "system":
        return True
    if theme == "system":
        if _original_style and app.style().name() != _original_style:
            app.setStyle(_original_style)
        app.setPalette(_original_palette)
        return native
    if app.style().name().lower() != "fusion":
        app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(_dark_palette() if theme == "dark" else app.style().standardPalette())
    return False


def current_scheme_is_dark(app: QApplication | None = None) -> bool:
    """Whether windows are drawn light on dark at the moment (whatever made them so)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    assert app is not None
    palette = app.palette()
    return bool(
        palette.color(QPalette.ColorRole.Window).lightness()
        < palette.color(QPalette.ColorRole.WindowText).lightness()
    )


def install_translators(language: str, app: QApplication | None = None) -> Language:
    """Translate pushgui and Qt's own dialogs into ``language``; call before building windows.

    Returns the language the windows are in now (English when no application exists), for
    the composition root to hand to what writes text outside the window.
    """
    from pushgui.ui import i18n

    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return ENGLISH
    i18n.install(app, language)
    return i18n.language()
