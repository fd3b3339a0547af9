"""What a figure counts or measures, as a short string of the sentence's own words.

"40,000 Wagner fighters were killed" → "Wagner fighters killed"; "24 cities that scrapped
their parades" → "cities scrapped parades"; "60 per cent of its revenue" → "revenue"; "the
front line now stretches for more than 600 miles" → "front line". Heuristic, no tagger:
function words and common verbs stop a noun phrase.

These rules read every figure first and are the fallback: the dependency parse (parse.py,
applied in parsed.py) replaces the concept where one of its patterns answers, and leaves it where
none does, where spaCy or its model is missing, or where an article is past the parse's bounds.
"""

from __future__ import annotations

import re
from functools import lru_cache

STOP = frozenset(
    """a an the of in on at for to by with from and or but nor that which who whom whose where when
    while as than its their his her our your my this these those there here it they he she we you i
    me him them us is are was were be been being has have had do does did will would could should
    may might can must not no more most less fewer other others only just also now then so such some
    about around over under up down since after before during per each every all both into out off
    said says say according very still yet even almost nearly roughly approximately least many much
    last next ago another any same own if because although though until till upon across along
    against among between through within without toward towards whether how what why again already
    ever never often once twice further back away well too quite rather inside outside beside beyond behind beneath amid
    earlier later mr mrs ms dr sir
    estimated reported reportedly including like first second third several few
    however meanwhile following thats that's essentially really indeed instead moreover overall
    alternatively nevertheless nonetheless furthermore additionally finally thus hence currently
    one two three four five six seven eight nine ten dozen dozens hundred hundreds thousand thousands
    million millions billion billions half quarter percent cent
    """.split()
)

# Verbs that sit between a subject and its figure ("stretches for", "rose", "costs").
# NOTE: words of STOP and REPORTING are not repeated here: _not_content joins the lists.
VERBS = frozenset(
    """stretches stretched stretch reaches reached reach totals totalled totaled total costs cost
    rose rise rises risen fell fall falls fallen grew grow grows grown gained gain gains lost
    lose loses climbed jumped soared surged dropped declined decreased increased slid slumped
    plunged tumbled shed hit hits stands stood stand came comes come made makes make took takes
    take got gets get saw sees see paid pays pay earned earns earn generated generates generate
    raised raises raise spent spends spend count included includes featured features marched
    marches killed kill leaving left retaken retook advanced lasted lasts runs ran scored scores
    averaged averages sold sells sell bought buys buy employs employed hired hires launched
    launches forecasts boost boosts boosted cut cuts valued worth put puts weighs weighed
    measures measured brought bring brings holds hold held goes go went needs need needed
    finished finishes covers covered covering reaching hitting holding pledged pledges pledge
    receives received owns owned won wins drew draws draw attracted attracts carried carries
    carry laid lay lays began begins begin rolled range ranges ranged ranging gave give gives
    fly flies flew finish include employ receive weigh
    """.split()
)

# a word ("T-34", "Ukraine's", "Café": letters of any alphabet, never cut before an accented one); a micro sign
# opens a unit ("µg/m³"), no word
WORD_RE = re.compile(r"(?<![\w'’&.-])(?![µμ])(?:[^\W\d_][\w'’&.-]*[^\W_]|[^\W\d_])")
CLAUSE_END_RE = re.compile(
    r"""[,;:()\[\]\"“”—–]|\s-\s                 # punctuation that closes a noun phrase
    | \b(?i:that|which|who|where|when|while|whereas|but|yet|although|though|because)\b  # a new clause
    """,
    re.VERBOSE,
)
SENTENCE_PART_RE = re.compile(r"[;:]")  # only these split a sentence when looking further back


FOR_AFTER_RE = re.compile(r"^\s+for\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?=[A-Za-z])")  # "$75,000 for CP"


def for_phrase(text: str, pos: int, limit: int) -> list[str]:
    """Who or what a figure is for ("5 per cent for men", "$75,000 for CP"): the noun phrase after "for"."""
    m = FOR_AFTER_RE.match(text[pos:limit])
    if not m:
        return []
    return noun_after(text, pos + m.end() - 1, limit, 2)[0]


