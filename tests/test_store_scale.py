"""The store at scale, on real SQLite files: migration of old stores, entities.csv, the term index, StoreIndex."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlmodel import SQLModel

from factcheck.errors import ImportDataError
from factcheck.store.db import all_references, count_rows, get_engine, init_db, open_store
from factcheck.store.importer import import_path
from factcheck.store.migrate import upgrade
from factcheck.store.opendata import read_package
from factcheck.store.opendata.batch import import_open_data
from factcheck.store.retrieve import ENTITY_CHUNK, StoreIndex

TESTS = Path(__file__).resolve().parent
CASES = TESTS / "cases" / "store_scale"
OPEN = TESTS / "cases" / "opendata"
TINY = TESTS / "cases" / "tiny_reference"


def old_store(path: Path) -> Path:
    """A SQLite file in the shape an older factcheck built, with rows in it."""
    con = sqlite3.connect(path)
    con.executescript((CASES / "old_store.sql").read_text(encoding="utf-8"))
    con.close()
    return path


def columns(path: Path, table: str) -> set[str]:
    """A table's column names, read with sqlite3 (not through the code under test)."""
    con = sqlite3.connect(path)
    try:
        return {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
    finally:
        con.close()


def indexes(path: Path, table: str) -> set[str]:
    """A table's index names, read with sqlite3."""
    con = sqlite3.connect(path)
    try:
        return {row[1] for row in con.execute(f"PRAGMA index_list({table})")}
    finally:
        con.close()


# --- migration ---------------------------------------------------------------------------


def test_an_old_store_gains_the_new_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    db = old_store(tmp_path / "old.db")
    assert "entity_code" not in columns(db, "observation")
    engine = open_store(f"sqlite:///{db}")  # what 'factcheck check' does: no import needed first
    assert {"entity_code"} <= columns(db, "observation")
    assert {"indicator", "retrieved"} <= columns(db, "source")
    assert {"ix_observation_metric_code_year", "ix_observation_metric_entity_year"} <= indexes(db, "observation")
    assert {"ix_observation_metric", "ix_observation_year"} <= indexes(db, "observation")  # nothing dropped
    assert {"entity", "metric_term", "check_session", "review"} <= set(inspect(engine).get_table_names())
    refs = all_references(engine)
    assert [(r.id, r.value, r.entity_code, r.snippet) for r in refs] == [
        (2, 14000.0, "", ""), (1, 8000.0, "", "only 8,000")]
    with engine.begin() as conn:
        assert upgrade(conn, SQLModel.metadata) == []  # up to date now
    engine.dispose()


def old_desk_store(path: Path) -> Path:
    """A SQLite file from before source kinds and public explanations, with a saved check and its review."""
    con = sqlite3.connect(path)
    con.executescript((CASES / "old_desk_store.sql").read_text(encoding="utf-8"))
    con.close()
    return path


def test_an_old_desk_store_gains_source_kind_and_review_explanation(tmp_path: Path) -> None:
    from factcheck.report.export import FORMATS
    from factcheck.store.reviews import load_check, set_review

    db = old_desk_store(tmp_path / "desk.db")
    assert "kind" not in columns(db, "source") and "explanation" not in columns(db, "review")
    engine = open_store(f"sqlite:///{db}")
    assert "kind" in columns(db, "source") and "explanation" in columns(db, "review")
    assert [(r.source.publisher, r.source.kind) for r in all_references(engine)] == [("Newsweek", "")]
    saved = load_check(engine, 1)  # the review written before the column existed reads as it did
    (review,) = saved.reviews.values()
    assert (review.verdict_override, review.note, review.explanation, review.done) == (
        "agree", "PRIVATE: ministry source, do not quote", "", True)
    assert saved.result.figures[0].references[0].source.kind == ""  # a result saved without kinds loads
    for fmt, export in FORMATS.items():  # an old note, written when notes were exported, stays in the app
        assert "PRIVATE" not in export(saved.result, saved.reviews), fmt
    version = set_review(engine, 1, review.figure_key, expected_version=saved.version, explanation="Recounted.")
    assert load_check(engine, 1).reviews[review.figure_key].explanation == "Recounted." and version == 3
    with engine.begin() as conn:
        assert upgrade(conn, SQLModel.metadata) == []
    engine.dispose()


def test_an_old_store_takes_an_import_and_then_finds_by_term(tmp_path: Path) -> None:
    db = old_store(tmp_path / "old.db")
    engine = get_engine(f"sqlite:///{db}")
    report = import_path(engine, TINY)
    # the old store's 8,000 row is one of the tiny set's: updated in place (its note), the rest added
    assert (report.added["observations"], report.updated["observations"]) == (6, 1)
    assert count_rows(engine)["observations"] == 8
    index = StoreIndex(engine)
    assert [m.key for m in index.metrics_for_terms(["soldiers"])] == ["parade_troops"]
    engine.dispose()


def test_init_db_twice_changes_nothing(tmp_path: Path) -> None:
    db = old_store(tmp_path / "old.db")
    engine = get_engine(f"sqlite:///{db}")
    engine.dispose()
    before = db.read_bytes()
    init_db(engine)
    engine.dispose()
    assert db.read_bytes() == before


def test_a_read_only_old_store_is_a_clear_error(tmp_path: Path) -> None:
    from factcheck.errors import StoreError

    db = old_store(tmp_path / "ro.db")
    before = db.read_bytes()
    with pytest.raises(StoreError, match="built by an older version and could not be brought up to date"):
        open_store(f"sqlite:///file:{db}?mode=ro&uri=true")  # opened read-only: cannot add the columns
    assert db.read_bytes() == before


# --- entities.csv ------------------------------------------------------------------------


def test_entities_csv_is_read_and_replaces_what_open_data_guessed(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    import_open_data(engine, read_package(OPEN / "pop", country_codes=OPEN / "codes"))
    folder = tmp_path / "set"
    folder.mkdir()
    shutil.copy(CASES / "entities.csv", folder / "entities.csv")
    report = import_path(engine, folder)
    assert report.entities == (3, 1, 1) and "3 entities" in str(report)
    by_name = {e.name: e for e in StoreIndex(engine).entities()}
    assert (by_name["Kosovo"].code, by_name["Kosovo"].kind, by_name["Kosovo"].aliases) == ("XKX", "country", "Republic of Kosovo")
    assert by_name["Moscow Victory Day Parade"].kind == "other"
    assert by_name["World"].kind == "aggregate"  # untouched
    # open data imported again does not undo the editor's word
    import_open_data(engine, read_package(OPEN / "pop", country_codes=OPEN / "codes"))
    kosovo = {e.name: e for e in StoreIndex(engine).entities()}["Kosovo"]
    assert (kosovo.kind, kosovo.aliases) == ("country", "Republic of Kosovo")
    engine.dispose()


@pytest.mark.parametrize(("row", "expected"), [
    ("Narnia,narnia,,country", "entities.csv:2:code: 'narnia' is not an entity code"),
    ("Narnia,NRN,,kingdom", "entities.csv:2:kind: 'kingdom' is not a known kind"),
    (",NRN,,country", "entities.csv:2:name: required value missing"),
])
def test_a_bad_entity_row_writes_nothing(tmp_path: Path, row: str, expected: str) -> None:
    db = tmp_path / "s.db"
    engine = get_engine(f"sqlite:///{db}")
    import_path(engine, TINY)
    engine.dispose()
    before = db.read_bytes()
    folder = tmp_path / "bad"
    shutil.copytree(TINY, folder)
    (folder / "entities.csv").write_text(f"name,code,aliases,kind\n{row}\n", encoding="utf-8")
    with pytest.raises(ImportDataError) as err:
        import_path(engine, folder)
    assert str(err.value).replace(f"{folder}/", "").startswith(expected)
    engine.dispose()
    assert db.read_bytes() == before


# --- StoreIndex ----------------------------------------------------------------------------


@pytest.fixture()
def mixed(tmp_path: Path) -> StoreIndex:
    """A store holding the tiny newsroom set (no codes) and the invented population package (codes)."""
    engine = get_engine(f"sqlite:///{tmp_path / 'mixed.db'}")
    import_path(engine, TINY)
    import_open_data(engine, read_package(OPEN / "pop", country_codes=OPEN / "codes", retrieved="2025-01-31"))
    return StoreIndex(engine)


def test_references_by_code_name_and_year(mixed: StoreIndex) -> None:
    (ref,) = mixed.references("sp_pop_totl", entity_code="NLD", year=2021)
    assert (ref.entity, ref.entity_code, ref.value, ref.source.publisher) == ("Northland", "NLD", 1010.0, "World Bank")
    assert [r.value for r in mixed.references("sp_pop_totl", entity="World")] == [5000.0, 5100.0]
    assert mixed.references("sp_pop_totl", entity_code="NLD", year=1999) == []
    every = {r.id: r for r in all_references(mixed.engine)}
    for r in mixed.references("parade_troops", year=2020):
        assert every[r.id] == r  # built exactly as all_references builds it


def test_references_for_metrics_keeps_rows_without_a_code(mixed: StoreIndex) -> None:
    refs = mixed.references_for_metrics(["sp_pop_totl", "parade_troops"], entity_codes=["WLD"])
    assert {(r.metric, r.entity_code) for r in refs} == {("sp_pop_totl", "WLD"), ("parade_troops", "")}
    assert len([r for r in refs if r.metric == "parade_troops"]) == 4
    by_name = mixed.references_for_metrics(["sp_pop_totl"], entities=["Islands, The"])
    assert [(r.entity, r.year) for r in by_name] == [("Islands, The", 2021)]
    everything = mixed.references_for_metrics(["sp_pop_totl"])
    assert len(everything) == 6
    assert [r.id for r in everything] == [r.id for r in all_references(mixed.engine) if r.metric == "sp_pop_totl"]


def test_references_for_metrics_with_more_codes_than_one_query_takes(mixed: StoreIndex) -> None:
    codes = [f"Q{i:03d}" for i in range(ENTITY_CHUNK * 3)] + ["NLD"]  # several IN chunks
    names = [f"Place {i}" for i in range(ENTITY_CHUNK * 2)] + ["World"]
    refs = mixed.references_for_metrics([f"m{i}" for i in range(600)] + ["sp_pop_totl"], entity_codes=codes,
                                        entities=names)
    assert sorted((r.entity_code, r.year) for r in refs) == [("NLD", 2020), ("NLD", 2021), ("WLD", 2020), ("WLD", 2021)]


def test_metrics_for_terms_ranks_by_words_matched(mixed: StoreIndex) -> None:
    assert [m.key for m in mixed.metrics_for_terms(["The Soldiers", "parade"])][:1] == ["parade_troops"]
    assert mixed.metrics_for_terms(["the", "of"]) == []
    assert len(mixed.metrics_for_terms(["parade"], limit=2)) == 2
    assert [m.key for m in mixed.metrics_for_terms(["invented population"])] == ["sp_pop_totl"]


def test_the_term_index_is_rebuilt_when_a_metric_changes(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 't.db'}")
    import_path(engine, TINY)
    folder = tmp_path / "edited"
    shutil.copytree(TINY, folder)
    metrics = folder / "metrics.csv"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("troops;soldiers;", "troops;legionaries;"),
                       encoding="utf-8")
    import_path(engine, folder)
    index = StoreIndex(engine)
    assert [m.key for m in index.metrics_for_terms(["legionaries"])] == ["parade_troops"]
    assert index.metrics_for_terms(["soldiers"]) == []
    engine.dispose()


# --- bulk writes -----------------------------------------------------------------------------


def test_a_bulk_load_rebuilds_the_indexes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.store import writer

    monkeypatch.setattr(writer, "BULK_ROWS", 1)  # the tiny set counts as a bulk load into an empty table
    db = old_store(tmp_path / "bulk.db")
    engine = get_engine(f"sqlite:///{db}")
    before = indexes(db, "observation")
    import_open_data(engine, read_package(OPEN / "pop", country_codes=OPEN / "codes"))
    assert indexes(db, "observation") == before  # the legacy indexes too
    (ref,) = StoreIndex(engine).references("sp_pop_totl", entity_code="NLD", year=2020)
    assert ref.value == 1000.0
    engine.dispose()


def test_a_failure_during_a_bulk_load_leaves_the_store_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.store import writer

    db = old_store(tmp_path / "s.db")
    engine = get_engine(f"sqlite:///{db}")  # brought up to date here, so the bytes compared are the new shape's
    engine.dispose()
    before = db.read_bytes()
    monkeypatch.setattr(writer, "BULK_ROWS", 1)
    real_rebuild = writer._indexes_rebuilt_after
    seen: list[bool] = []

    def spy(conn: object, table: object, *, bulk: bool) -> object:
        seen.append(bulk)
        return real_rebuild(conn, table, bulk=bulk)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "_indexes_rebuilt_after", spy)
    monkeypatch.setattr(writer, "INSERT_CHUNK", 2)
    real = writer._insert_many
    calls = []

    def fail_on_third(*args: object) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")  # what a full disk would do mid-import
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "_insert_many", fail_on_third)
    with pytest.raises(OSError, match="disk full"):
        import_open_data(engine, read_package(OPEN / "pop", country_codes=OPEN / "codes"))
    engine.dispose()
    assert seen == [True]  # the failure came while the indexes were dropped
    assert db.read_bytes() == before
    assert "ix_observation_metric_code_year" in indexes(db, "observation")


