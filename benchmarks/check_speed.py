"""Seconds `factcheck check` takes on an article, against plain quantulum3 on the same text.

Prints figures, asserts nothing. Usage:
    .venv/bin/python benchmarks/check_speed.py [ARTICLE] [--date 2023-05-09] [--db sqlite:///factcheck.db] [--runs 5]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    """Median wall time of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


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

    from quantulum3 import parser

    from factcheck import check_article
    from factcheck.store import get_engine

    engine = get_engine(args.db)
    article_date = date.fromisoformat(args.date)
    t0 = time.perf_counter()
    result = check_article(text, article_date, engine=engine)
    first = time.perf_counter() - t0
    ours = median_seconds(lambda: check_article(text, article_date, engine=engine), args.runs)
    quantulum = median_seconds(lambda: parser.parse(text), args.runs)
    logging.disable(logging.CRITICAL)

    print(f"article: {args.article} ({len(text):,} chars, {len(result.figures)} figures)")
    print(f"factcheck check (CLI process, incl. start-up): {cli_seconds:.3f} s")
    print(f"check_article, first call in process:          {first:.3f} s")
    print(f"check_article, warm median of {args.runs}:            {ours:.4f} s")
    print(f"quantulum3 parser.parse, warm median of {args.runs}:  {quantulum:.4f} s")
    print(f"ratio quantulum3 / full check (warm):          {quantulum / ours:.1f}x")


if __name__ == "__main__":
    main()
