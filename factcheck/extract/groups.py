"""Numbers that bound a group rather than state a quantity: "children under 5", "people over 65",
"the under-18s", "a two-year bond". The number says which ones are meant (an age limit, a term
that names a class of product), so it is kept, not checkable.

Three shapes, one vocabulary (data/group_nouns.txt):
- the dependency parse: a bare number after "under"/"over"/"above"/"below" that the parse hangs
  from a noun of people, or that stands right after one (``bounds_people``);
- "under-18s", "the over-50s": a bound glued to a plural of the age (``AGE_GROUP_RE``, reader.py);
- "N-year" before a debt instrument, the term that names its class (``term_of_instrument``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.extract.parse_tokens import tokens_in

BOUND_WORDS = frozenset({"under", "over", "above", "below"})
# "under-18s", "over-50s", "over-65's": a bound, a hyphen, an age and a plural, as one word
AGE_GROUP_RE = re.compile(r"(?i)\b(?P<bound>under|over)-(?P<age>\d{1,3})(?:s|'s|’s)\b")
GROUP_BOUND_WHY = "the bound of a group (an age limit or the term that names a product), which says who or what is meant; it is not a quantity claimed"


@lru_cache(maxsize=1)
def group_nouns() -> dict[str, frozenset[str]]:
    """kind ("person", "instrument") → its nouns, from data/group_nouns.txt."""
    text = (Path(__file__).parents[1] / "data" / "group_nouns.txt").read_text(encoding="utf-8")
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            kind, _, words = line.partition(":")
            out[kind.strip()] = frozenset(w.strip() for w in words.split("|") if w.strip())
    return out


# Agent nouns name people by what they do: a plural in "-ers", "-ists", "-ants" or "-ees" after a stem of
# three letters or more ("miners", "pharmacists", "servants", "trainees"); "-ents" is left out, as it
# ends as many things ("incidents", "segments") as people.
_AGENT_PLURAL_RE = re.compile(r"[a-z]{3,}(?:ers|ists|ants|ees)")


def names_people(word: str) -> bool:
    """Is ``word`` a noun for people: one of data/group_nouns.txt's, or a plural agent noun?

    >>> [names_people(w) for w in ("women", "pharmacists", "servants", "retirees", "plants", "incidents")]
    [True, True, True, True, False, False]
    """
    low = word.lower()
    return low in group_nouns()["person"] or _AGENT_PLURAL_RE.fullmatch(low) is not None


@lru_cache(maxsize=1)
def _instrument_after_re() -> re.Pattern[str]:
    """An instrument noun after a term, past at most one capitalised word ("10-year Treasury yield")."""
    alt = "|".join(sorted(map(re.escape, group_nouns()["instrument"]), key=len, reverse=True))
    return re.compile(rf"(?:\s+[A-Z][A-Za-z]*)?\s+(?i:{alt})\b")


HYPHEN_YEAR_RE = re.compile(r"(?i)[-\s](?:year|yr)$")  # "two-year", "10-year" as written


def term_of_instrument(surface: str, text: str, end: int, limit: int) -> bool:
    """Whether a duration written "N-year" right before ``text[end:]`` is the term of a debt instrument.

    >>> term_of_instrument("two-year", "a two-year bond", 10, 15), term_of_instrument("five-year", "a five-year journey", 11, 19)
    (True, False)
    """
    return HYPHEN_YEAR_RE.search(surface) is not None and _instrument_after_re().match(text, end, limit) is not None


def bounds_people(doc: Any, start: int, end: int) -> str:
    """The noun of people the bare number at characters ``start:end`` of a parsed sentence bounds by
    age ("children" in "children under 5"), else "".

    The bound word is in the figure's span ("under 5"); the group is the noun the parse hangs the
    bound from, or, where the parse hung it from the verb, the word right before it.
    """
    inside = [doc[i] for i in sorted(tokens_in(doc, start, end))]
    nums = [t for t in inside if t.tag_ == "CD"]
    if len(nums) != 1 or len(inside) != 2 or inside[0].text.lower() not in BOUND_WORDS:
        return ""
    bound = inside[0]
    people = group_nouns()["person"]
    for noun in (bound.head, doc[bound.i - 1] if bound.i > 0 else None):
        if noun is not None and noun.i < bound.i and noun.text.lower() in people:
            return str(noun.text)
    return ""


__all__ = ["AGE_GROUP_RE", "GROUP_BOUND_WHY", "bounds_people", "group_nouns", "term_of_instrument"]
