"""The reference importer on real SQLite files: bad inputs refused whole, round trips exact."""

from __future__ import annotations

import csv
import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from factcheck.errors import ImportDataError
from factcheck.store.add_reference import add_reference
from factcheck.store.export_csv import export_data
from factcheck.store.importer import COLUMNS, MAX_FILE_BYTES, import_path, parse_number
from factcheck.store.db import ObservationRow, SourceRow, all_references, count_rows, get_engine, init_db

TESTS = Path(__file__).resolve().parent
REFERENCE_DATA = TESTS.parent / "reference_data"
TINY_REFERENCE = TESTS / "cases" / "tiny_reference"
BAD_CSV = TESTS / "cases" / "bad_csv"
BAD_CASES = sorted(p for p in BAD_CSV.iterdir() if p.is_dir())


# --- helpers -----------------------------------------------------------------------------


def store_bytes(db_file: Path) -> bytes:
    """The store's file as it sits on disk, after every connection is closed (WAL checkpointed)."""
    get_engine(f"sqlite:///{db_file}", create=False).dispose()
    assert not Path(f"{db_file}-wal").exists() or Path(f"{db_file}-wal").stat().st_size == 0
    return db_file.read_bytes()


def message(err: ImportDataError, folder: Path) -> str:
    """The error text with the case folder taken off the file names."""
    return str(err).replace(f"{folder}/", "")


def copy_tiny(dest: Path) -> Path:
    """A writable copy of the tiny reference set."""
    shutil.copytree(TINY_REFERENCE, dest)
    return dest


def read_csv(path: Path) -> list[dict[str, str]]:
    """A CSV as a list of rows (a byte-order mark, as exports write, is not part of the first column's name)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...]) -> None:
    """Rows to a CSV file with the given header."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


@pytest.fixture()
def tiny_store(tmp_path: Path) -> Iterator[Path]:
    """A SQLite file built from the tiny reference set; yields its path."""
    db = tmp_path / "store.db"
    import_path(get_engine(f"sqlite:///{db}"), TINY_REFERENCE)
    yield db
    get_engine(f"sqlite:///{db}", create=False).dispose()


# --- the table of bad files ----------------------------------------------------------------


def test_the_bad_csv_table_is_big_enough() -> None:
    assert len(BAD_CASES) >= 20
    for case in BAD_CASES:
        assert (case / "expected.txt").is_file(), case.name


@pytest.mark.parametrize("case", BAD_CASES, ids=[c.name for c in BAD_CASES])
def test_bad_csv_is_refused_and_the_store_is_unchanged(case: Path, tiny_store: Path) -> None:
    before = store_bytes(tiny_store)
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()
    with pytest.raises(ImportDataError) as info:
        import_path(get_engine(f"sqlite:///{tiny_store}"), case)
    assert message(info.value, case) == expected, f"case {case.name}"
    assert store_bytes(tiny_store) == before, f"case {case.name} changed the store"


