"""The user's preferences: a typed registry of settings with defaults, validation and upgrades.

Each :class:`Option` names one key in the ``settings`` table, its default and a validator.
:class:`Preferences` reads and writes them through a :class:`SettingsStore`; a stored value
that no longer validates (hand-edited, written by an older version) reads as the default.

Upgrades are numbered steps (:data:`UPGRADES`); ``settings.version`` records how many have
run, and :func:`upgrade` runs the rest in order, saving the version after each one so an
interrupted upgrade resumes where it stopped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.pushes.spec import MISSED_POLICIES
from pushgui.core.schedule.zones import zone
from pushgui.core.store.backup import DEFAULT_KEEP, KEEP_BACKUPS_KEY
from pushgui.core.store.settings import SettingsStore

log = logging.getLogger(__name__)

T = TypeVar("T")

VERSION_KEY = "settings.version"
#: Set once autostart has been switched on after the first reminder (and the user told).
AUTOSTART_OFFERED_KEY = "autostart.offered"

LANGUAGES = ("system", "en", "zh_CN")
THEMES = ("system", "light", "dark")
NOTIFICATION_STYLES = ("tray", "popup")


class Invalid(ValueError):
    """A value an option does not accept; the message says what it does accept."""


@dataclass(frozen=True)
class Option(Generic[T]):
    """One typed setting. As a class attribute of :class:`Preferences` it is also a property."""

    key: str
    default: T
    check: Callable[[Any], T]
    name: str = field(default="", compare=False)

    def validate(self, value: Any) -> T:
        """``value`` as this option's type; raises :class:`Invalid`."""
        return self.check(value)

    def __set_name__(self, owner: type, name: str) -> None:
        object.__setattr__(self, "name", name)

    @overload
    def __get__(self, obj: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, obj: Preferences, owner: type) -> T: ...
    def __get__(self, obj: Preferences | None, owner: type) -> Option[T] | T:
        if obj is None:
            return self
        return obj.get(self)

    def __set__(self, obj: Preferences, value: T) -> None:
        obj.set(self, value)


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise Invalid("must be one of " + ", ".join(choices))
        return str(value)

    return check


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def whole_number(minimum: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid("must be a whole number")
        if value < minimum:
            raise Invalid(f"must be at least {minimum}")
        return value

    return check


def channel_id(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid("must be a channel id or empty")
    return value


def timezone_or_system(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid("must be a time zone name")
    if value == "":
        return value
    try:
        zone(value)
    except SpecError as exc:
        raise Invalid(exc.errors[0].message) from None
    return value


class Preferences:
    """Typed access to the user's settings; every option is listed in :meth:`options`."""

    language = Option[str]("language", "system", one_of(*LANGUAGES))
    theme = Option[str]("theme", "system", one_of(*THEMES))
    #: The channel new reminders start with; ``None``: the desktop notification.
    default_channel = Option[int | None]("default_channel", None, channel_id)
    #: The zone new reminders start in; ``""``: this machine's zone.
    default_timezone = Option[str]("default_timezone", "", timezone_or_system)
    default_missed_policy = Option[str]("default_missed_policy", "once", one_of(*MISSED_POLICIES))
    notification_style = Option[str]("notification_style", "tray", one_of(*NOTIFICATION_STYLES))
    #: Off until the first reminder exists; then the user is asked once (:meth:`offer_autostart`).
    autostart = Option[bool]("autostart", False, boolean)
    backups_keep = Option[int](KEEP_BACKUPS_KEY, DEFAULT_KEEP, whole_number(1))

    def __init__(self, store: SettingsStore) -> None:
        self.store = store

    @classmethod
    def options(cls) -> list[Option[Any]]:
        return [value for value in vars(cls).values() if isinstance(value, Option)]

    @classmethod
    def option(cls, name: str) -> Option[Any]:
        """The option whose attribute name or key is ``name``."""
        for opt in cls.options():
            if name in (opt.name, opt.key):
                return opt
        raise KeyError(name)

    def get(self, option: Option[T]) -> T:
        raw = self.store.get(option.key, _MISSING)
        if raw is _MISSING:
            return option.default
        try:
            return option.validate(raw)
        except Invalid as exc:
            log.warning("Setting %s has an unusable value (%s); using the default", option.key, exc)
            return option.default

    def set(self, option: Option[T], value: T) -> None:
        """Store ``value``; raises :class:`SpecError` on the option's key if it is invalid."""
        try:
            checked = option.validate(value)
        except Invalid as exc:
            raise SpecError([FieldError(option.key, str(exc))]) from None
        self.store.set(option.key, checked)

    def update(self, values: dict[str, Any]) -> None:
        """Set several options by name, all or nothing: nothing is stored if one is invalid."""
        errors: list[FieldError] = []
        checked: list[tuple[Option[Any], Any]] = []
        for name, value in values.items():
            opt = self.option(name)
            try:
                checked.append((opt, opt.validate(value)))
            except Invalid as exc:
                errors.append(FieldError(opt.key, str(exc)))
        if errors:
            raise SpecError(errors)
        for opt, value in checked:
            self.store.set(opt.key, value)

    def reset(self, option: Option[Any]) -> None:
        self.store.delete(option.key)

    def is_set(self, option: Option[Any]) -> bool:
        return self.store.get(option.key, _MISSING) is not _MISSING

    def offer_autostart(self, reminder_count: int) -> bool:
        """Whether to ask, now, about starting at login: once, when the first reminder
        exists, unless the user chose already. Nothing is switched on here: the caller asks
        and stores the answer in :attr:`autostart`."""
        if reminder_count < 1 or self.store.get(AUTOSTART_OFFERED_KEY, False):
            return False
        self.store.set(AUTOSTART_OFFERED_KEY, True)
        return not self.is_set(Preferences.autostart)


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Any = _Missing()


# -- upgrades ---------------------------------------------------------------------------------


def _drop_invalid_values(store: SettingsStore) -> None:
    """1: values written before settings had types are dropped if invalid, so defaults apply."""
    prefs = Preferences(store)
    for opt in Preferences.options():
        raw = store.get(opt.key, _MISSING)
        if raw is _MISSING:
            continue
        try:
            opt.validate(raw)
        except Invalid:
            log.info("Dropping the unusable setting %s=%r", opt.key, raw)
            prefs.reset(opt)


Upgrade = Callable[[SettingsStore], None]

#: Step ``n`` (1-based) brings settings from version ``n - 1`` to ``n``. Only ever append.
UPGRADES: list[Upgrade] = [_drop_invalid_values]


def upgrade(store: SettingsStore, steps: Sequence[Upgrade] | None = None) -> int:
    """Run the upgrade steps not run yet on ``store``; returns the version reached.

    Settings written by a newer pushgui (a higher version) are left as they are.
    """
    steps = UPGRADES if steps is None else steps
    version = store.get(VERSION_KEY, 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        log.warning("settings.version is %r; running every upgrade step", version)
        version = 0
    if version > len(steps):
        log.warning(
            "Settings are from a newer pushgui (version %s, this one knows %s); left as they are",
            version,
            len(steps),
        )
        return version
    for number, step in enumerate(steps[version:], start=version + 1):
        log.info("Upgrading settings to version %s (%s)", number, step.__name__)
        step(store)
        store.set(VERSION_KEY, number)
    return len(steps)
