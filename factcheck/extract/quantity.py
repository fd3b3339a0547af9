"""One number as written → a ``Quantity``: its value, interval, scale, unit and where it ends.

The low-level reading under ``reader``: digits, number words, scale words, a unit before or after,
prime marks, and whether the words around it make it a trend.
"""

from __future__ import annotations

import math
import re

from dataclasses import dataclass

from factcheck.extract.hedges import Hedge, hedges_by_phrase
from factcheck.extract.numbers import (
    DIGITS_RE, SCALES, SCALE_RE, fraction_at, parse_digits, parse_words, ratio_at, rounding_band, vulgar_fraction, word_number_re,
)
from factcheck.extract.patterns import COUNTED_AFTER_RE, CONTROL_RE, ENTITY_RE, MILLION_CONTEXT_RE, MODIFIER_UNIT_RE, NOT_PER_MONEY_RE, NOT_PER_RE, OPEN_SINGLE_QUOTE_RE, PART_OF_ONE_RE, PER_RE, PRIME_RE, QUALIFIER_HEDGE, SCI_RE, SPACED_LETTER_AFTER_RE, SPACED_LETTER_UNITS, TREND_AFTER_RE, VAGUE_OF_RE, trend_before
from factcheck.extract.unit_aliases import BEFORE_WINDOW, FOR_EACH_RE, currency_at, each_per, unit_after, unit_after_slash, unit_before, unit_per
from factcheck.figures import Figure

@dataclass
class Quantity:
    """A number as read from the text, before it becomes a Figure."""

    start: int  # where the surface starts (currency or number)
    end: int  # where number+scale+unit end
    num_start: int
    num_end: int
    scale: float
    value: float
    low: float
    high: float
    unit: str | None = None
    unit_kind: str | None = None
    vague: bool = False
    words: bool = False


def _mask(text: str) -> str:
    """Blank out what must never be read as a figure (HTML entities, control characters), keeping offsets."""
    text = ENTITY_RE.sub(lambda m: " " * len(m.group()), text)
    return CONTROL_RE.sub(" ", text)


def _read_number(work: str, pos: int, limit: int) -> tuple[float, float, float, int, bool, bool, str] | None:
    """(value, low, high, end, words, vague, written) of the number starting exactly at ``pos``."""
    frac = fraction_at(work, pos, limit)
    if frac is not None:  # "1/2 pound", "3⁄4 of": a fraction is exact as written
        return frac[0], frac[0], frac[0], frac[1], False, False, ""
    share = ratio_at(work, pos, limit)
    if share is not None and unit_after(work, share[1]) is None:  # "one in six", "1 in 4": a share, exact as written; not "5 in 7 days"
        return share[0], share[0], share[0], share[1], work[pos].isalpha(), False, ""
    vulgar = vulgar_fraction(work[pos]) if pos < limit else None
    if vulgar is not None:  # "½ of the vote"
        return vulgar, vulgar, vulgar, pos + 1, False, False, ""
    m = DIGITS_RE.match(work, pos, limit)
    if m:
        v = parse_digits(m.group())
        tail = vulgar_fraction(work[m.end()]) if m.end() < limit and v is not None and "." not in m.group() else None
        if v is not None and tail is not None:  # "3½ miles": a whole number and a fraction
            return v + tail, v + tail, v + tail, m.end() + 1, False, False, ""
        mixed = fraction_at(work, m.end() + 1, limit) if v is not None and m.group().isdigit() and work[m.end() : m.end() + 1] == " " else None
        if v is not None and mixed is not None:  # "6 2/3 innings", "2 1/2 miles": a mixed number
            return v + mixed[0], v + mixed[0], v + mixed[0], mixed[1], False, False, ""
        if v is None:
            return None
        return v, v, v, m.end(), False, False, m.group()
    m = word_number_re().match(work, pos, limit)
    if m:
        text = m.group()
        parsed = parse_words(text)
        while parsed is None and " " in text.strip():
            text = text.rsplit(None, 1)[0]
            text = re.sub(r"(?i)\s+and$", "", text)
            parsed = parse_words(text)
        if parsed is None:
            return None
        v, lo, hi, kind = parsed
        return v, lo, hi, pos + len(text), True, kind == "vague", text
    return None


