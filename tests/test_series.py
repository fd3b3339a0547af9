"""series.py on hand-built series: superlatives over time and changes between years."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.figures import Figure, Reference, Source
from factcheck.judge.series import judge_series
from factcheck.resolve.trends import change_direction, change_years, find_superlatives

SRC = Source("t", "Test", "https://example.org", "")


def ref(year: int, value: float, status: str = "actual", qualifier: str = "approx") -> Reference:
    return Reference("troops", "troops", "", year, value, value, value, None, qualifier, SRC, status=status)


def claim_fig(value: float = 8000) -> Figure:
    return Figure("Some 8,000", 0, 10, value, value - 500, value + 500, None, "approx")


SERIES = [ref(2008, 8000), ref(2009, 9000), ref(2010, 11000), ref(2015, 16000), ref(2022, 11000), ref(2023, 8000)]


@pytest.mark.parametrize(
    ("sentence", "series", "verdict", "words"),
    [
        ("the lowest number since 2008", SERIES, "agree", "2008 had 8,000"),
        ("the lowest number since 2010", SERIES, "conflict", "goes back further"),
        ("the lowest number since 2008", SERIES + [ref(2016, 7000)], "conflict", "broken by 2016"),
        ("the highest number since 2008", SERIES, "conflict", "broken by 2009"),
        ("the lowest in 10 years", SERIES, "agree", "holds"),
        ("the lowest ever", SERIES, "agree", "equalled by 2008 (8,000)"),  # a tie is no break
        ("the lowest ever", SERIES + [ref(2012, 7000)], "conflict", "broken by 2012"),
        ("the lowest number since 2000", SERIES[1:], "agree", "no figure for 2000 itself, so only the years after it"),
    ],
)
def test_superlatives(sentence: str, series: list[Reference], verdict: str, words: str) -> None:
    (claim,) = find_superlatives(sentence, 0)
    got, reason, _ = judge_series(claim, claim_fig(), "troops", "troops", 2023, series)
    assert (got, words in reason) == (verdict, True), reason


def test_superlative_without_a_series_is_no_source() -> None:
    (claim,) = find_superlatives("the lowest since 2008", 0)
    assert judge_series(claim, claim_fig(), "troops", "troops", 2023, [ref(2023, 8000)])[0] == "no_source"


def test_change_years() -> None:
    text = "Numbers fell by 3,000 from last year."
    i = text.index("3,000")
    f = Figure("3,000", i, i + 5, 3000, 3000, 3000, year=2022, year_source="relative", sentence_end=len(text))
    assert change_direction(f, text) == "down"
    assert change_years(f, text, date(2023, 5, 9)) == (2022, 2023)
    text2 = "Numbers rose by 3,000 between 2019 and 2021."
    i = text2.index("3,000")
    f2 = Figure("3,000", i, i + 5, 3000, 3000, 3000, sentence_end=len(text2))
    assert change_direction(f2, text2) == "up"
    assert change_years(f2, text2, date(2023, 5, 9)) == (2019, 2021)


def test_a_level_is_not_a_change() -> None:
    text = "Some 8,000 troops marched."
    assert change_direction(claim_fig(), text) is None
