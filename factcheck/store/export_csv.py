"""The store written back as the CSV files ``import`` reads (``factcheck export-data DIR``).

Numbers are written so that import reads them back exactly (a round trip changes nothing).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from factcheck.store.db import EntityRow, MetricRow, ObservationRow, SourceRow
from factcheck.store.importer import COLUMNS, KINDS


def format_number(x: float | None) -> str:
    """A number as import reads it back exactly: ``8000`` not ``8000.0``; '' for None.

    >>> format_number(8000.0), format_number(2.6), format_number(None), format_number(1e20)
    ('8000', '2.6', '', '1e+20')
    """
    if x is None:
        return ""
    if float(x).is_integer() and abs(x) < 2**53:
        return str(int(x))
    return repr(float(x))


def _cell_out(value: Any) -> str:
    """A stored value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def export_data(engine: Engine, out_dir: str | Path) -> list[Path]:
    """Write sources.csv, metrics.csv and observations.csv (UTF-8 with a BOM, every column) into ``out_dir``.

    entities.csv too when the store has entities: importing it back restores the entities and,
    through them, the observations' country codes. The byte-order mark lets a spreadsheet open
    Cyrillic titles right; import reads it back.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with Session(engine) as session:
        has_entities = session.exec(select(EntityRow.name).limit(1)).first() is not None
        for kind in (*KINDS, "entities") if has_entities else KINDS:
            path = out / f"{kind}.csv"
            with path.open("w", encoding="utf-8-sig", newline="") as f:
                writer = csv.writer(f, lineterminator="\n")
                writer.writerow(COLUMNS[kind])
                for row in _stored_rows(session, kind):
                    writer.writerow([_cell_out(getattr(row, c)) for c in COLUMNS[kind]])
            written.append(path)
    return written


def _stored_rows(session: Session, kind: str) -> list[Any]:
    """One table's rows in a stable order: sources by id, metrics by key, observations by id."""
    if kind == "sources":
        return list(session.exec(select(SourceRow).order_by(col(SourceRow.id))).all())
    if kind == "metrics":
        return list(session.exec(select(MetricRow).order_by(col(MetricRow.key))).all())
    if kind == "entities":
        return list(session.exec(select(EntityRow).order_by(col(EntityRow.name))).all())
    return list(session.exec(select(ObservationRow).order_by(col(ObservationRow.id))).all())


