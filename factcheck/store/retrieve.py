"""Indexed retrieval from a store of any size: the references of a few metrics and entities, never the whole table.

``all_references`` reads every observation, fine for the shipped few hundred rows and
hopeless for millions of World Bank values. :class:`StoreIndex` asks for what a check needs:
the metrics (cached: thousands, not millions), the entities (cached), the rows of one metric
for one entity and year through the (metric, entity_code, year) or (metric, entity, year)
index, and the metrics whose words match some terms through ``metric_term``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.sql import Select
from sqlmodel import Session, col
from sqlmodel import select as orm_select

from factcheck.figures import Reference, Source
from factcheck.store.db import EntityRow, MetricRow, MetricTermRow, ObservationRow, SourceRow
from factcheck.store.terms import query_terms

IN_CHUNK = 500  # values per IN (...) list: SQLite builds before 3.32 allow 999 bound variables
METRIC_CHUNK = 250  # metrics per query when entity lists share the statement's bound variables
ENTITY_CHUNK = 120  # codes (and names) per query: 250 + 2 x 120 + 1 stays under 999

OBS: Table = ObservationRow.__table__  # type: ignore[attr-defined]
MET: Table = MetricRow.__table__  # type: ignore[attr-defined]
SRC: Table = SourceRow.__table__  # type: ignore[attr-defined]
TERM: Table = MetricTermRow.__table__  # type: ignore[attr-defined]

_COLUMNS = (
    OBS.c.id, OBS.c.metric, OBS.c.entity, OBS.c.entity_code, OBS.c.year, OBS.c.date, OBS.c.value, OBS.c.low,
    OBS.c.high, OBS.c.unit, OBS.c.qualifier, OBS.c.status, OBS.c.claimant, OBS.c.snippet,
    MET.c.label, MET.c.unit.label("metric_unit"),
    SRC.c.title, SRC.c.publisher, SRC.c.url, SRC.c.published, SRC.c.kind.label("source_kind"),
)


def _chunks(items: Sequence[Any], size: int = IN_CHUNK) -> Iterable[Sequence[Any]]:
    """``items`` in slices of at most ``size``."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _bound(x: float | None, value: float) -> float:
    """An interval end as ``Reference`` holds it: the value itself when the store has none (or NaN)."""
    return value if x is None or (isinstance(x, float) and math.isnan(x)) else x


def _reference(r: Any) -> Reference:
    """One joined row as a Reference, built as ``factcheck.store.db`` builds it from ORM rows."""
    return Reference(
        id=r.id, metric=r.metric, metric_label=r.label, entity=r.entity, entity_code=r.entity_code,
        year=r.year, date=r.date, value=r.value, low=_bound(r.low, r.value), high=_bound(r.high, r.value),
        unit=r.unit or r.metric_unit or None, qualifier=r.qualifier, status=r.status, claimant=r.claimant,
        snippet=r.snippet,
        source=Source(title=r.title, publisher=r.publisher, url=r.url, published=r.published, kind=r.source_kind),
    )


def _joined() -> Select[Any]:
    """Observations with their metric and source, in the order ``all_references`` uses."""
    return (select(*_COLUMNS).select_from(OBS)
            .join(MET, OBS.c.metric == MET.c.key).join(SRC, OBS.c.source_id == SRC.c.id)
            .order_by(OBS.c.metric, OBS.c.year, OBS.c.id))


def _where(column: Any, values: Sequence[Any]) -> Callable[[Sequence[str]], Select[Any]]:
    """A query maker: the rows of some metrics whose ``column`` is one of ``values``."""
    return lambda part: _joined().where(OBS.c.metric.in_(part), column.in_(values))


def metric_stamp() -> Select[Any]:
    """A fingerprint of the metric table: how many rows and how many characters of text they hold.

    An edit of a label, unit or synonym list changes the text's length unless it swaps characters
    one for one; one indexed pass over a table of thousands of rows at most.
    """
    text = (func.length(MET.c.key) + func.length(MET.c.label) + func.length(MET.c.unit) + func.length(MET.c.keywords)
            + func.length(MET.c.entity) + func.length(MET.c.description))
    return select(func.count(), func.coalesce(func.sum(text), 0))


@lru_cache(maxsize=8)
def _metrics(engine: Engine, stamp: tuple[Any, ...]) -> list[MetricRow]:
    """Every metric, by key, for one store state (callers never change the list)."""
    with Session(engine) as session:
        rows = list(session.exec(orm_select(MetricRow).order_by(col(MetricRow.key))).all())
        session.expunge_all()
    return rows


