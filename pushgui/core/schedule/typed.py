"""Rules typed in plain words, English or Chinese, from a small grammar (docs/RULES.md).

A typed rule is a *day part* ("every weekday", "每月最后一个工作日", "明天"), then an optional
*time* ("at 9", "9:30", "下午3点"; 09:00 when left out), then an optional *day-off rule*
("skip holidays", "节假日顺延"). :func:`parse_rule` gives the same spec the editors build, or
a :class:`TypedRuleError` that points at the first part it did not understand. Matching is
done with one regular expression per form, tried in order; nothing is guessed.

Why one module: it is one grammar, and the forms are tried in order, so the order in this
file is the grammar's meaning; every form sits next to the others, in the order of
docs/RULES.md, so the two can be read side by side.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from pushgui.core.schedule import lunar
from pushgui.core.schedule.spec import (
    LAST,
    WEEKDAYS,
    CalendarSpec,
    IntervalSpec,
    OnceSpec,
    TriggerSpec,
)
from pushgui.core.system.i18n import translate

DEFAULT_TIME = time(9, 0)

_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_EN_WEEKDAYS = {
    "monday": "mon", "mon": "mon", "tuesday": "tue", "tue": "tue", "tues": "tue",
    "wednesday": "wed", "wed": "wed", "thursday": "thu", "thu": "thu", "thurs": "thu",
    "friday": "fri", "fri": "fri", "saturday": "sat", "sat": "sat", "sunday": "sun", "sun": "sun",
}  # fmt: skip
_CN_WEEKDAYS = dict(zip("一二三四五六日天", (*WEEKDAYS, "sun"), strict=True))
_EN_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december")
    )
    for m in names.split()
}  # fmt: skip
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": LAST}


@dataclass(frozen=True)
class TypedRuleError(Exception):
    """What was not understood: ``message`` about ``text[start:end]``."""

    message: str
    start: int
    end: int


def _cn_number(text: str) -> int:
    """ "12", "十二", "二十五", "两" -> int."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[text]


