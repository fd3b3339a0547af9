"""A checkable figure → its ``Claim`` (metric, entity, year, why), or an abstention with the reason.

Two kinds of table are resolved differently:

- a *statistic* stored by entity (population, GDP by country; its metric names no default
  entity): ``statistic.read_statistic`` picks the table from the sentence's words and
  ``places.governing_place`` the country, which must be one the table holds;
- a newsroom table about one entity (parade troops, Wagner dead): ``match.rank_metrics``
  ranks them as before, and the claim names the metric's own entity.

The judge compares a figure only with the references its claim retrieves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Callable
from datetime import date
from functools import cached_property

from factcheck.extract.comparison import OPENS_BEFORE_RE as _BASE_BEFORE
from factcheck.extract.patterns import COMPARED_GAP_RE
from factcheck.figures import Claim, Figure, Reference
from factcheck.resolve.entity_table import LOCAL_CODE, EntityTable
from factcheck.resolve.gazetteer import Gazetteer, default_gazetteer
from factcheck.resolve.list_heading import Heading, list_heading
from factcheck.resolve.aims import aim_before, aim_in, aimed_after
from factcheck.resolve.match import Candidate
from factcheck.resolve.places import PlaceRef, aside_subject, carried_place, clause_end, governing_place, mentions, speaker_place, without_possessive
from factcheck.resolve.match import count_unit
from factcheck.resolve.context import previous_sentence
from factcheck.resolve.statistic import Abstention, StatReading, read_statistic, statistics_of
from factcheck.resolve.statistic_phrases import SAYING, names
from factcheck.resolve.statistic_shares import share_base
from factcheck.resolve.statistic_units import says_deficit, says_how, says_per_n, value_in_unit
from factcheck.resolve.statistic_guards import (
    counts_context_thing,
    deed_of_people,
    difference,
    increment,
    named_thing,
    new_ones,
    one_picked_out,
    other_side_of_own,
    part_of_year,
    projected,
    rival_name,
    several_years,
    subgroup,
)
from factcheck.resolve.statistic_left_out import left_out_by_table
from factcheck.resolve.statistic_parts import complement, in_a_state, item_label, one_of_both, part_of_whole, singled_out, with_another
from factcheck.resolve.statistic_places import part_of_place, region_before_place, owner_in_concept, unknown_owner
from factcheck.resolve.gapped import gapped_item, parallel_item, series_item, set_against_itself
from factcheck.resolve.topic import Earlier, figure_before, statistic_named_earlier, statistic_pointed_back
from factcheck.resolve.wording import stem, verb_form, words
from factcheck.resolve.years import comparison_year, target_year
from factcheck.store.db import MetricRow
from factcheck.store.retrieve import MetricProfile, StoreIndex


def stretch(fig: Figure, figures: list[Figure], text: str = "") -> tuple[int, int]:
    """The figure's own stretch of its sentence: from the checkable figure before it to the one after it.

    With ``text``, the other side of a comparison ("eased to 4.6% in 2023 from 9.3% in 2022") has
    the stretch of the figure it is compared with: the base is of the same statistic.
    """
    lo, hi = fig.sentence_start, fig.sentence_end
    before: Figure | None = None
    for other in figures:
        if other is fig or not other.checkable or other.sentence_start != fig.sentence_start:
            continue
        if other.end <= fig.start:
            if other.end >= lo:
                lo, before = other.end, other
        elif other.start >= fig.end:
            hi = min(hi, other.start)
    # a base whose unit the comparison left out ("210 megawatts at the end of 2022, ..., compared with 165"), where
    # neither the gap nor the base's own words name a place: "23.3% in Slovenia's parliament, compared with
    # 17.3% in Mongolia's" is another country's
    compared = (
        before is not None and fig.unit is not None and fig.unit == before.unit
        and COMPARED_GAP_RE.match(text[before.end : fig.start]) is not None
        and not mentions(text, before.end, fig.start) and not mentions(text, fig.end, hi)
    )
    # the level a change arrived at ("bankruptcies rose 6.6% to 6,428"): of what the change is of
    arrived = before is not None and before.trend is not None and _TO_LEVEL_GAP_RE.fullmatch(text, before.end, fig.start) is not None
    if text and before is not None and (BASE_GAP_RE.fullmatch(text, before.end, fig.start) or compared or arrived):
        lo = stretch(before, [f for f in figures if f is not fig], text)[0]  # a list: back to its first item
    return lo, hi


# A figure that opens its line and a dash or colon after it: a "by the numbers" item, whose words after the
# dash say what the figure is ("8.9 million — visits to the country's museums last year").
_CAPTION_DASH_RE = re.compile(r"\s*(?:[—–:]|\s-)\s*")
CAPTION_WORDS = 8


def _caption_dash(fig: Figure, text: str) -> re.Match[str] | None:
    """The dash (or colon) after a figure that opens its line: a "by the numbers" item; else None."""
    dash = _CAPTION_DASH_RE.match(text, fig.end)
    return dash if dash and not text[text.rfind("\n", 0, fig.start) + 1 : fig.start].strip() else None


# Between a change and the level it arrived at: "rose 6.6% to 6,428", "jumped 38%, to about 3,330".
_TO_LEVEL_GAP_RE = re.compile(r"\s*,?\s+to\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|roughly\s+|a\s+record\s+)?")


# Between two items of a list whose items each say their own place or year after the figure: "6.4% in Zambia
# and 15.1% in Cambodia", "14.9% in 2020 and 15.6% in 2021", "... to 67.2% in Mongolia", "… in the Gambia, …".
# The first item may say what its measure is of before its year, which the later items leave out: "7.9
# million tonnes of sugar in 2021 and 6.8 million tonnes last year".
_ITEM_GAP_RE = re.compile(
    r"(?:\s+of\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)?"
    r"\s+(?:in|for)\s+(?:\d{4}|(?:the\s+)?(?:[A-Z][\w'’.-]+\s+){0,2}[A-Z][\w'’.-]+)\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+to\s+)"
    r"(?:about\s+|some\s+|nearly\s+|almost\s+|roughly\s+)?"
)


def words_start(fig: Figure, figures: list[Figure], text: str, lo: int) -> int:
    """Where the words a figure's statistic is read from start: ``lo``, or, for a later item of a list whose
    items each name their place or year after the figure, the first item's start (its statistic is named
    once, before the list). The place is still read from the figure's own stretch."""
    prev = [f for f in figures if f.checkable and f is not fig and f.sentence_start == fig.sentence_start and f.end <= fig.start]
    if not prev or prev[-1].unit != fig.unit or not _ITEM_GAP_RE.fullmatch(text, prev[-1].end, fig.start):
        return lo
    first = prev[-1]
    return words_start(first, figures, text, stretch(first, figures, text)[0])


