"""The sentence shapes the extractor recognises around a number, as compiled regexes.

Each pattern names one phenomenon (a date after a month name, an ordinal before a unit name,
a trend word before a figure); the vocabularies behind them live in factcheck/data/.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from factcheck.extract.timeref import MONTH_ALT

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


def ordinal_suffix_fits(digits: str, suffix: str) -> bool:
    """Does ``suffix`` make ``digits`` an ordinal as English writes it ("21st", "12th", "3rd"; not "12st",
    which is a weight in stone)?

    >>> [ordinal_suffix_fits(d, s) for d, s in (("21", "st"), ("11", "th"), ("12", "st"), ("3", "rd"), ("13", "rd"))]
    [True, True, False, True, False]
    """
    d = digits.replace(",", "")
    teen = len(d) > 1 and d[-2] == "1"
    want = "th" if teen else {"1": "st", "2": "nd", "3": "rd"}.get(d[-1:], "th")
    return suffix.lower() == want


# Nouns after an ordinal that make it a name, not a count ("72nd brigade", "22nd amendment").
ORDINAL_NAME_RE = re.compile(
    r"""\s+(?:[A-Z][\w-]*\s+)*                       # optional capitalised words ("3rd Assault")
    (?i:brigade|battalion|regiment|division|army|corps|squadron|fleet|district|precinct|street|avenue
       |amendment|infantry|guards|separate|mechanized|mechanised|airborne|tank|motor|rifle|congress)\b  # unit or name words
    | \s+[A-Z]                                       # or any capitalised word: "3rd Assault Brigade"
    """,
    re.VERBOSE,
)


# A race or running time: "2:01:25", "1:59.40", "3:43.13" (hours:minutes:seconds, or minutes:seconds
# with hundredths). A clock reading is told apart by what follows it (am/pm, a time zone) or an
# "at" before it; a bare "9:35" (no hundredths, two parts) stays a clock time.
CLOCK_DURATION_RE = re.compile(
    r"""(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d(?:\.\d{1,3})?)(?![\d:])   # 2:01:25
    | (?P<m2>\d{1,2}):(?P<s2>[0-5]\d\.\d{1,3})(?![\d:])                        # 1:59.40
    """,
    re.VERBOSE,
)
CLOCK_READING_BEFORE_RE = re.compile(r"(?i:\b(?:at|by|until|from|since|before|after)\s+)$")


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
          |hiked|spiked|rebounded|advanced|expanded|grow|climb|jump|soar|surge|gain
          |strengthened|strengthens|firmed|rallied|rallies|appreciated|leapt|leaped|swelled|ballooned
          |widened|gaining|adding|accelerated|accelerating|quickened|expanding)           # words of a rise
        | (?P<down>fell|fall|falls|fallen|falling|down|decreased|decreases|decreasing|declined|declines|declining
          |dropped|drops|dropping|slid|slides|slumped|plunged|plunges|tumbled|lost|loses|lower|cut|cuts|shed|sheds
          |shrank|shrunk|shrinks|slipped|eased|sank|dipped|retreated|contracted|reduced|decrease|decline|drop
          |slide|slip|dip|plunge|plummet|plummeted|plummets|plummeting|tumble|tumbles|slumps|sinks|sink
          |weakened|weakens|depreciated|narrowed|sagged|slumping|tumbling|sliding|slipping|losing|shedding|shrinking|slowed|slowing|contracting|cutting
          |lowered|lowers|slashed|slashes|trimmed|trims)  # words of a fall
        | (?:a|an)\s+(?P<nup>rise|increase|jump|gain|surge|hike|growth)\s+of                # "a rise of"
        | (?:a|an)\s+(?P<ndown>fall|drop|decline|decrease|cut|loss|slump|reduction)\s+of   # "a fall of"
      )\s+(?P<prep>by\s+|to\s+|(?:(?!(?:and|but|or|while|as|after|before|since|when)\s)[a-z][\w'’-]*\s+){1,8}by\s+)?(?:(?:an?\s+)?(?:further|additional|another|more\s+than|about|around|nearly|almost|some|over|roughly|average\s+of|record|net|estimated)\s+)?$)""",
    re.VERBOSE,
)


