"""Every ISO 4217 currency as a unit, from pycountry's table: its code and its name, written after a number.

The hand-kept alias file (data/unit_aliases.txt) holds the forms newsrooms use most, with their
symbols ("$", "HK$", "RM"); this adds the long tail from the standard, so "2.4 billion ZAR",
"500 Ghana cedis" or "80 Danish krone" are money without a line typed for each. A code is
matched only in capitals ("ALL" is the lek, "all" is a word); a currency's name is matched in
full ("Danish Krone", "Rand"), with a plain English plural ("cedis", "rands"); a name the alias
file already has keeps the alias file's meaning.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

# Codes for funds, metals and units of account rather than money people pay with.
_NOT_MONEY_PREFIX = ("X",)
_REAL_X_CODES = frozenset({"XAF", "XOF", "XCD", "XPF"})  # the CFA and CFP francs, the East Caribbean dollar


@lru_cache(maxsize=1)
def iso_currencies() -> dict[str, str]:
    """ISO 4217 code → English name, for the currencies people pay with."""
    out: dict[str, str] = {}
    for c in pycountry.currencies:
        code, name = c.alpha_3, c.name
        if code.startswith(_NOT_MONEY_PREFIX) and code not in _REAL_X_CODES:
            continue
        if "(" in name or any(w in name for w in ("Fund", "Unit", "Unidad", "Mecanismo")):
            continue
        out[code] = name
    return out


def _plural(name: str) -> str:
    """A plain English plural of a currency's name: its last word with "s" ("Ghana Cedi" → "Ghana Cedis")."""
    return name if name.endswith("s") else name + "s"


@lru_cache(maxsize=1)
def currency_aliases() -> tuple[tuple[str, str, str, bool], ...]:
    """(alias, code, position, case_sensitive) for every currency: its code before and after, its name after."""
    rows: list[tuple[str, str, str, bool]] = []
    for code, name in iso_currencies().items():
        rows += [(code, code, "before", True), (code, code, "after", True)]
        rows += [(name, code, "after", False), (_plural(name), code, "after", False)]
    return tuple(rows)
