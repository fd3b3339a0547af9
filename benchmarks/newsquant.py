"""Precision, recall and F1 of factcheck's extractor on a NewsQuant-format file (CQE protocol).

Prints five rows (value, value+unit, value+change, value+concept, value+concept (head)) for the
whole file, then the same rows per fold (benchmarks/newsquant_folds.py: how the file is split and
why), then the misses and false hits. Our units are mapped onto NewsQuant's normalised unit names
here, never in the product.

What the product outputs and what this file only maps: a count's unit here is the product's
``Figure.counted`` ("troops", "tests a day") put in NewsQuant's form (singular, lemma, "% " for a
fraction, " per day" for a rate, "count" for "times"); this file never reads the sentence for
the noun. Finding the noun (after "of the", without a leading participle, the elided noun of
"3.9 million headsets, up from 2.4 million") moved into factcheck/counted.py. One thing still
reads the sentence: ``their_change`` looks around a figure for a change named by a noun ("a 3%
drop", "an increase of 600"), which NewsQuant marks "="; the product does not say how a trend
was worded, so this stays a benchmark-side reading until a Figure field carries it.
Naming maps only, no reading: STAT_ABBREVIATIONS expands a counted sports abbreviation as written
("0.5 WAR" → 'win above replacement', "2 TDs" → 'touch down'), and SPELLING_NAMES gives a unit the
name NewsQuant derives from its spelling ("lb-ft" → 'foot pound-force', "pound-feet" → 'pound-foot').
Usage:
    .venv/bin/python benchmarks/newsquant.py PATH [--quiet] [--limit N] [--no-quantulum | --both] [--no-parse]
        [--folds K] [--hold-out N [--diagnose ROW]]

--no-parse scores without the dependency parse (factcheck.extract.parse: concepts from the regex
rules alone). --no-quantulum scores the rules alone (factcheck.extract.q3 not asked about unknown units); --both
prints the table with and without it from one run. --folds K (default 5; 0 for none) sets the fold
table. --hold-out N (alias --fold N) leaves fold N out of every printed error list: with
``--diagnose ROW`` the wrong units/changes/concepts (ROW "value": misses and false hits) of the
other folds only, so a rule is written from those and fold N, in the table marked "*", is
scored blind. Rotate N over the folds.

Protocol (issue 3, after Almasian et al., EMNLP 2023): a gold quantity is found when a
predicted one in the same sentence has the same value (relative tolerance 1e-5; ranges as
(low, high)); the unit counts when the normalised names are equal (lower case; for a count the
counted noun is the unit, "-" for none); change when equal ("=", "~", ">", "<", "up", "down");
concept when any concept word is shared. Precision = found / predicted, recall = found / gold.
Each predicted quantity can be matched by one gold quantity only.

The strict row "value+concept (head)" counts the concept only when our concept's head noun equals
the gold concept's (benchmarks/concept_head.py: a documented heuristic, no parser). Why: the
overlap row finds a concept when one word is shared, so a long concept strung together from every
content word near the figure scores better than a short right one; one head noun cannot be
padded. For a gold "-" both rows ask that our concept be empty.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import inflect
from concept_head import concept_head
from newsquant_folds import assign_folds, print_fold_table, prf

from factcheck.extract.counted import RATE_END_RE
from factcheck.extract.currencies import iso_currencies
from factcheck.extract.patterns import TREND_AFTER_RE
from factcheck.extract.reader import extract_figures
from factcheck.figures import Figure

QUANTITY_KINDS = {"count", "measure", "money", "percent", "duration"}

# Our canonical units → NewsQuant's normalised unit names (benchmark only).
UNIT_NAMES: dict[str, str] = {
    "percent": "percentage", "percentage_point": "percentage point", "index_point": "point", "basis_point": "basis point",
    "USD": "dollar", "GBP": "pound sterling", "EUR": "euro", "JPY": "japanese yen", "CNY": "chinese yuan",
    "RUB": "russian ruble", "UAH": "ukrainian hryvnia", "INR": "indian rupee", "MYR": "malaysian ringgit",
    "HKD": "hong kong dollar", "ILS": "shekel", "CHF": "swiss franc", "AUD": "australian dollar",
    "CAD": "canadian dollar", "USD_cent": "cent", "GBX": "penny",
    "kilometer": "kilometre", "meter": "metre", "centimeter": "centimetre", "millimeter": "millimetre",
    "micrometer": "micrometre", "mile": "mile", "nautical_mile": "nautical mile", "yard": "yard", "foot": "foot",
    "inch": "inch", "square_kilometer": "square kilometre", "square_mile": "square mile",
    "square_meter": "square metre", "square_foot": "square foot", "hectare": "hectare", "acre": "acre",
    "kilogram": "kilogram", "gram": "gram", "milligram": "milligram", "tonne": "tonne", "pound": "pound-mass",
    "ounce": "ounce", "liter": "litre", "milliliter": "millilitre", "centiliter": "centilitre", "megaliter": "megalitre", "gigaliter": "gigalitre", "deciliter": "decilitre", "gallon": "gallon", "oil_barrel": "barrel",
    "cubic_meter": "cubic metre", "mile_per_hour": "mile per hour", "kilometer_per_hour": "kilometre per hour",
    "knot": "knot", "degree_Celsius": "celsius", "degree_Fahrenheit": "fahrenheit", "degree": "degree",
    "horsepower": "horsepower", "brake_horsepower": "brake horsepower", "foot_pound": "pound-foot",
    "MYR_sen": "sen", "megapascal": "megapascal", "ksi": "kilopound per square inch", "kilovolt": "kilovolt",
    "volt": "volt", "farad": "farad", "cubic_foot": "cubic foot", "mile_per_gallon": "mile per gallon",
    "nanometer": "nanometre", "MMBtu": "mega british thermal unit", "newton_meter_torque": "newton metre",
    "watt": "watt", "kilowatt": "kilowatt", "megawatt": "megawatt", "gigawatt": "gigawatt",
    "kilowatt_hour": "kilowatt hour", "megawatt_hour": "megawatt hour", "gigawatt_hour": "gigawatt hour",
    "hertz": "hertz", "megahertz": "megahertz", "gigahertz": "gigahertz", "milliampere_hour": "milliampere-hour",
    "revolutions_per_minute": "revolutions per minute", "ppm": "part per million", "ppb": "parts-per-billion",
    "megabyte": "megabyte", "gigabyte": "gigabyte", "terabyte": "terabyte", "megapixel": "megapixel",
    "decibel": "decibel", "kilocalorie": "calorie", "share": "share", "seismic_magnitude": "magnitude", "storm_category": "category", "bushel": "bushel", "oil_barrel_per_day": "barrel per day",
    "year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour", "minute": "minute",
    "second": "second", "millisecond": "millisecond", "decade": "decade", "century": "century",
}
# Sports statistics written as abbreviations: our counted noun as written ("0.5 WAR", "2 TDs") →
# NewsQuant's expanded name. Naming only: the product keeps the abbreviation as its counted noun.
STAT_ABBREVIATIONS: dict[str, str] = {
    "WAR": "win above replacement", "TD": "touch down", "RBI": "run batted in", "HR": "home run",
    "ERA": "earned run average", "K": "strikeout", "SB": "stolen base", "BB": "base on balls", "INT": "interception",
    "reb": "rebound", "ast": "assist", "stl": "steal", "blk": "block", "ppg": "point per game",
}
# NewsQuant names a unit after the spelling quantulum3 read, so one canonical unit can have two
# names: "275 pound-feet" is 'pound-foot', "332 lb-ft" 'foot pound-force'. Naming only.
SPELLING_NAMES: dict[str, tuple[re.Pattern[str], str]] = {
    "foot_pound": (re.compile(r"(?i)\blb[- ]?ft\b"), "foot pound-force"),
    "GBX": (re.compile(r"\dp$"), "point"),  # pence written "p" ("118.5p") is NewsQuant's unit "p", named 'point'
    # percentage points written "points" ("up 6 points" after a share) are named as written
    "percentage_point": (re.compile(r"(?i)(?<!percentage )\b(?:points?|pts)$"), "point"),
}
FRACTION_RE = re.compile(r"(?i)half|third|quarter|fourth|fifth|tenth")  # NewsQuant writes fractions as "% noun"
CHANGE = {"approx": "~", "more_than": ">", "at_least": ">", "less_than": "<", "at_most": "<"}
_inflect = inflect.engine()


@dataclass
class Predicted:
    """One of our figures in NewsQuant's terms."""

    figure: Figure
    low: float
    high: float
    unit: str
    change: str
    concept: set[str]
    head: str = ""  # head noun of the concept left after the unit's words (concept_head)
    used: bool = False


