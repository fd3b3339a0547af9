"""Catch a resource whose name says one indicator while its values are another's.

A data package that ships the World Bank's wide CSVs in ``archive/`` (one per indicator, as
downloaded) lets us check each resource against them: take a sample of its
(country code, year, value) and count, for each archive indicator, how many agree. The
indicator the values match is what the resource holds, whatever its name says.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from factcheck.store.opendata.common import MAX_FILE_BYTES, inside
from factcheck.store.opendata.wide import iter_wide

SAMPLE_ROWS = 1000  # rows of a resource compared with the archive (the first ones with a value)
MIN_COMPARED = 10  # fewer (country, year) pairs in common than this proves nothing
MIN_AGREEMENT = 0.9  # share of compared pairs that must agree for a match
REL_TOL = 1e-6  # values agree when this close (the packages round-trip the World Bank's digits)

Sample = list[tuple[str, int, float]]  # (country code, year, value)


@dataclass(frozen=True)
class ArchiveIndicator:
    """One indicator of the archive: its code, name, and every (country code, year) → value."""

    code: str
    name: str
    path: Path
    values: dict[tuple[str, int], float]


@dataclass(frozen=True)
class Match:
    """How well a sample agrees with one archive indicator."""

    indicator: ArchiveIndicator
    agreed: int
    compared: int


def load_archive(root: Path, *, max_bytes: int = MAX_FILE_BYTES) -> dict[str, ArchiveIndicator]:
    """The wide CSVs in ``root/archive`` by indicator code ({} when there is no such folder)."""
    folder = root / "archive"
    if not folder.is_dir():
        return {}
    found: dict[str, ArchiveIndicator] = {}
    for csv_path in sorted(folder.glob("*.csv")):
        path = inside(root, str(csv_path.relative_to(root)), str(folder))
        if path.name.startswith("Metadata_"):
            continue
        by_code: dict[str, dict[tuple[str, int], float]] = {}
        names: dict[str, str] = {}
        for _line, _country, code, ind_name, ind_code, year, value in iter_wide(path, max_bytes=max_bytes):
            by_code.setdefault(ind_code, {})[(code, year)] = value
            names.setdefault(ind_code, ind_name)
        for ind_code, values in by_code.items():
            found[ind_code] = ArchiveIndicator(ind_code, names[ind_code], path, values)
    return found


def best_match(sample: Sample, archive: Iterable[ArchiveIndicator]) -> Match | None:
    """The archive indicator the sample's values agree with, or None when none clearly does."""
    best: Match | None = None
    for ind in archive:
        agreed = compared = 0
        for code, year, value in sample:
            other = ind.values.get((code, year))
            if other is None:
                continue
            compared += 1
            agreed += math.isclose(value, other, rel_tol=REL_TOL, abs_tol=1e-12)
        if compared >= MIN_COMPARED and agreed >= MIN_AGREEMENT * compared:
            if best is None or agreed / compared > best.agreed / best.compared:
                best = Match(ind, agreed, compared)
    return best


def _words(text: str) -> set[str]:
    """Lower-case words of a name or title."""
    return set(re.findall(r"[a-z]+", text.lower()))


def named_indicator(resource_words: str, candidates: dict[str, str]) -> str:
    """Which of ``candidates`` (code → indicator name) a resource's name points at, or ''.

    Only words that one candidate has and the others lack count, so 'inflation-gdp' points at
    'Inflation, GDP deflator' rather than 'Inflation, consumer prices'.

    >>> named_indicator("inflation-gdp", {"A": "Inflation, GDP deflator", "B": "Inflation, consumer prices"})
    'A'
    """
    words = _words(resource_words)
    scores: dict[str, int] = {}
    for code, name in candidates.items():
        others = set().union(*(_words(n) for c, n in candidates.items() if c != code))
        scores[code] = len(words & (_words(name) - others))
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return ranked[0][0]
    return ""
