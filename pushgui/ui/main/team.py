"""The main window as an editor of a team server (docs/TEAM.md, "Desktop editors").

File > Connect to a team server… opens :class:`TeamServerDialog`; once it connected, the app
starts again on the team's database. File > Disconnect goes back to this computer's own
reminders. While connected, the window follows the server's changes as the
:class:`~pushgui.engine.team_listener.TeamListener` hears them (the rows a change touched, the
history), and :class:`TeamBanner` says when the server cannot be reached: a save is then
refused with the editor kept open, so nothing typed is lost, and the banner goes once the
server is back. Actions only a scheduler can do (run now, skip next) are off.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QVBoxLayout, QWidget

from pushgui.core.server.active import ServerState
from pushgui.core.server.connection import forget
from pushgui.core.server.notices import Notice
from pushgui.engine.bridge import EventBridge
from pushgui.engine.team_listener import TeamListener

if TYPE_CHECKING:
    from pushgui.ui.dialogs.team_server_dialog import TeamServerDialog
    from pushgui.ui.main.main_window import MainWindow

translate = QCoreApplication.translate

STATE_EVERY_MS = 15_000  # how often the window asks which server is active


class ServerStateLabel(QLabel):
    """In the status bar while connected: which server sends the team's reminders, since
    when, or that none does (then nothing is sent until one starts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamServerState")

    def show_state(self, state: ServerState | None) -> None:
        if state is None:
            self.setText(
                translate(
                    "TeamMode",
                    "No team server is active: reminders are not sent until one starts",
                )
            )
            self.setStyleSheet("#teamServerState { color: #a33; font-weight: bold; }")
        else:
            since = state.since.astimezone().strftime("%H:%M") if state.since else "?"
            self.setText(
                translate("TeamMode", "Sent by the team server {name}, active since {time}").format(
                    name=state.name or "?", time=since
                )
            )
            self.setStyleSheet("")
        self.setAccessibleName(self.text())


class TeamBanner(QLabel):
    """A bar over the list, shown while the team server cannot be reached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamBanner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "#teamBanner { background: #fff3cd; color: #5c4400; border: 1px solid #e0c060;"
            " border-radius: 4px; padding: 6px 8px; }"
        )
        self.hide()

    def show_lost(self, since: datetime) -> None:
        local = since.astimezone().strftime("%H:%M")
        self.setText(
            translate(
                "TeamBanner",
                "Team server unreachable since {time}. Nothing can be changed until it is "
                "back: an editor already open stays open with your changes, to save then. "
                "The server keeps sending reminders if it is running. Trying again…",
            ).format(time=local)
        )
        self.setAccessibleName(self.text())
        self.show()

    def clear(self) -> None:
        self.hide()
        self.setText("")


class TeamMode(QObject):
    """The window's team server menu entries and, while connected, its live state."""

    def __init__(
        self,
        window: MainWindow,
        data_dir: Path,
        restart: Callable[[], None],
        connected_to: str | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = data_dir
        self.restart = restart
        self.connected_to = connected_to
        self.dialog: TeamServerDialog | None = None
        self._bridge: EventBridge | None = None  # the window's signals, once following
        self._listener: TeamListener | None = None
        self.banner = TeamBanner(window)
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.banner)  # under the filter row, over the list
        self.connect_action = QAction(translate("TeamMode", "&Connect to a team server…"), window)
        self.connect_action.setStatusTip(
            translate("TeamMode", "Edit the reminders of a team server instead of this computer's")
        )
        self.connect_action.triggered.connect(self.show_connect)
        self.disconnect_action = QAction(
            translate("TeamMode", "&Disconnect (back to this computer)"), window
        )
        self.disconnect_action.triggered.connect(self.go_local)
        self.disconnect_action.setVisible(connected_to is not None)
        file_menu = _file_menu(window)
        before = window.backups_action
        file_menu.insertAction(before, self.connect_action)
        file_menu.insertAction(before, self.disconnect_action)
        file_menu.insertSeparator(before)
        if connected_to is not None:
            window.setWindowTitle(
                translate("TeamMode", "pushgui — team server {address}").format(
                    address=connected_to
                )
            )
            for action in (window.run_now_action, window.skip_action, window.backups_action):
                action.setVisible(False)
                action.setEnabled(False)

    def follow(
        self,
        listener: TeamListener,
        bridge: EventBridge,
        refresh_all: Callable[[], None],
        read_state: Callable[[], ServerState | None] | None = None,
    ) -> None:
        """Show the server's changes and its reachability as the listener hears them, and
        (``read_state``) which server is active, asked again every :data:`STATE_EVERY_MS`."""
        self._bridge = bridge
        self._listener = listener
        if read_state is not None:
            self._read_state = read_state
            self.state_label = ServerStateLabel(self.window)
            self.window.statusBar().addPermanentWidget(self.state_label)
            self._state_timer = QTimer(self)
            self._state_timer.timeout.connect(self.refresh_state)
            self._state_timer.start(STATE_EVERY_MS)
            listener.back.connect(self.refresh_state)
            self.refresh_state()
        listener.changed.connect(self._on_changed)
        listener.lost.connect(lambda since, _reason: self._lost(since))
        listener.back.connect(self._back)
        listener.back.connect(refresh_all)
        if listener.since is not None:
            self._lost(listener.since)

    @Slot()
    def refresh_state(self) -> None:
        """Read which server is active (skipped while the server cannot be reached: the
        banner says so, and a read would only wait for the network)."""
        if self._listener is not None and self._listener.since is not None:
            self.state_label.clear()
            return
        try:
            state = self._read_state()
        except Exception:  # unreachable between two notices: the listener will say so
            return
        self.state_label.show_state(state)

    def _lost(self, since: datetime) -> None:
        self.banner.show_lost(since)
        self.window.editable = False  # an editor already open keeps what it holds
        self.window.update_actions()

    @Slot()
    def _back(self) -> None:
        self.banner.clear()
        self.window.editable = True
        self.window.update_actions()

    @Slot(object)
    def _on_changed(self, notices: list[Notice]) -> None:
        # The window refreshes the rows a job event names, and the history on any: the
        # server's changes are handed on the same way.
        if self._bridge is None:
            return
        ids = {n.push_id for n in notices if n.push_id is not None}
        if ids:
            self._bridge.announce_executed([str(push_id) for push_id in sorted(ids)])
        elif any(n.table == "deliveries" for n in notices):
            self._bridge.announce_executed([""])

    @Slot()
    def show_connect(self) -> TeamServerDialog:
        from pushgui.ui.dialogs.team_server_dialog import TeamServerDialog

        dialog = TeamServerDialog(self.data_dir, self.connected_to or "", self.window)
        dialog.connected.connect(lambda _server: self.restart())
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def go_local(self) -> None:
        forget(self.data_dir)
        self.restart()


def _file_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    return menu
