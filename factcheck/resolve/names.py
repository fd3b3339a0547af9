"""The names an article and a table use: proper names, and the countries they name in any form.

A metric about one entity (a parade in Moscow, a group at Bakhmut) is a candidate only for an
article that names it. What counts as a name is read from data: a capitalised word the store
also writes in lower case is a common noun ("Group", "Parade"), and a country is named by any
form the gazetteer knows ("Russian towns" names Russia).
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.resolve.wording import stem
from factcheck.store.db import MetricRow


def entity_names(entity: str, common: frozenset[str] = frozenset()) -> set[str]:
    """The proper names in a metric's entity ("Wagner Group (Bakhmut)" → wagner, bakhmut).

    A capitalised word is a name unless the store writes it in lower case too (``common``,
    from ``store_vocabulary``): "Group", "Parade" or "Brigade" begin a name's words but are
    common nouns, and an article using them says nothing of which group or parade.

    >>> sorted(entity_names("Wagner Group (Bakhmut)", frozenset({"group"}))), sorted(entity_names("Russia-Ukraine front line"))
    (['bakhmut', 'wagner'], ['russia', 'ukrain'])
    """
    names = re.findall(r"\b[A-Z][\w']{3,}", entity.replace("-", " "))
    return {stem(n) for n in names} - common


@lru_cache(maxsize=65536)
def name_keywords(keywords: str) -> tuple[str, ...]:
    """The keywords a table writes capitalised: its names ("Bakhmut", "Wagner"), as written; a name
    written as context ("~Red Square") is a name too, of where or whose, though it never makes a match alone."""
    names = (k.strip().lstrip("~").strip() for k in keywords.split(";"))
    return tuple(k for k in names if k[:1].isupper())


NAME_RUN_RE = re.compile(r"\b[A-Z][\w']*(?:\s+[A-Z][\w']*)+")  # capitalised words in a row: "Red Square"


def name_phrases(text: str) -> set[str]:
    """Each two capitalised words in a row, joined ("Red Square" → "red_square"): a name whose words
    alone are common ("red", "square") but which together name one place or thing."""
    out: set[str] = set()
    for m in NAME_RUN_RE.finditer(text.replace("-", " ")):
        ws = [stem(w) for w in m.group().split()]
        out.update(f"{a}_{b}" for a, b in zip(ws, ws[1:]))
    return out


def metric_names(m: MetricRow, common: frozenset[str] = frozenset()) -> set[str]:
    """The names an article about this metric would use: its entity's and its capitalised keywords'."""
    keyword_names = name_keywords(m.keywords)
    phrases = {p for k in keyword_names if " " in k for p in name_phrases(k)}  # "Red Square"; not the entity's "Victory Day"
    return entity_names(m.entity, common) | entity_names(" ".join(keyword_names), common) | phrases


def where_names(m: MetricRow, common: frozenset[str] = frozenset()) -> frozenset[str]:
    """The stems of a table's names that say where its figures are, never what they count: its
    entity's names ("Moscow") and its capitalised context keywords ("~Red Square" → red, squar)."""
    context = [k.strip()[1:].strip() for k in m.keywords.split(";") if k.strip().startswith("~")]
    return frozenset(entity_names(m.entity, common) | {stem(w.lower()) for k in context if k[:1].isupper() for w in k.split()})


def store_vocabulary(metrics: list[MetricRow]) -> frozenset[str]:
    """The stems of every word the metrics' labels, keywords and descriptions write in lower case: common nouns."""
    return _lower_case_stems(tuple((m.label, m.keywords, m.description) for m in metrics))


@lru_cache(maxsize=64)
def _lower_case_stems(texts: tuple[tuple[str, str, str], ...]) -> frozenset[str]:
    """``store_vocabulary`` by the metrics' texts, so a store's vocabulary is read once per process."""
    return frozenset(stem(w) for t in texts for field_text in t for w in re.findall(r"(?<![\w'])[a-z][a-z'-]*", field_text))


@lru_cache(maxsize=8)
def article_names(text: str) -> frozenset[str]:
    """The stems of the words an article writes capitalised: the names it uses (sentence openers included)."""
    return frozenset({stem(w) for w in re.findall(r"\b[A-Z][\w']{3,}", text.replace("-", " "))} | name_phrases(text))


@lru_cache(maxsize=4096)
def places_named(text: str) -> frozenset[str]:
    """The ISO codes of the countries a text names in any form ("Russian towns" names RUS)."""
    from factcheck.resolve.gazetteer import default_gazetteer

    return frozenset(m.code for m in default_gazetteer().find(text))


def metric_places(m: MetricRow) -> frozenset[str]:
    """The countries a metric's entity and capitalised keywords name."""
    return places_named(m.entity + " ; " + " ; ".join(name_keywords(m.keywords)))


ORDINAL_MARK_RE = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)  # "72nd", "3rd": a unit's number


def marks(text: str, common: frozenset[str] = frozenset()) -> frozenset[str]:
    """What tells one named entity from another in ``text``: its proper names (as ``entity_names``)
    and the ordinal numbers that designate units ("72nd Brigade" → 72nd)."""
    return frozenset(entity_names(text, common) | {m.group().lower() for m in ORDINAL_MARK_RE.finditer(text)})


def distinctive_marks(entities: list[str], common: frozenset[str]) -> dict[str, frozenset[str]]:
    """Each entity → the marks no other entity of the list has ("72nd", "Motorized" for the 72nd
    brigade; nothing for "Wagner Group (Bakhmut)" beside "Wagner Group (war to date)")."""
    own = {e: marks(e, common) for e in set(entities) if e}
    return {e: ms - frozenset().union(*(o for f, o in own.items() if f != e)) for e, ms in own.items()}
