"""Exports: the checklist, CSV, JSON and ClaimReview carry the verdicts, sources and reviews."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date

import pytest

from factcheck.report.export import FORMATS, to_claimreview, to_csv, to_json, to_markdown, to_table
from factcheck.figures import CheckResult, Figure, FigureCheck, Reference, Review, Source

TEXT = "Some 8,000 troops marched. The front stretches for more than 600 miles. Call <script>x</script> [a](b)."


def _fig(surface: str, value: float, low: float, high: float, **kw: object) -> Figure:
    start = TEXT.index(surface)
    end_of_sentence = TEXT.index(".", start) + 1
    return Figure(surface=surface, start=start, end=start + len(surface), value=value, low=low, high=high,
                  sentence_start=TEXT.rfind(".", 0, start) + 1, sentence_end=end_of_sentence, **kw)  # type: ignore[arg-type]


SRC = Source(title="Parade report", publisher="Example News", url="https://example.org/parade", published="2023-05-09")
REF = Reference(metric="parade_troops", metric_label="Troops in the parade", entity="Moscow", year=2023,
                value=8000, low=7500, high=8500, unit=None, qualifier="approx", source=SRC, snippet="about 8,000")
RESULT = CheckResult(
    text=TEXT, title="Parade <b>day</b>", date=date(2023, 5, 9), url="https://example.org/a",
    figures=(
        FigureCheck(_fig("Some 8,000 troops", 8000, 7000, 9000, qualifier="approx", concept="troops", year=2023),
                    verdict="agree", basis="reference", reason="article: some 8,000; source: about 8,000", references=(REF,)),
        FigureCheck(_fig("more than 600 miles", 600, 600, math.inf, unit="mile", qualifier="more_than", concept="front"),
                    verdict="no_source", reason="no reference figure for front length"),
    ),
)  # fmt: skip
KEY0, KEY1 = RESULT.figures[0].figure.key(), RESULT.figures[1].figure.key()


def test_markdown_checklist_has_one_box_per_figure_with_source_and_note() -> None:
    reviews = {KEY0: Review(KEY0, note="confirmed with desk", done=True, source_url="https://example.org/desk")}
    md = to_markdown(RESULT, reviews)
    assert "Source attached by the checker: <https://example.org/desk>" in md
    boxes = [line for line in md.splitlines() if line.startswith("- [")]
    assert len(boxes) == 2
    assert boxes[0].startswith("- [x] ✓ **agree**") and "“Some 8,000 troops”" in boxes[0]
    assert boxes[1].startswith("- [ ] ? **no source**")
    assert "[Parade report](https://example.org/parade)" in md
    assert "Note: confirmed with desk" in md
    assert "1 agree · 0 conflict · 1 no source · 0 not checkable" in md


def test_markdown_override_is_the_final_verdict_and_says_so() -> None:
    md = to_markdown(RESULT, {KEY1: Review(KEY1, verdict_override="conflict")})
    assert "✗ **conflict** (checker override; computed: no source)" in md


def test_markdown_escapes_article_markup() -> None:
    text = TEXT
    result = CheckResult(text=text, figures=(FigureCheck(
        Figure(surface="Call", start=text.index("Call"), end=text.index("Call") + 4, value=1, low=1, high=1,
               sentence_start=text.index("Call"), sentence_end=len(text)), verdict="no_source", reason="r"),))  # fmt: skip
    md = to_markdown(result)
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\[a\\](b)" in md


def test_csv_round_trips_through_a_spreadsheet_reader() -> None:
    reviews = {KEY1: Review(KEY1, verdict_override="agree", note="n", source_url="https://example.org/s")}
    rows = list(csv.DictReader(io.StringIO(to_csv(RESULT, reviews))))
    assert rows[1]["attached_source"] == "https://example.org/s" and rows[0]["attached_source"] == ""
    assert [r["surface"] for r in rows] == ["Some 8,000 troops", "more than 600 miles"]
    assert rows[0]["final_verdict"] == "agree" and rows[0]["publisher"] == "Example News"
    assert rows[1]["final_verdict"] == "agree" and rows[1]["override"] == "agree" and rows[1]["high"] == ""


def test_json_is_the_documented_document() -> None:
    doc = json.loads(to_json(RESULT))
    assert doc["article"] == {"title": "Parade <b>day</b>", "date": "2023-05-09", "chars": len(TEXT), "url": "https://example.org/a"}
    first = doc["figures"][0]
    for key in ("surface", "start", "end", "value", "low", "high", "unit", "qualifier", "trend", "concept",
                "year", "kind", "checkable", "verdict", "basis", "reason", "references"):  # fmt: skip
        assert key in first, key
    assert first["value"] == 8000 and doc["figures"][1]["high"] is None
    assert first["references"][0]["source"] == {"title": "Parade report", "publisher": "Example News",
                                                 "url": "https://example.org/parade", "published": "2023-05-09", "kind": ""}


def test_claimreview_only_for_confirmed_verdicts() -> None:
    assert json.loads(to_claimreview(RESULT)) == []
    items = json.loads(to_claimreview(RESULT, {KEY0: Review(KEY0, done=True)}, review_date=date(2023, 5, 10)))
    assert len(items) == 1
    item = items[0]
    assert item["@type"] == "ClaimReview" and item["@context"] == "https://schema.org"
    assert item["reviewRating"]["alternateName"] == "Accurate" and item["datePublished"] == "2023-05-10"
    assert item["claimReviewed"] == "Some 8,000 troops marched."
    assert item["itemReviewed"]["appearance"]["url"] == "https://example.org/a"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_handles_an_article_with_no_figures(fmt: str) -> None:
    out = FORMATS[fmt](CheckResult(text="No numbers here."))
    assert isinstance(out, str) and out


def test_table_shows_symbol_verdict_and_reason() -> None:
    table = to_table(RESULT)
    assert "✓ agree" in table and "? no source" in table and "article: some 8,000" in table


def test_markdown_never_links_a_non_http_url() -> None:
    reviews = {KEY0: Review(KEY0, source_url="javascript:alert(1)")}
    md = to_markdown(RESULT, reviews)
    assert "<javascript:" not in md and "Source attached by the checker: javascript:alert(1)" in md


def test_csv_defuses_article_text_that_a_spreadsheet_would_run() -> None:
    text = '=HYPERLINK("http://evil.example/")&" 8,000 troops marched."'
    start = text.index("8,000")
    fig = Figure(surface="8,000", start=start, end=start + 5, value=8000, low=8000, high=8000,
                 sentence_start=0, sentence_end=len(text))  # fmt: skip
    result = CheckResult(text=text, title="@SUM(A1)", figures=(FigureCheck(fig, verdict="no_source", reason="-1 source"),))
    reviews = {fig.key(): Review(fig.key(), note="+danger")}
    row = next(csv.DictReader(io.StringIO(to_csv(result, reviews))))
    assert row["context"].startswith("'=HYPERLINK(")
    assert row["note"] == "'+danger" and row["reason"] == "'-1 source"
    assert row["value"] == "8000" and row["surface"] == "8,000"
