"""Every figure of an article judged: its claim's references, the article's own checks, the series.

``judge_figures`` is the judge's entry point (``check.check_figures`` runs resolve, then it).
It gets each figure with its ``resolve.reading.Reading`` and never reads the text. For each
figure it takes, in order: a checker's corrected claim, the figure's claim as a country's
statistic (read by ``resolve.claim``), a ratio or a change, and else a newsroom table's match
(``compare.match_and_judge``); then the article's internal checks (``internal``) and
superlatives over a series (``series``) add to or replace those verdicts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pint

from factcheck.figures import Claim, Figure, FigureCheck, Reference
from factcheck.judge.compare import as_percent, is_movement, judge, match_and_judge, not_checkable
from factcheck.judge.internal import check_internal
from factcheck.resolve.relations import is_proportion
from factcheck.judge.judgement import Judgement
from factcheck.judge.series import check_series, judge_change, judge_ratio
from factcheck.resolve.claim import Statistics, table_claim, within_factor
from factcheck.resolve.match import count_unit, references_for
from factcheck.resolve.reading import ArticleReading, Reading, checkable
from factcheck.resolve.statistic import Abstention
from factcheck.resolve.statistic_units import label_measure, per_table_period, value_in_unit
from factcheck.store.db import MetricRow


def table_unit(fig: Figure, rows: list[Reference]) -> Figure:
    """A bare number takes the unit of the table it was read against ("GNI per capita (international $) … 7,845").

    The resolver reads a bare number as a table's only when its sentence names that unit, or a
    checker set the reading; either way it is compared in the table's unit.
    """
    unit = next((r.unit for r in rows if r.unit), None)
    if count_unit(fig.unit) is not None or count_unit(unit) is None:
        return fig
    return replace(fig, unit=unit, kind="money" if count_unit(unit) != "percent" and len(unit or "") == 3 else fig.kind)


_TURNED = {"more_than": "less_than", "less_than": "more_than", "at_least": "at_most", "at_most": "at_least"}


def negated(fig: Figure) -> Figure:
    """The figure with its sign turned, its bound too ("a deficit of more than 3%" is a balance below -3%)."""
    return replace(fig, value=-fig.value, low=-fig.high, high=-fig.low, qualifier=_TURNED.get(fig.qualifier, fig.qualifier))


def judge_statistic(fig: Figure, reading: Reading, stats: Statistics, article_date: date | None) -> Judgement | Abstention | None:
    """A figure read as a statistic of one country, judged against that country's rows only."""
    read = reading.statistic
    if read is None or isinstance(read, Abstention):
        return read
    claim, note = read
    if claim.negated:
        fig = negated(fig)  # "a deficit of 5.2% of GDP" against a balance stored as -5.2
    rows = stats.rows(claim.metric, claim.entity)
    dated = references_for(claim.metric, claim.year, rows)
    if not dated:
        years = sorted({r.year for r in rows if r.year is not None})
        have = f"the store has {years[0]}–{years[-1]}" if len(years) > 1 else f"the store has {years[0]}" if years else "the store has none"
        return Judgement("no_source", f"No source for {claim.read_as()} ({have}).", (), claim=claim)
    table = next((m for m in stats.metrics if m.key == claim.metric), None)
    amount = per_table_period(fig.unit, table) if table is not None else None
    if amount is not None:
        fig = replace(fig, unit=amount)  # "$190 a month" against a monthly wage: its $190
    measure = label_measure(table.label)[0] if table is not None and not any(r.unit for r in dated) else None
    if measure is not None:
        dated = [replace(r, unit=measure) for r in dated]  # a unitless table in the unit its label names ("barrels per day")
    j = judge(table_unit(fig, dated), reading, dated, claim.year, note, article_date)
    j.claim = claim
    said = value_in_unit(fig, table.unit if table is not None else None) if j.verdict == "conflict" else 0.0
    if j.verdict == "conflict" and not any(within_factor(said, r.value, CONFLICT_MAGNITUDE) for r in rows):
        # a writer misreports by a margin, rarely by an order of magnitude: a figure so far from every year's value
        # most likely counts something else (a part, a flow, a subgroup) that the words did not tell apart
        return Judgement("no_source", f"{claim.read_as()}: {fig.surface} is over {CONFLICT_MAGNITUDE:.0f} times off every value "
                         f"the store holds for {claim.entity}, so it most likely counts something else; not compared as a "
                         f"conflict; {j.reason}", j.references, claim=claim)
    if j.verdict == "conflict" and note.startswith(("assumed", "carried")):
        # a statistic changes every year: a sentence that gives no year may speak of another one
        return Judgement("no_source", f"{claim.read_as()}: the sentence gives no year, so it is not compared "
                         f"as a conflict; {j.reason}", j.references, claim=claim)
    if j.verdict == "conflict" and claim.place_assumed:
        # a city's figure whose sentence names no place: the article's city, enough to agree with, but the
        # sentence may speak of the country, a district or another city the article named before
        return Judgement("no_source", f"{claim.read_as()}: its sentence names no place, and {claim.entity} is only the "
                         f"city the article is about, so it is not compared as a conflict; {j.reason}", j.references, claim=claim)
    if j.verdict == "conflict" and year_unfinished(claim.year, article_date):
        # "inflation today stands at 23%" in June: the latest monthly reading, not a year not yet over
        return Judgement("no_source", f"{claim.read_as()}: {claim.year} was not over when the article was written, "
                         f"so the year's value was not yet known; not compared as a conflict; {j.reason}", j.references, claim=claim)
    j.reason = f"{claim.metric_label}, {claim.entity}: {j.reason}"
    return j


