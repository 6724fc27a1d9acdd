"""Lint, format and type checks run with the tests, so CI and a developer see the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKED = [p for p in ("pushgui", "tests", "bench", "packaging", "scripts") if (ROOT / p).is_dir()]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_lint_and_format():
    lint = run("ruff", "check", *CHECKED)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = run("ruff", "format", "--check", *CHECKED)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_strict_on_core_and_clean_everywhere():
    result = run("mypy", "pushgui")
    assert result.returncode == 0, result.stdout + result.stderr
