"""Holiday-data news for the user: years whose holidays are not published yet (a line in the
main window and the tray's tooltip) and runs that a newer data version moved (a message).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from pushgui.core.pushes.service import PushRow, PushService
from pushgui.core.schedule.data_check import Moved, check_data, unpublished_notices
from pushgui.core.store.settings import SettingsStore
from pushgui.ui.i18n import format_datetime, readable

log = logging.getLogger(__name__)


class CalendarNoticeLabel(QLabel):
    """A line above the reminder list while some year's holidays are only assumed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("calendarNotice")
        self.setAccessibleName(
            QCoreApplication.translate("CalendarNotice", "Holiday calendar notice")
        )
        self.hide()

    def show_notices(self, notices: list[str]) -> None:
        self.setText("\n".join(readable(notice) for notice in notices))
        self.setVisible(bool(notices))


def _calendar_rows(service: PushService) -> list[PushRow]:
    """Enabled reminders that name a working-day calendar; the text test spares parsing
    every spec of a long list (only these can depend on holiday data)."""
    return [row for row in service.rows() if row.enabled and '"workdays"' in row.spec_json]


def current_notices(service: PushService, now: datetime | None = None) -> list[str]:
    """The unpublished-year sentences for the enabled reminders (none when all is known)."""
    try:
        rows = [(row.spec.trigger, row.next_run) for row in _calendar_rows(service)]
        return unpublished_notices(rows, now, service.calendars)
    except Exception:  # a notice must never stop the window from showing
        log.exception("Could not check the holiday calendars")
        return []


def moved_text(moved: list[Moved]) -> str:
    """The message body: each reminder and its runs that moved."""
    lines = [
        QCoreApplication.translate(
            "CalendarNotice",
            "The holiday calendar now knows more days off and working days. Moved runs:",
        )
    ]
    for item in moved:
        dropped = ", ".join(format_datetime(at, local=False) for at in item.dropped) or "–"
        added = ", ".join(format_datetime(at, local=False) for at in item.added) or "–"
        lines.append(
            QCoreApplication.translate("CalendarNotice", "%1: %2 → %3")
            .replace("%1", item.name)
            .replace("%2", dropped)
            .replace("%3", added)
        )
    return "\n".join(lines)


def check_and_tell(
    service: PushService, settings: SettingsStore, parent: QWidget | None
) -> QMessageBox | None:
    """Recompute the runs a newer data version moved and tell the user (a message box)."""
    try:
        pushes = [(row.id, row.name, row.spec.trigger) for row in _calendar_rows(service)]
        moved = check_data(
            settings, service.scheduler, pushes, datetime.now(UTC), service.calendars
        )
    except Exception:
        log.exception("Could not compare the holiday data with the last start")
        return None
    if not moved:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("CalendarNotice", "Holiday calendar updated"),
        "",
        parent=parent,
    )
    box.setText(moved_text(moved))
    box.open()
    return box
