"""SQL that SQLite and PostgreSQL spell differently, as SQLAlchemy expressions.

The store runs on both (docs/TEAM.md); a query that needs a function one of them lacks
uses an expression from here, which each dialect compiles in its own words.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal


class json_text(FunctionElement[str]):
    """The text at a path of keys inside a JSON text column (NULL when absent).

    ``json_text(Push.spec, "message", "title")``: SQLite's ``json_extract`` and
    PostgreSQL's ``#>>`` on the text cast to ``json``.
    """

    type = String()
    inherit_cache = True
    name = "json_text"
    # The keys are part of the statement's cache key: two paths never share compiled SQL.
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy's own declaration style)
        *FunctionElement._traverse_internals,
        ("keys", InternalTraversal.dp_plain_obj),
    ]

    def __init__(self, column: ColumnElement[Any] | InstrumentedAttribute[Any], *keys: str) -> None:
        if not keys or any(not key.isidentifier() for key in keys):
            raise ValueError("json_text takes plain keys")
        self.keys = keys
        super().__init__(column)


@compiles(json_text)
def _json_text_sqlite(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    path = "$." + ".".join(element.keys)
    return f"json_extract({compiler.process(element.clauses, **kw)}, '{path}')"


@compiles(json_text, "postgresql")
def _json_text_postgresql(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    path = "{" + ",".join(element.keys) + "}"
    return f"(CAST({compiler.process(element.clauses, **kw)} AS json) #>> '{path}')"
