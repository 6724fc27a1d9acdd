"""Message templates: a message saved under a name, to start new pushes from.

A template holds the title, body (HTML and attachments too, when the message has them) and,
if the user chose, the recipients. It never holds a schedule: a push started from a
template gets its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.messages.rich import TEXT_FORMATS
from pushgui.core.messages.textcheck import one_line_problem
from pushgui.core.pushes.spec import (
    MAX_NAME,
    Message,
    Target,
    _message_to_dict,
    _target_from_dict,
    _target_to_dict,
)
from pushgui.core.store.db import Database
from pushgui.core.store.models import Template as TemplateRow
from pushgui.core.system.i18n import translate


@dataclass(frozen=True)
class Template:
    """A saved message; ``targets`` is ``None`` when the recipients were not saved."""

    id: int
    name: str
    message: Message
    targets: tuple[Target, ...] | None = None


def _to_json(message: Message, targets: tuple[Target, ...] | None) -> str:
    data: dict[str, Any] = _message_to_dict(message)
    if targets is not None:
        data["targets"] = [_target_to_dict(t) for t in targets]
    return json.dumps(data, ensure_ascii=False)


def _from_row(row_id: int, name: str, text: str) -> Template:
    data = json.loads(text)
    errors: list[FieldError] = []
    if not isinstance(data, dict):
        data = {}
    title, body, html = (str(data.get(key, "")) for key in ("title", "body", "html"))
    attachments = data.get("attachments", [])
    if not isinstance(attachments, list):
        attachments = []
    targets: tuple[Target, ...] | None = None
    raw = data.get("targets")
    if isinstance(raw, list):
        targets = tuple(_target_from_dict(t, f"targets[{i}]", errors) for i, t in enumerate(raw))
    text_format = data.get("format", "plain")
    message = Message(
        title=title,
        body=body,
        html=html,
        attachments=tuple(str(a) for a in attachments),
        format=text_format if text_format in TEXT_FORMATS else "plain",
    )
    return Template(id=row_id, name=name, message=message, targets=targets)


def check_name(name: str) -> None:
    """Raise :class:`SpecError` on a name a template cannot have."""
    if not name.strip():
        raise SpecError([FieldError("name", translate("templates", "Give the template a name"))])
    if one_line_problem(name):
        raise SpecError([FieldError("name", one_line_problem(name))])
    if len(name) > MAX_NAME:
        raise SpecError(
            [
                FieldError(
                    "name",
                    translate("templates", "Keep the name under {n} characters").format(n=MAX_NAME),
                )
            ]
        )


class TemplateBook:
    """Lists, saves and deletes templates; names are unique, ignoring surrounding spaces."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def list(self) -> list[Template]:
        """Every template, by name."""
        with self.db.session() as session:
            rows = session.execute(
                select(TemplateRow.id, TemplateRow.name, TemplateRow.message).order_by(
                    TemplateRow.name
                )
            ).all()
        return [_from_row(*row) for row in rows]

    def get(self, template_id: int) -> Template:
        with self.db.session() as session:
            row = session.get(TemplateRow, template_id)
            if row is None:
                raise LookupError(f"Template {template_id} does not exist")
            return _from_row(row.id, row.name, row.message)

    def find(self, name: str) -> Template | None:
        """The template called ``name``, if there is one."""
        with self.db.session() as session:
            row = session.execute(
                select(TemplateRow.id, TemplateRow.name, TemplateRow.message).where(
                    TemplateRow.name == name.strip()
                )
            ).first()
        return None if row is None else _from_row(*row)

    def save(self, name: str, message: Message, targets: tuple[Target, ...] | None = None) -> int:
        """Save under ``name``, replacing a template of that name; returns its id."""
        check_name(name)
        name = name.strip()
        text = _to_json(message, targets)
        with self.db.session() as session:
            row = session.execute(
                select(TemplateRow).where(TemplateRow.name == name)
            ).scalar_one_or_none()
            if row is None:
                row = TemplateRow(name=name, message=text)
                session.add(row)
            else:
                row.message = text
            session.flush()
            return row.id

    def delete(self, template_id: int) -> None:
        with self.db.session() as session:
            session.execute(delete(TemplateRow).where(TemplateRow.id == template_id))
