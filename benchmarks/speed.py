"""Speed of factcheck's extractor against plain quantulum3 on the same texts, in one run.

Texts: a ~13 KB news article written for this benchmark (benchmarks/data/), that article
repeated to 100 KB, and (ours only: plain quantulum3 would take over an hour) repeated to 1 MB.
Prints medians, the ratio, and the cold first call (import + first extraction, in a fresh
interpreter). Prints figures; asserts nothing.
Usage:
    .venv/bin/python benchmarks/speed.py [--runs 5] [--skip-100k-quantulum]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "benchmarks" / "data" / "harbour_city_budget.txt"
COLD = """
import time
t0 = time.perf_counter()
from factcheck.extract.reader import extract_figures
t1 = time.perf_counter()
extract_figures(open({path!r}, encoding="utf-8").read())
t2 = time.perf_counter()
print(f"{{t1 - t0:.3f}} {{t2 - t1:.3f}}")
"""


def repeat_to(text: str, size: int) -> str:
    """``text`` repeated (whole paragraphs) until it is at least ``size`` characters."""
    out = []
    total = 0
    while total < size:
        out.append(text)
        total += len(text) + 2
    return "\n\n".join(out)


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    """Time both extractors and print the table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="runs per median on the 13 KB article")
    ap.add_argument("--skip-100k-quantulum", action="store_true", help="skip plain quantulum3 on 100 KB (~1 min)")
    args = ap.parse_args(argv)

    cold = subprocess.run(
        [sys.executable, "-c", COLD.format(path=str(ARTICLE))], capture_output=True, text=True, check=True
    ).stdout.split()
    print(f"cold: import {float(cold[0]):.2f} s, first extraction of the article {float(cold[1]):.3f} s")

    from quantulum3 import parser as q3

    from factcheck.extract.reader import extract_figures

    article = ARTICLE.read_text(encoding="utf-8")
    big = repeat_to(article, 100_000)
    huge = repeat_to(article, 1_000_000)
    day = date(2023, 5, 9)

    def plain(text: str) -> Callable[[], object]:
        """One call of plain quantulum3 on the whole text."""
        return lambda: q3.parse(text)

    def ours(text: str) -> Callable[[], object]:
        """One call of our extractor on the whole text."""
        return lambda: extract_figures(text, day)

    plain(article)()  # load quantulum3's tables before timing
    logging.getLogger().setLevel(logging.WARNING)  # quantulum3 calls logging.basicConfig on every parse
    n_ours = len([f for f in extract_figures(article, day) if f.checkable])
    n_plain = len(q3.parse(article))
    print(f"article: {len(article):,} chars; ours {n_ours} checkable figures, plain quantulum3 {n_plain} quantities")
    rows: list[tuple[str, float, float | None]] = []
    t_ours = median_seconds(ours(article), args.runs)
    t_plain = median_seconds(plain(article), max(1, args.runs // 2))
    rows.append((f"{len(article) / 1000:.0f} KB article (median of runs)", t_ours, t_plain))
    t_ours_big = median_seconds(ours(big), 3)
    t_plain_big = None if args.skip_100k_quantulum else median_seconds(plain(big), 1)
    rows.append((f"{len(big) / 1000:.0f} KB (repeated)", t_ours_big, t_plain_big))
    t_ours_huge = median_seconds(ours(huge), 1)
    rows.append((f"{len(huge) / 1_000_000:.1f} MB (repeated)", t_ours_huge, None))

    print(f"{'text':<34}{'ours s':>10}{'quantulum3 s':>14}{'ratio':>9}")
    for name, a, b in rows:
        ratio = f"{b / a:8.1f}x" if b else "        -"
        plain_s = f"{b:14.3f}" if b else f"{'(not run)':>14}"
        print(f"{name:<34}{a:10.3f}{plain_s}{ratio}")


if __name__ == "__main__":
    main()
