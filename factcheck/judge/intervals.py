"""Intervals a figure's wording allows: the claim's, a reference's, and how to say them in words.

Both sides of a comparison are intervals (``Span``) with open or closed ends. A claim's
comes from the extractor (hedge + rounding); a reference's from its own qualifier, since
"about 14,000" in a source is no more exact than "some 13,000" in an article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck import numfmt
from factcheck.figures import Figure, Reference
from factcheck.units import convert, symbol

EPS = 1e-9  # relative tolerance for float noise after unit conversion

# A reference's "more than X" read as a plausible range rather than (X, ∞): sources that say
# "more than 20,000" do not mean 40,000. Used for source-vs-source disputes and upper-bound claims.
PLAUSIBLE_OPEN_FACTOR = 1.25
# "almost X" / "nearly X": just under X.
ALMOST_FACTOR = 0.9
# An "about X" wording covers at least this share either side, even for a precise-looking X.
APPROX_MIN_SHARE = 0.025


@dataclass(frozen=True)
class Span:
    """A closed, open or half-open interval of real numbers."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def overlaps(self, other: Span) -> bool:
        """True when some number lies in both (touching closed ends count; float noise forgiven)."""
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        tol = EPS * max(1.0, abs(lo) if math.isfinite(lo) else 1.0, abs(hi) if math.isfinite(hi) else 1.0)
        if lo < hi - tol:
            return True
        if abs(lo - hi) <= tol:
            lo_open = self.lo_open if self.lo >= other.lo else other.lo_open
            hi_open = self.hi_open if self.hi <= other.hi else other.hi_open
            return not (lo_open or hi_open)
        return False

    def contains(self, x: float) -> bool:
        """True when ``x`` lies in the interval."""
        return self.overlaps(Span(x, x))

    def scaled(self, f: float) -> Span:
        """The interval multiplied by a positive factor (a unit conversion)."""
        return Span(self.lo * f, self.hi * f, self.lo_open, self.hi_open)


def decimals_of(surface: str) -> int | None:
    """Digits after the decimal point in the first number written in ``surface`` (None if none).

    >>> decimals_of("1.9 miles"), decimals_of("3 kilometres"), decimals_of("about 1,040 km")
    (1, 0, 0)
    >>> decimals_of("a single tank") is None
    True
    """
    m = _NUMBER.search(surface)
    if not m:
        return None
    frac = m.group("frac")
    return len(frac) if frac else 0


_NUMBER = re.compile(
    r"""
    (?<![\w.])              # not inside a word or after a decimal point
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)   # 8,000 or 8000
    (?:\.(?P<frac>\d+))?    # optional decimals
    """,
    re.VERBOSE,
)


def rounding_step(value: float, surface: str = "") -> float:
    """The place of the last significant digit as written: 8,000 → 1,000; 1.9 → 0.1; 13,600 → 100.

    >>> rounding_step(8000), rounding_step(1.9, "1.9 miles"), rounding_step(13600), rounding_step(7)
    (1000.0, 0.1, 100.0, 1.0)
    >>> rounding_step(19547), rounding_step(0.0)
    (1.0, 1.0)
    """
    dec = decimals_of(surface) if surface else None
    if dec:
        return 10.0 ** -dec
    v = abs(value)
    if v == 0 or not float(v).is_integer():
        if v and not float(v).is_integer():
            s = f"{v:.6f}".rstrip("0")
            return 10.0 ** -len(s.split(".")[1])
        return 1.0
    step = 1.0
    n = int(round(v))
    while n % 10 == 0 and n >= 10:
        n //= 10
        step *= 10
    return step


def approx_margin(value: float, surface: str = "") -> float:
    """How far "about X" reaches either side: half the rounding step, at least a small share.

    >>> approx_margin(8000), approx_margin(14000), approx_margin(600)
    (500.0, 500.0, 50.0)
    """
    return max(rounding_step(value, surface) / 2, APPROX_MIN_SHARE * abs(value))


