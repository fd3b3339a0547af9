"""What an amount of money is, from the dependency parse: "$40m in funding", "£3bn in new contracts".

News says what money is by "in" after the amount as often as by "of"; the small English model
attaches that "in" to the verb more often than to the amount, so it is read here from the tokens
right after the figure. Kept apart from parse.py, which calls it, so neither imports the other.
"""

from __future__ import annotations

from typing import Any


def _is_money(tok: Any) -> bool:
    """A number token with a currency symbol before it or on it ("$", "£", "€": tagged "$")."""
    doc = tok.doc
    return any(c.tag_ == "$" for c in tok.children) or (tok.i > 0 and doc[tok.i - 1].tag_ == "$")


def money_in(top: Any, skip: frozenset[int]) -> Any | None:
    """The noun after "in" right after an amount of money ("$40m in funding" → funding), or None."""
    if not _is_money(top):
        return None
    doc = top.doc
    after = top.i + 1
    if after >= len(doc) or doc[after].lower_ != "in" or doc[after].dep_ != "prep":
        return None
    pobj = next((c for c in doc[after].children if c.dep_ == "pobj" and c.tag_ in ("NN", "NNS") and c.i not in skip), None)
    return pobj