def test_a_50_mb_file_is_refused_naming_the_limit(tmp_path: Path, tiny_store: Path) -> None:
    big = tmp_path / "observations.csv"
    row = "parade_troops,Moscow Victory Day Parade,2023,,8000,,,,approx,actual,,newsweek-2023,padding,\n"
    with big.open("w", encoding="utf-8") as f:
        f.write(",".join(COLUMNS["observations"]) + "\n")
        f.write(row * (50 * 2**20 // len(row) + 1))
    size = big.stat().st_size
    before = store_bytes(tiny_store)
    with pytest.raises(ImportDataError) as info:
        import_path(get_engine(f"sqlite:///{tiny_store}"), big)
    assert str(info.value) == (
        f"{big}: the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes (10 MB) "
        "(split the file (sources*.csv, observations_2024.csv ...) or raise MAX_FILE_BYTES in factcheck/importer.py)"
    )
    assert store_bytes(tiny_store) == before


def test_a_bad_row_late_in_a_valid_set_writes_nothing(tmp_path: Path) -> None:
    """All or nothing: good sources and metrics are not written when one observation is bad."""
    folder = copy_tiny(tmp_path / "set")
    with (folder / "observations.csv").open("a", encoding="utf-8") as f:
        f.write("parade_troops,Moscow Victory Day Parade,2019,,13000,,,,approx,actual,,no-such-source,,\n")
    engine = get_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(ImportDataError, match="observations.csv:9:source_id: source 'no-such-source'"):
        import_path(engine, folder)
    assert count_rows(engine) == {"sources": 0, "metrics": 0, "observations": 0}


# --- what is accepted ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [("8000", 8000.0), ("8,000", 8000.0), ("1,234,567.5", 1234567.5), ("2.6", 2.6), ("-3", -3.0),
     ("+4", 4.0), ("1e3", 1000.0), ("0.5", 0.5), ("007", 7.0)],
)  # fmt: skip
def test_numbers_that_are_read(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1,2", "8 000", "8\u00a0000", "n/a", "", "8k", "~8000", "inf", "nan", "1,00", "12,0000", "1.2.3", "1e999"])
def test_numbers_that_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    folder = copy_tiny(tmp_path / "bom")
    for f in folder.glob("*.csv"):
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    engine = get_engine(f"sqlite:///{tmp_path / 'bom.db'}")
    import_path(engine, folder)
    plain = get_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    import_path(plain, TINY_REFERENCE)
    assert all_references(engine) == all_references(plain)


def test_crlf_line_ends_and_blank_lines_are_fine(tmp_path: Path) -> None:
    folder = copy_tiny(tmp_path / "crlf")
    obs = folder / "observations.csv"
    obs.write_bytes(obs.read_bytes().replace(b"\n", b"\r\n") + b"\r\n\r\n")
    report = import_path(get_engine(f"sqlite:///{tmp_path / 'crlf.db'}"), folder)
    assert report.rows["observations"] == 7


def test_one_file_can_be_imported_on_its_own_against_the_store(tiny_store: Path, tmp_path: Path) -> None:
    more = tmp_path / "observations_2024.csv"
    more.write_text(
        ",".join(COLUMNS["observations"]) + "\n"
        "parade_troops,Moscow Victory Day Parade,2024,2024-05-09,9000,,,,more_than,actual,,newsweek-2023,,\n",
        encoding="utf-8",
    )
    report = import_path(get_engine(f"sqlite:///{tiny_store}"), more)
    assert report.added == {"sources": 0, "metrics": 0, "observations": 1}
    assert count_rows(get_engine(f"sqlite:///{tiny_store}"))["observations"] == 8


def test_optional_columns_may_be_left_out_of_the_header(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text("id,title,publisher,url\nx-1,T,P,https://example.org/a\n", encoding="utf-8")
    (tmp_path / "metrics.csv").write_text("key,label\nthings,things counted\n", encoding="utf-8")
    (tmp_path / "observations.csv").write_text("metric,year,value,source_id\nthings,2020,\"1,500\",x-1\n", encoding="utf-8")
    engine = get_engine(f"sqlite:///{tmp_path / 'min.db'}")
    import_path(engine, tmp_path)
    (ref,) = all_references(engine)
    assert (ref.value, ref.qualifier, ref.status, ref.unit, ref.source.published) == (1500.0, "exact", "actual", None, "")


# --- re-importing ----------------------------------------------------------------------


def test_importing_the_same_files_twice_changes_nothing(tiny_store: Path) -> None:
    engine = get_engine(f"sqlite:///{tiny_store}")
    before = [r.to_dict() for r in all_references(engine)]
    report = import_path(engine, TINY_REFERENCE)
    assert report.added == report.updated == {"sources": 0, "metrics": 0, "observations": 0}
    assert [r.to_dict() for r in all_references(engine)] == before


def test_an_edited_row_is_updated_in_place(tiny_store: Path, tmp_path: Path) -> None:
    folder = copy_tiny(tmp_path / "edited")
    rows = read_csv(folder / "observations.csv")
    rows[0]["snippet"] = "a corrected quote"
    write_csv(folder / "observations.csv", rows, COLUMNS["observations"])
    engine = get_engine(f"sqlite:///{tiny_store}")
    first_id = all_references(engine)[0].id
    report = import_path(engine, folder)
    assert report.updated["observations"] == 1 and report.added["observations"] == 0
    with Session(engine) as session:
        assert session.exec(select(ObservationRow).where(ObservationRow.snippet == "a corrected quote")).one().id == 1
    assert all_references(engine)[0].id == first_id


def test_a_corrected_value_adds_a_row_unless_pruned(tiny_store: Path, tmp_path: Path) -> None:
    folder = copy_tiny(tmp_path / "fixed")
    obs = folder / "observations.csv"
    obs.write_text(obs.read_text(encoding="utf-8").replace(",11000,", ",11500,"), encoding="utf-8")
    engine = get_engine(f"sqlite:///{tiny_store}")
    assert import_path(engine, folder).added["observations"] == 1  # the 11,000 row stays beside it
    report = import_path(engine, folder, prune=True)
    assert report.removed == 1 and str(report).endswith("0 added, 0 updated, 1 removed")
    values = {r.value for r in all_references(engine) if r.year == 2022 and r.metric == "parade_troops"}
    assert values == {11500.0}


def test_prune_keeps_observations_of_sources_not_in_the_files(tiny_store: Path, tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tiny_store}")
    add_reference(engine, metric="parade_troops", value=9000, year=2024, source_title="Final rehearsal",
                  publisher="TASS", url="https://tass.com/defense/1783755", status="planned", qualifier="more_than")
    report = import_path(engine, TINY_REFERENCE, prune=True)
    assert report.removed == 0 and count_rows(engine)["observations"] == 8


# --- export ----------------------------------------------------------------------------


def test_export_then_import_is_the_identity_on_the_real_reference_data(tmp_path: Path) -> None:
    first = get_engine(f"sqlite:///{tmp_path / 'a.db'}")
    import_path(first, REFERENCE_DATA)
    files = export_data(first, tmp_path / "out_a")
    assert [f.name for f in files] == ["sources.csv", "metrics.csv", "observations.csv"]
    second = get_engine(f"sqlite:///{tmp_path / 'b.db'}")
    import_path(second, tmp_path / "out_a")
    export_data(second, tmp_path / "out_b")
    for f in files:
        assert (tmp_path / "out_b" / f.name).read_bytes() == f.read_bytes()
    assert all_references(second) == all_references(first)


def test_export_writes_what_a_spreadsheet_reads(tiny_store: Path, tmp_path: Path) -> None:
    export_data(get_engine(f"sqlite:///{tiny_store}"), tmp_path)
    for name in ("sources.csv", "metrics.csv", "observations.csv"):  # the BOM a spreadsheet needs for UTF-8
        assert (tmp_path / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    rows = read_csv(tmp_path / "observations.csv")
    assert rows[0]["value"] == "14000" and rows[0]["low"] == "" and rows[0]["year"] == "2020"
    assert list(rows[0]) == list(COLUMNS["observations"])


TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20).map(str.strip).filter(lambda t: not t.startswith("="))
NUMBER = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def reference_sets(draw: st.DrawFn) -> dict[str, list[dict[str, str]]]:
    """A small valid reference set, every cell as the text a spreadsheet would hold."""
    from factcheck.store.export_csv import format_number

    n_src = draw(st.integers(1, 3))
    sources = [
        {"id": f"src-{i}", "title": draw(TEXT.filter(bool)), "publisher": draw(TEXT.filter(bool)),
         "url": f"https://example.org/{i}", "published": draw(st.sampled_from(["", "2023", "2023-05", "2023-05-09"]))}
        for i in range(n_src)
    ]  # fmt: skip
    metrics = [
        {"key": "troops", "label": draw(TEXT.filter(bool)), "unit": "", "keywords": draw(TEXT), "entity": draw(TEXT), "description": draw(TEXT)},
        {"key": "length", "label": "length", "unit": "kilometer", "keywords": "km;long", "entity": "", "description": ""},
    ]  # fmt: skip
    observations = []
    for i in range(draw(st.integers(1, 6))):
        value = draw(NUMBER)
        qualifier = draw(st.sampled_from(["exact", "approx", "more_than", "range"]))
        low = value - draw(st.floats(0, 1e6)) if qualifier == "range" or draw(st.booleans()) else None
        high = value + draw(st.floats(0, 1e6)) if qualifier == "range" else None
        status = draw(st.sampled_from(["actual", "planned", "claimed", "estimate"]))
        metric = draw(st.sampled_from(["troops", "length"]))
        observations.append({
            "metric": metric, "entity": draw(TEXT), "year": str(2000 + i), "date": "", "value": format_number(value),
            "low": format_number(low), "high": format_number(high),
            "unit": "" if metric == "troops" else draw(st.sampled_from(["", "mile", "kilometer"])),
            "qualifier": qualifier, "status": status, "claimant": "someone" if status == "claimed" else draw(TEXT),
            "source_id": f"src-{draw(st.integers(0, n_src - 1))}", "snippet": draw(TEXT), "note": draw(TEXT),
        })  # fmt: skip
    return {"sources": sources, "metrics": metrics, "observations": observations}


def _fresh_engine(folder: Path) -> Engine:
    """A private SQLite engine (not the cached one) with foreign keys on."""
    engine = create_engine(f"sqlite:///{folder / 'p.db'}")
    event.listen(engine, "connect", lambda conn, _rec: conn.execute("PRAGMA foreign_keys=ON"))
    init_db(engine)
    return engine


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=reference_sets())
def test_property_import_export_round_trip(data: dict[str, list[dict[str, str]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        for kind, rows in data.items():
            write_csv(root / "in" / f"{kind}.csv", rows, COLUMNS[kind])
        one, two = root / "one", root / "two"
        one.mkdir(), two.mkdir()
        first = _fresh_engine(one)
        import_path(first, root / "in")
        export_data(first, root / "out1")
        second = _fresh_engine(two)
        import_path(second, root / "out1")
        export_data(second, root / "out2")
        for kind in data:
            assert (root / "out1" / f"{kind}.csv").read_bytes() == (root / "out2" / f"{kind}.csv").read_bytes()
            exported = read_csv(root / "out1" / f"{kind}.csv")
            assert sorted(map(repr, exported)) == sorted(repr({c: r.get(c, "") for c in COLUMNS[kind]}) for r in data[kind])
        assert all_references(first) == all_references(second)
        first.dispose(), second.dispose()


# --- add_reference (the app's form) ---------------------------------------------------------


def test_add_reference_reuses_a_source_by_url(tiny_store: Path) -> None:
    engine = get_engine(f"sqlite:///{tiny_store}")
    new_id = add_reference(
        engine, metric="parade_troops", value=9000, year=2024, qualifier="more_than",
        source_title="ignored, the URL is known", publisher="Newsweek",
        url="https://www.newsweek.com/victory-day-parade-russia-compared-previous-years-1799159",
    )  # fmt: skip
    ref = next(r for r in all_references(engine) if r.id == new_id)
    assert (ref.value, ref.year, ref.qualifier, ref.source.publisher) == (9000.0, 2024, "more_than", "Newsweek")
    assert count_rows(engine)["sources"] == 4


def test_add_reference_creates_a_source_and_a_metric(tiny_store: Path) -> None:
    engine = get_engine(f"sqlite:///{tiny_store}")
    new_id = add_reference(
        engine, metric="parade_duration", metric_label="length of the parade", unit="minute", value=47,
        year=2023, source_title="Parade 2023", publisher="savinich.ru", url="https://savinich.ru/?p=6080",
        published="2023-05", snippet="всего 47 минут",
    )  # fmt: skip
    ref = next(r for r in all_references(engine) if r.id == new_id)
    assert (ref.metric, ref.unit, ref.source.url) == ("parade_duration", "minute", "https://savinich.ru/?p=6080")
    with Session(engine) as session:
        assert session.get(SourceRow, "savinich-ru-2023") is not None


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"metric": "parade_soldiers"}, "reference form:metric: unknown metric 'parade_soldiers'"),
        ({"unit": "furlongz", "metric": "front_line_length"}, "reference form:unit: unknown unit 'furlongz'"),
        ({"unit": "minute", "metric": "front_line_length"}, "reference form:unit: 'minute' cannot be converted"),
        ({"qualifier": "about"}, "reference form:qualifier: 'about' is not a known qualifier"),
        ({"status": "claimed"}, "reference form:claimant: a claimed figure needs its claimant"),
        ({"value": float("nan")}, "reference form:value: nan is not a number"),
        ({"url": "newsweek.com"}, "reference form:url: 'newsweek.com' is not a web address"),
        ({"date": "9 May 2023"}, "reference form:date: '9 May 2023' is not a date"),
        ({"url": "https://example.org/new", "published": "31/05/2023"}, "reference form:published: '31/05/2023' is not a date"),
        ({"year": 2020, "value": 14000, "qualifier": "approx", "entity": "Moscow Victory Day Parade", "date": "2020-06-24"},
         "reference form: this reference is already in the store (observation 1)"),
    ],
)  # fmt: skip
def test_add_reference_refuses_what_import_refuses(tiny_store: Path, changes: dict[str, object], expected: str) -> None:
    form: dict[str, object] = {
        "metric": "parade_troops", "value": 8000.0, "year": 2023, "source_title": "How Putin's 'Toned Down' Victory Parade",
        "publisher": "Newsweek", "url": "https://www.newsweek.com/victory-day-parade-russia-compared-previous-years-1799159",
    }  # fmt: skip
    form.update(changes)
    before = store_bytes(tiny_store)
    with pytest.raises(ImportDataError) as info:
        add_reference(get_engine(f"sqlite:///{tiny_store}"), **form)  # type: ignore[arg-type]
    assert str(info.value).startswith(expected)
    assert store_bytes(tiny_store) == before