TREND_AFTER_RE = re.compile(
    r"""^[\s-]*(?i:(?P<up>rise|increase|jump|gain|surge|hike|growth|higher)    # "a 5% rise"
        | (?P<down>fall|drop|decline|decrease|cut|loss|slump|reduction|lower))\b  # "a 3% fall"
    """,
    re.VERBOSE,
)


RANGE_JOIN_RE = re.compile(
    r"""\s*(?:[-–]\s+to\b            # a suspended hyphen: "16- to 24-year-olds", "two- to three-bedroom"
    | -|–|—                       # "5-7", "5–7"
    | \bup\s+to\b                  # "from 450 up to 900"
    | \bto\b | \band\b | \bor\b    # "5 to 7", "between 5 and 7" ("or" is refused later)
    )\s*""",
    re.VERBOSE,
)


BETWEEN_RE = re.compile(r"(?i:\b(?:between|from)\s+)$")


BY_BEFORE_RE = re.compile(r"(?i:\bby\s+(?:(?:a|an|another|a\s+further|a\s+record|an\s+estimated|a\s+net)\s+)?)$")  # "fell by a record 837,000 to"


VAGUE_OF_RE = re.compile(r"\s+of\b")  # "tens of thousands of dollars"
PART_OF_ONE_RE = re.compile(r"\s+(?:of\s+)?an?\s+", re.IGNORECASE)  # a fraction of one unit: "3/4 of a mile", "half a metre"


# Right before an age: "aged 19", "ages 5", "at the age of 19". Search it with pos/endpos, never on a
# slice: a slice's first character gets a word boundary, and "mortgages of" would hold "ages of".
AGE_BEFORE_RE = re.compile(r"(?i:\b(?:aged|age|ages)(?:\s+of)?\s+)$")


# Right before a bare number that can only be an age: a death's ("died at 83", "dies at 91", "passed away at
# 77") or the oldest's or youngest's ("the youngest of whom is 24", "the oldest was 84").
AGE_EVENT_BEFORE_RE = re.compile(
    r"(?i:\b(?:(?:died|dies|passed\s+away)\s+at|(?:oldest|youngest)(?:\s+of\s+(?:whom|them|which))?\s+(?:is|was|being))\s+)$"
)
# A sentence opening with "At N," and a capitalised name: "At 102, Walter Simms is ..." is his age.
AGE_OPENING_RE = re.compile(r"\s*[\"“]?At\s+$")
AGE_OPENING_AFTER_RE = re.compile(r",\s+[A-Z]")


# Between the items of a list of numbers: "aged 19, 22 and 25".
LIST_ITEM_GAP_RE = re.compile(r"\s*(?:,\s*|,?\s+(?:and|or)\s+)")


AGE_AFTER_RE = re.compile(r"-?(?:years?|yr)[- ]olds?\b")  # "35-year-old"


AGE_TAIL_RE = re.compile(r"[- ]olds?\b")  # "-old" after a figure whose unit is already "year"