def claim_span(fig: Figure) -> Span:
    """The interval the article's wording allows, from the extractor's low/high and qualifier."""
    q = fig.qualifier
    lo, hi = fig.low, fig.high
    if q == "more_than":
        return Span(fig.value, math.inf, lo_open=True, hi_open=True)
    if q == "at_least":
        return Span(fig.value, math.inf, hi_open=True)
    if q == "less_than":
        return Span(min(lo, 0.0) if math.isfinite(lo) else 0.0, fig.value, hi_open=True)
    if q == "at_most":
        return Span(min(lo, 0.0) if math.isfinite(lo) else 0.0, fig.value)
    if q == "approx" and lo == hi:
        m = approx_margin(fig.value, fig.surface)
        return Span(fig.value - m, fig.value + m)
    return Span(min(lo, fig.value), max(hi, fig.value))


@lru_cache(maxsize=1024)
def normalise_qualifier(q: str) -> str:
    """Map a data file's free wording of a qualifier ("at least (over)", "almost") onto ours.

    >>> [normalise_qualifier(q) for q in ("at least (over)", "almost", "approx (some)", "claim", "up to")]
    ['more_than', 'almost', 'approx', 'exact', 'at_most']
    """
    s = q.strip().lower()
    for key, out in (
        ("more than", "more_than"), ("more_than", "more_than"), ("over", "more_than"),
        ("at least", "at_least"), ("at_least", "at_least"),
        ("almost", "almost"), ("nearly", "almost"), ("just under", "almost"),
        ("less than", "less_than"), ("less_than", "less_than"), ("fewer", "less_than"),
        ("at most", "at_most"), ("at_most", "at_most"), ("up to", "at_most"), ("as many as", "at_most"),
        ("range", "range"),
        ("approx", "approx"), ("about", "approx"), ("around", "approx"), ("some", "approx"),
    ):
        if s.startswith(key) or f"({key}" in s:
            return out
    return "exact"


@lru_cache(maxsize=8192)
def reference_span(ref: Reference) -> Span:
    """The interval a source's own wording allows ("about 14,000" is not 14,000 exactly)."""
    q = normalise_qualifier(ref.qualifier)
    v = ref.value
    if ref.low != ref.high and math.isfinite(ref.low) and math.isfinite(ref.high) and q in ("exact", "approx", "range"):
        return Span(ref.low, ref.high)
    if q == "more_than":
        return Span(v, math.inf, lo_open=True, hi_open=True)
    if q == "at_least":
        return Span(v, math.inf, hi_open=True)
    if q == "less_than":
        return Span(0.0 if v >= 0 else -math.inf, v, hi_open=True)
    if q == "at_most":
        return Span(0.0 if v >= 0 else -math.inf, v)
    if q == "almost":
        return Span(v * ALMOST_FACTOR, v)
    if q == "approx":
        m = approx_margin(v)
        return Span(v - m, v + m)
    return Span(v, v)


def plausible_span(span: Span) -> Span:
    """An open-ended interval read the way people mean it: "more than X" is X to a quarter above."""
    lo, hi = span.lo, span.hi
    if math.isinf(hi) and math.isfinite(lo):
        hi = lo * PLAUSIBLE_OPEN_FACTOR if lo > 0 else lo + 1
    if (math.isinf(lo) or lo == 0) and math.isfinite(hi) and hi > 0:
        lo = hi / PLAUSIBLE_OPEN_FACTOR
    return Span(lo, hi, span.lo_open, span.hi_open if math.isfinite(span.hi) else False)


def fmt_number(x: float) -> str:
    """A number as a newsroom writes it: thousands separators, at most three decimals, one from 100 up
    (a rate of 104.2 per 100,000 must not read as 104 beside a source's 104.4).

    >>> fmt_number(8000.0), fmt_number(1.8641), fmt_number(646.23), fmt_number(0.5), fmt_number(104.2)
    ('8,000', '1.864', '646.2', '0.5', '104.2')
    """
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if abs(x) >= 100:
        return f"{x:,.1f}".removesuffix(".0")
    s = f"{x:,.3f}".rstrip("0").rstrip(".")
    return s or "0"


