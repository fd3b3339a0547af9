"""Superlatives, changes and ratios against a series in the store: "the lowest number since 2008".

"Lowest since Y" holds when every year after Y up to the claim's year is higher than the claim
and Y itself is not; the years that break it are named. The metric and the claim's year come
from the figure the superlative is about (its reference match in ``compare``). What the article
says (the superlative, the change, the ratio, their years) is read once by ``resolve.trends``:
this module only weighs those readings against the series.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import date

import pint

from factcheck.figures import Figure, FigureCheck, Reference
from factcheck.judge.judgement import Judgement, ref_span_in
from factcheck.judge.intervals import Span, claim_span, describe_figure, fmt_amount, plausible_span, rounding_step
from factcheck.resolve.match import count_unit
from factcheck.resolve.trends import ArticleTrends, SeriesClaim
from factcheck.store.db import MetricRow
from factcheck.units import convert


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
    ties: list[str] = []
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
        # a tie is no break: "the most since 2015" of 13,000 holds when 2018 also had 13,000 (said so)
        if (claim.low and v < fig.value) or (not claim.low and v > fig.value):
            breaks.append(f"{y} ({fmt_amount(v, unit)})")
        elif v == fig.value:
            ties.append(f"{y} ({fmt_amount(v, unit)})")
    base = year_value(metric, first, references, unit) if claim.since is not None else None
    rows = tuple(r for r in references if r.metric == metric and first <= (r.year or 0) <= last and r.status != "planned")
    if not seen:
        return "no_source", f"No series of {label} before {year} to check 'the {word} {claim.phrase()}'.", ()
    head = f"'The {word} {claim.phrase()}' for {label} in {year} ({fmt_amount(fig.value, unit)})"
    if claim.standing:
        which = "Still the" if claim.still else "The"
        tail = "" if claim.still else " ever"
        head = f"'{which} {word}{tail}' for {label} in {year} ({fmt_amount(fig.value, unit)}), up to {last}"
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
            parts.append(f"{claim.since} had {fmt_amount(base, unit)}, not {'higher' if claim.low else 'lower'}")
        else:
            parts.append(f"but {claim.since} had {fmt_amount(base, unit)}, so the record goes back further")
    if ties:
        parts.append(f"equalled by {', '.join(ties)}")
    if planned_only:
        parts.append(f"only planned figures for {', '.join(map(str, planned_only))}")
    if gaps:
        parts.append(f"no data for {', '.join(map(str, gaps))}")
    verdict = "agree" if not breaks and base_ok else "conflict"
    return verdict, f"{head}: {'holds' if verdict == 'agree' else 'does not hold'}; " + "; ".join(parts) + ".", rows


def check_series(
    trends: ArticleTrends,
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
    for s0, claim in trends.superlatives:
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
            checks[at[0]] = FigureCheck(figures[at[0]], verdict, reason, basis, rows, claim=j.claim)
        else:
            notes[i] = (verdict, reason)
    return checks, notes


# --- changes: "down 27% on last year", "3,000 fewer than in 2022" ------------------------


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
    fig: Figure, years: tuple[int, int] | None, direction: str, series: Sequence[MetricRow], references: list[Reference]
) -> tuple[str, str, tuple[Reference, ...], MetricRow | None]:
    """A change in the article (``direction`` from ``years[0]`` to ``years[1]``) against the same two years of a series.

    ``series`` are the metrics the change may be of, best first (``resolve.trends.Trend``).
    """
    relative = count_unit(fig.unit) == "percent"
    cands = [m for m in series if not (relative and count_unit(m.unit) == "percent")]
    word = "a rise" if direction == "up" else "a fall"
    if not cands or years is None:
        return "no_source", f"A change ({word}), not a level; no series in the store to compute it from.", (), None
    base, now = years
    for m in cands:
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
            f"sources: {fmt_amount(b[1], unit)} in {base}, {fmt_amount(n[1], unit)} in {now}, "
            f"so it {moved} by {_amount(abs(central), u)}"
            f" (the sources' hedges allow {_amount(low_c, u, signed=True)} to {_amount(high_c, u, signed=True)})."
        )
        return ("agree" if ok else "conflict"), reason, rows, m
    return "no_source", f"A change ({word}) from {base} to {now}; the store lacks one of those years for {cands[0].label}.", (), None


def _amount(x: float, unit: str | None, signed: bool = False) -> str:
    """A change as a reader wants it: percentages to one decimal, signs when asked.

    >>> _amount(27.2727, "percent"), _amount(-4.76, "percent", signed=True), _amount(3000, None, signed=True)
    ('27.3%', '−4.8%', '+3,000')
    """
    written = f"{abs(x):.1f}%" if unit == "percent" else fmt_amount(abs(x), unit)
    if signed:
        return ("−" if x < 0 else "+") + written
    return written


# --- ratios between years: "three times as many troops in 2015 as this year" ---------------

TIMES_WORD_SHARE = 0.1  # "three times" written as a word allows ±10%


def judge_ratio(
    fig: Figure, ratio: tuple[int, int, bool], series: Sequence[MetricRow], references: list[Reference]
) -> tuple[str, str, tuple[Reference, ...]]:
    """ "Three times as many troops in 2015 as this year" against the series' two years.

    ``ratio`` is (year compared, year compared with, fewer) and ``series`` the metrics it may be of,
    best first (``resolve.trends.Trend``).
    """
    y1, y2, fewer = ratio
    for m in series:
        unit = count_unit(m.unit)
        a, b = year_hull(m.key, y1, references, unit), year_hull(m.key, y2, references, unit)
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
        rows = tuple(r for r in references if r.metric == m.key and r.year in (y1, y2) and r.status != "planned")
        big, small = (y2, y1) if fewer else (y1, y2)
        reason = (
            f"{m.label}: {'agrees' if ok else 'conflicts'} with the sources. article: {fmt_amount(fig.value, None)} times "
            f"{'fewer' if fewer else 'as many'} in {y1 if not fewer else y2} as in {y2 if not fewer else y1}; "
            f"sources: {fmt_amount(a[1], unit)} in {big} and {fmt_amount(b[1], unit)} in {small}, "
            f"a ratio of {central:.2f} (the sources' hedges allow {lo:.2f}–{hi:.2f})."
        )
        return ("agree" if ok else "conflict"), reason, rows
    return "no_source", f"A ratio between {y1} and {y2}; the store lacks one of those years for what is counted.", ()
