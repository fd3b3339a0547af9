"""The one place open-data rows meet the importer: turn an OpenData into its ``_Batch`` and write it.

Kept small so that it is the only module to re-point when the importer moves. Each row goes
through the importer's own checks; the country code goes into ``observation.entity_code``,
the indicator and the retrieval date into ``source.indicator`` and ``source.retrieved``, and
every country or group seen becomes an entity hint (name, code, ``country`` or ``aggregate``).
"""

from __future__ import annotations

import pycountry
from sqlalchemy.engine import Engine

from factcheck.store.db import init_db
from factcheck.store.importer import (
    ImportReport, _add, _Batch, _Cell, _check_references, _metric, _source, _store_keys, open_observation,
    write_batch,
)
from factcheck.store.opendata.common import OpenData
from factcheck.store.writer import Progress


def entity_kind(code: str, aggregate: bool) -> str:
    """``aggregate`` when the data marks it, ``country`` for an ISO 3166 alpha-3 code, else ``other``.

    >>> entity_kind("NLD", False), entity_kind("WLD", True), entity_kind("WLD", False), entity_kind("XKX", False)
    ('country', 'aggregate', 'other', 'other')
    """
    if aggregate:
        return "aggregate"
    return "country" if len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None else "other"


def to_batch(data: OpenData, batch: _Batch | None = None, *, where: str = "open data") -> _Batch:
    """Check every row of ``data`` with the importer's rules into a batch (reads all observations)."""
    batch = batch if batch is not None else _Batch()
    batch.files.extend(data.files)
    cell = _Cell(where, None)  # open-data rows have no line of their own to point at
    hints = batch.entity_hints
    for obs in data.observations:
        row = open_observation(cell, obs["metric"], obs["entity"], obs["year"], obs["value"], obs["source_id"])
        row["entity_code"] = obs["entity_code"]
        _add(batch, "observations", cell, row)
        name = obs["entity"]
        if name and name not in hints:
            hints[name] = {"name": name, "code": obs["entity_code"], "kind": entity_kind(obs["entity_code"], obs["aggregate"])}
    for s in data.sources.values():  # after the rows: a wide CSV finds its sources as it reads
        row = _source(cell, {"id": s["id"], "title": s["title"], "publisher": s["publisher"], "url": s["url"],
                             "published": s["published"], "kind": s.get("kind", "")})
        row.update(indicator=s["indicator"], retrieved=s["retrieved"])
        _add(batch, "sources", cell, row)
    for m in data.metrics.values():
        _add(batch, "metrics", cell, _metric(cell, {k: m[k] for k in ("key", "label", "unit", "keywords",  # type: ignore[literal-required]
                                                                       "entity", "description")}))
    return batch


def import_open_data(engine: Engine, *datasets: OpenData, prune: bool = False,
                     progress: Progress | None = None) -> ImportReport:
    """Check every row of every dataset, then write them all in one transaction (nothing on error)."""
    init_db(engine)
    batch = _Batch()
    for data in datasets:
        to_batch(data, batch)
    known_sources, known_metrics = _store_keys(engine)
    _check_references(batch, known_sources, known_metrics)
    return write_batch(engine, batch, prune=prune, progress=progress)
