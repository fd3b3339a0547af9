"""Frictionless Data Packages: a ``datapackage.json`` / ``.yml`` descriptor and its CSV resources.

Read with json / PyYAML and the csv module rather than the ``frictionless`` library: that
library parsed the shared population package at about 29,000 rows/s (we need 200,000+),
takes a second to import, brings some 25 dependencies, and fetches remote resources on its
own. What we need of the spec is small: resource paths (kept inside the package folder),
the schema's field names (checked against the CSV header) and types (to find the year and
value columns), the CSV dialect's delimiter, and the package's sources.

Each tabular resource with a year and a number column becomes one metric; its rows become
observations (entity = the country name, ``entity_code`` = the country code column).
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any, Iterator, Mapping


from factcheck.errors import ImportDataError
from factcheck.store.opendata.descriptor import load_descriptor
from factcheck.store.opendata.aggregates import NO_RULE, Aggregates, from_country_codes
from factcheck.store.opendata.common import (
    csv_errors,
    MAX_FILE_BYTES, DuplicateGuard, MetricDict, ObservationDict, OpenData, SourceDict,
    bad_value, check_size, indicator_in_url, inside, metric_key, parse_year, partial_date, retrieved_on,
    source_id, unit_for,
)
from factcheck.store.opendata.swap import SAMPLE_ROWS, ArchiveIndicator, Sample, best_match, load_archive, named_indicator

ENTITY_NAMES = ("country name", "country", "entity", "region", "name", "country_name")
CODE_NAMES = ("country code", "country_code", "code", "iso3", "iso3 code", "countryiso3code")
NUMBER_TYPES = ("number", "integer")
FIX_SCHEMA = "make schema.fields list the CSV's columns, in the same order and spelling, or fix the CSV header"


@dataclass(frozen=True)
class _Columns:
    """Where a resource keeps the country name, its code, the year and the value."""

    entity: int
    code: int | None
    year: int
    value: int
    value_field: Mapping[str, Any]


def _find_columns(names: list[str], fields: list[Mapping[str, Any]]) -> _Columns | None:
    """The entity, code, year and value columns by the schema's names and types; None if not a series."""
    low = [n.lower() for n in names]
    types = [str(f.get("type", "")) for f in fields] if fields else [""] * len(names)
    year = next((i for i, t in enumerate(types) if t == "year"), None)
    if year is None:
        year = next((i for i, n in enumerate(low) if n in ("year", "date")), None)
    code = next((i for i, n in enumerate(low) if n in CODE_NAMES), None)
    entity = next((i for i, n in enumerate(low) if n in ENTITY_NAMES and i != code), None)
    numbers = [i for i, t in enumerate(types) if t in NUMBER_TYPES and i != year]
    value = next((i for i, n in enumerate(low) if n == "value"), None)
    if value is None and len(numbers) == 1:
        value = numbers[0]
    if year is None or value is None or entity is None:
        return None
    return _Columns(entity, code, year, value, fields[value] if fields else {})


def _check_header(path: Path, names: list[str], delimiter: str, max_bytes: int) -> list[str]:
    """The CSV's header, checked against the schema's field names (when there is a schema)."""
    check_size(path, max_bytes)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            header = [h.strip() for h in next(csv.reader(f, delimiter=delimiter), [])]
    except UnicodeDecodeError:
        raise ImportDataError(str(path), 1, None, "the file is not UTF-8", "save it again as CSV UTF-8") from None
    if not header:
        raise ImportDataError(str(path), None, None, "the file is empty", "give it a header line and rows")
    if names and header != names:
        missing = [n for n in names if n not in header]
        extra = [h for h in header if h not in names]
        detail = f"; missing {missing}" if missing else ""
        detail += f"; not in the schema {extra}" if extra else ""
        raise ImportDataError(str(path), 1, None,
                              f"the header {header} disagrees with the schema's fields {names}{detail}", FIX_SCHEMA)
    return header


def _sample(path: Path, cols: _Columns, delimiter: str, n: int) -> Sample:
    """The first ``n`` (code, year, value) of a resource with a value (for comparing with the archive)."""
    out: Sample = []
    if cols.code is None:
        return out
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=delimiter)
        next(reader, None)
        for cells in reader:
            try:
                out.append((cells[cols.code].strip(), int(cells[cols.year][:4]), float(cells[cols.value])))
            except (ValueError, IndexError):
                continue  # missing or bad cells are reported by the real pass
            if len(out) >= n:
                break
    return out


