"""A push as the user composed it: message, targets, trigger and options, as plain data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.messages.rich import TEXT_FORMATS, TextFormat
from pushgui.core.people.duty import Rotation, rotation_from_dict, rotation_to_dict
from pushgui.core.pushes.mention_choice import (
    MentionChoice,
    choice_from_dict,
    choice_to_dict,
    ids_from_list,
)
from pushgui.core.pushes.nag import NagSpec, nag_from_dict, nag_to_dict
from pushgui.core.schedule.spec import TriggerSpec, trigger_from_dict, trigger_to_dict
from pushgui.core.system.i18n import translate

MissedPolicy = Literal["once", "all", "skip", "late"]
MISSED_POLICIES: tuple[MissedPolicy, ...] = ("once", "all", "skip", "late")

MAX_NAME = 200
MAX_TITLE = 500
MAX_BODY = 100_000
MAX_HTML = 500_000  # an HTML version of the body, for email


@dataclass(frozen=True)
class Message:
    """What is sent. Title and body may hold ``${placeholders}``; ``html`` is an optional
    HTML version of the body for email; ``attachments`` are file paths, for email;
    ``format`` says how the body is read: ``plain`` text, or ``markdown`` (the formatted
    message's source form, :mod:`pushgui.core.messages.rich`)."""

    title: str
    body: str = ""
    html: str = ""
    attachments: tuple[str, ...] = ()
    format: TextFormat = "plain"


@dataclass(frozen=True)
class Target:
    """Who receives a push. ``kind`` names a channel kind; ``desktop`` means "me"."""

    kind: str = "desktop"
    channel_id: int | None = None
    contact_ids: tuple[int, ...] = ()
    group_ids: tuple[int, ...] = ()
    mention: MentionChoice = field(default_factory=MentionChoice)  # a bot's @mentions


@dataclass(frozen=True)
class PushOptions:
    """How a push treats missed runs (never skipped for being a second late) and failures:
    a failed delivery is tried ``retries`` more times, waiting ``retry_delay`` seconds, then
    twice that, and so on. ``heads_up_minutes`` before each scheduled send to other people
    the user is asked whether to skip it (0: never; see :mod:`pushgui.core.runs.headsup`)."""

    missed: MissedPolicy = "once"
    max_late: int = 3600  # seconds, for the "late" policy
    retries: int = 3
    retry_delay: int = 60
    heads_up_minutes: int = 0


@dataclass(frozen=True)
class PushSpec:
    name: str
    message: Message
    trigger: TriggerSpec
    targets: tuple[Target, ...] = (Target(),)
    options: PushOptions = field(default_factory=PushOptions)
    enabled: bool = True
    duty: Rotation | None = None  # the ${on_duty} rotation (core/people/duty.py)
    nag: NagSpec | None = None  # nag until done, then escalate (core/pushes/nag.py)

    def renamed(self, name: str) -> PushSpec:
        return replace(self, name=name)


#: Kept in the push row's own columns, never in its stored spec JSON: the row is their one
#: source (export files still carry them, see docs/EXPORT_FORMAT.md).
ROW_FIELDS = ("name", "enabled")


def stored_spec(spec: PushSpec) -> str:
    """The JSON text stored in a push row: the spec without the row's own columns."""
    data = spec_to_dict(spec)
    for key in ROW_FIELDS:
        del data[key]
    return json.dumps(data)


def spec_from_stored(text: str | bytes, name: str, enabled: bool) -> PushSpec:
    """The push a row holds: its stored spec JSON with the row's name and enabled flag."""
    data = json.loads(text)
    if isinstance(data, dict):
        data = {**data, "name": name, "enabled": bool(enabled)}
    return spec_from_dict(data)


def spec_to_dict(spec: PushSpec) -> dict[str, Any]:
    """The JSON form written to export files (stored without its name and enabled flag,
    :func:`stored_spec`)."""
    options: dict[str, Any] = {
        "missed": spec.options.missed,
        "max_late": spec.options.max_late,
        "retries": spec.options.retries,
        "retry_delay": spec.options.retry_delay,
    }
    if spec.options.heads_up_minutes:  # written only when set: older files stay as they were
        options["heads_up_minutes"] = spec.options.heads_up_minutes
    out = {
        "name": spec.name,
        "enabled": spec.enabled,
        "message": _message_to_dict(spec.message),
        "targets": [_target_to_dict(t) for t in spec.targets],
        "trigger": trigger_to_dict(spec.trigger),
        "options": options,
    }
    if spec.duty is not None:  # written only when set, like heads_up_minutes
        out["duty"] = rotation_to_dict(spec.duty)
    if spec.nag is not None:
        out["nag"] = nag_to_dict(spec.nag)
    return out


def _message_to_dict(message: Message) -> dict[str, Any]:
    out: dict[str, Any] = {"title": message.title, "body": message.body}
    if message.html:
        out["html"] = message.html
    if message.attachments:
        out["attachments"] = list(message.attachments)
    if message.format != "plain":  # written only when set: older files stay as they were
        out["format"] = message.format
    return out


def _target_to_dict(target: Target) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": target.kind}
    if target.channel_id is not None:
        out["channel_id"] = target.channel_id
    if target.contact_ids:
        out["contact_ids"] = list(target.contact_ids)
    if target.group_ids:
        out["group_ids"] = list(target.group_ids)
    if target.mention:
        out["mention"] = choice_to_dict(target.mention)
    return out


def _target_from_dict(data: Any, where: str, errors: list[FieldError]) -> Target:
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        errors.append(FieldError(where, translate("specs", "must be an object with a kind")))
        return Target()
    channel_id = data.get("channel_id")
    if channel_id is not None and (isinstance(channel_id, bool) or not isinstance(channel_id, int)):
        errors.append(
            FieldError(f"{where}.channel_id", translate("specs", "must be a whole number"))
        )
        channel_id = None
    return Target(
        kind=data["kind"],
        channel_id=channel_id,
        contact_ids=ids_from_list(data.get("contact_ids"), f"{where}.contact_ids", errors),
        group_ids=ids_from_list(data.get("group_ids"), f"{where}.group_ids", errors),
        mention=choice_from_dict(data.get("mention"), f"{where}.mention", errors),
    )


def spec_from_dict(data: Any) -> PushSpec:
    """Parse the JSON form of a push; raises :class:`SpecError` naming each bad field.

    Only shape and types are checked here; :func:`pushgui.core.pushes.validation.validate_spec`
    checks meaning.
    """
    if not isinstance(data, dict):
        raise SpecError([FieldError("", translate("specs", "must be an object"))])
    errors: list[FieldError] = []

    name = data.get("name")
    if not isinstance(name, str):
        errors.append(FieldError("name", translate("specs", "must be text")))
        name = ""
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        errors.append(FieldError("enabled", translate("specs", "must be true or false")))
        enabled = True

    message = data.get("message")
    title, body, html, attachments = "", "", "", ()
    text_format: TextFormat = "plain"
    if not isinstance(message, dict):
        errors.append(
            FieldError("message", translate("specs", "must be an object with a title and a body"))
        )
    else:
        title = _text(message, "title", "message.title", errors)
        body = _text(message, "body", "message.body", errors)
        html = _text(message, "html", "message.html", errors)
        raw = message.get("attachments", [])
        if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
            errors.append(
                FieldError(
                    "message.attachments", translate("specs", "must be a list of file paths")
                )
            )
        else:
            attachments = tuple(raw)
        raw_format = message.get("format", "plain")
        if raw_format in TEXT_FORMATS:
            text_format = raw_format
        else:
            errors.append(
                FieldError("message.format", translate("specs", "must be plain or markdown"))
            )

    raw_targets = data.get("targets", [{"kind": "desktop"}])
    targets: tuple[Target, ...] = ()
    if not isinstance(raw_targets, list):
        errors.append(FieldError("targets", translate("specs", "must be a list")))
    else:
        targets = tuple(
            _target_from_dict(t, f"targets[{i}]", errors) for i, t in enumerate(raw_targets)
        )

    options = data.get("options", {})
    missed: Any = "once"
    retries, retry_delay = PushOptions.retries, PushOptions.retry_delay
    max_late = PushOptions.max_late
    heads_up = PushOptions.heads_up_minutes
    if not isinstance(options, dict):
        errors.append(FieldError("options", translate("specs", "must be an object")))
    else:
        missed = options.get("missed", "once")
        if missed not in MISSED_POLICIES:
            errors.append(
                FieldError("options.missed", translate("specs", "must be once, all, skip or late"))
            )
            missed = "once"
        max_late = _whole(options, "max_late", max_late, "options.max_late", errors)
        retries = _whole(options, "retries", retries, "options.retries", errors)
        retry_delay = _whole(options, "retry_delay", retry_delay, "options.retry_delay", errors)
        heads_up = _whole(options, "heads_up_minutes", heads_up, "options.heads_up_minutes", errors)

    trigger: TriggerSpec | None = None
    try:
        trigger = trigger_from_dict(data.get("trigger"))
    except SpecError as exc:
        errors.extend(exc.prefixed("trigger").errors)

    duty = rotation_from_dict(data.get("duty"), errors)
    nag = nag_from_dict(data.get("nag"), errors)
    if errors or trigger is None:
        raise SpecError(errors)
    return PushSpec(
        name=name,
        enabled=enabled,
        message=Message(
            title=title, body=body, html=html, attachments=attachments, format=text_format
        ),
        targets=targets,
        trigger=trigger,
        options=PushOptions(
            missed=missed,
            max_late=max_late,
            retries=retries,
            retry_delay=retry_delay,
            heads_up_minutes=heads_up,
        ),
        duty=duty,
        nag=nag,
    )


def _text(data: dict[str, Any], key: str, where: str, errors: list[FieldError]) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        errors.append(FieldError(where, translate("specs", "must be text")))
        return ""
    return value


def _whole(
    data: dict[str, Any], key: str, default: int, where: str, errors: list[FieldError]
) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append(FieldError(where, translate("specs", "must be a whole number")))
        return default
    return value


def spec_problem(raw: bytes) -> str | None:
    """Why stored spec bytes cannot be read as a push, or None when they can."""
    try:
        spec_from_stored(raw.decode("utf-8"), "", True)
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    except (ValueError, RecursionError) as exc:
        return f"not valid JSON ({exc})"
    except SpecError as exc:
        return "; ".join(str(error) for error in exc.errors[:3])
    return None
