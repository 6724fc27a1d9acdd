"""Who did what to a push: its stamps and its change log, in plain words.

The database writes both (revision 0013): on PostgreSQL the names are the logins of the
sessions that made each change and the times are the server's clock, set by triggers that a
client cannot bypass; on a desktop's SQLite file the same triggers write the log without a
name (the file belongs to one account). This module only reads them and says what changed,
comparing the values before and after that each log row holds.

A push's log starts at its latest "created" row: SQLite may give a new push the id of a
deleted one, whose rows stay (a deletion is logged too).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from pushgui.core.schedule.describe import describe
from pushgui.core.schedule.spec import trigger_from_dict
from pushgui.core.store.db import Database
from pushgui.core.store.models import Push, PushChange
from pushgui.core.system.i18n import translate

CREATED, CHANGED, DELETED = "created", "changed", "deleted"
SHOWN_TEXT = 60  # characters of a name or title quoted in a sentence


@dataclass(frozen=True)
class Stamps:
    """Who created a push and who changed it last, when (names empty on SQLite)."""

    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True)
class ChangeEntry:
    """One change: when, by whom (a login, empty on SQLite), and what, in sentences."""

    at: datetime
    by: str
    action: str
    what: tuple[str, ...]


def stamps(db: Database, push_id: int) -> Stamps:
    """The push's stamps; raises LookupError when it does not exist."""
    with db.session() as session:
        push = session.get(Push, push_id)
        if push is None:
            raise LookupError(f"Push {push_id} does not exist")
        return Stamps(push.created_by, push.created_at, push.updated_by, push.updated_at)


def change_log(db: Database, push_id: int) -> list[ChangeEntry]:
    """The push's changes, oldest first, each described in the installed language."""
    with db.session() as session:
        start = session.execute(
            select(func.max(PushChange.id)).where(
                PushChange.push_id == push_id, PushChange.action == CREATED
            )
        ).scalar()
        query = select(PushChange).where(PushChange.push_id == push_id)
        if start is not None:
            query = query.where(PushChange.id >= start)
        rows = session.execute(query.order_by(PushChange.id)).scalars().all()
        return [ChangeEntry(r.changed_at, r.changed_by, r.action, describe_change(r)) for r in rows]


def describe_change(row: PushChange) -> tuple[str, ...]:
    """What one log row changed, one sentence per part."""
    if row.action == CREATED:
        return (translate("audit", "Created"),)
    if row.action == DELETED:
        return (translate("audit", "Deleted"),)
    what: list[str] = []
    if row.name_before != row.name_after:
        what.append(
            translate("audit", "Renamed from “{old}” to “{new}”").format(
                old=_short(row.name_before), new=_short(row.name_after)
            )
        )
    if row.enabled_before != row.enabled_after:
        what.append(
            translate("audit", "Resumed") if row.enabled_after else translate("audit", "Paused")
        )
    if row.spec_before is not None or row.spec_after is not None:
        what.extend(_spec_changes(row.spec_before, row.spec_after))
    return tuple(what) or (translate("audit", "Saved without changes"),)


def _spec_changes(before: object, after: object) -> list[str]:
    old, new = _parsed(before), _parsed(after)
    if old is None or new is None:
        return [translate("audit", "Changed (the details could not be read)")]
    what: list[str] = []
    old_message, new_message = old.get("message") or {}, new.get("message") or {}
    if old_message.get("title") != new_message.get("title"):
        what.append(
            translate("audit", "Title changed from “{old}” to “{new}”").format(
                old=_short(old_message.get("title")), new=_short(new_message.get("title"))
            )
        )
    if any(old_message.get(k) != new_message.get(k) for k in ("body", "html")):
        what.append(translate("audit", "Message text changed"))
    if old_message.get("attachments") != new_message.get("attachments"):
        what.append(translate("audit", "Attachments changed"))
    if old.get("trigger") != new.get("trigger"):
        what.append(_schedule_change(old.get("trigger"), new.get("trigger")))
    sections: list[tuple[str, Callable[[], str]]] = [
        ("targets", lambda: translate("audit", "Recipients changed")),
        ("options", lambda: translate("audit", "Delivery options changed")),
        ("duty", lambda: translate("audit", "Duty rotation changed")),
        ("nag", lambda: translate("audit", "Nag until done changed")),
    ]
    for key, words in sections:
        if old.get(key) != new.get(key):
            what.append(words())
    known = {"message", "trigger", *(key for key, _ in sections)}
    if any(old.get(k) != new.get(k) for k in (set(old) | set(new)) - known):
        what.append(translate("audit", "Other settings changed"))
    return what


def _schedule_change(old: Any, new: Any) -> str:
    try:
        before, after = describe(trigger_from_dict(old)), describe(trigger_from_dict(new))
    except Exception:  # a stored schedule this version cannot read: say less, never fail
        return translate("audit", "Schedule changed")
    return translate("audit", "Schedule changed from “{old}” to “{new}”").format(
        old=before, new=after
    )


def _parsed(spec: object) -> dict[str, Any] | None:
    if spec is None:
        return {}
    try:
        data = json.loads(spec) if isinstance(spec, str | bytes) else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _short(text: object) -> str:
    words = text if isinstance(text, str) else ""
    return words if len(words) <= SHOWN_TEXT else words[: SHOWN_TEXT - 1] + "…"
