"""The verdict table (tests/cases/verdicts/*.toml): sentence + sources → verdict, basis, reason words."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.check import check_figures
from factcheck.figures import Figure

from verdict_cases import Case, load_cases, stub_figures

try:
    from factcheck.extract.reader import extract_figures
except ImportError:  # the extractor has not landed: the stub reads hedge + number + unit
    extract_figures = None  # type: ignore[assignment]

CASES = load_cases()


def figures_for(case: Case) -> list[Figure]:
    """The real extractor's figures for the sentence (the stub's when there is no extractor)."""
    if extract_figures is None:
        return stub_figures(case)
    return extract_figures(case.sentence, case.article_date)


def pick(figures: list[Figure], case: Case) -> int:
    """The index of the case's figure: same surface, else the one overlapping it most."""
    start = case.sentence.index(case.figure)
    end = start + len(case.figure)
    exact = [i for i, f in enumerate(figures) if f.surface == case.figure]
    if exact:
        return exact[0]
    overlap = [(min(end, f.end) - max(start, f.start), i) for i, f in enumerate(figures)]
    best = max(overlap, default=(0, -1))
    assert best[0] > 0, f"no figure {case.figure!r} in {case.sentence!r}; got {[f.surface for f in figures]}"
    return best[1]


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.sentence[:90] + f" [{case.figure}]", marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_verdict(case: Case) -> None:
    figures = figures_for(case)
    i = pick(figures, case)
    checks = check_figures(case.sentence, figures, case.refs, case.metrics, case.article_date)
    assert len(checks) == len(figures)
    fc = checks[i]
    where = f"\n  sentence: {case.sentence}\n  figure: {case.figure} ({case.file})\n  reason: {fc.reason}"
    if (fc.verdict, fc.basis) != (case.verdict, case.basis):
        pytest.fail(f"got {fc.verdict}/{fc.basis}, expected {case.verdict}/{case.basis}" + where)
    for words in case.reason:
        if words.lower() not in fc.reason.lower():
            pytest.fail(f"reason lacks {words!r}" + where)
    for words in case.not_reason:
        if words.lower() in fc.reason.lower():
            pytest.fail(f"reason should not say {words!r}" + where)
    if case.disputed is not None and fc.disputed != case.disputed:
        pytest.fail(f"disputed is {fc.disputed}, expected {case.disputed}" + where)


def test_table_is_big_enough() -> None:
    """Issue 4 asks for at least 60 rows covering every rule."""
    assert len(CASES) >= 60


# --- check_figures never raises, whatever the figures and sources look like ----------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from factcheck.figures import QUALIFIERS, STATUSES, Reference, Source  # noqa: E402

UNITS = [None, "kilometer", "mile", "percent", "square_kilometer", "meter", "minute", "USD", "degree_Celsius", "year"]
NUMBERS = st.one_of(st.floats(-1e9, 1e9, allow_nan=False), st.integers(-5, 5000).map(float))
TEXT = "In 2020 some 8,000 troops, 3 km (1.9 mi) wide, marched: the 78th anniversary, lowest since 2008, down 5% on last year, less than half the 131."


@st.composite
def figures(draw: st.DrawFn) -> Figure:
    start = draw(st.integers(0, len(TEXT) - 1))
    end = draw(st.integers(start, len(TEXT)))
    value = draw(NUMBERS)
    lo, hi = sorted((value - abs(draw(NUMBERS)), value + abs(draw(NUMBERS))))
    return Figure(
        TEXT[start:end], start, end, value, lo, hi, draw(st.sampled_from(UNITS)), draw(st.sampled_from(QUALIFIERS)),
        draw(st.sampled_from([None, "up", "down"])), draw(st.sampled_from(["", "troops", "vehicles shown", "strip wide"])),
        draw(st.one_of(st.none(), st.integers(1900, 2030))), draw(st.sampled_from([None, "explicit", "article", "relative"])),
        draw(st.sampled_from(["count", "measure", "percent", "year", "ordinal", "duration", "date"])), draw(st.booleans()),
        0, len(TEXT),
    )


@st.composite
def references(draw: st.DrawFn) -> Reference:
    metric = draw(st.sampled_from(CASES[0].metrics))
    v = draw(NUMBERS)
    return Reference(
        metric.key, metric.label, "", draw(st.one_of(st.none(), st.integers(2000, 2030))), v, v, v,
        draw(st.sampled_from([metric.unit or None, "mile", "meter"])), draw(st.sampled_from(QUALIFIERS + ("almost", "claim"))),
        Source("t", draw(st.sampled_from(["A", "B", ""])), "https://example.org", draw(st.sampled_from(["", "2023-05-10", "2021", "c. 2023"]))),
        status=draw(st.sampled_from(STATUSES)), claimant=draw(st.sampled_from(["", "X"])),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(figures(), max_size=6), st.lists(references(), max_size=8), st.sampled_from([None, date(2023, 5, 9)]))
def test_check_figures_never_raises(figs: list[Figure], refs: list[Reference], when: date | None) -> None:
    out = check_figures(TEXT, figs, refs, CASES[0].metrics, when)
    assert [fc.figure for fc in out] == figs
    for fc in out:
        assert fc.verdict in ("agree", "conflict", "no_source", "not_checkable") and fc.reason
