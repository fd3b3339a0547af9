"""Article text + figure checks → safe HTML with each figure that has a verdict marked by it.

Every character of the article is HTML-escaped, so nothing in an article can run script or
change the page; only the ``<mark>`` tags written here are markup. A mark carries a colour
*and* a symbol (✓ agree, ✗ conflict, ? no source) so it reads without colour, a number that
matches the figures table, and a ``title`` with the interval, the reason and the source.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

from factcheck import numfmt
from factcheck.figures import FigureCheck, Reference, Review, effective_verdict
from factcheck.source_kinds import by_authority

SYMBOLS: dict[str, str] = {"agree": "✓", "conflict": "✗", "no_source": "?", "not_checkable": "·"}
LABELS: dict[str, str] = {
    "agree": "agrees with the source",
    "conflict": "conflicts with the source",
    "no_source": "no source found",
    "not_checkable": "not checkable",
}
# colour pairs (background, border/text) per verdict; NOTE: keep in sync with the app's legend
COLOURS: dict[str, tuple[str, str]] = {
    "agree": ("#dcf5e3", "#1a7f37"),
    "conflict": ("#ffe0dc", "#c2261d"),
    "no_source": ("#fff2c6", "#8a5d00"),
    "not_checkable": ("#eeeeee", "#666666"),
}


def fmt_number(x: float) -> str:
    """A number as a newsroom writes it: thousands separated, no trailing ``.0``.

    >>> fmt_number(8000.0), fmt_number(2.6), fmt_number(-1234567)
    ('8,000', '2.6', '-1,234,567')
    """
    return numfmt.number(x)


def fmt_interval(low: float, high: float, unit: str | None = None, kind: str | None = None) -> str:
    """The interval a figure's wording allows, in words a checker reads at a glance (``numfmt.span``).

    >>> fmt_interval(7500, 8500), fmt_interval(-math.inf, 40000), fmt_interval(600, math.inf, "mile")
    ('7,500–8,500', 'at most 40,000', 'at least 600 mi')
    >>> fmt_interval(51, 51), fmt_interval(2008, 2008, kind="year"), fmt_interval(94.75e9, 94.85e9, "USD")
    ('51', '2008', '$94.75–94.85 billion')
    """
    return numfmt.span(low, high, unit, kind)


def unit_text(unit: str | None) -> str:
    """A unit as a reader writes it ("km", "mi"); pint's symbol when it has one.

    >>> unit_text("kilometer"), unit_text("square_kilometer"), unit_text(None)
    ('km', 'km²', '')
    """
    return numfmt.unit_text(unit)


def reference_interval(ref: Reference) -> str:
    """A source's interval, a year-valued metric's years bare ("1945", not "1,945")."""
    kind = "year" if numfmt.is_year_label(ref.metric_label, ref.unit) else None
    return fmt_interval(ref.low, ref.high, ref.unit, kind)


def tooltip(fc: FigureCheck, review: Review | None = None) -> str:
    """Plain-text details of one figure: verdict, interval, reason, sources, checker's note."""
    verdict = effective_verdict(fc, review)
    f = fc.figure
    lines = [f"{SYMBOLS.get(verdict, '')} {LABELS.get(verdict, verdict)}"]
    if verdict != fc.verdict:
        lines[0] += f" (checker's override; computed: {LABELS.get(fc.verdict, fc.verdict)})"
    is_year = f.kind == "year"
    what = " ".join(x for x in (f.concept, f"in {f.year}" if f.year and not is_year else "") if x)
    lines.append(f"Claimed: {fmt_interval(f.low, f.high, f.unit, f.kind)}" + (f" ({what})" if what else ""))
    if fc.reason:
        lines.append(f"Why: {fc.reason}")
    for ref in by_authority(fc.references)[:3]:
        src = ref.source
        value = reference_interval(ref)
        year = f" in {ref.year}" if ref.year and value != str(ref.year) else ""
        lines.append(
            f"Source: {value}{year}: {src.title}"
            + (f" ({src.publisher}{', ' + src.published if src.published else ''})" if src.publisher else "")
        )
    if len(fc.references) > 3:
        lines.append(f"…and {len(fc.references) - 3} more sources")
    if review is not None and review.note:
        lines.append(f"Note: {review.note}")
    return "\n".join(lines)


