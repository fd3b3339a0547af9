"""Exchange rates written as a bare number against a currency: "the rupiah fell past 16,400 per dollar".

The number is what one unit of the currency named after it ("per dollar", "against the
greenback", "to the euro") costs in the currency its sentence is about, named before it ("the
rupiah", "the Swiss franc", "Brazil's real"). The figure's unit is then "IDR / USD": a unit pint
knows, of a dimension no other figure shares, so a rate is never compared with an amount of money.
With no currency of its own before the number nothing is read: a level in an unknown currency
stays a bare number.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pycountry

from factcheck.extract.currencies import iso_currencies, narrowed
from factcheck.extract.unit_aliases import load_aliases, unit_after

# What stands between the number and the currency it is quoted against.
BASE_BEFORE_RE = re.compile(
    r"\s+(?:(?P<per>per|a|an|for\s+(?:one|each|every|a))|to\s+(?:the|one|each|a)|against\s+(?:the|a|one)|versus\s+the|vs\.?\s+the)\s+",
    re.IGNORECASE,
)
POUND_AFTER_PER = "pound"  # "3.50 per pound" is a price by weight; only "against/to the pound" is sterling


@lru_cache(maxsize=1)
def _currency_words_re() -> tuple[re.Pattern[str], dict[str, str]]:
    """A currency's name written as words ("rupiah", "Swiss franc", "greenback") → its code or family unit."""
    rows = [a for a in load_aliases() if a.kind == "money" and a.position == "after" and a.alias[:1].isalpha() and len(a.alias) > 2 and not a.alias.isupper()]
    names = {" ".join(a.alias.lower().split()): a.canonical for a in rows}
    alt = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?i)\b(?:{alt})\b"), names


@lru_cache(maxsize=1)
def _owned_currency_re() -> tuple[re.Pattern[str], dict[str, str]]:
    """A country's own currency named by the country and the last word of the currency's name, which
    alone may be an ordinary word ("Brazil's real", "Poland's zloty") → its code."""
    out: dict[str, str] = {}
    for code, name in iso_currencies().items():
        country = pycountry.countries.get(alpha_2=code[:2])
        word = name.rpartition(" ")[2].lower()
        if country is None or not word.isalpha():
            continue
        for c in {getattr(country, "common_name", ""), country.name} - {""}:
            out[f"{c.lower()}'s {word}"] = code
    alt = "|".join(re.escape(k).replace("'", "['’]") for k in sorted(out, key=len, reverse=True))
    return re.compile(rf"(?i)\b(?:{alt})s?\b"), out


class ExchangeRate(NamedTuple):
    """What a bare number quoted against a currency reads as."""

    unit: str  # "IDR / USD": the priced currency per one of the base
    end: int  # where the quote ends ("... per dollar")
    currency: str  # the priced currency as written ("rupiah", "Brazil's real")


def _priced(before: str, sentence: str, base: str) -> tuple[str, str] | None:
    """The last currency named in ``before`` other than ``base``: its code (a family narrowed by the sentence) and its words."""
    found: list[tuple[int, str, str]] = []
    owned, owned_codes = _owned_currency_re()
    for m in owned.finditer(before):
        key = m.group().lower().replace("’", "'")
        code = owned_codes.get(key) or owned_codes.get(key.removesuffix("s"))  # "Poland's zlotys"
        if code:
            found.append((m.start(), code, m.group()))
    words, codes = _currency_words_re()
    for m in words.finditer(before):
        code = codes.get(" ".join(m.group().lower().split()))
        if code:
            found.append((m.start(), narrowed(code, sentence), m.group()))
    found = [f for f in sorted(found) if f[1] != base and "_" not in f[1]]
    return (found[-1][1], found[-1][2]) if found else None


def exchange_rate(text: str, lo: int, start: int, end: int, hi: int) -> ExchangeRate | None:
    """The unit of a bare number at ``text[start:end]`` quoted against a currency, and where the quote ends.

    >>> exchange_rate("The rupiah fell past 16,400 per dollar.", 0, 21, 27, 39)
    ExchangeRate(unit='IDR / USD', end=38, currency='rupiah')
    >>> exchange_rate("Brazil's real slid to 5.44 against the greenback.", 0, 22, 26, 49)
    ExchangeRate(unit='BRL / USD', end=48, currency="Brazil's real")
    >>> exchange_rate("Beef sold at 3.50 per pound.", 0, 12, 16, 28) is None
    True
    """
    m = BASE_BEFORE_RE.match(text, end, hi)
    if m is None:
        return None
    u = unit_after(text, m.end())
    if u is None or u[1] > hi:
        return None
    alias, base_end = u
    if alias.kind == "money":
        base = alias.canonical
    elif alias.canonical == POUND_AFTER_PER and not m.group("per"):
        base = "GBP"  # "against the pound"
    else:
        return None
    sentence = text[lo:hi]
    priced = _priced(text[lo:start], sentence, base)
    return ExchangeRate(f"{priced[0]} / {base}", base_end, priced[1]) if priced else None
