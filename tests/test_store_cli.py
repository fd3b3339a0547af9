"""``factcheck import`` for each kind of input, into real SQLite files read back with sqlite3.

The World Bank command talks to a loopback server replaying the API's documented answers
(tests/wbapi_server.py, shared with test_opendata.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from wbapi_server import serve_worldbank_api

from factcheck.cli import main

TESTS = Path(__file__).resolve().parent
OPEN = TESTS / "cases" / "opendata"
TINY = TESTS / "cases" / "tiny_reference"


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    """Query the store file directly (not through the code under test)."""
    con = sqlite3.connect(db)
    try:
        return list(con.execute(sql))
    finally:
        con.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI in this process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_a_data_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "pkg.db"
    code, out, err = run(capsys, "import", str(OPEN / "pop"), "--country-codes", str(OPEN / "codes"), "--db", str(db))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "imported 1 sources, 1 metrics, 6 observations, 4 entities from 1 file(s): 12 added, 0 updated",
        "  metric sp_pop_totl: Invented population",
    ]
    assert rows(db, "SELECT entity, entity_code, year, value FROM observation WHERE entity_code = 'WLD' ORDER BY year") == [
        ("World", "WLD", 2020, 5000.0), ("World", "WLD", 2021, 5100.0)]
    assert rows(db, "SELECT name, kind FROM entity ORDER BY name") == [
        ("Islands, The", "country"), ("Kosovo", "other"), ("Northland", "country"), ("World", "aggregate")]
    assert rows(db, "SELECT indicator FROM source") == [("SP.POP.TOTL",)]


def test_import_a_wide_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "wide.db"
    code, out, _ = run(capsys, "--db", str(db), "import", str(OPEN / "wide" / "API_SP.POP.TOTL_DS2.csv"))
    assert code == 0 and out.startswith("imported 1 sources, 1 metrics, 7 observations")
    assert rows(db, "SELECT count(*), count(DISTINCT entity_code) FROM observation") == [(7, 3)]
    assert rows(db, "SELECT id, published FROM source") == [("world-bank-sp.pop.totl", "2024-06-28")]


def test_import_swapped_inflation_prints_the_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "s.db"), "import", str(OPEN / "swap"))
    assert code == 0 and "metric fp_cpi_totl_zg: Inflation, consumer prices (annual %) (percent)" in out
    assert err.count("warning: ") == 2 and "but its values match FP.CPI.TOTL.ZG" in err


def test_import_worldbank_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "api.db"
    with serve_worldbank_api() as (base, requests):
        code, out, err = run(capsys, "--db", str(db), "import", "worldbank", "SP.POP.TOTL", "NY.GDP.MKTP.CD",
                             "FP.CPI.TOTL.ZG", "--base-url", base)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "imported 3 sources, 3 metrics, 7 observations, 2 entities from the World Bank API (3 indicators): "
        "15 added, 0 updated",
        "  metric sp_pop_totl: Population, total",
        "  metric ny_gdp_mktp_cd: GDP (current US$) (USD)",
        "  metric fp_cpi_totl_zg: Inflation, consumer prices (annual %) (percent)",
    ]
    assert sum(1 for r in requests if r.startswith("/v2/country?")) == 1  # the aggregate list is read once
    assert rows(db, "SELECT metric, entity_code, year, value FROM observation WHERE metric = 'fp_cpi_totl_zg' ORDER BY year") == [
        ("fp_cpi_totl_zg", "NLD", 2021, 2.7), ("fp_cpi_totl_zg", "NLD", 2022, 11.6)]
    assert rows(db, "SELECT name, code, kind FROM entity ORDER BY name") == [("Northland", "NLD", "country"),
                                                                           ("World", "WLD", "aggregate")]
    assert rows(db, "SELECT indicator, retrieved IS NOT NULL FROM source ORDER BY indicator") == [
        ("FP.CPI.TOTL.ZG", 1), ("NY.GDP.MKTP.CD", 1), ("SP.POP.TOTL", 1)]


@pytest.mark.parametrize(("argv", "expected"), [
    (["import", "worldbank"], "Error: give the World Bank indicator codes to fetch"),
    (["import", "worldbank", "SP.POP.TOTL", "NOT.A.CODE"], "the World Bank API refused the request (Invalid value"),
    (["import", "worldbank", "SP POP"], "Error: 'SP POP' is not a World Bank indicator code"),
    (["import", "a", "b"], "Error: give one folder or file to import, not 2"),
])
def test_bad_worldbank_imports_are_one_line_and_leave_no_store(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    db = tmp_path / "never.db"
    with serve_worldbank_api() as (base, _):
        code, out, err = run(capsys, "--db", str(db), *argv, "--base-url", base)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("Error: ") and expected in err
    assert not db.exists()


def test_a_bad_worldbank_import_leaves_an_existing_store_as_it_was(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.db"
    assert run(capsys, "--db", str(db), "import", str(TINY))[0] == 0
    before = rows(db, "SELECT * FROM observation ORDER BY id")
    with serve_worldbank_api() as (base, _):
        code, _, err = run(capsys, "--db", str(db), "import", "worldbank", "SP.POP.TOTL", "GARBAGE", "--base-url", base)
    assert code == 1 and "'lots' is not a number" in err
    assert rows(db, "SELECT * FROM observation ORDER BY id") == before


def test_reference_csvs_still_import_as_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ref.db"
    code, out, err = run(capsys, "--db", str(db), "import", str(TINY))
    assert (code, err) == (0, "")
    assert out == "imported 4 sources, 4 metrics, 7 observations from 3 file(s): 15 added, 0 updated\n"
    assert rows(db, "SELECT count(*) FROM metric_term WHERE term = 'soldiers'") == [(1,)]


def test_the_progress_line_is_only_for_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from factcheck.cli import _progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert _progress() is None
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    report = _progress()
    assert report is not None
    for done in range(0, 1_000_001, 10_000):
        report(done, 1_000_000)
    lines = screen.getvalue().split("\r")[1:]
    assert len(lines) == 21 and lines[-1] == "writing observations: 100% (1,000,000 of 1,000,000)\n"
    report(5, 10)  # a small import: nothing shown
    assert screen.getvalue().count("\r") == 21
