"""A long article checked part by part gives the whole check's verdicts (factcheck/parts.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck.check import check_article
from factcheck.extract import parse
from factcheck.parts import check_in_parts, in_parts, joined, part_bounds
from factcheck.figures import CheckResult
from factcheck.store.db import get_engine
from factcheck.store.reviews import result_from_json, result_to_json

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))


def every_sample() -> str:
    """The sample articles one after another: parades, casualties, country statistics."""
    return "\n\n".join(p.read_text(encoding="utf-8") for p in SAMPLES)


@pytest.mark.parametrize("first,size", [(1, 1), (200, 1500), (3000, 5000)])
def test_parts_joined_are_the_whole_check(reference_db: str, monkeypatch: pytest.MonkeyPatch, first: int, size: int) -> None:
    """Cut after every line, or every few paragraphs: the same figures, verdicts, reasons and sources."""
    monkeypatch.setattr(parse, "MAX_CHARS", 100)  # the samples stand for an article too long to parse
    text, engine = every_sample(), get_engine(reference_db)
    assert in_parts(text)
    whole = check_article(text, date(2023, 5, 9), engine=engine)
    steps = list(check_in_parts(text, date(2023, 5, 9), engine, first=first, size=size))
    assert len(steps) == len(part_bounds(text, first, size)) > 1
    assert [fc.to_dict() for fc in steps[-1].figures] == [fc.to_dict() for fc in whole.figures]
    assert steps[-1].complete and all(not s.complete for s in steps[:-1])
    assert len(whole.figures) > 100 and {fc.verdict for fc in whole.figures} >= {"agree", "conflict", "no_source"}


def test_a_part_is_never_cut_inside_a_paragraph() -> None:
    text = "One 5 km.\nTwo 6 km and more words.\n\nThree 7 km.\nno line break at the end"
    bounds = part_bounds(text, first=3, size=5)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(text[end - 1] == "\n" for _, end in bounds[:-1])
    assert part_bounds("", 3, 5) == []
    with pytest.raises(ValueError, match="at least one character"):
        part_bounds(text, first=0)


def test_a_partial_check_says_how_far_it_got_and_keeps_it_when_stored() -> None:
    text = "Some 8,000 troops marched.\n" * 3
    partial = joined(CheckResult(text=text, checked_chars=0), [], 27)
    assert partial.checked_chars == 27 and not partial.complete
    assert partial.to_dict()["article"]["checked_chars"] == 27
    assert result_from_json(result_to_json(partial), text).checked_chars == 27
    whole = joined(partial, [], len(text))
    assert whole.complete and "checked_chars" not in whole.to_dict()["article"]
    assert result_from_json(result_to_json(whole), text).complete


def test_a_short_article_is_checked_whole() -> None:
    assert not in_parts("Some 8,000 troops marched.")
    assert in_parts("x" * (parse.MAX_CHARS + 1))


def _year_read_in_parts(reference_db: str, monkeypatch: pytest.MonkeyPatch, text: str, surface: str) -> int | None:
    """The year of the figure starting with ``surface``, once it is checked that parts joined equal the whole."""
    monkeypatch.setattr(parse, "MAX_CHARS", 50)
    engine = get_engine(reference_db)
    whole = check_article(text, date(2023, 5, 9), engine=engine)
    steps = list(check_in_parts(text, date(2023, 5, 9), engine, first=1, size=1))
    assert [fc.to_dict() for fc in steps[-1].figures] == [fc.to_dict() for fc in whole.figures]
    return next(fc for fc in whole.figures if fc.figure.surface.startswith(surface)).figure.year


def test_a_part_reads_a_year_its_previous_paragraph_narrates(reference_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """'A year earlier' opening a paragraph counts from the paragraph before, in a part as in the whole."""
    text = (
        "The port report\n\nIn 2019 the port handled 4.2 million containers.\n\n"
        "A year earlier it had handled 3.9 million.\n\nTraffic in 2016 was 3.1 million.\n"
    )
    assert _year_read_in_parts(reference_db, monkeypatch, text, "3.9") == 2018


def test_a_part_reads_a_year_narrated_past_a_paragraph_with_no_date(reference_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """'The same year' after a quote paragraph counts from the paragraph before the quote, in a part as in the whole."""
    text = (
        "The port report\n\nIn 2019 the port handled 4.2 million containers.\n\n"
        '"We were stretched," said a crane driver, 58.\n\n'
        "The rival port handled 2.7 million the same year.\n"
    )
    assert _year_read_in_parts(reference_db, monkeypatch, text, "2.7") == 2019
