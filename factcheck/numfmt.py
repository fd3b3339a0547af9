"""Numbers as a newsroom prints them: years bare, money and big counts compact, the rest with separators.

One place for the reader-facing form of a number, so the checklist, the CSV's reference column,
the app's tooltips and tables all say "2008", "$94.8 billion", "8,000" and "1.31 million" rather
than "2,008" or "94,750,000,000–94,850,000,000 USD". Below every stage (like ``units.py``).
"""

from __future__ import annotations

import math
import re

from factcheck.units import parse_unit, symbol

# Currencies a reader knows by their sign; any other ISO code follows the amount ("94.8 billion UAH").
CURRENCY_SIGNS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹",
                                  "CAD": "C$", "AUD": "A$", "HKD": "HK$"}  # fmt: skip
SCALES: tuple[tuple[float, str], ...] = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
COMPACT_FROM = 1e6  # below a million a count keeps all its digits: "8,000", "950,000"
# Units whose pint symbol a reader would not know ("a" for a year).
SPELLED = {"year": "years", "month": "months", "week": "weeks", "day": "days", "nordic_krone": "kr"}


def number(x: float) -> str:
    """Thousands separators, no trailing zeros, at most three decimals (one from a thousand up).

    >>> number(8000.0), number(1.8641), number(1234.56), number(-1234567), number(math.inf)
    ('8,000', '1.864', '1,234.6', '-1,234,567', '∞')
    """
    if math.isnan(x):
        return "?"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    places = 1 if abs(x) >= 1000 else 3
    return f"{x:,.{places}f}".rstrip("0").rstrip(".") or "0"


def year(x: float) -> str:
    """A year as it is written: no separator ("2008", never "2,008").

    >>> year(2008.0), year(1945)
    ('2008', '1945')
    """
    return str(int(round(x)))


def _scale(magnitude: float) -> tuple[float, str]:
    """The word ("million", "billion") and its size for a magnitude; (1, "") below a million."""
    for size, word in SCALES:
        if magnitude >= size * 0.9995:  # 999,999,999 reads "1 billion", not "1,000 million"
            return size, word
    return 1.0, ""


def _scaled(x: float, size: float) -> str:
    """``x`` divided by the scale's size, with up to three decimals ("94.8", "1.235")."""
    return number(round(x / size, 3)) if size > 1 else number(x)


def compact(x: float) -> str:
    """A count or amount: all digits below a million, then "1.31 million", "94.8 billion".

    >>> compact(8000), compact(1_310_000), compact(94.8e9), compact(2.5e12), compact(999_999)
    ('8,000', '1.31 million', '94.8 billion', '2.5 trillion', '999,999')
    """
    if not math.isfinite(x) or abs(x) < COMPACT_FROM:
        return number(x)
    size, word = _scale(abs(x))
    return f"{_scaled(x, size)} {word}"


def is_currency(unit: str | None) -> bool:
    """True for an ISO currency code the unit registry knows (USD, UAH), not for cents.

    >>> is_currency("USD"), is_currency("UAH"), is_currency("kilometer"), is_currency(None)
    (True, True, False, False)
    """
    if not unit or not re.fullmatch(r"[A-Z]{3}", unit):
        return False
    u = parse_unit(unit)
    return u is not None and "currency" in str(u.dimensionality)


def unit_text(unit: str | None) -> str:
    """A unit as a reader writes it ("km", "mi", "km²", "days"); "" for a count.

    >>> unit_text("kilometer"), unit_text("square_kilometer"), unit_text("day"), unit_text(None)
    ('km', 'km²', 'days', '')
    """
    if not unit:
        return ""
    for prefix, power in (("square_", "²"), ("cubic_", "³")):
        if unit.startswith(prefix):
            return unit_text(unit[len(prefix) :]) + power
    return SPELLED.get(unit) or symbol(unit).replace("_", " ")


def _with_unit(text: str, unit: str | None, negative: bool = False) -> str:
    """A formatted magnitude with its unit: "$94.8 billion", "-$5", "600 mi", "4.5%", "12 UAH"."""
    if is_currency(unit):
        assert unit is not None
        sign = CURRENCY_SIGNS.get(unit)
        if sign:
            return ("-" if negative else "") + sign + text
        return ("-" if negative else "") + f"{text} {unit}"
    text = ("-" if negative else "") + text
    sym = unit_text(unit)
    if not sym:
        return text
    return f"{text}{sym}" if sym == "%" else f"{text} {sym}"


def amount(x: float, unit: str | None = None, kind: str | None = None) -> str:
    """One value as a reader reads it: a year bare, money with its sign and compact, counts compact.

    >>> amount(2008, kind="year"), amount(94.8e9, "USD"), amount(8000), amount(1.31e6), amount(600, "mile")
    ('2008', '$94.8 billion', '8,000', '1.31 million', '600 mi')
    >>> amount(-5e6, "USD"), amount(4.5, "percent"), amount(12e9, "UAH")
    ('-$5 million', '4.5%', '12 billion UAH')
    """
    if kind == "year" and math.isfinite(x):
        return year(x)
    return _with_unit(compact(abs(x)) if math.isfinite(x) else number(abs(x)), unit, negative=x < 0)


def span(low: float, high: float, unit: str | None = None, kind: str | None = None) -> str:
    """The interval a wording allows, in words: "7,500–8,500", "at least 600 mi", "$94.75–94.85 billion".

    Both ends of a compact range share one scale word, so the range reads as one amount.

    >>> span(94.75e9, 94.85e9, "USD"), span(7500, 8500), span(600, math.inf, "mile"), span(-math.inf, 40000)
    ('$94.75–94.85 billion', '7,500–8,500', 'at least 600 mi', 'at most 40,000')
    >>> span(2008, 2008, kind="year"), span(1.305e6, 1.315e6), span(-math.inf, math.inf)
    ('2008', '1.305–1.315 million', 'any value')
    """
    if math.isinf(low) and math.isinf(high):
        return "any value"
    if math.isinf(low):
        return f"at most {amount(high, unit, kind)}"
    if math.isinf(high):
        return f"at least {amount(low, unit, kind)}"
    if low == high:
        return amount(low, unit, kind)
    if kind == "year":
        return f"{year(low)}–{year(high)}"
    top = max(abs(low), abs(high))
    size, word = _scale(top) if top >= COMPACT_FROM else (1.0, "")
    if low < 0:  # a range of negatives or across zero: each end on its own
        return f"{amount(low, unit, kind)}–{amount(high, unit, kind)}"
    if not word:
        return _with_unit(f"{number(low)}–{number(high)}", unit)
    return _with_unit(f"{_scaled(low, size)}–{_scaled(high, size)} {word}", unit)


def is_year_label(metric_label: str, unit: str | None = None) -> bool:
    """Does a metric count years as values ("year the war ended": 1945, never "1,945")?

    >>> is_year_label("Year the war in Europe ended"), is_year_label("troops in the parade"), is_year_label("years", "year")
    (True, False, False)
    """
    return not unit and metric_label.lower().startswith("year")
