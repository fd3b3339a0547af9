"""Every ISO 4217 currency as a unit, from pycountry's table: its code and its name, written after a number.

The hand-kept alias file (data/unit_aliases.txt) holds the forms newsrooms use most, with their
symbols ("$", "HK$", "RM"); this adds the long tail from the standard, so "2.4 billion ZAR",
"500 Ghana cedis" or "80 Danish krone" are money without a line typed for each. A code is
matched only in capitals ("ALL" is the lek, "all" is a word); a currency's name is matched in
full ("Danish Krone", "Rand"), with a plain English plural ("cedis", "rands"); a name the alias
file already has keeps the alias file's meaning. English calls the koruna, krone and krona a crown:
"Czech crowns", "Swedish crowns" are read from the standard's names with that word put in.

data/currency_words.csv adds what the standard leaves out, from the Unicode CLDR
(scripts/currency_words.py writes it): English names for many ("Romanian lei", "Swedish kronor"),
a name's last word alone ("zlotys", "naira") and the symbols each currency is written with where
it is used ("₦", "zł", "Ksh"). A word or symbol several currencies share is a family (below).

"kr" is written for four currencies (the Danish and Norwegian krone, the Swedish and Icelandic
krona): the alias file reads it as the family unit ``nordic_krone``, which ``krone_named`` narrows
to one code when the sentence names exactly one of their countries.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

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
        if "(" in name or any(w in name for w in ("Fund", "Unit", "Unidad", "Mecanismo", "WIR", "Mvdol")):
            continue
        out[code] = name
    return out


# The English word for a currency's name in its own language ("Czech Koruna" is the Czech crown).
CROWN_WORDS = frozenset({"Koruna", "Krone", "Krona"})
KRONE_FAMILY = "nordic_krone"  # NOTE: keep in sync with units.py and data/unit_aliases.txt
KR_WORDS = frozenset({"Krone", "Krona"})  # the currencies written "kr" (the koruna is "Kč")


def _plural(name: str) -> str:
    """A plain English plural of a currency's name: its last word with "s" ("Ghana Cedi" → "Ghana Cedis")."""
    return name if name.endswith("s") else name + "s"


class CurrencyWord(NamedTuple):
    """One row of data/currency_words.csv: a name, word or symbol and the currencies written so."""

    form: str
    position: str  # "after" or "before" the number
    kind: str  # "name" ("Romanian lei"), "word" ("lei"), "symbol" ("zł")
    codes: tuple[str, ...]
    family: str  # for a word several currencies share, its singular ("leu"); else ""


@lru_cache(maxsize=1)
def currency_words() -> tuple[CurrencyWord, ...]:
    """The rows of data/currency_words.csv (CLDR's English names and local symbols)."""
    path = Path(__file__).parents[1] / "data" / "currency_words.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        return tuple(
            CurrencyWord(r["form"], r["position"], r["kind"], tuple(r["codes"].split()), r["family"])
            for r in csv.DictReader(lines)
        )


@lru_cache(maxsize=1)
def currency_aliases() -> tuple[tuple[str, str, str, bool], ...]:
    """(alias, code, position, case_sensitive) for every currency: its code before and after, its
    name after, and CLDR's names and symbols; a shared word is its family's unit."""
    rows: list[tuple[str, str, str, bool]] = []
    for code, name in iso_currencies().items():
        rows += [(code, code, "before", True), (code, code, "after", True)]
        rows += [(name, code, "after", False), (_plural(name), code, "after", False)]
        first, _, last = name.rpartition(" ")
        if first and last in CROWN_WORDS:
            # the plural only: "Danish Crown" is also a company's name ("5,000 Danish Crown workers")
            rows.append((f"{first} Crowns", code, "after", False))
    for w in currency_words():
        if len(w.codes) == 1:
            rows.append((w.form, w.codes[0], w.position, w.kind == "symbol"))
        elif w.family:
            rows.append((w.form, family_unit(w.family), w.position, False))
    return tuple(rows)


