"""Seconds `factcheck check` takes on an article, against plain quantulum3 on the same text.

Prints figures, asserts nothing. Usage:
    .venv/bin/python benchmarks/check_speed.py [ARTICLE] [--date 2023-05-09] [--db sqlite:///factcheck.db] [--runs 5]
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import time
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from speed import median_seconds  # noqa: E402  (one timing helper for every benchmark)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("article", nargs="?", default=str(ROOT / "samples" / "victory_day_2023.txt"))
    ap.add_argument("--date", default="2023-05-09")
    ap.add_argument("--db", default=f"sqlite:///{ROOT / 'factcheck.db'}")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    text = Path(args.article).read_text(encoding="utf-8")

    t0 = time.perf_counter()
    cli = [sys.executable, "-m", "factcheck", "--db", args.db, "check", args.article, "--date", args.date, "--format", "json"]
    subprocess.run(cli, check=True, stdout=subprocess.DEVNULL)
    cli_seconds = time.perf_counter() - t0

    warnings.filterwarnings("ignore", module="quantulum3")  # its optional-classifier notice
    from quantulum3 import parser

    from factcheck import check_article
    from factcheck.store.db import get_engine

    engine = get_engine(args.db)
    article_date = date.fromisoformat(args.date)
    t0 = time.perf_counter()
    result = check_article(text, article_date, engine=engine)
    first = time.perf_counter() - t0
    ours = median_seconds(lambda: check_article(text, article_date, engine=engine), args.runs)
    quantulum = median_seconds(lambda: parser.parse(text), args.runs)
    logging.disable(logging.CRITICAL)

    rows = [
        ("factcheck check, whole CLI process (start-up included)", f"{cli_seconds:.3f} s"),
        ("check_article, first call in this process", f"{first:.3f} s"),
        (f"check_article, warm median of {args.runs}", f"{ours:.4f} s"),
        (f"plain quantulum3 parser.parse, warm median of {args.runs}", f"{quantulum:.4f} s"),
        ("quantulum3 time / full check time (warm)", f"{quantulum / ours:.1f}x"),
    ]
    print(f"article: {args.article} ({len(text):,} chars, {len(result.figures)} figures)")
    for label, value in rows:
        print(f"{label:<58} {value:>10}")


if __name__ == "__main__":
    main()
