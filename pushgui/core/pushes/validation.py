"""Validation of a whole push: field-level errors in plain words, nothing raised."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pushgui.core.channels.config import CONFIG_TYPES
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.messages.attachments import MAX_ATTACHMENTS
from pushgui.core.messages.placeholders import (
    STANDARD,
    malformed_placeholders,
    unknown_placeholders,
)
from pushgui.core.messages.textcheck import one_line_problem
from pushgui.core.people.contacts import RESERVED_FIELDS
from pushgui.core.people.duty import PLACEHOLDERS as DUTY_PLACEHOLDERS
from pushgui.core.people.duty import validate_rotation
from pushgui.core.pushes.nag import validate_nag
from pushgui.core.pushes.spec import (
    MAX_BODY,
    MAX_HTML,
    MAX_NAME,
    MAX_TITLE,
    PushSpec,
    spec_from_stored,
    stored_spec,
)
from pushgui.core.schedule.validate import validate_trigger
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.system.i18n import translate

KNOWN_TARGETS = frozenset({"desktop", *CONFIG_TYPES})
MAX_RETRIES = 10
MIN_RETRY_DELAY = 5
MAX_RETRY_DELAY = 86_400
MAX_LATE = 7 * 86_400
MAX_HEADS_UP_MINUTES = 24 * 60


def _placeholder_errors(spec: PushSpec, custom_fields: Iterable[str] | None) -> list[FieldError]:
    errors: list[FieldError] = []
    parts = (
        ("message.title", spec.message.title),
        ("message.body", spec.message.body),
        ("message.html", spec.message.html),
    )
    known = None if custom_fields is None else {*STANDARD, *RESERVED_FIELDS, *custom_fields}
    if known is not None and spec.duty is not None:
        known.update(DUTY_PLACEHOLDERS)
    for where, text in parts:
        broken = malformed_placeholders(text)
        if broken:
            errors.append(
                FieldError(
                    where,
                    translate(
                        "validation", "{text} is not a placeholder; write it like ${{name}}"
                    ).format(text=broken[0]),
                )
            )
            continue
        unknown = sorted(unknown_placeholders(text, known)) if known is not None else []
        if unknown and set(unknown) <= set(DUTY_PLACEHOLDERS):
            errors.append(
                FieldError(
                    where,
                    translate(
                        "validation", "${{{name}}} needs a duty rotation: set one up below"
                    ).format(name=unknown[0]),
                )
            )
        elif unknown:
            names = ", ".join(f"${{{n}}}" for n in unknown)
            errors.append(
                FieldError(
                    where,
                    translate(
                        "validation",
                        "Unknown placeholder {names}: use a contact field or ${{name}}",
                    ).format(names=names),
                )
            )
    return errors


def _keep_under(what: str, limit: int) -> str:
    texts = {
        "name": translate("validation", "Keep the name under {n} characters"),
        "title": translate("validation", "Keep the title under {n} characters"),
        "body": translate("validation", "Keep the message under {n} characters"),
        "html": translate("validation", "Keep the HTML version under {n} characters"),
    }
    return texts[what].format(n=limit)


def validate_spec(
    spec: PushSpec,
    now: datetime | None = None,
    trigger: bool = True,
    custom_fields: Iterable[str] | None = None,
    calendars: Calendars | None = None,
) -> list[FieldError]:
    """Every problem with ``spec``; trigger fields come back as ``trigger.<field>``.

    ``trigger=False`` leaves the schedule out (it was checked when it was saved); a rule on
    working days is checked by ``calendars`` (the app's holiday data and own days).
    ``custom_fields`` are the contacts' own field names: when given, any other placeholder
    is an error (the editor passes them; an import may come before its contacts).
    """
    errors: list[FieldError] = []
    if not spec.name.strip():
        errors.append(FieldError("name", translate("validation", "Give the reminder a name")))
    elif len(spec.name) > MAX_NAME:
        errors.append(FieldError("name", _keep_under("name", MAX_NAME)))
    if not spec.message.title.strip():
        errors.append(
            FieldError("message.title", translate("validation", "Write a title for the message"))
        )
    elif len(spec.message.title) > MAX_TITLE:
        errors.append(FieldError("message.title", _keep_under("title", MAX_TITLE)))
    if len(spec.message.body) > MAX_BODY:
        errors.append(FieldError("message.body", _keep_under("body", MAX_BODY)))
    if len(spec.message.html) > MAX_HTML:
        errors.append(FieldError("message.html", _keep_under("html", MAX_HTML)))
    if len(spec.message.attachments) > MAX_ATTACHMENTS:
        errors.append(
            FieldError(
                "message.attachments",
                translate("attachments", "Attach at most {n} files").format(n=MAX_ATTACHMENTS),
            )
        )
    for where, text in (("name", spec.name), ("message.title", spec.message.title)):
        # Not only C0: U+0085, U+2028, U+2029 and C1 break an email's Subject too.
        problem = one_line_problem(text)
        if problem:
            errors.append(FieldError(where, problem))
    for index, target in enumerate(spec.targets):
        if target.kind not in KNOWN_TARGETS:
            errors.append(
                FieldError(
                    f"targets[{index}]",
                    translate("validation", '"{kind}" is not a channel pushgui knows').format(
                        kind=target.kind
                    ),
                )
            )
    if not spec.targets:
        errors.append(
            FieldError("targets", translate("validation", "Choose at least one recipient"))
        )
    for index, target in enumerate(spec.targets):
        if target.kind != "desktop" and target.channel_id is None:
            errors.append(
                FieldError(
                    f"targets[{index}]", translate("validation", "Choose a channel to send through")
                )
            )
        if target.kind == "email" and not (target.contact_ids or target.group_ids):
            errors.append(
                FieldError(
                    f"targets[{index}]",
                    translate("validation", "Choose contacts or groups to email"),
                )
            )
    if not 0 <= spec.options.retries <= MAX_RETRIES:
        errors.append(
            FieldError(
                "options.retries",
                translate("validation", "Retry between 0 and {n} times").format(n=MAX_RETRIES),
            )
        )
    if not MIN_RETRY_DELAY <= spec.options.retry_delay <= MAX_RETRY_DELAY:
        errors.append(
            FieldError(
                "options.retry_delay",
                translate(
                    "validation", "Wait between {n} seconds and a day before retrying"
                ).format(n=MIN_RETRY_DELAY),
            )
        )
    if spec.options.missed == "late" and not 60 <= spec.options.max_late <= MAX_LATE:
        errors.append(
            FieldError(
                "options.max_late", translate("validation", "Choose between 1 minute and 7 days")
            )
        )
    if not 0 <= spec.options.heads_up_minutes <= MAX_HEADS_UP_MINUTES:
        errors.append(
            FieldError(
                "options.heads_up_minutes",
                translate("validation", "Give the heads-up between 0 and 1440 minutes"),
            )
        )
    errors.extend(_placeholder_errors(spec, custom_fields))
    if spec.duty is not None:
        errors.extend(validate_rotation(spec.duty, None))
    if spec.nag is not None:
        errors.extend(validate_nag(spec.nag))
    if trigger:
        errors.extend(
            FieldError(f"trigger.{e.field}" if e.field else "trigger", e.message)
            for e in validate_trigger(spec.trigger, now, calendars)
        )
    if not errors:
        errors.extend(_read_back_problems(spec))
    return errors


def _read_back_problems(spec: PushSpec) -> list[FieldError]:
    """What the reader of stored pushes would refuse in ``spec`` once saved.

    The stored text is read back at every start; a push built by code (not the editor) once
    passed these checks with a start time carrying a UTC offset, was saved, and was set aside
    as damaged at the next start. The reader's checks are the last word on what is saved.
    """
    try:
        spec_from_stored(stored_spec(spec), spec.name, spec.enabled)
    except SpecError as exc:
        return list(exc.errors)
    return []


def check_spec(
    spec: PushSpec,
    now: datetime | None = None,
    trigger: bool = True,
    calendars: Calendars | None = None,
) -> None:
    """Raise :class:`SpecError` if ``spec`` has any problem."""
    errors = validate_spec(spec, now, trigger, calendars=calendars)
    if errors:
        raise SpecError(errors)
