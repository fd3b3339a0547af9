"""Figure + references → a verdict a checker can defend, with the reason in words.

``judge`` compares one figure with the sources of its claim; ``match_and_judge`` takes the
newsroom tables its reading ranks (``resolve.match.rank_metrics`` over the words read once in
``resolve.reading``) and judges the first with sources for its year (``resolve.years``). The
interval arithmetic is ``intervals.py``, the naming of sources ``attribution.py``. Sources that
disagree with each other are all shown and the check is marked ``disputed``. What the sentence
says (a plan, "as many as", who it attributes to) comes on the ``Reading``: no text is read here.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date

import pint

from factcheck.extract.numbers import number_words
from factcheck.judge.attribution import attributed_to, list_sources, published_after, published_key, who
from factcheck.memo import last_call
from factcheck.figures import Figure, FigureCheck, Reference
from factcheck.judge.judgement import Judgement, ref_span_in, ref_value_in
from factcheck.judge.intervals import (
    Span,
    approx_margin,
    claim_span,
    decimals_of,
    describe,
    describe_figure,
    normalise_qualifier,
    plausible_span,
    rounding_step,
    unit_symbol,
)
from factcheck.resolve.match import Candidate, closest_metrics, context_only_nearby, count_unit, rank_metrics, references_for, turned_from, years_of
from factcheck.store.db import MetricRow
from factcheck.units import same_dimension
from factcheck.resolve.claim import newsroom_claim
from factcheck.resolve.reading import Reading
from factcheck.resolve.years import target_year

RUNNER_UP_SHARE = 0.6  # a lower-ranked metric is tried only if it scores this share of the best
CLOSE_RIVAL_SHARE = 0.9  # a rival this close to the best reading that agrees makes a conflict a doubt


def describe_claim(fig: Figure, reading: Reading) -> str:
    """The article's figure in words, keeping "as many as" / "up to" where it was an upper estimate."""
    words = reading.upper_estimate
    if words:
        return f"{words} " + describe_figure(fig).removeprefix("at most ")
    return describe_figure(fig) + span_words(fig)


def span_words(fig: Figure) -> str:
    """The range a hedged or rounded figure allows, in brackets: " (7,200–8,800)"; "" for an exact point."""
    span = claim_span(fig)
    if not (math.isfinite(span.lo) and math.isfinite(span.hi)) or span.hi - span.lo <= 1e-9 * max(1.0, abs(fig.value)):
        return ""
    if fig.qualifier in ("less_than", "at_most", "more_than", "at_least"):
        return ""
    unit = count_unit(fig.unit)
    return f" ({describe('range', fig.value, unit, span.lo, span.hi)})"


def is_open(ref: Reference) -> bool:
    """A source with one open end ("more than 9,000", "up to 40,000"): it bounds a figure, it does not fix it."""
    return normalise_qualifier(ref.qualifier) in ("more_than", "at_least", "less_than", "at_most")


def agrees(fig: Figure, reading: Reading, ref: Reference) -> bool:
    """Does the claim's interval meet the source's (an "as many as X" must reach X)?"""
    unit = count_unit(fig.unit)
    rspan = ref_span_in(ref, unit)
    if reading.upper_estimate:
        m = approx_margin(fig.value, fig.surface)  # the X itself is rounded: "40,000" spans ±5,000
        return Span(fig.value - m, fig.value + m).overlaps(plausible_span(rspan))
    # a source's "more than 20,000" supports 21,000, not 40,000: its open end is read as people mean it
    return rounded_span(fig).overlaps(plausible_span(rspan))


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def event_month_differs(month: int | None, rows: list[Reference]) -> tuple[str, str] | None:
    """(the figure's month, the sources' month) when the figure is said of a month and every dated source
    of its year dates the event in one other month; None otherwise (undated sources decide nothing)."""
    if month is None:
        return None
    months = {int(r.date[5:7]) for r in rows if len(r.date) >= 7 and r.date[5:7].isdigit() and r.status == "actual"}
    if len(months) != 1 or month in months:
        return None
    return _MONTH_NAMES[month - 1], _MONTH_NAMES[months.pop() - 1]


