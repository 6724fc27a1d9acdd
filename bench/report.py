"""Shared by the benchmarks: machine facts, a printed table, and a section of BENCHMARKS.md.

Each benchmark owns one section of ``docs/BENCHMARKS.md`` (between two marker comments)
and rewrites it on every run, so the file always shows the latest figures together with
the command that produced them and the machine they were measured on.
"""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "BENCHMARKS.md"
HEADER = """# Benchmarks

Figures from the scripts in `bench/`, each written by the script itself on its last run.
Every section names the command, the machine and a baseline measured in the same run.
Run them from the repository root with the test extras installed; none is part of the
test suite.
"""


def machine() -> str:
    try:
        from PySide6 import __version__ as qt
    except ImportError:  # pragma: no cover - benchmarks without Qt
        qt = "n/a"
    cpu = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, PySide6 {qt}"
    )


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (also readable when printed)."""
    cells = [[str(c) for c in headers], *[[str(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def publish(key: str, title: str, command: str, body: str, summary: str) -> None:
    """Print the results and replace this benchmark's section of docs/BENCHMARKS.md."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = (
        f"<!-- bench:{key}:start -->\n"
        f"## {title}\n\n"
        f"Command: `{command}`  \n"
        f"Machine: {machine()}  \n"
        f"Measured: {stamp}\n\n"
        f"{body}\n\n"
        f"**Summary:** {summary}\n"
        f"<!-- bench:{key}:end -->"
    )
    print(body)
    print()
    print(summary)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else HEADER
    start, end = f"<!-- bench:{key}:start -->", f"<!-- bench:{key}:end -->"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        _old, after = rest.split(end, 1)
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
