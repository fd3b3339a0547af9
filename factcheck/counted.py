"""The noun a count counts, as written: "8,000 troops" → "troops", "40,000 Wagner fighters" → "Wagner fighters".

Words are the sentence's own, with a possessive's "'s" dropped ("Ukraine's" → "Ukraine").
A count with no unit is only checkable against a reference that counts the same thing, so the
extractor names that thing in ``Figure.counted``. Rules, no tagger (see concept.py's noun_after):
the noun phrase right after the number, else after "of the" ("half of the voters"); a leading
lower-case participle is not part of it ("20 recorded songs" → "songs"); a rate stays on it
("3,000 tests a day"); a count with no noun of its own after "and", "from", "than" ... takes the
noun of the count before it ("3.9 million headsets, up from 2.4 million").
"""

from __future__ import annotations

import re

from .concept import noun_after

# "half of the voters", "one of their stores": the noun after "of" (and a determiner)
OF_DET_RE = re.compile(
    r"""\s+(?:of\s+(?:(?:the|its|their|his|her|our|my|your|these|those|all)\s+)?  # "of the", "of all"
    | (?:the|its|their)\s+)                                                    # "half the voters"
    """,
    re.VERBOSE,
)
# "3,000 tests a day": a rate after the noun belongs to what is counted
PER_COUNT_RE = re.compile(r"\s+(?:a|an|per)\s+(?:day|week|month|year|hour)\b", re.IGNORECASE)
# NOTE: keep the gap words in step with the hedges a second count may carry (hedges.csv "before" rows).
ELIDED_GAP_RE = re.compile(
    r"""\b(?:and|or|compared\s+(?:with|to)|(?:up|down)\s+from|from|than|versus|vs)\b  # a comparison or list
    (?:\s+(?:an?\s+average\s+of|about|around|some|just|only|nearly|almost))?        # an optional hedge
    \s*$""",
    re.VERBOSE,
)
LEADING_PARTICIPLE_RE = re.compile(r"[a-z]+(?:ed|ing)")  # "recorded", "charging": lower-case participles


def counted_noun(text: str, end: int, limit: int) -> str:
    """The noun phrase counted by the number ending at ``text[end]``, as written ("" when there is none).

    >>> counted_noun("Some 8,000 troops marched.", 10, 26)
    'troops'
    >>> counted_noun("It sold 20 recorded songs.", 10, 26)
    'songs'
    >>> counted_noun("Half of the voters stayed home.", 4, 31)
    'voters'
    >>> counted_noun("They ran 3,000 tests a day.", 14, 27)
    'tests a day'
    >>> counted_noun("It rose to 5 in May.", 12, 20)
    ''
    """
    words, stop = noun_after(text, end, limit)
    if not words:
        m = OF_DET_RE.match(text, end, limit)
        if m:
            words, stop = noun_after(text, m.end() - 1, limit)
    if not words:
        return ""
    while len(words) > 1 and LEADING_PARTICIPLE_RE.fullmatch(words[0]):
        words = words[1:]  # "recorded songs": the songs are counted
    phrase = " ".join(words)
    per = PER_COUNT_RE.match(text, stop, limit)
    return f"{phrase} {' '.join(per.group().split())}" if per else phrase


def elided(gap: str) -> bool:
    """Whether a count after ``gap`` leaves out the noun of the count before it.

    >>> elided(", up from ")
    True
    >>> elided(" and about ")
    True
    >>> elided(" in the first week; ")
    False
    """
    return ELIDED_GAP_RE.search(gap) is not None
