"""How often a verdict is right on sentences written blind, above all how often it is a false conflict.

Data: JSON lines ``{"text", "figure", "expected", "why"}`` (``benchmarks/data/blind_verdicts_*.jsonl``),
written by a session that never read the resolver, against a small store of country statistics
(``benchmarks/data/verdict_store/``: synthetic values, for measuring only, never reference data).
Each text is checked through the real importer and ``check_article`` as an article of the date its
dateline or byline gives, as the app and the CLI read it, else of ``--date``;
the figure is found by its surface. A *false conflict* is a conflict where the label says agree or
no source: the worst error the product can make. Printed: the confusion table, accuracy, false
conflicts and missed agreements, and (``--errors``) the rows scored wrong.

    .venv/bin/python benchmarks/verdict_probe.py benchmarks/data/blind_verdicts_nstore.jsonl \
        --store benchmarks/data/verdict_store
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.check import check_article  # noqa: E402
from factcheck.read.htmltext import text_to_article  # noqa: E402
from factcheck.store.db import get_engine  # noqa: E402
from factcheck.store.importer import import_path  # noqa: E402

LABELS = ("agree", "conflict", "no_source")
FOLDS = 5


def fold_of(text: str) -> int:
    """A row's fold, fixed by its text: rules are written from the errors of four folds, the fifth is scored blind."""
    return int(hashlib.sha1(text.encode()).hexdigest(), 16) % FOLDS


def verdict_of(text: str, figure: str, article_date: date, db: str) -> tuple[str, str]:
    """The verdict and reason of the figure at ``figure``'s first occurrence in ``text`` (an article of
    ``article_date`` when its own dateline or byline gives no date): the first whose
    span overlaps it ("missing" when none does). A figure elsewhere whose surface is only part of the
    label ("5" in "25") is another figure."""
    result = check_article(text, text_to_article(text).date or article_date, db)
    at = text.find(figure)
    end = at + len(figure)
    for fc in result.figures:
        if at >= 0 and fc.figure.start < end and at < fc.figure.end and fc.figure.surface.strip():
            return fc.verdict, fc.reason
    return "missing", "no figure with that surface"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rows")
    ap.add_argument("--store", required=True, help="folder of sources/metrics/observations CSVs")
    ap.add_argument("--date", default="2023-06-01", help="the date of an article whose text gives none (YYYY-MM-DD)")
    ap.add_argument("--errors", action="store_true", help="print the rows scored wrong")
    ap.add_argument("--hold-out", type=int, default=None, help="with --errors: leave this fold's rows out")
    args = ap.parse_args()
    rows = [json.loads(line) for line in Path(args.rows).read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "store.db")
        import_path(get_engine(f"sqlite:///{db}"), Path(args.store))
        table: Counter[tuple[str, str]] = Counter()
        per_fold: dict[int, list[tuple[str, str]]] = {k: [] for k in range(FOLDS)}
        wrong = []
        for row in rows:
            got, reason = verdict_of(row["text"], row["figure"], date.fromisoformat(args.date), db)
            got = "no_source" if got == "not_checkable" else got
            table[(row["expected"], got)] += 1
            if got != row["expected"]:
                wrong.append((row, got, reason))
            per_fold[fold_of(row["text"])].append((row["expected"], got))
    print(f"{len(rows)} rows; expected (rows) x got (columns)")
    cols = LABELS + ("missing",)
    print(f"{'':12}" + "".join(f"{c:>11}" for c in cols))
    for e in LABELS:
        print(f"{e:12}" + "".join(f"{table[(e, c)]:>11}" for c in cols))
    right = sum(table[(e, e)] for e in LABELS)
    false_conflicts = sum(table[(e, "conflict")] for e in LABELS if e != "conflict")
    conflicts = sum(table[(e, "conflict")] for e in LABELS)
    print(f"accuracy {100 * right / max(1, len(rows)):.1f}%")
    print(f"false conflicts {false_conflicts} of {conflicts} conflicts given"
          f" (precision of 'conflict' {100 * (conflicts - false_conflicts) / max(1, conflicts):.1f}%)")
    agrees = sum(table[("agree", c)] for c in cols)
    print(f"agreements found {table[('agree', 'agree')]} of {agrees}; conflicts found {table[('conflict', 'conflict')]} of "
          f"{sum(table[('conflict', c)] for c in cols)}")
    print("per fold: rows / right / false conflicts")
    for k, pairs in per_fold.items():
        fc = sum(1 for e, g in pairs if g == "conflict" and e != "conflict")
        print(f"  fold {k}: {len(pairs):3} / {sum(1 for e, g in pairs if e == g):3} / {fc}")
    if args.errors:
        for row, got, reason in wrong:
            if args.hold_out is not None and fold_of(row["text"]) == args.hold_out:
                continue
            print(f"\n{row['expected']} → {got}: {row['text']}\n    [{row['figure']}] {row.get('why', '')}\n    {reason}")


if __name__ == "__main__":
    main()
