"""Which of a figure's years a comparison uses, and when the year was assumed (the article's).

Reading time expressions ("in 2020", "last year", "two years earlier", "that year", "held in
June") is timeref.py's job alone: the extractor dates each figure with ``timeref.year_refs`` and
this module re-reads the same refs; it has no year regex of its own. What it adds is the side of a
comparison a figure is on: "51 pieces, compared with 131 in 2022" (2022 is the year of 131, so 51
keeps the article's, said to be assumed); "down from some 14,000 a year earlier" (the base takes
the year in its own clause). The comparison words are ``extract.comparison``'s, the same that
timeref reads from the year's side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from factcheck.extract.comparison import MARK_RE, OPENS_BEFORE_RE
from factcheck.figures import Figure, Reference
from factcheck.resolve.context import clause_span
from factcheck.resolve.match import years_of
from factcheck.extract.timeref import YearRef, year_refs

# The figure is the earlier side of a comparison: "down from about 11,000", "compared with 131".
_BASE_BEFORE = OPENS_BEFORE_RE
# A comparison later in the sentence, whose year is not the figure's: "51 pieces, compared with 131 in 2022".
_COMPARISON_MARK = MARK_RE


@dataclass(frozen=True)
class When:
    """A year phrase in a sentence (a timeref.YearRef as series.py reads it): where, which year, how counted."""

    start: int
    end: int
    year: int
    ours: bool  # counted in years from a date ("two years earlier", "a decade ago"): timeref's YearRef.counted


def times_in(text: str, s0: int, s1: int, article_date: date, base: int, anchors: bool = False) -> list[When]:
    """Every year phrase of ``text[s0:s1]`` that dates something (not "since 2008"), in order; for series.py.

    >>> t = "In 2021 about 12,000 marched; the year before, 14,000 did, and a decade ago 11,000."
    >>> [(t[w.start:w.end], w.year, w.ours) for w in times_in(t, 0, len(t), date(2023, 5, 9), 2023)]
    [('2021', 2021, False), ('the year before', 2020, True), ('a decade ago', 2013, True)]
    >>> t = "Some 8,000 had trained for a year before the parade, for two years before."
    >>> times_in(t, 0, len(t), date(2023, 5, 9), 2023)
    []

    With ``anchors``, "than a year earlier" and "since 2008" are kept (a change needs its base year).
    A comparison's year ("compared with 131 in 2022") is always kept: it dates the other side.
    timeref.year_refs reads them all; ``base`` is the narrated year of the sentence before.
    """
    refs = year_refs(text, s0, s1, article_date, base)
    return [When(r.start, r.end, r.year, r.counted) for r in refs if anchors or r.compared or not r.anchor]


def narrated_year(fig: Figure, article_date: date) -> int:
    """The year the figure's paragraph narrates before its sentence (the extractor's ``base_year``), else the article's.

    "In 2021 about 12,000 marched, fewer than in 2019. The previous year ...": 2021 frames what
    follows; 2019 is only the comparison's. A new paragraph, until it names a year, narrates the year of
    the article's last figure dated by its own words.
    """
    return fig.base_year if fig.base_year is not None else article_date.year


def _sentence_refs(fig: Figure, text: str, article_date: date) -> tuple[int, int, list[YearRef]]:
    """The figure's sentence bounds and the years timeref reads in it, the figure's own span left out."""
    s0, s1 = (fig.sentence_start, fig.sentence_end) if fig.sentence_end > fig.sentence_start else (0, len(text))
    found = _refs_in(text, s0, s1, article_date, narrated_year(fig, article_date))
    return s0, s1, [r for r in found if not (r.start < fig.end and fig.start < r.end)]


@lru_cache(maxsize=256)
def _refs_in(text: str, s0: int, s1: int, article_date: date, base: int) -> tuple[YearRef, ...]:
    """``timeref.year_refs`` of one sentence, read once for all the figures it holds."""
    return tuple(year_refs(text, s0, s1, article_date, base))


# A relative clause on a year, up to its figure: "(since) 2018, when ", "in 2009, when some "
_WHEN_CLAUSE_RE = re.compile(r"\s*,?\s+when\s+[^,;.]{0,60}?")


def comparison_year(fig: Figure, text: str, article_date: date | None) -> tuple[int, str] | None:
    """The year of a figure in a comparison, when the sentence's year belongs to the other side."""
    if article_date is None or not text:
        return None
    s0, s1, refs = _sentence_refs(fig, text, article_date)
    if any(r.end <= fig.start and _WHEN_CLAUSE_RE.fullmatch(text, r.end, fig.start) for r in refs):
        return None  # "Since 2018, when 276 people drowned": the "when" clause dates its figure by that year
    when = [r for r in refs if r.compared or not r.anchor]  # years that date something, either side
    before, after = text[max(s0, fig.start - 40) : fig.start], text[fig.end : s1]
    if _BASE_BEFORE.search(before):
        # the base's own year follows it in its clause: "the 11,000 who took part two years ago"
        clause = re.match(r"[^,;.]{0,60}", after)
        limit = fig.end + (clause.end() if clause else 0)
        own = [w for w in when if fig.end <= w.start < limit]
        return (own[0].year, "") if own else None
    if not [w for w in when if w.end <= fig.start]:
        # the only year phrase comes after a comparison mark: "8,000 marched, fewer than the 11,000 of two years ago"
        later = [w for w in when if w.start >= fig.end]
        mark = _COMPARISON_MARK.search(text, fig.end, later[0].start) if later else None
        if later and mark and fig.year_source != "previous_sentence":
            # (a year the sentence before sets still frames the figure: "... in 2021. Yields fell to 2.7, from 3 a year earlier")
            return article_date.year, "assumed: article's year; the year written belongs to the comparison"
    if fig.year_source == "explicit" and fig.year is not None and fig.year != article_date.year:
        # "in 2019, around 13,000 troops had marched, and the 2015 parade ...": the year set before
        # the figure frames it; one written only after it belongs to a later clause
        stated = [r for r in refs if r.source == "explicit"]
        spots = [r.start for r in stated if r.year == fig.year]
        earlier = [r.year for r in stated if r.end <= fig.start]
        c0, c1 = clause_span(text[s0:s1], fig.start - s0)
        in_own_clause = any(s0 + c0 <= o < s0 + c1 for o in spots)  # "…, cancelled in 2023, involved 77 in 2022"
        if spots and all(o >= fig.end for o in spots) and earlier and not in_own_clause:
            return earlier[-1], ""
    return None


def target_year(
    fig: Figure, article_date: date | None, references: list[Reference], metric_key: str,
    comparison: tuple[int, str] | None = None,
) -> tuple[int | None, str]:
    """The year a figure refers to and how it was known ("" when stated; a note when assumed).

    ``comparison`` is ``comparison_year``'s answer, read once with the figure (``resolve.reading``).
    """
    if comparison is not None:
        return comparison
    if fig.year is not None and fig.year_source not in (None, "article"):
        return fig.year, ""
    if fig.year is not None:
        return fig.year, "assumed: article's year"
    if article_date is not None:
        return article_date.year, "assumed: article's year"
    years = years_of(metric_key, references)
    if years:
        return years[-1], "assumed: latest year in the sources"
    return None, ""
