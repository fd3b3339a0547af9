"""What the article says about change over time, read once: superlatives, changes, ratios between years.

"The lowest since 2008", "down from 11,000 a year earlier", "three times as many as in 2015":
the words that make a figure a record, a difference or a ratio, and the years they span, are
read here; ``judge/series.py`` weighs these readings against a series and never reads the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from factcheck.extract.patterns import FOLD_RE, MULTIPLIER_VERB_RE, RATIO_WORD_RE, TIMES_AS_RE, trend_before
from factcheck.figures import Figure
from factcheck.resolve.context import context_of
from factcheck.resolve.match import count_unit, rank_metrics
from factcheck.resolve.years import narrated_year, times_in
from factcheck.store.db import MetricRow

_SUPERLATIVE = re.compile(
    r"""
    \b(?P<word>lowest|smallest|fewest|least|highest|largest|biggest|greatest|most)\b  # the superlative
    [^.;]{0,60}?                                        # what it is about ("number", "turnout in")
    (?:\bsince\s+(?P<year>1[0-9]{3}|20[0-9]{2})\b       # since 2008
      |\b(?:in|for)\s+(?:(?:more\s+than|over|nearly|almost)\s+)?
         (?:(?P<n>\d{1,3})|(?P<nword>a|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|twenty)\s*)\s*(?P<unit>years|decades?)\b  # in 15 years / in a decade
      |\b(?P<ever>ever|on\s+record)\b                    # the lowest ever
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
LOW_WORDS = frozenset({"lowest", "smallest", "fewest", "least"})
_NUMBER_WORDS = {"a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "a dozen": 12, "twenty": 20}


@dataclass(frozen=True)
class SeriesClaim:
    """A superlative found in a sentence: which way, how far back, and where that is written.

    ``since`` is a year ("since 2008"); ``back`` a number of years ("in 15 years"); neither
    means "ever". ``start``/``end`` are the offsets of the year or number, for attaching the verdict.
    """

    low: bool
    since: int | None
    back: int | None
    start: int
    end: int
    still: bool = False  # "remains the largest": later years, up to the article's, must not beat it
    ever: bool = False  # "the largest ever / on record": every year with data, up to the article's

    @property
    def standing(self) -> bool:
        """A record that is claimed to stand today: later years count as well as earlier ones."""
        return self.still or self.ever

    def first_year(self, year: int, known: list[int]) -> int:
        """The year the comparison runs from (exclusive of the claim's own year)."""
        if self.since is not None:
            return self.since
        if self.back is not None:
            return year - self.back
        return min(known, default=year) - 1

    def phrase(self) -> str:
        """The claim in words: "since 2008", "in 15 years", "ever"."""
        if self.still:
            return "still"
        if self.since is not None:
            return f"since {self.since}"
        if self.back is not None:
            return f"in {self.back} years"
        return "ever"


_STILL_RECORD = re.compile(
    r"""
    \b(?:remains|remained|is\s+still|was\s+still|stands\s+as|still\s+holds\s+the\s+record\s+as)  # a record that stands
    \s+the\s+(?P<word>lowest|smallest|fewest|least|highest|largest|biggest|greatest|most)\b        # the largest
    """,
    re.VERBOSE | re.IGNORECASE,
)


_RECORD = re.compile(
    r"""
    \b(?:a|an|the|new)?\s*(?:all-time\s+)?record[-\s](?P<word>low|high)\b   # a record low (of 8,000)
    """,
    re.VERBOSE | re.IGNORECASE,
)


def find_superlatives(sentence: str, offset: int) -> list[SeriesClaim]:
    """Superlatives over time in a sentence (offsets into the article).

    >>> find_superlatives("Some 8,000 troops, the lowest number since 2008.", 0)
    [SeriesClaim(low=True, since=2008, back=None, start=43, end=47, still=False, ever=False)]
    >>> [c.phrase() for c in find_superlatives("the smallest parade in 15 years; the largest in a decade; the most ever", 0)]
    ['in 15 years', 'in 10 years', 'ever']
    >>> [c.phrase() for c in find_superlatives("the 2015 parade remains the largest, with 16,000 troops", 0)]
    ['still']
    >>> [(c.low, c.phrase()) for c in find_superlatives("a record low of 8,000 troops", 0)]
    [(True, 'ever')]
    """
    out = []
    for m in _SUPERLATIVE.finditer(sentence):
        low = m.group("word").lower() in LOW_WORDS
        if m.group("year"):
            out.append(SeriesClaim(low, int(m.group("year")), None, offset + m.start("year"), offset + m.end("year")))
            continue
        if m.group("unit"):
            n = int(m.group("n")) if m.group("n") else _NUMBER_WORDS[" ".join(m.group("nword").lower().split())]
            if m.group("unit").lower().startswith("decade"):
                n *= 10
            g = "n" if m.group("n") else "nword"
            out.append(SeriesClaim(low, None, n, offset + m.start(g), offset + m.end("unit")))
            continue
        out.append(SeriesClaim(low, None, None, offset + m.start("ever"), offset + m.end("ever"), ever=True))
    for m in _RECORD.finditer(sentence):
        out.append(SeriesClaim(m.group("word").lower() == "low", None, None, offset + m.start("word"), offset + m.end("word"), ever=True))
    taken = [(c.start, c.end) for c in out]
    for m in _STILL_RECORD.finditer(sentence):
        if not any(a <= offset + m.end() and offset + m.start() <= b for a, b in taken):
            low = m.group("word").lower() in LOW_WORDS
            out.append(SeriesClaim(low, None, None, offset + m.start("word"), offset + m.end("word"), still=True))
    return out


# --- changes: "down 27% on last year", "3,000 fewer than in 2022" ------------------------

# A comparative right after the figure makes it a difference, not a level.
_COMPARATIVE_AFTER = re.compile(
    r"""
    ^\s*(?:(?!(?:and|or|but|with)\b)[A-Za-z-]+\s+){0,2}?  # the counted noun, if written here (not "and more tanks")
    (?:(?P<down>fewer|less|lower|smaller|down)            # 3,000 fewer than
      |(?P<up>more|higher|larger|bigger|greater|up))      # 3,000 more than
    \s+(?:[A-Za-z-]+\s+){0,6}?                           # "3,000 fewer soldiers marched on Red Square than"
    (?:than|on|from|compared)\b
    (?!\s+(?:\d|a\s+(?:dozen|hundred|thousand)\b))             # not a hedge on the next figure: "and more than 100 vehicles"
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A verb of change right before the figure ("fell by 3,000"), for counts the extractor left without a trend.
_CHANGE_BEFORE = re.compile(
    r"""
    \b(?:(?P<up>rose|risen|grew|grown|increased|climbed|jumped|swelled)     # a rise
      |(?P<down>fell|fallen|dropped|declined|shrank|shrunk|decreased|slumped)  # a fall
    )\s+by\s+$                                                              # "... by 3,000"
    """,
    re.VERBOSE | re.IGNORECASE,
)
_YEAR_IN = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# "rose to 21", "fell to about 8,000": the figure is the new level, not the size of the change.
_LEVEL_AFTER_CHANGE = re.compile(
    r"""
    \b(?:rose|risen|grew|grown|increased|climbed|jumped|swelled|went\s+up|reached         # a rise ...
      |fell|fallen|dropped|declined|shrank|shrunk|decreased|slumped|went\s+down)          # ... or a fall
    \s+(?:to|at)\s+(?:(?:about|around|some|roughly|nearly|almost|just|only|over|under|more\s+than|fewer\s+than)\s+)?$  # "to (about)"
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _reached_level(before: str) -> bool:
    """Whether the words before a figure are a verb of change with "to" ("eased to", "slid to",
    "strengthened to about"), by the extractor's own list of such verbs: the figure is the level reached."""
    m = trend_before(before, 0, len(before))
    return m is not None and (m.group("prep") or "").startswith("to")


def change_direction(fig: Figure, text: str) -> str | None:
    """ "up" / "down" when the figure is a change ("rose 5%", "3,000 fewer than"), else None.

    >>> f = Figure("3,000", 0, 5, 3000, 3000, 3000)
    >>> change_direction(f, "3,000 fewer than in 2022"), change_direction(f, "3,000 troops marched")
    ('down', None)
    >>> g = Figure("21", 19, 21, 21, 21, 21, trend="up")
    >>> change_direction(g, "the number rose to 21"), change_direction(g, "the number rose by 21")
    (None, 'up')
    """
    if _LEVEL_AFTER_CHANGE.search(text[max(0, fig.start - 40) : fig.start]) or _reached_level(text[max(0, fig.start - 80) : fig.start]):
        return None  # "the number rose to 21": a level, compared with the level's sources
    if fig.trend in ("up", "down"):
        return fig.trend
    m = _COMPARATIVE_AFTER.match(text[fig.end : fig.end + 60]) or _CHANGE_BEFORE.search(text[max(0, fig.start - 30) : fig.start])
    if not m:
        return None
    return "down" if m.group("down") else "up"


def change_years(fig: Figure, text: str, article_date: date | None) -> tuple[int, int] | None:
    """(base year, current year) of a change: two years written, else one and the article's year."""
    sentence = text[fig.sentence_start : fig.sentence_end] if fig.sentence_end > fig.sentence_start else text
    years = sorted({int(y) for y in _YEAR_IN.findall(sentence)})
    now = article_date.year if article_date else None
    if article_date is not None and fig.sentence_end > fig.sentence_start:
        # "than two years earlier", "than the previous year": relative years, read as years.py reads them
        base = narrated_year(fig, article_date)
        found = times_in(text, fig.sentence_start, fig.sentence_end, article_date, base, anchors=True)
        years = sorted(set(years) | {w.year for w in found if w.ours or w.year != now})
    if len(years) >= 2:
        return years[0], years[-1]
    if years and now and years[0] < now:
        return years[0], now
    if years:
        return years[0] - 1, years[0]
    if now is None:
        return None
    if fig.year is not None and fig.year < now:
        return fig.year, now
    return now - 1, now


# --- ratios between years: "three times as many troops in 2015 as this year" ---------------

_COMPARED = r"""
    (?:as\s+(?P<as>many|much|large|big|high)\b          # three times as many ... as
      |(?P<more>more|larger|bigger|higher|greater)\b     # three times more ... than
      |(?P<less>fewer|less|smaller|lower)\b)             # 2.5 times fewer ... than
    """
_TIMES_AFTER = re.compile(r"^[\s-]*times\s+" + _COMPARED, re.VERBOSE | re.IGNORECASE)
_ALONE_AFTER = re.compile(r"^\s+" + _COMPARED, re.VERBOSE | re.IGNORECASE)  # "twice as many": no "times" to write
ALONE_WORDS = frozenset({"twice", "thrice"})


def _compared_after(fig: Figure, text: str) -> re.Match[str] | None:
    """The comparative after a multiplier ("times as many", "twice as many"), else None."""
    after = text[fig.end : fig.end + 40]
    alone = fig.surface.split()[-1].lower() in ALONE_WORDS if fig.surface.split() else False
    return _ALONE_AFTER.match(after) if alone else _TIMES_AFTER.match(after)
# What the figure is compared with: "as this year", "than in 2022", "as last year".
_OTHER_SIDE = re.compile(
    r"""
    \b(?:as|than)\s+(?:in\s+)?
    (?:(?P<year>(?:19|20)\d\d)\b|(?P<this>this\s+year)|(?P<last>last\s+year|a\s+year\s+earlier))
    """,
    re.VERBOSE | re.IGNORECASE,
)
# The span a multiplying verb covers: "doubled since 2008", "tripled between 2010 and 2020".
_VERB_SPAN = re.compile(
    r"""\b(?:since\s+(?P<since>(?:19|20)\d\d)                                  # since 2008 (to now)
      |(?:between|from)\s+(?P<a>(?:19|20)\d\d)\s+(?:and|to)\s+(?P<b>(?:19|20)\d\d))\b  # between 2010 and 2020
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _verb_ratio(fig: Figure, sentence: str, now: int) -> tuple[int, int, bool] | None:
    """(later year, earlier year, False) for a multiplying verb ("doubled since 2008"), else None."""
    m = _VERB_SPAN.search(sentence)
    if m is None:
        return None
    later, earlier = (now, int(m.group("since"))) if m.group("since") else (int(m.group("b")), int(m.group("a")))
    return (later, earlier, False) if later > earlier else None


def is_multiplier(fig: Figure, text: str) -> bool:
    """A number of times as much ("sixfold", "twice as many", "three times more", "doubled"), not a
    count of occasions ("visited 3,200 times")."""
    if fig.counted != "times" or fig.unit:
        return False
    written = fig.surface
    return bool(
        MULTIPLIER_VERB_RE.search(written) or FOLD_RE.search(written) or RATIO_WORD_RE.search(written + " as many")
        or _compared_after(fig, text) or TIMES_AS_RE.match(text, fig.end, fig.end + 40)
    )


def ratio_claim(fig: Figure, text: str, article_date: date | None) -> tuple[int, int, bool] | None:
    """(year compared, year compared with, fewer) for "N times as many in Y1 as in Y2" or a
    multiplying verb over a span of years ("doubled since 2008": this year against 2008), else None."""
    if fig.counted == "times" and fig.trend is not None and article_date is not None:  # only a verb's ratio has a direction
        sentence = text[fig.sentence_start : fig.sentence_end] if fig.sentence_end > fig.sentence_start else text
        return _verb_ratio(fig, sentence, article_date.year)
    m = _compared_after(fig, text)
    if not m or article_date is None:
        return None
    sentence = text[fig.sentence_start : fig.sentence_end] if fig.sentence_end > fig.sentence_start else text
    tail_at = fig.end - fig.sentence_start
    other = _OTHER_SIDE.search(sentence, tail_at)
    if not other:
        return None
    now = article_date.year
    y2 = int(other.group("year")) if other.group("year") else now if other.group("this") else now - 1
    ones = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", sentence[: other.start()]) if int(y) != y2]
    y1 = ones[-1] if ones else now
    if y1 == y2:
        return None
    return y1, y2, bool(m.group("less"))


# --- the article's trends, read once -------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """What a figure's own words say of change over time, and which series that change is of.

    ``change`` is "up" or "down" when the figure is a difference, with ``change_years`` its (base,
    current) years; ``ratio`` is (year compared, year compared with, fewer); ``multiplier`` says the
    figure is a number of times as much, whether or not its sentence names the two years. ``series`` are the
    metrics the ratio, else the change, may count, best first (``rank_metrics`` on the figure).
    """

    change: str | None = None
    change_years: tuple[int, int] | None = None
    ratio: tuple[int, int, bool] | None = None
    series: tuple[MetricRow, ...] = ()
    multiplier: bool = False  # a ratio ("sixfold", "twice as many", "doubled"), never a level, with or without years


@dataclass(frozen=True)
class ArticleTrends:
    """Every figure's Trend (in the figures' order) and each superlative with its sentence's start.

    Superlatives come sentence by sentence in the text's order, as ``find_superlatives`` finds them.
    """

    per_figure: tuple[Trend, ...]
    superlatives: tuple[tuple[int, SeriesClaim], ...]


def series_of(fig: Figure, text: str, metrics: list[MetricRow], ratio: bool) -> tuple[MetricRow, ...]:
    """The metrics a change or a ratio may be of, best first.

    A percentage change is of a series in its own unit, so it is ranked without the percent; a
    ratio is ranked with neither unit nor concept, on the words around it.
    """
    if ratio:
        probe = Figure(fig.surface, fig.start, fig.end, fig.value, fig.low, fig.high, None,
                       sentence_start=fig.sentence_start, sentence_end=fig.sentence_end)
    else:
        relative = count_unit(fig.unit) == "percent"
        probe = Figure(fig.surface, fig.start, fig.end, fig.value, fig.low, fig.high, None if relative else fig.unit,
                       concept=fig.concept, sentence_start=fig.sentence_start, sentence_end=fig.sentence_end)
    return tuple(c.metric for c in rank_metrics(probe, context_of(probe, text), metrics))


def read_trends(text: str, figures: list[Figure], metrics: list[MetricRow], article_date: date | None) -> ArticleTrends:
    """Superlatives, changes and ratios of an article: the one reading of its text that judge/series.py needs."""
    per_figure = []
    for fig in figures:
        ratio = ratio_claim(fig, text, article_date)
        change = change_direction(fig, text)
        years = change_years(fig, text, article_date) if change is not None else None
        series = series_of(fig, text, metrics, ratio=ratio is not None) if ratio is not None or change is not None else ()
        per_figure.append(Trend(change, years, ratio, series, is_multiplier(fig, text)))
    sentences = sorted({(f.sentence_start, f.sentence_end) for f in figures if f.sentence_end > f.sentence_start})
    superlatives = tuple((s0, claim) for s0, s1 in sentences for claim in find_superlatives(text[s0:s1], s0))
    return ArticleTrends(tuple(per_figure), superlatives)
