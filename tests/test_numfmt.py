"""Numbers for readers: years bare, money and big counts compact (cases in tests/cases/numbers/formats.toml)."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

from factcheck import numfmt
from factcheck.figures import Figure, FigureCheck, Reference, Source
from factcheck.report.highlight import tooltip

CASES = tomllib.loads((Path(__file__).resolve().parent / "cases" / "numbers" / "formats.toml").read_text(encoding="utf-8"))


def _bound(x: Any) -> float:
    """A case's interval end: the strings "inf" and "-inf" are open ends."""
    return {"inf": math.inf, "-inf": -math.inf}[x] if isinstance(x, str) else float(x)


@pytest.mark.parametrize("case", CASES["amount"], ids=lambda c: c["expected"])
def test_amount(case: dict[str, Any]) -> None:
    assert numfmt.amount(float(case["value"]), case.get("unit"), case.get("kind")) == case["expected"]


@pytest.mark.parametrize("case", CASES["span"], ids=lambda c: c["expected"])
def test_span(case: dict[str, Any]) -> None:
    got = numfmt.span(_bound(case["low"]), _bound(case["high"]), case.get("unit"), case.get("kind"))
    assert got == case["expected"]


def test_the_case_tables_hold_the_issues_examples() -> None:
    """The table is the specification: losing a row of the issue's examples would be a silent gap."""
    expected = {c["expected"] for c in CASES["amount"]} | {c["expected"] for c in CASES["span"]}
    assert {"2008", "$94.8 billion", "8,000", "1.31 million", "$94.75–94.85 billion"} <= expected


TEXT = "The parade was the smallest since 2008. The budget is $94.8 billion."


def _fig(surface: str, **kw: Any) -> Figure:
    start = TEXT.index(surface)
    return Figure(surface=surface, start=start, end=start + len(surface), sentence_start=0, sentence_end=len(TEXT), **kw)


def test_a_tooltip_prints_a_year_without_a_thousands_comma() -> None:
    fig = _fig("2008", value=2008, low=2008, high=2008, kind="year", year=2008)
    ref = Reference(metric="war_end", metric_label="Year the war in Europe ended", entity="Europe", year=1945,
                    value=1945, low=1945, high=1945, unit=None, qualifier="exact",
                    source=Source("VE Day", "A museum", "https://example.org/ve", ""))  # fmt: skip
    text = tooltip(FigureCheck(fig, "agree", "holds", references=(ref,)))
    assert "Claimed: 2008" in text and "2,008" not in text
    assert "Source: 1945: VE Day (A museum)" in text and "1,945" not in text


def test_a_tooltip_prints_money_compact() -> None:
    fig = _fig("$94.8 billion", value=94.8e9, low=94.75e9, high=94.85e9, unit="USD", kind="money")
    text = tooltip(FigureCheck(fig, "no_source", "no source"))
    assert "Claimed: $94.75–94.85 billion" in text and "94,750,000,000" not in text
