"""The NewsQuant rows on the project's own held-out sentences (benchmarks/data/*_news_*.json), one column per file.

The NewsQuant dev file is the only annotated news text in ../shared/, and the extractor's rules
were written from it; the unseen half is scored elsewhere. These files stand in for unseen text:
news-style sentences written for this project by sessions that never read the extractor's code,
annotated after the dev file's conventions. ``own_news_*`` files were written first and their
errors were then read to find phenomena to fix; ``blind_news_*`` were written later and are kept
for measuring only (read their scores, never their errors). Where a writer had to choose a
convention the dev file leaves open (a "from X to Y" pair, "p" for pence, "percentage point"),
the rows differ for naming alone, so compare a row across versions of the extractor, not with dev.

Usage:
    .venv/bin/python benchmarks/own_sentences.py [--no-parse] [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import newsquant as nq
from newsquant_folds import prf

DATA = Path(__file__).resolve().parent / "data"


def main(argv: list[str] | None = None) -> int:
    """Score each file and all of them pooled; print F1 per row, one line per file."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, help="NewsQuant-format files (default: benchmarks/data/*_news_*.json)")
    ap.add_argument("--no-parse", action="store_true", help="no dependency parse: concepts from the regex rules alone")
    args = ap.parse_args(argv)
    files = args.files or sorted(DATA.glob("*_news_*.json"))
    if not files:
        ap.error(f"no *_news_*.json files in {DATA}")
    nq.PARSE[0] = not args.no_parse
    columns: dict[str, dict[str, tuple[float, float, float]]] = {}
    # pooled counts: every file, and the blind and the own files apart (the gap between them is how
    # much the rules fit the sentences they were written from)
    totals: dict[str, dict[str, list[int]]] = {k: {row: [0, 0, 0] for row in nq.ROWS} for k in ("all blind", "all own", "all")}
    sizes = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        scores = [nq.score_sentence(item) for item in data]
        columns[path.stem] = nq.pooled(scores)
        pools = ["all"] + [f"all {k}" for k in ("blind", "own") if path.stem.startswith(k + "_")]
        for pool in pools:
            for row in nq.ROWS:
                for i in range(3):
                    totals[pool][row][i] += sum(s.counts[row][i] for s in scores)
        sizes.append(f"{path.stem}: {len(data)} sentences, {sum(len(d['quantities']) for d in data)} quantities")
    for pool, counts in totals.items():
        if counts["value"] != [0, 0, 0]:
            columns[pool] = {row: prf(*counts[row]) for row in nq.ROWS}
    print("\n".join(sizes))
    names = list(columns)
    short = [n.replace("_news_", " ").replace("_", "/") for n in names]  # "blind auto/world", "own sports/science"
    width = max(len(n) for n in short) + 2
    heads = ["value", "+unit", "+change", "+concept", "head"]  # the rows of newsquant.py, in its order
    print(f"\nF1 per file{'':<{width - 11}}" + "".join(f"{h:>10}" for h in heads))
    for name, label in zip(names, short):
        print(f"{label:<{width}}" + "".join(f"{columns[name][row][2]:10.1f}" for row in nq.ROWS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