def rounded_span(fig: Figure) -> Span:
    """The claim's interval, with a whole number written (exact or "about") read as rounded to its last digit.

    A statistic's source keeps decimals ("31.256%", "63.4 years") that an article rounds away: "31%"
    means 30.5–31.5%. Against a whole-number source (a count) this changes nothing; sums and
    conversions inside the article keep the exact ``claim_span``.
    """
    span = claim_span(fig)
    if fig.qualifier == "approx" and count_unit(fig.unit) == "percent" and span.lo < fig.value < span.hi:
        # "some 90%" is 85-95%, not 81-99%: a share's hedge reaches its rounding step, and a tenth of
        # the value only up to PERCENT_HEDGE_POINTS ("about 8%" is still 7.2-8.8%)
        m = max(rounding_step(fig.value, fig.surface) / 2, min(PERCENT_HEDGE_SHARE * abs(fig.value), PERCENT_HEDGE_POINTS))
        span = Span(fig.value - m, fig.value + m)
    if fig.qualifier not in ("exact", "approx") or decimals_of(fig.surface) != 0:
        return span
    # "about 2 tonnes" for 1.7: the hedge's share of the value is narrower than the digit's rounding
    return Span(min(span.lo, fig.value - 0.5), max(span.hi, fig.value + 0.5))


PERCENT_HEDGE_SHARE = 0.1  # a hedge reaches a tenth of the value either way ("about 8%" is 7.2-8.8%) ...
PERCENT_HEDGE_POINTS = 2.0  # ... but on a percentage at most this many points, beyond its rounding step


def sources_disagree(a: Reference, b: Reference, unit: str | None) -> bool:
    """Two sources disagree when neither's value lies in the other's (plausible) interval."""
    sa, sb = plausible_span(ref_span_in(a, unit)), plausible_span(ref_span_in(b, unit))
    va, vb = ref_value_in(a, unit), ref_value_in(b, unit)
    # an open end's own boundary counts as inside: two "more than 30,000" agree
    ca, cb = Span(sa.lo, sa.hi), Span(sb.lo, sb.hi)
    return not (sa.overlaps(sb) and (cb.contains(va) or ca.contains(vb)))


def _all(n: int) -> str:
    """ "the source", "both sources", "all 5 sources"."""
    return "the source" if n == 1 else "both sources" if n == 2 else f"all {n} sources"


def year_phrase(year: int | None, note: str) -> str:
    """ "year 2023 (assumed: article's year)" or "year 2020"."""
    if year is None:
        return "year unknown"
    return f"year {year}" + (f" ({note})" if note else "")


def vague_amount(fig: Figure) -> str:
    """The vague plural a figure is written with ("thousands", "tens of thousands"), else "".

    Such a word gives an order of magnitude, never a total, so it cannot contradict one.
    """
    if any(c.isdigit() for c in fig.surface):
        return ""
    low = fig.surface.lower()
    found = [w for w, nw in number_words().items() if nw.kind == "vague" and re.search(rf"\b{re.escape(w)}\b", low)]
    return max(found, key=len, default="")


