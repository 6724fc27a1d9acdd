"""Translatable messages for the Qt-free core.

Core code writes ``translate("validation", "Choose a time in the future")``; the literal is
English, ``pyside6-lupdate`` extracts it (context first, like ``QCoreApplication.translate``)
and the UI installs a translator backed by Qt at start. Without one (headless, tests of the
core) every message stays English. Values are filled in afterwards with ``str.format`` so the
translator sees whole sentences: ``translate("validation", 'Unknown time zone "{zone}"')``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

Translator = Callable[[str, str], str]
T = TypeVar("T")


class _Installed:
    """One installed translator with its language and the tables built from its messages
    (:func:`table`); installing another replaces the whole record at once."""

    __slots__ = ("language", "tables", "translator")

    def __init__(self, translator: Translator | None, language: str) -> None:
        self.translator = translator
        self.language = language if translator is not None else "en"
        self.tables: dict[str, Any] = {}


_installed = _Installed(None, "en")


def translate(context: str, text: str) -> str:
    """``text`` in the installed language, or unchanged when no translator is installed."""
    translator = _installed.translator
    if translator is None:
        return text
    translated = translator(context, text)
    return translated or text


def install(translator: Translator | None, language: str = "en") -> None:
    """Use ``translator`` for every later message; ``None`` goes back to English."""
    global _installed
    _installed = _Installed(translator, language)


def language() -> str:
    """The installed language as a Qt locale name ("en", "zh_CN"); "en" when none is."""
    return _installed.language


def is_chinese() -> bool:
    """Whether messages are written for Chinese readers (lists, ordinals, no spaces)."""
    return _installed.language.startswith("zh")


def table(key: str, build: Callable[[], T]) -> T:
    """A table of messages (``build()``), built once for the installed translator and
    dropped with it: the words a description is made of, say."""
    installed = _installed  # one read: a translator installed meanwhile builds its own
    found: T | None = installed.tables.get(key)
    if found is None:
        found = installed.tables.setdefault(key, build())
    return found


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for extraction without translating it now (for English kept in storage)."""
    return text


def stored(text: str) -> str:
    """A message kept in the database in English, in the installed language for display.

    Run and delivery rows keep the English text they were written with (the scheduler's
    threads write them, and a later language change must not leave a mix); the texts pushgui
    itself writes are marked with ``QT_TRANSLATE_NOOP("stored", ...)`` and shown translated.
    Anything else (a server's own answer) has no translation and is shown as stored.
    """
    return translate("stored", text)
