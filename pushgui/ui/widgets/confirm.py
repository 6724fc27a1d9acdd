"""One way to ask before something is deleted: window-modal, never blocking the event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def confirm_destructive(
    parent: QWidget,
    title: str,
    text: str,
    action: str,
    on_confirm: Callable[[], None],
    warn: bool = False,
) -> QMessageBox:
    """Open a question with Cancel (the default) and ``action``; ``on_confirm`` runs only if
    the user picks ``action``. ``warn`` shows a warning icon (the deletion affects more than
    it seems). Returns the open box (tests click its buttons)."""
    icon = QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Question
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: QAbstractButton) -> None:
        if box.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole:
            on_confirm()

    box.buttonClicked.connect(clicked)
    box.open()
    return box
