"""What a percentage is a share of, and what a measure or amount says it is of: tests that keep a figure
from a table it does not state ("0.9% of GDP" is no GDP; "71 litres of beer" no pure alcohol)."""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.extract.concept import STOP
from factcheck.extract.groups import group_nouns
from factcheck.figures import Figure
from factcheck.resolve.gazetteer import default_gazetteer
from factcheck.resolve.match import count_unit
from factcheck.resolve.statistic_phrases import CLOSED_CLASS, MODALS, SAYING, TIME_NAME_RE, context_only_of, phrases, phrases_of, qualifiers
from factcheck.resolve.statistic_units import label_measure, spelled_out
from factcheck.resolve.wording import EVERYONE, GENERIC, adverbs, stem, words
from factcheck.store.db import MetricRow

# "N% of X": a percentage followed by what it is a share of ("0.9 percent of GDP", "3% of its budget").
# An owner before the base is skipped: "of the country's electricity", "of Sri Lanka's health spending"
# (a name's capitalised words, or "the" and one noun), never a phrase of its own ("of the seats in X's").
_NAME_WORD = r"(?:[A-Z][\w.'’-]*|d['’][A-Z][\w-]*)"
_SHARE_OF = re.compile(
    rf"\s+of\s+(?:all\s+(?:of\s+)?)?(?:the\s+[a-z]+(?:'s|’s)\s+|(?:the\s+|its\s+|their\s+)?(?:(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}(?:'s|’s)\s+)?)"
    r"(?P<base>(?:(?:[A-Z]\.){2,}|[A-Za-z][\w-]*)(?:\s+[A-Za-z][\w-]*){0,3})"  # "of U.S. retail sales": an abbreviation's points
)


def share_base(text: str, fig: Figure) -> tuple[str, ...]:
    """The words, as written, of what a percentage is a share of ("percent of GDP" → ("GDP",)), else ().

    A share of X is not X: "0.9 percent of GDP" states a ratio to GDP, which only a table of that
    share ("… (% of GDP)") holds, never a table of GDP itself nor one that merely names GDP.
    """
    if count_unit(fig.unit) != "percent":
        return ()
    m = _SHARE_OF.match(text, fig.end)
    if m is None:
        return ()
    out: list[str] = []
    for w in m.group("base").split():
        low = w.lower()
        if low in CLOSED_CLASS or low in _BASE_ENDS or low in MODALS or low in SAYING or low == fig.verb.lower() or low in adverbs():
            break  # "90% of adults in Chile could read", "22% of adults smoked", "8% of its land organically": of adults, of land
        if out and low == "aged":
            break  # an age band after the noun: "of people aged 20 to 79" is a share of people (of that age)
        out.append(w)
    # a place before the base says whose it is ("of US retail sales", "of British exports"), not what of
    while len(out) > 1 and not _is_demonym_plural(out[0]) and default_gazetteer().find(out[0]):
        out.pop(0)
    return tuple(out) if words(" ".join(out)) else ()


# Nouns that say a percentage is a share of what follows them: "the share of early leavers".
SHARE_WORDS = frozenset({"share", "proportion", "percentage", "fraction"})
SHARE_STEMS = frozenset(stem(w) for w in SHARE_WORDS)
_BASE_ENDS = frozenset("and or was is were are in at on to for from by with have has had do does did last this next".split())
# What a share of the country's people is of: "adults", "Kenyans", "the population", "the labour force".
_PEOPLE_BASE = frozenset({"population", "labour", "labor", "force", "workforce", "people", "households"})


def _is_demonym_plural(word: str) -> bool:
    """A capitalised plural that is no possessive ("Poles", "Kenyans"): the people of a country."""
    return word[:1].isupper() and word.endswith("s") and not word.endswith(("'s", "’s"))


def people_share(base: tuple[str, ...]) -> bool:
    """Is ``base`` the country's people or a noun for people ("adults", "Kenyans", "the population")?

    "69% of Ghanaians were online" is the share a table of "% of population" holds, whatever the
    label says it is of: the table's own words must still be in the sentence.
    """
    people = group_nouns()["person"]
    demonym_plural = [w for w in base if _is_demonym_plural(w)]
    nouns = [w for w in base if w.lower() in people or w.lower() in _PEOPLE_BASE]
    # "Kenyans", "adults", "Turkish women": nouns for people, with capitalised words that say whose
    return bool(nouns or demonym_plural) and all(w in nouns or w in demonym_plural or w[:1].isupper() for w in base)