_THE_BEFORE_RE = re.compile(r"(?i)\bthe\s+$")
# The standard distances of track, road and pool races (World Athletics, World Aquatics), in metres.
_RACE_METRES = frozenset("50 60 100 110 150 200 300 400 800 1000 1500 1600 2000 3000 5000 10000".split())


def _read_quantity(work: str, pos: int, limit: int) -> Quantity | None:
    """Currency, number, scale and unit starting at ``pos`` ("$5bn", "2.6km", "1.5 million", "40C")."""
    start = pos
    unit: str | None = None
    unit_kind: str | None = None
    cur = unit_before(work, pos) or (unit_before(work, pos - 1) if pos > 0 and work[pos - 1] in "-−" else None)
    if cur and cur[1] >= max(0, pos - BEFORE_WINDOW - 1):
        alias, cstart = cur
        unit, unit_kind, start = alias.canonical, alias.kind, cstart
    if not (work[pos].isdigit() or work[pos] == "."):
        at = currency_at(work, pos)  # "$45", "RM300" as the second half of a range
        if at is not None and at < limit:
            return _read_quantity(work, at, limit)
        if not work[pos].isalpha() and vulgar_fraction(work[pos]) is None:
            return None
    num = _read_number(work, pos, limit)
    if num is None:
        return None
    v, lo, hi, end, words, vague, written = num
    num_end = end
    scale = 1.0
    sci = SCI_RE.match(work, end, limit)
    if sci and not words:  # "1.99×10−30": scientific notation
        exp = int(sci.group("exp").replace("−", "-"))
        if abs(exp) <= 300:
            v = float(f"{written.replace(',', '')}e{exp}")
            lo = hi = v
            end = num_end = sci.end()
            written = ""
    sm = SCALE_RE.match(work, end, limit) if not sci else None
    if sm and not words or (sm and words and sm.group("word")):
        key = (sm.group("word") or sm.group("abbr") or sm.group("spaced") or sm.group("short")).lower()
        attached_short = sm.group("short") is not None
        # "the 200m freestyle", "the 400m hurdles": a whole number of metres after "the" names a race, not millions
        race = (key == "m" and sm.group("short") == "m" and written.replace(",", "") in _RACE_METRES
                and _THE_BEFORE_RE.search(work, max(0, pos - 5), pos) is not None)
        counted = attached_short and key == "m" and not race and (sm.group("short") == "M" or MILLION_CONTEXT_RE.match(work, sm.end(), limit))
        if not attached_short or unit_kind == "money" or key == "k" or counted:
            scale = SCALES[key]
            end = sm.end()
            # a chain of scale words multiplies: "4 hundred million", "two hundred thousand"
            nxt = SCALE_RE.match(work, end, limit) if sm.group("word") else None
            while nxt is not None and nxt.group("word") and SCALES[nxt.group("word").lower()] > scale:
                scale *= SCALES[nxt.group("word").lower()]
                end = nxt.end()
                nxt = SCALE_RE.match(work, end, limit)
    if scale != 1.0:
        exp = round(math.log10(scale))
        v = float(f"{written.replace(',', '')}e{exp}") if not words and written else v * scale  # "4.1bn" is 4100000000 exactly
        lo, hi = lo * scale, hi * scale
    if not words and written:
        lo, hi = rounding_band(written, v, scale)
    if unit is None or unit_kind == "money":
        u = unit_after(work, end)
        if u is not None and u[1] <= limit:
            alias, uend = u
            attached_only = len(alias.alias) == 1
            spaced_ok = (alias.alias in SPACED_LETTER_UNITS and SPACED_LETTER_AFTER_RE.match(work, uend, limit) is not None) or (
                work[uend : uend + 1] == "/" and unit_after_slash(work, uend + 1) is not None)  # "120 g/km": a symbol over a symbol
            if attached_only and uend - end > len(alias.alias) and not spaced_ok:
                u = None
            elif unit is None:
                unit, unit_kind, end = alias.canonical, alias.kind, uend
            elif alias.kind == "money" and alias.canonical in ("USD_cent",):
                pass
            elif alias.kind == "money" and alias.canonical == unit:
                end = uend  # "$5 USD"
    if unit is not None:
        per = PER_RE.match(work, end, limit)
        if per:
            at = per.end() - 1 if work[per.end() - 1] == " " else per.end()
            slash = per.group() == "/"  # glued: "m³/s", "mg/dL"
            u2 = (unit_after_slash(work, at) if slash else unit_after(work, at)) or (unit_per(work, per.end()) if unit_kind == "money" else None)
            not_per = NOT_PER_MONEY_RE if unit_kind == "money" else NOT_PER_RE  # "£5,000 a week on a deal" is a wage
            if u2 is not None and u2[0].kind in ("measure", "duration") and u2[1] <= limit and not not_per.match(work, u2[1], limit):
                unit, end = f"{unit} / {u2[0].canonical}", u2[1]
            elif u2 is not None and u2[0].kind == "money" == unit_kind and per.group().strip() == "per" and u2[0].canonical not in (unit, "USD_cent"):
                unit, end = f"{unit} / {u2[0].canonical}", u2[1]  # "10.42 kr per dollar": an exchange rate
            elif u2 is None and unit_kind == "money" and (each := each_per(work, per.end(), limit, article=per.group().strip(" -") in ("a", "an"))):
                unit, end = f"{unit} / {each[0]}", each[1]  # "$10,000 per violation", "£30m an episode"
        elif unit_kind == "money" and (fe := FOR_EACH_RE.match(work, end, limit)) and (each := each_per(work, fe.end(), limit, article=False)):
            unit, end = f"{unit} / {each[0]}", each[1]  # "$104,000 for every person"
        elif unit_kind in ("measure", "money") and (ofr := OF_THING_RATE_RE.match(work, end, limit)):
            u2 = unit_after(work, ofr.end())  # "1.2 TWh of electricity a year", "830 tonnes of carbon per hectare":
            per_ok = ("measure", "duration") if ofr.group("per") else ("duration",)  # the rate is the unit's;
            if u2 is not None and u2[0].kind in per_ok and u2[1] <= limit:  # the thing stays for the concept
                unit = f"{unit} / {u2[0].canonical}"
    if vague and unit is None:
        of = VAGUE_OF_RE.match(work, end, limit)
        if of:  # "tens of thousands of dollars", "hundreds of miles"
            u = unit_after(work, of.end())
            if u is not None and len(u[0].alias) > 2:
                unit, unit_kind, end = u[0].canonical, u[0].kind, u[1]
    if unit is None and not vague and 0 < v < 1:
        part = PART_OF_ONE_RE.match(work, end, limit)
        if part:  # a fraction of one unit ("1⁄32 of an inch"): the figure is that much of the unit
            u = unit_after(work, part.end())
            if u is not None and u[0].kind in ("measure", "duration", "percent") and len(u[0].alias) > 2 and u[1] <= limit:
                unit, unit_kind, end = u[0].canonical, u[0].kind, u[1]
    if unit is None and not vague:
        mod = MODIFIER_UNIT_RE.match(work, end, limit)
        if mod:  # "517 rushing yards": one -ing modifier between the number and its unit
            u = unit_after(work, mod.end())
            if u is not None and u[0].kind == "measure" and len(u[0].alias) > 2:
                unit, unit_kind, end = u[0].canonical, u[0].kind, u[1]
    return Quantity(start, end, pos, num_end, scale, v, lo, hi, unit, unit_kind, vague, words)


