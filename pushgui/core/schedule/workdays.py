"""Working days: which dates are days off, which are make-up working days, and why.

A rule names a calendar by code: ``CN`` is mainland China's statutory holidays and make-up
working days (调休) as published by the State Council, from ``chinese-calendar``; any other
code is a country (``US``) or a country and region (``DE-BY``) of the ``holidays`` library,
whose weekend comes from that library too. An empty code is plain Monday to Friday.

China publishes each year's schedule in November or December, and ``chinese-calendar``
knows only the published years. For any other year the calendar *assumes* Monday to Friday
and says so (:attr:`DayInfo.assumed`); :func:`unpublished_years` names such years so the
editor, the main window and the tray can tell the user.

The data behind the calendars is a :class:`HolidayData` value held by a :class:`Calendars`
object: the composition root builds one, hands it to the job store (which gives it to every
trigger it loads), the push service and the windows, and changes it when the user's own
days off and working days (:class:`OwnDays`, applied on top of every calendar) change. A
test builds its own, with a newer data version that knows a year, and watches the runs be
recomputed (see ``pushgui/core/schedule/data_check.py``). Code handed no ``Calendars``
reads the installed libraries' data without own days (:func:`library_data`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from pushgui.core.system.i18n import Choice, translate

CHINA = "CN"


@dataclass(frozen=True)
class DayInfo:
    """What a calendar says about one date.

    ``workday``: people work that day. ``name``: the holiday (for a day off) or the
    holiday the make-up day belongs to, a text the reader's language renders ("" for an
    ordinary weekend or weekday). ``makeup``: a weekend day that is a working day (调休).
    ``assumed``: the year's schedule is not published, so this is plain Monday to Friday.
    ``own``: the user's own day decided it.
    """

    workday: bool
    name: str = ""
    makeup: bool = False
    assumed: bool = False
    own: bool = False


@dataclass(frozen=True)
class ChinaData:
    """China's published schedule: holiday dates and make-up working days, with names.

    Names are ``(english, chinese)``. ``years`` are the years whose schedule is published.
    """

    holidays: Mapping[date, tuple[str, str]]
    makeup_days: Mapping[date, tuple[str, str]]
    years: frozenset[int]


@dataclass(frozen=True)
class OwnDays:
    """A company's own extra days off and extra working days, applied on top of a calendar."""

    days_off: Mapping[date, str] = field(default_factory=dict)
    working_days: Mapping[date, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HolidayData:
    """Everything the calendars read; ``version`` changes whenever the data does."""

    version: str
    china: ChinaData
    own: OwnDays = field(default_factory=OwnDays)


def _china_from_library() -> ChinaData:
    from chinese_calendar import constants

    chinese = {str(h.value): str(h.chinese) for h in constants.Holiday}

    def named(days: Mapping[date, Any]) -> dict[date, tuple[str, str]]:
        # the library keeps each date's holiday as its English name
        return {d: (str(h), chinese.get(str(h), str(h))) for d, h in days.items()}

    holidays = named(constants.holidays)
    years = frozenset(d.year for d in holidays)
    return ChinaData(holidays, named(constants.workdays), years)


@lru_cache(maxsize=1)
def library_data() -> HolidayData:
    """The data of the installed libraries (``chinese-calendar``, ``holidays``)."""
    from importlib.metadata import version

    china = _china_from_library()
    release = f"chinese-calendar {version('chinese-calendar')}; holidays {version('holidays')}"
    return HolidayData(version=release, china=china)


class Calendars:
    """The holiday data in use, with the user's own days: one per running app, built by the
    composition root and handed to what computes runs (triggers, previews, the service).

    It is the one thing about a calendar that changes while the app runs (the user's own
    days); triggers keep a reference to it, so a change applies to every stored job at its
    next computed run. Reading :attr:`data` is one attribute read: a change replaces the
    whole immutable :class:`HolidayData` at once.
    """

    def __init__(self, data: HolidayData | None = None) -> None:
        self._data = data

    @property
    def data(self) -> HolidayData:
        """The data in use (the installed libraries' unless another was handed in)."""
        current = self._data
        if current is None:
            current = self._data = library_data()
        return current

    def use(self, new: HolidayData) -> None:
        """Use ``new`` from now on (a newer data version)."""
        self._data = new

    def set_own_days(self, own: OwnDays) -> None:
        """Apply the user's own days on top of every calendar from now on."""
        current = self.data
        self._data = HolidayData(current.version, current.china, own)

    def day_info(self, code: str, day: date) -> DayInfo:
        """What calendar ``code`` says about ``day`` (see :func:`day_info`)."""
        return day_info(code, day, self.data)

    def is_workday(self, code: str, day: date) -> bool:
        return day_info(code, day, self.data).workday


def data_of(calendars: Calendars | None) -> HolidayData:
    """The data ``calendars`` holds; the installed libraries' (no own days) for ``None``."""
    return calendars.data if calendars is not None else library_data()


def parse_code(code: str) -> tuple[str, str | None]:
    """``"DE-BY"`` -> ``("DE", "BY")``; ``"US"`` -> ``("US", None)``."""
    country, _, region = code.strip().partition("-")
    return country.upper(), (region.upper() or None)


@lru_cache(maxsize=64)
def _country_year(code: str, year: int) -> tuple[dict[date, Choice], frozenset[int]]:
    """Holidays of ``code`` in ``year``, named in English and Chinese where the library has
    them (else in its own language), and its weekend (weekday numbers, Monday 0)."""
    import holidays

    country, region = parse_code(code)
    table = holidays.country_holidays(country, subdiv=region, years=year)
    supported = getattr(table, "supported_languages", ())
    names = {d: str(name) for d, name in table.items()}

    def named(language: str) -> dict[date, str]:
        if language not in supported:
            return names
        found = holidays.country_holidays(country, subdiv=region, years=year, language=language)
        return {d: str(name) for d, name in found.items()}

    english, chinese = named("en_US"), named("zh_CN")
    weekend = frozenset(getattr(table, "weekend", {5, 6}))
    return {d: Choice(english.get(d, n), chinese.get(d, n)) for d, n in names.items()}, weekend


def check_code(code: str) -> str | None:
    """A message saying what is wrong with a calendar code, or ``None`` when it is known."""
    if not code or code.upper() == CHINA:
        return None
    import holidays

    country, region = parse_code(code)
    supported = holidays.list_supported_countries()
    if country not in supported:
        return translate(
            "workdays", 'Unknown country "{code}": use a code such as CN, US or DE'
        ).format(code=country)
    if region is not None and region not in supported[country]:
        return translate("workdays", 'Unknown region "{region}" of {country}').format(
            region=region, country=country
        )
    return None


def _pick(names: tuple[str, str]) -> str:
    return Choice(*names)


def day_info(code: str, day: date, current: HolidayData | None = None) -> DayInfo:
    """What calendar ``code`` (see the module docstring) says about ``day``, by the data
    ``current`` (the installed libraries' without own days by default)."""
    current = current if current is not None else library_data()
    own = current.own
    if day in own.days_off:
        return DayInfo(False, own.days_off[day] or translate("workdays", "own day off"), own=True)
    if day in own.working_days:
        return DayInfo(True, own.working_days[day], makeup=day.weekday() >= 5, own=True)
    weekday_off = day.weekday() >= 5
    if not code:
        return DayInfo(not weekday_off)
    if code.upper() == CHINA:
        china = current.china
        if day.year not in china.years:
            return DayInfo(not weekday_off, assumed=True)
        if day in china.holidays:
            return DayInfo(False, _pick(china.holidays[day]))
        if day in china.makeup_days:
            return DayInfo(True, _pick(china.makeup_days[day]), makeup=True)
        return DayInfo(not weekday_off)
    table, weekend = _country_year(code, day.year)
    if day in table:
        return DayInfo(False, table[day])
    return DayInfo(day.weekday() not in weekend)


def is_workday(code: str, day: date, current: HolidayData | None = None) -> bool:
    """Whether people work on ``day`` in calendar ``code``."""
    return day_info(code, day, current).workday


def uses_published_data(code: str) -> bool:
    """Whether the calendar has years whose schedule may not be published yet."""
    return code.upper() == CHINA


def unpublished_years(code: str, years: set[int], calendars: Calendars | None = None) -> list[int]:
    """Those of ``years`` for which calendar ``code`` assumes Monday to Friday."""
    if not uses_published_data(code):
        return []
    known = data_of(calendars).china.years
    return sorted(y for y in years if y not in known)


def calendar_name(code: str) -> str:
    """The calendar in words: "China (with make-up working days)", "US", "DE-BY"."""
    if not code:
        return translate("workdays", "Monday to Friday")
    if code.upper() == CHINA:
        return translate("workdays", "China (holidays and make-up working days)")
    return code.upper()


def unpublished_notice(code: str, year: int) -> str:
    """The plain sentence for a year whose schedule is not published yet."""
    return translate(
        "workdays", "China's {year} holidays are not published yet; {year} runs assume Mon–Fri"
    ).format(year=year)
