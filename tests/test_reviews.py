"""Saved checks on a real SQLite file: round-trip, reviews, optimistic concurrency, re-check."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from factcheck.errors import ConflictError, StoreError
from factcheck.figures import CheckResult, Figure, FigureCheck, Reference, Source
from factcheck.check import check_article
from factcheck.store.reviews import (
    MAX_NOTE_CHARS,
    effective_verdict,
    list_checks,
    load_check,
    recheck,
    save_check,
    set_review,
)
from factcheck.store.db import get_engine

TEXT = "Some 8,000 troops marched. As many as 40,000 fighters died on May 9."


def _figure(surface: str, value: float, low: float, high: float, concept: str, **kw: object) -> Figure:
    start = TEXT.index(surface)
    return Figure(
        surface=surface,
        start=start,
        end=start + len(surface),
        value=value,
        low=low,
        high=high,
        concept=concept,
        year=2023,
        sentence_start=0,
        sentence_end=len(TEXT),
        **kw,  # type: ignore[arg-type]
    )


def _result(verdict: str = "conflict") -> CheckResult:
    ref = Reference(
        metric="parade_troops",
        metric_label="Troops in the Moscow Victory Day parade",
        entity="Moscow",
        year=2023,
        value=8000,
        low=8000,
        high=8000,
        unit=None,
        qualifier="exact",
        source=Source("A report", "A publisher", "https://example.org/a", "2023-05-09"),
        snippet="8,000 troops",
        id=7,
    )
    troops = FigureCheck(_figure("Some 8,000", 8000, 7500, 8500, "troops"), verdict, "within the interval", "reference", (ref,))
    fighters = FigureCheck(
        _figure("As many as 40,000", 40000, -math.inf, 40000, "fighters", qualifier="at_most"),
        "no_source",
        "no reference for fighters",
    )
    return CheckResult(text=TEXT, title="Parade", date=date(2023, 5, 10), url="https://example.org/p", figures=(troops, fighters))


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    """A fresh SQLite file per test, with every table created."""
    return get_engine(f"sqlite:///{tmp_path / 'checks.db'}")


def test_save_and_load_round_trip(engine: Engine) -> None:
    result = _result()
    check_id = save_check(engine, result, created_by="ana")
    saved = load_check(engine, check_id)
    assert saved.result == result
    assert saved.version == 1
    assert saved.reviews == {}
    assert saved.created_by == "ana"
    assert saved.result.figures[1].figure.low == -math.inf


def test_set_review_bumps_version_and_keeps_other_fields(engine: Engine) -> None:
    check_id = save_check(engine, _result())
    key = _result().figures[0].figure.key()
    v2 = set_review(engine, check_id, key, expected_version=1, verdict_override="agree", updated_by="ana")
    v3 = set_review(engine, check_id, key, expected_version=v2, note="checked with the desk")
    assert (v2, v3) == (2, 3)
    saved = load_check(engine, check_id)
    review = saved.reviews[key]
    assert review.verdict_override == "agree"
    assert review.note == "checked with the desk"
    assert review.done is False
    assert saved.version == 3
    assert effective_verdict(saved.result.figures[0], review) == "agree"
    assert effective_verdict(saved.result.figures[1], saved.reviews.get("nope")) == "no_source"


def test_the_public_explanation_is_its_own_field_beside_the_private_note(engine: Engine) -> None:
    check_id = save_check(engine, _result())
    key = _result().figures[0].figure.key()
    v = set_review(engine, check_id, key, expected_version=1, note="source: a friend at the ministry")
    v = set_review(engine, check_id, key, expected_version=v, verdict_override="agree",
                   explanation="The ministry's count, published on 10 May, is 8,000.")
    review = load_check(engine, check_id).reviews[key]
    assert review.note == "source: a friend at the ministry"  # untouched by the explanation's edit
    assert review.explanation == "The ministry's count, published on 10 May, is 8,000."
    set_review(engine, check_id, key, expected_version=v, explanation="")
    assert load_check(engine, check_id).reviews[key].explanation == ""
    assert load_check(engine, check_id).reviews[key].note == "source: a friend at the ministry"
    with pytest.raises(ValueError, match="the public explanation has 10,001 characters, over the limit of 10,000"):
        set_review(engine, check_id, key, expected_version=v + 1, explanation="x" * (MAX_NOTE_CHARS + 1))
    assert load_check(engine, check_id).version == v + 1
    assert list_checks(engine)[0].reviewed == 1


def test_two_tabs_conflict_instead_of_overwriting(engine: Engine) -> None:
    check_id = save_check(engine, _result())
    key = _result().figures[0].figure.key()
    tab_a = load_check(engine, check_id)
    tab_b = load_check(engine, check_id)
    set_review(engine, check_id, key, expected_version=tab_a.version, note="from tab A")
    with pytest.raises(ConflictError) as err:
        set_review(engine, check_id, key, expected_version=tab_b.version, note="from tab B")
    assert str(err.value) == (
        f"check {check_id} was changed elsewhere (you loaded version 1, it is now version 2); "
        "reload it and apply your edit again"
    )
    assert load_check(engine, check_id).reviews[key].note == "from tab A"


def test_bad_override_and_missing_check_change_nothing(engine: Engine) -> None:
    check_id = save_check(engine, _result())
    key = _result().figures[0].figure.key()
    with pytest.raises(ValueError, match="'maybe' is not one of agree"):
        set_review(engine, check_id, key, expected_version=1, verdict_override="maybe")
    with pytest.raises(StoreError, match="there is no saved check 999"):
        set_review(engine, 999, key, expected_version=1, note="x")
    with pytest.raises(StoreError, match="there is no saved check 999"):
        load_check(engine, 999)
    assert load_check(engine, check_id).version == 1


def test_recheck_keeps_reviews_and_replaces_result(engine: Engine) -> None:
    check_id = save_check(engine, _result("conflict"))
    key = _result().figures[0].figure.key()
    set_review(engine, check_id, key, expected_version=1, note="kept", done=True)
    v = recheck(engine, check_id, _result("agree"))
    saved = load_check(engine, check_id)
    assert v == saved.version == 3
    assert saved.result.figures[0].verdict == "agree"
    assert saved.reviews[key].note == "kept"
    assert saved.reviews[key].done is True
    with pytest.raises(ConflictError):
        recheck(engine, check_id, _result(), expected_version=1)


def test_list_checks_newest_first_with_counts(engine: Engine) -> None:
    first = save_check(engine, _result())
    second = save_check(engine, _result("agree"))
    key = _result().figures[1].figure.key()
    set_review(engine, first, key, expected_version=1, verdict_override="agree", done=True)
    rows = list_checks(engine)
    assert [r.id for r in rows] == [first, second]  # the review made `first` the latest change
    assert rows[0].counts["conflict"] == 1 and rows[0].counts["agree"] == 1
    assert rows[0].done == 1 and rows[0].reviewed == 1
    assert rows[1].counts["agree"] == 1 and rows[1].counts["no_source"] == 1


def test_saved_checks_survive_a_new_engine(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'persist.db'}"
    check_id = save_check(get_engine(url), _result())
    from factcheck.store.db import _engine_for

    _engine_for.cache_clear()  # a restarted server builds a new engine
    assert load_check(get_engine(url), check_id).result == _result()


def test_set_review_refuses_a_non_web_source_and_an_overlong_note_and_changes_nothing(tmp_path: Path) -> None:
    from conftest import TINY_REFERENCE, build_store

    engine = get_engine(build_store(TINY_REFERENCE, tmp_path / "s.db"))
    cid = save_check(engine, check_article("Some 8,000 troops marched in 2023.", engine=engine))
    saved = load_check(engine, cid)
    key = saved.result.figures[0].figure.key()
    with pytest.raises(ValueError, match="is not a web address"):
        set_review(engine, cid, key, expected_version=saved.version, source_url="javascript:alert(1)")
    with pytest.raises(ValueError, match="over the limit of 10,000"):
        set_review(engine, cid, key, expected_version=saved.version, note="x" * (MAX_NOTE_CHARS + 1))
    after = load_check(engine, cid)
    assert after.version == saved.version and not after.reviews
