"""Typed crontab lines mean what crontab means: Sunday is 0 and 7, day OR weekday."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from pushgui.core.errors import SpecError
from pushgui.core.schedule.crontab import translate_crontab
from pushgui.core.schedule.preview import preview
from pushgui.core.schedule.spec import CalendarSpec

NOW = datetime(2026, 1, 1, 0, 0, tzinfo=UTC)  # a Thursday


def _kw(**changes: str) -> dict[str, str]:
    base = {"minute": "0", "hour": "9", "day": "*", "month": "*", "day_of_week": "*"}
    return {**base, **changes}


@pytest.mark.parametrize(
    ("line", "weekdays"),
    [
        ("0 9 * * 0", "sun"),
        ("0 9 * * 7", "sun"),
        ("0 9 * * 1", "mon"),
        ("0 9 * * 6", "sat"),
        ("0 9 * * 1-5", "mon,tue,wed,thu,fri"),
        ("0 9 * * 0-2", "mon,tue,sun"),
        ("0 9 * * 5-7", "fri,sat,sun"),
        ("0 9 * * */2", "tue,thu,sat,sun"),
        ("0 9 * * 1-5/2", "mon,wed,fri"),
        ("0 9 * * 0,7", "sun"),
        ("0 9 * * 1,3,5", "mon,wed,fri"),
        ("0 9 * * MON-FRI", "mon,tue,wed,thu,fri"),
        ("0 9 * * sun", "sun"),
        ("0 9 * * Sat,Sun", "sat,sun"),
        ("0 9 * * fri-sun", "fri,sat,sun"),
        ("0 9 * * 0-6", "*"),
        ("0 9 * * 0-7", "*"),
        ("0 9 * * *", "*"),
    ],
)
def test_weekdays_become_apscheduler_names(line: str, weekdays: str) -> None:
    assert translate_crontab(line) == [_kw(day_of_week=weekdays)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("*/15 * * * *", _kw(minute="*/15", hour="*")),
        ("0,30 8-18/2 * * *", _kw(minute="0,30", hour="8-18/2")),
        ("5/15 * * * *", _kw(minute="5-59/15", hour="*")),
        ("0 0 1 jan,JUL *", _kw(hour="0", day="1", month="1,7")),
        ("0 0 1 jan-dec/3 *", _kw(hour="0", day="1", month="*/3")),
        # crontab fires once where APScheduler would reject a step wider than the range
        ("*/60 */24 */31 */12 *", _kw(hour="0", day="1", month="1")),
        ("  0\t9  *  *  1-5 ", _kw(day_of_week="mon,tue,wed,thu,fri")),
        ("0 9 */2 * 1", _kw(day="*/2", day_of_week="mon")),  # day starts with *: AND
    ],
)
def test_other_fields(line: str, expected: dict[str, str]) -> None:
    assert translate_crontab(line) == [expected]


def test_day_and_weekday_both_restricted_means_either() -> None:
    assert translate_crontab("0 9 13 * 5") == [_kw(day="13"), _kw(day_of_week="fri")]


@pytest.mark.parametrize(
    ("line", "expanded"),
    [
        ("@yearly", "0 0 1 1 *"),
        ("@annually", "0 0 1 1 *"),
        ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"),
        ("@daily", "0 0 * * *"),
        ("@midnight", "0 0 * * *"),
        ("@hourly", "0 * * * *"),
        ("@DAILY", "0 0 * * *"),
    ],
)
def test_shortcuts(line: str, expanded: str) -> None:
    assert translate_crontab(line) == translate_crontab(expanded)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("0 25 * * *", 'The hour field "25" must be between 0 and 23'),
        ("61 * * * *", 'The minute field "61" must be between 0 and 59'),
        ("0 9 32 * *", 'The day field "32" must be between 1 and 31'),
        ("0 9 0 * *", 'The day field "0" must be between 1 and 31'),
        ("0 9 * 13 *", 'The month field "13" must be between 1 and 12'),
        ("0 9 * * 8", 'The weekday field "8" must be between 0 and 7'),
        ("0 9 1,40 * *", 'The day field "1,40" must be between 1 and 31'),
        (
            "0 9 * *",
            "A crontab line has 5 fields: minute hour day month weekday; this one has 4",
        ),
        (
            "0 9 * * * *",
            "A crontab line has 5 fields: minute hour day month weekday; this one has 6",
        ),
        ("", "Type a crontab line such as 0 9 * * 1-5"),
        ("0 9 * * 5-1", 'The weekday field "5-1" has a range that goes backwards (5-1)'),
        ("0 22-2 * * *", 'The hour field "22-2" has a range that goes backwards (22-2)'),
        ("0 9 * * foo", 'The weekday field "foo" is not understood'),
        ("0 9 * foo *", 'The month field "foo" is not understood'),
        ("x 9 * * *", 'The minute field "x" is not understood'),
        ("*/0 * * * *", 'The step in the minute field "*/0" must be a whole number of 1 or more'),
        ("0 9 1,,2 * *", 'The day field "1,,2" has an empty item between commas'),
        ("0 9 ? * *", 'The day field "?" is not understood'),
        ("0 9 L * *", 'The day field "L" is not understood'),
        ("@reboot", '"@reboot" is not a schedule pushgui can use'),
    ],
)
def test_malformed_lines_name_the_bad_part(line: str, message: str) -> None:
    with pytest.raises(SpecError) as caught:
        translate_crontab(line)
    [error] = caught.value.errors
    assert error.field == "crontab"
    assert error.message.startswith(message), error.message


# A small, independent reading of crontab (Vixie cron) to compare fire times with.

_NAMES = {
    **{n: i for i, n in enumerate(["sun", "mon", "tue", "wed", "thu", "fri", "sat"])},
    **{
        n: i + 1
        for i, n in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        )
    },
}


def _values(text: str, low: int, high: int) -> set[int]:
    result: set[int] = set()
    for part in text.lower().split(","):
        span, _, step = part.partition("/")
        if span == "*":
            first, last = low, high
        else:
            a, _, b = span.partition("-")
            first = int(_NAMES.get(a, a))
            last = int(_NAMES.get(b, b)) if b else (high if step else first)
        result.update(range(first, last + 1, int(step or 1)))
    return result


def _crontab_times(line: str, start: date, days: int) -> list[datetime]:
    minute, hour, dom, month, dow = line.split()
    minutes, hours = _values(minute, 0, 59), _values(hour, 0, 23)
    doms, months = _values(dom, 1, 31), _values(month, 1, 12)
    dows = {d % 7 for d in _values(dow, 0, 7)}
    either = not dom.startswith("*") and not dow.startswith("*")
    times: list[datetime] = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        if day.month not in months:
            continue
        by_dom, by_dow = day.day in doms, (day.weekday() + 1) % 7 in dows
        if (by_dom or by_dow) if either else (by_dom and by_dow):
            times.extend(
                datetime(day.year, day.month, day.day, h, m, tzinfo=UTC)
                for h in sorted(hours)
                for m in sorted(minutes)
            )
    return times


@pytest.mark.parametrize(
    "line",
    [
        "0 9 13 * 5",  # every 13th and every Friday
        "0 9 * * 0",
        "0 9 * * 7",
        "30 8 * * 1-5",
        "0 9 * * 0-2",
        "0 9 * * 5-7",
        "0 9 * * */2",
        "0 9 1,15 * 1",
        "0 9 1-7 * 1",  # first week of the month OR any Monday
        "0 9 */2 * 1",  # odd days AND Monday: the day field starts with *
        "0 9 * * MON-FRI",
        "15 6,18 2 * *",
        "0 12 31 * *",
        "0 0 29 2 *",
        "0 9 1 jan,jul sun",
        "*/20 10 * 3 6",
    ],
)
def test_fire_times_match_crontab(line: str) -> None:
    days = 3 * 366
    expected = _crontab_times(line, NOW.date(), days)[:40]
    end = NOW + timedelta(days=days)
    fired = [f.at for f in preview(CalendarSpec(timezone="UTC", crontab=line), 40, NOW)]
    assert [t for t in fired if t < end] == expected
    assert expected  # the comparison means something


def test_13th_or_friday_in_a_month() -> None:
    fired = [
        f.at.date() for f in preview(CalendarSpec(timezone="UTC", crontab="0 9 13 * 5"), 6, NOW)
    ]
    # January 2026: Fridays 2, 9, 16, 23, 30 and Tuesday the 13th
    assert fired == [date(2026, 1, d) for d in (2, 9, 13, 16, 23, 30)]