# Between a figure and the base it is compared with: "in 2023 from", ", down from about", "compared with".
BASE_GAP_RE = re.compile(
    r"(?i)(?:\s+(?:in|for)\s+(?:\d{4}|[A-Z][a-z]+))?\s*,?\s*(?:(?:up|down)\s+)?(?:from|compared\s+(?:with|to))"
    r"(?:\s+(?:about|around|some|roughly|nearly|almost|just|only))?"
    r"(?:\s+(?:a|an)\s+(?:record|peak|all-time\s+high|high|low)(?:\s+of)?)?\s+"  # "from a record 737,900", "from a peak of"
    # ... or the next item of a parallel list that leaves the statistic out: ", Ghana's was", "; Uganda's"
    r"|(?:\s+(?:in|for)\s+\d{4})?\s*(?:[,;]|\s+(?:and|while|whereas))\s+(?:[A-Z][\w.-]+\s+){0,2}[A-Z][\w.-]+['’]s"
    r"(?:\s+(?:was|were|is|stood\s+at|reached|hit))?\s+"
    # ... or the next labelled item of a prose table: "Cambodia 10.8%, Kazakhstan 12.5%", "Uruguay $562, Portugal $748"
    r"|(?:\s+[a-z]+(?:\s+[a-z]+)?)?\s*[,;]\s+(?:and\s+)?(?-i:(?:(?:d['’])?[A-Z][\w.'’-]+\s+){0,2}(?:d['’])?[A-Z][\w.'’-]+):?\s*"
)