def judge(
    fig: Figure,
    reading: Reading,
    rows: list[Reference],
    year: int | None,
    year_note: str,
    article_date: date | None,
) -> Judgement:
    """Compare a figure with every source for its metric and year and say why."""
    unit = count_unit(fig.unit)
    why = reading.not_a_count
    if why:  # "one of the flanks", "in a single day": a pronoun or idiom picks a member or frames, it counts nothing
        return Judgement("not_checkable", f"Not a figure: {why}.", (), year=year)
    if fig.caption:  # a photo caption: what the picture shows, not how many took part in all
        return Judgement(
            "no_source",
            f"A photo caption: it describes the picture, not the event; not compared with the sources "
            f"({list_sources(rows, unit, article_date)}).",
            (),
            year=year,
        )
    other_month = event_month_differs(reading.month, rows)
    if other_month:  # "In rehearsals in April, 4,000 marched": the table's event was in May
        return Judgement("no_source", f"Said of {other_month[0]}, but the sources count an event of {other_month[1]} "
                         f"({list_sources(rows, unit, article_date)}).", (), year=year)
    future = reading.plan
    # Strongest evidence first: what was reported after the event, then outside estimates, then
    # one side's claims, then plans (plans first when the sentence itself speaks of a plan).
    actual = [r for r in rows if r.status == "actual"]
    estimate = [r for r in rows if r.status == "estimate"]
    claimed = [r for r in rows if r.status == "claimed"]
    planned = [r for r in rows if r.status == "planned"]
    # "Prigozhin said more than 20,000 ...": the article reports a claim, so the claim is the yardstick
    attributed = [r for r in claimed + estimate if attributed_to(r, reading.names)]
    if not attributed and (reading.reported or reading.quoted) and actual:
        # "a blogger estimated that N", or a figure in quotation marks: a speaker's figure is checked against what speakers
        # said (claims and outside estimates), never against counts alone; it agrees only if one matches
        attributed = [r for r in claimed + estimate if agrees(fig, reading, r)]
    order = [planned, actual, estimate, claimed] if future else [actual, estimate, claimed, planned]
    if attributed:
        order = [attributed] + order
    primary = next((g for g in order if g), rows)
    independent = actual + estimate or primary

    agree_refs: list[Reference] = []
    conflict_refs: list[Reference] = []
    for r in primary:
        (agree_refs if agrees(fig, reading, r) else conflict_refs).append(r)
    disputed = any(sources_disagree(a, b, unit) for i, a in enumerate(independent) for b in independent[i + 1 :])

    notes: list[str] = []
    bounded_against = [r for r in conflict_refs if not is_open(r)]
    if agree_refs and bounded_against and all(is_open(r) for r in agree_refs):
        # "more than 9,000" leaves room for 11,000; "about 9,000" beside it says how much: the bounded figures decide
        notes.append(
            "only open-ended figures (" + list_sources(agree_refs, unit, article_date)
            + ") leave room for it; the sources that give a figure do not reach it"
        )
        conflict_refs = conflict_refs + agree_refs
        agree_refs = []
    if not conflict_refs:
        verdict = "agree"
        head = "Agrees with " + _all(len(primary))
    elif not agree_refs:
        verdict = "conflict"
        head = "Conflicts with " + _all(len(primary))
    else:
        n_for = len({who(r) for r in agree_refs})
        n_against = len({who(r) for r in conflict_refs})
        before = [r for r in primary if not published_after(r, article_date) and published_key(r)]
        latest = max(before, key=published_key) if before else None
        if n_for >= n_against:
            verdict = "agree"
            head = f"Agrees with {n_for} of {n_for + n_against} sources"
        elif latest is not None and latest in agree_refs and published_key(latest) > max(
            (published_key(r) for r in conflict_refs if not published_after(r, article_date)), default=""
        ):
            verdict = "agree"
            head = f"Agrees with the latest source before the article ({who(latest)}, {latest.source.published})"
            notes.append(f"{n_against} earlier source(s) differ")
        else:
            verdict = "conflict"
            head = f"Conflicts with {n_against} of {n_for + n_against} sources"
            notes.append("only " + ", ".join(sorted({who(r) for r in agree_refs})) + " supports it")

    if reading.upper_estimate:
        notes.append(f"'{reading.upper_estimate}' offers the figure as the top estimate, so a source must reach it")
    if primary is planned and not future:
        notes.append("rests only on a planned figure, announced before the event")
    if primary is estimate:
        notes.append("rests on estimates by " + ", ".join(sorted({who(r) for r in estimate})))
    elif primary is actual and estimate and verdict == "conflict" and any(agrees(fig, reading, r) for r in estimate):
        notes.append("only an outside estimate (" + ", ".join(sorted({who(r) for r in estimate if agrees(fig, reading, r)})) + ") reaches it; reported figures come first")
    if primary is actual and planned and not future:
        plan_ok = [r for r in planned if agrees(fig, reading, r)]
        if verdict == "conflict" and plan_ok:
            notes.append("matches the planned figure but not what was reported afterwards")
    if primary is attributed:
        names = sorted({r.claimant.split("(")[0].strip() or who(r) for r in attributed})
        notes.append(f"the article attributes it to {', '.join(names)}, so it is checked against that claim; not independently confirmed")
        others = [r for r in actual if not agrees(fig, reading, r)]
        if others:
            notes.append("reported figures differ: " + list_sources(others, unit, article_date))
    elif primary is claimed:
        notes.append("claimed by " + ", ".join(sorted({who(r) for r in claimed})) + "; not independently confirmed")
    if disputed:
        notes.append("sources disagree with each other")

    vague = vague_amount(fig)
    if vague and verdict == "conflict":
        # "thousands of lives" says how big, not how many: against a total it is at best compatible
        return Judgement(
            "no_source",
            f"A vague amount: '{vague}' gives only an order of magnitude ({describe_figure(fig)}), "
            f"not a total to hold against the sources ({list_sources(list(rows), unit, article_date)}), {year_phrase(year, year_note)}.",
            (),
            year=year,
        )
    if vague:
        notes.append(f"a vague amount: '{vague}' is checked only as an order of magnitude")
    shown_rows = list(rows)
    reason = (
        f"{head}. article: {describe_claim(fig, reading)}, {year_phrase(year, year_note)}; "
        f"{'source' if len(shown_rows) == 1 else 'sources'}: {list_sources(shown_rows, unit, article_date)}"
    )
    if notes:
        reason += ". " + "; ".join(n[0].upper() + n[1:] for n in notes)
    return Judgement(verdict, reason + ".", tuple(shown_rows), disputed, year=year, agreeing=agree_refs)


