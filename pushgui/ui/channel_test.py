"""The "Send test" row of a channel form: where an email test goes, the button, a busy bar,
the result in green or red, and the worker that sends on the thread pool.

Strings keep the ``ChannelForm`` translation context they had inside the form."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.base import Outcome
from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.kind import ChannelConfig
from pushgui.ui.i18n import readable
from pushgui.ui.widgets.fields import ErrorLabel

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a worker's result back to the GUI thread (a queued signal).

    Signals:
        finished(object): the :class:`Outcome` of the test send.
    """

    finished = Signal(object)


class TestSendJob(QRunnable):
    """One test send on the thread pool, through the book the way a run sends (secrets
    through the secret store); the network never blocks the window."""

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
            outcome = Outcome(ok=False, error=readable(exc) or type(exc).__name__, permanent=True)
        self.relay.finished.emit(outcome)


class TestSendRow(QWidget):
    """The test row and its result; :meth:`start` runs one job, one at a time.

    Signals:
        finished(bool, str): the test ended: whether it worked, and the text shown.
    """

    finished = Signal(bool, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: TestSendJob | None = None
        self.to_label = QLabel(
            QCoreApplication.translate("ChannelForm", "Send the &test to:"), self
        )
        self.to_edit = QLineEdit(self)
        self.to_edit.setPlaceholderText(
            QCoreApplication.translate("ChannelForm", "your address, e.g. me@example.com")
        )
        self.to_edit.setAccessibleName(
            QCoreApplication.translate("ChannelForm", "Test recipient address")
        )
        self.to_label.setBuddy(self.to_edit)
        self.button = QPushButton(QCoreApplication.translate("ChannelForm", "Send &test"), self)
        self.button.setToolTip(
            QCoreApplication.translate(
                "ChannelForm", "Send a real test message with these settings"
            )
        )
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumSize(90, 14)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(QCoreApplication.translate("ChannelForm", "Sending"))
        self.busy.hide()
        self.error = ErrorLabel(self)
        self.result = QLabel(self)
        self.result.setObjectName("testResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.to_label)
        row.addWidget(self.to_edit, 1)
        row.addWidget(self.button)
        row.addWidget(self.busy)
        row.addStretch(0)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addLayout(row)
        box.addWidget(self.error)
        box.addWidget(self.result)

    def show_address(self, shown: bool) -> None:
        """Only an email test needs an address to go to."""
        self.to_label.setVisible(shown)
        self.to_edit.setVisible(shown)

    def start(self, job: TestSendJob) -> None:
        job.relay.finished.connect(self._done)
        self.job = job
        self.button.setEnabled(False)
        self.busy.show()
        self._show(None, QCoreApplication.translate("ChannelForm", "Sending a test message…"))
        QThreadPool.globalInstance().start(job)

    def _done(self, outcome: Outcome) -> None:
        self.job = None
        self.button.setEnabled(True)
        self.busy.hide()
        if outcome.ok:
            text = QCoreApplication.translate(
                "ChannelForm", "✓ Sent. Check that the test message arrived."
            )
        else:
            text = QCoreApplication.translate("ChannelForm", "✗ Not sent: {0}").format(
                readable(outcome.error)
                or QCoreApplication.translate("ChannelForm", "no reason given")
            )
        self._show(outcome.ok, text)
        self.finished.emit(outcome.ok, text)

    def _show(self, ok: bool | None, text: str) -> None:
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        if ok is None:
            colour = palette.color(QPalette.ColorRole.WindowText)
        elif ok:
            colour = QColor("#81c784" if dark else "#2e7d32")
        else:
            colour = QColor("#ff8a80" if dark else "#c62828")
        result_palette = self.result.palette()
        result_palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.result.setPalette(result_palette)
        self.result.setText(text)
        self.result.show()
