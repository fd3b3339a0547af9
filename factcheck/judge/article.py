"""Every figure of an article judged: its claim's references, the article's own checks, the series.

``check_figures`` is the judge's entry point. For each figure it takes, in order: a checker's
corrected claim, a statistic of a country (``resolve.claim``), a ratio or a change, and else a
newsroom table's match (``compare.match_and_judge``); then the article's internal checks
(``internal``) and superlatives over a series (``series``) add to or replace those verdicts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pint

from factcheck.figures import Claim, Figure, FigureCheck, Reference
from factcheck.judge.compare import (
    NOT_CHECKABLE_KINDS,
    as_percent,
    is_movement,
    is_position,
    is_rate,
    is_time_reference,
    judge,
    match_and_judge,
    not_checkable,
)
from factcheck.judge.internal import check_internal, is_proportion
from factcheck.judge.judgement import Judgement
from factcheck.judge.series import change_direction, check_series, judge_change, judge_ratio, ratio_claim
from factcheck.resolve.claim import Statistics, statistic_claim
from factcheck.resolve.match import count_unit, references_for
from factcheck.resolve.relations import read_relations
from factcheck.resolve.statistic import Abstention
from factcheck.store.db import MetricRow
from factcheck.store.retrieve import MetricProfile, StoreIndex


def table_unit(fig: Figure, rows: list[Reference]) -> Figure:
    """A bare number takes the unit of the table it was read against ("GNI per capita (international $) … 7,845").

    The resolver reads a bare number as a table's only when its sentence names that unit, or a
    checker set the reading; either way it is compared in the table's unit.
    """
    unit = next((r.unit for r in rows if r.unit), None)
    if count_unit(fig.unit) is not None or count_unit(unit) is None:
        return fig
    return replace(fig, unit=unit, kind="money" if count_unit(unit) != "percent" and len(unit or "") == 3 else fig.kind)


def judge_statistic(
    fig: Figure,
    text: str,
    figures: list[Figure],
    stats: Statistics,
    article_date: date | None,
) -> Judgement | Abstention:
    """A figure read as a statistic of one country, judged against that country's rows only."""
    read = statistic_claim(fig, text, figures, stats, article_date)
    if isinstance(read, Abstention):
        return read
    claim, note = read
    rows = stats.rows(claim.metric, claim.entity)
    dated = references_for(claim.metric, claim.year, rows)
    if not dated:
        years = sorted({r.year for r in rows if r.year is not None})
        have = f"the store has {years[0]}–{years[-1]}" if len(years) > 1 else f"the store has {years[0]}" if years else "the store has none"
        return Judgement("no_source", f"No source for {claim.read_as()} ({have}).", (), claim=claim)
    j = judge(table_unit(fig, dated), text, dated, claim.year, note, article_date)
    j.claim = claim
    if j.verdict == "conflict" and note.startswith("assumed"):
        # a statistic changes every year: a sentence that gives no year may speak of another one
        return Judgement("no_source", f"{claim.read_as()}: the sentence gives no year, so it is not compared "
                         f"as a conflict; {j.reason}", j.references, claim=claim)
    j.reason = f"{claim.metric_label}, {claim.entity}: {j.reason}"
    return j


def judge_corrected(
    fig: Figure, text: str, claim: Claim, references: list[Reference], metrics: list[MetricRow], article_date: date | None
) -> Judgement:
    """A figure judged against the claim a checker set: that metric, that entity (when given), that year."""
    label = next((m.label for m in metrics if m.key == claim.metric), claim.metric_label)
    claim = replace(claim, metric_label=label, corrected=True, why=claim.why or "set by the checker")
    rows = [r for r in references if not claim.entity or r.entity == claim.entity]
    dated = references_for(claim.metric, claim.year, rows)
    if not dated:
        return Judgement("no_source", f"No source for {claim.read_as()} (as the checker set it).", (), claim=claim)
    try:
        j = judge(table_unit(fig, dated), text, dated, claim.year, "", article_date)
    except pint.DimensionalityError as e:
        return Judgement("no_source", f"Units do not match: {e.units1} vs {e.units2}.", (), claim=claim)
    j.claim = claim
    j.reason = f"{claim.read_as()} (as the checker set it): {j.reason}"
    return j


