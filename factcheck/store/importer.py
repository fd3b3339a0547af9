"""Reference CSVs ⇄ the store: validated, line-numbered errors, all or nothing.

``import_path`` reads ``sources*.csv``, ``metrics*.csv`` and ``observations*.csv`` (a folder, or
one file), checks every row, and only then writes, in one transaction. ``export_data`` writes the
store back as the same three files, so that importing an export gives the same store.
``add_reference`` adds one observation from a form (the app), under the same rules.
The column grammar is documented in ``reference_data/README.md``.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any, Iterable, Mapping

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from factcheck.errors import ImportDataError
from factcheck.figures import QUALIFIERS, STATUSES
from factcheck.source_kinds import SOURCE_KINDS, parse_kind
from factcheck.store.db import MetricRow, SourceRow, init_db
from factcheck.store.writer import OBS_KEY, Progress, write_rows
from factcheck.units import is_known_unit, same_dimension

# --- limits and vocabularies -------------------------------------------------------------

MAX_FILE_BYTES = 10 * 1024 * 1024  # one reference CSV; the whole reference set is < 100 KB
MAX_TEXT_CHARS = 2000  # any one cell (titles, snippets, notes)
MAX_KEY_CHARS = 80  # source ids and metric keys (the store's column width)
KINDS: tuple[str, ...] = ("sources", "metrics", "observations")
FILE_KINDS: tuple[str, ...] = ("sources", "metrics", "entities", "observations")  # entities*.csv is optional
ENTITY_KINDS: tuple[str, ...] = ("country", "aggregate", "other")

COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("id", "title", "publisher", "url", "published", "kind"),
    "metrics": ("key", "label", "unit", "keywords", "entity", "description"),
    "observations": (
        "metric", "entity", "year", "date", "value", "low", "high", "unit",
        "qualifier", "status", "claimant", "source_id", "snippet", "note",
    ),
    "entities": ("name", "code", "aliases", "kind"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "sources": ("id", "title", "publisher", "url"),
    "metrics": ("key", "label"),
    "observations": ("metric", "value", "source_id"),
    "entities": ("name",),
}

SOURCE_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")
ENTITY_CODE_RE = re.compile(r"[A-Z0-9]{2,10}")
METRIC_KEY_RE = re.compile(r"[a-z][a-z0-9_]*")
PARTIAL_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# NOTE: keep in sync with "Numbers" in reference_data/README.md.
NUMBER_RE = re.compile(
    r"""[+-]?
        (?: \d{1,3}(?:,\d{3})+   # thousands grouped by commas: 8,000  1,234,567
          | \d+ )                # or plain digits
        (?: \.\d+ )?             # decimal point
        (?: [eE][+-]?\d+ )?      # exponent
    """,
    re.VERBOSE,
)
DECIMAL_COMMA_RE = re.compile(r"[+-]?\d+,\d+")
NOT_A_NUMBER_WORDS = {"n/a", "na", "nan", "none", "null", "-", "--", "?", "unknown", "inf", "-inf", "+inf", "infinity"}

# --- fix-it messages -------------------------------------------------------------------

FIX_ENCODING = (
    "save it as UTF-8: in Excel 'Save As' > 'CSV UTF-8 (Comma delimited)', in LibreOffice tick "
    "'Edit filter settings' and pick Unicode (UTF-8), or run 'iconv -f windows-1252 -t utf-8 FILE'"
)
FIX_NUMBER = (
    "write digits with a decimal point, e.g. 8000, 8,000 or 2.6; no spaces, units, words or "
    "decimal commas"
)
FIX_DECIMAL_COMMA = "write the decimal with a point, as in 1.2; a comma is only read as a thousands separator, as in 8,000"
FIX_SPACES = "remove the spaces: 8000 or 8,000"
FIX_MISSING_VALUE = "every observation needs a number; leave the row out until you have one"
FIX_DATE = "write the date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023-05-09; put wording such as 'c. May' in the note"
FIX_UNIT = "use a pint unit name such as kilometer, mile, square_kilometer, percent, or leave it empty for a count"
FIX_SIZE = "split the file (sources*.csv, observations_2024.csv ...) or raise MAX_FILE_BYTES in factcheck/importer.py"
FIX_SEMICOLONS = "separate the columns with commas: save as 'CSV UTF-8 (Comma delimited)'"
FIX_FORMULA = "reword it so it does not begin with '='; exports of the store are opened in spreadsheets"
FIX_FILE_NAME = "name reference files sources*.csv, metrics*.csv or observations*.csv"
FIX_SOURCE_KIND = f"use one of: {', '.join(SOURCE_KINDS)}, or leave it empty when the kind of publisher is not known"


@dataclass(frozen=True)
class ImportReport:
    """What an import read and changed, per table (``sources``, ``metrics``, ``observations``)."""

    files: tuple[Path, ...]
    rows: dict[str, int]
    added: dict[str, int]
    updated: dict[str, int]
    removed: int = 0  # observations pruned (``prune=True`` only)
    entities: tuple[int, int, int] = (0, 0, 0)  # entity rows read, added, updated (kept apart: older callers compare the dicts)
    origin: str = ""  # where the rows came from when not files ("the World Bank API")

    def __str__(self) -> str:
        """One line for the CLI: counts read, then what changed."""
        read = ", ".join(f"{self.rows[k]} {k}" for k in KINDS)
        if self.entities[0]:
            read += f", {self.entities[0]} entities"
        added = sum(self.added.values()) + self.entities[1]
        updated = sum(self.updated.values()) + self.entities[2]
        removed = f", {self.removed} removed" if self.removed else ""
        origin = self.origin or f"{len(self.files)} file(s)"
        return f"imported {read} from {origin}: {added} added, {updated} updated{removed}"


@dataclass
class _Batch:
    """Validated rows of every file, ready to write; keyed so duplicates are found across files."""

    files: list[Path] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    observations: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)  # entities.csv rows: replace the stored ones
    entity_hints: dict[str, dict[str, Any]] = field(default_factory=dict)  # names and codes seen in open data
    where: dict[tuple[str, Any], "_Cell"] = field(default_factory=dict)  # (kind, key) → where it was read


@dataclass(frozen=True)
class _Cell:
    """Where a value came from, for error messages."""

    path: str
    line: int | None

    def error(self, column: str | None, problem: str, fix: str = "") -> ImportDataError:
        """An ImportDataError at this cell."""
        return ImportDataError(self.path, self.line, column, problem, fix)


# --- reading files ---------------------------------------------------------------------


def _kind_of(path: Path) -> str | None:
    """Which table a file feeds, from its name (``observations_2024.csv`` → observations)."""
    name = path.name.lower()
    if not name.endswith(".csv"):
        return None
    return next((k for k in FILE_KINDS if name.startswith(k)), None)


def _files_in(path: Path) -> list[tuple[str, Path]]:
    """The reference files at ``path`` (a folder or one file), sources before metrics before observations."""
    if not path.exists():
        raise ImportDataError(str(path), None, None, "no such file or folder", "check the path")
    candidates = sorted(path.iterdir()) if path.is_dir() else [path]
    found: list[tuple[str, Path]] = []
    for p in candidates:
        if p.is_dir():
            continue
        kind = _kind_of(p)
        if kind is None:
            if p.suffix.lower() == ".csv" or not path.is_dir():
                raise ImportDataError(str(p), None, None, "cannot tell which table this file is for", FIX_FILE_NAME)
            continue
        found.append((kind, p))
    if not found:
        raise ImportDataError(str(path), None, None, "no reference CSV files here", FIX_FILE_NAME)
    return sorted(found, key=lambda kp: (FILE_KINDS.index(kp[0]), kp[1].name))


def _decode(path: Path) -> str:
    """The file's text: UTF-8 with or without a BOM, refused past MAX_FILE_BYTES or when not UTF-8."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportDataError(
            str(path), None, None,
            f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES // 2**20} MB)",
            FIX_SIZE,
        )
    data = path.read_bytes()
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise ImportDataError(str(path), None, None, "the file is empty", f"give it a header line: {','.join(COLUMNS[_kind_of(path) or 'sources'])}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        byte = data[e.start : e.start + 1].hex().upper()
        raise ImportDataError(
            str(path), line, None,
            f"the file is not UTF-8 (byte 0x{byte}; windows-1252 or Latin-1?)", FIX_ENCODING,
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportDataError(str(path), line, None, "the file holds a NUL byte, so it is binary or damaged",
                              "save it again as CSV UTF-8 from the spreadsheet")
    return text


def _header(path: Path, kind: str, header: list[str]) -> list[str]:
    """The header's column names, checked: known, not repeated, the required ones present."""
    names = [h.strip() for h in header]
    if len(names) == 1 and ";" in names[0]:
        raise ImportDataError(str(path), 1, None, "the header has one column holding ';'", FIX_SEMICOLONS)
    allowed = COLUMNS[kind]
    for name in names:
        if name not in allowed:
            raise ImportDataError(
                str(path), 1, name or "(empty)", f"unknown column for {kind}",
                f"the columns are: {','.join(allowed)}",
            )
        if names.count(name) > 1:
            raise ImportDataError(str(path), 1, name, "the column appears twice", "keep one of them")
    for name in REQUIRED[kind]:
        if name not in names:
            raise ImportDataError(str(path), 1, name, "required column missing", f"add a '{name}' column")
    return names


def _read_rows(path: Path, kind: str) -> Iterable[tuple[int, dict[str, str]]]:
    """Each data row as (line where it starts, column → trimmed text); blank lines are skipped."""
    reader = csv.reader(io.StringIO(_decode(path), newline=""), strict=True)
    try:
        header_row = next(reader, None)
        if header_row is None:
            raise ImportDataError(str(path), None, None, "the file is empty", "give it a header line")
        names = _header(path, kind, header_row)
        start = reader.line_num + 1
        seen = 0
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(names):
                raise ImportDataError(
                    str(path), line, None,
                    f"the row has {len(cells)} cells but the header has {len(names)} columns",
                    "quote cells that contain commas, as in \"8,000\", or remove the extra cells",
                )
            seen += 1
            yield line, {n: (cells[i].strip() if i < len(cells) else "") for i, n in enumerate(names)}
    except csv.Error as e:
        raise ImportDataError(str(path), reader.line_num or None, None, f"not readable as CSV: {e}",
                              "save it again as CSV from the spreadsheet") from None
    if seen == 0:
        raise ImportDataError(str(path), None, None, "the file has a header but no rows", "add rows or remove the file")


# --- checking cells --------------------------------------------------------------------


def parse_number(text: str) -> float:
    """A cell's number; thousands commas are allowed, decimal commas and spaces are not.

    >>> parse_number("8,000"), parse_number("2.6"), parse_number("-3"), parse_number("1e3")
    (8000.0, 2.6, -3.0, 1000.0)
    >>> parse_number("1,2")
    Traceback (most recent call last):
    ValueError: decimal comma
    >>> parse_number("8 000")
    Traceback (most recent call last):
    ValueError: spaces
    """
    t = text.strip()
    if NUMBER_RE.fullmatch(t):
        x = float(t.replace(",", ""))
        if math.isfinite(x):
            return x
        raise ValueError("not finite")
    if DECIMAL_COMMA_RE.fullmatch(t):
        raise ValueError("decimal comma")
    if re.fullmatch(r"[+-]?[\d,.]+(?:[\s\u00a0\u202f][\d,.]+)+", t):
        raise ValueError("spaces")
    raise ValueError("not a number")


def _number(cell: _Cell, column: str, text: str) -> float:
    """A number cell, or an error naming what is wrong with it."""
    try:
        return parse_number(text)
    except ValueError as e:
        reason = str(e)
    if reason == "decimal comma":
        raise cell.error(column, f"{text!r} has a decimal comma", FIX_DECIMAL_COMMA)
    if reason == "spaces":
        raise cell.error(column, f"{text!r} has spaces inside the number", FIX_SPACES)
    if text.strip().lower() in NOT_A_NUMBER_WORDS:
        fix = FIX_MISSING_VALUE if column == "value" else "leave the cell empty when there is no number"
        raise cell.error(column, f"{text!r} is not a number", fix)
    raise cell.error(column, f"{text!r} is not a number", FIX_NUMBER)


def _optional_number(cell: _Cell, column: str, text: str) -> float | None:
    """A number, or None for an empty cell."""
    return _number(cell, column, text) if text else None


def parse_partial_date(text: str) -> tuple[int, int | None, int | None]:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as (year, month, day); ValueError otherwise.

    >>> parse_partial_date("2008-05"), parse_partial_date("2023-05-09")
    ((2008, 5, None), (2023, 5, 9))
    """
    m = PARTIAL_DATE_RE.fullmatch(text)
    if not m:
        raise ValueError(text)
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    Date(y, int(mo or 1), int(d or 1))  # raises for 2023-02-30, month 13 ...
    return y, int(mo) if mo else None, int(d) if d else None


def _date(cell: _Cell, column: str, text: str) -> str:
    """A partial ISO date cell, kept as written, or an error."""
    if not text:
        return ""
    try:
        parse_partial_date(text)
    except ValueError:
        raise cell.error(column, f"{text!r} is not a date", FIX_DATE) from None
    return text


def _text(cell: _Cell, column: str, text: str, required: bool = False) -> str:
    """A text cell: present when required, not absurdly long."""
    if required and not text:
        raise cell.error(column, "required value missing", f"fill in '{column}'")
    if len(text) > MAX_TEXT_CHARS:
        raise cell.error(column, f"{len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,}",
                         "shorten it: a snippet is a short quote")
    if text.startswith("="):
        raise cell.error(column, "starts with '=', which a spreadsheet runs as a formula", FIX_FORMULA)
    return text


def _unit(cell: _Cell, column: str, text: str) -> str:
    """A pint unit name (or empty for a count)."""
    if not is_known_unit(text):
        raise cell.error(column, f"unknown unit {text!r}", FIX_UNIT)
    return text


def _choice(cell: _Cell, column: str, text: str, allowed: tuple[str, ...], default: str) -> str:
    """One word of a fixed vocabulary (empty means the default)."""
    value = text or default
    if value not in allowed:
        raise cell.error(column, f"{text!r} is not a known {column}", f"use one of: {', '.join(allowed)}")
    return value


# --- checking rows ---------------------------------------------------------------------


def _source(cell: _Cell, raw: Mapping[str, str]) -> dict[str, Any]:
    """A sources.csv row as SourceRow fields."""
    sid = _text(cell, "id", raw.get("id", ""), required=True)
    if len(sid) > MAX_KEY_CHARS or not SOURCE_ID_RE.fullmatch(sid):
        raise cell.error("id", f"{sid!r} is not a valid source id",
                         f"use lower-case letters, digits, '-', '_' or '.', at most {MAX_KEY_CHARS} characters")
    url = _text(cell, "url", raw.get("url", ""), required=True)
    if not re.fullmatch(r"https?://[^\s/]+\S*", url):
        raise cell.error("url", f"{url!r} is not a web address",
                         "give the full address starting with http:// or https://, with no spaces")
    return {
        "id": sid,
        "title": _text(cell, "title", raw.get("title", ""), required=True),
        "publisher": _text(cell, "publisher", raw.get("publisher", ""), required=True),
        "url": url,
        "published": _date(cell, "published", raw.get("published", "")),
        "kind": _source_kind(cell, raw.get("kind", "")),
    }


def _source_kind(cell: _Cell, text: str) -> str:
    """The kind of publisher (official, wire, ...), or "" when the cell is empty."""
    try:
        return parse_kind(text)
    except ValueError as e:
        raise cell.error("kind", str(e), FIX_SOURCE_KIND) from None


def _metric(cell: _Cell, raw: Mapping[str, str]) -> dict[str, Any]:
    """A metrics.csv row as MetricRow fields."""
    key = _text(cell, "key", raw.get("key", ""), required=True)
    if len(key) > MAX_KEY_CHARS or not METRIC_KEY_RE.fullmatch(key):
        raise cell.error("key", f"{key!r} is not a valid metric key",
                         f"use lower-case letters, digits and '_', starting with a letter, at most {MAX_KEY_CHARS} characters")
    return {
        "key": key,
        "label": _text(cell, "label", raw.get("label", ""), required=True),
        "unit": _unit(cell, "unit", raw.get("unit", "")),
        "keywords": _text(cell, "keywords", raw.get("keywords", "")),
        "entity": _text(cell, "entity", raw.get("entity", "")),
        "description": _text(cell, "description", raw.get("description", "")),
    }


def _year(cell: _Cell, text: str) -> int | None:
    """The year cell: a whole number 1000–2999, or None."""
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text) or not 1000 <= int(text) <= 2999:
        raise cell.error("year", f"{text!r} is not a year", "write the four-digit year the figure refers to, e.g. 2023")
    return int(text)


def _observation(cell: _Cell, raw: Mapping[str, str]) -> dict[str, Any]:
    """An observations.csv row as ObservationRow fields (references are checked later)."""
    metric = _text(cell, "metric", raw.get("metric", ""), required=True)
    source_id = _text(cell, "source_id", raw.get("source_id", ""), required=True)
    text_value = raw.get("value", "")
    if not text_value:
        raise cell.error("value", "required value missing", FIX_MISSING_VALUE)
    value = _number(cell, "value", text_value)
    low = _optional_number(cell, "low", raw.get("low", ""))
    high = _optional_number(cell, "high", raw.get("high", ""))
    year = _year(cell, raw.get("year", ""))
    date = _date(cell, "date", raw.get("date", ""))
    if year is None and not date:
        raise cell.error("year", "a row needs a year or a date", "fill in the year the figure refers to")
    if year is not None and date and parse_partial_date(date)[0] != year:
        raise cell.error("date", f"{date} is not in the year {year}", "make the year and the date agree")
    qualifier = _choice(cell, "qualifier", raw.get("qualifier", ""), QUALIFIERS, "exact")
    if qualifier == "range" and (low is None or high is None):
        raise cell.error("low" if low is None else "high", "a range needs both low and high", "fill in low and high")
    if low is not None and low > value:
        raise cell.error("low", f"low {low:g} is above the value {value:g}", "low <= value <= high")
    if high is not None and high < value:
        raise cell.error("high", f"high {high:g} is below the value {value:g}", "low <= value <= high")
    status = _choice(cell, "status", raw.get("status", ""), STATUSES, "actual")
    claimant = _text(cell, "claimant", raw.get("claimant", ""))
    if status == "claimed" and not claimant:
        raise cell.error("claimant", "a claimed figure needs its claimant", "name who claims it, e.g. Yevgeny Prigozhin")
    return {
        "metric": metric, "entity": _text(cell, "entity", raw.get("entity", "")), "year": year, "date": date,
        "value": value, "low": low, "high": high, "unit": _unit(cell, "unit", raw.get("unit", "")),
        "qualifier": qualifier, "status": status, "claimant": claimant, "source_id": source_id,
        "snippet": _text(cell, "snippet", raw.get("snippet", "")), "note": _text(cell, "note", raw.get("note", "")),
    }


def open_observation(cell: _Cell, metric: str, entity: str, year: int, value: float, source_id: str) -> dict[str, Any]:
    """An open-data value as ObservationRow fields: ``_observation``'s rules without the round trip through text.

    Open-data readers hand over a float and an int; writing them as CSV text only for
    ``_observation`` to parse them back took two thirds of an open-data import's checking.
    A row the fast checks do not pass goes through ``_observation`` for its exact error.

    >>> open_observation(_Cell("t", 1), "pop", "Northland", 2020, 1000.0, "wb") == _observation(
    ...     _Cell("t", 1), {"metric": "pop", "entity": "Northland", "year": "2020", "value": "1000", "source_id": "wb"})
    True
    """
    if (metric and source_id and isinstance(year, int) and 1000 <= year <= 2999 and isinstance(value, float)
            and math.isfinite(value) and max(len(metric), len(entity), len(source_id)) <= MAX_TEXT_CHARS
            and not (metric[0] == "=" or source_id[0] == "=" or entity.startswith("="))):
        return {"metric": metric, "entity": entity, "year": year, "date": "", "value": value, "low": None,
                "high": None, "unit": "", "qualifier": "exact", "status": "actual", "claimant": "",
                "source_id": source_id, "snippet": "", "note": ""}
    return _observation(cell, {"metric": metric, "entity": entity, "year": str(year), "value": repr(value),
                               "source_id": source_id})


def _obs_key(obs: Mapping[str, Any]) -> tuple[Any, ...]:
    """The observation's identity (the store's unique constraint)."""
    return tuple(obs[k] for k in OBS_KEY)


def _entity(cell: _Cell, raw: Mapping[str, str]) -> dict[str, Any]:
    """An entities.csv row as EntityRow fields."""
    name = _text(cell, "name", raw.get("name", ""), required=True)
    if len(name) > 200:
        raise cell.error("name", "over 200 characters", "use the entity's usual short name")
    code = _text(cell, "code", raw.get("code", ""))
    if code and not ENTITY_CODE_RE.fullmatch(code):
        raise cell.error("code", f"{code!r} is not an entity code",
                         "use the ISO 3166 alpha-3 code in capitals (RUS, UKR) or a table's own code (WLD), or leave it empty")
    aliases = ";".join(a.strip() for a in _text(cell, "aliases", raw.get("aliases", "")).split(";") if a.strip())
    kind = _choice(cell, "kind", raw.get("kind", ""), ENTITY_KINDS, "other")
    return {"name": name, "code": code, "aliases": aliases, "kind": kind}


SINGULAR = {"sources": "source", "metrics": "metric", "observations": "observation", "entities": "entity"}
CHECKERS = {"sources": _source, "metrics": _metric, "observations": _observation, "entities": _entity}


def _add(batch: _Batch, kind: str, cell: _Cell, row: dict[str, Any]) -> None:
    """Put a checked row into the batch; a second row with the same key is an error."""
    table: dict[Any, dict[str, Any]] = getattr(batch, kind)
    key: Any = {"sources": "id", "metrics": "key", "entities": "name"}.get(kind)
    key = row[key] if key else _obs_key(row)
    if key in table:
        column = {"sources": "id", "metrics": "key", "entities": "name"}.get(kind)
        first = batch.where[(kind, key)]
        raise cell.error(column, f"duplicate row: the same {SINGULAR[kind]} as {Path(first.path).name} line {first.line}",
                         "delete one of the two rows")
    table[key] = row
    batch.where[(kind, key)] = cell


def _check_references(batch: _Batch, known_sources: set[str], known_metrics: dict[str, str]) -> None:
    """Every observation names a source and a metric (in the files or the store), in the metric's dimension."""
    sources = known_sources | set(batch.sources)
    metric_units = {**known_metrics, **{k: m["unit"] for k, m in batch.metrics.items()}}
    for key, obs in batch.observations.items():
        cell = batch.where[("observations", key)]
        if obs["metric"] not in metric_units:
            raise cell.error("metric", f"unknown metric {obs['metric']!r}", "add it to metrics.csv or fix the key")
        if obs["source_id"] not in sources:
            raise cell.error("source_id", f"source {obs['source_id']!r} is not in sources.csv or the store",
                             "add the source to sources.csv or fix the id")
        unit = metric_units[obs["metric"]]
        if obs["unit"] and not same_dimension(obs["unit"], unit):
            raise cell.error("unit", f"{obs['unit']!r} cannot be converted to the metric's unit {unit or 'count'!r}",
                             "use a unit of the same kind as the metric's, or empty")


def _store_keys(engine: Engine) -> tuple[set[str], dict[str, str]]:
    """Source ids and metric units already in the store (read only)."""
    with Session(engine) as session:
        sources = set(session.exec(select(SourceRow.id)).all())
        metrics = {m.key: m.unit for m in session.exec(select(MetricRow)).all()}
    return sources, metrics


def read_batch(path: str | Path) -> _Batch:
    """Read and check every row of every reference file at ``path``; nothing is written."""
    batch = _Batch()
    for kind, file in _files_in(Path(path)):
        batch.files.append(file)
        for line, raw in _read_rows(file, kind):
            cell = _Cell(str(file), line)
            _add(batch, kind, cell, CHECKERS[kind](cell, raw))
    return batch


# --- writing ---------------------------------------------------------------------------


def write_batch(engine: Engine, batch: _Batch, *, prune: bool = False, progress: Progress | None = None) -> ImportReport:
    """Write a checked batch in one transaction (sources, metrics, entities, then observations).

    ``progress(done, total)`` is called as observations are written (the CLI's progress bar).
    """
    counts = write_rows(engine, sources=batch.sources, metrics=batch.metrics, observations=batch.observations,
                        entities=batch.entities, entity_hints=batch.entity_hints, prune=prune, progress=progress)
    return ImportReport(
        files=tuple(batch.files),
        rows={"sources": len(batch.sources), "metrics": len(batch.metrics), "observations": len(batch.observations)},
        added={k: counts.added[k] for k in KINDS},
        updated={k: counts.updated[k] for k in KINDS},
        removed=counts.removed,
        entities=(len(batch.entities) + len(batch.entity_hints), counts.added["entities"], counts.updated["entities"]),
    )


def import_path(engine: Engine, path: str | Path, *, prune: bool = False, progress: Progress | None = None) -> ImportReport:
    """Validate every reference row at ``path`` (folder or file), then write them all in one transaction.

    Raises ImportDataError (file:line:column, problem, fix) before anything is written.
    Re-importing the same files changes nothing (rows are upserted by key). With ``prune``, the
    files are the whole truth for the sources they list: a stored observation of one of those
    sources that the files no longer hold (a corrected value, say) is deleted in the same transaction.
    """
    init_db(engine)
    batch = read_batch(path)
    known_sources, known_metrics = _store_keys(engine)
    _check_references(batch, known_sources, known_metrics)
    return write_batch(engine, batch, prune=prune, progress=progress)
