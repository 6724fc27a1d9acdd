"""Write cost: add, edit and delete a push with 10 and with 10,000 pushes already there.

Each operation is what the window does when the user saves: the ``PushService`` call
(database row and APScheduler job in step) followed by the push list's refresh of that one
row (``service.rows([id])`` into the table model, which keeps its sort order). The runtime
is real (``QCoreApplication`` + ``start_runtime`` on a data folder filled beforehand), the
scheduler running. The baseline is the plain APScheduler equivalent: ``add_job``,
``reschedule_job`` and ``remove_job`` on a ``BackgroundScheduler`` with a
``SQLAlchemyJobStore`` in SQLite holding as many jobs.
All four set-ups exist at once and every repetition runs each of them in turn, so a busy
moment on a shared machine hits every size alike; wall and CPU time are both reported.
Target: flat, i.e. each pushgui operation at 10,000 within 1.2x of the same at 10.

    python -m bench.write_cost [--repeat 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from datetime import time as day_time
from pathlib import Path
from typing import TypeVar

from bench.fixtures import populate, varied_specs
from bench.report import median, percentile, publish, table

FLAT = 1.2  # issue 10 (issue 5 asked for 1.5)
SIZES = (10, 10_000)
OPS = ("add", "edit", "delete")


def noop() -> None:
    """The baseline's job function (never runs: every job is due tomorrow)."""


T = TypeVar("T")
Costs = dict[str, list[tuple[float, float]]]  # per operation: (wall s, CPU s) per repetition
Step = Callable[[int], None]  # repetition i: one add, one edit, one delete


def _timed(costs: Costs, op: str, action: Callable[[], T]) -> T:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    costs[op].append((time.perf_counter() - wall, time.process_time() - cpu))
    return result


def pushgui_setup(folder: Path, existing: int, costs: Costs) -> tuple[Step, Callable[[], None]]:
    from PySide6.QtCore import Qt

    from pushgui.app import start_runtime
    from pushgui.core.schedule.spec import CalendarSpec
    from pushgui.core.system.paths import locate
    from pushgui.ui.main.push_model import NEXT_RUN, PushFilterModel, PushTableModel

    populate(folder, varied_specs(existing))
    runtime = start_runtime(locate(folder))  # the first start gives every push its job
    service = runtime.service
    model = PushTableModel()
    proxy = PushFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(NEXT_RUN, Qt.SortOrder.AscendingOrder)
    model.set_rows(service.rows())
    template = varied_specs(3)[2]  # weekdays at a time of day

    def refresh(push_id: int) -> None:
        rows = service.rows([push_id])
        model.update_rows(rows, removed={push_id} - {r.id for r in rows})

    def step(i: int) -> None:
        spec = replace(template, name=f"Written {i}")
        assert isinstance(spec.trigger, CalendarSpec)
        edited = replace(
            spec,
            name=f"Written {i} (edited)",
            trigger=replace(spec.trigger, times=(day_time(10, i % 60),)),
        )

        def add() -> int:
            push_id = service.create(spec)
            refresh(push_id)
            return push_id

        def edit() -> None:
            service.update(push_id, edited)
            refresh(push_id)

        def delete() -> None:
            service.delete(push_id)
            refresh(push_id)

        push_id = _timed(costs, "add", add)
        _timed(costs, "edit", edit)
        _timed(costs, "delete", delete)

    return step, runtime.stop


def baseline_setup(folder: Path, existing: int, costs: Costs) -> tuple[Step, Callable[[], None]]:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    url = f"sqlite:///{folder / 'jobs.sqlite'}"
    scheduler = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(url=url)})
    scheduler.start()
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    for i in range(existing):
        scheduler.add_job(noop, "cron", hour=9, minute=i % 60, id=f"job{i}", next_run_time=tomorrow)

    def step(i: int) -> None:
        _timed(
            costs,
            "add",
            lambda: scheduler.add_job(noop, "cron", day_of_week="mon-fri", hour=9, id=f"new{i}"),
        )
        _timed(
            costs,
            "edit",
            lambda: scheduler.reschedule_job(
                f"new{i}", trigger="cron", day_of_week="mon-fri", hour=10
            ),
        )
        _timed(costs, "delete", lambda: scheduler.remove_job(f"new{i}"))

    return step, lambda: scheduler.shutdown(wait=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    results: dict[tuple[str, int], Costs] = {}
    with tempfile.TemporaryDirectory(prefix="pushgui-write-") as tmp:
        steps: dict[tuple[str, int], Step] = {}
        stops: list[Callable[[], None]] = []
        for n in SIZES:
            for kind, setup in (("baseline", baseline_setup), ("pushgui", pushgui_setup)):
                folder = Path(tmp) / f"{kind}-{n}"
                folder.mkdir()
                print(f"{kind} with {n:,} existing…", flush=True)
                results[(kind, n)] = {op: [] for op in OPS}
                step, stop = setup(folder, n, results[(kind, n)])
                steps[(kind, n)] = step
                stops.append(stop)
        try:
            # Interleaved: each repetition does every size and kind in turn, so a busy moment
            # on the machine hits them alike.
            for i in range(args.repeat):
                for step in steps.values():
                    step(i)
        finally:
            for stop in stops:
                stop()

    def ms(kind: str, n: int, op: str, which: int = 0) -> float:
        return median([c[which] for c in results[(kind, n)][op]]) * 1000

    def p90(kind: str, n: int, op: str) -> float:
        return percentile([c[0] for c in results[(kind, n)][op]], 90) * 1000

    rows = []
    for kind, label in (
        ("baseline", "plain APScheduler + SQLAlchemyJobStore (baseline)"),
        ("pushgui", "pushgui (service + list refresh)"),
    ):
        for n in SIZES:
            rows.append(
                [
                    f"{label}, {n:,} existing",
                    *(
                        f"{ms(kind, n, op):.1f} (p90 {p90(kind, n, op):.1f}; "
                        f"CPU {ms(kind, n, op, 1):.1f})"
                        for op in OPS
                    ),
                ]
            )
    body = table(["", "add (ms)", "edit (ms)", "delete (ms)"], rows)
    ratios = {op: ms("pushgui", SIZES[1], op) / ms("pushgui", SIZES[0], op) for op in OPS}
    cpu_ratios = {op: ms("pushgui", SIZES[1], op, 1) / ms("pushgui", SIZES[0], op, 1) for op in OPS}
    body += (
        f"\n\nWall-clock medians (90th percentiles; CPU-time medians) of {args.repeat} "
        "repetitions, sizes and kinds interleaved. pushgui at "
        f"{SIZES[1]:,} / at {SIZES[0]}: "
        + ", ".join(f"{op} {ratios[op]:.2f}x" for op in OPS)
        + f" (geometric mean {statistics.geometric_mean(ratios.values()):.2f}x); in CPU time "
        + ", ".join(f"{op} {cpu_ratios[op]:.2f}x" for op in OPS)
        + "."
    )
    flat = all(r <= FLAT for r in ratios.values())
    summary = (
        f"pushgui at {SIZES[0]} / {SIZES[1]:,} existing pushes: "
        + "; ".join(
            f"{op} {ms('pushgui', SIZES[0], op):.1f} / {ms('pushgui', SIZES[1], op):.1f} ms"
            for op in OPS
        )
        + f" (flat, ≤ {FLAT}x: {'met' if flat else 'NOT met'})."
    )
    publish(
        "write",
        "Write cost (add, edit, delete at 10 and 10,000 pushes)",
        f"python -m bench.write_cost --repeat {args.repeat}",
        body,
        summary,
    )


if __name__ == "__main__":
    main()
