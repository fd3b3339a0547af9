"""Photo captions and credit lines, found from the shape of the text alone.

A caption describes its picture ("Hundreds of servicemen march past ..."), not the event's
total, so a figure in one is flagged (``Figure.caption``) and the judge does not compare it.
A line is a caption when it is labelled ("Photo:", "Pictured:"), carries a photo credit
("(AP Photo/...)", "Photograph: Name/Agency"), or is a short line with no closing punctuation
standing apart from the body (its own paragraph, or beside a credit line); never the first
line, which is the headline.
"""

from __future__ import annotations

import bisect
import re

# "Photo: ...", "Pictured: ...", "Image: ...": a line labelled as what a picture shows.
_LABEL_RE = re.compile(
    r"^\s*(?:photo(?:graph)?s?|pictured|picture|image|caption|main\s+image|top|above|below|left|right|video)\s*[:|]",
    re.IGNORECASE,
)
# A credit: "(AP Photo/Name)", "(Photo: Name)", or "Name/Agency" closing the line.
_CREDIT_RE = re.compile(
    r"""
    \(\s*(?:[A-Z]{2,}\s+)?(?:photo(?:graph)?|image|picture)\b[^)]*\)\s*$      # (AP Photo/Dmitri Lovetsky)
    | (?:photo(?:graph)?|image|picture|credit)\s*:\s*[^\n]{0,80}/\s*[A-Z][^\n/]{1,60}$   # Photograph: Name/Agency
    | \b[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}\s*/\s*(?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*){0,2}\s*$   # Name Surname/Reuters
    """,
    re.VERBOSE | re.IGNORECASE,
)
_CLOSED_RE = re.compile(r"""[.!?:;,"”'’…]\s*$""")  # a body sentence or a lead-in ends with punctuation
_LIST_RE = re.compile(r"^\s*(?:[-*•–—]|\d+[.)]\s)")  # bullets and numbered lists are body text
MIN_WORDS, MAX_WORDS = 4, 30


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, line breaks excluded."""
    out, start = [], 0
    for m in re.finditer(r"\r?\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def is_credit(line: str) -> bool:
    """A labelled caption or a photo credit line."""
    if _LABEL_RE.match(line):
        return True
    return bool(_CREDIT_RE.search(line)) and not re.search(r"[.!?]\s*$", line)  # "... of AC/DC." closes a sentence


def _caption_shape(line: str) -> bool:
    """A short unpunctuated line of a few words: how captions (and headlines) look."""
    n = len(line.split())
    return MIN_WORDS <= n <= MAX_WORDS and not _CLOSED_RE.search(line) and not _LIST_RE.match(line)


def caption_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the caption and credit lines of an article (linear in its length).

    >>> t = "Headline of the piece here\\n\\nBody text. More body.\\n\\nTroops march past the Kremlin walls\\nPhotograph: A Name/Reuters\\n"
    >>> [t[a:b] for a, b in caption_spans(t)]
    ['Troops march past the Kremlin walls', 'Photograph: A Name/Reuters']
    """
    lines = _lines(text)
    body = [i for i, (a, b) in enumerate(lines) if text[a:b].strip()]
    if not body:
        return []
    first = body[0]
    credit = {i for i in body if i != first and is_credit(text[lines[i][0] : lines[i][1]])}
    out: list[tuple[int, int]] = []
    for i in body:
        if i == first:
            continue  # the headline
        a, b = lines[i]
        line = text[a:b]
        if i in credit:
            out.append((a, b))
            continue
        if not _caption_shape(line):
            continue
        prev_blank = i == 0 or not text[lines[i - 1][0] : lines[i - 1][1]].strip()
        next_blank = i + 1 >= len(lines) or not text[lines[i + 1][0] : lines[i + 1][1]].strip()
        beside_credit = (i - 1) in credit or (i + 1) in credit
        if beside_credit or (prev_blank and next_blank and i != body[-1]):
            out.append((a, b))
    return out


def in_caption(spans: list[tuple[int, int]], start: int) -> bool:
    """Does a figure starting at ``start`` stand in one of the caption ``spans`` (sorted, disjoint)?"""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start < spans[i][1]
