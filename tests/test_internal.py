"""internal.py on hand-built figures: conversions, anniversaries, ages, totals, shares."""

from __future__ import annotations

import math
from datetime import date

import pytest

from factcheck.figures import Figure, Reference, Source
from factcheck.judge.internal import check_conversion, check_internal
from factcheck.resolve.relations import conversion_pairs, is_proportion, read_relations
from factcheck.store.db import MetricRow


def fig(text: str, surface: str, value: float, unit: str | None = None, kind: str = "measure", **kw: object) -> Figure:
    """A figure for ``surface`` in a one-sentence ``text``."""
    start = text.index(surface)
    return Figure(surface, start, start + len(surface), value, value, value, unit, kind=kind,
                  sentence_start=0, sentence_end=len(text), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "ua", "b", "ub", "ok"),
    [
        (3, "kilometer", 1.9, "mile", True),  # 1.864 rounds to 1.9
        (3, "kilometer", 1.86, "mile", True),  # 1.864 rounds to 1.86
        (3, "kilometer", 1.8, "mile", False),
        (2.6, "kilometer", 1.6, "mile", True),
        (1000, "kilometer", 621, "mile", True),
        (1000, "kilometer", 620, "mile", True),  # written to the nearest ten: ±5
        (1000, "kilometer", 650, "mile", False),
        (40, "degree_Celsius", 104, "degree_Fahrenheit", True),  # an offset unit converts exactly
        (100, "meter", 328, "foot", True),
    ],
)
def test_conversion_is_rounding_aware(a: float, ua: str, b: float, ub: str, ok: bool) -> None:
    text = f"It was {a:g} {ua} ({b:g} {ub}) long."
    fa = fig(text, f"{a:g} {ua}", a, ua)
    fb = fig(text, f"{b:g} {ub}", b, ub)
    assert check_conversion(fa, fb)[0] is ok


def test_pairs_need_a_bracket_or_or_between() -> None:
    text = "A strip 3 km [1.9 mi] wide, then 2 km and later 1.2 mi."
    figs = [fig(text, "3 km", 3, "kilometer"), fig(text, "1.9 mi", 1.9, "mile"),
            fig(text, "2 km", 2, "kilometer"), fig(text, "1.2 mi", 1.2, "mile")]
    assert conversion_pairs(text, figs) == [(0, 1)]


def test_pairs_never_join_different_dimensions() -> None:
    text = "A strip 3 km (500 people) wide."
    figs = [fig(text, "3 km", 3, "kilometer"), fig(text, "500", 500, None, kind="count")]
    assert conversion_pairs(text, figs) == []


def _war_end() -> tuple[list[Reference], list[MetricRow]]:
    m = MetricRow(key="war_end", label="year the war ended", keywords="victory;war;anniversary")
    src = Source("Encyclopaedia", "Encyclopaedia", "https://example.org", "")
    ref = Reference("war_end", m.label, "", 1945, 1945, 1945, 1945, None, "exact", src)
    return [ref], [m]


@pytest.mark.parametrize(("n", "verdict"), [(78, "agree"), (77, "conflict"), (79, "conflict")])
def test_anniversary_against_the_store(n: int, verdict: str) -> None:
    text = f"Russia marked the {n}th anniversary of the victory."
    f = fig(text, f"{n}th", n, None, kind="ordinal", checkable=False)
    refs, metrics = _war_end()
    out = check_internal(read_relations(text, [f], date(2023, 5, 9)), [f], refs, metrics, date(2023, 5, 9))
    assert out[0].check.verdict == verdict
    assert out[0].check.basis == "internal"
    assert "1945" in out[0].check.reason


def test_anniversary_without_any_event_year_is_left_alone() -> None:
    text = "The club marked its 78th anniversary."
    f = fig(text, "78th", 78, None, kind="ordinal", checkable=False)
    assert check_internal(read_relations(text, [f], date(2023, 5, 9)), [f], [], [], date(2023, 5, 9)) == {}


def test_ordinal_that_is_not_an_anniversary_is_left_alone() -> None:
    text = "The 72nd brigade withdrew."
    refs, metrics = _war_end()
    f = fig(text, "72nd", 72, None, kind="ordinal", checkable=False)
    assert check_internal(read_relations(text, [f], date(2023, 5, 9)), [f], refs, metrics, date(2023, 5, 9)) == {}


@pytest.mark.parametrize(("age", "verdict"), [(70, "agree"), (71, "agree"), (69, "conflict")])
def test_age_against_a_birth_year_in_the_text(age: int, verdict: str) -> None:
    text = f"The {age}-year-old, born in 1952, spoke."
    f = fig(text, f"{age}", age, "year", kind="duration")
    assert check_internal(read_relations(text, [f], date(2023, 5, 9)), [f], [], [], date(2023, 5, 9))[0].check.verdict == verdict


def test_total_with_parts() -> None:
    text = "In all 151 were hit: 64 killed and 87 wounded."
    figs = [fig(text, "151", 151, None, kind="count"), fig(text, "64", 64, None, kind="count"),
            fig(text, "87", 87, None, kind="count")]
    out = check_internal(read_relations(text, figs, None), figs, [], [], None)
    assert out[0].check.verdict == "agree" and not out[0].own


def test_no_total_word_no_total_check() -> None:
    text = "There were 151 hits, 64 misses and 87 blanks."
    figs = [fig(text, s, float(s), None, kind="count") for s in ("151", "64", "87")]
    assert check_internal(read_relations(text, figs, None), figs, [], [], None) == {}


def test_proportion() -> None:
    text = "It was less than half."
    f = Figure("less than half", 7, 21, 0.5, 0.0, 0.5, None, "less_than", kind="count")
    assert is_proportion(f)
    assert not is_proportion(fig(text, "half", 2, None, kind="count"))
    assert not math.isnan(f.value)


def test_read_relations_records_what_relates() -> None:
    """The relations are plain data: which figures a bracketed conversion, a total or a share relates."""
    text = "It ran 3 km (1.9 mi)."
    figs = [fig(text, "3 km", 3, "kilometer"), fig(text, "1.9 mi", 1.9, "mile")]
    assert read_relations(text, figs, None).conversions == ((0, 1),)

    text = "In all 151 were hit: 64 killed and 87 wounded."
    figs = [fig(text, s, float(s), None, kind="count") for s in ("151", "64", "87")]
    assert read_relations(text, figs, None).totals[0].parts == (1, 2)

    text = "Some 51 were lost, less than half the 131 sent."
    half = text.index("less than half")
    figs = [fig(text, "51", 51, None, kind="count"),
            Figure("less than half", half, half + 14, 0.5, 0.0, 0.5, None, "less_than", kind="count",
                   sentence_start=0, sentence_end=len(text)),
            fig(text, "131", 131, None, kind="count")]
    assert read_relations(text, figs, None).shares == ((1, 0, 2),)
