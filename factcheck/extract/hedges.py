"""Hedge words ("some", "more than", "as many as") → a qualifier and the interval they allow.

The table is data/hedges.csv. Decision for upper bounds ("as many as 40,000", "up to",
"under"): low is 0, since a count or amount cannot be negative; high is the stated value.
Lower bounds ("more than 600") give low = the value and high = inf.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Hedge:
    """One row of data/hedges.csv."""

    phrase: str
    position: str
    qualifier: str
    low: float
    high: float


@lru_cache(maxsize=1)
def hedges() -> tuple[Hedge, ...]:
    """Every hedge, longest phrase first."""
    path = Path(__file__).parents[1] / "data" / "hedges.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = [
        Hedge(r["phrase"], r["position"], r["qualifier"], float(r["low"]), float(r["high"]))
        for r in csv.DictReader(lines)
    ]
    return tuple(sorted(rows, key=lambda h: -len(h.phrase)))


@lru_cache(maxsize=2)
def _pattern(position: str) -> re.Pattern[str]:
    """Hedges of one position as a regex anchored at the end (before) or start (after) of a text."""
    alt = "|".join(r"\s+".join(re.escape(w) for w in h.phrase.split()) for h in hedges() if h.position == position)
    if position == "before":
        return re.compile(rf"(?:{alt})\s*$", re.IGNORECASE)
    return re.compile(rf"^\s*(?:{alt})(?![A-Za-z])", re.IGNORECASE)


def hedge_before(text: str, start: int) -> tuple[Hedge, int] | None:
    """The hedge written right before ``text[start]`` and where it starts.

    >>> h, s = hedge_before("where he lost some 8,000", 19); h.qualifier, s
    ('approx', 14)
    """
    lo = max(0, start - 24)
    pat = _pattern("before")
    # try only where a word starts, longest first: cheaper than a search from every character
    starts = [m.start() for m in WORD_START_RE.finditer(text, lo, start)][-4:]
    for st in starts:
        m = pat.match(text, st, start)
        if m:
            h = _before_by_phrase().get(" ".join(m.group().lower().split()))
            if h is not None and not (h.phrase.startswith("as ") and MULTIPLIER_BEFORE_RE.search(text, max(0, st - 16), st)):
                return h, st
    return None


# "twice as many as 40", "three times as high as 5%": the "as ... as" compares with the number, it
# bounds nothing
MULTIPLIER_BEFORE_RE = re.compile(r"(?i)\b(?:twice|thrice|half|times|fold)\s+$")


WORD_START_RE = re.compile(r"(?<![A-Za-z~])[A-Za-z~]")  # where a hedge can begin


@lru_cache(maxsize=1)
def _before_by_phrase() -> dict[str, Hedge]:
    """Hedges written before a number, keyed by phrase."""
    return {h.phrase: h for h in hedges() if h.position == "before"}


def hedge_after(text: str, end: int) -> tuple[Hedge, int] | None:
    """The hedge written right after ``text[end]`` ("or more") and where it ends."""
    m = _pattern("after").match(text[end : end + 16])
    if not m:
        return None
    phrase = " ".join(m.group().lower().split())
    for h in hedges():
        if h.position == "after" and h.phrase == phrase:
            return h, end + m.end()
    return None


def interval(value: float, band: tuple[float, float], hedge: Hedge | None) -> tuple[float, float]:
    """The interval a hedged, rounded figure allows.

    >>> interval(8000, (7500, 8500), hedges_by_phrase()["some"])
    (7200.0, 8800.0)
    >>> interval(600, (550, 650), hedges_by_phrase()["more than"])
    (600.0, inf)
    >>> interval(40000, (35000, 45000), hedges_by_phrase()["as many as"])
    (0.0, 40000.0)
    >>> interval(-40, (-40, -40), hedges_by_phrase()["about"]), interval(-300, (-300, -300), hedges_by_phrase()["nearly"])
    ((-44.0, -36.0), (-300.0, -270.0))
    """
    lo, hi = band
    if hedge is None:
        return float(lo), float(hi)
    if hedge.qualifier == "approx" and value < 0:
        # "about minus 45" allows as much either side as "about 45": the interval of the size, mirrored
        a, b = interval(-value, (-hi, -lo), hedge)
        return -b, -a
    if hedge.qualifier == "approx":
        # "nearly 300" stays at or below 300 however 300 was rounded; "just over" at or above
        a = value if hedge.low >= 1 else min(lo, value * hedge.low)
        b = value if hedge.high <= 1 else max(hi, value * hedge.high)
        return float(min(a, b)), float(max(a, b))
    a = value * hedge.low if math.isfinite(hedge.low) else -math.inf
    b = value * hedge.high if math.isfinite(hedge.high) else math.inf
    if value < 0:  # "more than -5" keeps low <= high
        a, b = (value, math.inf) if hedge.qualifier in ("more_than", "at_least") else (-math.inf, value)
    return float(min(a, b)), float(max(a, b))


@lru_cache(maxsize=1)
def hedges_by_phrase() -> dict[str, Hedge]:
    """Hedges keyed by phrase (doctests, tests)."""
    return {h.phrase: h for h in hedges()}


# Before "over", what makes "over three years" a length ("for over three years", "aged over 65")
# rather than the span something happened in ("fined them over eight years", "worth £11m over five years").
LENGTH_BEFORE_OVER_RE = re.compile(
    r"(?i)\b(?:for|of|than|after|aged|last|lasted|lasting|lasts|take|taking|took|taken|takes"
    r"|spend|spending|spends|spent|serve|serving|serves|served|just|well|ago)\s+$"
)


def span_over(text: str, hedge: Hedge, at: int, unit_kind: str | None) -> bool:
    """Whether the hedge "over" at ``at`` before a duration is the span of what happened, no bound on it."""
    return hedge.phrase == "over" and unit_kind == "duration" and not LENGTH_BEFORE_OVER_RE.search(text, max(0, at - 12), at)