IRREGULAR = {"best": "good", "better": "good", "worst": "bad", "worse": "bad", "biggest": "big", "hottest": "hot"}


def lemma(word: str) -> str:
    """A rough lemma as NewsQuant's normalised units use them ("best" → "good", "proudest" → "proud")."""
    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w.endswith("iest") and len(w) > 5:
        return w[:-4] + "y"
    if w.endswith("est") and len(w) > 5 and w not in {"interest", "forest", "harvest", "contest", "request"}:
        return w[:-3]
    return w


def singular(word: str) -> str:
    """A plural noun's singular ("troops" → "troop"); other words unchanged."""
    if word.lower() in {"people", "americans", "series", "news", "species"}:
        return word
    s = _inflect.singular_noun(word)  # type: ignore[arg-type]
    return s if isinstance(s, str) and s else word


def family_name(unit: str) -> str:
    """A bare currency word no country was named for ("peso_family") as written: "peso"."""
    return unit.removesuffix("_family") if unit.endswith("_family") else ""


def currency_name(code: str) -> str:
    """NewsQuant's name for a unit we have no entry for: quantulum3's name of an ISO currency, else the
    standard's (ISO 4217) English name, else as written."""
    if code.isupper() and len(code) == 3:
        from quantulum3 import load

        for name, unit in load.units("en_US").names.items():
            if getattr(unit, "currency_code", None) == code:
                return str(name)
        iso = iso_currencies().get(code)  # quantulum3 lacks it: the standard's English name
        if iso:
            return iso.lower()
    return code.replace("_", " ")


