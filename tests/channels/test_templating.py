"""Placeholders: non-ASCII names, unknown names found, values never interpreted."""

from __future__ import annotations

from datetime import datetime

from pushgui.core.messages.placeholders import (
    STANDARD,
    json_escape,
    malformed_placeholders,
    placeholders,
    render,
    standard_values,
    unknown_placeholders,
)


def test_non_ascii_and_spaced_names_in_braces():
    text = "${姓名}您好，$name! 第${run_count}次 ${First name} $$5 $5"
    assert placeholders(text) == {"姓名", "name", "run_count", "First name"}
    assert render(text, {"姓名": "张三", "name": "Zhang", "run_count": 3, "First name": "San"}) == (
        "张三您好，Zhang! 第3次 San $5 $5"
    )


def test_unbraced_names_stop_at_non_ascii():
    assert placeholders("$name先生") == {"name"}
    assert render("$name先生", {"name": "王"}) == "王先生"


def test_unknown_placeholders_are_reported_and_left_alone():
    text = "Hi ${name}, ${部门} at ${time}"
    assert unknown_placeholders(text, STANDARD) == {"部门"}
    assert render(text, {"name": "A", "time": "09:00"}) == "Hi A, ${部门} at 09:00"


def test_values_are_never_interpreted():
    values = {"name": "${time} {0} {__class__} $name"}
    assert render("${name}", values) == "${time} {0} {__class__} $name"
    assert render("{name} {0}", values) == "{name} {0}"  # no str.format on user text


def test_json_escape_for_webhook_bodies():
    assert json_escape('a "b"\n中') == 'a \\"b\\"\\n中'
    assert render('{"t": "${t}"}', {"t": 'x"y'}, escape=json_escape) == '{"t": "x\\"y"}'


def test_standard_values():
    values = standard_values(
        name="张三", push="Standup", run_count=12, when=datetime(2026, 3, 2, 9, 5)
    )
    assert values == {
        "name": "张三",
        "push": "Standup",
        "run_count": "12",
        "date": "2026-03-02",
        "time": "09:05",
        "weekday": "Monday",
    }
    assert set(values) == STANDARD
    chinese = standard_values(
        name="",
        push="",
        run_count=1,
        when=datetime(2026, 3, 8),
        weekdays=("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    )
    assert chinese["weekday"] == "周日"


def test_malformed_placeholders_are_found():
    assert malformed_placeholders("ok ${name} bad ${} ${ x} ${unclosed") == [
        "${}",
        "${ x}",
        "${unclosed",
    ]
    assert malformed_placeholders("$${literal} fine") == []
