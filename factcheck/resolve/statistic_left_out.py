"""What a table's own description says it leaves out, and whether a figure's sentence speaks of it
("Portugal imported 180,000 tonnes of rice" against a paddy table "not exports or imports"). The
store's words, not the code's, say which figures are not the table's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.figures import Figure
from factcheck.resolve.statistic import StatReading
from factcheck.resolve.statistic_phrases import CLOSED_CLASS, VALUE_NOUNS, context_only_of, qualifiers
from factcheck.resolve.statistic_said import (
    LEFT_OUT_RE, NOT_COUNTED_RE, SELF_NOUNS, WORD_RE, figure_clause, naming_clause_start, own_stems, said_after,
    without_asides,
)
from factcheck.resolve.wording import stem, words


def _scope_words(text: str) -> set[str]:
    """Stems of a text's content words, a qualifier kept: "the total dependency ratio" is left out by
    a table of the old-age ratio, so "total" must count where ``words`` drops it as generic."""
    kept = qualifiers()
    return {stem(w) for w in WORD_RE.findall(text) if w.lower() in kept} | {w for w in words(text) if w not in CLOSED_CLASS}


@lru_cache(maxsize=4096)
def left_out_stems(description: str) -> frozenset[str]:
    """Stems of what a description says its table leaves out."""
    scopes = [m.group(1) for m in LEFT_OUT_RE.finditer(description)] + [m.group(1) for m in NOT_COUNTED_RE.finditer(description)]
    return frozenset(w for sc in scopes for w in _scope_words(sc))


# A phrase fronted before the sentence's first comma, with no figure in it: "Adjusted for inflation,",
# "Measured at market prices,". It is said of the clause after it.
_FRONTED_RE = re.compile(r"[^,;:\d]+,")
_SELF_STEMS = frozenset(stem(w) for w in SELF_NOUNS)


# Words for a value itself ("figures for single regions"): a description that leaves out such figures
# leaves out what they are for, never every sentence that says "figures".
# ("total" stays: "not the total dependency ratio" leaves out another statistic)
_VALUE_STEMS = frozenset(stem(w) for w in VALUE_NOUNS | {"figure", "figures"}) - {stem("total")}


def left_out_by_table(fig: Figure, text: str, reading: StatReading) -> str:
    """A word of the figure's own clause (or its own verb, or a phrase fronted before the sentence's first
    comma) that the table's description says it leaves out ("Portugal imported 180,000 tonnes of rice"
    against paddy production "not exports or imports"), or ""."""
    # a word only the table's context keywords write ("~financial inclusion") is no name of its own: when the
    # description says the table is not that ("not the broader inclusion index"), it is left out
    context = context_only_of(reading.metric.label, reading.metric.keywords)
    # the country itself ("the country's exports") is what every table is of, whatever its description excludes
    out = left_out_stems(reading.metric.description) - (own_stems(reading) - context) - _SELF_STEMS - _VALUE_STEMS
    # a word the description also uses of what the table holds ("price paid by households ... excludes
    # rebates paid outside the bill") says how its left-out thing differs, it is not the thing
    out -= _held_words(reading.metric.description)
    if not out:
        return ""
    sentence, rel, c0, _ = figure_clause(fig, text)
    sentence = without_asides(sentence, rel)
    # what the figure is said of: its clause up to it, from the clause that last names the statistic
    # when that is earlier ("its total dependency ratio, counting children, was 57.2": the name's own
    # modifiers), what it counts, its own verb; not what follows
    c0 = naming_clause_start(sentence, rel, c0, reading)
    said = _scope_words(sentence[c0:rel]) | set(words(fig.counted)) | ({stem(fig.verb)} if fig.verb else set())
    after = said_after(fig, text)
    if after:  # "12 tonnes of cobalt sulphate", "visits to historic sites": what it is said of
        said |= _scope_words(after)
    fronted = _FRONTED_RE.match(sentence, 0, c0)
    if fronted is not None:  # "Adjusted for GDP per person, a Big Mac cost $2.87": said of the whole clause
        said |= _scope_words(fronted.group())
    # a word said in a phrase the description also uses of what the table holds is no thing left out: "for
    # under-threes" where the table is "for a child under three" and excludes "children aged three and over"
    pairs = _pairs(sentence, reach=3)  # a verb and its object may stand apart ("answered roughly 4.7 million calls")
    held = held_pairs(reading.metric.description)
    hit = sorted(w for w in out & said if not any(w in pair for pair in pairs & held))
    return hit[0] if hit else ""


def _pairs(text: str, reach: int = 1) -> set[frozenset[str]]:
    """Stems of a text at most ``reach`` words apart, in either order, compounds split ("under-threes" →
    {"under", "three"}): "calls answered" in a description is "answered 4.7 million calls" in a sentence."""
    toks = [stem(p.lower()) for w in WORD_RE.findall(text) for p in w.split("-") if p]
    return {frozenset((a, toks[i + k])) for i, a in enumerate(toks) for k in range(1, reach + 1) if i + k < len(toks) and toks[i + k] != a}


@lru_cache(maxsize=4096)
def _held_words(description: str) -> frozenset[str]:
    """Stems of the content words a description uses outside its left-out scopes."""
    return frozenset(_scope_words(_held_text(description)))


def _held_text(description: str) -> str:
    """A description with its left-out scopes blanked: what it says its table holds."""
    found = sorted([*LEFT_OUT_RE.finditer(description), *NOT_COUNTED_RE.finditer(description)], key=lambda m: m.start(), reverse=True)
    held = description
    for m in found:
        held = held[: m.start()] + " ; " + held[m.end() :]
    return held


@lru_cache(maxsize=4096)
def held_pairs(description: str) -> frozenset[frozenset[str]]:
    """Neighbouring stems of what a description says its table holds: the text outside its left-out scopes."""
    return frozenset(_pairs(_held_text(description)))

