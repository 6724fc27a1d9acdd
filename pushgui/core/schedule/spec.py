"""Trigger specs: what the user chose, as plain data that round-trips through JSON.

A spec is the source of truth for when a push runs; APScheduler trigger instances are built
from it (``build.py``) and never stored on their own. Wall-clock values are naive and are
read in the spec's ``timezone`` (an IANA name such as ``Asia/Shanghai``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Literal

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.system.i18n import translate

Unit = Literal["minutes", "hours", "days", "weeks"]
UNITS: tuple[Unit, ...] = ("minutes", "hours", "days", "weeks")

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

DayRule = Literal[
    "every_day",
    "week_days",
    "month_days",
    "nth_weekday",
    "workdays",
    "nth_workday",
    "lunar_yearly",
    "lunar_monthly",
]
DAY_RULES: tuple[DayRule, ...] = (
    "every_day",
    "week_days",
    "month_days",
    "nth_weekday",
    "workdays",
    "nth_workday",
    "lunar_yearly",
    "lunar_monthly",
)
WORKDAY_RULES: frozenset[str] = frozenset({"workdays", "nth_workday"})
LUNAR_RULES: frozenset[str] = frozenset({"lunar_yearly", "lunar_monthly"})

DayOff = Literal["run", "skip", "previous", "next"]
DAY_OFF_CHOICES: tuple[DayOff, ...] = ("run", "skip", "previous", "next")

LAST = -1
"""In ``month_days`` the last day of the month; as ``nth`` the last such weekday."""


@dataclass(frozen=True)
class OnceSpec:
    """Run once at ``at`` (wall-clock time in ``timezone``)."""

    at: datetime
    timezone: str
    kind: Literal["date"] = field(default="date", init=False)


@dataclass(frozen=True)
class IntervalSpec:
    """Run every ``every`` ``unit`` from ``start`` until ``end`` (inclusive, optional).

    Days and weeks keep the wall-clock time across DST changes; minutes and hours are exact
    elapsed time.
    """

    every: int
    unit: Unit
    start: datetime
    timezone: str
    end: datetime | None = None
    kind: Literal["interval"] = field(default="interval", init=False)


@dataclass(frozen=True)
class CalendarSpec:
    """Calendar rules ("every weekday at 09:00", "last Sunday of the month").

    ``times`` are the times of day. ``day_rule`` picks the days:

    - ``every_day``: every day (of the chosen ``months``);
    - ``week_days``: the days named in ``week_days`` (``mon`` .. ``sun``);
    - ``month_days``: the day numbers in ``month_days`` (1..31, ``LAST`` = last day);
    - ``nth_weekday``: the ``nth`` (1..5, ``LAST``) ``nth_weekday`` of the month.

    - ``workdays``: every working day of ``workdays`` (a calendar code, see ``workdays.py``);
    - ``nth_workday``: the ``nth`` (1..23, ``LAST``) working day of the month;
    - ``lunar_yearly``: every year on lunar ``lunar_month``/``lunar_day`` (see ``lunar.py``);
    - ``lunar_monthly``: every lunar month on ``lunar_day``.

    ``months`` (1..12) restricts to those months; empty means every month. A yearly date is
    ``month_days=(25,)``, ``months=(12,)``. ``start_date`` and ``end_date`` bound the rule
    (inclusive). When ``crontab`` is non-empty it is a typed five-field crontab line with
    crontab's meaning, and the friendly fields other than the dates and zone are ignored.

    ``on_day_off`` says what a rule that picks a day off in calendar ``workdays`` does: run
    anyway, skip, or move to the previous or next working day. ``every_weeks`` > 1 makes
    ``week_days`` run every N weeks, counted from the week of ``start_date``. ``skip_dates``
    never run. ``max_runs`` > 0 ends the rule after that many runs counted from
    ``start_date``.
    """

    timezone: str
    times: tuple[time, ...] = (time(9, 0),)
    day_rule: DayRule = "every_day"
    week_days: tuple[str, ...] = ()
    month_days: tuple[int, ...] = ()
    nth: int = 1
    nth_weekday: str = "mon"
    months: tuple[int, ...] = ()
    start_date: date | None = None
    end_date: date | None = None
    crontab: str = ""
    workdays: str = ""
    on_day_off: DayOff = "run"
    lunar_month: int = 1
    lunar_day: int = 1
    every_weeks: int = 1
    skip_dates: tuple[date, ...] = ()
    max_runs: int = 0
    kind: Literal["cron"] = field(default="cron", init=False)

    @property
    def uses_day_rules(self) -> bool:
        """Whether the rule needs the day-by-day trigger (working days, lunar, limits)."""
        return not self.crontab.strip() and (
            self.day_rule in WORKDAY_RULES
            or self.day_rule in LUNAR_RULES
            or self.on_day_off != "run"
            or self.every_weeks > 1
            or bool(self.skip_dates)
            or self.max_runs > 0
        )


TriggerSpec = OnceSpec | IntervalSpec | CalendarSpec


def trigger_to_dict(spec: TriggerSpec) -> dict[str, Any]:
    """The JSON form of a trigger spec (ISO dates, ``HH:MM`` times)."""
    if isinstance(spec, OnceSpec):
        return {"kind": "date", "at": spec.at.isoformat(), "timezone": spec.timezone}
    if isinstance(spec, IntervalSpec):
        return {
            "kind": "interval",
            "every": spec.every,
            "unit": spec.unit,
            "start": spec.start.isoformat(),
            "end": spec.end.isoformat() if spec.end else None,
            "timezone": spec.timezone,
        }
    result: dict[str, Any] = {
        "kind": "cron",
        "times": [t.strftime("%H:%M") for t in spec.times],
        "day_rule": spec.day_rule,
        "week_days": list(spec.week_days),
        "month_days": list(spec.month_days),
        "nth": spec.nth,
        "nth_weekday": spec.nth_weekday,
        "months": list(spec.months),
        "start_date": spec.start_date.isoformat() if spec.start_date else None,
        "end_date": spec.end_date.isoformat() if spec.end_date else None,
        "crontab": spec.crontab,
        "timezone": spec.timezone,
    }
    # the calendar keys are written only when used, so older readers see the same rules
    if spec.workdays:
        result["workdays"] = spec.workdays
    if spec.on_day_off != "run":
        result["on_day_off"] = spec.on_day_off
    if spec.day_rule in LUNAR_RULES:
        result["lunar_month"], result["lunar_day"] = spec.lunar_month, spec.lunar_day
    if spec.every_weeks != 1:
        result["every_weeks"] = spec.every_weeks
    if spec.skip_dates:
        result["skip_dates"] = [d.isoformat() for d in sorted(set(spec.skip_dates))]
    if spec.max_runs:
        result["max_runs"] = spec.max_runs
    return result


class _Reader:
    """Reads typed values out of untrusted JSON, collecting one error per bad field."""

    def __init__(self, data: Any) -> None:
        self.errors: list[FieldError] = []
        if not isinstance(data, dict):
            self.errors.append(FieldError("", translate("specs", "must be an object")))
            data = {}
        self.data: dict[str, Any] = data

    def _fail(self, key: str, message: str) -> None:
        self.errors.append(FieldError(key, message))

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str):
            self._fail(
                key,
                translate("specs", "must be text")
                if key in self.data
                else translate("specs", "is missing"),
            )
            return ""
        return value

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self._fail(
                key,
                translate("specs", "must be a whole number")
                if key in self.data
                else translate("specs", "is missing"),
            )
            return 0
        return value

    def stamp(self, key: str, optional: bool = False) -> datetime | None:
        value = self.data.get(key)
        if value is None and optional:
            return None
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None:
            self._fail(key, translate("specs", "must be a date and time such as 2026-12-24T09:00"))
            return datetime(2000, 1, 1)
        if parsed.tzinfo is not None:
            self._fail(
                key,
                translate("specs", "must be a wall-clock time without a UTC offset (see timezone)"),
            )
        return parsed.replace(tzinfo=None, microsecond=0)

    def day(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            if isinstance(value, str):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self._fail(key, translate("specs", "must be a date such as 2026-12-24"))
        return None

    def day_list(self, key: str) -> tuple[date, ...]:
        days = []
        for text in self.text_list(key):
            try:
                days.append(date.fromisoformat(text))
            except ValueError:
                self._fail(key, translate("specs", "must be a date such as 2026-12-24"))
        return tuple(days)

    def int_list(self, key: str) -> tuple[int, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            self._fail(key, translate("specs", "must be a list of whole numbers"))
            return ()
        return tuple(value)

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._fail(key, translate("specs", "must be a list of text values"))
            return ()
        return tuple(value)

    def times(self, key: str) -> tuple[time, ...]:
        result = []
        for text in self.text_list(key):
            try:
                parsed = time.fromisoformat(text)
            except ValueError:
                self._fail(
                    key,
                    translate("specs", "{value} is not a time such as 09:30").format(
                        value=repr(text)
                    ),
                )
                continue
            result.append(parsed.replace(second=0, microsecond=0))
        return tuple(result)


def trigger_from_dict(data: Any) -> TriggerSpec:
    """Parse the JSON form; raises :class:`SpecError` naming each malformed field.

    This checks shape and types only; :func:`pushgui.core.schedule.validate.validate_trigger`
    checks meaning (zones, ranges, dates in the past).
    """
    r = _Reader(data)
    kind = r.data.get("kind")
    spec: TriggerSpec
    if kind == "date":
        spec = OnceSpec(at=r.stamp("at") or datetime(2000, 1, 1), timezone=r.text("timezone"))
    elif kind == "interval":
        unit = r.text("unit")
        if unit not in UNITS:
            r.errors.append(
                FieldError("unit", translate("specs", "must be minutes, hours, days or weeks"))
            )
            unit = "minutes"
        spec = IntervalSpec(
            every=r.integer("every"),
            unit=unit,  # type: ignore[arg-type]
            start=r.stamp("start") or datetime(2000, 1, 1),
            end=r.stamp("end", optional=True),
            timezone=r.text("timezone"),
        )
    elif kind == "cron":
        rule = r.text("day_rule", "every_day")
        if rule not in DAY_RULES:
            r.errors.append(
                FieldError(
                    "day_rule",
                    translate("specs", "must be one of {values}").format(
                        values=", ".join(DAY_RULES)
                    ),
                )
            )
            rule = "every_day"
        day_off = r.text("on_day_off", "run")
        if day_off not in DAY_OFF_CHOICES:
            r.errors.append(
                FieldError(
                    "on_day_off",
                    translate("specs", "must be one of {values}").format(
                        values=", ".join(DAY_OFF_CHOICES)
                    ),
                )
            )
            day_off = "run"
        spec = CalendarSpec(
            timezone=r.text("timezone"),
            times=r.times("times"),
            day_rule=rule,  # type: ignore[arg-type]
            week_days=r.text_list("week_days"),
            month_days=r.int_list("month_days"),
            nth=r.integer("nth", 1),
            nth_weekday=r.text("nth_weekday", "mon"),
            months=r.int_list("months"),
            start_date=r.day("start_date"),
            end_date=r.day("end_date"),
            crontab=r.text("crontab", ""),
            workdays=r.text("workdays", ""),
            on_day_off=day_off,  # type: ignore[arg-type]
            lunar_month=r.integer("lunar_month", 1),
            lunar_day=r.integer("lunar_day", 1),
            every_weeks=r.integer("every_weeks", 1),
            skip_dates=r.day_list("skip_dates"),
            max_runs=r.integer("max_runs", 0),
        )
    else:
        raise SpecError([FieldError("kind", translate("specs", "must be date, interval or cron"))])
    if r.errors:
        raise SpecError(r.errors)
    return spec
