"""The CLI run as a user runs it: a subprocess, real files, a real SQLite store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.figures import VERDICTS

from conftest import ROOT, SAMPLE_ARTICLE


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m factcheck ARGS`` from the project root, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], input=stdin, capture_output=True, text=True,
        cwd=ROOT, env={**os.environ, **(env or {})}, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def sample_json(reference_db: str) -> dict:  # type: ignore[type-arg]
    proc = run("--db", reference_db, "check", str(SAMPLE_ARTICLE), "--date", "2023-05-09", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_check_json_gives_every_figure_a_verdict_and_a_reason(sample_json: dict) -> None:  # type: ignore[type-arg]
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert sample_json["article"]["date"] == "2023-05-09"
    assert sample_json["article"]["chars"] == len(text)
    figures = sample_json["figures"]
    assert len(figures) >= 15
    for fig in figures:
        assert text[fig["start"] : fig["end"]] == fig["surface"]
        assert fig["verdict"] in VERDICTS
        assert fig["reason"].strip(), fig["surface"]
        for ref in fig["references"]:
            assert set(ref["source"]) == {"title", "publisher", "url", "published", "kind"}
            assert ref["source"]["url"].startswith("http")
    verdicts = {f["verdict"] for f in figures}
    assert "agree" in verdicts


def test_check_sources_the_2023_parade_troops(sample_json: dict) -> None:  # type: ignore[type-arg]
    troops = next(f for f in sample_json["figures"] if "8,000" in f["surface"])
    assert troops["qualifier"] == "approx" and troops["year"] == 2023
    assert troops["verdict"] == "agree" and troops["basis"] == "reference"
    assert any(r["year"] == 2023 for r in troops["references"])


@pytest.mark.parametrize("fmt, marker", [("md", "- [ ]"), ("csv", "surface,"), ("table", "agree"), ("claimreview", "[")])
def test_check_other_formats_to_a_file(reference_db: str, tmp_path: Path, fmt: str, marker: str) -> None:
    out = tmp_path / f"check.{fmt}"
    proc = run("check", str(SAMPLE_ARTICLE), "--date", "2023-05-09", "--format", fmt, "-o", str(out), "--db", reference_db)
    assert proc.returncode == 0, proc.stderr
    assert marker in out.read_text(encoding="utf-8")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") == (fmt == "csv")  # a BOM for spreadsheets, only in CSV


def test_check_without_a_date_warns_on_stderr(reference_db: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Last year about 11,000 troops marched on Red Square.", encoding="utf-8")
    proc = run("check", str(article), "--db", reference_db)
    assert proc.returncode == 0, proc.stderr
    assert "warning: the article has no date" in proc.stderr
    proc = run("check", str(article), "--date", "2023-05-09", "--db", reference_db)
    assert "warning" not in proc.stderr


def test_extract_reads_standard_input() -> None:
    proc = run("extract", "-", "--format", "json", stdin="Some 8,000 troops marched on May 9.")
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)["figures"]
    counts = [f for f in figures if f["checkable"]]
    assert [f["value"] for f in counts] == [8000]
    assert "verdict" not in counts[0]


def test_lookup_lists_both_sources_for_2020(reference_db: str) -> None:
    proc = run("lookup", "parade troops", "--year", "2020", "--db", reference_db)
    assert proc.returncode == 0, proc.stderr
    assert "13,000" in proc.stdout and "14,000" in proc.stdout
    assert "http" in proc.stdout


def test_lookup_with_no_match_says_so(reference_db: str) -> None:
    proc = run("lookup", "zzqx unknown thing", "--db", reference_db)
    assert proc.returncode == 0
    assert "no reference figures match 'zzqx unknown thing'" in proc.stdout


def test_missing_file_is_one_error_line_not_a_traceback(reference_db: str) -> None:
    proc = run("check", "no/such/article.txt", "--db", reference_db)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: ") and "Traceback" not in proc.stderr
    assert "no/such/article.txt" in proc.stderr


def test_bad_date_is_refused_with_the_format_to_use() -> None:
    proc = run("check", str(SAMPLE_ARTICLE), "--date", "9 May")
    assert proc.returncode == 2
    assert "not a date: '9 May' (use YYYY-MM-DD" in proc.stderr


def test_import_then_export_data_round_trip(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    proc = run("import", str(ROOT / "reference_data"), "--db", db)
    assert proc.returncode == 0, proc.stderr
    proc = run("export-data", str(tmp_path / "out"), "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.csv")) == ["metrics.csv", "observations.csv", "sources.csv"]


def test_import_prune_replaces_a_value_corrected_in_the_csv(tmp_path: Path) -> None:
    import shutil
    import sqlite3

    from conftest import TINY_REFERENCE

    data = tmp_path / "data"
    shutil.copytree(TINY_REFERENCE, data)
    db_file = tmp_path / "store.db"
    assert run("import", str(data), "--db", str(db_file)).returncode == 0
    obs = data / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].split(",")
    fields = lines[1].split(",")
    old = fields[header.index("value")]
    fields[header.index("value")] = str(int(float(old)) + 1)
    obs.write_text(lines[0] + ",".join(fields) + "".join(lines[2:]), encoding="utf-8")

    proc = run("import", str(data), "--db", str(db_file), "--prune")
    assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(db_file) as con:
        values = {v for (v,) in con.execute("select value from observation where metric = ?", (fields[0],))}
    assert float(old) not in values and float(old) + 1 in values


def test_check_a_folder_writes_one_result_per_article_and_reports_the_bad_one(reference_db: str, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.txt").write_text("Parade day\n\nSome 8,000 troops marched on Red Square in 2023.\n", encoding="utf-8")
    (articles / "other.md").write_text("# Front\n\nThe front line is more than 600 miles long.\n", encoding="utf-8")
    (articles / "broken.html").write_bytes(b"\x00\x01\x02\xff" * 300)
    out = tmp_path / "out"

    proc = run("check", str(articles), "--out", str(out), "--processes", "1", "--db", reference_db)
    assert proc.returncode == 1, proc.stderr
    assert "broken.html" in proc.stdout and "3 articles, 2 checked, 1 failed" in proc.stdout
    results = sorted(p.name for p in out.glob("*.json"))
    assert len(results) == 2, results
    summary = (out / "summary.csv").read_text(encoding="utf-8")
    assert "broken.html" in summary and "is not text" in summary
    assert (out / "summary.md").exists()


def test_check_a_folder_without_out_says_what_to_add(tmp_path: Path) -> None:
    proc = run("check", str(tmp_path))
    assert proc.returncode == 1
    assert proc.stderr == "Error: checking several articles or a folder needs --out DIR for the results\n"
