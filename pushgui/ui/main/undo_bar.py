"""A slim bar above the list: "Deleted “X” — Undo", gone after a few seconds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

UNDO_MS = 10_000


class UndoBar(QFrame):
    """Offers to undo the last action for :data:`UNDO_MS`; one undo at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(self.tr("&Undo"))
        self.undo_button.clicked.connect(self.undo)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setAccessibleName(self.tr("Close"))
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(close)
        self._action: Callable[[], object] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.dismiss)
        self.hide()

    def offer(self, text: str, action: Callable[[], object], ms: int = UNDO_MS) -> None:
        """Show ``text`` with Undo, which runs ``action``; replaces any earlier offer."""
        self._action = action
        self.label.setText(text)
        self.show()
        self.timer.start(ms)

    @Slot()
    def undo(self) -> None:
        action, self._action = self._action, None
        self.dismiss()
        if action is not None:
            action()

    @Slot()
    def dismiss(self) -> None:
        self.timer.stop()
        self._action = None
        self.hide()
