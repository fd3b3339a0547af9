"""The article checked against itself (``basis: internal``).

- conversions given side by side ("3 kilometres [1.9 miles]"), rounding-aware: right when the
  exact conversion rounds to the precision written (3 km = 1.864 mi, so "1.9 miles" is right);
- anniversaries and ages ("the 78th anniversary" in 2023 → an event in 1945; "aged 70 ... born
  in 1953"), against a year stated in the article or a year-valued metric in the store;
- parts and totals ("64 killed and 87 wounded, 151 casualties in all"; shares that should make 100%).

Which figures relate, and how, is read from the text once by ``resolve/relations.py``; here the
relations are only checked with arithmetic, so the judge never reads the article.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pint

from factcheck.memo import last_call
from factcheck.figures import Figure, FigureCheck, Reference
from factcheck.judge.intervals import approx_margin, claim_span, fmt_amount, fmt_number, rounding_step, with_unit
from factcheck.resolve.claim import table_claim
from factcheck.resolve.match import count_unit, rank_metrics
from factcheck.resolve.relations import Relations
from factcheck.store.db import MetricRow
from factcheck.units import convert

FRACTION_WORD_SHARE = 0.1  # "half" written in words is about half: ±10%


@dataclass(frozen=True)
class InternalCheck:
    """An internal verdict for one figure; ``own`` when it is the figure's own test (a restatement)."""

    check: FigureCheck
    own: bool = True


def check_conversion(fa: Figure, fb: Figure) -> tuple[bool, str]:
    """Is ``fb`` the conversion of ``fa``, rounded to the precision ``fb`` is written with?"""
    exact = convert(fa.value, count_unit(fa.unit), count_unit(fb.unit))
    step = rounding_step(fb.value, fb.surface)
    tol = step / 2 + 1e-9 * max(1.0, abs(exact))
    if fb.qualifier == "approx":
        tol = max(tol, approx_margin(fb.value, fb.surface))
    ok = abs(exact - fb.value) <= tol
    a = with_unit(fmt_number(fa.value), count_unit(fa.unit))
    conv = with_unit(fmt_number(exact), count_unit(fb.unit))
    b = with_unit(fmt_number(fb.value), count_unit(fb.unit))
    if ok:
        return True, f"the article's conversion is right: {a} = {conv}, which rounds to the {b} written"
    return False, f"the article's conversion is wrong: {a} = {conv}, not {b} (even allowing for rounding to {fmt_number(step)})"


@last_call  # one check asks once per anniversary, with the same lists
def year_valued_metrics(metrics: list[MetricRow], references: list[Reference]) -> list[MetricRow]:
    """Metrics whose values are calendar years (the year a war ended), for anniversaries."""
    by_metric: dict[str, list[Reference]] = {}
    for r in references:
        by_metric.setdefault(r.metric, []).append(r)
    out = []
    for m in metrics:
        rows = by_metric.get(m.key, [])
        if rows and not count_unit(m.unit) and all(1000 <= r.value <= 2200 and float(r.value).is_integer() for r in rows) and all(
            r.year is None or r.year == r.value for r in rows
        ):
            out.append(m)
    return out


def anniversary_year(fig: Figure, article_date: date | None, event_years: tuple[int, ...] = ()) -> tuple[int | None, str]:
    """The year in which the anniversary falls: the figure's stated year, else the article's.

    A year written after "anniversary of" is the event's, not the anniversary's.
    """
    if fig.year is not None and fig.year_source not in (None, "article") and fig.year not in event_years:
        return fig.year, ""
    if article_date is not None:
        return article_date.year, " (assumed: article's year)"
    return fig.year, " (assumed: article's year)" if fig.year else ""