def marked(fc: FigureCheck, review: Review | None = None, *, keep_overrides: bool = False) -> bool:
    """Whether the article marks a figure: when it has a verdict (with ``keep_overrides``, or a checker overrode it).

    A year that a series check judged ("lowest since 2008") has a verdict, a bare date does
    not. A figure a checker set to "not checkable" loses its mark, unless ``keep_overrides``
    asks to keep it (grey, dashed) so that a review screen never loses a figure without a word.
    """
    if effective_verdict(fc, review) != "not_checkable":
        return True
    return keep_overrides and fc.verdict != "not_checkable"


STYLE = (
    "<style>"
    ".fc-article{white-space:pre-wrap;line-height:1.9;font-size:1.02rem;"
    "font-family:Georgia,'DejaVu Serif',serif;max-width:46rem}"
    ".fc-article mark.fc{padding:1px 4px;border-radius:4px;border-bottom:2px solid;"
    "position:relative;cursor:help;color:inherit}"
    ".fc-article mark.fc .fc-sym{font-weight:700;margin-right:2px;font-family:'DejaVu Sans',sans-serif}"
    ".fc-article mark.fc sup{font-size:.65em;margin-left:2px;opacity:.75;font-family:'DejaVu Sans',sans-serif}"
    ".fc-article mark.fc.fc-override{outline:2px dashed;outline-offset:1px}"
    ".fc-article mark.fc:focus{outline:3px solid #1f6feb}"
    ".fc-article mark.fc:focus::after{content:attr(title);position:absolute;left:0;top:1.8em;z-index:10;"
    "width:24rem;white-space:pre-line;background:#111;color:#fff;padding:8px 10px;border-radius:6px;"
    "font:0.85rem/1.4 'DejaVu Sans',sans-serif}"
    + "".join(
        f".fc-article mark.fc-{v}{{background:{bg};border-color:{fg}}}"
        f".fc-article mark.fc-{v} .fc-sym{{color:{fg}}}"
        for v, (bg, fg) in COLOURS.items()
    )
    + "</style>"
)


def highlight_html(
    text: str,
    checks: Sequence[FigureCheck],
    reviews: Mapping[str, Review] | None = None,
    *,
    numbers: Mapping[str, int] | None = None,
    with_style: bool = True,
    extra_class: str = "",
    window: tuple[int, int] | None = None,
    keep_overrides: bool = False,
) -> str:
    """The article as HTML with each checkable figure in a ``<mark>``; all article text escaped.

    ``numbers`` maps a figure key to the number shown beside it (the figures table's ``#``);
    overlapping or out-of-range spans are left unmarked rather than breaking the text;
    ``extra_class`` tells one rendering from another on a page (the article, an excerpt);
    ``window`` renders only ``text[start:end]`` (one part of a long article), figures keeping
    their offsets in the whole text; ``keep_overrides`` keeps marking a figure a checker set to
    "not checkable" (see ``marked``).

    >>> highlight_html("<b>hi</b>", [], with_style=False)
    '<div class="fc-article">&lt;b&gt;hi&lt;/b&gt;</div>'
    >>> highlight_html("ab<i>cd", [], with_style=False, window=(1, 4))
    '<div class="fc-article">b&lt;i</div>'
    """
    reviews = reviews or {}
    lo, hi = window if window is not None else (0, len(text))
    lo, hi = max(0, lo), min(len(text), hi)
    out: list[str] = []
    pos = lo
    inside = (fc for fc in checks if lo <= fc.figure.start and fc.figure.end <= hi)
    ordered = sorted(
        (fc for fc in inside if marked(fc, reviews.get(fc.figure.key()), keep_overrides=keep_overrides)),
        key=lambda fc: (fc.figure.start, -fc.figure.end),
    )
    for fc in ordered:
        f = fc.figure
        if f.start < pos or f.start >= f.end:
            continue
        review = reviews.get(f.key())
        verdict = effective_verdict(fc, review)
        classes = f"fc fc-{verdict}" + (" fc-override" if verdict != fc.verdict else "")
        n = numbers.get(f.key()) if numbers else None
        out.append(html.escape(text[pos : f.start]))
        out.append(
            f'<mark class="{html.escape(classes)}" tabindex="0" data-verdict="{html.escape(verdict)}" '
            f'title="{html.escape(tooltip(fc, review))}">'
            f'<span class="fc-sym">{SYMBOLS.get(verdict, "")}</span>{html.escape(text[f.start : f.end])}'
            + (f"<sup>{n}</sup>" if n is not None else "")
            + "</mark>"
        )
        pos = f.end
    out.append(html.escape(text[pos:hi]))
    cls = html.escape(f"fc-article {extra_class}".strip())
    body = f'<div class="{cls}">{"".join(out)}</div>'
    return (STYLE + body) if with_style else body
