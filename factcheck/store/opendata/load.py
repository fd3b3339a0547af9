"""Which reader a path given to ``factcheck import`` needs: a Data Package, a World Bank wide CSV, or neither.

Neither means reference CSVs (sources/metrics/entities/observations), read by the importer,
which keeps its own error messages for a misnamed or broken file.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.errors import ImportDataError
from factcheck.store.opendata.common import OpenData
from factcheck.store.opendata.descriptor import DESCRIPTOR_NAMES
from factcheck.store.opendata.package import read_package
from factcheck.store.opendata.wide import read_header, read_wide_csv

REFERENCE_PREFIXES = ("sources", "metrics", "entities", "observations")
COUNTRY_CODES_FOLDER = "country-codes"  # the shared packages keep the country list beside the others


def is_package(path: Path) -> bool:
    """True for a Data Package folder (with datapackage.json/.yml) or its descriptor file."""
    if path.is_dir():
        return any((path / n).is_file() for n in DESCRIPTOR_NAMES)
    return path.is_file() and path.name.lower() in DESCRIPTOR_NAMES


def is_wide_csv(path: Path) -> bool:
    """True for a .csv file not named like a reference file whose header is a World Bank wide CSV's."""
    name = path.name.lower()
    if not (path.is_file() and name.endswith(".csv")) or name.startswith(REFERENCE_PREFIXES):
        return False
    try:
        read_header(path)
    except (ImportDataError, UnicodeDecodeError, OSError):
        return False
    return True


def country_codes_beside(path: Path) -> Path | None:
    """The country-codes package next to ``path`` (marks aggregates such as WLD), when there is one."""
    folder = (path if path.is_dir() else path.parent).resolve().parent / COUNTRY_CODES_FOLDER
    return folder if is_package(folder) and folder != path.resolve() else None


def open_data_at(path: Path, *, country_codes: Path | None = None) -> OpenData | None:
    """The path read as open data (rows still to stream), or None when it holds reference CSVs."""
    if is_package(path):
        return read_package(path, country_codes=country_codes)
    if is_wide_csv(path):
        return read_wide_csv(path, country_codes=country_codes)
    return None
