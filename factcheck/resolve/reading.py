"""What the sentence says around each figure, read once, so that the judge never reads text.

The judge needs a handful of facts from a figure's sentence: whether its clause speaks of a
plan, whether it is offered as the top of the estimates ("as many as"), whether it is a rate
("a day"), a position ("to the south-west") or a time reference ("two years earlier"), whether
a pronoun "one" counts nothing, who the sentence names (for attribution), which year a
comparison puts it in, and the words around it that say what it counts (``match.Context``).
``read_figures`` reads them for every figure of an article; the ``Reading`` travels beside the
figure to ``judge/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date

from factcheck.extract.counted import RATE_END_RE
from factcheck.extract.groups import GROUP_BOUND_WHY
from factcheck.extract.pronoun_one import not_a_count
from factcheck.extract.timeref import DECADE_RE, MONTH_ALT, MONTHS, SHORT_SPAN_RE, UNDATED_PERIOD_RE
from factcheck.figures import Claim, Figure
from factcheck.store.db import MetricRow
from factcheck.resolve.claim import Statistics, statistic_claim
from factcheck.resolve.topic import Earlier
from factcheck.resolve.context import SPEECH_RE, Context, clause_of, clause_span, context_of, in_clause_or_fronted
from factcheck.resolve.match import count_unit
from factcheck.resolve.relations import Relations, read_relations
from factcheck.resolve.statistic import Abstention
from factcheck.resolve.trends import ArticleTrends, is_multiplier, read_trends
from factcheck.resolve.years import comparison_year
from factcheck.units import same_dimension

NOT_CHECKABLE_KINDS = frozenset({"year", "date", "ordinal", "identifier"})
BOUND_KINDS = frozenset({"count", "duration"})  # kinds whose figure, not checkable, bounds a group (extract/groups.py)

# Future or intent wording: the figure is about a plan, so planned figures are the right yardstick.
_FUTURE = re.compile(
    r"""
    \b(?:will|shall|would)\b                             # "will march", "said ... would march"
    | \b(?:is|are|was|were)\s+(?:expected|set|due|scheduled|planned|going)\s+to\b
    | \bplan(?:s|ned)?\s+(?:to|for)\b | \b(?:is|are)\s+planned\b | \bto\s+take\s+part\b | \bannounced\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

# "as many as X" / "up to X": X is put forward as the top of the estimates, not a mere bound.
_UPPER_ESTIMATE = re.compile(r"\b(?:as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|up\s+to)\s*$", re.IGNORECASE)

# "Two years earlier", "three days later": a span that dates something, not a claim about it.
# "two years on": when; "35 minutes on the commute" is what a duration was spent on
_TIME_AFTER = re.compile(r"^\s*(?:earlier|later|ago|before|afterwards|on(?=\s*(?:[,.;:)]|$|from\b)))\b", re.IGNORECASE)