_UNIT_KIND = {"money": "money", "percent": "percent", "measure": "measure"}
# What a measure is of, then its period: "1.5GB of data a day", "£300 of groceries a week".
OF_THING_RATE_RE = re.compile(
    r"\s+of\s+(?:[A-Za-z][\w'-]*\s+){1,3}?(?:(?:a|an|per)(?=\s+(?:day|week|month|year|hour)\b(?!\s+(?:ago|earlier|later|before|after|previously)\b))"
    r"|(?P<per>per)(?=\s))",  # after "per" any measure: "tonnes of carbon per hectare"
    re.IGNORECASE,
)


def _prime_unit(work: str, lo: int, end: int, hi: int) -> tuple[str, int] | None:
    """Foot or inch written as a prime mark at ``work[end]`` and where it ends, else None.

    A straight ' or " is a prime only when no quote of its kind is open before it in the sentence
    ("he said 'we ran 3'" and "the word \"top 10\"" close a quote).
    """
    m = PRIME_RE.match(work, end, hi)
    if m is None:
        return None
    mark = m.group()
    if mark == "'" and (OPEN_SINGLE_QUOTE_RE.search(work, lo, end) or work.count("‘", lo, end) > work.count("’", lo, end)):
        return None
    if mark == '"' and (work.count('"', lo, end) % 2 == 1 or work.count("“", lo, end) > work.count("”", lo, end)):
        return None
    return ("foot" if m.group("foot") else "inch"), m.end()


