"""Superlatives against a series in the store: "the lowest number since 2008".

"Lowest since Y" holds when every year after Y up to the claim's year is higher than the claim
and Y itself is not; the years that break it are named. The metric and the claim's year come
from the figure the superlative is about (its reference match in ``compare``).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .figures import Figure, FigureCheck, Reference
from .intervals import claim_span, fmt_number, with_unit
from .match import count_unit
from .units import convert

if TYPE_CHECKING:
    from .compare import Judgement

_SUPERLATIVE = re.compile(
    r"""
    \b(?P<word>lowest|smallest|fewest|least|highest|largest|biggest|greatest|most)\b  # the superlative
    [^.;]{0,60}?                                  # what it is about ("number", "turnout in")
    \bsince\s+(?P<year>1[0-9]{3}|20[0-9]{2})\b    # since 2008
    """,
    re.VERBOSE | re.IGNORECASE,
)
LOW_WORDS = frozenset({"lowest", "smallest", "fewest", "least"})


@dataclass(frozen=True)
class SeriesClaim:
    """A superlative found in a sentence: which way, since when, and where the year is written."""

    low: bool
    since: int
    year_start: int
    year_end: int


def find_superlatives(sentence: str, offset: int) -> list[SeriesClaim]:
    """Superlatives with a "since YEAR" in a sentence (offsets into the article).

    >>> find_superlatives("Some 8,000 troops, the lowest number since 2008.", 0)
    [SeriesClaim(low=True, since=2008, year_start=43, year_end=47)]
    """
    return [
        SeriesClaim(m.group("word").lower() in LOW_WORDS, int(m.group("year")), offset + m.start("year"), offset + m.end("year"))
        for m in _SUPERLATIVE.finditer(sentence)
    ]


def year_value(metric: str, year: int, references: list[Reference], unit: str | None) -> float | None:
    """A year's value in a series: the median of reported (else estimated) figures, in ``unit``."""
    rows = [r for r in references if r.metric == metric and r.year == year]
    for status in (("actual",), ("estimate",), ("claimed",)):
        vals = [r.value if (count_unit(r.unit) or "") == (unit or "") else convert(r.value, count_unit(r.unit), unit)
                for r in rows if r.status in status]
        if vals:
            return float(statistics.median(vals))
    return None


def judge_series(claim: SeriesClaim, fig: Figure, metric: str, label: str, year: int, references: list[Reference]) -> tuple[str, str, tuple[Reference, ...]]:
    """Verdict and reason for "lowest/highest since Y" about ``fig`` (a value of ``metric`` in ``year``)."""
    unit = count_unit(fig.unit)
    span = claim_span(fig)
    word = "lowest" if claim.low else "highest"
    breaks, gaps, seen = [], [], []
    for y in range(claim.since + 1, year):
        v = year_value(metric, y, references, unit)
        if v is None:
            gaps.append(y)
            continue
        seen.append(y)
        if (claim.low and v <= fig.value) or (not claim.low and v >= fig.value):
            breaks.append(f"{y} ({with_unit(fmt_number(v), unit)})")
    base = year_value(metric, claim.since, references, unit)
    rows = tuple(r for r in references if r.metric == metric and claim.since <= (r.year or 0) <= year and r.status != "planned")
    if not seen and base is None:
        return "no_source", f"No series of {label} between {claim.since} and {year} to check 'the {word} since {claim.since}'.", ()
    base_ok = base is not None and ((claim.low and base <= span.hi) or (not claim.low and base >= span.lo))
    head = f"'The {word} since {claim.since}' for {label} in {year} ({with_unit(fmt_number(fig.value), unit)})"
    parts = []
    if breaks:
        parts.append(f"broken by {', '.join(breaks)}")
    else:
        parts.append(f"every year {claim.since + 1}–{year - 1} with data is {'higher' if claim.low else 'lower'}")
    if base is None:
        parts.append(f"no figure for {claim.since} itself")
    elif base_ok:
        parts.append(f"{claim.since} had {with_unit(fmt_number(base), unit)}, not {'higher' if claim.low else 'lower'}")
    else:
        parts.append(f"but {claim.since} had {with_unit(fmt_number(base), unit)}, so the record goes back further")
    if gaps:
        parts.append(f"no data for {', '.join(map(str, gaps))}")
    verdict = "agree" if not breaks and base_ok else "conflict"
    return verdict, f"{head}: {'holds' if verdict == 'agree' else 'does not hold'}; " + "; ".join(parts) + ".", rows


def check_series(
    text: str,
    figures: list[Figure],
    judgements: dict[int, Judgement],
    references: list[Reference],
    article_date: date | None,
) -> tuple[dict[int, FigureCheck], dict[int, str]]:
    """Series verdicts for year figures in "since YEAR", and notes for figures with no such year figure."""
    checks: dict[int, FigureCheck] = {}
    notes: dict[int, str] = {}
    sentences = sorted({(f.sentence_start, f.sentence_end) for f in figures if f.sentence_end > f.sentence_start})
    for s0, s1 in sentences:
        for claim in find_superlatives(text[s0:s1], s0):
            # the figure it is about: the nearest matched figure before the superlative in the sentence
            subject = [
                i for i, f in enumerate(figures)
                if f.sentence_start == s0 and f.end <= claim.year_start and i in judgements
                and judgements[i].metric is not None and judgements[i].year is not None
            ]
            if not subject:
                continue
            i = max(subject, key=lambda k: figures[k].start)
            j = judgements[i]
            assert j.metric is not None and j.year is not None
            verdict, reason, rows = judge_series(claim, figures[i], j.metric.key, j.metric.label, j.year, references)
            at = [k for k, f in enumerate(figures) if f.start <= claim.year_start and f.end >= claim.year_end]
            if at:
                basis = "reference" if verdict != "no_source" else None
                checks[at[0]] = FigureCheck(figures[at[0]], verdict, reason, basis, rows)
            else:
                notes[i] = reason
    return checks, notes