# Reporting verbs: their subject is the source of a figure, not what it counts.
REPORTING = frozenset(
    """said says say counted counts estimated estimates estimate reported reports told tells claimed claims
    announced announces confirmed confirms stated states found finds believes believed according added
    adds noted notes wrote writes showed shows predicted predicts forecast expects expected""".split()
)
# Words of time that are never what a figure counts ("this year 51 were shown").
TIME_WORDS = frozenset(
    """year years month months week weeks day days today yesterday tomorrow tonight morning evening night
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    time period quarter""".split()
)
PARTICIPLE_RE = re.compile(
    r"""
    ^\s+(?:were|was|are|is|had\s+been|have\s+been|has\s+been|been|being|got)  # a passive verb
    \s+(?:\w+ly\s+)?                                  # an adverb ("were reportedly killed")
    (?P<verb>[a-z]+(?:ed|en|wn)|hurt|held|made|shot|lost|left|sold|built|hit|cut|put|set|kept|won)\b  # participle
    """,
    re.VERBOSE,
)
RELATIVE_RE = re.compile(
    r"""
    ^\s+(?:that|who|which)\s+                         # a relative clause
    (?:(?:have|has|had|are|were|was|is|will|would|could|can|may|might)\s+)?(?:been\s+|be\s+)?  # auxiliaries
    (?P<verb>[a-z]+)                                  # its verb ("scrapped", "have been unemployed")
    (?:\s+(?:their|the|its|his|her|a|an|our))?        # optional determiner
    (?:\s+(?P<obj>[a-z]+))?                           # its object ("parades")
    """,
    re.VERBOSE,
)
OF_RE = re.compile(r"^\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+|all\s+|a\s+|an\s+|those\s+|these\s+)*")
DIMENSIONS = frozenset({"wide", "long", "deep", "high", "tall", "thick", "away", "across"})
ADJ_AFTER_RE = re.compile(
    r"""^(?:\s*[\[(][^\])]{0,40}[\])])?   # a bracketed conversion in between ("[1.9 miles]")
    \s+(?P<adj>wide|long|deep|high|tall|thick|away|across)\b  # the dimension measured
    """,
    re.VERBOSE,
)


def _unit_words() -> frozenset[str]:
    """Lower-case words of every unit alias ("km", "miles"): a unit is never the concept. An alias that is a
    unit only where its guard admits it ("st" of "12st") is a word elsewhere ("Bury St Edmunds")."""
    from factcheck.extract.unit_aliases import GUARDED_AFTER, load_aliases

    return frozenset(a.alias.lower() for a in load_aliases() if " " not in a.alias and not a.standard and not (a.case_sensitive and a.alias in GUARDED_AFTER))


@lru_cache(maxsize=1)
def _currency_words() -> frozenset[str]:
    """Lower-case one-word names of currencies: those written after an amount ("euro", "yen", "rupees")
    and the last word of each ISO 4217 name ("pound" of "Pound Sterling", "rand", "krone")."""
    from factcheck.extract.currencies import iso_currencies
    from factcheck.extract.unit_aliases import load_aliases

    written = {a.alias.lower() for a in load_aliases() if a.kind == "money" and a.alias.isalpha() and a.alias.islower()}
    iso = {name.split()[-1].lower() for name in iso_currencies().values() if name.split()[-1].isalpha()}
    return frozenset(w for w in written | iso if len(w) > 2 and w not in STOP and w not in VERBS)


# Before "the": a preposition makes "the dollar" the other side ("against the dollar"), no subject.
_OTHER_SIDE_PREPS = frozenset({"against", "to", "versus", "per", "from", "at", "for", "of", "in", "on", "with", "than"})


def _named_currencies(words: list[str]) -> set[int]:
    """Where a currency's name follows "the" with no preposition before that: the currency itself, the
    subject of its move, no unit of a number ("the euro slipped 0.3%"; not "against the dollar")."""
    return {k for k in range(1, len(words)) if words[k - 1].lower() == "the" and words[k].lower() in _currency_words()
            and (k < 2 or words[k - 2].lower() not in _OTHER_SIDE_PREPS)}



# Words right after a number that are not yet the counted noun ("87 more wounded", "one of my stores").
SKIP_FIRST_RE = re.compile(
    r"\s+(?:more|other|additional|extra|further|(?:of\s+)?(?:the|my|its|his|her|their|our|your|these|those|them))\b"
)
AFTER_STOP = frozenset("worldwide available behind whilst apiece alone overall total each ahead nationwide".split())


@lru_cache(maxsize=1)
def _not_content() -> frozenset[str]:
    """Every lower-case word that is never part of a concept."""
    return STOP | VERBS | _unit_words() | TIME_WORDS | REPORTING


@lru_cache(maxsize=65536)
def _content(word: str) -> bool:
    """A word that can be part of a concept: not a function word, verb, unit or bare number."""
    w = word.lower().strip("'’")
    if len(word) > 1 and word.isupper() and word.isalpha():
        return True  # "US", "UK", "WHO": an acronym, even when its lower case is a function word
    return bool(w) and w not in _not_content() and not w[0].isdigit()


def _strip_possessive(word: str) -> str:
    """ "Ukraine's" → "Ukraine"."""
    return re.sub(r"['’]s?$", "", word)