def _same_hedge(f: Figure) -> Hedge:
    """A hedge that widens a figure as ``f`` was widened (for its conversion in brackets)."""
    if f.value > 0 and math.isfinite(f.low):
        hi = f.high / f.value if math.isfinite(f.high) else math.inf
        return Hedge("(as before)", "before", f.qualifier, f.low / f.value, hi)
    return hedges_by_phrase()[QUALIFIER_HEDGE[f.qualifier]]


def _tidy(x: float) -> float:
    """Round away float noise (12100.000000000002 → 12100.0); infinities pass through."""
    if not math.isfinite(x) or x == 0:
        return float(x)
    return float(f"{x:.12g}")


def _kind(unit: str | None, unit_kind: str | None) -> str:
    """Figure.kind from the unit's kind."""
    if unit is None:
        return "count"
    return {"money": "money", "percent": "percent", "duration": "duration"}.get(unit_kind or "", "measure")


PARTICLE_VERB_RE = re.compile(
    r"\b(?i:gave|give|gives|giving|set|sets|pick|picked|picks|sign|signed|signs|make|made|makes|take|took"
    r"|takes|open|opened|opens|back|backed|line|lined|turn|turned|turns|show|showed|shows|build|built|put|puts|step"
    r"|stepped|came|come|comes|went|go|goes|shut|broke|break|cut|cuts|wind|wound|write|wrote|written|track|tracked"
    r"|sum|summed|add|added|adds|mop|mopped|round|rounded|slow|slowed|calm|calmed|scale|scaled)\s+$"
)


# Verbs that take what they change as an object: "lost 500 men" counts men, it is no fall.
TRANSITIVE = frozenset("lost loses losing cut cuts shed sheds shedding added adds adding raised boosted gained gains gaining reduced hiked grow".split())


# "grow" with an amount of a crop as its object is to cultivate it: the amount is what was grown.
CULTIVATED = frozenset({"grew", "grow", "grows", "grown", "growing"})
SUBSTANCE_AFTER_RE = re.compile(r"\s+of\s+(?!the\b|its\b|their\b|all\b)[a-z]")  # "tonnes of rice", not "of the total"
RAISED = frozenset({"raised"})  # a verb whose money object is an amount collected


def _trend(work: str, lo: int, start: int, end: int, limit: int, count: bool = False, money: bool = False) -> str | None:
    """"up"/"down" when the figure is a rise or fall ("rose 5%", "a 3% fall", "down 3 points").

    For a count of something, a transitive verb needs "by": "grew by 125,600 jobs" is a rise,
    "lost 500 men" is not.
    """
    m = trend_before(work, lo, start)
    if m:
        verb = (m.group("up") or m.group("down") or "").lower()
        if verb in ("up", "down") and PARTICLE_VERB_RE.search(work, max(lo, m.start() - 12), m.start()):
            return None  # "gave up 517 yards", "set up 3 stalls": a phrasal verb, not a rise
        if count and verb in TRANSITIVE and not (m.group("prep") or "").rstrip().endswith("by"):  # "cut deaths by a third"
            return None
        if money and verb in RAISED and not m.group("prep"):
            return None  # "the startup raised $45 million": money raised, not a rise (that takes "by" or "to")
        if verb in CULTIVATED and not m.group("prep") and SUBSTANCE_AFTER_RE.match(work, end, limit):
            return None  # "farmers grew 2 million tonnes of rice": a crop grown, not a rise
        return "up" if (m.group("up") or m.group("nup")) else "down"
    m = TREND_AFTER_RE.match(work[end:limit])
    if m:
        return "up" if m.group("up") else "down"
    return None



def close_ends(work: str, q: Quantity, q2: Quantity) -> bool:
    """Whether "X to Y" after a verb of change is still an estimate's two ends, not a change and the
    level it reached: a bare first number, a second one that carries the unit or the noun for both,
    and ends within a factor of two ("cut 2,000 to 3,000 jobs", "rise two to three metres"); a change
    and its level differ more, or the change carries its own unit ("up £4 to £58", "rose 0.1% to 1,333")."""
    if q.unit is not None or q.value <= 0 or q2.value > 2 * q.value:
        return False
    return q2.unit is not None or COUNTED_AFTER_RE.match(work, q2.end) is not None
