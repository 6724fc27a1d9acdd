"""Idle cost: CPU time over 60 s with 1,000 pushes and nothing due.

Three processes idle side by side over the same window: pushgui headless
(``python -m pushgui --data-dir D run --headless``), the pushgui window (offscreen, shown)
on another data folder, and the baseline, a plain ``BackgroundScheduler`` script with
APScheduler's defaults holding 1,000 future date jobs in memory. Each data folder holds
1,000 pushes (none due within the hour), started once beforehand so every push has its job.
After a settling delay (start-up is not idle time), each process's user+system CPU time and
the main thread's voluntary context switches (about one per wakeup) are read with psutil at
the start and at the end of the window. Target: pushgui under 0.5% of one core.

    python -m bench.idle_cost [--seconds 60] [--pushes 1000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench.fixtures import offscreen_env, populate, reconcile_once, varied_specs
from bench.report import publish, table

TARGET = 0.5  # percent of one core
SETTLE_S = 10.0


def run_baseline(count: int) -> None:
    """The plain APScheduler script: 1,000 jobs due tomorrow, then wait."""
    from datetime import datetime, timedelta

    from apscheduler.schedulers.background import BackgroundScheduler

    def job(i: int) -> None:
        print(i)

    scheduler = BackgroundScheduler()
    for i in range(count):
        when = datetime.now().astimezone() + timedelta(days=1, minutes=i)
        scheduler.add_job(job, "date", run_date=when, args=[i])
    scheduler.start()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        scheduler.shutdown()


def sample(process: psutil.Process) -> tuple[float, int]:
    times = process.cpu_times()
    return times.user + times.system, process.num_ctx_switches().voluntary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pushes", type=int, default=1000)
    parser.add_argument("--contestant", choices=("baseline",))
    args = parser.parse_args()
    if args.contestant == "baseline":
        run_baseline(args.pushes)
        return

    from PySide6.QtCore import QCoreApplication

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="pushgui-idle-") as tmp:
        folders = {}
        for kind in ("headless", "window"):
            folder = folders[kind] = Path(tmp) / kind
            folder.mkdir()
            populate(folder, varied_specs(args.pushes))
            reconcile_once(folder)
        commands = {
            "plain BackgroundScheduler, 1,000 jobs (baseline)": [
                python,
                "-m",
                "bench.idle_cost",
                "--contestant",
                "baseline",
                "--pushes",
                str(args.pushes),
            ],
            "pushgui headless": [
                python,
                "-m",
                "pushgui",
                "--data-dir",
                str(folders["headless"]),
                "run",
                "--headless",
            ],
            "pushgui window (offscreen)": [
                python,
                "-m",
                "pushgui",
                "--data-dir",
                str(folders["window"]),
            ],
        }
        children = {
            name: subprocess.Popen(
                command,
                env=offscreen_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for name, command in commands.items()
        }
        try:
            time.sleep(SETTLE_S)
            procs = {name: psutil.Process(child.pid) for name, child in children.items()}
            for name, child in children.items():
                if child.poll() is not None:
                    raise SystemExit(f"{name} exited early with {child.returncode}")
            before = {name: sample(p) for name, p in procs.items()}
            start = time.monotonic()
            print(f"Measuring {args.seconds:.0f} s of idle time…", flush=True)
            time.sleep(args.seconds)
            after = {name: sample(p) for name, p in procs.items()}
            elapsed = time.monotonic() - start
        finally:
            for child in children.values():
                child.terminate()
            for child in children.values():
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()

    rows, share = [], {}
    for name in commands:
        cpu = after[name][0] - before[name][0]
        switches = after[name][1] - before[name][1]
        share[name] = 100 * cpu / elapsed
        rows.append(
            [
                name,
                f"{cpu * 1000:.0f}",
                f"{share[name]:.3f}",
                f"{switches / elapsed:.1f}",
            ]
        )
    body = table(
        ["", f"CPU time over {elapsed:.0f} s (ms)", "% of one core", "main-thread wakeups/s"],
        rows,
    )
    worst = max(share["pushgui headless"], share["pushgui window (offscreen)"])
    verdict = "met" if worst < TARGET else "NOT met"
    summary = (
        f"{args.pushes} pushes, nothing due, {elapsed:.0f} s: pushgui headless uses "
        f"{share['pushgui headless']:.3f}% of a core, the window "
        f"{share['pushgui window (offscreen)']:.3f}%, the plain script "
        f"{share['plain BackgroundScheduler, 1,000 jobs (baseline)']:.3f}% "
        f"(target < {TARGET}%: {verdict})."
    )
    publish(
        "idle",
        "Idle cost (1,000 pushes, nothing due)",
        f"python -m bench.idle_cost --seconds {args.seconds:.0f} --pushes {args.pushes}",
        body,
        summary,
    )


if __name__ == "__main__":
    main()
