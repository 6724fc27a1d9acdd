"""Placeholders in messages: ``${name}``, ``${姓名}``, ``$date``. A ``string.Template``
subclass; user text never reaches ``str.format`` or ``eval``.

``$name`` (no braces) takes ASCII names only, so ``$name先生`` is ``$name`` followed by
先生; ``${...}`` takes any letters (Chinese included), digits, ``_``, ``-`` and inner
spaces, so a contact field imported from a CSV column such as ``${First name}`` works.
``$$`` is a literal ``$``; a ``$`` that starts no placeholder (``$5``) is left as it is.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

#: The values every message can use, whoever receives it.
STANDARD = frozenset({"name", "date", "time", "weekday", "push", "run_count"})
#: What a generic webhook's body template can use.
MESSAGE_FIELDS = frozenset({"title", "body", "recipient", "push"})

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class MessageTemplate(string.Template):
    """``string.Template`` whose braced names may be non-ASCII (``${姓名}``)."""

    idpattern = r"(?a:[_a-z][_a-z0-9]*)"
    braceidpattern = r"[^\W\d](?:[\w -]*\w)?"


def placeholders(text: str) -> set[str]:
    """Every placeholder name used in ``text``."""
    return set(MessageTemplate(text).get_identifiers())


def unknown_placeholders(text: str, known: Iterable[str]) -> set[str]:
    """The placeholder names in ``text`` that are not in ``known`` (for an inline error)."""
    return placeholders(text) - set(known)


class MessageTooLargeError(ValueError):
    """Filling the placeholders would make the text longer than the limit.

    Raised before the text is built: 100,000 ``${f}`` with a 128 KB value would be 13 GB.
    """

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} characters, more than {limit}")
        self.size = size
        self.limit = limit


@dataclass(frozen=True)
class Measure:
    """How long ``text`` becomes once rendered, computed from one scan of the text."""

    length: int
    uses: dict[str, tuple[int, int]]  # name -> (occurrences, characters they take now)

    @classmethod
    def of(cls, text: str) -> Measure:
        uses: dict[str, tuple[int, int]] = {}
        for match in MessageTemplate.pattern.finditer(text):
            name = match.group("named") or match.group("braced")
            if name:
                count, width = uses.get(name, (0, 0))
                uses[name] = (count + 1, width + len(match.group(0)))
        return cls(len(text), uses)

    def rendered_length(
        self, values: Mapping[str, object], escape: Callable[[str], str] | None = None
    ) -> int:
        """The length :func:`render` would give (``$$`` counted as two: an upper bound)."""
        total = self.length
        for name, (count, width) in self.uses.items():
            if name in values:
                value = str(values[name])
                total += count * len(escape(value) if escape else value) - width
        return total


def render(
    text: str,
    values: Mapping[str, object],
    escape: Callable[[str], str] | None = None,
    limit: int | None = None,
) -> str:
    """``text`` with each known placeholder replaced; unknown ones are left as written.

    ``escape`` is applied to each value (``json_escape`` for a JSON body), never to the
    user's own text around the placeholders. With ``limit``, raises
    :class:`MessageTooLargeError` instead of building a longer text.
    """
    if limit is not None:
        size = Measure.of(text).rendered_length(values, escape)
        if size > limit:
            raise MessageTooLargeError(size, limit)
    if escape is None:
        mapping = {k: str(v) for k, v in values.items()}
    else:
        mapping = {k: escape(str(v)) for k, v in values.items()}
    return MessageTemplate(text).safe_substitute(mapping)


def json_escape(value: str) -> str:
    """``value`` ready to sit between the quotes of a JSON string."""
    return json.dumps(value, ensure_ascii=False)[1:-1]


def standard_values(
    *,
    name: str,
    push: str,
    run_count: int,
    when: datetime,
    weekdays: Sequence[str] = WEEKDAYS,
) -> dict[str, str]:
    """The standard placeholder values for one recipient of one run at ``when``.

    ``weekdays`` (Monday first) lets the caller pass translated day names.
    """
    return {
        "name": name,
        "push": push,
        "run_count": str(run_count),
        "date": when.strftime("%Y-%m-%d"),
        "time": when.strftime("%H:%M"),
        "weekday": weekdays[when.weekday()],
    }


_INVALID = re.compile(r"\$\{(?![^\W\d](?:[\w -]*\w)?\})[^}]*\}?")


def malformed_placeholders(text: str) -> list[str]:
    """Pieces like ``${}`` or ``${ name}`` or an unclosed ``${`` that will not be replaced."""
    cleaned = text.replace("$$", "")
    return [m.group(0) for m in _INVALID.finditer(cleaned)]
