"""A change the database login may not make, refused in plain words.

On a team database each person connects with their own login, and the roles script
(packaging/postgresql/roles.sql, docs/TEAM.md) lets viewers only read. PostgreSQL then
refuses a viewer's change with ``permission denied for table pushes`` (SQLSTATE 42501)
and rolls the transaction back; :func:`explain_refusals` turns that, for every statement
on an engine, into :class:`ChangeRefused` (in ``store/errors.py``), a ``StoreError`` whose
message the window and the command line show as it is; where no window catches it, the
error reporter shows it as a plain refusal, not as a crash (``ui/errors.py``).
"""

from __future__ import annotations

from sqlalchemy import Engine, event
from sqlalchemy.engine import ExceptionContext

from pushgui.core.store.errors import ChangeRefused
from pushgui.core.system.i18n import translate

INSUFFICIENT_PRIVILEGE = "42501"


__all__ = ["ChangeRefused", "explain_refusals", "refusal_text"]


def refusal_text(login: str | None) -> str:
    if login:
        return translate(
            "store",
            "The team database refused this change: your login “{login}” may not make it "
            "(a viewer can look at the reminders but not change them). Nothing was changed; "
            "ask the team's administrator if you should be an editor.",
        ).format(login=login)
    return translate(
        "store",
        "The team database refused this change: your login may not make it (a viewer can "
        "look at the reminders but not change them). Nothing was changed; ask the team's "
        "administrator if you should be an editor.",
    )


def explain_refusals(engine: Engine, login: str | None) -> None:
    """Raise :class:`ChangeRefused` instead of the driver's permission error on ``engine``."""

    @event.listens_for(engine, "handle_error")
    def _refused(context: ExceptionContext) -> None:
        statement = (context.statement or "").lstrip().upper()
        if (
            getattr(context.original_exception, "sqlstate", None) == INSUFFICIENT_PRIVILEGE
            and statement  # not the connection itself (a login without CONNECT)
            and not statement.startswith("SELECT")  # not reading: a setup error, said as is
        ):
            raise ChangeRefused(refusal_text(login)) from context.sqlalchemy_exception