MAGNITUDE_FACTOR = 10.0  # a metric whose sources are all this far off is probably another thing
UNRELATED_FACTOR = 100.0  # ... and this far off, certainly: never matched


def magnitude_gap(fig: Figure, metric_key: str, references: list[Reference]) -> float:
    """How many times the nearest source of a metric is above or below the figure (1 = same size)."""
    vals = []
    for r in references:
        if r.metric == metric_key:
            try:
                vals.append(abs(ref_value_in(r, count_unit(fig.unit))))
            except pint.DimensionalityError:
                continue
    vals = [v for v in vals if v > 0]
    if not vals or fig.value == 0:
        return 1.0
    return min(max(v, abs(fig.value)) / min(v, abs(fig.value)) for v in vals)


def bare_count(fig: Figure) -> bool:
    """A count with no noun of its own and no unit: what it counts is read from around it."""
    return fig.kind == "count" and not fig.counted and count_unit(fig.unit) is None


def by_magnitude(fig: Figure, cands: list[Candidate], references: list[Reference]) -> list[Candidate]:
    """Among near-equal candidates, put last those whose sources are an order of magnitude away.

    "20,000 fighters died" is not about an episode in which 500 were lost, even when both
    metrics share every word: a checker tells them apart by size, and so do we. Only
    candidates scoring close to the best are reordered. A metric whose every source is a
    hundred times off is dropped: "his 50,000 fighters" is not a tally of 500 dead, and a
    conflict would be forced (ten times off is kept: that is an error worth flagging).
    """
    if fig.value == 0:
        return cands
    # A bare number ("drew about 14,000") says nothing of what it counts: the reading is inferred,
    # and a tenfold gap says the inference is wrong sooner than the figure. A figure that names its
    # noun ("14,000 vehicles") keeps the tenfold conflict, an error worth flagging.
    unrelated = MAGNITUDE_FACTOR if bare_count(fig) else UNRELATED_FACTOR
    cands = [c for c in cands if magnitude_gap(fig, c.metric.key, references) < unrelated]
    if len(cands) < 2:
        return cands
    best = cands[0].score
    near = [c for c in cands if c.score >= RUNNER_UP_SHARE * best]
    rest = [c for c in cands if c not in near]

    def off(c: Candidate) -> bool:
        return magnitude_gap(fig, c.metric.key, references) >= MAGNITUDE_FACTOR

    return [c for c in near if not off(c)] + [c for c in near if off(c)] + rest


