"""The statistic a stretch of an article is about, for a figure whose own sentence names none.

A noun for a value before a figure ("the rate was 7.7", "Peru's rate was 9.2", "the figure was
950 MW") points back at the statistic of the figures before it (``statistic_pointed_back``): the
one statistic, of the figure's kind, that the article's earlier figures were read as.

A long article names its statistic once, then goes on in figures of its unit (or in bare counts,
"Peru had 48,000", of a count table, after a verb that holds a level): "Turkey, another heavy
buyer, held 470 tonnes in 2022" in a piece on central banks' gold. Such a figure is read as the one
statistic of its unit that the paragraphs before it name (and only when exactly one is named): a
measure or an amount, no change, nothing else named as what it measures ("470 tonnes of ore"), and a
verb that states a level or is the table's own, never another deed ("sold 30 tonnes" is a flow).
Everything that tests a named statistic (parts, regions, groups, years, values to come) still applies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from factcheck.figures import Figure
from factcheck.resolve.match import count_unit
from factcheck.resolve.statistic import StatReading
from factcheck.resolve.statistic_shares import amount_of_other
from factcheck.resolve.statistic_phrases import context_phrases_of, names, phrases, qualifiers
from factcheck.resolve.statistic_units import PER_N_RE, says_how
from factcheck.resolve.wording import stem, words
from factcheck.store.db import MetricRow
from factcheck.units import same_dimension

class Earlier(NamedTuple):
    """A statistic claim read before a figure: where its figure starts, its table, its year and how that year was known."""

    start: int
    metric: str
    year: int | None
    note: str


LOOK_BACK = 2000  # characters before the figure's sentence in which the statistic must be named
# Verbs that state a level reached or held: what a table of levels holds, whatever its name.
LEVEL_VERBS = frozenset(stem(v) for v in "reach stand stood hit top total number hold held record report amount".split())
_HAVING = frozenset(stem(v) for v in "have has had count counted".split())  # what a place has, of a count table
_WORD_BEFORE_RE = re.compile(r"\b([a-z]+)\s+(?:(?:about|around|some|roughly|nearly|almost|just|over|under|more\s+than)\s+)?$")
_OF_AFTER_RE = re.compile(r"\s+of\s")  # "470 tonnes of ore": a measure of what it names


# A noun for a value, owned or determined, in the figure's clause before it, with no "of" after it: "the
# rate was 7.7", "Peru's rate last year was 9.2", "the 2023 rate climbed to 30", "their rate of 4.9", "the figure
# was 950 MW", "the share ... reached 3.1%", "put its own figure at 97%".
# It points back at the statistic named before, as a pronoun would; "the rate of X" names X instead.
_VALUE_NOUN_BEFORE_RE = re.compile(
    r"\b(?:(?i:the|this|that|its|their)|[A-Z][\w.-]*['’]s)\s+(?:own\s+)?(?:(?:19|20)\d\d\s+)?(?:(?!(?:the|this|that|its|their)\b)(?P<qualifier>[a-z][\w-]*)\s+)?"
    r"(?P<noun>figure|total|tally|number|level|rate|ratio|share|proportion|percentage)\b(?!\s+of\s+(?!\d|$|(?:about|around|some|roughly|nearly|almost|just)\s))"
    r"(?P<gap>[^.;:!?\d]{0,60})$"
)
# ... or "it" as the subject of a verb that gives a level, opening the figure's clause or after a time phrase:
# "By 2022 it had reached 24.8%", "It dipped to 318 in 2022": the pronoun stands for the value given before
_PRONOUN_LEVEL_RE = re.compile(
    r"(?:^|[.;:]\s+|,\s+(?:and\s+|but\s+)?|\b(?:and|but|when|\d{4}|earlier|later|ago|before|then|since)\s*,?\s+)\s*(?:[Ii]t)\s+"
    r"(?:(?:had|has|then|later|again|also|eventually|briefly|only)\s+){0,2}"
    r"(?:reached|stood\s+at|stands\s+at|(?:dipped|rose|fell|climbed|dropped|slipped|edged\s+(?:up|down)|recovered|grew|sank)\s+to|hit|was|been|is)\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|just|over|under|more\s+than|less\s+than|a\s+record)\s+)?$"
)
_RATE_NOUNS = frozenset({"rate", "ratio", "share", "proportion", "percentage"})  # a rate's or share's value
_COUNT_NOUNS = frozenset({"total", "tally", "number"})  # a count's value
_AT_MOST_WORDS = 8  # words between the noun and the figure


def _value_noun(fig: Figure, text: str) -> str:
    """The value noun that points back at a statistic before ``fig`` in its clause (see above), else ""."""
    m = _VALUE_NOUN_BEFORE_RE.search(text, max(fig.sentence_start, fig.start - 120), fig.start)
    if m is None and _PRONOUN_LEVEL_RE.search(text[fig.sentence_start : fig.start]):
        return "figure"  # "it had reached N": as "the figure had reached N"
    if m is None or len(m.group("gap").split()) > _AT_MOST_WORDS or re.search(r"\b(?:and|but|while|whereas)\b", m.group("gap")):
        return ""
    if m.group("qualifier") and m.group("qualifier") not in qualifiers():
        return ""  # "the urban rate": another statistic's; "the nationwide rate" (data/statistic_qualifiers.txt) is the same one
    return m.group("noun").lower()


def _fits_value_noun(noun: str, metric: MetricRow) -> bool:
    """A rate's noun ("the rate") points at a rate or share table; a count's ("the total") at a count's."""
    rate = count_unit(metric.unit) == "percent" or PER_N_RE.search(metric.label) is not None
    return (noun not in _RATE_NOUNS or rate) and (noun not in _COUNT_NOUNS or not rate)


