"""The highlighted article: every figure marked with colour and symbol, every article byte escaped."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

import pytest

from factcheck.figures import Figure, FigureCheck, Reference, Review, Source
from factcheck.report.highlight import SYMBOLS, highlight_html, tooltip


def _check(text: str, surface: str, verdict: str, *, checkable: bool = True, low: float = 0, high: float = 0,
           refs: tuple[Reference, ...] = (), reason: str = "") -> FigureCheck:
    start = text.index(surface)
    fig = Figure(surface=surface, start=start, end=start + len(surface), value=high, low=low, high=high,
                 concept="troops", year=2023, checkable=checkable)
    return FigureCheck(fig, verdict, reason or f"because {verdict}", "reference" if refs else None, refs)


class _Collect(HTMLParser):
    """Every tag and attribute in a piece of HTML, to prove what markup it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markup: str) -> _Collect:
    p = _Collect()
    p.feed(markup)
    return p


TEXT = "Some 8,000 troops marched; 131 vehicles in 2022; 24 cities; on May 9."


def test_each_verdict_gets_colour_class_and_symbol() -> None:
    checks = [
        _check(TEXT, "Some 8,000", "agree", low=7500, high=8500),
        _check(TEXT, "131", "conflict", low=131, high=131),
        _check(TEXT, "24", "no_source", low=24, high=24),
        _check(TEXT, "May 9", "not_checkable", checkable=False),
    ]
    out = highlight_html(TEXT, checks, with_style=False)
    marks = [(a["class"], a["data-verdict"]) for t, a in _parse(out).tags if t == "mark"]
    assert marks == [("fc fc-agree", "agree"), ("fc fc-conflict", "conflict"), ("fc fc-no_source", "no_source")]
    assert "✓</span>Some 8,000" in out and "✗</span>131" in out and "?</span>24" in out
    assert "May 9" in out and out.count("<mark") == 3  # a date is not marked
    # the visible text is the article plus one symbol per mark, nothing else
    visible = "".join(_parse(out).text)
    assert visible == TEXT.replace("Some", "✓Some").replace("131", "✗131").replace("24 ", "?24 ")


def test_title_has_interval_reason_and_source() -> None:
    ref = Reference(metric="parade_troops", metric_label="Parade troops", entity="Moscow", year=2023,
                    value=8000, low=8000, high=8000, unit=None, qualifier="exact",
                    source=Source("Parade count", "Desk & Co", "https://example.org", "2023-05-09"))
    fc = _check(TEXT, "Some 8,000", "agree", low=7500, high=8500, refs=(ref,), reason="8,000 lies in 7,500–8,500")
    tip = tooltip(fc)
    assert tip.splitlines() == [
        "✓ agrees with the source",
        "Claimed: 7,500–8,500 (troops in 2023)",
        "Why: 8,000 lies in 7,500–8,500",
        "Source: 8,000 in 2023: Parade count (Desk & Co, 2023-05-09)",
    ]
    (attrs,) = [a for t, a in _parse(highlight_html(TEXT, [fc])).tags if t == "mark"]
    assert attrs["title"] == tip  # the parser unescapes "&amp;" back to "&"


def test_override_and_note_change_the_mark() -> None:
    fc = _check(TEXT, "131", "conflict", low=131, high=131)
    review = Review(figure_key=fc.figure.key(), verdict_override="agree", note="desk confirmed <b>131</b>")
    out = highlight_html(TEXT, [fc], {fc.figure.key(): review}, numbers={fc.figure.key(): 4}, with_style=False)
    (attrs,) = [a for t, a in _parse(out).tags if t == "mark"]
    assert attrs["class"] == "fc fc-agree fc-override"
    assert "computed: conflicts with the source" in str(attrs["title"])
    assert "Note: desk confirmed <b>131</b>" in str(attrs["title"])
    assert "&lt;b&gt;131&lt;/b&gt;" in out
    assert "131<sup>4</sup></mark>" in out


HOSTILE = [
    '<script>alert("x")</script> 500 men',
    '<img src=x onerror="alert(1)"> 500 men',
    '"><svg onload=alert(1)> 500 men',
    "</div></mark><iframe src=javascript:alert(1)> 500 men",
    "<style>body{display:none}</style> 500 men",
    "&lt;script&gt; already escaped 500 men",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_article_markup_is_only_ever_text(text: str) -> None:
    fc = _check(text, "500", "no_source", low=500, high=500, reason=text)  # hostile text in the tooltip too
    out = highlight_html(text, [fc], with_style=False)
    tags = {t for t, _ in _parse(out).tags}
    assert tags <= {"div", "mark", "span"}
    attrs = {k for _, a in _parse(out).tags for k in a}
    assert attrs <= {"class", "tabindex", "data-verdict", "title"}
    assert "".join(_parse(out).text) == text.replace("500", "?500")


@pytest.mark.parametrize("surface", ["500 men", "Some 8,000 troops"])
def test_surface_markup_is_escaped_inside_the_mark(surface: str) -> None:
    text = f"<b>{surface}</b>"
    fc = _check(text, surface, "agree", low=1, high=1)
    out = highlight_html(text, [fc], with_style=False)
    assert out.startswith('<div class="fc-article">&lt;b&gt;<mark')


def test_overlapping_and_bad_spans_leave_text_intact() -> None:
    a = _check(TEXT, "Some 8,000", "agree", low=1, high=1)
    inner = FigureCheck(Figure("8,000", 5, 10, 8000, 8000, 8000), "conflict", "x")
    outside = FigureCheck(Figure("zz", 500, 502, 1, 1, 1), "conflict", "x")
    out = highlight_html(TEXT, [inner, a, outside], with_style=False)
    assert out.count("<mark") == 1
    assert "".join(_parse(out).text) == TEXT.replace("Some", "✓Some")


def test_open_interval_words() -> None:
    fc = _check(TEXT, "Some 8,000", "no_source", low=-math.inf, high=8000)
    assert "Claimed: at most 8,000" in tooltip(fc)
    assert set(SYMBOLS) >= {"agree", "conflict", "no_source"}
    assert re.search(r"mark\.fc-conflict\{background:#[0-9a-f]{6}", highlight_html("", []))


def test_a_judged_year_is_marked_and_a_not_checkable_override_unmarks() -> None:
    text = "The lowest number since 2008, on May 9."
    at = text.index("2008")
    year = FigureCheck(Figure("2008", at, at + 4, 2008, 2008, 2008, kind="year", checkable=False), "agree", "series")
    day = _check(text, "May 9", "not_checkable", checkable=False)
    out = highlight_html(text, [year, day], with_style=False)
    assert out.count("<mark") == 1 and "✓</span>2008</mark>" in out
    hidden = Review(figure_key=year.figure.key(), verdict_override="not_checkable")
    assert "<mark" not in highlight_html(text, [year, day], {year.figure.key(): hidden}, with_style=False)
