"""A target's @mention choice made concrete: who is pinged on the target's service for one
run, and the plain-words warnings for a mention that cannot ping (docs/MENTIONS.md).

The editor shows :func:`warnings` next to the target before saving, so a mention that
would not ping is never silent; the run uses :func:`mentions_for` and keeps the result with
each delivery row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from pushgui.core.channels.mention import Mentioned, Mentions
from pushgui.core.people.contacts import ContactBook, ContactRecord
from pushgui.core.people.duty import Rotation, on_duty, people
from pushgui.core.pushes.mention_choice import MentionChoice
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.system.i18n import translate

#: The contact IDs each service pings by: (user ID key, mobile key or "").
KEYS: dict[str, tuple[str, str]] = {
    "dingtalk": ("dingtalk_user_id", "dingtalk_mobile"),
    "wecom": ("wecom_user_id", "wecom_mobile"),
    "feishu": ("feishu", ""),
    "slack": ("slack", ""),
    "discord": ("discord", ""),
    "telegram": ("telegram", ""),
}


def can_mention(kind: str) -> bool:
    return kind in KEYS


@dataclass(frozen=True)
class MentionPlan:
    """A target's choice with the contacts it may name: the chosen people (groups expanded)
    and everyone in the push's duty rotation, by id."""

    choice: MentionChoice
    chosen: tuple[ContactRecord, ...] = ()
    duty_pool: Mapping[int, ContactRecord] = field(default_factory=dict)


def plan(choice: MentionChoice, rotation: Rotation | None, contacts: ContactBook) -> MentionPlan:
    chosen = tuple(contacts.expand(choice.contact_ids, choice.group_ids)) if choice else ()
    pool: dict[int, ContactRecord] = {}
    if choice.on_duty and rotation is not None:
        pool = {c.id: c for c in contacts.contacts(people(rotation)) if c.id is not None}
    return MentionPlan(choice, chosen, pool)


def mentioned(kind: str, contact: ContactRecord) -> Mentioned | None:
    """``contact`` as the ``kind`` service pings them; ``None`` without an ID there."""
    user_key, mobile_key = KEYS[kind]
    user_id = contact.service_ids.get(user_key, "")
    mobile = contact.service_ids.get(mobile_key, "") if mobile_key else ""
    if not (user_id or mobile):
        return None
    return Mentioned(contact.name, user_id, mobile)


def mentions_for(
    kind: str,
    mention: MentionPlan | None,
    rotation: Rotation | None,
    day: date,
    calendars: Calendars | None = None,
) -> Mentions:
    """Whom one run's message on ``kind`` pings (the person on duty on ``day`` included)."""
    if mention is None or not mention.choice or not can_mention(kind):
        return Mentions()
    contacts = list(mention.chosen)
    if mention.choice.on_duty and rotation is not None:
        person = on_duty(rotation, day, calendars)
        if person is not None and person in mention.duty_pool:
            contacts.append(mention.duty_pool[person])
    found: dict[tuple[str, str], Mentioned] = {}
    for contact in contacts:
        person_there = mentioned(kind, contact)
        if person_there is not None:
            found.setdefault((person_there.user_id, person_there.mobile), person_there)
    return Mentions(tuple(found.values()), mention.choice.everyone)


def service_name(kind: str) -> str:
    """The service as people know it, translated."""
    names = {
        "dingtalk": translate("channels", "DingTalk"),
        "wecom": translate("channels", "WeCom"),
        "feishu": translate("channels", "Feishu"),
        "slack": translate("channels", "Slack"),
        "discord": translate("channels", "Discord"),
        "telegram": translate("channels", "Telegram"),
    }
    return names.get(kind, kind)


def warnings(kind: str, msgtype: str, mention: MentionPlan, rotation: Rotation | None) -> list[str]:
    """Each reason some chosen mention would not ping, in plain words (empty: all ping)."""
    choice = mention.choice
    if not choice:
        return []
    if not can_mention(kind):
        return [
            translate("mentions", "This channel cannot @mention anyone; nobody will be pinged.")
        ]
    out: list[str] = []
    service = service_name(kind)
    if choice.on_duty and rotation is None:
        out.append(
            translate(
                "mentions",
                "“On duty” is chosen but this push has no duty rotation: nobody will be pinged "
                "for it. Set one up under Duty.",
            )
        )
    candidates = list(mention.chosen)
    if choice.on_duty:
        candidates += [c for c in mention.duty_pool.values() if c not in candidates]
    missing = [c.name for c in candidates if mentioned(kind, c) is None]
    if missing:
        out.append(
            translate(
                "mentions",
                "No {service} ID for {names}: they will not be pinged. Add it in Contacts.",
            ).format(service=service, names=_names(missing))
        )
    if kind == "wecom" and msgtype == "markdown":
        mobile_only = [
            c.name
            for c in candidates
            if not c.service_ids.get("wecom_user_id") and c.service_ids.get("wecom_mobile")
        ]
        if mobile_only:
            out.append(
                translate(
                    "mentions",
                    "WeCom markdown messages ping by userid only, not by mobile: {names} will "
                    "not be pinged. Add their userid or send plain text.",
                ).format(names=_names(mobile_only))
            )
        if choice.everyone:
            out.append(
                translate(
                    "mentions",
                    "WeCom markdown messages cannot @all; send plain text to ping everyone.",
                )
            )
    if kind == "telegram":
        if choice.everyone:
            out.append(
                translate(
                    "mentions",
                    "Telegram has no @everyone for bots: “everyone” will not ping anybody.",
                )
            )
        if candidates:
            out.append(
                translate(
                    "mentions",
                    "Telegram pings an @username only if that person is a member of the chat.",
                )
            )
    return out


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:5])
    if len(names) > 5:
        shown += translate("mentions", " and {n} more").format(n=len(names) - 5)
    return shown


__all__ = [
    "KEYS",
    "MentionPlan",
    "can_mention",
    "mentioned",
    "mentions_for",
    "plan",
    "service_name",
    "warnings",
]
