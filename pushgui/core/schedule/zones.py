"""Time zones by IANA name: the machine's own, lookup with a field error, the full list."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

import tzlocal

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.system.i18n import translate

FALLBACK = "UTC"

# Files in some zoneinfo folders that are not zones one can name portably.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


def system_timezone() -> str:
    """The IANA name of this machine's zone (``UTC`` when it cannot be told)."""
    try:
        name = tzlocal.get_localzone_name()
    except Exception:  # tzlocal raises its own errors on odd setups; UTC is a safe default
        return FALLBACK
    if not name:
        return FALLBACK
    try:
        zone(name)
    except SpecError:
        return FALLBACK
    return name


def zone(name: str) -> ZoneInfo:
    """The zone called ``name``; raises :class:`SpecError` on the ``timezone`` field if unknown."""
    if not name:
        raise SpecError([FieldError("timezone", translate("validation", "Choose a time zone"))])
    if name not in _known():
        # ZoneInfo alone would also take machine-specific files such as "localtime"
        raise SpecError([FieldError("timezone", _unknown_zone(name))])
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        # ZoneInfoNotFoundError is a KeyError; odd keys ("../x", folders) give ValueError/OSError
        raise SpecError([FieldError("timezone", _unknown_zone(name))]) from None


def _unknown_zone(name: str) -> str:
    return translate("validation", 'Unknown time zone "{zone}"').format(zone=name)


@lru_cache(maxsize=1)
def _all_timezones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones() - _NOT_ZONES))


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(_all_timezones())


def all_timezones() -> list[str]:
    """Every IANA zone name this machine knows, sorted."""
    return list(_all_timezones())


def localize(wall: datetime, tz: ZoneInfo) -> datetime:
    """A naive wall-clock time read in ``tz`` as a real instant.

    A wall time skipped by a DST gap moves forward by the gap (02:30 becomes 03:30), and one
    that happens twice means the first occurrence: what APScheduler's DateTrigger does too.
    """
    return datetime.fromtimestamp(wall.replace(tzinfo=tz, fold=0).timestamp(), tz)


def wall_time_exists(wall: datetime, tz: ZoneInfo) -> bool:
    """False when a DST gap skips this wall-clock time in ``tz``."""
    naive = wall.replace(tzinfo=None)
    return localize(naive, tz).replace(tzinfo=None) == naive


def wall_time_is_ambiguous(wall: datetime, tz: ZoneInfo) -> bool:
    """True when this wall-clock time happens twice in ``tz`` (clocks going back)."""
    naive = wall.replace(tzinfo=None)
    if not wall_time_exists(naive, tz):
        return False
    return (
        naive.replace(tzinfo=tz, fold=0).utcoffset() != naive.replace(tzinfo=tz, fold=1).utcoffset()
    )
