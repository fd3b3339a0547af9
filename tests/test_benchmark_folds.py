"""The NewsQuant benchmark's fold split and strict concept head (benchmarks/, not the package).

Cheap: no extraction runs. The fold split must be the same on every run, keep near-duplicates
in one fold and give folds of one size; the head heuristic must read the documented cases.
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import concept_head  # noqa: E402
import newsquant_folds  # noqa: E402
from concept_head import concept_head as head  # noqa: E402
from newsquant_folds import assign_folds, print_fold_table, prf  # noqa: E402

from factcheck.resolve.wording import stem  # noqa: E402

TEXTS = [f"Alpha{i}x beta{i}y gamma{i}z delta{i}w rose {i * 7} percent." for i in range(40)] + [
    "He was traveling at a speed of 15 to 22 miles per hour.",
    "He was traveling at a speed of 15-22 miles per hour.",
]


def test_doctests_of_the_benchmark_helpers_pass() -> None:
    for module in (concept_head, newsquant_folds):
        assert doctest.testmod(module).failed == 0


def test_folds_are_fixed_balanced_and_keep_near_duplicates_together() -> None:
    weights = [1] * len(TEXTS)
    folds = assign_folds(TEXTS, weights, 5)
    assert folds == assign_folds(list(TEXTS), weights, 5)  # the same on every run
    assert folds[-1] == folds[-2]  # the restated sentence goes with its twin
    sizes = [folds.count(k) for k in range(5)]
    assert max(sizes) - min(sizes) <= 2 and set(folds) == set(range(5))
    # reordering the file moves no sentence to another fold
    order = list(reversed(range(len(TEXTS))))
    moved = assign_folds([TEXTS[i] for i in order], weights, 5)
    assert [moved[order.index(i)] for i in range(len(TEXTS))] == folds


def test_head_is_one_noun_so_a_strung_together_concept_does_not_match() -> None:
    gold = "record quarterly revenue, Tesla"
    assert head(gold) == head("quarterly revenue") == stem("revenue")
    assert head("Tesla broke quarterly revenue") == "tesla"  # overlap would count this one
    assert head("people killed") == stem("people") and head("-") == ""


def test_fold_table_prints_every_row(capsys) -> None:  # type: ignore[no-untyped-def]
    per_sentence = [{"value": (1, 1, 1), "value+unit": (i % 2, 1, 1)} for i in range(10)]
    folds = [i % 2 for i in range(10)]
    full = {"value": prf(10, 10, 10), "value+unit": prf(5, 10, 10)}
    print_fold_table(per_sentence, folds, 2, full, blind=1)
    out = capsys.readouterr().out
    assert "value+unit" in out and "f1*" in out and "blind−seen" in out
