"""A verb right before a table's name whose object the name is: "figures put national honey production at
28,500 tonnes". The word before the name is then no modifier naming another statistic ("urban population").
"""

from __future__ import annotations

import re

from factcheck.resolve.wording import verb_form

# What follows a name a verb puts at a value: "put [the name] at about 28,500". A year or period may come
# before "at" ("put individual giving in 2022 at"), a hedge or two words after it.
_AT_VALUE_RE = re.compile(r"(?:\s+(?:in|for)\s+(?:(?:19|20)\d\d|the\s+year|last\s+year))?\s+at\s+(?:[a-z]+\s+){0,2}", re.IGNORECASE)
_LIST_ITEMS_RE = re.compile(r"(?:[^.;:]|\.(?=\d))*?\d(?:[^.;:]|\.(?=\d))*?(?:,\s*|\s+)(?:and\s+|or\s+)?(?:[a-z]+\s+){0,2}")  # earlier items, then this one's hedge
_DETERMINERS = frozenset("the a an its their his her our this that these those".split())


def frame_verb(raw: list[tuple[int, int, str]], j: int, stretch: str, starts: list[int], own: tuple[tuple[str, ...], ...],
               content: list[int], limit: int) -> bool:
    """Whether the word at ``j`` is the verb of "<subject> put <name> at <figure>" (also "estimates",
    "pegged"): a form of a verb, after no determiner, and the name runs to "at" right before the figure."""
    if not verb_form(raw[j][2]) or (j > 0 and raw[j - 1][2].lower() in _DETERMINERS):
        return False
    k = max(starts)
    longest = max(len(p) for p in own if k + len(p) <= len(content))
    name_end = raw[content[k + longest - 1]][1]
    at = _AT_VALUE_RE.match(stretch, name_end, limit)
    # right before the figure, or before the first item of a list the figure is a later item of ("put X at
    # €5.3 billion in France and nearly €3 billion in the Netherlands")
    return at is not None and (at.end() == limit or _LIST_ITEMS_RE.fullmatch(stretch, at.end(), limit) is not None)