CONFLICT_MAGNITUDE = 10.0  # a figure this many times off every stored value of its entity is no conflict, but something else


def year_unfinished(year: int | None, article_date: date | None) -> bool:
    """Was ``year`` not yet over on the article's date, so no table could hold its whole-year value then?"""
    return year is not None and article_date is not None and (year > article_date.year or (year == article_date.year and (article_date.month, article_date.day) != (12, 31)))


def judge_statistic_ratio(fig: Figure, ratio: tuple[int, int, bool], claim: Claim, stats: Statistics) -> Judgement:
    """"Nigeria's population doubled between 1990 and 2020": the ratio of that country's two years."""
    series = [m for m in stats.metrics if m.key == claim.metric]
    verdict, reason, rows = judge_ratio(fig, ratio, series, stats.rows(claim.metric, claim.entity))
    if verdict == "no_source":
        reason = f"{claim.metric_label}, {claim.entity}: {reason}"
    else:
        reason = f"{claim.entity}: {reason}"
    why = f"'{fig.surface}' between {ratio[1]} and {ratio[0]}; {claim.why}"
    return Judgement(verdict, reason, rows, claim=replace(claim, year=ratio[0], why=why))


def judge_corrected(
    fig: Figure, reading: Reading, claim: Claim, references: list[Reference], metrics: list[MetricRow], article_date: date | None
) -> Judgement:
    """A figure judged against the claim a checker set: that metric, that entity (when given), that year."""
    label = next((m.label for m in metrics if m.key == claim.metric), claim.metric_label)
    claim = replace(claim, metric_label=label, corrected=True, why=claim.why or "set by the checker")
    rows = [r for r in references if not claim.entity or r.entity == claim.entity]
    dated = references_for(claim.metric, claim.year, rows)
    if not dated:
        return Judgement("no_source", f"No source for {claim.read_as()} (as the checker set it).", (), claim=claim)
    try:
        j = judge(table_unit(fig, dated), reading, dated, claim.year, "", article_date)
    except pint.DimensionalityError as e:
        return Judgement("no_source", f"Units do not match: {e.units1} vs {e.units2}.", (), claim=claim)
    j.claim = claim
    j.reason = f"{claim.read_as()} (as the checker set it): {j.reason}"
    return j


def agreeing_places(j: Judgement) -> tuple[int, ...]:
    """For an agreement, where in ``j.references`` the sources it agrees with stand."""
    if j.verdict != "agree" or not j.agreeing:
        return ()
    ids = {id(r) for r in j.agreeing}
    return tuple(i for i, r in enumerate(j.references) if id(r) in ids)


