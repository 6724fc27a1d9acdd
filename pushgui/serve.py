"""``pushgui serve``: the team server, headless, on a PostgreSQL database (docs/TEAM.md).

Start-up opens (and if needed migrates) the database, then waits as a standby until this
server holds the scheduler lock (``core/server/active.py``); only then is the scheduler
built, jobs reconciled with pushes and deliveries started, exactly as ``pushgui run
--headless`` does on the data folder's file. Runs that fell due while no server was
active are missed runs: each push's missed-run policy decides, as after a restart.

When the lock's connection is lost the server stops scheduling at once and exits with
:data:`EXIT_LOST_LOCK`, so that a standby takes over and a supervisor (the systemd unit in
packaging/) starts this one again as a standby.

Once active, it listens for the change notices of the database (revision 0014): a push an
editor created, changed or deleted is applied within moments (``core/server/changes.py``).

Readiness lines for supervisors and tests: :data:`STANDBY_LINE`, :data:`ACTIVE_LINE`, then
``app.READY`` once the first scheduling pass has run; :data:`HEALTH_LINE` when a health
endpoint was asked for (``--health-port``, ``core/server/health.py``).

Channel secrets come from the server's own store (``core/server/credentials.py``): the
credentials file its configuration names, else its OS keyring.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pushgui import __version__
from pushgui.app import READY, Runtime, open_runtime, when_idle
from pushgui.core.server.active import (
    ACTIVE,
    APP_PREFIX,
    CHECK_EVERY_S,
    POLL_EVERY_S,
    STANDBY,
    SchedulerLock,
    record_active,
)
from pushgui.core.server.changes import ChangeApplier, changed_pushes
from pushgui.core.server.credentials import keyring_problem, server_secrets
from pushgui.core.server.health import HEALTH_PATH, HealthEndpoint
from pushgui.core.store.server import ServerDatabase, open_server_database, shown
from pushgui.core.system.paths import Locations
from pushgui.core.system.secrets import PLAIN_FILE, SecretStore, SecretStoreError

# isort: split
from PySide6.QtCore import QCoreApplication, QTimer

from pushgui.engine.signals import install_sigint_handler
from pushgui.engine.single_instance import SingleInstance
from pushgui.engine.sleep import SleepWatcher
from pushgui.engine.team_listener import TeamListener

log = logging.getLogger(__name__)

STANDBY_LINE = "pushgui: standby as %s on %s; waiting for the active server"
ACTIVE_LINE = "pushgui: active as %s on %s since %s"
HEALTH_LINE = "pushgui: health on http://127.0.0.1:%d%s"
EXIT_LOST_LOCK = 7
EXIT_START_FAILED = 1
EXIT_ALREADY_RUNNING = 3
EXIT_CONFIGURATION = 2  # the credentials file or the health port cannot be used


class Server:
    """One ``pushgui serve`` process: standby first, active once it holds the lock."""

    def __init__(
        self,
        app: QCoreApplication,
        locations: Locations,
        db: ServerDatabase,
        secrets: SecretStore,
    ) -> None:
        self.app = app
        self.locations = locations
        self.db = db
        self.secrets = secrets
        self.lock = SchedulerLock(db.url)
        self.runtime: Runtime | None = None
        self.listener: TeamListener | None = None  # editors' changes, once active
        self.code = 0
        self._timer = QTimer(app)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._tick()
        if self.code != 0:
            return
        if self.runtime is None:
            # Said once the first ask for the lock was answered: the server is then waiting
            # on its own connection, where a monitor counts it as a standby.
            log.info(STANDBY_LINE, self.lock.name, shown(self.db.url))
        self._timer.start(int(POLL_EVERY_S * 1000))

    def _tick(self) -> None:
        if self.runtime is None:
            if self.lock.try_acquire():
                try:
                    self._become_active()
                except Exception:
                    # Holding the lock without scheduling would stall every standby: give it up.
                    log.exception("Cannot start as the active server; stopping")
                    self.code = EXIT_START_FAILED
                    self._timer.stop()
                    self.app.exit(EXIT_START_FAILED)
        elif not self.lock.still_held():
            # Another server may hold the lock by now: not one more run from this one.
            log.error(
                "Lost the scheduler lock on %s: stopping so that a standby takes over",
                shown(self.db.url),
            )
            self.runtime.scheduler.pause()
            self.code = EXIT_LOST_LOCK
            self.app.exit(EXIT_LOST_LOCK)

    def _become_active(self) -> None:
        since = self.lock.since
        assert since is not None
        record_active(self.db, self.lock.name, since)
        log.info(ACTIVE_LINE, self.lock.name, shown(self.db.url), since.isoformat())
        self._timer.setInterval(int(CHECK_EVERY_S * 1000))
        # Reminders are logged; channel secrets come from this server's own store.
        runtime = open_runtime(self.locations, server=self.db, store=self.secrets)
        self.runtime = runtime
        # Listening before reconcile: a change committed meanwhile is heard, and applying
        # it again after reconcile changes nothing.
        self.listener = TeamListener(
            self.db.url, f"{APP_PREFIX}listen {self.lock.name}"[:63], parent=self.app
        )
        self.listener.start()
        runtime.begin()
        applier = ChangeApplier(runtime.service)
        applier.prime()
        self.listener.changed.connect(lambda notices: applier.apply(changed_pushes(notices)))
        self.listener.back.connect(applier.resync)
        when_idle(runtime.warm_up)
        watcher = SleepWatcher(parent=self.app)
        watcher.resumed.connect(runtime.scheduler.wakeup)
        runtime.scheduler.after_next_pass(lambda started: log.info(READY, started))

    def role(self) -> str:
        """ACTIVE or STANDBY (read by the health endpoint's thread)."""
        return ACTIVE if self.runtime is not None and self.lock.held else STANDBY

    def stop(self) -> None:
        self._timer.stop()
        if self.listener is not None:
            self.listener.stop()
        if self.runtime is not None:
            self.runtime.stop()  # closes the database too
        else:
            self.db.close()
        self.lock.close()


def serve(
    locations: Locations,
    address: str,
    credentials: Path | None = None,
    health_port: int | None = None,
) -> int:
    """Run the team server on ``address`` until Ctrl+C or SIGTERM (or the lock is lost).

    ``credentials``: the file holding the channels' secrets (else the OS keyring);
    ``health_port``: serve :data:`HEALTH_PATH` on 127.0.0.1 at that port (0: any free one).
    """
    try:
        secrets = server_secrets(credentials, need_keyring=False)
    except SecretStoreError as exc:
        print(f"pushgui serve: {exc}", file=sys.stderr)
        return EXIT_CONFIGURATION
    if credentials is None and (problem := keyring_problem()):
        log.warning("%s Until then every channel that needs a secret fails to send.", problem)
    if (locations.data / PLAIN_FILE).exists():
        # What docs/TEAM.md advised before servers had their own store.
        log.warning(
            "%s in the data folder is not read by pushgui serve: set the channels' secrets "
            "again with pushgui channel edit into the server's keyring or credentials file "
            "(docs/TEAM.md, 'Where the server keeps secrets')",
            PLAIN_FILE,
        )
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    instance = SingleInstance(locations.data)
    if not instance.acquire():
        print(
            f"pushgui is already running with the data folder {locations.data}; give each "
            "server its own --data-dir.",
            file=sys.stderr,
        )
        return EXIT_ALREADY_RUNNING
    signals = install_sigint_handler(app)
    try:
        db = open_server_database(address, locations.data)
        log.info("pushgui %s serving %s", __version__, shown(db.url))
        server = Server(app, locations, db, secrets)
        endpoint: HealthEndpoint | None = None
        if health_port is not None:
            try:
                endpoint = HealthEndpoint(db, health_port, server.role)
            except OSError as exc:
                db.close()
                print(
                    f"pushgui serve: cannot serve the health endpoint on 127.0.0.1:"
                    f"{health_port}: {exc.strerror or exc}. Choose another --health-port.",
                    file=sys.stderr,
                )
                return EXIT_CONFIGURATION
            endpoint.start()
            log.info(HEALTH_LINE, endpoint.port, HEALTH_PATH)
        server.start()
        try:
            code = app.exec()
        finally:
            log.info("Stopping")
            if endpoint is not None:
                endpoint.stop()
            server.stop()
    finally:
        instance.release()
        signals.uninstall()
    return server.code or code