def check_anniversary(
    relations: Relations, i: int, fig: Figure, references: list[Reference], metrics: list[MetricRow], article_date: date | None
) -> FigureCheck | None:
    """ "78th anniversary" in 2023 → the event was in 1945: against a year stated after it, or the store."""
    anniversary = relations.anniversaries.get(i)
    if anniversary is None:
        return None
    n = int(round(fig.value))
    after_years = anniversary.years_after
    when, note = anniversary_year(fig, article_date, after_years)
    if when is None:
        return None
    implied = when - n
    head = f"The {fmt_number(n)}{_suffix(n)} anniversary in {when}{note} puts the event in {implied}"
    stated = [y for y in after_years if y != when]
    if stated:
        ok = stated[0] == implied
        return FigureCheck(
            fig, "agree" if ok else "conflict",
            f"{head}; the article gives {stated[0]}" + ("." if ok else f", which would make it the {when - stated[0]}{_suffix(when - stated[0])}."),
            "internal",
        )
    # the event is named by the sentence's words, read with the relations, not by what the number counts
    yearly = year_valued_metrics(metrics, references)
    cands = rank_metrics(replace(fig, unit=None), anniversary.event, yearly)
    if not cands:
        return None
    m = cands[0].metric
    rows = [r for r in references if r.metric == m.key]
    years = sorted({int(r.value) for r in rows})
    ok = implied in years
    srcs = ", ".join(sorted({r.source.publisher for r in rows}))
    reason = f"{head}; {m.label}: {', '.join(map(str, years))} ({srcs})."
    if not ok:
        reason += f" It would be the {when - years[0]}{_suffix(when - years[0])}."
    claim = table_claim(m, None, f"'{fmt_number(n)}{_suffix(n)} anniversary' in {when}: the event's year")
    return FigureCheck(fig, "agree" if ok else "conflict", reason, "internal", tuple(rows), len(years) > 1, claim)


def _suffix(n: int) -> str:
    """English ordinal suffix: 1st, 2nd, 3rd, 11th, 78th.

    >>> [_suffix(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 78)]
    ['st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'st', 'th']
    """
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def check_age(relations: Relations, i: int, fig: Figure, article_date: date | None) -> FigureCheck | None:
    """ "aged 70" / "70-year-old" against a birth year stated in the same or the previous sentence."""
    b = relations.birth_years.get(i)
    if b is None:
        return None
    when, note = anniversary_year(fig, article_date, (b,))
    if when is None:
        return None
    n = int(round(fig.value))
    ok = n in (when - b, when - b - 1)
    reason = f"Born in {b}, the person is {when - b - 1} or {when - b} in {when}{note}; the article says {n}."
    return FigureCheck(fig, "agree" if ok else "conflict", reason, "internal")


def check_totals(relations: Relations, figures: list[Figure]) -> dict[int, FigureCheck]:
    """A stated total against the parts named beside it in the same sentence."""
    out: dict[int, FigureCheck] = {}
    for i, total in relations.totals.items():
        f, parts = figures[i], total.parts
        lo = sum(claim_span(figures[j]).lo for j in parts)
        hi = sum(claim_span(figures[j]).hi for j in parts)
        tot = claim_span(f)
        named = " + ".join(figures[j].surface for j in parts)
        exact = sum(figures[j].value for j in parts)
        total_words = fmt_number(exact) if lo == hi else f"{fmt_number(exact)} (with rounding {fmt_number(lo)}–{fmt_number(hi)})"
        if total.inclusive:
            ok = lo <= tot.hi
            reason = f"The parts named ({named} = {total_words}) {'fit within' if ok else 'exceed'} the stated total of {f.surface}."
        else:
            ok = lo <= tot.hi and hi >= tot.lo
            reason = f"The parts named ({named}) add up to {total_words}; the article's total is {f.surface}."
        out[i] = FigureCheck(f, "agree" if ok else "conflict", reason, "internal")
    return out


