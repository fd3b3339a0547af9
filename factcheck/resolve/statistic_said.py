"""What a sentence says of the statistic a figure was read as: the names it used, the table's own
words, and the figure's sentence and clause. The guards (statistic_guards.py, statistic_places.py)
test these words for signs that the figure is something else.
"""

from __future__ import annotations

import re

from factcheck.figures import Figure
from factcheck.resolve.context import clause_span
from factcheck.resolve.places import closed_asides
from factcheck.resolve.statistic import StatReading
from factcheck.resolve.statistic_phrases import phrases, qualifiers
from factcheck.resolve.statistic_units import NEGATION
from factcheck.resolve.wording import stem

WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")


def named_stems(reading: StatReading) -> set[str]:
    """The stems of the names the sentence used for the statistic ("unemployment", "rate")."""
    return {w for p in reading.phrases for w in p.split()}


def own_stems(reading: StatReading) -> set[str]:
    """The stems of every phrase the table is known by: its own words are never another thing."""
    return {w for p in phrases(reading.metric) for w in p}


def own_or_qualifier(reading: StatReading) -> set[str]:
    """The table's own stems and the qualifiers that may stand before its name ("total", "national")."""
    return own_stems(reading) | {stem(q) for q in qualifiers()}


def figure_sentence(fig: Figure, text: str) -> tuple[str, int]:
    """The figure's sentence and the figure's offset in it."""
    return text[fig.sentence_start : fig.sentence_end], max(0, fig.start - fig.sentence_start)


def figure_clause(fig: Figure, text: str) -> tuple[str, int, int, int]:
    """The figure's sentence, the figure's offset in it, and its own clause's bounds there."""
    sentence, rel = figure_sentence(fig, text)
    c0, c1 = clause_span(sentence, rel)
    return sentence, rel, c0, c1


# What a figure is of, right after it: a measure's substance ("12 tonnes of cobalt sulphate", its first
# two words), a count's noun's object ("9.8 million visits to national historic sites", three words at
# most), what an amount of money is in or of ("$12.5bn in new export agreements", five words at most).
_MEASURED_OF_RE = re.compile(r"\s+of\s+((?:[a-z][\w-]*\s+)?[a-z][\w-]*)")
_COUNTED_OF_RE = re.compile(r"\s+(?:of|to|at)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")
_AMOUNT_IN_RE = re.compile(r"\s+(?:in|of|worth\s+of)\s+((?:[a-z][\w-]*\s+){0,4}[a-z][\w-]*)")


def said_after(fig: Figure, text: str) -> str:
    """The words right after a figure that say what it is of ("of forest", "to historic sites", "in
    new export agreements"), or "": said of the figure as much as the words before it."""
    measured = _MEASURED_OF_RE.match(text, fig.end, fig.sentence_end) if fig.kind == "measure" else None
    if fig.counted and (noun := re.match(rf"\s*{re.escape(fig.counted)}", text[fig.end : fig.sentence_end])):
        measured = _COUNTED_OF_RE.match(text, fig.end + noun.end(), fig.sentence_end)
    if fig.kind == "money":
        measured = _AMOUNT_IN_RE.match(text, fig.end, fig.sentence_end)
    return measured.group(1) if measured is not None else ""


def without_asides(sentence: str, upto: int) -> str:
    """``sentence`` with the asides closed before ``upto`` blanked ("Sweden, where projects have
    multiplied, reached N"): a relative clause or apposition describes its noun, it says nothing of
    what the figure is."""
    out = list(sentence)
    for a, b in closed_asides(sentence, 0, upto):
        out[a:b] = " " * (b - a)
    return "".join(out)


# What a table's own description says it leaves out: "(not exports or imports)", "excluding condensate",
# "living donors not counted". The store's words, not the code's, say which figures are not the table's.
# The negated verb of inclusion is no thing left out: "it does not count bank branches", "are not counted".
LEFT_OUT_RE = re.compile(
    rf"{NEGATION}\s+(?:(?:count|include|cover)(?:s|ed|ing)?\b\s*)?((?:[^.;()]|\([^()]*\))*)", re.IGNORECASE
)
NOT_COUNTED_RE = re.compile(r"([^.;(),]+?)\s+(?:are\s+|is\s+)?not\s+(?:counted|included)", re.IGNORECASE)
SELF_NOUNS = frozenset({"country", "nation", "economy", "republic", "kingdom", "state"})  # the country itself


def naming_clause_start(sentence: str, rel: int, c0: int, reading: StatReading) -> int:
    """Where what the figure is said of starts: its own clause's start ``c0``, or earlier, the start of
    the clause that last names the statistic before it ("its total dependency ratio, counting
    children, was 57.2": the name's own modifiers are said of the figure too)."""
    named = named_stems(reading)
    at = [m.start() for m in WORD_RE.finditer(sentence, 0, rel) if stem(m.group().lower()) in named]
    if not at:
        return c0
    start = clause_span(sentence, at[-1])[0]
    # a name split by "and" between two of its modifiers ("recycling rate for construction and demolition
    # waste"): the clause of its words before the "and" is said of the figure too
    while start > 0 and any(a < start for a in at) and _BARE_AND_RE.search(sentence, max(0, start - 6), start):
        start = clause_span(sentence, max(0, start - 6))[0]
    return min(c0, start)


_BARE_AND_RE = re.compile(r"\s(?:and|or)\s$")  # a break at a conjunction with no comma before it
