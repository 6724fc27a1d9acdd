"""File > Connect to a team server: the address, the password, a tested connection.

The connection is tried (in a worker thread, so the window never freezes on a server that
does not answer) before anything is switched; only then is the choice remembered
(``core/server/connection.py``: the address in the data folder, the password in the OS
keyring) and the app starts again as an editor of that database (docs/TEAM.md, "Desktop
editors"). Every problem is said under the field it concerns; nothing typed is lost.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.server.connection import TeamServer, remember
from pushgui.core.store.errors import StoreError
from pushgui.ui.widgets.fields import ErrorLabel, add_row, hint_label, make_form


class TeamServerDialog(QDialog):
    """Asks for a team server and checks it can be used.

    Signals:
        connected(object): the :class:`TeamServer` was reached and remembered; the app
            should start again on it.
    """

    connected = Signal(object)
    _tried = Signal(object, str)  # from the worker: the server, and "" or what went wrong

    def __init__(self, data_dir: Path, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Connect to a team server"))
        self.address_edit = QLineEdit(current)
        self.address_edit.setPlaceholderText("postgresql://user@host:5432/pushgui")
        self.address_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 48))
        self.address_error = ErrorLabel()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_error = ErrorLabel()
        form_host = QWidget()
        form = make_form(form_host)
        add_row(form, self.tr("Server &address:"), self.address_edit, self.address_error)
        add_row(form, self.tr("&Password:"), self.password_edit, self.password_error)
        intro = hint_label(
            self.tr(
                "The team's reminders are then edited on that server, which sends them; this "
                "computer sends nothing while connected. The password is kept in the system "
                "keyring (leave it empty to use a ~/.pgpass file)."
            )
        )
        self.status = hint_label("")
        self.status.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("&Connect"))
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # The dialog grows with a message under a field instead of squeezing the field.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(intro)
        layout.addWidget(form_host)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._tried.connect(self._on_tried)

    @Slot()
    def try_connect(self) -> None:
        """Check the address, then try the server in the background."""
        self.address_error.show_messages([])
        self.password_error.show_messages([])
        try:
            server = TeamServer.parse(self.address_edit.text(), self.password_edit.text())
        except StoreError as exc:
            self._say(self.address_error, str(exc))
            self.address_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.connect_button.setEnabled(False)
        self.status.setText(self.tr("Connecting to %1…").replace("%1", server.address))
        self.status.show()
        data_dir = self.data_dir

        def attempt() -> None:
            from pushgui.core.server.editing import open_editor_database

            problem = ""
            try:
                open_editor_database(server.connect_text, data_dir).close()
            except StoreError as exc:
                problem = str(exc)
            except Exception as exc:  # anything else the driver raises: said, not a crash
                problem = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            # The dialog may have been deleted meanwhile: then nobody is to be told.
            with contextlib.suppress(RuntimeError):
                self._tried.emit(server, problem)

        threading.Thread(target=attempt, name="team-server-test", daemon=True).start()

    def _say(self, error: ErrorLabel, text: str) -> None:
        """Show ``text`` under its field; the dialog grows to show all of it."""
        error.show_messages([text])
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.adjustSize()

    @Slot(object, str)
    def _on_tried(self, server: TeamServer, problem: str) -> None:
        self.connect_button.setEnabled(True)
        self.status.hide()
        if problem:
            target = self.password_error if "password" in problem.lower() else self.address_error
            self._say(target, problem)
            return
        try:
            remember(self.data_dir, server)
        except StoreError as exc:
            self._say(self.password_error, str(exc))
            return
        self.connected.emit(server)
        self.accept()
