"""Times as people read them in a list: relative ("in 45 min", "明天 09:00"), and zones by
city and offset ("Shanghai (UTC+8)") instead of IANA names such as "Etc/UTC".

Everything takes ``now`` so that tests (and the list's minute timer) decide the moment.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from pushgui.ui.i18n import format_datetime, format_short, format_time


def relative_when(moment: datetime, now: datetime) -> str:
    """``moment`` (aware) from ``now`` (aware), in this machine's zone.

    "in 1 min" .. "in 59 min", "today 14:30", "tomorrow 09:00", "Mon 09:00" within a week,
    then "Thu 24 Dec 09:00"; the past reads "now" (a run about to start).
    """
    local, here = moment.astimezone(), now.astimezone()
    delta = local - here
    if delta < timedelta(seconds=60):
        return (
            QCoreApplication.translate("when", "now")
            if delta <= timedelta(0)
            else QCoreApplication.translate("when", "in %n min", None, 1)
        )
    if delta < timedelta(hours=1):
        return QCoreApplication.translate(
            "when", "in %n min", None, int(delta.total_seconds() + 59) // 60
        )
    days = (local.date() - here.date()).days
    clock = format_time(local)
    if days == 0:
        return QCoreApplication.translate("when", "today {time}").format(time=clock)
    if days == 1:
        return QCoreApplication.translate("when", "tomorrow {time}").format(time=clock)
    if days < 7:
        weekday = QLocale().toString(QDate(local.year, local.month, local.day), "ddd")
        return f"{weekday} {clock}"
    if local.year == here.year:
        return format_short(local)
    return format_datetime(local)


def utc_offset(zone: ZoneInfo, at: datetime) -> str:
    """ "UTC+8", "UTC-3:30", "UTC" for the offset of ``zone`` at ``at``."""
    offset = at.astimezone(zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def city(name: str) -> str:
    """The place part of an IANA name: "Asia/Shanghai" -> "Shanghai", "America/Argentina/
    Buenos_Aires" -> "Buenos Aires"; zones named by offset ("Etc/UTC", "UTC") give ""."""
    if name in ("UTC", "GMT", "Zulu", "UCT", "Universal") or name.startswith("Etc/"):
        return ""
    return name.rsplit("/", 1)[-1].replace("_", " ")


def zone_label(name: str, at: datetime) -> str:
    """A zone as people read it: "Shanghai (UTC+8)"; "UTC" for Etc/UTC and friends."""
    try:
        zone = ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        return name
    offset = utc_offset(zone, at)
    place = city(name)
    return f"{place} ({offset})" if place else offset


def format_when(moment: datetime | None) -> str:
    """A local date and time the way people read it: ``Thu 24 Dec 2026 09:00``."""
    if moment is None:
        return ""
    return format_datetime(moment)