def their_unit(f: Figure) -> str:
    """Our unit as a NewsQuant normalised name; for a count, our counted noun in their form ("troops" → "troop")."""
    if f.unit:
        codes = [p.strip() for p in f.unit.split("/")]
        if len(codes) == 2 and all(c in iso_currencies() for c in codes):
            return "-"  # an exchange rate ("132.86 against the greenback"): NewsQuant marks no unit
        spelled = SPELLING_NAMES.get(f.unit)
        if spelled and spelled[0].search(f.surface):
            return spelled[1]
        names = [p.strip().removeprefix("each_") for p in f.unit.split("/")]  # "USD / each_violation": dollar per violation
        parts = [UNIT_NAMES.get(p) or family_name(p) or currency_name(p) for p in names]
        name = " per ".join(parts)
        if f.unit == "year" and f.concept.startswith("age"):
            return "year of age"
        storm = f.concept.split()[-1:] if f.unit == "storm_category" else []
        if storm and storm[0].islower():
            return f"category {singular(storm[0])}"  # "a category one hurricane": NewsQuant names the storm too
        return name.lower()
    fraction = f.value < 1 and FRACTION_RE.search(f.surface)
    noun, per = f.counted, ""
    rate = RATE_END_RE.search(noun)  # the product's rate on its counted noun
    if rate:
        noun, per = noun[: rate.start()], f" per {rate.group('period').lower()}"  # "tests a day" → "test per day"
    words = noun.split()
    if not words:
        return "% -" if fraction else "-"
    if len(words) == 1 and singular(words[0]) in STAT_ABBREVIATIONS:
        return STAT_ABBREVIATIONS[singular(words[0])] + per  # "2 TDs" → "touch down"
    head = singular(words[-1]).lower()
    if head == "time" or words[0].lower() == "times":
        return "count"  # "more than 3200 times", "four times faster": NewsQuant's unit for how often
    name = " ".join([lemma(w) for w in words[:-1]] + [head]).lower() + per
    return f"% {name}" if fraction else name


NOUN_CHANGE_BEFORE_RE = re.compile(
    r"(?i:\b(?:a|an)\s+(?:rise|increase|jump|gain|surge|hike|growth|fall|drop|decline|decrease|cut|loss|slump|reduction)\s+of\s+(?:about\s+|around\s+|some\s+|nearly\s+)?)$"
)  # "an increase of 60,600 jobs": the change is a noun, as "a 3% drop"


# A verb of exceeding that is the sentence's own verb, whose bound the product keeps (so that
# "losses exceeded $2bn" never conflicts with a reference of $2.3bn) and NewsQuant does not mark.
FINITE_EXCEEDING_RE = re.compile(r"(?i)(?:exceeded|exceeds|exceed|surpassed|surpasses|topped)\b")


# "within six weeks": a bound in the product (hedges.csv), a plain length in NewsQuant's annotation.
WITHIN_RE = re.compile(r"(?i)within\b")


