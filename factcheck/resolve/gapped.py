"""An item of a list in running prose that leaves its statistic out: "Chile's output was 5.3 million
tonnes, Peru's 2.4 million and Ghana's 0.9 million", "Kenya's rate reached 6.1%, Uganda's 4%",
"Chile's 2.2%; Peru, at 1.9%, ...". And a series of one subject's values over the years, each after the
year of the one before: "The rate was 2.8 in 2016, rose to 3.9 in 2018 and 5.2 in 2019".

Such an item says only whose its figure is; the statistic, and the year when it names none, are those
the item before it was read as. The item's owner must be a place the gazetteer knows, so a region's or
a company's figure in the same list is never taken for a country's.

The other way round, a value set against the item before it with no place or year of its own ("95% last
year, well above the 85% level …") is no item of that table at all (``set_against_itself``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.extract.comparison import OPENS_BEFORE_RE
from factcheck.extract.timeref import RELATIVE_RE, YEAR_RE
from factcheck.figures import Figure
from factcheck.resolve.gazetteer import Gazetteer
from factcheck.resolve.topic import Earlier, figure_before
from factcheck.resolve.wording import stem

# Between the item before and this one: what that item measures and its time perhaps, a comma, semicolon or conjunction, the
# owner with its possessive (or with ", at"), then at most a verb of level and a hedge.
_GAP_RE = re.compile(
    r"(?:\s+of\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)?"  # what the item before measures: "… tonnes of coal"
    r"(?:\s+(?:per|for\s+every)\s+[\d,.]+(?:\s+[a-z]+)?)?"  # the base of its rate: "… 12.6 per 100,000 people"
    r"(?:\s+(?:in\s+\d{4}|last\s+year|that\s+year|a\s+year\s+earlier))?"
    r"\s*(?:[,;]\s*|\s)(?:(?:and|while|whereas|but)\s+)?(?:the\s+)?"
    r"(?P<owner>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*?)(?:['’]s?\s+|,\s+at\s+|\s+)"
    r"(?:(?:was|were|is|stood\s+at|at|reached|hit|came\s+to|came\s+in\s+at|managed|recorded|posted|averaged|[a-z]+\s+to)\s+)?"
    r"(?:(?:about|around|nearly|almost|some|roughly|just\s+over|just\s+under|over|under)\s+)?"
)


def gapped_item(fig: Figure, text: str, figures: Sequence[Figure], earlier: Sequence[Earlier], g: Gazetteer) -> Earlier | None:
    """The claim of the item before ``fig`` in a list that leaves the statistic out (see above), else None."""
    prev = figure_before(fig, figures)
    if prev is None:
        return None
    gap = _GAP_RE.fullmatch(text, prev.end, fig.start)
    elided = fig.unit is None and fig.kind == "count" and prev.unit is not None  # "…, Ghana's 0.9 million": its unit left out too
    if gap is None or not (elided or (prev.kind == fig.kind and prev.unit == fig.unit)):
        return None
    found = g.find(gap.group("owner"))
    if len(found) != 1 or found[0].end - found[0].start != len(gap.group("owner")):
        return None  # the owner must be one place the gazetteer knows, named whole
    return next((e for e in earlier if e.start == prev.start), None)


# Between two values of one series: the year of the value before, a comma or "and", then at most "then",
# a verb of level ("rose to", "was", "stood at") and a hedge; no new subject.
_SERIES_GAP_RE = re.compile(
    r"\s+in\s+\d{4}\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:then|later)\s+)?"
    r"(?:(?:[a-z]+\s+to|was|stood\s+at|reached|hit)\s+)?"
    r"(?:(?:about|around|nearly|almost|some|roughly|just\s+over|just\s+under|over|under)\s+)?"
)


def series_item(fig: Figure, text: str, figures: Sequence[Figure], earlier: Sequence[Earlier]) -> Earlier | None:
    """The claim of the value before ``fig`` in a series of one subject's values by year, when ``fig``
    names its own year and the gap names no new subject (see above), else None."""
    prev = figure_before(fig, figures)
    if prev is None or fig.year is None or fig.year_source != "explicit" or fig.year == prev.year:
        return None
    if prev.kind != fig.kind or prev.unit != fig.unit or _SERIES_GAP_RE.fullmatch(text, prev.end, fig.start) is None:
        return None
    return next((e for e in earlier if e.start == prev.start), None)


# Verbs that give a level: "stood at", "reached", "lagged at", "fell to".
_LEVEL_VERBS = (
    r"stood\s+at|reached|recorded|registered|was|were|had|managed|averaged|hit|came\s+in\s+at|came\s+to|posted|[a-z]+ed\s+at"
    r"|(?:rose|fell|climbed|dropped|slipped|dipped|edged\s+(?:up|down))\s+to"
)
_LEVEL_VERB_RE = re.compile(_LEVEL_VERBS)
# A sentence's opening up to its figure when it gives only another place's value: a linking phrase perhaps, the
# place (its possessive standing for the value's noun), an aside perhaps, then a verb (of level, or any other the
# caller checks) and a hedge.
_PARALLEL_OPENING_RE = re.compile(
    r"\s*(?:(?:In|By|For)\s+(?:the\s+same\s+year|that\s+year|\d{4}|contrast|comparison)\s*,\s*"
    r"|(?:Meanwhile|Elsewhere|By\s+contrast|In\s+contrast)\s*,\s*|(?:Neighbouring|Neighboring|Nearby)\s+)?"
    r"(?:the\s+)?(?P<owner>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*?)(?:['’]s?)?(?:\s*,[^,;.]{1,80},)?\s+"
    rf"(?P<verb>{_LEVEL_VERBS}|[a-z]+(?:\s+in)?)\s+"
    r"(?:(?:about|around|nearly|almost|some|roughly|just\s+over|just\s+under|over|under|more\s+than|less\s+than)\s+)?"
)


def parallel_item(fig: Figure, text: str, figures: Sequence[Figure], earlier: Sequence[Earlier], g: Gazetteer) -> Earlier | None:
    """The claim of the figure ending the sentence before, when ``fig``'s sentence gives only another place's
    value in its terms (see above): one place the gazetteer knows, named whole, and the same kind of figure."""
    if figure_before(fig, figures) is not None:
        return None  # a figure before it in its own sentence: that one's list, not the sentence before's
    prev = next((f for f in reversed(figures) if f.checkable and f.end <= fig.sentence_start), None)
    if prev is None or text[prev.end : fig.sentence_start].count(".") > 1:
        return None  # the sentence before must end with it (a full stop, or a line break, between them)
    opening = _PARALLEL_OPENING_RE.fullmatch(text, fig.sentence_start, fig.start)
    elided = fig.unit is None and fig.kind == "count" and prev.unit is not None
    if opening is None or not (elided or (prev.kind == fig.kind and prev.unit == fig.unit)):
        return None
    verb = opening.group("verb").split()[0].lower()
    if _LEVEL_VERB_RE.fullmatch(opening.group("verb")) is None and not (prev.verb and stem(verb) == stem(prev.verb)):
        return None  # any other verb only as the deed the figure before was told with: "Egypt took in $24bn. Nigeria took in $26.5bn"
    found = g.find(opening.group("owner"))
    if len(found) != 1 or found[0].end - found[0].start != len(opening.group("owner")):
        return None
    return next((e for e in earlier if e.start == prev.start), None)


_CLAUSE_END_RE = re.compile(r"[,;:.!?()\n]")


def set_against_itself(
    fig: Figure, text: str, figures: Sequence[Figure], earlier: Sequence[Earlier], metric: str, year: int | None, g: Gazetteer,
) -> str:
    """The figure before ``fig`` when ``fig`` is the other side of a comparison with it ("ran at 95% last year,
    well above the 85% level …") and was read as the same statistic and year, with no year of its own
    and no place named between them or in its clause; "" otherwise. A table holds one value for a place and year, so a
    value set against that one is a threshold, an average or a target, not the table's."""
    if year is None or not OPENS_BEFORE_RE.search(text[max(fig.sentence_start, fig.start - 60) : fig.start]):
        return ""
    prev = figure_before(fig, figures)
    if prev is None or prev.unit != fig.unit or prev.kind != fig.kind:
        return ""
    claim = next((e for e in earlier if e.start == prev.start), None)
    if claim is None or claim.metric != metric or claim.year != year:
        return ""
    stop = _CLAUSE_END_RE.search(text, fig.end, fig.sentence_end)
    own = text[fig.end : stop.start() if stop else fig.sentence_end]
    if YEAR_RE.search(own) or RELATIVE_RE.search(own):
        return ""  # "up from 312 the year before", "… 47.6 million in 2013": its own year, which the writer states
    if g.find(text[prev.end : fig.end] + own):
        return ""  # "well above France's 85%": another place's value
    return prev.surface