def match_and_judge(
    fig: Figure,
    reading: Reading,
    references: list[Reference],
    metrics: list[MetricRow],
    article_date: date | None,
) -> Judgement:
    """Match a figure to its best metric with sources for its year and judge it; else no_source."""
    ranked = rank_metrics(fig, reading.context, metrics) if reading.context is not None else []
    cands: list[Candidate] = by_magnitude(fig, ranked, references)
    if cands:
        best = cands[0].score
        for c in cands:
            if c.score < RUNNER_UP_SHARE * best:
                break
            year, note = target_year(fig, article_date, references, c.metric.key, reading.comparison_year)
            rows = references_for(c.metric.key, year, references)
            if rows:
                j = judge(fig, reading, rows, year, note, article_date)
                j.metric = c.metric
                j.claim = newsroom_claim(c, year, note)
                j.reason = f"{c.metric.label}: {j.reason}"
                rivals = same_number_elsewhere(j.agreeing, references, metrics)
                if rivals:
                    j.disputed = True
                    j.references = j.references + tuple(r for _, r in rivals)
                    by_label: dict[str, list[Reference]] = {}
                    for label, r in rivals:
                        by_label.setdefault(label, []).append(r)
                    j.reason += " Other sources count the same number as something else: " + "; ".join(
                        f"{label} ({list_sources(rs, count_unit(fig.unit), article_date)})" for label, rs in by_label.items()
                    ) + "."
                if j.verdict == "conflict" and (said := context_only_nearby(c)):
                    return Judgement(
                        "no_source",
                        f"Not sure what this figure states: its own sentence names {c.metric.label} only by the context word "
                        f"'{said}', and its name is said further away. {j.reason}",
                        j.references,
                    )
                if j.verdict == "conflict":
                    return unsure_between(fig, reading, c, j, cands, references, article_date)
                return j
    return no_source(fig, reading, references, metrics, article_date, cands)


def unsure_between(
    fig: Figure, reading: Reading, chosen: Candidate, j: Judgement, cands: list[Candidate], references: list[Reference],
    article_date: date | None,
) -> Judgement:
    """A conflict stands only when no reading nearly as likely agrees.

    Two tables can fit one figure almost equally well (all the dead, or the convicts among
    them): if the figure agrees with the near rival, what it counts is in doubt, and a doubt
    is "no source" with both readings named, never a conflict.
    """
    for rival in cands:
        if rival is chosen or rival.score < CLOSE_RIVAL_SHARE * chosen.score:
            continue
        year, note = target_year(fig, article_date, references, rival.metric.key, reading.comparison_year)
        rows = references_for(rival.metric.key, year, references)
        if rows and judge(fig, reading, rows, year, note, article_date).verdict == "agree":
            return Judgement(
                "no_source",
                f"Not sure what this counts: read as {chosen.metric.label} it conflicts with the sources; "
                f"read as {rival.metric.label} it agrees. {j.reason}",
                j.references,
            )
    return j


def same_number_elsewhere(rows: list[Reference], references: list[Reference], metrics: list[MetricRow]) -> list[tuple[str, Reference]]:
    """Sources filing the value the figure agrees with, for the same entity, year and unit, under another metric.

    Translations of one statement can call the same 87 "wounded" or "still being confirmed":
    what the number counts is then disputed, whatever the figure's own sources say.
    """
    if not rows:
        return []
    labels, filed = _filed_numbers(references, metrics)
    metric = rows[0].metric
    keys = dict.fromkeys((r.entity, r.year, r.value, count_unit(r.unit)) for r in rows if r.entity)
    found = sorted((p for k in keys for p in filed.get(k, ())), key=lambda p: p[0])  # in the list's order
    return [(labels.get(r.metric, r.metric_label), r) for _, r in found if r.metric != metric and r.status != "planned"]