def their_change(f: Figure, sentence: str = "") -> str:
    """Our qualifier and trend as a NewsQuant change.

    NewsQuant leaves a change named by a noun ("a 3% drop", "0.68 percent lower", "an increase of 600")
    as "=" (the noun is what the quantity is), and marks only a verb's rise or fall ("fell 3%").
    """
    if f.trend and (TREND_AFTER_RE.match(sentence[f.end :]) or NOUN_CHANGE_BEFORE_RE.search(sentence[: f.start])):
        f = replace(f, trend=None)
    if f.qualifier == "more_than" and FINITE_EXCEEDING_RE.match(f.surface):
        return "="  # "bookings surpassed $8 billion": NewsQuant marks the sentence's verb as a level, not a bound
    if f.qualifier == "at_most" and WITHIN_RE.match(f.surface):
        return "="  # "secured it within six weeks": the product keeps the bound, NewsQuant marks the length
    if f.trend and f.qualifier == "approx":
        return f.trend
    if f.qualifier in CHANGE:
        return CHANGE[f.qualifier]
    return f.trend or "="


def words_of(concept: str) -> set[str]:
    """Lower-case words of a concept string or list."""
    return {w for w in re.findall(r"[a-z0-9]+", concept.lower()) if w not in {"-", "the", "of", "a", "an"}}


QUANTULUM = [True]  # set by --no-quantulum
PARSE = [True]  # set by --no-parse


def predict(sentence: str) -> list[Predicted]:
    """Our quantities in a sentence, in NewsQuant's terms."""
    out = []
    for f in extract_figures(sentence, quantulum=QUANTULUM[0], parse=PARSE[0]):
        if not f.checkable or f.kind not in QUANTITY_KINDS:
            continue
        low, high = (f.low, f.high) if f.qualifier == "range" else (f.value, f.value)
        unit = their_unit(f)
        concept = words_of(f.concept)
        head_text = f.concept
        if not f.unit and unit != "-":
            # NewsQuant puts a counted noun in the unit, not the concept: compare what is left
            concept -= words_of(unit) | words_of(f.counted)
            concept = {w for w in concept if singular(w).lower() not in set(unit.split())}  # "vehicles" is the unit
            head_text = " ".join(w for w in f.concept.split() if words_of(w) & concept)  # same words, in order
        head = concept_head(head_text) if concept else ""
        out.append(Predicted(f, low, high, unit, their_change(f, sentence), concept, head))
    return out


def gold_interval(value: str) -> tuple[float, float]:
    """A gold value as (low, high): "8000.0" or "252.0-287.0" (a "from 4.8 to 4.7" range is sorted)."""
    m = re.fullmatch(r"\s*(-?[\d.eE+]+)\s*-\s*(-?[\d.eE+]+)\s*", value)
    if m:
        a, b = float(m.group(1)), float(m.group(2))
        return min(a, b), max(a, b)
    v = float(value)
    return v, v


def close(a: float, b: float) -> bool:
    """Equal to a relative 1e-5."""
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-9)


ROWS: dict[str, Callable[[dict[str, Any], Predicted], bool]] = {
    "value": lambda g, p: True,
    "value+unit": lambda g, p: g["normalized_unit"].strip().lower() == p.unit,
    "value+change": lambda g, p: g["change"].strip() == p.change,
    "value+concept": lambda g, p: (
        bool(words_of(g["referred_concepts"]) & p.concept)
        if g["referred_concepts"].strip() != "-"
        else not p.concept
    ),
    "value+concept (head)": lambda g, p: (
        bool(p.head) and concept_head(g["referred_concepts"]) == p.head
        if g["referred_concepts"].strip() != "-"
        else not p.concept
    ),
}


def diagnose(data: list[dict[str, Any]], row: str) -> None:
    """Print the gold quantities whose value we found but whose ``row`` attribute we got wrong."""
    ok = ROWS[row]
    for item in data:
        preds = predict(item["text"])
        for g in item["quantities"]:
            try:
                lo, hi = gold_interval(str(g["value"]))
            except ValueError:
                continue
            same = [p for p in preds if close(lo, p.low) and close(hi, p.high)]
            if same and not any(ok(g, p) for p in same):
                p = same[0]
                head = f" heads {concept_head(g['referred_concepts'])!r}/{p.head!r}" if "head" in row else ""
                print(
                    f"{row}: gold unit={g['normalized_unit']!r} change={g['change']} concept={g['referred_concepts']!r}"
                    f" | ours {p.figure.surface!r} unit={p.unit!r} change={p.change} concept={p.figure.concept!r}{head}"
                    f"\n    {item['text']}"
                )


@dataclass
class SentenceScore:
    """One sentence's counts per row, and what the value row missed and found falsely."""

    counts: dict[str, tuple[int, int, int]]  # row → (found, predicted, gold)
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)