def place_of(fig: Figure, text: str, lo: int, hi: int, g: Gazetteer | None = None) -> PlaceRef | None:
    """The place the figure is about, nearest first: named before it in its stretch, then before it in its
    sentence, then just after it in its own clause; only a sentence with no place takes the article's."""
    found = aside_subject(text, fig.sentence_start, fig.start, g) or fronted_subject(fig, text, g)
    if found is None:
        found = governing_place(text, fig.start, fig.end, lo, fig.end, g, rivals_from=fig.sentence_start)
    if found is None:
        found = governing_place(text, fig.start, fig.end, fig.sentence_start, fig.end, g)
    if found is None:  # the clause runs on past the noun it counts ("civil and commercial cases were pending in X")
        found = governing_place(text, fig.start, fig.end, fig.start, clause_end(text, max(fig.end, counted_end(fig, text, hi)), hi), g)
    if found is None and (caption := _caption_dash(fig, text)):
        line_end = text.find("\n", caption.end())  # "1,180 — branches open in Chile": the line says what and whose
        found = governing_place(text, fig.start, fig.end, fig.start, len(text) if line_end < 0 else line_end, g)
    if found is None:
        found = speaker_place(text, fig.sentence_start, fig.sentence_end, fig.start, fig.end, SAYING, g)
    if found is not None:
        return found
    # a place named only as a partner of the figure's flow or comparison ("imported ... from Sweden and
    # Russia", "more than Spain") is not what the figure is about: the sentence names no owner
    named = {m.code for m in mentions(text, fig.sentence_start, fig.sentence_end, g) if not _PARTNER_BEFORE.search(text, max(0, m.start - 25), m.start)}
    if not named:
        return carried_place(text, fig.sentence_start, g, fig.start).place
    # its sentence names a place only in a clause not the figure's ("..., while most Ugandans travel by
    # bus"): that is the place only when the sentence before is about it alone
    prev = previous_sentence(text, fig.sentence_start)
    before = mentions(prev, 0, len(prev), g) if prev else []
    if len(named) == 1 and {m.code for m in before} == named:
        return PlaceRef(before[0].code, before[0].surface, "the sentence before")
    return None


# What a place named as a partner stands after: "from Sweden", "to Russia and China", "than Spain".
_PARTNER_BEFORE = re.compile(r"\b(?:from|to|into|than)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+(?:and|or)\s+(?:the\s+)?)?$")


# A phrase fronted before the main clause that describes its subject: "With 120 million people in
# 2021, Ethiopia was ...", "Having 3,000 km of track, the Netherlands ...".
_FRONTED_RE = re.compile(r"\s*(?:With|Having)\b[^,;:()]*")
_SUBJECT_AFTER_COMMA = re.compile(r",\s+(?:the\s+)?")


def fronted_subject(fig: Figure, text: str, g: Gazetteer | None = None) -> PlaceRef | None:
    """The place that opens the main clause after a fronted "With ..." phrase holding the figure, else None."""
    if not _FRONTED_RE.fullmatch(text, fig.sentence_start, fig.start):
        return None
    comma = text.find(",", fig.end, fig.sentence_end)
    after = _SUBJECT_AFTER_COMMA.match(text, comma) if comma >= 0 else None
    if after is None:
        return None
    first = next(iter(mentions(text, after.end(), fig.sentence_end, g)), None)
    if first is None or first.start != after.end():
        return None
    return PlaceRef(first.code, first.surface, "in its sentence")


def value_ranges(references: list[Reference], statistics: set[str]) -> dict[str, tuple[float, float]]:
    """Each statistic's smallest and largest stored value (for the figure's magnitude sanity check)."""
    out: dict[str, tuple[float, float]] = {}
    for r in references:
        if r.metric in statistics:
            lo, hi = out.get(r.metric, (r.value, r.value))
            out[r.metric] = (min(lo, r.value), max(hi, r.value))
    return out


@dataclass(frozen=True)
class Statistics:
    """The store's tables by entity, prepared once per check: which they are, their entities and value ranges.

    ``rows`` fetches one table's rows for one entity: from the store's index in a real check,
    from the references given when there is no store (tests, ``check_figures`` alone).
    """

    metrics: list[MetricRow]
    entities: EntityTable
    ranges: dict[str, tuple[float, float]]
    rows: Callable[[str, str], list[Reference]]

    @classmethod
    def of(
        cls, metrics: list[MetricRow], references: list[Reference], profiles: dict[str, MetricProfile] | None = None,
        known: tuple[tuple[str, str], ...] = (), index: StoreIndex | None = None,
    ) -> "Statistics":
        """Find the statistics among ``metrics`` from the entities their rows cover.

        ``profiles`` are the store-wide counts and value ranges (``store.retrieve.metric_profiles``),
        needed when ``references`` hold only the rows of the countries an article names; without
        them the references are taken to be the whole store.
        """
        if profiles is None or index is None:
            per_metric: dict[str, set[str]] = {}
            for r in references:
                per_metric.setdefault(r.metric, set()).add(r.entity)
            stats = statistics_of(metrics, {k: len(v) for k, v in per_metric.items()})
            keys = {m.key for m in stats}

            def given(metric: str, entity: str) -> list[Reference]:
                return [r for r in references if r.metric == metric and r.entity == entity]

            return cls(stats, EntityTable.from_references(references, keys, known), value_ranges(references, keys), given)
        stats = statistics_of(metrics, {k: p.entities for k, p in profiles.items()})
        keys = {m.key for m in stats}
        ranges = {k: (p.low, p.high) for k, p in profiles.items() if k in keys}
        store = index

        def stored(metric: str, entity: str) -> list[Reference]:
            return store.references(metric, entity=entity)

        return cls(stats, EntityTable.from_references([], keys, known), ranges, stored)

    @cached_property
    def keys(self) -> frozenset[str]:
        """The statistics' metric keys."""
        return frozenset(m.key for m in self.metrics)


