"""Every word and sentence pattern of the schedule descriptions (``describe.py``), as English
sources (context "describe") and :class:`Words`, which reads them in one language."""

from __future__ import annotations

from types import MappingProxyType

from pushgui.core.schedule.spec import LAST
from pushgui.core.system.i18n import QT_TRANSLATE_NOOP, Language

WEEKDAY_SHORT = MappingProxyType(
    {
        "mon": QT_TRANSLATE_NOOP("describe", "Mon"),
        "tue": QT_TRANSLATE_NOOP("describe", "Tue"),
        "wed": QT_TRANSLATE_NOOP("describe", "Wed"),
        "thu": QT_TRANSLATE_NOOP("describe", "Thu"),
        "fri": QT_TRANSLATE_NOOP("describe", "Fri"),
        "sat": QT_TRANSLATE_NOOP("describe", "Sat"),
        "sun": QT_TRANSLATE_NOOP("describe", "Sun"),
    }
)
WEEKDAY_LONG = MappingProxyType(
    {
        "mon": QT_TRANSLATE_NOOP("describe", "Monday"),
        "tue": QT_TRANSLATE_NOOP("describe", "Tuesday"),
        "wed": QT_TRANSLATE_NOOP("describe", "Wednesday"),
        "thu": QT_TRANSLATE_NOOP("describe", "Thursday"),
        "fri": QT_TRANSLATE_NOOP("describe", "Friday"),
        "sat": QT_TRANSLATE_NOOP("describe", "Saturday"),
        "sun": QT_TRANSLATE_NOOP("describe", "Sunday"),
    }
)
MONTH_SHORT = (
    QT_TRANSLATE_NOOP("describe", "Jan"),
    QT_TRANSLATE_NOOP("describe", "Feb"),
    QT_TRANSLATE_NOOP("describe", "Mar"),
    QT_TRANSLATE_NOOP("describe", "Apr"),
    QT_TRANSLATE_NOOP("describe", "May"),
    QT_TRANSLATE_NOOP("describe", "Jun"),
    QT_TRANSLATE_NOOP("describe", "Jul"),
    QT_TRANSLATE_NOOP("describe", "Aug"),
    QT_TRANSLATE_NOOP("describe", "Sep"),
    QT_TRANSLATE_NOOP("describe", "Oct"),
    QT_TRANSLATE_NOOP("describe", "Nov"),
    QT_TRANSLATE_NOOP("describe", "Dec"),
)
MONTH_LONG = (
    QT_TRANSLATE_NOOP("describe", "January"),
    QT_TRANSLATE_NOOP("describe", "February"),
    QT_TRANSLATE_NOOP("describe", "March"),
    QT_TRANSLATE_NOOP("describe", "April"),
    QT_TRANSLATE_NOOP("describe", "May"),
    QT_TRANSLATE_NOOP("describe", "June"),
    QT_TRANSLATE_NOOP("describe", "July"),
    QT_TRANSLATE_NOOP("describe", "August"),
    QT_TRANSLATE_NOOP("describe", "September"),
    QT_TRANSLATE_NOOP("describe", "October"),
    QT_TRANSLATE_NOOP("describe", "November"),
    QT_TRANSLATE_NOOP("describe", "December"),
)
ORDINAL = MappingProxyType(
    {
        1: QT_TRANSLATE_NOOP("describe", "1st"),
        2: QT_TRANSLATE_NOOP("describe", "2nd"),
        3: QT_TRANSLATE_NOOP("describe", "3rd"),
        4: QT_TRANSLATE_NOOP("describe", "4th"),
        5: QT_TRANSLATE_NOOP("describe", "5th"),
        LAST: QT_TRANSLATE_NOOP("describe", "last"),
    }
)
UNIT_ONE = MappingProxyType(
    {
        "minutes": QT_TRANSLATE_NOOP("describe", "minute"),
        "hours": QT_TRANSLATE_NOOP("describe", "hour"),
        "days": QT_TRANSLATE_NOOP("describe", "day"),
        "weeks": QT_TRANSLATE_NOOP("describe", "week"),
    }
)
UNIT_MANY = MappingProxyType(
    {
        "minutes": QT_TRANSLATE_NOOP("describe", "minutes"),
        "hours": QT_TRANSLATE_NOOP("describe", "hours"),
        "days": QT_TRANSLATE_NOOP("describe", "days"),
        "weeks": QT_TRANSLATE_NOOP("describe", "weeks"),
    }
)
PHRASES = MappingProxyType(
    {
        "sentence": QT_TRANSLATE_NOOP("describe", "{rule}{times}{bounds} ({zone})"),
        "once": QT_TRANSLATE_NOOP("describe", "Once on {date} at {time} ({zone})"),
        "interval_one": QT_TRANSLATE_NOOP("describe", "Every {unit}"),
        "interval_many": QT_TRANSLATE_NOOP("describe", "Every {n} {units}"),
        "interval_exact": QT_TRANSLATE_NOOP("describe", "{every} from {start}{end} ({zone})"),
        "interval_daily": QT_TRANSLATE_NOOP(
            "describe", "{every} at {time} from {start}{end} ({zone})"
        ),
        "interval_weekly": QT_TRANSLATE_NOOP(
            "describe", "{every} on {weekday} at {time} from {start}{end} ({zone})"
        ),
        "interval_weekly_one": QT_TRANSLATE_NOOP(
            "describe", "Every week on {weekday} at {time} from {start}{end} ({zone})"
        ),
        "until": QT_TRANSLATE_NOOP("describe", " until {stamp}"),
        "from_date": QT_TRANSLATE_NOOP("describe", "from {date}"),
        "until_date": QT_TRANSLATE_NOOP("describe", "until {date}"),
        "from_until_date": QT_TRANSLATE_NOOP("describe", "from {start} until {end}"),
        "bounds": QT_TRANSLATE_NOOP("describe", ", {text}"),
        "every_day": QT_TRANSLATE_NOOP("describe", "Every day"),
        "every_day_in": QT_TRANSLATE_NOOP("describe", "Every day in {months}"),
        "weekdays": QT_TRANSLATE_NOOP("describe", "Every weekday"),
        "weekend": QT_TRANSLATE_NOOP("describe", "Every weekend day"),
        "week_days": QT_TRANSLATE_NOOP("describe", "Every {days}"),
        "in_months": QT_TRANSLATE_NOOP("describe", "{rule} in {months}"),
        "month_days": QT_TRANSLATE_NOOP("describe", "On {days} of {months}"),
        "month_days_every": QT_TRANSLATE_NOOP("describe", "On {days} of every month"),
        "yearly": QT_TRANSLATE_NOOP("describe", "Every year on {day} {month}"),
        "yearly_last": QT_TRANSLATE_NOOP("describe", "Every year on the last day of {month}"),
        "nth": QT_TRANSLATE_NOOP("describe", "On the {nth} {weekday} of {months}"),
        "nth_every": QT_TRANSLATE_NOOP("describe", "On the {nth} {weekday} of every month"),
        "every_month": QT_TRANSLATE_NOOP("describe", "every month"),
        "day_one": QT_TRANSLATE_NOOP("describe", "day {days}"),
        "day_many": QT_TRANSLATE_NOOP("describe", "days {days}"),
        "day_item": QT_TRANSLATE_NOOP("describe", "{day}"),
        "last_day": QT_TRANSLATE_NOOP("describe", "the last day"),
        "at": QT_TRANSLATE_NOOP("describe", " at {times}"),
        "and": QT_TRANSLATE_NOOP("describe", "{head} and {tail}"),
        "comma": QT_TRANSLATE_NOOP("describe", ", "),
        "crontab": QT_TRANSLATE_NOOP("describe", 'Crontab "{line}" ({zone})'),
        "crontab_friendly": QT_TRANSLATE_NOOP("describe", 'Crontab "{line}": {text}'),
        "unknown": QT_TRANSLATE_NOOP("describe", "A schedule ({zone})"),
        "date": QT_TRANSLATE_NOOP("describe", "{day} {month} {year}"),
        "long_date": QT_TRANSLATE_NOOP("describe", "{weekday} {date}"),
    }
)


class Words:
    """The words of descriptions in ``language``, each translated when it is asked for (a
    description needs a handful; the push list describes every push)."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.chinese = language.chinese

    def _t(self, source: str) -> str:
        return self.language.translate("describe", source)

    def phrase(self, key: str) -> str:
        return self._t(PHRASES[key])

    def weekday(self, name: str, long: bool) -> str:
        table = WEEKDAY_LONG if long else WEEKDAY_SHORT
        key = name.lower()
        return self._t(table[key]) if key in table else name

    def month(self, number: int, long: bool) -> str:
        if not 1 <= number <= 12:
            return str(number)
        return self._t((MONTH_LONG if long else MONTH_SHORT)[number - 1])

    def ordinal(self, n: int) -> str:
        return self._t(ORDINAL[n]) if n in ORDINAL else str(n)

    def unit(self, unit: str, many: bool) -> str:
        table = UNIT_MANY if many else UNIT_ONE
        return self._t(table[unit]) if unit in table else unit
