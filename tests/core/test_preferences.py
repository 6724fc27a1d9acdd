"""The typed settings registry on a real database: defaults, validation, upgrades."""

from __future__ import annotations

import pytest

from pushgui.core.errors import SpecError
from pushgui.core.store.backup import DEFAULT_KEEP, KEEP_BACKUPS_KEY
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.preferences import (
    AUTOSTART_OFFERED_KEY,
    UPGRADES,
    VERSION_KEY,
    Preferences,
    upgrade,
)


@pytest.fixture
def store(database):
    return SettingsStore(database)


@pytest.fixture
def prefs(store):
    return Preferences(store)


def test_defaults_when_nothing_is_stored(prefs):
    assert prefs.language == "system"
    assert prefs.theme == "system"
    assert prefs.default_channel is None
    assert prefs.default_timezone == ""
    assert prefs.default_missed_policy == "once"
    assert prefs.notification_style == "tray"
    assert prefs.autostart is False
    assert prefs.backups_keep == DEFAULT_KEEP == 7


def test_every_option_has_a_unique_key_and_a_valid_default(prefs):
    options = Preferences.options()
    assert len({o.key for o in options}) == len(options) == 8
    for option in options:
        assert option.validate(option.default) == option.default


def test_values_are_stored_in_the_settings_table(prefs, store):
    prefs.language = "zh_CN"
    prefs.theme = "dark"
    prefs.default_channel = 3
    prefs.default_timezone = "Asia/Shanghai"
    prefs.default_missed_policy = "skip"
    prefs.notification_style = "popup"
    prefs.autostart = True
    prefs.backups_keep = 30
    assert store.get("language") == "zh_CN"
    assert store.get(KEEP_BACKUPS_KEY) == 30
    again = Preferences(store)
    assert (again.language, again.theme, again.default_channel) == ("zh_CN", "dark", 3)
    assert again.default_timezone == "Asia/Shanghai"
    assert (again.default_missed_policy, again.notification_style) == ("skip", "popup")
    assert again.autostart is True and again.backups_keep == 30


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("language", "fr"),
        ("theme", "blue"),
        ("default_channel", "3"),
        ("default_channel", 0),
        ("default_timezone", "Mars/Olympus"),
        ("default_missed_policy", "never"),
        ("notification_style", "email"),
        ("autostart", "yes"),
        ("backups_keep", 0),
        ("backups_keep", True),
        ("backups_keep", 2.5),
    ],
)
def test_invalid_values_are_refused_with_the_key(prefs, store, name, value):
    option = Preferences.option(name)
    with pytest.raises(SpecError) as caught:
        prefs.set(option, value)
    assert caught.value.errors[0].field == option.key
    assert store.get(option.key, "absent") == "absent"


def test_update_is_all_or_nothing(prefs):
    with pytest.raises(SpecError) as caught:
        prefs.update({"theme": "dark", "backups_keep": -1, "language": "xx"})
    assert {e.field for e in caught.value.errors} == {"backups.keep", "language"}
    assert prefs.theme == "system"
    prefs.update({"theme": "light", "backups.keep": 3})
    assert (prefs.theme, prefs.backups_keep) == ("light", 3)


def test_a_stored_value_that_is_unusable_reads_as_the_default(prefs, store):
    store.set("theme", "purple")
    store.set(KEEP_BACKUPS_KEY, "many")
    assert prefs.theme == "system"
    assert prefs.backups_keep == DEFAULT_KEEP


def test_autostart_is_asked_about_once_after_the_first_reminder(prefs, store):
    assert not prefs.offer_autostart(0)
    assert prefs.offer_autostart(1)  # ask now...
    assert prefs.autostart is False  # ...nothing is switched on without an answer
    assert not prefs.offer_autostart(2)  # asked once only
    assert store.get(AUTOSTART_OFFERED_KEY) is True


def test_autostart_chosen_by_the_user_before_the_first_reminder_is_respected(prefs):
    prefs.autostart = False
    assert not prefs.offer_autostart(1)
    assert prefs.autostart is False


def test_upgrade_runs_each_step_once_and_records_the_version(store):
    calls = []

    def one(s):
        calls.append(1)
        s.set("theme", "dark")

    def two(s):
        calls.append(2)

    assert upgrade(store, [one]) == 1
    assert store.get(VERSION_KEY) == 1
    assert upgrade(store, [one, two]) == 2
    assert upgrade(store, [one, two]) == 2
    assert calls == [1, 2]
    assert store.get("theme") == "dark"


def test_an_interrupted_upgrade_resumes_at_the_failed_step(store):
    calls = []

    def ok(s):
        calls.append("ok")

    def broken(s):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        upgrade(store, [ok, broken])
    assert store.get(VERSION_KEY) == 1
    upgrade(store, [ok, lambda s: calls.append("fixed")])
    assert calls == ["ok", "fixed"]


def test_settings_from_a_newer_version_are_left_alone(store):
    store.set(VERSION_KEY, 99)
    store.set("theme", "purple")
    assert upgrade(store) == 99
    assert store.get("theme") == "purple"
    assert store.get(VERSION_KEY) == 99


def test_the_first_step_drops_values_written_before_settings_had_types(store):
    store.set("theme", "purple")
    store.set("language", "zh_CN")
    store.set(KEEP_BACKUPS_KEY, 0)
    store.set("window.geometry", "abcd")  # not a preference: untouched
    assert upgrade(store) == len(UPGRADES)
    assert store.get("theme", "gone") == "gone"
    assert store.get(KEEP_BACKUPS_KEY, "gone") == "gone"
    assert store.get("language") == "zh_CN"
    assert store.get("window.geometry") == "abcd"
