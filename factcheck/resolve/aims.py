"""Words that turn what a figure names into a value planned, expected or allowed: "the inflation
target", "a GDP forecast", "the parade's target was 12,000 troops". Such a figure is never
checked against a table of the level measured. The words are data: data/statistic_aims.txt.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from factcheck.resolve.wording import words


@lru_cache(maxsize=1)
def aims() -> frozenset[str]:
    """Stems of the words that make a name a planned or expected value ("target", "forecast")."""
    path = Path(__file__).resolve().parents[1] / "data" / "statistic_aims.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for ln in lines if ln.strip() and not ln.lstrip().startswith("#") for w in words(ln.strip().lower()))


def aimed_at(toks: list[str], spans: list[tuple[int, int]]) -> str | None:
    """The word right after one of a statistic name's ``spans`` in the stems ``toks`` that makes it a
    target or forecast ("inflation target"), else None."""
    return next((toks[e] for _, e in spans if e < len(toks) and toks[e] in aims()), None)


def aim_in(concept: set[str] | frozenset[str]) -> str | None:
    """A word of a figure's concept (stems) that makes it a target or forecast ("parade target troops"), else None."""
    return next(iter(sorted(aims() & set(concept))), None)