_QUAL_WORDS = {
    "approx": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "less_than": "fewer than ",
    "at_most": "at most ",
    "almost": "almost ",
    "exact": "",
    "range": "",
}


def unit_symbol(unit: str | None) -> str:
    """A unit's short symbol, squares and cubes included ("square_kilometer" → "km²")."""
    if not unit:
        return ""
    for prefix, power in (("square_", "²"), ("cubic_", "³")):
        if unit.startswith(prefix):
            return unit_symbol(unit[len(prefix) :]) + power
    return _SPELLED.get(unit, symbol(unit))


# Units whose pint symbol a reader would not know ("a" for a year).
_SPELLED = {"year": "years", "month": "months", "week": "weeks", "day": "days"}


def with_unit(x: str, unit: str | None) -> str:
    """Attach a unit symbol to a formatted number ("646 mi"; counts stay bare)."""
    sym = unit_symbol(unit)
    if not sym:
        return x
    if sym == "%":
        return f"{x}%"
    return f"{x} {sym}"


def _reads_compact(x: float, unit: str | None) -> bool:
    """Money, and counts from a million up, read best compact ("$94.8 billion", "1.31 million")."""
    return math.isfinite(x) and (numfmt.is_currency(unit) or abs(x) >= numfmt.COMPACT_FROM)


def describe(
    qualifier: str, value: float, unit: str | None, low: float | None = None, high: float | None = None,
    kind: str | None = None,
) -> str:
    """A value with its hedge in words: "more than 600 mi", "about 8,000", "7,500–8,500", "$94.8 billion".

    >>> describe("more_than", 600, "mile"), describe("approx", 8000, None), describe("range", 5, None, 4, 6)
    ('more than 600 mi', 'about 8,000', '4–6')
    >>> describe("range", 94.8e9, "USD", 94.75e9, 94.85e9), describe("exact", 2008, None, kind="year")
    ('$94.75–94.85 billion', '2008')
    """
    q = normalise_qualifier(qualifier) if qualifier not in _QUAL_WORDS else qualifier
    if q == "range" and low is not None and high is not None and math.isfinite(low) and math.isfinite(high):
        if kind == "year" or _reads_compact(high, unit):
            return numfmt.span(low, high, unit, kind)
        return with_unit(f"{fmt_number(low)}–{fmt_number(high)}", unit)
    if kind == "year" or _reads_compact(value, unit):
        return _QUAL_WORDS.get(q, "") + numfmt.amount(value, unit, kind)
    return _QUAL_WORDS.get(q, "") + with_unit(fmt_number(value), unit)


def fmt_amount(x: float, unit: str | None) -> str:
    """One value with its unit as a reader reads it: "646 mi", "19,547", "$94.8 billion", "1.31 million"."""
    return numfmt.amount(x, unit) if _reads_compact(x, unit) else with_unit(fmt_number(x), unit)


def describe_reference(ref: Reference, to_unit: str | None) -> str:
    """A source's value in its own unit, then converted: "about 1,040 km = 646 mi"; a year as a year ("1945")."""
    q = normalise_qualifier(ref.qualifier)
    kind = "year" if numfmt.is_year_label(ref.metric_label, ref.unit) else None
    own = describe(q, ref.value, ref.unit, ref.low, ref.high, kind)
    if (ref.unit or "") != (to_unit or "") and ref.unit and to_unit:
        conv = convert(ref.value, ref.unit, to_unit)
        return f"{own} = {fmt_amount(conv, to_unit)}"
    return own


def describe_figure(fig: Figure) -> str:
    """The article's wording as a hedged value: "more than 600 mi", "about 8,000"."""
    return describe(fig.qualifier, fig.value, fig.unit, fig.low, fig.high, "year" if fig.kind == "year" else None)
