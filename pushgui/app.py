"""Composition root: wires the store, the engine and (for the GUI) the windows together.

Everything shared is built here, once: the database, the secret store, the books, the
scheduler, the delivery engine and the :class:`~pushgui.core.runs.jobs.JobContext` the executor
hands to every job function (docs/ARCHITECTURE.md, "Composition root"). Nothing below
this module keeps process-wide state of its own.

The window starts in two steps (docs/BENCHMARKS.md, "Scale"): :func:`open_runtime` opens the
database and builds the (stopped) scheduler, the window is built from the database and shown,
and only then :meth:`Runtime.begin` starts the scheduler, reconciles jobs with pushes and asks
the start-up questions. Work nobody waits for (the senders, TLS certificates, the editor's
modules, SQL statement compilation) is done once the event loop is idle.

Why one module: it is the one place that builds and wires what is shared, for the headless
runtime and for the window alike; a second place that builds objects is what
docs/ARCHITECTURE.md ("Composition root") rules out, and splitting the wiring would hide
which object is handed to which.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from pushgui import __version__
from pushgui.core.books import Books
from pushgui.core.delivery.engine import DeliveryEngine
from pushgui.core.messages import attachments
from pushgui.core.pushes.service import PushService
from pushgui.core.runs import headsup, jobs
from pushgui.core.runs.executor import PushExecutor
from pushgui.core.runs.headstart import LEAD, HeadStart
from pushgui.core.runs.jobs import JobContext
from pushgui.core.schedule import own_days
from pushgui.core.schedule.data_check import check_data, unpublished_notices
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.store.backup import DEFAULT_KEEP, KEEP_BACKUPS_KEY, BackupError, BackupManager
from pushgui.core.store.db import Database, open_database
from pushgui.core.store.errors import StoreError
from pushgui.core.store.jobstore import PushJobStore
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.files import PrivateRotatingFileHandler
from pushgui.core.system.i18n import Language
from pushgui.core.system.paths import Locations, ensure_private_dir
from pushgui.core.system.preferences import upgrade as upgrade_settings
from pushgui.core.system.redact import RedactingFilter
from pushgui.core.system.secrets import (
    SECRETS_MODE_KEY,
    DeferredSecrets,
    Mode,
    SecretStore,
    adopt_legacy_secrets,
    configured_store,
)

# isort: split
# Qt comes after the database layer on purpose: PySide6 reads the source of every module
# imported after it (to find users of its ``__feature__`` switches), which costs SQLAlchemy's
# few hundred modules about 80 ms of start-up.
from PySide6.QtCore import QCoreApplication, QProcess, QThreadPool, QTimer

from pushgui.engine.bridge import EventBridge
from pushgui.engine.scheduler import PushScheduler
from pushgui.engine.signals import install_sigint_handler
from pushgui.engine.single_instance import SingleInstance, send_to_running
from pushgui.engine.sleep import SleepWatcher

if TYPE_CHECKING:
    from pushgui.core.channels.base import Sender
    from pushgui.core.runs.reconcile import ReconcileReport
    from pushgui.ui.shell import DesktopShell

log = logging.getLogger(__name__)

WORKERS = 8
BACKUP_CHECK_MS = 3600 * 1000
# Logged once the first scheduling pass has run: signals are handled, the single-instance
# socket listens, and every run due at start has been started. Tests wait for it.
READY = "pushgui: ready (%d runs due at start were started)"
MISSING_LIBRARIES = 6  # exit code: Qt's platform libraries are not installed


def configure_logging(locations: Locations, to_stderr: bool, level: int = logging.INFO) -> None:
    """A rotating log file in the log folder, and stderr when asked (headless, CLI)."""
    root = logging.getLogger()
    root.setLevel(level)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    redacting = RedactingFilter()
    try:
        ensure_private_dir(locations.logs)
        handler: logging.Handler = PrivateRotatingFileHandler(
            locations.logs / "pushgui.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(formatter)
        handler.addFilter(redacting)
        root.addHandler(handler)
    except OSError as exc:
        print(f"pushgui: cannot write the log file in {locations.logs}: {exc}", file=sys.stderr)
    if to_stderr:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        stream.addFilter(redacting)
        root.addHandler(stream)
    # httpx logs every request URL at INFO, and bot URLs carry tokens.
    for noisy in ("apscheduler", "alembic", "sqlalchemy", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


@dataclass
class Runtime:
    """Everything that runs pushes, without any window."""

    db: Database
    scheduler: PushScheduler
    service: PushService
    bridge: EventBridge
    secrets: SecretStore
    settings: SettingsStore
    backups: BackupManager | None  # None on a team server: pg_dump backs it up (docs/TEAM.md)
    engine: DeliveryEngine
    executor: PushExecutor
    books: Books
    _backup_timer: QTimer | None = field(default=None, repr=False)
    dropped_attachments: list[str] = field(default_factory=list)  # said in the window
    _stopped: bool = field(default=False, repr=False)

    def begin(self, paused: bool = False) -> ReconcileReport:
        """Start the scheduler (paused), reconcile jobs with pushes, then let it run.

        ``paused`` leaves the scheduler paused after reconciling, so that the window can ask
        about missed runs before any of them is sent; it resumes it afterwards.
        """
        # Before any send reads a secret: old shared keyring names become this folder's.
        store = self.secrets
        if isinstance(store, DeferredSecrets):
            store = store.resolve()
        adopt_legacy_secrets(self.db, store)
        self.scheduler.start(paused=True)
        report = self.service.reconcile()
        if not paused:
            self.scheduler.resume()
        self.daily_backup()
        # Checked hourly so a machine that runs for days still gets one backup per day.
        timer = QTimer(self.bridge)
        timer.setInterval(BACKUP_CHECK_MS)
        timer.timeout.connect(lambda: QThreadPool.globalInstance().start(self.daily_backup))
        timer.start()
        self._backup_timer = timer
        return report

    def warm_up(self) -> None:
        """Pay, while nobody waits, what the first send would otherwise pay.

        Runs on the main thread once the event loop is idle: the keyring backend, the
        senders and TLS certificates (in a worker), and the SQL statements of a run.
        """
        if self._stopped:
            return
        from pushgui.core.runs.warm_up import compile_run_statements, warm_up_http

        if isinstance(self.secrets, DeferredSecrets):
            self.secrets.resolve()
        QThreadPool.globalInstance().start(warm_up_http)
        compile_run_statements(self.db, self.secrets)

    def daily_backup(self) -> None:
        """Take today's backup if there is none yet; safe to call from any thread."""
        if self.backups is None:
            return
        try:
            made = self.backups.backup_if_due()
        except BackupError:
            log.exception("The daily backup failed")
            return
        if made is not None:
            log.info("Daily backup written to %s", made)

    def stop(self) -> None:
        """Stop within 10 s: no new runs or sends, in-flight sends cut short."""
        self._stopped = True
        self.engine.shutdown()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        self.db.close()

    def hand_headsups_to(self, handler: Callable[[headsup.HeadsUp], None]) -> None:
        """Show heads-ups with ``handler`` (the window's) from now on."""
        context = self.executor.context
        assert context is not None
        self.executor.context = replace(context, headsup=handler)

    def hand_desktop_to(self, sender: Sender) -> None:
        """Show desktop reminders with ``sender`` (the window's) from now on: those the
        engine sends and those a job shows itself (a snoozed reminder)."""
        context = self.executor.context
        assert context is not None
        self.executor.context = replace(context, desktop=sender)
        self.engine.use_desktop(sender)

    def speak(self, language: Language) -> None:
        """Write the text jobs record for people (channel errors) in ``language`` (the
        window's) from now on; until then, and headless, it is English."""
        context = self.executor.context
        assert context is not None
        self.executor.context = replace(context, language=language)
        self.engine.use_language(language)


