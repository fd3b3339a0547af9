"""Newsroom unit spellings ("km", "per cent", "£") → canonical pint names, from data/unit_aliases.txt.

One table, read once; the extractor asks it for the longest unit written right after (or
before) a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factcheck.extract.currencies import KRONE_FAMILY, country_named, currency_aliases, krone_named
from factcheck.extract.patterns import ordinal_suffix_fits
from factcheck.units import each_unit, parse_unit, ureg


@dataclass(frozen=True)
class UnitAlias:
    """One way of writing a unit: the alias as written, its canonical name, kind and position."""

    alias: str
    canonical: str
    kind: str
    position: str
    case_sensitive: bool
    standard: bool = False  # from the ISO 4217 table, not the newsroom file: names a unit, never a stop word


def _parse_line(line: str) -> list[UnitAlias]:
    """Read one ``<canonical> <kind> <position> : a | b`` line of the alias file."""
    head, _, tail = line.partition(":")
    canonical, kind, position = head.split()
    out: list[UnitAlias] = []
    for raw in tail.split("|"):
        raw = raw.strip()
        if not raw:
            continue
        cs = raw.startswith("=")
        out.append(UnitAlias(raw.lstrip("=") if cs else raw, canonical, kind, position, cs))
    return out


@lru_cache(maxsize=1)
def _all_aliases() -> tuple[UnitAlias, ...]:
    """Every row of data/unit_aliases.txt, in every position, longest first."""
    text = (Path(__file__).parents[1] / "data" / "unit_aliases.txt").read_text(encoding="utf-8")
    rows: list[UnitAlias] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.extend(_parse_line(line))
    written = {(" ".join(a.alias.lower().split()), a.position) for a in rows}
    standard: set[tuple[str, str, bool]] = set()  # ISO's and CLDR's names often agree: each form once
    for alias, code, position, cs in currency_aliases():  # the ISO 4217 long tail, below the file's own forms
        key = (alias if cs else alias.lower(), position, cs)
        if (alias.lower(), position) not in written and key not in standard:
            standard.add(key)
            rows.append(UnitAlias(alias, code, "money", position, cs, standard=True))
    rows.extend(_spaced_dollar_signs(rows))
    return tuple(sorted(rows, key=lambda a: -len(a.alias)))


LETTERS_DOLLAR_RE = re.compile(r"(?P<letters>[A-Z]{1,3})\$")
LETTERS_THAT_ARE_WORDS = frozenset({"A", "I"})  # "A $5 fee": the article, not Australia


def _spaced_dollar_signs(rows: list[UnitAlias]) -> list[UnitAlias]:
    """ "AU $", "C $", "NZ $": each country's dollar sign written with a space after its letters
    (tokenised text), in capitals only, and not where the letters are an English word."""
    written = {(a.alias, a.position) for a in rows}
    out = []
    for a in rows:
        m = LETTERS_DOLLAR_RE.fullmatch(a.alias)
        if a.kind == "money" and a.position == "before" and m and m.group("letters") not in LETTERS_THAT_ARE_WORDS:
            spaced = f"{m.group('letters')} $"
            if (spaced, "before") not in written:
                written.add((spaced, "before"))
                out.append(UnitAlias(spaced, a.canonical, "money", "before", True, a.standard))
    return out


@lru_cache(maxsize=1)
def load_aliases() -> tuple[UnitAlias, ...]:
    """Every alias written before or after a number, longest first (so "square km" beats "km")."""
    return tuple(a for a in _all_aliases() if a.position in ("before", "after"))


@lru_cache(maxsize=1)
def per_aliases() -> tuple[UnitAlias, ...]:
    """Aliases that are a unit only as the denominator of a money rate ("$62 per share"), longest first."""
    return tuple(a for a in _all_aliases() if a.position == "per")


def _alias_pattern(aliases: list[UnitAlias], *, after: bool) -> re.Pattern[str]:
    """One alternation of the aliases; word-boundary guarded where the alias ends in a letter."""
    parts = []
    for a in aliases:
        # words of a unit name may be hyphenated when it modifies a noun ("a 2,400-square-foot house")
        body = r"(?:\s+|-)".join(re.escape(w) for w in a.alias.split())
        if a.alias[-1].isalnum():
            body += r"(?![A-Za-z0-9])"  # a whole word: "km" but not "kmart"
        parts.append(("" if a.case_sensitive else "(?i:") + body + ("" if a.case_sensitive else ")"))
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], dict[str, UnitAlias], dict[str, UnitAlias], re.Pattern[str], dict[str, UnitAlias]]:
    """Compiled matchers for units after and before a number, with lookup dicts."""
    rows = load_aliases()
    after = [a for a in rows if a.position == "after"]
    before = [a for a in rows if a.position == "before"]
    after_map: dict[str, UnitAlias] = {}
    after_cs: dict[str, UnitAlias] = {}
    for a in after:
        key = " ".join(a.alias.split())
        if a.case_sensitive:
            after_cs.setdefault(key, a)
        else:
            after_map.setdefault(key.lower(), a)
    before_map = {" ".join(a.alias.split()).lower(): a for a in reversed(before)}
    return _alias_pattern(after, after=True), after_map, after_cs, _alias_pattern(before, after=False), before_map


# A symbol written before a number only when the number looks like an amount of money: "PS" is
# the pound sign transliterated to ASCII ("PS2.7m", "PS21,700") but also the PlayStation ("PS4").
MONEY_SHAPE_RE = re.compile(
    r"""\s?(?:\d+(?:\.\d+)?\s?(?:m|bn|k|million|billion|trillion)(?![A-Za-z])  # a magnitude: "2.7m", "3 million"
    | (?:\d{1,3}(?:,\d{3})+ | \d+\.\d+ | \d{3,})                # "21,700", "2.70", "350"
      (?![\d,.]*[A-Za-z]))                                       # with no model letters after: not "PS300X"
    """,
    re.VERBOSE,
)
# The rand's "R" is also the first letter of models, roads and droids ("R2-D2", "the R5", "R350"),
# so the amount must say money by itself, or a money word must come shortly before it.
RAND_SHAPE_RE = re.compile(
    r"""(?:\d+(?:\.\d+)?\s?(?:m|bn|k|million|billion|trillion)(?![A-Za-z])  # a scale: "R2.5 billion", "R350m"
    | (?:\d{1,3}(?:,\d{3})+(?:\.\d\d)? | \d+\.\d\d)                # grouped thousands or cents: "R21,700", "R15.50"
      (?![\w-]|[.,]\d))                                           # and nothing glued after: not "R2.50X"
    """,
    re.VERBOSE,
)
PLAIN_AMOUNT_RE = re.compile(r"\d+(?:\.\d+)?(?![\w-]|[.,/]\d)")  # "R15" with nothing glued after: not "R2-D2"
MONEY_WORD_BEFORE_RE = re.compile(
    r"""(?i)\b(?:cost|costs|costing|price|prices|priced|paid|pay|pays|paying|worth|fee|fees|fare|fares|fine|fined
    |spent|spend|spends|spending|salary|salaries|wage|wages|earn|earns|earned|charge|charged|charges|rent|budget
    |valued|sold\s+for|bought\s+for|tax|levy|bill|loan|grant|rand)\b  # a word that speaks of money
    [^.!?;]{0,30}$                                                     # shortly before, in the same clause
    """,
    re.VERBOSE,
)
WORD_START_BEFORE = frozenset(" \t\n\u00a0(\"'“‘")  # what may stand before a one-letter symbol: not "PLX-R18"


def _pound_shape(text: str, start: int, pos: int) -> bool:
    """"PS" is the pound sign before an amount shaped like money, not a console's number."""
    return MONEY_SHAPE_RE.match(text, pos) is not None


