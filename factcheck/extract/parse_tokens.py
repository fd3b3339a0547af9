"""Token-level helpers over a parsed sentence: coarse word classes from fine tags, and the tokens
under a span of characters. Kept apart from the parse rules so each reader of a Doc shares one way."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

NOUNS = frozenset({"NOUN", "PROPN"})
# The coarse word class of a Penn Treebank tag. The pipeline's attribute_ruler does this mapping too,
# with a few lexical exceptions this module has no use for, at a third of the whole parse's time.
TAG_POS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "CD": "NUM", "JJ": "ADJ", "JJR": "ADJ",
    "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "IN": "ADP", "RP": "PART", "TO": "PART",
    "POS": "PART", "MD": "AUX", "$": "SYM", "SYM": "SYM", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "WP$": "PRON",
    "DT": "DET", "PDT": "DET", "WDT": "DET", "CC": "CCONJ", "UH": "INTJ", "EX": "PRON",
}
for _tag in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"):
    TAG_POS[_tag] = "VERB"


def is_noun(tok: Any) -> bool:
    """True when the parse tags ``tok`` as a noun or a proper noun."""
    return word_class(tok) in NOUNS


def is_verb(tok: Any) -> bool:
    """True when the parse tags ``tok`` as a verb."""
    return word_class(tok) == "VERB"


def word_class(tok: Any) -> str:
    """The coarse word class of a token, from its fine tag ("NNS" → NOUN); "X" for punctuation and the rest."""
    return TAG_POS.get(tok.tag_, "X")


def tokens_in(doc: Any, start: int, end: int) -> set[int]:
    """Indices of the tokens that overlap the characters ``start:end``.

    Tokens are in text order and never overlap, so their starts and ends both ascend and two
    bisections find the run; the offsets are read once per parsed sentence (this is called
    several times per figure, and walking the whole sentence each time was a third of the time).
    """
    offsets = doc.user_data.get("token_offsets")
    if offsets is None:
        starts = [t.idx for t in doc]
        offsets = (starts, [a + len(t) for a, t in zip(starts, doc)])
        doc.user_data["token_offsets"] = offsets
    starts, ends = offsets
    return set(range(bisect_right(ends, start), bisect_left(starts, end)))


__all__ = ["NOUNS", "TAG_POS", "is_noun", "is_verb", "tokens_in", "word_class"]
