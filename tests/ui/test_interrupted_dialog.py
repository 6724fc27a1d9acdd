"""Deliveries a crash left half-done, listed after a real restart: the user resends some
(they are sent) and dismisses the others (they stay unsent, recorded as skipped)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, update

from pushgui.app import Runtime, start_runtime
from pushgui.core.channels.base import Outcome
from pushgui.core.pushes.spec import Target
from pushgui.core.runs.history import History, HistoryFilter
from pushgui.core.runs.runner import run_push
from pushgui.core.store.models import Delivery, Run
from pushgui.core.system.paths import locate
from pushgui.ui.dialogs.interrupted_dialog import (
    CHANNEL,
    RECIPIENT,
    REMINDER,
    WHEN,
    InterruptedDialog,
)
from pushgui.ui.widgets.when import format_when
from tests.helpers import weekdays_at_nine


class RecordingDesktop:
    def __init__(self):
        self.shown = []

    def send(self, messages):
        self.shown.extend(messages)
        return [Outcome(ok=True) for _ in messages]


@pytest.fixture
def desktop():
    return RecordingDesktop()


@pytest.fixture
def runtime(qapp, data_dir, desktop):
    started: list[Runtime] = []

    def start() -> Runtime:
        rt = start_runtime(locate(data_dir))
        rt.hand_desktop_to(desktop)  # as the window's is, once it is built
        started.append(rt)
        return rt

    yield start
    for rt in started:
        if rt.scheduler.running:
            rt.stop()


def crash_while_sending(rt: Runtime, name: str) -> int:
    """A run of ``name`` whose delivery was still "sending" when pushgui was killed."""
    push_id = rt.service.create(replace(weekdays_at_nine(name), targets=(Target(),)))
    ctx = replace(rt.executor.context, engine=None).at(datetime(2030, 1, 7, 8, tzinfo=UTC))
    run_push(push_id, context=ctx)
    with rt.db.session() as session:
        run_id = session.execute(select(Run.id).where(Run.push_id == push_id)).scalar_one()
        session.execute(update(Delivery).where(Delivery.run_id == run_id).values(status="sending"))
        session.execute(
            update(Run).where(Run.id == run_id).values(status="running", finished_at=None)
        )
    return push_id


def status_of(rt: Runtime, delivery_id: int) -> str:
    with rt.db.session() as session:
        return session.execute(
            select(Delivery.status).where(Delivery.id == delivery_id)
        ).scalar_one()


def test_resend_sends_the_checked_ones_and_dismiss_leaves_the_rest_unsent(qtbot, runtime, desktop):
    first = runtime()
    crash_while_sending(first, "Water the plants")
    crash_while_sending(first, "Pay rent")
    first.stop()
    desktop.shown.clear()

    rt = runtime()  # the restart marks them interrupted and sends nothing by itself
    rows = History(rt.db).rows(HistoryFilter(statuses=("interrupted",)))
    assert len(rows) == 2
    assert desktop.shown == []
    ids = {row.push_name: row.delivery_id for row in rows}

    dialog = InterruptedDialog(rows)
    qtbot.addWidget(dialog)
    dialog.resend_requested.connect(rt.service.resend)
    dialog.dismiss_requested.connect(rt.service.dismiss)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Some messages may not have been sent"
    assert dialog.headline.text() == "2 messages may not have been sent."
    model = dialog.model
    row = next(r for r in range(2) if model.index(r, REMINDER).data() == "Pay rent")
    assert model.index(row, RECIPIENT).data() == "Me"
    assert model.index(row, CHANNEL).data() == "Desktop"
    assert model.index(row, WHEN).data() == format_when(rows[row].started_at)
    assert sorted(dialog.checked_ids()) == sorted(ids.values())
    assert dialog.count_label.text() == "2 of 2 selected"

    # Space on the row's check box unticks "Pay rent": only the plants are resent.
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(model.index(row, REMINDER))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.checked_ids() == [ids["Water the plants"]]
    assert dialog.count_label.text() == "1 of 2 selected"
    with qtbot.waitSignal(dialog.resend_requested) as resent:
        qtbot.mouseClick(dialog.resend_button, Qt.MouseButton.LeftButton)
    assert resent.args == [[ids["Water the plants"]]]
    assert model.rowCount() == 1 and model.index(0, REMINDER).data() == "Pay rent"
    assert dialog.headline.text() == "One message may not have been sent."
    assert not dialog.resend_button.isEnabled() and not dialog.dismiss_button.isEnabled()
    qtbot.waitUntil(lambda: status_of(rt, ids["Water the plants"]) == "sent", timeout=60_000)
    assert [m.push_name for m in desktop.shown] == ["Water the plants"]

    # "Select all" ticks it again; Dismiss empties the list and closes the dialog.
    qtbot.mouseClick(dialog.all_box, Qt.MouseButton.LeftButton)
    assert dialog.checked_ids() == [ids["Pay rent"]]
    with (
        qtbot.waitSignal(dialog.dismiss_requested) as dismissed,
        qtbot.waitSignal(dialog.accepted),
    ):
        qtbot.mouseClick(dialog.dismiss_button, Qt.MouseButton.LeftButton)
    assert dismissed.args == [[ids["Pay rent"]]]
    assert status_of(rt, ids["Pay rent"]) == "skipped"
    assert History(rt.db).rows(HistoryFilter(statuses=("interrupted",))) == []
    assert len(desktop.shown) == 1


def test_select_all_unticks_and_ticks_every_row(qtbot, runtime, desktop):
    rt = runtime()
    crash_while_sending(rt, "One")
    crash_while_sending(rt, "Two")
    rt.service.mark_interrupted()
    rows = History(rt.db).rows(HistoryFilter(statuses=("interrupted",)))
    dialog = InterruptedDialog(rows)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.all_box.checkState() == Qt.CheckState.Checked
    qtbot.mouseClick(dialog.all_box, Qt.MouseButton.LeftButton)
    assert dialog.checked_ids() == []
    assert dialog.all_box.checkState() == Qt.CheckState.Unchecked
    assert not dialog.resend_button.isEnabled()
    with qtbot.assertNotEmitted(dialog.resend_requested):
        dialog.resend_checked()
    qtbot.mouseClick(dialog.all_box, Qt.MouseButton.LeftButton)
    assert len(dialog.checked_ids()) == 2
    dialog.model.setData(
        dialog.model.index(0, REMINDER), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    )
    assert dialog.all_box.checkState() == Qt.CheckState.PartiallyChecked
