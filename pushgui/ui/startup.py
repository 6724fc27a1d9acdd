"""What the window puts off at start: work that waits for its first paint, and the modules
of the other windows, imported once the app is idle (docs/BENCHMARKS.md, "Scale")."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FIRST_PAINT_FALLBACK_MS = 2000
# Imported on first use, or when the app is idle after start (DesktopShell.warm_up).
LATER_MODULES = (
    "pushgui.ui.editor.push_editor",
    "pushgui.ui.editor.templates_dialog",
    "pushgui.ui.people.contacts_window",
    "pushgui.ui.channels_window",
    "pushgui.ui.history.history_window",
    "pushgui.ui.settings.backups_dialog",
    "pushgui.ui.dialogs.interrupted_dialog",
    "pushgui.ui.dialogs.missed_dialog",
)


class _FirstPaint(QObject):
    """Calls ``action`` once, just after ``widget`` first painted (or after a fallback delay,
    for a window the system never exposes)."""

    def __init__(self, widget: QWidget, action: Callable[[], None]) -> None:
        super().__init__(widget)
        self._action: Callable[[], None] | None = action
        widget.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._action is not None:
            # After this paint has reached the screen, not inside it.
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            parent = self.parent()
            if isinstance(parent, QWidget):
                parent.removeEventFilter(self)
            action()


def call_after_first_paint(widget: QWidget, action: Callable[[], None]) -> None:
    """Run ``action`` once the (shown) ``widget`` is on screen: start-up work that the
    first paint should not wait for."""
    _FirstPaint(widget, action)


def import_later_modules() -> None:
    """Import the other windows' modules (when idle: their first use is then quick)."""
    for name in LATER_MODULES:
        importlib.import_module(name)
