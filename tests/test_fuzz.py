"""Hypothesis: extraction and the whole check never raise on any text, and keep their promises.

Every property runs ``EXAMPLES`` examples (2,000 by default, the floor ``make test`` must keep;
set ``FACTCHECK_FUZZ_EXAMPLES=200`` for a quick local run). The texts mix arbitrary unicode,
number-ish fragments (grouping, decimals, exponents, fractions, other scripts' digits, hedges,
units, currency), HTML, emoji and control characters. The store is built once per session
(``reference_db`` in conftest) and read once, so a check costs extraction plus matching.

Promises checked on every figure: ``0 <= start <= end <= len(text)``,
``text[start:end] == surface``, ``low <= value <= high`` (no NaN), and a JSON document with no
NaN or infinity. A check of a text is the same when it is run once or twice (with another
text checked in between, so no cache or shared state leaks from one article into the next).
"""

from __future__ import annotations

import importlib
import json
import logging
import math
import os
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from factcheck.check import check_article
from factcheck.extract.reader import extract_figures
from factcheck.figures import VERDICTS, Figure
from factcheck.read.guards import guard_text
from factcheck.store.reviews import load_check, save_check
from factcheck.store.db import all_metrics, get_engine
from factcheck.store.retrieve import StoreIndex
from pgtemp import temporary_database