# --- codes for the newsroom's own rows ----------------------------------------------------------


def test_csv_rows_take_their_code_from_entities_and_an_export_round_trips(tmp_path: Path) -> None:
    from factcheck.store.export_csv import export_data

    folder = tmp_path / "set"
    shutil.copytree(TINY, folder)
    shutil.copy(CASES / "entities.csv", folder / "entities.csv")
    (folder / "observations_kosovo.csv").write_text(
        "metric,entity,year,value,source_id\nparade_troops,Kosovo,2023,300,newsweek-2023\n", encoding="utf-8")
    first = get_engine(f"sqlite:///{tmp_path / 'a.db'}")
    import_path(first, folder)
    (ref,) = StoreIndex(first).references("parade_troops", entity_code="XKX")
    assert (ref.entity, ref.value) == ("Kosovo", 300.0)
    files = export_data(first, tmp_path / "out")
    assert [f.name for f in files] == ["sources.csv", "metrics.csv", "observations.csv", "entities.csv"]
    second = get_engine(f"sqlite:///{tmp_path / 'b.db'}")
    import_path(second, tmp_path / "out")
    assert all_references(second) == all_references(first)
    assert StoreIndex(second).entities() == StoreIndex(first).entities()
    first.dispose(), second.dispose()


@pytest.mark.parametrize("value", [1000.0, 2.6, -3.0, 0.1 + 0.2, 1e20, 1e-300, 12345678901234567890.0, 2.0**53 + 2, 0.0])
def test_open_data_rows_are_checked_as_csv_rows_are(value: float) -> None:
    from factcheck.store.export_csv import format_number
    from factcheck.store.importer import _Cell, _observation, open_observation

    cell = _Cell("open data", None)
    fast = open_observation(cell, "sp_pop_totl", "Islands, The", 2021, value, "wb-sp.pop.totl")
    slow = _observation(cell, {"metric": "sp_pop_totl", "entity": "Islands, The", "year": "2021",
                               "value": format_number(value), "source_id": "wb-sp.pop.totl"})
    assert fast == slow


@pytest.mark.parametrize(("args", "expected"), [
    (("m", "=SUM(A1)", 2020, 1.0, "s"), "open data:entity: starts with '='"),
    (("m", "X", 999, 1.0, "s"), "open data:year: '999' is not a year"),
    (("m", "X", 2020, float("inf"), "s"), "open data:value: 'inf' is not a number"),
    (("", "X", 2020, 1.0, "s"), "open data:metric: required value missing"),
])
def test_open_data_rows_get_the_csv_errors(args: tuple[str, str, int, float, str], expected: str) -> None:
    from factcheck.store.importer import _Cell, open_observation

    with pytest.raises(ImportDataError) as err:
        open_observation(_Cell("open data", None), *args)
    assert str(err.value).startswith(expected)
