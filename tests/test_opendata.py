"""factcheck.store.opendata: Data Packages, World Bank wide CSVs and the World Bank API, on small invented data."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlmodel import Session, select

from factcheck.check import check_article
from factcheck.errors import ImportDataError
from factcheck.store.opendata import read_package, read_wide_csv, read_worldbank_api
from factcheck.store.db import EntityRow, MetricRow, ObservationRow, SourceRow, get_engine
from factcheck.store.opendata.batch import import_open_data
from wbapi_server import serve_worldbank_api

CASES = Path(__file__).resolve().parent / "cases" / "opendata"
SHARED_OPEN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "open"


def _all(data: Any) -> list[dict[str, Any]]:
    """Every observation of a reader's result."""
    return list(data.observations)


# --- Data Packages -------------------------------------------------------------------------


def test_package_rows_metric_and_source() -> None:
    data = read_package(CASES / "pop", retrieved="2025-01-31", country_codes=CASES / "codes")
    rows = _all(data)
    assert rows[0] == {"metric": "sp_pop_totl", "entity": "Northland", "entity_code": "NLD", "year": 2020,
                       "value": 1000.0, "source_id": "pop-sp.pop.totl", "aggregate": False}
    assert len(rows) == 6  # the empty Islands 2020 value is missing, not an error
    assert ("Islands, The", 52.5) in {(r["entity"], r["value"]) for r in rows}
    assert {r["entity_code"] for r in rows if r["aggregate"]} == {"WLD"} == data.aggregate_codes  # XKX is an economy
    assert data.metrics["sp_pop_totl"]["label"] == "Invented population"
    src = data.sources["pop-sp.pop.totl"]
    assert (src["publisher"], src["indicator"], src["retrieved"], src["published"]) == (
        "World Bank", "SP.POP.TOTL", "2025-01-31", "2024-02-29")
    assert src["url"] == "http://data.worldbank.org/indicator/SP.POP.TOTL"


def test_package_without_country_list_marks_nothing() -> None:
    rows = _all(read_package(CASES / "pop"))
    assert not any(r["aggregate"] for r in rows)


def test_yaml_package_with_semicolons_and_own_columns() -> None:
    data = read_package(CASES / "yml" / "datapackage.yml", retrieved="2025-01-31")
    rows = _all(data)
    assert [(r["entity"], r["year"], r["value"], r["entity_code"]) for r in rows] == [
        ("Northland", 2022, 310.0, ""), ("Northland", 2023, 295.0, "")]
    assert data.metrics["ships"]["label"] == "Ships calling at the harbour"
    assert data.sources["yml-ships"]["publisher"] == "Harbour Authority"


@pytest.mark.parametrize(("case", "words"), [
    ("bad_escape", "climbs out of the package folder"),
    ("bad_absolute", "absolute path"),
    ("bad_remote", "remote resources are not fetched"),
    ("bad_schema", "disagrees with the schema"),
])
def test_package_refusals_at_read_time(case: str, words: str) -> None:
    with pytest.raises(ImportDataError, match=words):
        read_package(CASES / case)


@pytest.mark.parametrize(("case", "words", "line"), [
    ("bad_duplicate", "duplicate key: sp_pop_totl for NLD in 2020 is 1000 earlier and 1001 here", 4),
    ("bad_garbage", "'n/a' is not a number", 3),
])
def test_package_refusals_while_reading(case: str, words: str, line: int) -> None:
    data = read_package(CASES / case)
    with pytest.raises(ImportDataError, match=words) as err:
        _all(data)
    assert err.value.line == line and err.value.path.endswith("pop.csv")
    assert "fix" not in str(err.value) or err.value.fix


