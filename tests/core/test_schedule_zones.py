"""Time zone lookup: known names, unknown ones as field errors, the machine's own zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import tzlocal

from pushgui.core.errors import SpecError
from pushgui.core.schedule.zones import (
    all_timezones,
    localize,
    system_timezone,
    wall_time_exists,
    wall_time_is_ambiguous,
    zone,
)

BERLIN = ZoneInfo("Europe/Berlin")


def test_zone_known_name() -> None:
    assert zone("Asia/Shanghai") == ZoneInfo("Asia/Shanghai")
    assert zone("UTC") == ZoneInfo("UTC")


@pytest.mark.parametrize(
    "name", ["Mars/Base", "America", "../etc/passwd", "/etc/localtime", "localtime"]
)
def test_zone_unknown_name_is_a_timezone_field_error(name: str) -> None:
    with pytest.raises(SpecError) as caught:
        zone(name)
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("timezone", f'Unknown time zone "{name}"')
    ]


def test_zone_empty_name_asks_for_one() -> None:
    with pytest.raises(SpecError) as caught:
        zone("")
    assert caught.value.errors[0].message == "Choose a time zone"


def test_all_timezones_sorted_and_usable() -> None:
    names = all_timezones()
    assert names == sorted(names)
    assert {"UTC", "Europe/Berlin", "Asia/Shanghai", "America/New_York"} <= set(names)
    assert "localtime" not in names
    all_timezones().clear()  # callers get their own list
    assert all_timezones() == names


def test_system_timezone_uses_tzlocal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "Asia/Shanghai")
    assert system_timezone() == "Asia/Shanghai"


@pytest.mark.parametrize("answer", [None, "", "Not/AZone"])
def test_system_timezone_falls_back_to_utc(monkeypatch: pytest.MonkeyPatch, answer: object) -> None:
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: answer)
    assert system_timezone() == "UTC"


def test_system_timezone_survives_tzlocal_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise LookupError("no zone configured")

    monkeypatch.setattr(tzlocal, "get_localzone_name", broken)
    assert system_timezone() == "UTC"


def test_system_timezone_real_machine_is_a_known_zone() -> None:
    assert system_timezone() in all_timezones()


def test_localize_gap_moves_forward_and_overlap_takes_first() -> None:
    gap = localize(datetime(2026, 3, 29, 2, 30), BERLIN)
    assert gap == datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN)
    assert gap.utcoffset() == timedelta(hours=2)
    overlap = localize(datetime(2026, 10, 25, 2, 30), BERLIN)
    assert overlap.fold == 0 and overlap.isoformat() == "2026-10-25T02:30:00+02:00"


def test_wall_time_checks() -> None:
    assert not wall_time_exists(datetime(2026, 3, 29, 2, 30), BERLIN)
    assert wall_time_exists(datetime(2026, 3, 29, 3, 0), BERLIN)
    assert wall_time_is_ambiguous(datetime(2026, 10, 25, 2, 30), BERLIN)
    assert not wall_time_is_ambiguous(datetime(2026, 10, 25, 3, 0), BERLIN)
    assert not wall_time_is_ambiguous(datetime(2026, 3, 29, 2, 30), BERLIN)
