"""The noun a count counts, as written: "8,000 troops" → "troops", "40,000 Wagner fighters" → "Wagner fighters".

Words are the sentence's own, with a possessive's "'s" dropped ("Ukraine's" → "Ukraine").
A count with no unit is only checkable against a reference that counts the same thing, so the
extractor names that thing in ``Figure.counted``. Rules, no tagger (see concept.py's noun_after):
the noun phrase right after the number, else after "of the" ("half of the voters"); a leading
lower-case past participle is not part of it ("20 recorded songs" → "songs"), while a leading -ing
word makes a compound noun ("40 charging stations") unless it only describes ("5 remaining seats");
a comparative or an -ing verb right after the number counts nothing ("40k cheaper than", "73,
raising the prospect"); "50 previous years" counts years; a rate stays on it ("3,000 tests a
day"); a count with no noun of its own after "and", "from", "than" ... takes the noun of the
count before it (an elided noun: "5 million tickets, up from 3 million").
"""

from __future__ import annotations

import re

from factcheck.extract.concept import VERBS, noun_after
from factcheck.extract.cricket import cricket_noun
from factcheck.extract.patterns import TIMES_NOUN_RE
from factcheck.figures import Figure

# "half of the voters", "one of their stores": the noun after "of" (and a determiner)
OF_DET_RE = re.compile(
    r"""\s+(?:of\s+(?:(?:the|its|their|his|her|our|my|your|these|those|all)\s+)?  # "of the", "of all"
    | (?:the|its|their)\s+)                                                    # "half the voters"
    """,
    re.VERBOSE,
)
# A partitive's whole with a count of its own between "of (the)" and its noun, after an optional owner
# ("of the city's 18 hospitals", "of the 21 drones", "of 64 missiles"): the part counts the whole's
# noun. With no count the owner stays part of the noun ("two of Johnson's deputies").
WHOLE_RE = re.compile(
    r"""(?:[\w-]+(?:'s|’s|s'|s’)\s+)?                               # an owner: "the city's"
    (?:(?:estimated|some|about|around|roughly|nearly|almost)\s+)?     # a hedge on the whole: "an estimated 8 million"
    (?:\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion))?\s+            # the whole's count: "18", "4.2 million"
      | (?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\s+)
    """,
    re.VERBOSE,
)
# "three of them", "two of whom", "some of which": the part of a group named before, whose noun the
# count takes from the count before it (reader.py's elided noun), never the word after the pronoun
PRONOUN_OF_RE = re.compile(r"\s+of\s+(?:them|whom|which|us)\b", re.IGNORECASE)  # not "of those screened"
# "the 233 needed for a majority", "the 273 required": a threshold of the thing counted before it,
# named by a participle of need or plan in place of its noun
THRESHOLD_AFTER_RE = re.compile(r"\s+(?:needed|required|expected|planned|targeted|sought)\b")
# "3,000 tests a day", "five calls per customer": a rate after the noun belongs to what is counted.
# After "per" or "for every/each" any noun is the denominator; after "a/an" only a period or a
# head of population, since "gave 30 students a grant" is a second object, not a rate.
# A scale word after "per" is a rate's base ("donors per million people"), no denominator of its own.
RATE = (r"\s+(?:a|an|(?P<any>per|for\s+every|for\s+each))\s+(?!(?:hundred|thousand|million|billion)\b)"
        r"(?P<period>day|week|month|year|hour|minute|second|night|game|match|season|person|head|capita|woman|household|family|resident|inhabitant"
        r"|(?(any)[a-z]{3,20}(?![\w'’-])|(?!)))")
