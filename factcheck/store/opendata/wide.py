"""The World Bank's wide CSV: one row per country and indicator, one column per year.

The file as downloaded starts with a short preamble before the header::

    "Data Source","World Development Indicators",
    (blank)
    "Last Updated Date","2024-06-28",
    (blank)
    "Country Name","Country Code","Indicator Name","Indicator Code","1960",...,"2023",

The preamble is optional (the copies in data packages' ``archive/`` folders have none).
Empty cells are missing values and are skipped; anything else that is not a number is an error.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Iterator

from factcheck.errors import ImportDataError
from factcheck.store.opendata.aggregates import NO_RULE, Aggregates, from_country_codes, from_wb_metadata
from factcheck.store.opendata.common import (
    csv_errors,
    MAX_FILE_BYTES, DuplicateGuard, MetricDict, ObservationDict, OpenData, SourceDict, bad_value, check_size,
    metric_key, partial_date, publisher_kind, retrieved_on, source_id, unit_for,
)

ID_COLUMNS = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")
MAX_PREAMBLE_LINES = 10  # the World Bank writes four
FIX_HEADER = "the header must be Country Name,Country Code,Indicator Name,Indicator Code, then one column per year"
WB_INDICATOR_URL = "https://data.worldbank.org/indicator/{code}"  # the World Bank's page for one indicator

WideRow = tuple[int, str, str, str, str, int, float]  # line, country, code, indicator name, indicator code, year, value


@dataclass
class WideHeader:
    """What the lines before the data say: preamble pairs, the header's line and its year columns."""

    preamble: dict[str, str] = field(default_factory=dict)
    header_line: int = 0
    years: list[tuple[int, int]] = field(default_factory=list)  # (column index, year)
    width: int = 0


def _header(reader: Iterator[list[str]], path: str) -> WideHeader:
    """Read the preamble and the header; the reader is left on the first data row."""
    head = WideHeader()
    for cells in reader:
        cells = [c.strip() for c in cells]
        if tuple(cells[:2]) == ID_COLUMNS[:2]:
            break
        if getattr(reader, "line_num", 0) > MAX_PREAMBLE_LINES:
            raise ImportDataError(path, None, None, f"no 'Country Name,Country Code,...' header in the first "
                                  f"{MAX_PREAMBLE_LINES} lines: not a World Bank wide CSV", FIX_HEADER)
        if len(cells) >= 2 and cells[0]:
            head.preamble[cells[0]] = cells[1]
    else:
        raise ImportDataError(path, None, None, "no 'Country Name,Country Code,...' header: not a World Bank wide CSV",
                              FIX_HEADER)
    head.header_line = getattr(reader, "line_num", 0)
    if tuple(cells[:4]) != ID_COLUMNS:
        raise ImportDataError(path, head.header_line, None, f"the header starts {','.join(cells[:4])}", FIX_HEADER)
    last = len(cells)
    while last > 4 and not cells[last - 1]:
        last -= 1  # the World Bank ends every line with a comma
    for i in range(4, last):
        name = cells[i]
        if not (len(name) == 4 and name.isdigit()):
            raise ImportDataError(path, head.header_line, name or f"(column {i + 1})",
                                  "a column after Indicator Code is not a year", FIX_HEADER)
        head.years.append((i, int(name)))
    head.width = len(cells)
    return head