# A publisher's definition of a share says what it is of: "Percentage of seats in the lower chamber held by women".
_DEFINED_SHARE_RE = re.compile(r"\b(?:percentage|per\s*cent|share|proportion|%)\s+of\s+(?:the\s+|all\s+)?((?:[\w-]+\s+){0,2}[\w-]+)", re.IGNORECASE)


def holds_share(m: MetricRow, base: tuple[str, ...]) -> bool:
    """Does metric ``m`` state a share of ``base``: its label has "of" followed by those words ("(% of GDP)"),
    an acronym written out either side ("4.5 per cent of gross domestic product" is "% of GDP"), or its
    description defines it as a share of them ("Percentage of seats ..." holds "35.6% of the seats"), or
    one of its own phrases is the base, qualifiers aside?

    >>> m = MetricRow(key="oop", label="out-of-pocket health spending", unit="percent", keywords="paid out of pocket;~health spending")
    >>> holds_share(m, ("total", "health", "spending")), holds_share(m, ("health", "bill"))
    (True, False)
    """
    label = m.label.lower()
    at = label.find(" of ")
    # a demonym in the plural is the country's people: "of employed Poles" is "of employed people"
    said = " ".join("people" if _is_demonym_plural(w) else w for w in base)
    pieces = [label[at + 4 :]] if at >= 0 else []
    pieces += [d.group(1).lower() for d in _DEFINED_SHARE_RE.finditer(m.description or "")][:1]
    forms = [set(words(x)) for of in pieces for x in [of, *spelled_out(of)]]
    if any(set(words(b)) <= f for b in [said, *spelled_out(said)] for f in forms if f):
        return True
    # ... or the base is one of the table's own phrases whole ("of health spending" for a table that
    # keeps "health spending" among its words), a qualifier aside ("of total health spending"): the whole
    quals = {stem(q) for q in qualifiers()}
    kept = tuple(w for w in words(said) if w not in quals)
    return bool(kept) and kept in phrases(m)


def described_share(m: MetricRow, base: tuple[str, ...]) -> bool:
    """Is every word of ``base`` one that ``m``'s description counts ("8% of purchases" for a table of
    "payments ... by consumers (shops, restaurants and other in-person purchases)"), names and demonyms
    aside, never what it leaves out? Such a share is the table's share said otherwise, when the
    sentence also names the table itself (the caller's test).

    >>> m = MetricRow(key="cash", label="share of payments made in cash", unit="percent", keywords="cash payments",
    ...               description="Cash payments as a percentage of in-person purchases. Excludes online purchases by value.")
    >>> described_share(m, ("purchases",)), described_share(m, ("online", "purchases")), described_share(m, ("value",))
    (True, False, False)
    """
    counted = set(words(_counted_part(m.description or "")))
    named = [w for w in base if not w[:1].isupper()]
    return bool(named) and bool(counted) and set(words(" ".join(named))) <= counted


# Where a description starts to say what it leaves out: "Excludes ...", "not by value".
_LEAVES_OUT_RE = re.compile(r"\b(?:excludes?|excluding|except|other\s+than|not)\b", re.IGNORECASE)


def _counted_part(description: str) -> str:
    """The words of a description before it says what it leaves out."""
    m = _LEAVES_OUT_RE.search(description)
    return description[: m.start()] if m else description


def table_words(m: MetricRow) -> frozenset[str]:
    """Every stem a table is known by: its label's and synonyms' words and what its label says it measures."""
    return _table_words(m.label, m.keywords)


@lru_cache(maxsize=4096)
def _table_words(label: str, keywords: str) -> frozenset[str]:
    return frozenset(w for p in phrases_of(label, keywords) for w in p) | frozenset(label_measure(label)[1])


def counts_other(fig: Figure, m: MetricRow) -> bool:
    """Does a count say it counts something no word of a unitless table names ("4,200 premature deaths"
    against a table of PM2.5 in micrograms, "a $12bn sale" aside)? Its counted noun must share a word with
    the table's name, synonyms or measure ("9.3 million passengers" for airline passengers carried)."""
    if count_unit(m.unit) is not None or fig.unit is not None or not fig.counted:
        return False
    counted = set(words(fig.counted))
    if not counted or fig.counted.split()[-1].lower().endswith("ed"):
        return False  # a participle read as the counted noun ("N based on a census") says nothing of what is counted
    if fig.counted.lower() in EVERYONE:
        return False  # "105 people died in fires": the plain word for people names those any count of people counts
    return not counted & table_words(m)


_MEASURED_OF = re.compile(r"\s+of\s+([a-z][\w-]*)")  # "71 litres of beer"; "of the grain" points back, at what the table names