PER_COUNT_RE = re.compile(RATE + r"\b", re.IGNORECASE)
# "per 1,000 live births", "for every 100,000 people", "per million people": a rate's base
PER_BASE_RE = re.compile(r"\s+(?:per|for\s+every)\s+(?P<n>\d[\d,]*(?:\.\d+)?|(?:a\s+|one\s+)?(?:hundred|thousand|million)\b)", re.IGNORECASE)
WHEN_AFTER_RE = re.compile(r"\s+(?:earlier|ago|later|before|previously)\b", re.IGNORECASE)  # "a year earlier"
RATE_END_RE = re.compile(RATE + "$", re.IGNORECASE)  # the rate a counted noun ends with ("tests a day")
# NOTE: keep the gap words in step with the hedges a second count may carry (hedges.csv "before" rows).
ELIDED_GAP_RE = re.compile(
    r"""\b(?:and|or|compared\s+(?:with|to)|(?:up|down)(?:\s+from)?|from|than|versus|vs|against  # a comparison or list
       |including|among\s+them|with|to(?:\s+(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*(?:'s|’s))?  # or a part; "to Harris's"
       |(?:while|whereas|and|but|with)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*(?:\s+[a-z]+)?)\b  # a parallel clause: "while Labour gained", "with Germany hosting", "and Poland"
    (?:\s+(?:an?\s+average\s+of|about|around|some|just|only|nearly|almost|roughly|(?:just\s+)?(?:under|over|below|above)
         |(?:more|less|fewer)\s+than|close\s+to|up\s+to))?                      # an optional hedge
    \s*$""",
    re.VERBOSE,
)
LEADING_PARTICIPLE_RE = re.compile(r"[a-z]+ed")  # "recorded songs": a lower-case past participle
LEAD_WORD_RE = re.compile(r"\s+[a-z]+(?= )")  # a lower-case word the noun phrase may start with ("paid")
# A leading -ing word usually makes a compound noun ("shipping containers", "charging stations",
# "housing units"); these -ing words describe the noun instead ("remaining seats").
DESCRIBING_ING = frozenset(
    """remaining existing missing outstanding leading following competing participating surviving visiting
    returning incoming outgoing ongoing upcoming rising growing increasing falling declining striking
    waiting serving sitting standing retiring departing attending dying""".split()
)
# A comparative right after a number compares, it counts nothing: "40k cheaper than its rivals".
COMPARATIVES = frozenset(
    """cheaper dearer higher lower bigger smaller larger greater better worse faster slower quicker older
    younger longer shorter wider narrower deeper taller heavier lighter richer poorer stronger weaker
    earlier later more less fewer""".split()
)
# A lone -ing word before an object is a verb: "around 73, raising the prospect of ...".
ING_VERB_RE = re.compile(r"[a-z]+ing\s+(?:the|a|an|its|their|his|her|our|this|these|those|it|them|up|down|out)\b")
# A word that dates the time word after it: "the 50 previous years" counts years.
TIME_ADJECTIVES = frozenset("previous past prior preceding following coming next last other straight consecutive".split())
TIME_NOUN_RE = re.compile(r"\s+(?P<w>(?:years?|months?|weeks?|days?|decades?|centuries|century|hours?|quarters?|seasons?))\b")


def counted_noun(text: str, end: int, limit: int) -> str:
    """The noun phrase counted by the number ending at ``text[end]``, as written ("" when there is none).

    >>> counted_noun("Some 8,000 troops marched.", 10, 26)
    'troops'
    >>> counted_noun("It sold 20 recorded songs.", 10, 26)
    'songs'
    >>> counted_noun("It built 40 charging stations.", 11, 30)
    'charging stations'
    >>> counted_noun("It is 40k cheaper than rivals.", 9, 30)
    ''
    >>> counted_noun("Half of the voters stayed home.", 4, 31)
    'voters'
    >>> counted_noun("It hit 14 of the city's 18 clinics.", 9, 35), counted_noun("It downed 9 of 12 drones.", 11, 25)
    ('clinics', 'drones')
    >>> counted_noun("They ran 3,000 tests a day.", 14, 27)
    'tests a day'
    >>> counted_noun("It rose to 5 in May.", 12, 20)
    ''
    """
    if points_back(text, end, limit):
        return ""  # "three of them", "the 233 needed": the noun comes from the count before (an elided noun)
    words, stop = _whole_of(text, end, limit) or noun_after(text, end, limit)
    lone_verb = len(words) == 1 and (ING_VERB_RE.match(text, stop - len(words[0]), limit) or _participle_alone(words[0]))
    if words and (words[0].lower() in COMPARATIVES or lone_verb):
        return ""  # "40k cheaper than", "73 raising the prospect", "two abstaining": no noun is counted
    if words and all(w in TIME_ADJECTIVES for w in words) and (tm := TIME_NOUN_RE.match(text, stop, limit)):
        words, stop = [tm.group("w")], tm.end()  # "50 previous years": years are counted
    if not words:
        words, stop = noun_of(text, end, limit)
    if not words and (lead := LEAD_WORD_RE.match(text, end, limit)) and lead.group().strip() in VERBS:
        more, more_stop = noun_after(text, lead.end(), limit)
        if more and more[-1].endswith("s") and not more[-1].endswith("ss"):
            words, stop = more, more_stop  # "2.3 mn paid subscribers": an irregular participle before a plural noun
    if not words:
        return ""
    while len(words) > 1 and (LEADING_PARTICIPLE_RE.fullmatch(words[0]) or words[0] in DESCRIBING_ING):
        words = words[1:]  # "recorded songs", "remaining seats": the songs, the seats are counted
    phrase = " ".join(words)
    per = PER_COUNT_RE.match(text, stop, limit)
    if per is None and (base := PER_BASE_RE.match(text, stop, limit)):
        of, _ = noun_after(text, base.end(), limit)
        return f"{phrase} per {base.group('n')}{' ' + ' '.join(of) if of else ''}"  # "deaths per 1,000 live births"
    return f"{phrase} {' '.join(per.group().split())}" if per else phrase


def points_back(text: str, end: int, limit: int) -> bool:
    """Whether the words after a count ending at ``text[end]`` stand for a group counted before it
    ("three of them", "two of whom", "the 233 needed"), so the count takes that group's noun."""
    return bool(PRONOUN_OF_RE.match(text, end, limit) or THRESHOLD_AFTER_RE.match(text, end, limit))


