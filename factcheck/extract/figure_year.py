"""Which year a figure is said of, from the year phrases of its sentence and the text before it.

timeref.py reads the year phrases ("in 2022", "last year", "a year earlier"); this module picks the
one that dates a figure: one right after it, else the last before it, else one later in its own clause,
else the year the sentence before narrated, else the article's. A year after the other side of a
comparison ("62 million, down from 83 million in 2021") dates that side, never the figure before it.
"""

from __future__ import annotations

import datetime as dt

from factcheck.extract.comparison import OTHER_SIDE_RE
from factcheck.extract.patterns import ADJACENT_YEAR_RE, CLAUSE_OPENER_RE, NEW_CLAUSE_RE
from factcheck.extract.timeref import ANCHOR_RE, MONTHS, WEEKDAYS, YearRef, in_closed_aside, when_clause_year

_TELLING_WORDS = ("yesterday", "today", "tonight", "week", "month")


def day_of_telling(work: str, ref: YearRef) -> bool:
    """Is ``ref`` a day, week or month ("on Tuesday", "yesterday", "in March", "last month"): when something
    was said, not the year it was said of?"""
    said = work[ref.start : ref.end].lower().split()
    return bool(said) and (said[-1] in WEEKDAYS or said[-1] in MONTHS or said[-1] in _TELLING_WORDS)


def of_a_year(work: str, ref: YearRef) -> bool:
    """Is ``ref`` a whole year ("in 2022", "last year", "a year earlier")?"""
    return ref.source == "explicit" or "year" in work[ref.start : ref.end].lower()


def year_for(
    work: str, pos: int, refs: list[YearRef], end: int | None, carry_year: tuple[int, str] | None, base: int | None,
    article_date: dt.date | None,
) -> tuple[int | None, str | None]:
    """The year a figure at ``pos`` (ending at ``end``) refers to, and how that was known.

    A year right after the figure beats one before it ("40,000 in 2015 and 35,000 the year
    before"); then the last year before it; then one later in its clause. ``carry_year`` is the year
    the sentence before narrated, ``base`` the year the text before narrates (the paragraph before's).
    """
    if (when := when_clause_year(work, refs, pos)) is not None:  # "since 2017, when it stood at 212"
        return when.year, when.source
    usable = [r for r in refs if not r.anchor and not (r.start <= pos < r.end)]
    if end is not None:  # even in a comparison: "compared with 11,000 the previous year"
        near = [r for r in refs if r.start >= end and not ANCHOR_RE.search(work, max(0, r.start - 30), r.start)]
        gap = next((r for r in near if ADJACENT_YEAR_RE.fullmatch(work, end, r.start)), None)
        if gap is not None:
            return gap.year, gap.source
    before = [r for r in usable if r.end <= pos and not in_closed_aside(work, r.start, pos)]
    later = [r for r in usable if r.start >= pos and not NEW_CLAUSE_RE.search(work, pos, r.start)]
    after = [r for r in later if not OTHER_SIDE_RE.search(work, end or pos, r.start)]
    if before and after and CLAUSE_OPENER_RE.search(work, before[-1].end, pos):
        # "11,000 next year, after some 9,000 took part this year": the figure's own clause names its year
        return after[0].year, after[0].source
    if before and after and of_a_year(work, after[0]) and day_of_telling(work, before[-1]):
        # "tabled on Tuesday, says the country had 4.1 nurses per 1,000 people in 2022", "told reporters in March
        # that ... last year": the day or month of the telling dates the telling; the year its clause writes, the figure
        return after[0].year, after[0].source
    if before:
        return before[-1].year, before[-1].source
    if after:  # "the 8,000 who marched in 2008"; not "12,000 marched, while in 2008 ..."
        return after[0].year, after[0].source
    if carry_year:
        return carry_year[0], "previous_sentence"
    other_side = [r for r in refs if r.start >= pos and (r.compared or (r in later and r not in after))]
    if other_side and base is not None and base > max(r.year for r in other_side):
        # only the other side of a comparison has a year ("€0.38, down from €0.48 in 2022") and the text
        # before narrates a later one: the figure is that later year's, as the paragraph before told it
        return base, "previous_sentence"
    if article_date:
        return article_date.year, "article"
    return None, None
