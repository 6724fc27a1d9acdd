"""Nag until done, then escalate: the reminder's setting (how often, escalate to whom).

A reminder to oneself can be shown again every N minutes until it is marked done and,
optionally, if not done within M minutes, a message goes to a chosen target. This module
is the setting as part of a push's spec; :mod:`pushgui.core.runs.nagging` keeps the state of
each nagging run and sends the nags and the escalation exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.errors import FieldError
from pushgui.core.system.i18n import translate

MAX_EVERY = 24 * 60
MAX_ESCALATE = 7 * 24 * 60


@dataclass(frozen=True)
class NagSpec:
    """Show the reminder again every ``every_minutes`` until done; with
    ``escalate_after_minutes`` > 0, tell ``escalate_to`` (a target of the push's kinds:
    ``{"kind", "channel_id", "contact_ids", "group_ids"}`` as in a spec) once if it is not
    done by then."""

    every_minutes: int
    escalate_after_minutes: int = 0
    escalate_to: dict[str, Any] | None = None


# -- the spec ------------------------------------------------------------------------------


def nag_to_dict(nag: NagSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"every_minutes": nag.every_minutes}
    if nag.escalate_after_minutes:
        out["escalate_after_minutes"] = nag.escalate_after_minutes
    if nag.escalate_to is not None:
        out["escalate_to"] = dict(nag.escalate_to)
    return out


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def nag_from_dict(data: Any, errors: list[FieldError]) -> NagSpec | None:
    """The nag of a stored spec (``None`` when absent); shape problems go to ``errors``."""
    if data is None:
        return None
    if not isinstance(data, dict):
        errors.append(FieldError("nag", translate("specs", "must be an object")))
        return None
    every, after = data.get("every_minutes"), data.get("escalate_after_minutes", 0)
    target = data.get("escalate_to")
    bad = len(errors)
    if not _whole(every):
        errors.append(FieldError("nag.every_minutes", translate("specs", "must be a whole number")))
    if not _whole(after):
        errors.append(
            FieldError("nag.escalate_after_minutes", translate("specs", "must be a whole number"))
        )
    if target is not None and not (
        isinstance(target, dict) and isinstance(target.get("kind"), str)
    ):
        errors.append(
            FieldError("nag.escalate_to", translate("specs", "must be an object with a kind"))
        )
    if len(errors) != bad:
        return None
    assert isinstance(every, int) and isinstance(after, int)  # checked above
    return NagSpec(every, after, target)


def validate_nag(nag: NagSpec) -> list[FieldError]:
    errors: list[FieldError] = []
    if not 1 <= nag.every_minutes <= MAX_EVERY:
        errors.append(
            FieldError(
                "nag.every_minutes",
                translate("nag", "Repeat every 1 to {n} minutes").format(n=MAX_EVERY),
            )
        )
    if nag.escalate_after_minutes:
        if not 1 <= nag.escalate_after_minutes <= MAX_ESCALATE:
            errors.append(
                FieldError(
                    "nag.escalate_after_minutes",
                    translate("nag", "Escalate after 1 minute to 7 days"),
                )
            )
        target = nag.escalate_to
        if target is None or target.get("kind") == DESKTOP or target.get("channel_id") is None:
            errors.append(
                FieldError(
                    "nag.escalate_to",
                    translate("nag", "Choose who is told when it is not done"),
                )
            )
    return errors
