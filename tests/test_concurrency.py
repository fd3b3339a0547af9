"""Two processes writing checks and reviews at once lose nothing; a stale review is refused.

Runs on a SQLite file in WAL mode, and on PostgreSQL when ``FACTCHECK_TEST_PG_URL`` is set
(``make test-postgres``; each test gets a database of its own there).

Each worker process makes ``ROUNDS`` rounds of three writes: a new check, a review on that
check, and a review on one check both workers share (reloading and retrying when the other
worker got there first). Afterwards every check, every review and every version bump is
counted: a lost write would show up as a missing row or a version that is too low.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from factcheck.errors import ConflictError
from factcheck.figures import CheckResult
from factcheck.store.reviews import load_check, recheck, save_check, set_review
from factcheck.store.db import CheckRow, ReviewRow, get_engine
from pgtemp import temporary_database

ROUNDS = 150  # per worker; three writes a round, so 450 writes each, 900 in all
WORKERS = 2

# The worker runs in a fresh interpreter (no fork of the test process and its engines).
WORKER = r"""
import json, sys, time
from factcheck.errors import ConflictError
from factcheck.figures import CheckResult
from factcheck.store.reviews import load_check, save_check, set_review
from factcheck.store.db import get_engine

url, name, rounds, shared, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
engine = get_engine(url, create=False)
deadline = time.monotonic() + 60
while not __import__("os").path.exists(go):  # start both workers together
    if time.monotonic() > deadline:
        sys.exit("the go file never appeared")
    time.sleep(0.005)
conflicts = writes = 0
started = time.monotonic()
for i in range(rounds):
    cid = save_check(engine, CheckResult(text=f"{name} article {i}: some 8,000 troops.", title=f"{name}-{i}"))
    writes += 1
    version = load_check(engine, cid).version
    set_review(engine, cid, "0:10:some 8,000", expected_version=version, note=f"{name} {i}", updated_by=name)
    writes += 1
    while True:  # the shared check: reload and retry when the other worker wrote first
        version = load_check(engine, shared).version
        try:
            set_review(engine, shared, f"{name}:{i}", expected_version=version, done=True, updated_by=name)
            writes += 1
            break
        except ConflictError:
            conflicts += 1
print(json.dumps({"name": name, "writes": writes, "conflicts": conflicts, "start": started, "end": time.monotonic()}))
"""


def _child_env() -> dict[str, str]:
    """The environment of a worker: this checkout's factcheck first on the path."""
    root = str(Path(__file__).resolve().parent.parent)
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store: a SQLite file, or a new PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'concurrency.db'}"
        return
    with temporary_database("fc_conc") as url:
        yield url


def test_two_processes_lose_nothing(store_url: str, tmp_path: Path) -> None:
    engine = get_engine(store_url)  # creates the tables before the workers start
    shared = save_check(engine, CheckResult(text="The shared article: 13,000 troops.", title="shared"))
    go = tmp_path / "go"
    env = _child_env()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, store_url, f"w{n}", str(ROUNDS), str(shared), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(WORKERS)
    ]
    time.sleep(0.2)
    go.touch()
    reports = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, f"worker failed:\n{err}"
        reports.append(json.loads(out.strip().splitlines()[-1]))

    made = sum(r["writes"] for r in reports)
    assert made == WORKERS * ROUNDS * 3
    first, second = reports
    assert first["start"] < second["end"] and second["start"] < first["end"], "the workers did not overlap"
    with Session(engine) as session:
        checks = session.exec(select(func.count()).select_from(CheckRow)).one()
        reviews = session.exec(select(func.count()).select_from(ReviewRow)).one()
        bumped = session.exec(select(func.count()).select_from(CheckRow).where(CheckRow.version == 2)).one()
    assert checks == 1 + WORKERS * ROUNDS  # every new check is there
    assert reviews == 2 * WORKERS * ROUNDS  # one on each own check, one per round on the shared one
    assert bumped == WORKERS * ROUNDS  # each own check was reviewed once
    saved = load_check(engine, shared)
    assert saved.version == 1 + WORKERS * ROUNDS  # no review on the shared check overwrote another
    assert sorted(saved.reviews) == sorted(f"w{n}:{i}" for n in range(WORKERS) for i in range(ROUNDS))
    assert all(r.done for r in saved.reviews.values())
    for n in range(WORKERS):  # the reviews on own checks carry their own notes
        own = load_check(engine, _check_id(engine, f"w{n}-{ROUNDS - 1}"))
        assert [r.note for r in own.reviews.values()] == [f"w{n} {ROUNDS - 1}"]


