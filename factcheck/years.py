"""Which year a figure refers to: stated, relative, or the article's (and then said to be assumed).

The extractor gives each figure a year; this module corrects the cases comparisons get wrong
("51 pieces, compared with 131 in 2022": 2022 is the year of 131) and says when a year was assumed.
"""

from __future__ import annotations

import re
from datetime import date

from .figures import Figure, Reference
from .match import years_of

# The figure is the earlier side of a comparison: "down from about 11,000", "compared with 131".
_BASE_BEFORE = re.compile(
    r"""
    \b(?:(?:down|up|fell|rose|dropped|climbed|increased|decreased|declined|shrank|grew)\s+from  # down from
      |compared\s+(?:with|to)|against|versus|vs\.?                                         # compared with
      |(?:well\s+|far\s+|just\s+)?(?:above|below)\s+the)                                   # well above the 8,000
    (?:\s+(?:about|around|some|roughly|nearly|almost|just|only|more\s+than|over))?           # a hedge, if outside the surface
    \s+$
    """,
    re.VERBOSE | re.IGNORECASE,
)
# After a base figure: the year it belongs to.
_BASE_YEAR_AFTER = re.compile(r"^[^,;.]{0,40}?\bin\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_EARLIER_AFTER = re.compile(
    r"^[^,;.]{0,40}?\b(?:a\s+year\s+(?:earlier|before|ago)|the\s+(?:previous|prior)\s+year|the\s+year\s+before|last\s+year)\b",
    re.IGNORECASE,
)
# A comparison later in the sentence, whose year is not the figure's: "51 pieces, compared with 131 in 2022".
_COMPARISON_MARK = re.compile(
    r"\b(?:compared\s+(?:with|to)|against|versus|(?:down|up)\s+from|than\s+in|the\s+same\s+as|above|below)\b", re.IGNORECASE
)
_YEAR_TOKEN = re.compile(r"\b(?:19|20)\d\d\b")


def comparison_year(fig: Figure, text: str, article_date: date | None) -> tuple[int, str] | None:
    """The year of a figure in a comparison, when the sentence's year belongs to the other side."""
    if article_date is None or not text:
        return None
    s0, s1 = (fig.sentence_start, fig.sentence_end) if fig.sentence_end > fig.sentence_start else (0, len(text))
    before, after = text[max(s0, fig.start - 40) : fig.start], text[fig.end : s1]
    if _BASE_BEFORE.search(before):
        m = _BASE_YEAR_AFTER.match(after)
        if m:
            return int(m.group("year")), ""
        if _EARLIER_AFTER.match(after):
            return article_date.year - 1, ""
        return None
    if fig.year_source == "explicit" and fig.year is not None and fig.year != article_date.year:
        sentence = text[s0:s1]
        mark = _COMPARISON_MARK.search(sentence, fig.end - s0)
        spots = [m.start() for m in re.finditer(rf"\b{fig.year}\b", sentence)]
        if mark and spots and all(o > mark.start() for o in spots):
            return article_date.year, "assumed: article's year; the year written belongs to the comparison"
        # "in 2019, around 13,000 troops had marched, and the 2015 parade ...": the year set before
        # the figure frames it; one written only after it belongs to a later clause
        rel = fig.start - s0
        earlier = [int(m.group(0)) for m in _YEAR_TOKEN.finditer(sentence[:rel])]
        if spots and all(o > rel for o in spots) and earlier:
            return earlier[-1], ""
    return None


# Relative years, to tell which time expression stands nearest before a figure.
_RELATIVE_YEAR = re.compile(r"\b(?:this|last|next|that|the\s+previous|the\s+same)\s+year\b|\ba\s+year\s+(?:earlier|ago|before)\b", re.I)


def stated_year_before(fig: Figure, text: str) -> int | None:
    """ "In 2021, more than 12,000 ...": a year written earlier in the figure's own sentence, nearer than any "last year"."""
    if not text or fig.sentence_end <= fig.sentence_start:
        return None
    before = text[fig.sentence_start : fig.start]
    # "since 2008", "from 2019": a year that starts a span does not frame the figure
    years = [m for m in _YEAR_TOKEN.finditer(before)
             if not re.search(r"\b(?:since|from|until|till|after|before|between|to|and)\s+$", before[: m.start()], re.I)]
    if not years:
        return None
    rel = list(_RELATIVE_YEAR.finditer(before))
    if rel and rel[-1].start() > years[-1].start():
        return None
    return int(years[-1].group(0))


def target_year(
    fig: Figure, article_date: date | None, references: list[Reference], metric_key: str, text: str = ""
) -> tuple[int | None, str]:
    """The year a figure refers to and how it was known ("" when stated; a note when assumed)."""
    fixed = comparison_year(fig, text, article_date)
    if fixed is not None:
        return fixed
    if fig.year_source not in ("explicit",):
        stated = stated_year_before(fig, text)
        if stated is not None:
            return stated, ""
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
