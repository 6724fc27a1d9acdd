"""The banner of the Channels window when there is no system keyring: where should
passwords and tokens be kept instead (this session only, or an unprotected file)?"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pushgui.core.system.secrets import PLAIN_FILE, KeyringStatus
from pushgui.ui.widgets.fields import hint_label


class SecretsBanner(QFrame):
    """Shown when there is no system keyring: where should passwords and tokens be kept?

    Signals:
        mode_chosen(str): "session" or "file".
    """

    mode_chosen = Signal(str)

    def __init__(self, status: KeyringStatus, data_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("secretsBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.Window, QColor("#4e3b00" if dark else "#fff4d6"))
        self.setPalette(palette)
        title = QLabel(self.tr("<b>There is no system keyring on this computer</b>"), self)
        text = QLabel(
            self.tr(
                "pushgui keeps passwords and tokens in the system keyring, but none is "
                "available ({0}). Choose where they should be kept instead:"
            ).format(status.reason or status.backend),
            self,
        )
        text.setWordWrap(True)
        self.session_button = QPushButton(self.tr("Ask for secrets each session"), self)
        self.session_button.setToolTip(
            self.tr("Kept in memory only; type them again each time pushgui starts")
        )
        self.file_button = QPushButton(self.tr("Store them unprotected in the data folder"), self)
        self.file_button.setToolTip(self.tr("Saved in {0}").format(data_folder / PLAIN_FILE))
        session_note = hint_label(
            self.tr(
                "Safe, but reminders to chat bots and mail cannot be sent after a restart "
                "until you type the secrets again."
            ),
            self,
        )
        file_note = hint_label(
            self.tr(
                "⚠ Anyone who can read your files can read them (file {0}). "
                "Choose this only on a computer you alone use."
            ).format(PLAIN_FILE),
            self,
        )
        self.session_button.clicked.connect(lambda: self.mode_chosen.emit("session"))
        self.file_button.clicked.connect(lambda: self.mode_chosen.emit("file"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.addWidget(self.session_button, 0, 0)
        grid.addWidget(session_note, 0, 1)
        grid.addWidget(self.file_button, 1, 0)
        grid.addWidget(file_note, 1, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(grid)
