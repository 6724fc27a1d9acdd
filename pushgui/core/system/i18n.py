"""Translatable messages for the Qt-free core, rendered by whoever shows them.

Core code writes ``translate("validation", "Choose a time in the future")``; the literal is
English and ``pyside6-lupdate`` extracts it (context first, like ``QCoreApplication.translate``).
Core holds no translator: :func:`translate` returns a :class:`Text`, a ``str`` whose value is
the English (for logs, comparisons and English output) and which remembers its context, source
and fields, so the boundary that shows it (the window, the command line, the job that stores an
error) renders it with the :class:`Language` the composition root handed it:
``language.render(text)``. Values are filled in with ``str.format`` so the translator sees whole
sentences: ``translate("validation", 'Unknown time zone "{zone}"').format(zone=name)`` is still
a :class:`Text`, and a field that is a :class:`Text` is rendered with it.

Anything else done to a :class:`Text` (``+``, ``str.join``, an f-string, slicing) gives plain
English ``str``: texts to be joined go through :func:`joined`, and code that composes sentences
takes the :class:`Language` as a parameter instead (``schedule/describe.py``) and renders the
parts itself. See docs/ARCHITECTURE.md, "Composition
root", for why core text is lazy rather than translated where it is made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Translator = Callable[[str, str], str]


class Text(str):
    """Text for people whose value is its English; :meth:`render` gives another language."""

    def render(self, language: Language) -> str:
        """This text in ``language`` (the English value when nothing translates it)."""
        return str.__str__(self)


class Message(Text):
    """A translatable message: ``context`` and English ``source``, with the fields filled in
    by :meth:`format` (rendered in the same language when they are texts themselves)."""

    context: str
    source: str
    args: tuple[Any, ...]
    fields: Mapping[str, Any]

    def __new__(
        cls,
        context: str,
        source: str,
        args: tuple[Any, ...] = (),
        fields: Mapping[str, Any] | None = None,
    ) -> Message:
        english = source.format(*args, **fields) if fields is not None else source
        made = super().__new__(cls, english)
        made.context, made.source, made.args = context, source, args
        made.fields = fields if fields is not None else {}
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # pickled and copied as what it is
        return (Message, (self.context, self.source, self.args, dict(self.fields)))

    def format(self, *args: Any, **fields: Any) -> Message:
        """The message with its fields filled in; still translatable as a whole."""
        return Message(self.context, self.source, args, fields)

    def render(self, language: Language) -> str:
        pattern = language.translate(self.context, self.source)
        if not self.args and not self.fields and self.source == str.__str__(self):
            return pattern
        args = tuple(language.render(a) if isinstance(a, Text) else a for a in self.args)
        fields = {
            k: language.render(v) if isinstance(v, Text) else v for k, v in self.fields.items()
        }
        try:
            return pattern.format(*args, **fields)
        except (KeyError, IndexError, ValueError):  # a broken translation: say it in English
            return self.source.format(*args, **fields)


class Choice(Text):
    """A name that exists in English and Chinese (a holiday's): the English is the value."""

    chinese: str

    def __new__(cls, english: str, chinese: str) -> Choice:
        made = super().__new__(cls, english)
        made.chinese = chinese
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Choice, (str.__str__(self), self.chinese))

    def render(self, language: Language) -> str:
        return self.chinese if language.chinese else str.__str__(self)


class Joined(Text):
    """Texts joined by a separator, each rendered in the reader's language (``str.join``
    would keep only their English)."""

    items: tuple[object, ...]
    separator: str

    def __new__(cls, separator: str, items: Iterable[object]) -> Joined:
        kept = tuple(items)
        made = super().__new__(cls, separator.join(str(item) for item in kept))
        made.separator, made.items = separator, kept
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Joined, (self.separator, self.items))

    def render(self, language: Language) -> str:
        return self.separator.join(language.render(item) for item in self.items)


def joined(separator: str, items: Iterable[object]) -> str:
    """``separator.join`` of texts (or errors) that stays renderable as a whole."""
    return Joined(separator, items)


def translate(context: str, text: str) -> str:
    """``text`` as a message to render later in the reader's language (see the module).

    It is a :class:`Message`; typed ``str`` so that code holding, joining or comparing core
    texts is typed as it always was.
    """
    return Message(context, text)


@dataclass(frozen=True)
class Language:
    """The language text is shown in, and the translator that knows its messages.

    Built by the composition root (``app.py`` from the Qt translators it installs, the
    command line and the headless server English) and handed to what shows or composes text.
    """

    code: str = "en"
    translator: Translator | None = None

    @property
    def chinese(self) -> bool:
        """Whether text is written for Chinese readers (lists, ordinals, no spaces)."""
        return self.code.startswith("zh")

    def translate(self, context: str, text: str) -> str:
        """``text`` (an English source of ``context``) in this language, at once."""
        if self.translator is None:
            return text
        return self.translator(context, text) or text

    def render(self, value: object) -> str:
        """``value`` as its reader sees it: a :class:`Text` in this language, an error by its
        message (a :class:`Text` inside it too), anything else as ``str()`` gives it."""
        if isinstance(value, Text):
            return value.render(self)
        own = getattr(value, "render_in", None)
        if callable(own):
            return str(own(self))
        if isinstance(value, BaseException) and len(value.args) == 1:
            (arg,) = value.args
            if isinstance(arg, Text):
                return arg.render(self)
        return str(value)

    def stored(self, text: str) -> str:
        """A message kept in the database in English, in this language for display.

        Run and delivery rows keep the English text they were written with where pushgui
        itself writes them (marked ``QT_TRANSLATE_NOOP("stored", ...)``); anything else (a
        server's own answer, a channel error written in the language of its time) has no
        translation and is shown as stored.
        """
        return self.translate("stored", text)


ENGLISH = Language()


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for extraction without translating it now (for English kept in storage)."""
    return text
