"""The data folder's id: made once when its database is first opened, kept in it, and used
to name the folder's keyring entries (so two data folders never read each other's)."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError

from pushgui.core.store.models import Setting

if TYPE_CHECKING:
    from pushgui.core.store.db import Database

#: The setting holding this data folder's id, which names its keyring entries.
FOLDER_ID_KEY = "secrets.folder_id"


def data_folder_id(database: Database) -> str:
    """This data folder's id, made once and kept in its database (secrets are named by it)."""
    with database.session() as session:
        row = session.get(Setting, FOLDER_ID_KEY)
        if row is not None:
            return str(json.loads(row.value))
    try:
        with database.session() as session:
            session.add(Setting(key=FOLDER_ID_KEY, value=json.dumps(uuid.uuid4().hex)))
    except IntegrityError:
        pass  # another process made it first: use theirs
    with database.session() as session:
        made = session.get(Setting, FOLDER_ID_KEY)
        assert made is not None
        return str(json.loads(made.value))
