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
    (['bakhmut', 'wagner'], ['russia', 'ukraine'])
    """
    names = re.findall(r"\b[A-Z][\w']{3,}", entity.replace("-", " "))
    return {stem(n) for n in names} - common


@lru_cache(maxsize=65536)
def name_keywords(keywords: str) -> tuple[str, ...]:
    """The keywords a table writes capitalised: its names ("Bakhmut", "Wagner"), as written."""
    return tuple(k.strip() for k in keywords.split(";") if k.strip()[:1].isupper())


def metric_names(m: MetricRow, common: frozenset[str] = frozenset()) -> set[str]:
    """The names an article about this metric would use: its entity's and its capitalised keywords'."""
    return entity_names(m.entity, common) | entity_names(" ".join(name_keywords(m.keywords)), common)


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
    return frozenset(stem(w) for w in re.findall(r"\b[A-Z][\w']{3,}", text.replace("-", " ")))


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