# "dozens of men a day", "300 a week": a rate, which a total in the store cannot confirm.
_RATE_AFTER = re.compile(
    r"""
    ^[^,;.]{0,30}?                                         # the counted noun ("of men")
    \b(?:(?:a|per|each|every)\s+(?:day|week|month|hour|year)(?!\s+(?:earlier|ago|before|later|after))  # a day
      |daily|weekly|monthly|hourly)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

# "300 miles to the south-west", "40 km north of the city", "2 km away": a distance that places
# something, which no table of lengths holds. Compass points and "away" are a closed class
# ("from X" is not: "600 miles, from one city to the coast" is an extent).
_POSITION_AFTER = re.compile(
    r"""^[\s,]*(?:(?:to\s+the\s+|further\s+|farther\s+)?
        (?:north|south|east|west)(?:[-\s]?(?:north|south|east|west))?(?:ward|wards|erly)?\b
      | (?:away|off(?:shore)?|outside|beyond)\b)""",
    re.VERBOSE | re.IGNORECASE,
)

# A name as a sentence writes it: "Prigozhin", "Al-Sisi", "O'Brien's" (and its parts).
_NAME = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class Reading:
    """What one figure's sentence says about it, for the judge (which never reads the text)."""

    not_a_count: str = ""  # why a "one" counts nothing ("one of the flanks") or a number bounds a group, else ""
    upper_estimate: str = ""  # "as many as" / "up to" when the figure is offered as the top estimate
    plan: bool = False  # its own clause speaks of a plan ("will march", "was expected to")
    reported: bool = False  # its own clause reports what someone said or estimated ("a blogger estimated that N")
    quoted: bool = False  # it stands inside a quotation: a speaker's words, like a reported figure
    names: frozenset[str] = frozenset()  # the capitalised words of its sentence: who it attributes to
    rate: bool = False  # so many per day or week
    position: bool = False  # a length that locates a place
    time_reference: bool = False  # a duration that dates something ("two years earlier")
    undated: bool = False  # said of an unstated stretch of years ("in earlier years"): no year to look up
    decade: str = ""  # the decade it is said of ("the 1970s"): ten years, no one to look up
    month: int | None = None  # the month its clause says it is of ("in April"): an event of another month is not it
    short_span: bool = False  # said of a single day, week or month ("wounded in a single week"): part of any table's period
    comparison_year: tuple[int, str] | None = None  # the year a comparison puts it in, and how known
    context: Context | None = None  # the words around it that say what it counts (checkable figures)
    statistic: tuple[Claim, str] | Abstention | None = None  # its claim as a country's statistic, if any


def upper_estimate_words(fig: Figure, text: str) -> str:
    """ "as many as" / "up to" when the figure is offered as the top of the estimates, else ""."""
    if fig.qualifier != "at_most":
        return ""
    window = text[max(fig.sentence_start, fig.start - 30) : fig.start] + " "
    m = re.match(r"\D*", fig.surface)
    head = window.rstrip() + " " + (m.group(0) if m else "")
    found = _UPPER_ESTIMATE.search(head.strip())
    return " ".join(found.group(0).lower().split()) if found else ""


def speaks_of_plan(fig: Figure, text: str) -> bool:
    """Does the figure's own clause speak of a plan ("will march", "was expected to")?

    Only its clause: in "11,000 marched, though the ministry had announced 9,000" the plan
    belongs to the 9,000, and 11,000 is judged on what happened.
    """
    return bool(_FUTURE.search(own_clause(fig, text)))


def sentence_bounds(fig: Figure, text: str) -> tuple[int, int]:
    """Where the figure's sentence starts and ends in ``text`` (the whole text when it was not found)."""
    return (fig.sentence_start, fig.sentence_end) if fig.sentence_end > fig.sentence_start else (0, len(text))


def own_clause(fig: Figure, text: str) -> str:
    """The clause of its sentence that holds the figure."""
    s0, s1 = sentence_bounds(fig, text)
    return clause_of(text[s0:s1], max(0, fig.start - s0))


def is_reported(fig: Figure, text: str) -> bool:
    """Does the figure's own clause report what someone said, claimed or estimated, before the figure?"""
    s0, s1 = sentence_bounds(fig, text)
    start, _ = clause_span(text[s0:s1], fig.start - s0)
    return SPEECH_RE.search(text, s0 + start, fig.start) is not None


def is_quoted(fig: Figure, text: str) -> bool:
    """Does the figure stand inside quotation marks opened earlier in its sentence ("… “we lost 500 men” …")?"""
    before = text[sentence_bounds(fig, text)[0] : fig.start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def is_rate(fig: Figure, text: str) -> bool:
    """A count per day or per week ("dozens of men a day"), or per anything its counted noun names
    ("calls per customer"): not comparable with a total."""
    if count_unit(fig.unit) is not None:
        return False
    return bool(_RATE_AFTER.match(text[fig.end : fig.end + 50]) or RATE_END_RE.search(fig.counted))


def is_short_span(fig: Figure, text: str) -> bool:
    """Its own clause says it happened within a day, a week or a month ("in a single week", "overnight")."""
    return fig.kind in ("count", "money", "measure") and bool(SHORT_SPAN_RE.search(own_clause(fig, text)))


def is_undated(fig: Figure, text: str) -> bool:
    """A figure of an unstated stretch of past years ("dozens in earlier years"), with no year of its own."""
    return fig.year_source not in ("explicit", "relative") and bool(UNDATED_PERIOD_RE.search(own_clause(fig, text)))


def decade_of(fig: Figure, text: str) -> str:
    """The decade a figure is said of ("8 in the 1970s", "In the 1990s, inflation topped 7,000%"), or "".

    Its own clause names the decade, or names no year while the sentence names a decade before the
    figure: a figure of ten years has no one year a table could give it, whatever year the
    sentence's other clause or the paragraph narrates.
    """
    s0, s1 = sentence_bounds(fig, text)
    found = in_clause_or_fronted(DECADE_RE, text[s0:s1], max(0, fig.start - s0))
    return found.group().strip() if found is not None else ""


# A month said of what a figure counts: "in April", "during March", "on May 7", "7 May".
_MONTH_SAID_RE = re.compile(
    rf"\b(?:in|during|by|on|throughout)\s+(?-i:(?P<a>{MONTH_ALT}))\b|\b\d{{1,2}}\s+(?-i:(?P<b>{MONTH_ALT}))\b",
    re.IGNORECASE,
)


def month_of(fig: Figure, text: str) -> int | None:
    """The month the figure's own clause (or, when that names none, its sentence before it) says it is
    of ("In rehearsals in April, 4,000 soldiers marched"), 1-12; None when it names none."""
    s0, s1 = sentence_bounds(fig, text)
    sentence = text[s0:s1]
    rel = max(0, fig.start - s0)
    c0, c1 = clause_span(sentence, rel)
    found = _MONTH_SAID_RE.search(sentence, c0, c1) or _MONTH_SAID_RE.search(sentence, 0, rel)
    if found is None:
        return None
    return MONTHS.get((found.group("a") or found.group("b")).lower())


def is_position(fig: Figure, text: str) -> bool:
    """A length that locates a place ("a few hundred miles to the south-west"), not a length measured."""
    unit = count_unit(fig.unit)
    return unit is not None and same_dimension(unit, "meter") and bool(_POSITION_AFTER.match(text[fig.end : fig.end + 40]))


def is_time_reference(fig: Figure, text: str) -> bool:
    """A duration used to date something ("two years earlier"), not a figure to check."""
    return fig.kind == "duration" and bool(_TIME_AFTER.match(text[fig.end : fig.end + 20]))


def sentence_names(text: str, fig: Figure) -> frozenset[str]:
    """The capitalised words of the figure's sentence, whole and split at hyphens and apostrophes."""
    s0, s1 = sentence_bounds(fig, text)
    return _names_in(text[s0:s1])


@lru_cache(maxsize=256)
def _names_in(sentence: str) -> frozenset[str]:
    """``sentence_names`` by the sentence's text, so a sentence with several figures is read once."""
    out: set[str] = set()
    for m in _NAME.finditer(sentence):
        word = m.group(0)
        if word[:1].isupper():
            out.add(word)
            out.update(p for p in re.split(r"[-'’]", word) if p[:1].isupper())
    return frozenset(out)


def checkable(fig: Figure) -> bool:
    """A figure the judge will compare with sources (not a year, date, ordinal or name)."""
    return fig.checkable and fig.kind not in NOT_CHECKABLE_KINDS


def read_figure(text: str, fig: Figure, article_date: date | None) -> Reading:
    """Read once what the sentence says about ``fig``; the costlier parts only for a checkable figure."""
    # "one of the flanks", "in a single day": a count, or a length of one unit, that counts nothing
    why = not_a_count(text, fig.start, fig.end, fig.sentence_start) if fig.kind in ("count", "duration") else ""
    time_reference = is_time_reference(fig, text)
    if not why and not fig.checkable and fig.kind in BOUND_KINDS and not time_reference:
        why = GROUP_BOUND_WHY  # NOTE: extract marks a count or duration not checkable only for a group's bound or a time

    if not checkable(fig) or time_reference:
        return Reading(not_a_count=why, time_reference=time_reference)
    return Reading(
        not_a_count=why,
        upper_estimate=upper_estimate_words(fig, text),
        plan=speaks_of_plan(fig, text),
        reported=is_reported(fig, text),
        quoted=is_quoted(fig, text),
        names=sentence_names(text, fig),
        rate=is_rate(fig, text),
        undated=is_undated(fig, text),
        decade=decade_of(fig, text),
        month=month_of(fig, text),
        short_span=is_short_span(fig, text),
        position=is_position(fig, text),
        comparison_year=comparison_year(fig, text, article_date),
        context=context_of(fig, text),
    )


def read_figures(text: str, figures: list[Figure], article_date: date | None) -> list[Reading]:
    """One Reading per figure, same order."""
    return [read_figure(text, fig, article_date) for fig in figures]


@dataclass(frozen=True)
class ArticleReading:
    """An article's figures with what their sentences say about each and about how they relate: all the judge gets."""

    figures: tuple[Figure, ...]
    readings: tuple[Reading, ...]
    trends: ArticleTrends
    relations: Relations


ANTECEDENT_REACH = 2000  # characters back in which a figure's statistic may be what "the rate" points at


def read_article(
    text: str, figures: list[Figure], article_date: date | None, stats: Statistics | None = None,
    metrics: list[MetricRow] | None = None,
) -> ArticleReading:
    """Every figure read once; with ``stats``, each checkable figure's claim as a country's statistic too.

    ``metrics`` are the newsroom tables a change or ratio may be measured against (``resolve.trends``).
    """
    readings = read_figures(text, figures, article_date)
    if stats is not None and stats.metrics:
        claimed: list[Earlier] = []  # the statistic claims read so far, in order
        first = 0  # the first of them still within reach: figures come in order, so it only moves on
        out = []
        for fig, r in zip(figures, readings):
            if checkable(fig) and not r.time_reference:
                while first < len(claimed) and claimed[first].start < fig.start - ANTECEDENT_REACH:
                    first += 1
                earlier = claimed[first:]
                r = replace(r, statistic=statistic_claim(fig, text, figures, stats, article_date, ratio=is_multiplier(fig, text), earlier=earlier))
                if isinstance(r.statistic, tuple):
                    claim, note = r.statistic
                    claimed.append(Earlier(fig.start, claim.metric, claim.year, note))
            out.append(r)
        readings = out
    return ArticleReading(
        tuple(figures), tuple(readings), read_trends(text, figures, metrics or [], article_date),
        read_relations(text, figures, article_date),
    )
