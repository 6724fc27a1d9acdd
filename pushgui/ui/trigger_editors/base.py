"""What every trigger editor shares: the editing contract, inline error labels, zone picker."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.errors import FieldError
from pushgui.core.schedule.spec import TriggerSpec
from pushgui.core.schedule.zones import all_timezones, system_timezone
from pushgui.ui.i18n import date_pattern, date_time_pattern
from pushgui.ui.when import zone_label

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


class ErrorLabel(QLabel):
    """A red, word-wrapped message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None, reserve_line: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._colour()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        if reserve_line:
            # The space of one line stays when there is nothing to say, so a message
            # appearing never moves the fields below (where the next click is going).
            policy = self.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.setSizePolicy(policy)
            self.setText("Ag 汉字")  # a line as tall as either language makes it
            self.setMinimumHeight(self.sizeHint().height())
            self.setText("")
        self.hide()

    def _colour(self) -> None:
        # A red that reads on both light and dark window backgrounds.
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#ff8a80" if dark else "#c62828"))
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._colour()

    def show_messages(self, messages: Iterable[str]) -> None:
        text = "\n".join(dict.fromkeys(m for m in messages if m))
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))


def with_error(field: QWidget | QLayout, error: ErrorLabel) -> QVBoxLayout:
    """``field`` with its error label tight underneath, as one form-layout cell.

    The cell takes the full width so a long message wraps late; a field that does not
    expand on its own (a combo, a date) keeps its natural width, as in native forms.
    """
    box = QVBoxLayout()
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    if isinstance(field, QWidget):
        expands = field.sizePolicy().expandingDirections() & Qt.Orientation.Horizontal
        box.addWidget(field, 0, Qt.AlignmentFlag(0) if expands else Qt.AlignmentFlag.AlignLeft)
    else:
        box.addLayout(field)
    box.addWidget(error)
    return box


def make_form(parent: QWidget) -> QFormLayout:
    """The editors' form; each field sits at its natural width (see :func:`with_error`)."""
    form = QFormLayout(parent)
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def add_row(
    form: QFormLayout,
    text: str | QWidget,
    field: QWidget | QLayout,
    error: ErrorLabel,
    buddy: QWidget | None = None,
) -> int:
    """Add a labelled row whose label's mnemonic focuses ``buddy``; returns the row index."""
    label = QLabel(text, form.parentWidget()) if isinstance(text, str) else text
    target = buddy or (field if isinstance(field, QWidget) else None)
    if isinstance(label, QLabel) and target is not None:
        label.setBuddy(target)
    row = form.rowCount()
    form.addRow(label, with_error(field, error))
    return row


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Small grey help text under a field."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


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


class TriggerEditor(QWidget):
    """Edits one kind of trigger spec; the dialog owns the zone and passes it to :meth:`spec`.

    Subclasses build their fields, call :meth:`_notify` on every edit and register one
    :class:`ErrorLabel` per spec field with :meth:`_error_label`.

    Signals:
        changed(): the user edited something; the spec may be different now.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors: dict[str, ErrorLabel] = {}
        self._labels: list[ErrorLabel] = []
        self._other_errors = ErrorLabel(self)
        self._timezone = ""
        self._load_depth = 0

    # -- the contract -------------------------------------------------------------------

    def spec(self, timezone: str | None = None) -> TriggerSpec:
        """The spec the fields describe, read in ``timezone``; never raises."""
        raise NotImplementedError

    def set_spec(self, spec: TriggerSpec) -> None:
        """Show ``spec`` in the fields (the zone is shown by the dialog's zone picker)."""
        raise NotImplementedError

    def local_errors(self) -> list[FieldError]:
        """Problems the spec cannot express (e.g. a restriction with nothing chosen)."""
        return []

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        """Show each error under the field it names; errors for unknown fields go last."""
        grouped: dict[ErrorLabel, list[str]] = {label: [] for label in self._all_labels()}
        for error in errors:
            label = self._label_for(error.field) or self._other_errors
            grouped.setdefault(label, []).append(error.message)
        for label, messages in grouped.items():
            label.show_messages(messages)

    # -- helpers for subclasses ----------------------------------------------------------

    def _zone(self, timezone: str | None) -> str:
        if timezone is not None:
            return timezone
        return self._timezone or default_timezone()

    def _remember_zone(self, spec: TriggerSpec) -> None:
        self._timezone = spec.timezone

    def _notify(self, *_args: object) -> None:
        if not self._load_depth:
            self.changed.emit()

    def _error_label(self, *fields: str) -> ErrorLabel:
        label = ErrorLabel(self)
        self._labels.append(label)
        for name in fields:
            self._errors[name] = label
        return label

    def _label_for(self, field: str) -> ErrorLabel | None:
        return self._errors.get(field)

    def _all_labels(self) -> list[ErrorLabel]:
        return [*self._labels, self._other_errors]

    @contextmanager
    def _loading(self) -> Iterator[None]:
        """Fill fields without a burst of ``changed``; one ``changed`` follows at the end."""
        self._load_depth += 1
        try:
            yield
        finally:
            self._load_depth -= 1
        if not self._load_depth:
            self.changed.emit()
