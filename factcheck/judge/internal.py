"""The article checked against itself (``basis: internal``).

- conversions given side by side ("3 kilometres [1.9 miles]"), rounding-aware: right when the
  exact conversion rounds to the precision written (3 km = 1.864 mi, so "1.9 miles" is right);
- anniversaries and ages ("the 78th anniversary" in 2023 → an event in 1945; "aged 70 ... born
  in 1953"), against a year stated in the article or a year-valued metric in the store;
- parts and totals ("64 killed and 87 wounded, 151 casualties in all"; shares that should make 100%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pint

from factcheck.figures import Figure, FigureCheck, Reference
from factcheck.judge.intervals import approx_margin, claim_span, fmt_number, rounding_step, with_unit
from factcheck.resolve.match import context_of, count_unit, rank_metrics
from factcheck.store.db import MetricRow
from factcheck.units import convert, same_dimension

# What may stand between a figure and its conversion: a bracket, "or", a slash.
_PAIR_GAP = re.compile(
    r"""
    ^\s*(?:
        [\[(]                       # 3 km (1.9 miles) / 3 km [1.9 miles]
      | ,?\s*or                     # 3 km, or 1.9 miles
      | /                           # 3 km/1.9 miles
    )\s*(?:about|around|roughly|some|nearly|almost|approximately|c\.|~)?\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

# "78th anniversary", "78 years since/after": the event lies N years before.
_ANNIVERSARY_AFTER = re.compile(
    r"""
    ^(?:st|nd|rd|th)?\s*             # an ordinal suffix the surface may have left out
    (?:-?\s*year\s+)?                # "78-year"
    (?:anniversary\b                 # 78th anniversary
      | years?\s+(?:since|after)\b   # 78 years since the victory
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)

# An age: "aged 70", "70-year-old", "70 years old".
_AGE_BEFORE = re.compile(r"\baged?\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(
    r"""
    ^(?:(?:-|\s)years?)?   # the unit, when the figure's surface stops before it
    (?:-|\s)old\b          # 70-year-old / 70 years old
    """,
    re.VERBOSE | re.IGNORECASE,
)
# "born in 1953", "born on 7 October 1952"
_BORN = re.compile(
    r"""
    \bborn\s+(?:in|on)?\s*          # born in / born on
    (?:[\w ]{0,20}?\s)?             # an optional day and month
    (?P<year>1[0-9]{3}|20[0-9]{2})\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?P<year>1[0-9]{3}|20[0-9]{2})\b")

# A figure that states a total of figures named beside it.
_TOTAL_BEFORE = re.compile(r"\b(?:a\s+total\s+of|in\s+total|in\s+all|altogether|overall|combined|total(?:ling|ing)?)\s*$", re.I)
_TOTAL_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:in\s+total|in\s+all|altogether|combined|overall)\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+which)\b", re.I)
# Right after a whole: "10,000 troops, including ...", "151 casualties, of whom ..."
_INCLUDING_AFTER = re.compile(r"^\s*(?:[A-Za-z-]+,?\s+){0,3}?(?:including|among\s+them|of\s+whom|of\s+which)\b", re.I)


# Between a share and the whole it is a share of: "half the 131", "39% of the 131".
_SHARE_OF = re.compile(r"^\s*(?:of\s+)?(?:the\s+|those\s+|its\s+|their\s+)?$", re.IGNORECASE)
FRACTION_WORD_SHARE = 0.1  # "half" written in words is about half: ±10%


def is_proportion(fig: Figure) -> bool:
    """A fraction written as a count ("less than half", "two-thirds"): a share, never a level."""
    return count_unit(fig.unit) is None and fig.kind == "count" and 0 < abs(fig.value) < 1


@dataclass(frozen=True)
class InternalCheck:
    """An internal verdict for one figure; ``own`` when it is the figure's own test (a restatement)."""

    check: FigureCheck
    own: bool = True


def _sentence(text: str, fig: Figure) -> str:
    return text[fig.sentence_start : fig.sentence_end] if fig.sentence_end > fig.sentence_start else text


def _same_sentence(a: Figure, b: Figure) -> bool:
    return a.sentence_start == b.sentence_start and a.sentence_end == b.sentence_end


def conversion_pairs(text: str, figures: list[Figure]) -> list[tuple[int, int]]:
    """Index pairs (original, restated) of figures written as one value in two units."""
    order = sorted(range(len(figures)), key=lambda i: figures[i].start)
    out = []
    for a, b in zip(order, order[1:]):
        fa, fb = figures[a], figures[b]
        ua, ub = count_unit(fa.unit), count_unit(fb.unit)
        if not ua or not ub or ua == ub or not same_dimension(ua, ub):
            continue
        if fb.start < fa.end or not _PAIR_GAP.match(text[fa.end : fb.start]):
            continue
        out.append((a, b))
    return out


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


