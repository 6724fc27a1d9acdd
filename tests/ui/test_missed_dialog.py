"""The "While pushgui was not running" dialog, driven like a user, and then for real: a
reminder missed while the app was closed is sent or skipped as chosen, and recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from sqlalchemy import select

from pushgui.app import Runtime, start_runtime
from pushgui.core.channels.base import Outcome
from pushgui.core.pushes.spec import PushOptions
from pushgui.core.runs.missed import MissedRun, find_missed, resolve
from pushgui.core.store.models import Run
from pushgui.core.system.paths import locate
from pushgui.ui.dialogs.missed_dialog import CHOICE, DUE, REMINDER, MissedRunsDialog
from pushgui.ui.widgets.when import format_when
from tests.helpers import every_minutes

NOW = datetime(2030, 1, 7, 12, 0, tzinfo=UTC)
STANDUP = [MissedRun(1, "Standup", NOW - timedelta(hours=h)) for h in (3, 2, 1)]
RENT = MissedRun(2, "Pay rent", NOW - timedelta(hours=5))
MISSED = [*STANDUP, RENT]


class RecordingDesktop:
    def __init__(self):
        self.shown = []

    def send(self, messages):
        self.shown.extend(messages)
        return [Outcome(ok=True) for _ in messages]


def make_dialog(qtbot, missed=MISSED) -> MissedRunsDialog:
    dialog = MissedRunsDialog(missed)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def text(dialog, row: int, column: int) -> str:
    return dialog.model.index(row, column).data() or ""


def choose(qtbot, dialog, row: int, word: str) -> None:
    """Click the row's choice and pick ``word`` from the drop-down with the keyboard."""
    index = dialog.model.index(row, CHOICE)
    where = dialog.table.visualRect(index).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    editor = dialog.table.indexWidget(index)
    assert isinstance(editor, QComboBox)
    assert editor.currentText() == text(dialog, row, CHOICE)
    key = Qt.Key.Key_Down if editor.findText(word) > editor.currentIndex() else Qt.Key.Key_Up
    if editor.currentText() != word:
        qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: text(dialog, row, CHOICE) == word)


def test_every_missed_run_is_listed_grouped_by_reminder_and_sent_by_default(qtbot):
    dialog = make_dialog(qtbot)
    assert dialog.windowTitle() == "While pushgui was not running"
    assert "2 reminders fell due 4 times" in dialog.summary_label.text()
    assert dialog.model.rowCount() == 4
    assert [text(dialog, r, REMINDER) for r in range(4)] == [
        "Standup (3 times)",
        "",
        "",
        "Pay rent",
    ]
    assert [text(dialog, r, DUE) for r in range(4)] == [format_when(m.due) for m in MISSED]
    assert text(dialog, 0, DUE) == format_when(NOW - timedelta(hours=3))
    assert [text(dialog, r, CHOICE) for r in range(4)] == ["Send now"] * 4
    assert dialog.decisions() == {(m.push_id, m.due): "send" for m in MISSED}
    assert set(dialog.decisions()) == {(m.push_id, m.due) for m in MISSED}
    assert not dialog.dont_ask_again()
    assert dialog.latest_button.isVisible()


def test_one_row_at_a_time_then_all_at_once(qtbot):
    dialog = make_dialog(qtbot)
    choose(qtbot, dialog, 1, "Skip")
    assert dialog.decisions()[(1, STANDUP[1].due)] == "skip"
    assert [v for v in dialog.decisions().values()].count("skip") == 1

    qtbot.mouseClick(dialog.skip_all_button, Qt.MouseButton.LeftButton)
    assert set(dialog.decisions().values()) == {"skip"}
    assert [text(dialog, r, CHOICE) for r in range(4)] == ["Skip"] * 4
    choose(qtbot, dialog, 3, "Send now")
    assert dialog.decisions()[(2, RENT.due)] == "send"

    qtbot.mouseClick(dialog.send_all_button, Qt.MouseButton.LeftButton)
    assert set(dialog.decisions().values()) == {"send"}

    qtbot.mouseClick(dialog.latest_button, Qt.MouseButton.LeftButton)
    assert dialog.decisions() == {
        (1, STANDUP[0].due): "skip",
        (1, STANDUP[1].due): "skip",
        (1, STANDUP[2].due): "send",
        (2, RENT.due): "send",
    }