class StoreIndex:
    """Indexed queries on one store; the metric and entity lists are read once per instance."""

    def __init__(self, engine: Engine) -> None:
        """Remember the engine; nothing is read until asked."""
        self.engine = engine
        self._metrics: list[MetricRow] | None = None
        self._entities: list[EntityRow] | None = None

    def metrics(self) -> list[MetricRow]:
        """Every metric, by key: read once per store state (``metric_stamp``), since every check asks."""
        if self._metrics is None:
            with self.engine.connect() as conn:
                stamp = conn.execute(metric_stamp()).one()
            self._metrics = _metrics(self.engine, tuple(stamp))
        return self._metrics

    def entities(self) -> list[EntityRow]:
        """Every entity with its code and aliases, by name (cached)."""
        if self._entities is None:
            with Session(self.engine) as session:
                rows = list(session.exec(orm_select(EntityRow).order_by(col(EntityRow.name))).all())
                session.expunge_all()
            self._entities = rows
        return self._entities

    def references(self, metric: str, *, entity: str | None = None, entity_code: str | None = None,
                   year: int | None = None) -> list[Reference]:
        """The observations of one metric, narrowed by entity name or code and year: one indexed query."""
        q = _joined().where(OBS.c.metric == metric)
        if entity_code is not None:
            q = q.where(OBS.c.entity_code == entity_code)
        if entity is not None:
            q = q.where(OBS.c.entity == entity)
        if year is not None:
            q = q.where(OBS.c.year == year)
        with self.engine.connect() as conn:
            return [_reference(r) for r in conn.execute(q)]

    def references_for_metrics(self, metrics: Iterable[str], *, entity_codes: Iterable[str] | None = None,
                               entities: Iterable[str] | None = None) -> list[Reference]:
        """The observations of these metrics; given codes or names, only those entities' rows plus rows with no code.

        Rows without a code are a newsroom's own tables (parade troops, front-line length),
        which no country filter should hide. IN lists are cut into chunks for SQLite's limit
        on bound variables; the result is in ``all_references`` order.
        """
        keys = sorted(set(metrics))
        if entity_codes is None and entities is None:
            queries = [lambda part: _joined().where(OBS.c.metric.in_(part))]
        else:
            # entity_code IN ('', ...) rather than "= '' OR IN (...)": SQLite then walks the
            # (metric, entity_code, year) index once per pair instead of every row of the metric
            codes = ["", *sorted(set(entity_codes or ()) - {""})]
            names = sorted(set(entities or ()))
            queries = [_where(OBS.c.entity_code, c) for c in _chunks(codes, ENTITY_CHUNK)]
            queries += [_where(OBS.c.entity, n) for n in _chunks(names, ENTITY_CHUNK)]
        seen: dict[Any, Reference] = {}
        with self.engine.connect() as conn:
            for part in _chunks(keys, METRIC_CHUNK):
                for make in queries:
                    for r in conn.execute(make(part)):
                        if r.id not in seen:
                            seen[r.id] = _reference(r)
        return sorted(seen.values(), key=lambda r: (r.metric, r.year if r.year is not None else -1, r.id or 0))

    def metrics_for_terms(self, terms: Iterable[str], limit: int = 50) -> list[MetricRow]:
        """The metrics whose label, keywords or description hold the most of ``terms`` (best first).

        Terms are normalised as the index was built (lower case, stop words out, phrases kept
        whole as well); ties go to the metric key in order.
        """
        wanted = query_terms(terms)
        if not wanted:
            return []
        hits: dict[str, int] = {}
        with self.engine.connect() as conn:
            for part in _chunks(wanted):
                q = select(TERM.c.metric, func.count()).where(TERM.c.term.in_(part)).group_by(TERM.c.metric)
                for key, n in conn.execute(q):
                    hits[key] = hits.get(key, 0) + n
        best = sorted(hits, key=lambda k: (-hits[k], k))[:limit]
        by_key = {m.key: m for m in self.metrics()} if self._metrics is not None else self._load_metrics(best)
        return [by_key[k] for k in best if k in by_key]

    def _load_metrics(self, keys: Sequence[str]) -> dict[str, MetricRow]:
        """Just these metrics (when the full list has not been read yet)."""
        out: dict[str, MetricRow] = {}
        with Session(self.engine) as session:
            for part in _chunks(list(keys)):
                for m in session.exec(orm_select(MetricRow).where(col(MetricRow.key).in_(part))).all():
                    out[m.key] = m
            session.expunge_all()
        return out


@dataclass(frozen=True)
class MetricProfile:
    """What a metric's rows cover: how many entities, and the smallest and largest value."""

    entities: int
    low: float
    high: float


def metric_profiles(engine: Engine) -> dict[str, MetricProfile]:
    """Every metric's profile, read with one GROUP BY and kept until the observation table changes.

    The resolver needs store-wide facts (is a table stored by country? what values can it hold?)
    without loading its rows; the answer is cached against the highest observation id and the
    number of metrics, both read from an index at once (a row count would scan a million rows).
    An edit that adds neither a row nor a metric can leave a value range stale; the ranges only
    rule out figures a thousand times off, so that is harmless.
    """
    with engine.connect() as conn:
        top = conn.execute(select(func.max(OBS.c.id))).scalar()
        n_metrics = conn.execute(select(func.count()).select_from(MET)).scalar()
    stamp = (top, n_metrics)
    return _profiles(engine, stamp)


@lru_cache(maxsize=8)
def _profiles(engine: Engine, stamp: tuple[Any, ...]) -> dict[str, MetricProfile]:
    """The GROUP BY behind ``metric_profiles``, once per store state."""
    q = select(OBS.c.metric, func.count(func.distinct(OBS.c.entity)), func.min(OBS.c.value), func.max(OBS.c.value)).group_by(OBS.c.metric)
    with engine.connect() as conn:
        return {m: MetricProfile(int(n), float(lo), float(hi)) for m, n, lo, hi in conn.execute(q)}


def entity_names(engine: Engine) -> tuple[tuple[str, str], ...]:
    """Every (entity, code) pair the observations name, cached like ``metric_profiles``.

    A store imported from CSV has no entity table; the resolver still needs to know which
    countries its tables hold, and under which spelling, before it reads any of their rows.
    """
    with engine.connect() as conn:
        top = conn.execute(select(func.max(OBS.c.id))).scalar()
    return _entity_pairs(engine, top)


@lru_cache(maxsize=8)
def _entity_pairs(engine: Engine, stamp: Any) -> tuple[tuple[str, str], ...]:
    """The DISTINCT behind ``entity_names``, once per store state."""
    q = select(OBS.c.entity, OBS.c.entity_code).where(OBS.c.entity != "").distinct()
    with engine.connect() as conn:
        return tuple(sorted((str(e), str(c or "")) for e, c in conn.execute(q)))