# An age in apposition: after a name ("Maddon, " before "66,") or after a noun phrase a determiner or
# possessive opens ("the prime minister, ", "her son, "): news copy gives a person's age so.
# A noun phrase after a preposition ("in the north, 12, and ...") is a place or a part, no person.
APPOSITIVE_BEFORE_RE = re.compile(
    r"(?:[A-Z][a-z]+|(?<![\w-])(?P<prep>(?i:in|of|at|on|from|to|by|for|among)\s+)?"
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|[Aa]n?)\s+(?:[a-z][\w-]*(?:['’]s)?\s+){0,3}[a-z][\w-]*(?<!s)),\s*$"
)


APPOSITIVE_AFTER_RE = re.compile(r"\s*,")


ONE_NOT_NUMBER_RE = re.compile(r"(?i:\b(?:no|any|every|the|this|that|which|each)\s+)$")  # "no one", "the one"


ONE_AFTER_NOT_NUMBER_RE = re.compile(r"(?i:\s+(?:another|other|anyway|day\b|way\b))")  # "one another", "one way"


CAPITAL_BEFORE_RE = re.compile(
    r"""(?<![A-Za-z&])(?P<word>[A-Z][A-Za-z]*[a-z][A-Za-z]*  # a capitalised word: "Planet 9", "Note 20"
    | [A-Z]{2,} | [A-Z]&[A-Z] | [A-Z]          # an acronym: "ASX 200", "S&P 500", "S P 500"
    | [a-z]+[A-Z][A-Za-z]*                     # camel case: "iPhone 11"
    )\s+$""",
    re.VERBOSE,
)


# A telephone number: "(555) 010-0142", "555-0142"; without an area code, a line number with a leading
# zero ("555-0142") or a word of calling before it tells it from a range ("300-1200 people").
PHONE_RE = re.compile(r"(?P<area>\(\d{3}\)\s?)?\d{3}-(?P<line>\d{4})(?!\d|[,.]\d)")
PHONE_WORD_RE = re.compile(r"(?i)\b(?:call(?:ing|ed|s)?|phone|telephone|tel|fax|hotline|dial(?:ling|ed)?|text)\b[^.!?]*$")
NUMBER_NOUN_AFTER_RE = re.compile(r"-(?!quarters?\b)[a-z]+ers?\b")  # "three-pointers", "two-seater", "one-liner": a noun
SPACED_PHONE_RE = re.compile(r"\d{2,5}(?:[ .]\d{2,4}){2,3}(?![\d,.]\d)")  # "0800 917 3344", "020 7946 0958"
# Three or more groups joined by hyphens, nine digits or more: "1-800-222-8477", "020-7946-0958". A range has two
# groups, an ISO date ("2023-05-09") eight digits.
DASHED_PHONE_RE = re.compile(r"\d{1,5}(?:-\d{2,4}){2,3}(?![\d-]|[,.]\d)")
PER_BEFORE_RE = re.compile(r"(?i)\b(?:per|for\s+every)\s+$")  # a number right after "per" is a rate's base ("per 1,000 people", "for every 1,000")
NUMBER_SIGN_RE = re.compile(r"(?:\bNos?\.|\bno\.|#)\s?$")  # "No. 9 shirt", "#12": the number labels what follows
VERSION_NAME_RE = re.compile(r"[A-Z]{2,}|[A-Za-z]*[a-z][A-Z][A-Za-z]*")  # an acronym or camel case before a version number
IDENT_PREFIX_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*-?$")  # "T-34", "COVID-19", "A380"


NOT_IDENT_CAPITALS = frozenset(
    "In On At By For From To Of As About Around Over Under Only Some Just Nearly Almost More Than Since And But Or "
    "With Without After Before During Of The A An Last This Next Each Every All Top Up Down Between Among Until "
    "Roughly Approximately Estimated Maybe Perhaps Also Even When While Where Why How Who Total Another".split()
)


SCORE_RE = re.compile(r"[-–](\d+)\b")  # the second half of "2-0"
SCORE_TO_RE = re.compile(r"\s+to\s+(\d+)\b(?!\s*(?:%|per|percent|[a-z]+s\b))")  # "112 to 104", not "5 to 3 percent"
# A contest's verb right before a pair: "won 112 to 104", "beat Leeds 3 to 1", "lost 21 to 17".
CONTEST_BEFORE_RE = re.compile(r"(?i)\b(?:won|wins|win|beat|beats|defeated|defeats|edged|lost|loses|trailed|trails|led|leads|drew)\b(?:\s+[A-Z][\w.'-]*){0,3}\s+$")


VAGUE_NOUNS = frozenset({"unit", "teen", "tens", "scale"})


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
ELIDED_UNIT_GAP_RE = re.compile(r",?\s+(?:to|at)\s+(?:a\s+close\s+of\s+|end\s+at\s+)?")
# A bare number a comparison sets against a measure leaves out its unit: "210 megawatts ..., compared with
# 165 a year earlier", "$4bn, up from 3.2 in 2021". The gap ends with the comparison, within the clause ...
COMPARED_GAP_RE = re.compile(
    r"^[^;:!?]{0,120}?(?:\b(?:up|down)\s+from|\bfrom|\bcompared\s+(?:with|to)|\bthan|\bversus|\bvs\.?|\bagainst)\s+"
    r"(?:(?:a|an)\s+(?:new\s+|all-time\s+)?(?:record|high|low|peak)(?:\s+high|\s+low)?(?:\s+of)?\s+)?$",  # "down from a record"
    re.IGNORECASE,
)
# ... and no noun of its own follows the number: a time, a clause break or the sentence's end does.
NO_NOUN_AFTER_RE = re.compile(r"\s*(?:$|[,.;:)\]—–]|\s-\s|(?:a|an|the|in|on|at|last|this|that|previous|earlier|during|for|by|over|before|ago|when|as|and|or|but)\b)", re.IGNORECASE)


PER_RE = re.compile(r"[\s-]*(?:/|\bper\b|\ba\b|\ban\b)[\s-]*")  # "$5 a week", "52,000 barrel-a-day", "km/h"


NOT_PER_RE = re.compile(r"\s+(?:earlier|ago|later|before|after|on)\b")  # "5.6% a year earlier", "a year on"
# After money only a time counted from the figure stops a rate: "$15 an hour from May" is a wage
# ("a year on" is a time after other amounts).
NOT_PER_MONEY_RE = re.compile(r"\s+(?:earlier|ago|later|(?:before|after)(?!\s+(?:tax|taxes|deductions)\b)|since)\b")  # not "a year after tax"


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
# The smaller unit's part of a compound measure right after its first part ("7ft 4in", "12st 3lb",
# "1hr 20min", "1m 80cm"): the noun after it ("a 7ft 4in crocodile") is what both parts measure.
COMPOUND_REST_RE = re.compile(r"\s*\d+(?:\.\d+)?\s?(?:in|ins|inches|lb|lbs|oz|min|mins|cm|mm|g|sec|secs|s)\b(?=\s|$)")


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
    | (?:[a-z]+\s+(?:and\s+|or\s+)?){0,2}(?!(?:was|has|is|does|as|its|his|this|thus|plus|less|across|always)\b)[a-z]+s\b
                                                    # up to two describing words before a plural noun ("3m new and used cars"),
                                                    # not a verb or function word in -s ("the 800m was a record")
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
SUB_CLOCK_RE = re.compile(r"\d{1,2}:[0-5]\d(?![\d:.])")  # "sub-2:01", "sub-4:00": hours or minutes, by the event


ERA_RE = re.compile(r"(?:\b(?:A\.D\.|AD|CE)\s+$)")  # "A.D. 1000"


ERA_AFTER_RE = re.compile(r"\s*(?:B\.C\.|BC|BCE|A\.D\.|AD|CE)\b")  # "300 BC"


# A place preposition before a house number: "at 418 Willow Lane", "on 12 Mill Road" is an address whatever follows
LOCATIVE_BEFORE_RE = re.compile(r"\b(?i:at|on|off|near|outside|opposite)\s+(?:the\s+)?$")


@lru_cache(maxsize=2)
def street_after_re(located: bool = False) -> re.Pattern[str]:
    """A street's name after a house number: "221 Baker Street", "10 Downing St" (data/street_types.txt),
    or a US block number's: "the 1400 block of Kenwood Avenue". ``located``: a place preposition stands
    before the number, so a word after the name says nothing of whether it is one."""
    alt = "|".join(sorted(map(re.escape, _lines("street_types.txt")), key=len, reverse=True))
    # not when a plural noun follows: "40 Oxford Street shops" counts shops on that street; a verb or
    # function word ending in "s" ("... Avenue is", "... Road has") is no plural noun
    # a street's name is capitalised words or a numbered street's ordinal ("West 98th Street")
    plural_after = "" if located else r"(?!\s+(?!(?:is|was|has|as|its|this|his|does)\b)[a-z]+s\b)"
    after_name = rf"(?:block\s+of\s+(?:the\s+)?)?(?:(?:[A-Z][a-z'’]+|\d{{1,3}}(?:st|nd|rd|th))\s+){{1,3}}(?:{alt})\b{plural_after}"
    # French, Spanish, Italian and Portuguese put the street's kind first ("8 Rue de la Paix", "15 Avenida
    # Paulista"): the kind (data/street_types_before.txt), an optional article or "of", then a name
    first = "|".join(sorted(map(re.escape, _lines("street_types_before.txt")), key=len, reverse=True))
    before_name = rf"(?:{first})\s+(?:(?:[a-z]{{1,4}}\s+){{0,2}}|[dl]['’])[A-Z][\w'’-]*"
    return re.compile(rf"[A-Z]?\s+(?:{after_name}|{before_name})")


def _lines(name: str) -> list[str]:
    """The non-comment lines of data file ``name``."""
    path = Path(__file__).resolve().parents[1] / "data" / name
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def us_state_codes() -> frozenset[str]:
    """The two-letter codes of US states and territories (pycountry's ISO 3166-2:US), which a ZIP code follows."""
    import pycountry

    return frozenset(sub.code.split("-")[1] for sub in pycountry.subdivisions.get(country_code="US"))


ZIP_RE = re.compile(r"\d{5}(?:-\d{4})?(?!\d)")  # "62704", "62704-1234"
# A number that names one code (singular): "the 90210 ZIP code", "the 212 area code"; "3 postcodes" is a count.
CODE_NOUN_AFTER_RE = re.compile(r"\s+(?i:zip|postal|post|area|dialling|dialing)\s*code\b|\s+(?i:postcode)\b")


@lru_cache(maxsize=1)
def us_state_before_re() -> re.Pattern[str]:
    """A US state's or territory's name (pycountry's ISO 3166-2:US) right before a ZIP code: "Illinois 62704"."""
    import pycountry

    names = sorted((sub.name for sub in pycountry.subdivisions.get(country_code="US")), key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(n) for n in names) + r"),?\s+$")


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
# A clause opened between a year and a figure after it: the year belongs to the clause before
# ("next year, after some 9,000 took part this year").
CLAUSE_OPENER_RE = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|after|before|although|though|as|since|when)\b", re.IGNORECASE)