def _rows(path: Path, cols: _Columns, width: int, delimiter: str, key: str, sid: str, rule: Aggregates,
          guard: DuplicateGuard, marked: set[str]) -> Iterator[ObservationDict]:
    """Stream one resource's observations; missing values are skipped, garbage is an error."""
    where = str(path)
    ei, ci, yi, vi = cols.entity, cols.code, cols.year, cols.value
    seen = guard.seen
    agg_of: dict[str, bool] = {}  # code → aggregate? (the rule asked once per code)
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=delimiter)
        with csv_errors(where, reader):
            next(reader, None)
            for cells in reader:
                if len(cells) != width:
                    if not any(c.strip() for c in cells):
                        continue
                    raise ImportDataError(where, reader.line_num, None,
                                          f"the row has {len(cells)} cells but the header has {width}",
                                          "quote cells that contain the delimiter, or remove the extra cells")
                text = cells[vi]
                try:
                    value = float(text)
                except ValueError:
                    if not text or text.isspace():
                        continue
                    raise bad_value(where, reader.line_num, "value", text) from None
                if value - value != 0 or "_" in text:
                    raise bad_value(where, reader.line_num, "value", text)
                ytext = cells[yi]
                year = int(ytext) if len(ytext) == 4 and ytext.isdigit() else parse_year(
                    ytext, where, reader.line_num, "year")
                entity = cells[ei].strip()
                code = cells[ci].strip() if ci is not None else ""
                old = seen.setdefault((key, code or entity, year), value)
                if old is not value and not guard.is_new((key, code or entity, year), value, where, reader.line_num):
                    continue
                agg = agg_of.get(code)
                if agg is None:
                    agg = agg_of[code] = rule(code)
                    if agg:
                        marked.add(code)
                yield {"metric": key, "entity": entity, "entity_code": code, "year": year, "value": value,
                       "source_id": sid, "aggregate": agg}


def read_package(
    path: str | Path,
    *,
    retrieved: Date | str | None = None,
    country_codes: str | Path | None = None,
    indicators: Mapping[str, str] | None = None,
    resources: list[str] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    sample_rows: int = SAMPLE_ROWS,
) -> OpenData:
    """Read a Data Package (folder or descriptor): every resource is checked before a row is read.

    ``indicators`` maps resource names to indicator codes when the descriptor does not say;
    ``resources`` limits the read to those resource names; ``country_codes`` (the country-codes
    package folder) marks aggregates; ``retrieved`` defaults to today.
    """
    root, desc, where = load_descriptor(Path(path))
    rule = from_country_codes(country_codes) if country_codes is not None else NO_RULE
    got = retrieved_on(retrieved)
    archive = load_archive(root, max_bytes=max_bytes)
    pkg_sources = [s for s in desc.get("sources") or [] if isinstance(s, dict)]
    data = OpenData(sources={}, metrics={}, observations=iter(()), files=[])
    plans: list[tuple[Path, _Columns, int, str, str, str]] = []
    tabular = [r for r in desc["resources"] if isinstance(r, dict) and (resources is None or r.get("name") in resources)]
    for res in tabular:
        name = str(res.get("name") or Path(str(res.get("path", "resource"))).stem)
        rwhere = f"{where} (resource {name!r})"
        if "data" in res and "path" not in res:
            raise ImportDataError(rwhere, None, "data", "inline data is not read", "put the rows in a CSV file")
        if isinstance(res.get("path"), list):
            raise ImportDataError(rwhere, None, "path", "multi-part resources are not read",
                                  "join the parts into one CSV file")
        file = inside(root, res.get("path"), rwhere)
        dialect: dict[str, Any] = res["dialect"] if isinstance(res.get("dialect"), dict) else {}
        delimiter = str(dialect.get("delimiter", ","))
        if len(delimiter) != 1:
            raise ImportDataError(rwhere, None, "dialect", f"the delimiter {delimiter!r} is not one character",
                                  "use ',' or ';'")
        encoding = str(res.get("encoding", "utf-8")).lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8", "utf-8-sig"):
            raise ImportDataError(rwhere, None, "encoding", f"the resource is {encoding}, and only UTF-8 is read",
                                  "convert the file to UTF-8 and set encoding to utf-8")
        schema: dict[str, Any] = res["schema"] if isinstance(res.get("schema"), dict) else {}
        fields: list[Mapping[str, Any]] = [f for f in schema.get("fields") or [] if isinstance(f, dict)]
        names = [str(f.get("name", "")).strip() for f in fields]
        header = _check_header(file, names, delimiter, max_bytes)
        cols = _find_columns(header, fields)
        if cols is None:
            data.warnings.append(f"{file}: resource {name!r} has no country, year and value columns; not read")
            continue
        data.files.append(file)
        key, sid = _describe(data, desc, res, name, file, cols, pkg_sources, len(tabular), archive,
                             _sample(file, cols, delimiter, sample_rows) if archive else [], indicators or {}, got)
        plans.append((file, cols, len(header), delimiter, key, sid))
    guard = DuplicateGuard()
    data.observations = itertools.chain.from_iterable([_rows(f, c, w, d, k, s, rule, guard, data.aggregate_codes)
                                for f, c, w, d, k, s in plans])
    return data


