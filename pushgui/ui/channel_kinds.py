"""How each kind of channel is presented, read from the kinds' own descriptions
(:mod:`pushgui.core.channels.kind`): its name, its coloured badge, and the entries of the
"Add a channel" picker. Nothing about a particular kind is written here."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from pushgui.core.channels.config import KINDS
from pushgui.core.channels.kind import Variant, in_order
from pushgui.ui.i18n import readable

#: The badge of the desktop (not a configurable kind, shown in lists of channels).
_DESKTOP_BADGE = ("▣", "#607d8b")


def kind_choices() -> list[tuple[str, Variant, dict[str, Any]]]:
    """What "Add channel" offers: (kind, picker entry, preset settings), in order."""
    return [
        (kind.kind, variant, dict(variant.preset))
        for kind in in_order()
        for variant in kind.variants
    ]


def variant_of(kind: str, settings: Mapping[str, Any] | None = None) -> Variant | None:
    description = KINDS.get(kind)
    return description.variant(settings) if description is not None else None


def kind_label(kind: str, settings: Mapping[str, Any] | None = None) -> str:
    """The display name of ``kind`` (of its variant, for ``settings``), translated."""
    variant = variant_of(kind, settings)
    return readable(variant.name()) if variant is not None else kind


def kind_badge(kind: str, settings: Mapping[str, Any] | None = None) -> QIcon:
    """The badge of ``kind`` (of its variant, for ``settings``)."""
    variant = variant_of(kind, settings)
    if variant is None:
        return badge_icon(*(_DESKTOP_BADGE if kind == "desktop" else ("?", "#757575")))
    return badge_icon(*variant.badge)


@cache
def badge_icon(text: str, colour: str, size: int = 32) -> QIcon:
    """A coloured rounded square with a letter (sharp at 2x)."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRect(1, 1, size - 2, size - 2), size / 4.5, size / 4.5)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.5 if len(text) == 1 else 0.4)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)