@last_call  # one check asks once per agreeing figure, with the same lists
def _filed_numbers(
    references: list[Reference], metrics: list[MetricRow]
) -> tuple[dict[str, str], dict[tuple[object, ...], list[tuple[int, Reference]]]]:
    """Metric labels, and the references by (entity, year, value, unit) with their place in the list."""
    filed: dict[tuple[object, ...], list[tuple[int, Reference]]] = {}
    for i, r in enumerate(references):
        filed.setdefault((r.entity, r.year, r.value, count_unit(r.unit)), []).append((i, r))
    return {m.key: m.label for m in metrics}, filed


def no_source(
    fig: Figure,
    reading: Reading,
    references: list[Reference],
    metrics: list[MetricRow],
    article_date: date | None,
    cands: list[Candidate],
) -> Judgement:
    """No source fits: say so, and name the closest metrics (never a forced match)."""
    why = reading.not_a_count
    if why:  # a pronoun "one" has no source because it is no figure: say that instead
        return Judgement("not_checkable", f"Not a figure: {why}.", ())
    parts: list[str] = []
    if cands:
        c = cands[0]
        year, note = target_year(fig, article_date, references, c.metric.key, reading.comparison_year)
        years = years_of(c.metric.key, references)
        near = [y for y in years if year is not None and abs(y - year) <= 2]
        detail = ""
        if near:
            y = min(near, key=lambda v: (abs(v - (year or v)), -v))
            rows = references_for(c.metric.key, y, references)
            detail = f" ({y}: {list_sources(rows[:3], count_unit(fig.unit), article_date)})"
        elif years:
            detail = f" (sources for {years[0]}–{years[-1]})" if len(years) > 1 else f" (sources for {years[0]})"
        reason = f"No source for {year_phrase(year, note)}; closest: {c.metric.label}{detail}."
        return Judgement("no_source", reason, ())
    closest = closest_metrics(reading.context, metrics) if reading.context is not None else []
    turned = ""
    if closest and reading.context is not None and turned_from(reading.context, metrics, closest[0]):
        # "moved 5,000 troops to Belgorod" in a parade article: say why the parade's table was not used
        turned = f": its clause says '{fig.verb}', which no table about {closest[0].entity or closest[0].label} names"
    for m in closest:
        dim = ""
        if (count_unit(m.unit) or "") != (count_unit(fig.unit) or ""):
            dim = f", a {unit_symbol(count_unit(m.unit)) or 'count'} not {unit_symbol(count_unit(fig.unit)) or 'a count'}"
        parts.append(f"{m.label}{dim}")
    reason = "No matching source in the reference data" + turned
    if parts:
        reason += "; closest: " + "; ".join(parts)
    return Judgement("no_source", reason + ".", ())


def as_percent(fig: Figure) -> Figure:
    """A fraction written in words ("a quarter") as the percentage it is (25%)."""
    return replace(fig, value=fig.value * 100, low=fig.low * 100, high=fig.high * 100, unit="percent", kind="percent")


def is_movement(fig: Figure) -> bool:
    """A length with a trend ("advanced 2 km", "fell back 2 km") can be a distance moved, not a change of a level."""
    unit = count_unit(fig.unit)
    return unit is not None and same_dimension(unit, "meter")


def not_checkable(fig: Figure, reading: Reading | None = None) -> FigureCheck:
    """A date, ordinal or identifier with no check that applies."""
    what = {"year": "a year", "date": "a date", "ordinal": "an ordinal", "identifier": "a name or identifier"}
    if reading is not None and reading.time_reference:
        return FigureCheck(fig, "not_checkable", "A time reference (when something happened), not a figure to check.")
    why = reading.not_a_count if reading is not None else ""
    if why:  # "one of the flanks": a pronoun or idiom, or the group a partitive picks from
        return FigureCheck(fig, "not_checkable", f"Not a figure: {why}.")
    return FigureCheck(
        figure=fig,
        verdict="not_checkable",
        reason=f"{what.get(fig.kind, 'Not a checkable figure').capitalize()}: nothing to check it against.",
    )
