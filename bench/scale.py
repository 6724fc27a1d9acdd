"""Scale: 0, 1,000 and 10,000 pushes; start-up, ``pushgui list``, memory, filter, editor.

For each size a data folder is filled through ``PushService.save_new`` (one transaction)
and started once to give every push its job, as after a first start. Then, several rounds:
``python -m bench.window_probe DIR`` starts pushgui exactly as ``python -m pushgui`` does
(offscreen Qt) and reports when the main window first painted; start-up is measured from
just before the process is spawned. The probe also reports the resident memory at that
moment, the time to filter the table (typing into the filter box until the proxy has
settled, worst of four filters) and to open the editor on a push. ``pushgui list`` is timed
from spawn to exit. The baseline is the same app with no pushes, and, as the floor any
PySide6 program pays, an empty ``QMainWindow`` started the same way.

Start-up is also reported as CPU time used by the first paint (all threads), which a busy
machine inflates far less than the wall time, and as the time when the work pushgui defers
past the first paint (starting the scheduler, reconciling, importing the other windows) is
done; filtering and opening the editor are measured after that. ``--compare DIR`` starts
another checkout of pushgui (e.g. the previous commit) on the same data folders in the same
run, interleaved.

Targets: start with 10,000 pushes < 1.5x the start with 0; start with 1,000 < 1.5 s
(issue 5); RSS < 250 MB; filtering < 50 ms; start with 0 < 0.8 s and with 10,000 < 1.0 s
(issue 10).

    python -m bench.scale [--rounds 3] [--sizes 0,1000,10000] [--compare DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.fixtures import offscreen_env, populate, reconcile_once, varied_specs
from bench.report import median, publish, table

START_RATIO = 1.5
START_1000_S = 1.5
RSS_MB = 250.0
FILTER_MS = 50.0
START_0_S = 0.8
START_10000_S = 1.0


def tree_env(tree: Path | None) -> dict[str, str]:
    """The child's environment; with ``tree``, that checkout's pushgui comes first."""
    env = offscreen_env()
    if tree is not None:
        env["PYTHONPATH"] = str(tree) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def probe(folder: Path | None, tree: Path | None = None) -> dict[str, float]:
    """One start of the app (or of a bare window); the probe's report plus ``start_s``."""
    args = [sys.executable, "-m", "bench.window_probe", str(folder or "-")]
    if folder is None:
        args.append("--bare")
    spawned = time.time()
    done = subprocess.run(
        args,
        env=tree_env(tree),
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("PROBE ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"probe failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    report = json.loads(lines[-1][len("PROBE ") :])
    report["start_s"] = report["shown"] - spawned
    if "ready" in report:
        report["ready_s"] = report["ready"] - spawned
    report["filter_worst_ms"] = max(report.get("filter_ms", {"": 0.0}).values())
    return report  # type: ignore[no-any-return]


def list_time(folder: Path, tree: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pushgui", "--data-dir", str(folder), "list"],
        env=tree_env(tree),
        cwd=tree,
        stdout=subprocess.DEVNULL,
        check=True,
        timeout=120,
    )
    return time.perf_counter() - start


def prepare(root: Path, count: int) -> Path:
    from PySide6.QtCore import QCoreApplication

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    folder = root / f"pushes-{count}"
    folder.mkdir()
    populate(folder, varied_specs(count))
    reconcile_once(folder)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="0,1000,10000")
    parser.add_argument(
        "--compare", type=Path, help="another pushgui checkout to start in the same run"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    before = args.compare.resolve() if args.compare is not None else None

    results: dict[str, list[dict[str, float]]] = {}
    lists: dict[int, list[float]] = {n: [] for n in sizes}
    before_lists: dict[int, list[float]] = {n: [] for n in sizes}
    with tempfile.TemporaryDirectory(prefix="pushgui-scale-") as tmp:
        folders = {n: prepare(Path(tmp), n) for n in sizes}
        probe(folders[sizes[0]])  # warm the OS file cache before anything is timed
        if before is not None:
            probe(folders[sizes[0]], before)
        for _round in range(args.rounds):
            # Interleaved, so a busy moment on the machine hits every size alike.
            results.setdefault("bare", []).append(probe(None))
            for n in sizes:
                results.setdefault(str(n), []).append(probe(folders[n]))
                lists[n].append(list_time(folders[n]))
                if before is not None:
                    results.setdefault(f"before {n}", []).append(probe(folders[n], before))
                    before_lists[n].append(list_time(folders[n], before))

    def med(key: str, field: str) -> float:
        return median([r[field] for r in results[key] if field in r])

    def cpu(key: str) -> str:
        return f"{med(key, 'cpu_s'):.2f}" if any("cpu_s" in r for r in results[key]) else "-"

    rows = [
        [
            "empty QMainWindow (floor)",
            f"{med('bare', 'start_s'):.2f}",
            cpu("bare"),
            "-",
            "-",
            f"{med('bare', 'rss_mb'):.0f}",
            "-",
            "-",
        ]
    ]
    labels = [(f"before {n}", f"before (--compare), {n:,} pushes", n) for n in sizes]
    labels = (labels if before is not None else []) + [
        (str(n), f"pushgui, {n:,} pushes" + (" (baseline)" if n == 0 else ""), n) for n in sizes
    ]
    for key, title, n in labels:
        editor = med(key, "editor_ms") if n else 0.0
        listed = before_lists[n] if key.startswith("before") else lists[n]
        rows.append(
            [
                title,
                f"{med(key, 'start_s'):.2f}",
                cpu(key),
                f"{med(key, 'ready_s'):.2f}" if any("ready_s" in r for r in results[key]) else "-",
                f"{median(listed):.2f}",
                f"{med(key, 'rss_mb'):.0f}",
                f"{med(key, 'filter_worst_ms'):.1f}" if n else "-",
                f"{editor:.0f}" if n else "-",
            ]
        )
    body = table(
        [
            "",
            "start to visible window (s)",
            "CPU by then (s)",
            "start-up done (s)",
            "`pushgui list` (s)",
            "RSS after start (MB)",
            "filter, worst of 4 (ms)",
            "open editor (ms)",
        ],
        rows,
    )
    body += (
        f"\n\nMedians of {args.rounds} rounds, sizes interleaved. Every start: "
        + "; ".join(
            f"{title}: " + ", ".join(f"{r['start_s']:.2f}" for r in results[key])
            for key, title, _n in [("bare", "floor", 0), *labels]
        )
        + " s."
    )

    verdicts: list[str] = []
    base = med(str(sizes[0]), "start_s")
    if 10000 in sizes and 0 in sizes:
        ratio = med("10000", "start_s") / med("0", "start_s")
        ok = ratio < START_RATIO
        verdicts.append(
            f"start with 10,000 = {ratio:.2f}x start with 0 (< {START_RATIO}x: "
            f"{'met' if ok else 'NOT met'})"
        )
    if 1000 in sizes:
        s1000 = med("1000", "start_s")
        ok = s1000 < START_1000_S
        verdicts.append(
            f"start with 1,000 = {s1000:.2f} s (< {START_1000_S} s: {'met' if ok else 'NOT met'})"
        )
    for n, target in ((0, START_0_S), (10000, START_10000_S)):
        if n in sizes:
            start = med(str(n), "start_s")
            verdicts.append(
                f"start with {n:,} = {start:.2f} s (< {target} s: "
                f"{'met' if start < target else 'NOT met'})"
            )
    rss = max(med(str(n), "rss_mb") for n in sizes)
    verdicts.append(
        f"RSS ≤ {rss:.0f} MB (< {RSS_MB:.0f} MB: {'met' if rss < RSS_MB else 'NOT met'})"
    )
    filters = [med(str(n), "filter_worst_ms") for n in sizes if n]
    if filters:
        worst = max(filters)
        verdicts.append(
            f"filter ≤ {worst:.0f} ms (< {FILTER_MS:.0f} ms: "
            f"{'met' if worst < FILTER_MS else 'NOT met'})"
        )
    summary = (
        f"Floor (empty QMainWindow) {med('bare', 'start_s'):.2f} s; baseline start with 0 "
        f"pushes {base:.2f} s; " + "; ".join(verdicts) + "."
    )
    command = f"python -m bench.scale --rounds {args.rounds} --sizes {args.sizes}"
    if before is not None:
        command += " --compare BEFORE_CHECKOUT"
    publish(
        "scale",
        "Scale: 0, 1,000 and 10,000 pushes",
        command,
        body,
        summary,
    )


if __name__ == "__main__":
    main()
