"""Read the numbers news text writes ("8,000", "1.5 million", "twenty-one", "tens of thousands").

Values, ranges for vague words, and the rounding band a written number allows. The word
table lives in data/number_words.csv.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAX_ROUNDING = 0.1  # a rounding band is at most this share of the value either way
MAX_DIGITS = 15  # longer digit runs are identifiers or junk, never figures (and floats lose them)

# NOTE: keep in sync with factcheck.extract.reader's use of group names.
DIGITS_RE = re.compile(
    r"""
    \d{1,3}(?:,\d{3})+(?:\.\d+)?   # 8,000 / 1,356.5 with thousands separators
    | \d+(?:\.\d+)?                 # 13000 / 2.6
    | \.\d+                         # .500 (a batting average)
    """,
    re.VERBOSE,
)

# Magnitude words after a number ("1.5 million", "$5bn"); the one-letter ones only when attached.
SCALE_RE = re.compile(
    r"""
    (?:\s|-)?(?i:(?P<word>trillion|billion|million|thousand|hundred|crore|lakh))(?![A-Za-z])  # "1.5 million"
    | (?P<abbr>(?i:bn|mn|mln|tn|trn|bln|mil))(?![A-Za-z])  # "$5bn", "£3mn", "RM3.06mil"
    | \s(?P<spaced>(?i:bn|mn|mln|bln|mil))(?![A-Za-z])      # "3 mn euros": the two-letter and longer ones only
    | (?P<short>[mkMKbB])(?![A-Za-z0-9])                   # "£20m", "25k" (attached only)
    """,
    re.VERBOSE,
)

SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7, "billion": 1e9,
    "trillion": 1e12, "bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "mil": 1e6, "tn": 1e12, "trn": 1e12,
    "m": 1e6, "k": 1e3, "b": 1e9,
}


@dataclass(frozen=True)
class NumberWord:
    """One row of data/number_words.csv."""

    word: str
    kind: str
    value: float
    high: float | None


@lru_cache(maxsize=1)
def number_words() -> dict[str, NumberWord]:
    """The number-word table, keyed by lower-case phrase."""
    path = Path(__file__).parents[1] / "data" / "number_words.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    out: dict[str, NumberWord] = {}
    parts: dict[str, int] = {}
    for row in csv.DictReader(lines):
        if row["kind"] == "denominator":
            parts[row["word"]] = int(float(row["value"]))
            continue
        high = float(row["high"]) if row["high"] else None
        out[row["word"]] = NumberWord(row["word"], row["kind"], float(row["value"]), high)
    for phrase, value in _composed_fractions(out, parts):
        out.setdefault(phrase, NumberWord(phrase, "fraction", value, None))
    return out


def _composed_fractions(words: dict[str, NumberWord], parts: dict[str, int]) -> list[tuple[str, float]]:
    """Fractions written as a numerator word and a plural ordinal ("two-fifths", "three eighths"), and
    "one-sixth"; not "a sixth", which is as often an ordinal ("a sixth straight win")."""
    out = []
    for denominator, d in parts.items():
        out.append((f"one-{denominator}", 1 / d))
        for w in words.values():
            if w.kind == "unit" and 1 < w.value < d and w.value == int(w.value):
                out += [(f"{w.word}-{denominator}s", w.value / d), (f"{w.word} {denominator}s", w.value / d)]
    return out


@lru_cache(maxsize=1)
def word_number_re() -> re.Pattern[str]:
    """A regex for a run of number words ("two hundred and fifty", "twenty-one", "tens of thousands")."""
    words = sorted(number_words(), key=len, reverse=True)
    alt = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in words)
    return re.compile(
        rf"""
        (?<![A-Za-z'’-])                      # starts a word
        (?:{alt})                             # the first number word
        (?:(?:\s+and\s+|\s+|-|\s+of\s+(?=a\s+(?:thousand|million|billion|trillion)\b))(?:{alt}))*
                                              # more of them: "two hundred and fifty", "twenty-one",
                                              # "a quarter of a million"
        (?![A-Za-z'’])                        # ends a word ("one" but not "ones"/"oneself"); "-" may follow
        """,
        re.VERBOSE | re.IGNORECASE,
    )


def parse_digits(s: str) -> float | None:
    """The value of a digit string, or None when it is too long to be a figure.

    >>> parse_digits("8,000"), parse_digits("2.6"), parse_digits(".500")
    (8000.0, 2.6, 0.5)
    >>> parse_digits("1" * 40) is None
    True
    """
    digits = s.replace(",", "")
    if len(digits.replace(".", "")) > MAX_DIGITS:
        return None
    try:
        v = float(digits)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def parse_words(s: str) -> tuple[float, float, float, str] | None:
    """(value, low, high, kind) of a run of number words; kind is the kind of its last word.

    >>> parse_words("twenty-one")[:3]
    (21.0, 21.0, 21.0)
    >>> parse_words("two hundred and fifty thousand")[0]
    250000.0
    >>> parse_words("tens of thousands")
    (10000.0, 10000.0, 100000.0, 'vague')
    >>> parse_words("a third")[0] == 1 / 3
    True
    >>> parse_words("half a million")[0], parse_words("a quarter of a billion")[0]
    (500000.0, 250000000.0)
    >>> parse_words("five and a half")[0], parse_words("two and a half million")[0]
    (5.5, 2500000.0)
    >>> parse_words("two and three million") is None, parse_words("twenty one")[0]
    (True, 21.0)
    """
    table = number_words()
    phrase = " ".join(s.lower().replace("-", " ").split())
    if phrase in table:
        nw = table[phrase]
        return nw.value, nw.value, nw.high if nw.high is not None else nw.value, nw.kind
    hyph = " ".join(s.lower().split())
    if hyph in table:
        nw = table[hyph]
        return nw.value, nw.value, nw.high if nw.high is not None else nw.value, nw.kind
    toks = [t for t in phrase.split() if t != "and"]
    total, current, last_kind, i = 0.0, 0.0, "unit", 0
    while i < len(toks):
        # greedy longest phrase from the table ("a dozen", "a single")
        for j in range(min(len(toks), i + 3), i, -1):
            key = " ".join(toks[i:j])
            if key in table:
                break
        else:
            return None
        nw = table[key]
        if nw.kind == "fraction" and current and not total and last_kind in ("unit", "teen", "tens") and i > 0 and _and_before(phrase, toks[i]):
            return _whole_and_fraction(current + nw.value, toks[j:])  # "five and a half", "two and a half million"
        if nw.kind in ("vague", "fraction"):
            if total or current:
                return None  # "two thousands" is not a number
            lo, hi = nw.value, nw.high if nw.high is not None else nw.value
            if j < len(toks) and nw.kind == "fraction":
                return _fraction_of_scale(nw.value, toks[j:])
            return (lo, lo, hi, nw.kind) if j == len(toks) else None
        if current and last_kind in ("unit", "teen", "tens") and nw.kind in ("unit", "teen", "tens") and (last_kind != "tens" or nw.kind != "unit"):
            return None  # "two and three", "five six": two numbers side by side, not one ("twenty-one" is one)
        if nw.kind == "scale":
            if nw.value >= 1000:
                total += (current or 1) * nw.value
                current = 0
            else:
                current = (current or 1) * nw.value
        else:
            current += nw.value
        last_kind, i = nw.kind, j
    v = total + current
    return v, v, v, last_kind


def _and_before(phrase: str, word: str) -> bool:
    """Whether ``word`` (a fraction's first word) follows "and" in ``phrase``: "five and a half"."""
    return f" and {word} " in f" {phrase} "


def _whole_and_fraction(v: float, rest: list[str]) -> tuple[float, float, float, str] | None:
    """A whole number and a fraction, alone or before a scale word ("two and a half million")."""
    if not rest:
        return v, v, v, "fraction"
    nw = number_words().get(" ".join(rest))
    if nw is None or nw.kind != "scale" or nw.value < 1000:
        return None
    return v * nw.value, v * nw.value, v * nw.value, "scale"


def _fraction_of_scale(fraction: float, rest: list[str]) -> tuple[float, float, float, str] | None:
    """A fraction of a scale word: "half a million", "three quarters of a billion"; else None.

    >>> _fraction_of_scale(0.5, ["a", "million"]), _fraction_of_scale(0.25, ["of", "a", "billion"])[0]
    ((500000.0, 500000.0, 500000.0, 'scale'), 250000000.0)
    >>> _fraction_of_scale(0.5, ["a", "dozen", "eggs"]) is None
    True
    """
    words = rest[1:] if rest[:1] == ["of"] else rest
    nw = number_words().get(" ".join(words))
    if nw is None or nw.kind != "scale" or nw.value < 1000:
        return None
    v = fraction * nw.value
    return v, v, v, "scale"


# A fraction in digits: "1/2 pound", "3/4 of", "1⁄32" (the fraction slash U+2044 is never a date's).
FRACTION_RE = re.compile(r"(?P<num>\d{1,3})(?P<slash>[/⁄])(?P<den>\d{1,3})(?![\d/⁄])")
# The denominators of fractions people write with "/" (halves to sixty-fourths, tenths, hundredths).
FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100})
# After a fraction written with "/", what shows it is one: "of", or a word ("1/2 pound", "3/4 cup").
FRACTION_AFTER_RE = re.compile(r"\s?(?:of\b|[A-Za-z])")


def vulgar_fraction(ch: str) -> float | None:
    """The value of a one-character fraction ("½" → 0.5, "⅜" → 0.375), from the Unicode database.

    >>> vulgar_fraction("½"), vulgar_fraction("¾"), vulgar_fraction("5")
    (0.5, 0.75, None)
    """
    if len(ch) != 1 or "FRACTION" not in unicodedata.name(ch, ""):
        return None
    return unicodedata.numeric(ch, None)


def fraction_at(work: str, pos: int, limit: int) -> tuple[float, int] | None:
    """(value, end) of a fraction written in digits at ``pos``, when it is one (numerator below denominator).

    >>> fraction_at("1/2 pound", 0, 9), fraction_at("3⁄32 inch", 0, 9), fraction_at("9/11 attacks", 0, 12)
    ((0.5, 3), (0.09375, 4), None)
    >>> fraction_at("5/9/2023", 0, 8), fraction_at("1/2", 0, 3)
    (None, None)
    """
    m = FRACTION_RE.match(work, pos, limit)
    if m is None:
        return None
    num, den = int(m.group("num")), int(m.group("den"))
    if not 0 < num < den or (m.group("slash") == "/" and den not in FRACTION_DENOMINATORS):
        return None  # "9/11", "24/7": a name or a rota, not a share
    if m.group("slash") == "/" and not FRACTION_AFTER_RE.match(work, m.end(), limit):
        return None
    return num / den, m.end()


# "one in six", "1 in 4", "one in every five": so many of every so many, a share written as two numbers.
_IN_EVERY_RE = re.compile(r"\s+in\s+(?:every\s+)?")
_SMALL_NUMBER_RE = re.compile(r"\d{1,3}(?:,\d{3})*(?!\d|[.,]\d)|\d+(?!\d|[.,]\d)|[A-Za-z]+(?:-[A-Za-z]+)?")


def _small_number(work: str, pos: int, limit: int) -> tuple[float, int] | None:
    """(value, end) of a whole number written in digits or as one number word at ``pos``."""
    m = _SMALL_NUMBER_RE.match(work, pos, limit)
    if m is None:
        return None
    if m.group()[0].isdigit():
        return float(m.group().replace(",", "")), m.end()
    word = number_words().get(m.group().lower())
    if word is None or word.kind not in ("unit", "tens", "teen", "scale") or word.high is not None:
        return None
    return word.value, m.end()


def power_of_ten(value: float) -> bool:
    """10, 100, 1,000 ...: the bases a share or a rate is written over ("3 in 10 adults", "per 1,000").

    >>> [power_of_ten(v) for v in (10, 1000, 1.0, 20, 100.5)]
    [True, True, False, False, False]
    """
    return value >= 10 and float(value).is_integer() and str(int(value)).rstrip("0") == "1"


def ratio_at(work: str, pos: int, limit: int) -> tuple[float, int] | None:
    """(share, end) of "N in M" at ``pos`` ("one in six" → 1/6, "1 in 4", "one in every five"), when the
    first number is the smaller and the second no year ("1 in 2020" is a date).

    >>> [ratio_at(t, 0, len(t)) for t in ("one in six adults", "1 in 4 children", "one in every five", "3 in 10", "5 in 2020", "5 in 8 games")]
    [(0.16666666666666666, 10), (0.25, 6), (0.2, 17), (0.3, 7), None, None]
    """
    first = _small_number(work, pos, limit)
    if first is None:
        return None
    joint = _IN_EVERY_RE.match(work, first[1], limit)
    if joint is None:
        return None
    second = _small_number(work, joint.end(), limit)
    if second is None or not 0 < first[0] < second[0]:
        return None
    # a share's shapes: "one in six", "3 in 10", "two in every seven"; "scored 5 in 8 games" is a count
    # in so many events, so other pairs need "every"
    if first[0] != 1 and "every" not in joint.group() and not power_of_ten(second[0]):
        return None
    written = work[joint.end() : second[1]]
    if written.isdigit() and len(written) == 4 and 1800 <= second[0] <= 2100:
        return None
    return first[0] / second[0], second[1]


def trailing_scale(words: str) -> float:
    """The scale word a run of number words ends with ("five thousand" → 1,000), else 1.

    >>> trailing_scale("five thousand"), trailing_scale("two hundred"), trailing_scale("twelve")
    (1000.0, 100.0, 1.0)
    """
    last = words.lower().replace("-", " ").split()[-1:] or [""]
    return SCALES.get(last[0], 1.0) if last[0] in ("hundred", "thousand", "million", "billion", "trillion", "lakh", "crore") else 1.0


def rounding_band(written: str, value: float, scale: float = 1.0) -> tuple[float, float]:
    """The interval of values that round to the number as written (trailing zeros, decimals).

    A whole number ending in two or more zeros, or any number with a scale word, is read as
    rounded to its last significant digit; "131" and "20" are read as exact. The band is at
    most 10% of the value either way ("100" is not 50..150).

    >>> rounding_band("8,000", 8000)
    (7500.0, 8500.0)
    >>> rounding_band("131", 131)
    (131.0, 131.0)
    >>> rounding_band("1.5", 1.5e6, 1e6)
    (1450000.0, 1550000.0)
    >>> rounding_band("2.6", 2.6)
    (2.55, 2.65)
    >>> rounding_band("100", 100)
    (90.0, 110.0)
    """
    digits = written.replace(",", "")
    if "." in digits:
        step = 10.0 ** -len(digits.split(".", 1)[1])
    else:
        stripped = digits.rstrip("0")
        zeros = len(digits) - len(stripped) if stripped else 0
        if zeros >= 2 or (scale > 1 and digits):
            step = 10.0**zeros
        else:
            return float(value), float(value)
    half = min(step * scale / 2, abs(value) * MAX_ROUNDING) if value else step * scale / 2
    return round(value - half, 10), round(value + half, 10)
