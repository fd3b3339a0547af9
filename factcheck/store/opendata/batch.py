"""The one place open-data rows meet the importer: turn an OpenData into its ``_Batch`` and write it.

Kept small so that it is the only module to re-point when the importer moves. The store has
no column for an observation's country code, aggregate mark, indicator or retrieval date, so:
the code and the mark go into the observation's ``note`` (``code WLD; aggregate``), and the
indicator and the date retrieved into the source's ``title`` (``... (SP.POP.TOTL), retrieved
2025-01-31``). Every row goes through the importer's own checks.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from factcheck.store.importer import (
    ImportReport, _add, _Batch, _Cell, _check_references, _metric, _observation, _source, _store_keys,
    write_batch,
)
from factcheck.store.opendata.common import OpenData
from factcheck.store.db import init_db
from factcheck.store.export_csv import format_number


def to_batch(data: OpenData, batch: _Batch | None = None, *, where: str = "open data") -> _Batch:
    """Check every row of ``data`` with the importer's rules into a batch (reads all observations)."""
    batch = batch if batch is not None else _Batch()
    batch.files.extend(data.files)
    for obs in data.observations:
        cell = _Cell(where, None)
        note = f"code {obs['entity_code']}" if obs["entity_code"] else ""
        if obs["aggregate"]:
            note += "; aggregate"
        raw = {"metric": obs["metric"], "entity": obs["entity"], "year": str(obs["year"]),
               "value": format_number(obs["value"]), "source_id": obs["source_id"], "note": note}
        _add(batch, "observations", cell, _observation(cell, raw))
    for s in data.sources.values():  # after the rows: a wide CSV finds its sources as it reads
        title = s["title"] + f", retrieved {s['retrieved']}"
        cell = _Cell(where, None)
        _add(batch, "sources", cell, _source(cell, {"id": s["id"], "title": title, "publisher": s["publisher"],
                                                    "url": s["url"], "published": s["published"]}))
    for m in data.metrics.values():
        cell = _Cell(where, None)
        _add(batch, "metrics", cell, _metric(cell, {k: m[k] for k in ("key", "label", "unit", "keywords",  # type: ignore[literal-required]
                                                                         "entity", "description")}))
    return batch


def import_open_data(engine: Engine, *datasets: OpenData, prune: bool = False) -> ImportReport:
    """Check every row of every dataset, then write them all in one transaction (nothing on error)."""
    init_db(engine)
    batch = _Batch()
    for data in datasets:
        to_batch(data, batch)
    known_sources, known_metrics = _store_keys(engine)
    _check_references(batch, known_sources, known_metrics)
    return write_batch(engine, batch, prune=prune)