def _rand_amount(text: str, start: int, pos: int) -> bool:
    """"R" glued to the start of a word and to an amount that is money by its shape or a money word before it."""
    if pos != start + 1 or (start > 0 and text[start - 1] not in WORD_START_BEFORE):
        return False
    if RAND_SHAPE_RE.match(text, pos):
        return True
    return PLAIN_AMOUNT_RE.match(text, pos) is not None and MONEY_WORD_BEFORE_RE.search(text, max(0, start - 40), start) is not None


# A sign's ASCII letter ("N" for ₦, "P" for ₱) is a currency only where the amount says money as the
# rand's "R" must, and the text near it names the currency's country: else it is a model ("N95").
SIGN_LETTER_WINDOW = 300  # characters either side of the amount where the country is looked for


def _sign_letter_of(code: str) -> Callable[[str, int, int], bool]:
    """The test for a sign's ASCII letter standing for currency ``code`` (see above)."""

    def test(text: str, start: int, pos: int) -> bool:
        near = text[max(0, start - SIGN_LETTER_WINDOW) : pos + SIGN_LETTER_WINDOW]
        return _rand_amount(text, start, pos) and country_named(code, near)

    return test


# Before-aliases read only when their test holds (alias as written → test of text, alias start, number start).
# The storms the Saffir-Simpson scale and its Pacific and Indian Ocean kin rate by category.
STORM_RE = re.compile(r"(?i)\b(?:hurricane|typhoon|cyclone|storm)s?\b")
STORM_WINDOW = 80  # characters either side of "Category N" where the storm is named