def noun_after(text: str, pos: int, limit: int, max_words: int = 3) -> tuple[list[str], int]:
    """Up to ``max_words`` content words starting right at ``text[pos:]`` and where they end."""
    words: list[str] = []
    end = pos
    skip_first = SKIP_FIRST_RE.match(text, pos, limit)
    if skip_first:
        end = skip_first.end()
    for m in WORD_RE.finditer(text, end, limit):
        gap = text[end : m.start()]
        if gap.strip() or (words and not gap):
            break
        if not _content(m.group()) or len(words) >= max_words:
            break
        if words and _past(m.group()):
            nxt = WORD_RE.search(text, m.end(), limit)
            plural_before = words[-1].lower().endswith("s") or words[-1].lower() in ("people", "men", "women", "children")
            if plural_before or nxt is None or not _content(nxt.group()) or text[m.end() : nxt.start()] != " ":
                break  # "tank rolled": a verb ends the noun phrase ("new protected lanes" goes on)
        if words and (m.group().endswith("ly") or m.group().lower() in AFTER_STOP):
            break  # "users mostly": an adverb ends the noun phrase
        if words and m.group().endswith("ing") and len(m.group()) > 4:
            nxt = WORD_RE.search(text, m.end(), limit)
            if nxt is None or not _content(nxt.group()) or text[m.end() : nxt.start()].strip():
                break  # "students studying at ..." (but "public housing properties" goes on)
        words.append(_strip_possessive(m.group()))
        end = m.end()
    co = COORDINATED_RE.match(text, end, limit)
    if words and co and _content(co.group("w")) and not _verbish(co.group("w")):
        more, more_end = noun_after(text, co.start("w") - 1, limit, max_words)
        if more and more[-1].endswith("s"):  # "Kia and Hyundai vehicles", "men and women"
            return words + more, more_end
    return words, end


COORDINATED_RE = re.compile(r"\s+(?:and|or|&)\s+(?P<w>[A-Za-z][\w'’-]*)")


def verb_after(text: str, pos: int, limit: int) -> list[str]:
    """The participle or relative clause after a counted noun ("were killed", "that scrapped parades")."""
    rest = text[pos:limit]
    m = PARTICIPLE_RE.match(rest)
    if m:
        return [m.group("verb")]
    m = RELATIVE_RE.match(rest)
    if m and m.group("verb").lower() not in STOP:
        out = [m.group("verb")]
        if m.group("obj") and m.group("obj").lower() not in STOP:
            out.append(m.group("obj"))
        return out
    return []


def _past(word: str) -> bool:
    """A word ending in -ed that is a verb form ("pledged"), not a noun like "speed" or "hundred"."""
    w = word.lower()
    return w.endswith("ed") and not w.endswith("eed") and w not in ED_NOUNS or w in ("agreed", "freed", "guaranteed")


ED_NOUNS = frozenset("hundred kindred bed shed red sled".split())


def _verbish(word: str) -> bool:
    """A word that reads as a verb form here ("pledged", "having", "shooting")."""
    w = word.lower()
    return len(w) > 4 and (_past(w) or w.endswith("ing")) and not word[0].isupper()


def noun_before(
    text: str, start: int, lo: int, max_words: int = 4, *, skip_reported: bool = False, clause: bool = True
) -> list[str]:
    """The nearest noun phrase before ``text[start]`` in the same clause (skipping verbs, hedges).

    With ``skip_reported``, a noun phrase that is the subject of a reporting verb ("Russian media
    counted 24 cities") is not returned: it is the source, not what is counted.
    """
    lo = max(lo, start - 300)  # a subject further back than this is not this figure's
    clause_lo = lo
    for m in (CLAUSE_END_RE if clause else SENTENCE_PART_RE).finditer(text, lo, start):
        clause_lo = m.end()
    words = [(m.group(), m.start()) for m in WORD_RE.finditer(text, clause_lo, start)]
    named = _named_currencies([w for w, _ in words])
    run: list[str] = []
    i = len(words) - 1
    while i >= 0 and not run:
        while i >= 0 and (not _content(words[i][0]) or _verbish(words[i][0])) and i not in named:
            if skip_reported and words[i][0].lower() in REPORTING:
                return []
            i -= 1  # skip function words and verbs ("pledged") between the noun and the figure
        while i >= 0 and ((_content(words[i][0]) and not _verbish(words[i][0])) or i in named) and len(run) < max_words:
            run.insert(0, _strip_possessive(words[i][0]))
            i -= 1
    return run


