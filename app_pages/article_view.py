"""The highlighted article, one part at a time when it is long.

A 1 MB article's highlighted HTML runs to about 10 MB (every mark carries its details);
sending that on every rerun made a filter change take seconds. A short article is shown
whole; a long one in parts of about ``PART_CHARS`` characters, cut between paragraphs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import streamlit as st

from factcheck.report.highlight import highlight_html
from factcheck.store.reviews import SavedCheck

PART_CHARS = 20_000


def parts(text: str, spans: list[tuple[int, int]], size: int = PART_CHARS) -> list[tuple[int, int]]:
    """(start, end) of each part: about ``size`` characters, cut at a paragraph, a line or a space, never in a figure.

    >>> parts("aaaa\\n\\nbbbb\\n\\ncccc", [], size=4)
    [(0, 6), (6, 12), (12, 16)]
    >>> parts("a 12 345 b", [(2, 8)], size=3)
    [(0, 8), (8, 10)]
    >>> parts("short", [], size=100)
    [(0, 5)]
    """
    starts = [s for s, _ in spans]
    out, lo = [], 0
    while len(text) - lo > size:
        cut = -1
        for sep in ("\n\n", "\n", " "):
            at = text.find(sep, lo + size)
            if at != -1:
                cut = at + len(sep)
                break
        if cut == -1 or cut >= len(text):
            break
        i = bisect_right(starts, cut) - 1  # the last figure starting before the cut must end before it
        while i >= 0 and spans[i][1] > cut:
            cut = spans[i][1]
            i = bisect_right(starts, cut) - 1
        out.append((lo, cut))
        lo = cut
    out.append((lo, len(text)))
    return out


def article(saved: SavedCheck) -> None:
    """The article with its figures marked and numbered as in the table; a long one part by part."""
    result, reviews = saved.result, saved.reviews
    spans = sorted((fc.figure.start, fc.figure.end) for fc in result.figures)
    pieces = parts(result.text, spans)
    numbers = {fc.figure.key(): i for i, fc in enumerate(result.figures, 1)}
    window = None
    if len(pieces) > 1:
        order = sorted((fc.figure.start, n) for n, fc in enumerate(result.figures, 1))
        starts = [s for s, _ in order]

        def label(i: int) -> str:
            a, b = pieces[i]
            nums = [n for _, n in order[bisect_left(starts, a) : bisect_left(starts, b)]]
            figs = f", figures #{min(nums)}–#{max(nums)}" if nums else ""
            return f"Part {i + 1} of {len(pieces)} (characters {a:,}–{b:,}{figs})"

        i = st.selectbox(
            "This article is long: it is shown one part at a time", options=range(len(pieces)), format_func=label,
            key=f"part-{saved.id}",
        )
        window = pieces[int(i or 0)]
    st.html(highlight_html(
        result.text, result.figures, reviews, numbers=numbers, extra_class="fc-main", window=window, keep_overrides=True,
    ))  # fmt: skip
