"""The window starts in two steps: built and painted from the database, then the engine starts.

Also: what the first paint does not wait for (the keyring, the other windows' modules) is made
or imported later, and the idle warm-up of a run's statements leaves nothing in the database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from apscheduler.schedulers.base import STATE_PAUSED, STATE_RUNNING
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select

from pushgui.app import Runtime, open_runtime
from pushgui.core.runs.warm_up import compile_run_statements
from pushgui.core.store.models import Delivery, Push, Run
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.paths import locate
from pushgui.core.system.secrets import DeferredSecrets, SessionSecrets
from pushgui.ui.main.push_model import NEXT_RUN
from pushgui.ui.shell import DesktopShell
from pushgui.ui.startup import LATER_MODULES, call_after_first_paint
from tests.helpers import weekdays_at_nine


@pytest.fixture
def opened(qapp, data_dir):
    runtimes: list[Runtime] = []

    def open_() -> Runtime:
        rt = open_runtime(locate(data_dir))
        runtimes.append(rt)
        return rt

    yield open_
    for rt in runtimes:
        rt.stop()


def test_the_action_runs_only_after_the_widget_has_painted(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    painted: list[bool] = []
    original = widget.paintEvent

    def paint(event):
        original(event)
        painted.append(True)

    widget.paintEvent = paint
    seen_paint_first: list[bool] = []
    call_after_first_paint(widget, lambda: seen_paint_first.append(bool(painted)))
    assert seen_paint_first == []  # not before the window is even shown
    widget.show()
    qtbot.waitUntil(lambda: seen_paint_first != [], timeout=10_000)
    assert seen_paint_first == [True]
    widget.update()
    qtbot.waitUntil(lambda: len(painted) >= 2, timeout=10_000)
    assert seen_paint_first == [True]  # once only


def test_an_opened_runtime_schedules_nothing_until_it_begins(opened):
    rt = opened()
    [push_id] = rt.service.save_new([weekdays_at_nine()])
    assert not rt.scheduler.running
    assert rt.service.rows()[0].next_run is None  # no job yet
    report = rt.begin(paused=True)
    assert rt.scheduler.running
    assert report.added == [push_id]
    assert rt.service.rows()[0].next_run is not None


def test_the_window_built_before_the_engine_shows_next_runs_once_it_begins(qtbot, opened):
    rt = opened()
    rt.service.save_new([weekdays_at_nine("Standup")])
    shell = DesktopShell(
        rt.service,
        rt.scheduler,
        rt.bridge,
        SettingsStore(rt.db),
        books=rt.books,
        tray_available=False,
    )
    qtbot.addWidget(shell.window)
    model = shell.window.model
    assert model.row_at(0).next_run is None
    shell.reconciled(rt.begin(paused=True))
    assert model.row_at(0).next_run is not None
    assert model.index(0, NEXT_RUN).data()
    assert rt.scheduler.state == STATE_PAUSED
    shell.start()  # no missed runs: the scheduler resumes
    assert rt.scheduler.state == STATE_RUNNING


def test_the_keyring_is_looked_up_only_when_a_secret_is_first_used():
    made: list[SessionSecrets] = []

    def make() -> SessionSecrets:
        made.append(SessionSecrets())
        return made[-1]

    secrets = DeferredSecrets("session", make)
    assert secrets.mode == "session"
    assert made == []
    secrets.set(1, "token", "abc")
    assert secrets.get(1, "token") == "abc"
    secrets.delete(1, "token")
    assert secrets.get(1, "token") is None
    assert len(made) == 1


def test_the_window_imports_no_other_window_nor_the_keyring_nor_alembic():
    later = [*LATER_MODULES, "keyring", "alembic", "httpx"]
    code = (
        "import json, sys\n"
        "import pushgui.app, pushgui.ui.shell, pushgui.ui.main.main_window\n"
        f"print(json.dumps([m for m in {later!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_the_other_windows_modules_are_imported_when_idle(qtbot, opened):
    rt = opened()
    shell = DesktopShell(
        rt.service,
        rt.scheduler,
        rt.bridge,
        SettingsStore(rt.db),
        books=rt.books,
        tray_available=False,
    )
    qtbot.addWidget(shell.window)
    shell.warm_up()
    assert all(name in sys.modules for name in LATER_MODULES)


def counts(rt: Runtime) -> tuple[int, ...]:
    with rt.db.session() as session:
        tables = tuple(
            session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Push, Run, Delivery)
        )
        connection = session.connection()
        has_sequence = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
        ).first()
        sequence = (
            tuple(connection.exec_driver_sql("SELECT * FROM sqlite_sequence").all())
            if has_sequence
            else ()
        )
    return (*tables, hash(sequence))


def test_the_warm_up_of_a_runs_statements_leaves_nothing_behind(opened):
    rt = opened()
    [first] = rt.service.save_new([weekdays_at_nine("First")])
    before = counts(rt)
    compile_run_statements(rt.db, rt.secrets)
    assert counts(rt) == before
    [second] = rt.service.save_new([weekdays_at_nine("Second")])
    assert second == first + 1  # the placeholder push did not use up an id
