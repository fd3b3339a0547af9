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

import pint

from factcheck.figures import Figure, FigureCheck, Reference
from factcheck.judge.judgement import Judgement, ref_span_in
from factcheck.judge.intervals import Span, claim_span, describe_figure, fmt_number, plausible_span, rounding_step, with_unit
from factcheck.resolve.match import count_unit
from factcheck.store.db import MetricRow
from factcheck.units import convert

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


def _in_unit(ref: Reference, unit: str | None) -> float | None:
    """A reference's value in ``unit``; None when its unit cannot be converted (a bad data row)."""
    if (count_unit(ref.unit) or "") == (unit or ""):
        return ref.value
    try:
        return convert(ref.value, count_unit(ref.unit), unit)
    except (pint.DimensionalityError, pint.UndefinedUnitError):
        return None


def year_value(
    metric: str, year: int, references: list[Reference], unit: str | None,
    statuses: tuple[str, ...] = ("actual", "estimate", "claimed"),
) -> float | None:
    """A year's value in a series: the median of reported (else estimated, else claimed) figures, in ``unit``."""
    rows = [r for r in references if r.metric == metric and r.year == year]
    for status in [(s,) for s in statuses]:
        vals = [v for v in (_in_unit(r, unit) for r in rows if r.status in status) if v is not None]
        if vals:
            return float(statistics.median(vals))
    return None


def judge_series(
    claim: SeriesClaim, fig: Figure, metric: str, label: str, year: int, references: list[Reference], through: int | None = None
) -> tuple[str, str, tuple[Reference, ...]]:
    """Verdict and reason for "lowest/highest since Y" about ``fig`` (a value of ``metric`` in ``year``).

    ``through`` (the article's year) is used by "remains the largest": later years must not beat it either.
    """
    unit = count_unit(fig.unit)
    span = claim_span(fig)
    word = "lowest" if claim.low else "highest"
    last = max(year, through or year) if claim.standing else year
    known = sorted({r.year for r in references if r.metric == metric and r.year is not None and r.year < year})
    first = claim.first_year(year, known)
    breaks: list[str] = []
    gaps: list[int] = []
    seen: list[int] = []
    planned_only: list[int] = []
    for y in range(first + 1, last + 1 if claim.standing else year):
        if y == year:
            continue
        v = year_value(metric, y, references, unit)
        if v is None:
            v = year_value(metric, y, references, unit, statuses=("planned",))
            if v is None:
                gaps.append(y)
                continue
            planned_only.append(y)
        seen.append(y)
        if (claim.low and v <= fig.value) or (not claim.low and v >= fig.value):
            breaks.append(f"{y} ({with_unit(fmt_number(v), unit)})")
    base = year_value(metric, first, references, unit) if claim.since is not None else None
    rows = tuple(r for r in references if r.metric == metric and first <= (r.year or 0) <= last and r.status != "planned")
    if not seen:
        return "no_source", f"No series of {label} before {year} to check 'the {word} {claim.phrase()}'.", ()
    head = f"'The {word} {claim.phrase()}' for {label} in {year} ({with_unit(fmt_number(fig.value), unit)})"
    if claim.standing:
        which = "Still the" if claim.still else "The"
        tail = "" if claim.still else " ever"
        head = f"'{which} {word}{tail}' for {label} in {year} ({with_unit(fmt_number(fig.value), unit)}), up to {last}"
    parts = []
    if breaks:
        parts.append(f"broken by {', '.join(breaks)}")
    else:
        parts.append(f"every other year {seen[0]}–{seen[-1]} with data is {'higher' if claim.low else 'lower'}")
    base_ok = True
    if claim.since is not None:
        base_ok = base is None or (claim.low and base <= span.hi) or (not claim.low and base >= span.lo)
        if base is None:
            parts.append(f"no figure for {claim.since} itself, so only the years after it are checked")
        elif base_ok:
            parts.append(f"{claim.since} had {with_unit(fmt_number(base), unit)}, not {'higher' if claim.low else 'lower'}")
        else:
            parts.append(f"but {claim.since} had {with_unit(fmt_number(base), unit)}, so the record goes back further")
    if planned_only:
        parts.append(f"only planned figures for {', '.join(map(str, planned_only))}")
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
) -> tuple[dict[int, FigureCheck], dict[int, tuple[str, str]]]:
    """Series verdicts for year figures in "since YEAR"; (verdict, reason) notes for the figure itself when no such year is written."""
    checks: dict[int, FigureCheck] = {}
    notes: dict[int, tuple[str, str]] = {}
    in_sentence: dict[int, list[int]] = {}
    for k, f in enumerate(figures):
        in_sentence.setdefault(f.sentence_start, []).append(k)
    sentences = sorted({(f.sentence_start, f.sentence_end) for f in figures if f.sentence_end > f.sentence_start})
    for s0, s1 in sentences:
        for claim in find_superlatives(text[s0:s1], s0):
            here = in_sentence.get(s0, [])
            # the figure it is about: the nearest matched figure before the superlative in the sentence
            # "remains the largest, with 16,000": a standing record may name its figure after it
            subject = [
                i for i in here for f in (figures[i],)
                if (f.end <= claim.start or claim.standing) and i in judgements
                and judgements[i].metric is not None and judgements[i].year is not None
                and judgements[i].verdict in ("agree", "conflict")
            ]
            at = [k for k in here if figures[k].start < claim.end and figures[k].end > claim.start]
            if not subject:
                for k in at:  # "the smallest in 15 years" with no figure to be the smallest: not a level
                    checks[k] = FigureCheck(
                        figures[k], "no_source",
                        f"Part of 'the {'lowest' if claim.low else 'highest'} {claim.phrase()}', but no figure before it in the "
                        "sentence says what was measured, so there is no series to check it against.",
                    )
                continue
            i = min(subject, key=lambda k: abs(figures[k].start - claim.start)) if claim.standing else max(subject, key=lambda k: figures[k].start)
            j = judgements[i]
            assert j.metric is not None and j.year is not None
            through = article_date.year if article_date else None
            verdict, reason, rows = judge_series(claim, figures[i], j.metric.key, j.metric.label, j.year, references, through)
            if claim.standing and not at:  # the verdict goes on the record's year where it is written ("the 2015 parade")
                at = [k for k in here if figures[k].kind == "year" and figures[k].value == j.year]
            if at:
                basis = "reference" if verdict != "no_source" else None
                checks[at[0]] = FigureCheck(figures[at[0]], verdict, reason, basis, rows)
            else:
                notes[i] = (verdict, reason)
    return checks, notes


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


