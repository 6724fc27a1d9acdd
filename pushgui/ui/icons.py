"""Icons from resources/icons (SVG, sharp at any DPI), shipped in the package when installed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

_PACKAGED = Path(__file__).resolve().parents[1] / "resources" / "icons"
_SOURCE = Path(__file__).resolve().parents[2] / "resources" / "icons"


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
