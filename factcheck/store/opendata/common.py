"""What every open-data reader shares: limits, row shapes, safe paths and cell parsing.

The row dicts are plain dicts (TypedDicts for the type checker) so that parsing stays fast
and so that :mod:`factcheck.store.opendata.batch` can hand them to whichever importer the store uses.
"""

from __future__ import annotations

import csv
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Iterator, NotRequired, TypedDict

from factcheck.errors import ImportDataError
from factcheck.units import parse_unit

MAX_FILE_BYTES = 200 * 1024 * 1024  # one data file (CSV resource, wide CSV); override per call with max_bytes=
MAX_DESCRIPTOR_BYTES = 5 * 1024 * 1024  # datapackage.json / .yml; real ones are a few KB
MAX_KEY_CHARS = 80  # the store's width for source ids and metric keys

FIX_SIZE = "split the file, or pass a larger max_bytes (MAX_FILE_BYTES in factcheck/opendata/common.py)"
FIX_VALUE = "leave the cell empty for a missing value, or write the number with a decimal point (2.6, -3, 1e3)"
FIX_DUPLICATE = "keep one of the two rows, or give them different years or countries"

_REMOTE_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_INDICATOR_URL_RE = re.compile(r"/indicators?/([A-Za-z][A-Za-z0-9._]*)")
_PARTIAL_DATE_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
OFFICIAL_PUBLISHERS = frozenset({"World Bank", "The World Bank"})  # their tables are official statistics


def publisher_kind(publisher: str) -> str:
    """The source kind of an open-data publisher: "official" for the World Bank, else "" (not known)."""
    return "official" if publisher.strip() in OFFICIAL_PUBLISHERS else ""


class SourceDict(TypedDict):
    """A source: who published the figures, where, which indicator, when it was retrieved."""

    id: str
    title: str
    publisher: str
    url: str
    published: str  # YYYY[-MM[-DD]] the publisher last updated the data, or ""
    indicator: str  # e.g. SP.POP.TOTL, or "" when the package does not say
    retrieved: str  # YYYY-MM-DD
    kind: NotRequired[str]  # "official" for a statistics office or the World Bank; see factcheck.source_kinds


class MetricDict(TypedDict):
    """A metric: what is counted (one indicator, or one resource when no indicator is known)."""

    key: str
    label: str
    unit: str
    keywords: str
    entity: str
    description: str
    indicator: str


class ObservationDict(TypedDict):
    """One value: metric, country (name and code), year, value, source, aggregate mark."""

    metric: str
    entity: str
    entity_code: str  # ISO 3166-1 alpha-3 or World Bank aggregate code (WLD, EUU ...); "" if none
    year: int
    value: float
    source_id: str
    aggregate: bool  # True when a country list or the API says this code is a group of countries


@dataclass
class OpenData:
    """One reader's result. ``observations`` is a generator; the other fields are complete
    once it is exhausted (a wide CSV discovers its indicators as it goes)."""

    sources: dict[str, SourceDict]
    metrics: dict[str, MetricDict]
    observations: Iterator[ObservationDict]
    warnings: list[str] = field(default_factory=list)
    aggregate_codes: set[str] = field(default_factory=set)  # codes marked aggregate in the rows read
    files: list[Path] = field(default_factory=list)