def _check_id(engine: object, title: str) -> int:
    with Session(engine) as session:  # type: ignore[arg-type]
        row = session.exec(select(CheckRow).where(CheckRow.title == title)).one()
        assert row.id is not None
        return row.id


def test_stale_review_is_refused_not_applied(store_url: str) -> None:
    engine = get_engine(store_url)
    cid = save_check(engine, CheckResult(text="Some 8,000 troops marched.", title="two tabs"))
    tab_a = load_check(engine, cid)
    tab_b = load_check(engine, cid)
    assert tab_a.version == tab_b.version == 1

    assert set_review(engine, cid, "k", expected_version=tab_a.version, verdict_override="agree", note="A") == 2
    with pytest.raises(ConflictError) as err:
        set_review(engine, cid, "k", expected_version=tab_b.version, verdict_override="conflict", note="B")
    assert "loaded version 1, it is now version 2" in str(err.value)
    assert "reload it" in str(err.value)
    after = load_check(engine, cid)
    assert after.version == 2
    assert after.reviews["k"].note == "A"
    assert after.reviews["k"].verdict_override == "agree"

    # A new figure key on a stale version is refused as well: the whole check is versioned.
    with pytest.raises(ConflictError):
        set_review(engine, cid, "other", expected_version=1, note="B")
    assert set(load_check(engine, cid).reviews) == {"k"}

    # A re-check with a stale version is refused too and leaves the stored result alone.
    with pytest.raises(ConflictError):
        recheck(engine, cid, CheckResult(text="changed", title="two tabs"), expected_version=1)
    assert load_check(engine, cid).result.text == "Some 8,000 troops marched."


def test_stale_review_from_another_process(store_url: str) -> None:
    """A process that loaded version 1 is refused after this one saved version 2."""
    engine = get_engine(store_url)
    cid = save_check(engine, CheckResult(text="13,000 troops.", title="p"))
    loaded = load_check(engine, cid).version
    set_review(engine, cid, "k", expected_version=loaded, note="here")
    code = (
        "import sys\n"
        "from factcheck.errors import ConflictError\n"
        "from factcheck.store.reviews import set_review\n"
        "from factcheck.store.db import get_engine\n"
        "try:\n"
        "    set_review(get_engine(sys.argv[1], create=False), int(sys.argv[2]), 'k', expected_version=1, note='there')\n"
        "except ConflictError as e:\n"
        "    print('refused:', e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, store_url, str(cid)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=_child_env(),
    ).stdout
    assert out.startswith("refused: check"), out
    assert load_check(engine, cid).reviews["k"].note == "here"


def test_processes_opening_a_new_store_at_once(store_url: str) -> None:
    """Four processes creating the tables of an empty store together all succeed (init_db)."""
    code = "import sys\nfrom factcheck.store.db import get_engine\nget_engine(sys.argv[1])\nprint('ok')\n"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, store_url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_child_env()
        )
        for _ in range(4)
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and out.strip() == "ok", err
    engine = get_engine(store_url, create=False)
    assert save_check(engine, CheckResult(text="1 tank.")) == 1


def test_sqlite_store_is_opened_in_wal_mode(tmp_path: Path) -> None:
    """Readers never wait for the writer, and a writer waits (busy_timeout) instead of failing."""
    engine = get_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
