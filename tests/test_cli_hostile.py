"""The CLI against a hostile user: every bad input is one ``Error: …`` line (or an argparse usage
error, exit 2) and changes no file, store included.

Each case is (argv, the last line of stderr, exit code). ``{store}`` is a SQLite store built from
the tiny reference data in the test's folder, which is also the working directory; files the cases
name are made by ``hostile_files``. After every case the folder must be byte for byte as before.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import main

from conftest import ROOT, TINY_REFERENCE, build_store

NO_STORE = (
    "Error: there is no reference store at {tmp}/typo.db: build it with 'make db' or "
    "'factcheck --db {tmp}/typo.db import reference_data', or fix the path given by --db / FACTCHECK_DB"
)
NOT_A_STORE = (
    "Error: {where} is not a factcheck store ({why}): point --db / FACTCHECK_DB at the file 'make db' built, "
    "or build a new one with 'factcheck --db NEW.db import reference_data'"
)
EMPTY = "Error: {source} holds no text to check; give the article's text (a .txt, .md or .html file, '-' or a URL)"
ADIR = "adir"

# (argv, last line of stderr, exit code)
CASES: list[tuple[list[str], str, int]] = [
    # the article: missing, a folder, empty, blank, binary, over the limit
    (["check", "nosuch.txt"], "Error: nosuch.txt: not found; give an article file (.txt, .md, .html), '-' for stdin, or an http(s) URL", 1),
    (["extract", ADIR], "Error: adir: a directory; to check every article in it, give a results folder: --out DIR", 1),
    (["check", ADIR], "Error: checking several articles or a folder needs --out DIR for the results", 1),
    (["check", "empty.txt"], EMPTY.format(source="empty.txt"), 1),
    (["check", "blank.txt", "--date", "2023-05-09"], EMPTY.format(source="blank.txt"), 1),
    (["extract", "empty.txt"], EMPTY.format(source="empty.txt"), 1),
    (["check", "binary.txt"], "Error: binary.txt is not text (it looks like a binary file); give a .txt, .md or .html article", 1),
    (["extract", "big.txt"], "Error: big.txt is over 4,000 bytes, too long for an article of at most 1,000 characters; split it or raise FACTCHECK_MAX_ARTICLE_CHARS", 1),
    (["check", "ftp://example.org/story"], "Error: ftp://example.org/story: not found; give an article file (.txt, .md, .html), '-' for stdin, or an http(s) URL", 1),
    # option values
    (["check", "good.txt", "--date", "0"], "factcheck check: error: argument --date: not a date: '0' (use YYYY-MM-DD, e.g. 2023-05-09)", 2),
    (["check", "good.txt", "--date", "-1"], "factcheck check: error: argument --date: not a date: '-1' (use YYYY-MM-DD, e.g. 2023-05-09)", 2),
    (["check", "good.txt", "--date", "2023-02-30"], "factcheck check: error: argument --date: not a date: '2023-02-30' (use YYYY-MM-DD, e.g. 2023-05-09)", 2),
    (["extract", "good.txt", "--date", "0001-01-01"], "factcheck extract: error: argument --date: not an article date: '0001-01-01' (the year must be 1000–2999)", 2),
    (["check", "good.txt", "--format", "xml"], "factcheck check: error: argument --format: invalid choice: 'xml' (choose from 'table', 'json', 'md', 'csv', 'claimreview')", 2),
    (["check", "good.txt", "good.txt", "--out", "res", "--processes", "0"], "factcheck check: error: argument --processes: '0' is not a whole number of at least 1", 2),
    (["check", "good.txt", "good.txt", "--out", "res", "--processes", "-2"], "factcheck check: error: argument --processes: '-2' is not a whole number of at least 1", 2),
    (["check", "good.txt", "good.txt", "--out", "res", "--processes", "two"], "factcheck check: error: argument --processes: 'two' is not a whole number of at least 1", 2),
    (["lookup", "troops", "--year", "0"], "factcheck lookup: error: argument --year: not a year: '0' (use the four-digit year, e.g. 2020)", 2),
    (["lookup", "troops", "--year", "-5"], "factcheck lookup: error: argument --year: not a year: '-5' (use the four-digit year, e.g. 2020)", 2),
    (["lookup", "troops", "--year", "twenty"], "factcheck lookup: error: argument --year: not a year: 'twenty' (use the four-digit year, e.g. 2020)", 2),
    (["lookup", "troops", "--limit", "0"], "factcheck lookup: error: argument --limit: '0' is not a whole number of at least 1", 2),
    (["lookup", "troops", "--limit", "-1"], "factcheck lookup: error: argument --limit: '-1' is not a whole number of at least 1", 2),
    (["lookup", "  "], 'factcheck lookup: error: argument query: give some words naming what is counted, e.g. "parade troops"', 2),
    # -o: a missing folder, a folder, the article itself
    (["check", "good.txt", "-o", "missing/out.json"], "Error: cannot write missing/out.json: the folder missing does not exist; create it first or choose another -o", 1),
    (["extract", "good.txt", "-o", ADIR], "Error: -o adir is a folder; give a file name in it (e.g. adir/check.json)", 1),
    (["check", "good.txt", "--date", "2023-05-09", "-o", "good.txt"], "Error: -o good.txt is the article being checked; writing there would overwrite it: choose another file", 1),
    (["extract", "good.txt", "-o", "./good.txt"], "Error: -o ./good.txt is the article being checked; writing there would overwrite it: choose another file", 1),
    # --db: a typo, a missing folder, a folder, not a database, another program's database, a bogus scheme
    (["--db", "{tmp}/typo.db", "check", "good.txt"], NO_STORE, 1),
    (["--db", "{tmp}/typo.db", "lookup", "troops"], NO_STORE, 1),
    (["--db", "{tmp}/typo.db", "export-data", "exported"], NO_STORE, 1),
    (["--db", "{tmp}/nofolder/x.db", "import", str(TINY_REFERENCE)], "Error: cannot create a store at {tmp}/nofolder/x.db: the folder {tmp}/nofolder does not exist; create it or fix the --db path", 1),
    (["--db", "{tmp}/adir", "check", "good.txt"], NOT_A_STORE.format(where="{tmp}/adir", why="it is a folder"), 1),
    (["--db", "{tmp}/good.txt", "lookup", "troops"], NOT_A_STORE.format(where="{tmp}/good.txt", why="file is not a database"), 1),
    (["--db", "{tmp}/good.txt", "import", str(TINY_REFERENCE)], NOT_A_STORE.format(where="{tmp}/good.txt", why="file is not a database"), 1),
    (["--db", "{tmp}/other.db", "import", str(TINY_REFERENCE)], NOT_A_STORE.format(where="{tmp}/other.db", why="it holds other tables, none of factcheck's"), 1),
    (["--db", "{tmp}/other.db", "check", "good.txt"], NOT_A_STORE.format(where="{tmp}/other.db", why="it has no reference tables"), 1),
    (["--db", "bogus://x", "lookup", "troops"], "Error: cannot use the database address 'bogus://x' (no driver for 'bogus': Can't load plugin: sqlalchemy.dialects:bogus): give a SQLite file (factcheck.db, sqlite:///factcheck.db) or a PostgreSQL address (postgresql+psycopg://user@host/name)", 1),
    (["--db", "{tmp}/empty_store.db", "check", "good.txt"], "Error: the reference store is empty: run 'factcheck import reference_data' (or 'make db') first", 1),
    # import of a wrong folder or a bad file; export-data over existing files or into a file
    (["--db", "{store}", "import", ADIR], "Error: adir: no reference CSV files here (name reference files sources*.csv, metrics*.csv or observations*.csv)", 1),
    (["--db", "{store}", "import", "nosuch"], "Error: nosuch: no such file or folder (check the path)", 1),
    (["--db", "{store}", "import", "binary.txt"], "Error: binary.txt: cannot tell which table this file is for (name reference files sources*.csv, metrics*.csv or observations*.csv)", 1),
    (["--db", "{store}", "import", "broken"], "Error: broken/observations.csv:3: not readable as CSV: unexpected end of data (save it again as CSV from the spreadsheet)", 1),
    (["--db", "{tmp}/new.db", "import", "broken"], "Error: broken/observations.csv:3: not readable as CSV: unexpected end of data (save it again as CSV from the spreadsheet)", 1),
    (["--db", "{store}", "export-data", "broken"], "Error: broken/sources.csv already exists; export-data does not overwrite reference files (edits not yet imported would be lost): choose an empty or new folder, or add --force to replace them", 1),
    (["--db", "{store}", "export-data", "good.txt"], "Error: good.txt is a file, not a folder; give a folder for sources.csv, metrics.csv and observations.csv", 1),
    # an empty string would mean the current folder or the default store
    (["check", ""], "factcheck check: error: argument INPUT: is empty; give a file, folder or address", 2),
    (["check", "good.txt", "-o", ""], "factcheck check: error: argument -o/--output: is empty; give a file, folder or address", 2),
    (["import", ""], "factcheck import: error: argument path: is empty; give a file, folder or address", 2),
    (["export-data", " "], "factcheck export-data: error: argument dir: is empty; give a file, folder or address", 2),
    (["--db", "", "lookup", "troops"], "factcheck: error: argument --db: is empty; give a file, folder or address", 2),
    # no command, no input
    ([], "factcheck: error: the following arguments are required: command", 2),
    (["check"], "factcheck check: error: the following arguments are required: INPUT", 2),
]


@pytest.fixture
def hostile_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the files the cases name, a store as FACTCHECK_DB, and a small size limit."""
    import sqlite3

    (tmp_path / "good.txt").write_text("Some 8,000 troops marched on Red Square in 2023.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "big.txt").write_text("8 troops. " * 500, encoding="utf-8")
    (tmp_path / ADIR).mkdir()
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("sources.csv", "metrics.csv"):
        (broken / name).write_bytes((TINY_REFERENCE / name).read_bytes())
    head = (TINY_REFERENCE / "observations.csv").read_text(encoding="utf-8").splitlines()[:2]
    (broken / "observations.csv").write_text("\n".join(head) + '\nparade_troops,"no end\n', encoding="utf-8")
    with sqlite3.connect(tmp_path / "other.db") as con:
        con.execute("create table notes (body text)")
    con.close()
    from factcheck.store.db import get_engine

    get_engine(f"sqlite:///{tmp_path / 'empty_store.db'}")  # the tables, no figures
    store = build_store(TINY_REFERENCE, tmp_path / "store.db")
    monkeypatch.setenv("FACTCHECK_DB", store)
    monkeypatch.setenv("FACTCHECK_MAX_ARTICLE_CHARS", "1000")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and a hash of its bytes (SQLite's -shm index changes on reads)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith("-shm")
    }


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``factcheck ARGV`` in this process: its exit code (argparse's included) and its stderr."""
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("argv, line, code", CASES, ids=[" ".join(c[0]) or "(nothing)" for c in CASES])
def test_bad_input_is_one_clear_line_and_changes_nothing(
    hostile_files: Path, capsys: pytest.CaptureFixture[str], argv: list[str], line: str, code: int
) -> None:
    tmp = str(hostile_files)
    store = os.environ["FACTCHECK_DB"]
    argv = [a.format(tmp=tmp, store=store) for a in argv]
    before = snapshot(hostile_files)
    got, err = run_main(argv, capsys)
    assert "Traceback" not in err, (argv, err)
    assert err.rstrip("\n").splitlines()[-1] == line.format(tmp=tmp), (argv, err)
    if code == 1:
        assert len(err.splitlines()) == 1, (argv, err)
    assert got == code, (argv, err)
    assert snapshot(hostile_files) == before, f"{argv} changed files"


def test_empty_or_closed_standard_input(hostile_files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert run_main(["check", "-"], capsys) == (1, EMPTY.format(source="standard input") + "\n")
    monkeypatch.setattr(sys, "stdin", None)
    code, err = run_main(["extract", "-"], capsys)
    assert (code, err) == (1, "Error: standard input is closed, so '-' has nothing to read; pipe the article in (… | factcheck check -) or give a file\n")


def test_ctrl_c_during_an_import_leaves_no_new_store(
    hostile_files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("factcheck.store.importer.import_path", interrupted)
    code, err = run_main(["--db", str(hostile_files / "fresh.db"), "import", str(TINY_REFERENCE)], capsys)
    assert (code, err) == (130, "Error: interrupted (Ctrl-C): the import is all or nothing, so the store is as it was before\n")
    assert not list(hostile_files.glob("fresh.db*"))


def test_ctrl_c_during_a_check_says_what_was_written(
    hostile_files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sys.modules["factcheck.check"], "check_article", interrupted)  # the package's `check` hides the module
    monkeypatch.setattr("factcheck.batch.run_batch", interrupted)
    assert run_main(["check", "good.txt", "--date", "2023-05-09"], capsys) == (130, "Error: interrupted (Ctrl-C); nothing was written\n")
    code, err = run_main(["check", "good.txt", "good.txt", "--out", "res"], capsys)
    assert (code, err) == (130, "Error: interrupted (Ctrl-C): only the results already in res were written; run it again to finish\n")


def test_more_processes_than_cores_is_capped_with_a_warning(
    hostile_files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []

    def fake_batch(*_args: object, processes: int, **_kwargs: object) -> None:
        asked.append(processes)
        raise KeyboardInterrupt  # stop here: the number is what this test is about

    monkeypatch.setattr("factcheck.batch.run_batch", fake_batch)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    code, err = run_main(["check", "good.txt", "blank.txt", "--out", "res", "--processes", "500"], capsys)
    assert asked == [2] and code == 130
    assert err.splitlines()[0] == "warning: 500 processes asked for, but this machine has 2 cores; using 2"


def test_export_data_force_replaces_and_then_imports_back(hostile_files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = hostile_files / "exported"
    assert run_main(["export-data", str(out)], capsys)[0] == 0
    assert run_main(["export-data", str(out)], capsys)[0] == 1
    assert run_main(["export-data", str(out), "--force"], capsys)[0] == 0
    assert run_main(["--db", str(hostile_files / "again.db"), "import", str(out)], capsys)[0] == 0


def _run_unprivileged(argv: list[str], cwd: Path) -> tuple[int, str]:
    """Run the CLI as the unprivileged user 'nobody' (root may read and write anywhere)."""
    proc = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "factcheck", *argv],
        cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "HOME": str(cwd), "FACTCHECK_DB": f"sqlite:///{cwd / 'store.db'}"},
    )  # fmt: skip
    return proc.returncode, proc.stderr


def _others_can_reach(path: Path) -> bool:
    """Whether every folder above ``path`` lets other users through (a 0700 parent shuts 'nobody' out)."""
    return all(os.stat(p).st_mode & 0o001 for p in path.resolve().parents)


def test_read_only_places(hostile_files: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    """Unwritable -o targets and unreadable articles: one clear line each (as 'nobody' when run as root)."""
    as_root = os.geteuid() == 0
    if as_root and not _others_can_reach(ROOT / "factcheck"):
        pytest.skip(f"run as root from {ROOT}, whose parent folders 'nobody' may not enter: clone to a world-searchable place")
    if as_root:  # a folder 'nobody' may enter, holding the store and the article
        import shutil
        import tempfile

        work = Path(tempfile.mkdtemp(prefix="factcheck-ro-"))
        work.chmod(0o777)  # SQLite in WAL mode writes its -wal/-shm files beside the store
        shutil.copy(hostile_files / "good.txt", work / "good.txt")
        import sqlite3

        src, dst = sqlite3.connect(hostile_files / "store.db"), sqlite3.connect(work / "store.db")
        src.backup(dst)  # a file copy would miss what still sits in the -wal file
        src.close()
        dst.close()
        (work / "good.txt").chmod(0o644)
        (work / "store.db").chmod(0o666)
    else:
        work = hostile_files
    locked = work / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    (work / "secret.txt").write_text("8 troops", encoding="utf-8")
    (work / "secret.txt").chmod(0)

    def cli(argv: list[str]) -> tuple[int, str]:
        return _run_unprivileged(argv, work) if as_root else run_main(argv, capsys)

    try:
        code, err = cli(["check", "good.txt", "-o", "locked/out.json"])
        assert (code, err) == (1, "Error: cannot write locked/out.json (permission denied); choose a place you may write to\n")
        code, err = cli(["export-data", "locked/out"])
        assert (code, err) == (1, "Error: cannot write locked/out (Permission denied); choose a place you may write to\n")
        code, err = cli(["check", "secret.txt"])
        assert (code, err) == (1, "Error: secret.txt: cannot be read (Permission denied)\n")
    finally:
        locked.chmod(0o755)
        if as_root:
            import shutil

            shutil.rmtree(work, ignore_errors=True)


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text("In 2023 some 8,000 troops and 12 tanks marched. " * 2000, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "extract", str(article)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader went away, as `| head` does
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 1
    assert err == "", err
