"""What every trigger editor shares: the editing contract and its error labels (the fields
themselves are in :mod:`pushgui.ui.widgets`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from pushgui.core.errors import FieldError
from pushgui.core.schedule.spec import TriggerSpec
from pushgui.ui.widgets.dates import default_timezone
from pushgui.ui.widgets.fields import ErrorLabel


class TriggerEditor(QWidget):
    """Edits one kind of trigger spec; the dialog owns the zone and passes it to :meth:`spec`.

    Subclasses build their fields, call :meth:`_notify` on every edit and register one
    :class:`ErrorLabel` per spec field with :meth:`_error_label`.

    Signals:
        changed(): the user edited something; the spec may be different now.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors: dict[str, ErrorLabel] = {}
        self._labels: list[ErrorLabel] = []
        self._other_errors = ErrorLabel(self)
        self._timezone = ""
        self._load_depth = 0

    # -- the contract -------------------------------------------------------------------

    def spec(self, timezone: str | None = None) -> TriggerSpec:
        """The spec the fields describe, read in ``timezone``; never raises."""
        raise NotImplementedError

    def set_spec(self, spec: TriggerSpec) -> None:
        """Show ``spec`` in the fields (the zone is shown by the dialog's zone picker)."""
        raise NotImplementedError

    def local_errors(self) -> list[FieldError]:
        """Problems the spec cannot express (e.g. a restriction with nothing chosen)."""
        return []

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        """Show each error under the field it names; errors for unknown fields go last."""
        grouped: dict[ErrorLabel, list[str]] = {label: [] for label in self._all_labels()}
        for error in errors:
            label = self._label_for(error.field) or self._other_errors
            grouped.setdefault(label, []).append(error.message)
        for label, messages in grouped.items():
            label.show_messages(messages)

    # -- helpers for subclasses ----------------------------------------------------------

    def _zone(self, timezone: str | None) -> str:
        if timezone is not None:
            return timezone
        return self._timezone or default_timezone()

    def _remember_zone(self, spec: TriggerSpec) -> None:
        self._timezone = spec.timezone

    def _notify(self, *_args: object) -> None:
        if not self._load_depth:
            self.changed.emit()

    def _error_label(self, *fields: str) -> ErrorLabel:
        label = ErrorLabel(self)
        self._labels.append(label)
        for name in fields:
            self._errors[name] = label
        return label

    def _label_for(self, field: str) -> ErrorLabel | None:
        return self._errors.get(field)

    def _all_labels(self) -> list[ErrorLabel]:
        return [*self._labels, self._other_errors]

    @contextmanager
    def _loading(self) -> Iterator[None]:
        """Fill fields without a burst of ``changed``; one ``changed`` follows at the end."""
        self._load_depth += 1
        try:
            yield
        finally:
            self._load_depth -= 1
        if not self._load_depth:
            self.changed.emit()
