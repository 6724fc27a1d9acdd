"""Secondary windows that behave: they fit the screen they open on, come back where and as
large as they were left, and close with Ctrl+W or Esc."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from pushgui.core.store.settings import SettingsStore


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move ``window`` so that all of it, frame included, is on its screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.left()), max(y, area.top()))


def fits(window: QWidget) -> bool:
    """Whether all of ``window`` (frame included) is on its screen's available area."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen is None or screen.availableGeometry().contains(window.frameGeometry())


class WindowPlace(QObject):
    """Watches one window: restores its geometry (under ``key``) when first shown, then fits
    it to the screen; saves the geometry whenever it is hidden or closed."""

    def __init__(self, window: QWidget, settings: SettingsStore | None, key: str) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.key = f"window.{key}.geometry"
        self._restored = False
        self._saved = bool(self._restore_saved())
        window.installEventFilter(self)
        # Ctrl+W everywhere (the platform's Close may be only Ctrl+F4), and Esc.
        bindings = QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
        for keys in dict.fromkeys([*bindings, QKeySequence("Ctrl+W"), QKeySequence("Esc")]):
            QShortcut(keys, window, window.close)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.Show and not self._restored:
                self._restored = True
                self._restore()
            elif kind in (QEvent.Type.Hide, QEvent.Type.Close):
                self.save()
        return super().eventFilter(watched, event)

    def _restore_saved(self) -> bool:
        # The window's own rectangle (not saveGeometry's, whose frame is guessed on restore
        # and moves the window by a title bar's difference on some platforms).
        saved = self.settings.get(self.key) if self.settings is not None else None
        if not isinstance(saved, dict):
            return False
        try:
            rect = QRect(int(saved["x"]), int(saved["y"]), int(saved["w"]), int(saved["h"]))
        except (KeyError, TypeError, ValueError):
            return False
        self.window.setGeometry(rect)
        if saved.get("maximized"):
            self.window.setWindowState(self.window.windowState() | Qt.WindowState.WindowMaximized)
        return True

    def _restore(self) -> None:
        if not self._saved:
            self._center()
        fit_to_screen(self.window)

    def _center(self) -> None:
        parent = QGuiApplication.primaryScreen()
        screen = self.window.screen() or parent
        if screen is None:
            return
        area: QRect = screen.availableGeometry()
        frame = self.window.frameGeometry()
        frame.moveCenter(area.center())
        self.window.move(frame.topLeft())

    def save(self) -> None:
        if self.settings is not None and self._restored:
            rect = self.window.normalGeometry() if self.window.isMaximized() else None
            rect = rect if rect is not None and rect.isValid() else self.window.geometry()
            self.settings.set(
                self.key,
                {
                    "x": rect.x(),
                    "y": rect.y(),
                    "w": rect.width(),
                    "h": rect.height(),
                    "maximized": self.window.isMaximized(),
                },
            )


def manage(window: QWidget, settings: SettingsStore | None, key: str) -> WindowPlace:
    """Make ``window`` fit its screen, remember its place, and close on Ctrl+W / Esc."""
    return WindowPlace(window, settings, key)
