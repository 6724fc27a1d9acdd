"""The form that sets up one channel (an SMTP account, a chat bot…), built from its kind's
description (:mod:`pushgui.core.channels.kind`), with a "paste the address" box, provider
presets for email and a real "Send test"."""

from __future__ import annotations

import logging
from dataclasses import fields
from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels import email
from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import ChannelConfig, config_from_settings, kind_of
from pushgui.core.channels.urls import read_pasted
from pushgui.core.channels.validation import config_warnings, possible_warnings, validate_config
from pushgui.core.delivery.quiet import QuietHoursBook
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.people.contacts import is_email
from pushgui.core.system.secrets import SecretStoreError
from pushgui.ui.channel_email import EmailHelpers
from pushgui.ui.channel_fields import (
    AdvancedToggle,
    PasteBox,
    WarningLabel,
    WholeLines,
    get_input,
    make_editor,
    set_input,
)
from pushgui.ui.channel_kinds import kind_badge, kind_label
from pushgui.ui.channel_test import TestSendJob, TestSendRow
from pushgui.ui.i18n import readable
from pushgui.ui.quiet_hours_field import QuietHoursField
from pushgui.ui.widgets.fields import ErrorLabel, hint_label, with_error

log = logging.getLogger(__name__)


class ChannelForm(QDialog):
    """Set up a new channel of ``kind`` (with optional ``preset`` settings) or edit one.

    Errors are shown next to their field: live for fields the user has changed, and all
    of them once Save or Send test was clicked. ``test_options`` go to ``send_test``
    (a timeout, the certificates to trust).

    Signals:
        saved(int): the channel was written; the argument is its id.
        test_finished(bool, str): a test send ended: whether it worked, and the text shown.
    """

    saved = Signal(int)
    test_finished = Signal(bool, str)

    def __init__(
        self,
        book: ChannelBook,
        kind: str = "email",
        channel_id: int | None = None,
        preset: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book, self.channel_id = book, channel_id
        self.test_options: dict[str, Any] = {}
        self._touched: set[str] = set()
        self._show_all = False
        self._default_name = ""
        self.inputs: dict[str, QWidget] = {}
        self.warnings: dict[str, WarningLabel] = {}
        self.setSizeGripEnabled(True)
        self._whole_lines = WholeLines(self)
        values: dict[str, Any] = dict(preset or {})
        name, load_problem = "", ""
        if channel_id is not None:
            record = book.record(channel_id)
            kind, name = record.kind, record.name
            try:
                config = book.config(channel_id)
                values = {f.name: getattr(config, f.name) for f in fields(config)}
            except (SecretStoreError, SpecError) as exc:
                values = dict(record.settings)
                load_problem = self.tr(
                    "The saved passwords and tokens could not be read ({0}); type them again."
                ).format(exc)
        self.kind = kind

        self.badge = QLabel(self)
        self.title_label = QLabel(self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(self.badge)
        header.addWidget(self.title_label, 1)

        self.paste_frame = PasteBox(self)
        self.paste_edit, self.paste_error = self.paste_frame.edit, self.paste_frame.error
        self.paste_note = self.paste_frame.note
        self.paste_edit.textChanged.connect(self.use_pasted)

        self.name_edit = QLineEdit(name, self)
        self.name_edit.setAccessibleName(self.tr("Channel name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Team group"))
        self.name_edit.textEdited.connect(lambda _t: self._edited("name"))
        self.name_error = ErrorLabel(self)
        self.errors: dict[str, ErrorLabel] = {"name": self.name_error}
        self.name_label = QLabel(self.tr("&Name:"), self)
        self.name_label.setBuddy(self.name_edit)
        # The kind's own fields, rebuilt if a pasted address is for another service.
        self.fields_host = QVBoxLayout()
        self.fields_host.setContentsMargins(0, 0, 0, 0)
        self._fields_widget: QWidget | None = None
        # Quiet hours (issue 16): kept beside the config, in the settings table.
        self.quiet_field = QuietHoursField(self)
        if channel_id is not None:
            self.quiet_field.set_quiet(QuietHoursBook(book.db).get(kind, channel_id))
        self.errors["quiet_hours"] = self.quiet_field.error
        self.quiet_field.changed.connect(lambda: self._edited("quiet_hours"))

        self.tester = TestSendRow(self)
        self.tester.button.clicked.connect(self.send_test)
        self.tester.finished.connect(self._test_done)
        tester = self.tester
        self.test_to_edit, self.test_button, self.busy = tester.to_edit, tester.button, tester.busy
        self.test_error, self.test_result = tester.error, tester.result

        self.other_error = ErrorLabel(self)
        if load_problem:
            self.other_error.show_messages([load_problem])
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.paste_frame)
        layout.addLayout(self.fields_host)
        layout.addWidget(self.quiet_field)
        layout.addStretch(1)
        layout.addWidget(line)
        for below in (self.tester, self.other_error, self.buttons):
            layout.addWidget(below)

        self._build_fields(kind, values)
        if channel_id is None:
            self._default_name = kind_label(kind, values).split(" (")[0]
            self.name_edit.setText(self._default_name)
        self.resize(600, self.sizeHint().height())
        (self.paste_edit if self.paste_frame.isVisible() else self.name_edit).setFocus()
        self._refresh()

    # -- building the fields ----------------------------------------------------------------

    def _build_fields(self, kind: str, values: dict[str, Any]) -> None:
        if self._fields_widget is not None:
            self._fields_widget.hide()
            self._fields_widget.deleteLater()
        self.errors = {"name": self.name_error, "quiet_hours": self.quiet_field.error}
        self.inputs.clear()
        self.warnings.clear()
        self.kind = kind
        description = kind_of(kind)
        defaults = description.config()
        widget = QWidget(self)
        box = QVBoxLayout(widget)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        main = QFormLayout()
        advanced_widget = QWidget(widget)
        advanced = QFormLayout(advanced_widget)
        advanced.setContentsMargins(0, 0, 0, 0)
        for form in (main, advanced):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        box.addLayout(main)
        # The name is re-added to each new form, so its label lines up with the fields'.
        main.addRow(self.name_label, with_error(self.name_edit, self.name_error))
        self.email_helpers = (
            EmailHelpers(main, self.inputs, self.test_to_edit, self.set_values, widget)
            if kind == email.KIND
            else None
        )
        possible: dict[str, list[str]] = {}
        for warning in possible_warnings(kind):
            possible.setdefault(warning.field, []).append(warning.message)
        self._advanced = tuple(f.name for f in description.fields() if f.advanced)
        for field in description.fields():
            default = getattr(defaults, field.name)
            editor = make_editor(field, partial(self._edited, field.name), widget)
            set_input(editor, values.get(field.name, default))
            self.inputs[field.name] = editor
            error = self.errors[field.name] = ErrorLabel(widget)
            note = self.warnings[field.name] = WarningLabel(widget)
            note.reserve(possible.get(field.name, []))
            cell = with_error(editor, error)
            cell.addWidget(note)
            if field.help:
                cell.addWidget(hint_label(readable(field.help), widget))
            label = QLabel(readable(field.label), widget)
            label.setBuddy(editor)
            (advanced if field.advanced else main).addRow(label, cell)

        self.advanced_widget = advanced_widget
        self.advanced_toggle = AdvancedToggle(advanced_widget, widget)
        self.advanced_toggle.setVisible(bool(self._advanced))
        if self._advanced:
            box.addWidget(self.advanced_toggle)
            box.addWidget(advanced_widget)
            changed = (
                values.get(n, getattr(defaults, n)) != getattr(defaults, n) for n in self._advanced
            )
            self.advanced_toggle.setChecked(any(changed))
        self.fields_host.addWidget(widget)
        self._fields_widget = widget

        editing = self.channel_id is not None
        title = self.tr("Edit channel — {0}") if editing else self.tr("New channel — {0}")
        self.setWindowTitle(title.format(kind_label(kind, values)))
        self._update_header(values)
        self.paste_frame.setVisible(description.paste)
        self.tester.show_address(self.email_helpers is not None)
        if self.email_helpers is not None:
            self.preset_combo, self.preset_hint = self.email_helpers.combo, self.email_helpers.hint
            if not self.test_to_edit.text():
                self.test_to_edit.setText(str(values.get("sender_address", "")))
            self.email_helpers.wire()

    # -- values ------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {name: get_input(widget) for name, widget in self.inputs.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill fields (as if typed: they are checked from now on)."""
        for name, value in values.items():
            if name in self.inputs:
                set_input(self.inputs[name], value)
                self._touched.add(name)
        defaults = kind_of(self.kind).config()
        if any(n in values and values[n] != getattr(defaults, n) for n in self._advanced):
            self.advanced_toggle.setChecked(True)
        self._refresh()

    def config(self) -> ChannelConfig:
        """The configuration the fields describe; raises SpecError for a wrong type."""
        return config_from_settings(self.kind, self.values())

    def problems(self, with_name: bool = True) -> list[FieldError]:
        try:
            errors = validate_config(self.config())
        except SpecError as exc:
            errors = list(exc.errors)
        if with_name and not self.name_edit.text().strip():
            errors.insert(0, FieldError("name", self.tr("Give the channel a name")))
        return errors + self.quiet_field.problems()

    # -- live checking -----------------------------------------------------------------------

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        self._update_header(self.values())
        self._refresh()

    def _update_header(self, values: dict[str, Any]) -> None:
        self.title_label.setText(kind_label(self.kind, values))
        self.badge.setPixmap(kind_badge(self.kind, values).pixmap(32, 32))

    def _refresh(self) -> None:
        self._show_errors(self.problems(), everything=self._show_all)
        try:
            warnings = config_warnings(self.config())
        except SpecError:
            warnings = []
        for name, label in self.warnings.items():
            label.show_messages([w.message for w in warnings if w.field == name])
        self._fit()

    def _fit(self) -> None:
        # Messages appear under fields; grow so nothing is squeezed (never shrink on the user).
        layout = self.layout()
        if layout is None:
            return
        layout.activate()  # the widths the labels get
        self._whole_lines.watch()  # the fields of a kind are built anew
        self._whole_lines.settle()  # the heights their texts need at those widths
        layout.activate()
        wanted = layout.totalHeightForWidth(self.width())
        if wanted < 0:
            wanted = self.sizeHint().height()
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _show_errors(self, errors: list[FieldError], everything: bool = True) -> None:
        grouped: dict[str, list[str]] = {name: [] for name in self.errors}
        other: list[str] = []
        for error in errors:
            if not everything and error.field not in self._touched:
                continue
            if error.field in grouped:
                grouped[error.field].append(error.message)
            else:
                other.append(readable(error))
        for name, label in self.errors.items():
            label.show_messages(grouped[name])
        self.other_error.show_messages(other)
        if any(grouped.get(n) for n in self._advanced):
            self.advanced_toggle.setChecked(True)
        self._fit()

    # -- pasting an address ------------------------------------------------------------------

    def use_pasted(self, text: str) -> None:
        """Fill the form from an address the service gave; say why if it does not fit."""
        self.paste_note.hide()
        try:
            kind, settings = (
                read_pasted(text, self.kind, self.channel_id is None) if text.strip() else ("", {})
            )
        except SpecError as exc:
            self.paste_error.show_messages([e.message for e in exc.errors])
            return
        self.paste_error.show_messages([])
        if not kind:
            return
        note = self.tr("Filled in from the address.")
        if kind != self.kind:
            keep_name = self.name_edit.text() not in ("", self._default_name)
            self._build_fields(kind, {})
            if not keep_name:
                self._default_name = kind_label(kind, settings).split(" (")[0]
                self.name_edit.setText(self._default_name)
            note = self.tr("This is a {0} address, so the form is now for {0}.").format(
                kind_label(kind, settings)
            )
        self.set_values(settings)
        self._update_header(self.values())
        self.paste_note.setText("✓ " + note)
        self.paste_note.show()

    # -- test --------------------------------------------------------------------------------

    @property
    def testing(self) -> bool:
        return self.tester.job is not None

    def send_test(self) -> None:
        """Send one real message with the settings as they are (saved or not)."""
        if self.testing:
            return
        self._show_all = True
        errors = self.problems(with_name=False)
        to = self.test_to_edit.text().strip() if self.kind == email.KIND else ""
        test_errors: list[str] = []
        if self.kind == email.KIND and not is_email(to):
            test_errors.append(self.tr("Enter the address the test should go to"))
        self.test_error.show_messages(test_errors)
        self._show_errors(errors)
        if errors or test_errors:
            self.test_result.hide()
            return
        self.tester.start(TestSendJob(self.book, self.config(), to, dict(self.test_options)))

    def _test_done(self, ok: bool, text: str) -> None:
        self._fit()
        self.test_finished.emit(ok, text)

    # -- saving ------------------------------------------------------------------------------

    def accept(self) -> None:
        self._show_all = True
        errors = self.problems()
        self._show_errors(errors)
        if errors:
            return
        try:
            channel_id = self.book.save(self.name_edit.text(), self.config(), self.channel_id)
            QuietHoursBook(self.book.db).set(self.kind, channel_id, self.quiet_field.quiet())
        except SpecError as exc:
            self._show_errors(exc.errors)
            return
        except Exception as exc:
            if not isinstance(exc, SecretStoreError):
                log.exception("Saving a channel failed")
            self.other_error.show_messages([self.tr("Nothing was saved: {0}").format(exc)])
            return
        self.channel_id = channel_id
        self.saved.emit(channel_id)
        super().accept()
