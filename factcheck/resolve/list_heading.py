"""The heading a list's items stand under, for a figure on a list item's line.

A ranking or a factbox names its statistic (and often its year) once, in a line ending with a colon,
then gives one line per item: a label, a colon or dash, the figure ("Rail freight, tonnes, 2021:" then
"1. Poland: 248m"). An item's own line names only its place, so its statistic is read from the
heading's words before its own, and its year is the heading's when the item names none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.figures import Figure

# A list item's words before its figure: an optional marker ("1.", "2)", "-", "•"), a short label with
# no sentence inside it, then a colon or a spaced dash, and at most one word of hedge ("about").
_ITEM_HEAD_RE = re.compile(r"\s*(?:\d{1,2}[.)]\s*|[-•*–—·]\s*)?[^\n:.!?;]{1,60}?(?::|\s[–—-])\s*(?:[a-z]+\s+)?")
# ... and after its figure: the rest of a short line (a unit's tail, a bracketed note), no clause.
_ITEM_TAIL_RE = re.compile(r"[^\n.!?;:]{0,40}[.;]?\s*")
_ANY_ITEM_RE = re.compile(r"\s*(?:\d{1,2}[.)]\s*|[-•*–—·]\s*)?[^\n:.!?;]{1,60}(?::|\s[–—-])\s*[^\n]{0,50}")
HEADING_MAX = 160  # characters: a heading is a line, not a paragraph
ITEMS_BACK = 40  # list lines between a heading and the item read
_YEAR_RE = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,.]\d)")
_SPAN_BEFORE_RE = re.compile(r"(?i)\b(?:since|from|between|until|by|to|before|after)\s+$")


@dataclass(frozen=True)
class Heading:
    """A list's heading: its words and where they start, and the one year it names (None if none or several)."""

    words: str
    start: int
    year: int | None


def _line_of(text: str, pos: int) -> tuple[int, int]:
    """The start and end of the line holding ``text[pos]``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def list_heading(fig: Figure, text: str) -> Heading | None:
    """The heading of the list whose item's line holds ``fig``, else None (see the module's docstring).

    >>> t = "Bus journeys, millions, 2021:\\n1. Chile: 812\\n2. Peru: 640\\nMore next week."
    >>> f = Figure(surface="640", value=640, low=640, high=640, unit=None, kind="count", start=t.index("640"), end=t.index("640") + 3)
    >>> list_heading(f, t)
    Heading(words='Bus journeys, millions, 2021:', start=0, year=2021)
    """
    start, end = _line_of(text, fig.start)
    if not _ITEM_HEAD_RE.fullmatch(text, start, fig.start) or not _ITEM_TAIL_RE.fullmatch(text, fig.end, end):
        return None
    for _ in range(ITEMS_BACK):
        if start == 0:
            return None
        start, end = _line_of(text, start - 1)
        line = text[start:end].strip()
        if not line:
            continue  # a blank line between the heading and its items
        if line.endswith(":") and len(line) <= HEADING_MAX:
            years = {int(m.group()) for m in _YEAR_RE.finditer(line) if not _SPAN_BEFORE_RE.search(line[: m.start()])}
            return Heading(line, start + text[start:end].index(line), years.pop() if len(years) == 1 else None)
        if not _ANY_ITEM_RE.fullmatch(text, start, end):
            return None  # prose before the list: its items have no heading of their own
    return None
