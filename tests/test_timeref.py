"""Years from words relative to the article date (factcheck.extract.timeref)."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract.timeref import year_refs

TUESDAY = dt.date(2023, 5, 9)
NEW_YEAR = dt.date(2024, 1, 2)  # a Tuesday: "on Friday" was last year


@pytest.mark.parametrize(
    ("sentence", "article_date", "expected"),
    [
        # explicit years; "since"/"until"/"before" make a year a reference point (anchor)
        ("In 2020 the parade was postponed.", TUESDAY, [(2020, "explicit", False)]),
        ("The fewest since 2008.", TUESDAY, [(2008, "explicit", True)]),
        ("Sales of 2,020 units and 2020s nostalgia.", TUESDAY, []),
        ("In mid-2020, and in early 2021, it was postponed.", TUESDAY, [(2020, "explicit", False), (2021, "explicit", False)]),
        ("Parts 1-2020 and pre-2020 stock.", TUESDAY, []),
        ("The 51 pieces compared with 131 in 2022.", TUESDAY, [(2022, "explicit", True)]),
        # relative to the article date
        ("Last year about 11,000 took part.", TUESDAY, [(2022, "relative", False)]),
        ("This year 51 were shown.", TUESDAY, [(2023, "relative", False)]),
        ("Next year the budget grows.", TUESDAY, [(2024, "relative", False)]),
        ("It said earlier this month that 20,000 died.", TUESDAY, [(2023, "relative", False)]),
        ("Two years ago it was different.", TUESDAY, [(2021, "relative", False)]),
        ("The parade took place on Tuesday.", TUESDAY, [(2023, "relative", False)]),
        ("The vote took place on Friday.", NEW_YEAR, [(2023, "relative", False)]),
        ("Prices rose in May.", TUESDAY, [(2023, "relative", False)]),
        ("Prices rose in December.", TUESDAY, [(2022, "relative", False)]),
        ("The 2020 parade was held in June.", TUESDAY, [(2020, "explicit", False), (2020, "relative", False)]),
        ("In June it beat the record set since 2008.", TUESDAY, [(2022, "relative", False), (2008, "explicit", True)]),
        ("Deaths since December rose.", TUESDAY, [(2022, "relative", True)]),
        ("Last month was the wettest.", NEW_YEAR, [(2023, "relative", False)]),
        # counted from the narrated year (a year named before in the sentence), else the article's
        ("In 2019 it had 900; three years earlier, 700.", TUESDAY, [(2019, "explicit", False), (2016, "relative", False)]),
        ("A year earlier, 11,000 marched.", TUESDAY, [(2022, "relative", False)]),
        ("The previous year 10,000 took part.", TUESDAY, [(2022, "relative", False)]),
        ("It drew 9,000 the year after.", TUESDAY, [(2024, "relative", False)]),
        ("Ten years ago it drew 5,000.", TUESDAY, [(2013, "relative", False)]),
        ("A decade ago it drew 5,000.", TUESDAY, [(2013, "relative", False)]),
        ("In 2019 it drew 900; two decades earlier, 300.", TUESDAY, [(2019, "explicit", False), (1999, "relative", False)]),
        ("In 2019 it drew 900, and later that year 1,200.", TUESDAY, [(2019, "explicit", False), (2019, "relative", False)]),
        ("That year 1,200 marched.", TUESDAY, [(2023, "relative", False)]),
        # "than a year earlier": the base of a change, kept as a point of reference (moved from years.py)
        ("About 3,000 fewer marched than a year earlier.", TUESDAY, [(2022, "relative", True)]),
        # an event or a span after the phrase dates nothing; "than in 2022" is the other side of a comparison
        ("The plant cut 300 jobs a year before the merger.", TUESDAY, []),
        ("Prices had risen for two years before the crash.", TUESDAY, []),
        ("About 3,000 fewer marched than in 2022.", TUESDAY, [(2022, "explicit", True)]),
        ("In 2021, more than 12,000 marched.", TUESDAY, [(2021, "explicit", False)]),
        # without an article date nothing relative can be resolved; "may" the verb is no month
        ("Last year about 11,000 took part.", None, []),
        ("Prices may rise in the spring.", TUESDAY, []),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_year_refs(sentence: str, article_date: dt.date | None, expected: list[tuple[int, str, bool]]) -> None:
    got = [(r.year, r.source, r.anchor) for r in year_refs(sentence, 0, len(sentence), article_date)]
    assert got == expected, sentence


def test_narrated_year_counts_from_the_sentence_before() -> None:
    """With no year in the sentence, "a year earlier" counts from ``base`` (the year narrated before)."""
    t = "A year earlier, 11,000 marched."
    assert [r.year for r in year_refs(t, 0, len(t), TUESDAY, base=2019)] == [2018]