def open_runtime(
    locations: Locations, server: Database | None = None, store: SecretStore | None = None
) -> Runtime:
    """Open the database and build the engine around it, without starting the scheduler.

    Nothing runs yet: :meth:`Runtime.begin` starts it. The window is built in between.
    ``server``: a team server's database (``pushgui serve``), already open, instead of the
    data folder's file; ``store``: the team server's own secret store (docs/TEAM.md)
    instead of the secrets mode saved in the database.
    """
    db = open_database(locations.data) if server is None else server
    if db.recovery is not None:
        log.warning("%s", db.recovery.describe())
    settings = SettingsStore(db)
    upgrade_settings(settings)
    # The holiday data with the company's own days on top, read by every rule on working
    # days: the job store hands it to each trigger it loads, the service to those it builds.
    calendars = Calendars()
    own_days.apply(settings, calendars)
    chosen = settings.get(SECRETS_MODE_KEY, "keyring")
    mode: Mode = "file" if chosen == "file" else "session" if chosen == "session" else "keyring"
    secrets = (
        DeferredSecrets(mode, lambda: configured_store(chosen, locations.data))
        if store is None
        else DeferredSecrets(store.mode, lambda: store)
    )
    executor = PushExecutor(WORKERS)
    jobstore = PushJobStore(db.engine, calendars, db.write_lock)
    scheduler = PushScheduler(
        timezone=UTC, jobstores={"default": jobstore}, executors={"default": executor}
    )
    headsup.install(scheduler, db)  # re-arms heads-ups as schedule jobs start
    bridge = EventBridge()
    bridge.attach(scheduler)
    # Job functions write runs; the engine's channel lanes send them. A finished run is
    # announced like a job, so the window refreshes that push and checks for failures.
    engine = DeliveryEngine(
        db,
        secrets,
        scheduler,
        on_run_finished=lambda push, run: bridge.announce_executed([jobs.delivered_id(push, run)]),
        calendars=calendars,
    )
    executor.context = JobContext(db, secrets, scheduler, engine, calendars=calendars)
    # A burst is recorded just before it falls due, and sent at once (core/runs/headstart.py).
    executor.head_start = HeadStart(
        lambda: executor.context, scheduler.is_running, jobstore, aside=scheduler
    )
    scheduler.set_lead(LEAD, executor.head_start.due_soon)
    service = PushService(db, scheduler, calendars)
    service.set_aside_damaged()  # before the window, the scheduler or reconcile reads a spec
    # Pushes saved before attachments were copies: copy their files in, or drop (and say).
    dropped = attachments.adopt_outside_files(db)
    for note in dropped:
        log.warning("%s", note)
    backups = (
        BackupManager(
            db.path, locations.backups, keep=int(settings.get(KEEP_BACKUPS_KEY, DEFAULT_KEEP))
        )
        if server is None
        else None
    )
    books = Books.of(db, secrets)
    runtime = Runtime(
        db, scheduler, service, bridge, secrets, settings, backups, engine, executor, books
    )
    runtime.dropped_attachments = dropped
    return runtime


