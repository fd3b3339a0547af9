"""What unit a statistic's table is in and whether a figure can be in it: the table's own unit, the
one its label names when it has none ("crude oil production, barrels per day"), the period it is
stated per ("monthly minimum wage"), a rate per so many people, and how far off a figure may be.

Split from ``statistic`` (which reads *which* table a figure states) so each stays one job.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pint

from factcheck.extract.unit_aliases import unit_after
from factcheck.figures import Figure
from factcheck.resolve.match import count_unit
from factcheck.resolve.wording import stem, words
from factcheck.store.db import MetricRow
from factcheck.units import convert, parse_unit, same_dimension

MAGNITUDE = 1_000.0  # a figure more than this factor outside a table's values is not about it

# Label pieces: "gross domestic product (GDP), current US dollars" → three phrases.
LABEL_SPLIT = re.compile(r"[;()\[\]]|(?<!\d),|,(?!\d)")  # not the comma of "1,000"
# Signs that name a unit on their own; words are found through the unit alias table.
_SIGNS = {"$": "USD", "%": "percent", "€": "EUR", "£": "GBP"}


# Nouns that say a bare number is in a unit: a share of something is a percentage ("as a share of health
# spending — Kyrgyzstan 39.7"), an age is in years ("retired at an average age of 62").
_SHARE_NOUN_RE = re.compile(r"\b(?:share|percentage|proportion)\s+of\b", re.IGNORECASE)
_AGE_NOUN_RE = re.compile(r"\bages?\b", re.IGNORECASE)


def names_unit(stretch: str, unit: str) -> bool:
    """Does the stretch name a unit of ``unit``'s dimension ("$", "%", "US dollars", "percent"), or a noun
    that is measured in it ("a share of" in percent, "age" in years)?"""
    if unit == "percent" and _SHARE_NOUN_RE.search(stretch):
        return True
    if unit == "year" and _AGE_NOUN_RE.search(stretch):
        return True
    for sign, canonical in _SIGNS.items():
        if sign in stretch and same_dimension(canonical, unit):
            return True
    for m in re.finditer(r"(?<![\w])[A-Za-z]", stretch):
        found = unit_after(" " + stretch[m.start() : m.start() + 40], 0)
        if found is not None and same_dimension(found[0].canonical, unit):
            return True
    return False


def unit_fits(fig: Figure, m: MetricRow, stretch: str) -> bool:
    """The figure's unit has the metric's dimension, or a bare number's stretch names the metric's unit,
    or the figure is an amount per the period the table is stated in ("$190 a month", a monthly wage);
    a table with no unit of its own takes the one its label names ("crude oil production, barrels per day")."""
    fu, mu = count_unit(fig.unit), count_unit(m.unit)
    if mu is None and fu is not None:
        measure, _ = label_measure(m.label)
        if measure is not None:
            return same_dimension(fu, measure)
    if fu is None and mu is not None:  # a count of things ("12,500 spaces", "1.24 children per woman") is no percentage
        # or measure, whatever unit its sentence names elsewhere ("last year"), unless its own noun names one ("circuit kilometres")
        return fig.unit is None and names_unit(stretch, mu) and (not fig.counted or names_unit(fig.counted, mu) and mu != "percent")
    return same_dimension(fu, mu) or per_table_period(fig.unit, m) is not None


@lru_cache(maxsize=4096)
def _as_measured(words_of_table: str) -> Figure | None:
    """The first figure the extractor reads in "1 <words>": how a table's own words would measure a number."""
    from factcheck.extract import extract_figures  # the resolver asks the extractor only for a table's own words

    return next(iter(extract_figures("1 " + words_of_table)), None)


