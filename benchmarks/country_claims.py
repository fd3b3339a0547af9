"""How often factcheck reads a web sentence's number as the right statistic of the right country.

Data: labelled sentences (Vlachos & Riedel, EMNLP 2015), each with one number at [start, end),
the country and statistic it was found for, and a label: Y when the number really states that
statistic of that country, N when it does not. The store is built from the matching reference
tables (``--store``) in a temporary SQLite file, through the real importer.

A *link* is the figure's claim (metric, entity). For a row whose number the product links:
- to the row's (statistic, country): a true link when labelled Y, a false one when labelled N;
- to anything else on a Y row: a false link (and the true one missed); on an N row it is not
  counted, since the label says only what the number is not.
Precision = true / (true + false) links; recall = true links / Y rows.

Scored by 5 folds (a row's fold is fixed by its id): rules are written from the errors of four
folds (``--errors --hold-out K`` prints only those) and the fifth is scored blind.

    python benchmarks/country_claims.py ../shared/data/country_claims_dev.jsonl \
        --store ../shared/data/country_claims_dev_store
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.check import check_article  # noqa: E402
from factcheck.store.db import get_engine  # noqa: E402
from factcheck.store.importer import import_path  # noqa: E402

FOLDS = 5


def fold_of(row_id: str) -> int:
    """A row's fold, fixed by its id so every run splits the file the same way."""
    return int(hashlib.sha1(row_id.encode()).hexdigest(), 16) % FOLDS


def store_entity(country: str, entities: list[str]) -> str:
    """The store's spelling of a row's country (the file's text has some mangled characters)."""
    if country in entities:
        return country
    plain = "".join(ch for ch in country if ch.isascii())  # "C\ufffd\ufffdte" → "Cte"
    best = process.extractOne(plain, entities, scorer=fuzz.WRatio, processor=lambda s: "".join(c for c in s if c.isascii()))
    return best[0] if best and best[1] >= 80 else country


class Tally:
    """True and false links and Y rows, for one slice of the data."""

    def __init__(self) -> None:
        self.true = self.false = self.gold = 0

    def scores(self) -> tuple[float, float, float]:
        """(precision, recall, F1) in percent."""
        p = 100 * self.true / (self.true + self.false) if self.true + self.false else 0.0
        r = 100 * self.true / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def link_of(result, start: int, end: int) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    """The (metric, entity) of the checked figure that holds the tagged number, if it has a claim."""
    for fc in result.figures:
        f = fc.figure
        if f.start < end and start < f.end:
            return (fc.claim.metric, fc.claim.entity) if fc.claim is not None else None
    return None


def main(argv: list[str] | None = None) -> int:
    """Score every row; print overall, per statistic and per fold figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("claims", type=Path)
    ap.add_argument("--store", type=Path, required=True, help="folder of sources/metrics/observations CSVs")
    ap.add_argument("--errors", action="store_true", help="print the rows scored wrong")
    ap.add_argument("--hold-out", type=int, default=None, help="with --errors: leave this fold's rows out")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.claims.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        engine = get_engine(f"sqlite:///{tmp}/claims.db")
        import_path(engine, args.store)
        import csv

        entities = sorted({r["entity"] for r in csv.DictReader((args.store / "observations.csv").open(encoding="utf-8"))})
        overall, by_prop, by_fold = Tally(), defaultdict(Tally), defaultdict(Tally)
        t0 = time.perf_counter()
        for row in rows:
            gold = (row["property"], store_entity(row["country"], entities))
            result = check_article(row["text"], engine=engine)
            got = link_of(result, row["start"], row["end"])
            tallies = (overall, by_prop[row["property"]], by_fold[fold_of(row["id"])])
            wrong = ""
            for t in tallies:
                if row["label"] == "Y":
                    t.gold += 1
                if got is None:
                    continue
                if got == gold:
                    if row["label"] == "Y":
                        t.true += 1
                    else:
                        t.false += 1
                elif row["label"] == "Y":
                    t.false += 1
            if got == gold and row["label"] == "N":
                wrong = "false link"
            elif row["label"] == "Y" and got != gold:
                wrong = "missed" if got is None else f"linked to {got}"
            if args.errors and wrong and (args.hold_out is None or fold_of(row["id"]) != args.hold_out):
                s, e = row["start"], row["end"]
                why = next((fc.reason for fc in result.figures if fc.figure.start < e and s < fc.figure.end), "no figure read there")
                print(f"[{wrong}] {row['label']} {gold} :: {row['text'][:s]}[[{row['text'][s:e]}]]{row['text'][e:e + 80]}\n    → {why[:200]}")
        seconds = time.perf_counter() - t0
    print(f"{len(rows)} sentences, {overall.gold} Y rows, {seconds:.1f} s")
    print(f"{'slice':<32} {'P':>6} {'R':>6} {'F1':>6}  true false gold")
    for name, t in [("overall", overall)] + sorted(by_prop.items()) + [(f"fold {k}", by_fold[k]) for k in sorted(by_fold)]:
        p, r, f = t.scores()
        print(f"{name:<32} {p:6.1f} {r:6.1f} {f:6.1f}  {t.true:4} {t.false:5} {t.gold:4}")
    fold_scores = [by_fold[k].scores() for k in sorted(by_fold)]
    for i, name in enumerate(("P", "R", "F1")):
        vals = [s[i] for s in fold_scores]
        print(f"folds {name}: mean {statistics.mean(vals):.1f}, spread {min(vals):.1f}–{max(vals):.1f} (sd {statistics.pstdev(vals):.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
