"""The extractor against the case tables in tests/cases/extract/*.toml (one file per phenomenon).

Each row is one sentence and every figure it must yield, in order; a field left out of an
expected figure is not checked. A row with ``xfail = "why"`` is a known failure (strict: it
must be promoted the day it passes).
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

from factcheck.extract.reader import extract_figures
from factcheck.figures import KINDS, QUALIFIERS, Figure

ROOT = Path(__file__).parents[1]
CASES = Path(__file__).parent / "cases" / "extract"


def _load() -> list[Any]:
    """Every row of every case file as a pytest param whose id is the sentence."""
    params = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        date = data.get("article_date")
        article = data.get("article", "")
        for row in data["cases"]:
            marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if "xfail" in row else []
            params.append(pytest.param(row["sentence"], date, article, row["figures"], id=row["sentence"], marks=marks))
    return params


def _figures_in(sentence: str, article_date: dt.date | None, article: str) -> list[Figure]:
    """The figures of a sentence alone, or (for rows of a whole-article file) those the whole
    article's extraction finds inside that sentence."""
    if not article:
        return extract_figures(sentence, article_date)
    text = (ROOT / article).read_text(encoding="utf-8")
    at = text.index(sentence)
    return [f for f in extract_figures(text, article_date) if at <= f.start < at + len(sentence)]


def _same(expected: Any, got: Any) -> bool:
    """Equal, with floats compared to a relative 1e-9 (inf equals inf; "" stands for TOML's missing null)."""
    if expected == "" and got is None:
        return True
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)) and not isinstance(expected, bool):
        return math.isclose(float(expected), float(got), rel_tol=1e-9, abs_tol=1e-12) or expected == got
    return bool(expected == got)


@pytest.mark.parametrize(("sentence", "article_date", "article", "expected"), _load())
def test_extract(sentence: str, article_date: dt.date | None, article: str, expected: list[dict[str, Any]]) -> None:
    figures = _figures_in(sentence, article_date, article)
    got = [f.to_dict() | {"low": f.low, "high": f.high} for f in figures]
    assert [g["surface"] for g in got] == [e["surface"] for e in expected], f"in: {sentence!r}\ngot: {got}"
    for exp, g in zip(expected, got):
        for key, want in exp.items():
            assert _same(want, g[key]), f"in: {sentence!r}\n{exp['surface']!r}.{key}: want {want!r}, got {g[key]!r}"


def test_every_figure_is_well_formed_on_the_sample() -> None:
    """Spans, intervals and vocabularies hold on the sample article."""
    text = (ROOT / "samples" / "victory_day_2023.txt").read_text(encoding="utf-8")
    for f in extract_figures(text, dt.date(2023, 5, 9)):
        assert text[f.start : f.end] == f.surface
        assert f.low <= f.value <= f.high
        assert f.qualifier in QUALIFIERS and f.kind in KINDS
        assert text[f.sentence_start : f.sentence_end].find(f.surface) >= 0


def test_vocabularies_are_consistent() -> None:
    """Every unit alias names a unit pint knows; every hedge names a known qualifier."""
    from factcheck.extract.hedges import hedges
    from factcheck.extract.unit_aliases import load_aliases, per_aliases
    from factcheck.units import parse_unit

    assert [a.canonical for a in load_aliases() + per_aliases() if parse_unit(a.canonical) is None] == []
    assert {h.qualifier for h in hedges()} <= set(QUALIFIERS)


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("She ran the last lap 4 seconds faster.", "second"),  # quantulum3: arc-seconds
        ("The striker cost £20m.", "GBP"),  # quantulum3: pound-metres
        ("Turnout fell 5 per cent.", "percent"),  # quantulum3: 1/cent
        ("It reached 40C on Sunday.", "degree_Celsius"),  # quantulum3: coulombs
        ("Shares closed at 5 dollars at noon.", "USD"),  # quantulum3: "at" as ampere-turns
    ],
    ids=lambda v: v,
)
def test_issue_3_quantulum3_misreadings_are_read_right(sentence: str, unit: str) -> None:
    """Each misreading issue 3 lists for quantulum3 gets the right unit here."""
    units = [f.unit for f in extract_figures(sentence) if f.checkable]
    assert units == [unit], sentence


def test_issue_3_extraction_leaves_logging_alone() -> None:
    """quantulum3 calls logging.basicConfig on every parse; extraction must not touch logging."""
    import logging

    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    extract_figures("Some 8,000 troops marched 3 km.")
    assert (list(root.handlers), root.level) == before


def test_issue_3_figures_are_independent_values() -> None:
    """quantulum3's Unit objects are shared and mutated by later calls; our figures are frozen values."""
    first = extract_figures("The wall is 12 km long.")[0]
    extract_figures("The storm brought winds of 80 mph.")
    assert (first.value, first.unit) == (12.0, "kilometer")
    with pytest.raises(AttributeError):
        first.unit = "mile"  # type: ignore[misc]
