"""Properties of extract_figures on any text: it never raises, spans are exact, intervals hold.

A bounded run (300 examples); the long fuzz run lives in tests/test_fuzz.py.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract.reader import extract_figures
from factcheck.figures import KINDS, QUALIFIERS

NEWSY = st.sampled_from(
    ["Some", "8,000", "troops", "about", "£20m", "3 km", "[1.9 miles]", "May 9", "78th", "T-34", "&#36;7", "1e309",
     "as many as", "40,000", "per cent", "between", "and", "last year", "in 2020", ".", ",", "\n\n", "one", "dozens",
     "of", "tens of thousands", "9/11", "10:30 am", "-", "to", "$", "5bn", "9" * 60, "\x00", "🙂", "<p>", "½"]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(NEWSY, max_size=60).map(" ".join))


def _check(text: str, date: dt.date | None) -> None:
    for f in extract_figures(text, date):
        assert text[f.start : f.end] == f.surface
        assert f.low <= f.value <= f.high
        assert f.qualifier in QUALIFIERS and f.kind in KINDS
        assert f.sentence_start <= f.start <= f.end <= f.sentence_end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.one_of(st.none(), st.dates()))
def test_never_raises_and_spans_hold(text: str, date: dt.date | None) -> None:
    _check(text, date)


def test_hostile_inputs() -> None:
    """The inputs named in issue 3: long digit runs, 1e309, HTML entities, NUL, 1 MB with no full stop."""
    for text in ["9" * 5000, "It cost 1e309 dollars.", "It cost &#36;7 or &pound;8.", "a\x00b 5 km", "word " * 200_000]:
        _check(text, dt.date(2023, 5, 9))
    assert [f.value for f in extract_figures("It cost &#36;7.")] == [7.0]  # never 36 from the entity
    assert not extract_figures(None)  # type: ignore[arg-type]