def start_runtime(locations: Locations, paused: bool = False) -> Runtime:
    """Open the database, reconcile jobs with pushes, and start the scheduler.

    ``paused``: see :meth:`Runtime.begin`. The warm-up runs once the event loop is idle.
    """
    runtime = open_runtime(locations)
    runtime.begin(paused)
    when_idle(runtime.warm_up)
    return runtime


def when_idle(action: Callable[[], None]) -> None:
    """Run ``action`` once the event loop has handled what is already queued (a paint)."""
    QTimer.singleShot(0, action)


def run_headless(locations: Locations) -> int:
    """Run the scheduler and deliveries with no window until Ctrl+C or SIGTERM."""
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    instance = SingleInstance(locations.data)
    if not instance.acquire():
        print(
            f"pushgui is already running with the data folder {locations.data}; stop it first.",
            file=sys.stderr,
        )
        return 3
    # First: a signal during start-up must still stop us cleanly.
    signals = install_sigint_handler(app)
    runtime = start_runtime(locations)  # reminders are logged: nobody to show them to
    _report_holiday_data(runtime)
    instance.message_received.connect(lambda message: _on_message(runtime, message))
    watcher = SleepWatcher(parent=app)
    watcher.resumed.connect(runtime.scheduler.wakeup)
    log.info("pushgui %s running headless with %s", __version__, locations.data)
    runtime.scheduler.after_next_pass(lambda started: log.info(READY, started))
    try:
        app.exec()
    finally:
        log.info("Stopping")
        runtime.stop()
        instance.release()
        signals.uninstall()
    return 0


