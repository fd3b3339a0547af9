"""Where a table's name is said in a sentence's stemmed words: whole, in another order, or with a
word slipped in (read_statistic in statistic.py searches every table's phrases with these)."""

from __future__ import annotations


SCATTER_WINDOW = 6  # how many words may part the two words of a name said in another order


INSERTED = 1  # how many words a longer name may have slipped into it ("per capita carbon emissions")


# A token standing for a break between two clauses of a contrast (", while", ", whereas", ";"): the words of
# a name said apart are never read across it ("N of the fatalities, while fire incidents rose to M").
CLAUSE_BREAK = "|"


def scattered(phrase: tuple[str, ...], toks: list[str]) -> list[tuple[int, int]]:
    """Spans where a two-word name is said apart or the other way round ("coal mined" in "mined 13.4
    million tonnes of coal", "cars sold" in "sold 380,000 new passenger cars"), its words at most
    SCATTER_WINDOW apart; a longer name in its own order, with at most INSERTED words slipped in
    ("per capita emissions" in "per capita carbon emissions"), or with its last word, a verb, said
    first ("new homes completed" in "completed 232,820 new homes").

    >>> scattered(("new", "home", "complet"), ["builder", "complet", "new", "home"]), scattered(("new", "home", "complet"), ["complet", "road"])
    ([(1, 4)], [])
    >>> scattered(("fire", "death"), ["death", "fire", "incident"]), scattered(("fire", "death"), ["death", CLAUSE_BREAK, "fire", "incident"])
    ([(0, 2)], [])
    """
    if len(phrase) > 2:
        # a longer name ending in its verb ("new homes completed") said actively: "completed 232,820 new homes"
        verb_first = [(i, b) for i, t in enumerate(toks) if t == phrase[-1] for a, b in gapped(phrase[:-1], toks) if 0 < a - i <= SCATTER_WINDOW]
        return gapped(phrase, toks) + verb_first
    if len(phrase) != 2 or phrase[0] == phrase[1]:
        return []
    at = {w: [i for i, t in enumerate(toks) if t == w] for w in phrase}
    spans = [(min(i, j), max(i, j) + 1) for i in at[phrase[0]] for j in at[phrase[1]] if 0 < abs(i - j) <= SCATTER_WINDOW]
    return [(a, b) for a, b in spans if CLAUSE_BREAK not in toks[a:b]]


def gapped(phrase: tuple[str, ...], toks: list[str]) -> list[tuple[int, int]]:
    """Spans where ``phrase`` is said in order with at most INSERTED other words among its words."""
    out = []
    for i, t in enumerate(toks):
        if t != phrase[0]:
            continue
        j, k = i + 1, 1
        while k < len(phrase) and j < len(toks) and j - i - k <= INSERTED:
            if toks[j] == phrase[k]:
                k += 1
            j += 1
        if k == len(phrase) and j - i - len(phrase) <= INSERTED and CLAUSE_BREAK not in toks[i:j]:
            out.append((i, j))
    return out


def find_phrase(phrase: tuple[str, ...], toks: list[str]) -> list[tuple[int, int]]:
    """Token spans where ``phrase`` occurs in ``toks``."""
    n = len(phrase)
    return [(i, i + n) for i in range(len(toks) - n + 1) if tuple(toks[i : i + n]) == phrase]