def statistic_named_earlier(fig: Figure, text: str, metrics: list[MetricRow], level: bool = False) -> StatReading | None:
    """The one statistic of the figure's unit that the stretch before its sentence names, else None.
    ``level`` says a moved figure is the level it arrived at ("the harvest fell to 238,000 tonnes")."""
    bare = fig.kind == "count" and fig.unit is None and fig.checkable  # "Peru had 48,000 last year"
    if (fig.kind not in ("measure", "money") and not bare) or (fig.trend and not level) or fig.counted or (fig.unit is None and not bare):
        return None
    of_what = _OF_AFTER_RE.match(text, fig.end)
    said = f" {' '.join(words(text[max(0, fig.sentence_start - LOOK_BACK) : fig.sentence_start]))} "
    found: list[tuple[MetricRow, str]] = []
    for m in metrics:
        if not _kind_fits(fig, m) or (bare and PER_N_RE.search(m.label)):
            continue  # a bare count states a count table's level, never a rate's or a measure's
        context, how = context_phrases_of(m.keywords), says_how(m)
        named = next((" ".join(p) for p in names(m) if p not in how and " ".join(p) not in context and f" {' '.join(p)} " in said), "")
        if named:
            found.append((m, named))
    if len(found) != 1:
        return None
    metric, hit = found[0]
    if of_what is not None and not _names_own_word(text[of_what.end() : fig.sentence_end], metric):
        return None  # "470 tonnes of ore": a measure of what it names ("140 km of busway" of a busway table is its own)
    if amount_of_other(fig, metric, text[fig.sentence_start : fig.start], text[fig.end : fig.sentence_end]):
        return None  # "the 80 MW <Name> Wind Farm", "a 5 MW plant": one thing's amount, not the statistic's
    own = {w for p in phrases(metric) for w in p}
    if fig.verb and stem(fig.verb) not in LEVEL_VERBS and stem(fig.verb) not in own and not (level and fig.trend):
        return None  # "the bank sold 30 tonnes": another deed than holding the level the table keeps
    before = _WORD_BEFORE_RE.search(text, max(0, fig.start - 30), fig.start)
    verb = fig.verb or (before.group(1) if before else "")
    if bare and (not verb or stem(verb) not in LEVEL_VERBS | _HAVING):
        return None  # a bare count needs a verb that holds a level right before it: "had", "counted", "stood at"
    return StatReading(metric, (hit,), 0.0)


def _names_own_word(after_of: str, metric: MetricRow) -> bool:
    """Whether the noun right after "of" is a word of the table's own names, not of its context words."""
    first = words(after_of)[:1]
    own = {w for p in names(metric) if " ".join(p) not in context_phrases_of(metric.keywords) for w in p}
    return bool(first) and first[0] in own


def _kind_fits(fig: Figure, metric: MetricRow) -> bool:
    """A percentage fits a table in percent, a bare number a table of counts or of a rate per so many,
    a measure or an amount a table of its dimension or currency."""
    unit = count_unit(metric.unit)
    if fig.unit is None:
        return fig.kind == "count" and unit is None
    if unit is None:
        return False
    return unit == fig.unit if fig.kind in ("money", "percent") else same_dimension(fig.unit, unit)


def figure_before(fig: Figure, figures: Sequence[Figure]) -> Figure | None:
    """The checkable figure right before ``fig`` in its sentence, else None."""
    return next((f for f in reversed(figures) if f.checkable and f.sentence_start == fig.sentence_start and f.end <= fig.start), None)


def statistic_pointed_back(
    fig: Figure, text: str, earlier: list[MetricRow], figures: Sequence[Figure] = (), level: bool = False,
) -> StatReading | None:
    """The statistic a value noun before the figure points back at ("the rate was 7.7"): the one table of
    ``earlier`` (what the article's figures before it were read as) that fits the noun and the figure's
    kind; None when there is no such noun, or none or several tables fit. ``level`` says a moved figure is
    the level it arrived at."""
    if (fig.trend and not level) or fig.counted or not fig.checkable:
        return None  # "the rate fell 2%" is a change; "the rate fell to 69.4" the level it reached
    noun = _value_noun(fig, text)
    if not noun or _OF_AFTER_RE.match(text, fig.end):
        return None
    # a bare number right after a measure in its sentence leaves the measure's unit out: "France harvested
    # 0.8 million hectares, Peru's figure was 0.5 million"
    prev = figure_before(fig, figures)
    as_prev = replace(fig, unit=prev.unit, kind=prev.kind) if prev is not None and prev.unit and fig.unit is None and fig.kind == "count" else fig
    fits = {m.key: m for m in earlier if _fits_value_noun(noun, m) and (_kind_fits(fig, m) or _kind_fits(as_prev, m))}
    if len(fits) != 1:
        return None
    metric = next(iter(fits.values()))
    if amount_of_other(fig, metric, text[fig.sentence_start : fig.start], text[fig.end : fig.sentence_end]):
        return None
    return StatReading(metric, (f"the {noun}",), 0.0)

