"""The one pint UnitRegistry everything imports, and helpers to convert between units.

Canonical unit names in a ``Figure`` or ``Reference`` are pint names ("kilometer", "mile",
"square_kilometer", "percent", "degree_Celsius", "mile_per_hour") or ISO currency codes
("USD", "GBP", "EUR", "RUB", "UAH"; each its own dimension: no exchange rates here).
``None`` or "" means a plain count.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import pint

from factcheck.extract.currencies import currency_words, families, family_unit

ureg: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
Q_ = ureg.Quantity

# Currencies: each is its own base dimension, so comparing USD with GBP is a clear
# DimensionalityError, never a silent conversion at a made-up rate.
for _code in ("USD", "GBP", "EUR", "RUB", "UAH", "JPY", "CNY", "INR", "CHF", "CAD", "AUD"):
    ureg.define(f"{_code} = [currency_{_code.lower()}]")

ureg.define("percentage_point = [percentage_point] = pp")

# Currencies and units news text uses that pint's default registry lacks (names used by
# factcheck/data/unit_aliases.txt; NOTE: keep in sync with it).
for _code in ("MYR", "HKD", "ILS"):
    ureg.define(f"{_code} = [currency_{_code.lower()}]")
ureg.define("USD_cent = 0.01 * USD")


def _define_iso_currencies() -> None:
    """Every other ISO 4217 currency as its own dimension, so an imported table or article in ZAR is a unit."""
    import pycountry

    codes = {c.alpha_3 for c in pycountry.currencies} | {code for w in currency_words() for code in w.codes}
    for code in sorted(codes):
        try:
            ureg.define(f"{code} = [currency_{code.lower()}]")
        except (pint.errors.RedefinitionError, pint.errors.DefinitionSyntaxError, ValueError):
            continue  # already defined above, or a code pint cannot take as a name


_define_iso_currencies()
ureg.define("basis_point = 0.01 * percentage_point")
ureg.define("square_kilometer = kilometer ** 2")
ureg.define("square_meter = meter ** 2")
ureg.define("cubic_meter = meter ** 3")
ureg.define("bit_per_second = bit / second = bps")  # a data rate; pint prefixes it ("megabit_per_second", "Mbps")
ureg.define("ppb = 1e-9")
ureg.define("newton_meter_torque = newton * meter")
ureg.define("MYR_sen = 0.01 * MYR")
ureg.define("GBX = 0.01 * GBP")  # pence sterling ("99p"), the code markets quote UK share prices in
# "kr" names the Danish or Norwegian krone, the Swedish or Icelandic krona: a unit of its own until the
# sentence names the country (extract/currencies.py), never compared with any one of them
ureg.define("nordic_krone = [currency_nordic_krone]")
# bare "shillings", "pesos", "dinars" ...: one unit per family until the sentence names the country
for _family in families():
    ureg.define(f"{family_unit(_family)} = [currency_{family_unit(_family)}]")
ureg.define("index_point = [index_point]")  # "the index rose 45 points": not percentage points
ureg.define("MMBtu = 1e6 * british_thermal_unit")
ureg.define("brake_horsepower = horsepower")
ureg.define("mile_per_gallon = mile / gallon = mpg")
ureg.define("oil_barrel_per_day = oil_barrel / day")  # "125,000 bpd": oil output written as one unit
ureg.define("seismic_magnitude = [seismic_magnitude]")  # "a magnitude 6.1 quake": a scale of its own, no conversion
ureg.define("storm_category = [storm_category]")  # "a Category 4 hurricane": the Saffir-Simpson scale, no conversion
ureg.define("share = [share]")  # a company share: "$62 per share" is USD / share


# One of something as a rate's denominator ("$10,000 per violation", "£30m an episode"): a unit
# "each_<noun>" of a dimension of its own, defined on first use, so a price per thing is never
# compared with an amount or with a price per any other thing.
EACH_RE = re.compile(r"\beach_[a-z]{3,20}\b")
_DEFINING = threading.Lock()


def each_unit(noun: str) -> str | None:
    """The unit of one ``noun`` ("violation" → "each_violation"), defined in the registry; None for a word that cannot name one."""
    name = f"each_{noun}"  # lower-case words only: a capitalised word is a name
    if not EACH_RE.fullmatch(name):
        return None
    with _DEFINING:
        try:
            ureg.Unit(name)
        except pint.errors.UndefinedUnitError:
            ureg.define(f"{name} = [{name}]")
    return name


@lru_cache(maxsize=512)
def parse_unit(name: str) -> pint.Unit | None:
    """A pint Unit for a canonical name, or None when pint does not know it (an "each_" unit read
    from a stored figure is defined on the way)."""
    for each in EACH_RE.findall(name or "") if isinstance(name, str) else ():
        each_unit(each.removeprefix("each_"))
    try:
        return ureg.Unit(name)
    except (pint.errors.UndefinedUnitError, AttributeError, TypeError, ValueError, AssertionError):
        return None


def is_known_unit(name: str | None) -> bool:
    """True for "" / None (a count) and for any unit pint can parse."""
    return not name or parse_unit(name) is not None


def same_dimension(a: str | None, b: str | None) -> bool:
    """True when two units can be converted into each other (two counts count as the same)."""
    if not a and not b:
        return True
    if not a or not b:
        return False
    ua, ub = parse_unit(a), parse_unit(b)
    return ua is not None and ub is not None and ua.dimensionality == ub.dimensionality


def convert(value: float, from_unit: str | None, to_unit: str | None) -> float:
    """Convert ``value`` between canonical units; raises pint.DimensionalityError when incompatible."""
    if (from_unit or "") == (to_unit or ""):
        return value
    if not from_unit or not to_unit:
        raise pint.DimensionalityError(from_unit or "count", to_unit or "count")
    factor = _factor(from_unit, to_unit)
    if factor is _INCOMPATIBLE:
        raise pint.DimensionalityError(from_unit, to_unit)
    if factor is None:
        return float(Q_(value, from_unit).to(to_unit).magnitude)  # an offset scale (temperatures)
    return value * factor


_INCOMPATIBLE = float("nan")  # the marker ``_factor`` returns for units of different dimensions


@lru_cache(maxsize=1024)
def _factor(from_unit: str, to_unit: str) -> float | None:
    """The factor between two units, asked of pint once per pair: a big article converts thousands of figures.

    None for a scale with an offset (°C to °F), which only pint converts.
    """
    try:
        if float(Q_(0.0, from_unit).to(to_unit).magnitude) != 0.0:
            return None
        return float(Q_(1.0, from_unit).to(to_unit).magnitude)
    except pint.DimensionalityError:
        return _INCOMPATIBLE


def symbol(name: str | None) -> str:
    """A short symbol for display ("kilometer" → "km"); "" for counts."""
    if not name:
        return ""
    u = parse_unit(name)
    if u is None:
        return name
    try:
        return f"{u:~}"
    except Exception:
        return name