@lru_cache(maxsize=1)
def _kr_codes() -> tuple[str, ...]:
    """The currencies written "kr": the krone and krona of ISO 4217."""
    return tuple(code for code, name in iso_currencies().items() if name.rpartition(" ")[2] in KR_WORDS)


def krone_named(sentence: str) -> str:
    """The code of the one "kr" currency whose country ``sentence`` names, else the family unit.

    >>> krone_named("Oslo paid kr 400 to Norway's fund"), krone_named("a fee of 50 kr")
    ('NOK', 'nordic_krone')
    """
    named = {code for words, code in _countries_of(_kr_codes()) if words.search(sentence)}
    return named.pop() if len(named) == 1 else KRONE_FAMILY


# Bare currency words several countries use, read as money only through the sentence: "2.1 billion
# shillings" in a sentence naming Kenya is KES. The alias file's own forms come first, so a word with
# a newsroom default there keeps it ("rupees" is INR, "francs" CHF, "rubles" RUB) unless the sentence
# names another of its countries; the others are a family unit of their own (like "kr") until a
# country is named. "dollars" and "euros" keep their default: they are quoted the world over.
DEFAULT_OF_FAMILY = {"INR": "rupee", "CHF": "franc", "RUB": "ruble"}  # NOTE: keep in sync with data/unit_aliases.txt


def family_unit(word: str) -> str:
    """The unit of a bare currency word no country is named for ("shilling" → "shilling_family")."""
    return f"{word.lower()}_family"


@lru_cache(maxsize=1)
def families() -> dict[str, tuple[str, ...]]:
    """Family word → the ISO codes written with it ("shilling" → KES, SOS, TZS, UGX)."""
    return {w.family: w.codes for w in currency_words() if w.family}


@lru_cache(maxsize=None)
def _countries_of(codes: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(words naming the country, code) for each code: its country's ISO 3166 names (official and
    common: "Moldova, Republic of", "Moldova") and the first words of its currency's name
    ("Kenyan" of "Kenyan Shilling")."""
    out = []
    for code in codes:
        words = _country_names(code)
        if words:
            out.append((re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words)) + r")\b"), code))
    return tuple(out)


def _country_names(code: str) -> set[str]:
    """The names of currency ``code``'s country (ISO 3166, official and common) and the first words of
    the currency's name ("Kenyan" of "Kenyan Shilling")."""
    first = iso_currencies().get(code, "").rpartition(" ")[0]
    country = pycountry.countries.get(alpha_2=code[:2])
    return ({first} | {getattr(country, "common_name", ""), getattr(country, "name", "")}) - {""}


def country_named(code: str, text: str) -> bool:
    """Whether ``text`` names the country of currency ``code`` or the currency itself, a country's
    name also as the start of its adjective ("Nigeria" in "Nigerian").

    >>> country_named("NGN", "Lagos traders, Nigerian officials said"), country_named("PHP", "in Lagos")
    (True, False)
    """
    words = _country_words(code)
    return words is not None and words.search(text) is not None


@lru_cache(maxsize=None)
def _country_words(code: str) -> re.Pattern[str] | None:
    """The words that name currency ``code``'s country or the currency (see ``country_named``)."""
    name = iso_currencies().get(code)
    if name is None:
        return None
    words = _country_names(code) | {name} | {w.form for w in currency_words() if w.kind != "symbol" and w.codes == (code,)}
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")", re.IGNORECASE)


def narrowed(unit: str, sentence: str) -> str:
    """A bare currency word's unit made the currency of the one country of its family ``sentence``
    names ("shilling_family" + "Kenya" → KES; "INR" + "Pakistan" → PKR); else ``unit`` as it is.

    >>> narrowed("shilling_family", "Nairobi spent 2 billion shillings, Kenya said"), narrowed("INR", "Rs 5 in Lahore, Pakistan")
    ('KES', 'PKR')
    """
    if unit == KRONE_FAMILY:
        return krone_named(sentence)
    word = DEFAULT_OF_FAMILY.get(unit) or next((w for w in families() if family_unit(w) == unit), None)
    if word is None:
        return unit
    named = {code for words, code in _countries_of(families().get(word, ())) if words.search(sentence)}
    return named.pop() if len(named) == 1 else unit
