"""What happens around sending a reminder: missed times, a heads-up, retries, attachments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.errors import FieldError
from pushgui.core.messages.attachments import MAX_ATTACHMENTS, AttachmentError, copy_in
from pushgui.core.pushes.spec import PushOptions
from pushgui.ui.editor.check_lists import KEY_ROLE, rows_height
from pushgui.ui.i18n import readable
from pushgui.ui.widgets.fields import ErrorLabel, hint_label


class DeliveryOptionsEditor(QWidget):
    """Missed runs, retries when sending fails, and files attached to emails.

    Signals:
        changed(): a setting or the list of attachments changed.
    """

    changed = Signal()

    UNITS: tuple[tuple[str, int], ...] = (("seconds", 1), ("minutes", 60), ("hours", 3600))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retries_spin = QSpinBox(self)
        self.retries_spin.setRange(0, 10)
        self.retries_spin.setAccessibleName(self.tr("Number of retries"))
        self.delay_spin = QSpinBox(self)
        self.delay_spin.setRange(1, 999)
        self.delay_spin.setAccessibleName(self.tr("Wait before the first retry"))
        self.delay_unit = QComboBox(self)
        self.delay_unit.setAccessibleName(self.tr("Unit of the wait"))
        for text, (unit, seconds) in zip(
            (self.tr("seconds"), self.tr("minutes"), self.tr("hours")), self.UNITS, strict=True
        ):
            self.delay_unit.addItem(text, seconds)
            del unit
        self.retry_error = ErrorLabel(self)
        retry_row = QHBoxLayout()
        retry_row.setSpacing(6)
        retry_row.addWidget(QLabel(self.tr("Try again"), self))
        retry_row.addWidget(self.retries_spin)
        retry_row.addWidget(QLabel(self.tr("times, first after"), self))
        retry_row.addWidget(self.delay_spin)
        retry_row.addWidget(self.delay_unit)
        retry_row.addStretch(1)
        retry_box = QVBoxLayout()
        retry_box.setSpacing(2)
        retry_box.addLayout(retry_row)
        retry_box.addWidget(
            hint_label(self.tr("Each later try waits twice as long as the one before."), self)
        )
        retry_box.addWidget(self.retry_error)

        self.attachments_list = QListWidget(self)
        self.attachments_list.setAccessibleName(self.tr("Attachments"))
        self.attachments_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.attachments_list.setFixedHeight(rows_height(self.attachments_list, 3))
        self.add_button = QPushButton(self.tr("&Add files…"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setEnabled(False)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.attachments_list, 1)
        files_row.addLayout(buttons)
        self.attachments_error = ErrorLabel(self)
        # Why a picked file was not attached; cleared at the next pick, never blocks saving.
        self.pick_error = ErrorLabel(self)
        # Picked files are copied here (see pushgui.core.messages.attachments); set by the editor.
        self.data_dir: Path | None = None
        files_box = QVBoxLayout()
        files_box.setSpacing(2)
        files_box.addLayout(files_row)
        files_box.addWidget(
            hint_label(
                self.tr("Sent with emails only; chats and notifications get the text."), self
            )
        )
        files_box.addWidget(self.attachments_error)
        files_box.addWidget(self.pick_error)

        self.missed_combo = QComboBox(self)
        self.missed_combo.setAccessibleName(self.tr("What to do with missed times"))
        for text, policy in (
            (self.tr("Send it once, as soon as possible"), "once"),
            (self.tr("Send every missed time"), "all"),
            (self.tr("Skip missed times"), "skip"),
            (self.tr("Send it only if it is less than…"), "late"),
        ):
            self.missed_combo.addItem(text, policy)
        self.late_spin = QSpinBox(self)
        self.late_spin.setRange(1, 7 * 24 * 60)
        self.late_spin.setSuffix(self.tr(" minutes late"))
        self.late_spin.setAccessibleName(self.tr("How late a missed time may still be sent"))
        missed_row = QHBoxLayout()
        missed_row.setSpacing(6)
        missed_row.addWidget(self.missed_combo)
        missed_row.addWidget(self.late_spin)
        missed_row.addStretch(1)
        missed_box = QVBoxLayout()
        missed_box.setSpacing(2)
        missed_box.addLayout(missed_row)
        missed_box.addWidget(
            hint_label(
                self.tr(
                    "For times that passed while the computer was off or asleep, or pushgui "
                    "was closed. Every missed time is listed in the history."
                ),
                self,
            )
        )

        self.heads_up_spin = QSpinBox(self)
        self.heads_up_spin.setRange(0, 1440)
        self.heads_up_spin.setSpecialValueText(self.tr("Off"))
        self.heads_up_spin.setSuffix(self.tr(" minutes before"))
        self.heads_up_spin.setAccessibleName(self.tr("Heads-up before sending to others"))
        heads_up_box = QVBoxLayout()
        heads_up_box.setSpacing(2)
        heads_up_row = QHBoxLayout()
        heads_up_row.addWidget(self.heads_up_spin)
        heads_up_row.addStretch(1)
        heads_up_box.addLayout(heads_up_row)
        heads_up_box.addWidget(
            hint_label(self.tr("Before sending to other people: skip, edit or send it now."), self)
        )

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("If a time is missed:"), missed_box)
        form.addRow(self.tr("Heads-up:"), heads_up_box)
        form.addRow(self.tr("If sending fails:"), retry_box)
        form.addRow(self.tr("Attachments:"), files_box)

        self.missed_combo.currentIndexChanged.connect(self._on_missed_changed)
        self.late_spin.valueChanged.connect(self._notify)
        self.heads_up_spin.valueChanged.connect(self._notify)
        self.retries_spin.valueChanged.connect(self._notify)
        self.delay_spin.valueChanged.connect(self._notify)
        self.delay_unit.currentIndexChanged.connect(self._notify)
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.attachments_list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.attachments_list.selectedItems()))
        )
        self.set_options(PushOptions())

    def _on_missed_changed(self) -> None:
        self.late_spin.setVisible(self.missed_combo.currentData() == "late")
        self._notify()

    def set_options(self, options: PushOptions) -> None:
        index = self.missed_combo.findData(options.missed)
        self.missed_combo.setCurrentIndex(max(index, 0))
        self.late_spin.setValue(max(options.max_late // 60, 1))
        self.late_spin.setVisible(options.missed == "late")
        self.heads_up_spin.setValue(options.heads_up_minutes)
        self.retries_spin.setValue(options.retries)
        # The largest unit that states the delay exactly: 120 s reads as 2 minutes.
        for index in reversed(range(len(self.UNITS))):
            seconds = self.UNITS[index][1]
            if options.retry_delay % seconds == 0 or index == 0:
                self.delay_unit.setCurrentIndex(index)
                self.delay_spin.setValue(max(options.retry_delay // seconds, 1))
                break

    def options(self, base: PushOptions | None = None) -> PushOptions:
        """``base`` with the missed-run and retry settings shown here."""
        delay = self.delay_spin.value() * int(self.delay_unit.currentData())
        return replace(
            base or PushOptions(),
            missed=self.missed_combo.currentData(),
            max_late=self.late_spin.value() * 60,
            heads_up_minutes=self.heads_up_spin.value(),
            retries=self.retries_spin.value(),
            retry_delay=delay,
        )

    def attachments(self) -> tuple[str, ...]:
        return tuple(
            self.attachments_list.item(row).data(KEY_ROLE)
            for row in range(self.attachments_list.count())
        )

    def set_attachments(self, paths: Iterable[str]) -> None:
        self.attachments_list.clear()
        self.add_attachments(paths)

    def add_attachments(self, paths: Iterable[str]) -> None:
        present = set(self.attachments())
        for path in paths:
            if path in present:
                continue
            present.add(path)
            item = QListWidgetItem(Path(path).name, self.attachments_list)
            item.setData(KEY_ROLE, path)
            item.setToolTip(path)
            if not Path(path).is_file():
                item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self._notify()

    def remove_selected(self) -> None:
        for item in self.attachments_list.selectedItems():
            self.attachments_list.takeItem(self.attachments_list.row(item))
        self._notify()

    def pick_files(self, paths: Iterable[str]) -> None:
        """Attach copies of files the user picked: each is copied into the data folder now,
        so the push never depends on (or exposes) a file outside it."""
        problems: list[str] = []
        copies: list[str] = []
        room = MAX_ATTACHMENTS - self.attachments_list.count()
        for path in paths:
            if self.data_dir is None:
                problems.append(self.tr("Attachments cannot be copied here"))
                break
            if len(copies) >= room:
                problems.append(
                    self.tr("Attach at most %1 files").replace("%1", str(MAX_ATTACHMENTS))
                )
                break
            try:
                copies.append(str(copy_in(Path(path), self.data_dir)))
            except AttachmentError as exc:
                problems.append(readable(exc))
        self.pick_error.show_messages(problems)
        if copies:
            self.add_attachments(copies)

    def missing_attachments(self) -> list[FieldError]:
        """Attached files that are no longer there (moved, renamed, deleted)."""
        return [
            FieldError(
                "message.attachments",
                self.tr("%1 cannot be found; remove it or add it again").replace(
                    "%1", Path(path).name
                ),
            )
            for path in self.attachments()
            if not Path(path).is_file()
        ]

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        retry, files = [], []
        for error in errors:
            if error.field.startswith("options."):
                retry.append(error.message)
            elif error.field == "message.attachments":
                files.append(error.message)
        self.retry_error.show_messages(retry)
        self.attachments_error.show_messages(files)

    def summary(self) -> str:
        """One line saying what is set here, shown while the section is folded."""
        retries = self.retries_spin.value()
        if retries == 0:
            text = self.tr("No retries")
        elif retries == 1:
            text = self.tr("Retry once if sending fails")
        else:
            text = self.tr("Retry %1 times if sending fails").replace("%1", str(retries))
        count = self.attachments_list.count()
        if count == 1:
            text += self.tr(", 1 attachment")
        elif count:
            text += self.tr(", %1 attachments").replace("%1", str(count))
        return text

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if paths:
            self.pick_files(paths)

    def _notify(self, *_args: object) -> None:
        self.changed.emit()
