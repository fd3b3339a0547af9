"""Country names from ISO 3166 (pycountry) and the aliases news copy uses (data/gazetteer_extra.csv:
"UK", "Britain", "UAE"), so a number labelled by a country is read as a list's item, never as a
model's number: "Tunisia 676, UK 1,538" is a prose table, "Boeing 737" a name."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pycountry

_WORDS_RE = re.compile(r"[A-Za-z][\w'’.-]*")


@lru_cache(maxsize=1)
def country_names() -> frozenset[tuple[str, ...]]:
    """Every country's names in ISO 3166 (short, common and official), as lower-case word tuples."""
    out: set[tuple[str, ...]] = set()
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")):
            if name and "," not in name:
                out.add(tuple(name.lower().split()))
    return frozenset(out)


@lru_cache(maxsize=1)
def country_aliases() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """The aliases of data/gazetteer_extra.csv: lower-case word tuples, and acronyms ("UK") as written,
    which count only in capitals ("uk" is no country)."""
    path = Path(__file__).resolve().parents[1] / "data" / "gazetteer_extra.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    words: set[tuple[str, ...]] = set()
    acronyms: set[tuple[str, ...]] = set()
    for code, form, surface in (row for row in csv.reader(lines) if len(row) == 3):
        if code == "-" or form != "alias":
            continue
        if surface.replace(".", "").isupper():
            acronyms.add(tuple(surface.split()))
        else:
            words.add(tuple(surface.lower().split()))
    return frozenset(words), frozenset(acronyms)


def ends_with_country(words: list[str]) -> bool:
    """Do the last words of ``words`` make a country's name?

    >>> ends_with_country(["figures", "South", "Africa"]), ends_with_country(["Route"]), ends_with_country(["UK"])
    (True, False, True)
    """
    low = [w.lower() for w in words]
    aliases, acronyms = country_aliases()
    for k in range(1, min(4, len(low)) + 1):
        tail = tuple(low[len(low) - k :])
        if tail in country_names() or tail in aliases or tuple(words[len(words) - k :]) in acronyms:
            return True
    return False


def country_before(text: str, lo: int, end: int) -> bool:
    """Does a country's name end right at ``text[end]`` (searching no further back than ``lo``)?"""
    return ends_with_country(_WORDS_RE.findall(text, max(lo, end - 60), end))
