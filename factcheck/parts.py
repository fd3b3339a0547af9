"""A long article checked a part at a time: the first part's verdicts in a second, the same verdicts in the end.

An article over ``parse.MAX_CHARS`` characters (which the dependency parse never reads) is cut
at line breaks into parts: a short first part, so the checker sees verdicts at once, then
parts of ``PART_CHARS``. Each part is read as the whole check reads it (``check.check_span``:
the figures, their sentences and paragraphs are the same), and what the store offers the
article is read from the whole text, so the parts' checks, joined, are the whole check's.
``tests/test_parts.py`` holds the two equal on the sample articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from sqlalchemy.engine import Engine

from factcheck.check import check_span, store_view
from factcheck.extract import parse
from factcheck.figures import CheckResult, Claim, FigureCheck
from factcheck.read.guards import guard_text
from factcheck.settings import load_settings

FIRST_PART_CHARS = 30_000  # about a quarter of a second to check: the first verdicts are on screen at once
PART_CHARS = 120_000  # about a second each: progress moves, and each part is worth a worker's start-up


def in_parts(text: str) -> bool:
    """Whether ``text`` is long enough to be checked in parts (only an article the parse would not read)."""
    return not parse.article_parsable(len(text))


def part_bounds(text: str, first: int = FIRST_PART_CHARS, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """``text`` cut into (start, end) spans that cover it, each ending just after a line break.

    A part is at least the asked size, then runs to the next line break (a paragraph is never
    cut); text with no line break left is one part to its end.

    >>> part_bounds("ab\\ncd\\nef\\n", first=1, size=4)
    [(0, 3), (3, 9)]
    """
    if first < 1 or size < 1:
        raise ValueError(f"parts hold at least one character (asked {first} and {size})")
    out: list[tuple[int, int]] = []
    start, want = 0, first
    while start < len(text):
        cut = text.find("\n", start + want - 1)
        end = len(text) if cut < 0 else cut + 1
        out.append((start, end))
        start, want = end, size
    return out


def check_in_parts(
    text: str, article_date: date | None, engine: Engine, *, title: str = "", url: str = "",
    corrected: dict[str, Claim] | None = None, first: int = FIRST_PART_CHARS, size: int = PART_CHARS,
) -> Iterator[CheckResult]:
    """The check of ``text`` after each part, growing: the last one yielded is the whole check.

    Every result but the last says how much of the article it covers (``checked_chars``).
    """
    text = guard_text(text, load_settings())
    view = store_view(text, engine)
    result = CheckResult(text=text, title=title, date=article_date, url=url, checked_chars=0)
    for span in part_bounds(text, first, size):
        result = joined(result, check_span(text, view, span, article_date, corrected), span[1])
        yield result


def joined(result: CheckResult, checks: list[FigureCheck], checked_to: int) -> CheckResult:
    """``result`` with the next part's checks after its own, now covering the text up to ``checked_to``."""
    done = None if checked_to >= len(result.text) else checked_to
    return replace(result, figures=result.figures + tuple(checks), checked_chars=done)


__all__ = ["FIRST_PART_CHARS", "PART_CHARS", "check_in_parts", "in_parts", "joined", "part_bounds"]
