"""Which event a figure's clause speaks of (held or cancelled, killed or wounded), from its verbs.

Metrics that count the same thing for one entity differ by their event words, which live in
the store's keywords ("cancelled;called off;scrapped" beside "held;staged;planned"). When the
figure's own clause has a verb that is one such metric's and none that is its rival's, the
rival is contradicted and must not be used ("24 cities that scrapped parades" is not a count
of cities that held them). No vocabulary here: the verbs are found by their shape, and what
they mean is read from the metrics.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Grammar words after which the next word is a verb: auxiliaries, relatives, the infinitive "to".
_VERB_AFTER = frozenset(
    "that who which had has have was were is are be been being will would could should may might must can to also not never".split()
)
_VERB_SHAPE = re.compile(r"[a-z]{3,}(?:ed|ing)|[a-z]+ed\b", re.IGNORECASE)  # "scrapped", "holding", "wounded"


def verb_words(clause: str) -> list[str]:
    """The clause's words shaped like verbs: -ed and -ing forms, and words right after an auxiliary or relative.

    >>> verb_words("24 cities that also scrapped military parades"), verb_words("parades would be held in 28 cities")
    (['scrapped'], ['held'])
    """
    tokens = _TOKEN.findall(clause)
    out: list[str] = []
    for i, t in enumerate(tokens):
        low = t.lower()
        if low in _VERB_AFTER:
            continue
        if _VERB_SHAPE.fullmatch(low) or (i > 0 and tokens[i - 1].lower() in _VERB_AFTER):
            out.append(low)
    return out


_JOINED = re.compile(r"\b([A-Za-z]+)\s+(?:or|and|and/or)\s+([A-Za-z]+)\b", re.IGNORECASE)


def joined_verbs(clause: str) -> list[str]:
    """Verb-shaped words joined by "or"/"and" ("killed or wounded"): the clause counts the union of two events.

    >>> joined_verbs("100,000 troops had been killed or wounded"), joined_verbs("troops marched and tanks")
    (['killed', 'wounded'], [])
    """
    out: list[str] = []
    for m in _JOINED.finditer(clause):
        a, b = m.group(1).lower(), m.group(2).lower()
        if _VERB_SHAPE.fullmatch(a) and _VERB_SHAPE.fullmatch(b):
            out += [a, b]
    return out


def contradicted(own: set[str], rivals: list[set[str]], events: set[str]) -> bool:
    """Does the clause's event belong to a rival metric and not to this one?

    ``own`` and each rival are the stems of a metric's keywords; ``events`` the stems of the
    clause's verbs. A verb both share, or none at all, decides nothing.
    """
    if not events or events & own:
        return False
    return any(events & (rival - own) for rival in rivals)
