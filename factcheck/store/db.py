"""The reference store and saved checks: sqlmodel tables, the engine, and queries.

All table models live here (sqlmodel's guidance: define every model before ``create_all``).
The engine URL comes from ``--db`` / ``FACTCHECK_DB`` and defaults to ``sqlite:///factcheck.db``;
any SQLAlchemy URL works (``postgresql+psycopg://...`` for a team's shared store).
"""

from __future__ import annotations

import math
import os
import sqlite3
from datetime import date as Date
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import Index, UniqueConstraint, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlmodel import Field, Session, SQLModel, col, create_engine, select

from factcheck.errors import StoreError
from factcheck.figures import Reference, Source
from factcheck.store.migrate import upgrade

DEFAULT_DB_URL = "sqlite:///factcheck.db"
DB_ENV = "FACTCHECK_DB"


def utcnow() -> datetime:
    """Timestamps are stored in UTC, timezone-aware.

    sqlmodel maps ``datetime`` fields to an aware UTC column (``timestamptz`` on PostgreSQL)
    whose binder refuses naive values, so a naive ``utcnow`` made every insert fail.
    """
    return datetime.now(timezone.utc)


# --- reference tables ------------------------------------------------------------------


class SourceRow(SQLModel, table=True):
    """A publication a reference figure was taken from."""

    __tablename__ = "source"
    id: str = Field(primary_key=True, max_length=80)
    title: str
    publisher: str
    url: str
    published: str = ""
    indicator: str = ""  # the publisher's own code for the series (World Bank SP.POP.TOTL), or ""
    retrieved: Optional[Date] = None  # the day the figures were fetched from the publisher
    kind: str = ""  # official, wire, outlet, reference work, blog, mirror (factcheck.source_kinds), or "" when not known


class MetricRow(SQLModel, table=True):
    """A thing that is measured or counted (parade troops, front-line length).

    ``keywords`` is a ``;``-separated list of words a figure's concept or sentence can match
    (synonyms live here, in the data, not in code). ``unit`` is a pint unit name, or empty
    for a plain count.
    """

    __tablename__ = "metric"
    key: str = Field(primary_key=True, max_length=80)
    label: str
    unit: str = ""
    keywords: str = ""
    entity: str = ""
    description: str = ""