def statistic_claim(
    fig: Figure,
    text: str,
    figures: list[Figure],
    stats: Statistics,
    article_date: date | None,
    ratio: bool = False,
    earlier: Sequence[Earlier] = (),
) -> tuple[Claim, str] | Abstention:
    """The claim of a figure about a statistic by country and how its year was known, or why it cannot be read.

    With ``ratio`` the figure is a number of times as much ("population doubled between 1990 and
    2020"): the statistic and the country are read as for a level, with no unit or size test, and
    the judge takes the ratio of the two years ``resolve.trends`` reads. ``earlier`` are the claims the
    article's figures before it were read as, in order: a value noun ("the rate was 7.7") points back at
    one, and a list item that leaves its statistic out ("…, Sweden's 32%") is of its item before's; the
    figure takes that statistic, and its year when it names none.
    """
    if is_vague(fig):
        return Abstention(f"a vague amount ('{fig.surface}'): an order of magnitude, never a country's statistic")
    lo, hi = stretch(fig, figures, text)
    wlo = words_start(fig, figures, text, lo)
    share = share_base(text, fig)
    # a share says after it what it is of and what it went to: "90% of adults in Chile could read and
    # write", "2% of GDP on military spending"
    after = _share_end(text, fig.end, hi) if share else clause_end(text, fig.end, hi, words=4)
    if caption := _caption_dash(fig, text):
        after = clause_end(text, caption.end(), hi, words=CAPTION_WORDS)  # "8.9 million — visits to ...": what it is
    counted_to = counted_end(fig, text, hi)
    if counted_to > after:  # what follows the counted noun is said of it too: "civil and commercial cases pending"
        after = clause_end(text, counted_to, hi, words=2)
    words_of = text[wlo : fig.end] + text[fig.end : after]
    entities = stats.entities
    heading = list_heading(fig, text, article_date)
    # every place word, inside a longer name too ("Spain Population"), may stand before a statistic's name
    spots = [(m.start, m.end) for m in entities.gazetteer.find(text[wlo : fig.end])]
    level = bool(_ARRIVED_AT.search(text, max(lo, fig.start - 30), fig.start))
    # the rate's base may follow a pair of nouns the clause test cuts at "and": "160 hairdressers and barbers per 100,000"
    per_n = says_per_n(text[wlo : clause_end(text, fig.end, hi, words=12)]) or bool(_PAIR_THEN_PER_RE.match(text, fig.end, hi))
    reading = read_statistic(fig, words_of, stats.metrics, stats.ranges, spots, level, fig.start - wlo, share, ratio, per_n)
    named_where = ""  # where the statistic was named, when not in the figure's own sentence
    pointed: Earlier | None = None  # the claim of the figure a value noun or a gapped list item points back at
    # a list item that leaves its statistic out is its item before's, whatever its own few words seem to say
    gapped = (
        gapped_item(fig, text, figures, earlier, entities.gazetteer) or series_item(fig, text, figures, earlier)
        or parallel_item(fig, text, figures, earlier, entities.gazetteer)
    ) if isinstance(reading, Abstention) and not ratio else None
    if gapped is not None and (as_item := next((m for m in stats.metrics if m.key == gapped.metric), None)):
        reading, named_where, pointed = StatReading(as_item, ("the list's statistic",), 0.0), " (that of the list's item before it)", gapped
    if isinstance(reading, Abstention) and not reading.near:
        carried = statistic_compared(fig, text, after, stats, level, share, ratio, per_n, figures)
        if carried is None and (carried := statistic_named_before(fig, text, words_of, lo, stats, level, share, ratio, per_n)):
            named_where = " (named in the sentence before)"
        if carried is None and heading is not None:
            item = text[lo : fig.end] + text[fig.end : after]
            if carried := statistic_under_heading(fig, heading, item, fig.start - lo, stats, share, ratio):
                named_where = " (named in the list's heading)"
        if carried is None and not share and not ratio and (carried := statistic_named_earlier(fig, text, stats.metrics, level)):
            named_where = " (named earlier in the article)"
        if carried is None and earlier and not ratio:
            latest = {e.metric: e for e in earlier}
            if carried := statistic_pointed_back(fig, text, [m for m in stats.metrics if m.key in latest], figures, level):
                named_where = " (what the figures before it state)"
                pointed = latest[carried.metric.key]
        if carried is None and earlier and not ratio and (base_of := _compared_with(fig, text, figures, earlier)) is not None:
            if as_base := next((m for m in stats.metrics if m.key == base_of.metric), None):
                carried, named_where = StatReading(as_base, ("the figure it is compared with",), 0.0), ""
        reading = carried or reading
    if isinstance(reading, Abstention):
        return reading
    label = reading.metric.label
    rate_or_level = not fig.trend or count_unit(reading.metric.unit) == "percent"  # a rate's "grew 4.9% a year" too
    # Why a figure whose words name a country's statistic is still not that statistic's level: the
    # first of these that finds something is the reason given (statistic_guards.py and statistic_places.py hold each test).
    before_place: tuple[tuple[Callable[[], str], str], ...] = (
        (lambda: deed_of_people(fig, text, hi, reading),
         "a count of what those it counts did or underwent ('{}'), not {label}: only a general word for them names it"),
        (lambda: projected(fig, text, reading), "a value to come ('{}'), not one measured; {label} holds measured values"),
        (lambda: aimed_after(text, fig.end, fig.sentence_end), "a value someone {} ('{fig.surface}'), not the measured level {label} holds"),
        (lambda: aim_in(set(words(fig.concept))) or "", "a {} ('{fig.concept}'), not the measured level {label} holds"),
        (lambda: aim_before(text, fig.start, fig.sentence_start), "a {} ('{fig.surface}'), not the measured level {label} holds"),
        (lambda: increment(fig, text, reading), "an amount '{}' (a change), not the level {label} holds"),
        (lambda: difference(fig, text), "a difference ('{}'), not the level {label} holds"),
        (lambda: new_ones(fig, reading), "a count of '{}', those added in a year, not the stock {label} holds"),
        (lambda: other_side_of_own(fig, text, reading), "the other side of a comparison with what '{}' names, not {label}"),
        (lambda: several_years(fig, text) if rate_or_level else "", "said of several years ('{}'); {label} holds one value a year"),
        (lambda: part_of_year(fig, text, reading), "said of a part of a year ('{}'); {label} holds whole years"),
        (lambda: subgroup(text, fig, reading), "{label} for {} only, not the whole population's"),
        (lambda: unknown_owner(text, fig, reading, entities.gazetteer), "{label} of {}, which the store knows as no country"),
        (lambda: owner_in_concept(fig, text, entities.gazetteer), "{label} of {}, which the store knows as no country"),
        (lambda: item_label(fig, text, reading, entities.gazetteer), "the item '{}' of a breakdown, a part of {label}"),
    )
    for find, why in before_place:
        found = find()
        if found:
            return Abstention(why.format(found, label=label, fig=fig), near=True)
    # an item of a list that names each item's place after its figure ("6.4% in Zambia and 15.1% in Cambodia")
    # is that place's, whatever the list named before it
    # ... and so is the other side of a comparison ("41% in Chile, compared with 35% in Peru")
    listed = wlo != lo or _ITEM_GAP_RE.match(text, fig.end) is not None or _BASE_BEFORE.search(text[max(lo, fig.start - 60) : fig.start]) is not None
    own_place = governing_place(text, fig.start, fig.end, fig.end, clause_end(text, fig.end, hi), entities.gazetteer) if listed else None
    place = own_place or place_of(fig, text, lo, hi, entities.gazetteer)
    after_place: tuple[tuple[Callable[[], str], str], ...] = (
        (lambda: (part_of_place(text, fig, place, reading) or region_before_place(text, fig, place)) if place is not None else "",
         "about {}, not the whole country's {label}"),
        (lambda: rival_name(fig, text, reading, entities.gazetteer), "the sentence speaks of '{}', not {label}"),
        (lambda: named_thing(fig, text, reading), "about '{}', not {label} itself"),
        (lambda: counts_context_thing(fig, reading), "a count of {}, a thing {label} is about but does not count"),
        (lambda: with_another(fig, text, reading), "a count of {} together, more than {label} counts"),
        (lambda: left_out_by_table(fig, text, reading), "its sentence speaks of '{}', which the store's description of {label} leaves out"),
        (lambda: part_of_whole(fig, text), "a part of a whole ('{}'), not all of {label}"),
        (lambda: one_of_both(fig, text, reading), "said of '{}' alone, where {label} counts it together with another"),
        (lambda: complement(fig, text, reading), "a share of those without it ('{}'), the complement of {label}"),
        (lambda: in_a_state(fig, text, reading), "a count of those in a state ('{}'), a part of {label}"),
        (lambda: one_picked_out(fig, reading), "about the one item '{}' picks out, not all of {label}"),
        (lambda: singled_out(fig, text, entities.gazetteer), "about a part ('{}'), not all of {label}"),
    )
    for find, why in after_place:
        found = find()
        if found:
            return Abstention(why.format(found, label=label), near=True)
    if place is None:
        named = mentions(text, fig.sentence_start, fig.sentence_end, entities.gazetteer)
        surfaces = list(dict.fromkeys(without_possessive(m.surface) for m in named))
        if len({m.code for m in named}) > 1:
            why = f"Its sentence names {', '.join(surfaces[:-1])} and {surfaces[-1]}, and none is worded as its owner"
        elif named:
            why = "The places its sentence names are not what it is about"
        else:
            why = carried_place(text, fig.sentence_start, entities.gazetteer, fig.start).why or "The sentence names none"
        return Abstention(f"{reading.metric.label}, but of which country? {why}", near=True)
    entity = entities.by_code.get(place.code)
    if entity is None:
        name = place.surface or place.code
        return Abstention(f"{reading.metric.label} of {name}: the store has no figures for {name}", near=True)
    rows = stats.rows(reading.metric.key, entity)
    own = [r.value for r in rows]
    if own and not ratio and not any(within_factor(value_in_unit(fig, reading.metric.unit), v, ENTITY_MAGNITUDE) for v in own):
        return Abstention(f"{reading.metric.label} of {entity}? {fig.surface} is over {ENTITY_MAGNITUDE:,.0f} times "
                          f"off every value the store holds for it: it counts something else", near=True)
    year: int | None
    compared = comparison_year(fig, text, article_date)
    undated = fig.year_source in (None, "article", "previous_sentence")
    heading_year = heading.year if heading is not None and undated else None
    if compared is not None and not (heading_year is not None and compared[1].startswith("assumed")):
        year, note = compared  # "rose from 5.5% of GDP in 2015 to 6.1% in 2020": the base's own year
    elif heading_year is not None:
        year, note = heading_year, "from the list's heading"  # "Bus journeys, 2021:" then "1. Chile: 812"
    elif pointed is not None and pointed.year is not None and undated:
        # "... last year. The rate in Peru was 7.7", "X's was 4.1% in 2022, Y's 3.9%": a year said there is said here
        # ... but one only pointed back at from another sentence is carried, never enough for a conflict
        same_sentence = pointed.start >= fig.sentence_start
        year, note = pointed.year, pointed.note if same_sentence else "carried from the figure it points back at"
    elif fig.year is not None and fig.year_source == "previous_sentence":
        year, note = fig.year, "carried from the sentence before"  # narrated, not said of this figure
    elif fig.year is not None and fig.year_source not in (None, "article"):
        year, note = fig.year, ""  # the year the sentence gives the figure itself
    else:
        year, note = target_year(fig, article_date, rows, reading.metric.key)
    if against := set_against_itself(fig, text, figures, earlier, reading.metric.key, year, entities.gazetteer):
        return Abstention(f"set against '{against}' of the same {label}, place and year: a threshold or an average, not the table's value", near=True)
    said = " + ".join(f"'{p}'" for p in reading.phrases[:2]) + named_where
    where = {"in its sentence": place.surface, "the sentence before": f"{place.surface} (the sentence before)"}.get(
        place.how, f"{entity} (the article's subject)")
    why = f"{said} + {where}" + (f"; year {note}" if note else "")
    turned = says_deficit(fig, text, reading.metric)
    why += "; a deficit, the balance's negative" if turned else ""
    code = "" if place.code.startswith(LOCAL_CODE) else place.code
    assumed = place.how == "the article's subject" and place.code.startswith(LOCAL_CODE)  # a city no sentence near it names
    return Claim(reading.metric.key, reading.metric.label, entity, code, year, why, negated=turned, place_assumed=assumed), note


