"""The current time, as core code reads it: a callable passed in, the real clock by default.

Code that compares due times with "now" (heads-ups, missed runs, snoozes, skipping) takes a
``clock`` argument, so that tests move time instead of waiting for it. Job functions that
APScheduler calls keep the default: the scheduler only passes their stored arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Returns the current time as an aware datetime (any zone; UTC by convention)."""


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)
