"""A desktop app as an editor of a team database (docs/TEAM.md, "Desktop editors").

Connected to a team server, the window edits the shared database's pushes, contacts, groups
and templates, and runs no scheduler of its own: :class:`EditorPushService` writes the push
rows and leaves every job to the active ``pushgui serve``, which hears each committed change
(``core/server/changes.py``). What only a scheduler can do (run now, skip the next run) is
refused with a plain sentence rather than done half.

:func:`open_editor_database` opens the database without ever migrating it (a server does),
and refuses one whose schema is not this pushgui's. :func:`refusal` turns what the database
server answered (a permission refused to a viewer's login, a lost connection) into plain
words for the window.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from pushgui.core.pushes.service import PushRow, PushService
from pushgui.core.pushes.spec import PushSpec
from pushgui.core.schedule.preview import next_fire_time
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.store.errors import StoreError
from pushgui.core.store.revisions import MIGRATIONS, script_revisions
from pushgui.core.store.server import (
    ServerDatabase,
    connect_server_database,
    shown,
    stored_revision,
)
from pushgui.core.system.i18n import translate
from pushgui.core.transfer.bundle import ImportPlan
from pushgui.core.transfer.document import ImportFile

log = logging.getLogger(__name__)


class ServerOnlyError(StoreError):
    """An action that needs the scheduler, which only the team server runs."""


class EditorPushService(PushService):
    """Saves pushes on a team database; the active server schedules them."""

    def __init__(self, database: ServerDatabase, calendars: Calendars | None = None) -> None:
        super().__init__(database, None, calendars)
        self._last_rows: dict[int, PushRow] = {}

    def rows(self, ids: Sequence[int] | None = None) -> list[PushRow]:
        """The push list; while the server cannot be reached, the rows last read (the
        window says the server is unreachable, and reads again when it is back)."""
        try:
            rows = [self._expected(row) for row in super().rows(ids)]
        except DBAPIError:
            wanted = self._last_rows if ids is None else set(ids)
            return [row for key, row in self._last_rows.items() if key in wanted]
        if ids is None:
            self._last_rows = {row.id: row for row in rows}
        else:
            found = {row.id: row for row in rows}
            for key in ids:
                if key in found:
                    self._last_rows[key] = found[key]
                else:
                    self._last_rows.pop(key, None)
        return rows

    def _expected(self, row: PushRow) -> PushRow:
        """An enabled push the server has not scheduled yet (none is active, or its notice
        is on its way) shows the time its rule gives, not "no more runs"; a rule with no
        more runs stays finished."""
        if not row.enabled or row.next_run is not None:
            return row
        try:
            trigger = row.spec.trigger
            upcoming = next_fire_time(trigger, None, datetime.now(UTC), self.calendars)
        except Exception:  # a damaged spec is shown as the list shows it elsewhere
            log.debug("No expected run for push %s", row.id, exc_info=True)
            return row
        return row if upcoming is None else replace(row, next_run=upcoming)

    def get(self, push_id: int) -> PushSpec:
        with plain_words():
            return super().get(push_id)

    def create_many(self, specs: Sequence[PushSpec], now: datetime | None = None) -> list[int]:
        with plain_words():
            return super().create_many(specs, now)

    def update(self, push_id: int, spec: PushSpec, now: datetime | None = None) -> None:
        with plain_words():
            super().update(push_id, spec, now)

    def import_file(
        self, imported: ImportFile, now: datetime | None = None, dry_run: bool = False
    ) -> tuple[list[int], ImportPlan]:
        with plain_words():
            return super().import_file(imported, now, dry_run)

    def delete(self, push_id: int) -> PushSpec | None:
        with plain_words():
            return super().delete(push_id)

    def _schedule(self, push_id: int, spec: PushSpec, next_run: datetime | None = None) -> bool:
        return True  # the server does, when it hears the change

    def _unschedule(self, push_id: int, extra: bool) -> None:
        return None  # the server does, when it hears the change

    def run_now(self, push_id: int) -> str:
        raise ServerOnlyError(
            translate(
                "TeamServer",
                "Run now is not available while connected to a team server: the server "
                "sends the reminders.",
            )
        )

    def skip_next(self, push_id: int, expected: datetime | None = None) -> datetime | None:
        raise ServerOnlyError(
            translate(
                "TeamServer",
                "Skipping the next run is not available while connected to a team server.",
            )
        )


@contextmanager
def plain_words() -> Iterator[None]:
    """What the database server refused, as a :class:`StoreError` in plain words."""
    try:
        yield
    except DBAPIError as exc:
        raise StoreError(refusal(exc)) from exc


def open_editor_database(address: str, data_dir: Path) -> ServerDatabase:
    """The team database at ``address``, as it is: never migrated by an editor.

    Raises :class:`StoreError` in plain words when it cannot be reached, has no pushgui
    tables yet, or was made by another version of pushgui.
    """
    db = connect_server_database(address, data_dir)
    head, known = script_revisions(MIGRATIONS)
    try:
        with db.engine.connect() as connection:
            current = stored_revision(connection)
    except DBAPIError as exc:
        db.close()
        raise StoreError(refusal(exc)) from exc
    if current != head:
        db.close()
        if current is None:
            text = translate(
                "TeamServer",
                "{0} has no pushgui tables yet: start pushgui serve on it once first.",
            )
        elif current in known:
            text = translate(
                "TeamServer",
                "{0} was made by an older pushgui: it is upgraded when its server starts "
                "with this version.",
            )
        else:
            text = translate(
                "TeamServer",
                "{0} was written by a newer version of pushgui: install that version to edit it.",
            )
        raise StoreError(text.format(shown(db.url)))
    return db


def refusal(exc: BaseException) -> str:
    """What the database server refused, in plain words (never a statement or a password)."""
    import psycopg

    original = exc.orig if isinstance(exc, DBAPIError) else exc
    words = str(original).strip().splitlines()
    reason = words[0] if words else type(original).__name__
    # A login's missing rights never reach here: store/refusals.py turns them into
    # ChangeRefused, naming the login, for every statement of the engine.
    if isinstance(original, psycopg.OperationalError) or getattr(
        exc, "connection_invalidated", False
    ):
        return translate(
            "TeamServer",
            "The team server cannot be reached ({0}). Nothing was saved; try again when "
            "it is back.",
        ).format(reason)
    return translate("TeamServer", "The team server refused this change: {0}").format(reason)