def statistic_compared(
    fig: Figure, text: str, after: int, stats: Statistics, level: bool, share: tuple[str, ...], ratio: bool, per_n: bool,
    figures: Sequence[Figure] = (),
) -> StatReading | None:
    """The statistic its sentence names before a figure that is the other side of a comparison
    ("2 million ferry trips last year, still short of the 2.6 million made in 2019", "down from
    5.1 million in 2018") or the same deed of another subject ("Chile mined 5 million tonnes of
    copper, while Peru mined 2.4 million tonnes"): the same statistic; None when the figure is
    neither or the sentence names no one statistic."""
    # the same deed of another subject, or the level the same thing moved to at another time ("received 2.47
    # million visits in 2023, ... after falling to 890,000 in 2020")
    parallel = any(
        g.end <= fig.start and g.sentence_start == fig.sentence_start and g.kind == fig.kind and g.unit == fig.unit
        and (bool(fig.verb) and stem(g.verb) == stem(fig.verb) or level and fig.trend is not None) for g in figures
    )
    if not parallel and not _BASE_BEFORE.search(text[max(fig.sentence_start, fig.start - 60) : fig.start]):
        return None
    wider = text[fig.sentence_start : after]
    spots = [(m.start, m.end) for m in stats.entities.gazetteer.find(text[fig.sentence_start : fig.end])]
    found = read_statistic(fig, wider, stats.metrics, stats.ranges, spots, level, fig.start - fig.sentence_start, share, ratio, per_n)
    return found if isinstance(found, StatReading) else None


