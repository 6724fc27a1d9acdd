"""The form that sets up one channel (an SMTP account, a chat bot…), built from its config
dataclass, with a "paste the address" box, provider presets and a real "Send test"."""

from __future__ import annotations

import logging
from dataclasses import fields
from typing import Any, Literal, get_args, get_origin, get_type_hints

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channel_book import ChannelBook
from pushgui.core.channels.base import Outcome
from pushgui.core.channels.config import CONFIG_TYPES, ChannelConfig, config_from_settings
from pushgui.core.channels.urls import parse_webhook_url, self_hosted
from pushgui.core.channels.validation import (
    config_warnings,
    possible_warnings,
    validate_config,
)
from pushgui.core.contacts import is_email
from pushgui.core.delivery.quiet import QuietHoursBook
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.secrets import SecretStoreError
from pushgui.ui.channel_fields import (
    SecretEdit,
    WarningLabel,
    WholeLines,
    apply_placeholder,
    get_input,
    set_input,
)
from pushgui.ui.channel_kinds import (
    ADVANCED,
    EMAIL_PRESETS,
    PASTE_KINDS,
    badge_key,
    email_preset_choices,
    email_preset_notes,
    field_choices,
    field_texts,
    kind_icon,
    kind_label,
)
from pushgui.ui.quiet_hours_field import QuietHoursField
from pushgui.ui.trigger_editors.base import ErrorLabel, hint_label, with_error

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a worker's result back to the GUI thread (a queued signal).

    Signals:
        finished(object): the :class:`Outcome` of the test send.
    """

    finished = Signal(object)


class TestSendJob(QRunnable):
    """One test send on the thread pool; the network never blocks the window.

    It sends through the book, the way a run does (secrets through the secret store)."""

    def __init__(
        self, book: ChannelBook, config: ChannelConfig, to: str, options: dict[str, Any]
    ) -> None:
        super().__init__()
        self.relay = _Relay()
        self._book = book
        self._config, self._to, self._options = config, to, options

    def run(self) -> None:
        try:
            outcome = self._book.send_test(self._config, self._to, **self._options)
        except Exception as exc:  # a sender bug must still end the busy state
            log.exception("Test send failed unexpectedly")
            outcome = Outcome(ok=False, error=str(exc) or type(exc).__name__, permanent=True)
        self.relay.finished.emit(outcome)


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
        self.book = book
        self.channel_id = channel_id
        self.test_options: dict[str, Any] = {}
        self._touched: set[str] = set()
        self._show_all = False
        self._job: TestSendJob | None = None
        self._default_name = ""
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.warnings: dict[str, WarningLabel] = {}
        self.setSizeGripEnabled(True)
        self._whole_lines = WholeLines(self)

        values: dict[str, Any] = dict(preset or {})
        name = ""
        load_problem = ""
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

        # -- header and paste box ---------------------------------------------------------
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

        self.paste_frame = QFrame(self)
        self.paste_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.paste_label = QLabel(self.tr("&Paste the web address your service gave you:"), self)
        self.paste_edit = QLineEdit(self)
        self.paste_edit.setPlaceholderText("https://…")
        self.paste_edit.setAccessibleName(self.tr("Web address from your service"))
        self.paste_edit.setClearButtonEnabled(True)
        self.paste_label.setBuddy(self.paste_edit)
        self.paste_error = ErrorLabel(self)
        self.paste_note = hint_label("", self)
        self.paste_note.hide()
        self.paste_edit.textChanged.connect(self.use_pasted)
        paste_box = QVBoxLayout(self.paste_frame)
        paste_box.setContentsMargins(10, 8, 10, 8)
        paste_box.setSpacing(4)
        paste_box.addWidget(self.paste_label)
        paste_box.addWidget(self.paste_edit)
        paste_box.addWidget(self.paste_error)
        paste_box.addWidget(self.paste_note)

        # -- name ---------------------------------------------------------------------------
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setAccessibleName(self.tr("Channel name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Team group"))
        self.name_edit.textEdited.connect(lambda _t: self._edited("name"))
        self.name_error = ErrorLabel(self)
        self.errors["name"] = self.name_error
        self.name_label = QLabel(self.tr("&Name:"), self)
        self.name_label.setBuddy(self.name_edit)

        # -- the kind's own fields (rebuilt if a pasted address is for another service) ------
        self.fields_host = QVBoxLayout()
        self.fields_host.setContentsMargins(0, 0, 0, 0)
        self._fields_widget: QWidget | None = None
        # Quiet hours (issue 16): kept beside the config, in the settings table.
        self.quiet_field = QuietHoursField(self)
        if channel_id is not None:
            self.quiet_field.set_quiet(QuietHoursBook(book.db).get(kind, channel_id))
        self.errors["quiet_hours"] = self.quiet_field.error
        self.quiet_field.changed.connect(lambda: self._edited("quiet_hours"))

        # -- test ---------------------------------------------------------------------------
        self.test_to_label = QLabel(self.tr("Send the &test to:"), self)
        self.test_to_edit = QLineEdit(self)
        self.test_to_edit.setPlaceholderText(self.tr("your address, e.g. me@example.com"))
        self.test_to_edit.setAccessibleName(self.tr("Test recipient address"))
        self.test_to_label.setBuddy(self.test_to_edit)
        self.test_button = QPushButton(self.tr("Send &test"), self)
        self.test_button.setToolTip(self.tr("Send a real test message with these settings"))
        self.test_button.clicked.connect(self.send_test)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Sending"))
        self.busy.hide()
        self.test_error = ErrorLabel(self)
        self.test_result = QLabel(self)
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_result.hide()
        test_row = QHBoxLayout()
        test_row.setSpacing(8)
        test_row.addWidget(self.test_to_label)
        test_row.addWidget(self.test_to_edit, 1)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.busy)
        test_row.addStretch(0)
        test_box = QVBoxLayout()
        test_box.setSpacing(4)
        test_box.addLayout(test_row)
        test_box.addWidget(self.test_error)
        test_box.addWidget(self.test_result)

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
        layout.addLayout(test_box)
        layout.addWidget(self.other_error)
        layout.addWidget(self.buttons)

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
        for key in [k for k in self.errors if k not in ("name", "quiet_hours")]:
            del self.errors[key]
        self.inputs.clear()
        self.warnings.clear()
        self.kind = kind
        cls = CONFIG_TYPES[kind]
        defaults = cls()
        hints = get_type_hints(cls)
        texts = field_texts()

        widget = QWidget(self)
        box = QVBoxLayout(widget)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        main = QFormLayout()
        main.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        advanced_widget = QWidget(widget)
        advanced = QFormLayout(advanced_widget)
        advanced.setContentsMargins(0, 0, 0, 0)
        advanced.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        box.addLayout(main)
        # The name is re-added to each new form, so its label lines up with the fields'.
        main.addRow(self.name_label, with_error(self.name_edit, self.name_error))
        if kind == "email":
            self._add_presets(main, widget)

        advanced_names = ADVANCED.get(kind, ())
        possible: dict[str, list[str]] = {}
        for possible_warning in possible_warnings(kind):
            possible.setdefault(possible_warning.field, []).append(possible_warning.message)
        for f in fields(cls):
            label, placeholder, hint = texts.get(
                f"{f.name}@{kind}",
                texts.get(f.name, (f.name.replace("_", " ").capitalize() + ":", "", "")),
            )
            default = getattr(defaults, f.name)
            field = self._make_input(f.name, hints[f.name], default, f.name in cls.SECRETS, widget)
            set_input(field, values.get(f.name, default))
            apply_placeholder(field, placeholder)
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
            if isinstance(field, SecretEdit):
                field.edit.setAccessibleName(field.accessibleName())
            self.inputs[f.name] = field
            error = self.errors[f.name] = ErrorLabel(widget)
            warning = self.warnings[f.name] = WarningLabel(widget)
            warning.reserve(possible.get(f.name, []))
            cell = with_error(field, error)
            cell.addWidget(warning)
            if hint:
                cell.addWidget(hint_label(hint, widget))
            label_widget = QLabel(label, widget)
            label_widget.setBuddy(field)
            (advanced if f.name in advanced_names else main).addRow(label_widget, cell)

        self.advanced_toggle = QToolButton(widget)
        self.advanced_toggle.setText(self.tr("Advanced settings"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced_toggle.toggled.connect(self._show_advanced)
        self.advanced_widget = advanced_widget
        advanced_widget.hide()
        if advanced_names:
            box.addWidget(self.advanced_toggle)
            box.addWidget(advanced_widget)
            if any(
                values.get(n, getattr(defaults, n)) != getattr(defaults, n) for n in advanced_names
            ):
                self.advanced_toggle.setChecked(True)
        else:
            self.advanced_toggle.hide()

        self.fields_host.addWidget(widget)
        self._fields_widget = widget

        label = kind_label(kind, values)
        self.setWindowTitle(
            self.tr("Edit channel — {0}").format(label)
            if self.channel_id is not None
            else self.tr("New channel — {0}").format(label)
        )
        self.title_label.setText(label)
        self.badge.setPixmap(kind_icon(badge_key(kind, values)).pixmap(32, 32))
        self.paste_frame.setVisible(kind in PASTE_KINDS)
        is_email_kind = kind == "email"
        self.test_to_label.setVisible(is_email_kind)
        self.test_to_edit.setVisible(is_email_kind)
        if is_email_kind and not self.test_to_edit.text():
            self.test_to_edit.setText(str(values.get("sender_address", "")))
        if kind == "email":
            self._wire_email()

    def _add_presets(self, form: QFormLayout, parent: QWidget) -> None:
        self.preset_combo = QComboBox(parent)
        self.preset_combo.setAccessibleName(self.tr("Mail provider"))
        self.preset_combo.addItem(self.tr("Other (fill in below)"), "")
        for key, text in email_preset_choices():
            self.preset_combo.addItem(text, key)
        self.preset_combo.currentIndexChanged.connect(self._apply_preset)
        self.preset_hint = hint_label("", parent)
        self.preset_hint.hide()
        label = QLabel(self.tr("Mail &provider:"), parent)
        label.setBuddy(self.preset_combo)
        cell = QVBoxLayout()
        cell.setSpacing(2)
        cell.addWidget(self.preset_combo, 0, Qt.AlignmentFlag.AlignLeft)
        cell.addWidget(self.preset_hint)
        form.addRow(label, cell)

    def _make_input(
        self, name: str, hint: Any, default: Any, secret: bool, parent: QWidget
    ) -> QWidget:
        choices = field_choices(name) if get_origin(hint) is Literal else None
        if choices is None and get_origin(hint) is Literal:
            choices = [(str(v), str(v)) for v in get_args(hint)]
        widget: QWidget
        if choices:
            combo = QComboBox(parent)
            for value, text in choices:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(lambda _i: self._edited(name))
            widget = combo
        elif isinstance(default, bool):
            raise TypeError(f"no editor for the flag {name}")
        elif isinstance(default, int):
            spin = QSpinBox(parent)
            spin.setRange(1, 65535 if name == "port" else 5 if name == "priority" else 100000)
            spin.valueChanged.connect(lambda _v: self._edited(name))
            widget = spin
        elif isinstance(default, float):
            dspin = QDoubleSpinBox(parent)
            dspin.setRange(1, 600)
            dspin.setDecimals(0)
            dspin.setSuffix(self.tr(" seconds"))
            dspin.valueChanged.connect(lambda _v: self._edited(name))
            widget = dspin
        elif name in ("headers", "body_template"):
            plain = QPlainTextEdit(parent)
            plain.setTabChangesFocus(True)
            plain.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
            plain.textChanged.connect(lambda: self._edited(name))
            widget = plain
        elif secret:
            secret_edit = SecretEdit(parent)
            secret_edit.edit.textEdited.connect(lambda _t: self._edited(name))
            widget = secret_edit
        else:
            line = QLineEdit(parent)
            line.textEdited.connect(lambda _t: self._edited(name))
            widget = line
        widget.setObjectName(name)
        return widget

    def _show_advanced(self, shown: bool) -> None:
        self.advanced_widget.setVisible(shown)
        self.advanced_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    # -- email helpers -----------------------------------------------------------------------

    def _wire_email(self) -> None:
        security = self.inputs["security"]
        assert isinstance(security, QComboBox)
        security.currentIndexChanged.connect(self._security_changed)
        username = self.inputs["username"]
        assert isinstance(username, QLineEdit)
        username.textEdited.connect(self._username_edited)
        self._last_username = username.text()

    def _security_changed(self) -> None:
        port = self.inputs["port"]
        assert isinstance(port, QSpinBox)
        usual = {"starttls": 587, "ssl": 465, "none": 25}
        security = get_input(self.inputs["security"])
        if port.value() in usual.values():
            port.setValue(usual.get(security, port.value()))

    def _username_edited(self, text: str) -> None:
        # The login is usually the address mail is sent from: keep them together until the
        # user types another sender address.
        sender = self.inputs["sender_address"]
        assert isinstance(sender, QLineEdit)
        if sender.text() in ("", self._last_username) and "@" in text:
            sender.setText(text)
            if self.test_to_edit.text() in ("", self._last_username):
                self.test_to_edit.setText(text)
        self._last_username = text

    def _apply_preset(self) -> None:
        key = self.preset_combo.currentData()
        if not key:
            self.preset_hint.hide()
            return
        host, port, security = EMAIL_PRESETS[key]
        self.set_values({"host": host, "port": port, "security": security})
        self.preset_hint.setText(email_preset_notes()[key])
        self.preset_hint.show()

    # -- values ------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {name: get_input(widget) for name, widget in self.inputs.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill fields (as if typed: they are checked from now on)."""
        for name, value in values.items():
            if name in self.inputs:
                set_input(self.inputs[name], value)
                self._touched.add(name)
        advanced = ADVANCED.get(self.kind, ())
        defaults = CONFIG_TYPES[self.kind]()
        if any(n in values and values[n] != getattr(defaults, n) for n in advanced):
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
        if name == "region":
            self._update_header()
        self._refresh()

    def _update_header(self) -> None:
        values = self.values()
        self.title_label.setText(kind_label(self.kind, values))
        self.badge.setPixmap(kind_icon(badge_key(self.kind, values)).pixmap(32, 32))

    def _refresh(self) -> None:
        self._show_errors(self.problems(), everything=self._show_all)
        try:
            warnings = config_warnings(self.config())
        except SpecError:
            warnings = []
        grouped: dict[str, list[str]] = {}
        for warning in warnings:
            grouped.setdefault(warning.field, []).append(warning.message)
        for name, label in self.warnings.items():
            label.show_messages(grouped.get(name, []))
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
                other.append(str(error))
        for name, label in self.errors.items():
            label.show_messages(grouped[name])
        self.other_error.show_messages(other)
        if not self.advanced_toggle.isChecked() and any(
            grouped.get(n) for n in ADVANCED.get(self.kind, ())
        ):
            self.advanced_toggle.setChecked(True)
        self._fit()

    # -- pasting an address ------------------------------------------------------------------

    def use_pasted(self, text: str) -> None:
        """Fill the form from an address the service gave; say why if it does not fit."""
        self.paste_note.hide()
        if not text.strip():
            self.paste_error.show_messages([])
            return
        try:
            kind, settings = parse_webhook_url(text)
        except SpecError as exc:
            self.paste_error.show_messages([e.message for e in exc.errors])
            return
        if kind == "webhook" and self.kind != "webhook":
            found = self_hosted(self.kind, text)
            if found is None:
                self.paste_error.show_messages(
                    [
                        self.tr(
                            "This does not look like a {0} address. Copy the whole address "
                            "from the service's settings page."
                        ).format(kind_label(self.kind))
                    ]
                )
                return
            kind, settings = self.kind, found
        note = self.tr("Filled in from the address.")
        if kind != self.kind:
            if self.channel_id is not None or kind not in PASTE_KINDS:
                self.paste_error.show_messages(
                    [
                        self.tr("This is a {0} address; this channel is {1}.").format(
                            kind_label(kind, settings), kind_label(self.kind)
                        )
                    ]
                )
                return
            keep_name = self.name_edit.text() not in ("", self._default_name)
            self._build_fields(kind, {})
            if not keep_name:
                self._default_name = kind_label(kind, settings).split(" (")[0]
                self.name_edit.setText(self._default_name)
            note = self.tr("This is a {0} address, so the form is now for {0}.").format(
                kind_label(kind, settings)
            )
        self.paste_error.show_messages([])
        self.set_values(settings)
        self._update_header()
        self.paste_note.setText("✓ " + note)
        self.paste_note.show()

    # -- test --------------------------------------------------------------------------------

    @property
    def testing(self) -> bool:
        return self._job is not None

    def send_test(self) -> None:
        """Send one real message with the settings as they are (saved or not)."""
        if self._job is not None:
            return
        self._show_all = True
        errors = self.problems(with_name=False)
        to = ""
        test_errors: list[str] = []
        if self.kind == "email":
            to = self.test_to_edit.text().strip()
            if not is_email(to):
                test_errors.append(self.tr("Enter the address the test should go to"))
        self.test_error.show_messages(test_errors)
        self._show_errors(errors)
        if errors or test_errors:
            self.test_result.hide()
            return
        job = TestSendJob(self.book, self.config(), to, dict(self.test_options))
        job.relay.finished.connect(self._test_done)
        self._job = job
        self.test_button.setEnabled(False)
        self.busy.show()
        self.test_result.setText(self.tr("Sending a test message…"))
        self._colour_result(None)
        self.test_result.show()
        QThreadPool.globalInstance().start(job)

    def _test_done(self, outcome: Outcome) -> None:
        self._job = None
        self.test_button.setEnabled(True)
        self.busy.hide()
        if outcome.ok:
            text = self.tr("✓ Sent. Check that the test message arrived.")
        else:
            text = self.tr("✗ Not sent: {0}").format(outcome.error or self.tr("no reason given"))
        self._colour_result(outcome.ok)
        self.test_result.setText(text)
        self.test_result.show()
        self._fit()
        self.test_finished.emit(outcome.ok, text)

    def _colour_result(self, ok: bool | None) -> None:
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        if ok is None:
            colour = palette.color(QPalette.ColorRole.WindowText)
        elif ok:
            colour = QColor("#81c784" if dark else "#2e7d32")
        else:
            colour = QColor("#ff8a80" if dark else "#c62828")
        result_palette = self.test_result.palette()
        result_palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.test_result.setPalette(result_palette)

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
        except SecretStoreError as exc:
            self.other_error.show_messages([self.tr("Nothing was saved: {0}").format(exc)])
            return
        except Exception as exc:
            log.exception("Saving a channel failed")
            self.other_error.show_messages([self.tr("Nothing was saved: {0}").format(exc)])
            return
        self.channel_id = channel_id
        self.saved.emit(channel_id)
        super().accept()
