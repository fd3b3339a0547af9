"""Words of a stretch as written, with their offsets, and the proper names among them.

A table's word inside an organisation's or a title's name ("Northwind Lotteries Ltd") says whose a
figure is, not which statistic it states: ``statistic.read_statistic`` asks ``name_holding``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factcheck.resolve.wording import compound_parts, stem

# A word as written (inner apostrophes, dots and hyphens kept), a number, or one mark of punctuation.
RAW_WORD = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*|[^\sA-Za-z\d]")


def name_holding(stretch: str, hit: Iterable[tuple[str, ...]], support: frozenset[str] = frozenset()) -> str | None:
    """The proper name ("Northwind Lotteries Ltd") that holds every word of ``hit`` wherever the
    stretch has it, else None: a word of a table inside an organisation's or a title's name says
    whose the figure is, not which statistic it states. None too when a word of ``support`` (the
    table's own names) stands outside the name: "<Name> Fire Service took a median of N to reach
    callers" says in other words what it measures.

    >>> name_holding("Sales at Northwind Lotteries Ltd reached 4 million.", [("lottery",)])
    'Northwind Lotteries Ltd'
    >>> name_holding("The Pacific Fisheries Board said 4 million were landed.", [("fishery",)])  # its opener is no part of it
    'Pacific Fisheries Board'
    >>> name_holding("Lottery Sales reached 4 million.", [("lottery",)]) is None  # two words opening the sentence
    True
    """
    raw = compound_parts([(m.start(), m.end(), m.group()) for m in RAW_WORD.finditer(stretch)])
    inside: dict[str, str] = {}
    outside: set[str] = set()
    i = 0
    while i < len(raw):
        j = i
        while j < len(raw) and raw[j][2][:1].isupper():
            j += 1
        run = raw[i:j]
        # two capitalised words or more, the first not only capitalised because it opens the sentence
        # (then the words after it may still be a name: "The Central Bank's …")
        opener = i == 0 or raw[i - 1][2] in ".!?\"“"
        if opener and len(run) >= 3:
            outside.add(stem(run[0][2]))
            run, opener = run[1:], False
        if len(run) >= 2 and not opener:
            for _, _, w in run:
                inside.setdefault(stem(w), stretch[run[0][0] : run[-1][1]])
            i = j
            continue
        outside.update(stem(w) for _, _, w in raw[i : max(j, i + 1)] if w[:1].isalpha())
        i = max(j, i + 1)
    wanted = {w for p in hit for w in p}
    if not wanted or wanted & outside or not wanted <= inside.keys() or (support - wanted) & outside:
        return None
    return next(iter(inside[w] for w in wanted))
