"""A long article in the app (AppTest, real SQLite store, real worker processes): first part at once, the rest after."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from factcheck import parts
from factcheck.extract import parse
from factcheck.store.db import get_engine
from factcheck.store.reviews import load_check
from factcheck.store.db import count_rows
from test_app import APP, _button, _check, _fill_reference, store  # noqa: F401 - the store fixture

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))


@pytest.fixture
def long_article(monkeypatch: pytest.MonkeyPatch) -> str:
    """The samples one after another, standing for an article too long to parse, cut into small parts."""
    monkeypatch.setattr(parse, "MAX_CHARS", 100)
    monkeypatch.setattr(parts, "FIRST_PART_CHARS", 2_000)
    monkeypatch.setattr(parts, "PART_CHARS", 3_000)
    return "\n\n".join(p.read_text(encoding="utf-8") for p in SAMPLES)


def _saved_id(at: AppTest) -> int:
    return int(at.query_params["check"][0])


def _wait_whole(url: str, check_id: int) -> None:
    """Until the job has stored the whole check (two minutes at most)."""
    deadline = time.monotonic() + 120
    while not load_check(get_engine(url), check_id).result.complete:
        assert time.monotonic() < deadline, "the rest of the article was not checked within two minutes"
        time.sleep(0.2)


def test_a_long_article_shows_its_first_part_then_the_whole_check(store: str, long_article: str) -> None:  # noqa: F811
    at = _check(AppTest.from_file(APP, default_timeout=120), long_article, "Every sample")
    check_id = _saved_id(at)
    progress = "".join(p.proto.text for p in at.get("progress"))
    assert "Checking the rest of the article" in progress, progress
    assert any("first part checked in" in c.value for c in at.caption)
    assert any("ready when the whole article is checked" in c.value for c in at.caption)
    first_rows = len(at.data_editor[0].value)
    _wait_whole(store, check_id)
    at.run()
    assert not at.exception, at.exception
    whole = load_check(get_engine(store), check_id)
    shown = at.session_state["saved"]
    assert whole.result.complete and shown.result.complete and shown.version == whole.version
    assert len(shown.result.figures) == len(whole.result.figures) and len(at.data_editor[0].value) > first_rows
    assert not any("Checking the rest" in p.proto.text for p in at.get("progress"))
    assert not any("first part checked in" in c.value for c in at.caption)
    assert any("checked in" in c.value and "the first part shown after" in c.value for c in at.caption)
    assert any(f"version {whole.version}" in c.value for c in at.caption)  # the version the job's save wrote
    assert not at.warning, [w.value for w in at.warning]  # no "changed in another tab": the tab took the new version
    assert [b for b in at.button if b.label.startswith("Checklist")] or at.get("download_button")


def test_a_check_cut_short_by_a_restart_can_be_finished(store: str, long_article: str) -> None:  # noqa: F811
    from factcheck.check_job import check_in_background

    check_id, first, job = check_in_background(store, long_article, None, first=2_000, part_chars=3_000)
    assert job is not None and job.wait(120)
    # what a restarted server finds: the first part saved, no job
    from factcheck.store.reviews import recheck

    recheck(get_engine(store), check_id, first)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["check"] = str(check_id)
    at.run()
    assert not at.exception, at.exception
    assert any("were checked" in w.value and "interrupted" in w.value for w in at.warning), [w.value for w in at.warning]
    _button(at, "Check the rest of the article").click()
    at.run()
    _wait_whole(store, check_id)
    at.run()
    assert not at.exception, at.exception
    assert load_check(get_engine(store), check_id).result.complete
    assert not any("interrupted" in w.value for w in at.warning)


def test_no_reference_is_added_while_the_rest_is_being_checked(
    store: str, long_article: str, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """Adding a reference re-checks every figure: a partial check refuses it and stores nothing."""
    from factcheck.check_job import CheckJob

    monkeypatch.setattr(CheckJob, "start", lambda self: self)  # the rest stays "being checked" for this test
    at = _check(AppTest.from_file(APP, default_timeout=120), long_article, "Every sample")
    check_id = _saved_id(at)
    engine = get_engine(store)
    before = count_rows(engine)["observations"]
    version = load_check(engine, check_id).version
    _fill_reference(at, ref_metric="__new__", ref_new_metric="towns: Towns", ref_value=24.0, ref_year=2023,
                    ref_source_title="Desk tally", ref_publisher="Our newsroom")
    at.run()
    [b for b in at.button if b.label == "Add reference and re-check"][0].click()
    at.run()
    assert not at.exception, at.exception
    assert any("Wait until the whole article is checked" in i.value for i in at.info), [i.value for i in at.info]
    assert count_rows(engine)["observations"] == before
    saved = load_check(engine, check_id)
    assert saved.version == version and not saved.result.complete
    assert "Checking the rest of the article" in "".join(p.proto.text for p in at.get("progress"))