def change_direction(fig: Figure, text: str) -> str | None:
    """ "up" / "down" when the figure is a change ("rose 5%", "3,000 fewer than"), else None.

    >>> f = Figure("3,000", 0, 5, 3000, 3000, 3000)
    >>> change_direction(f, "3,000 fewer than in 2022"), change_direction(f, "3,000 troops marched")
    ('down', None)
    >>> g = Figure("21", 19, 21, 21, 21, 21, trend="up")
    >>> change_direction(g, "the number rose to 21"), change_direction(g, "the number rose by 21")
    (None, 'up')
    """
    if _LEVEL_AFTER_CHANGE.search(text[max(0, fig.start - 40) : fig.start]):
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
        from factcheck.resolve.years import narrated_year, times_in

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


def year_hull(metric: str, year: int, references: list[Reference], unit: str | None) -> tuple[float, float, float] | None:
    """A year's (low, central, high) from its reported sources, hedges included, in ``unit``."""

    rows = [r for r in references if r.metric == metric and r.year == year and _in_unit(r, unit) is not None]
    for status in ("actual", "estimate", "claimed"):
        picked = [r for r in rows if r.status == status]
        if picked:
            spans = [plausible_span(ref_span_in(r, unit)) for r in picked]
            central = year_value(metric, year, references, unit)
            assert central is not None
            return min(s.lo for s in spans), central, max(s.hi for s in spans)
    return None


def judge_change(
    fig: Figure, text: str, direction: str, metrics: list[MetricRow], references: list[Reference], article_date: date | None
) -> tuple[str, str, tuple[Reference, ...], MetricRow | None]:
    """A change in the article against the change between two years of a series in the store."""
    from factcheck.resolve.match import context_of, rank_metrics

    relative = count_unit(fig.unit) == "percent"
    probe = Figure(fig.surface, fig.start, fig.end, fig.value, fig.low, fig.high, None if relative else fig.unit,
                   concept=fig.concept, sentence_start=fig.sentence_start, sentence_end=fig.sentence_end)
    cands = [c for c in rank_metrics(probe, context_of(probe, text), metrics) if not (relative and count_unit(c.metric.unit) == "percent")]
    years = change_years(fig, text, article_date)
    word = "a rise" if direction == "up" else "a fall"
    if not cands or years is None:
        return "no_source", f"A change ({word}), not a level; no series in the store to compute it from.", (), None
    base, now = years
    for c in cands:
        m = c.metric
        unit = count_unit(m.unit) if relative else count_unit(fig.unit)
        b, n = year_hull(m.key, base, references, unit), year_hull(m.key, now, references, unit)
        if b is None or n is None:
            continue
        corners = [(nv - bv) / bv * 100 if relative else nv - bv for bv in (b[0], b[2]) for nv in (n[0], n[2]) if not relative or bv]
        central = (n[1] - b[1]) / b[1] * 100 if relative and b[1] else n[1] - b[1]
        sign = 1 if direction == "up" else -1
        lo, hi = min(sign * x for x in corners), max(sign * x for x in corners)
        ok = claim_span(fig).overlaps(Span(lo, hi))
        u = "percent" if relative else unit
        rows = tuple(r for r in references if r.metric == m.key and r.year in (base, now) and r.status != "planned")
        moved = "rose" if central > 0 else "fell" if central < 0 else "did not change"
        low_c, high_c = sorted((sign * lo, sign * hi))
        reason = (
            f"{m.label}: {'agrees' if ok else 'conflicts'} with the change in the sources. "
            f"article: {word} of {describe_figure(fig)} from {base} to {now}; "
            f"sources: {with_unit(fmt_number(b[1]), unit)} in {base}, {with_unit(fmt_number(n[1]), unit)} in {now}, "
            f"so it {moved} by {_amount(abs(central), u)}"
            f" (the sources' hedges allow {_amount(low_c, u, signed=True)} to {_amount(high_c, u, signed=True)})."
        )
        return ("agree" if ok else "conflict"), reason, rows, m
    return "no_source", f"A change ({word}) from {base} to {now}; the store lacks one of those years for {cands[0].metric.label}.", (), None