def _describe(data: OpenData, desc: Mapping[str, Any], res: Mapping[str, Any], name: str, file: Path,
              cols: _Columns, pkg_sources: list[dict[str, Any]], n_resources: int,
              archive: dict[str, ArchiveIndicator], sample: Sample, given: Mapping[str, str],
              retrieved: str) -> tuple[str, str]:
    """Decide a resource's indicator, metric and source (warning when its values say otherwise)."""
    stated = _stated_indicator(desc, res, name, pkg_sources, n_resources, archive, given)
    match = best_match(sample, archive.values()) if sample else None
    indicator, label = stated, ""
    if match is not None:
        held = match.indicator
        if stated and stated != held.code:
            said = f"{stated} ({archive[stated].name})" if stated in archive else stated
            data.warnings.append(
                f"{file}: the package says resource {name!r} is {said}, but its values match "
                f"{held.code} ({held.name}) in {held.path.name}: {match.agreed} of {match.compared} sampled "
                f"(country, year) values agree; imported as {held.code}")
            label = held.name
        indicator = held.code
    ind_name = archive[indicator].name if indicator in archive else ""
    label = label or str(res.get("title") or res.get("description") or cols.value_field.get("description")
                         or ind_name or desc.get("title") or name)
    key = metric_key(indicator or name)
    src = next((s for s in pkg_sources if indicator and indicator_in_url(s.get("path")) == indicator), None)
    src = src or (pkg_sources[0] if pkg_sources else {})
    url = str(src.get("path") or desc.get("homepage") or "")
    if not url.startswith(("http://", "https://")):
        raise ImportDataError(str(file), None, None, f"resource {name!r} has no source with a web address",
                              "add sources: [{title, path: https://...}] or a homepage to the descriptor")
    sid = source_id(str(desc.get("name") or ""), indicator or name)
    what = ind_name or label
    title = str(desc.get("title") or desc.get("name") or name)
    title = title if title == what else f"{title}: {what}"
    data.metrics[key] = MetricDict(key=key, label=label[:200], unit=unit_for(indicator, ind_name),
                                   keywords=package_keywords(desc, label, single_resource=n_resources == 1),
                                   entity="", description=f"{what} ({indicator})" if indicator else what,
                                   indicator=indicator)
    data.sources[sid] = SourceDict(
        id=sid, title=title + (f" ({indicator})" if indicator else ""),
        publisher=str(src.get("title") or src.get("name") or desc.get("publisher") or "unknown"), url=url,
        published=partial_date(desc.get("last_updated") or desc.get("created") or ""), indicator=indicator,
        retrieved=retrieved)
    return key, sid


def _stated_indicator(desc: Mapping[str, Any], res: Mapping[str, Any], name: str, pkg_sources: list[dict[str, Any]],
                      n_resources: int, archive: dict[str, ArchiveIndicator], given: Mapping[str, str]) -> str:
    """The indicator the package claims for a resource: given, its own sources, the package's one, or its name."""
    if name in given:
        return given[name]
    own = {indicator_in_url(s.get("path")) for s in res.get("sources") or [] if isinstance(s, dict)} - {""}
    if len(own) == 1:
        return own.pop()
    codes = list(dict.fromkeys(c for c in (indicator_in_url(s.get("path")) for s in pkg_sources) if c))
    if len(codes) == 1 and (n_resources == 1 or name == desc.get("name")):
        return codes[0]
    if len(codes) > 1:
        names = {c: archive[c].name for c in codes if c in archive}
        return named_indicator(f"{name} {res.get('title', '')}", names) if names else ""
    return ""


# Tags a data package gives its coverage or shape rather than its statistic: "World", "Time series".
COVERAGE_TAGS = frozenset({"world", "time series", "timeseries", "statistics", "data", "dataset", "indicators"})


def _is_country(name: str) -> bool:
    """Is ``name`` a country's name or code in ISO 3166 (pycountry)?"""
    import pycountry

    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def package_keywords(desc: Mapping[str, Any], label: str, *, single_resource: bool) -> str:
    """The package's own keywords as a table's synonyms (";"-separated).

    A package's keywords say what its data is ("Population", "GDP"), which is how a sentence
    names it. A package of one table gives it all of them; a package of several gives each
    table the keywords its own label uses. Keywords that name a place or the data's coverage
    or shape say nothing of the statistic and are left out.
    """
    raw = desc.get("keywords")
    if not isinstance(raw, list):
        return ""
    kept = [str(k).strip() for k in raw if isinstance(k, str) and k.strip()]
    kept = [k for k in kept if not _is_country(k) and k.lower() not in COVERAGE_TAGS]
    if not single_resource:
        kept = [k for k in kept if k.lower() in label.lower()]
    return ";".join(kept)
