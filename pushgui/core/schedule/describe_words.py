"""Every word and sentence pattern of the schedule descriptions (``describe.py``), read
from the installed translator (context "describe") when the table is built."""

from __future__ import annotations

from dataclasses import dataclass

from pushgui.core.schedule.spec import LAST
from pushgui.core.system.i18n import translate


@dataclass(frozen=True)
class Words:
    """Every word and sentence pattern, in the installed language."""

    weekday_short: dict[str, str]
    weekday_long: dict[str, str]
    month_short: tuple[str, ...]
    month_long: tuple[str, ...]
    ordinal: dict[int, str]
    unit_one: dict[str, str]
    unit_many: dict[str, str]
    phrases: dict[str, str]


def build_words() -> Words:
    """The tables in the installed language (``describe`` keeps one per translator)."""
    weekday_short = {
        "mon": translate("describe", "Mon"),
        "tue": translate("describe", "Tue"),
        "wed": translate("describe", "Wed"),
        "thu": translate("describe", "Thu"),
        "fri": translate("describe", "Fri"),
        "sat": translate("describe", "Sat"),
        "sun": translate("describe", "Sun"),
    }
    weekday_long = {
        "mon": translate("describe", "Monday"),
        "tue": translate("describe", "Tuesday"),
        "wed": translate("describe", "Wednesday"),
        "thu": translate("describe", "Thursday"),
        "fri": translate("describe", "Friday"),
        "sat": translate("describe", "Saturday"),
        "sun": translate("describe", "Sunday"),
    }
    month_short = (
        translate("describe", "Jan"),
        translate("describe", "Feb"),
        translate("describe", "Mar"),
        translate("describe", "Apr"),
        translate("describe", "May"),
        translate("describe", "Jun"),
        translate("describe", "Jul"),
        translate("describe", "Aug"),
        translate("describe", "Sep"),
        translate("describe", "Oct"),
        translate("describe", "Nov"),
        translate("describe", "Dec"),
    )
    month_long = (
        translate("describe", "January"),
        translate("describe", "February"),
        translate("describe", "March"),
        translate("describe", "April"),
        translate("describe", "May"),
        translate("describe", "June"),
        translate("describe", "July"),
        translate("describe", "August"),
        translate("describe", "September"),
        translate("describe", "October"),
        translate("describe", "November"),
        translate("describe", "December"),
    )
    ordinal = {
        1: translate("describe", "1st"),
        2: translate("describe", "2nd"),
        3: translate("describe", "3rd"),
        4: translate("describe", "4th"),
        5: translate("describe", "5th"),
        LAST: translate("describe", "last"),
    }
    unit_one = {
        "minutes": translate("describe", "minute"),
        "hours": translate("describe", "hour"),
        "days": translate("describe", "day"),
        "weeks": translate("describe", "week"),
    }
    unit_many = {
        "minutes": translate("describe", "minutes"),
        "hours": translate("describe", "hours"),
        "days": translate("describe", "days"),
        "weeks": translate("describe", "weeks"),
    }
    phrases = {
        "sentence": translate("describe", "{rule}{times}{bounds} ({zone})"),
        "once": translate("describe", "Once on {date} at {time} ({zone})"),
        "interval_one": translate("describe", "Every {unit}"),
        "interval_many": translate("describe", "Every {n} {units}"),
        "interval_exact": translate("describe", "{every} from {start}{end} ({zone})"),
        "interval_daily": translate("describe", "{every} at {time} from {start}{end} ({zone})"),
        "interval_weekly": translate(
            "describe", "{every} on {weekday} at {time} from {start}{end} ({zone})"
        ),
        "interval_weekly_one": translate(
            "describe", "Every week on {weekday} at {time} from {start}{end} ({zone})"
        ),
        "until": translate("describe", " until {stamp}"),
        "from_date": translate("describe", "from {date}"),
        "until_date": translate("describe", "until {date}"),
        "from_until_date": translate("describe", "from {start} until {end}"),
        "bounds": translate("describe", ", {text}"),
        "every_day": translate("describe", "Every day"),
        "every_day_in": translate("describe", "Every day in {months}"),
        "weekdays": translate("describe", "Every weekday"),
        "weekend": translate("describe", "Every weekend day"),
        "week_days": translate("describe", "Every {days}"),
        "in_months": translate("describe", "{rule} in {months}"),
        "month_days": translate("describe", "On {days} of {months}"),
        "month_days_every": translate("describe", "On {days} of every month"),
        "yearly": translate("describe", "Every year on {day} {month}"),
        "yearly_last": translate("describe", "Every year on the last day of {month}"),
        "nth": translate("describe", "On the {nth} {weekday} of {months}"),
        "nth_every": translate("describe", "On the {nth} {weekday} of every month"),
        "every_month": translate("describe", "every month"),
        "day_one": translate("describe", "day {days}"),
        "day_many": translate("describe", "days {days}"),
        "day_item": translate("describe", "{day}"),
        "last_day": translate("describe", "the last day"),
        "at": translate("describe", " at {times}"),
        "and": translate("describe", "{head} and {tail}"),
        "comma": translate("describe", ", "),
        "crontab": translate("describe", 'Crontab "{line}" ({zone})'),
        "crontab_friendly": translate("describe", 'Crontab "{line}": {text}'),
        "unknown": translate("describe", "A schedule ({zone})"),
        "date": translate("describe", "{day} {month} {year}"),
        "long_date": translate("describe", "{weekday} {date}"),
    }
    return Words(
        weekday_short, weekday_long, month_short, month_long, ordinal, unit_one, unit_many, phrases
    )