def _report_holiday_data(runtime: Runtime) -> None:
    """Headless: recompute runs a newer holiday data version moved, and log what changed."""
    # only rules naming a working-day calendar depend on holiday data (no need to parse all)
    rows = [r for r in runtime.service.rows() if r.enabled and '"workdays"' in r.spec_json]
    pushes = [(row.id, row.name, row.spec.trigger) for row in rows]
    calendars = runtime.service.calendars
    for item in check_data(runtime.settings, runtime.scheduler, pushes, calendars=calendars):
        log.warning(
            "Holiday data now knows more days: %r moved from %s to %s",
            item.name,
            ", ".join(at.isoformat() for at in item.dropped) or "-",
            ", ".join(at.isoformat() for at in item.added) or "-",
        )
    for notice in unpublished_notices(
        [(row.spec.trigger, row.next_run) for row in rows], calendars=calendars
    ):
        log.warning("%s", notice)


def _on_message(runtime: Runtime, message: str) -> None:
    if message == "reconcile":  # ``pushgui import`` saved reminders (and maybe own days)
        runtime.service.take_up_own_days(runtime.settings)
        runtime.service.reconcile()


def wire_shell(runtime: Runtime, shell: DesktopShell) -> None:
    """Connect the windows to the engine: reminders and heads-ups are shown by the shell,
    and a secrets mode chosen in the Channels window is what every later send reads."""
    from pushgui.core.runs.nagging import mark_done

    runtime.hand_desktop_to(shell.desktop_sender)
    runtime.hand_headsups_to(shell.headsup.notifier)
    # Done on a reminder stops its nags and escalation (issue 16).
    shell.presenter.done.connect(lambda push_id: mark_done(runtime.db, push_id, runtime.scheduler))
    if isinstance(runtime.secrets, DeferredSecrets):
        shell.secrets_changed.connect(runtime.secrets.use)


