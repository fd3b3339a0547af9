"""The words a metric is found by: label, keywords (synonyms) and description, lower-cased, stop words out.

The same function splits a metric when it is written (the ``metric_term`` table) and a query
when it is read (:meth:`factcheck.store.retrieve.StoreIndex.metrics_for_terms`), so the two
always agree on what a term is.
"""

from __future__ import annotations

import re
from typing import Iterable

MAX_TERM_CHARS = 200  # the column's width; a longer keyword phrase is left out, its words are kept
WORD_RE = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*", re.UNICODE)  # letters/digits; "u.s." and "don't" stay whole

STOP_WORDS = frozenset(
    """a an and are as at be by for from had has have in into is it its of on or over per than that the
    their this to was were which with within without not no nor all any each other such only own same so
    too very can will just also more most some""".split()
)


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` that are not stop words (one letter is too little to find by).

    >>> words("Population, total (annual %) of the World")
    ['population', 'total', 'annual', 'world']
    """
    return [w for w in (m.group(0).lower() for m in WORD_RE.finditer(text)) if len(w) > 1 and w not in STOP_WORDS]


def metric_terms(label: str, keywords: str, description: str) -> set[str]:
    """Every term of a metric: the words of its label, keywords and description, and each keyword phrase whole.

    >>> sorted(metric_terms("Troops in the parade", "troops;soldiers;victory day", "People who marched."))
    ['day', 'marched', 'parade', 'people', 'soldiers', 'troops', 'victory', 'victory day', 'who']
    """
    found = set(words(label)) | set(words(description))
    for phrase in keywords.split(";"):
        phrase_words = words(phrase)
        found.update(phrase_words)
        if len(phrase_words) > 1:
            found.add(" ".join(phrase_words))
    return {t for t in found if len(t) <= MAX_TERM_CHARS}


def query_terms(terms: Iterable[str]) -> list[str]:
    """Query words as the index holds them: lower-cased, stop words out, phrases kept whole too.

    >>> query_terms(["Victory Day", "the", "TROOPS"])
    ['victory day', 'victory', 'day', 'troops']
    """
    out: list[str] = []
    for t in terms:
        ws = words(t)
        for candidate in ([" ".join(ws)] if len(ws) > 1 else []) + ws:
            if candidate not in out:
                out.append(candidate)
    return out
