"""The editor's message format: plain or formatted, with Bold, Link and List buttons (and
Ctrl+B, Ctrl+K) that write the formatted message's source form, and the per-service preview:
one tab per chosen chat or email channel showing the message as its service shows it (or,
with "Show what is sent", the exact text it receives), with the count against the tightest
limit ("1,980 / 2,000 characters — Discord"), the refusal, or "will be sent in 2 parts".
See core/messages/service_text.py and core/messages/appearance.py.

Signals (FormatBar): ``changed()`` when the choice of plain or formatted changes.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.messages.appearance import appearance
from pushgui.core.messages.lengths import Reach, parts_note
from pushgui.core.messages.rich import TextFormat
from pushgui.core.messages.service_text import unit_text
from pushgui.ui.widgets.fields import ErrorLabel

LINK_PLACEHOLDER = "https://"


class FormatBar(QWidget):
    """Plain or formatted, and the buttons that format the selected text of ``edit``."""

    changed = Signal()

    def __init__(self, edit: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.choice = QComboBox(self)
        self.choice.addItem(self.tr("Plain text"), "plain")
        self.choice.addItem(self.tr("Formatted"), "markdown")
        self.choice.setAccessibleName(self.tr("Message format"))
        self.choice.setToolTip(
            self.tr("Formatted: bold, links and lists, shown in each service's own way")
        )
        self.choice.currentIndexChanged.connect(self._format_changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.choice)
        self.buttons: dict[str, QToolButton] = {}
        # Ctrl+B and Ctrl+K act while the message box has the focus, and only there: read
        # from its key presses (before the text box takes them as its own keys).
        self._keys: dict[int, QAction] = {}
        edit.installEventFilter(self)
        for key, text, tip, shortcut, slot in (
            ("bold", self.tr("Bold"), self.tr("Bold (Ctrl+B)"), Qt.Key.Key_B, self.bold),
            ("link", self.tr("Link"), self.tr("Link (Ctrl+K)"), Qt.Key.Key_K, self.link),
            ("list", self.tr("List"), self.tr("Bulleted list"), None, self.bulleted),
        ):
            action = QAction(text, self)
            action.setToolTip(tip)
            if shortcut is not None:
                control = Qt.KeyboardModifier.ControlModifier
                self._keys[QKeyCombination(control, shortcut).toCombined()] = action
            action.triggered.connect(slot)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if key == "bold":
                font = button.font()
                font.setBold(True)
                button.setFont(font)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        self._format_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if watched is self.edit and event.type() in kinds and isinstance(event, QKeyEvent):
            action = self._keys.get(event.keyCombination().toCombined())
            if action is not None and action.isEnabled():
                if event.type() == QEvent.Type.KeyPress:
                    action.trigger()
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def text_format(self) -> TextFormat:
        return "markdown" if self.choice.currentData() == "markdown" else "plain"

    def set_text_format(self, text_format: TextFormat) -> None:
        self.choice.setCurrentIndex(max(self.choice.findData(text_format), 0))

    def _format_changed(self, *_args: object) -> None:
        formatted = self.text_format() == "markdown"
        for button in self.buttons.values():
            button.defaultAction().setEnabled(formatted)
        self.changed.emit()

    def _wrap(self, before: str, after: str, empty: str) -> None:
        """Put ``before``/``after`` around the selection (or ``empty``, selected)."""
        if self.text_format() != "markdown":
            return
        cursor = self.edit.textCursor()
        chosen = cursor.selectedText().replace("\u2029", "\n") or empty
        start = cursor.selectionStart()
        cursor.insertText(before + chosen + after)
        cursor.setPosition(start + len(before))
        cursor.setPosition(start + len(before) + len(chosen), QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()

    def bold(self) -> None:
        self._wrap("**", "**", self.tr("bold text"))

    def link(self) -> None:
        """``[selection](https://)`` with the address selected, to be typed over."""
        if self.text_format() != "markdown":
            return
        cursor = self.edit.textCursor()
        words = cursor.selectedText().replace("\u2029", " ") or self.tr("link text")
        start = cursor.selectionStart()
        cursor.insertText(f"[{words}]({LINK_PLACEHOLDER})")
        address = start + len(words) + 3
        cursor.setPosition(address)
        cursor.setPosition(address + len(LINK_PLACEHOLDER), QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()

    def bulleted(self) -> None:
        """Each selected line (or the current one) starts with "- "."""
        if self.text_format() != "markdown":
            return
        cursor = self.edit.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        cursor.setPosition(start)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.beginEditBlock()
        while True:
            line = cursor.block().text()
            if not line.startswith("- "):
                cursor.insertText("- ")
                end += 2
            if not cursor.movePosition(QTextCursor.MoveOperation.NextBlock):
                break
            if cursor.position() > end:
                break
        cursor.endEditBlock()
        self.edit.setFocus()


def tightest(reaches: Sequence[Reach]) -> Reach | None:
    """The service whose limit the message comes closest to (or goes furthest over)."""
    limited = [r for r in reaches if r.shown.limit is not None]
    if not limited:
        return None
    return max(limited, key=lambda r: r.shown.size / (r.shown.limit.size if r.shown.limit else 1))


class ServicePreview(QWidget):
    """What each chosen service is sent, one tab each, under the count of the tightest:
    shown as the service shows it, or (Show what is sent) as the text it receives."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reaches: list[Reach] = []
        self._names: dict[int, str] = {}
        self.count = QLabel(self)
        self.count.setWordWrap(True)
        self.count.setAccessibleName(self.tr("Message length"))
        self.raw = QCheckBox(self.tr("Show what is sent"), self)
        self.raw.setToolTip(self.tr("The text each service receives, with its markup"))
        self.raw.toggled.connect(lambda _on: self._fill())
        self.refusal = ErrorLabel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        # Under the tabs: the count keeps the whole line and every tab stays in view, in
        # either language.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.count)
        column.addWidget(self.refusal)
        column.addWidget(self.tabs)
        column.addWidget(self.raw)
        self.setVisible(False)

    def show_reaches(self, reaches: Sequence[Reach], names: dict[int, str]) -> None:
        """Show ``reaches`` (``names``: channel names by id, to tell channels apart)."""
        self._reaches, self._names = list(reaches), names
        self._fill()
        self._show_count(tightest(reaches))
        self.setVisible(bool(reaches))

    def _fill(self) -> None:
        current = self.tabs.tabText(self.tabs.currentIndex())
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None:
                page.deleteLater()
        for reach in self._reaches:
            name = self._names.get(reach.channel_id or -1, "")
            label = reach.service if not name or name == reach.service else name
            self.tabs.addTab(self._page(reach), label)
            if label == current:
                self.tabs.setCurrentIndex(self.tabs.count() - 1)

    def _show_count(self, reach: Reach | None) -> None:
        if reach is None or reach.shown.limit is None:
            self.count.setText(self.tr("No length limit on these services"))
            self.refusal.show_messages([])
            return
        row, shown = reach.shown.limit, reach.shown
        text = self.tr("{size} / {limit} — {service}").format(
            size=f"{shown.size:,}", limit=unit_text(row, row.size), service=reach.service
        )
        note = parts_note(reach)
        self.count.setText(f"{text} · {note}" if note else text)
        too_long = self.tr("Too long for {service}: shorten the message")
        self.refusal.show_messages([] if shown.fits else [too_long.format(service=reach.service)])

    def _page(self, reach: Reach) -> QTextBrowser:
        page = QTextBrowser(self.tabs)
        page.setOpenLinks(False)  # a preview: links are shown, not followed
        page.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        page.setMinimumHeight(70)
        page.setMaximumHeight(130)
        parts = reach.shown.parts
        count = len(parts)

        def marker(n: int) -> str:
            return self.tr("— part {n} of {count} —").format(n=n + 1, count=count)

        if self.raw.isChecked():
            page.setFont(QFont("monospace"))
            if count == 1:
                page.setPlainText(parts[0])
            else:
                page.setPlainText("\n\n".join(f"{marker(n)}\n{p}" for n, p in enumerate(parts)))
            return page
        shown = appearance(reach.shown)
        if len(shown) == 1:
            page.setHtml(shown[0])
        else:
            page.setHtml(
                "<hr>".join(
                    f"<p><i>{html.escape(marker(n))}</i></p>{p}" for n, p in enumerate(shown)
                )
            )
        return page
