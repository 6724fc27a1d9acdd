"""Date, time and zone fields: wall-clock values read in a reminder's zone, never the
machine's, and a zone picker that names zones by city and offset."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QDateTimeEdit, QTimeEdit, QWidget

from pushgui.core.schedule.zones import all_timezones, system_timezone
from pushgui.ui.i18n import date_pattern, date_time_pattern
from pushgui.ui.widgets.when import zone_label

TIME_FORMAT = "HH:mm"

# Wall-clock values are read in the spec's zone, not the machine's. Date-time edits therefore
# hold them as UTC so that a local DST gap never shifts what the user typed.
_WALL = QTimeZone.utc()


def next_full_hour(now: datetime | None = None) -> datetime:
    """The next o'clock after ``now`` (naive, machine time by default): a sensible first run."""
    now = now or datetime.now()
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


UTC_ALIASES = frozenset(
    {"Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"}
)


def default_timezone() -> str:
    """The machine's IANA zone name (UTC when it cannot be told); the many names of UTC
    ("Etc/UTC", "Zulu") are plain "UTC", which is what people read."""
    name = system_timezone()
    return "UTC" if name in UTC_ALIASES else name


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute), _WALL
    )


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.combine(from_qdate(value.date()), from_qtime(value.time()))


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


class DateTimeEdit(QDateTimeEdit):
    """A date-time field that keeps the keyboard while a date and time are typed.

    Typing a section full (the hour "14") moves on to the next one by itself; a Tab pressed
    right after that would move on again, out of the field, and the minutes typed next would
    land in the following one. Here that Tab is taken as "next section", where the cursor
    already is. Any other Tab moves on as usual.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._moved_on = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        typed = event.text().isdigit() or (event.text().isalpha() and len(event.text()) == 1)
        self._moved_on = typed and self.currentSectionIndex() != before

    def focusNextPrevChild(self, next: bool) -> bool:
        if next and self._moved_on:
            self._moved_on = False
            return True  # stay: the typing already moved to the next section
        return super().focusNextPrevChild(next)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._moved_on = False
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._moved_on = False
        super().mousePressEvent(event)


def make_date_time_edit(parent: QWidget | None = None) -> QDateTimeEdit:
    """A date-time field with a calendar pop-up showing minutes, holding a wall-clock value."""
    edit = DateTimeEdit(parent)
    edit.setTimeZone(_WALL)
    edit.setCalendarPopup(True)
    # No weekday name: as the first section it took the keyboard and no digit typed there
    # did anything. Tabbing in lands on the day of the month.
    edit.setDisplayFormat(re.sub(r" ?d{3,4} ?", " ", date_time_pattern()).strip())
    edit.setDateTime(to_qdatetime(next_full_hour()))
    return edit


def make_date_edit(parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_pattern())
    edit.setDate(QDate.currentDate())
    return edit


def make_time_edit(value: time = time(9, 0), parent: QWidget | None = None) -> QTimeEdit:
    edit = QTimeEdit(parent)
    edit.setDisplayFormat(TIME_FORMAT)
    edit.setTime(to_qtime(value))
    return edit


def _listed(name: str) -> bool:
    """Zones a person picks from: places ("Asia/Shanghai") and plain UTC; not the offset-named
    "Etc/GMT-12" (whose sign reads backwards) nor legacy aliases such as "PRC" or "EST5EDT"."""
    return name == "UTC" or ("/" in name and not name.startswith(("Etc/", "SystemV/")))


class TimeZoneCombo(QComboBox):
    """Pick a zone shown by city and offset ("Shanghai (UTC+8)"), this machine's zone first.

    Typing part of a city offers matches in a pop-up; an IANA name ("Asia/Shanghai") may be
    typed whole. The zone never changes by accident: on the closed box the arrow keys and the
    mouse wheel do nothing (Alt+Down, F4 or a click opens the list).
    :meth:`zone` is always an IANA name (or the text typed, for the checks to name).

    Signals:
        zone_changed(str): the zone (or the typed text) changed.
    """

    zone_changed = Signal(str)
    _BLOCKED_KEYS = frozenset(
        {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setAccessibleName(self.tr("Time zone"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(22)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # no focus (nor change) by wheel
        here = default_timezone()
        now = datetime.now(UTC)
        self._now = now
        for name in [here, *(n for n in all_timezones() if n != here and _listed(n))]:
            self.addItem(zone_label(name, now), name)
            self.setItemData(self.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.set_zone(here)
        self.currentTextChanged.connect(lambda _text: self.zone_changed.emit(self.zone()))

    def zone(self) -> str:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)  # a label, any case
        if index >= 0:
            return str(self.itemData(index))
        return text  # an IANA name typed whole, or something the checks will name

    def set_zone(self, name: str) -> None:
        index = self.findData(name)
        if index < 0 and name in all_timezones():
            # A zone kept from elsewhere (an import, "Etc/GMT-12"): listed, by its offset.
            self.addItem(zone_label(name, self._now), name)
            index = self.count() - 1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if event.key() in self._BLOCKED_KEYS and not alt and not self.view().isVisible():
            event.ignore()  # stepping through ~400 zones by accident
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # scrolling the form must not change the zone under the pointer