def _compared_with(fig: Figure, text: str, figures: Sequence[Figure], earlier: Sequence[Earlier]) -> Earlier | None:
    """The claim of the figure a base is compared with: the checkable figure right before it in its sentence,
    of its unit, when the other side opens right before it ("reached 48.6 per 100,000 last year, after falling
    to just 1.1 in 2021"): the same statistic at another time. Its year is the base's own, never carried."""
    if not _BASE_BEFORE.search(text[max(fig.sentence_start, fig.start - 60) : fig.start]):
        return None
    prev = figure_before(fig, figures)
    if prev is None or prev.unit != fig.unit or prev.kind != fig.kind:
        return None
    return next((e for e in earlier if e.start == prev.start), None)


def statistic_named_before(
    fig: Figure, text: str, words_of: str, lo: int, stats: Statistics, level: bool, share: tuple[str, ...], ratio: bool,
    per_n: bool,
) -> StatReading | None:
    """The statistic the sentence before names whole, when the figure's own words name part of it:
    "Uganda's electricity output rose last year. Total generation reached 5,216 GWh", or point back at
    it with a noun for a value ("The figure was down from 802 kg"). A figure whose own words name
    none of it ("The country also exported 300 GWh") is not taken to speak of it."""
    prev = previous_sentence(text, fig.sentence_start)
    if not prev:
        return None
    wider = prev + " " + words_of
    spots = [(m.start, m.end) for m in stats.entities.gazetteer.find(wider[: len(prev) + 1 + fig.end - lo])]
    found = read_statistic(fig, wider, stats.metrics, stats.ranges, spots, level, len(prev) + 1 + fig.start - lo, share, ratio, per_n)
    if not isinstance(found, StatReading):
        return None
    how = says_how(found.metric)
    own = {w for p in names(found.metric) if p not in how for w in p}
    if _VALUE_ANAPHOR_RE.search(text, fig.sentence_start, fig.start):
        return found  # "The figure was down from 802 kg in 2021": the value the sentence before gave
    said = set(words(words_of))
    if says_per_n(found.metric.label) and not per_n and _RATE_STEM not in said:
        return None  # "Cases recorded: 3,900" after a rate per 100,000 of cases: the count, not the rate
    return found if own & said else None


