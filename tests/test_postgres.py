"""The same store, import, check and saved reviews on PostgreSQL (``make test-postgres``).

Every test gets a new database on the server named by ``FACTCHECK_TEST_PG_URL`` and drops it
afterwards. Without that variable these tests are skipped (a plain ``pytest``); under
``make test-postgres`` (``FACTCHECK_TEST_PG_REQUIRED=1``) a missing server is a failure.
Where it matters, the PostgreSQL result is compared with the same work done on SQLite.
"""

from __future__ import annotations

import math
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from factcheck.check import check_article
from factcheck.errors import ConflictError, ImportDataError, StoreError
from factcheck.read.guards import guard_text
from factcheck.store.export_csv import export_data
from factcheck.store.importer import import_path
from factcheck.store.reviews import list_checks, load_check, recheck, save_check, set_review
from factcheck.store.db import (
    MetricRow,
    ObservationRow,
    SourceRow,
    all_references,
    count_rows,
    get_engine,
    init_db,
    require_reference_data,
)
from pgtemp import temporary_database

pytestmark = pytest.mark.postgres

PG_ENV = "FACTCHECK_TEST_PG_URL"
ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DATA = ROOT / "reference_data"
TINY = Path(__file__).resolve().parent / "cases" / "tiny_reference"


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """The URL of a new, empty database on the test server (dropped afterwards)."""
    with temporary_database("fc_test") as url:
        yield url


@pytest.fixture()
def pg(pg_url: str) -> Engine:
    engine = get_engine(pg_url)
    assert engine.dialect.name == "postgresql"
    return engine


def _sqlite(tmp_path: Path, name: str = "same.db") -> Engine:
    return get_engine(f"sqlite:///{tmp_path / name}")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def _refs(engine: Engine) -> list[dict[str, object]]:
    return [r.to_dict() for r in all_references(engine)]


# --- the store ---------------------------------------------------------------------------


def test_store_tables_and_queries(pg: Engine) -> None:
    init_db(pg)  # a second time changes nothing
    assert {"source", "metric", "observation", "check_session", "review"} <= set(inspect(pg).get_table_names())
    with pytest.raises(StoreError, match="the reference store is empty"):
        require_reference_data(pg)
    with Session(pg) as session:
        session.add(SourceRow(id="s", title="T", publisher="P", url="https://example.org/s", published="2023-05"))
        session.add(MetricRow(key="front", label="front line", unit="kilometer", keywords="front;line"))
        session.commit()
        session.add(ObservationRow(metric="front", entity="UA", year=2023, value=1000.0, low=900.0,
                                   high=math.inf, unit="kilometer", qualifier="more_than", source_id="s",
                                   snippet="more than 900 km — “front” ünïcode"))
        session.commit()
    require_reference_data(pg)
    assert count_rows(pg) == {"sources": 1, "metrics": 1, "observations": 1}
    (ref,) = all_references(pg)
    assert (ref.value, ref.low, ref.high, ref.unit, ref.year) == (1000.0, 900.0, math.inf, "kilometer", 2023)
    assert ref.snippet == "more than 900 km — “front” ünïcode"
    assert ref.source.published == "2023-05"


def test_identifier_lengths_are_enforced(pg: Engine) -> None:
    """PostgreSQL enforces what SQLite ignores: ids and keys are at most 80 characters."""
    from sqlalchemy.exc import DataError

    with Session(pg) as session, pytest.raises(DataError):
        session.add(SourceRow(id="x" * 81, title="T", publisher="P", url="u"))
        session.commit()


# --- import and export -------------------------------------------------------------------


def test_import_gives_the_same_store_as_sqlite(pg: Engine, tmp_path: Path) -> None:
    lite = _sqlite(tmp_path)
    report = import_path(pg, REFERENCE_DATA)
    import_path(lite, REFERENCE_DATA)
    assert count_rows(pg) == count_rows(lite) == report.rows
    assert _refs(pg) == _refs(lite)

    again = import_path(pg, REFERENCE_DATA)  # re-importing the same files changes nothing
    assert sum(again.added.values()) == sum(again.updated.values()) == 0
    assert count_rows(pg) == report.rows


def test_export_then_import_is_the_identity(pg: Engine, tmp_path: Path) -> None:
    import_path(pg, REFERENCE_DATA)
    export_data(pg, tmp_path / "from_pg")
    lite = _sqlite(tmp_path)
    import_path(lite, tmp_path / "from_pg")
    export_data(lite, tmp_path / "from_sqlite")
    assert _files(tmp_path / "from_pg") == _files(tmp_path / "from_sqlite")
    assert _refs(lite) == _refs(pg)


def test_bad_import_leaves_the_store_unchanged(pg: Engine, tmp_path: Path) -> None:
    import_path(pg, TINY)
    export_data(pg, tmp_path / "before")
    bad = tmp_path / "bad"
    shutil.copytree(TINY, bad)
    obs = bad / "observations.csv"
    obs.write_text(obs.read_text(encoding="utf-8").replace(",8000,", ",n/a,", 1), encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"observations\.csv:\d+:value"):
        import_path(pg, bad)
    export_data(pg, tmp_path / "after")
    assert _files(tmp_path / "before") == _files(tmp_path / "after")