_WIDE = str.maketrans("０１２３４５６７８９：，", "0123456789:,")


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower case, half-width digits and punctuation, single spaces; and for each character
    kept, its position in ``text`` (so errors point into what the user typed)."""
    kept: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text.translate(_WIDE).lower()):
        if char.isspace():
            if not kept or kept[-1] == " ":
                continue
            char = " "
        kept.append(char)
        where.append(index)
    while kept and kept[-1] == " ":
        kept.pop()
        where.pop()
    return "".join(kept), where


# -- times ---------------------------------------------------------------------------------

_NUM = r"(?:\d+|[零一二两三四五六七八九十]+)"
_EN_TIME = re.compile(r"(?:at )?(\d{1,2})(?::(\d{2}))? ?(am|pm)?")
_CN_TIME = re.compile(
    rf"(早上|上午|中午|下午|晚上)? ?(?:(\d{{1,2}}):(\d{{2}})|({_NUM})(?:点|时)(半|({_NUM})分?)?)"
)


def _parse_time(text: str) -> tuple[time, int] | None:
    """A time at the start of ``text`` and its length."""
    match = _CN_TIME.match(text)
    if match and (match.group(2) or match.group(4)):
        part = match.group(1)
        if match.group(2):
            hour, minute = int(match.group(2)), int(match.group(3))
        else:
            hour = _cn_number(match.group(4))
            minute = (
                30
                if match.group(5) == "半"
                else _cn_number(match.group(6))
                if match.group(6)
                else 0
            )
        if part in ("下午", "晚上") and hour < 12:
            hour += 12
        if part == "中午" and hour < 11:
            hour += 12
        if hour > 23 or minute > 59:
            return None
        return time(hour, minute), match.end()
    match = _EN_TIME.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if match.group(3) == "pm" and hour < 12:
            hour += 12
        elif match.group(3) == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return None
        return time(hour, minute), match.end()
    return None


# -- day parts -----------------------------------------------------------------------------

_WEEKDAY_WORD = (
    r"(?:monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thu"
    r"|friday|fri|saturday|sat|sunday|sun)\b"
)
_EN_DAY_LIST = rf"{_WEEKDAY_WORD}(?:(?:, ?| and | ?& ?){_WEEKDAY_WORD})*"
_CN_DAY_LIST = (
    r"(?:周|星期|礼拜)[一二三四五六日天](?:(?:、|,|和|及)?(?:周|星期|礼拜)?[一二三四五六日天])*"
)


def _en_days(text: str) -> tuple[str, ...]:
    found = {_EN_WEEKDAYS[w] for w in re.findall(_WEEKDAY_WORD, text)}
    return tuple(d for d in WEEKDAYS if d in found)


def _cn_days(text: str) -> tuple[str, ...]:
    found = {_CN_WEEKDAYS[c] for c in re.findall(r"[一二三四五六日天]", text)}
    return tuple(d for d in WEEKDAYS if d in found)


def _ordinal(word: str) -> int:
    word = word.strip()
    if word in _EN_ORDINALS:
        return _EN_ORDINALS[word]
    if word in ("最后", "最后一"):
        return LAST
    return int(re.sub(r"(st|nd|rd|th)$", "", word)) if word[:1].isdigit() else _cn_number(word)


Builder = Callable[[re.Match[str], "_Context"], dict[str, Any]]


@dataclass(frozen=True)
class _Context:
    timezone: str
    calendar: str
    now: datetime


def _week(days: tuple[str, ...]) -> dict[str, Any]:
    return {"day_rule": "week_days", "week_days": days}


_FORMS: list[tuple[re.Pattern[str], Builder]] = []


def _form(pattern: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        _FORMS.append((re.compile(pattern), builder))
        return builder

    return register


@_form(r"(?:every day|daily|每天|每日)")
def _every_day(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {"day_rule": "every_day"}


@_form(r"(?:every weekday|weekdays|on weekdays|每周一至周五|周一到周五|周一至周五)")
def _weekdays(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return _week(WEEKDAYS[:5])


@_form(r"(?:every working day|every workday|on working days|每个工作日|每工作日|工作日)")
def _workdays(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {"day_rule": "workdays", "workdays": c.calendar}


@_form(r"(?:every weekend(?: day)?|on weekends|每个周末|每周末)")
def _weekend(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return _week(WEEKDAYS[5:])


@_form(rf"every (\d+|other) weeks? on ({_EN_DAY_LIST})")
def _en_every_weeks(m: re.Match[str], c: _Context) -> dict[str, Any]:
    n = 2 if m.group(1) == "other" else int(m.group(1))
    return {**_week(_en_days(m.group(2))), "every_weeks": n, "start_date": c.now.date()}


@_form(rf"每(\d+|[两二三四五六七八九十]+)(?:个)?(?:周|星期|礼拜)的?({_CN_DAY_LIST})")
def _cn_every_weeks(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {
        **_week(_cn_days(m.group(2))),
        "every_weeks": _cn_number(m.group(1)),
        "start_date": c.now.date(),
    }


@_form(rf"(?:every|on) ({_EN_DAY_LIST})")
def _en_week_days(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return _week(_en_days(m.group(1)))


@_form(rf"每(?:个)?({_CN_DAY_LIST})")
def _cn_week_days(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return _week(_cn_days(m.group(1)))


@_form(r"(?:on )?the (first|last|\d+(?:st|nd|rd|th)?) working day of (?:the|every) month")
def _en_nth_workday(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {"day_rule": "nth_workday", "nth": _ordinal(m.group(1)), "workdays": c.calendar}


@_form(rf"每(?:个)?月(?:的)?(?:第({_NUM})个|(最后一)个)工作日")
def _cn_nth_workday(m: re.Match[str], c: _Context) -> dict[str, Any]:
    nth = LAST if m.group(2) else _cn_number(m.group(1))
    return {"day_rule": "nth_workday", "nth": nth, "workdays": c.calendar}


@_form(
    r"(?:on )?the (first|second|third|fourth|fifth|last|[1-5](?:st|nd|rd|th)) "
    rf"({_WEEKDAY_WORD}) of (?:the|every) month"
)
def _en_nth_weekday(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {
        "day_rule": "nth_weekday",
        "nth": _ordinal(m.group(1)),
        "nth_weekday": _EN_WEEKDAYS[m.group(2)],
    }


@_form(
    r"每(?:个)?月(?:的)?(?:第([一二三四五1-5])个|(最后一)个)(?:周|星期|礼拜)([一二三四五六日天])"
)
def _cn_nth_weekday(m: re.Match[str], c: _Context) -> dict[str, Any]:
    nth = LAST if m.group(2) else _cn_number(m.group(1))
    return {"day_rule": "nth_weekday", "nth": nth, "nth_weekday": _CN_WEEKDAYS[m.group(3)]}


@_form(r"(?:on )?the last day of (?:the|every) month|每(?:个)?月(?:的)?最后一天")
def _last_day(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {"day_rule": "month_days", "month_days": (LAST,)}


@_form(
    r"(?:every month on|monthly on|on) the (\d{1,2})(?:st|nd|rd|th)?(?: of (?:the|every) month)?"
)
def _en_month_day(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {"day_rule": "month_days", "month_days": (int(m.group(1)),)}


@_form(rf"每(?:个)?月({_NUM})(?:号|日)")
def _cn_month_day(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {"day_rule": "month_days", "month_days": (_cn_number(m.group(1)),)}


_LUNAR_DAY = (
    r"(初[一二三四五六七八九十]|十[一二三四五六七八九]|二十|廿[一二三四五六七八九]|三十|\d{1,2})"
)
_LUNAR_MONTH = r"(正|冬|腊|十[一二]|[一二三四五六七八九十]|\d{1,2})月"


def _lunar_day(text: str) -> int:
    return int(text) if text.isdigit() else lunar.chinese_day_names().index(text) + 1


def _lunar_month(text: str) -> int:
    return {"正": 1, "冬": 11, "腊": 12}.get(text) or _cn_number(text)


@_form(rf"每年(?:的)?农历{_LUNAR_MONTH}{_LUNAR_DAY}(?:日)?")
def _cn_lunar_yearly(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {
        "day_rule": "lunar_yearly",
        "lunar_month": _lunar_month(m.group(1)),
        "lunar_day": _lunar_day(m.group(2)),
    }


@_form(
    r"every year on lunar (?:month )?(\d{1,2})[/-](\d{1,2})"
    r"|every year on lunar month (\d{1,2}),? day (\d{1,2})"
)
def _en_lunar_yearly(m: re.Match[str], c: _Context) -> dict[str, Any]:
    month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return {"day_rule": "lunar_yearly", "lunar_month": int(month), "lunar_day": int(day)}


@_form(rf"(?:每(?:个)?月(?:的)?(?:农历)?|农历每月){_LUNAR_DAY}")
def _cn_lunar_monthly(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {"day_rule": "lunar_monthly", "lunar_day": _lunar_day(m.group(1))}


@_form(r"every lunar month on day (\d{1,2})")
def _en_lunar_monthly(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {"day_rule": "lunar_monthly", "lunar_day": int(m.group(1))}


@_form(r"every year on (\w+) (\d{1,2})(?:st|nd|rd|th)?|every year on (\d{1,2}) (\w+)")
def _en_yearly(m: re.Match[str], c: _Context) -> dict[str, Any]:
    name, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    if name not in _EN_MONTHS:
        raise TypedRuleError(
            translate("typed", "Not a month name"),
            m.start(1 if m.group(1) else 4),
            m.end(1 if m.group(1) else 4),
        )
    return {"day_rule": "month_days", "month_days": (int(day),), "months": (_EN_MONTHS[name],)}


@_form(rf"每年({_NUM})月({_NUM})(?:日|号)")
def _cn_yearly(m: re.Match[str], c: _Context) -> dict[str, Any]:
    return {
        "day_rule": "month_days",
        "month_days": (_cn_number(m.group(2)),),
        "months": (_cn_number(m.group(1)),),
    }


_ONCE = re.compile(
    r"(today|tomorrow|the day after tomorrow|今天|明天|后天|(\d{4})-(\d{2})-(\d{2}))"
)
_INTERVAL = re.compile(rf"(?:every (\d+) (minutes?|hours?)|每({_NUM})(?:个)?(分钟|小时))")
_SKIP = r"skip holidays|except holidays|节假日跳过|节假日除外|节假日不提醒"
_NEXT = r"or the next working day|holidays to the next working day|节假日顺延|遇节假日顺延"
_PREVIOUS = r"or the working day before|holidays to the working day before|节假日提前|遇节假日提前"
_DAY_OFF = [
    (re.compile(rf",? ?(?:{_SKIP})$"), "skip"),
    (re.compile(rf",? ?(?:{_NEXT})$"), "next"),
    (re.compile(rf",? ?(?:{_PREVIOUS})$"), "previous"),
]


def parse_rule(text: str, timezone: str, now: datetime, calendar: str = "CN") -> TriggerSpec:
    """The spec for a typed rule; raises :class:`TypedRuleError` pointing at the part of
    ``text`` not understood. ``now`` (naive, in ``timezone``) anchors "tomorrow" and "every
    2 weeks"; ``calendar`` is the working-day calendar of "working day" and "skip holidays".
    """
    typed, where = _normalise(text)
    try:
        return _parse(typed, timezone, now, calendar)
    except TypedRuleError as error:
        start = where[error.start] if error.start < len(where) else len(text)
        end = where[error.end - 1] + 1 if 0 < error.end <= len(where) else len(text)
        raise TypedRuleError(error.message, start, max(start, end)) from None


def _parse(typed: str, timezone: str, now: datetime, calendar: str) -> TriggerSpec:
    if not typed:
        raise TypedRuleError(translate("typed", "Type a rule, e.g. every weekday at 9"), 0, 0)
    context = _Context(timezone, calendar, now)
    once = _ONCE.match(typed)
    if once:
        return _once(typed, once, context)
    interval = _INTERVAL.fullmatch(typed)
    if interval:
        every = int(interval.group(1)) if interval.group(1) else _cn_number(interval.group(3))
        unit = interval.group(2) or interval.group(4)
        start = now.replace(second=0, microsecond=0, tzinfo=None) + timedelta(minutes=1)
        return IntervalSpec(
            every=every,
            unit="hours" if unit.startswith(("hour", "小时")) else "minutes",
            start=start,
            timezone=timezone,
        )
    for pattern, build in _FORMS:
        match = pattern.match(typed)
        if match is None:
            continue
        fields = build(match, context)
        rest = typed[match.end() :]
        day_off, rest = _day_off(rest)
        times, bad_at = _times(rest)
        if bad_at is not None:
            bad = match.end() + bad_at
            raise TypedRuleError(
                translate(
                    "typed",
                    'Not understood: "{part}". After the days, write a time'
                    " such as 9:30, 3pm or 下午3点",
                ).format(part=typed[bad:].strip()),
                bad,
                len(typed),
            )
        if day_off:
            if fields.get("day_rule") in ("workdays", "nth_workday"):
                cut = match.end() + len(rest)
                raise TypedRuleError(
                    translate("typed", "Rules on working days never fall on a day off"),
                    cut + (1 if typed[cut : cut + 1] == "," else 0),
                    len(typed),
                )
            fields.update(on_day_off=day_off, workdays=calendar)
        return CalendarSpec(timezone=timezone, times=times, **fields)
    return _not_understood(typed)


def _day_off(rest: str) -> tuple[str, str]:
    """The day-off policy typed at the end of ``rest``, and ``rest`` without it."""
    for pattern, policy in _DAY_OFF:
        match = pattern.search(rest)
        if match:
            return policy, rest[: match.start()]
    return "", rest


def _times(rest: str) -> tuple[tuple[time, ...], int | None]:
    """The times in ``rest`` ("at 9 and 17:30") or the offset of the first bad part."""
    times: list[time] = []
    position = 0
    while position < len(rest):
        skip = re.match(r"[ ,、和]+|and |at ", rest[position:])
        if skip:
            position += skip.end()
            continue
        parsed = _parse_time(rest[position:])
        if parsed is None:
            return (), position
        times.append(parsed[0])
        position += parsed[1]
    return tuple(times) or (DEFAULT_TIME,), None


def _once(typed: str, match: re.Match[str], c: _Context) -> OnceSpec:
    word = match.group(1)
    today = c.now.date()
    if match.group(2):
        try:
            day = date(int(match.group(2)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            raise TypedRuleError(
                translate("typed", "No such date"), match.start(), match.end()
            ) from None
    else:
        offset = {
            "today": 0,
            "今天": 0,
            "tomorrow": 1,
            "明天": 1,
            "the day after tomorrow": 2,
            "后天": 2,
        }[word]
        day = today + timedelta(days=offset)
    times, bad_at = _times(typed[match.end() :])
    if bad_at is not None or len(times) != 1:
        start = match.end() + (bad_at or 0)
        raise TypedRuleError(
            translate(
                "typed", 'Not understood: "{part}". Write one time such as 15:00 or 下午3点'
            ).format(part=typed[start:].strip()),
            start,
            len(typed),
        )
    return OnceSpec(at=datetime.combine(day, times[0]), timezone=c.timezone)


def _not_understood(typed: str) -> TriggerSpec:
    word = re.match(r"\S+", typed)
    stop = word.end() if word else len(typed)
    raise TypedRuleError(
        translate(
            "typed",
            'Not understood: "{part}". Start with every, on the, tomorrow, 每, 明天'
            " (see the list of forms)",
        ).format(part=typed[:stop]),
        0,
        stop,
    )