@lru_cache(maxsize=4096)
def label_measure(label: str) -> tuple[str | None, tuple[str, ...]]:
    """What a unitless table's label says its figures are, after its name: a unit ("barrels per day"
    → oil_barrel / day) or the stems of a counted noun ("pupils per teacher" → pupil, teacher);
    (None, ()) when no later piece says (the extractor reads the piece as if a number stood before it)."""
    for piece in LABEL_SPLIT.split(label)[1:]:
        piece = piece.strip()
        fig = _as_measured(piece) if piece else None
        if fig is None or fig.surface.split()[0] != "1":
            continue
        if fig.unit is not None:
            return count_unit(fig.unit), ()
        if fig.counted:
            return None, tuple(words(fig.counted))
    return None, ()


@lru_cache(maxsize=4096)
def measure_phrases(label: str, keywords: str) -> frozenset[tuple[str, ...]]:
    """A table's phrases that are only a unit ("barrels per day", "micrograms per cubic metre"): they say
    how its figures are measured, never what of (the extractor reads each as if a number stood before it)."""
    out = set()
    for raw in [p.strip() for p in LABEL_SPLIT.split(label)] + [k.strip() for k in keywords.split(";")]:
        fig = _as_measured(raw) if raw else None
        if fig is not None and fig.unit is not None and fig.start == 0 and fig.end == len(raw) + 2:
            out.add(tuple(words(raw)))
    return frozenset(out)


# The period a table's figures are stated per, as its label or keywords say it ("monthly minimum wage").
_PERIOD_WORDS = {
    "month": re.compile(r"\b(?:monthly|per\s+month|a\s+month)\b", re.IGNORECASE),
    "year": re.compile(r"\b(?:annual|annually|yearly|per\s+year|a\s+year|per\s+annum)\b", re.IGNORECASE),
    "week": re.compile(r"\b(?:weekly|per\s+week|a\s+week)\b", re.IGNORECASE),
    "day": re.compile(r"\b(?:daily|per\s+day|a\s+day)\b", re.IGNORECASE),
    "hour": re.compile(r"\b(?:hourly|per\s+hour|an\s+hour)\b", re.IGNORECASE),
}


# A rate per so many (people, births), in a table's label and in the figure's sentence: "per 100,000
# people", "per 1,000 live births", "per million people". Not "per capita": that names an amount's statistic, said before it.
PER_N_RE = re.compile(r"\b(?:per|for\s+every)\s+(?:\d[\d,]*|(?:a\s+|one\s+)?(?:hundred|thousand|million))\b", re.IGNORECASE)


def stated_per_year(m: MetricRow) -> bool:
    """Does a table hold a flow over each year ("tonnes per year", "annual wage", "new cars a year")?"""
    return bool(_PERIOD_WORDS["year"].search(m.label) or _PERIOD_WORDS["year"].search(m.keywords))


def says_per_n(text: str) -> bool:
    """Does ``text`` state a rate per so many ("per 100,000 people", "for every 1,000 residents")?"""
    return PER_N_RE.search(text) is not None


def per_table_period(unit: str | None, m: MetricRow) -> str | None:
    """The numerator of a rate ``unit`` ("USD / month") when the table ``m`` holds that numerator per the
    same period ("monthly minimum wage, US dollars"): "$190 a month" is then the table's $190; else None."""
    if not unit or " / " not in unit:
        return None
    num, per = (p.strip() for p in unit.split(" / ", 1))
    pattern = _PERIOD_WORDS.get(per)
    said = bool(pattern is not None and (pattern.search(m.label) or pattern.search(m.keywords)))
    if not said:
        # "USD per litre": the unit the table's own words put after "per" ("$1.34 a litre")
        denominators = (parse_unit(w.rstrip("s")) or parse_unit(w) for w in _PER_WORD_RE.findall(f"{m.label};{m.keywords}"))
        said = any(d is not None and str(d) == per for d in denominators)
    if not said:
        return None
    return num if same_dimension(num, count_unit(m.unit)) else None


_PER_WORD_RE = re.compile(r"\bper\s+([A-Za-z]+)")