_DETERMINER_END = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"(?:\s+[A-Za-z][a-z-]+\b)+")  # the words right after an amount
_PHRASE_WORDS = 3  # at most this many of them make the noun phrase it modifies
_OWNER_END = re.compile(r"[A-Za-z]['’]s\s+$")
# Two capitalised words or more right after an amount: a proper name ("Kestrel Bay Wind Farm").
_NAME_AFTER = re.compile(r"\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+)")


def amount_of_other(fig: Figure, m: MetricRow, before: str, after: str) -> str:
    """The noun an amount after a determiner modifies ("the $12.4 billion sale", "a 5 MW plant") when no word
    of the table names it, else "": the value of that one thing, not the country's statistic."""
    if fig.unit is None or count_unit(fig.unit) == "percent":
        return ""
    # a name after it is one named thing's, after an owner too: "<Region>'s 120 MW Solar Park"
    name = _NAME_AFTER.match(after) if _DETERMINER_END.search(before) or _OWNER_END.search(before) else None
    if name is not None and not TIME_NAME_RE.fullmatch(name.group(1)):
        return name.group(1)  # one thing, even when its name holds the table's word ("the Solar Park" of a solar table)
    noun = _NOUN_AFTER.match(after) if _DETERMINER_END.search(before) else None
    if noun is None:
        return ""
    # the head of the noun phrase the amount modifies is its last noun: "a 1.2-gigawatt solar-thermal station"
    # is a station, whatever its modifier says
    phrase: list[str] = []
    for word in noun.group(0).split()[:_PHRASE_WORDS]:
        if word[0].isupper():
            continue  # a name inside the phrase: "the 1.2 GW Aldervale plant" is still a plant
        if word in CLOSED_CLASS or word in GENERIC or word in STOP or ("-" not in word and word.endswith(("ed", "ing"))):
            break
        phrase.append(word)
    head = phrase[-1] if phrase else ""
    return head if head and not set(words(head)) & table_words(m) else ""


def measures_other(fig: Figure, m: MetricRow, after: str) -> str:
    """What a measure says it measures ("71 litres of beer") when no word of the table's name, synonyms or
    measure names it (a table of "litres of pure alcohol"), else "": a measure of another substance."""
    if fig.unit is None or count_unit(fig.unit) == "percent":
        return ""
    of = _MEASURED_OF.match(after)
    if of is None or of.group(1) in CLOSED_CLASS or of.group(1) in GENERIC:
        return ""
    said = set(words(of.group(1)))
    # a word only the table's context keywords write ("~cane" of a sugar table) names an input or a neighbour,
    # not what the table measures: "260,000 tonnes of cane"
    own = table_words(m) - context_only_of(m.label, m.keywords)
    return of.group(1) if said and not said & own else ""


# "a workforce of 9,000", "a fleet of 1,200": the noun before "of" names what the figure is.
_VALUE_OF_RE = re.compile(r"\b(?:a|an|the|its|their)\s+(?:[a-z][\w-]*\s+)?([a-z][a-z-]+)\s+of\s+(?:(?:about|around|some|roughly|nearly|almost|just|over|under|more\s+than|less\s+than)\s+)?$")
# Nouns for a value itself or for its change, which say nothing of what the value is of.
_LEVEL_NOUNS = frozenset(
    "value number estimate count total tally amount sum figure level rate ratio share index high low peak record average "
    "median mean maximum minimum increase rise fall drop decline gain loss growth jump cut reduction change margin equivalent".split()
)


def value_named_before(fig: Figure, m: MetricRow, before: str) -> str:
    """The noun a figure is the value "of" ("a workforce of 9,000") when the table does not
    use it and it is no word for a value or a change, else "": the figure is that noun's value."""
    said = _VALUE_OF_RE.search(before)
    if said is None:
        return ""
    noun = said.group(1)
    if noun in _LEVEL_NOUNS or noun in CLOSED_CLASS or noun in GENERIC or noun.rstrip("s") in _LEVEL_NOUNS:
        return ""
    return noun if not set(words(noun)) & table_words(m) else ""


def said_by_base(phrase: tuple[str, ...], base: tuple[str, ...], name: tuple[str, ...]) -> tuple[str, ...]:
    """A share's ``name`` ("online share of retail sales"; ``phrase`` is it with its share word dropped)
    as a sentence with that base says it: the words before the base ("online"), the base being said
    after the figure ("accounted for 14.6% of retail sales"); else ``phrase`` as it is. Only a name
    that says it is a share: "women in the labour force" is no share of the labour force."""
    said = tuple(words(" ".join(base)))
    if not said or not set(name) & SHARE_STEMS or len(phrase) <= len(said) or phrase[-len(said) :] != said:
        return phrase
    return phrase[: -len(said)]
