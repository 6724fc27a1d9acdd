"""Command line start: ``pushgui --version``, ``--help`` and ``list`` with 1,000 pushes.

Each command is timed from spawn to exit, as ``python -m pushgui …`` (the ``pushgui``
script runs the same ``main``), several rounds with the commands interleaved so that a busy
moment on the machine hits them alike; medians are reported. The floor is the same
interpreter starting and doing nothing (``python -c pass``), and, for ``list``, importing
SQLAlchemy's ORM, which reading the database needs. ``--compare DIR`` times the same
commands on another checkout of pushgui (e.g. the previous commit) in the same run.

Targets (issue 10): ``--version`` and ``--help`` < 150 ms; ``list`` at 1,000 < 500 ms.

    python -m bench.cli_start [--rounds 7] [--pushes 1000] [--compare DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.fixtures import offscreen_env, populate, reconcile_once, varied_specs
from bench.report import ROOT, median, publish, table

VERSION_HELP_MS = 150.0
LIST_MS = 500.0


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds from spawn to exit of ``python ARGS`` run in ``cwd`` (its pushgui first), and
    the CPU seconds (user + system) the child used: on a busy machine the first grows with
    the load, the second hardly."""
    env = offscreen_env()
    env["PYTHONPATH"] = str(cwd) + os.pathsep + env.get("PYTHONPATH", "")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        timeout=120,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pushes", type=int, default=1000)
    parser.add_argument(
        "--compare", type=Path, help="another pushgui checkout to time in the same run"
    )
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    trees = {"pushgui": ROOT}
    if args.compare is not None:
        trees = {"before": args.compare.resolve(), "pushgui": ROOT}
    with tempfile.TemporaryDirectory(prefix="pushgui-cli-") as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        populate(folder, varied_specs(args.pushes))
        reconcile_once(folder)
        commands = {
            "version": ["-m", "pushgui", "--version"],
            "help": ["-m", "pushgui", "--help"],
            "list": ["-m", "pushgui", "--data-dir", str(folder), "list"],
        }
        floors = {
            "python -c pass": ["-c", "pass"],
            "import sqlalchemy.orm": ["-c", "import sqlalchemy.orm"],
        }
        for tree in trees.values():  # warm the OS file cache and the bytecode caches
            for command in commands.values():
                timed(command, tree)
        times: dict[tuple[str, str], list[float]] = {}
        cpu: dict[tuple[str, str], list[float]] = {}

        def measure(key: tuple[str, str], command: list[str], tree: Path) -> None:
            wall, used = timed(command, tree)
            times.setdefault(key, []).append(wall)
            cpu.setdefault(key, []).append(used)

        for _round in range(args.rounds):
            for name, command in floors.items():
                measure(("floor", name), command, ROOT)
            for label, tree in trees.items():
                for name, command in commands.items():
                    measure((label, name), command, tree)

    def ms(label: str, name: str) -> float:
        return median(times[(label, name)]) * 1000

    def both(label: str, name: str) -> str:
        return f"{ms(label, name):.0f} (CPU {median(cpu[(label, name)]) * 1000:.0f})"

    rows = [
        ["python -c pass (floor)", both("floor", "python -c pass"), "-", "-"],
        ["import sqlalchemy.orm (old floor)", "-", "-", both("floor", "import sqlalchemy.orm")],
    ]
    for label in trees:
        title = "pushgui before (--compare)" if label == "before" else "pushgui"
        rows.append([title, *(both(label, n) for n in ("version", "help", "list"))])
    body = table(
        ["", "`--version` (ms)", "`--help` (ms)", f"`list`, {args.pushes:,} pushes (ms)"], rows
    )
    body += (
        f"\n\nWall time from spawn to exit of `python -m pushgui …` (and the CPU time the "
        f"process used), medians of {args.rounds} rounds, commands interleaved. Every run "
        "(wall, ms): "
        + "; ".join(
            f"{label} {name}: " + ", ".join(f"{t * 1000:.0f}" for t in values)
            for (label, name), values in times.items()
            if label != "floor"
        )
        + "."
    )
    version, help_, listing = (ms("pushgui", n) for n in ("version", "help", "list"))
    fast = version < VERSION_HELP_MS and help_ < VERSION_HELP_MS
    summary = (
        f"`--version` {version:.0f} ms, `--help` {help_:.0f} ms (< {VERSION_HELP_MS:.0f} ms: "
        f"{'met' if fast else 'NOT met'}); `list` with {args.pushes:,} pushes {listing:.0f} ms "
        f"(< {LIST_MS:.0f} ms: {'met' if listing < LIST_MS else 'NOT met'}); interpreter floor "
        f"{ms('floor', 'python -c pass'):.0f} ms."
    )
    if "before" in trees:
        summary += (
            " Before, in the same run: "
            + ", ".join(f"{n} {ms('before', n):.0f} ms" for n in ("version", "help", "list"))
            + "."
        )
    command = f"python -m bench.cli_start --rounds {args.rounds} --pushes {args.pushes}"
    if args.compare is not None:
        command += " --compare BEFORE_CHECKOUT"
    publish(
        "cli",
        f"Command line start (`--version`, `--help`, `list` at {args.pushes:,})",
        command,
        body,
        summary,
    )


if __name__ == "__main__":
    main()