def score_sentence(item: dict[str, Any]) -> SentenceScore:
    """Match one sentence's predictions against its gold quantities, row by row."""
    text = item["text"]
    preds = predict(text)
    golds = item["quantities"]
    out = SentenceScore({})
    for row, ok in ROWS.items():
        for p in preds:
            p.used = False
        found = 0
        for g in golds:
            try:
                lo, hi = gold_interval(str(g["value"]))
            except ValueError:
                continue
            for p in preds:
                if not p.used and close(lo, p.low) and close(hi, p.high) and ok(g, p):
                    p.used, found = True, found + 1
                    break
            else:
                if row == "value":
                    out.misses.append(f"MISS {g['value']} {g['normalized_unit']!r} [{g['change']}] in: {text}")
        if row == "value":
            out.false_hits = [f"FALSE {p.figure.surface!r} ({p.low:g}..{p.high:g}) in: {text}" for p in preds if not p.used]
        out.counts[row] = (found, len(preds), len(golds))
    return out


def pooled(scores: list[SentenceScore]) -> dict[str, tuple[float, float, float]]:
    """P, R, F1 per row from the summed counts of ``scores``."""
    return {row: prf(*(sum(s.counts[row][i] for s in scores) for i in range(3))) for row in ROWS}


def evaluate(data: list[dict[str, Any]], quiet: bool = False) -> dict[str, tuple[float, float, float]]:
    """P, R, F1 per row; prints misses and false hits of the value row unless quiet."""
    scores = [score_sentence(item) for item in data]
    if not quiet:
        print_errors(scores)
    return pooled(scores)


def print_errors(scores: list[SentenceScore]) -> None:
    """The value row's misses, then its false hits."""
    print("\n".join(m for s in scores for m in s.misses))
    print("\n".join(h for s in scores for h in s.false_hits))
    print()


def print_table(result: dict[str, tuple[float, float, float]], note: str) -> None:
    """The whole-file table."""
    width = max(len(r) for r in result) + 2
    print(f"{'row':<{width}}{'P':>7}{'R':>7}{'F1':>7}   ({note})")
    for row, (p, r, f1) in result.items():
        print(f"{row:<{width}}{p:7.1f}{r:7.1f}{f1:7.1f}")


def main(argv: list[str] | None = None) -> int:
    """Read the file, score, print the whole-file table and the fold table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", type=Path)
    ap.add_argument("--quiet", action="store_true", help="print only the tables")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N sentences")
    ap.add_argument("--diagnose", choices=list(ROWS), help="list wrong units/changes/concepts (value: misses, false hits)")
    ap.add_argument("--no-quantulum", action="store_true", help="rules only: never ask quantulum3 about a unit")
    ap.add_argument("--no-parse", action="store_true", help="no dependency parse: concepts from the regex rules alone")
    ap.add_argument("--both", action="store_true", help="print the tables with and without quantulum3")
    ap.add_argument("--folds", type=int, default=5, help="number of folds for the fold table (0: none)")
    ap.add_argument("--hold-out", "--fold", dest="hold_out", type=int, default=None,
                    help="leave this fold out of the printed errors (score it blind)")
    args = ap.parse_args(argv)
    if args.hold_out is not None and not 0 <= args.hold_out < max(args.folds, 1):
        ap.error(f"--hold-out must be a fold in 0..{args.folds - 1}")
    data = json.loads(args.path.read_text(encoding="utf-8"))
    if args.limit:
        data = data[: args.limit]
    k = args.folds if args.folds > 1 else 1
    folds = assign_folds([d["text"] for d in data], [len(d["quantities"]) for d in data], k)
    seen = [d for d, f in zip(data, folds) if f != args.hold_out]  # all of it without --hold-out
    QUANTULUM[0] = not args.no_quantulum
    PARSE[0] = not args.no_parse
    if args.diagnose:
        if args.hold_out is not None:
            print(f"# fold {args.hold_out} held out: {len(seen)} of {len(data)} sentences shown")
        if args.diagnose == "value":
            print_errors([score_sentence(d) for d in seen])
        else:
            diagnose(seen, args.diagnose)
        return 0
    n_gold = sum(len(d["quantities"]) for d in data)
    print(f"{len(data)} sentences, {n_gold} gold quantities")
    for with_q3 in ([True, False] if args.both else [QUANTULUM[0]]):
        QUANTULUM[0] = with_q3
        scores = [score_sentence(item) for item in data]
        if not (args.quiet or args.both):
            print_errors([s for s, f in zip(scores, folds) if f != args.hold_out])
        full = pooled(scores)
        note = f"{'with' if with_q3 else 'without'} quantulum3 for unknown units{'' if PARSE[0] else ', no parse'}"
        print_table(full, f"whole file, {note}")
        if k > 1:
            print_fold_table([s.counts for s in scores], folds, k, full, blind=args.hold_out)
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
