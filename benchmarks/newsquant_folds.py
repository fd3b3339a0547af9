"""K-fold split and fold table for benchmarks/newsquant.py.

Why folds: a rule written while looking at every dev sentence is scored on the sentences it was
written from, so the dev figure says little about unseen text (issue 12: 79.0 concept F1 on dev,
69.3 on the unseen half). Written from the errors of four folds (``--hold-out N --diagnose ROW``
prints only those), a rule is scored blind on the fifth; then rotate. The table puts each fold's
P/R/F1 and the mean and spread of F1 beside the full-file figure.

How a sentence gets its fold: by a SHA-1 hash of its text (the file has no ids), not by position.
Sentences are taken in hash order and each is dealt to the fold with the fewest gold quantities
so far, so the folds are of one size (a plain ``hash % K`` gave folds of 65 to 132 gold
quantities on this file, and a small fold's F1 swings more).
- Hash order does not depend on where a sentence sits in the file: reordering it changes
  nothing (adding sentences would re-deal those after them; the dev file is fixed).
- The dev file is ordered by source (about 150 comma-less news sentences, then about 60 with
  punctuation, then about 90 short hand-written unit cases), so contiguous position blocks would
  give folds of different kinds of text, and ``i % K`` would put the adjacent sentences of one
  story in different folds. A hash mixes the sources evenly.
- Near-duplicates are kept together: sentences sharing at least 40% of their words (the same
  story, or one sentence restated, "15 to 22 miles" / "15-22 miles") form one group and take the
  fold of the group's first sentence, so a rule written from one cannot score its twin "blind".
Sentences are whole units: every quantity of a sentence is in that sentence's fold.

Caveat: the extractor's present rules were written from the whole dev file, so today every fold
has been seen and the fold mean sits near the full figure by construction (it differs only
because a mean of fold F1s is not the F1 of the pooled counts). The spread is informative now;
the blind-fold figures become so for rules written under the rotation.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections.abc import Sequence

NEAR_DUPLICATE = 0.4  # word Jaccard from which two sentences are one group


def prf(found: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 in percent."""
    p = found / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f1


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def groups(texts: Sequence[str], threshold: float = NEAR_DUPLICATE) -> list[int]:
    """For each text, the index of the first text of its near-duplicate group (itself if none)."""
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    bags = [_words(t) for t in texts]
    for i, a in enumerate(bags):
        for j in range(i + 1, len(bags)):
            b = bags[j]
            if a and b and len(a & b) >= threshold * len(a | b):
                ri, rj = root(i), root(j)
                parent[max(ri, rj)] = min(ri, rj)
    return [root(i) for i in range(len(texts))]


def _hash(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)


def assign_folds(texts: Sequence[str], weights: Sequence[int], k: int) -> list[int]:
    """Each sentence's fold in 0..k-1, the same on every run for the same file.

    Near-duplicate groups are taken in the order of the SHA-1 of their first sentence and each is
    dealt to the fold with the least weight (gold quantities) so far, ties to the fewest
    sentences, then the lowest fold.

    >>> assign_folds(["He ran 15 to 22 miles per hour.", "He ran 15-22 miles per hour.", "Rates fell 2%."], [1, 1, 1], 2)
    [0, 0, 1]
    """
    first = groups(texts)
    members: dict[int, list[int]] = {}
    for i, g in enumerate(first):
        members.setdefault(g, []).append(i)
    load = [[0, 0] for _ in range(k)]  # weight, sentences
    out = [0] * len(texts)
    for g in sorted(members, key=lambda g: _hash(texts[g])):
        fold = min(range(k), key=lambda f: (load[f][0], load[f][1], f))
        for i in members[g]:
            out[i] = fold
            load[fold][0] += weights[i]
            load[fold][1] += 1
    return out


def spread(values: Sequence[float]) -> tuple[float, float, float, float]:
    """Mean, min, max and (population) standard deviation."""
    return statistics.mean(values), min(values), max(values), statistics.pstdev(values)


def _gap(a: float, b: float) -> float:
    """``a - b`` to one decimal, a zero printed "+0.0" rather than "-0.0"."""
    return round(a - b, 1) + 0.0


Counts = dict[str, list[int]]  # row → [found, predicted, gold]


def fold_counts(per_sentence: Sequence[dict[str, tuple[int, int, int]]], folds: Sequence[int], k: int) -> list[Counts]:
    """Pooled counts per row for each fold."""
    rows = list(per_sentence[0]) if per_sentence else []
    out: list[Counts] = [{row: [0, 0, 0] for row in rows} for _ in range(k)]
    for counts, fold in zip(per_sentence, folds):
        for row, triple in counts.items():
            for i, n in enumerate(triple):
                out[fold][row][i] += n
    return out


def print_fold_table(
    per_sentence: Sequence[dict[str, tuple[int, int, int]]],
    folds: Sequence[int],
    k: int,
    full: dict[str, tuple[float, float, float]],
    blind: int | None = None,
) -> None:
    """Print F1 per fold with mean, min–max and sd beside the full-file F1, then P/R per fold.

    ``blind`` marks the held-out fold (its column gets a "*") and adds its F1 minus the mean F1 of
    the other folds: a rule written from those that helps only them shows as a negative gap.
    """
    by_fold = fold_counts(per_sentence, folds, k)
    sizes = [sum(1 for f in folds if f == i) for i in range(k)]
    golds = [next(iter(c.values()))[2] if c else 0 for c in by_fold]
    width = max(len(r) for r in full) + 2
    names = [f"f{i}{'*' if i == blind else ''}" for i in range(k)]
    print(f"\n{k} folds by a hash of the sentence text, near-duplicates together"
          f"{f'; * = fold {blind}, held out' if blind is not None else ''}")
    print(f"{'':<{width}}" + "".join(f"{n:>7}" for n in names))
    print(f"{'sentences':<{width}}" + "".join(f"{n:7d}" for n in sizes))
    print(f"{'gold quantities':<{width}}" + "".join(f"{n:7d}" for n in golds))
    print(f"\nF1{'':<{width - 2}}" + "".join(f"{n:>7}" for n in names)
          + f"{'mean':>8}{'min–max':>13}{'sd':>6}{'full':>7}{'mean−full':>10}"
          + (f"{'blind−seen':>12}" if blind is not None else ""))
    for row in full:
        f1s = [prf(*c[row])[2] for c in by_fold]
        mean, lo, hi, sd = spread(f1s)
        line = (f"{row:<{width}}" + "".join(f"{v:7.1f}" for v in f1s)
                + f"{mean:8.1f}{f'{lo:.1f}–{hi:.1f}':>13}{sd:6.1f}{full[row][2]:7.1f}{_gap(mean, full[row][2]):+10.1f}")
        if blind is not None:  # the held-out fold against the mean of the folds the rules were written from
            line += f"{_gap(f1s[blind], statistics.mean(v for i, v in enumerate(f1s) if i != blind)):+12.1f}"
        print(line)
    print(f"\nP / R{'':<{width - 5}}" + "".join(f"{n:>12}" for n in names) + f"{'mean P / R':>14}")
    for row in full:
        pr = [prf(*c[row])[:2] for c in by_fold]
        mp, mr = statistics.mean(p for p, _ in pr), statistics.mean(r for _, r in pr)
        print(f"{row:<{width}}" + "".join(f"{f'{p:.1f}/{r:.1f}':>12}" for p, r in pr) + f"{f'{mp:.1f}/{mr:.1f}':>14}")