def _storm_named(text: str, start: int, pos: int) -> bool:
    """"Category" is a storm's only where a storm is named close by: "a Category 4 hurricane"."""
    return STORM_RE.search(text, max(0, start - STORM_WINDOW), pos + STORM_WINDOW) is not None


GUARDED_BEFORE: dict[str, Callable[[str, int, int], bool]] = {
    "PS": _pound_shape,
    "R": _rand_amount,
    "category": _storm_named,
    "N": _sign_letter_of("NGN"),
    "P": _sign_letter_of("PHP"),
}
# Pence: not "4p.m." (a time), and not a progressive-scan video format ("720p", "1080p").
PENCE_NOT_AFTER_RE = re.compile(r"\.[A-Za-z]")
VIDEO_LINES = frozenset({"240", "360", "480", "576", "720", "1080", "1440", "2160", "4320"})


def _pence(text: str, num_start: int, start: int) -> bool:
    """"p" right after the number is pence unless a time ("4p.m.") or a video format ("1080p") follows or is written."""
    return start == num_start and not PENCE_NOT_AFTER_RE.match(text, start + 1) and _number_before(text, start) not in VIDEO_LINES


def _number_before(text: str, end: int) -> str:
    """The digits written right before ``text[end]`` ("1080" in "1080p")."""
    m = DIGITS_BEFORE_RE.search(text, max(0, end - 12), end)
    return m.group() if m else ""


DIGITS_BEFORE_RE = re.compile(r"[\d,.]+$")
# After-aliases read only when their test holds (alias as written → test of text, where the number ends, alias start).
def _glued(text: str, num_start: int, start: int) -> bool:
    """A unit that is also a word only written right after its number: "10in", not "10 in"."""
    return start == num_start


def _not_ordinal(text: str, num_start: int, start: int) -> bool:
    """Is "st" glued to a number it cannot make an ordinal ("12st", not "21st")? Then it is stone, as UK
    weights are written. Only the few characters before it are read, never the text up to it."""
    digits = _DIGITS_BEFORE_RE.search(text, max(0, num_start - 12), num_start)
    return start == num_start and digits is not None and not ordinal_suffix_fits(digits.group(), "st")


_DIGITS_BEFORE_RE = re.compile(r"[\d,]+$")


CROWN_WINDOW = 200  # characters either side of bare "crowns" where a country of the krone is named


def _crown_country_named(text: str, num_start: int, start: int) -> bool:
    """Bare "crowns" is the krone or krona only where one of their countries is named close by."""
    return krone_named(text[max(0, start - CROWN_WINDOW) : start + CROWN_WINDOW]) != KRONE_FAMILY


GUARDED_AFTER: dict[str, Callable[[str, int, int], bool]] = {"p": _pence, "in": _glued, "crowns": _crown_country_named, "st": _not_ordinal}


def _letters_symbol(alias: UnitAlias) -> bool:
    """A standard symbol of mixed-case letters ("Rp", "Ksh", "Ft"): also an abbreviation or a word."""
    return alias.standard and alias.alias.isascii() and alias.alias.isalpha() and not alias.alias.isupper()