def check_size(path: Path, max_bytes: int) -> None:
    """Refuse a file over ``max_bytes`` before reading it (an upload may be anything)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportDataError(str(path), None, None,
                              f"the file is {size:,} bytes, over the limit of {max_bytes:,} bytes", FIX_SIZE)


def inside(root: Path, rel: object, where: str) -> Path:
    """``rel`` (a resource path from a descriptor) as a file inside ``root``; refuse anything else.

    Remote URLs, absolute paths, ``..`` and symlinks that lead out of ``root`` are refused:
    a downloaded package must not make the importer read other files on the server.
    """
    if not isinstance(rel, str) or not rel.strip():
        raise ImportDataError(where, None, "path", f"the resource path {rel!r} is not a file name",
                              "give a relative path such as data/population.csv")
    if _REMOTE_RE.match(rel):
        raise ImportDataError(where, None, "path", f"{rel!r} is a remote resource: remote resources are not fetched",
                              "download the file into the package folder and give its relative path")
    if PurePosixPath(rel).is_absolute() or PureWindowsPath(rel).is_absolute() or PureWindowsPath(rel).drive:
        raise ImportDataError(where, None, "path", f"{rel!r} is an absolute path, outside the package folder",
                              "give a path relative to the package folder, such as data/population.csv")
    if ".." in PurePosixPath(rel.replace("\\", "/")).parts:
        raise ImportDataError(where, None, "path", f"{rel!r} climbs out of the package folder with '..'",
                              "move the file into the package folder and give its relative path")
    real_root = root.resolve()
    target = (root / rel).resolve()
    if not target.is_relative_to(real_root):
        raise ImportDataError(where, None, "path", f"{rel!r} leads outside the package folder (a symlink?)",
                              "replace the symlink with the file itself")
    if not target.is_file():
        raise ImportDataError(where, None, "path", f"{rel!r} is not a file in the package folder",
                              "check the resource path")
    return target


def bad_value(path: str, line: int | None, column: str, text: str) -> ImportDataError:
    """The error for a cell that should hold a number and does not."""
    return ImportDataError(path, line, column, f"{text!r} is not a number", FIX_VALUE)


def parse_value(text: str, path: str, line: int | None, column: str) -> float | None:
    """A value cell: None when empty (the World Bank's 'missing'), a finite float, or an error.

    >>> parse_value("2.5", "f.csv", 2, "Value"), parse_value("", "f.csv", 2, "Value")
    (2.5, None)
    >>> parse_value("n/a", "f.csv", 3, "Value")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    factcheck.errors.ImportDataError: f.csv:3:Value: 'n/a' is not a number (leave the cell empty ...)
    """
    if not text or text.isspace():
        return None
    try:
        v = float(text)
    except ValueError:
        raise bad_value(path, line, column, text) from None
    if v - v != 0 or "_" in text:  # nan, inf, 1_000
        raise bad_value(path, line, column, text)
    return v


def parse_year(text: str, path: str, line: int | None, column: str) -> int:
    """A year cell (``1960`` or a date ``1960-01-01``) as an int in 1000–2999, or an error."""
    t = text.strip()
    if len(t) > 4 and t[4] == "-":
        t = t[:4]
    if len(t) == 4 and t.isdigit() and 1000 <= int(t) <= 2999:
        return int(t)
    raise ImportDataError(path, line, column, f"{text!r} is not a year", "write a four-digit year such as 2023")


def indicator_in_url(url: object) -> str:
    """The World Bank indicator code in a URL such as ``.../indicator/SP.POP.TOTL``, or ''.

    >>> indicator_in_url("http://data.worldbank.org/indicator/SP.POP.TOTL")
    'SP.POP.TOTL'
    """
    m = _INDICATOR_URL_RE.search(url) if isinstance(url, str) else None
    return m.group(1).rstrip(".") if m else ""


def metric_key(name: str) -> str:
    """A store metric key from an indicator code or a resource name.

    >>> metric_key("SP.POP.TOTL"), metric_key("inflation-gdp"), metric_key("2020 data")
    ('sp_pop_totl', 'inflation_gdp', 'm_2020_data')
    """
    key = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "metric"
    if not key[0].isalpha():
        key = "m_" + key
    return key[:MAX_KEY_CHARS]


def source_id(*parts: str) -> str:
    """A store source id from words (package name, indicator code ...).

    >>> source_id("World Bank", "SP.POP.TOTL")
    'world-bank-sp.pop.totl'
    """
    words = [re.sub(r"[^a-z0-9.]+", "-", p.lower()).strip("-.") for p in parts if p]
    return ("-".join(w for w in words if w) or "source")[:MAX_KEY_CHARS]


def unit_for(indicator: str, name: str = "") -> str:
    """The store unit of a World Bank indicator, from its name or code: USD, percent, a measure, or '' (a count).

    The World Bank's own naming: ``(current US$)`` and codes ending ``.CD`` are US dollars,
    ``(annual %)`` / ``(% of ...)`` and codes ending ``.ZG`` or ``.ZS`` are percentages, and a
    last parenthesis that names a unit pint knows is that unit, per head or not: ``(years)``,
    ``(metric tons per capita)``. Anything else (``(per 1,000 people)``) stays a count, so a
    figure in years is never held against a table whose unit was not read.

    >>> unit_for("NY.GDP.MKTP.CD"), unit_for("FP.CPI.TOTL.ZG"), unit_for("SP.POP.TOTL", "Population, total")
    ('USD', 'percent', '')
    >>> unit_for("SP.DYN.LE00.IN", "Life expectancy at birth, total (years)"), unit_for("X", "CO2 emissions (metric tons per capita)")
    ('year', 'metric_ton')
    >>> unit_for("AG.LND.FRST.K2", "Forest area (sq. km)"), unit_for("SP.DYN.CBRT.IN", "Birth rate, crude (per 1,000 people)")
    ('square_kilometer', '')
    """
    if "US$" in name or indicator.upper().endswith(".CD"):
        return "USD"
    if "%" in name or indicator.upper().endswith((".ZG", ".ZS")):
        return "percent"
    return _named_unit(name)


_LAST_PARENS_RE = re.compile(r"\(([^()]*)\)\s*$")
_PER_HEAD_RE = re.compile(r"\s+per\s+(?:capita|person|head|inhabitant)\s*$", re.IGNORECASE)


def _named_unit(name: str) -> str:
    """The pint unit a name's last parenthesis spells ("(years)" → year), or '' when it spells none."""
    m = _LAST_PARENS_RE.search(name)
    if m is None:
        return ""
    text = _PER_HEAD_RE.sub("", m.group(1).strip())
    if not text or any(c.isdigit() for c in text):
        return ""
    square = _SQUARE_RE.match(text)
    if square:  # "(sq. km)": pint spells it square_kilometer
        side = parse_unit(text[square.end() :])
        named = f"square_{side}" if side is not None else ""
        return named if named and parse_unit(named) is not None else ""
    for spelling in (text, text.replace(" ", "_")):
        unit = parse_unit(spelling)
        if unit is not None and not unit.dimensionless:
            return str(unit)
    return ""


_SQUARE_RE = re.compile(r"(?:sq\.?|square)\s+", re.IGNORECASE)


def partial_date(text: object) -> str:
    """``text`` when it is YYYY, YYYY-MM or YYYY-MM-DD (what the store's ``published`` takes), else ''."""
    return text if isinstance(text, str) and _PARTIAL_DATE_RE.fullmatch(text) else ""


def retrieved_on(retrieved: Date | str | None) -> str:
    """The retrieval date as YYYY-MM-DD: the one given, else today."""
    if retrieved is None:
        return Date.today().isoformat()
    if isinstance(retrieved, Date):
        return retrieved.isoformat()
    Date.fromisoformat(retrieved)  # a typo fails here, not in the store
    return retrieved


class DuplicateGuard:
    """Remembers (metric, country, year) → value; a second, different value is an error."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str, int], float] = {}

    def is_new(self, key: tuple[str, str, int], value: float, path: str, line: int | None) -> bool:
        """True for a key not seen yet; False for an exact repeat (skip it); an error for a conflict."""
        old = self.seen.setdefault(key, value)
        if old is value:
            return True
        if old == value:
            return False
        raise ImportDataError(path, line, None,
                              f"duplicate key: {key[0]} for {key[1]} in {key[2]} is {old:g} earlier and {value:g} here",
                              FIX_DUPLICATE)


@contextmanager
def csv_errors(where: str, reader: Any) -> Iterator[None]:
    """Turn a CSV file that is not UTF-8 or not CSV into an ImportDataError naming the line."""
    try:
        yield
    except UnicodeDecodeError as e:
        raise ImportDataError(where, reader.line_num + 1, None, f"the file is not UTF-8 ({e.reason})",
                              "save it again as CSV UTF-8") from None
    except csv.Error as e:
        raise ImportDataError(where, reader.line_num, None, f"not readable as CSV: {e}",
                              "save it again as CSV") from None
