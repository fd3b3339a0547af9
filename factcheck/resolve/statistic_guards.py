"""Why a figure that names a country's statistic is still not that country's figure.

A table of a statistic by country holds each country's national figure. Words around a figure can
say it is something else, and then the claim abstains (a false conflict is the worst error):
- what the people it counts did or underwent ("2 million people in Kenya were displaced"), when only
  the statistic's word for people names it;
- a group of the people ("unemployment among graduates", "life expectancy for women"): the table
  holds the whole population's figure;
- a part of the year ("grew 5.5% in the first quarter", "hit 6.1% in March"): the table holds whole
  years;
- a value to come ("could rise to 6%", "is expected to grow 3.5%"): the table holds what was measured;
- several years at once ("averaged 10% between 2015 and 2020", "over 2015-2020"): the table holds one
  value a year;
- another thing the statistic's name is said "in" or "of" ("growth rate in mobile subscriptions"):
  the figure is that thing's;
- a rival of the name: its head with another modifier ("neonatal mortality" for "infant mortality");
- one item a superlative picks out of many ("the year's biggest hit sold 1.1 million tickets").
A part of the country, a region or another owner has its tests in statistic_places.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.extract.concept import STOP
from factcheck.extract.groups import group_nouns, names_people
from factcheck.extract.quantity import CULTIVATED, RAISED, TRANSITIVE
from factcheck.extract.timeref import PART_OF_YEAR_RE, YEAR_RE
from factcheck.figures import Figure
from factcheck.resolve.events import verb_words
from factcheck.resolve.context import in_clause_or_fronted
from factcheck.resolve.gazetteer import Gazetteer, default_gazetteer
from factcheck.resolve.places import clause_end
from factcheck.resolve.statistic import NOMINAL_SUFFIXES, StatReading, counts_by_name
from factcheck.resolve.statistic_phrases import CLOSED_CLASS, VALUE_NOUNS, context_only_of, context_phrases_of, names, qualifiers
from factcheck.resolve.statistic_left_out import held_pairs, left_out_stems
from factcheck.resolve.statistic_parts import counted_together
from factcheck.resolve.statistic_said import (
    SELF_NOUNS, WORD_RE, figure_clause, figure_sentence, named_stems, own_or_qualifier, own_stems, without_asides,
)
from factcheck.resolve.statistic_units import stated_per_year
from factcheck.resolve.wording import EVERYONE, GENERIC, adverbs, compound_parts, participle_adjective, stem, words
from factcheck.units import parse_unit



@lru_cache(maxsize=1)
def _people_stems() -> frozenset[str]:
    """The stems of the nouns for people (data/group_nouns.txt): "people", "residents", "citizens"."""
    return frozenset(w for n in group_nouns()["person"] for w in words(n))


def deed_of_people(fig: Figure, text: str, hi: int, reading: StatReading) -> str:
    """What the people or things a figure counts did or underwent in its clause ("were displaced",
    "voted", "were dissolved"), when only a general word names the statistic: its word for people ("2
    million people in Kenya were displaced" is no population), or for a count, one of the table's
    context keywords for what it counts ("472,900 companies were dissolved" is no count of companies
    registered); "" otherwise. A participle in "-ing" describes the people ("people living in")."""
    if not reading.phrases:
        return ""
    own = own_stems(reading)
    if all(set(p.split()) <= _people_stems() for p in reading.phrases):
        after = text[fig.end : clause_end(text, fig.end, hi)]
        return next((v for v in verb_words(after) if not v.endswith("ing") and stem(v) not in own), "")
    context = context_phrases_of(reading.metric.keywords)
    counted = " ".join(words(fig.counted))
    if fig.kind == "count" and counted in context and all(p in context for p in reading.phrases):
        return fig.verb if fig.verb and stem(fig.verb) not in own else ""  # the parse's verb of the count
    return ""



# A statistic's word, then "among" anything, or "for/of" a noun for people: the figure is that group's.
_GROUP_AFTER_RE = re.compile(r"\b([A-Za-z][\w-]*)\s+(among|for|of)\s+((?:(?:the|those|young|older|younger|[a-z]+-[a-z]+|[A-Z][a-z]+)\s+){0,2}([A-Za-z][\w-]*))")
# Nouns for people that name the whole population, never a group of it.
_AGE_BAND_RE = re.compile(
    r"\baged\s+(?:\d+\s*(?:to|-|–|and)\s*\d+|(?:under|over|below|above)\s+\d+|\d+\+?)"
    r"|\b\d+(?:[-–]?\s*to\s*|[-–])\d+[-–]year[-–]olds\b",  # "18-to-29-year-olds", "18- to 29-year-olds", "18-29-year-olds"
    re.IGNORECASE,
)
_GROUP_MODIFIED_RE = re.compile(r"\b([A-Za-z][\w-]*)(?:\s+(?:were|was))?\s+(among|for|of|to)\s+((?:[a-z][\w-]*\s+){1,2}[a-z][\w-]*)")
# a fronted group, with up to two words that say which and a place: "Among women, ...", "Among young men in Spain, ..."
_FRONTED_AMONG_RE = re.compile(r"\s*(?:Among|For)\s+(?:the\s+)?((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)(?:\s+in\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?\s*,")


# "among" opening a clause (after a conjunction), a noun for people, then a phrase that says which of
# them ("from low-income homes", "with a degree", "living alone"): a group, not the whole.
_CLAUSE_AMONG_RE = re.compile(
    r"\s*(?:(?:but|and|while|whereas|yet)\s+)?(?:among|for)\s+(?:the\s+|those\s+)?([a-z][\w-]*)\s+"
    r"(from|with|without|in|on|living|who|aged|born)\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)(?=\s*,|\s+(?:the|its|their|this|that|these)\s)",
    re.IGNORECASE,
)
# A superlative just before "<noun> among": "the lowest rates among", "the most ... among".
_RANKED_BEFORE_RE = re.compile(r"\b(?:[a-z]+est|most|least|top|bottom)\s+(?:[a-z-]+\s+){0,2}$", re.IGNORECASE)


def _same_band(band: str, own: str) -> bool:
    """Whether the table's own words name the age band however written: "15-24-year-olds" is the
    "(15-24 year olds)" or "aged 15 to 24" of a label or description."""
    if " ".join(band.lower().split()) in own:
        return True
    ages = re.findall(r"\d+", band)
    return len(ages) == 2 and re.search(rf"\b{ages[0]}\s*(?:-|–|to)\s*{ages[1]}\b", own) is not None


_OF_ALL_RE = re.compile(r"\s+of\s+all\b", re.IGNORECASE)


def subgroup(text: str, fig: Figure, reading: StatReading) -> str:
    """The group of people the sentence narrows the statistic to ("unemployment among graduates",
    "life expectancy for women", "aged 25 to 54", "42 women prisoners"), or "" when none. "among"
    always picks a group, unless it ranks ("among the highest"); after "for" or "of" only a noun for
    people does (data/group_nouns.txt), since "inflation for the year" or "GDP of 2022" narrow
    nothing; an age band counts unless the table's label names it; the table's own words for people
    ("adult" literacy, births per "woman") are no group."""
    named, own = named_stems(reading), own_stems(reading)
    # the people the table's description says it is of are its whole ("age at which workers leave ...")
    described = reading.metric.description or ""
    own |= {stem(w.lower()) for w in WORD_RE.findall(described) if w.lower() in group_nouns()["person"]} - left_out_stems(described)
    sentence, rel, c0, c1 = figure_clause(fig, text)

    def group(word: str) -> bool:  # a noun for some people, not all of them nor the table's own ("adult")
        return word in group_nouns()["person"] and word not in EVERYONE and stem(word) not in own

    # an age band the table does not name: "women aged 25 to 54" of a table of women aged 15+
    band = _AGE_BAND_RE.search(sentence, 0, c1)
    aside = band is not None and band.start() > rel and "(" in sentence[rel : band.start()]  # "(half of whom are aged 17 ...)"
    own_band = f"{reading.metric.label} {reading.metric.description or ''}".lower()  # the table's own coverage
    whole = _OF_ALL_RE.match(text, fig.end) is not None  # "compared with 72.5% of all adults": it says it is of all
    if band is not None and not aside and not whole and not _same_band(band.group(), own_band):
        return band.group()
    fronted = _FRONTED_AMONG_RE.match(sentence)
    if fronted is not None:  # "Among men, consumption averaged ...": the group the whole sentence is about
        said = fronted.group(1).split()
        head = said[-1].lower()
        if group(head) or (len(said) > 1 and names_people(head) and head not in EVERYONE and stem(head) not in own):
            return fronted.group(1)
    # ... or fronted in the figure's own clause, with words after the people that say which of them:
    # "but among pupils from low-income homes the rate falls to ..."
    inner = _CLAUSE_AMONG_RE.match(sentence, c0, rel)
    if inner is not None and names_people(inner.group(1)) and not default_gazetteer().find(inner.group(3)):
        return f"{inner.group(1)} {inner.group(2)} {inner.group(3)}"
    for m in _GROUP_AFTER_RE.finditer(sentence):
        if stem(m.group(1).lower()) not in named:
            continue
        head = m.group(4)
        narrowed = m.group(3)[: -len(head)].strip()
        if narrowed.lower() not in ("", "the", "those") and head.lower() in EVERYONE and not default_gazetteer().find(narrowed):
            return m.group(3)  # "among Indigenous people", "for young people": a kind of people, not all (a demonym is all)
        if m.group(2) == "among":
            if head[:1].isupper() or head.lower().endswith("est") or head.lower() in STOP or stem(head.lower()) in own:
                continue  # "among the highest", "among Kenya's ...": a rank or a place, not a group
            if _RANKED_BEFORE_RE.search(sentence, max(0, m.start() - 30), m.start(2)):
                continue  # "one of the highest rates among its neighbours": a rank among peers, not a group
            return m.group(3)
        if group(head.lower()):
            return m.group(3)  # "obesity among adults" is no group of an adult obesity table
    # ... a noun for people after words that say which of them: "the pension for retired civil servants"
    for m in _GROUP_MODIFIED_RE.finditer(sentence):
        if stem(m.group(1).lower()) not in named:
            continue
        said = m.group(3).split()
        for k in range(1, len(said)):  # the first noun for people after one or two words that say which
            head = said[k].lower()
            if {w.lower() for w in said[:k]} & (CLOSED_CLASS | STOP):
                break
            if names_people(head) and head not in EVERYONE and stem(head) not in own:
                return " ".join(said[: k + 1])
    # a noun for people in what the figure counts: "42 women prisoners per 100,000 women"
    for w in fig.counted.lower().split():
        if group(w):
            return w
    # the group as the one who has the statistic: "Ghanaian men had a life expectancy of 61 years",
    # "Kenyan women's literacy rate": a noun for a group of people before the name, in the figure's clause
    toks = WORD_RE.findall(sentence[c0:rel])
    first_name = next((i for i, t in enumerate(toks) if stem(t.lower()) in named), None)
    for i, t in enumerate(toks[: first_name if first_name is not None else len(toks)]):
        low = re.sub(r"['’]s?$", "", t.lower())  # "women's", "pensioners'"
        if group(low) and (first_name is not None or low in group_nouns()["sex_age"]):
            return low  # with no name before the figure only a part by sex or age is one: "<demonym> women spent"
        which = toks[i - 1] if i > 0 else ""
        opens = i == 1 and not sentence[:c0].strip()  # the sentence's first word is capitalised as such
        if low in group_nouns()["person"] and low not in EVERYONE and _says_which(which, own, opens):
            return f"{which} {low}"  # "unaccompanied children lodged ...": some of the table's own people
    return ""


def _says_which(word: str, own: set[str], opens: bool) -> bool:
    """Is ``word``, right before a noun for people, a modifier that picks some of them out
    ("unaccompanied", "small"), not a function word, a qualifier, a name or demonym (``opens``: it
    opens the sentence, so a capital says nothing) or the table's own word?"""
    low = word.lower()
    if not word.isalpha() or (not word[:1].islower() and not (opens and not default_gazetteer().find(word))):
        return False
    return low not in CLOSED_CLASS and low not in STOP and low not in GENERIC and low not in qualifiers() and stem(low) not in own


# Verbs that state a level reached or held, not a number of events: "population reached 44 million in July".
_LEVEL_VERBS = frozenset("reach reached reaches stood stands stand hit hits topped tops passed passes numbered numbers totalled totaled".split())


def _flow_verb(fig: Figure) -> bool:
    """Does the count's own verb say events happened ("recorded 96,000 arrivals", "received", "arrived")
    rather than that a level stood (no verb of its own, or "reached")? Events of a month are the month's."""
    return bool(fig.verb) and fig.verb.lower() not in _LEVEL_VERBS


def part_of_year(fig: Figure, text: str, reading: StatReading | None = None) -> str:
    """The part of a year the figure is said of ("the first quarter", "three months to", "in March"),
    or "": its own clause names it, or names no year while the sentence names it before the figure.
    A month alone does not part a count that stands at a level: a population counted in June is the
    year's stock, while a rate, an amount or a count of events ("recorded 96,000 arrivals") of a month
    is not the year's."""
    sentence, rel = figure_sentence(fig, text)
    found = in_clause_or_fronted(PART_OF_YEAR_RE, sentence, rel)
    if found is None:
        return ""
    if found.start() > rel and YEAR_RE.search(sentence, rel, found.start()):
        return ""  # "2.8 million visitors in 2020 as borders closed in March": the year nearer is the figure's
    phrase = found.group().strip()
    # a month or a season, not a quarter, a half or a run of months
    moment = not re.search(r"quarter|half|months|year|\b[QH][1-4]\b", phrase, re.IGNORECASE)
    flow = reading is not None and stated_per_year(reading.metric)  # "new vehicles per year": a month's are the month's
    if moment and fig.kind == "count" and not fig.unit and not _flow_verb(fig) and not flow:
        return ""
    if _YEAR_END_RE.fullmatch(phrase) and not flow and not _flow_verb(fig) and fig.kind != "percent" and not fig.trend:
        return ""  # "by December 2022 capacity had reached 24,160 MW": a level the year ended with
    return phrase


# The year's last month as the time a level was reached: the year-end value a stock's table holds.
_YEAR_END_RE = re.compile(r"(?:by|of)\s+December", re.IGNORECASE)


# A verb that takes what it adds or takes away as its object, right before the figure: "added 21,500
# charging points", "lost 4,000 hectares of forest", "shed 12,000 jobs". The figure is the change.
_INCREMENTED = sorted(TRANSITIVE - RAISED - CULTIVATED - {"boosted", "hiked", "reduced"})
_INCREMENT_BEFORE_RE = re.compile(rf"\b({'|'.join(_INCREMENTED)})\s+(?:(?:another|a\s+further|an\s+extra|a\s+net)\s+)?$", re.IGNORECASE)


# What a table's description says when it holds what stands at a moment, not what happened during a year.
_STOCK_RE = re.compile(r"\b(?:at\s+(?:the\s+)?(?:end\s+of\s+the\s+year|year[- ]end)|on\s+31\s+December)\b", re.IGNORECASE)


def new_ones(fig: Figure, reading: StatReading) -> str:
    """The "new" things a count counts ("opened 4 new golf courses") when its table holds a stock at year
    end and "new" is none of its own words, or "": those added in a year, a flow, not how many there are."""
    head = fig.counted.split()
    if fig.kind != "count" or fig.unit or not head or head[0].lower() != "new":
        return ""
    if stem("new") in own_stems(reading) or not _STOCK_RE.search(reading.metric.description or ""):
        return ""
    return fig.counted


def increment(fig: Figure, text: str, reading: StatReading) -> str:
    """The verb of adding or taking away whose object the figure is ("added 21,500 charging points"),
    or "": the amount added or lost, a change, never the level a table holds. A percentage is a
    change already (its trend), "grew 2 million tonnes of rice" is a crop grown, and a verb the
    table's own name says is its deed ("days lost to strikes": "lost 31,600 working days") states it."""
    if fig.kind == "percent" or fig.trend:
        return ""
    m = _INCREMENT_BEFORE_RE.search(text, max(fig.sentence_start, fig.start - 40), fig.start)
    if m is None or stem(m.group(1).lower()) in own_stems(reading):
        return ""
    return m.group(1)


# A comparative and "than" right after the figure (its unit or counted noun before or after the comparative):
# how much more or less.
_DIFFERENCE_AFTER_RE = re.compile(
    r"(?:\s+[a-z]+){0,2}?\s+((?:more|higher|greater|larger|bigger|fewer|less|lower|smaller)(?:\s+[a-z]+){0,2}?\s+than)\b", re.IGNORECASE
)


def difference(fig: Figure, text: str) -> str:
    """The comparative that makes the figure a difference ("60 fewer than in 2020", "300 more jobs than a
    year earlier"), or "": how much one value exceeds another is no level a table holds."""
    m = _DIFFERENCE_AFTER_RE.match(text, fig.end, fig.sentence_end)
    return m.group(1) if m is not None else ""


# "than" after the figure: what follows is the other side of a comparison ("consumed 480,000 tonnes, far
# more than it produced").
_THAN_RE = re.compile(r"\bthan\b", re.IGNORECASE)


def other_side_of_own(fig: Figure, text: str, reading: StatReading) -> str:
    """The verb of the table's own deed said only after "than", as the other side of a comparison
    ("Italy consumed 480,000 tonnes of olive oil, far more than it produced", a table of olive oil
    production), or "": the figure is the thing compared with the table's, not the table's."""
    sentence, rel = figure_sentence(fig, text)
    than = _THAN_RE.search(sentence, rel + len(fig.surface))
    if than is None:
        return ""
    deeds = {v for w in own_stems(reading) for v in _verb_roots(w)}
    if not deeds:
        return ""
    before = {stem(w.lower()) for w in WORD_RE.findall(sentence[:rel])}
    if any(b.startswith(r) for r in deeds for b in before):
        return ""  # the table's own deed said before the figure too: "produced N, more than it exported"
    after = WORD_RE.findall(sentence[than.end() :])[:6]
    return next((w for w in after if any(stem(w.lower()).startswith(r) for r in deeds)), "")


def _verb_roots(noun_stem: str) -> set[str]:
    """The verb root a nominalised noun's stem is made from ("production" → "produc"), of five letters or more."""
    return {noun_stem[: -len(suffix)] for suffix in NOMINAL_SUFFIXES if noun_stem.endswith(suffix) and len(noun_stem) - len(suffix) >= 5}


# A modal or a verb of expectation before the figure in its clause: the value is one to come, a
# projection or a hope, never the level a table of measured values holds.
_PROJECTION_RE = re.compile(
    r"""\b(?:will|would|could|may|might|should|shall|won['’]t|wouldn['’]t)\b | ['’]ll\b
    | \b(?:expected|forecast|forecasted|projected|predicted|set|likely|poised|due|tipped|on\s+course|on\s+track)\s+to\b""",
    re.VERBOSE | re.IGNORECASE,
)


def projected(fig: Figure, text: str, reading: StatReading) -> str:
    """The words that make the figure a value to come ("could rise", "is expected to"), or "": a
    modal or a verb of expectation in its clause before it. A modal that governs the statistic's own
    phrasing ("could expect to live", "can read and write") makes nothing a projection."""
    sentence, rel, c0, _ = figure_clause(fig, text)
    before = sentence[min(c0, rel) : rel]
    own = named_stems(reading)
    for found in _PROJECTION_RE.finditer(before):
        following = words(before[found.end() : found.end() + 30])[:2]
        if not own & set(following):
            return found.group().strip()
    return ""


# Two years that bound a stretch: "between 2015 and 2020", "from 2015 to 2020", "2015-2020", "2015–22";
# or a run of years counted back: "over the five years to 2021", "in the past three years".
_YEARS_SPAN_RE = re.compile(
    r"""(?P<run>\b(?:over|in|during|across|for)\s+the\s+(?:past\s+|last\s+|previous\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years
        (?:\s+(?:to|through|until|ending(?:\s+in)?)\s+(?:1[89]|20)\d\d)?\b)
    | \bbetween\s+(?:1[89]|20)\d\d\s+and\s+(?:1[89]|20)\d\d\b
    | \bfrom\s+(?:1[89]|20)\d\d\s+(?:to|until|through)\s+(?:1[89]|20)\d\d\b
    | (?<![\d.,])(?:1[89]|20)\d\d\s*[-–/]\s*(?:(?:1[89]|20)\d\d|\d\d)(?![\d%])""",
    re.VERBOSE | re.IGNORECASE,
)


def _year_outside(sentence: str, start: int, end: int, run: re.Match[str]) -> bool:
    """Does the clause ``sentence[start:end]`` name a year outside the run of years ``run``? Then the run
    dates another figure of the clause (a change "over the past decades"), not the one of its own year."""
    return any(not (run.start() <= y.start() < run.end()) for y in YEAR_RE.finditer(sentence, start, end))


def several_years(fig: Figure, text: str) -> str:
    """The stretch of years a level is said of ("between 2015 and 2020", "over 2015-2022"), or "":
    its own clause bounds a stretch by two years (or names no year while the sentence does so before
    the figure), so the figure is an average or a total of them."""
    sentence, rel, start, end = figure_clause(fig, text)
    sentence = without_asides(sentence, rel)  # "Chile, which paved its roads in the 1990s, had N": said of Chile
    # the span may run past the clause's "and" either way: "between 1991 and 2020 was 320 mm"
    found = next((m for m in _YEARS_SPAN_RE.finditer(sentence) if m.start() < end and start < m.end()
                  and not (m.group("run") and _year_outside(sentence, start, end, m))), None)
    if found is None and not YEAR_RE.search(sentence, start, end):
        found = _YEARS_SPAN_RE.search(sentence, 0, rel)  # fronted: "Over 2011-2013, inflation was 3%"
    return found.group().strip() if found is not None else ""


_RAW_TOKEN_RE = re.compile(r"[A-Za-z][\w'’-]*|\S")
_MEASURE_NOUNS = frozenset({"rate", "rates", "level", "levels", "figure", "figures", "index", "ratio", "share"})  # how a statistic is given




def _is_time_noun(word: str) -> bool:
    """A unit of time ("year", "month", "decade") or a part of a year ("quarter", "half", "period")."""
    unit = parse_unit(word.rstrip("s")) if word.isalpha() else None
    return (unit is not None and str(unit.dimensionality) == "[time]") or word in ("quarter", "quarters", "half", "period", "season")


def named_thing(fig: Figure, text: str, reading: StatReading) -> str:
    """The thing the statistic's name is said "in" or "of" before the figure ("growth in exports",
    "growth rate in mobile subscriptions", "inflation of food prices"), or "": that thing's figure,
    not the country's. Names, places, times ("in the year"), the country itself ("in the country")
    and the table's own words pass; groups of people and regions have guards of their own."""
    named = named_stems(reading)
    own = own_or_qualifier(reading)
    toks = _RAW_TOKEN_RE.findall(text[fig.sentence_start : fig.start])
    for i, t in enumerate(toks):
        if stem(t.lower()) not in named:
            continue
        j = i + 1
        while j < len(toks) and toks[j][:1].islower() and (stem(toks[j].lower()) in own or toks[j].lower() in _MEASURE_NOUNS):
            j += 1  # "growth rate in ...": the name's own words, or a word for what measures it
        if j + 1 >= len(toks) or toks[j].lower() not in ("in", "of"):
            continue
        k = j + 1
        while k < len(toks) and toks[k].lower() in ("the", "its", "their", "a", "an"):
            k += 1
        if k >= len(toks):
            continue
        head = toks[k]
        low = head.lower()
        if "-" in low and all(stem(p) in own for p in low.split("-") if p and p not in STOP and p not in CLOSED_CLASS):
            continue  # a compound of the table's own words ("cost of full-time childcare", "share of point-of-sale payments")
        nxt = toks[k + 1].lower() if k + 1 < len(toks) else ""
        if nxt and frozenset((stem(low), stem(nxt))) in held_pairs(reading.metric.description or ""):
            continue  # a modifier the description says its noun with: "density of practising physiotherapists"
        if not head[:1].isalpha() or head[:1].isupper() or low in STOP or stem(low) in own or low in SELF_NOUNS or _is_time_noun(low):
            continue
        if low in group_nouns()["person"] or low in group_nouns()["region"]:
            continue
        return " ".join(toks[i : k + 1])
    return ""


def rival_name(fig: Figure, text: str, reading: StatReading, g: Gazetteer) -> str:
    """A phrase of the figure's sentence that puts another modifier on the head of one of the table's
    names ("neonatal mortality" where the table is "infant mortality", "land area" where it is "forest
    area", "untreated diabetes" where it is "diabetes"), while the sentence uses no longer name whole;
    "" when none. A word only
    the table's context keywords write is such a modifier too ("road network" where the table is
    "motorway network": "~roads" supports a match, it names no motorway)."""
    if counts_by_name(fig, reading.metric):
        return ""  # a count of the table's thing by its bare name ("kept 119 lighthouses"): an earlier
        # mention inside another name ("the navy lighthouse service") is no modifier of what it counts
    own = own_or_qualifier(reading) - context_only_of(reading.metric.label, reading.metric.keywords)
    sentence, rel, _, c1 = figure_clause(fig, text)
    sentence = without_asides(sentence, rel)  # "Chile, which electrified its main lines, had N km": said of Chile
    # before the figure and its own clause (a later clause speaks of its own things), compounds split as names are
    parts = compound_parts([(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(sentence[:c1])])
    toks = [w for _, _, w in parts]
    stems = [stem(t.lower()) for t in toks]
    said = " ".join(stems)
    together = counted_together(reading.metric.description)
    numbered = _other_ordinal(reading, stems, toks)
    if numbered:
        return numbered
    context = context_phrases_of(reading.metric.keywords)
    # the words of a name said whole ("individual giving") head no other of its names ("donations by individuals")
    whole = {i + k for name in names(reading.metric) if len(name) >= 2 and " ".join(name) not in context
             for i in range(len(stems) - len(name) + 1) if tuple(stems[i : i + len(name)]) == name for k in range(len(name))}
    for name in names(reading.metric):
        if f" {' '.join(name)} " in f" {said} " and len(name) >= 2 or " ".join(name) in context:
            continue  # a context keyword ("~bike shops") names no statistic a modifier could turn into another
        head = name[-1]
        for i, st in enumerate(stems):
            if st != head or i == 0 or toks[i].lower() == fig.verb.lower() or i in whole:
                continue  # the figure's own verb ("the state spent", "the fleet caught") is no noun a modifier names
            if toks[i].lower().endswith(("ed", "ing")) and not head.endswith(("ed", "ing")) and toks[i - 1].lower() not in adverbs():
                continue  # a name's head said as a verb ("workers retired", "sugar mills produced"): what precedes is its
                # subject; an adverb there ("sometimes worked from home") still says which
            before = toks[i - 1]
            if sentence[parts[i - 1][1] : parts[i][0]].strip(" -"):
                continue  # punctuation between: "According to ministry data, inflation ..." has no "data inflation"
            low = before.lower()
            if parts[i - 1][0] > 0 and sentence[parts[i - 1][0] - 1].isdigit():
                continue  # a scale glued to a number ("21.3m calls") is the number's, no modifier
            if i > 1 and stems[i - 2] == "per":
                continue  # a basis ("per capita consumption") says how the name is counted, not which
            if low in STOP or low in GENERIC or stems[i - 1] in own or not before[:1].isalpha() or before.endswith(("'s", "’s")):
                continue
            if low.endswith(("ed", "ing")) and not participle_adjective(low):
                continue  # a verb or participle ("reached subscriptions"), no modifier naming another statistic
            if before[:1].isupper() and (i - 1 > 0 or g.find(before)):
                continue  # a name ("Bahrain GDP", "the Chile mortality figures") says whose, not which
            if any(stems[i - 1] in pair and set(pair) <= set(stems) for pair in together):
                continue  # both of what the table counts together: "onshore and offshore turbines" is the whole
            return f"{before} {toks[i]}"
    return ""


# Words that number one of a series: "the third dose", "a second term".
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth 1st 2nd 3rd 4th 5th".split())


def _other_ordinal(reading: StatReading, stems: list[str], toks: list[str]) -> str:
    """A name of the table that numbers one of a series ("third DTP dose"), said with another number
    ("first DTP dose"): another statistic; "" when none."""
    for name in names(reading.metric):
        at = [k for k, w in enumerate(name) if w in _ORDINALS]
        if len(at) != 1:
            continue
        k = at[0]
        for i in range(len(stems) - len(name) + 1):
            window = stems[i : i + len(name)]
            if window[k] in _ORDINALS and window[k] != name[k] and all(window[j] == name[j] for j in range(len(name)) if j != k):
                return " ".join(toks[i : i + len(name)])
    return ""


def counts_context_thing(fig: Figure, reading: StatReading) -> str:
    """What a count counts when its head noun is a word only the table's context keywords write ("138,000
    new battery-electric cars" against a table of charging points with "~electric cars"), or "": the
    count is of that thing, which supports the table's topic but is not what it counts."""
    if fig.kind != "count" or fig.unit or not fig.counted:
        return ""
    head = re.split(r"\s+(?:per|for)\s+", fig.counted)[0].split()[-1].lower()
    if head in EVERYONE or head in group_nouns()["person"]:
        return ""  # people are what a count of a country's people counts, whatever words name the table
    if stem(head) in context_only_of(reading.metric.label, reading.metric.keywords):
        return fig.counted
    return ""


def one_picked_out(fig: Figure, reading: StatReading) -> str:
    """The superlative that picks the figure's subject out of many ("the year's biggest hit sold 1.1
    million tickets", "the largest steel mill produced ..."), or "": that one item's figure, not the
    country's total. A superlative on the statistic's own name, a measure or a time ("the highest
    rate", "the busiest year") picks no item."""
    if not fig.superlative:
        return ""
    mod, head = (w.lower() for w in fig.superlative.split()[-2:])
    heads = {name[-1] for name in names(reading.metric)}
    if mod in qualifiers():
        return ""  # "the latest value": a time, not an item
    if stem(head) in heads or head in _MEASURE_NOUNS | VALUE_NOUNS or head in SELF_NOUNS or _is_time_noun(head) or head in GENERIC:
        return ""
    return fig.superlative