def check_figures(
    text: str,
    figures: list[Figure],
    references: list[Reference],
    metrics: list[MetricRow],
    article_date: date | None,
    corrected: dict[str, Claim] | None = None,
    profiles: dict[str, MetricProfile] | None = None,
    entities: tuple[tuple[str, str], ...] = (),
    index: StoreIndex | None = None,
) -> list[FigureCheck]:
    """One FigureCheck per figure, same order: internal and series checks, else the references.

    ``corrected`` maps a figure's key to the claim a checker set for it: that figure is judged
    against the references of that claim alone, whatever the resolver would have read.
    ``profiles`` are the store-wide facts about each metric when ``references`` are only the
    rows retrieved for this article (``check.check_article``).
    """
    results: list[FigureCheck | None] = [None] * len(figures)
    judgements: dict[int, Judgement] = {}
    stats = Statistics.of(metrics, references, profiles, entities, index)
    # a table by country needs the claim to name its country: the newsroom matcher never sees one
    metrics = [m for m in metrics if m.key not in stats.keys] if stats.metrics else metrics
    for i, fig in enumerate(figures):
        if not fig.checkable or fig.kind in NOT_CHECKABLE_KINDS or is_time_reference(fig, text):
            continue
        if corrected and fig.key() in corrected:
            judgements[i] = judge_corrected(fig, text, corrected[fig.key()], references, metrics, article_date)
            continue
        try:
            abstained: Abstention | None = None
            if stats.metrics:  # a statistic of a country first: "consumer prices rose 2.8%" is inflation's level
                read = judge_statistic(fig, text, figures, stats, article_date)
                if isinstance(read, Judgement):
                    judgements[i] = read
                    continue
                abstained = read
            ratio = ratio_claim(fig, text, article_date)
            if ratio is not None:  # "three times as many in 2015 as this year": a ratio of two years
                verdict, reason, rows = judge_ratio(fig, text, ratio, metrics, references)
                judgements[i] = Judgement(verdict, reason, rows)
                continue
            direction = change_direction(fig, text)
            if is_position(fig, text):
                judgements[i] = Judgement("no_source", "A distance that locates a place, not a length measured: nothing to compare it with.", ())
                continue
            if is_rate(fig, text):
                judgements[i] = Judgement("no_source", "A rate (so many per day or week), not a total: the store holds totals.", ())
                continue
            if is_proportion(fig) and direction is None:  # "less than half": a share of something, never a level
                judgements[i] = Judgement("no_source", "A proportion, not a count: nothing in the article or the store to take it of.", ())
                continue
            if direction is not None:  # a change is compared with a change, never with a level
                # "shrank by more than a quarter" is a relative change: 25%
                probe = as_percent(fig) if is_proportion(fig) else fig
                verdict, reason, rows, _metric = judge_change(probe, text, direction, metrics, references, article_date)
                judgements[i] = Judgement(verdict, reason, rows, metric=None)
                if verdict != "no_source" or not is_movement(fig):
                    continue
                # "retreated by up to 2 km": with no series to take a change from, a length moved is a distance
                level = match_and_judge(fig, text, references, metrics, article_date)
                if level.verdict != "no_source":
                    judgements[i] = level
                continue
            level = match_and_judge(fig, text, references, metrics, article_date)
            if level.verdict == "no_source" and abstained is not None and abstained.near and not level.reason.startswith("No source for"):
                level = Judgement("no_source", f"Not sure what this figure states: {abstained.reason}.", ())
            judgements[i] = level
        except pint.DimensionalityError as e:
            judgements[i] = Judgement("no_source", f"Units do not match: {e.units1} vs {e.units2}.", ())
    internal = check_internal(read_relations(text, figures, article_date), figures, references, metrics, article_date)
    series, series_notes = check_series(text, figures, judgements, references, article_date)
    for i, fig in enumerate(figures):
        j = judgements.get(i)
        if i in internal:
            ic = internal[i]
            if j is not None and j.verdict in ("agree", "conflict") and not ic.own:
                # the figure has its own source; the check inside the article is one more line
                fc = FigureCheck(fig, j.verdict, f"{j.reason} Inside the article: {ic.check.reason}", "reference", j.references, j.disputed, j.claim)
            elif j is not None and j.verdict == "no_source" and not ic.own and j.reason.startswith("No source for"):
                # a metric fits but has no source for the year: worth saying beside the internal check
                fc = FigureCheck(fig, ic.check.verdict, f"{ic.check.reason} Against sources: {j.reason}", "internal", ic.check.references, ic.check.disputed)
            else:
                fc = ic.check
        elif i in series:
            fc = series[i]
        elif j is not None:
            basis = "reference" if j.verdict in ("agree", "conflict") else None
            fc = FigureCheck(fig, j.verdict, j.reason, basis, j.references, j.disputed, j.claim)
        else:
            fc = not_checkable(fig, text)
        if i in series_notes:
            s_verdict, s_reason = series_notes[i]
            if s_verdict == "conflict" and fc.verdict == "agree":
                # the value is right but the record claimed for it is not: the sentence is wrong
                fc = FigureCheck(fc.figure, "conflict", f"The value agrees but the record claimed for it does not hold. {s_reason} {fc.reason}",
                                 "reference", fc.references, fc.disputed, fc.claim)
            else:
                fc = FigureCheck(fc.figure, fc.verdict, f"{fc.reason} {s_reason}", fc.basis, fc.references, fc.disputed, fc.claim)
        results[i] = fc
    return [r for r in results if r is not None]