# --- the real reference data -------------------------------------------------------------


def test_the_real_reference_data_imports_whole(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'ref.db'}")
    report = import_path(engine, REFERENCE_DATA)
    assert report.rows == {"sources": 93, "metrics": 29, "observations": 171}
    refs = all_references(engine)
    assert len(refs) == 171
    assert all(r.source.url.startswith(("http://", "https://")) for r in refs)
    assert all(r.snippet for r in refs)
    troops_2020 = sorted(r.value for r in refs if r.metric == "parade_troops" and r.year == 2020 and r.status == "actual")
    assert 13000 in troops_2020 and 14000 in troops_2020
    assert all(r.claimant for r in refs if r.status == "claimed")
    assert {r.value for r in refs if r.metric == "wwii_end_europe"} == {1945}


def test_the_reference_data_stays_tidy() -> None:
    """What an editor could get wrong without an import error: short quotes, no orphans, keywords."""
    sources = read_csv(REFERENCE_DATA / "sources.csv")
    metrics = read_csv(REFERENCE_DATA / "metrics.csv")
    observations = read_csv(REFERENCE_DATA / "observations.csv")
    assert {s["id"] for s in sources} == {o["source_id"] for o in observations}, "every source is cited"
    assert {m["key"] for m in metrics} == {o["metric"] for o in observations}, "every metric has a value"
    for m in metrics:
        assert len(m["keywords"].split(";")) >= 3, f"{m['key']} needs keywords, synonyms included"
    for o in observations:
        assert 0 < len(o["snippet"].split()) < 30, f"snippet too long or empty: {o['snippet']!r}"


def test_the_readme_documents_every_qualifier_and_status() -> None:
    from factcheck.figures import QUALIFIERS, STATUSES

    readme = (REFERENCE_DATA / "README.md").read_text(encoding="utf-8")
    for word in (*QUALIFIERS, *STATUSES, *COLUMNS["sources"], *COLUMNS["metrics"], *COLUMNS["observations"]):
        assert f"`{word}`" in readme, word
    assert f"{MAX_FILE_BYTES // 2**20} MB" in readme