def test_space_switches_the_selected_rows(qtbot):
    dialog = make_dialog(qtbot)
    dialog.table.setFocus()
    dialog.table.selectRow(0)
    dialog.table.selectionModel().select(
        dialog.model.index(1, 0),
        dialog.table.selectionModel().SelectionFlag.Select
        | dialog.table.selectionModel().SelectionFlag.Rows,
    )
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert [dialog.decisions()[(m.push_id, m.due)] for m in MISSED] == [
        "skip",
        "skip",
        "send",
        "send",
    ]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert set(dialog.decisions().values()) == {"send"}

    # F2 opens the current row's choice; Down picks Skip.
    dialog.table.setCurrentIndex(dialog.model.index(3, CHOICE))
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = dialog.table.indexWidget(dialog.model.index(3, CHOICE))
    assert isinstance(editor, QComboBox)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert dialog.decisions()[(2, RENT.due)] == "skip"


def test_dont_ask_again_and_apply(qtbot):
    dialog = make_dialog(qtbot, [RENT])
    assert "One reminder fell due" in dialog.summary_label.text()
    assert not dialog.latest_button.isVisible()
    qtbot.mouseClick(dialog.dont_ask_box, Qt.MouseButton.LeftButton)
    assert dialog.dont_ask_again()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.decisions() == {(2, RENT.due): "send"}


@pytest.fixture
def runtime(qapp, data_dir):
    started: list[Runtime] = []

    def start() -> Runtime:
        rt = start_runtime(locate(data_dir))
        started.append(rt)
        return rt

    yield start
    for rt in started:
        if rt.scheduler.running:
            rt.stop()


def runs(rt, push_id):
    with rt.db.session() as session:
        rows = session.execute(select(Run).where(Run.push_id == push_id).order_by(Run.scheduled_at))
        return [(r.scheduled_at, r.status, r.reason) for r in rows.scalars()]


def test_the_choices_are_applied_and_every_missed_run_is_recorded(qtbot, runtime):
    desktop = RecordingDesktop()
    rt = runtime()
    rt.hand_desktop_to(desktop)
    rt.scheduler.pause()
    # Every hour, and pushgui was closed for three hours and a half: four runs missed.
    spec = replace(
        every_minutes(60, datetime.now(UTC) - timedelta(hours=5), name="Drink water"),
        options=PushOptions(missed="once"),
    )
    push_id = rt.service.create(spec)
    rt.scheduler.modify_job(
        str(push_id), next_run_time=datetime.now(UTC) - timedelta(hours=3, minutes=30)
    )
    now = datetime.now(UTC)
    missed = find_missed(rt.db, rt.scheduler, now)
    assert len(missed) == 4

    dialog = make_dialog(qtbot, missed)
    assert text(dialog, 0, REMINDER) == "Drink water (4 times)"
    qtbot.mouseClick(dialog.skip_all_button, Qt.MouseButton.LeftButton)
    choose(qtbot, dialog, 0, "Send now")
    choose(qtbot, dialog, 3, "Send now")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    resolve(rt.db, rt.scheduler, missed, dialog.decisions(), now)
    rt.scheduler.resume()
    expected = [
        (missed[0].due, "ok", "missed"),
        (missed[1].due, "skipped", "missed"),
        (missed[2].due, "skipped", "missed"),
        (missed[3].due, "ok", "missed"),
    ]
    qtbot.waitUntil(lambda: runs(rt, push_id) == expected, timeout=60_000)
    assert len(desktop.shown) == 2
    assert rt.scheduler.get_job(str(push_id)).next_run_time > now
    assert find_missed(rt.db, rt.scheduler, datetime.now(UTC)) == []
