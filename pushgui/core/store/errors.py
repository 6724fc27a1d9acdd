"""The store's errors, in a module light enough for the command line to catch them without
importing SQLAlchemy."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""


class DatabaseTooNewError(StoreError):
    """The file was written by a newer pushgui; it is left untouched."""


class ChangeRefused(StoreError):
    """The database refused a change this login may not make (a viewer's, on a team
    database); nothing was written. See :mod:`pushgui.core.store.refusals`."""
