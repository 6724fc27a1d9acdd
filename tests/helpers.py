"""Small builders shared by tests (specs and times), not fixtures."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from pushgui.core.pushes.spec import Message, PushSpec
from pushgui.core.schedule.spec import CalendarSpec, IntervalSpec, OnceSpec

ZONE = "Europe/Berlin"
#: Seconds a wait for a condition may take: it only bounds a hang; the wait ends as soon
#: as the condition holds, however busy the machine is.
HANG = 60.0


def wait_until(predicate: Callable[[], object], what: str, timeout: float = HANG) -> None:
    """Return as soon as ``predicate()`` is true; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.02)  # polling a condition, not a fixed wait


def wall(moment: datetime, zone: str = ZONE) -> datetime:
    """The naive wall-clock time of an aware ``moment`` in ``zone``."""
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def once_in(seconds: float, name: str = "Once", zone: str = ZONE) -> PushSpec:
    """A one-off push due ``seconds`` from now, rounded up to a whole second as in a file."""
    from datetime import UTC

    at = wall(datetime.now(UTC) + timedelta(seconds=seconds), zone)
    if at.microsecond:
        at = at.replace(microsecond=0) + timedelta(seconds=1)
    return PushSpec(name=name, message=Message("Title " + name, "Body"), trigger=OnceSpec(at, zone))


def every_minutes(minutes: int, start: datetime, name: str = "Interval") -> PushSpec:
    start = wall(start).replace(microsecond=0)
    trigger = IntervalSpec(every=minutes, unit="minutes", start=start, timezone=ZONE)
    return PushSpec(name=name, message=Message("Tick " + name), trigger=trigger)


def weekdays_at_nine(name: str = "Standup", days_ahead: int = 0) -> PushSpec:
    """Weekdays at 09:00 in :data:`ZONE`; ``days_ahead`` > 0 starts the rule that many days
    from today, for a test whose first run must be far off whatever the time of day (a
    heads-up ten minutes before 09:00 is due at once when the test runs at 08:55)."""
    from datetime import UTC
    from zoneinfo import ZoneInfo

    start = None
    if days_ahead:
        start = datetime.now(UTC).astimezone(ZoneInfo(ZONE)).date() + timedelta(days=days_ahead)
    trigger = CalendarSpec(
        timezone=ZONE,
        day_rule="week_days",
        week_days=("mon", "tue", "wed", "thu", "fri"),
        start_date=start,
    )
    return PushSpec(name=name, message=Message("Standup"), trigger=trigger)


@contextmanager
def small_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A real tmpfs of ``size`` (e.g. "4m") mounted at ``folder``, for disk-full faults.

    Mounting needs root on Linux; elsewhere the test is skipped with the reason."""
    import pytest

    folder.mkdir()
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
