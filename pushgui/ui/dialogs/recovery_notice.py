"""Telling the user that a damaged database was moved aside and what was restored."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QMessageBox, QSizePolicy, QSpacerItem, QWidget

from pushgui.core.store.recovery import RecoveryReport
from pushgui.ui.widgets.when import format_when

CONTEXT = "RecoveryNotice"


def translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def recovery_headline(report: RecoveryReport, tr: Callable[[str], str] = translate) -> str:
    if report.started_empty:
        return tr("pushgui's data was damaged and could not be restored")
    return tr("pushgui's data was damaged and has been restored from a backup")


def recovery_message(report: RecoveryReport, tr: Callable[[str], str] = translate) -> str:
    """What happened, where the damaged file is, and what may be missing, in plain words."""
    parts = [
        tr(
            "When pushgui started, it found that the file holding your reminders, contacts "
            "and history was damaged, so it could not be used."
        ),
        tr("The damaged file was not deleted. It was moved to:\n%1").replace(
            "%1", str(report.moved_to)
        ),
    ]
    if report.started_empty:
        parts.append(
            tr(
                "No usable backup was found, so pushgui started with no reminders. The old "
                "file is kept in case someone can rescue data from it."
            )
        )
    else:
        assert report.backup_time is not None
        parts.append(
            tr(
                "Your data was restored from the backup taken on %1. Changes you made after "
                "that time may be missing: please check your recent reminders, contacts and "
                "channels."
            ).replace("%1", format_when(report.backup_time))
        )
    if report.skipped_backups:
        count = len(report.skipped_backups)
        if count == 1:
            parts.append(tr("One newer backup was damaged too and was not used."))
        else:
            parts.append(
                tr("%1 newer backups were damaged too and were not used.").replace("%1", str(count))
            )
    return "\n\n".join(parts)


def widen(box: QMessageBox, chars: int) -> None:
    """Let a message box with several paragraphs be wider than Qt's narrow default."""
    layout = box.layout()
    if isinstance(layout, QGridLayout):
        width = box.fontMetrics().averageCharWidth() * chars
        spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())


def show_recovery_notice(parent: QWidget | None, report: RecoveryReport) -> QMessageBox:
    """Show :func:`recovery_message` in a message box without blocking; returns the box."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("pushgui recovered your data"))
    box.setText(recovery_headline(report))
    box.setInformativeText(recovery_message(report))
    box.setTextFormat(Qt.TextFormat.PlainText)
    # SQLite's own words are for whoever helps; they stay out of the main text.
    box.setDetailedText(translate("What SQLite reported: %1").replace("%1", report.problem))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    widen(box, 80)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