def _participle_alone(word: str) -> bool:
    """A lone "-ing" word in the singular after a count: what the counted do ("two abstaining"), since
    a noun in "-ing" is plural after a number above one ("three meetings")."""
    return len(word) > 5 and word.islower() and word.endswith("ing")


def _whole_of(text: str, end: int, limit: int) -> tuple[list[str], int] | None:
    """The noun of a partitive's whole with a count of its own after "of (the)" at ``text[end]``
    ("of the city's 18 hospitals" → hospitals), else None."""
    m = OF_DET_RE.match(text, end, limit)
    whole = WHOLE_RE.match(text, m.end(), limit) if m is not None and m.group().lstrip().startswith("of") else None
    if whole is None:
        return None
    words, stop = noun_after(text, whole.end() - 1, limit)
    return (words, stop) if words else None


def noun_of(text: str, end: int, limit: int) -> tuple[list[str], int]:
    """The noun phrase after "of (the)" or "the" at ``text[end]`` ("half of the voters", "two of
    Johnson's deputies", "14 of the city's 18 hospitals", "58 of 64 missiles") and where it ends;
    ([], end) when there is none."""
    m = OF_DET_RE.match(text, end, limit)
    if m is None:
        return [], end
    return _whole_of(text, end, limit) or noun_after(text, m.end() - 1, limit)


# A clause whose subject says what its bare counts count: "the number of unemployed Filipinos fell
# by 198,000 to 2.11 million", "passenger numbers hit 79.2 million".
NUMBER_OF_RE = re.compile(r"\b(?i:the\s+(?:total\s+)?number\s+of)\s+((?:[\w-]+\s+){0,2}[A-Za-z][\w-]*s)\b")
NUMBERS_RE = re.compile(r"\b((?:[A-Za-z][a-z-]*\s+){0,1}[A-Za-z][a-z-]*[^s\W])\s+numbers\b")


def counted_subject(text: str, lo: int, start: int) -> str:
    """What the bare counts of a clause count when its subject is "the number of X" or "X numbers"
    before ``text[start]`` ("" when it is neither): "unemployed Filipinos", "Passengers".

    >>> counted_subject("The number of new homes rose to 9,000.", 0, 31), counted_subject("Visitor numbers hit 2 million.", 0, 20)
    ('new homes', 'Visitors')
    """
    of = _last(NUMBER_OF_RE, text, lo, start)
    if of is not None:
        return of.group(1)
    numbers = _last(NUMBERS_RE, text, lo, start)
    return f"{numbers.group(1)}s" if numbers is not None else ""


def _last(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text[lo:hi]``, the one nearest ``hi``."""
    found = None
    for found in pattern.finditer(text, lo, hi):
        pass
    return found


def elided_noun(antecedent: str, text: str, end: int, limit: int) -> str:
    """The noun a count ending at ``text[end]`` leaves out, with that count's own rate if it has one.

    >>> elided_noun("burglaries", "an average of 20 per week", 16, 25)
    'burglaries per week'
    >>> elided_noun("tests a day", "up from 900", 11, 11)
    'tests a day'
    >>> elided_noun("headsets", "from 2.4 million a year earlier", 16, 31)
    'headsets'
    """
    per = PER_COUNT_RE.match(text, end, limit)
    if per is None or WHEN_AFTER_RE.match(text, per.end(), limit):
        return antecedent  # "2.4 million a year earlier": when, not a rate
    noun = RATE_END_RE.sub("", antecedent)  # the antecedent's own rate gives way to this one
    return f"{noun} {' '.join(per.group().split())}"


def carried_noun(fig: Figure, prev: list[Figure], text: str) -> str:
    """The noun a count with none of its own takes from the count before it in its sentence, else "".

    It is left out after "and", "up from", "than" ... ("5 million tickets, up from 3 million"), or
    pointed back at ("12 workers, four of them"); a rate of its own stays on it ("20 per week").
    """
    last = next((f for f in reversed(prev) if f.checkable and f.unit is None and f.counted and not TIMES_NOUN_RE.search(f.counted)), None)
    if last is None or last.sentence_start != fig.sentence_start:
        return ""
    of_group = fig.value >= 1 and points_back(text, fig.end, fig.sentence_end)
    if not (elided(text[last.end : fig.start]) or of_group):
        return ""  # "half of which" is a share, no count of the group
    return elided_noun(last.counted, text, fig.end, fig.sentence_end)


def implied_noun(fig: Figure, prev: list[Figure], text: str) -> str:
    """The noun a count with none of its own implies: cricket's runs or wickets ("312 for six"), else
    the one the count before it left out ("up from 3 million"); "" when none."""
    return cricket_noun(text, fig) or carried_noun(fig, prev, text)


def elided(gap: str) -> bool:
    """Whether a count after ``gap`` leaves out the noun of the count before it.

    >>> elided(", up from ")
    True
    >>> elided(" and about ")
    True
    >>> elided(" in the first week; ")
    False
    """
    return ELIDED_GAP_RE.search(gap) is not None
