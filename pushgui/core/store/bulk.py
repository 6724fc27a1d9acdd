"""Many rows of one table in a few multi-row ``INSERT ... RETURNING`` statements.

The runs due in one scheduler pass and their deliveries are written in one transaction
(:mod:`pushgui.core.runs.record`). Through the ORM's bulk insert, SQLAlchemy built each
row's parameters in Python, column by column, which cost more than rendering the messages
(a third of the pass's time in a burst of 1,000 runs, docs/BENCHMARKS.md, "Burst"). Here
the statement is written once per batch from the table's own columns, each value goes
through its column type's bind processor exactly as the ORM would send it, the columns'
Python-side defaults are filled in for rows that leave them out, and the whole batch goes
to the driver as one flat parameter list, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, FromClause, Table

#: Parameters per statement: under SQLite's oldest variable limit (999).
MAX_PARAMETERS = 999


def insert_returning(
    connection: Connection,
    into: FromClause,
    rows: Sequence[Mapping[str, Any]],
    returning: Sequence[str],
) -> list[tuple[Any, ...]]:
    """Insert ``rows`` (each naming the same columns) and return the ``returning`` columns
    of every row written, converted by their column types (in the order the database
    gives them; callers that need the rows' order find it by key or by id)."""
    if not rows:
        return []
    table = cast(Table, into)  # a mapped class's __table__
    dialect = connection.dialect
    given = list(rows[0].keys())
    defaults: dict[str, Any] = {}
    for column in table.columns:
        if column.name in given or column.primary_key or column.default is None:
            continue
        default: Any = column.default
        if getattr(default, "is_scalar", False):
            defaults[column.name] = default.arg
        elif getattr(default, "is_callable", False):
            defaults[column.name] = default.arg(None)  # the same moment for the whole batch
    names = given + list(defaults)
    binds: list[Callable[[Any], Any] | None] = [
        table.columns[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    results: list[Callable[[Any], Any] | None] = [
        table.columns[name].type.dialect_impl(dialect).result_processor(dialect, None)
        for name in returning
    ]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    one = "(" + ", ".join([mark] * len(names)) + ")"
    head = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES "
    tail = f" RETURNING {', '.join(returning)}"
    per_statement = max(MAX_PARAMETERS // len(names), 1)
    fixed = [defaults[name] for name in names[len(given) :]]
    written: list[tuple[Any, ...]] = []
    for offset in range(0, len(rows), per_statement):
        chunk = rows[offset : offset + per_statement]
        values: list[Any] = []
        for row in chunk:
            raw = [row[name] for name in given] + fixed
            values.extend(
                value if bind is None or value is None else bind(value)
                for value, bind in zip(raw, binds, strict=True)
            )
        sql = head + ", ".join([one] * len(chunk)) + tail
        for found in connection.exec_driver_sql(sql, tuple(values)):
            written.append(
                tuple(
                    value if convert is None or value is None else convert(value)
                    for value, convert in zip(found, results, strict=True)
                )
            )
    return written