def test_nul_in_a_csv_is_an_import_error(pg: Engine, tmp_path: Path) -> None:
    """PostgreSQL refuses NUL in text; the importer says so (file:line) before writing anything."""
    bad = tmp_path / "nul"
    shutil.copytree(TINY, bad)
    obs = bad / "observations.csv"
    obs.write_text(obs.read_text(encoding="utf-8").replace("only 8,000", "only 8,000\x00"), encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"observations\.csv:\d+: the file holds a NUL byte"):
        import_path(pg, bad)
    assert count_rows(pg) == {"sources": 0, "metrics": 0, "observations": 0}


# --- checks and saved reviews ------------------------------------------------------------


def test_check_is_the_same_as_on_sqlite(pg: Engine, reference_db: str, sample_text: str, sample_date: date) -> None:
    import_path(pg, REFERENCE_DATA)
    on_pg = check_article(sample_text, sample_date, engine=pg).to_dict()
    on_sqlite = check_article(sample_text, sample_date, engine=get_engine(reference_db)).to_dict()
    assert on_pg == on_sqlite
    assert on_pg["figures"], "the sample article has figures"


def test_saved_check_and_reviews(pg: Engine, sample_text: str, sample_date: date) -> None:
    import_path(pg, REFERENCE_DATA)
    result = check_article(sample_text, sample_date, engine=pg, title="Sample")
    cid = save_check(pg, result, created_by="desk")
    saved = load_check(pg, cid)
    assert saved.result.to_dict() == result.to_dict()
    assert saved.version == 1
    key = result.figures[0].figure.key()
    v2 = set_review(pg, cid, key, expected_version=1, verdict_override="agree", note="checked", done=True)
    with pytest.raises(ConflictError):
        set_review(pg, cid, key, expected_version=1, note="stale")
    assert load_check(pg, cid).reviews[key].note == "checked"
    assert recheck(pg, cid, result, expected_version=v2) == v2 + 1
    (summary,) = list_checks(pg)
    assert (summary.id, summary.version, summary.done) == (cid, v2 + 1, 1)


def test_article_with_nul_bytes_is_stored_once_guarded(pg: Engine) -> None:
    raw = "Some 8,000\x00 troops marched\x00. The\ud800 front is 600 miles long."
    result = check_article(guard_text(raw), date(2023, 5, 9), engine=pg)
    cid = save_check(pg, result)
    assert load_check(pg, cid).result.text == guard_text(raw)
    assert len(load_check(pg, cid).result.text) == len(raw)


def test_a_dropped_connection_is_replaced(pg_url: str) -> None:
    """A long-running app keeps pooled connections; a server restart must not break its next query."""
    engine = get_engine(pg_url)
    assert count_rows(engine)["sources"] == 0  # a connection is now pooled
    base = os.environ[PG_ENV]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        killed = conn.execute(
            text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()"),
            {"db": make_url(pg_url).database},
        ).scalar()
    admin.dispose()
    assert killed >= 1
    assert count_rows(engine)["sources"] == 0  # pool_pre_ping noticed and reconnected


# --- entity codes, migration, StoreIndex -------------------------------------------------------

OLD_STORE_SQL = Path(__file__).resolve().parent / "cases" / "store_scale" / "old_store.sql"
OPEN = Path(__file__).resolve().parent / "cases" / "opendata"


def test_an_old_store_is_brought_up_to_date(pg_url: str) -> None:
    """The old schema (plain SQL that PostgreSQL reads too) gains the new columns and indexes, rows kept."""
    raw = create_engine(pg_url)
    conn = raw.raw_connection()
    try:
        cur = conn.cursor()
        cur.execute(OLD_STORE_SQL.read_text(encoding="utf-8"))  # several statements, no parameters
        conn.commit()
    finally:
        conn.close()
    raw.dispose()
    engine = get_engine(pg_url)  # runs init_db
    insp = inspect(engine)
    assert "entity_code" in {c["name"] for c in insp.get_columns("observation")}
    assert {"indicator", "retrieved"} <= {c["name"] for c in insp.get_columns("source")}
    assert "ix_observation_metric_code_year" in {ix["name"] for ix in insp.get_indexes("observation")}
    assert [(r.id, r.value, r.entity_code) for r in all_references(engine)] == [(2, 14000.0, ""), (1, 8000.0, "")]
    init_db(engine)  # a second time changes nothing


def test_open_data_and_store_index_match_sqlite(pg: Engine, tmp_path: Path) -> None:
    from factcheck.store.opendata import read_package
    from factcheck.store.opendata.batch import import_open_data
    from factcheck.store.retrieve import StoreIndex

    lite = _sqlite(tmp_path)
    for engine in (pg, lite):
        import_path(engine, TINY)
        import_open_data(engine, read_package(OPEN / "pop", country_codes=OPEN / "codes", retrieved="2025-01-31"))
    on_pg, on_lite = StoreIndex(pg), StoreIndex(lite)
    assert [e.model_dump() for e in on_pg.entities()] == [e.model_dump() for e in on_lite.entities()]
    both = ["sp_pop_totl", "parade_troops"]
    assert on_pg.references_for_metrics(both, entity_codes=["WLD"]) == on_lite.references_for_metrics(both, entity_codes=["WLD"])
    assert on_pg.references("sp_pop_totl", entity_code="NLD", year=2021) == on_lite.references("sp_pop_totl", entity_code="NLD", year=2021)
    assert [m.key for m in on_pg.metrics_for_terms(["soldiers", "parade"])] == [m.key for m in on_lite.metrics_for_terms(["soldiers", "parade"])]
    assert _refs(pg) == _refs(lite)