def _amount_follows(alias: UnitAlias, text: str, start: int, pos: int) -> bool:
    """Whether ``alias`` written at ``text[start:]`` is a currency before the number at ``pos``."""
    test = GUARDED_BEFORE.get(alias.alias) or (_pound_shape if _letters_symbol(alias) or _glued_code(alias, start, pos) else None)
    return test is None or test(text, start, pos)


def _glued_code(alias: UnitAlias, start: int, pos: int) -> bool:
    """An ISO code glued to its number ("COP29", "ALL4"): also a name, so money only by its shape."""
    return alias.standard and alias.alias.isupper() and pos == start + len(alias.alias)


GAP_RE = re.compile(r"[ \t\u00a0-]?")  # one space or hyphen between a number and its unit ("3 km", "3-km")


def unit_after(text: str, pos: int) -> tuple[UnitAlias, int] | None:
    """The unit written at ``text[pos:]`` (after optional space or hyphen) and where it ends.

    >>> a, end = unit_after("3 square kilometres of land", 1); a.canonical, end
    ('square_kilometer', 19)
    >>> unit_after("3 kmart", 1) is None
    True
    >>> [unit_after(t, 2) and unit_after(t, 2)[0].canonical for t in ("99p each", "4p.m. on", "99 p")], unit_after("1080p", 4)
    (['GBX', None, None], None)
    """
    pat, amap, cs_map, _, _ = _tables()
    m = GAP_RE.match(text, pos)
    start = m.end() if m else pos
    u = pat.match(text, start)
    if not u:
        return _derived_after(text, start)
    key = " ".join(u.group().split())
    alias = cs_map.get(key) or amap.get(key.lower()) or amap.get(key.lower().replace("-", " "))
    if alias is not None and alias.alias in GUARDED_AFTER and not GUARDED_AFTER[alias.alias](text, pos, start):
        return None
    return (alias, u.end()) if alias else None


WORD_AT_RE = re.compile(r"[A-Za-z]{3,}(?![A-Za-z0-9_])")


def _derived_after(text: str, start: int) -> tuple[UnitAlias, int] | None:
    """A unit word the alias file does not spell out, read by pint as one of the file's own units.

    Two shapes: pint's own spelling of a unit the file names ("degF", "degreeF"), and an SI prefix
    written in full before it ("gigatonnes", "terawatts"). Only units already in the file count,
    so pint's long tail of rare units ("are", "hat") never turns a word into a unit; an abbreviated
    prefix ("Gt") stays unread, as it is ambiguous.

    >>> [(a.canonical, end) for a, end in [_derived_after("95 degF in", 3), _derived_after("lost 270 gigatonnes", 9)]]
    [('degree_Fahrenheit', 7), ('gigatonne', 19)]
    >>> _derived_after("they are", 5), _derived_after("270 Gt of", 4)
    (None, None)
    """
    m = WORD_AT_RE.match(text, start)
    if m is None:
        return None
    alias = _derived_unit(m.group())
    return (alias, m.end()) if alias is not None else None


@lru_cache(maxsize=4096)
def _derived_unit(word: str) -> UnitAlias | None:
    """``word`` as a unit of the alias file by pint's reading of it (see ``_derived_after``), or None."""
    known = _measures_by_pint_name()
    try:
        readings = ureg.parse_unit_name(word, case_sensitive=True)
    except Exception:  # noqa: BLE001 - a word pint cannot read is no unit
        return None
    for prefix, name, _suffix in readings:
        base = known.get(name)
        if base is None:
            continue
        if not prefix:
            if word in _pint_spellings(name):  # as pint defines it, not a plural pint guessed ("has": hectares)
                return UnitAlias(word, base.canonical, base.kind, "after", True, standard=True)
            continue
        rest = _tables()[1].get(word[len(prefix) :].lower()) if word.lower().startswith(prefix) else None
        if rest is not None and known.get(_pint_name(rest.canonical) or "") is not None and _pint_name(rest.canonical) == name:
            canonical = prefix + rest.canonical  # the prefix, then a spelling the file itself gives ("tonnes")
            unit = parse_unit(canonical)
            if unit is not None and unit.dimensionality == parse_unit(base.canonical).dimensionality:  # type: ignore[union-attr]
                return UnitAlias(word, canonical, base.kind, "after", True, standard=True)
    return None


