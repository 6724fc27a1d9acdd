"""The Settings dialog: language, look, defaults for new reminders, start at login, files."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.delivery.quiet import QuietHoursBook
from pushgui.core.schedule.zones import system_timezone
from pushgui.core.system.autostart import Autostart, AutostartError
from pushgui.core.system.paths import Locations
from pushgui.core.system.preferences import Invalid, Option, Preferences
from pushgui.ui.channel_fields import WholeLines
from pushgui.ui.i18n import readable
from pushgui.ui.quiet_hours_field import QuietHoursField
from pushgui.ui.settings.appearance import apply_theme
from pushgui.ui.widgets.dates import TimeZoneCombo
from pushgui.ui.widgets.when import zone_label as readable_zone

log = logging.getLogger(__name__)


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.hide()
    return label


class SettingsDialog(QDialog):
    """Edits :class:`Preferences`; Save stores them and applies what can change at once.

    The theme and start-at-login apply immediately; the language the next time pushgui
    starts (the dialog says so as soon as another language is chosen).

    Signals:
        applied(): the settings were saved and applied; listeners re-read what they use.
    """

    applied = Signal()

    def __init__(
        self,
        prefs: Preferences,
        channels: ChannelBook | None = None,
        locations: Locations | None = None,
        autostart: Autostart | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self.autostart = autostart
        # Set before the pages are built: the language combo's signal reads it, and it fires
        # as soon as load() selects a stored language other than the first entry.
        self._initial_language = prefs.language
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._general_page(), self.tr("&General"))
        self.tabs.addTab(self._defaults_page(channels), self.tr("&New reminders"))
        self.tabs.addTab(self._files_page(locations), self.tr("&Data and logs"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self._whole_lines = WholeLines(self)  # wrapped texts never squeezed (both languages)
        self.load()

    # -- pages ---------------------------------------------------------------------------------

    def _general_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.language_combo = QComboBox(page)
        # Each language is named in itself, so a user can find their own in any language.
        for text, code in (
            (self.tr("Same as the system"), "system"),
            ("English", "en"),
            ("简体中文", "zh_CN"),
        ):
            self.language_combo.addItem(text, code)
        self.language_combo.setAccessibleName(self.tr("Language"))
        self.language_hint = QLabel(
            self.tr("pushgui will use the new language the next time it starts."), page
        )
        self.language_hint.setWordWrap(True)
        # Its room stays while hidden: choosing a language never moves the rows below.
        policy = self.language_hint.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.language_hint.setSizePolicy(policy)
        self.language_hint.hide()
        self.language_combo.currentIndexChanged.connect(self._on_language_changed)
        # One cell: a form layout drops a hidden field's row, whatever its size policy says.
        language_cell = QVBoxLayout()
        language_cell.setContentsMargins(0, 0, 0, 0)
        language_cell.addWidget(self.language_combo)
        language_cell.addWidget(self.language_hint)
        language_label = QLabel(self.tr("&Language:"), page)
        language_label.setBuddy(self.language_combo)
        form.addRow(language_label, language_cell)

        self.theme_combo = QComboBox(page)
        for text, code in (
            (self.tr("Same as the system"), "system"),
            (self.tr("Light"), "light"),
            (self.tr("Dark"), "dark"),
        ):
            self.theme_combo.addItem(text, code)
        self.theme_combo.setAccessibleName(self.tr("Theme"))
        form.addRow(self.tr("&Theme:"), self.theme_combo)

        self.style_combo = QComboBox(page)
        for text, code in (
            (self.tr("A notification that stays until answered"), "tray"),
            (self.tr("A small window that stays until dismissed"), "popup"),
        ):
            self.style_combo.addItem(text, code)
        self.style_combo.setAccessibleName(self.tr("How reminders for me are shown"))
        form.addRow(self.tr("Show my &reminders as:"), self.style_combo)
        # Issue 16: reminders to oneself are held outside this window only when it is set.
        self.quiet_field = QuietHoursField(page, for_me=True)
        form.addRow(self.quiet_field)  # the whole width: its rows need it

        self.autostart_check = QCheckBox(self.tr("&Start pushgui when I log in"), page)
        self.autostart_check.setToolTip(
            self.tr("pushgui starts in the tray, so your reminders are sent after a restart.")
        )
        if self.autostart is None:
            self.autostart_check.setEnabled(False)
            self.autostart_check.setToolTip(
                self.tr("Starting at login cannot be set up on this system.")
            )
        self.autostart_error = _error_label(page)
        form.addRow("", self.autostart_check)
        form.addRow("", self.autostart_error)
        return page

    def _defaults_page(self, channels: ChannelBook | None) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        intro = QLabel(self.tr("New reminders start with these choices; each can be changed."))
        intro.setWordWrap(True)
        form.addRow(intro)

        self.channel_combo = QComboBox(page)
        self.channel_combo.addItem(self.tr("Me (desktop notification)"), None)
        if channels is not None:
            for channel in channels.channels():
                self.channel_combo.addItem(channel.name, channel.id)
        self.channel_combo.setAccessibleName(self.tr("Default channel"))
        form.addRow(self.tr("Send &through:"), self.channel_combo)

        self.system_zone_check = QCheckBox(
            self.tr("Use this computer's time zone ({zone})").format(
                zone=readable_zone(system_timezone(), datetime.now(UTC))
            ),
            page,
        )
        self.zone_combo = TimeZoneCombo(page)
        self.zone_combo.setAccessibleName(self.tr("Default time zone"))
        self.system_zone_check.toggled.connect(lambda on: self.zone_combo.setEnabled(not on))
        self.zone_error = _error_label(page)
        self.zone_combo.zone_changed.connect(lambda _text: self.zone_error.hide())
        zone_box = QVBoxLayout()
        zone_box.addWidget(self.system_zone_check)
        zone_box.addWidget(self.zone_combo)
        zone_box.addWidget(self.zone_error)
        zone_label = QLabel(self.tr("Time &zone:"), page)
        zone_label.setBuddy(self.system_zone_check)
        form.addRow(zone_label, zone_box)

        self.missed_combo = QComboBox(page)
        for text, policy in (
            (self.tr("Send it once, as soon as possible"), "once"),
            (self.tr("Send every missed time"), "all"),
            (self.tr("Skip missed times"), "skip"),
            (self.tr("Send it only if it is not too late"), "late"),
        ):
            self.missed_combo.addItem(text, policy)
        self.missed_combo.setAccessibleName(self.tr("What to do with missed times"))
        form.addRow(self.tr("If a time is &missed:"), self.missed_combo)
        return page

    def _files_page(self, locations: Locations | None) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.backups_spin = QSpinBox(page)
        self.backups_spin.setRange(1, 365)
        self.backups_spin.setAccessibleName(self.tr("Daily backups kept"))
        backups_hint = QLabel(
            self.tr("Backups you make yourself are always kept."),
            page,
        )
        backups_hint.setWordWrap(True)
        backups_row = QHBoxLayout()
        backups_row.addWidget(self.backups_spin)
        backups_row.addStretch(1)
        backups_label = QLabel(self.tr("Daily &backups kept:"), page)
        backups_label.setBuddy(self.backups_spin)
        form.addRow(backups_label, backups_row)
        form.addRow("", backups_hint)

        self.data_edit, self.data_open = self._folder_row(
            form, self.tr("Data folder:"), locations.data if locations else None
        )
        self.logs_edit, self.logs_open = self._folder_row(
            form, self.tr("Log folder:"), locations.logs if locations else None
        )
        self.data_open.setAccessibleName(self.tr("Open the data folder"))
        self.logs_open.setAccessibleName(self.tr("Open the log folder"))
        self.open_error = _error_label(page)
        form.addRow("", self.open_error)
        return page

    def _folder_row(
        self, form: QFormLayout, label: str, folder: Path | None
    ) -> tuple[QLineEdit, QPushButton]:
        edit = QLineEdit(str(folder) if folder else "", form.parentWidget())
        edit.setReadOnly(True)
        edit.setAccessibleName(label.rstrip(":"))
        edit.setCursorPosition(0)
        button = QPushButton(self.tr("Open"), form.parentWidget())
        button.setEnabled(folder is not None)
        button.clicked.connect(lambda: self.open_folder(folder) if folder else None)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        form.addRow(label, row)
        return edit, button

    # -- values --------------------------------------------------------------------------------

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def load(self) -> None:
        prefs = self.prefs
        self._initial_language = prefs.language
        self._select(self.language_combo, prefs.language)
        self.language_hint.hide()
        self._select(self.theme_combo, prefs.theme)
        self._select(self.style_combo, prefs.notification_style)
        self.quiet_field.set_quiet(QuietHoursBook(prefs.store.db).get(DESKTOP, None))
        self.autostart_check.setChecked(prefs.autostart)
        self._select(self.channel_combo, prefs.default_channel)
        zone = prefs.default_timezone
        self.system_zone_check.setChecked(zone == "")
        self.zone_combo.setEnabled(zone != "")
        self.zone_combo.set_zone(zone or system_timezone())
        self._select(self.missed_combo, prefs.default_missed_policy)
        self.backups_spin.setValue(prefs.backups_keep)

    def values(self) -> dict[str, Any]:
        """What the dialog shows, by option name."""
        system_zone = self.system_zone_check.isChecked()
        return {
            "language": self.language_combo.currentData(),
            "theme": self.theme_combo.currentData(),
            "notification_style": self.style_combo.currentData(),
            "autostart": self.autostart_check.isChecked(),
            "default_channel": self.channel_combo.currentData(),
            "default_timezone": "" if system_zone else self.zone_combo.zone(),
            "default_missed_policy": self.missed_combo.currentData(),
            "backups_keep": self.backups_spin.value(),
        }

    def changes(self) -> dict[str, Any]:
        """Only what the user changed: an untouched default stays a default (not a choice)."""
        return {
            name: value
            for name, value in self.values().items()
            if value != self.prefs.get(Preferences.option(name))
        }

    @Slot(int)
    def _on_language_changed(self, _index: int) -> None:
        self.language_hint.setVisible(self.language_combo.currentData() != self._initial_language)

    # -- saving --------------------------------------------------------------------------------

    def _show_errors(self, errors: dict[str, str]) -> None:
        if "default_timezone" in errors:
            self.zone_error.setText(
                self.tr("“{zone}” is not a time zone; pick one from the list.").format(
                    zone=self.zone_combo.zone()
                )
            )
            self.zone_error.show()
            self._whole_lines.settle()
            self.tabs.setCurrentIndex(1)
            self.zone_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def save(self) -> bool:
        """Check, apply start-at-login, store, apply the theme; closes the dialog on success."""
        self.zone_error.hide()
        self.autostart_error.hide()
        changes = self.changes()
        errors: dict[str, str] = {}
        for name, value in changes.items():
            option: Option[Any] = Preferences.option(name)
            try:
                option.validate(value)
            except Invalid as exc:
                errors[name] = readable(exc)
        if errors:
            self._show_errors(errors)
            return False
        if self.quiet_field.problems():  # shown under the field already
            self.tabs.setCurrentIndex(0)
            return False
        if "autostart" in changes and self.autostart is not None:
            try:
                self.autostart.set_enabled(changes["autostart"])
            except AutostartError as exc:
                log.warning("Cannot change autostart: %s", exc)
                self.autostart_error.setText(
                    self.tr("Could not change starting at login: {error}").format(
                        error=readable(exc)
                    )
                )
                self.autostart_error.show()
                self._whole_lines.settle()
                self.tabs.setCurrentIndex(0)
                return False
        self.prefs.update(changes)
        QuietHoursBook(self.prefs.store.db).set(DESKTOP, None, self.quiet_field.quiet())
        if "theme" in changes:
            apply_theme(changes["theme"])
        self.applied.emit()
        self.accept()
        return True

    # -- folders -------------------------------------------------------------------------------

    def open_folder(self, folder: Path) -> bool:
        """Show ``folder`` in the file manager; says so under the folders if it cannot."""
        self.open_error.hide()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("Cannot create %s: %s", folder, exc)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return True
        self.open_error.setText(
            self.tr("No file manager could open {folder}; copy the path above instead.").format(
                folder=folder
            )
        )
        self.open_error.show()
        return False