def year_valued_metrics(metrics: list[MetricRow], references: list[Reference]) -> list[MetricRow]:
    """Metrics whose values are calendar years (the year a war ended), for anniversaries."""
    out = []
    for m in metrics:
        vals = [r.value for r in references if r.metric == m.key]
        if vals and not count_unit(m.unit) and all(1000 <= v <= 2200 and float(v).is_integer() for v in vals) and all(
            r.year is None or r.year == r.value for r in references if r.metric == m.key
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
    text: str, i: int, fig: Figure, figures: list[Figure], references: list[Reference], metrics: list[MetricRow], article_date: date | None
) -> FigureCheck | None:
    """ "78th anniversary" in 2023 → the event was in 1945: against a year stated after it, or the store."""
    # what follows the number, whether the extractor kept it in the surface ("76 years") or not ("78th")
    tail = re.sub(r"^\D*?[\d,.]+|^[A-Za-z-]+?(?=\s|$)", "", fig.surface, count=1) + text[fig.end : fig.end + 40]
    if not (_ANNIVERSARY_AFTER.match(tail.lstrip()) or _ANNIVERSARY_AFTER.match(tail) or "anniversar" in fig.surface.lower()):
        return None
    n = int(round(fig.value))
    sentence = _sentence(text, fig)
    rel = fig.end - fig.sentence_start
    after_years = tuple(int(m.group("year")) for m in _YEAR.finditer(sentence[rel:]))
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
    # the event is named by the sentence's words ("the defeat of Nazi Germany"), not by what the number counts
    probe = Figure(fig.surface, fig.start, fig.end, fig.value, fig.low, fig.high, None,
                   sentence_start=fig.sentence_start, sentence_end=fig.sentence_end)
    yearly = year_valued_metrics(metrics, references)
    cands = rank_metrics(probe, context_of(probe, text), yearly)
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
    return FigureCheck(fig, "agree" if ok else "conflict", reason, "internal", tuple(rows), len(years) > 1)


def _suffix(n: int) -> str:
    """English ordinal suffix: 1st, 2nd, 3rd, 11th, 78th.

    >>> [_suffix(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 78)]
    ['st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'st', 'th']
    """
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def check_age(text: str, fig: Figure, article_date: date | None) -> FigureCheck | None:
    """ "aged 70" / "70-year-old" against a birth year stated in the same or the previous sentence."""
    before = text[max(0, fig.start - 8) : fig.start]
    after = text[fig.end : fig.end + 20]
    if not (_AGE_BEFORE.search(before) or _AGE_AFTER.match(after) or re.search(r"year(s)?[- ]old", fig.surface, re.I)):
        return None
    window = text[max(0, fig.sentence_start - 300) : fig.sentence_end]
    born = _BORN.search(window)
    if not born:
        return None
    b = int(born.group("year"))
    when, note = anniversary_year(fig, article_date, (b,))
    if when is None:
        return None
    n = int(round(fig.value))
    ok = n in (when - b, when - b - 1)
    reason = f"Born in {b}, the person is {when - b - 1} or {when - b} in {when}{note}; the article says {n}."
    return FigureCheck(fig, "agree" if ok else "conflict", reason, "internal")


def check_totals(text: str, figures: list[Figure]) -> dict[int, FigureCheck]:
    """A stated total against the parts named beside it in the same sentence."""
    out: dict[int, FigureCheck] = {}
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for k, g in enumerate(figures):
        by_sentence.setdefault((g.sentence_start, g.sentence_end), []).append(k)
    for i, f in enumerate(figures):
        if f.kind in ("year", "date", "ordinal", "identifier") or f.kind == "percent":
            continue
        before = text[max(f.sentence_start, f.start - 25) : f.start]
        after = text[f.end : f.end + 30]
        # "10,000 troops, including 530 veterans": a whole followed by some of its parts
        whole_first = bool(_INCLUDING_AFTER.match(after))
        if not (_TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after) or whole_first):
            continue
        parts = [
            j for j in by_sentence[(f.sentence_start, f.sentence_end)]
            for g in (figures[j],)
            if j != i and g.kind == f.kind and count_unit(g.unit) == count_unit(f.unit)
            and g.kind not in ("year", "date", "ordinal")
            and g.value != f.value  # "Of the 45 seats, ... 45 in total": the whole named twice is not a part
            and (not whole_first or g.start > f.end)
        ]
        if len(parts) < (1 if whole_first else 2):
            continue
        lo = sum(claim_span(figures[j]).lo for j in parts)
        hi = sum(claim_span(figures[j]).hi for j in parts)
        tot = claim_span(f)
        including = bool(_INCLUDING.search(text[f.end : max(figures[j].start for j in parts)]))
        named = " + ".join(figures[j].surface for j in parts)
        exact = sum(figures[j].value for j in parts)
        total_words = fmt_number(exact) if lo == hi else f"{fmt_number(exact)} (with rounding {fmt_number(lo)}–{fmt_number(hi)})"
        if including:
            ok = lo <= tot.hi
            reason = f"The parts named ({named} = {total_words}) {'fit within' if ok else 'exceed'} the stated total of {f.surface}."
        else:
            ok = lo <= tot.hi and hi >= tot.lo
            reason = f"The parts named ({named}) add up to {total_words}; the article's total is {f.surface}."
        out[i] = FigureCheck(f, "agree" if ok else "conflict", reason, "internal")
    return out


