"""Exports: the checklist, CSV, JSON and ClaimReview carry the verdicts, sources and public reviews, never a private note."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date

import pytest

from factcheck.figures import CheckResult, Claim, Figure, FigureCheck, Reference, Review, Source
from factcheck.report.checklist import MAX_REASON_CHARS
from factcheck.report.export import (
    FORMATS, file_encoding, reference_text, to_claimreview, to_csv, to_json, to_markdown, to_table, unexplained_overrides,
)  # fmt: skip

TEXT = "Some 8,000 troops marched. The front stretches for more than 600 miles. Call <script>x</script> [a](b)."


def _fig(surface: str, value: float, low: float, high: float, text: str = TEXT, **kw: object) -> Figure:
    start = text.index(surface)
    end_of_sentence = text.index(".", start) + 1
    return Figure(surface=surface, start=start, end=start + len(surface), value=value, low=low, high=high,
                  sentence_start=text.rfind(".", 0, start) + 1, sentence_end=end_of_sentence, **kw)  # type: ignore[arg-type]


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
SECRET = "PRIVATE-NOTE Store has 64 but app says no source"


def _boxes(md: str) -> list[str]:
    return [line for line in md.splitlines() if line.startswith("- [")]


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- the checklist ------------------------------------------------------------------------

ARTICLE = (
    "It was the 3rd parade since the war. Some 8,000 troops marched on May 9. "
    "About 190 vehicles took part. The parade lasted 75 minutes. Only 51 tanks rolled past."
)


def _desk_result() -> CheckResult:
    """Figures in article order: ordinal, agree, date, conflict, no source, agree."""
    def fc(surface: str, verdict: str, kind: str = "count", reason: str = "", claim: Claim | None = None,
           refs: tuple[Reference, ...] = ()) -> FigureCheck:
        v = float("".join(ch for ch in surface if ch.isdigit()) or 0)
        return FigureCheck(_fig(surface, v, v, v, text=ARTICLE, kind=kind, checkable=verdict != "not_checkable"),
                           verdict, reason or f"because {verdict}", "reference" if refs else None, refs, claim=claim)
    troops = Claim("parade_troops", "troops in the Moscow Victory Day parade", "Moscow Victory Day Parade", year=2023)
    long_reason = ("Conflicts with all 3 sources. article: about 190, year 2023; sources: 51 (an analyst's count, "
                   "Wikipedia, Janam TV); 47 (CNA); 125 (planned, per the ministry). " + "More detail. " * 20)
    return CheckResult(text=ARTICLE, title="Desk", date=date(2023, 5, 9), figures=(
        fc("3rd", "not_checkable", kind="ordinal", reason="An ordinal."),
        fc("Some 8,000", "agree", claim=troops, refs=(REF,)),
        fc("May 9", "not_checkable", kind="date", reason="A date."),
        fc("About 190", "conflict", reason=long_reason),
        fc("75 minutes", "no_source"),
        fc("51 tanks", "agree"),
    ))  # fmt: skip


def test_checklist_puts_conflicts_first_then_no_source_then_agree() -> None:
    boxes = _boxes(to_markdown(_desk_result()))
    assert [b.split("“")[1].split("”")[0] for b in boxes] == ["About 190", "75 minutes", "Some 8,000", "51 tanks"]
    assert [b.split("**")[1] for b in boxes] == ["conflict", "no source", "agree", "agree"]


def test_an_override_moves_the_figure_to_its_new_place() -> None:
    result = _desk_result()
    key = result.figures[5].figure.key()  # "51 tanks", computed agree
    boxes = _boxes(to_markdown(result, {key: Review(key, verdict_override="conflict")}))
    assert "51 tanks" in boxes[1] and "**conflict** (checker override; computed: agree)" in boxes[1]


def test_not_checkable_figures_are_counted_at_the_end_not_boxed() -> None:
    result = _desk_result()
    md = to_markdown(result)
    assert not any("3rd" in b or "May 9" in b for b in _boxes(md))
    assert md.rstrip().endswith("## Not checkable\n\nLeft out of the checklist: 1 ordinal, 1 date.")
    key = result.figures[4].figure.key()  # a checker says "75 minutes" is not checkable
    md = to_markdown(result, {key: Review(key, verdict_override="not_checkable")})
    assert len(_boxes(md)) == 3 and "1 ordinal, 1 date, 1 count" in md


def test_each_item_is_one_line_with_verdict_figure_read_as_and_best_source() -> None:
    md = to_markdown(_desk_result())
    (troops,) = [b for b in _boxes(md) if "Some 8,000" in b]
    assert troops == ("- [ ] ✓ **agree** — “Some 8,000” — read as: troops in the Moscow Victory Day parade, 2023"
                      " — source: [8,000 (2023, Example News, 2023-05-09)](https://example.org/parade)")
    (conflict,) = [b for b in _boxes(md) if "About 190" in b]
    assert conflict.endswith("— read as: not sure")  # no claim, no source: said, not left blank


def test_the_reason_goes_beneath_shortened() -> None:
    lines = to_markdown(_desk_result()).splitlines()
    below = lines[lines.index(next(b for b in lines if "About 190" in b)) + 1]
    assert below == "  - Why: Conflicts with all 3 sources."
    long = "word " * 100
    result = CheckResult(text=ARTICLE, figures=(FigureCheck(_fig("51 tanks", 51, 51, 51, text=ARTICLE), "no_source", long),))
    below = to_markdown(result).splitlines()[to_markdown(result).splitlines().index(_boxes(to_markdown(result))[0]) + 1]
    assert below.endswith("…") and len(below.removeprefix("  - Why: ")) <= MAX_REASON_CHARS


def test_a_source_without_a_date_prints_no_empty_date() -> None:
    undated = Reference(metric="m", metric_label="troops", entity="", year=2023, value=8000, low=8000, high=8000,
                        unit=None, qualifier="exact", source=Source("2023 parade", "Wikipedia (CC BY-SA 4.0)", "https://w.example/x", ""))
    assert reference_text(undated) == "8,000 (2023, Wikipedia (CC BY-SA 4.0))"
    no_year = Reference(metric="m", metric_label="troops", entity="", year=None, value=8000, low=8000, high=8000,
                        unit=None, qualifier="exact", source=Source("t", "", "https://w.example/x", ""))
    assert reference_text(no_year) == "8,000 (t)"
    result = CheckResult(text=ARTICLE, figures=(FigureCheck(_fig("Some 8,000", 8000, 8000, 8000, text=ARTICLE), "agree", "ok",
                                                            "reference", (undated,)),))  # fmt: skip
    for fmt in ("md", "csv", "table"):
        out = FORMATS[fmt](result)
        assert ", )" not in out and "()" not in out, fmt
        assert "8,000 (2023, Wikipedia (CC BY-SA 4.0))" in out.replace("\\", ""), fmt


def test_reference_values_read_as_a_reader_reads_them() -> None:
    def ref(value: float, label: str, unit: str | None) -> Reference:
        return Reference(metric="m", metric_label=label, entity="", year=2021, value=value, low=value, high=value,
                         unit=unit, qualifier="exact", source=Source("t", "P", "https://p.example", "2021-01-02"))
    assert reference_text(ref(1945, "Year the war ended", None)) == "1945 (2021, P, 2021-01-02)"
    assert reference_text(ref(94.8e9, "defence budget", "USD")) == "$94.8 billion (2021, P, 2021-01-02)"
    assert reference_text(ref(1_310_000, "population", None)) == "1.31 million (2021, P, 2021-01-02)"


def test_markdown_escapes_article_markup() -> None:
    text = TEXT
    result = CheckResult(text=text, figures=(FigureCheck(
        Figure(surface="Call <script>x</script> [a](b)", start=text.index("Call"), end=len(text) - 1, value=1, low=1, high=1,
               sentence_start=text.index("Call"), sentence_end=len(text)), verdict="no_source", reason="r [x](javascript:y)"),))  # fmt: skip
    md = to_markdown(result)
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\[a\\](b)" in md and "\\[x\\](javascript:y)" in md


def test_markdown_never_links_a_non_http_url() -> None:
    reviews = {KEY0: Review(KEY0, source_url="javascript:alert(1)")}
    md = to_markdown(RESULT, reviews)
    assert "<javascript:" not in md and "](javascript" not in md and "Checked against: javascript:alert(1)" in md
    bad = Reference(metric="m", metric_label="troops", entity="", year=2023, value=1, low=1, high=1, unit=None,
                    qualifier="exact", source=Source("t", "P", "javascript:alert(2)", ""))
    result = CheckResult(text=TEXT, figures=(FigureCheck(RESULT.figures[0].figure, "agree", "ok", "reference", (bad,)),))
    assert "](javascript" not in to_markdown(result)


# --- CSV -----------------------------------------------------------------------------------


def test_csv_round_trips_through_a_spreadsheet_reader() -> None:
    reviews = {KEY1: Review(KEY1, verdict_override="agree", explanation="A desk count", source_url="https://example.org/s")}
    rows = _csv_rows(to_csv(RESULT, reviews))
    assert rows[1]["attached_source"] == "https://example.org/s" and rows[0]["attached_source"] == ""
    assert [r["surface"] for r in rows] == ["Some 8,000 troops", "more than 600 miles"]
    assert rows[0]["final_verdict"] == "agree" and rows[0]["publisher"] == "Example News"
    assert rows[1]["final_verdict"] == "agree" and rows[1]["override"] == "agree" and rows[1]["high"] == ""
    assert rows[1]["explanation"] == "A desk count" and "note" not in rows[1]


def test_csv_files_and_downloads_start_with_a_byte_order_mark() -> None:
    """A spreadsheet reads Cyrillic titles and curly quotes right only from a CSV with a BOM."""
    text = "Парад: «8 тысяч» troops marched."
    fig = _fig("8", 8000, 8000, 8000, text=text)
    result = CheckResult(text=text, title="Парад", figures=(FigureCheck(fig, "no_source", "“no source”"),))
    data = to_csv(result).encode(file_encoding("csv"))
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    (row,) = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert row["context"] == text and row["reason"] == "“no source”" and list(row)[0] == "n"
    assert file_encoding("md") == file_encoding("json") == "utf-8"


def test_csv_defuses_article_text_that_a_spreadsheet_would_run() -> None:
    text = '=HYPERLINK("http://evil.example/")&" 8,000 troops marched."'
    start = text.index("8,000")
    fig = Figure(surface="8,000", start=start, end=start + 5, value=8000, low=8000, high=8000,
                 sentence_start=0, sentence_end=len(text))  # fmt: skip
    result = CheckResult(text=text, title="@SUM(A1)", figures=(FigureCheck(fig, verdict="no_source", reason="-1 source"),))
    reviews = {fig.key(): Review(fig.key(), explanation="+danger")}
    row = next(csv.DictReader(io.StringIO(to_csv(result, reviews))))
    assert row["context"].startswith("'=HYPERLINK(")
    assert row["explanation"] == "'+danger" and row["reason"] == "'-1 source"
    assert row["value"] == "8000" and row["surface"] == "8,000"


# --- JSON ------------------------------------------------------------------------------------


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


def test_json_carries_the_public_review_but_not_the_note() -> None:
    reviews = {KEY0: Review(KEY0, verdict_override="conflict", note=SECRET, explanation="Recounted from video", done=True)}
    fig = json.loads(to_json(RESULT, reviews))["figures"][0]
    assert fig["final_verdict"] == "conflict" and fig["review"]["explanation"] == "Recounted from video"
    assert "note" not in fig["review"]


# --- ClaimReview -----------------------------------------------------------------------------


def test_claimreview_only_for_confirmed_verdicts() -> None:
    assert json.loads(to_claimreview(RESULT)) == []
    items = json.loads(to_claimreview(RESULT, {KEY0: Review(KEY0, done=True)}, review_date=date(2023, 5, 10)))
    assert len(items) == 1
    item = items[0]
    assert item["@type"] == "ClaimReview" and item["@context"] == "https://schema.org"
    assert item["reviewRating"]["alternateName"] == "Accurate" and item["datePublished"] == "2023-05-10"
    assert item["claimReviewed"] == "Some 8,000 troops marched."
    assert item["itemReviewed"]["appearance"]["url"] == "https://example.org/a"
    assert item["reviewBody"] == RESULT.figures[0].reason  # nobody overrode: the computed reason stands


def test_claimreview_follows_the_override_and_publishes_the_public_explanation() -> None:
    conflict = CheckResult(text=TEXT, title="t", figures=(
        FigureCheck(RESULT.figures[0].figure, "conflict", "Conflicts with the source: 9,000.", "reference", (REF,)),))  # fmt: skip
    reviews = {KEY0: Review(KEY0, verdict_override="agree", note=SECRET, explanation="The ministry corrected its count to 8,000.")}
    (item,) = json.loads(to_claimreview(conflict, reviews))
    assert item["reviewRating"]["ratingValue"] == 3 and item["reviewRating"]["alternateName"] == "Accurate"
    assert item["reviewBody"] == "The ministry corrected its count to 8,000."
    assert unexplained_overrides(conflict, reviews) == []


def test_an_override_without_explanation_publishes_no_reason_against_itself() -> None:
    conflict = CheckResult(text=TEXT, title="t", figures=(
        FigureCheck(RESULT.figures[0].figure, "conflict", "Conflicts with the source: 9,000.", "reference", (REF,)),))  # fmt: skip
    reviews = {KEY0: Review(KEY0, verdict_override="agree", note=SECRET)}
    (item,) = json.loads(to_claimreview(conflict, reviews))
    assert item["reviewRating"]["alternateName"] == "Accurate"
    assert "reviewBody" not in item  # neither the computed "Conflicts with…" nor the private note
    assert unexplained_overrides(conflict, reviews) == [1]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_private_note_is_in_no_export(fmt: str) -> None:
    reviews = {KEY0: Review(KEY0, note=SECRET, done=True), KEY1: Review(KEY1, verdict_override="conflict", note=SECRET)}
    out = FORMATS[fmt](RESULT, reviews)
    assert SECRET not in out and "PRIVATE-NOTE" not in out
    assert "Store has 64" not in out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_handles_an_article_with_no_figures(fmt: str) -> None:
    out = FORMATS[fmt](CheckResult(text="No numbers here."))
    assert isinstance(out, str) and out


def test_table_shows_symbol_verdict_and_reason() -> None:
    table = to_table(RESULT)
    assert "✓ agree" in table and "? no source" in table and "article: some 8,000" in table


def test_an_agreement_shows_the_source_it_agrees_with_not_the_most_authoritative_one() -> None:
    """A figure checked against a claim agrees with the claim: that is the source every export shows."""
    from factcheck.store.reviews import result_from_json, result_to_json

    wire = Source(title="Count", publisher="Example Wire", url="https://example.org/w", published="2023-05-09", kind="wire")
    state = Source(title="Claim", publisher="State TV", url="https://example.org/s", published="2023-05-09", kind="outlet")
    counted = Reference(metric="parade_troops", metric_label="Troops in the parade", entity="Moscow", year=2023,
                        value=8000, low=8000, high=8000, unit=None, qualifier="approx", source=wire)
    claimed = Reference(metric="parade_troops", metric_label="Troops in the parade", entity="Moscow", year=2023,
                        value=10000, low=10000, high=10000, unit=None, qualifier="more_than", source=state,
                        status="claimed", claimant="Ministry")  # fmt: skip
    fc = FigureCheck(_fig("Some 8,000 troops", 10000, 9000, 11000, qualifier="approx", year=2023), verdict="agree",
                     basis="reference", reason="checked against the ministry's claim", references=(claimed, counted),
                     agreeing=(0,))  # fmt: skip
    result = CheckResult(text=TEXT, date=date(2023, 5, 9), figures=(fc,))
    assert "State TV" in to_csv(result) and "Example Wire" not in to_csv(result)
    doc = json.loads(to_json(result))["figures"][0]
    assert [r["source"]["publisher"] for r in doc["references"]] == ["Example Wire", "State TV"]  # reported first
    assert doc["agreeing"] == [1]  # the claim's place in that ranked list
    back = result_from_json(result_to_json(result), TEXT).figures[0]
    assert back.agreeing == (0,) and back.agreeing_references() == (claimed,)
