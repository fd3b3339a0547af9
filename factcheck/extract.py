"""Text in, ``list[Figure]`` out: every figure in a news article with its hedge, unit, concept and year.

Rules over regexes, one bounded sentence at a time, so the cost is linear in the text and
no input can make it raise (see ``extract_figures``). Vocabularies live in factcheck/data/.

quantulum3 (factcheck/q3.py) resolves the long tail: a digit number our alias table gave no unit
and whose next word is one of quantulum3's unit surfaces is looked up in quantulum3's parse of
that one sentence (at most 400 characters, hazards blanked), and kept only when pint knows the
unit and its dimension fits ("5 furlongs", "30 psi", "40 long tons"). NewsQuant dev half
(``benchmarks/newsquant.py PATH --both``): value+unit F1 87.9 with it, 87.7 without (82.7 /
82.5 when it came in); value, change and concept rows are the same either way. It is asked
about a few sentences an article, so our extraction stays tens of times faster than plain
quantulum3 on the 12 KB article (benchmarks/speed.py); the first call pays ~1.3 s to load it. Its
scikit-learn classifier is not installed. ``extract_figures(..., quantulum=False)`` is rules only.
Decisions: "as many as 40,000" is at_most with low = 0 (hedges.py); "a dozen", "two dozen" are
round words, approx like "some 12" (10.8..13.2); a count's noun as written goes in ``counted`` (counted.py);
vague plurals are one order of magnitude ("thousands" = 1,000..10,000); "from X to Y" is a
range in either order; a four-digit number from 1800 to 2199 with no unit or hedge is a year.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import math
import re
from dataclasses import dataclass, replace

from . import concept as cpt
from . import q3
from .counted import counted_noun, elided, elided_noun, noun_of
from .figures import Figure
from .hedges import Hedge, hedge_after, hedge_before, hedges_by_phrase, interval
from .numbers import DIGITS_RE, SCALE_RE, SCALES, parse_digits, parse_words, rounding_band, word_number_re
from .sentences import Sentence, split_sentences
from .timeref import ANCHOR_RE, MONTH_ALT, MONTHS, WEEKDAYS, YearRef, month_year, year_refs
from .unit_aliases import currency_at, unit_after, unit_before, unit_per

log = logging.getLogger(__name__)

# HTML entities ("&#36;7", "&amp;") are masked so their digits never become figures.
ENTITY_RE = re.compile(r"&(?:#\d{1,8}|#x[0-9a-fA-F]{1,8}|[A-Za-z]{2,10});?")
# Round number words: "a dozen", "half a dozen", "two dozen" are said of 11 or 13 too ("score" once number_words.csv reads it).
ROUND_WORD_RE = re.compile(r"(?i)\b(?:dozen|score)\b")
TIMES_NOUN_RE = re.compile(r"(?i)\btimes?$")  # "3,200 times" counts occasions; no later count leaves that out
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

# Cheap test that a sentence has a number word at all (else the long word regex is skipped).
MAYBE_WORD_RE = re.compile(
    r"(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?"
    r"|millions?|billions?|trillion|dozens?|single|half|third|thirds|quarter|fourth|fifth|tenth|tens)\b)"
)
ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)\b")  # "78th", "3rd"
# Nouns after an ordinal that make it a name, not a count ("72nd brigade", "22nd amendment").
ORDINAL_NAME_RE = re.compile(
    r"""\s+(?:[A-Z][\w-]*\s+)*                       # optional capitalised words ("3rd Assault")
    (?i:brigade|battalion|regiment|division|army|corps|squadron|fleet|district|precinct|street|avenue
       |amendment|infantry|guards|separate|mechanized|mechanised|airborne|tank|motor|rifle|congress)\b  # unit or name words
    | \s+[A-Z]                                       # or any capitalised word: "3rd Assault Brigade"
    """,
    re.VERBOSE,
)
TIME_AFTER_RE = re.compile(
    r"""(?::\d{2}                                    # "10:30"
    | \s?(?i:[ap]\.?m\.?)(?![A-Za-z])                # "9 pm", "9a.m."
    | \s?(?:GMT|UTC|BST|CET|EDT|EST|PDT|PST)\b)     # "0401 GMT"
    """,
    re.VERBOSE,
)
DATE_BEFORE_RE = re.compile(rf"(?<![A-Za-z])(?:{MONTH_ALT})\.?\s+$")  # "May " before "9"
DATE_AFTER_RE = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_ALT})\b\.?")  # "9 May", "9th of May"
DATE_YEAR_RE = re.compile(r",?\s+(?:1[89]\d\d|20\d\d)(?!\d)")  # ", 2023" after "May 9"
SLASH_RE = re.compile(r"(?:/\d+)+")  # "9/11", "24/7", "5/9/2023"
TREND_BEFORE_RE = re.compile(
    r"""(?i:\b(?:
        (?P<up>rose|rise|rises|risen|rising|up|increased|increases|increase|increasing|grew|grows|grown|growing
          |gained|gains|climbed|climbs|jumped|jumps|soared|soars|surged|surges|added|adds|higher|boosted|raised
          |hiked|spiked|rebounded|advanced|expanded|grow|climb|jump|soar|surge|gain)      # words of a rise
        | (?P<down>fell|fall|falls|fallen|falling|down|decreased|decreases|decreasing|declined|declines|declining
          |dropped|drops|dropping|slid|slides|slumped|plunged|plunges|tumbled|lost|loses|lower|cut|cuts|shed|sheds
          |shrank|shrunk|shrinks|slipped|eased|sank|dipped|retreated|contracted|reduced|decrease|decline|drop
          |slide|slip|dip|plunge|plummet|plummeted|plummets|plummeting|tumble|tumbles|slumps|sinks|sink)  # words of a fall
        | (?:a|an)\s+(?P<nup>rise|increase|jump|gain|surge|hike|growth)\s+of                # "a rise of"
        | (?:a|an)\s+(?P<ndown>fall|drop|decline|decrease|cut|loss|slump|reduction)\s+of   # "a fall of"
      )\s+(?P<prep>by\s+|to\s+|(?:[a-z]+\s+){1,2}by\s+)?(?:(?:an?\s+)?(?:further|additional|another|more\s+than|about|around|nearly|almost|some|over|roughly|average\s+of)\s+)?$)""",
    re.VERBOSE,
)
TREND_AFTER_RE = re.compile(
    r"""^[\s-]*(?i:(?P<up>rise|increase|jump|gain|surge|hike|growth|higher)    # "a 5% rise"
        | (?P<down>fall|drop|decline|decrease|cut|loss|slump|reduction|lower))\b  # "a 3% fall"
    """,
    re.VERBOSE,
)
RANGE_JOIN_RE = re.compile(
    r"""\s*(?:-|–|—                 # "5-7", "5–7"
    | \bup\s+to\b                  # "from 450 up to 900"
    | \bto\b | \band\b | \bor\b    # "5 to 7", "between 5 and 7" ("or" is refused later)
    )\s*""",
    re.VERBOSE,
)
BETWEEN_RE = re.compile(r"(?i:\b(?:between|from)\s+)$")
BY_BEFORE_RE = re.compile(r"(?i:\bby\s+)$")
VAGUE_OF_RE = re.compile(r"\s+of\b")  # "tens of thousands of dollars"
AGE_BEFORE_RE = re.compile(r"(?i:\b(?:aged|age|ages)\s+)$")
AGE_AFTER_RE = re.compile(r"-?(?:years?|yr)[- ]olds?\b")  # "35-year-old"
AGE_TAIL_RE = re.compile(r"[- ]olds?\b")  # "-old" after a figure whose unit is already "year"
APPOSITIVE_BEFORE_RE = re.compile(r"[A-Z][a-z]+,\s*$")  # "Maddon, " before "66,"
APPOSITIVE_AFTER_RE = re.compile(r"\s*,")
ONE_NOT_NUMBER_RE = re.compile(r"(?i:\b(?:no|any|every|the|this|that|which|each)\s+)$")  # "no one", "the one"
ONE_AFTER_NOT_NUMBER_RE = re.compile(r"(?i:\s+(?:another|other|anyway|day\b))")  # "one another"
CAPITAL_BEFORE_RE = re.compile(
    r"""(?<![A-Za-z&])(?P<word>[A-Z][A-Za-z]*[a-z][A-Za-z]*  # a capitalised word: "Planet 9", "Note 20"
    | [A-Z]{2,} | [A-Z]&[A-Z] | [A-Z]          # an acronym: "ASX 200", "S&P 500", "S P 500"
    | [a-z]+[A-Z][A-Za-z]*                     # camel case: "iPhone 11"
    )\s+$""",
    re.VERBOSE,
)
IDENT_PREFIX_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*-?$")  # "T-34", "COVID-19", "A380"
NOT_IDENT_CAPITALS = frozenset(
    "In On At By For From To Of As About Around Over Under Only Some Just Nearly Almost More Than Since And But Or "
    "With Without After Before During Of The A An Last This Next Each Every All Top Up Down Between Among Until "
    "Roughly Approximately Estimated Maybe Perhaps Also Even When While Where Why How Who Total Another".split()
)
SCORE_RE = re.compile(r"[-–](\d+)\b")  # the second half of "2-0"
VAGUE_NOUNS = frozenset({"unit", "teen", "tens", "scale"})


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


# One-letter units also read after a space when nothing letter-like follows: "12 C", "5 W".
SPACED_LETTER_UNITS = frozenset({"C", "W"})
SPACED_LETTER_AFTER_RE = re.compile(
    r"""(?![\w.'’-])        # "100 C at sea level": nothing word-like follows
    | (?=\.\s*$)           # "... 100 C." at the end
    | (?=\.\s+[a-z])       # "100 C. and" (not an initial before a capital)
    """,
    re.VERBOSE,
)
INDEX_RE = re.compile(r"(?i:\bindex\b|\bindices\b)")  # a market index: its level is in points
# After "to" or "at", a bare number takes the unit of the change before it: "rose 64 points to 4,577".
ELIDED_UNIT_GAP_RE = re.compile(r"\s+(?:to|at)\s+(?:a\s+close\s+of\s+|end\s+at\s+)?")
PER_RE = re.compile(r"[\s-]*(?:/|\bper\b|\ba\b|\ban\b)[\s-]*")  # "$5 a week", "52,000 barrel-a-day", "km/h"
NOT_PER_RE = re.compile(r"\s+(?:earlier|ago|later|before|after|on|in|from|since)\b")  # "5.6% a year earlier"
MODIFIER_UNIT_RE = re.compile(r"\s+[a-z]+ing(?=\s)")  # "517 rushing yards"
SHARED_UNIT_RE = re.compile(r"\s+(?:or|and)\s+")  # "eight or nine euros": the unit is written once
# A conversion in brackets says what the figure before it says: "more than 100 km (60 miles)".
CONVERSION_GAP_RE = re.compile(
    r"""\s*[\[(]\s*                  # "100 km (60 miles)"
    | \s*[\[(][^\])]{1,30}/\s*       # "296 hp (224 kW / 300 PS)": after a slash inside the brackets
    | \s*/\s*                       # "224 kW / 300 PS"
    """,
    re.VERBOSE,
)
QUALIFIER_HEDGE: dict[str, str] = {"approx": "about", "more_than": "more than", "at_least": "at least", "less_than": "fewer than", "at_most": "up to"}
COMPOUND_AFTER_RE = re.compile(r"-[a-z]+(?=\s+[a-z])")  # "a two-bedroom flat", "a six-speed gearbox": no count
ONE_OF_RE = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|[A-Z][\w'’]*['’]s)\s")  # "one of the best ...", "one of Airbnb's"
OPEN_BRACKET_BEFORE_RE = re.compile(r"[\w.]\s*[(\[]\s*(?:(?:about|around|some|nearly|almost|up\s+to|over)\s+)?$")  # "Gant (0.5 WAR)"
# "$1 billion in gains": money "in" a bare noun names what the money is
MONEY_IN_RE = re.compile(r"\s+in\s+(?!(?:the|a|an|its|their|his|her|our|this|that|each|total|cash)\b)(?P<noun>[a-z]+)")
BRACKETED_AFTER_RE = re.compile(r"\s*[\[(][^\])]{1,40}[\])]")  # a conversion in brackets right after a figure
# "a 60 basis point improvement", "the 1000 hp barrier", "a turbocharged 1.6 liter engine"
ATTRIBUTIVE_BEFORE_RE = re.compile(r"(?i:\b(?:a|an|the)\s+)(?:(?P<adj>[a-z]+),?\s+)?$")
HYPHEN_UNIT_RE = re.compile(r"\w-[A-Za-z]")  # "1.8 billion-mile", "12-mile": a compound adjective
# What may stand between two figures that measure the same thing: "3 km [1.9 miles]",
# "3 km by 2.6 km", "3 kilometres [1.9 miles] wide and 2.6km".
PAIRED_GAP_RE = re.compile(
    r"""[\s\[\]()/,]*                                                  # brackets, slashes, commas
    (?:(?:by|x|×|and|wide|long|deep|high|tall|thick)[\s\[\]()/,]+)*    # "by", "wide and"
    """,
    re.VERBOSE,
)
SCI_RE = re.compile(r"\s?[×xX*]\s?10\s?\^?(?P<exp>[−-]?\d{1,3})(?!\d)")  # "×10−30", "x 10^6"
# After an attached "m": a counted noun or "of" makes it "million", not metres ("35m of its devices").
MILLION_CONTEXT_RE = re.compile(
    r"""\s+(?:of\b                                  # "35m of its devices"
    | (?:[a-z]+\s+(?:and\s+|or\s+)?){0,2}[a-z]+s\b  # "2.7m combined digital and physical sales"
    )""",
    re.VERBOSE,
)
NEGATIVE_RE = re.compile(
    r"""(?:(?:^|(?<=[\s($]))[-−]     # "-5 yards", "$-50.8bn": a minus after a space, bracket or $
    | \b(?i:minus)[\s-]?            # "minus 20", "minus-130"
    )$""",
    re.VERBOSE,
)
SUB_RE = re.compile(r"\b(?i:sub)-$")  # "sub-7 nanometer": below 7
ERA_RE = re.compile(r"(?:\b(?:A\.D\.|AD|CE)\s+$)")  # "A.D. 1000"
ERA_AFTER_RE = re.compile(r"\s*(?:B\.C\.|BC|BCE|A\.D\.|AD|CE)\b")  # "300 BC"
PRODUCT_AFTER_RE = re.compile(r"\s+(?:Pro|Max|Mini|Ultra|Plus|Lite|Edge|XL|SE|GT|Series)\b")  # "iPhone 11 Pro"
FROM_RE = re.compile(r"(?i:\bfrom\s+)$")
# Prime marks after a number: feet (′, ') and inches (″, "): "an altitude of 30'", "6′2″". A straight
# mark may be a quote instead, so it is read only where no quote is open (see _prime_unit).
PRIME_RE = re.compile(
    r"""(?P<foot>[′'])(?=\d{1,2}(?:\.\d+)?[″"]|[^\w'’′]|$)    # a foot mark, alone or before inches ("6'2\"")
    | (?P<inch>[″"])(?![\w"″])                              # an inch mark
    """,
    re.VERBOSE,
)
OPEN_SINGLE_QUOTE_RE = re.compile(r"(?:^|(?<=[\s(\[“]))'(?=[A-Za-z])")  # "'we lost 3' he said": a quote opens
# A time phrase between the two ends of "from X ... to Y": "from $36,040 at midnight to $34,935".
TIME_GAP_RE = re.compile(r"\s+(?:at|on|in|by)\s+(?:[\w.:]+\s+){1,3}?(?=to\s)")


# Between a figure and a later year, what starts another claim, so the year is not the figure's.
NEW_CLAUSE_RE = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|compared)\b|\b(?:but|while|whereas)\b", re.IGNORECASE)
# What may stand between a figure and the year phrase that dates it: "35,000 the year before", "8,000 in 2008".
ADJACENT_YEAR_RE = re.compile(
    r"""\s*,?\s*                                     # "35,000, a year earlier"
    (?:(?:-[a-z]+)?(?:\s+[a-z]+){0,2}\s+(?:of|in|during)\s+  # "12,000-strong procession of", "8,000 troops in"
      | (?:in|during)\s+)?                            # "8,000 in 2008"
    (?:(?:early|late|mid-?)\s*)?                     # "in early 2021"
    """,
    re.VERBOSE,
)
# A ratio: "twice as many troops", "three times as many", "three times more": the figure is the
# multiplier (kind count, qualifier exact), its concept the noun compared.
RATIO_WORD_RE = re.compile(r"(?i:\b(?P<w>twice|thrice)(?=\s+(?:as\s+(?:many|much|large|big|high|long)\b|(?:more|fewer|less)\b(?!\s*(?:[.,;:!?]|$)))))")
RATIO_WORDS = {"twice": 2.0, "thrice": 3.0}
FOLD_RE = re.compile(
    r"""(?i:\b(?:(?P<d>\d{1,4}(?:\.\d{1,3})?)                                   # "3-fold", "2.5-fold"
    | (?P<w>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand))  # "sixfold", "ten-fold"
    -?fold\b)""",
    re.VERBOSE,
)
FOLD_WORDS = {"two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "seven": 7.0, "eight": 8.0, "nine": 9.0,
              "ten": 10.0, "twenty": 20.0, "hundred": 100.0, "thousand": 1000.0}
TIMES_AS_RE = re.compile(
    r"""(?i:\s+times)?                                          # "three times" (absent after "twice")
    \s+(?:as\s+(?:many|much|large|big|high|long)|more|fewer|less|larger|bigger|higher|greater|smaller|lower)\b  # the comparative
    """,
    re.VERBOSE,
)
# A count between 1800 and 2199 followed by a counted noun is no year: "2000 troops" (not after a
# preposition or "the", where a year is likelier: "in 2000 prices rose", "the 2000 elections").
YEAR_NOT_BEFORE_RE = re.compile(
    r"""(?:(?i:\b(?:in|since|by|of|from|until|till|before|after|during|through|the|to|and|or|between|circa|c\.  # a preposition or "the"
         |its|their|his|her|our|my|your|this|that|last|next|whose)\s+)                # a possessive: "its 2018 sales"
    | \b[A-Z][\w’'-]*\s+                                                              # a name: "Keytruda's 2018 sales"
    | [’']s\s+)$""",
    re.VERBOSE,
)
COUNTED_AFTER_RE = re.compile(r"\s+(?:[a-z]+-)?(?:[a-z]+(?<!s)s|people|men|women|children|police|staff|personnel)\b(?!')")
# Markup or code written as plain text: "alert(1)", "<div id=3>", "x[2]": no checkable figure inside.
MARKUP_RE = re.compile(
    r"""<[A-Za-z/!][^<>]{0,200}>                 # a tag: "<div width=3>"
    | \b[A-Za-z_][\w.$]*\([^()\s]{0,40}\)        # a call: "alert(1)", "f(2,3)"
    | \b[A-Za-z_]\w*\[[^\[\]\s]{0,20}\]           # an index: "x[2]"
    """,
    re.VERBOSE,
)

WORD_AT_RE = re.compile(r"\b[A-Za-z]")  # where a word starts
# Cheap test that a sentence can name a year at all (else timeref is skipped).
YEARISH_RE = re.compile(
    r"""\d{4}                                                   # an explicit year
    | (?i:year|month|week|ago|yesterday|today|tomorrow|tonight|spring|summer|autumn|fall|winter
       |monday|tuesday|wednesday|thursday|friday|saturday|sunday)  # relative words
    | \b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b  # months
    """,
    re.VERBOSE,
)


def _mask(text: str) -> str:
    """Blank out what must never be read as a figure (HTML entities, control characters), keeping offsets."""
    text = ENTITY_RE.sub(lambda m: " " * len(m.group()), text)
    return CONTROL_RE.sub(" ", text)


def _read_number(work: str, pos: int, limit: int) -> tuple[float, float, float, int, bool, bool, str] | None:
    """(value, low, high, end, words, vague, written) of the number starting exactly at ``pos``."""
    m = DIGITS_RE.match(work, pos, limit)
    if m:
        v = parse_digits(m.group())
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


def _read_quantity(work: str, pos: int, limit: int) -> Quantity | None:
    """Currency, number, scale and unit starting at ``pos`` ("$5bn", "2.6km", "1.5 million", "40C")."""
    start = pos
    unit: str | None = None
    unit_kind: str | None = None
    cur = unit_before(work, pos) or (unit_before(work, pos - 1) if pos > 0 and work[pos - 1] in "-−" else None)
    if cur and cur[1] >= max(0, pos - 9):
        alias, cstart = cur
        unit, unit_kind, start = alias.canonical, alias.kind, cstart
    if not (work[pos].isdigit() or work[pos] == "."):
        at = currency_at(work, pos)  # "$45", "RM300" as the second half of a range
        if at is not None and at < limit:
            return _read_quantity(work, at, limit)
        if not work[pos].isalpha():
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
        key = (sm.group("word") or sm.group("abbr") or sm.group("short")).lower()
        attached_short = sm.group("short") is not None
        counted = attached_short and key == "m" and (sm.group("short") == "M" or MILLION_CONTEXT_RE.match(work, sm.end(), limit))
        if not attached_short or unit_kind == "money" or key == "k" or counted:
            scale = SCALES[key]
            end = sm.end()
    if scale != 1.0:
        exp = round(math.log10(scale))
        v = float(f"{written.replace(',', '')}e{exp}") if not words else v * scale  # "4.1bn" is 4100000000 exactly
        lo, hi = lo * scale, hi * scale
    if not words and written:
        lo, hi = rounding_band(written, v, scale)
    if unit is None or unit_kind == "money":
        u = unit_after(work, end)
        if u is not None and u[1] <= limit:
            alias, uend = u
            attached_only = len(alias.alias) == 1
            spaced_ok = alias.alias in SPACED_LETTER_UNITS and SPACED_LETTER_AFTER_RE.match(work, uend, limit)
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
            u2 = unit_after(work, at) or (unit_per(work, per.end()) if unit_kind == "money" else None)
            if u2 is not None and u2[0].kind in ("measure", "duration") and u2[1] <= limit and not NOT_PER_RE.match(work, u2[1], limit):
                unit, end = f"{unit} / {u2[0].canonical}", u2[1]
    if vague and unit is None:
        of = VAGUE_OF_RE.match(work, end, limit)
        if of:  # "tens of thousands of dollars", "hundreds of miles"
            u = unit_after(work, of.end())
            if u is not None and len(u[0].alias) > 2:
                unit, unit_kind, end = u[0].canonical, u[0].kind, u[1]
    if unit is None and not vague:
        mod = MODIFIER_UNIT_RE.match(work, end, limit)
        if mod:  # "517 rushing yards": one -ing modifier between the number and its unit
            u = unit_after(work, mod.end())
            if u is not None and u[0].kind == "measure" and len(u[0].alias) > 2:
                unit, unit_kind, end = u[0].canonical, u[0].kind, u[1]
    return Quantity(start, end, pos, num_end, scale, v, lo, hi, unit, unit_kind, vague, words)


_UNIT_KIND = {"money": "money", "percent": "percent", "measure": "measure"}


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
TRANSITIVE = frozenset("lost loses cut cuts shed sheds added adds raised boosted gained gains reduced hiked grow".split())


def _trend(work: str, lo: int, start: int, end: int, limit: int, count: bool = False) -> str | None:
    """"up"/"down" when the figure is a rise or fall ("rose 5%", "a 3% fall", "down 3 points").

    For a count of something, a transitive verb needs "by": "grew by 125,600 jobs" is a rise,
    "lost 500 men" is not.
    """
    m = None
    for st in [w.start() for w in WORD_AT_RE.finditer(work, max(lo, start - 60), start)][-7:]:
        m = TREND_BEFORE_RE.match(work, st, start)  # only where a word starts: linear and cheap
        if m:
            break
    if m:
        verb = (m.group("up") or m.group("down") or "").lower()
        if verb in ("up", "down") and PARTICLE_VERB_RE.search(work, max(lo, m.start() - 12), m.start()):
            return None  # "gave up 517 yards", "set up 3 stalls": a phrasal verb, not a rise
        if count and verb in TRANSITIVE and not (m.group("prep") or "").startswith("by"):
            return None
        return "up" if (m.group("up") or m.group("nup")) else "down"
    m = TREND_AFTER_RE.match(work[end:limit])
    if m:
        return "up" if m.group("up") else "down"
    return None


class _SentenceReader:
    """Reads the figures of one sentence; keeps what later sentences of the paragraph inherit."""

    def __init__(self, text: str, work: str, article_date: dt.date | None, quantulum: bool = True) -> None:
        """Read ``work`` (the masked text), cutting surfaces from ``text``, against ``article_date``."""
        self.text, self.work, self.article_date = text, work, article_date
        self.quantulum = quantulum  # ask quantulum3 about units the alias table does not know
        self.carry_year: tuple[int, str] | None = None  # (year, source) from the previous sentence
        self.carry_noun: str = ""  # the last counted noun in this paragraph
        self.paragraph = -1

    def read(self, s: Sentence) -> list[Figure]:
        """Every figure in sentence ``s``."""
        if s.paragraph != self.paragraph:
            self.paragraph, self.carry_year, self.carry_noun = s.paragraph, None, ""
        work, lo, hi = self.work, s.start, s.end
        base = self.carry_year[0] if self.carry_year else None  # the year the paragraph narrates
        refs = year_refs(work, lo, hi, self.article_date, base) if YEARISH_RE.search(work, lo, hi) else []
        figures = self._figures(s, refs)
        usable = [r for r in refs if not r.anchor]
        if usable:
            self.carry_year = (usable[-1].year, usable[-1].source)
        return figures

    # --- one sentence ------------------------------------------------------------------
    def _figures(self, s: Sentence, refs: list[YearRef]) -> list[Figure]:
        """Walk the candidate numbers of a sentence left to right."""
        work, lo, hi = self.work, s.start, s.end
        out: list[Figure] = []
        done = lo
        markup = [(m.start(), m.end()) for m in MARKUP_RE.finditer(work, lo, hi)] if "(" in work[lo:hi] or "<" in work[lo:hi] or "[" in work[lo:hi] else []
        for pos in self._candidates_fast(lo, hi):
            if pos < done:
                continue
            if any(a <= pos < b for a, b in markup):
                continue  # "alert(1)", "<td width=3>": code or markup, not a claim
            try:
                fig, done_to = self._one(s, pos, refs, out)
            except (ValueError, OverflowError, IndexError, KeyError, ZeroDivisionError) as exc:
                log.debug("skipped a number at %d: %r", pos, exc)
                fig, done_to = None, pos + 1
            done = max(done, done_to)
            if fig is not None:
                out.append(self._elided_noun(fig, out))
        return out

    def _elided_noun(self, fig: Figure, prev: list[Figure]) -> Figure:
        """A count with no noun takes the one left out after "and", "up from" ("3.9 million headsets, up from 2.4 million")."""
        if fig.kind != "count" or fig.unit is not None or fig.counted or not fig.checkable:
            return fig
        last = next((f for f in reversed(prev) if f.checkable and f.unit is None and f.counted and not TIMES_NOUN_RE.search(f.counted)), None)
        if last is None or not elided(self.work[last.end : fig.start]):
            return fig
        return replace(fig, counted=elided_noun(last.counted, self.work, fig.end, fig.sentence_end))  # "20 per week"

    def _candidates_fast(self, lo: int, hi: int) -> list[int]:
        """Candidate starts found within the sentence only (bounded scan)."""
        starts = {m.start() for m in re.finditer(r"(?<![\d.,])\d|(?<![\w.,])\.\d", self.work[lo:hi])}
        out = {lo + x for x in starts}
        if MAYBE_WORD_RE.search(self.work, lo, hi):
            out.update(m.start() for m in word_number_re().finditer(self.work, lo, hi))
        out.update(m.start() for m in RATIO_WORD_RE.finditer(self.work, lo, hi))
        if "fold" in self.work[lo:hi].lower():
            out.update(m.start() for m in FOLD_RE.finditer(self.work, lo, hi))
        return sorted(out)

    def _fig(self, s: Sentence, start: int, end: int, value: float, low: float, high: float, **kw: object) -> Figure:
        """A Figure with its surface taken from the original text (interval ends tidied to 12 digits)."""
        low, high = min(_tidy(low), value), max(_tidy(high), value)
        if kw.get("kind", "count") == "count" and kw.get("unit") is None and kw.get("checkable", True) and "counted" not in kw:
            kw["counted"] = counted_noun(self.work, end, s.end)  # "8,000 troops" → "troops"
        return Figure(
            surface=self.text[start:end], start=start, end=end, value=float(value), low=float(low), high=float(high),
            sentence_start=s.start, sentence_end=s.end, **kw,  # type: ignore[arg-type]
        )

    def _year_for(self, pos: int, refs: list[YearRef], end: int | None = None) -> tuple[int | None, str | None]:
        """The year a figure at ``pos`` (ending at ``end``) refers to, and how that was known.

        A year right after the figure beats one before it ("40,000 in 2015 and 35,000 the year
        before"); then the last year before it; then one later in its clause.
        """
        usable = [r for r in refs if not r.anchor and not (r.start <= pos < r.end)]
        if end is not None:  # even in a comparison: "compared with 11,000 the previous year"
            near = [r for r in refs if r.start >= end and not ANCHOR_RE.search(self.work, max(0, r.start - 30), r.start)]
            gap = next((r for r in near if ADJACENT_YEAR_RE.fullmatch(self.work, end, r.start)), None)
            if gap is not None:
                return gap.year, gap.source
        before = [r for r in usable if r.end <= pos]
        if before:
            return before[-1].year, before[-1].source
        after = [r for r in usable if r.start >= pos and not NEW_CLAUSE_RE.search(self.work, pos, r.start)]
        if after:  # "the 8,000 who marched in 2008"; not "12,000 marched, while in 2008 ..."
            return after[0].year, after[0].source
        if self.carry_year:
            return self.carry_year[0], "previous_sentence"
        if self.article_date:
            return self.article_date.year, "article"
        return None, None

    def _one(self, s: Sentence, pos: int, refs: list[YearRef], prev: list[Figure]) -> tuple[Figure | None, int]:
        """The figure whose number starts at ``pos`` (or None) and where reading may resume."""
        work, lo, hi = self.work, s.start, s.end
        ch_before = work[pos - 1] if pos > lo else " "
        fm = FOLD_RE.match(work, pos, hi)
        if fm:  # "a sixfold rise", "grew more than 3-fold": a ratio
            v = float(fm.group("d")) if fm.group("d") else FOLD_WORDS[fm.group("w").lower()]
            return self._ratio(s, pos, fm.end(), v, refs), fm.end()
        is_digit = work[pos].isdigit() or work[pos] == "."
        if is_digit:
            dm = DIGITS_RE.match(work, pos, hi)
            if dm is None:
                return None, pos + 1
            dend = dm.end()
            before = work[max(lo, pos - 8) : pos]
            named = re.search(r"(?:[A-Z][A-Za-z0-9]*\s?|[A-Za-z])[-−]$", before)  # "COVID -19", "Su-25"
            sign = NEGATIVE_RE.search(before) if not named or re.search(r"(?i)minus[-\s]?$", before) else None
            if sign or SUB_RE.search(before):
                return self._quantity(s, q, refs, prev, sign=sign, sub=not sign) if (q := _read_quantity(work, pos, hi)) else (None, dend)
            if len(dm.group()) > 1 and dm.group()[0] == "0" and dm.group()[1].isdigit():
                return None, dend  # "0401 GMT", "007": codes and clock times
            # identifiers glued to letters: "T-34", "Su-25", "COVID-19", "A380", "X-Pro3", "COVID -19"
            if ch_before.isalpha() or (ch_before == "-" and pos - 2 >= lo and (work[pos - 2].isalnum() or work[pos - 2] == " ")):
                if unit_before(work, pos) is None:
                    pm = IDENT_PREFIX_RE.search(work, max(lo, pos - 12), pos)
                    if pm is None and ch_before == "-":
                        pm = re.search(r"[A-Z][A-Za-z0-9]*\s-$", work[max(lo, pos - 14) : pos])
                        pm = re.search(r"[A-Z][A-Za-z0-9]*\s-$", work[lo:pos]) if pm else None
                        if pm:
                            return self._ident(s, lo + pm.start(), dend, dm.group()), dend
                    tail = re.match(r"[A-Za-z0-9]*", work[dend:hi])
                    end = dend + (tail.end() if tail else 0)
                    if pm and any(c.isupper() for c in pm.group()):
                        return self._ident(s, pm.start(), end, dm.group()), end
                    return None, end
            if SLASH_RE.match(work, dend, hi):  # "9/11", "24/7"
                return None, SLASH_RE.match(work, dend, hi).end()  # type: ignore[union-attr]
            if ch_before == "/" or ch_before == ":":
                return None, dend
            tm = TIME_AFTER_RE.match(work, dend, hi)
            if tm:
                return None, tm.end()
            if dm.group().isdigit() and len(dm.group()) <= 4 and (ERA_RE.search(before) or ERA_AFTER_RE.match(work, dend, hi)):
                v = float(dm.group())  # "A.D. 1000", "300 BC": a year of an era
                return self._fig(s, pos, dend, v, v, v, kind="year", checkable=False), dend
            om = ORDINAL_RE.match(work, dend, hi)
            if om and "." not in dm.group():
                if DATE_AFTER_RE.match(work, dend, hi):
                    return self._date(s, pos, dend, refs)
                return self._ordinal(s, pos, om.end(), dm.group()), om.end()
            if DATE_BEFORE_RE.search(work[max(lo, pos - 12) : pos]) and "," not in dm.group() and "." not in dm.group():
                if 1 <= int(dm.group()) <= 31 and not unit_after(work, dend):
                    return self._date(s, pos, dend, refs)
            if DATE_AFTER_RE.match(work, dend, hi) and dm.group().isdigit() and 1 <= int(dm.group()) <= 31:
                return self._date(s, pos, dend, refs)
            # score "2-0": a hyphenated pair whose second number is smaller
            sc = SCORE_RE.match(work, dend, hi)
            if sc and dm.group().isdigit() and int(sc.group(1)) < int(dm.group()) and int(dm.group()) < 200:
                return None, dend + sc.end()
        else:
            rw = RATIO_WORD_RE.match(work, pos, hi)
            if rw:
                return self._ratio(s, pos, rw.end(), RATIO_WORDS[rw.group("w").lower()], refs), rw.end()
            if pos > lo and ONE_NOT_NUMBER_RE.search(work[max(lo, pos - 10) : pos]) and work[pos : pos + 3].lower() == "one":
                if re.match(r"(?i)one\b", work[pos:hi]):
                    return None, pos + 3
            if re.match(r"(?i)one\b", work[pos:hi]) and ONE_AFTER_NOT_NUMBER_RE.match(work, pos + 3, hi):
                return None, pos + 3
        q = _read_quantity(work, pos, hi)
        if q is None:
            return None, pos + 1
        if q.unit_kind == "duration" and any(r.start <= q.num_start < r.end and r.source == "relative" for r in refs):
            v = q.value  # "two years ago", "three years earlier": when, not how much (kept, not checkable)
            return self._fig(s, q.start, q.end, v, v, v, unit=q.unit, kind="duration", checkable=False), q.end
        if q.words and q.unit is None and COMPOUND_AFTER_RE.match(work, q.num_end, hi):
            return None, COMPOUND_AFTER_RE.match(work, q.num_end, hi).end()  # type: ignore[union-attr]
        # letters glued after the number that are no unit: "5G", "4K", "3D", "1e309"
        if q.end < hi and work[q.end].isalnum() and q.unit is None and not q.words:
            tail = re.match(r"[A-Za-z0-9]+", work[q.end : hi])
            return None, q.end + (tail.end() if tail else 1)
        # names with a number after a capitalised word: "Planet 9", "World War Two", "Big 12"
        wlo = max(lo, pos - 40)  # a name is the word right before the number: look no further back
        cap = CAPITAL_BEFORE_RE.search(work, wlo, pos)
        if cap and cap.start() == wlo and wlo > lo and work[wlo - 1].isalpha():
            cap = None  # the window cut a word in two
        cap_at = cap.start() - lo if cap else 0
        if cap and re.fullmatch(r"[A-Z][a-z]+", cap.group("word")) and (cap_at == 0 or re.search(r"[.!?\"“]\s*$", work[lo : lo + cap_at])):
            cap = None  # the first word of a sentence is capitalised anyway (acronyms are still names)
        if cap and cap.group("word") in ("A", "I") and not re.search(r"[&A-Z]\s$", work[max(lo, lo + cap_at - 2) : lo + cap_at]):
            cap = None
        product = PRODUCT_AFTER_RE.match(work, q.num_end, hi) if q.unit is None else None
        if product and not cap:
            return self._ident(s, pos, product.end(), work[pos : q.num_end]), product.end()  # "11 Pro Max"
        if (
            cap
            and cap.group("word") not in NOT_IDENT_CAPITALS
            and cap.group("word").lower() not in MONTHS
            and cap.group("word").lower() not in WEEKDAYS
            and q.unit is None
            and q.value == int(q.value)
            and q.value < 1000
            and "," not in work[pos : q.num_end]
            and unit_before(work, pos) is None
            and not q.vague
        ):
            ident_start = cap.start("word")
            while True:  # "World War Two": take the whole capitalised name
                pm = re.search(r"(?<![.!?]\s)\b[A-Z][A-Za-z]*\s+$", work[lo:ident_start])
                if not pm or lo + pm.start() == lo or pm.group().strip() in NOT_IDENT_CAPITALS:
                    break
                ident_start = lo + pm.start()
            ident_end = product.end() if product else q.num_end  # "iPhone 15 Pro"
            return self._ident(s, ident_start, ident_end, work[pos : q.num_end]), ident_end
        # a year: 1800-2100, four digits, no unit, no currency, not counting a plural noun
        digits = work[pos : q.num_end]
        if (
            q.unit is None
            and not q.words
            and re.fullmatch(r"(?:1[89]\d\d|2[01]\d\d)", digits)
            and q.end == q.num_end
            and hedge_before(work, pos) is None
            and not (COUNTED_AFTER_RE.match(work, q.num_end, hi) and not YEAR_NOT_BEFORE_RE.search(work, max(lo, pos - 12), pos))
        ):
            v = float(digits)
            return self._fig(s, pos, q.num_end, v, v, v, kind="year", checkable=False, year=int(v), year_source="explicit"), q.num_end
        return self._quantity(s, q, refs, prev)

    def _quantity(
        self, s: Sentence, q: Quantity, refs: list[YearRef], prev: list[Figure],
        sign: re.Match[str] | None = None, sub: bool = False,
    ) -> tuple[Figure | None, int]:
        """A count, measure, money or percentage figure, with hedge, range, trend and concept."""
        work, lo, hi = self.work, s.start, s.end
        start, end = q.start, q.end
        value, low, high = q.value, q.low, q.high
        qualifier = "exact"
        hedge: Hedge | None = None
        if sign is not None:  # "-5 yards", "minus 130 degrees"
            value, low, high = -value, -high, -low
            start = q.start - len(sign.group()) if q.start == q.num_start else q.start
        if sub:  # "sub-7": below 7
            hedge = hedges_by_phrase()["under"]
            start = q.start - 4
        hb = hedge_before(work, start) if hedge is None else None
        if hb is not None and hb[1] >= lo:
            hedge, start = hb
        if q.unit is None and not q.vague and prev and prev[-1].unit and prev[-1].kind in ("measure", "money", "percent"):
            if prev[-1].unit != "percent" and ELIDED_UNIT_GAP_RE.fullmatch(work, prev[-1].end, start):
                q = replace(q, unit=prev[-1].unit, unit_kind=_UNIT_KIND.get(prev[-1].kind, "measure"))
            elif prev[-1].unit == "percent" and prev[-1].trend and INDEX_RE.search(work, lo, hi) and ELIDED_UNIT_GAP_RE.fullmatch(work, prev[-1].end, start):
                q = replace(q, unit="index_point", unit_kind="measure")  # "the index climbed 0.1% to 1,333.18"
        if q.unit is None and not q.vague and not q.words and q.end == q.num_end and (pu := _prime_unit(work, lo, q.end, hi)):
            q = replace(q, unit=pu[0], unit_kind="measure", end=pu[1])  # "an altitude of 30'", "6′2″"
            end = pu[1]
        if q.unit is None and not q.vague and not q.words and self.quantulum and q.end == q.num_end:
            got = q3.unit_at(work, lo, hi, q.num_start, q.num_end)
            if got is not None:  # the long tail: "5 furlongs", "30 psi", "28,030 yen"
                q = replace(q, unit=got[0], unit_kind=got[1], end=got[2])
                end = got[2]
        if q.unit is None and not q.vague:
            sh = SHARED_UNIT_RE.match(work, q.end, hi)
            q2 = _read_quantity(work, sh.end(), hi) if sh else None
            if q2 is not None and q2.unit is not None and q2.unit_kind != "duration" and q2.num_end - q2.num_start < 20:
                q = replace(q, unit=q2.unit, unit_kind=q2.unit_kind)  # "eight or nine euros"
        rng = self._range(s, q, start, hedge) if sign is None and not sub else None
        if rng is not None:
            rstart, q1, q2 = rng
            a, b = sorted((q1.value, q2.value))
            f = self._finish(
                s, rstart, q2.end, (a + b) / 2, a, b, q2.unit or q.unit, q2.unit_kind or q.unit_kind, "range",
                refs, prev, q, False,
            )
            return f, q2.end
        ha = hedge_after(work, end)
        if hedge is None and ha is not None:
            hedge, end = ha
        if hedge is None and prev and prev[-1].qualifier in QUALIFIER_HEDGE and CONVERSION_GAP_RE.fullmatch(work, prev[-1].end, start):
            hedge = _same_hedge(prev[-1])  # "more than 100 km (60 miles)": the conversion is hedged alike
        if hedge is None and q.words and ROUND_WORD_RE.search(work, q.num_start, q.num_end):
            hedge = hedges_by_phrase()["about"]  # "a dozen" is round like "some 8,000": eleven fits it
        if q.vague:
            qualifier = "range"
        if hedge is not None:
            qualifier = hedge.qualifier
            low, high = interval(value, (low, high), hedge)
            if q.vague:
                low, high = min(low, q.low), max(high, q.high)
        return self._finish(s, start, end, value, low, high, q.unit, q.unit_kind, qualifier, refs, prev, q, q.vague), end

    def _range(self, s: Sentence, q: Quantity, start: int, hedge: Hedge | None) -> tuple[int, Quantity, Quantity] | None:
        """The second number when ``q`` opens a range ("between 5 and 7", "5-7%", "from $10 to $15 billion").

        "from X to Y" is a range in either order (the NewsQuant convention); a bare "X to Y" only
        when Y is larger and no rise or fall ("climbed 0.1% to 1,333") or "by" comes before it.
        """
        work, lo, hi = self.work, s.start, s.end
        rj = RANGE_JOIN_RE.match(work, q.end, hi)
        if rj is None and FROM_RE.search(work[max(lo, start - 12) : start]):
            tg = TIME_GAP_RE.match(work, q.end, hi)  # "from $36,040 at 10.45pm to $34,935"
            rj = RANGE_JOIN_RE.match(work, tg.end() - 1, hi) if tg else None
        if rj is None or q.vague or (hedge is not None and hedge.qualifier != "approx"):
            return None
        joiner = rj.group().strip().lower()
        before = work[max(lo, start - 12) : start]
        between = BETWEEN_RE.search(before)
        frm = FROM_RE.search(before)
        if joiner == "or" or (joiner == "and" and not (between and not frm)) or (joiner.startswith("up") and not frm):
            return None
        if joiner in ("-", "–") and (q.words or rj.group() != joiner) and joiner != "–":
            return None  # "35 miles - from": a spaced hyphen is a dash, not a range
        if BY_BEFORE_RE.search(before):
            return None
        q2 = _read_quantity(work, rj.end(), hi)
        if q2 is None or q2.vague or q2.words != q.words and joiner != "to":
            return None
        u1, u2 = q.unit, q2.unit
        if u1 and u2 and not (u1 == u2 or u2.startswith(u1) or u1.startswith(u2)):
            return None
        if q.scale == 1.0 and q2.scale > 1.0 and q.value <= q2.value / q2.scale and not q.words:
            q = replace(q, value=q.value * q2.scale)  # "$10 to $15 billion": the scale is shared
        if u1 and not u2 and not (q2.value / 20 <= q.value <= q2.value * 20):
            return None  # "0.7 percent to 6,327.80": a change and a level, not a range
        if not frm:
            if q2.value <= q.value:
                return None
            if joiner == "to" and _trend(work, lo, start, start, start) is not None:
                return None
        rstart = start - len(between.group()) if between else start - len(frm.group()) if frm else start
        return rstart, q, q2

    def _finish(
        self, s: Sentence, start: int, end: int, value: float, low: float, high: float, unit: str | None,
        unit_kind: str | None, qualifier: str, refs: list[YearRef], prev: list[Figure], q: Quantity, vague: bool,
    ) -> Figure | None:
        """Attach trend, concept and year to a read quantity."""
        work, lo, hi = self.work, s.start, s.end
        if not (math.isfinite(value) and low <= value <= high) or math.isnan(low) or math.isnan(high):
            value = min(max(value, low), high) if math.isfinite(value) else low
            if not (low <= value <= high):
                return None
        kind = _kind(unit, unit_kind)
        bracket_at = self._bracket_opened(s, start, prev)
        concept = ""
        cohort = False
        tail = AGE_TAIL_RE.match(work, end, hi) if unit == "year" else None
        appositive = (
            unit is None and not vague and value == int(value) and 1 <= value < 120 and q.num_end == end
            and APPOSITIVE_BEFORE_RE.search(work[max(lo, start - 20) : start]) and APPOSITIVE_AFTER_RE.match(work, end, hi)
        )
        if tail or appositive:  # "a 35-year-old man", "Maddon, 66, said": an age, and whose
            end = tail.end() if tail else end
            unit, kind = "year", "duration"
            whose = cpt.noun_after(work, end, hi)[0] if tail else []
            concept = cpt.join(["age"] + (whose or cpt.noun_before(work, start, lo, 2, clause=False)))
        elif AGE_AFTER_RE.match(work, end, hi) or (unit is None and AGE_BEFORE_RE.search(work[max(lo, start - 8) : start])):
            m = AGE_AFTER_RE.match(work, end, hi)
            if m:
                end = end if unit == "year" else end
            unit, kind = "year", "duration"
            noun = cpt.noun_after(work, m.end() if m else end, hi)[0] if m else []
            concept = cpt.join(["age"] + noun)
            cohort = qualifier == "range" and not m  # "men aged 18 to 34": who is meant, not a claim to check
        elif kind == "count" and not vague and (ta := TIMES_AS_RE.match(work, end, hi)) and re.match(r"(?i)\s+times", work[end:hi]):
            concept = cpt.join(cpt.noun_after(work, ta.end(), hi)[0])  # "three times as many troops": troops
        elif kind == "count":
            pos = end
            if vague:
                of = VAGUE_OF_RE.match(work, end, hi)
                pos = of.end() if of else end
            noun, nend = cpt.noun_after(work, pos, hi)
            if not noun:
                noun, nend = noun_of(work, pos, hi)  # "Two of Johnson's deputies were fired"
            if noun and value == 1 and ONE_OF_RE.match(work, end, hi):
                concept = cpt.join(noun)  # "one of the best speakers": membership of a group, about nothing else
            elif noun:
                subject = cpt.noun_before(work, start, lo, 3, skip_reported=True)
                whose = cpt.of_phrase(work, nend, hi)[:3]  # "five new seasons of Sesame Street"
                concept = cpt.join(cpt.subject(work, start, lo, 2) + subject + noun + whose + cpt.verb_after(work, nend, hi))
                self.carry_noun = noun[-1]
            else:
                follow = cpt.verb_after(work, end, hi)
                if not follow:
                    vm = re.match(r"\s+(?P<v>(?:took|take|takes)\s+part|[a-z]+ed)\b", work[end:hi])
                    follow = [vm.group("v")] if vm else []
                if self.carry_noun:
                    concept = cpt.join([self.carry_noun] + follow)
                else:  # "The yen also saw further strengthening to trade at 132.86": the subject, then the nearest noun
                    near = cpt.noun_before(work, start, lo, 3, clause=False)
                    concept = cpt.join(cpt.subject(work, start, lo, 2) + near + follow)
        else:
            concept = self._measure_concept(s, start, end, prev, kind, bracket_at)
        if bracket_at is not None:  # "RHP John Gant (0.5 WAR)": the name before the bracket
            concept = cpt.join(cpt.noun_before(work, bracket_at, lo, 3) + concept.split())
        trend = None if qualifier == "range" else _trend(work, lo, start, end, hi, count=kind == "count" and not q.vague)
        if trend is None and prev and qualifier != "range":
            trend = self._inherited_trend(s, start, prev)
        year, year_source = self._year_for(q.num_start, refs, end)
        return self._fig(
            s, start, end, value, low, high, unit=unit, qualifier=qualifier, trend=trend, concept=concept,
            year=year, year_source=year_source, kind=kind, checkable=not cohort,
        )

    def _inherited_trend(self, s: Sentence, start: int, prev: list[Figure]) -> str | None:
        """The trend of the figure before, for "lost 190 points, or 0.6%" and "down 2.3%, Burlington by 2.6%"."""
        last = prev[-1]
        gap = self.work[last.end : start]
        if last.trend and CONVERSION_GAP_RE.fullmatch(gap):
            return last.trend  # "rose 5 km (3 miles)"
        if last.trend and (re.fullmatch(r"\s*(?:[a-z]+\s+){0,2},?\s*or\s+", gap) or (re.search(r"\bby\s+$", gap) and len(gap) < 40)):
            return last.trend
        return None

    def _bracket_opened(self, s: Sentence, start: int, prev: list[Figure]) -> int | None:
        """Where a bracket opens right before the figure, after a name and not after another figure
        ("Gant (0.5 WAR)", "a tip (1.5mm internal diameter)"; not "3 km (1.9 miles)"), else None."""
        m = OPEN_BRACKET_BEFORE_RE.search(self.work, max(s.start, start - 40), start)
        if m is None or (prev and prev[-1].end >= m.start() - 2):
            return None
        return m.start() + 1

    def _attributive(self, s: Sentence, start: int, end: int) -> bool:
        """A measure used as an adjective: "a 60 basis point improvement", "the 1000 hp barrier",
        "a turbocharged 1.6 litre engine", "a 1.8 billion-mile journey" (a hyphen joins number and unit)."""
        if HYPHEN_UNIT_RE.search(self.work, start, end):
            return True
        bracket = BRACKETED_AFTER_RE.match(self.work, end, s.end)
        if cpt.adjective_after(self.work, bracket.end() if bracket else end, s.end):
            return False  # "a strip 3 km wide": the measure follows its noun
        before = ATTRIBUTIVE_BEFORE_RE.search(self.work, max(s.start, start - 30), start)
        return before is not None and (before.group("adj") is None or before.group("adj").lower() not in cpt.STOP)

    def _measure_concept(
        self, s: Sentence, start: int, end: int, prev: list[Figure], kind: str, bracket_at: int | None
    ) -> str:
        """What a measure, amount or share is of: "of ..." after it, else the noun phrase before.

        A bracketed conversion ("3 km [1.9 miles]") and a coordinated dimension ("3 km wide and
        2.6 km deep") take the noun of the figure before them in the sentence.
        """
        work, lo, hi = self.work, s.start, s.end
        bracket = BRACKETED_AFTER_RE.match(work, end, hi)
        after = bracket.end() if bracket else end  # "8 miles (13 km) of new tunnels"
        words = cpt.of_phrase(work, after, hi)
        if words:
            return cpt.join(cpt.subject(work, start, lo, 2) + words)
        if self._attributive(s, start, end) or bracket_at is not None:  # "a tip (1.5mm internal diameter)"
            words = cpt.noun_after(work, after, hi)[0]  # "a 352 μm pixel pitch", "a $3,500 a month mortgage"
            if words:
                return cpt.join(cpt.subject(work, start, lo, 2) + words)
        money_in = MONEY_IN_RE.match(work, after, hi) if kind == "money" else None
        if money_in and money_in.group("noun") not in cpt.STOP:  # "$1 billion in gains" ("gains" is a noun here)
            return cpt.join(cpt.subject(work, start, lo, 2) + [money_in.group("noun")])
        beneficiary = cpt.for_phrase(work, after, hi)
        if beneficiary:  # "one per cent for men", "Pay rose 3 per cent for nurses": whose, after what
            head = [w for w in cpt.noun_before(work, start, lo, 2) if w.lower() not in cpt.DIMENSIONS]
            return cpt.join((head or cpt.subject(work, start, lo, 2)) + beneficiary)
        words = [w for w in cpt.noun_before(work, start, lo) if w.lower() not in cpt.DIMENSIONS]
        adj = cpt.adjective_after(work, end, hi)
        last = next((f for f in reversed(prev) if f.kind in ("measure", "money", "percent", "duration")), None)
        paired = last is not None and PAIRED_GAP_RE.fullmatch(work, last.end, start) is not None
        if last is not None and cpt.RELATIVE_SUBJECT_RE.search(work, last.end, start):
            last = None  # "Senard, 65, ... with Nissan, which is 43.4 percent-owned": a new clause, a new subject
        if not words and last is not None and last.concept:
            head = [w for w in last.concept.split() if w.lower() not in cpt.DIMENSIONS and w != "age"]
            if not paired:  # a later measure in the sentence with no noun of its own: same subject
                return cpt.join(head + ([adj] if adj else []))
            bracketed = re.search(r"[\[(]\s*$", work[max(lo, start - 3) : start])
            return cpt.join(head + ([adj] if adj else [] if not bracketed else last.concept.split()[len(head):]))
        if not words:  # the noun phrase may sit before a comma ("Maddon, 66, has used...") or after
            words = (
                cpt.noun_before(work, start, lo, clause=False) or cpt.prep_phrase(work, end, hi)
                or cpt.noun_after(work, end, hi)[0]
            )
        words = words[-2:] + [adj] if adj else words
        return cpt.join(cpt.subject(work, start, lo, 2) + words)

    def _ratio(self, s: Sentence, start: int, end: int, value: float, refs: list[YearRef]) -> Figure:
        """"Twice as many troops": a multiplier, kind count, exact, about the noun compared.

        What it counts is "times", as for "three times as many" ("sixfold" is six times).
        """
        ta = TIMES_AS_RE.match(self.work, end, s.end)
        noun = cpt.noun_after(self.work, ta.end(), s.end)[0] if ta else []
        year, source = self._year_for(start, refs, end)
        low = high = value
        qualifier = "exact"
        hb = hedge_before(self.work, start)
        if hb is not None and hb[1] >= s.start:  # "more than sixfold"
            hedge, start = hb
            qualifier = hedge.qualifier
            low, high = interval(value, (value, value), hedge)
        return self._fig(
            s, start, end, value, low, high, qualifier=qualifier, concept=cpt.join(noun), year=year,
            year_source=source, kind="count", checkable=True, counted="times",
        )

    def _ident(self, s: Sentence, start: int, end: int, digits: str) -> Figure:
        """A name with a number in it ("T-34", "COVID-19", "World War Two"): kept, not checkable."""
        parsed = parse_digits(digits) if digits[:1].isdigit() else (parse_words(digits) or (0.0,))[0]
        v = float(parsed or 0.0)
        return self._fig(s, start, end, v, v, v, kind="identifier", checkable=False)

    def _ordinal(self, s: Sentence, start: int, end: int, digits: str) -> Figure:
        """"78th anniversary" is an ordinal (kept for anniversary checks); "3rd Assault Brigade" a name."""
        v = float(int(digits))
        if ORDINAL_NAME_RE.match(self.work, end, s.end):
            return self._fig(s, start, end, v, v, v, kind="identifier", checkable=False)
        noun = cpt.noun_after(self.work, end, s.end)[0]
        refs = year_refs(self.work, s.start, s.end, self.article_date) if YEARISH_RE.search(self.work, s.start, s.end) else []
        year, source = self._year_for(start, refs)
        return self._fig(
            s, start, end, v, v, v, kind="ordinal", checkable=False, concept=cpt.join(noun), year=year, year_source=source
        )

    def _date(self, s: Sentence, pos: int, dend: int, refs: list[YearRef]) -> tuple[Figure, int]:
        """"May 9", "9 May 2023": a date, never a count."""
        work = self.work
        mb = DATE_BEFORE_RE.search(work[max(s.start, pos - 12) : pos])
        start, end = pos, dend
        month_name = ""
        if mb:
            start = max(s.start, pos - 12) + mb.start()
            month_name = mb.group().strip().rstrip(".")
        else:
            ma = DATE_AFTER_RE.match(work, dend, s.end)
            if ma:
                end = ma.end()
                month_name = ma.group().split()[-1].rstrip(".")
        ym = DATE_YEAR_RE.match(work, end, s.end)
        year: int | None
        if ym:
            end = ym.end()
            year, source = int(ym.group().strip(", ")), "explicit"
        elif self.article_date and month_name.lower() in MONTHS:
            year, source = month_year(MONTHS[month_name.lower()], self.article_date), "relative"
        else:
            year, source = None, None
        day = float(work[pos:dend])
        return self._fig(
            s, start, end, day, day, day, kind="date", checkable=False, year=year, year_source=source
        ), end


def extract_figures(text: str, article_date: dt.date | None = None, *, quantulum: bool = True) -> list[Figure]:
    """Every figure in ``text``, sorted by start; never raises (unreadable text gives ``[]``).

    >>> [(f.surface, f.value, f.qualifier, f.concept) for f in extract_figures("Some 8,000 troops marched.")]
    [('Some 8,000', 8000.0, 'approx', 'troops')]
    """
    if not isinstance(text, str) or not text:
        return []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # figures hold no cycles; collecting while they pile up made 1 MB superlinear
    try:
        work = _mask(text)
        reader = _SentenceReader(text, work, article_date, quantulum)
        out: list[Figure] = []
        for s in split_sentences(work):
            try:
                out.extend(reader.read(s))
            except Exception as exc:  # one unreadable sentence must not cost the article
                log.warning("could not read the sentence at %d-%d: %r", s.start, s.end, exc)
        return sorted(out, key=lambda f: (f.start, f.end))
    except Exception as exc:  # the contract: text in, figures or [] out, never an exception
        log.warning("extraction failed: %r", exc)
        return []
    finally:
        if gc_was_enabled:
            gc.enable()


__all__ = ["extract_figures"]