def run_gui(locations: Locations, minimized: bool = False) -> int:
    """Start the desktop app; a second launch on the same data folder shows the first."""
    from pushgui.core.system.libs import install_hint, missing_libraries, uses_xcb

    # Checked before Qt loads: without them creating the QApplication dumps core.
    missing = missing_libraries() if uses_xcb() else []
    if missing:
        print(install_hint(missing), file=sys.stderr)
        return MISSING_LIBRARIES

    from PySide6.QtWidgets import QApplication, QMessageBox

    from pushgui.core.system.autostart import data_dir_argument, pick
    from pushgui.core.system.preferences import Preferences
    from pushgui.ui.errors import ErrorReporter
    from pushgui.ui.reminders.notifications import notification_service
    from pushgui.ui.settings.appearance import apply_theme, install_translators
    from pushgui.ui.shell import DesktopShell
    from pushgui.ui.startup import call_after_first_paint
    from pushgui.ui.widgets.icons import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("pushgui")
    app.setApplicationDisplayName("pushgui")
    app.setDesktopFileName("pushgui")
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    # Tracebacks go to the log; the user gets an apology and the scheduler keeps running.
    reporter = ErrorReporter(locations.logs, app)
    reporter.install()

    instance = SingleInstance(locations.data)
    if not instance.acquire():
        shown = send_to_running(locations.data, "show")
        log.info(
            "pushgui is already running on %s; %s",
            locations.data,
            "asked it to show itself" if shown else "it did not answer",
        )
        return 0
    from pushgui.core.server.connection import remembered

    team_server = remembered(locations.data)
    if team_server is not None:  # File > Connect chose a team server: edit it, send nothing
        from pushgui.editor_app import run_editor_window

        try:
            return run_editor_window(app, locations, team_server, instance=instance)
        finally:
            instance.release()
            reporter.uninstall()
    try:
        runtime = open_runtime(locations)
    except StoreError as exc:
        log.error("Cannot open the database: %s", exc)
        QMessageBox.critical(None, "pushgui", str(exc))
        instance.release()
        return 4
    assert runtime.backups is not None  # the window runs on the data folder's file
    prefs = Preferences(runtime.settings)
    # Before any window is built: widgets translate their texts when they are made. The
    # jobs write what they record for people (channel errors) in the same language.
    language = install_translators(prefs.language, app)
    runtime.speak(language)
    apply_theme(prefs.theme, app)
    shell = DesktopShell(
        runtime.service,
        runtime.scheduler,
        runtime.bridge,
        runtime.settings,
        books=runtime.books,
        backups=runtime.backups,
        locations=locations,
        autostart=pick(data_dir_argument(locations.data)),
    )
    instance.message_received.connect(shell.on_message)
    wire_shell(runtime, shell)
    notifier = notification_service(app)
    shell.presenter.set_notifier(notifier)  # reminders with Done / Snooze / Open
    shell.presenter.restore()  # the reminders left unanswered at the last quit
    if shell.tray is not None:
        shell.tray.set_notifier(notifier)
    signals = install_sigint_handler(app, shell.tidy_up)
    watcher = SleepWatcher(parent=app)
    watcher.resumed.connect(runtime.scheduler.wakeup)
    restore: list[Path] = []

    def restore_and_restart(backup: object) -> None:
        # The database must be closed to be replaced; the app then starts afresh on it.
        restore.append(Path(str(backup)))
        shell.quit()

    shell.restore_requested.connect(restore_and_restart)
    restart: list[bool] = []

    def restart_now() -> None:  # a new language: windows are built in their language
        restart.append(True)
        shell.quit()

    shell.restart_requested.connect(restart_now)
    from pushgui.ui.main.team import TeamMode

    TeamMode(shell.window, locations.data, restart_now)  # File > Connect to a team server

    def begin() -> None:
        # The window is on screen: now start the engine and ask the start-up questions.
        try:
            report = runtime.begin(paused=True)
        except Exception as exc:
            log.exception("Cannot start the scheduler")
            QMessageBox.critical(None, "pushgui", language.render(exc))
            app.exit(4 if isinstance(exc, StoreError) else 1)
            return
        shell.reconciled(report)
        shell.start(runtime.db.recovery)
        if runtime.dropped_attachments:
            from pushgui.ui.dialogs.attachment_notice import show_dropped_attachments

            show_dropped_attachments(shell.window, runtime.dropped_attachments)
        log.info("pushgui %s started with %s", __version__, locations.data)
        runtime.scheduler.after_next_pass(lambda started: log.info(READY, started))
        when_idle(runtime.warm_up)
        when_idle(shell.warm_up)

    if not minimized or shell.tray is None:
        shell.show_window()
        call_after_first_paint(shell.window, begin)
    else:
        when_idle(begin)
    try:
        code = app.exec()
    finally:
        runtime.stop()
        instance.release()
        signals.uninstall()
        reporter.uninstall()
        if notifier is not None:
            notifier.close()
    if restore:
        runtime.backups.restore(restore[0])
        log.info("Restored %s; starting again", restore[0])
        QProcess.startDetached(sys.executable, [*sys.orig_argv[1:]])
    elif restart:
        log.info("Starting again for the new language")
        QProcess.startDetached(sys.executable, [*sys.orig_argv[1:]])
    return code