@lru_cache(maxsize=1)
def _measures_by_pint_name() -> dict[str, UnitAlias]:
    """The file's measure units by pint's own name for them (metric_ton for "tonne")."""
    out: dict[str, UnitAlias] = {}
    for a in load_aliases():
        name = _pint_name(a.canonical) if a.kind == "measure" and a.position == "after" else None
        if name is not None:
            out.setdefault(name, a)
    return out


@lru_cache(maxsize=1024)
def _pint_name(canonical: str) -> str | None:
    """pint's own name of a single unit ("tonne" → "metric_ton"); None for a compound or unknown one."""
    if parse_unit(canonical) is None:
        return None
    try:
        return str(ureg.get_name(canonical))
    except Exception:  # noqa: BLE001 - a compound canonical ("kilometer / hour") has no single name
        return None


@lru_cache(maxsize=256)
def _pint_spellings(name: str) -> frozenset[str]:
    """The name, symbol and aliases pint's definition of a unit gives it ("degF" for degree_Fahrenheit)."""
    definition = getattr(ureg, "_units", {}).get(name)  # pint keeps definitions here; absent, nothing is derived
    if definition is None:
        return frozenset()
    return frozenset(w for w in (definition.name, definition.symbol, *definition.aliases) if w)


SLASH_SYMBOL_RE = re.compile(r"[A-Za-z]{1,3}(?![\w²³])")  # a unit symbol glued after "/": "s" in "m³/s", "km" in "g/km"
# What a glued symbol after "/" may measure: a time, a length, an area, a volume or a mass ("per second").
_SLASH_DIMENSIONS = ("[time]", "[length]", "[length] ** 2", "[length] ** 3", "[mass]")


@lru_cache(maxsize=512)
def _slash_symbol(symbol: str) -> UnitAlias | None:
    """``symbol`` as pint's unit when it measures one of ``_SLASH_DIMENSIONS``, else None."""
    try:
        name = str(ureg.get_name(symbol, case_sensitive=True))
    except Exception:  # noqa: BLE001 - a symbol pint cannot read is no unit
        return None
    unit = parse_unit(name)
    if unit is None or str(unit.dimensionality) not in _SLASH_DIMENSIONS:
        return None
    return UnitAlias(symbol, name, "duration" if str(unit.dimensionality) == "[time]" else "measure", "after", True, standard=True)


def unit_after_slash(text: str, pos: int) -> tuple[UnitAlias, int] | None:
    """The unit written right after a slash at ``text[pos - 1]``: an alias, or a short symbol pint reads
    as a time, length, area, volume or mass ("m³/s", "g/km"); a slash joins symbols, never words.

    >>> [(a.canonical, end) for a, end in [unit_after_slash("3 m³/s", 5), unit_after_slash("120 g/km", 6)]]
    [('second', 6), ('kilometer', 8)]
    >>> unit_after_slash("A/B testing", 2), unit_after_slash("and/or", 4)
    (None, None)
    """
    found = unit_after(text, pos)
    if found is not None:
        return found
    m = SLASH_SYMBOL_RE.match(text, pos)
    alias = _slash_symbol(m.group()) if m is not None else None
    return (alias, m.end()) if alias is not None and m is not None else None


@lru_cache(maxsize=1)
def _per_table() -> tuple[re.Pattern[str], dict[str, UnitAlias]]:
    """A matcher and lookup for the rate-only denominators ("share" in "$62 per share")."""
    rows = list(per_aliases())
    return _alias_pattern(rows, after=True), {" ".join(a.alias.split()).lower(): a for a in rows}


NOT_RATE_OF_RE = re.compile(r"\s+of\b")  # "$5bn, a share of the profits": a portion, not a rate


def unit_per(text: str, pos: int) -> tuple[UnitAlias, int] | None:
    """The denominator of a money rate written at ``text[pos:]`` ("share", "barrel") and where it ends.

    Call it only after "per", "a" or "an" following an amount of money.

    >>> a, end = unit_per("$62 per share.", 8); a.canonical, end
    ('share', 13)
    >>> unit_per("a share of the profits", 2) is None
    True
    """
    pat, amap = _per_table()
    u = pat.match(text, pos)
    if not u or NOT_RATE_OF_RE.match(text, u.end()):
        return None
    alias = amap.get(" ".join(u.group().split()).lower())
    return (alias, u.end()) if alias else None


