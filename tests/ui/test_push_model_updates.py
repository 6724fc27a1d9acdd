"""Changing one row of the push list touches that row only, whatever the list's size.

A row whose sort place changes is removed and inserted, never moved: the filter proxy
answers a move with a layout change and filters every row again (bench/write_cost.py
measured edits at 10,000 pushes costing 2.3x those at 10). Checked through the signals the
proxy emits, which do not depend on how fast the machine is.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from pushgui.app import start_runtime
from pushgui.core.pushes.service import PushRow
from pushgui.core.pushes.spec import stored_spec
from pushgui.core.system.paths import locate
from pushgui.ui.main.main_window import MainWindow
from pushgui.ui.main.push_model import (
    ENABLED,
    NAME,
    NEXT_RUN,
    SCHEDULE,
    PushFilterModel,
    PushTableModel,
)
from tests.helpers import once_in, weekdays_at_nine

START = datetime(2030, 1, 1, 9, tzinfo=UTC)
SPECS = [stored_spec(weekdays_at_nine()), stored_spec(once_in(3600))]


def row(push_id: int, minutes: int, name: str = "", enabled: bool = True) -> PushRow:
    return PushRow(
        id=push_id,
        name=name or f"Push {push_id:03d}",
        spec_json=SPECS[push_id % 2],
        enabled=enabled,
        next_run=START + timedelta(minutes=minutes),
        last_status=None,
        last_run_at=None,
    )


class Signals:
    def __init__(self, proxy: PushFilterModel) -> None:
        self.seen: list[str] = []
        for name in ("layoutChanged", "modelReset", "rowsRemoved", "rowsInserted", "rowsMoved"):
            getattr(proxy, name).connect(lambda *_a, name=name: self.seen.append(name))


@pytest.fixture
def models(qapp):
    model = PushTableModel()
    proxy = PushFilterModel()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    model.set_rows([row(i, minutes=10 * i) for i in range(1, 201)])
    proxy.sort(NEXT_RUN, Qt.SortOrder.AscendingOrder)
    yield model, proxy, view
    view.deleteLater()


def test_a_row_that_moves_is_removed_and_inserted_not_moved(models):
    model, proxy, _view = models
    signals = Signals(proxy)
    model.update_rows([row(5, minutes=5000)])  # from 6th place to the end
    assert signals.seen == ["rowsRemoved", "rowsInserted"]
    assert model.ids()[-1] == 5
    assert [proxy.index(i, 0).data(Qt.ItemDataRole.DisplayRole) for i in (0, 199)] == [
        "Push 001",
        "Push 005",
    ]


def test_a_row_that_stays_in_place_is_only_changed(models):
    model, proxy, _view = models
    signals = Signals(proxy)
    model.update_rows([row(5, minutes=51, name="Renamed")])
    assert signals.seen == []
    assert proxy.index(4, NAME).data() == "Renamed"


@pytest.mark.parametrize("column", [NEXT_RUN, NAME, SCHEDULE, ENABLED])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_the_list_stays_sorted_through_many_changes(models, column, order):
    model, proxy, _view = models
    proxy.sort(column, order)
    shuffle = random.Random(column * 2 + int(order == Qt.SortOrder.DescendingOrder))
    alive = set(model.ids())
    for step in range(300):
        push_id = shuffle.randint(1, 260)
        if push_id in alive and step % 7 == 0:
            model.update_rows([], removed={push_id})
            alive.discard(push_id)
            continue
        changed = row(
            push_id,
            minutes=shuffle.randint(0, 5000),
            name=f"Push {shuffle.randint(0, 999):03d}",
            enabled=shuffle.random() < 0.8,
        )
        model.update_rows([changed])
        alive.add(push_id)
    assert sorted(model.ids()) == sorted(alive)
    key = model._sort_key(column)
    rows = [model.row_at(i) for i in range(model.rowCount())]
    expected = sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
    assert [r.id for r in rows] == [r.id for r in expected]
    for i, push_id in enumerate(model.ids()):
        assert model.index_of(push_id).row() == i


@pytest.fixture
def runtime(qapp, data_dir):
    rt = start_runtime(locate(data_dir))
    yield rt
    rt.stop()


def test_the_selected_reminder_stays_selected_when_a_change_moves_it(qtbot, runtime):
    ids = [runtime.service.create(once_in(3600 * (i + 1), name=f"R{i}")) for i in range(5)]
    window = MainWindow(runtime.service, runtime.bridge, runtime.settings, runtime.books.templates)
    qtbot.addWidget(window)
    window.show()
    window.select_id(ids[1])
    spec = runtime.service.get(ids[1])
    runtime.service.update(ids[1], replace(spec, trigger=once_in(3600 * 10).trigger))
    window.refresh_ids({ids[1]})
    assert window.model.ids()[-1] == ids[1]  # it moved to the end
    assert window.selected_id() == ids[1]