def test_symlink_leaving_the_package_is_refused(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    shutil.copytree(CASES / "pop", pkg)
    secret = tmp_path / "secret.csv"
    secret.write_text((CASES / "pop" / "data" / "pop.csv").read_text())
    (pkg / "data" / "pop.csv").unlink()
    (pkg / "data" / "pop.csv").symlink_to(secret)
    with pytest.raises(ImportDataError, match="leads outside the package folder"):
        read_package(pkg)


def test_oversized_file_is_refused() -> None:
    with pytest.raises(ImportDataError, match="over the limit of 100 bytes") as err:
        read_package(CASES / "pop", max_bytes=100)
    assert "max_bytes" in err.value.fix


def test_nothing_is_written_when_a_later_dataset_fails(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'store.db'}")
    with pytest.raises(ImportDataError, match="not a number"):
        import_open_data(engine, read_package(CASES / "pop"), read_package(CASES / "bad_garbage"))
    with Session(engine) as session:
        assert session.exec(select(ObservationRow)).all() == []


def test_import_keeps_code_aggregate_and_provenance(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'store.db'}")
    data = read_package(CASES / "pop", retrieved="2025-01-31", country_codes=CASES / "codes")
    report = import_open_data(engine, data)
    assert report.added["observations"] == 6
    with Session(engine) as session:
        world = session.exec(select(ObservationRow).where(ObservationRow.entity == "World")).all()
        source = session.get(SourceRow, "pop-sp.pop.totl")
        entities = {e.name: (e.code, e.kind) for e in session.exec(select(EntityRow)).all()}
    assert {(o.entity_code, o.note) for o in world} == {("WLD", "")}  # the code has its own column now
    assert source is not None and (source.indicator, source.retrieved) == ("SP.POP.TOTL", date(2025, 1, 31))
    assert "retrieved" not in source.title and source.title == data.sources["pop-sp.pop.totl"]["title"]
    assert entities["World"] == ("WLD", "aggregate") and entities["Northland"][1] == "country"
    assert entities["Kosovo"] == ("XKX", "other")  # an economy, not an aggregate, and not in ISO 3166
    assert import_open_data(engine, read_package(CASES / "pop", retrieved="2025-01-31",
                                                 country_codes=CASES / "codes")).added["observations"] == 0


# --- swapped resources ---------------------------------------------------------------------


def test_swapped_resources_are_warned_about_and_relabelled() -> None:
    data = read_package(CASES / "swap")
    assert len(data.warnings) == 2
    assert "resource 'infl-gdp' is NY.GDP.DEFL.KD.ZG (Inflation, GDP deflator (annual %)), but its values " \
           "match FP.CPI.TOTL.ZG (Inflation, consumer prices (annual %))" in data.warnings[0]
    rows = _all(data)
    by_metric = {(r["metric"], r["entity_code"], r["year"]): r["value"] for r in rows}
    assert by_metric[("fp_cpi_totl_zg", "NLD", 2000)] == 1.5  # the consumer-price values, under their real name
    assert by_metric[("ny_gdp_defl_kd_zg", "NLD", 2000)] == 2.0
    assert data.metrics["fp_cpi_totl_zg"]["label"] == "Inflation, consumer prices (annual %)"
    assert data.sources["swap-fp.cpi.totl.zg"]["url"].endswith("/FP.CPI.TOTL.ZG")


def test_resources_that_match_their_names_give_no_warning() -> None:
    data = read_package(CASES / "noswap")
    assert data.warnings == []
    assert set(data.metrics) == {"ny_gdp_defl_kd_zg", "fp_cpi_totl_zg"}


# --- World Bank wide CSV --------------------------------------------------------------------


def test_wide_csv_with_preamble_and_metadata() -> None:
    data = read_wide_csv(CASES / "wide" / "API_SP.POP.TOTL_DS2.csv", retrieved="2025-01-31")
    rows = _all(data)
    assert len(rows) == 7  # two missing Islands years skipped
    assert rows[0] == {"metric": "sp_pop_totl", "entity": "Northland", "entity_code": "NLD", "year": 2019,
                       "value": 990.0, "source_id": "world-bank-sp.pop.totl", "aggregate": False}
    assert data.aggregate_codes == {"HIC"}
    src = data.sources["world-bank-sp.pop.totl"]
    assert (src["published"], src["indicator"], src["title"]) == ("2024-06-28", "SP.POP.TOTL",
                                                                  "Population, total (SP.POP.TOTL)")


def test_wide_csv_garbage_names_line_and_year(tmp_path: Path) -> None:
    bad = tmp_path / "wide.csv"
    bad.write_text('"Country Name","Country Code","Indicator Name","Indicator Code","2020",\n'
                   '"Northland","NLD","Population, total","SP.POP.TOTL","1,000",\n')
    with pytest.raises(ImportDataError, match=r"wide.csv:2:2020: '1,000' is not a number"):
        _all(read_wide_csv(bad))


def test_wide_csv_without_header_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "wide.csv"
    bad.write_text("a,b\n" * 20)
    with pytest.raises(ImportDataError, match="not a World Bank wide CSV"):
        read_wide_csv(bad)


def test_wide_csv_unit_named_in_parentheses_is_checked_in_that_unit(tmp_path: Path) -> None:
    """An indicator whose name ends "(years)" holds years: a figure in years is checked against it,
    where before the table was a count and the figure found no source."""
    wide = tmp_path / "wide.csv"
    wide.write_text('"Country Name","Country Code","Indicator Name","Indicator Code","2021","2022",\n'
                    '"Kenya","KEN","Life expectancy at birth, total (years)","SP.DYN.LE00.IN","62.8","63.1",\n'
                    '"Ghana","GHA","Life expectancy at birth, total (years)","SP.DYN.LE00.IN","63.2","63.4",\n')
    db = tmp_path / "store.db"
    engine = get_engine(f"sqlite:///{db}")
    import_open_data(engine, read_wide_csv(wide, retrieved="2025-01-31"))
    with Session(engine) as session:
        assert [m.unit for m in session.exec(select(MetricRow)).all()] == ["year"]
    text = "Health\n\nLife expectancy at birth in Kenya was 63.1 years in 2022. In Ghana, life expectancy at birth was 65 years in 2022.\n"
    got = {fc.figure.surface: fc.verdict for fc in check_article(text, date(2024, 1, 10), str(db)).figures}
    assert got["63.1 years"] == "agree"
    assert got["65 years"] == "conflict"


# --- World Bank API, against a real HTTP server on 127.0.0.1 ---------------------------------


@pytest.fixture()
def api() -> Iterator[tuple[str, list[str]]]:
    """A loopback server answering like the World Bank API: (base URL, paths requested)."""
    with serve_worldbank_api() as served:
        yield served


def test_api_paginates_and_marks_aggregates(api: tuple[str, list[str]]) -> None:
    base, requests = api
    data = read_worldbank_api("SP.POP.TOTL", base_url=base, per_page=2, retrieved="2025-01-31")
    rows = _all(data)
    assert [(r["entity_code"], r["year"], r["value"], r["aggregate"]) for r in rows] == [
        ("WLD", 2021, 5100.0, True), ("NLD", 2021, 1010.0, False), ("NLD", 2020, 1000.0, False)]
    assert any("page=2" in r for r in requests)
    src = data.sources["world-bank-api-sp.pop.totl"]
    assert (src["published"], src["retrieved"], src["indicator"]) == ("2024-06-28", "2025-01-31", "SP.POP.TOTL")
    assert data.metrics["sp_pop_totl"]["label"] == "Population, total"


def test_api_uses_a_client_passed_in(api: tuple[str, list[str]]) -> None:
    base, _ = api
    with httpx.Client(timeout=5) as client:
        rows = _all(read_worldbank_api("SP.POP.TOTL", base_url=base, client=client, aggregates=set()))
        assert not client.is_closed
    assert len(rows) == 3 and not any(r["aggregate"] for r in rows)


def test_api_error_message_is_reported(api: tuple[str, list[str]]) -> None:
    with pytest.raises(ImportDataError, match="refused the request .Invalid value: The provided parameter"):
        read_worldbank_api("NOT.A.CODE", base_url=api[0])


def test_api_row_cap_refuses_before_fetching_more(api: tuple[str, list[str]]) -> None:
    base, requests = api
    with pytest.raises(ImportDataError, match="4 rows, over the cap of 3"):
        read_worldbank_api("SP.POP.TOTL", base_url=base, max_rows=3)
    assert len(requests) == 1


def test_api_garbage_value_and_timeout(api: tuple[str, list[str]]) -> None:
    base, _ = api
    with pytest.raises(ImportDataError, match="'lots' is not a number"):
        _all(read_worldbank_api("GARBAGE", base_url=base, aggregates=set()))
    with pytest.raises(ImportDataError, match="ReadTimeout"):
        read_worldbank_api("SLOW", base_url=base, timeout=0.2, aggregates=set())


def test_api_unreachable_server() -> None:
    with pytest.raises(ImportDataError, match="could not be read"):
        read_worldbank_api("SP.POP.TOTL", base_url="http://127.0.0.1:9/v2", timeout=2)


# --- the shared real packages (read in place, never copied) ---------------------------------


@pytest.mark.skipif(not SHARED_OPEN.is_dir(), reason=f"the shared open-data packages are not at {SHARED_OPEN}")
def test_shared_open_data_packages() -> None:
    codes = SHARED_OPEN / "country-codes"
    population = read_package(SHARED_OPEN / "population", country_codes=codes)
    rows = _all(population)
    assert len(rows) > 15000 and "WLD" in population.aggregate_codes and "XKX" not in population.aggregate_codes
    assert {r["metric"] for r in rows} == {"sp_pop_totl"}
    gdp = read_package(SHARED_OPEN / "gdp")
    assert "ny_gdp_mktp_cd" in gdp.metrics and gdp.metrics["ny_gdp_mktp_cd"]["unit"] == "USD"
    assert sum(1 for _ in gdp.observations) > 10000
    inflation = read_package(SHARED_OPEN / "inflation")
    assert len(inflation.warnings) == 2
    assert "inflation-gdp' is NY.GDP.DEFL.KD.ZG" in inflation.warnings[0]
    assert "match FP.CPI.TOTL.ZG" in inflation.warnings[0]
    assert set(inflation.metrics) == {"fp_cpi_totl_zg", "ny_gdp_defl_kd_zg"}
    assert sum(1 for _ in inflation.observations) > 20000


def test_package_keywords_become_synonyms_without_places_or_coverage_tags() -> None:
    """A one-table package gives its table all its own keywords, less places and coverage tags."""
    from factcheck.store.opendata.package import package_keywords

    desc = {"keywords": ["Population", "World", "Time series", "Kenya", "Census"]}
    assert package_keywords(desc, "Population figures", single_resource=True) == "Population;Census"
    # several tables: each takes the keywords its own label uses
    assert package_keywords({"keywords": ["GDP", "Gross Domestic Product"]}, "GDP in current USD", single_resource=False) == "GDP"
    assert package_keywords({"keywords": "not a list"}, "GDP", single_resource=True) == ""


@pytest.mark.skipif(not SHARED_OPEN.is_dir(), reason=f"the shared open-data packages are not at {SHARED_OPEN}")
def test_country_article_against_the_shared_packages(tmp_path: Path) -> None:
    """The README's walk-through: a store of three World Bank tables, the Ghana and Kenya sample checked.

    A statistic named by a later piece of its label ("Inflation, consumer prices": the sentence says
    "consumer prices rose N%") is read as that statistic's level, not as a change with no series.
    """
    db = f"sqlite:///{tmp_path / 'countries.db'}"
    for name in ("population", "gdp", "inflation"):
        run = subprocess.run([sys.executable, "-m", "factcheck", "--db", db, "import", str(SHARED_OPEN / name)],
                             capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr
    sample = Path(__file__).resolve().parents[1] / "samples" / "ghana_kenya_2023.txt"
    result = check_article(sample.read_text(encoding="utf-8"), date(2024, 3, 15), db)
    by = {fc.figure.surface: fc for fc in result.figures}
    assert by["38.1%"].verdict == "agree" and by["38.1%"].claim is not None
    assert by["38.1%"].claim.entity_code == "GHA" and "consumer prices" in by["38.1%"].claim.metric_label
    assert by["$76.4 billion"].verdict == "agree" and "$76.4 billion" in by["$76.4 billion"].reason
    assert by["25 million"].verdict == "conflict"  # Chile's population is nearer 20 million
    counts = {v: sum(1 for fc in result.figures if fc.verdict == v) for v in ("agree", "conflict", "no_source")}
    assert counts == {"agree": 4, "conflict": 2, "no_source": 5}
