"""The heading a list's items stand under, for a figure on a list item's line.

A ranking or a factbox names its statistic (and often its year) once, in a line ending with a colon
or in a title line (short, no sentence in it) with perhaps a title above, then gives one line per item: a label, a colon or dash, the figure ("Rail freight, tonnes, 2021:" then
"1. Poland: 248m"). An item's own line names only its place, so its statistic is read from the
heading's words before its own, and its year is the heading's when the item names none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from factcheck.read.datelines import dateline_end
from factcheck.extract.timeref import YEAR_RE, year_refs
from factcheck.figures import Figure

# A list item's words before its figure: an optional marker ("1.", "2)", "-", "•"), a short label with
# no sentence inside it, then a colon or a spaced dash, and at most one word of hedge ("about").
_ITEM_HEAD_RE = re.compile(r"\s*(?:\d{1,2}[.)]\s*|[-•*–—·]\s*)?[^\n:.!?;]{1,60}?(?::|\s[–—-])\s*(?:[a-z]+\s+)?")
# ... and after its figure: the rest of a short line (a unit's tail, a bracketed note), no clause.
_ITEM_TAIL_RE = re.compile(r"[^\n.!?;:]{0,40}[.;]?\s*")
_ANY_ITEM_RE = re.compile(r"\s*(?:\d{1,2}[.)]\s*|[-•*–—·]\s*)?[^\n:.!?;]{1,60}(?::|\s[–—-])\s*[^\n]{0,50}")
_MARKED_RE = re.compile(r"\s*(?:\d{1,2}[.)]|[-•*–—·])\s")  # a list marker opening a line
# another item's line: a label, its colon or dash, then a figure (a currency sign or a hedge word may come
# first); short and with no full stop, it would pass for a title, so it is tested first
_FIGURE_ITEM_RE = re.compile(_ITEM_HEAD_RE.pattern + r"[^\s\d]{0,3}\d[^\n]{0,50}")
# an item whose label is only capitalised words and a space before the figure, as a factbox sets a
# table in lines ("Netherlands 59.8%", "South Korea 18.9"): a line of nothing else
_BARE_HEAD_RE = re.compile(r"\s*(?:\d{1,2}[.)]\s*|[-•*–—·]\s*)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}\s+(?:[a-z]+\s+)?")
_BARE_ITEM_RE = re.compile(_BARE_HEAD_RE.pattern + r"[^\s\d]{0,3}\d[\d.,]*\s*(?:%|[a-zA-Z]{1,12})?\s*")
HEADING_MAX = 160  # characters: a heading ending with a colon is a line, not a paragraph
TITLE_MAX = 100  # characters: a title with no colon is shorter still
TITLE_LINES = 2  # title lines above a heading that belong to it
# a sentence's end inside a line or at its end: a title has none ("Sales, 2022" — not "Sales rose. Then ...")
_SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)")
ITEMS_BACK = 40  # list lines between a heading and the item read
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


def list_heading(fig: Figure, text: str, article_date: dt.date | None = None) -> Heading | None:
    """The heading of the list whose item's line holds ``fig``, else None (see the module's docstring);
    with ``article_date``, a year the heading says relative to it ("The largest producers last year:") counts.

    >>> t = "Bus journeys, millions, 2021:\\n1. Chile: 812\\n2. Peru: 640\\nMore next week."
    >>> f = Figure(surface="640", value=640, low=640, high=640, unit=None, kind="count", start=t.index("640"), end=t.index("640") + 3)
    >>> list_heading(f, t)
    Heading(words='Bus journeys, millions, 2021:', start=0, year=2021)
    """
    start, end = _line_of(text, fig.start)
    bare = _BARE_ITEM_RE.fullmatch(text, start, end) is not None and _BARE_HEAD_RE.fullmatch(text, start, fig.start) is not None
    if not bare and (not _ITEM_HEAD_RE.fullmatch(text, start, fig.start) or not (_ITEM_TAIL_RE.fullmatch(text, fig.end, end) or _MARKED_RE.match(text, start))):
        return None  # a line with a clause after its figure is an item only when a marker opens it ("• Chile: 4.2m, after …")
    for _ in range(ITEMS_BACK):
        if start == 0:
            return None
        start, end = _line_of(text, start - 1)
        line = text[start:end].strip()
        if not line:
            continue  # a blank line between the heading and its items
        if _heading_like(line) and (line.endswith(":") or not (_FIGURE_ITEM_RE.fullmatch(text, start, end) or _BARE_ITEM_RE.fullmatch(text, start, end))):
            return _heading_from(text, start, end, article_date)
        if line.endswith(":") and (last := _last_sentence(text, start, end)) is not None:
            return _heading_from(text, last, end, article_date, titled=False)  # "... Output rose 2%. The largest producers:"
        if not (_ANY_ITEM_RE.fullmatch(text, start, end) or _BARE_ITEM_RE.fullmatch(text, start, end) or _MARKED_RE.match(text, start) and _ITEM_HEAD_RE.match(text, start, end)):
            return None  # prose before the list: its items have no heading of their own
    return None


def _heading_like(line: str) -> bool:
    """A line that heads a list: it ends with a colon, or it is a title (short, no sentence in it)."""
    if line.endswith(":"):
        return len(line) <= HEADING_MAX
    return len(line) <= TITLE_MAX and not _SENTENCE_END_RE.search(line) and line[0].isupper()


def _last_sentence(text: str, start: int, end: int) -> int | None:
    """Where the last sentence of a paragraph line starts, when it is short enough to head a list."""
    ends = list(_SENTENCE_END_RE.finditer(text, start, end))
    last = ends[-1].end() if ends else start
    return last if last > start and end - last <= HEADING_MAX else None


def _heading_from(text: str, start: int, end: int, article_date: dt.date | None = None, titled: bool = True) -> Heading:
    """The heading whose last line is ``text[start:end]``, with the title lines right above it (a
    factbox's title and its caption: "Ferry traffic, 2021" over "Passengers, by country:")."""
    lines = [(start, end)]
    for _ in range(TITLE_LINES if titled else 0):
        if start == 0:
            break
        above = _line_of(text, start - 1)
        if not text[above[0] : above[1]].strip() and above[0] > 0:
            above = _line_of(text, above[0] - 1)  # one blank line between a title and its caption
        line = text[above[0] : above[1]].strip()
        if not line or not _heading_like(line) or line.endswith(":"):
            break
        lines.insert(0, above)
        start = above[0]
    # each line its own phrase (a title's last word and the next line's capitalised first word are no
    # one name), without a dateline, whose day dates no item
    said = ". ".join(text[dateline_end(text, a, b) : b].strip().rstrip(".") for a, b in lines)
    years = {int(m.group("year")) for m in YEAR_RE.finditer(said) if not _SPAN_BEFORE_RE.search(said[: m.start()])}
    if article_date is not None:  # "last year", "this year": a whole year the heading counts from the article's date
        years |= {r.year for r in year_refs(said, 0, len(said), article_date) if r.source == "relative" and not r.anchor and not r.counted
                  and not _SPAN_BEFORE_RE.search(said[: r.start])}
    first = text[lines[0][0] : lines[0][1]]
    return Heading(said, lines[0][0] + len(first) - len(first.lstrip()), years.pop() if len(years) == 1 else None)
