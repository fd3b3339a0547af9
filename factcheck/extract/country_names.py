"""Country names from ISO 3166 (pycountry), so a number labelled by a country is read as a list's item,
never as a model's number: "Tunisia 676, Mongolia 249" is a prose table, "Boeing 737" a name."""

from __future__ import annotations

import re
from functools import lru_cache

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


def ends_with_country(words: list[str]) -> bool:
    """Do the last words of ``words`` make a country's name?

    >>> ends_with_country(["figures", "South", "Africa"]), ends_with_country(["Route"])
    (True, False)
    """
    low = [w.lower() for w in words]
    return any(tuple(low[len(low) - k :]) in country_names() for k in range(1, min(4, len(low)) + 1))


def country_before(text: str, lo: int, end: int) -> bool:
    """Does a country's name end right at ``text[end]`` (searching no further back than ``lo``)?"""
    return ends_with_country(_WORDS_RE.findall(text, max(lo, end - 60), end))
