"""Write checked reference rows in one transaction, fast: Core ``executemany`` instead of one ORM object per row.

The importer checks every row first; this module only writes. Sources, metrics and entities
are upserted by key, observations by their identity (:data:`OBS_KEY`, the store's unique
constraint): a row with a known identity is updated in place (its id kept) when any value
changed, any other is inserted. Only the existing observations of the metrics being written
are read, never the whole table, and the new ones go in with one ``executemany`` per chunk
(SQLite: about 10x what the ORM's unit of work managed). The ``metric_term`` index is rebuilt
for every metric written.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date as Date
from operator import itemgetter
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from factcheck.store.db import EntityRow, MetricRow, MetricTermRow, ObservationRow, SourceRow
from factcheck.store.terms import metric_terms

# The store's unique constraint on observations; a second row with the same key is a duplicate.
OBS_KEY: tuple[str, ...] = ("metric", "entity", "year", "date", "value", "qualifier", "source_id", "status")
BULK_ROWS = 50_000  # at least this many new rows, and no fewer than the table holds: rebuild its indexes after
INSERT_CHUNK = 50_000  # rows per executemany: progress is reported between chunks
IN_CHUNK = 500  # values per IN (...) list: SQLite builds before 3.32 allow 999 bound variables

SQLITE_WRITE_CACHE_KIB = 256 * 1024  # the page cache while writing (a negative cache_size is KiB)

Progress = Callable[[int, int], None]  # (rows written so far, rows to write)

SOURCE: Table = SourceRow.__table__  # type: ignore[attr-defined]
METRIC: Table = MetricRow.__table__  # type: ignore[attr-defined]
OBSERVATION: Table = ObservationRow.__table__  # type: ignore[attr-defined]
ENTITY: Table = EntityRow.__table__  # type: ignore[attr-defined]
TERM: Table = MetricTermRow.__table__  # type: ignore[attr-defined]


@dataclass
class Counts:
    """What a write changed, per table (``sources``, ``metrics``, ``observations``, ``entities``)."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    removed: int = 0