def check_shares(relations: Relations, figures: list[Figure]) -> dict[int, FigureCheck]:
    """ "51 ..., less than half the 131": the share stated against the two figures it relates."""
    out: dict[int, FigureCheck] = {}
    for i, p, w in relations.shares:
        f, part, whole = figures[i], figures[p], figures[w]
        pct = count_unit(f.unit) == "percent"
        if whole.value == 0:
            continue
        ratio = part.value / whole.value * (100 if pct else 1)
        span = claim_span(f)
        if f.qualifier == "exact":
            slack = rounding_step(f.value, f.surface) / 2 if pct else abs(f.value) * FRACTION_WORD_SHARE
            span = type(span)(f.value - slack, f.value + slack)
        ok = span.contains(ratio)
        shown = f"{ratio:.1f}%" if pct else f"{ratio:.2f}"
        reason = f"{part.surface} / {whole.surface} = {shown}, which {'fits' if ok else 'does not fit'} '{f.surface}'."
        out[i] = FigureCheck(f, "agree" if ok else "conflict", reason, "internal")
    return out


def check_products(relations: Relations, figures: list[Figure]) -> dict[int, FigureCheck]:
    """ "a strip 3 km wide and 2.6 km deep, 7.8 sq km": an area written after its two sides should be their product."""
    out: dict[int, FigureCheck] = {}
    for i, s1, s2 in relations.products:
        area, a, b = figures[i], figures[s1], figures[s2]
        ua = count_unit(area.unit)
        if ua is None:
            continue
        try:
            exact = convert(a.value, count_unit(a.unit), "meter") * convert(b.value, count_unit(b.unit), "meter")
            exact = convert(exact, "square_meter", ua)
        except pint.DimensionalityError:
            continue
        tol = rounding_step(area.value, area.surface) / 2 + 1e-9 * max(1.0, abs(exact))
        if area.qualifier == "approx":
            tol = max(tol, approx_margin(area.value, area.surface))
        ok = abs(exact - area.value) <= tol
        reason = (f"{a.surface} × {b.surface} = {fmt_amount(exact, ua)}, "
                  + (f"which rounds to the {area.surface} written." if ok else f"not {area.surface}."))
        out[i] = FigureCheck(area, "agree" if ok else "conflict", reason, "internal")
    return out


def check_percent_sums(relations: Relations, figures: list[Figure]) -> dict[int, FigureCheck]:
    """Three or more shares in one sentence that look like a whole (95–105% in sum) should make 100%."""
    out: dict[int, FigureCheck] = {}
    for idx in relations.percent_groups:
        total = sum(figures[i].value for i in idx)
        if not 95 <= total <= 105:
            continue
        slack = sum(rounding_step(figures[i].value, figures[i].surface) / 2 for i in idx)
        ok = abs(total - 100) <= slack + 1e-9
        listed = " + ".join(figures[i].surface for i in idx)
        reason = f"The shares in this sentence ({listed}) add up to {fmt_number(total)}%" + (
            ", 100% within rounding." if ok else f", not 100% (rounding allows ±{fmt_number(slack)})."
        )
        for i in idx:
            out[i] = FigureCheck(figures[i], "agree" if ok else "conflict", reason, "internal")
    return out


def check_internal(
    relations: Relations,
    figures: list[Figure],
    references: list[Reference],
    metrics: list[MetricRow],
    article_date: date | None,
) -> dict[int, InternalCheck]:
    """Every internal check that applies, by figure index."""
    out: dict[int, InternalCheck] = {}
    for a, b in relations.conversions:
        try:
            ok, why = check_conversion(figures[a], figures[b])
        except pint.DimensionalityError:
            continue
        verdict = "agree" if ok else "conflict"
        out[b] = InternalCheck(FigureCheck(figures[b], verdict, why[0].upper() + why[1:] + ".", "internal"), own=True)
        out[a] = InternalCheck(FigureCheck(figures[a], verdict, f"Given in two units; {why}.", "internal"), own=False)
    for i, f in enumerate(figures):
        if i in out:
            continue
        fc = check_anniversary(relations, i, f, references, metrics, article_date)
        if fc is None:
            fc = check_age(relations, i, f, article_date)
        if fc is not None:
            out[i] = InternalCheck(fc, own=True)
    for i, fc in {**check_totals(relations, figures), **check_percent_sums(relations, figures)}.items():
        out.setdefault(i, InternalCheck(fc, own=False))
    for i, fc in {**check_shares(relations, figures), **check_products(relations, figures)}.items():
        out.setdefault(i, InternalCheck(fc, own=True))
    return out