def judge_figures(
    article: ArticleReading,
    references: list[Reference],
    metrics: list[MetricRow],
    article_date: date | None,
    corrected: dict[str, Claim] | None = None,
    stats: Statistics | None = None,
) -> list[FigureCheck]:
    """One FigureCheck per figure, same order: internal and series checks, else the references.

    ``article`` holds each figure with its reading (``resolve.reading.read_article``): the judge
    never reads the text. ``corrected`` maps a figure's key to the claim a checker set for it:
    that figure is judged against the references of that claim alone, whatever was read.
    ``stats`` retrieves the rows of a country's statistic that a reading claims.
    """
    figures = list(article.figures)
    results: list[FigureCheck | None] = [None] * len(figures)
    judgements: dict[int, Judgement] = {}
    trends = article.trends
    for i, (fig, reading) in enumerate(zip(figures, article.readings)):
        if not checkable(fig) or reading.time_reference:
            continue
        if corrected and fig.key() in corrected:
            judgements[i] = judge_corrected(fig, reading, corrected[fig.key()], references, metrics, article_date)
            continue
        try:
            abstained: Abstention | None = None
            trend = trends.per_figure[i]
            if trend.multiplier and trend.ratio is None:  # "grew sixfold", "doubled": a ratio, never a level
                judgements[i] = Judgement("no_source", "A ratio (so many times as much), not a level: the sentence names no two years to take it between.", ())
                continue
            if reading.short_span and not reading.rate:
                judgements[i] = Judgement("no_source", "Said of a single day, week or month: a part of the period the store's tables count.", ())
                continue
            if reading.decade:
                judgements[i] = Judgement("no_source", f"Said of a decade ('{reading.decade}'), not of one year: no single year's figure to compare it with.", ())
                continue
            if trend.multiplier and trend.ratio is not None and stats is not None and isinstance(reading.statistic, tuple):
                judgements[i] = judge_statistic_ratio(fig, trend.ratio, reading.statistic[0], stats)
                continue
            if stats is not None and stats.metrics:  # a statistic of a country first: "consumer prices rose 2.8%" is inflation's level
                read = judge_statistic(fig, reading, stats, article_date)
                if isinstance(read, Judgement):
                    judgements[i] = read
                    continue
                abstained = read
            ratio = trend.ratio
            if ratio is not None:  # "three times as many in 2015 as this year": a ratio of two years
                verdict, reason, rows = judge_ratio(fig, ratio, trend.series, references)
                used = next((m for m in trend.series if rows and m.key == rows[0].metric), None)
                why = f"'{fig.surface}' between {ratio[0]} and {ratio[1]}" if fig.trend else f"'{fig.surface} times' between {ratio[0]} and {ratio[1]}"
                judgements[i] = Judgement(verdict, reason, rows, claim=table_claim(used, ratio[0], why) if used else None)
                continue
            direction = trend.change
            if reading.position:
                judgements[i] = Judgement("no_source", "A distance that locates a place, not a length measured: nothing to compare it with.", ())
                continue
            if reading.undated:
                judgements[i] = Judgement("no_source", "Said of an unstated stretch of past years: no year to compare it with.", ())
                continue
            if reading.rate:
                judgements[i] = Judgement("no_source", "A rate (so many per day or week), not a total: the store holds totals.", ())
                continue
            if is_proportion(fig) and direction is None:  # "less than half": a share of something, never a level
                judgements[i] = Judgement("no_source", "A proportion, not a count: nothing in the article or the store to take it of.", ())
                continue
            if direction is not None:  # a change is compared with a change, never with a level
                # "shrank by more than a quarter" is a relative change: 25%
                probe = as_percent(fig) if is_proportion(fig) else fig
                verdict, reason, rows, changed = judge_change(probe, trend.change_years, direction, trend.series, references)
                claim = None
                if changed is not None and trend.change_years is not None:
                    base, now = trend.change_years
                    claim = table_claim(changed, now, f"a {'rise' if direction == 'up' else 'fall'} from {base} to {now}")
                judgements[i] = Judgement(verdict, reason, rows, metric=None, claim=claim)
                if verdict != "no_source" or not is_movement(fig):
                    continue
                # "retreated by up to 2 km": with no series to take a change from, a length moved is a distance
                level = match_and_judge(fig, reading, references, metrics, article_date)
                if level.verdict != "no_source":
                    judgements[i] = level
                continue
            level = match_and_judge(fig, reading, references, metrics, article_date)
            if level.verdict == "no_source" and abstained is not None and abstained.near and not level.reason.startswith("No source for"):
                level = Judgement("no_source", f"Not sure what this figure states: {abstained.reason}.", ())
            judgements[i] = level
        except pint.DimensionalityError as e:
            judgements[i] = Judgement("no_source", f"Units do not match: {e.units1} vs {e.units2}.", ())
    internal = check_internal(article.relations, figures, references, metrics, article_date)
    series, series_notes = check_series(trends, figures, judgements, references, article_date)
    for i, fig in enumerate(figures):
        j = judgements.get(i)
        if i in internal:
            ic = internal[i]
            if j is not None and j.verdict in ("agree", "conflict") and not ic.own:
                # the figure has its own source; the check inside the article is one more line
                fc = FigureCheck(fig, j.verdict, f"{j.reason} Inside the article: {ic.check.reason}", "reference", j.references, j.disputed, j.claim,
                                 agreeing_places(j))
            elif j is not None and j.verdict == "no_source" and not ic.own and j.reason.startswith("No source for"):
                # a metric fits but has no source for the year: worth saying beside the internal check
                fc = FigureCheck(fig, ic.check.verdict, f"{ic.check.reason} Against sources: {j.reason}", "internal", ic.check.references, ic.check.disputed)
            else:
                fc = ic.check
        elif i in series:
            fc = series[i]
        elif j is not None:
            basis = "reference" if j.verdict in ("agree", "conflict") else None
            fc = FigureCheck(fig, j.verdict, j.reason, basis, j.references, j.disputed, j.claim, agreeing_places(j))
        else:
            fc = not_checkable(fig, article.readings[i])
        if i in series_notes:
            s_verdict, s_reason = series_notes[i]
            if s_verdict == "conflict" and fc.verdict == "agree":
                # the value is right but the record claimed for it is not: the sentence is wrong
                fc = FigureCheck(fc.figure, "conflict", f"The value agrees but the record claimed for it does not hold. {s_reason} {fc.reason}",
                                 "reference", fc.references, fc.disputed, fc.claim)
            else:
                fc = FigureCheck(fc.figure, fc.verdict, f"{fc.reason} {s_reason}", fc.basis, fc.references, fc.disputed, fc.claim, fc.agreeing)
        results[i] = fc
    return [r for r in results if r is not None]
