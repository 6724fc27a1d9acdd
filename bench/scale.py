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

Targets: start with 10,000 pushes < 1.5x the start with 0; start with 1,000 < 1.5 s
(issue 5); RSS < 250 MB; filtering < 50 ms.

    python -m bench.scale [--rounds 3] [--sizes 0,1000,10000]
"""

from __future__ import annotations

import argparse
import json
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


def probe(folder: Path | None) -> dict[str, float]:
    """One start of the app (or of a bare window); the probe's report plus ``start_s``."""
    args = [sys.executable, "-m", "bench.window_probe", str(folder or "-")]
    if folder is None:
        args.append("--bare")
    spawned = time.time()
    done = subprocess.run(
        args, env=offscreen_env(), capture_output=True, text=True, timeout=120, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("PROBE ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"probe failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    report = json.loads(lines[-1][len("PROBE ") :])
    report["start_s"] = report["shown"] - spawned
    report["filter_worst_ms"] = max(report.get("filter_ms", {"": 0.0}).values())
    return report  # type: ignore[no-any-return]


def list_time(folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pushgui", "--data-dir", str(folder), "list"],
        env=offscreen_env(),
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
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    results: dict[str, list[dict[str, float]]] = {}
    lists: dict[int, list[float]] = {n: [] for n in sizes}
    with tempfile.TemporaryDirectory(prefix="pushgui-scale-") as tmp:
        folders = {n: prepare(Path(tmp), n) for n in sizes}
        probe(folders[sizes[0]])  # warm the OS file cache before anything is timed
        for _round in range(args.rounds):
            # Interleaved, so a busy moment on the machine hits every size alike.
            results.setdefault("bare", []).append(probe(None))
            for n in sizes:
                results.setdefault(str(n), []).append(probe(folders[n]))
                lists[n].append(list_time(folders[n]))

    def med(key: str, field: str) -> float:
        return median([r[field] for r in results[key] if field in r])

    rows = [
        [
            "empty QMainWindow (floor)",
            f"{med('bare', 'start_s'):.2f}",
            "-",
            f"{med('bare', 'rss_mb'):.0f}",
            "-",
            "-",
        ]
    ]
    for n in sizes:
        key = str(n)
        editor = med(key, "editor_ms") if n else 0.0
        rows.append(
            [
                f"pushgui, {n:,} pushes" + (" (baseline)" if n == 0 else ""),
                f"{med(key, 'start_s'):.2f}",
                f"{median(lists[n]):.2f}",
                f"{med(key, 'rss_mb'):.0f}",
                f"{med(key, 'filter_worst_ms'):.1f}" if n else "-",
                f"{editor:.0f}" if n else "-",
            ]
        )
    body = table(
        [
            "",
            "start to visible window (s)",
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
            f"{n:,}: " + ", ".join(f"{r['start_s']:.2f}" for r in results[str(n)]) for n in sizes
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
    summary = f"Baseline start with 0 pushes {base:.2f} s; " + "; ".join(verdicts) + "."
    publish(
        "scale",
        "Scale: 0, 1,000 and 10,000 pushes",
        f"python -m bench.scale --rounds {args.rounds} --sizes {args.sizes}",
        body,
        summary,
    )


if __name__ == "__main__":
    main()