def read_header(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> WideHeader:
    """The preamble and header of a wide CSV, checked (size, UTF-8, column names)."""
    check_size(path, max_bytes)
    with path.open(encoding="utf-8-sig", newline="") as f:
        try:
            return _header(csv.reader(f), str(path))
        except (UnicodeDecodeError, csv.Error) as e:
            raise ImportDataError(str(path), None, None, f"not readable as UTF-8 CSV: {e}",
                                  "save it again as CSV UTF-8") from None


def iter_wide(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Iterator[WideRow]:
    """Every non-empty value of a wide CSV, streamed, as (line, country, code, indicator, code, year, value)."""
    head = read_header(path, max_bytes=max_bytes)
    where = str(path)
    years = head.years
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        with csv_errors(where, reader):
            for _ in range(head.header_line):
                next(reader)
            for cells in reader:
                if len(cells) < 4:
                    if any(c.strip() for c in cells):
                        raise ImportDataError(where, reader.line_num, None, "the row has fewer than four cells",
                                              FIX_HEADER)
                    continue
                name, code, ind_name, ind_code = cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip()
                line = reader.line_num
                n = len(cells)
                for i, year in years:
                    if i >= n:
                        break
                    text = cells[i]
                    if not text:
                        continue
                    try:
                        v = float(text)
                    except ValueError:
                        if text.isspace():
                            continue
                        raise bad_value(where, line, str(year), text) from None
                    if v - v != 0 or "_" in text:
                        raise bad_value(where, line, str(year), text)
                    yield line, name, code, ind_name, ind_code, year, v


def read_wide_csv(
    path: str | Path,
    *,
    retrieved: Date | str | None = None,
    publisher: str = "World Bank",
    url: str | None = None,
    country_codes: str | Path | None = None,
    metadata: str | Path | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> OpenData:
    """Read a World Bank wide CSV: one metric and one source per indicator code in it.

    ``url`` is the source's address (default: the World Bank's page for the indicator).
    Aggregates are marked from ``metadata`` (a ``Metadata_Country_*.csv``; one beside the file
    is found by itself) or ``country_codes`` (the country-codes package folder); else unmarked.
    """
    p = Path(path)
    head = read_header(p, max_bytes=max_bytes)
    rule = _aggregate_rule(p, country_codes, metadata)
    published = partial_date(head.preamble.get("Last Updated Date", ""))
    got = retrieved_on(retrieved)
    data = OpenData(sources={}, metrics={}, observations=iter(()), files=[p])

    def rows() -> Iterator[ObservationDict]:
        guard = DuplicateGuard()
        seen_indicators: dict[str, tuple[str, str]] = {}  # code → (metric key, source id)
        marked = data.aggregate_codes
        for line, name, code, ind_name, ind_code, year, value in iter_wide(p, max_bytes=max_bytes):
            ids = seen_indicators.get(ind_code)
            if ids is None:
                if not ind_code:
                    raise ImportDataError(str(p), line, "Indicator Code", "the indicator code is empty",
                                          "fill in the World Bank indicator code, e.g. SP.POP.TOTL")
                ids = seen_indicators[ind_code] = _indicator(data, ind_code, ind_name, publisher, url, published, got)
            if not guard.is_new((ind_code, code or name, year), value, str(p), line):
                continue
            agg = rule(code)
            if agg:
                marked.add(code)
            yield {"metric": ids[0], "entity": name, "entity_code": code, "year": year, "value": value,
                   "source_id": ids[1], "aggregate": agg}

    data.observations = rows()
    return data


def _indicator(data: OpenData, code: str, name: str, publisher: str, url: str | None, published: str,
               retrieved: str) -> tuple[str, str]:
    """Add the metric and source of one indicator to ``data``; return (metric key, source id)."""
    key = metric_key(code)
    sid = source_id(publisher, code)
    data.metrics[key] = MetricDict(key=key, label=name or code, unit=unit_for(code, name), keywords="", entity="",
                                   description=f"World Bank indicator {code}", indicator=code)
    data.sources[sid] = SourceDict(id=sid, title=f"{name} ({code})" if name else code, publisher=publisher,
                                   url=url or WB_INDICATOR_URL.format(code=code), published=published,
                                   indicator=code, retrieved=retrieved, kind=publisher_kind(publisher))
    return key, sid


def _aggregate_rule(path: Path, country_codes: str | Path | None, metadata: str | Path | None) -> Aggregates:
    """The aggregate rule: an explicit metadata file, one beside the CSV, the country codes, or none."""
    if metadata is not None:
        return from_wb_metadata(metadata)
    beside = sorted(path.parent.glob("Metadata_Country_*.csv"))
    if len(beside) == 1:
        return from_wb_metadata(beside[0])
    if country_codes is not None:
        return from_country_codes(country_codes)
    return NO_RULE
