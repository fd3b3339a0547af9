"""Why a figure that names a country's statistic is only a part of its whole, or another state of it.

A table of a statistic by country holds the whole of each country's figure. A sentence can say the
figure is a part of it:
- a part of a whole it names ("611 of Portugal's weddings", "of which X accounted for N", "X, which
  make up most of the total, ..."), or one it singles out ("for paddy rice alone");
- one of two things the table's description counts together ("by residents and non-residents");
- those in a state ("32 reactors were offline"), or the share without the table's thing ("38% had no
  savings"): a part, or the complement;
- an item of a prose breakdown ("by sector: agriculture 1,120").
And the reverse: a count of the table's thing together with another ("cars and motorcycles").
The other reasons a figure is not the table's are in statistic_guards.py and statistic_places.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.extract.concept import STOP
from factcheck.extract.timeref import YEAR_RE
from factcheck.figures import Figure
from factcheck.resolve.gazetteer import Gazetteer
from factcheck.resolve.statistic import StatReading
from factcheck.resolve.statistic_phrases import CLOSED_CLASS, context_only_of
from factcheck.resolve.statistic_said import (
    LEFT_OUT_RE, NOT_COUNTED_RE, SELF_NOUNS, WORD_RE, figure_clause, naming_clause_start, own_or_qualifier, own_stems,
    said_after, without_asides,
)
from factcheck.resolve.wording import GENERIC, stem
from factcheck.units import parse_unit


# A count followed by "of" and a determiner or an owner: a part of a whole ("611 of Portugal's weddings",
# "12,000 of its 40,000 doctors"), never the whole a table holds. "500,000 tonnes of coal" has no determiner.
_PART_OF_WHOLE_RE = re.compile(r"\s+of\s+(?:the|its|their|all|those|them|these|[A-Z][\w.-]*(?:'s|’s|'))(?:\s|[,.;]|$)")
# ... or the whole fronted before the clause: "Of last year's titles, 57,100 were first editions"
_FRONTED_WHOLE_RE = re.compile(r"\s*Of\s+(?:the|its|their|all|those|these|(?:[\w.-]+\s+)?[\w.-]+(?:'s|’s|'))\s[^,;:]*,\s*$")


# "..., of which X accounted for N": N is X's part of the whole just named.
_OF_WHICH_RE = re.compile(r"\bof\s+which\b[^.;:]*$", re.IGNORECASE)


# A verb that makes its subject a part of a whole: "X accounted for N", "X made up N". A percentage said so
# is a share ("renewables accounted for 41% of electricity"); an amount is the part's own.
_SHARE_VERB = r"(?:accounted|accounts|account|accounting)\s+for|(?:made|make|makes|making)\s+up"  # a part's verb of its whole
_SHARE_VERB_RE = re.compile(rf"\b({_SHARE_VERB})\s+(?:[a-z]+\s+){{0,2}}$", re.IGNORECASE)


# Its sentence's subject said to be a share of the whole before the figure: "Gujarat accounts for about 76% of the
# national total, producing N tonnes": the figure is that part's; the part is said before a comma, so "… of the
# national total of N" (the whole's) never matches.
_SHARE_OF_WHOLE_BEFORE_RE = re.compile(
    rf"\b(?:{_SHARE_VERB})\s+(?:(?:about|around|some|nearly|almost|roughly|over|more\s+than)\s+)?"
    r"(?:[\d.]+\s*(?:%|per\s?cent)|(?:a|one)\s+(?:third|quarter|fifth|half)|half|two-thirds|three-quarters|most)\s+of\s+(?:the\s+)?"
    r"(?:national|country['’]s|nation['’]s|world['’]s|global|total|whole|all)\b[^;,]*,"
    r"\s+(?:[a-z]+ing|with)\b",  # ... then a participle or "with" goes on about that subject ("and Kenya had N" is a new one)
    re.IGNORECASE,
)


# A relative clause that makes its noun a part of a whole: "X, which make up most of the total, reached N".
_PART_CLAUSE_RE = re.compile(
    r",\s+(?:which|that)\s+(?:(?:make|makes|made)\s+up|(?:account|accounts|accounted)\s+for|(?:form|forms|formed)\s+(?:part|most|much))\b[^,;]*,",
    re.IGNORECASE,
)


def part_of_whole(fig: Figure, text: str) -> str:
    """The words that make a figure a part of a whole ("611 of Portugal's weddings", "six of them", "of
    which the port of X accounted for 610,000", "Auckland accounted for 20,800 births", "Of last year's
    titles, 57,100 were first editions"), or ""."""
    which = _OF_WHICH_RE.search(text, fig.sentence_start, fig.start)
    if which is not None:
        return which.group().strip()
    part = _PART_CLAUSE_RE.search(text, fig.sentence_start, fig.start)
    if part is not None:  # "transshipment volumes, which make up most of the total, reached N"
        return part.group().strip(", ")
    share = _SHARE_VERB_RE.search(text, max(fig.sentence_start, fig.start - 40), fig.start)
    if share is not None and fig.kind != "percent":
        return share.group(1)  # "Auckland accounted for 20,800 births", "foreign guests made up 2.9 million nights"
    whole = _SHARE_OF_WHOLE_BEFORE_RE.search(text, fig.sentence_start, fig.start)
    if whole is not None and text.find(",", whole.end(), fig.start) < 0:
        return whole.group().rsplit(",", 1)[0].strip()
    fronted = _FRONTED_WHOLE_RE.match(text, fig.sentence_start, fig.start)
    if fronted is not None:
        return fronted.group().strip()
    if fig.kind == "measure":  # "886 km of the river": a stretch of one thing, unless the thing is the country's own
        unit = parse_unit(fig.unit) if fig.unit else None
        if unit is None or str(unit.dimensionality) not in ("[length]", "[length] ** 2"):
            return ""  # "7,140 tonnes of the grain": with a mass or a volume, "of the" names the substance
        m = _PART_OF_WHOLE_RE.match(text, fig.end)
        noun = _NEXT_WORD_RE.match(text, m.end()) if m is not None else None
        if m is None or noun is None or noun.group(1).lower() in SELF_NOUNS or "'" in m.group() or "’" in m.group():
            return ""
        return f"{fig.surface}{m.group()}{noun.group(1)}"
    if fig.unit is not None or fig.kind != "count":
        return ""
    m = _PART_OF_WHOLE_RE.match(text, fig.end)
    return f"{fig.surface}{m.group().rstrip(',.; ')}…" if m else ""


_NEXT_WORD_RE = re.compile(r"\s*([A-Za-z][\w-]*)")


# A focus particle that singles out a part: "for paddy rice alone", "hydropower alone supplied".
_ALONE_RE = re.compile(r"((?:[A-Za-z][\w'’-]*\s+){1,3})alone\b")


def singled_out(fig: Figure, text: str, g: Gazetteer) -> str:
    """A part the figure's clause singles out with "alone" ("4.9 for paddy rice alone", "Hotels in the
    capital alone recorded"), or "": one part's figure, not the whole's. A place the store knows said
    so ("Kenya alone produced") is the country's own figure."""
    sentence, rel, c0, c1 = figure_clause(fig, text)
    for m in _ALONE_RE.finditer(sentence, c0, c1):
        if not g.find(m.group(1)):
            return f"{m.group(1).strip()} alone"
    return ""


# A negation before the statistic's own word after a share: "38% had no savings", "12% lack access to
# electricity", "9% were not vaccinated". The share is of those without it: the table's complement.
_WITHOUT_RE = re.compile(r"\b(?:no|not|never|without|lacks?|lacked|lacking)\b|n['’]t\b", re.IGNORECASE)
_WITHOUT_REACH = 4  # words after the negation in which the statistic's word must stand


def complement(fig: Figure, text: str, reading: StatReading) -> str:
    """The negated statistic's word a percentage's own clause says its share is without ("had no
    savings", "lack access to electricity"), or "": the share of those without, not the table's share.
    A table whose own name is negated ("without electricity") is that complement itself."""
    if fig.kind != "percent":
        return ""
    sentence, rel, _, c1 = figure_clause(fig, text)
    end = rel + (fig.end - fig.start)
    own = own_stems(reading)
    table_says = f"{reading.metric.label};{reading.metric.keywords}"
    if _WITHOUT_RE.search(table_says):
        return ""
    for m in _WITHOUT_RE.finditer(sentence, end, c1):
        after = WORD_RE.findall(sentence[m.end() : c1])[:_WITHOUT_REACH]
        hit = next((w for w in after if stem(w.lower()) in own and w.lower() not in GENERIC), None)
        if hit is not None:
            return f"{m.group().strip()} … {hit}"
    return ""


# A count as the subject of a verb of being and a state: "32 reactors were offline", "1,200 homes stood
# empty", "9 plants were under repair". The count is of those in that state, a part of the whole.
_STATE_AFTER_RE = re.compile(
    r"(?:\s+[A-Za-z][\w'’-]*){0,4}?\s+(?:were|was|are|is|remained|remain|remains|stood|stand|stands|sat|lay)"
    r"(?:\s+(?:still|now|then|also|all|temporarily|permanently))?\s+((?:under|out\s+of|off)\s+[a-z]+|[a-z]+)\b"
)


def in_a_state(fig: Figure, text: str, reading: StatReading) -> str:
    """The state a count's own clause says what it counts was in ("were offline", "stood empty", "were
    under repair"), when no word of the table names it, or "": those in a state are a part of the whole.
    A participle ("were sold", "were operating") is a deed, for the deed tests; the table's own state
    word ("were operable") is the whole."""
    if fig.kind != "count" or fig.unit:
        return ""
    m = _STATE_AFTER_RE.match(text, fig.end, fig.sentence_end)
    if m is None:
        return ""
    state = m.group(1)
    word = state.split()[-1]
    if word.endswith(("ed", "en", "ing")) or word in CLOSED_CLASS or word in STOP or word in GENERIC:
        return ""
    if stem(word) in own_or_qualifier(reading) or any(ch.isdigit() for ch in word):
        return ""
    return state


# What a table's description says it counts together: "by residents and non-residents", "onshore and
# offshore capacity", "forest, shrubland and other land". A figure said of one of them alone is that
# one's part. Only "and": "X or Y" in a description is as often two names for one thing ("companies or
# enterprises"). A list's last item "other …" is the rest, no part a figure could name.
_WORD = r"[A-Za-z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
_BOTH_RE = re.compile(rf"\b({_WORD})-?\s+and\s+({_WORD})")
_LIST_RE = re.compile(rf"\b({_WORD}(?:,\s+{_WORD})+),?\s+and\s+(?:(other)\s+)?({_WORD})")


@lru_cache(maxsize=4096)
def counted_together(description: str) -> tuple[tuple[str, ...], ...]:
    """Groups of stems a description counts together ("residents and non-residents"; "forest,
    shrubland and other land"), outside what it says it leaves out."""
    negated = [(m.start(), m.end()) for m in LEFT_OUT_RE.finditer(description)]
    negated += [(m.start(), m.end()) for m in NOT_COUNTED_RE.finditer(description)]
    groups: list[tuple[str, ...]] = []
    listed: list[tuple[int, int]] = []
    for m in _LIST_RE.finditer(description):
        if any(a <= m.start() < b for a, b in negated):
            continue
        items = [w.strip().lower() for w in m.group(1).split(",")] + ([] if m.group(2) else [m.group(3).lower()])
        items = [w for w in items if w not in SELF_NOUNS]  # "in a country, public and private": the country is no part
        listed.append((m.start(), m.end()))
        if len(items) >= 2 and not set(items) & (CLOSED_CLASS | STOP | GENERIC):
            groups.append(tuple(stem(w) for w in items))
    for m in _BOTH_RE.finditer(description):
        if any(a <= m.start() < b for a, b in negated + listed):
            continue
        first, second = m.group(1).lower(), m.group(2).lower()
        if {first, second} & (CLOSED_CLASS | STOP | GENERIC):
            continue
        groups.append((stem(first), stem(second)))
    return tuple(groups)


# A heading clause ended by a colon, with no figure in it: "Long-haul services fared worse: just 64% …".
# What follows the colon is said of it.
_HEADING_RE = re.compile(r"([^:;\d]+):\s*")


def one_of_both(fig: Figure, text: str, reading: StatReading) -> str:
    """One of the things the table's description counts together, said alone of the figure: in its
    clause, its heading before a colon or what it is of right after it ("Zambian residents lodged 19
    patent applications" against a table of residents' and non-residents' applications; "12,900
    hectares of forest" against forest, shrubland and other land), or "". The table's own words never
    count."""
    groups = counted_together(reading.metric.description)
    if not groups:
        return ""
    sentence, rel, c0, _ = figure_clause(fig, text)
    sentence = without_asides(sentence, rel)  # "X, which ships to power stations, produced N": said of X
    heading = _HEADING_RE.match(sentence, 0, c0)
    c0 = naming_clause_start(sentence, rel, c0, reading)
    scope = f"{heading.group(1) if heading else ''} {sentence[c0:rel]} {fig.counted} {said_after(fig, text)}"
    # stem → the word as written, for the reason; a capital inside the sentence is a name's ("the Black Sea
    # coast"), not the description's common word
    said = {stem(w.lower()): w for w in WORD_RE.findall(scope) if not _capital_inside(w, sentence)}
    everywhere = {stem(w.lower()) for w in WORD_RE.findall(sentence)}
    own = own_or_qualifier(reading) - context_only_of(reading.metric.label, reading.metric.keywords)
    for group in groups:
        for one in group:
            if one in said and not set(one.split("-")) <= own and not any(other in everywhere for other in group if other != one):
                return said[one]
    return ""


def _capital_inside(word: str, sentence: str) -> bool:
    """Whether ``word`` is capitalised where it stands inside ``sentence``, not as its first word."""
    return word[:1].isupper() and not sentence.lstrip().startswith(word)


# The label of a prose table's item, right before its figure: ": agriculture 1,120", ", trucks 98,000".
_ITEM_LABEL_RE = re.compile(r"[:;,]\s*(?:and\s+)?((?:[A-Za-z][\w'’.-]*\s+){0,2}[A-Za-z][\w'’.-]*)\s*:?\s*$")


def item_label(fig: Figure, text: str, reading: StatReading, g: Gazetteer) -> str:
    """The label of a breakdown's item the figure is ("by sector: agriculture 1,120", "by province:
    Pichincha 2.8 million", "passenger cars 1.45 million, trucks 98,000"), or "". A prose table after a
    colon whose items are labelled by what is no place the store knows lists parts of the whole; one
    labelled by countries ("Tunisia 676, Mongolia 249") lists the countries' own figures."""
    if ":" not in text[fig.sentence_start : fig.start]:
        return ""
    m = _ITEM_LABEL_RE.search(text[max(fig.sentence_start, fig.start - 60) : fig.start])
    if m is None:
        return ""
    label = m.group(1)
    if g.find(label) or YEAR_RE.search(label):
        return ""
    own = own_or_qualifier(reading)
    said = label.split()
    if any(w.lower() in STOP or w.lower() in CLOSED_CLASS or w.lower().endswith(("ing", "ed")) for w in said):
        return ""  # a verb or function word ("reaching", "up from", "about"), no label
    return label if any(stem(w.lower()) not in own for w in said) else ""


# A count's noun phrase, "and", then a second plural noun with no number of its own: "250 passenger cars
# and motorcycles", "5,000 doctors and nurses". A verb after "and" ("12 men and seized") has no plural "s".
_AND_ANOTHER_RE = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*s\s+and\s+(?:other\s+)?([a-z][\w-]*s)\b(?!\s+(?:and\s+)?\d)")


def with_another(fig: Figure, text: str, reading: StatReading) -> str:
    """The other noun a count counts together with the table's thing ("250 passenger cars and
    motorcycles" against a table of cars), or "": such a count is more than the table holds. A noun the
    table's own words name ("hairdressers and barbers") is its own."""
    if fig.kind != "count" or fig.unit:
        return ""
    m = _AND_ANOTHER_RE.match(text, fig.end, fig.sentence_end)
    if m is None:
        return ""
    other = m.group(1)
    if stem(other) in own_or_qualifier(reading) or other in GENERIC or other in STOP:
        return ""
    return text[fig.end : m.end()].strip()
