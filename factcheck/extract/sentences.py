"""Split an article into sentence spans (and paragraphs), in one linear pass.

Offsets point into the text as given. A sentence longer than MAX_SENTENCE characters (a page
with no full stop) is cut at a space, so later stages only ever see bounded pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SENTENCE = 2000

# Words that end with a full stop without ending the sentence ("Mr. Putin", "Aug. 14").
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen col lt sgt capt maj sen rep gov pres jr sr inc ltd co corp no nos vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx est fig op al etc e.g i.e u.s u.k u.n a.d b.c".split()
)

BOUNDARY_RE = re.compile(
    r"""
    (?P<nl>(?:\r?\n)+[ \t]*)                      # a line break ends a sentence and a paragraph
                                                   # (no leading [ \t]*: it rescanned blank runs)
    | (?<=[.!?])(?P<q>["'”’)\]]*)(?P<sp>[ \t]+)    # end mark (+ closing quote/bracket) then space
      (?=["'“‘(\[]?[A-Z0-9])                       # ... before a capital, digit or opening quote
    """,
    re.VERBOSE,
)
WORD_BEFORE_RE = re.compile(r"([A-Za-z.]+)\.$")  # the word the full stop ends ("U.S." / "Mr.")


@dataclass(frozen=True)
class Sentence:
    """A sentence's span in the article and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int


def _ends_with_abbreviation(text: str, end: int) -> bool:
    """True when the full stop at ``text[end-1]`` closes an abbreviation or an initial ("T.")."""
    m = WORD_BEFORE_RE.search(text, max(0, end - 12), end)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _cut(start: int, end: int, text: str, paragraph: int) -> list[Sentence]:
    """Trim a span of surrounding spaces and cut it into pieces of at most MAX_SENTENCE."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    out: list[Sentence] = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append(Sentence(start, cut, paragraph))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, paragraph))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, each a non-empty span without surrounding space.

    >>> t = "Mr. Putin spoke. Some 8,000 troops marched.\\n\\nIn the U.S. it rained."
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['Mr. Putin spoke.', 'Some 8,000 troops marched.', 'In the U.S. it rained.']
    >>> [s.paragraph for s in split_sentences(t)]
    [0, 0, 1]
    """
    out: list[Sentence] = []
    start, paragraph = 0, 0
    for m in BOUNDARY_RE.finditer(text):
        if m.group("nl") is not None:
            out.extend(_cut(start, m.start(), text, paragraph))
            paragraph += 1
            start = m.end()
            continue
        stop = m.start("sp")
        mark_end = m.start() if not m.group("q") else m.start("q")
        if text[mark_end - 1] == "." and _ends_with_abbreviation(text, mark_end):
            continue
        out.extend(_cut(start, stop, text, paragraph))
        start = m.end()
    out.extend(_cut(start, len(text), text, paragraph))
    return out