def value_in_unit(fig: Figure, unit: str | None) -> float:
    """The figure's value in a table's unit where both are measures of one kind ("4.2 GW" is 4,200 MW), else as written."""
    # a rate per so many must be per the same kind of thing: pint counts bytes as pure numbers ("$1.45 per gigabyte")
    if fig.unit and unit and fig.unit != unit and ("/" in fig.unit) == ("/" in unit) and same_dimension(fig.unit, unit):
        try:
            return convert(fig.value, fig.unit, unit)
        except (pint.DimensionalityError, ValueError):
            return fig.value
    return fig.value


def plausible(fig: Figure, span: tuple[float, float] | None, unit: str | None = None) -> bool:
    """The figure's value, in the table's ``unit``, lies within a factor of MAGNITUDE of the table's values (unknown range: yes)."""
    if span is None:
        return True
    lo, hi = span
    v = abs(value_in_unit(fig, unit))
    if v == 0 or (lo <= 0 <= hi):
        return True
    return min(abs(lo), abs(hi)) / MAGNITUDE <= v <= max(abs(lo), abs(hi)) * MAGNITUDE


@lru_cache(maxsize=1)
def acronyms() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """Statistics' acronyms as (whole-word pattern, expansion, acronym) (factcheck/data/statistic_acronyms.csv)."""
    path = Path(__file__).resolve().parents[1] / "data" / "statistic_acronyms.csv"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#") and not line.startswith("acronym,"):  # the header
            short, long = (x.strip() for x in line.split(",", 1))
            out.append((re.compile(rf"(?i)\b{re.escape(short)}\b"), long, short))
    return tuple(out)


def spelled_out(piece: str) -> list[str]:
    """The piece with each statistics acronym in it written out ("GDP per capita" → "gross domestic product per capita")."""
    out = []
    for pattern, long, _ in acronyms():
        if pattern.search(piece):
            out.append(pattern.sub(long, piece))
    return out


@lru_cache(maxsize=4096)
def label_basis(label: str) -> frozenset[tuple[str, ...]]:
    """The later pieces of a label that say a table's basis, not its name: a rate's base ("deaths per
    1,000 live births", "per 100 people") or what a percentage is of ("% of GDP"). A later piece that
    names ("Inflation, consumer prices") is not among them."""
    out: set[tuple[str, ...]] = set()
    for piece in LABEL_SPLIT.split(label)[1:]:
        piece = piece.strip()
        if piece.startswith("%") or re.search(r"\bper\b", piece, re.IGNORECASE):
            out.update(tuple(words(p)) for p in [piece, *spelled_out(piece)])  # "% of GDP" is "% of gross domestic product" too
    return frozenset(out)


def says_how(m: MetricRow) -> frozenset[tuple[str, ...]]:
    """A table's phrases that say how it counts, never what: units, and label pieces of its basis that
    no synonym repeats (a synonym "pupils per teacher" is a name the store gives it)."""
    return _says_how(m.label, m.keywords)


@lru_cache(maxsize=4096)
def _says_how(label: str, keywords: str) -> frozenset[tuple[str, ...]]:
    synonyms = {tuple(words(k)) for k in keywords.split(";") if k.strip()}
    return measure_phrases(label, keywords) | (label_basis(label) - synonyms)


# "per 1,000", "for every 100": the size of a rate's base, as a table's words or a sentence state it.
# Thousands may be grouped by a comma or a space ("per 10 000").
_PER_NUMBER_RE = re.compile(r"\b(?:per|for\s+every|for\s+each)\s+(\d{1,3}(?:[, ]\d{3})+|\d+)(?!\.\d)\b", re.IGNORECASE)
# The words a description uses to say what its table is not: "(not per 100,000)", "excluding condensate".
# statistic_guards.py reads the scope after them as what the table leaves out.
NEGATION = r"\b(?:not|excludes?|excluding|except|other\s+than)\b"
# What a description says its table is not: no base of the table's own.
_NEGATED_RE = re.compile(rf"{NEGATION}[^.;()]*", re.IGNORECASE)


def _base(number: str) -> int:
    return int(number.replace(",", "").replace(" ", ""))