EACH_NOUN_RE = re.compile(r"(?P<noun>[a-z]{3,20})(?![\w'’-])")  # one lower-case word: "violation", "episode"
# After "a"/"an" the word is a denominator only where its noun phrase ends: at punctuation, the end,
# or a function word ("£30m an episode, making", "£1,250 a head."); "$5m a key part" goes on.
EACH_END_RE = re.compile(
    r"\s*(?:$|[,.;:)\]—–]|(?:in|on|at|for|to|from|with|by|and|or|but|than|as|after|before|since|until|while|when|"
    r"which|that|who|including|against|under|over|across|into|if|plus|excluding|compared)\b)"
)
FOR_EACH_RE = re.compile(r"\s+for\s+(?:each|every)\s+(?:[a-z]+\s+)?(?=[a-z]{3,20}\b)")  # "for every person", "for each registered elector"


def each_per(text: str, pos: int, limit: int, *, article: bool) -> tuple[str, int] | None:
    """A rate's denominator that is no unit, one noun at ``text[pos:]`` ("violation" in "$10,000 per
    violation"), as an "each_" unit and where it ends; after "a"/"an" (``article``) only where the
    noun phrase ends there.

    >>> each_per("$10,000 per violation of", 12, 24, article=False)
    ('each_violation', 21)
    >>> each_per("£30m an episode, making", 8, 23, article=True)[0], each_per("$5m a key part", 6, 14, article=True)
    ('each_episode', None)
    """
    m = EACH_NOUN_RE.match(text, pos, limit)
    if m is None or (article and not EACH_END_RE.match(text[m.end() : limit])):
        return None
    name = each_unit(m.group("noun"))
    return (name, m.end()) if name else None


BEFORE_WINDOW = 11  # the longest unit written before a number ("magnitude") and its space


def unit_before(text: str, end: int) -> tuple[UnitAlias, int] | None:
    """The currency symbol or code written right before ``text[end]`` and where it starts.

    >>> a, start = unit_before("cost US$ 58", 9); a.canonical, start
    ('USD', 5)
    >>> unit_before("worth PS2.7m", 8)[0].canonical, unit_before("a PS4 game", 4)
    ('GBP', None)
    >>> [unit_before(t, t.index("R") + 1) and unit_before(t, t.index("R") + 1)[0].canonical for t in ("R2.5bn", "cost R15", "the R5 road", "R2-D2", "PLX-R18")]
    ['ZAR', 'ZAR', None, None, None]
    """
    _, _, _, pat, bmap = _tables()
    lo = max(0, end - BEFORE_WINDOW)
    window = text[lo:end]
    stripped = window.rstrip(" \u00a0")
    for i in range(len(stripped)):
        m = pat.fullmatch(stripped, i)
        if m:
            if i > 0 and stripped[i - 1].isalnum() and stripped[i].isalnum():
                continue  # "ABCUSD" is no currency code
            alias = bmap.get(" ".join(m.group().split()).lower())
            if alias and _amount_follows(alias, text, lo + i, end):
                return alias, lo + i
    return None


@lru_cache(maxsize=1)
def _currency_at_re() -> re.Pattern[str]:
    """Currency symbols and codes written before a number, as a regex matching at a position."""
    rows = [a for a in load_aliases() if a.position == "before"]
    alt = "|".join(r"\s?".join(re.escape(w) for w in a.alias.split()) for a in rows)
    return re.compile(rf"(?:{alt})\s?(?=[\d.])")


def currency_at(text: str, pos: int) -> int | None:
    """Where the number starts when a currency symbol or code starts at ``text[pos]`` ("RM300", "$45").

    >>> currency_at("to RM300,000", 3), currency_at("to 300", 3), currency_at("to PS5", 3)
    (5, None, None)
    """
    m = _currency_at_re().match(text, pos)
    if m is None:
        return None
    alias = _tables()[4].get(" ".join(m.group().split()).lower())
    return m.end() if alias is None or _amount_follows(alias, text, pos, m.end()) else None
