"""Contacts and groups: plain records, their validation, and the store operations on them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import delete, func, select

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.messages.textcheck import email_problem, is_email, one_line_problem, printable
from pushgui.core.people import service_ids
from pushgui.core.people.duty import people
from pushgui.core.pushes.spec import spec_from_stored
from pushgui.core.store.db import Database
from pushgui.core.store.models import Contact, Group, GroupMember, Push
from pushgui.core.system.i18n import translate

__all__ = ["ContactBook", "ContactRecord", "GroupRecord", "is_email", "validate_contact"]

RESERVED_FIELDS = ("name", "email", "handle", "phone")


@dataclass(frozen=True)
class ContactRecord:
    name: str
    email: str = ""
    handle: str = ""
    phone: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    id: int | None = None
    #: IDs on the chat services, for @mentions (keys: service_ids.KEYS).
    service_ids: dict[str, str] = field(default_factory=dict)

    def values(self) -> dict[str, str]:
        """Placeholder values this contact brings to a message (``${name}``, custom fields)."""
        return {
            **self.fields,
            "name": self.name,
            "email": self.email,
            "handle": self.handle,
            "phone": self.phone,
        }


@dataclass(frozen=True)
class GroupRecord:
    name: str
    member_ids: tuple[int, ...] = ()
    id: int | None = None


def validate_contact(contact: ContactRecord) -> list[FieldError]:
    errors: list[FieldError] = []
    if not contact.name.strip():
        errors.append(FieldError("name", translate("contacts", "Give the contact a name")))
    elif len(contact.name) > 200:
        errors.append(
            FieldError("name", translate("contacts", "Keep the name under 200 characters"))
        )
    if contact.email:
        problem = email_problem(contact.email)
        if problem:
            errors.append(FieldError("email", problem))
    for where, text in (
        ("name", contact.name),
        ("handle", contact.handle),
        ("phone", contact.phone),
    ):
        problem = one_line_problem(text)
        if problem:
            errors.append(FieldError(where, problem))
    for key, value in contact.fields.items():
        # A field's value can land in an email's Subject through ${key}: one line, like a title.
        problem = one_line_problem(key) or one_line_problem(value)
        if problem:
            errors.append(FieldError("fields", f"{printable(key)}: {problem}"))
    service_ids.problems(
        service_ids.cleaned(contact.service_ids),
        lambda key, message: errors.append(FieldError(f"service_ids.{key}", message)),
    )
    for key in contact.fields:
        if not key.strip():
            errors.append(
                FieldError("fields", translate("contacts", "A custom field needs a name"))
            )
        elif key in RESERVED_FIELDS:
            errors.append(
                FieldError(
                    "fields",
                    translate("contacts", '"{name}" is a built-in field; use another name').format(
                        name=key
                    ),
                )
            )
    return errors


def _record(row: Contact) -> ContactRecord:
    fields: dict[str, str] = json.loads(row.fields or "{}")
    return ContactRecord(
        id=row.id,
        name=row.name,
        email=row.email,
        handle=row.handle,
        phone=row.phone,
        fields=fields,
        service_ids=json.loads(row.service_ids or "{}"),
    )


class ContactBook:
    """Store operations on contacts and groups (views use this, never a session)."""

    def __init__(self, database: Database) -> None:
        self.db = database

    # -- contacts ----------------------------------------------------------------------------

    def contacts(self, ids: Iterable[int] | None = None) -> list[ContactRecord]:
        query = select(Contact).order_by(func.lower(Contact.name), Contact.id)
        if ids is not None:
            query = query.where(Contact.id.in_(list(ids)))
        with self.db.session() as session:
            return [_record(row) for row in session.execute(query).scalars()]

    def get(self, contact_id: int) -> ContactRecord:
        found = self.contacts([contact_id])
        if not found:
            raise LookupError(f"Contact {contact_id} does not exist")
        return found[0]

    def save(self, contact: ContactRecord) -> int:
        """Add (no id) or update a contact; raises SpecError and saves nothing if invalid."""
        errors = validate_contact(contact)
        if errors:
            raise SpecError(errors)
        return self.save_many([contact])[0]

    def save_many(self, contacts: Sequence[ContactRecord]) -> list[int]:
        """Save several contacts in one transaction (all or nothing)."""
        for index, contact in enumerate(contacts):
            errors = validate_contact(contact)
            if errors:
                raise SpecError(errors).prefixed(f"row {index + 1}")
        ids = []
        with self.db.session() as session:
            for contact in contacts:
                row = session.get(Contact, contact.id) if contact.id is not None else None
                if row is None:
                    row = Contact()
                    session.add(row)
                row.name, row.email = contact.name.strip(), contact.email.strip()
                row.handle, row.phone = contact.handle.strip(), contact.phone.strip()
                row.fields = json.dumps(contact.fields, ensure_ascii=False)
                row.service_ids = json.dumps(service_ids.cleaned(contact.service_ids))
                session.flush()
                ids.append(row.id)
        return ids

    def delete(self, contact_ids: Iterable[int]) -> None:
        with self.db.session() as session:
            session.execute(delete(Contact).where(Contact.id.in_(list(contact_ids))))

    def pushes_using(self, contact_ids: Iterable[int]) -> list[str]:
        """Names of pushes that send to any of these contacts directly or through a group,
        or name them in a duty rotation."""
        wanted = set(contact_ids)
        groups = {g.id for g in self.groups() if wanted & set(g.member_ids)}
        names = []
        with self.db.session() as session:
            for name, text in session.execute(select(Push.name, Push.spec)).all():
                spec = spec_from_stored(text, name, True)
                if wanted & people(spec.duty):  # on duty in its rotation
                    names.append(name)
                    continue
                for target in spec.targets:
                    mention = target.mention  # whom a room @mentions names contacts too
                    if wanted & {*target.contact_ids, *mention.contact_ids} or groups & {
                        *target.group_ids,
                        *mention.group_ids,
                    }:
                        names.append(name)
                        break
        return names

    def custom_field_names(self) -> list[str]:
        names: set[str] = set()
        for contact in self.contacts():
            names.update(contact.fields)
        return sorted(names, key=str.casefold)

    # -- groups ------------------------------------------------------------------------------

    def groups(self) -> list[GroupRecord]:
        with self.db.session() as session:
            members: dict[int, list[int]] = {}
            for group_id, contact_id in session.execute(
                select(GroupMember.group_id, GroupMember.contact_id)
            ).all():
                members.setdefault(group_id, []).append(contact_id)
            return [
                GroupRecord(id=g.id, name=g.name, member_ids=tuple(sorted(members.get(g.id, []))))
                for g in session.execute(select(Group).order_by(func.lower(Group.name))).scalars()
            ]

    def save_group(self, group: GroupRecord) -> int:
        name = group.name.strip()
        if not name:
            raise SpecError([FieldError("name", translate("contacts", "Give the group a name"))])
        if one_line_problem(name):
            raise SpecError([FieldError("name", one_line_problem(name))])
        with self.db.session() as session:
            clash = session.execute(
                select(Group.id).where(func.lower(Group.name) == name.lower())
            ).scalar()
            if clash is not None and clash != group.id:
                raise SpecError(
                    [
                        FieldError(
                            "name",
                            translate("contacts", 'A group called "{name}" already exists').format(
                                name=name
                            ),
                        )
                    ]
                )
            row = session.get(Group, group.id) if group.id is not None else None
            if row is None:
                row = Group(name=name)
                session.add(row)
            row.name = name
            session.flush()
            session.execute(delete(GroupMember).where(GroupMember.group_id == row.id))
            session.add_all(
                GroupMember(group_id=row.id, contact_id=c) for c in dict.fromkeys(group.member_ids)
            )
            return row.id

    def delete_group(self, group_id: int) -> None:
        with self.db.session() as session:
            session.execute(delete(Group).where(Group.id == group_id))

    def add_to_group(self, group_id: int, contact_ids: Iterable[int]) -> None:
        group = next(g for g in self.groups() if g.id == group_id)
        self.save_group(replace(group, member_ids=(*group.member_ids, *contact_ids)))

    def expand(self, contact_ids: Iterable[int], group_ids: Iterable[int]) -> list[ContactRecord]:
        """The contacts a target reaches: its contacts plus its groups' members, each once."""
        wanted = list(contact_ids)
        members = {g.id: g.member_ids for g in self.groups()}
        for group_id in group_ids:
            wanted.extend(members.get(group_id, ()))
        order = list(dict.fromkeys(wanted))
        by_id = {c.id: c for c in self.contacts(order)}
        return [by_id[i] for i in order if i in by_id]


def contact_from_values(values: dict[str, Any]) -> ContactRecord:
    """A contact from a mapping of column name to text (CSV import)."""
    extra = {
        k: str(v)
        for k, v in values.items()
        if k not in RESERVED_FIELDS and k not in service_ids.KEYS and str(v or "").strip()
    }
    return ContactRecord(
        name=str(values.get("name", "")).strip(),
        email=str(values.get("email", "")).strip(),
        handle=str(values.get("handle", "")).strip(),
        phone=str(values.get("phone", "")).strip(),
        fields=extra,
        service_ids=service_ids.cleaned(
            {k: str(v) for k, v in values.items() if k in service_ids.KEYS}
        ),
    )
