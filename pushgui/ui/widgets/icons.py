"""Icons from resources/icons (SVG, sharp at any DPI), shipped in the package when installed.

The app's own icons are drawn in colour. The interface icons are Lucide's (ISC licence,
resources/icons/lucide/LICENSE, from the npm package lucide-static 1.62.0): outlines drawn
in ``currentColor``, which :func:`themed_icon` replaces with the palette's text colour (and
the disabled text colour for greyed actions), so they read on light and dark themes alike.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

_PACKAGED = Path(__file__).resolve().parents[2] / "resources" / "icons"
_SOURCE = Path(__file__).resolve().parents[3] / "resources" / "icons"
SIZES = (16, 20, 24, 32, 48)

# What each interface icon shows (a Lucide name).
TOOLBAR = {
    "new": "plus",
    "edit": "pencil",
    "duplicate": "copy",
    "pause": "pause",
    "resume": "play",
    "run_now": "send",
    "delete": "trash-2",
    "contacts": "users",
    "channels": "radio",
    "history": "history",
    "settings": "settings",
    "show": "eye",
    "reminders": "bell-ring",
    "quit": "log-out",
}
CHANNEL_KINDS = {
    "desktop": "monitor",
    "email": "mail",
    "ntfy": "bell",
    "webhook": "webhook",
}
CHAT = "message-square"  # DingTalk, Feishu, WeCom, Slack, Telegram, Discord, ...


def icon_path(name: str) -> Path:
    for folder in (_PACKAGED, _SOURCE):
        candidate = folder / f"{name}.svg"
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"icon {name!r} is not installed")


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(icon_path(name)))


def app_icon() -> QIcon:
    return icon("pushgui")


def _render(svg: str, colour: str, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", colour).encode()))
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _themed(name: str, normal: str, disabled: str, ratio: float) -> QIcon:
    svg = icon_path(f"lucide/{name}").read_text(encoding="utf-8")
    result = QIcon()
    for size in SIZES:
        result.addPixmap(_render(svg, normal, size, ratio), QIcon.Mode.Normal)
        result.addPixmap(_render(svg, disabled, size, ratio), QIcon.Mode.Disabled)
    return result


def themed_icon(name: str, palette: QPalette | None = None) -> QIcon:
    """Lucide icon ``name`` in the text colours of ``palette`` (the application's)."""
    palette = palette or QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText).name()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    return _themed(name, normal, disabled, ratio)


def action_icon(role: str, palette: QPalette | None = None) -> QIcon:
    """The icon of a toolbar or tray action ("new", "delete", "history", ...)."""
    return themed_icon(TOOLBAR[role], palette)


def kind_icon(kind: str, palette: QPalette | None = None) -> QIcon:
    """The icon of a channel kind ("email", "dingtalk", ...)."""
    return themed_icon(CHANNEL_KINDS.get(kind, CHAT), palette)
