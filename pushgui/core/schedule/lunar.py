"""Chinese lunar dates (农历) for rules: "every year on 八月十五", "every month on 初一".

The conversion comes from ``lunardate``: a small pure-Python library without dependencies,
whose table (from the Hong Kong Observatory's published conversion tables) covers the lunar
years 1900 to 2099 and marks leap months. It was chosen over ``lunar-python`` (a large
almanac of which pushgui would use one function) and ``sxtwl`` (a compiled extension, one
more thing to build for every installer); ``lunardate`` has had releases through 2026.

Leap months (闰月), the rule pushgui states to the user:

- a **yearly** lunar date runs in the regular month only, never again in the leap month of
  the same number (as birthdays and festivals are kept);
- a **monthly** lunar day runs in every lunar month, leap months included (a leap month has
  its own 初一 and 十五);
- a day that a month does not have (三十 in a 29-day month) runs on that month's last day.
"""

from __future__ import annotations

from datetime import date, timedelta

from lunardate import LunarDate

from pushgui.core.system.i18n import ENGLISH, Language

FIRST_YEAR, LAST_YEAR = 1901, 2099
"""Gregorian years whose every day the library can convert."""

_DIGITS = "一二三四五六七八九十"


def _lunar_day_name(n: int) -> str:
    if n <= 10:
        return "初" + _DIGITS[n - 1]
    if n < 20:
        return "十" + _DIGITS[n - 11]
    if n in (20, 30):
        return _DIGITS[n // 10 - 1] + "十"
    return "廿" + _DIGITS[n - 21]


_DAY_NAMES = tuple(_lunar_day_name(n) for n in range(1, 31))
_MONTH_NAMES = ("正月", *(_DIGITS[m - 1] + "月" for m in range(2, 11)), "冬月", "腊月")


def lunar_of(day: date) -> tuple[int, int, bool]:
    """``(month, day, leap)`` of a Gregorian date in the lunar calendar."""
    value = LunarDate.from_solar_date(day.year, day.month, day.day)
    return int(value.month), int(value.day), bool(value.is_leap_month)


def _month_length(day: date, lunar_day: int) -> int:
    """How many days the lunar month containing ``day`` (its ``lunar_day``-th day) has."""
    first = day - timedelta(days=lunar_day - 1)
    return 30 if lunar_of(first + timedelta(days=29))[1] == 30 else 29


def _effective(wanted: int, day: date, lunar_day: int) -> bool:
    """Whether ``day`` (the ``lunar_day``-th of its month) is where a rule on ``wanted`` runs."""
    if lunar_day == wanted:
        return True
    # 三十 in a 29-day month runs on the 29th
    return wanted == 30 and lunar_day == 29 and _month_length(day, 29) == 29


def matches_yearly(day: date, month: int, lunar_day: int) -> bool:
    """Whether a yearly rule on lunar ``month``/``lunar_day`` runs on ``day``."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return False
    m, d, leap = lunar_of(day)
    return m == month and not leap and _effective(lunar_day, day, d)


def matches_monthly(day: date, lunar_day: int) -> bool:
    """Whether a monthly rule on lunar day ``lunar_day`` runs on ``day``."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return False
    _, d, _ = lunar_of(day)
    return _effective(lunar_day, day, d)


def day_name(lunar_day: int, language: Language = ENGLISH) -> str:
    """初一 .. 三十 (in English: "day 15")."""
    if language.chinese:
        return _DAY_NAMES[lunar_day - 1]
    return language.translate("lunar", "day {n}").format(n=lunar_day)


def month_name(month: int, language: Language = ENGLISH) -> str:
    """正月 .. 腊月 (in English: "month 8")."""
    if language.chinese:
        return _MONTH_NAMES[month - 1]
    return language.translate("lunar", "month {n}").format(n=month)


def chinese_day_names() -> tuple[str, ...]:
    """初一 .. 三十, for the typed-rule parser."""
    return _DAY_NAMES


def chinese_month_names() -> tuple[str, ...]:
    """正月 .. 腊月, for the typed-rule parser."""
    return _MONTH_NAMES
