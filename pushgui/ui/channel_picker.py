"""The "Add a channel" picker: a grid of every registered service (their names, hints and
badges come from the kinds' own descriptions)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.ui.channel_kinds import badge_icon, kind_choices
from pushgui.ui.i18n import readable
from pushgui.ui.widgets.fields import hint_label


class KindPicker(QDialog):
    """Choose which service a new channel is for, from a grid of friendly names.

    Signals:
        chosen(str, object): the kind and its preset settings (a dict).
    """

    chosen = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a channel"))
        self.buttons_by_key: dict[str, QToolButton] = {}
        intro = QLabel(self.tr("<b>Where should pushgui send messages?</b>"), self)
        grid = QGridLayout()
        grid.setSpacing(8)
        choices = kind_choices()
        # Four columns, more once they would make more than four rows.
        columns = max(4, -(-len(choices) // 4))
        for position, (kind, variant, settings) in enumerate(choices):
            hint = readable(variant.hint())
            button = QToolButton(self)
            # "Email (SMTP)" over two lines; Chinese brackets are full-width, without a space.
            button.setText(readable(variant.name()).replace(" (", "\n(").replace("（", "\n（"))
            button.setIcon(badge_icon(*variant.badge))
            button.setIconSize(QSize(32, 32))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setToolTip(hint)
            button.setAccessibleDescription(hint)
            button.setMinimumSize(150, 72)
            button.setAutoRaise(False)
            button.clicked.connect(
                lambda _c=False, kind=kind, settings=settings: self._choose(kind, settings)
            )
            grid.addWidget(button, position // columns, position % columns)
            self.buttons_by_key[variant.key] = button
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(intro)
        layout.addWidget(hint_label(self.tr("Hover over a service to see what it is for."), self))
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def choose(self, key: str) -> None:
        self.buttons_by_key[key].click()

    def _choose(self, kind: str, settings: dict[str, Any]) -> None:
        self.chosen.emit(kind, settings)
        self.accept()
