"""Write cost: add, edit and delete a push with 10 and with 10,000 pushes already there.

Each operation is what the window does when the user saves: the ``PushService`` call
(database row and APScheduler job in step) followed by the push list's refresh of that one
row (``service.rows([id])`` into the table model, which keeps its sort order). The runtime
is real (``QCoreApplication`` + ``start_runtime`` on a data folder filled beforehand), the
scheduler running. The baseline is the plain APScheduler equivalent: ``add_job``,
``reschedule_job`` and ``remove_job`` on a ``BackgroundScheduler`` with a
``SQLAlchemyJobStore`` in SQLite holding as many jobs.
Target: flat, i.e. each pushgui operation at 10,000 within 1.5x of the same at 10.

    python -m bench.write_cost [--repeat 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

from bench.fixtures import populate, varied_specs
from bench.report import median, percentile, publish, table

FLAT = 1.5
SIZES = (10, 10_000)
OPS = ("add", "edit", "delete")


def noop() -> None:
    """The baseline's job function (never runs: every job is due tomorrow)."""


def pushgui_costs(folder: Path, existing: int, repeat: int) -> dict[str, list[float]]:
    from PySide6.QtCore import Qt

    from pushgui.app import start_runtime
    from pushgui.core.paths import locate
    from pushgui.core.schedule.spec import CalendarSpec
    from pushgui.ui.push_model import NEXT_RUN, PushFilterModel, PushTableModel

    populate(folder, varied_specs(existing))
    runtime = start_runtime(locate(folder))  # the first start gives every push its job
    service = runtime.service
    model = PushTableModel()
    proxy = PushFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(NEXT_RUN, Qt.SortOrder.AscendingOrder)
    model.set_rows(service.rows())

    def refresh(push_id: int) -> None:
        rows = service.rows([push_id])
        model.update_rows(rows, removed={push_id} - {r.id for r in rows})

    costs: dict[str, list[float]] = {op: [] for op in OPS}
    template = varied_specs(3)[2]  # weekdays at a time of day
    try:
        for i in range(repeat):
            spec = replace(template, name=f"Written {i}")
            start = time.perf_counter()
            push_id = service.create(spec)
            refresh(push_id)
            costs["add"].append(time.perf_counter() - start)

            assert isinstance(spec.trigger, CalendarSpec)
            edited = replace(
                spec,
                name=f"Written {i} (edited)",
                trigger=replace(spec.trigger, times=(day_time(10, i % 60),)),
            )
            start = time.perf_counter()
            service.update(push_id, edited)
            refresh(push_id)
            costs["edit"].append(time.perf_counter() - start)

            start = time.perf_counter()
            service.delete(push_id)
            refresh(push_id)
            costs["delete"].append(time.perf_counter() - start)
    finally:
        runtime.stop()
    return costs


def baseline_costs(folder: Path, existing: int, repeat: int) -> dict[str, list[float]]:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    url = f"sqlite:///{folder / 'jobs.sqlite'}"
    scheduler = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(url=url)})
    scheduler.start()
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    for i in range(existing):
        scheduler.add_job(noop, "cron", hour=9, minute=i % 60, id=f"job{i}", next_run_time=tomorrow)
    costs: dict[str, list[float]] = {op: [] for op in OPS}
    try:
        for i in range(repeat):
            start = time.perf_counter()
            scheduler.add_job(noop, "cron", day_of_week="mon-fri", hour=9, id=f"new{i}")
            costs["add"].append(time.perf_counter() - start)
            start = time.perf_counter()
            scheduler.reschedule_job(f"new{i}", trigger="cron", day_of_week="mon-fri", hour=10)
            costs["edit"].append(time.perf_counter() - start)
            start = time.perf_counter()
            scheduler.remove_job(f"new{i}")
            costs["delete"].append(time.perf_counter() - start)
    finally:
        scheduler.shutdown(wait=False)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    results: dict[tuple[str, int], dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="pushgui-write-") as tmp:
        for n in SIZES:
            for kind, measure in (("baseline", baseline_costs), ("pushgui", pushgui_costs)):
                folder = Path(tmp) / f"{kind}-{n}"
                folder.mkdir()
                print(f"{kind} with {n:,} existing…", flush=True)
                results[(kind, n)] = measure(folder, n, args.repeat)

    def ms(kind: str, n: int, op: str) -> float:
        return median(results[(kind, n)][op]) * 1000

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
                        f"{ms(kind, n, op):.1f} (p90 "
                        f"{percentile(results[(kind, n)][op], 90) * 1000:.1f})"
                        for op in OPS
                    ),
                ]
            )
    body = table(["", "add (ms)", "edit (ms)", "delete (ms)"], rows)
    ratios = {op: ms("pushgui", SIZES[1], op) / ms("pushgui", SIZES[0], op) for op in OPS}
    body += (
        f"\n\nMedians (and 90th percentiles) of {args.repeat} repetitions. pushgui at "
        f"{SIZES[1]:,} / at {SIZES[0]}: "
        + ", ".join(f"{op} {ratios[op]:.2f}x" for op in OPS)
        + f" (geometric mean {statistics.geometric_mean(ratios.values()):.2f}x)."
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