# What may stand between a figure and the year phrase that dates it: "35,000 the year before", "8,000 in 2008".
ADJACENT_YEAR_RE = re.compile(
    r"""\s*,?\s*                                     # "35,000, a year earlier"
    (?:\s*per\s+\d[\d,]*(?:\s+[a-z]+)?)?              # a rate's base: "7.1 per 100,000 (people) recorded in"
    (?:(?:-[a-z]+)?(?:\s+(?:[a-z]+|[A-Z]{2,5}s?)){0,2}\s+(?:of|in|during)\s+  # "12,000-strong procession of", "8,000 troops in", "1.7 million TEU in"
      | (?:in|during|by)\s+                           # "8,000 in 2008", "had fallen to 16,420 by 2020"
      | \s+as\s+(?:early|late|recently|long\s+ago|far\s+back)\s+as\s+(?:in\s+)?)?  # a point in time stressed: "96% as early as 2022"
    (?:(?:early|late|mid-?)\s*)?                     # "in early 2021"
    """,
    re.VERBOSE,
)


# A ratio: "twice as many troops", "three times as many", "three times more": the figure is the
# multiplier (kind count, qualifier exact), its concept the noun compared.
RATIO_WORD_RE = re.compile(r"(?i:\b(?P<w>twice|thrice)(?=\s+(?:as\s+(?:many|much|large|big|high|long)\b|(?:more|fewer|less)\b(?!\s*(?:[.,;:!?]|$)))))")


