"""How the reminder editor is laid out: the message column (name, title, message, who gets
it), the schedule column (kind of schedule, its editor, zone, summary, next runs), the
folded "More options" and the buttons; the label column the schedule forms share.

These build the widgets of :class:`pushgui.ui.editor.push_editor.PushEditorDialog` and set
them on it, under the names the dialog and its tests use. Strings keep the translation
context "PushEditorDialog".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.errors import FieldError
from pushgui.core.pushes.spec import MAX_NAME
from pushgui.ui.editor.delivery_options import DeliveryOptionsEditor
from pushgui.ui.editor.duty_editor import DutyRotationEditor
from pushgui.ui.editor.message_format import FormatBar, ServicePreview
from pushgui.ui.editor.message_preview import PlaceholderButton
from pushgui.ui.editor.nag_editor import NagEditor
from pushgui.ui.editor.targets_editor import TargetsEditor
from pushgui.ui.editor.triggers.base import TriggerEditor
from pushgui.ui.editor.triggers.calendar import CalendarEditor
from pushgui.ui.editor.triggers.interval import IntervalEditor
from pushgui.ui.editor.triggers.once import OnceEditor
from pushgui.ui.editor.typed_rule import TypedRuleBox
from pushgui.ui.widgets.dates import TimeZoneCombo
from pushgui.ui.widgets.fields import ErrorLabel, add_row

if TYPE_CHECKING:
    from pushgui.ui.editor.push_editor import PushEditorDialog

translate = QCoreApplication.translate

KINDS: tuple[str, ...] = ("once", "interval", "calendar")
PREVIEW_COUNT = 5


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setWeight(QFont.Weight.DemiBold)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class PageStack(QStackedWidget):
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


def build_message_column(d: PushEditorDialog) -> QVBoxLayout:
    d.name_edit = QLineEdit(d)
    d.name_edit.setMaxLength(MAX_NAME * 2)  # longer than allowed, so the error can say so
    d.name_edit.setPlaceholderText(translate("PushEditorDialog", "e.g. Team stand-up"))
    d.name_edit.setAccessibleName(translate("PushEditorDialog", "Name"))
    d.title_edit = QLineEdit(d)
    d.title_edit.setPlaceholderText(translate("PushEditorDialog", "Same as the name"))
    d.title_edit.setToolTip(
        translate(
            "PushEditorDialog",
            "Shown in bold in the notification; left empty, the name is the title",
        )
    )
    d.title_edit.setAccessibleName(translate("PushEditorDialog", "Title"))
    d.body_edit = QPlainTextEdit(d)
    d.body_edit.setPlaceholderText(translate("PushEditorDialog", "Optional details"))
    d.body_edit.setAccessibleName(translate("PushEditorDialog", "Message"))
    d.body_edit.setTabChangesFocus(True)
    d.body_edit.setMinimumHeight(90)
    # The text box takes Ctrl+Return as a line break; saving should win there too.
    d.body_edit.installEventFilter(d)

    d.name_error = ErrorLabel(d, reserve_line=True)
    d.title_error = ErrorLabel(d, reserve_line=True)
    d.body_error = ErrorLabel(d)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    add_row(form, translate("PushEditorDialog", "&Name:"), d.name_edit, d.name_error)
    add_row(form, translate("PushEditorDialog", "&Title:"), d.title_edit, d.title_error)
    d.format_bar = FormatBar(d.body_edit, d)
    d.format_bar.changed.connect(d.schedule_refresh)
    message_box = QVBoxLayout()
    message_box.setSpacing(2)
    message_box.addWidget(d.format_bar)
    message_box.addWidget(d.body_edit, 1)
    text = translate("PushEditorDialog", "&Message:")
    add_row(form, text, message_box, d.body_error, buddy=d.body_edit)
    d.service_preview = ServicePreview(d)
    form.addRow("", d.service_preview)
    d._message_form = form

    d.placeholder_button = PlaceholderButton(d)
    d.placeholder_button.set_custom_fields(d._custom_fields or ())
    d.placeholder_button.placeholder_chosen.connect(d.insert_placeholder)
    d.preview_button = QPushButton(d)
    d.preview_button.setText(translate("PushEditorDialog", "Preview…"))
    d.preview_button.setToolTip(
        translate("PushEditorDialog", "See the message as a recipient will read it")
    )
    d.preview_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    d.preview_button.clicked.connect(d.show_preview)
    message_heading = QHBoxLayout()
    message_heading.addWidget(_heading(translate("PushEditorDialog", "Message"), d), 1)
    message_heading.addWidget(d.placeholder_button)
    message_heading.addWidget(d.preview_button)

    d.targets_editor = TargetsEditor(d._contacts, d._channels, d)
    d.targets_editor.changed.connect(d.schedule_refresh)
    d.targets_editor.open_channels_requested.connect(d.open_channels_requested)
    d.targets_editor.open_contacts_requested.connect(d.open_contacts_requested)
    d.targets_editor.dry_run_button.clicked.connect(d.show_dry_run)
    d.targets_list = d.targets_editor.destinations
    d.targets_error = d.targets_editor.error_label

    column = QVBoxLayout()
    column.setSpacing(8)
    column.addLayout(message_heading)
    column.addLayout(form, 1)
    column.addSpacing(6)
    column.addWidget(_heading(translate("PushEditorDialog", "Send to"), d))
    column.addWidget(d.targets_editor)
    return column


def build_more_options(d: PushEditorDialog) -> QVBoxLayout:
    """Retries and attachments, folded away under one line that says what is set."""
    d.options_editor = DeliveryOptionsEditor(d)
    if d._contacts is not None:  # the data folder, where picked files are copied
        d.options_editor.data_dir = d._contacts.db.path.parent
    d.options_editor.changed.connect(d.schedule_refresh)
    d.more_button = QToolButton(d)
    d.more_button.setText(translate("PushEditorDialog", "More options"))
    d.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    d.more_button.setArrowType(Qt.ArrowType.RightArrow)
    d.more_button.setAutoRaise(True)
    d.more_button.clicked.connect(
        lambda: d.set_more_options_shown(not d.options_editor.isVisibleTo(d))
    )
    d.more_summary = QLabel(d)
    d.more_summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    row = QHBoxLayout()
    row.addWidget(d.more_button)
    row.addWidget(d.more_summary)
    row.addStretch(1)
    box = QVBoxLayout()
    box.setSpacing(4)
    box.addLayout(row)
    box.addWidget(d.options_editor)
    d.options_editor.hide()
    # Issue 16: the duty rotation (${on_duty}) and nag until done, folded with the options.
    d.duty_editor = DutyRotationEditor(d._contacts, d, d.calendars)
    d.nag_editor = NagEditor(d._contacts, d._channels, d)
    for extra in (d.duty_editor, d.nag_editor):
        extra.changed.connect(d.schedule_refresh)
        box.addWidget(extra)
        extra.hide()
    return box


def build_schedule_column(d: PushEditorDialog) -> QVBoxLayout:
    d.kind_group = QButtonGroup(d)
    d.kind_buttons = {}
    kinds_row = QHBoxLayout()
    kinds_row.setSpacing(16)
    for index, (kind, text) in enumerate(
        (
            ("once", translate("PushEditorDialog", "&Once")),
            ("interval", translate("PushEditorDialog", "Repeat &every")),
            ("calendar", translate("PushEditorDialog", "&Calendar rule")),
        )
    ):
        button = QRadioButton(text, d)
        d.kind_group.addButton(button, index)
        d.kind_buttons[kind] = button
        kinds_row.addWidget(button)
    kinds_row.addStretch(1)

    d.once_editor = OnceEditor(d)
    d.once_editor.zone = lambda: d.zone_combo.zone()  # quick picks count from there
    d.interval_editor = IntervalEditor(d)
    d.calendar_editor = CalendarEditor(d)
    d.editors = {
        "once": d.once_editor,
        "interval": d.interval_editor,
        "calendar": d.calendar_editor,
    }
    d.stack = PageStack(d)
    for kind in KINDS:
        d.stack.addWidget(d.editors[kind])
        d.editors[kind].changed.connect(d.schedule_refresh)

    d.zone_combo = TimeZoneCombo(d)
    d.zone_error = ErrorLabel(d)
    zone_form = QFormLayout()
    zone_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    add_row(zone_form, translate("PushEditorDialog", "Time &zone:"), d.zone_combo, d.zone_error)
    d._zone_form = zone_form

    d.description_label = QLabel(d)
    d.description_label.setWordWrap(True)
    d.description_label.setTextFormat(Qt.TextFormat.PlainText)
    d.description_label.setAccessibleName(translate("PushEditorDialog", "Schedule summary"))
    font = d.description_label.font()
    font.setWeight(QFont.Weight.DemiBold)
    d.description_label.setFont(font)

    d.preview_list = QListWidget(d)
    d.preview_list.setAccessibleName(translate("PushEditorDialog", "Next runs"))
    d.preview_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    d.preview_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    d.preview_list.setUniformItemSizes(True)
    d.preview_list.setIconSize(QSize(16, 16))
    d.preview_list.setFixedHeight(list_height(d.preview_list, PREVIEW_COUNT))

    column = QVBoxLayout()
    column.setSpacing(8)
    column.addWidget(_heading(translate("PushEditorDialog", "When"), d))
    d.typed_rule = TypedRuleBox(
        d.zone_combo.zone, d.calendar_editor.day_options.calendar_code, d, d.calendars
    )
    d.typed_rule.use_requested.connect(d.use_trigger)
    column.addWidget(d.typed_rule)
    column.addLayout(kinds_row)
    column.addWidget(d.stack)
    column.addLayout(zone_form)
    column.addSpacing(4)
    column.addWidget(d.description_label)
    column.addWidget(QLabel(translate("PushEditorDialog", "Next runs:"), d))
    column.addWidget(d.preview_list)
    column.addStretch(1)

    d.kind_group.idToggled.connect(d._kind_toggled)
    d.zone_combo.zone_changed.connect(d.schedule_refresh)
    d.zone_combo.zone_changed.connect(lambda _zone: d.once_editor.update_picks())
    d.name_edit.textChanged.connect(d._name_changed)
    for edit in (d.name_edit, d.title_edit):  # the body's is installed above
        edit.installEventFilter(d)
    d.name_edit.textChanged.connect(d.schedule_refresh)
    d.title_edit.textChanged.connect(d.schedule_refresh)
    d.body_edit.textChanged.connect(d.schedule_refresh)
    return column


def build_dialog(d: PushEditorDialog) -> None:
    """The two columns side by side, "More options" under the schedule, the error that
    belongs to no field, and the buttons (Save, Cancel, Save as template; Ctrl+Enter saves)."""
    left = build_message_column(d)
    right = build_schedule_column(d)
    divider = QFrame(d)
    divider.setFrameShape(QFrame.Shape.VLine)
    divider.setFrameShadow(QFrame.Shadow.Sunken)
    columns = QHBoxLayout()
    columns.setSpacing(18)
    # The message column keeps one width, so switching schedules never moves it.
    left_panel = QWidget(d)
    left_panel.setLayout(left)
    left.setContentsMargins(0, 0, 0, 0)
    left_panel.setFixedWidth(d.fontMetrics().averageCharWidth() * 54)
    columns.addWidget(left_panel)
    columns.addWidget(divider)
    right.addLayout(build_more_options(d))
    columns.addLayout(right, 1)

    d.other_error = ErrorLabel(d)
    d.buttons = QDialogButtonBox(d)
    d.save_button = d.buttons.addButton(QDialogButtonBox.StandardButton.Save)
    d.cancel_button = d.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    d.template_button = d.buttons.addButton(
        translate("PushEditorDialog", "Save as &template…"), QDialogButtonBox.ButtonRole.ResetRole
    )
    d.template_button.setToolTip(
        translate("PushEditorDialog", "Keep this message to start other reminders from")
    )
    d.template_button.clicked.connect(d.save_template_requested)
    d.save_button.setDefault(True)
    d.save_button.setToolTip(translate("PushEditorDialog", "Save (Ctrl+Enter)"))
    d.buttons.accepted.connect(d.accept)
    d.buttons.rejected.connect(d.reject)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), d, d.accept)

    outer = d._outer = QVBoxLayout(d)
    outer.setContentsMargins(18, 16, 18, 14)
    outer.setSpacing(12)
    outer.addLayout(columns, 1)
    outer.addWidget(d.other_error)
    outer.addWidget(d.buttons)


def list_height(view: QListWidget, rows: int) -> int:
    """Exactly ``rows`` rows tall (a row may hold a small warning icon, or Chinese text,
    whose fallback font makes a line taller than the Latin font says)."""
    tallest = view.fontMetrics().boundingRect("Ag 汉字").height()
    row = max(view.fontMetrics().height(), tallest, view.iconSize().height()) + 1
    return row * rows + 2 * view.frameWidth() + 4


def align_labels(d: PushEditorDialog) -> None:
    """One label column for the editors and the zone row, so the fields line up."""
    forms = [editor.layout() for editor in d.editors.values()] + [d._zone_form]
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


def place_errors(d: PushEditorDialog, errors: list[FieldError], editor: TriggerEditor) -> None:
    """Show each error beside its field: the message fields, the zone, the recipients, the
    options, and the schedule's editor (``editor``, the one shown); the rest above Save."""
    by_label: dict[ErrorLabel, list[str]] = {
        d.name_error: [],
        d.title_error: [],
        d.body_error: [],
        d.zone_error: [],
        d.other_error: [],
    }
    places = {
        "name": d.name_error,
        "message.title": d.title_error,
        "message.body": d.body_error,
        "message.html": d.body_error,
        "trigger.timezone": d.zone_error,
    }
    d.targets_editor.show_errors(
        e for e in errors if e.field == "targets" or e.field.startswith("targets[")
    )
    d.options_editor.show_errors(errors)
    d.duty_editor.show_errors(errors)
    d.nag_editor.show_errors(errors)
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
            by_label[d.other_error].append(error.message)
    for label, messages in by_label.items():
        label.show_messages(messages)
    for each in d.editors.values():
        each.show_errors(trigger_errors if each is editor else [])
