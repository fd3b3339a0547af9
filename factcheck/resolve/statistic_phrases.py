"""The words a statistic's table is known by, and the closed classes of English that never name one.

statistic.py reads which table a figure states; statistic_shares.py and statistic_guards.py test what
else a figure might be. All three read a table's phrases from here, so no two copies can drift.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from factcheck.extract.concept import REPORTING
from factcheck.extract.timeref import MONTH_ALT, WEEKDAYS
from factcheck.resolve.statistic_units import LABEL_SPLIT, spelled_out
from factcheck.resolve.wording import words
from factcheck.store.db import MetricRow

# Function words (conjunctions, prepositions, pronouns, adverbs of place and time): a closed
# class of English, so a statistic's name never starts with one.
CLOSED_CLASS = frozenset(
    "while whereas but because although though if unless when where which who whom whose that so yet nor "
    "after before since until into onto upon within without across against among per via there here then "
    "also still only just not no its their his her our your my we they he she it you i also even".split()
)

# Words for a value itself, not for what it is of: "the count of dailies", "the number of vets".
VALUE_NOUNS = frozenset({"value", "values", "number", "numbers", "estimate", "estimates", "count", "total", "tally", "amount", "data"})

# Verbs of saying: "the bank said inflation was ..." names no other statistic. Verbs that make a value
# one to come ("forecast", "expects") are left out: they stay a word of their own.
SAYING = REPORTING - frozenset("forecast predicted predicts expects expected estimated estimates estimate believes believed".split())
# Modal verbs end a name too: "could expect to live" is life expectancy's own phrasing, not a "could" statistic.
MODALS = frozenset("can could may might will would shall should must".split())

@lru_cache(maxsize=1)
def qualifiers() -> frozenset[str]:
    """Words that may stand before a statistic's name without changing it (factcheck/data/statistic_qualifiers.txt)."""
    path = Path(__file__).resolve().parents[1] / "data" / "statistic_qualifiers.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))



# Prepositions that only link a name's words ("days lost through labour disputes" is also said "lost
# to labour disputes"); those that bound what is counted ("per", "under", "without") stay.
_LINKING_PREPOSITIONS = frozenset(words("through via into onto toward towards throughout upon"))


@lru_cache(maxsize=65536)
def phrases_of(label: str, keywords: str) -> tuple[tuple[str, ...], ...]:
    """A metric's phrases as stemmed word tuples: label pieces and synonyms, unit words left in, each
    also with its acronyms written out ("GDP" is also "gross domestic product")."""
    raw = [p for p in LABEL_SPLIT.split(label)] + [k.strip().lower() for k in keywords.split(";") if k.strip()]
    out: list[tuple[str, ...]] = []
    for p in raw + [long for p in raw for long in spelled_out(p)]:
        ws = tuple(w for w in words(p) if w not in _LINKING_PREPOSITIONS)
        if ws and ws not in out and not set(ws) <= CLOSED_CLASS:  # "~per 10,000" leaves only "per": it names nothing
            out.append(ws)
    return tuple(out)


@lru_cache(maxsize=4096)
def context_only_of(label: str, keywords: str) -> frozenset[str]:
    """The stems only a table's context keywords ("~roads") write: too general to name the statistic,
    so before one of its names such a word names another thing ("road network" for "motorway network")."""
    context = {w for k in keywords.split(";") if k.strip().startswith("~") for w in words(k.strip()[1:])}
    naming = {w for k in keywords.split(";") if k.strip() and not k.strip().startswith("~") for w in words(k)}
    return frozenset(context - naming - set(words(label)))


@lru_cache(maxsize=4096)
def context_phrases_of(keywords: str) -> frozenset[str]:
    """A table's context keywords ("~companies", "~new firms") as stemmed phrases ("company", "new firm"):
    a sentence that names the table by these alone has not said which count of them it gives."""
    return frozenset(" ".join(words(k.strip()[1:])) for k in keywords.split(";") if k.strip().startswith("~"))


def phrases(m: MetricRow) -> tuple[tuple[str, ...], ...]:
    """The stemmed phrases a sentence about metric ``m`` may use."""
    return phrases_of(m.label, m.keywords)



def names(m: MetricRow) -> tuple[tuple[str, ...], ...]:
    """The phrases that name the statistic itself: the label's first piece and the synonyms.

    The label's later pieces say its basis or unit ("annual %", "current US dollars"); a word
    before them ("constant 2005 international $") qualifies the unit, not the statistic.
    """
    return phrases_of(LABEL_SPLIT.split(m.label)[0], m.keywords)


# A month's or a weekday's name, with the words after it ("March", "Tuesday night"): a time, no place or thing.
TIME_NAME_RE = re.compile(rf"(?i:(?:{MONTH_ALT}|{'|'.join(WEEKDAYS)})\.?(?:\s+\w+)*)")
