"""History table at 10,000 deliveries: load the rows into the model and sort by two columns.

What the history window does when it opens on a long history and the user sorts by a
column (``HistoryTableModel.set_rows`` then ``sort``, as in the test
``tests/ui/test_history_window.py::test_ten_thousand_rows_load_and_sort_quickly``, which
checks the result; the time is measured here, not in the test). The baseline is Python's
``sorted`` of the same rows by the same keys, the floor any table model pays.
Target: load and both sorts < 1 s.

    python -m bench.history_sort [--rounds 5]
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime, timedelta

from bench.report import median, publish, table

ROWS = 10_000
TARGET_S = 1.0


def rows() -> list:
    from pushgui.core.runs.history import HistoryRow

    base = datetime(2030, 1, 1, tzinfo=UTC)
    return [
        HistoryRow(
            delivery_id=i,
            run_id=i // 10,
            push_id=1,
            push_name="Bulk",
            scheduled_at=base + timedelta(minutes=i),
            started_at=base + timedelta(minutes=i),
            channel="email",
            recipient=f"Person {i}",
            address=f"p{i}@example.com",
            status=("sent", "failed", "retrying")[i % 3],
            error="" if i % 3 == 0 else "550 mailbox unavailable",
            attempts=1 + i % 3,
            finished_at=None,
            title="Hello",
        )
        for i in range(ROWS)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, Qt

    from pushgui.ui.history.history_model import RECIPIENT, STARTED, HistoryTableModel

    _app = QCoreApplication.instance() or QCoreApplication([])
    data = rows()
    model_s, floor_s = [], []
    for _ in range(args.rounds):
        model = HistoryTableModel()
        began = time.perf_counter()
        model.set_rows(data)
        model.sort(STARTED, Qt.SortOrder.DescendingOrder)
        model.sort(RECIPIENT, Qt.SortOrder.AscendingOrder)
        model_s.append(time.perf_counter() - began)
        began = time.perf_counter()
        by_started = sorted(data, key=lambda r: r.started_at, reverse=True)
        sorted(by_started, key=lambda r: r.recipient)
        floor_s.append(time.perf_counter() - began)
    model_ms, floor_ms = median(model_s) * 1000, median(floor_s) * 1000
    body = table(
        ["what (10,000 rows)", f"median of {args.rounds} rounds (ms)"],
        [
            ["HistoryTableModel: set_rows + sort x2", f"{model_ms:.1f}"],
            ["baseline: sorted() by the same keys", f"{floor_ms:.1f}"],
        ],
    )
    verdict = "meets" if model_ms / 1000 < TARGET_S else "misses"
    publish(
        "history_sort",
        "History table (10,000 deliveries: load and sort)",
        f"python -m bench.history_sort --rounds {args.rounds}",
        body,
        f"{model_ms:.0f} ms against a {floor_ms:.0f} ms floor; {verdict} the target "
        f"(< {TARGET_S:.0f} s).",
    )


if __name__ == "__main__":
    main()