_RATE_STEM = stem("rate")


def statistic_under_heading(
    fig: Figure, heading: Heading, own: str, at: int, stats: Statistics, share: tuple[str, ...], ratio: bool,
) -> StatReading | None:
    """The statistic a list's heading names for a figure on one of its item lines (``list_heading``):
    read from the heading's words before the item's own (``own``, the figure at ``at``)."""
    wider = heading.words + " " + own
    spots = [(m.start, m.end) for m in stats.entities.gazetteer.find(wider[: len(heading.words) + 1 + at])]
    per_n = says_per_n(wider)
    found = read_statistic(fig, wider, stats.metrics, stats.ranges, spots, False, len(heading.words) + 1 + at, share, ratio, per_n)
    return found if isinstance(found, StatReading) else None


# A definite noun for a value itself before the figure ("the figure", "this total", "the national rate"):
# it points back at the statistic the sentence before gave, as a pronoun would, but names no other thing.
_VALUE_ANAPHOR_RE = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:national|overall|annual|average)\s+)?(?:figure|total|rate|number|level|ratio|tally)\b(?!\s+of\b)",
    re.IGNORECASE,
)


# Where a share's words end: the next clause break, but not an "and" that joins two nouns of what it
# went to ("2% of GDP on research and development", "could read and write").
_SHARE_STOP = re.compile(r"[,;:()\[\]—–]|\s(?:but|while|whereas|which|who|when|where)\s", re.IGNORECASE)
SHARE_WORDS = 12