def chunks(items: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    """``items`` in slices of at most ``size`` (IN lists and executemany batches).

    >>> [list(c) for c in chunks([1, 2, 3], 2)]
    [[1, 2], [3]]
    """
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _defaults(table: Table) -> dict[str, Any]:
    """Each column's model default (None when it has none), for rows that leave a column out."""
    out: dict[str, Any] = {}
    for c in table.columns:
        arg = getattr(c.default, "arg", None)
        out[c.name] = None if callable(arg) else arg
    return out


def _as_stored(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as the columns take it: a retrieval date given as text becomes a date."""
    out = dict(row)
    if isinstance(out.get("retrieved"), str):
        out["retrieved"] = Date.fromisoformat(out["retrieved"]) if out["retrieved"] else None
    return out


def _upsert_keyed(conn: Connection, table: Table, pk: str, rows: Iterable[Mapping[str, Any]],
                  *, fill_only: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Insert rows by primary key or update the stored row's given columns; returns (added, updated).

    Columns in ``fill_only`` are written only where the stored value is empty (an entity's code
    from open data must not overwrite one an editor set in entities.csv).
    """
    rows = [_as_stored(r) for r in rows]
    if not rows:
        return 0, 0
    column = table.c[pk]
    stored: dict[Any, dict[str, Any]] = {}
    for part in chunks([r[pk] for r in rows]):
        for m in conn.execute(select(table).where(column.in_(part))).mappings():
            stored[m[pk]] = dict(m)
    defaults = _defaults(table)
    new = [{**defaults, **r} for r in rows if r[pk] not in stored]
    changed: list[dict[str, Any]] = []
    for r in rows:
        old = stored.get(r[pk])
        if old is None:
            continue
        diff = {k: v for k, v in r.items()
                if old.get(k) != v and not (k in fill_only and old.get(k) not in ("", None, "other"))}
        if diff:
            changed.append({**diff, "_key": r[pk]})
    if new:
        conn.execute(insert(table), new)
    for row in changed:  # few rows, and each may change different columns
        key = row.pop("_key")
        conn.execute(update(table).where(column == key).values(**row))
    return len(new), len(changed)


def _obs_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """An observation's identity (the store's unique constraint)."""
    return tuple(row[k] for k in OBS_KEY)


def prune_observations(conn: Connection, source_ids: Sequence[str], keep: Mapping[tuple[Any, ...], Any]) -> int:
    """Delete stored observations of ``source_ids`` whose identity is not in ``keep``; returns how many."""
    cols = [OBSERVATION.c.id, *(OBSERVATION.c[k] for k in OBS_KEY)]
    stale: list[int] = []
    for part in chunks(list(source_ids)):
        for row in conn.execute(select(*cols).where(OBSERVATION.c.source_id.in_(part))):
            if tuple(row[1:]) not in keep:
                stale.append(row[0])
    for part in chunks(stale):
        conn.execute(delete(OBSERVATION).where(OBSERVATION.c.id.in_(part)))
    return len(stale)


def _as_tuples(rows: Sequence[Mapping[str, Any]], names: Sequence[str], defaults: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """Rows as tuples in ``names`` order, a missing column taking its default (itemgetter when none is missing).

    >>> _as_tuples([{"a": 1, "b": 2}, {"a": 3}], ["a", "b"], {"a": None, "b": 0})
    [(1, 2), (3, 0)]
    """
    get = itemgetter(*names)
    out: list[tuple[Any, ...]] = []
    for row in rows:
        try:
            out.append(get(row))
        except KeyError:
            out.append(tuple([row[n] if n in row else defaults[n] for n in names]))
    return out


def _insert_many(conn: Connection, table: Table, names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert rows given as tuples in ``names`` order with one executemany.

    On SQLite the statement goes straight to the driver's ``executemany``: SQLAlchemy's
    per-row parameter processing cost more than SQLite's own work (26,000 rows/s against
    over 60,000). Other databases get Core's executemany of dicts (psycopg pipelines it).
    """
    if conn.dialect.name == "sqlite":
        quote = conn.dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
               f"VALUES ({', '.join('?' for _ in names)})")
        conn.exec_driver_sql(sql, list(rows))
    else:
        conn.execute(insert(table), [dict(zip(names, r)) for r in rows])


def _count(conn: Connection, table: Table) -> int:
    """How many rows ``table`` holds."""
    return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


@contextmanager
def _indexes_rebuilt_after(conn: Connection, table: Table, *, bulk: bool) -> Iterator[None]:
    """On SQLite, for a bulk load, drop the table's plain indexes and build them again after the inserts.

    Building an index from sorted rows costs far less than a million random B-tree inserts
    (a million rows: 19 s of inserts against 13 s plus 2 s of index building). SQLite's DDL is
    transactional, so a failed import rolls the indexes back with the rows. The unique
    constraint's own index stays: it is what keeps duplicates out.
    """
    if not bulk or conn.dialect.name != "sqlite":
        yield
        return
    found = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table.name,)).all()
    driver = conn.connection.driver_connection
    if driver is not None and not driver.in_transaction:  # pysqlite opens its transaction only at DML
        conn.exec_driver_sql("BEGIN")
    quote = conn.dialect.identifier_preparer.quote
    for name, _sql in found:
        conn.exec_driver_sql(f"DROP INDEX {quote(name)}")
    yield
    for _name, sql in found:
        conn.exec_driver_sql(sql)


def upsert_observations(conn: Connection, rows: Mapping[tuple[Any, ...], Mapping[str, Any]],
                        progress: Progress | None = None) -> tuple[int, int]:
    """Insert new observations in executemany chunks and update changed ones in place; returns (added, updated)."""
    names = [c.name for c in OBSERVATION.columns if c.name != "id"]
    stored: dict[tuple[Any, ...], dict[str, Any]] = {}
    metrics = sorted({r["metric"] for r in rows.values()})
    for part in chunks(metrics):  # only the rows of the metrics written, through the (metric, ...) index
        for m in conn.execute(select(OBSERVATION).where(OBSERVATION.c.metric.in_(part))).mappings():
            found = dict(m)
            stored[_obs_key(found)] = found
    defaults = _defaults(OBSERVATION)
    changed: list[dict[str, Any]] = []
    if stored:
        fresh: list[Mapping[str, Any]] = []
        for key, row in rows.items():
            old = stored.get(key)
            if old is None:
                fresh.append(row)
            elif any(old[k] != v for k, v in row.items()):
                changed.append({**{k: row.get(k, old[k]) for k in names}, "_id": old["id"]})
    else:  # a new table or new metrics: no row to compare with (the common case of a big import)
        fresh = list(rows.values())
    new = _as_tuples(fresh, names, defaults)
    total = len(new) + len(changed)
    done = 0
    with _indexes_rebuilt_after(conn, OBSERVATION, bulk=len(new) >= BULK_ROWS and len(new) >= _count(conn, OBSERVATION)):
        for part in chunks(new, INSERT_CHUNK):
            _insert_many(conn, OBSERVATION, names, part)
            done += len(part)
            if progress is not None:
                progress(done, total)
    if changed:
        stmt = update(OBSERVATION).where(OBSERVATION.c.id == bindparam("_id")).values(
            {n: bindparam(n) for n in names})
        for part in chunks(changed, INSERT_CHUNK):
            conn.execute(stmt, list(part))
            done += len(part)
            if progress is not None:
                progress(done, total)
    return len(new), len(changed)


def rebuild_terms(conn: Connection, metrics: Iterable[Mapping[str, Any]]) -> int:
    """Replace the ``metric_term`` rows of these metrics with the terms of their current text; returns rows written."""
    metrics = list(metrics)
    for part in chunks([m["key"] for m in metrics]):
        conn.execute(delete(TERM).where(TERM.c.metric.in_(part)))
    rows = [{"term": t, "metric": m["key"]}
            for m in metrics for t in sorted(metric_terms(m.get("label", ""), m.get("keywords", ""),
                                                          m.get("description", "")))]
    for part in chunks(rows, INSERT_CHUNK):
        conn.execute(insert(TERM), list(part))
    return len(rows)


@contextmanager
def _big_cache(conn: Connection) -> Iterator[None]:
    """On SQLite, a page cache of SQLITE_WRITE_CACHE_KIB while writing, then the connection's own again.

    The default 2 MB cache cannot hold the observation indexes, so each insert re-read index
    pages from disk: 43,000 rows/s at 300,000 rows, 72,000 with 256 MB (memory is only used as filled).
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_WRITE_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


def _with_codes(conn: Connection, rows: Mapping[tuple[Any, ...], Mapping[str, Any]]) -> Mapping[tuple[Any, ...], Mapping[str, Any]]:
    """Rows that carry no entity code (reference CSVs) take their entity's code from the entity table.

    So a country's rows typed into observations.csv are found by code like the World Bank's,
    and an export (entities.csv beside observations.csv) imports back with its codes.
    """
    names = sorted({r["entity"] for r in rows.values() if "entity_code" not in r and r.get("entity")})
    if not names:
        return rows
    code: dict[str, str] = {}
    for part in chunks(names):
        code.update((name, c) for name, c in conn.execute(select(ENTITY.c.name, ENTITY.c.code).where(ENTITY.c.name.in_(part))))
    return {k: r if "entity_code" in r else {**r, "entity_code": code.get(r.get("entity", ""), "")}
            for k, r in rows.items()}


def write_rows(
    engine: Engine,
    *,
    sources: Mapping[str, Mapping[str, Any]],
    metrics: Mapping[str, Mapping[str, Any]],
    observations: Mapping[tuple[Any, ...], Mapping[str, Any]],
    entities: Mapping[str, Mapping[str, Any]] = {},
    entity_hints: Mapping[str, Mapping[str, Any]] = {},
    prune: bool = False,
    progress: Progress | None = None,
) -> Counts:
    """Write everything in one transaction: sources, metrics, terms, entities, then observations.

    ``entities`` (from entities.csv) replace what is stored; ``entity_hints`` (names and codes
    seen in open data) add new entities and fill an empty code or an ``other`` kind, never
    overwriting an editor's aliases.
    """
    counts = Counts()
    with engine.begin() as conn, _big_cache(conn):
        s = _upsert_keyed(conn, SOURCE, "id", sources.values())
        m = _upsert_keyed(conn, METRIC, "key", metrics.values())
        if metrics:
            stored = {r["key"]: dict(r) for part in chunks(list(metrics))
                      for r in conn.execute(select(METRIC).where(METRIC.c.key.in_(part))).mappings()}
            rebuild_terms(conn, stored.values())
        hints = [{k: v for k, v in h.items() if not (k == "kind" and v == "other")} for h in entity_hints.values()
                 if h["name"] not in entities]
        e_hint = _upsert_keyed(conn, ENTITY, "name", hints, fill_only=frozenset({"code", "kind"}))
        e_file = _upsert_keyed(conn, ENTITY, "name", entities.values())
        counts.removed = prune_observations(conn, list(sources), observations) if prune else 0
        observations = _with_codes(conn, observations)
        o = upsert_observations(conn, observations, progress)
    counts.added = {"sources": s[0], "metrics": m[0], "observations": o[0], "entities": e_hint[0] + e_file[0]}
    counts.updated = {"sources": s[1], "metrics": m[1], "observations": o[1], "entities": e_hint[1] + e_file[1]}
    return counts
