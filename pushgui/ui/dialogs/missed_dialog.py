"""The "While pushgui was not running" dialog: Send now or Skip for each missed run."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.runs.missed import Decision, MissedRun
from pushgui.ui.widgets.tables import Edit, Selection, make_table
from pushgui.ui.widgets.when import format_when

Index = QModelIndex | QPersistentModelIndex
Key = tuple[int, datetime]

REMINDER, DUE, CHOICE = range(3)
DECISION_ROLE = Qt.ItemDataRole.UserRole + 1
SEND: Decision = "send"
SKIP: Decision = "skip"


class MissedRunsModel(QAbstractTableModel):
    """One row per missed run, grouped by reminder (oldest first within a reminder).

    The reminder's name is written on the first row of its group only, so a reminder with
    dozens of missed runs reads as one block rather than the same name fifty times.
    """

    def __init__(self, missed: Sequence[MissedRun], parent: QObject | None = None) -> None:
        super().__init__(parent)
        order = {run.push_id: i for i, run in reversed(list(enumerate(missed)))}
        self._runs = sorted(missed, key=lambda run: (order[run.push_id], run.due))
        self._choice: dict[Key, Decision] = {self.key(run): SEND for run in self._runs}
        self._counts: dict[int, int] = {}
        for run in self._runs:
            self._counts[run.push_id] = self._counts.get(run.push_id, 0) + 1
        self._due_text = [format_when(run.due) for run in self._runs]
        self._headers = [self.tr("Reminder"), self.tr("Was due"), self.tr("What to do")]
        self.choice_words = {SEND: self.tr("Send now"), SKIP: self.tr("Skip")}

    @staticmethod
    def key(run: MissedRun) -> Key:
        return (run.push_id, run.due)

    def runs(self) -> list[MissedRun]:
        return list(self._runs)

    def decisions(self) -> dict[Key, Decision]:
        return dict(self._choice)

    def reminder_count(self) -> int:
        return len(self._counts)

    def first_of_group(self, row: int) -> bool:
        return row == 0 or self._runs[row - 1].push_id != self._runs[row].push_id

    def set_decision(self, rows: Sequence[int], decision: Decision) -> None:
        """Set ``decision`` on the given rows; one repaint for the lot."""
        changed = [r for r in rows if self._choice[self.key(self._runs[r])] != decision]
        for row in changed:
            self._choice[self.key(self._runs[row])] = decision
        if changed:
            self.dataChanged.emit(
                self.index(min(changed), CHOICE), self.index(max(changed), CHOICE)
            )

    def set_all(self, decision: Decision) -> None:
        self.set_decision(range(len(self._runs)), decision)

    def latest_only(self) -> None:
        """Send the newest missed run of each reminder and skip the older ones."""
        latest: dict[int, int] = {}
        for row, run in enumerate(self._runs):
            latest[run.push_id] = row
        keep = set(latest.values())
        self.set_decision([r for r in range(len(self._runs)) if r not in keep], SKIP)
        self.set_decision(sorted(keep), SEND)

    def toggle(self, rows: Sequence[int]) -> None:
        """Flip the rows' choices together: all to Skip if the first is Send, else to Send."""
        if not rows:
            return
        first = self._choice[self.key(self._runs[rows[0]])]
        self.set_decision(rows, SKIP if first == SEND else SEND)

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._runs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == CHOICE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        run = self._runs[row]
        decision = self._choice[self.key(run)]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == REMINDER:
                if not self.first_of_group(row):
                    return ""
                count = self._counts[run.push_id]
                if count == 1:
                    return run.push_name
                return (
                    self.tr("%1 (%2 times)").replace("%1", run.push_name).replace("%2", str(count))
                )
            if column == DUE:
                return self._due_text[row]
            if column == CHOICE:
                return self.choice_words[decision]
        elif role == Qt.ItemDataRole.AccessibleTextRole:
            if column == REMINDER:
                return run.push_name
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        elif role in (Qt.ItemDataRole.EditRole, DECISION_ROLE):
            return decision if column == CHOICE else None
        elif role == Qt.ItemDataRole.ToolTipRole and column == REMINDER:
            return run.push_name
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != CHOICE or role != Qt.ItemDataRole.EditRole:
            return False
        if value not in (SEND, SKIP):
            return False
        self.set_decision([index.row()], value)
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A Send now / Skip drop-down that applies as soon as a choice is made."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self.tr("What to do"))
        model = index.model()
        words = model.choice_words if isinstance(model, MissedRunsModel) else {}
        for decision in (SEND, SKIP):
            combo.addItem(words.get(decision, decision), decision)
        combo.activated.connect(lambda _i, c=combo: self._chosen(c))
        return combo

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Drawn as a drop-down, so the cell reads as a choice to make, not as plain text.
        super().paint(painter, option, QModelIndex())
        style = option.widget.style() if option.widget is not None else QApplication.style()
        box = QStyleOptionComboBox()
        box.rect = option.rect.adjusted(3, 3, -3, -3)
        box.state = option.state & ~QStyle.StateFlag.State_HasFocus
        box.palette = option.palette
        box.fontMetrics = option.fontMetrics
        box.currentText = str(index.data() or "")
        box.frame = True
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, option.widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, option.widget)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        editor.setGeometry(option.rect.adjusted(3, 3, -3, -3))

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(DECISION_ROLE)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MissedRunsDialog(QDialog):
    """Lists the runs that fell due while pushgui was closed or the computer slept.

    Every run starts as "Send now". Accepted (Apply): the caller passes :meth:`decisions`
    to :func:`pushgui.core.runs.missed.resolve`. Rejected (closed): nothing was chosen, and the
    caller lets each reminder's own missed-run setting decide.
    """

    def __init__(self, missed: Sequence[MissedRun], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("While pushgui was not running"))
        self.setSizeGripEnabled(True)
        self.model = MissedRunsModel(missed, self)

        count, reminders = self.model.rowCount(), self.model.reminder_count()
        if count == 1:
            summary = self.tr("One reminder fell due while pushgui was not running.")
        elif reminders == 1:
            summary = self.tr("A reminder fell due %1 times while pushgui was not running.")
            summary = summary.replace("%1", str(count))
        else:
            summary = self.tr(
                "%1 reminders fell due %2 times in all while pushgui was not running."
            )
            summary = summary.replace("%1", str(reminders)).replace("%2", str(count))
        self.summary_label = QLabel(summary, self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.explanation = QLabel(
            self.tr(
                "The computer may have been off or asleep, or pushgui was closed. Choose "
                "what to do with each one: Send now sends it late, Skip records it as "
                "skipped in the history. Press Space to switch the selected rows."
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)

        probe = QComboBox()  # room for the drop-down drawn in each row; never shown
        probe.addItem(self.model.choice_words[SEND])
        row_height = max(probe.sizeHint().height() + 6, self.fontMetrics().height() + 12)
        # F2 opens the current choice; a click opens it too (see _edit_choice).
        self.table = make_table(
            self.model,
            self.tr("Missed reminders"),
            self,
            selection=Selection.ExtendedSelection,
            edit=Edit.EditKeyPressed,
            alternate=False,
            row_height=row_height,
        )
        self.table.setItemDelegateForColumn(CHOICE, ChoiceDelegate(self.table))
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(REMINDER, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        due_width = metrics.horizontalAdvance(format_when(datetime(2026, 12, 30, 23, 59)))
        self.table.setColumnWidth(DUE, due_width + 4 * char)
        widest_choice = max(metrics.horizontalAdvance(w) for w in self.model.choice_words.values())
        self.table.setColumnWidth(CHOICE, max(widest_choice + 12 * char, 18 * char))
        self.table.installEventFilter(self)
        # One click on a choice opens it; Enter is left to the dialog's Apply button.
        self.table.clicked.connect(self._edit_choice)
        if count:
            self.table.setCurrentIndex(self.model.index(0, CHOICE))

        self.dont_ask_box = QCheckBox(
            self.tr("Don't ask again; follow each reminder's own setting"), self
        )
        self.dont_ask_box.setToolTip(
            self.tr(
                "Each reminder's editor says what to do with runs it missed. You can turn "
                "this question back on in the settings."
            )
        )

        self.send_all_button = QPushButton(self.tr("Send &all"), self)
        self.skip_all_button = QPushButton(self.tr("S&kip all"), self)
        self.latest_button = QPushButton(self.tr("Send only the &latest"), self)
        self.latest_button.setToolTip(
            self.tr("Send the most recent missed run of each reminder and skip the older ones")
        )
        bulk = QHBoxLayout()
        bulk.setSpacing(6)
        bulk.addWidget(QLabel(self.tr("For every row:"), self))
        for button in (self.send_all_button, self.skip_all_button, self.latest_button):
            button.setAutoDefault(False)
            bulk.addWidget(button)
        bulk.addStretch(1)
        self.latest_button.setVisible(count > reminders)
        self.send_all_button.clicked.connect(lambda: self.model.set_all(SEND))
        self.skip_all_button.clicked.connect(lambda: self.model.set_all(SKIP))
        self.latest_button.clicked.connect(self.model.latest_only)

        self.buttons = QDialogButtonBox(self)
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setDefault(True)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.explanation)
        layout.addSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addLayout(bulk)
        layout.addSpacing(4)
        bottom = QHBoxLayout()
        bottom.addWidget(self.dont_ask_box, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        visible_rows = min(max(count, 3), 12)
        height = visible_rows * self.table.verticalHeader().defaultSectionSize()
        self.resize(max(640, 56 * char + due_width), 250 + height)
        self.apply_button.setFocus()

    def decisions(self) -> dict[Key, Decision]:
        """``(push id, due time) -> "send" | "skip"`` for every missed run listed."""
        return self.model.decisions()

    def dont_ask_again(self) -> bool:
        return self.dont_ask_box.isChecked()

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Space switches every selected row at once; the keyboard's quick way through.
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and self.table.state() != QAbstractItemView.State.EditingState
        ):
            rows = self.selected_rows()
            current = self.table.currentIndex()
            if not rows and current.isValid():
                rows = [current.row()]
            self.model.toggle(rows)
            return True
        return super().eventFilter(watched, event)

    def _edit_choice(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == CHOICE:
            self.table.edit(index)
