"""One reference added from the app's form ("add a missing reference figure"), checked as the CSV import checks it."""

from __future__ import annotations

import math
import re
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from factcheck.store.db import MetricRow, ObservationRow, SourceRow, init_db
from factcheck.store.export_csv import format_number
from factcheck.store.importer import FIX_NUMBER, _Cell, _metric, _obs_key, _observation, _source
from factcheck.units import same_dimension


def _slug(text: str) -> str:
    """Lower-case words joined by '-', for new source ids."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:3]) or "source"


def _new_source_id(session: Session, publisher: str, published: str) -> str:
    """A free source id like ``the-hill-2023`` (``-2``, ``-3`` ... when taken).

    Only a leading year goes into the id, so a bad date is reported on the date field, not the id.
    """
    year = re.match(r"\d{4}", published)
    base = f"{_slug(publisher)}-{year.group() if year else 'nd'}"
    sid, n = base, 2
    while session.get(SourceRow, sid) is not None:
        sid, n = f"{base}-{n}", n + 1
    return sid


def _form_text(value: Any) -> str:
    """A form value as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    return str(value).strip()


def add_reference(
    engine: Engine,
    *,
    metric: str,
    value: float,
    source_title: str,
    publisher: str,
    url: str,
    published: str = "",
    entity: str = "",
    year: int | None = None,
    date: str = "",
    unit: str = "",
    qualifier: str = "exact",
    status: str = "actual",
    claimant: str = "",
    snippet: str = "",
    low: float | None = None,
    high: float | None = None,
    metric_label: str = "",
) -> int:
    """Add one sourced observation (the app's "add a missing reference" form); returns its id.

    The source is reused when one with the same URL exists, else created. A metric key not yet
    in the store is created when ``metric_label`` is given. Same checks as the CSV import;
    errors are ImportDataError with the form field as the column.
    """
    init_db(engine)
    cell = _Cell("reference form", None)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise cell.error("value", f"{value!r} is not a number", FIX_NUMBER)
    with Session(engine) as session:
        metric_row = session.get(MetricRow, metric.strip())
        new_metric: dict[str, Any] | None = None
        if metric_row is None:
            if not metric_label.strip():
                raise cell.error("metric", f"unknown metric {metric!r}",
                                 "pick an existing metric, or give a label to create a new one")
            new_metric = _metric(cell, {"key": metric.strip(), "label": metric_label.strip(), "unit": unit.strip()})
        metric_unit = new_metric["unit"] if new_metric is not None else metric_row.unit if metric_row else ""
        source_row = session.exec(select(SourceRow).where(SourceRow.url == url.strip())).first()
        new_source: dict[str, Any] | None = None
        if source_row is None:
            new_source = _source(cell, {
                "id": _new_source_id(session, publisher, published.strip()), "title": source_title.strip(),
                "publisher": publisher.strip(), "url": url.strip(), "published": published.strip(),
            })  # fmt: skip
            source_id = new_source["id"]
        else:
            source_id = source_row.id
        fields = {"metric": metric, "value": value, "entity": entity, "year": year, "date": date, "unit": unit,
                  "qualifier": qualifier, "status": status, "claimant": claimant, "snippet": snippet,
                  "low": low, "high": high, "source_id": source_id}
        obs = _observation(cell, {k: _form_text(v) for k, v in fields.items()})
        if obs["unit"] and not same_dimension(obs["unit"], metric_unit):
            raise cell.error("unit", f"{obs['unit']!r} cannot be converted to the metric's unit {metric_unit or 'count'!r}",
                             "use a unit of the same kind as the metric's, or empty")
        key = _obs_key(obs)
        clash = [o for o in session.exec(select(ObservationRow).where(ObservationRow.metric == obs["metric"])).all()
                 if _obs_key(o.model_dump()) == key]
        if clash:
            raise cell.error(None, f"this reference is already in the store (observation {clash[0].id})",
                             "nothing to add")
        if new_source:
            session.add(SourceRow(**new_source))
        if new_metric:
            session.add(MetricRow(**new_metric))
        session.flush()
        row = ObservationRow(**obs)
        session.add(row)
        session.commit()
        session.refresh(row)
        assert row.id is not None
        return row.id