EXAMPLES = int(os.environ.get("FACTCHECK_FUZZ_EXAMPLES", "2000"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    print_blob=True,  # a failure in CI prints @reproduce_failure(...) to replay it locally
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- texts -------------------------------------------------------------------------------

NUMBERISH = [
    "0", "1", "7", "8,000", "13 000", "13\u00a0000", "13\u202f000", "1.5", "1,5", ".5", "5.",
    "1,2,3", "1..2", "1,,000", "-3", "+4", "−5", "1e3", "1e309", "1E-400", "2.5e+", "NaN", "nan", "inf",
    "Infinity", "½", "1/2", "3 1/2", "²", "³⁄₄", "١٢٣", "१२", "１２,０００", "𝟙𝟚", "0x1F", "007",
    "9" * 40, "1" + "0" * 30, "10^6", "12%", "12 per cent", "percent", "$5", "£3.2bn", "€40m",
    "5 million", "a million", "billion", "thousand", "hundreds", "dozens", "one", "two", "a single",
    "twenty-one", "km", "kilometres", "miles", "mi", "sq km", "°C", "kg", "tonnes", "troops",
    "tanks", "fighters", "some", "about", "around", "nearly", "almost", "more than", "at least",
    "as many as", "up to", "fewer than", "over", "under", "between", "and", "to", "–", "—", "-",
    "rose", "fell", "by", "in 2020", "last year", "this year", "May 9", "9 May", "1945", "2023",
    "78th", "3rd", "1st", "anniversary", "(", ")", "[", "]", " [1.9 miles]", ".", ". ", "?", "!",
    ",", ";", ":", "'", '"', "“", "”", "\n", "\n\n", "\t", " ", "  ", "\u200b", "\ufeff",
    "\x00", "\x1b", "\r\n", "😀", "🇺🇦", "👩‍👩‍👧", "e\u0301", "ﬁ", "İ", "ß", "Ω", "漢字", "العربية",
]
HTML_PARTS = ["<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<br/>", "&nbsp;", "&amp;", "&#8211;",
              "&#x2009;", "<!-- 5 -->", "<script>var x = 1e9;</script>", "<td>", "</td>", "<", ">", "&"]

numberish_text = st.lists(
    st.one_of(st.sampled_from(NUMBERISH), st.sampled_from(NUMBERISH), st.text(max_size=4)),
    max_size=30,
).map("".join)
html_text = st.lists(
    st.one_of(st.sampled_from(HTML_PARTS), st.sampled_from(NUMBERISH)), max_size=30
).map("".join)
unicode_text = st.text(max_size=120)  # any code point but lone surrogates
surrogate_text = st.text(  # lone surrogates: what a badly decoded page can leave in a str
    alphabet=st.characters(min_codepoint=0xD7F0, max_codepoint=0xE010, exclude_categories=()), max_size=8
)
articles = st.one_of(
    numberish_text,
    numberish_text,  # weighted: most of the interest is in number-ish text
    html_text,
    unicode_text,
    st.tuples(numberish_text, surrogate_text, numberish_text).map("".join),
)
check_module = importlib.import_module("factcheck.check")  # the module (factcheck.check is also a function)

article_dates = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


# --- promises ----------------------------------------------------------------------------


def assert_figure_promises(text: str, fig: Figure) -> None:
    """The promises of ``Figure`` (figures.py) and of the JSON output, for one figure."""
    where = f"{fig!r} in {text!r}"
    assert 0 <= fig.start <= fig.end <= len(text), where
    assert text[fig.start : fig.end] == fig.surface, where
    for x in (fig.value, fig.low, fig.high):
        assert not math.isnan(x), where
    assert fig.low <= fig.value <= fig.high, where
    json.dumps(fig.to_dict(), allow_nan=False)


def assert_json_safe(doc: dict[str, Any]) -> None:
    json.dumps(doc, allow_nan=False)


class SwallowedErrors(logging.Handler):
    """Collects what the extractor logs when it skips a sentence or gives up (a hidden bug)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@pytest.fixture(scope="module")
def swallowed() -> Iterator[SwallowedErrors]:
    """extract_figures never raises by catching and logging; a logged error still fails here."""
    handler = SwallowedErrors()
    logger = logging.getLogger("factcheck")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def assert_nothing_swallowed(swallowed: SwallowedErrors, text: str) -> None:
    records, swallowed.records = swallowed.records, []
    assert not records, f"extraction logged {records} on {text!r}"


@pytest.fixture(scope="module")
def engine(reference_db: str) -> Iterator[Engine]:
    """One store for the whole module (built once from reference_data/, never written).

    Its references and metrics are also read once: loading them is most of a short check, and
    the store does not change while fuzzing. The check gets the very same objects every time,
    so a check that mutated them would show up as a difference between two runs.
    """
    engine = get_engine(reference_db)
    metrics = all_metrics(engine)
    read: dict[tuple[str, ...], list[Any]] = {}

    class OnceIndex(StoreIndex):
        """The store's index, answering each question from the first answer it gave."""

        def metrics(self) -> list[Any]:
            return metrics

        def references_for_metrics(self, keys: Any, **kw: Any) -> list[Any]:
            key = (*sorted(keys), repr(sorted(kw.items())))
            if key not in read:
                read[key] = StoreIndex(engine).references_for_metrics(keys, **kw)
            return read[key]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(check_module, "StoreIndex", OnceIndex)
        yield engine


# --- properties --------------------------------------------------------------------------


@FUZZ
@given(text=articles, article_date=article_dates)
def test_extract_never_raises_and_keeps_its_promises(
    swallowed: SwallowedErrors, text: str, article_date: date | None
) -> None:
    figures = extract_figures(text, article_date)
    assert isinstance(figures, list)
    for fig in figures:
        assert_figure_promises(text, fig)
    assert_nothing_swallowed(swallowed, text)


@FUZZ
@given(text=articles, article_date=article_dates)
def test_check_never_raises_and_keeps_its_promises(
    engine: Engine, swallowed: SwallowedErrors, text: str, article_date: date | None
) -> None:
    result = check_article(text, article_date, engine=engine)
    assert_nothing_swallowed(swallowed, text)
    assert result.text in (text, guard_text(text))  # the pipeline may sanitise, one for one
    for fc in result.figures:
        assert_figure_promises(result.text, fc.figure)
        assert fc.verdict in VERDICTS
        assert isinstance(fc.reason, str)
    assert_json_safe(result.to_dict())


@FUZZ
@given(text=articles, other=articles, article_date=article_dates)
def test_check_is_the_same_run_once_or_twice(engine: Engine, text: str, other: str, article_date: date | None) -> None:
    first = check_article(text, article_date, engine=engine).to_dict()
    check_article(other, article_date, engine=engine)
    again = check_article(text, article_date, engine=engine).to_dict()
    assert first == again


@FUZZ
@given(text=articles)
def test_guard_keeps_every_offset(text: str) -> None:
    guarded = guard_text(text)
    assert len(guarded) == len(text)
    assert "\x00" not in guarded
    guarded.encode("utf-8")  # storable: no lone surrogate is left
    assert all(g == t for g, t in zip(guarded, text) if t.isprintable() or t in "\t\n\r")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def saving_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Where fuzzed checks are saved: a SQLite file, or (make test-postgres) a new PostgreSQL database."""
    if request.param == "sqlite":
        yield get_engine(f"sqlite:///{tmp_path_factory.mktemp('saved') / 'saved.db'}")
        return
    with temporary_database("fc_fuzz") as url:
        yield get_engine(url)


@FUZZ
@given(text=articles, article_date=article_dates)
def test_a_saved_check_loads_back_the_same(
    engine: Engine, saving_engine: Engine, text: str, article_date: date | None
) -> None:
    """Through guard_text, as the pipeline does: a raw lone surrogate cannot be encoded to store."""
    result = check_article(guard_text(text), article_date, engine=engine)
    saved = load_check(saving_engine, save_check(saving_engine, result))
    assert saved.result.to_dict() == result.to_dict()
    assert saved.result.text == result.text
