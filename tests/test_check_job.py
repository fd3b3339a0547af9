"""A long article's check finished in worker processes and saved whole (factcheck/check_job.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck.check import check_article
from factcheck.check_job import CheckJob, check_in_background
from factcheck.extract import parse
from factcheck.store.db import get_engine
from factcheck.store.reviews import load_check, set_review

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
DAY = date(2023, 5, 9)


@pytest.fixture()
def long_article(monkeypatch: pytest.MonkeyPatch) -> str:
    """The sample articles one after another, standing for an article too long to parse."""
    monkeypatch.setattr(parse, "MAX_CHARS", 100)  # decided in this process and handed to the workers
    return "\n\n".join(p.read_text(encoding="utf-8") for p in SAMPLES)


def test_the_first_part_is_saved_at_once_and_the_whole_check_when_the_workers_are_done(
    reference_db: str, tmp_path: Path, long_article: str
) -> None:
    db = f"sqlite:///{tmp_path / 'desk.db'}"
    get_engine(db)  # an empty store of its own: the job's write must not touch the shared fixture
    from factcheck.store.importer import import_path

    import_path(get_engine(db), Path(__file__).resolve().parent.parent / "reference_data")
    check_id, first, job = check_in_background(db, long_article, DAY, title="Samples", first=2_000, part_chars=3_000)
    assert job is not None and not first.complete and 0 < first.checked_chars < len(long_article)
    stored = load_check(get_engine(db), check_id)
    assert stored.result.checked_chars == first.checked_chars and stored.version == 1
    # a review made on a first-part figure while the rest is being checked survives the final save
    key = first.figures[0].figure.key()
    set_review(get_engine(db), check_id, key, note="looked at this", expected_version=1)
    assert job.wait(120), "the job did not finish within two minutes"
    done = job.progress()
    assert done.finished and not done.error, done.error
    assert done.checked_chars == done.chars == len(long_article) and done.parts_done == done.parts > 2
    whole = check_article(long_article, DAY, engine=get_engine(db))
    assert [fc.to_dict() for fc in job.result().figures] == [fc.to_dict() for fc in whole.figures]
    saved = load_check(get_engine(db), check_id)
    assert saved.result.complete and saved.version == done.version == 3
    assert [fc.to_dict() for fc in saved.result.figures] == [fc.to_dict() for fc in whole.figures]
    assert saved.reviews[key].note == "looked at this"


def test_a_short_article_needs_no_job(reference_db: str) -> None:
    check_id, result, job = check_in_background(reference_db, "Some 8,000 troops marched in 2023.\n", DAY)
    assert job is None and result.complete and check_id > 0


def test_a_whole_check_cannot_be_continued(reference_db: str) -> None:
    whole = check_article("Some 8,000 troops marched in 2023.", DAY, engine=get_engine(reference_db))
    with pytest.raises(ValueError, match="already whole"):
        CheckJob(reference_db, 1, whole)


def test_a_job_whose_store_is_gone_says_why_and_keeps_the_partial_check(
    tmp_path: Path, long_article: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = f"sqlite:///{tmp_path / 'gone.db'}"
    start = CheckJob.start
    monkeypatch.setattr(CheckJob, "start", lambda self: self)  # held until the store is gone, so no part can win the race
    check_id, first, job = check_in_background(db, long_article, DAY, first=2_000, part_chars=3_000)
    (tmp_path / "gone.db").unlink()
    assert job is not None
    start(job)
    assert job.wait(120)
    assert "could not be checked" in job.progress().error


def test_without_worker_processes_the_rest_runs_in_a_thread(
    reference_db: str, tmp_path: Path, long_article: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factcheck.check_job as cj

    monkeypatch.setattr(cj, "shared_pool", lambda: None)  # a host that cannot start processes
    db = f"sqlite:///{tmp_path / 'thread.db'}"
    from factcheck.store.importer import import_path

    import_path(get_engine(db), Path(__file__).resolve().parent.parent / "reference_data")
    check_id, first, job = check_in_background(db, long_article, DAY, first=2_000, part_chars=3_000)
    assert job is not None and job.wait(120) and not job.progress().error
    whole = check_article(long_article, DAY, engine=get_engine(db))
    assert [fc.to_dict() for fc in load_check(get_engine(db), check_id).result.figures] == [fc.to_dict() for fc in whole.figures]
