"""What a push names must exist here: its channels (of the right kind), contacts, groups
and attached files. A push from an export file may name ids of another installation or
files of another machine; each problem is a field error naming the entry and the field,
with long id lists shortened, so a file of a hundred thousand bad entries still reads.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.messages.attachments import attachment_problems
from pushgui.core.messages.lengths import stored_length_problems
from pushgui.core.pushes.spec import PushSpec
from pushgui.core.store.models import Channel, Contact, Group
from pushgui.core.system.i18n import translate


def summarise(items: Sequence[object], shown: int = 5) -> str:
    """``1, 2, 3`` or, for a long list, ``1, 2, 3, 4, 5 and 99995 more``."""
    head = ", ".join(str(item) for item in items[:shown])
    if len(items) <= shown:
        return head
    return translate("transfer", "{head} and {n} more").format(head=head, n=len(items) - shown)


def check_references(
    session: Session,
    specs: Sequence[PushSpec],
    data_folder: Path,
    labels: Sequence[str] | None = None,
) -> None:
    """Channels, contacts, groups and attached files a push names must exist (a file
    from elsewhere may name ids of another installation, or files not on this machine).
    Each problem names its entry (``labels``) and field; long id lists are shortened.
    ``session`` may be an import's still open transaction: it sees what the import created.
    Attached files are looked for relative to ``data_folder``. Raises SpecError."""
    rows = session.execute(select(Channel.id, Channel.kind, Channel.settings)).all()
    channels = {row.id: row.kind for row in rows}
    settings_of = {row.id: (row.kind, _settings(row.settings)) for row in rows}
    contacts = set(session.execute(select(Contact.id)).scalars())
    groups = set(session.execute(select(Group.id)).scalars())
    errors: list[FieldError] = []
    for number, spec in enumerate(specs):
        entry = labels[number] + "." if labels else ""
        for index, target in enumerate(spec.targets):
            field = f"{entry}targets[{index}]"
            if target.kind == "desktop":
                continue
            if channels.get(target.channel_id or -1) != target.kind:
                errors.append(
                    FieldError(
                        field,
                        translate("transfer", "there is no {kind} channel {id}").format(
                            kind=target.kind, id=target.channel_id
                        ),
                    )
                )
            mention = target.mention  # whom a room @mentions names contacts and groups too
            for where, contact_ids, group_ids in (
                (field, target.contact_ids, target.group_ids),
                (field + ".mention", mention.contact_ids, mention.group_ids),
            ):
                missing_contacts = [c for c in contact_ids if c not in contacts]
                if missing_contacts:
                    errors.append(
                        FieldError(
                            where + ".contact_ids",
                            translate("transfer", "contacts {ids} do not exist here").format(
                                ids=summarise(missing_contacts)
                            ),
                        )
                    )
                missing_groups = [g for g in group_ids if g not in groups]
                if missing_groups:
                    errors.append(
                        FieldError(
                            where + ".group_ids",
                            translate("transfer", "groups {ids} do not exist here").format(
                                ids=summarise(missing_groups)
                            ),
                        )
                    )
        errors += attachment_problems(
            spec.message.attachments, data_folder, f"{entry}message.attachments"
        )
        errors += [
            FieldError(entry + e.field, e.message)
            for e in stored_length_problems(spec, settings_of, datetime.now(UTC))
        ]
    if errors:
        raise SpecError(errors)


def _settings(text: str) -> dict[str, object]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
