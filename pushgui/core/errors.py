"""Errors a user can fix, each tied to the field it is about."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one input. ``field`` is a dotted path such as ``trigger.every``."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class SpecError(ValueError):
    """Raised when a spec (or a file holding specs) cannot be accepted; carries every problem."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: list[FieldError] = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors) or "invalid input")

    def prefixed(self, prefix: str) -> SpecError:
        """The same errors with their field paths placed under ``prefix``."""
        return SpecError(
            FieldError(f"{prefix}.{e.field}" if e.field else prefix, e.message) for e in self.errors
        )
