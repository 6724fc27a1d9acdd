"""Module-level job functions for engine tests (jobs are referenced by text, like real ones)."""

from __future__ import annotations

import threading
from collections import defaultdict

_lock = threading.Lock()
runs: defaultdict[str, list[str]] = defaultdict(list)


def record(key: str) -> None:
    """Note one run under ``key``, with the name of the thread that ran it."""
    with _lock:
        runs[key].append(threading.current_thread().name)


def count(key: str) -> int:
    with _lock:
        return len(runs[key])


def fail(message: str) -> None:
    raise ValueError(message)


RECORD = "tests.engine.jobs:record"
FAIL = "tests.engine.jobs:fail"
