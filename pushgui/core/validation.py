"""Validation of a whole push: field-level errors in plain words, nothing raised."""

from __future__ import annotations

from datetime import datetime

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.schedule.validate import validate_trigger
from pushgui.core.specs import MAX_BODY, MAX_NAME, MAX_TITLE, PushSpec


def validate_spec(
    spec: PushSpec, now: datetime | None = None, trigger: bool = True
) -> list[FieldError]:
    """Every problem with ``spec``; trigger fields come back as ``trigger.<field>``.

    ``trigger=False`` leaves the schedule out (it was checked when it was saved).
    """
    errors: list[FieldError] = []
    if not spec.name.strip():
        errors.append(FieldError("name", "Give the reminder a name"))
    elif len(spec.name) > MAX_NAME:
        errors.append(FieldError("name", f"Keep the name under {MAX_NAME} characters"))
    if not spec.message.title.strip():
        errors.append(FieldError("message.title", "Write a title for the message"))
    elif len(spec.message.title) > MAX_TITLE:
        errors.append(FieldError("message.title", f"Keep the title under {MAX_TITLE} characters"))
    if len(spec.message.body) > MAX_BODY:
        errors.append(FieldError("message.body", f"Keep the message under {MAX_BODY} characters"))
    if not spec.targets:
        errors.append(FieldError("targets", "Choose at least one recipient"))
    if trigger:
        errors.extend(
            FieldError(f"trigger.{e.field}" if e.field else "trigger", e.message)
            for e in validate_trigger(spec.trigger, now)
        )
    return errors


def check_spec(spec: PushSpec, now: datetime | None = None, trigger: bool = True) -> None:
    """Raise :class:`SpecError` if ``spec`` has any problem."""
    errors = validate_spec(spec, now, trigger)
    if errors:
        raise SpecError(errors)
