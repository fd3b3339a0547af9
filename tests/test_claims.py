"""Resolution: sentence → claim (statistic, country, year) or an abstention, and the verdict it leads to.

Cases are in tests/cases/claims/cases.toml; the store is built from tests/cases/claims/store/
into a real SQLite file through the importer.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from factcheck.check import check_article
from factcheck.figures import CheckResult, FigureCheck
from factcheck.store.db import get_engine
from factcheck.store.importer import import_path

CASES = Path(__file__).resolve().parent / "cases" / "claims"
TABLE = tomllib.loads((CASES / "cases.toml").read_text(encoding="utf-8"))
ARTICLE_DATE = date.fromisoformat(TABLE["article_date"])


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
    return pytest.param(case, id=f"{case['text'][:70]} [{case['figure']}]", marks=marks)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Any:
    eng = get_engine(f"sqlite:///{tmp_path_factory.mktemp('claims') / 'store.db'}")
    import_path(eng, CASES / "store")
    return eng


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> dict[str, Any]:
    """The case table's stores by folder name, each a real SQLite file built through the importer."""
    out = {"store": engine}
    for folder in sorted({c["store"] for c in TABLE["case"] if "store" in c}):
        eng = get_engine(f"sqlite:///{tmp_path_factory.mktemp('claims') / (folder + '.db')}")
        import_path(eng, CASES / folder)
        out[folder] = eng
    return out


def _figure(result: CheckResult, surface: str) -> FigureCheck:
    found = [fc for fc in result.figures if fc.figure.surface == surface]
    assert found, f"no figure {surface!r} among {[fc.figure.surface for fc in result.figures]}"
    return found[0]


@pytest.mark.parametrize("case", [_param(c) for c in TABLE["case"]])
def test_claim(case: dict[str, Any], engines: dict[str, Any]) -> None:
    fc = _figure(check_article(case["text"], ARTICLE_DATE, engine=engines[case.get("store", "store")]), case["figure"])
    if case.get("claim", True) is False:
        assert fc.claim is None, f"read as {fc.claim.read_as() if fc.claim else ''} ({fc.claim.why if fc.claim else ''})"
    else:
        assert fc.claim is not None, f"no claim: {fc.reason}"
        assert (fc.claim.metric, fc.claim.entity_code) == (case["metric"], case["entity_code"]), fc.claim.why
        if "entity" in case:  # a city or region a table holds rows for has no code: its name says which
            assert fc.claim.entity == case["entity"]
        if "year" in case:
            assert fc.claim.year == case["year"]
        assert fc.claim.why  # the checker is told what the reading rests on
    assert fc.verdict == case["verdict"], fc.reason
    for word in case.get("reason", []):
        assert word in fc.reason, fc.reason


def test_claim_is_in_the_json(engine: Any) -> None:
    doc = check_article("In 2013 Kenya was home to 47.6 million people.", ARTICLE_DATE, engine=engine).to_dict()
    claims = [f["claim"] for f in doc["figures"] if f["claim"]]
    assert claims == [{
        "metric": "population", "metric_label": "population, total", "entity": "Kenya", "entity_code": "KEN",
        "year": 2013, "why": claims[0]["why"], "read_as": "population, total of Kenya, 2013", "corrected": False, "negated": False, "place_assumed": False,
    }]  # fmt: skip


def test_a_synonym_naming_another_unit_s_table_does_not_pick_a_table(tmp_path: Path) -> None:
    """"GDP rose 12%": a percent table listing "GDP" among its words (as imported packages do) is
    not GDP growth; the word names the GDP table, whose unit a percentage cannot have."""
    (tmp_path / "metrics.csv").write_text(
        "key,label,unit,keywords,entity,description\n"
        'gdp_usd,"GDP, current US dollars",USD,GDP;economy,,"GDP by country"\n'
        'deflator,"price deflator of output, annual %",percent,GDP;deflator;GDP deflator,,"deflator by country"\n',
        encoding="utf-8",
    )
    (tmp_path / "observations.csv").write_text(
        "metric,entity,year,value,qualifier,source_id\n"
        "gdp_usd,Ghana,2021,77000000000,exact,t\ngdp_usd,Peru,2021,223000000000,exact,t\n"
        "deflator,Ghana,2021,12.1,exact,t\ndeflator,Peru,2021,7.0,exact,t\n",
        encoding="utf-8",
    )
    (tmp_path / "sources.csv").write_text(
        "id,title,publisher,url,published\nt,Values written for this test,factcheck tests,https://example.org/t,2022\n",
        encoding="utf-8",
    )
    eng = get_engine(f"sqlite:///{tmp_path / 'store.db'}")
    import_path(eng, tmp_path)
    growth = _figure(check_article("Ghana's GDP rose 12 percent in 2021.", date(2022, 3, 1), engine=eng), "12 percent")
    assert growth.claim is None and growth.verdict == "no_source", growth.reason
    named = _figure(check_article("Ghana's GDP deflator was 12.1 percent in 2021.", date(2022, 3, 1), engine=eng), "12.1 percent")
    assert named.claim is not None and named.claim.metric == "deflator" and named.verdict == "agree", named.reason