class ObservationRow(SQLModel, table=True):
    """One sourced value of a metric for an entity and year (or exact date).

    ``entity_code`` is the entity's ISO 3166 alpha-3 code, or a table's own code for a group
    (WLD, EUU); "" for a newsroom's own rows. The two composite indexes serve the lookups
    :class:`factcheck.store.retrieve.StoreIndex` makes (by code, or by name), and their
    ``metric`` prefix serves a lookup by metric alone.
    """

    __tablename__ = "observation"
    __table_args__ = (
        UniqueConstraint("metric", "entity", "year", "date", "value", "qualifier", "source_id", "status"),
        Index("ix_observation_metric_code_year", "metric", "entity_code", "year"),
        Index("ix_observation_metric_entity_year", "metric", "entity", "year"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    metric: str = Field(foreign_key="metric.key")
    entity: str = ""
    entity_code: str = ""
    year: Optional[int] = None  # no index of its own (the old one slowed imports by 15%): lookups give a metric
    date: str = ""
    value: float
    low: Optional[float] = None
    high: Optional[float] = None
    unit: str = ""
    qualifier: str = "exact"
    status: str = "actual"
    claimant: str = ""
    source_id: str = Field(foreign_key="source.id")
    snippet: str = ""
    note: str = ""


class EntityRow(SQLModel, table=True):
    """A country, group of countries or other thing figures are about, with its code and other names.

    Filled by open-data imports (name, code, aggregate or not) and by ``entities.csv``;
    ``aliases`` is ``;``-separated ("Russia;Russian Federation"). ``kind`` is ``country``,
    ``aggregate`` (World, EU, High income) or ``other``.
    """

    __tablename__ = "entity"
    name: str = Field(primary_key=True, max_length=200)
    code: str = Field(default="", index=True)
    aliases: str = ""
    kind: str = "other"


class MetricTermRow(SQLModel, table=True):
    """One word (or keyword phrase) of a metric's label, keywords or description: the retrieval index.

    A plain table rather than SQLite FTS5 so that the same query runs on PostgreSQL; the
    primary key (term, metric) is the index a lookup by term uses.
    """

    __tablename__ = "metric_term"
    term: str = Field(primary_key=True, max_length=200)
    metric: str = Field(primary_key=True, foreign_key="metric.key", index=True)


# --- saved checks ----------------------------------------------------------------------


class CheckRow(SQLModel, table=True):
    """A saved fact-check session: the article and its computed result (JSON)."""

    __tablename__ = "check_session"
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str = ""
    url: str = ""
    article_date: str = ""
    text: str
    result_json: str = ""
    created_by: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class ReviewRow(SQLModel, table=True):
    """A checker's decision on one figure of a saved check: override, private note, public explanation, done, source."""

    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("check_id", "figure_key"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    check_id: int = Field(foreign_key="check_session.id", index=True)
    figure_key: str
    verdict_override: str = ""
    note: str = ""  # private to the desk: shown in the app, never exported
    explanation: str = ""  # public: the ClaimReview's reviewBody (added to older stores by migrate.upgrade)
    done: bool = False
    source_url: str = ""
    updated_by: str = ""
    updated_at: datetime = Field(default_factory=utcnow)
    claim_json: str = ""  # the checker's correction of the figure's claim (metric, entity, year), as JSON


# --- engine ----------------------------------------------------------------------------


def db_url(url: str | None = None) -> str:
    """The database URL: the argument, else ``FACTCHECK_DB``, else ``sqlite:///factcheck.db``.

    A bare file path is accepted and turned into a SQLite URL.
    """
    url = url or os.environ.get(DB_ENV) or DEFAULT_DB_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """WAL lets readers work while one writer writes; foreign keys are off by default in SQLite."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    try:
        cur.execute("PRAGMA journal_mode=WAL")
    except Exception:  # a read-only or in-memory database keeps its journal mode
        pass
    cur.close()


@lru_cache(maxsize=16)
def _engine_for(url: str) -> Engine:
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:  # a server database: a pooled connection may have died (restart, idle timeout)
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def get_engine(url: str | None = None, *, create: bool = True) -> Engine:
    """One engine per URL per process; creates the tables when ``create`` is true."""
    engine = _engine_for(db_url(url))
    if create:
        init_db(engine)
    return engine


NO_STORE = (
    "there is no reference store at {where}: build it with 'make db' or "
    "'factcheck --db {where} import reference_data', or fix the path given by --db / FACTCHECK_DB"
)
NOT_A_STORE = (
    "{where} is not a factcheck store ({why}): point --db / FACTCHECK_DB at the file 'make db' built, "
    "or build a new one with 'factcheck --db NEW.db import reference_data'"
)
NO_STORE_FOLDER = "cannot create a store at {where}: the folder {folder} does not exist; create it or fix the --db path"
BAD_DB_URL = (
    "cannot use the database address {where!r} ({why}): give a SQLite file (factcheck.db, "
    "sqlite:///factcheck.db) or a PostgreSQL address (postgresql+psycopg://user@host/name)"
)
CANNOT_CONNECT = (
    "cannot open the store at {where}: {why}; check the address, that the database server is running "
    "and that you may use it"
)

CANNOT_UPGRADE = (
    "the store at {where} was built by an older version and could not be brought up to date ({why}); "
    "open it once with write access (e.g. 'factcheck --db {where} import reference_data')"
)


def _shown(url: str) -> str:
    """The URL as errors may print it: SQLite as its file path, server URLs without the password."""
    try:
        u = make_url(url)
    except Exception:
        return url
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)


def _sqlite_tables(path: Path) -> set[str]:
    """The table names of a SQLite file, read without changing it (sqlite3.DatabaseError if not SQLite)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()


def open_store(url: str | None = None, *, create: bool = False) -> Engine:
    """The engine of an existing store, or a StoreError naming what is wrong and the fix.

    Unlike ``get_engine`` it never leaves an empty database behind a mistyped ``--db``: a
    SQLite file that does not exist is an error unless ``create`` (``factcheck import``), and
    then its folder must exist. A file that is not SQLite, a database without factcheck's
    tables, an unknown URL scheme or an unreachable server are errors too.
    """
    url = db_url(url)
    where = _shown(url)
    try:
        parsed = make_url(url)
        backend = parsed.get_backend_name()
    except (ArgumentError, ValueError) as exc:
        raise StoreError(BAD_DB_URL.format(where=where, why=str(exc).splitlines()[0])) from None
    path = Path(parsed.database) if backend == "sqlite" and parsed.database not in (None, "", ":memory:") else None
    if path is not None and str(path).startswith("file:"):
        path = None  # a SQLite URI (mode=ro, …): SQLite itself says what is wrong
    if path is not None and not path.is_file():
        if path.is_dir():
            raise StoreError(NOT_A_STORE.format(where=where, why="it is a folder"))
        if not create:
            raise StoreError(NO_STORE.format(where=where))
        if not path.parent.is_dir():
            raise StoreError(NO_STORE_FOLDER.format(where=where, folder=path.parent))
    try:
        # a SQLite file is looked at read-only first: the engine's WAL pragma would rewrite the
        # header of a database that then turns out not to be ours
        names = _sqlite_tables(path) if path is not None and path.is_file() else None
        engine = _engine_for(url)
        if names is None:
            with engine.connect() as conn:
                names = set(engine.dialect.get_table_names(conn))
    except sqlite3.DatabaseError as exc:
        raise StoreError(NOT_A_STORE.format(where=where, why=str(exc).splitlines()[0])) from None
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise StoreError(BAD_DB_URL.format(where=where, why=f"no driver for {backend!r}: {exc}")) from None
    except DatabaseError as exc:
        why = str(getattr(exc, "orig", exc)).splitlines()[0]
        if path is not None:
            raise StoreError(NOT_A_STORE.format(where=where, why=why)) from None
        raise StoreError(CANNOT_CONNECT.format(where=where, why=why)) from None
    except SQLAlchemyError as exc:
        why = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise StoreError(CANNOT_CONNECT.format(where=where, why=why)) from None
    if create:
        if names and SourceRow.__tablename__ not in names:
            raise StoreError(NOT_A_STORE.format(where=where, why="it holds other tables, none of factcheck's"))
        init_db(engine)
    elif ObservationRow.__tablename__ not in names:
        if path is not None and not names:
            raise StoreError(NO_STORE.format(where=where) + " (the file there is an empty database)")
        raise StoreError(NOT_A_STORE.format(where=where, why="it has no reference tables"))
    else:  # a store an older version built gains the new columns and indexes before its first query
        try:
            init_db(engine)
        except SQLAlchemyError as exc:
            why = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise StoreError(CANNOT_UPGRADE.format(where=where, why=why)) from None
    return engine


_INIT_LOCK_KEY = 7_307_003  # any constant: the PostgreSQL advisory lock taken while creating tables


def init_db(engine: Engine) -> None:
    """Create every table that does not exist yet, and add the columns and indexes an older store lacks.

    Never drops anything: a store built by an earlier version gains the new columns (with
    their defaults) and indexes in place, its rows kept (see :mod:`factcheck.store.migrate`).

    Safe when several processes open a new store at once (two app servers starting): on
    PostgreSQL they queue on an advisory lock; on SQLite, whose ``CREATE TABLE`` runs outside a
    transaction, the process that loses the race to create a table tries again and finds it.
    """
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _INIT_LOCK_KEY})
            SQLModel.metadata.create_all(conn)
            upgrade(conn, SQLModel.metadata)
        return
    for attempt in range(5):
        try:
            SQLModel.metadata.create_all(engine)
            with engine.begin() as conn:
                upgrade(conn, SQLModel.metadata)
            return
        except OperationalError as exc:
            if ("already exists" not in str(exc) and "duplicate column" not in str(exc)) or attempt == 4:
                raise


# --- queries ---------------------------------------------------------------------------


def _reference(obs: ObservationRow, metric: MetricRow, src: SourceRow) -> Reference:
    low = obs.low if obs.low is not None else obs.value
    high = obs.high if obs.high is not None else obs.value
    return Reference(
        id=obs.id,
        metric=metric.key,
        metric_label=metric.label,
        entity=obs.entity,
        entity_code=obs.entity_code,
        year=obs.year,
        date=obs.date,
        value=obs.value,
        low=low if not (isinstance(low, float) and math.isnan(low)) else obs.value,
        high=high if not (isinstance(high, float) and math.isnan(high)) else obs.value,
        unit=obs.unit or metric.unit or None,
        qualifier=obs.qualifier,
        status=obs.status,
        claimant=obs.claimant,
        snippet=obs.snippet,
        source=Source(title=src.title, publisher=src.publisher, url=src.url, published=src.published, kind=src.kind),
    )


def all_references(engine: Engine) -> list[Reference]:
    """Every observation with its metric and source (the store is small; matching is in memory)."""
    with Session(engine) as session:
        rows = session.exec(
            select(ObservationRow, MetricRow, SourceRow)
            .where(ObservationRow.metric == MetricRow.key)
            .where(ObservationRow.source_id == SourceRow.id)
            .order_by(col(ObservationRow.metric), col(ObservationRow.year), col(ObservationRow.id))
        ).all()
        return [_reference(o, m, s) for o, m, s in rows]


def all_metrics(engine: Engine) -> list[MetricRow]:
    """Every metric, detached from its session."""
    with Session(engine) as session:
        rows = session.exec(select(MetricRow).order_by(MetricRow.key)).all()
        for r in rows:
            session.expunge(r)
        return list(rows)


CONTEXT_MARK = "~"  # a keyword written "~parade" is context: it supports a match, it never makes one alone


def metric_keywords(metric: MetricRow) -> list[str]:
    """A metric's keywords as a list (``;`` separated in the data), context marks dropped."""
    return [k.strip().lstrip(CONTEXT_MARK).strip().lower() for k in metric.keywords.split(";") if k.strip().lstrip(CONTEXT_MARK).strip()]


def context_keywords(metric: MetricRow) -> list[str]:
    """The keywords the table marks as context ("~people", "~parade"): too general to say alone what is counted."""
    return [k.strip().lstrip(CONTEXT_MARK).strip().lower() for k in metric.keywords.split(";") if k.strip().startswith(CONTEXT_MARK)]


def count_rows(engine: Engine) -> dict[str, int]:
    """How many rows each reference table holds."""
    from sqlalchemy import func

    with Session(engine) as session:
        return {
            "sources": session.exec(select(func.count()).select_from(SourceRow)).one(),
            "metrics": session.exec(select(func.count()).select_from(MetricRow)).one(),
            "observations": session.exec(select(func.count()).select_from(ObservationRow)).one(),
        }


def require_reference_data(engine: Engine) -> None:
    """Raise a clear error when the store has no reference figures yet."""
    if count_rows(engine)["observations"] == 0:
        raise StoreError(
            "the reference store is empty: run 'factcheck import reference_data' (or 'make db') first"
        )
