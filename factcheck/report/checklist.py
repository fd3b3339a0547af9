"""The Markdown checklist an editor works through: conflicts first, one line per figure, the reason beneath.

What needs a decision comes first (conflict, then no source, then agree); figures with
nothing to check (dates, ordinals, names) are only counted at the end, never boxed. The
checker's private notes are not in it: a checklist is passed around.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from factcheck.figures import CheckResult, FigureCheck
from factcheck.report.rows import LABELS, SYMBOLS, Reviews, best_reference, final_verdict, reference_text, review_of, summary_line

ORDER = ("conflict", "no_source", "agree")  # what needs a decision first
MAX_REASON_CHARS = 160
KIND_WORDS = {  # Figure.kind → (one, many) in the appendix line
    "year": ("year", "years"), "date": ("date", "dates"), "ordinal": ("ordinal", "ordinals"),
    "identifier": ("name or identifier", "names or identifiers"), "duration": ("duration", "durations"),
    "count": ("count", "counts"), "measure": ("measure", "measures"), "money": ("amount of money", "amounts of money"),
    "percent": ("percentage", "percentages"),
}  # fmt: skip


def shorten(text: str, limit: int = MAX_REASON_CHARS) -> str:
    """The first sentence when it fits in ``limit`` characters, else the text cut at a word with an ellipsis.

    >>> shorten("Agrees with all 6 sources. article: about 8,000 (7,200–8,800), year 2023.")
    'Agrees with all 6 sources.'
    >>> shorten("a b c d e f", 8), shorten("one two three four", 12)
    ('a b c d…', 'one two…')
    """
    text = " ".join(text.split())
    m = re.search(r"[.!?](?=\s)", text)
    first = text[: m.end()] if m else text
    if len(first) <= limit:
        return first
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:  # the cut falls inside a word: drop that word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _item(fc: FigureCheck, reviews: Reviews | None, article_date: date | None) -> list[str]:
    """One checkbox line (verdict, figure, what it was read as, best source) and the reason beneath."""
    v, rv = final_verdict(fc, reviews), review_of(fc, reviews)
    head = f"- [{'x' if rv.done else ' '}] {SYMBOLS[v]} **{LABELS[v]}**"
    if rv.verdict_override:
        head += f" (checker override; computed: {LABELS.get(fc.verdict, fc.verdict)})"
    head += f" — “{_md_escape(fc.figure.surface)}”"
    head += f" — read as: {_md_escape(fc.claim.read_as())}" if fc.claim is not None else " — read as: not sure"
    ref = best_reference(fc, article_date)
    if ref is not None:
        text = _md_escape(reference_text(ref))
        head += f" — source: [{text}]({ref.source.url})" if _is_web(ref.source.url) else f" — source: {text}"
    lines = [head]
    if rv.explanation:
        lines.append(f"  - Why: {_md_escape(shorten(rv.explanation))}")
    elif fc.reason:
        label = "Computed reason" if rv.verdict_override else "Why"
        lines.append(f"  - {label}: {_md_escape(shorten(fc.reason))}")
    if rv.source_url:
        lines.append(f"  - Checked against: {_md_link(rv.source_url)}")
    return lines


def _appendix(left_out: list[FigureCheck]) -> list[str]:
    """One line counting the figures with nothing to check, by kind ("3 years, 2 ordinals")."""
    if not left_out:
        return []
    counts = Counter(fc.figure.kind for fc in left_out)
    parts = []
    for kind, n in counts.most_common():
        one, many = KIND_WORDS.get(kind, (kind, kind + "s"))
        parts.append(f"{n} {one if n == 1 else many}")
    return ["", "## Not checkable", "", f"Left out of the checklist: {', '.join(parts)}."]


def to_markdown(result: CheckResult, reviews: Reviews | None = None) -> str:
    """A checklist: conflicts, then no source, then agree, one box each; the not checkable counted at the end."""
    title = result.title or "Untitled article"
    out = [f"# Fact-check: {_md_escape(title)}", ""]
    meta = [f"Article date: {result.date.isoformat() if result.date else 'unknown'}"]
    if result.url:
        meta.append(f"URL: {_md_link(result.url)}")
    meta.append(f"Figures: {len(result.figures)} ({summary_line(result, reviews)})")
    out += [f"- {m}" for m in meta] + ["", "## Checklist", ""]
    boxed = sorted(
        (fc for fc in result.figures if final_verdict(fc, reviews) in ORDER),
        key=lambda fc: ORDER.index(final_verdict(fc, reviews)),
    )  # sorted() is stable: article order within a verdict
    for fc in boxed:
        out += _item(fc, reviews, result.date)
    if not boxed:
        out.append("Nothing to check: no figure has a verdict.")
    out += _appendix([fc for fc in result.figures if final_verdict(fc, reviews) not in ORDER])
    return "\n".join(out) + "\n"


def _is_web(url: str) -> bool:
    """An http(s) URL with nothing in it that could end a Markdown link or autolink."""
    return url.lower().startswith(("http://", "https://")) and not any(c in url for c in "<> ()")


def _md_link(url: str) -> str:
    """An http(s) URL as a Markdown autolink; anything else (javascript:, data:) as inert text."""
    if url.lower().startswith(("http://", "https://")) and not any(c in url for c in "<> "):
        return f"<{url}>"
    return _md_escape(url)


def _md_escape(s: str) -> str:
    """Keep article text from turning into Markdown links, headings or HTML in the checklist."""
    for ch in "\\`*_[]<>#|":
        s = s.replace(ch, "\\" + ch)
    return s
