"""Shared fixtures: real SQLite stores built from CSV files, and the sample article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DATA = ROOT / "reference_data"
TINY_REFERENCE = Path(__file__).resolve().parent / "cases" / "tiny_reference"
SAMPLE_ARTICLE = ROOT / "samples" / "victory_day_2023.txt"
SAMPLE_DATE = date(2023, 5, 9)


def in_fresh_python(code: str) -> None:
    """Run ``code`` in a new interpreter (nothing imported or defined yet); it must print "ok"."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok", done.stdout


def build_store(csv_dir: Path, db_file: Path) -> str:
    """Import a folder of reference CSVs into a new SQLite file; return its URL."""
    from factcheck.store.importer import import_path
    from factcheck.store.db import get_engine

    url = f"sqlite:///{db_file}"
    import_path(get_engine(url), csv_dir)
    return url


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file built from the whole of reference_data/ (read-only use, please)."""
    return build_store(REFERENCE_DATA, tmp_path_factory.mktemp("refdb") / "reference.db")


@pytest.fixture()
def tiny_db(tmp_path: Path) -> str:
    """A fresh SQLite file built from the tiny test reference data (safe to write to)."""
    return build_store(TINY_REFERENCE, tmp_path / "tiny.db")


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The project's own sample article (Victory Day 2023, Bakhmut)."""
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_date() -> date:
    """The sample article's publication date."""
    return SAMPLE_DATE
