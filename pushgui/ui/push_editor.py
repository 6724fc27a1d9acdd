"""The dialog where a reminder is composed: message, recipients and schedule, checked live."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channel_book import ChannelBook
from pushgui.core.contacts import ContactBook
from pushgui.core.errors import FieldError
from pushgui.core.recipients import Rendered, size_problems
from pushgui.core.schedule.describe import describe
from pushgui.core.schedule.preview import preview, skipped_days
from pushgui.core.schedule.spec import IntervalSpec, OnceSpec, TriggerSpec
from pushgui.core.specs import MAX_NAME, Message, PushOptions, PushSpec, Target
from pushgui.core.validation import validate_spec
from pushgui.ui import run_marks
from pushgui.ui.delivery_options import DeliveryOptionsEditor
from pushgui.ui.duty_editor import DutyRotationEditor
from pushgui.ui.i18n import format_datetime
from pushgui.ui.message_preview import DryRunDialog, MessagePreviewDialog, PlaceholderButton
from pushgui.ui.nag_editor import NagEditor
from pushgui.ui.targets_editor import TargetsEditor
from pushgui.ui.trigger_editors.base import (
    ErrorLabel,
    TimeZoneCombo,
    TriggerEditor,
    add_row,
    default_timezone,
    next_full_hour,
)
from pushgui.ui.trigger_editors.calendar import CalendarEditor
from pushgui.ui.trigger_editors.interval import IntervalEditor
from pushgui.ui.trigger_editors.once import OnceEditor
from pushgui.ui.typed_rule import TypedRuleBox

log = logging.getLogger(__name__)

KINDS: tuple[str, ...] = ("once", "interval", "calendar")
PREVIEW_COUNT = 5
DEBOUNCE_MS = 150


def _kind_of(spec: TriggerSpec) -> str:
    if isinstance(spec, OnceSpec):
        return "once"
    if isinstance(spec, IntervalSpec):
        return "interval"
    return "calendar"


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setWeight(QFont.Weight.DemiBold)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class _PageStack(QStackedWidget):
    """A stack as tall as the page shown, so short editors leave no gap under them.

    QStackedWidget sizes itself for its largest page and ignores height-for-width (wrapped
    error labels), which squeezes a page whose rows appear and disappear.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        page = self.currentWidget()
        return page.hasHeightForWidth() if page else False

    def heightForWidth(self, width: int) -> int:
        page = self.currentWidget()
        return page.heightForWidth(width) if page else -1


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
    they are about. Without ``contacts`` and ``channels`` only "me" can be chosen.

    Signals:
        open_channels_requested(): the user asked to set up email or chat channels.
        open_contacts_requested(): the user asked to add contacts.
        save_template_requested(): the user wants to keep this message as a template.
    """

    open_channels_requested = Signal()
    open_contacts_requested = Signal()
    save_template_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        spec: PushSpec | None = None,
        title: str | None = None,
        contacts: ContactBook | None = None,
        channels: ChannelBook | None = None,
        new_defaults: NewReminderDefaults | None = None,
    ) -> None:
        super().__init__(parent)
        self.new_defaults = new_defaults or NewReminderDefaults()
        self._original = spec
        self._errors: list[FieldError] = []
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
        self._timer.timeout.connect(self._refresh)

        left = self._build_message_column()
        right = self._build_schedule_column()
        divider = QFrame(self)
        divider.setFrameShape(QFrame.Shape.VLine)
        divider.setFrameShadow(QFrame.Shadow.Sunken)
        columns = QHBoxLayout()
        columns.setSpacing(18)
        # The message column keeps one width, so switching schedules never moves it.
        left_panel = QWidget(self)
        left_panel.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        left_panel.setFixedWidth(self.fontMetrics().averageCharWidth() * 54)
        columns.addWidget(left_panel)
        columns.addWidget(divider)
        right.addLayout(self._build_more_options())
        columns.addLayout(right, 1)

        self.other_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.template_button = self.buttons.addButton(
            self.tr("Save as &template…"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.template_button.setToolTip(self.tr("Keep this message to start other reminders from"))
        self.template_button.clicked.connect(self.save_template_requested)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        outer = self._outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(12)
        outer.addLayout(columns, 1)
        outer.addWidget(self.other_error)
        outer.addWidget(self.buttons)

        self._load(spec)
        self._align_labels()
        # Room for the tallest schedule editor from the start, so switching never squeezes it.
        # (Growing the minimum later warns on some platforms: propagateSizeHints.)
        extra = (
            self.calendar_editor.tallest_minimum_height() - self.stack.minimumSizeHint().height()
        )
        minimum = self.minimumSizeHint()
        self.setMinimumSize(minimum.width(), minimum.height() + max(extra, 0))
        self.resize(self.minimumSize().expandedTo(QSize(880, 0)))
        self.name_edit.setFocus()
        self._refresh()

    # -- building ------------------------------------------------------------------------

    def _build_message_column(self) -> QVBoxLayout:
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(MAX_NAME * 2)  # longer than allowed, so the error can say so
        self.name_edit.setPlaceholderText(self.tr("e.g. Team stand-up"))
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("Same as the name"))
        self.title_edit.setToolTip(
            self.tr("Shown in bold in the notification; left empty, the name is the title")
        )
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setPlaceholderText(self.tr("Optional details"))
        self.body_edit.setAccessibleName(self.tr("Message"))
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setMinimumHeight(90)
        # The text box takes Ctrl+Return as a line break; saving should win there too.
        self.body_edit.installEventFilter(self)

        self.name_error = ErrorLabel(self, reserve_line=True)
        self.title_error = ErrorLabel(self, reserve_line=True)
        self.body_error = ErrorLabel(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(form, self.tr("&Name:"), self.name_edit, self.name_error)
        add_row(form, self.tr("&Title:"), self.title_edit, self.title_error)
        add_row(form, self.tr("&Message:"), self.body_edit, self.body_error)
        self._message_form = form

        self.placeholder_button = PlaceholderButton(self)
        self.placeholder_button.set_custom_fields(self._custom_fields or ())
        self.placeholder_button.placeholder_chosen.connect(self.insert_placeholder)
        self.preview_button = QPushButton(self)
        self.preview_button.setText(self.tr("Preview…"))
        self.preview_button.setToolTip(self.tr("See the message as a recipient will read it"))
        self.preview_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview_button.clicked.connect(self.show_preview)
        message_heading = QHBoxLayout()
        message_heading.addWidget(_heading(self.tr("Message"), self), 1)
        message_heading.addWidget(self.placeholder_button)
        message_heading.addWidget(self.preview_button)

        self.targets_editor = TargetsEditor(self._contacts, self._channels, self)
        self.targets_editor.changed.connect(self._schedule_refresh)
        self.targets_editor.open_channels_requested.connect(self.open_channels_requested)
        self.targets_editor.open_contacts_requested.connect(self.open_contacts_requested)
        self.targets_editor.dry_run_button.clicked.connect(self.show_dry_run)
        self.targets_list = self.targets_editor.destinations
        self.targets_error = self.targets_editor.error_label

        column = QVBoxLayout()
        column.setSpacing(8)
        column.addLayout(message_heading)
        column.addLayout(form, 1)
        column.addSpacing(6)
        column.addWidget(_heading(self.tr("Send to"), self))
        column.addWidget(self.targets_editor)
        return column

    def _build_more_options(self) -> QVBoxLayout:
        """Retries and attachments, folded away under one line that says what is set."""
        self.options_editor = DeliveryOptionsEditor(self)
        if self._contacts is not None:  # the data folder, where picked files are copied
            self.options_editor.data_dir = self._contacts.db.path.parent
        self.options_editor.changed.connect(self._schedule_refresh)
        self.more_button = QToolButton(self)
        self.more_button.setText(self.tr("More options"))
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.setAutoRaise(True)
        self.more_button.clicked.connect(
            lambda: self.set_more_options_shown(not self.options_editor.isVisibleTo(self))
        )
        self.more_summary = QLabel(self)
        self.more_summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        row = QHBoxLayout()
        row.addWidget(self.more_button)
        row.addWidget(self.more_summary)
        row.addStretch(1)
        box = QVBoxLayout()
        box.setSpacing(4)
        box.addLayout(row)
        box.addWidget(self.options_editor)
        self.options_editor.hide()
        self.duty_editor = DutyRotationEditor(self._contacts, self)  # ${on_duty}, issue 16
        self.duty_editor.changed.connect(self._schedule_refresh)
        box.addWidget(self.duty_editor)
        self.duty_editor.hide()
        self.nag_editor = NagEditor(self._contacts, self._channels, self)  # issue 16
        self.nag_editor.changed.connect(self._schedule_refresh)
        box.addWidget(self.nag_editor)
        self.nag_editor.hide()
        return box

    def set_more_options_shown(self, shown: bool) -> None:
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.options_editor.setVisible(shown)
        self.duty_editor.setVisible(shown)
        self.nag_editor.setVisible(shown)
        self.more_summary.setVisible(not shown)
        self._make_room()

    def _build_schedule_column(self) -> QVBoxLayout:
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        kinds_row = QHBoxLayout()
        kinds_row.setSpacing(16)
        for index, (kind, text) in enumerate(
            (
                ("once", self.tr("&Once")),
                ("interval", self.tr("Repeat &every")),
                ("calendar", self.tr("&Calendar rule")),
            )
        ):
            button = QRadioButton(text, self)
            self.kind_group.addButton(button, index)
            self.kind_buttons[kind] = button
            kinds_row.addWidget(button)
        kinds_row.addStretch(1)

        self.once_editor = OnceEditor(self)
        self.once_editor.zone = lambda: self.zone_combo.zone()  # quick picks count from there
        self.interval_editor = IntervalEditor(self)
        self.calendar_editor = CalendarEditor(self)
        self.editors: dict[str, TriggerEditor] = {
            "once": self.once_editor,
            "interval": self.interval_editor,
            "calendar": self.calendar_editor,
        }
        self.stack = _PageStack(self)
        for kind in KINDS:
            self.stack.addWidget(self.editors[kind])
            self.editors[kind].changed.connect(self._schedule_refresh)

        self.zone_combo = TimeZoneCombo(self)
        self.zone_error = ErrorLabel(self)
        zone_form = QFormLayout()
        zone_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        add_row(zone_form, self.tr("Time &zone:"), self.zone_combo, self.zone_error)
        self._zone_form = zone_form

        self.description_label = QLabel(self)
        self.description_label.setWordWrap(True)
        self.description_label.setTextFormat(Qt.TextFormat.PlainText)
        self.description_label.setAccessibleName(self.tr("Schedule summary"))
        font = self.description_label.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.description_label.setFont(font)

        self.preview_list = QListWidget(self)
        self.preview_list.setAccessibleName(self.tr("Next runs"))
        self.preview_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview_list.setUniformItemSizes(True)
        self.preview_list.setIconSize(QSize(16, 16))
        self.preview_list.setFixedHeight(self._list_height(self.preview_list, PREVIEW_COUNT))

        column = QVBoxLayout()
        column.setSpacing(8)
        column.addWidget(_heading(self.tr("When"), self))
        self.typed_rule = TypedRuleBox(
            self.zone_combo.zone, self.calendar_editor.day_options.calendar_code, self
        )
        self.typed_rule.use_requested.connect(self.use_trigger)
        column.addWidget(self.typed_rule)
        column.addLayout(kinds_row)
        column.addWidget(self.stack)
        column.addLayout(zone_form)
        column.addSpacing(4)
        column.addWidget(self.description_label)
        column.addWidget(QLabel(self.tr("Next runs:"), self))
        column.addWidget(self.preview_list)
        column.addStretch(1)

        self.kind_group.idToggled.connect(self._kind_toggled)
        self.zone_combo.zone_changed.connect(self._schedule_refresh)
        self.zone_combo.zone_changed.connect(lambda _zone: self.once_editor.update_picks())
        self.name_edit.textChanged.connect(self._name_changed)
        for edit in (self.name_edit, self.title_edit):  # the body's is installed above
            edit.installEventFilter(self)
        self.name_edit.textChanged.connect(self._schedule_refresh)
        self.title_edit.textChanged.connect(self._schedule_refresh)
        self.body_edit.textChanged.connect(self._schedule_refresh)
        return column

    def use_trigger(self, trigger: TriggerSpec) -> None:
        """Show ``trigger`` (a typed rule) in its editor, ready to adjust or save."""
        kind = _kind_of(trigger)
        self.editors[kind].set_spec(trigger)
        self.kind_buttons[kind].setChecked(True)
        self._schedule_refresh()

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
        self.zone_combo.set_zone(spec.trigger.timezone)
        kind = _kind_of(spec.trigger)
        if kind != "once":
            # Switching this reminder to a one-off starts at the next hour of its own zone,
            # not of this computer's (which may already be past there).
            zone_now = self._now_in(spec.trigger.timezone or default_timezone())
            self.once_editor.set_spec(OnceSpec(at=next_full_hour(zone_now), timezone=""))
        self.editors[kind].set_spec(spec.trigger)
        self.kind_buttons[kind].setChecked(True)

    @staticmethod
    def _list_height(view: QListWidget, rows: int) -> int:
        """Exactly ``rows`` rows tall (a row may hold a small warning icon, or Chinese text,
        whose fallback font makes a line taller than the Latin font says)."""
        tallest = view.fontMetrics().boundingRect("Ag 汉字").height()
        row = max(view.fontMetrics().height(), tallest, view.iconSize().height()) + 1
        return row * rows + 2 * view.frameWidth() + 4

    def _align_labels(self) -> None:
        """One label column for the editors and the zone row, so the fields line up."""
        forms = [editor.layout() for editor in self.editors.values()] + [self._zone_form]
        labels: list[QWidget] = []
        for form in forms:
            assert isinstance(form, QFormLayout)
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                label = item.widget() if item is not None else None
                if label is not None:
                    labels.append(label)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

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
        )

    def load_message(self, message: Message, targets: tuple[Target, ...] | None = None) -> None:
        """Fill in the message (and the recipients, when given), e.g. from a template."""
        self.title_edit.setText(message.title)
        self.body_edit.setPlainText(message.body)
        self.options_editor.set_attachments(message.attachments)
        if message.attachments:
            self.set_more_options_shown(True)
        if targets is not None:
            self.targets_editor.set_targets(targets)
        self._refresh()

    def push_spec(self) -> PushSpec:
        """The reminder the fields describe (only meaningful once the dialog was accepted)."""
        message = Message(
            title=self._title(),
            body=self.body_edit.toPlainText(),
            # The editor has no HTML field yet; an imported HTML body is kept as it was.
            html=self._original.message.html if self._original else "",
            attachments=self.options_editor.attachments(),
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
            self._schedule_refresh()

    def _schedule_refresh(self, *_args: object) -> None:
        self._timer.start()

    @Slot(str)
    def _name_changed(self, name: str) -> None:
        # An empty title is the name: shown greyed in the title box.
        self.title_edit.setPlaceholderText(name.strip() or self.tr("Same as the name"))

    def _title(self) -> str:
        return self.title_edit.text().strip() or self.name_edit.text().strip()

    def _fields_of(self, widget: QObject) -> tuple[str, ...]:
        if widget is self.name_edit:
            return ("name",)
        if widget is self.title_edit:
            return ("message.title",)
        if widget is self.body_edit:
            return ("message.body", "message.html")
        return ()

    def _shown(self, error: FieldError) -> bool:
        """Whether to show ``error`` now: always, except for an empty text field the user
        has not left yet (a fresh form is not red before anything was typed)."""
        field = error.field
        if self._show_all or field in self._left:
            return True
        if field == "name":
            return bool(self.name_edit.text().strip())
        if field == "message.title":
            return bool(self._title())
        if field in ("message.body", "message.html"):
            return bool(self.body_edit.toPlainText().strip())
        return True

    def _refresh(self) -> None:
        """Validate, show errors in place, and update the summary and the next runs."""
        self._timer.stop()
        spec = self.push_spec()
        editor = self.editors[self.current_kind()]
        errors = validate_spec(spec, custom_fields=self._custom_fields)
        errors += [FieldError(f"trigger.{e.field}", e.message) for e in editor.local_errors()]
        errors += self.targets_editor.local_errors()
        errors += self.options_editor.missing_attachments()
        if not any(e.field == "message.body" for e in errors):
            errors += self._size_errors(spec)
        self._errors = errors
        self._show_errors([e for e in errors if self._shown(e)], editor)
        trigger_ok = not any(e.field == "trigger" or e.field.startswith("trigger.") for e in errors)
        self._show_schedule(spec.trigger if trigger_ok else None)
        self.duty_editor.show_errors(errors)
        self.nag_editor.show_errors(errors)
        due = [f.at for f in preview(spec.trigger, 5)] if trigger_ok and spec.duty else []
        self.duty_editor.show_preview(due)
        self._show_reach(spec)
        self.more_summary.setText(self.options_editor.summary())
        if any(
            e.field.startswith(("options.", "duty", "nag")) or e.field == "message.attachments"
            for e in errors
        ):
            self.set_more_options_shown(True)
        self.save_button.setEnabled(not errors)
        # A disabled Save says why, even before the errors are shown beside their fields.
        self.save_button.setToolTip(errors[0].message if errors else self.tr("Save (Ctrl+Enter)"))
        self._make_room()

    def _size_errors(self, spec: PushSpec) -> list[FieldError]:
        """Too large once filled in for someone (a long contact field in many placeholders)."""
        try:
            recipients = self.targets_editor.recipients(spec)
        except Exception:
            log.exception("Could not list the recipients of %r", spec.name)
            return []
        when = datetime.now(self._zone_info(spec.trigger.timezone))
        return size_problems(spec, recipients, when)

    def _show_reach(self, spec: PushSpec) -> None:
        try:
            count = len(self.targets_editor.recipients(spec))
        except Exception:
            log.exception("Could not count the recipients of %r", spec.name)
            count = 0
        self.targets_editor.show_reach(count)
        if self.preview_dialog is not None and self.preview_dialog.isVisible():
            self.preview_dialog.set_rendered(*self.dry_run(spec))

    # -- placeholders and previews -------------------------------------------------------

    def insert_placeholder(self, text: str) -> None:
        """Type ``text`` where the cursor is in the title, or else in the message."""
        if self.focusWidget() is self.title_edit:
            self.title_edit.insert(text)
        else:
            self.body_edit.insertPlainText(text)
            self.body_edit.setFocus()

    def dry_run(self, spec: PushSpec | None = None) -> tuple[list[Rendered], datetime]:
        """Every recipient's message if ``spec`` (the fields) ran now, in its time zone."""
        spec = spec or self.push_spec()
        when = datetime.now(self._zone_info(spec.trigger.timezone))
        try:
            return self.targets_editor.planner.dry_run(spec, when), when
        except Exception:
            log.exception("Could not render %r", spec.name)
            return [], when

    def show_preview(self) -> MessagePreviewDialog:
        if self.preview_dialog is None:
            self.preview_dialog = MessagePreviewDialog(self)
        self.preview_dialog.set_rendered(*self.dry_run())
        self.preview_dialog.show()
        self.preview_dialog.raise_()
        return self.preview_dialog

    def show_dry_run(self) -> DryRunDialog:
        rendered, when = self.dry_run()
        if self.dry_run_dialog is not None:
            self.dry_run_dialog.close()
        dialog = DryRunDialog(rendered, self.targets_editor.planner.channels, when, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "dry_run_dialog", None))
        self.dry_run_dialog = dialog
        dialog.open()
        return dialog

    def _make_room(self) -> None:
        """Grow the window if the editor now needs more than it has (many times of day)."""
        self._outer.activate()
        needed = self._outer.minimumSize()
        if needed.height() > self.height() or needed.width() > self.width():
            self.resize(self.size().expandedTo(needed))

    def _show_errors(self, errors: list[FieldError], editor: TriggerEditor) -> None:
        by_label: dict[ErrorLabel, list[str]] = {
            self.name_error: [],
            self.title_error: [],
            self.body_error: [],
            self.zone_error: [],
            self.other_error: [],
        }
        places = {
            "name": self.name_error,
            "message.title": self.title_error,
            "message.body": self.body_error,
            "message.html": self.body_error,
            "trigger.timezone": self.zone_error,
        }
        self.targets_editor.show_errors(
            e for e in errors if e.field == "targets" or e.field.startswith("targets[")
        )
        self.options_editor.show_errors(errors)
        trigger_errors: list[FieldError] = []
        for error in errors:
            if (
                error.field == "targets"
                or error.field.startswith(("targets[", "options.", "duty", "nag"))
                or error.field == "message.attachments"
            ):
                continue
            if error.field in places:
                by_label[places[error.field]].append(error.message)
            elif error.field == "trigger" or error.field.startswith("trigger."):
                trigger_errors.append(FieldError(error.field[len("trigger.") :], error.message))
            else:
                by_label[self.other_error].append(error.message)
        for label, messages in by_label.items():
            label.show_messages(messages)
        for each in self.editors.values():
            each.show_errors(trigger_errors if each is editor else [])

    def _show_schedule(self, trigger: TriggerSpec | None) -> None:
        self.preview_list.clear()
        if trigger is None:
            self.description_label.setText(self.tr("Fix the schedule to see when it runs."))
            self.description_label.setEnabled(False)
            return
        self.description_label.setEnabled(True)
        # A bug in the summary or the preview must not make the dialog unusable.
        try:
            self.description_label.setText(describe(trigger))
        except Exception:
            log.exception("Could not describe %r", trigger)
            self.description_label.setText("")
        try:
            runs = preview(trigger, PREVIEW_COUNT)
        except Exception:
            log.exception("Could not preview %r", trigger)
            runs = []
        if not runs:
            item = QListWidgetItem(self.tr("No more runs: this schedule has ended."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.preview_list.addItem(item)
        local_zone = default_timezone()
        skipped = skipped_days(trigger, runs[0].at.date(), runs[-1].at.date()) if runs else []
        for fire in runs:
            while skipped and skipped[0][0] < fire.at.date():
                day, mark = skipped.pop(0)
                row = QListWidgetItem(run_marks.skipped_text(day, mark))
                row.setFlags(Qt.ItemFlag.NoItemFlags)
                self.preview_list.addItem(row)
            item = self._run_item(fire.at, fire.note, local_zone, trigger)
            if fire.mark is not None:
                item.setText(f"{item.text()}  ({run_marks.mark_text(fire.mark)})")
            self.preview_list.addItem(item)
        note = run_marks.unpublished_note(trigger, {f.at.year for f in runs})
        if note:
            self.description_label.setText(f"{self.description_label.text()}\n{note}")

    def _run_item(
        self, at: datetime, note: str, local_zone: str, trigger: TriggerSpec
    ) -> QListWidgetItem:
        text = self.format_time(at)
        trigger_zone = getattr(at.tzinfo, "key", "")
        if trigger_zone and trigger_zone != local_zone:
            # Runs in another zone also say when that is on this computer's clock.
            local = at.astimezone(self._zone_info(local_zone))
            same_day = local.date() == at.date()
            here = f"{local:%H:%M}" if same_day else self.format_time(local)
            text += "  " + self.tr("(%1 here)").replace("%1", here)
        item = QListWidgetItem(text)
        if note:
            item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            tip = self._note_text(note, trigger)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, tip)
        return item

    def _note_text(self, note: str, trigger: TriggerSpec) -> str:
        """What a daylight-saving change does to this run, in the words of each rule kind."""
        exact = isinstance(trigger, IntervalSpec) and trigger.unit in ("minutes", "hours")
        if note == "gap":
            return self.tr(
                "The clocks go forward that day and skip the chosen time,"
                " so the reminder comes this much later instead."
            )
        if exact:
            return self.tr(
                "The clocks go back that day: this clock time happens twice, and runs an"
                " exact interval apart can show the same time."
            )
        return self.tr(
            "The clocks go back that day, so this time happens twice;"
            " the reminder comes only the first time."
        )

    @staticmethod
    def format_time(at: datetime) -> str:
        """A run time as people read it: "Thu 24 Dec 2026 09:00" in the user's language."""
        return format_datetime(at, local=False)

    @staticmethod
    def _zone_info(name: str) -> ZoneInfo:
        try:
            return ZoneInfo(name)
        except Exception:
            return ZoneInfo("UTC")

    def _now_in(self, zone: str) -> datetime:
        return datetime.now(self._zone_info(zone)).replace(tzinfo=None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._fields_of(watched):
            fields = set(self._fields_of(watched))
            if not fields <= self._left:
                self._left |= fields
                self._schedule_refresh()
        if (
            self._fields_of(watched)
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
        """Save only a valid reminder; check now rather than trust a pending refresh.

        Trying to save shows every error, and the first field at fault gets the focus.
        """
        self._show_all = True
        self._refresh()
        if self._errors:
            fields = {e.field for e in self._errors}
            for field, widget in (
                ("name", self.name_edit),
                ("message.title", self.title_edit),
                ("message.body", self.body_edit),
            ):
                if field in fields:
                    widget.setFocus(Qt.FocusReason.OtherFocusReason)
                    break
            return
        super().accept()
