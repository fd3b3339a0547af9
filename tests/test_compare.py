"""The verdict table (tests/cases/verdicts/*.toml): sentence + sources → verdict, basis, reason words."""

from __future__ import annotations

import pytest

from factcheck.compare import check_figures
from factcheck.figures import Figure

from verdict_cases import Case, load_cases, stub_figures

try:
    from factcheck.extract import extract_figures
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