ORDINAL_WORD_RE = re.compile(r"\d+(?:st|nd|rd|th)")
SUBJECT_CLAUSE_RE = re.compile(
    r"""[;:]                                                           # a sentence part
    | \b(?i:where|which|who|whom|while|whereas|but|yet|that|because|although)\b  # a new clause
    | ,\s*(?i:with)\b                                                  # ", with dairy prices expected to rise 4%"
    | (?<!such\s)(?<!well\s)(?<!known\s)(?<!same\s)(?<!much\s)(?<!many\s)(?<!soon\s)
      \b(?i:as)\s+(?=(?:the|its|their)\s)                            # "as the US trade deficit hit ..."
    """,
    re.VERBOSE,
)
# A relative pronoun that is its clause's subject ("which has 13000 workers", "who can run")
RELATIVE_SUBJECT_RE = re.compile(
    r"""\b(?i:which|who|that)\s+(?:also\s+|now\s+|still\s+)?
    (?:is|are|was|were|has|have|had|can|could|will|would|may|might|must|should|employs|owns|holds|runs|makes)\b""",
    re.VERBOSE,
)
# A fronted place or time before the subject: "In Royal Oak, ...", "Last year, ...", "Yesterday, ..."
FRONTED_RE = re.compile(
    r"""\s*(?:(?i:in|at|on|for|after|before|during|since|across|throughout|under|over|by|with|from|within)\s+[^,;:]{1,60}
    | (?i:yesterday|today|meanwhile|overall|separately|last\s+\w+|this\s+\w+|earlier\s+\w+)\s*),\s+""",
    re.VERBOSE,
)
NON_WORD_RE = re.compile(r"\W")
SUBJECT_WORD_RE = re.compile(r"[\w'’&-]+")  # words and names with digits ("3rd", "S&P")


def subject(text: str, start: int, lo: int, max_words: int = 3) -> list[str]:
    """The first noun phrase of the sentence before ``text[start]`` that is not a source of a report.

    "Shares of the retail giant rose 1.5%" → Shares; "Russian media counted 24 cities" → nothing.
    """
    clause_lo = max(lo, start - 300)
    last = None
    for m in SUBJECT_CLAUSE_RE.finditer(text, clause_lo, start):
        clause_lo, last = m.end(), m
    if last is not None and RELATIVE_SUBJECT_RE.match(text, last.start(), start):
        antecedent = noun_before(text, last.start(), max(lo, last.start() - 120), 2, clause=False)
        if antecedent:
            return antecedent  # a relative clause ("the carmaker, which is 40 percent-owned"): its antecedent is the subject
    if clause_lo > lo and text[clause_lo - 1].isalnum():  # whole words only: skip a cut-off word
        cut = NON_WORD_RE.search(text, clause_lo, start)
        clause_lo = cut.end() if cut else start
    fronted = FRONTED_RE.match(text, clause_lo, start)
    if fronted:
        clause_lo = fronted.end()  # "In Royal Oak, sampling came back at 4 ppb": skip the place or time
    words = [m.group() for m in SUBJECT_WORD_RE.finditer(text, clause_lo, start)]
    gerund = 0 if fronted and words and words[0].endswith("ing") else -1  # "..., sampling came back": a subject
    named = _named_currencies(words)

    def nounish(k: int) -> bool:
        """A word that can be in the subject's noun phrase."""
        return k == gerund or k in named or (_content(words[k]) or bool(ORDINAL_WORD_RE.fullmatch(words[k]))) and not _verbish(words[k])

    i = 0
    while i < len(words):
        while i < len(words) and not nounish(i):
            i += 1
        run: list[str] = []
        while i < len(words) and nounish(i):
            run.append(_strip_possessive(words[i]))
            i += 1
        run = [w for w in run if not ORDINAL_WORD_RE.fullmatch(w)][:max_words]
        if not run:
            return []
        nxt = words[i].lower() if i < len(words) else ""
        if nxt in REPORTING and not (i + 1 < len(words) and words[i + 1].lower() == "to"):  # not "prices expected to rise"
            i += 1
            if i < len(words) and words[i].lower() == "that":
                i += 1
            if i < len(words) and words[i].lower() in ("it", "they", "he", "she", "we"):
                return run  # "the Brigade said it had advanced ...": the pronoun is the source itself
            continue  # "X said ...": X is the source; look further on
        return run
    return []


def of_phrase(text: str, pos: int, limit: int) -> list[str]:
    """The noun phrase of a following "of ..." ("60 per cent of its revenue" → revenue)."""
    m = OF_RE.match(text[pos:limit])
    if not m:
        return []
    return noun_after(text, pos + m.end() - 1 if text[pos + m.end() - 1].isspace() else pos + m.end(), limit)[0]


def adjective_after(text: str, pos: int, limit: int) -> str:
    """A dimension adjective after a measure ("3 kilometres wide") or ""."""
    m = ADJ_AFTER_RE.match(text[pos:limit])
    return m.group("adj") if m else ""


def join(words: list[str]) -> str:
    """Words → one concept string, each word once, in order."""
    seen: list[str] = []
    for w in words:
        if w and w.lower() not in (s.lower() for s in seen):
            seen.append(w)
    return " ".join(seen)