# A count's noun, "and" another noun, then a rate's base: " hairdressers and barbers per 100,000".
_PAIR_THEN_PER_RE = re.compile(r"\s+(?:[\w-]+\s+){1,3}and\s+[\w-]+\s+(?:per|for\s+every)\s+(?:\d[\d,]*|(?:a\s+|one\s+)?(?:hundred|thousand|million))\b", re.IGNORECASE)


def _share_end(text: str, pos: int, hi: int) -> int:
    """The end of the words after a share that say what it is of and what it went to (at most SHARE_WORDS;
    a number, as in an age band "aged 15 to 64", is no word)."""
    m = _SHARE_STOP.search(text, pos, hi)
    end = m.start() if m else hi
    w = [t for t in re.finditer(r"\S+", text[pos:end]) if any(ch.isalpha() for ch in t.group())]
    return pos + w[SHARE_WORDS - 1].end() if len(w) > SHARE_WORDS else end


# "grew to (about) N", "reached N", "stood at N": the figure is the level arrived at, not the change.
# "to a record N", "to an all-time high of N", "at an estimated N": the level arrived at, named as such.
_ARRIVED_AT = re.compile(
    r"\b(?:to|at|reached|reaching|hit|topped|passed)\s+"
    r"(?:(?:a|an)\s+(?:new\s+|all-time\s+)?(?:record|high|low|peak|estimated)(?:\s+high|\s+low)?(?:\s+of)?\s+)?"
    r"(?:about|around|some|nearly|almost|roughly|over|just\s+\w+|more\s+than)?\s*$",
    re.IGNORECASE,
)
ENTITY_MAGNITUDE = 1_000.0  # a figure this many times off an entity's every stored value is about something else


def counted_end(fig: Figure, text: str, hi: int) -> int:
    """The end of the noun a count counts when it is written right after the figure, else 0: its
    words are the figure's even where a clause break seems to fall inside them ("civil and
    commercial cases", whose "and" joins two modifiers of one noun)."""
    head = fig.counted.split()[-1] if fig.counted and not fig.unit else ""
    if not head:
        return 0
    at = text.find(head, fig.end, min(hi, fig.end + 80))
    if at < 0 or fig.counted.split()[0] not in text[fig.end : at + len(head)]:
        return 0
    end = at + len(head)
    # a participle after the noun says which of them are counted, with its own phrase: "people seriously
    # injured on the roads", "vehicles registered in the capital"
    reduced = _REDUCED_RELATIVE_RE.match(text, end, hi)
    if reduced is not None and verb_form(reduced.group(1)):
        return clause_end(text, reduced.end(), hi, words=4)
    return end


# A past participle right after a noun, an adverb before it: a reduced relative clause ("seriously injured")
_REDUCED_RELATIVE_RE = re.compile(r"\s+(?:[a-z]+ly\s+)?([a-z]+(?:ed|en))\b")


def within_factor(a: float, b: float, factor: float) -> bool:
    """Are ``a`` and ``b`` within ``factor`` of each other (signs ignored; zero matches only zero)?"""
    a, b = abs(a), abs(b)
    if a == 0 or b == 0:
        return a == b
    return max(a, b) / min(a, b) <= factor


def is_vague(fig: Figure) -> bool:
    """"hundreds", "thousands of": a plural number word, one order of magnitude wide."""
    return not any(ch.isdigit() for ch in fig.surface) and fig.low > 0 and fig.high == 10 * fig.low


def table_claim(m: MetricRow, year: int | None, why: str) -> Claim:
    """A claim about a table with its own entity (a newsroom table): that entity, its country code if it is one."""
    code = default_gazetteer().code_for(m.entity) if m.entity else None
    return Claim(m.key, m.label, m.entity, code or "", year, why)


def newsroom_claim(cand: Candidate, year: int | None, note: str) -> Claim:
    """The claim behind a newsroom metric's match: its own entity, the keywords that matched and where."""
    hits = ", ".join(f"'{k}' ({where})" for k, where in list(cand.hits.items())[:3])
    return table_claim(cand.metric, year, hits + (f"; year {note}" if note else ""))
