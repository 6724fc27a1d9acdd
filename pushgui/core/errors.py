"""Errors a user can fix, each tied to the field it is about."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pushgui.core.system.i18n import Language


@dataclass(frozen=True)
class FieldError:
    """One problem with one input. ``field`` is a dotted path such as ``trigger.every``."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message

    def render_in(self, language: Language) -> str:
        """The problem as its reader sees it (see ``Language.render``)."""
        message = language.render(self.message)
        return f"{self.field}: {message}" if self.field else message


class SpecError(ValueError):
    """Raised when a spec (or a file holding specs) cannot be accepted; carries every problem."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: list[FieldError] = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors) or "invalid input")

    def render_in(self, language: Language) -> str:
        """Every problem as its reader sees it (``str()`` gives them in English)."""
        return "; ".join(e.render_in(language) for e in self.errors) or str(self)

    def prefixed(self, prefix: str) -> SpecError:
        """The same errors with their field paths placed under ``prefix``."""
        return SpecError(
            FieldError(f"{prefix}.{e.field}" if e.field else prefix, e.message) for e in self.errors
        )
