"""run_batch: many articles in parallel, one JSON each, summaries, and bad articles skipped."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from loopback import ARTICLE_HTML, running

from factcheck.batch import WORKER_DIED, ArticleOutcome, Progress, _run_pool, expand_inputs, run_batch, url_list
from factcheck.errors import ConfigError, FactcheckError

PARADE = (
    "Some 8,000 troops marched in the Victory Day parade on Red Square on Tuesday, down from the 11,000 who took part last year. "
    "Only one tank, a T-34, rolled past the stands.\n"
)
FRONT = "The front line now stretches for about 1,000 kilometres, officials said on Friday.\n"


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    """A folder of our own articles: text, Markdown, HTML, and one binary file posing as HTML."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "parade.txt").write_text(PARADE, encoding="utf-8")
    (d / "front.md").write_text("# The front\n\n" + FRONT, encoding="utf-8")
    (d / "tram.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (d / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 16)
    (d / "notes.csv").write_text("not,an,article\n", encoding="utf-8")  # ignored: not an article suffix
    (d / ".hidden.txt").write_text("skipped\n", encoding="utf-8")
    return d


def test_batch_in_two_processes_reports_the_bad_article_and_goes_on(articles: Path, tmp_path: Path, tiny_db: str) -> None:
    out = tmp_path / "out"
    missing = str(tmp_path / "missing.txt")
    summary = run_batch([str(articles), missing], out, processes=2, db=tiny_db, article_date=date(2023, 5, 9), progress=False)

    by_name = {Path(r.source).name: r for r in summary.rows}
    assert list(by_name) == ["broken.html", "front.md", "parade.txt", "tram.html", "missing.txt"]
    assert summary.errors == 2 and summary.processes == 2
    assert "broken.html is not text" in by_name["broken.html"].error
    assert "missing.txt: not found" in by_name["missing.txt"].error

    parade = by_name["parade.txt"]
    assert parade.ok and parade.figures >= 2
    doc = json.loads((out / parade.output).read_text(encoding="utf-8"))
    assert doc["article"]["date"] == "2023-05-09" and len(doc["figures"]) == parade.figures
    verdicts = [f["verdict"] for f in doc["figures"]]  # the summary counts what the JSON says
    assert (parade.agree, parade.conflict, parade.no_source, parade.not_checkable) == tuple(
        verdicts.count(v) for v in ("agree", "conflict", "no_source", "not_checkable")
    )
    assert by_name["tram.html"].title == "Tram line opens in Eastport"
    assert sorted(p.name for p in out.glob("*.json")) == sorted(r.output for r in summary.rows if r.ok)

    assert (out / "summary.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # a spreadsheet reads it as UTF-8
    with (out / "summary.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [Path(r["source"]).name for r in rows] == list(by_name)
    assert rows[0]["error"].startswith(str(articles / "broken.html")) and rows[2]["agree"] == str(parade.agree)
    md = (out / "summary.md").read_text(encoding="utf-8")
    assert "| no source |" in md and "error: " in md and "5 articles, 3 checked, 2 failed" in md
    assert "broken.html" in summary.table()

    for _ in range(2):  # the second run would find the first run's summary.md if it looked
        again = run_batch([str(articles)], articles / "results", processes=1, db=tiny_db, progress=False)
    assert again.articles == 4  # the output folder inside the input folder is not read back


def test_batch_inline_with_urls_and_a_progress_bar(tmp_path: Path, tiny_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with running() as server:
        urls = tmp_path / "today.urls"
        urls.write_text(f"# morning list\n{server.url('/article')}\n\n{server.url('/not-found')}\n", encoding="utf-8")
        summary = run_batch([str(urls)], tmp_path / "out", processes=1, db=tiny_db, allow_private=True)
    assert [r.source for r in summary.rows] == [server.url("/article"), server.url("/not-found")]
    ok, bad = summary.rows
    assert ok.ok and ok.title == "Tram line opens in Eastport" and ok.output.startswith("0001-127.0.0.1")
    assert "answered HTTP 404" in bad.error
    err = capsys.readouterr().err
    assert "checking 2/2 [" in err and "1 failed" in err


def test_url_list_rule(tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("https://a.example/1\n# note\n\nhttp://b.example/2\n", encoding="utf-8")
    (tmp_path / "prose.txt").write_text("https://a.example/1\nRead the story above.\n", encoding="utf-8")
    (tmp_path / "x.urls").write_text("https://a.example/1\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")
    assert url_list(tmp_path / "list.txt") == ["https://a.example/1", "http://b.example/2"]
    assert url_list(tmp_path / "prose.txt") is None and url_list(tmp_path / "empty.txt") is None
    assert url_list(tmp_path / "x.urls") == ["https://a.example/1"]
    assert expand_inputs([str(tmp_path / "list.txt"), "https://a.example/1", str(tmp_path / "prose.txt")]) == [
        "https://a.example/1",
        "http://b.example/2",
        str(tmp_path / "prose.txt"),
    ]


def test_bad_options(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="processes"):
        run_batch([str(tmp_path)], tmp_path / "out", processes=0)
    with pytest.raises(FactcheckError, match="no articles to check"):
        run_batch([str(tmp_path)], tmp_path / "out")


def test_progress_line_off_a_terminal() -> None:
    buf = io.StringIO()
    bar = Progress(20, stream=buf)
    for i in range(20):
        bar.update(ok=i != 3)
    lines = buf.getvalue().splitlines()
    assert len(lines) == 10 and lines[-1].startswith("checking 20/20 [" + "#" * 30 + "] 100%  1 failed")


def crash_on_poison(index: int, source: str) -> ArticleOutcome:
    """A stand-in for the article check that kills its worker process on one article."""
    if source == "poison":
        os._exit(3)
    return ArticleOutcome(source=source, output=f"{index}.json")


def test_a_dying_worker_fails_only_its_own_article(tmp_path: Path) -> None:
    jobs = list(enumerate(["a", "b", "poison", "c", "d", "e"], 1))
    rows: dict[int, ArticleOutcome] = {}
    _run_pool(jobs, 2, (str(tmp_path), None, None, False), rows, Progress(6, enabled=False), task=crash_on_poison)
    assert {rows[i].source: rows[i].error for i in rows} == {"a": "", "b": "", "poison": WORKER_DIED, "c": "", "d": "", "e": ""}


def test_ctrl_c_stops_the_batch_promptly(tmp_path: Path, tiny_db: str) -> None:
    """Ctrl-C (SIGINT to the process group) cancels the queued articles; workers finish theirs."""
    src = tmp_path / "in"
    src.mkdir()
    for n in range(400):
        (src / f"a{n:03d}.txt").write_text(FRONT * 20, encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "factcheck", "--db", tiny_db, "check", str(src), "--out", str(out), "--processes", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not any(out.glob("*.json")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)
        # Stopping means the queued articles are cancelled, not finished: the exit code says
        # it was interrupted and far fewer than 400 results exist (checked below). The timeout
        # only keeps a hung batch from hanging the suite; no speed is asserted.
        assert proc.wait(timeout=120) == 130
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    time.sleep(0.5)  # nothing keeps running in the background
    assert len(list(out.glob("*.json"))) < 400


def test_an_empty_article_in_a_batch_is_reported_not_counted_as_checked(tmp_path: Path) -> None:
    from conftest import TINY_REFERENCE, build_store

    from factcheck.batch import run_batch

    db = build_store(TINY_REFERENCE, tmp_path / "s.db")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "in" / "good.txt").write_text("Some 8,000 troops marched in 2023.", encoding="utf-8")
    summary = run_batch([str(tmp_path / "in")], tmp_path / "out", processes=1, db=db, progress=False)
    assert summary.errors == 1
    bad = next(r for r in summary.rows if r.source.endswith("empty.txt"))
    assert "holds no text to check" in bad.error