def check_shares(text: str, figures: list[Figure]) -> dict[int, FigureCheck]:
    """ "51 ..., less than half the 131": the share stated against the two figures it relates."""
    out: dict[int, FigureCheck] = {}
    order = sorted(range(len(figures)), key=lambda k: figures[k].start)
    for pos, i in enumerate(order):
        f = figures[i]
        pct = count_unit(f.unit) == "percent"
        if not (is_proportion(f) or pct) or pos == 0 or pos + 1 >= len(order):
            continue
        part, whole = figures[order[pos - 1]], figures[order[pos + 1]]
        if not (_same_sentence(f, part) and _same_sentence(f, whole)) or not _SHARE_OF.match(text[f.end : whole.start]):
            continue
        if count_unit(part.unit) != count_unit(whole.unit) or part.kind in ("year", "date", "ordinal") or whole.kind != part.kind:
            continue
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


def check_products(text: str, figures: list[Figure]) -> dict[int, FigureCheck]:
    """ "a strip 3 km wide and 2.6 km deep, 7.8 sq km": an area written after its two sides should be their product."""
    out: dict[int, FigureCheck] = {}
    order = sorted(range(len(figures)), key=lambda k: figures[k].start)
    for pos, i in enumerate(order):
        area = figures[i]
        ua = count_unit(area.unit)
        if not ua or not same_dimension(ua, "square_meter"):
            continue
        sides = [k for k in order[:pos] if _same_sentence(figures[k], area) and count_unit(figures[k].unit)
                 and same_dimension(count_unit(figures[k].unit), "meter")][-2:]
        if len(sides) < 2:
            continue
        a, b = figures[sides[0]], figures[sides[1]]
        try:
            exact = convert(a.value, count_unit(a.unit), "meter") * convert(b.value, count_unit(b.unit), "meter")
            exact = convert(exact, "square_meter", ua)
        except pint.DimensionalityError:
            continue
        tol = rounding_step(area.value, area.surface) / 2 + 1e-9 * max(1.0, abs(exact))
        if area.qualifier == "approx":
            tol = max(tol, approx_margin(area.value, area.surface))
        ok = abs(exact - area.value) <= tol
        reason = (f"{a.surface} × {b.surface} = {with_unit(fmt_number(exact), ua)}, "
                  + (f"which rounds to the {area.surface} written." if ok else f"not {area.surface}."))
        out[i] = FigureCheck(area, "agree" if ok else "conflict", reason, "internal")
    return out


def check_percent_sums(text: str, figures: list[Figure]) -> dict[int, FigureCheck]:
    """Three or more shares in one sentence that look like a whole (95–105% in sum) should make 100%."""
    out: dict[int, FigureCheck] = {}
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, f in enumerate(figures):
        if f.kind == "percent" and f.trend is None and count_unit(f.unit) in (None, "percent"):
            by_sentence.setdefault((f.sentence_start, f.sentence_end), []).append(i)
    for idx in by_sentence.values():
        if len(idx) < 3:
            continue
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
    text: str,
    figures: list[Figure],
    references: list[Reference],
    metrics: list[MetricRow],
    article_date: date | None,
) -> dict[int, InternalCheck]:
    """Every internal check that applies, by figure index."""
    out: dict[int, InternalCheck] = {}
    for a, b in conversion_pairs(text, figures):
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
        fc = check_anniversary(text, i, f, figures, references, metrics, article_date) if f.kind in ("ordinal", "count", "duration") else None
        if fc is None and f.kind in ("count", "duration", "measure"):
            fc = check_age(text, f, article_date)
        if fc is not None:
            out[i] = InternalCheck(fc, own=True)
    for i, fc in {**check_totals(text, figures), **check_percent_sums(text, figures)}.items():
        out.setdefault(i, InternalCheck(fc, own=False))
    for i, fc in {**check_shares(text, figures), **check_products(text, figures)}.items():
        out.setdefault(i, InternalCheck(fc, own=True))
    return out
