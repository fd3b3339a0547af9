"""Which country codes are aggregates (World, Euro area, High income ...), from data that says so.

Aggregates are kept and marked, never dropped. The mark comes from one of:

* the World Bank API's country list: ``region.value == "Aggregates"`` (see ``wbapi``);
* a World Bank ``Metadata_Country_*.csv`` (shipped with every wide-CSV download): an
  economy has a Region, an aggregate's Region is empty;
* the ``country-codes`` data package: a code that is not an ISO 3166-1 alpha-3 code there
  is an aggregate, except the World Bank's economies that have no ISO code
  (``WB_ECONOMIES_WITHOUT_ISO``: Kosovo XKX, Channel Islands CHI).

When none of them is given, nothing is marked.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import ImportDataError
from factcheck.store.opendata.common import MAX_FILE_BYTES, check_size, inside
from factcheck.store.opendata.descriptor import load_descriptor

# World Bank economy codes that are not in ISO 3166-1 (the API lists them with a region).
WB_ECONOMIES_WITHOUT_ISO = frozenset({"XKX", "CHI"})


@dataclass(frozen=True)
class Aggregates:
    """A rule for marking codes: a list of aggregates, or a list of countries (all else aggregate)."""

    aggregates: frozenset[str] | None = None
    countries: frozenset[str] | None = None

    def __call__(self, code: str) -> bool:
        """True when ``code`` is an aggregate by this rule (False when nothing tells)."""
        if self.aggregates is not None:
            return code in self.aggregates
        if self.countries is not None:
            return bool(code) and code not in self.countries and code not in WB_ECONOMIES_WITHOUT_ISO
        return False


NO_RULE = Aggregates()


def from_country_codes(package_dir: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Aggregates:
    """The rule from a ``country-codes`` data package folder (its ISO3166-1-Alpha-3 column)."""
    root, descriptor, where = load_descriptor(Path(package_dir))
    for res in descriptor.get("resources") or []:
        if not isinstance(res, dict):
            continue
        names = [f.get("name") for f in (res.get("schema") or {}).get("fields", []) if isinstance(f, dict)]
        if "ISO3166-1-Alpha-3" not in names:
            continue
        path = inside(root, res.get("path"), where)
        check_size(path, max_bytes)
        with path.open(encoding="utf-8-sig", newline="") as f:
            codes = frozenset(r["ISO3166-1-Alpha-3"].strip() for r in csv.DictReader(f))
        return Aggregates(countries=codes - {""})
    raise ImportDataError(where, None, None, "no resource with an ISO3166-1-Alpha-3 column",
                          "pass the folder of the country-codes data package")


def from_wb_metadata(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Aggregates:
    """The rule from a World Bank ``Metadata_Country_*.csv``: rows with an empty Region are aggregates."""
    p = Path(path)
    check_size(p, max_bytes)
    with p.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or "Country Code" not in reader.fieldnames or "Region" not in reader.fieldnames:
            raise ImportDataError(str(p), 1, None, "not a World Bank country metadata file",
                                  "it needs 'Country Code' and 'Region' columns")
        found = frozenset(r["Country Code"].strip() for r in reader if not (r["Region"] or "").strip())
    return Aggregates(aggregates=found - {""})
