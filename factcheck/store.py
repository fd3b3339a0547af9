"""The reference store and saved checks: sqlmodel tables, the engine, and queries.

All table models live here (sqlmodel's guidance: define every model before ``create_all``).
The engine URL comes from ``--db`` / ``FACTCHECK_DB`` and defaults to ``sqlite:///factcheck.db``;
any SQLAlchemy URL works (``postgresql+psycopg://...`` for a team's shared store).
"""

from __future__ import annotations

import math
import os
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, Optional

from sqlalchemy import UniqueConstraint, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Field, Session, SQLModel, col, create_engine, select

from .errors import StoreError
from .figures import Reference, Source

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
    """One sourced value of a metric for an entity and year (or exact date)."""

    __tablename__ = "observation"
    __table_args__ = (
        UniqueConstraint("metric", "entity", "year", "date", "value", "qualifier", "source_id", "status"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    metric: str = Field(foreign_key="metric.key", index=True)
    entity: str = ""
    year: Optional[int] = Field(default=None, index=True)
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
    """A checker's decision on one figure of a saved check: override, note, done, source."""

    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("check_id", "figure_key"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    check_id: int = Field(foreign_key="check_session.id", index=True)
    figure_key: str
    verdict_override: str = ""
    note: str = ""
    done: bool = False
    source_url: str = ""
    updated_by: str = ""
    updated_at: datetime = Field(default_factory=utcnow)


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


_INIT_LOCK_KEY = 7_307_003  # any constant: the PostgreSQL advisory lock taken while creating tables


def init_db(engine: Engine) -> None:
    """Create every table that does not exist yet (never drops or alters).

    Safe when several processes open a new store at once (two app servers starting): on
    PostgreSQL they queue on an advisory lock; on SQLite, whose ``CREATE TABLE`` runs outside a
    transaction, the process that loses the race to create a table tries again and finds it.
    """
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _INIT_LOCK_KEY})
            SQLModel.metadata.create_all(conn)
        return
    for attempt in range(5):
        try:
            SQLModel.metadata.create_all(engine)
            return
        except OperationalError as exc:
            if "already exists" not in str(exc) or attempt == 4:
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
        source=Source(title=src.title, publisher=src.publisher, url=src.url, published=src.published),
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


def metric_keywords(metric: MetricRow) -> list[str]:
    """A metric's keywords as a list (``;`` separated in the data)."""
    return [k.strip().lower() for k in metric.keywords.split(";") if k.strip()]


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