@lru_cache(maxsize=4096)
def _table_bases(label: str, keywords: str, description: str) -> frozenset[int]:
    text = f"{label} ; {keywords} ; {_NEGATED_RE.sub('', description)}"
    return frozenset(_base(n) for n in _PER_NUMBER_RE.findall(text))


def other_base(m: MetricRow, stretch: str) -> str:
    """The rate base the figure's words state ("per 100 marriages") when the table's own words state a rate
    per some other number ("per 1,000 people"), else "": a rate per another base is another statistic.
    A base the description says the table is not ("not per 100,000") is no base of its own."""
    stated = {_base(g): g for g in _PER_NUMBER_RE.findall(stretch)}
    table = _table_bases(m.label, m.keywords, m.description or "")
    if not stated or not table or set(stated) & table:
        return ""
    return f"per {next(iter(stated.values()))}"


# A balance (a current account's, a budget's, trade's) is stored signed: a deficit is its negative. A figure
# said as the size of a deficit ("a deficit of 5.2% of GDP", "the deficit widened to 2%", "a 2% deficit") gives
# the balance with its sign turned; one said as a surplus, or signed itself, gives it as written.
_BALANCE_RE = re.compile(r"\bbalance\b", re.IGNORECASE)
_DEFICIT_BEFORE_RE = re.compile(r"\bdeficits?\b(?:[^,;:.()]{0,40})$", re.IGNORECASE)
_DEFICIT_AFTER_RE = re.compile(r"\s*(?:of\s+(?:its\s+|the\s+)?(?:GDP|gross\s+domestic\s+product|output)\s+)?deficits?\b", re.IGNORECASE)
_SURPLUS_RE = re.compile(r"\bsurplus(?:es)?\b", re.IGNORECASE)


def says_deficit(fig: Figure, text: str, m: MetricRow) -> bool:
    """Whether ``fig`` is a deficit's size said of table ``m``, a balance (see above): compared as its negative."""
    if fig.value <= 0 or not _BALANCE_RE.search(m.label):
        return False
    before = text[max(fig.sentence_start, fig.start - 60) : fig.start]
    if _SURPLUS_RE.search(before):
        return False
    return bool(_DEFICIT_BEFORE_RE.search(before) or _DEFICIT_AFTER_RE.match(text, fig.end))


@lru_cache(maxsize=1)
def _measure_nouns() -> dict[str, tuple[str, ...]]:
    """Stemmed measure noun → the units whose dimension it names (data/measure_nouns.csv)."""
    path = Path(__file__).resolve().parents[1] / "data" / "measure_nouns.csv"
    out: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith(("#", "noun,")):  # comments and the header aside
            noun, units = line.split(",", 1)
            out[stem(noun.strip())] = tuple(units.split())
    return out


def measure_noun_units(phrase: tuple[str, ...]) -> tuple[str, ...]:
    """The units a name's last word says it measures when a unit may stand for that word, with two
    words or more left to name what of ("transmission network length": metres); () otherwise."""
    return _measure_nouns().get(phrase[-1], ()) if len(phrase) >= 3 else ()


def said_by_measure(phrase: tuple[str, ...], fig: Figure) -> tuple[str, ...]:
    """A name ending in the noun for what the figure's unit measures ("network length" of a figure in
    km, "export value" of one in dollars) as the sentence says it, the unit standing for that noun,
    when two words or more are left to name what of; else the name as it is."""
    units = measure_noun_units(phrase)
    if not units:
        return phrase
    if "money" in units and fig.kind == "money" or fig.unit and any(same_dimension(fig.unit, u) for u in units if u != "money"):
        return phrase[:-1]
    return phrase


def said_in(phrase: tuple[str, ...], vocabulary: set[str]) -> bool:
    """Whether a text with these stems may say the name: all its words, or all but a measure noun
    some unit may stand for ("network length" in a text of kilometres)."""
    return set(phrase) <= vocabulary or bool(measure_noun_units(phrase)) and set(phrase[:-1]) <= vocabulary
