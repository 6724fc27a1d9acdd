"""Whom a bot target @mentions: chosen contacts, a group's members, everyone, the person on
duty. Stored with the target in a push's spec as ``"mention": {...}``; what each service
sends for it is in the channel modules (docs/MENTIONS.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pushgui.core.errors import FieldError
from pushgui.core.system.i18n import translate


@dataclass(frozen=True)
class MentionChoice:
    contact_ids: tuple[int, ...] = ()
    group_ids: tuple[int, ...] = ()
    everyone: bool = False
    on_duty: bool = False  # whoever ${on_duty} names for the run

    def __bool__(self) -> bool:
        return bool(self.contact_ids or self.group_ids or self.everyone or self.on_duty)


def choice_to_dict(choice: MentionChoice) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if choice.contact_ids:
        out["contact_ids"] = list(choice.contact_ids)
    if choice.group_ids:
        out["group_ids"] = list(choice.group_ids)
    if choice.everyone:
        out["everyone"] = True
    if choice.on_duty:
        out["on_duty"] = True
    return out


def ids_from_list(value: Any, where: str, errors: list[FieldError]) -> tuple[int, ...]:
    """A stored list of ids; anything else goes to ``errors`` as a problem at ``where``."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        errors.append(FieldError(where, translate("specs", "must be a list of whole numbers")))
        return ()
    return tuple(value)


def choice_from_dict(data: Any, where: str, errors: list[FieldError]) -> MentionChoice:
    """The stored mention choice (none when absent); shape problems go to ``errors``."""
    if data is None:
        return MentionChoice()
    if not isinstance(data, dict):
        errors.append(FieldError(where, translate("specs", "must be an object")))
        return MentionChoice()
    flags = {}
    for name in ("everyone", "on_duty"):
        value = data.get(name, False)
        if not isinstance(value, bool):
            errors.append(
                FieldError(f"{where}.{name}", translate("specs", "must be true or false"))
            )
            value = False
        flags[name] = value
    return MentionChoice(
        contact_ids=ids_from_list(data.get("contact_ids"), f"{where}.contact_ids", errors),
        group_ids=ids_from_list(data.get("group_ids"), f"{where}.group_ids", errors),
        **flags,
    )
