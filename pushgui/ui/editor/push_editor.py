"""The dialog where a reminder is composed: message, recipients and schedule, checked live.

Its parts, in this folder: the layout of its sections and where each error shows
(:mod:`.sections`), the live checks and what a refused save says (:mod:`.checks`), the
schedule's summary and next runs (:mod:`.schedule_preview`), the preview and dry run of
what it would send now (:mod:`.previews`). This module holds the dialog itself: loading a
reminder, reading the fields back, and saving; it also declares, for type checking, each
widget the sections build on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.book import ChannelBook
from pushgui.core.errors import FieldError
from pushgui.core.messages.recipients import Rendered
from pushgui.core.people.contacts import ContactBook
from pushgui.core.pushes.spec import Message, PushOptions, PushSpec, Target
from pushgui.core.schedule.spec import IntervalSpec, OnceSpec, TriggerSpec
from pushgui.core.schedule.workdays import Calendars
from pushgui.ui.editor import checks, previews
from pushgui.ui.editor.message_format import FormatBar, ServicePreview
from pushgui.ui.editor.message_preview import DryRunDialog, MessagePreviewDialog
from pushgui.ui.editor.previews import zone_info
from pushgui.ui.editor.sections import KINDS, PageStack, align_labels, build_dialog
from pushgui.ui.widgets.dates import default_timezone, next_full_hour
from pushgui.ui.widgets.fields import ErrorLabel

if TYPE_CHECKING:
    from PySide6.QtWidgets import (
        QButtonGroup,
        QFormLayout,
        QLabel,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
        QPushButton,
        QRadioButton,
        QToolButton,
    )

    from pushgui.ui.editor.delivery_options import DeliveryOptionsEditor
    from pushgui.ui.editor.duty_editor import DutyRotationEditor
    from pushgui.ui.editor.message_preview import PlaceholderButton
    from pushgui.ui.editor.nag_editor import NagEditor
    from pushgui.ui.editor.targets_editor import TargetsEditor
    from pushgui.ui.editor.triggers.base import TriggerEditor
    from pushgui.ui.editor.triggers.calendar import CalendarEditor
    from pushgui.ui.editor.triggers.interval import IntervalEditor
    from pushgui.ui.editor.triggers.once import OnceEditor
    from pushgui.ui.editor.typed_rule import TypedRuleBox
    from pushgui.ui.widgets.dates import TimeZoneCombo

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150


def _kind_of(spec: TriggerSpec) -> str:
    if isinstance(spec, OnceSpec):
        return "once"
    if isinstance(spec, IntervalSpec):
        return "interval"
    return "calendar"


@dataclass(frozen=True)
class NewReminderDefaults:
    """What a new reminder starts with (from Settings): zone ("" = this machine's), the
    missed-run and retry options, and who gets it."""

    timezone: str = ""
    options: PushOptions = field(default_factory=PushOptions)
    targets: tuple[Target, ...] = (Target(),)


class PushEditorDialog(QDialog):
    """Compose or edit a reminder; Save stays disabled until every field is valid.

    The description, the next run times and how many people it reaches follow the edits
    after a short pause, so typing stays smooth. Problems are shown in red under the field
    they are about. Without ``contacts`` and ``channels`` only "me" can be chosen; the
    preview reads ``calendars`` (the app's holiday data with the user's own days).

    Saving calls ``save`` with the reminder while the dialog is still open: the store's
    checks are the ones that count at that moment (a time may have passed meanwhile). When
    it refuses, its errors show beside their fields in this same dialog, with everything
    typed kept; the dialog closes only once the reminder is stored. Without ``save`` the
    dialog just closes (the caller reads :meth:`push_spec`).

    Signals:
        open_channels_requested(): the user asked to set up email or chat channels.
        open_contacts_requested(): the user asked to add contacts.
        save_template_requested(): the user wants to keep this message as a template.
    """

    open_channels_requested = Signal()
    open_contacts_requested = Signal()
    save_template_requested = Signal()

    # Built by :mod:`pushgui.ui.editor.sections`.
    name_edit: QLineEdit
    title_edit: QLineEdit
    body_edit: QPlainTextEdit
    format_bar: FormatBar
    service_preview: ServicePreview
    name_error: ErrorLabel
    title_error: ErrorLabel
    body_error: ErrorLabel
    _message_form: QFormLayout
    placeholder_button: PlaceholderButton
    preview_button: QPushButton
    targets_editor: TargetsEditor
    targets_list: QListWidget
    targets_error: ErrorLabel
    options_editor: DeliveryOptionsEditor
    duty_editor: DutyRotationEditor
    nag_editor: NagEditor
    more_button: QToolButton
    more_summary: QLabel
    kind_group: QButtonGroup
    kind_buttons: dict[str, QRadioButton]
    once_editor: OnceEditor
    interval_editor: IntervalEditor
    calendar_editor: CalendarEditor
    editors: dict[str, TriggerEditor]
    stack: PageStack
    zone_combo: TimeZoneCombo
    zone_error: ErrorLabel
    _zone_form: QFormLayout
    description_label: QLabel
    preview_list: QListWidget
    typed_rule: TypedRuleBox
    other_error: ErrorLabel
    buttons: QDialogButtonBox
    save_button: QPushButton
    cancel_button: QPushButton
    template_button: QPushButton
    _outer: QVBoxLayout

    def __init__(
        self,
        parent: QWidget | None = None,
        spec: PushSpec | None = None,
        title: str | None = None,
        contacts: ContactBook | None = None,
        channels: ChannelBook | None = None,
        new_defaults: NewReminderDefaults | None = None,
        save: Callable[[PushSpec], None] | None = None,
        calendars: Calendars | None = None,
    ) -> None:
        super().__init__(parent)
        # The app's holiday data and own days: the preview marks runs by them.
        self.calendars = calendars
        self.new_defaults = new_defaults or NewReminderDefaults()
        self._original = spec
        self._save = save
        self._errors: list[FieldError] = []
        # The reminder the errors above were found for: Save checks again only if it changed.
        self._checked: PushSpec | None = None
        # Errors about a text field show once it was left (or Save was tried): a fresh form
        # is not red before anything was typed. An existing reminder shows them all.
        self._left: set[str] = set()
        self._show_all = spec is not None
        self._contacts = contacts
        self._channels = channels
        # None leaves placeholders unchecked: without contacts there are no fields to know.
        self._custom_fields: list[str] | None = (
            contacts.custom_field_names() if contacts is not None else None
        )
        self.preview_dialog: MessagePreviewDialog | None = None
        self.dry_run_dialog: DryRunDialog | None = None
        self.setWindowTitle(
            title or (self.tr("Edit reminder") if spec else self.tr("New reminder"))
        )
        self.setSizeGripEnabled(True)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: checks.refresh(self))

        build_dialog(self)

        self._load(spec)
        align_labels(self)
        # Room for the tallest schedule editor from the start, so switching never squeezes it.
        # (Growing the minimum later warns on some platforms: propagateSizeHints.)
        extra = (
            self.calendar_editor.tallest_minimum_height() - self.stack.minimumSizeHint().height()
        )
        minimum = self.minimumSizeHint()
        self.setMinimumSize(minimum.width(), minimum.height() + max(extra, 0))
        self.resize(self.minimumSize().expandedTo(QSize(880, 0)))
        self.name_edit.setFocus()
        checks.refresh(self)

    # -- building ------------------------------------------------------------------------

    def set_more_options_shown(self, shown: bool) -> None:
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.options_editor.setVisible(shown)
        self.duty_editor.setVisible(shown)
        self.nag_editor.setVisible(shown)
        self.more_summary.setVisible(not shown)
        self._make_room()

    def use_trigger(self, trigger: TriggerSpec) -> None:
        """Show ``trigger`` (a typed rule) in its editor, ready to adjust or save."""
        kind = _kind_of(trigger)
        self.editors[kind].set_spec(trigger)
        self.kind_buttons[kind].setChecked(True)
        self.schedule_refresh()

    def _load(self, spec: PushSpec | None) -> None:
        fresh = self.new_defaults
        self.targets_editor.set_targets(spec.targets if spec else fresh.targets)
        self.options_editor.set_options(spec.options if spec else fresh.options)
        self.options_editor.set_attachments(spec.message.attachments if spec else ())
        self.duty_editor.set_rotation(spec.duty if spec else None)
        self.nag_editor.set_nag(spec.nag if spec else None)
        if spec is not None and (spec.message.attachments or spec.duty or spec.nag):
            self.set_more_options_shown(True)
        if spec is None:
            self.zone_combo.set_zone(fresh.timezone or default_timezone())
            self.once_editor.set_spec(
                OnceSpec(at=next_full_hour(self._now_in(self.zone_combo.zone())), timezone="")
            )
            self.kind_buttons["once"].setChecked(True)
            return
        self.name_edit.setText(spec.name)
        # A title that repeats the name is left empty: it follows a renamed reminder.
        self.title_edit.setText("" if spec.message.title == spec.name else spec.message.title)
        self.body_edit.setPlainText(spec.message.body)
        self.format_bar.set_text_format(spec.message.format)
        self.zone_combo.set_zone(spec.trigger.timezone)
        kind = _kind_of(spec.trigger)
        if kind != "once":
            # Switching this reminder to a one-off starts at the next hour of its own zone,
            # not of this computer's (which may already be past there).
            zone_now = self._now_in(spec.trigger.timezone or default_timezone())
            self.once_editor.set_spec(OnceSpec(at=next_full_hour(zone_now), timezone=""))
        self.editors[kind].set_spec(spec.trigger)
        self.kind_buttons[kind].setChecked(True)

    # -- reading -------------------------------------------------------------------------

    def current_kind(self) -> str:
        return KINDS[max(self.kind_group.checkedId(), 0)]

    def trigger_spec(self) -> TriggerSpec:
        return self.editors[self.current_kind()].spec(self.zone_combo.zone())

    def current_message(self) -> Message:
        """The message as typed (title, body, attachments), for saving as a template."""
        return Message(
            title=self._title(),
            body=self.body_edit.toPlainText(),
            html=self._original.message.html if self._original else "",
            attachments=self.options_editor.attachments(),
            format=self.format_bar.text_format(),
        )

    def load_message(self, message: Message, targets: tuple[Target, ...] | None = None) -> None:
        """Fill in the message (and the recipients, when given), e.g. from a template."""
        self.title_edit.setText(message.title)
        self.body_edit.setPlainText(message.body)
        self.format_bar.set_text_format(message.format)
        self.options_editor.set_attachments(message.attachments)
        if message.attachments:
            self.set_more_options_shown(True)
        if targets is not None:
            self.targets_editor.set_targets(targets)
        checks.refresh(self)

    def push_spec(self) -> PushSpec:
        """The reminder the fields describe (only meaningful once the dialog was accepted)."""
        message = Message(
            title=self._title(),
            body=self.body_edit.toPlainText(),
            # The editor has no HTML field yet; an imported HTML body is kept as it was.
            html=self._original.message.html if self._original else "",
            attachments=self.options_editor.attachments(),
            format=self.format_bar.text_format(),
        )
        base = self._original.options if self._original else PushOptions()
        spec = PushSpec(
            name=self.name_edit.text().strip(),
            message=message,
            trigger=self.trigger_spec(),
            targets=self.targets_editor.targets(),
            options=self.options_editor.options(base),
            duty=self.duty_editor.rotation(),
            nag=self.nag_editor.nag(),
        )
        if self._original is not None:
            spec = replace(spec, enabled=self._original.enabled)
        return spec

    def errors(self) -> list[FieldError]:
        """Every problem with the current fields, as the dialog last showed them."""
        return list(self._errors)

    # -- live checking -------------------------------------------------------------------

    def _kind_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self.stack.setCurrentIndex(button_id)
            self.schedule_refresh()

    def schedule_refresh(self, *_args: object) -> None:
        self._timer.start()

    @Slot(str)
    def _name_changed(self, name: str) -> None:
        # An empty title is the name: shown greyed in the title box.
        self.title_edit.setPlaceholderText(name.strip() or self.tr("Same as the name"))

    def _title(self) -> str:
        return self.title_edit.text().strip() or self.name_edit.text().strip()

    # -- placeholders and previews -------------------------------------------------------

    def insert_placeholder(self, text: str) -> None:
        """Type ``text`` where the cursor is in the title, or else in the message."""
        if self.focusWidget() is self.title_edit:
            self.title_edit.insert(text)
        else:
            self.body_edit.insertPlainText(text)
            self.body_edit.setFocus()

    def dry_run(self, spec: PushSpec | None = None) -> tuple[list[Rendered], datetime]:
        return previews.dry_run(self, spec)

    def show_preview(self) -> MessagePreviewDialog:
        return previews.show_preview(self)

    def show_dry_run(self) -> DryRunDialog:
        return previews.show_dry_run(self)

    def _make_room(self) -> None:
        """Grow the window if the editor now needs more than it has (many times of day)."""
        self._outer.activate()
        needed = self._outer.minimumSize()
        if needed.height() > self.height() or needed.width() > self.width():
            self.resize(self.size().expandedTo(needed))

    def _now_in(self, zone: str) -> datetime:
        return datetime.now(zone_info(zone)).replace(tzinfo=None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and checks.fields_of(self, watched):
            fields = set(checks.fields_of(self, watched))
            if not fields <= self._left:
                self._left |= fields
                checks.show_checked(self)
        if (
            checks.fields_of(self, watched)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    # -- closing -------------------------------------------------------------------------

    def accept(self) -> None:
        """Save a valid reminder; the dialog closes only once it is stored.

        Trying to save shows every error, and the first field at fault gets the focus. The
        fields are checked again only when they changed since the last check (an edit whose
        pause has not ended yet); the store checks the reminder once more as it saves it.
        """
        self._show_all = True
        spec = self.push_spec()
        checks.show_checked(self, spec)
        if self._errors:
            checks.focus_first_error(self)
            return
        if self._save is not None and not checks.store(self, spec):
            return
        super().accept()
