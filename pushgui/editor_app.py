"""The composition root of a desktop app that edits a team server (docs/TEAM.md).

When File > Connect to a team server chose one (``core/server/connection.py``), ``run_gui``
hands over here: the window is built on the team's PostgreSQL database with an
:class:`~pushgui.core.server.editing.EditorPushService`, which saves rows and schedules
nothing; no scheduler runs and nothing is delivered from this computer. This computer's own
database still holds the window's personal settings (language, look, layout). A
:class:`~pushgui.engine.team_listener.TeamListener` hands the server's changes to the window
as they are committed and says when the server cannot be reached.

It is app.py's sibling rather than a part of it: the two build different objects around
one window (docs/ARCHITECTURE.md, "Composition root").
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

from pushgui import __version__
from pushgui.core.books import Books
from pushgui.core.schedule import own_days
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.server.connection import TeamServer, forget
from pushgui.core.server.editing import EditorPushService, open_editor_database
from pushgui.core.server.offline import editor_books
from pushgui.core.store.db import Database, open_database
from pushgui.core.store.server import ServerDatabase
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.paths import Locations
from pushgui.core.system.secrets import SessionSecrets

# isort: split
from PySide6.QtCore import QProcess

from pushgui.engine.bridge import EventBridge
from pushgui.engine.scheduler import PushScheduler
from pushgui.engine.signals import install_sigint_handler
from pushgui.engine.single_instance import SingleInstance
from pushgui.engine.team_listener import TeamListener

if TYPE_CHECKING:
    from pushgui.ui.main.team import TeamMode
    from pushgui.ui.shell import DesktopShell

log = logging.getLogger(__name__)

EDITOR_READY = "pushgui: editing the team server %s"


@dataclass
class EditorRuntime:
    """What an editor's window works on: the team database, and no scheduler."""

    server: TeamServer
    db: ServerDatabase
    local: Database  # this computer's own database: the window's personal settings
    service: EditorPushService
    settings: SettingsStore  # personal (local) settings
    books: Books
    bridge: EventBridge
    listener: TeamListener
    idle_scheduler: PushScheduler  # never started: the window's parts that take one

    def stop(self) -> None:
        self.listener.stop()
        self.db.close()
        self.local.close()


def open_editor_runtime(
    locations: Locations, server: TeamServer, local: Database | None = None
) -> EditorRuntime:
    """Open the team database (never migrated here) and this computer's settings (``local``:
    this computer's database, already open).

    Raises :class:`~pushgui.core.store.errors.StoreError` in plain words when the server
    cannot be used.
    """
    db = open_editor_database(server.connect_text, locations.data)
    local = local if local is not None else open_database(locations.data)
    calendars = Calendars()
    own_days.apply(SettingsStore(db), calendars)  # the team's own days off
    # The team's channel secrets live on the server (docs/TEAM.md): none are read here.
    books = editor_books(db, SessionSecrets())
    bridge = EventBridge()
    user = db.url.username or ""
    listener = TeamListener(db.url, f"pushgui editor {user}"[:63], parent=bridge)
    return EditorRuntime(
        server,
        db,
        local,
        EditorPushService(db, calendars),
        SettingsStore(local),
        books,
        bridge,
        listener,
        PushScheduler(timezone=UTC),
    )


def build_editor_shell(
    runtime: EditorRuntime,
    locations: Locations,
    restart: Callable[[], None],
    tray_available: bool | None = None,
) -> tuple[DesktopShell, TeamMode]:
    """The windows on the team database, following the listener (not started yet)."""
    from pushgui.core.server.active import active_server
    from pushgui.core.system.autostart import data_dir_argument, pick
    from pushgui.ui.main.team import TeamMode
    from pushgui.ui.shell import DesktopShell

    shell = DesktopShell(
        runtime.service,
        runtime.idle_scheduler,
        runtime.bridge,
        runtime.settings,
        books=runtime.books,
        tray_available=tray_available,
        backups=None,
        locations=locations,
        autostart=pick(data_dir_argument(locations.data)),
    )
    shell.restart_requested.connect(restart)
    team = TeamMode(shell.window, locations.data, restart, connected_to=runtime.server.address)

    def read_again() -> None:  # notices sent while the server was away were not heard
        shell.window.reload()
        runtime.bridge.announce_executed([""])  # an open History window reads again too

    team.follow(runtime.listener, runtime.bridge, read_again, lambda: active_server(runtime.db))
    return shell, team


def run_editor_window(
    app: object,
    locations: Locations,
    server: TeamServer,
    start_again: Callable[[], int] | None = None,
    instance: SingleInstance | None = None,
) -> int:
    """Run the window as an editor of ``server`` until it is quit; the exit code.

    ``start_again`` starts the app anew (after Connect or Disconnect); tests replace it.
    ``instance``: a later launch's "show" raises the window (an import's "reconcile" is
    about this computer's own reminders, taken up at their next start).
    """
    from PySide6.QtWidgets import QApplication

    from pushgui.core.system.preferences import Preferences
    from pushgui.ui.settings.appearance import apply_theme, install_translators

    assert isinstance(app, QApplication)
    start_again = start_again or _start_again
    local = open_database(locations.data)
    prefs = Preferences(SettingsStore(local))
    install_translators(prefs.language, app)  # before the first message or window
    apply_theme(prefs.theme, app)
    runtime = _open_or_ask(locations, server, local)
    if runtime is None:  # back to this computer's own reminders
        local.close()
        forget(locations.data)
        return start_again()
    restart: list[bool] = []

    def restart_now() -> None:
        restart.append(True)
        shell.quit()

    shell, _team = build_editor_shell(runtime, locations, restart_now)
    if instance is not None:
        instance.message_received.connect(
            lambda message: shell.show_window() if message == "show" else None
        )
    signals = install_sigint_handler(app, shell.tidy_up)
    runtime.listener.start()
    shell.show_window()
    log.info("pushgui %s editing %s", __version__, server.address)
    log.info(EDITOR_READY, server.address)
    try:
        code = app.exec()
    finally:
        runtime.stop()
        signals.uninstall()
    if restart:
        return start_again()
    return code


def _open_or_ask(locations: Locations, server: TeamServer, local: Database) -> EditorRuntime | None:
    """The runtime on ``server``; while it cannot be used, ask: try again, or None for this
    computer's own reminders."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pushgui.core.store.errors import StoreError

    while True:
        try:
            return open_editor_runtime(locations, server, local)
        except StoreError as exc:
            log.error("Cannot open the team server %s: %s", server.address, exc)
            box = QMessageBox(QMessageBox.Icon.Warning, "pushgui", "")
            box.setObjectName("teamServerUnusable")
            box.setText(
                QApplication.translate(
                    "TeamMode", "The team server {address} cannot be used:\n{reason}"
                ).format(address=server.address, reason=exc)
            )
            again = box.addButton(
                QApplication.translate("TeamMode", "Try &again"),
                QMessageBox.ButtonRole.AcceptRole,
            )
            box.addButton(
                QApplication.translate("TeamMode", "Use this computer's &reminders"),
                QMessageBox.ButtonRole.RejectRole,
            )
            box.setDefaultButton(again)
            box.exec()
            if box.clickedButton() is not again:
                return None


def _start_again() -> int:
    log.info("Starting again on the chosen database")
    QProcess.startDetached(sys.executable, [*sys.orig_argv[1:]])
    return 0