def _amount(x: float, unit: str | None, signed: bool = False) -> str:
    """A change as a reader wants it: percentages to one decimal, signs when asked.

    >>> _amount(27.2727, "percent"), _amount(-4.76, "percent", signed=True), _amount(3000, None, signed=True)
    ('27.3%', '−4.8%', '+3,000')
    """
    text = f"{abs(x):.1f}%" if unit == "percent" else with_unit(fmt_number(abs(x)), unit)
    if signed:
        return ("−" if x < 0 else "+") + text
    return text


# --- ratios between years: "three times as many troops in 2015 as this year" ---------------

_TIMES_AFTER = re.compile(
    r"""
    ^[\s-]*times\s+
    (?:as\s+(?P<as>many|much|large|big|high)\b          # three times as many ... as
      |(?P<more>more|larger|bigger|higher|greater)\b     # three times more ... than
      |(?P<less>fewer|less|smaller|lower)\b)             # 2.5 times fewer ... than
    """,
    re.VERBOSE | re.IGNORECASE,
)
# What the figure is compared with: "as this year", "than in 2022", "as last year".
_OTHER_SIDE = re.compile(
    r"""
    \b(?:as|than)\s+(?:in\s+)?
    (?:(?P<year>(?:19|20)\d\d)\b|(?P<this>this\s+year)|(?P<last>last\s+year|a\s+year\s+earlier))
    """,
    re.VERBOSE | re.IGNORECASE,
)
TIMES_WORD_SHARE = 0.1  # "three times" written as a word allows ±10%


def ratio_claim(fig: Figure, text: str, article_date: date | None) -> tuple[int, int, bool] | None:
    """(year compared, year compared with, fewer) for "N times as many in Y1 as in Y2", else None."""
    m = _TIMES_AFTER.match(text[fig.end : fig.end + 40])
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


def judge_ratio(
    fig: Figure, text: str, claim: tuple[int, int, bool], metrics: list[MetricRow], references: list[Reference]
) -> tuple[str, str, tuple[Reference, ...]]:
    """ "Three times as many troops in 2015 as this year" against the series' two years."""
    from factcheck.resolve.match import context_of, rank_metrics

    y1, y2, fewer = claim
    probe = Figure(fig.surface, fig.start, fig.end, fig.value, fig.low, fig.high, None,
                   sentence_start=fig.sentence_start, sentence_end=fig.sentence_end)
    for c in rank_metrics(probe, context_of(probe, text), metrics):
        unit = count_unit(c.metric.unit)
        a, b = year_hull(c.metric.key, y1, references, unit), year_hull(c.metric.key, y2, references, unit)
        if a is None or b is None or min(a[0], b[0]) <= 0:
            continue
        if fewer:  # "2.5 times fewer in 2023 than in 2022": the other year over this one
            a, b = b, a
        central = a[1] / b[1]
        lo, hi = a[0] / b[2], a[2] / b[0]
        span = claim_span(fig)
        if fig.qualifier == "exact":
            slack = max(rounding_step(fig.value, fig.surface) / 2, TIMES_WORD_SHARE * fig.value)
            span = Span(fig.value - slack, fig.value + slack)
        ok = span.overlaps(Span(lo, hi))
        rows = tuple(r for r in references if r.metric == c.metric.key and r.year in (y1, y2) and r.status != "planned")
        big, small = (y2, y1) if fewer else (y1, y2)
        reason = (
            f"{c.metric.label}: {'agrees' if ok else 'conflicts'} with the sources. article: {fig.surface} times "
            f"{'fewer' if fewer else 'as many'} in {y1 if not fewer else y2} as in {y2 if not fewer else y1}; "
            f"sources: {with_unit(fmt_number(a[1]), unit)} in {big} and {with_unit(fmt_number(b[1]), unit)} in {small}, "
            f"a ratio of {central:.2f} (the sources' hedges allow {lo:.2f}–{hi:.2f})."
        )
        return ("agree" if ok else "conflict"), reason, rows
    return "no_source", f"A ratio between {y1} and {y2}; the store lacks one of those years for what is counted.", ()