RATIO_WORDS = {"twice": 2.0, "thrice": 3.0}


FOLD_RE = re.compile(
    r"""(?i:\b(?:(?:(?P<d>\d{1,4}(?:\.\d{1,3})?)                                 # "3-fold", "2.5-fold"
    | (?P<w>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand))  # "sixfold", "ten-fold"
    -?fold\b
    | (?P<x>\d{1,4}(?:\.\d{1,3})?)[x×](?![\w×.]|\.\d))                             # "grew 5x", "a 10X return"; not "4x4"
    )""",
    re.VERBOSE,
)


# A verb that multiplies ("doubled", "has tripled", "halving"): a ratio with its direction. Not the
# idioms "doubled down/up/over" nor "doubled as" (served as); not "double" (an adjective as often).
MULTIPLIER_VERB_RE = re.compile(
    r"""(?i:\b(?P<w>doubl|tripl|trebl|quadrupl|halv)(?:ed|ing)\b   # "doubled", "trebling", "halved"
    (?!\s+(?:down|up|over|back|as)\b))                            # "doubled down on": no ratio
    """,
    re.VERBOSE,
)
MULTIPLIER_VERBS = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "halv": 0.5}
MULTIPLIER_HINT_RE = re.compile(r"(?i:doubl|tripl|trebl|quadrupl|halv)")  # a cheap test before the walk


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
    | (?i:\byear\s+)                                                                  # "in year 2013", "fiscal year 2013"
    | \b[A-Z][\w’'-]*\s+                                                              # a name: "Keytruda's 2018 sales"
    | [’']s\s+)$""",
    re.VERBOSE,
)


# A plural noun after a number ("2013 cars"); the closed class of short verbs and function
# words that also end in -s ("2013 is", "2013 was", "2013 as") is not one.
COUNTED_AFTER_RE = re.compile(
    r"\s+(?!(?:is|was|has|does|as|us|its|this|thus|plus|minus|versus|whereas)\b)"
    r"(?:[a-z]+-)?(?:[a-z]+(?<!s)s|people|men|women|children|police|staff|personnel)\b(?!')"
)


# Markup or code written as plain text: "alert(1)", "<div id=3>", "x[2]": no checkable figure inside.
MARKUP_RE = re.compile(
    r"""<[A-Za-z/!][^<>]{0,200}>                 # a tag: "<div width=3>"
    | \b[A-Za-z_][\w.$]*\([^()\s]{0,40}\)        # a call: "alert(1)", "f(2,3)"
    | \b[A-Za-z_]\w*\[[^\[\]\s]{0,20}\]           # an index: "x[2]"
    """,
    re.VERBOSE,
)


WORD_AT_RE = re.compile(r"\b[A-Za-z]")  # where a word starts


def trend_before(text: str, lo: int, start: int) -> re.Match[str] | None:
    """The verb or noun of change that ends right before ``text[start]`` (TREND_BEFORE_RE), tried only
    where one of the last ten words starts: linear and cheap."""
    for st in [w.start() for w in WORD_AT_RE.finditer(text, max(lo, start - 80), start)][-10:]:
        m = TREND_BEFORE_RE.match(text, st, start)
        if m:
            return m
    return None


# Cheap test that a sentence can name a year at all (else timeref is skipped).
YEARISH_RE = re.compile(
    r"""\d{4}                                                   # an explicit year
    | (?i:year|month|week|ago|yesterday|today|tomorrow|tonight|spring|summer|autumn|fall|winter
       |monday|tuesday|wednesday|thursday|friday|saturday|sunday)  # relative words
    | \b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b  # months
    """,
    re.VERBOSE,
)



# A list's item number opening its line: "1. Chile: 88", "2) Peru". An enumeration, no figure.
LIST_MARKER_RE = re.compile(r"\d{1,2}[.)][ \t]+(?=\S)")


def list_marker_end(text: str, pos: int) -> int | None:
    r"""Where the item number of a list at ``pos`` ends, when nothing but blanks stands before it on its line.

    >>> t = "Thefts per 100,000:\n1. Chile: 212\n2. Peru: 147"
    >>> list_marker_end(t, t.index("1.")), list_marker_end(t, t.index("212")), list_marker_end("Up 3. Then", 3)
    (23, None, None)
    """
    m = LIST_MARKER_RE.match(text, pos)
    if m is None or text[text.rfind("\n", 0, pos) + 1 : pos].strip():
        return None
    return m.end()


def phone_at(work: str, pos: int, lo: int, hi: int) -> tuple[int, int] | None:
    """Where a telephone number starting with the digits at ``pos`` starts and ends, else None: groups
    separated by spaces after a word of calling ("call 0800 917 3344"), three or more joined by hyphens
    ("1-800-222-8477"), or NNN-NNNN with an area code, a line number starting 0 or a word of calling
    ("(555) 010-0142", "call 555-0142")."""
    called = PHONE_WORD_RE.search(work, max(lo, pos - 30), pos) is not None
    spaced = SPACED_PHONE_RE.match(work, pos, hi)
    if spaced and called:
        return pos, spaced.end()
    dashed = DASHED_PHONE_RE.match(work, pos, hi)
    if dashed and sum(ch.isdigit() for ch in dashed.group()) >= 9:
        return pos, dashed.end()
    ph = PHONE_RE.match(work, pos - 1 if pos > lo and work[pos - 1] == "(" else pos, hi)
    if ph and (ph.group("area") or ph.group("line")[0] == "0" or called):
        return ph.start(), ph.end()
    return None
