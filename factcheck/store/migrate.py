"""Bring a store built by an older version up to the current tables: add missing columns and indexes.

``create_all`` makes missing tables but never touches an existing one, so a ``factcheck.db``
built before ``observation.entity_code`` (or ``source.indicator``) existed would fail on its
first query. :func:`upgrade` compares each existing table with the models and runs
``ALTER TABLE ... ADD COLUMN`` for what is missing (with the model's default, so the old rows
read as they did) and ``CREATE INDEX`` for missing indexes. It never drops or rewrites rows,
and works the same on SQLite and PostgreSQL. So far that has added ``observation.entity_code``,
``source.indicator``/``retrieved``, ``source.kind`` (the publisher's kind, "" for old rows) and
``review.explanation`` (the public explanation, "" for old reviews: their notes stay private).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, MetaData, inspect
from sqlalchemy.engine import Connection


def _literal(value: Any) -> str:
    """A model default as SQL text for ``ADD COLUMN ... DEFAULT``.

    >>> _literal(""), _literal("it's"), _literal(3), _literal(False)
    ("''", "'it''s'", '3', 'false')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _add_column_sql(conn: Connection, table: str, column: Column[Any]) -> str:
    """The ``ALTER TABLE ... ADD COLUMN`` statement for one model column, in the connection's dialect."""
    preparer = conn.dialect.identifier_preparer
    type_sql = column.type.compile(dialect=conn.dialect)
    sql = f"ALTER TABLE {preparer.quote(table)} ADD COLUMN {preparer.quote(column.name)} {type_sql}"
    default = getattr(column.default, "arg", None)
    if default is not None and not callable(default):
        sql += f" DEFAULT {_literal(default)}"
    if not column.nullable:
        if default is None or callable(default):  # SQLite refuses NOT NULL without a default; so would old rows
            return sql
        sql += " NOT NULL"
    return sql


def missing(conn: Connection, metadata: MetaData) -> tuple[list[tuple[str, Column[Any]]], list[Any]]:
    """The (table, column) pairs and the indexes the existing tables lack."""
    inspector = inspect(conn)
    existing_tables = set(inspector.get_table_names())
    columns: list[tuple[str, Column[Any]]] = []
    indexes: list[Any] = []
    for table in metadata.sorted_tables:
        if table.name not in existing_tables:
            continue
        have = {c["name"] for c in inspector.get_columns(table.name)}
        columns += [(table.name, c) for c in table.columns if c.name not in have]
        have_ix = {ix["name"] for ix in inspector.get_indexes(table.name)}
        indexes += [ix for ix in table.indexes if ix.name not in have_ix]
    return columns, indexes


def upgrade(conn: Connection, metadata: MetaData) -> list[str]:
    """Add the columns and indexes an older store lacks; returns what was added (empty when current)."""
    columns, indexes = missing(conn, metadata)
    done: list[str] = []
    for table, column in columns:
        conn.exec_driver_sql(_add_column_sql(conn, table, column))
        done.append(f"column {table}.{column.name}")
    for index in indexes:
        index.create(conn, checkfirst=True)
        done.append(f"index {index.name}")
    return done
