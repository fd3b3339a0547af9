""""One" that is a pronoun or part of an idiom, and the group a partitive picks from.

"one of the flanks", "one of its battalions", "one of the most important dates", "one part of
the footage", "a single bit of this victory": "one" picks a member or a part, it counts
nothing. The signal is grammatical: "one" (or "a single") followed by a partitive "of" and a
determiner, possessive, pronoun or numeral (optionally with a singular noun between: "one part
of"), or "one step" used of motion. In "one of four vehicles" the four is only the size of the
group the one is picked from, not a total anyone claims ("one of the 51 vehicles" keeps its 51).
Extraction still reads such a "one" (NewsQuant, like most annotators, marks it as the quantity 1);
the judge, which decides what can be checked, gives it not_checkable with the reason from here.
"""

from __future__ import annotations

import re

from factcheck.extract.numbers import number_words

# What may follow a partitive "of": a determiner, possessive, pronoun or numeral.
_DETERMINER = r"""
    (?:the|a|an|its|his|her|their|our|my|your|this|that|these|those|them|us|you|whom|which|each|every|all|both
      |several|many|few|some|such
      |[A-Z][\w'-]*['’]s                                    # a possessive name: "the Ministry's", "Russia's"
      |\d[\d,.]*                                            # a numeral: "one of 4 vehicles"
      |two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands)\b
"""
_ONE = r"(?:one|(?:a\s+)?single)"
_ONE_RE = re.compile(_ONE + r"\b", re.IGNORECASE)

_PARTITIVE_RE = re.compile(
    rf"""
    {_ONE}\s+
    (?:(?P<part>[a-z]+(?<!s))\s+)?      # a singular noun between: "one part of", "a single bit of"
    of\s+
    (?:{_DETERMINER}
      |(?P<mass>[a-z]+(?<!s))\b(?!\s+of\b))   # "a single step of ground": a piece of a mass
    """,
    re.VERBOSE | re.IGNORECASE,
)
# "one step closer", "a single step back": the idiom of moving, not a count of steps.
_STEP_RE = re.compile(
    rf"{_ONE}\s+step\s+(?:closer|nearer|further|farther|ahead|back|forward|towards?|at\s+a\s+time|too\s+far)\b",
    re.IGNORECASE,
)
# "in a single session", "on a single charge": the span or means another figure is said within.
_FRAME_BEFORE_RE = re.compile(r"(?i)\b(?:in|on|within|during|over|from)\s+$")
# The group a partitive picks from, right before a numeral: "one of four", "one of 4".
_GROUP_BEFORE_RE = re.compile(r"\b(?:one|(?:a\s+)?single)\s+of\s+$", re.IGNORECASE)


def pronoun_one(work: str, pos: int, hi: int) -> tuple[str, int] | None:
    """(reason, end) when the "one"/"a single" at ``pos`` picks a member or part, else None.

    >>> pronoun_one("one of the flanks", 0, 17)
    ("a partitive: 'one of ...' picks one member of a group, it counts nothing", 3)
    >>> pronoun_one("one tank rolled", 0, 15) is None, pronoun_one("a single bit of it", 0, 18)[1]
    (True, 8)
    """
    one = _ONE_RE.match(work, pos, hi)
    if one is None:
        return None
    written = " ".join(one.group().lower().split())
    m = _PARTITIVE_RE.match(work, pos, hi)
    if m and m.group("part") and m.group("part").lower() in number_words():
        return None  # "one fourth of": a fraction, a figure in its own right
    if m and (m.group("part") or m.group("mass")):
        return f"a part, not a count: '{written} ... of' names a piece of something", one.end()
    if m:
        return f"a partitive: '{written} of ...' picks one member of a group, it counts nothing", one.end()
    if _STEP_RE.match(work, pos, hi):
        return f"an idiom: '{written} step' speaks of moving, it counts nothing", one.end()
    if written == "a single" and _FRAME_BEFORE_RE.search(work, max(0, pos - 8), pos):
        return "a frame: 'in a single ...' says within one, for another figure; it counts nothing", one.end()
    return None


def partitive_group(work: str, lo: int, pos: int) -> bool:
    """Is the numeral at ``pos`` the group a partitive "one of" picks from ("one of four vehicles")?"""
    return bool(_GROUP_BEFORE_RE.search(work, max(lo, pos - 16), pos)) and not re.match(r"(?i)the\b", work[pos:])


def not_a_count(text: str, start: int, end: int, lo: int = 0) -> str:
    """Why the "one" spanning ``start:end`` (or a partitive's group) is not a figure, or ""."""
    ones = list(_ONE_RE.finditer(text, start, end))  # the "one" may follow a hedge: "only one of"
    got = pronoun_one(text, ones[-1].start(), min(len(text), end + 80)) if ones else None
    if got is not None:
        return got[0]
    if partitive_group(text, lo, start):
        return "the group a partitive 'one of' picks from: it sets the scene, it is not a total claimed"
    return ""
