"""Telling the user, once at start, which attachments of older reminders were removed
because they could not be copied into the data folder (see core/messages/attachments.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from pushgui.ui.dialogs.recovery_notice import widen

CONTEXT = "AttachmentNotice"
SHOWN = 20  # the rest are in the log


def show_dropped_attachments(parent: QWidget, notes: list[str]) -> QMessageBox:
    """A non-blocking message listing the removed files; returns it (tests read it)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate(CONTEXT, "Attachments removed"))
    box.setText(
        QCoreApplication.translate(
            CONTEXT,
            "Reminders now send only copies of files kept in pushgui's data folder. These "
            "files could not be copied there, so they were removed and will not be sent:",
        )
    )
    more = len(notes) - SHOWN
    lines = [f"• {note}" for note in notes[:SHOWN]]
    if more > 0:
        lines.append(QCoreApplication.translate(CONTEXT, "… and %n more (see the log)", "", more))
    box.setInformativeText("\n".join(lines))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    widen(box, 70)
    box.open()
    return box
