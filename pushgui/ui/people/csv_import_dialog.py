"""Import contacts from a CSV file in three steps: preview, column mapping, check; nothing
is written until the user clicks Import, and then everything is written at once.

Why one module: it is one wizard whose three pages share the parsed table, the column
mapping and the import plan, and each page's buttons depend on the others' state; reading
and planning themselves are in core/people/contacts_csv.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.errors import SpecError
from pushgui.core.people import service_ids
from pushgui.core.people.contacts import RESERVED_FIELDS, ContactBook, GroupRecord
from pushgui.core.people.contacts_csv import (
    MAX_BYTES,
    SKIP,
    CsvError,
    CsvTable,
    ImportPlan,
    guess_mapping,
    mapping_conflicts,
    plan_import,
    read_csv,
)
from pushgui.core.system.files import read_regular_file
from pushgui.ui.i18n import readable
from pushgui.ui.people.contacts_model import TextTableModel
from pushgui.ui.widgets.fields import ErrorLabel, hint_label
from pushgui.ui.widgets.tables import Selection, make_table

log = logging.getLogger(__name__)

PREVIEW_ROWS = 20
PREVIEW, MAPPING, RESULT = range(3)


def _table_view(model: TextTableModel, parent: QWidget, name: str) -> QTableView:
    view = make_table(model, name, parent, selection=Selection.ExtendedSelection)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class CsvImportDialog(QDialog):
    """Preview a CSV file, map its columns to contact fields, check it, then import.

    ``data`` is the file's bytes or its path. A file that cannot be read shows why and
    offers only Close.

    Signals:
        imported(list): contacts were saved; the argument is the list of their ids.
    """

    imported = Signal(list)

    def __init__(
        self, book: ContactBook, data: bytes | str | Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.table: CsvTable | None = None
        self.plan: ImportPlan | None = None
        self.combos: list[QComboBox] = []
        self.counts = (0, 0, 0)
        self.setWindowTitle(self.tr("Import contacts"))
        self.setSizeGripEnabled(True)

        self.step_label = QLabel(self)
        font = self.step_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.step_label.setFont(font)
        self.step_hint = hint_label("", self)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_preview_page())
        self.pages.addWidget(self._build_mapping_page())
        self.pages.addWidget(self._build_result_page())

        self.file_error = ErrorLabel(self)
        self.file_error.setObjectName("fileError")

        self.buttons = QDialogButtonBox(self)
        self.back_button = QPushButton(self.tr("< &Back"), self)
        self.next_button = QPushButton(self.tr("&Next >"), self)
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.back_button, self.next_button, self.import_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(self.step_label)
        layout.addWidget(self.file_error)
        layout.addWidget(self.step_hint)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

        self._load(data)

    # -- building ------------------------------------------------------------------------

    def _build_preview_page(self) -> QWidget:
        page = QWidget(self)
        self.preview_model = TextTableModel(self)
        self.preview_view = _table_view(self.preview_model, page, self.tr("File preview"))
        self.preview_summary = QLabel(page)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.preview_summary)
        box.addWidget(self.preview_view, 1)
        return page

    def _build_mapping_page(self) -> QWidget:
        page = QWidget(self)
        self.mapping_grid = QGridLayout()
        self.mapping_grid.setHorizontalSpacing(16)
        self.mapping_grid.setVerticalSpacing(6)
        self.mapping_grid.setColumnStretch(1, 1)
        inner = QWidget(page)
        inner_box = QVBoxLayout(inner)
        inner_box.addLayout(self.mapping_grid)
        inner_box.addStretch(1)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.mapping_error = ErrorLabel(page)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(scroll, 1)
        box.addWidget(self.mapping_error)
        return page

    def _build_result_page(self) -> QWidget:
        page = QWidget(self)
        self.counts_label = QLabel(page)
        self.counts_label.setObjectName("importCounts")
        self.counts_label.setWordWrap(True)
        self.problems_model = TextTableModel(self)
        self.problems_view = _table_view(self.problems_model, page, self.tr("Rows with problems"))
        self.problems_heading = QLabel(self.tr("These rows will not be imported:"), page)
        self.group_check = QCheckBox(self.tr("Also add the imported contacts to the &group"), page)
        self.group_combo = QComboBox(page)
        self.group_combo.setEditable(True)
        self.group_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.group_combo.setMinimumContentsLength(20)
        self.group_combo.setAccessibleName(self.tr("Group"))
        line = self.group_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Choose or type a new name"))
        self.group_combo.setEnabled(False)
        self.group_check.toggled.connect(self.group_combo.setEnabled)
        self.group_check.toggled.connect(self._update_buttons)
        self.group_combo.currentTextChanged.connect(self._update_buttons)
        self.group_error = ErrorLabel(page)
        group_row = QHBoxLayout()
        group_row.addWidget(self.group_check)
        group_row.addWidget(self.group_combo, 1)
        self.import_error = ErrorLabel(page)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.counts_label)
        box.addWidget(self.problems_heading)
        box.addWidget(self.problems_view, 1)
        box.addLayout(group_row)
        box.addWidget(self.group_error)
        box.addWidget(self.import_error)
        return page

    # -- loading -------------------------------------------------------------------------

    def _load(self, data: bytes | str | Path) -> None:
        try:
            raw = data if isinstance(data, bytes) else read_regular_file(Path(data), MAX_BYTES)
            self.table = read_csv(raw)
            if not self.table.rows:
                raise CsvError(self.tr("The file has a header line but no contacts under it"))
        except CsvError as exc:
            self._fail(readable(exc))
            return
        except OSError as exc:
            self._fail(self.tr("The file could not be opened: {0}").format(exc.strerror or exc))
            return
        table = self.table
        rows = table.rows[:PREVIEW_ROWS]
        self.preview_model.set_table(table.headers, rows)
        self.preview_view.resizeColumnsToContents()
        shown = self.tr("the first {0}").format(len(rows)) if len(table.rows) > len(rows) else ""
        encoding = "UTF-8" if table.encoding.startswith("utf") else table.encoding.upper()
        self.preview_summary.setText(
            self.tr("{rows} rows and {columns} columns, read as {encoding}. {shown}")
            .format(
                rows=len(table.rows),
                columns=len(table.headers),
                encoding=encoding,
                shown=(self.tr("Showing {0}.").format(shown) if shown else ""),
            )
            .strip()
        )
        self._build_mapping(table)
        for group in self.book.groups():
            self.group_combo.addItem(group.name, group.id)
        self.group_combo.setCurrentIndex(-1)
        self.show_step(PREVIEW)

    def _fail(self, reason: str) -> None:
        self.table = None
        self.file_error.show_messages(
            [self.tr("This file cannot be imported. {0}. Nothing was imported.").format(reason)]
        )
        self.pages.hide()
        self.step_label.setText(self.tr("The file cannot be read"))
        self.step_hint.setText(
            self.tr("Save the spreadsheet as “CSV UTF-8 (comma delimited)” and try again.")
        )
        for button in (self.back_button, self.next_button, self.import_button):
            button.hide()
        self.cancel_button.setText(self.tr("Close"))
        self.resize(520, self.sizeHint().height())

    def _build_mapping(self, table: CsvTable) -> None:
        grid = self.mapping_grid
        for column, text in enumerate(
            (self.tr("Column in the file"), self.tr("Example"), self.tr("Import as"))
        ):
            label = QLabel(f"<b>{text}</b>", self)
            grid.addWidget(label, 0, column)
        builtin = (
            (self.tr("Name"), "name"),
            (self.tr("Email"), "email"),
            (self.tr("Phone"), "phone"),
            (self.tr("Chat handle"), "handle"),
            # IDs for @mentions (core/people/service_ids.py): "Slack member ID"...
            *((service_ids.label(key).rstrip(":："), key) for key in service_ids.KEYS),
        )
        for column, (header, guess) in enumerate(
            zip(table.headers, guess_mapping(table.headers), strict=True)
        ):
            sample = next((r[column] for r in table.rows if r[column].strip()), "")
            title = QLabel(header or self.tr("(column {0}, no title)").format(column + 1), self)
            example = QLabel(sample, self)
            example.setForegroundRole(example.foregroundRole())
            example.setTextFormat(Qt.TextFormat.PlainText)
            example.setMaximumWidth(260)
            combo = QComboBox(self)
            combo.setAccessibleName(self.tr("Import column {0} as").format(header))
            for text, value in builtin:
                combo.addItem(text, value)
            if header.strip() and header.strip() not in (*RESERVED_FIELDS, *service_ids.KEYS):
                combo.addItem(self.tr("Custom field “{0}”").format(header.strip()), header.strip())
            combo.addItem(self.tr("Skip this column"), SKIP)
            found = combo.findData(guess)
            combo.setCurrentIndex(found if found >= 0 else combo.findData(SKIP))
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            grid.addWidget(title, column + 1, 0)
            grid.addWidget(example, column + 1, 1)
            grid.addWidget(combo, column + 1, 2)
            self.combos.append(combo)

    # -- steps ---------------------------------------------------------------------------

    def mapping(self) -> list[str]:
        return [str(combo.currentData()) for combo in self.combos]

    def mapping_errors(self) -> list[str]:
        chosen = [m for m in self.mapping() if m != SKIP]
        errors = []
        if "name" not in chosen:
            errors.append(self.tr("Choose which column holds the names (“Import as: Name”)."))
        assert self.table is not None
        # Two columns for one field (“Email” and “email”): the user chooses, nothing picks.
        for value, headers in mapping_conflicts(self.table.headers, self.mapping()).items():
            combo = self.combos[self.mapping().index(value)]
            errors.append(
                self.tr(
                    "The columns {0} are all imported as “{1}”: choose the one to use and set "
                    "the others to “Skip this column”."
                ).format(", ".join(f"“{h}”" for h in headers), combo.currentText())
            )
        return errors

    def show_step(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        titles = {
            PREVIEW: (
                self.tr("Step 1 of 3: Check the file"),
                self.tr("These are the first rows of the file. The first line holds the titles."),
            ),
            MAPPING: (
                self.tr("Step 2 of 3: Match the columns"),
                self.tr("Say what each column holds. Columns you skip are not imported."),
            ),
            RESULT: (
                self.tr("Step 3 of 3: Check and import"),
                self.tr("Nothing has been imported yet. Click Import to add the contacts."),
            ),
        }
        title, hint = titles[step]
        self.step_label.setText(title)
        self.step_hint.setText(hint)
        if step == MAPPING:
            # Shown at once: a guess the user must settle (two Email columns) is asked about.
            self.mapping_error.show_messages(self.mapping_errors())
        if step == RESULT:
            self._plan()
        self._update_buttons()

    @Slot()
    def next(self) -> None:
        step = self.pages.currentIndex()
        if step == MAPPING and self.mapping_errors():
            return
        if step < RESULT:
            self.show_step(step + 1)

    @Slot()
    def back(self) -> None:
        if self.pages.currentIndex() > PREVIEW:
            self.show_step(self.pages.currentIndex() - 1)

    @Slot()
    def _on_mapping_changed(self) -> None:
        self.mapping_error.show_messages(self.mapping_errors())
        self._update_buttons()

    def _update_buttons(self) -> None:
        if self.table is None:
            return
        step = self.pages.currentIndex()
        self.back_button.setEnabled(step > PREVIEW)
        self.next_button.setVisible(step < RESULT)
        self.import_button.setVisible(step == RESULT)
        self.next_button.setEnabled(step != MAPPING or not self.mapping_errors())
        group_ok = not self.group_check.isChecked() or bool(self.group_combo.currentText().strip())
        ready = self.plan is not None and bool(self.plan.importable)
        self.import_button.setEnabled(step == RESULT and ready and group_ok)
        (self.import_button if step == RESULT else self.next_button).setDefault(True)

    def _plan(self) -> None:
        assert self.table is not None
        self.plan = plan_import(self.table, self.mapping(), self.book.contacts())
        plan = self.plan
        good = len(plan.importable)
        errors = sum(1 for r in plan.rows if r.errors)
        duplicates = sum(1 for r in plan.rows if not r.errors and r.duplicate_of)
        self.counts = (good, errors, duplicates)
        self.counts_label.setText(
            "  ·  ".join(
                (
                    self.tr("Will import <b>%n</b> contact(s)", "", good),
                    self.tr("rows with errors: <b>%n</b>", "", errors),
                    self.tr("duplicates: <b>%n</b>", "", duplicates),
                )
            )
        )
        rows = []
        for row in plan.problems:
            if row.errors:
                reason = "; ".join(readable(e.message) for e in row.errors)
            else:
                reason = self.tr("Same email address as {0}").format(row.duplicate_of)
            rows.append([str(row.line), row.contact.name, row.contact.email, reason])
        self.problems_model.set_table(
            [self.tr("Line"), self.tr("Name"), self.tr("Email"), self.tr("Problem")], rows
        )
        self.problems_view.resizeColumnsToContents()
        self.problems_heading.setVisible(bool(rows))
        self.problems_view.setVisible(bool(rows))
        if not good:
            self.import_error.show_messages(
                [self.tr("No row can be imported; go back and check the columns.")]
            )
        else:
            self.import_error.show_messages([])

    # -- importing -----------------------------------------------------------------------

    @Slot()
    def do_import(self) -> None:
        """Write every importable contact in one transaction, then add them to the group."""
        if self.plan is None or not self.plan.importable:
            return
        group_name = self.group_combo.currentText().strip() if self.group_check.isChecked() else ""
        try:
            ids = self.book.save_many(self.plan.importable)
        except SpecError as exc:
            self.import_error.show_messages([e.message for e in exc.errors[:5]])
            return
        except Exception as exc:
            log.exception("Saving imported contacts failed")
            self.import_error.show_messages([self.tr("Nothing was imported: {0}").format(exc)])
            return
        if group_name:
            try:
                self._add_to_group(group_name, ids)
            except SpecError as exc:
                self.group_error.show_messages([e.message for e in exc.errors])
        self.imported.emit(ids)
        self.accept()

    def _add_to_group(self, name: str, ids: list[int]) -> None:
        existing = next(
            (g for g in self.book.groups() if g.name.casefold() == name.casefold()), None
        )
        if existing is not None and existing.id is not None:
            self.book.add_to_group(existing.id, ids)
        else:
            self.book.save_group(GroupRecord(name=name, member_ids=tuple(ids)))
