"""What an export carries besides pushes (format version 2): contacts, groups, channels
without their secrets, and templates; matched by name on import (docs/EXPORT_FORMAT.md).

Pushes and templates name contacts, groups and channels by id. In a version-2 file those
ids are the ids *in the file*: import matches each entry with one here (a contact by name
and email, a group by name, a channel by kind and name, a template by name), creates the
ones that are missing, and rewrites the pushes' ids to the ones here. A channel is created
without its secret (the file never holds one) and is listed as needing it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pushgui.core.channels.config import CONFIG_TYPES
from pushgui.core.errors import FieldError
from pushgui.core.people.contacts import ContactRecord, validate_contact
from pushgui.core.pushes.spec import PushSpec, Target
from pushgui.core.store.db import Database
from pushgui.core.store.models import Channel, Contact, Group, GroupMember, Template
from pushgui.core.system.i18n import joined, translate

KINDS = ("contacts", "groups", "channels", "templates")


@dataclass
class Bundle:
    """The version-2 tables of an export, as read from the file (ids are the file's)."""

    contacts: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    channels: list[dict[str, Any]] = field(default_factory=list)
    templates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What an import will create, match (use what is here) and leave out, by kind."""

    created: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    matched: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    left_out: list[str] = field(default_factory=list)
    needs_secret: list[str] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)  # one-offs imported paused

    def summary(self) -> list[str]:
        """Plain lines for the command line and the window's preview."""
        lines = []
        for title, table in (
            (translate("bundle", "Will create"), self.created),
            (translate("bundle", "Already here, used as they are"), self.matched),
        ):
            parts = [f"{len(table[k])} {_kind_name(k)}" for k in KINDS if table[k]]
            if parts:
                lines.append(f"{title}: {', '.join(parts)}")
        for name in self.left_out:
            lines.append(translate("bundle", "Left out: {what}").format(what=name))
        for name in self.finished:
            lines.append(
                translate("bundle", "{name}: its time has passed; imported paused").format(
                    name=name
                )
            )
        if self.needs_secret:
            lines.append(
                translate(
                    "bundle",
                    "Channels created without their password or token (enter it in Channels): "
                    "{names}",
                ).format(names=", ".join(self.needs_secret))
            )
        return lines


def _kind_name(kind: str) -> str:
    return {
        "contacts": translate("bundle", "contacts"),
        "groups": translate("bundle", "groups"),
        "channels": translate("bundle", "channels"),
        "templates": translate("bundle", "templates"),
    }[kind]


# -- export ---------------------------------------------------------------------------------


def collect(db: Database) -> dict[str, list[dict[str, Any]]]:
    """The version-2 tables of this database, for an export (no secret is in them)."""
    with db.session() as session:
        contacts = [
            {
                "id": c.id,
                "name": c.name,
                "email": c.email,
                "handle": c.handle,
                "phone": c.phone,
                "fields": json.loads(c.fields or "{}"),
                "service_ids": json.loads(c.service_ids or "{}"),
            }
            for c in session.execute(select(Contact).order_by(Contact.id)).scalars()
        ]
        members: dict[int, list[int]] = {}
        for group_id, contact_id in session.execute(
            select(GroupMember.group_id, GroupMember.contact_id).order_by(GroupMember.contact_id)
        ).all():
            members.setdefault(group_id, []).append(contact_id)
        groups = [
            {"id": g.id, "name": g.name, "members": members.get(g.id, [])}
            for g in session.execute(select(Group).order_by(Group.id)).scalars()
        ]
        channels = [
            {"id": c.id, "kind": c.kind, "name": c.name, "settings": _public(c.kind, c.settings)}
            for c in session.execute(select(Channel).order_by(Channel.id)).scalars()
        ]
        templates = [
            {"name": t.name, "message": json.loads(t.message)}
            for t in session.execute(select(Template).order_by(Template.id)).scalars()
        ]
    return {"contacts": contacts, "groups": groups, "channels": channels, "templates": templates}


def _public(kind: str, text: str) -> dict[str, Any]:
    """Stored settings minus any secret field (none should be there; never export one)."""
    settings = json.loads(text or "{}")
    secret = set(CONFIG_TYPES[kind].SECRETS) if kind in CONFIG_TYPES else set()
    return {k: v for k, v in settings.items() if k not in secret}


# -- reading --------------------------------------------------------------------------------


def parse_bundle(document: dict[str, Any]) -> tuple[Bundle, list[FieldError]]:
    """The tables of a version-2 document, checked for shape; problems name entry and field."""
    bundle = Bundle()
    errors: list[FieldError] = []
    for kind in KINDS:
        raw = document.get(kind, [])
        if not isinstance(raw, list):
            errors.append(FieldError(kind, translate("specs", "must be a list")))
            continue
        for index, entry in enumerate(raw):
            where = f"{kind}[{index}]"
            problem = _entry_problem(kind, entry)
            if problem is not None:
                errors.append(FieldError(where, problem))
            else:
                getattr(bundle, kind).append(entry)
    return bundle, errors


def _entry_problem(kind: str, entry: Any) -> str | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        return translate("bundle", "must be an object with a name")
    if kind != "templates" and not _is_id(entry.get("id")):
        return translate("bundle", "must have a whole-number id")
    if kind == "contacts":
        fields = entry.get("fields", {})
        ids = entry.get("service_ids", {})
        texts = [entry.get(k, "") for k in ("email", "handle", "phone")]
        if (
            not isinstance(fields, dict)
            or not isinstance(ids, dict)
            or not all(isinstance(v, str) for v in [*texts, *fields.values(), *ids.values()])
        ):
            return translate("bundle", "email, handle, phone and fields must be text")
        problems = validate_contact(_contact(entry))
        if problems:
            return joined("; ", problems)
    if kind == "groups":
        members = entry.get("members", [])
        if not isinstance(members, list) or not all(_is_id(m) for m in members):
            return translate("bundle", "members must be a list of contact ids")
    if kind == "channels":
        if entry.get("kind") not in CONFIG_TYPES:
            return translate("bundle", '"{kind}" is not a channel pushgui knows').format(
                kind=entry.get("kind")
            )
        if not isinstance(entry.get("settings", {}), dict):
            return translate("bundle", "settings must be an object")
    if kind == "templates" and not isinstance(entry.get("message"), dict):
        return translate("bundle", "message must be an object")
    return None


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _contact(entry: dict[str, Any]) -> ContactRecord:
    return ContactRecord(
        entry["name"],
        entry.get("email", ""),
        handle=entry.get("handle", ""),
        phone=entry.get("phone", ""),
        fields=dict(entry.get("fields", {})),
        service_ids=dict(entry.get("service_ids", {})),  # absent in older files
    )


# -- applying -------------------------------------------------------------------------------


@dataclass
class IdMaps:
    """File id -> id here, per kind."""

    contacts: dict[int, int] = field(default_factory=dict)
    groups: dict[int, int] = field(default_factory=dict)
    channels: dict[int, int] = field(default_factory=dict)


def apply(session: Session, bundle: Bundle, plan: ImportPlan) -> IdMaps:
    """Match or create every entry in ``session`` (the caller's transaction); fills ``plan``."""
    maps = IdMaps()
    here = {(c.name, c.email): c.id for c in session.execute(select(Contact)).scalars()}
    for entry in bundle.contacts:
        key = (entry["name"], entry.get("email", ""))
        if key in here:
            plan.matched["contacts"].append(entry["name"])
        else:
            record = _contact(entry)
            row = Contact(
                name=record.name,
                email=record.email,
                handle=record.handle,
                phone=record.phone,
                fields=json.dumps(record.fields, ensure_ascii=False),
                service_ids=json.dumps(record.service_ids),
            )
            session.add(row)
            session.flush()
            here[key] = row.id
            plan.created["contacts"].append(entry["name"])
        maps.contacts[entry["id"]] = here[key]

    groups = {g.name: g.id for g in session.execute(select(Group)).scalars()}
    for entry in bundle.groups:
        if entry["name"] in groups:
            plan.matched["groups"].append(entry["name"])
        else:
            group = Group(name=entry["name"])
            session.add(group)
            session.flush()
            groups[entry["name"]] = group.id
            members = {maps.contacts[m] for m in entry.get("members", []) if m in maps.contacts}
            session.add_all(GroupMember(group_id=group.id, contact_id=m) for m in members)
            plan.created["groups"].append(entry["name"])
        maps.groups[entry["id"]] = groups[entry["name"]]

    channels = {(c.kind, c.name): c.id for c in session.execute(select(Channel)).scalars()}
    for entry in bundle.channels:
        key = (entry["kind"], entry["name"])
        if key in channels:
            plan.matched["channels"].append(entry["name"])
        else:
            settings = _public(entry["kind"], json.dumps(entry.get("settings", {})))
            channel = Channel(kind=entry["kind"], name=entry["name"], settings=json.dumps(settings))
            session.add(channel)
            session.flush()
            channels[key] = channel.id
            plan.created["channels"].append(entry["name"])
            if CONFIG_TYPES[entry["kind"]].SECRETS:
                plan.needs_secret.append(f"{entry['name']} ({entry['kind']})")
        maps.channels[entry["id"]] = channels[key]

    templates = set(session.execute(select(Template.name)).scalars())
    for entry in bundle.templates:
        if entry["name"] in templates:
            plan.matched["templates"].append(entry["name"])
            continue
        message = dict(entry["message"])
        if isinstance(message.get("targets"), list):
            message["targets"] = [_remap_target_dict(t, maps) for t in message["targets"]]
        session.add(Template(name=entry["name"], message=json.dumps(message, ensure_ascii=False)))
        templates.add(entry["name"])
        plan.created["templates"].append(entry["name"])
    return maps


def remap(spec: PushSpec, maps: IdMaps) -> PushSpec:
    """``spec`` with the file's ids replaced by the ids here (unknown ones kept: reported)."""
    from dataclasses import replace

    targets = tuple(
        Target(
            t.kind,
            maps.channels.get(t.channel_id, t.channel_id) if t.channel_id is not None else None,
            tuple(maps.contacts.get(c, c) for c in t.contact_ids),
            tuple(maps.groups.get(g, g) for g in t.group_ids),
            replace(  # whom a bot @mentions names contacts and groups too
                t.mention,
                contact_ids=tuple(maps.contacts.get(c, c) for c in t.mention.contact_ids),
                group_ids=tuple(maps.groups.get(g, g) for g in t.mention.group_ids),
            ),
        )
        for t in spec.targets
    )
    duty = spec.duty
    if duty is not None:  # the rotation names contacts too (core/people/duty.py)
        people = maps.contacts
        duty = replace(
            duty,
            order=tuple(people.get(c, c) for c in duty.order),
            swaps=tuple(
                replace(s, contact_id=people.get(s.contact_id, s.contact_id)) for s in duty.swaps
            ),
            group_id=None
            if duty.group_id is None
            else maps.groups.get(duty.group_id, duty.group_id),
        )
    return replace(spec, targets=targets, duty=duty)


def _remap_target_dict(target: Any, maps: IdMaps) -> Any:
    if not isinstance(target, dict):
        return target
    result = dict(target)
    if _is_id(result.get("channel_id")):
        result["channel_id"] = maps.channels.get(result["channel_id"], result["channel_id"])
    for key, table in (("contact_ids", maps.contacts), ("group_ids", maps.groups)):
        if isinstance(result.get(key), list):
            result[key] = [table.get(i, i) if _is_id(i) else i for i in result[key]]
    if isinstance(result.get("mention"), dict):
        result["mention"] = _remap_target_dict(result["mention"], maps)
    return result
