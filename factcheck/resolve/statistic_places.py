"""Why a figure that names a country's statistic is another place's: a part of the country ("in
Kenya's north", "rural India"), a region named or unnamed ("in the Ashanti Region", "Across the
continent, ..."), or an owner the store knows as no country ("Nairobi's population", "Telia's
prepaid plans"). A table of a statistic by country holds each country's national figure only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.extract.concept import STOP
from factcheck.extract.groups import group_nouns, names_people
from factcheck.extract.timeref import YEAR_RE
from factcheck.figures import Figure
from factcheck.resolve.gazetteer import Gazetteer
from factcheck.resolve.places import PlaceRef, capital_only_as_opener, without_dateline, without_possessive
from factcheck.resolve.statistic import StatReading
from factcheck.resolve.statistic_phrases import CLOSED_CLASS, SAYING, TIME_NAME_RE
from factcheck.resolve.statistic_shares import table_words
from factcheck.resolve.statistic_said import WORD_RE, figure_clause, named_stems, own_or_qualifier, without_asides
from factcheck.resolve.wording import EVERYONE, stem, words


_POSSESSED_RE = re.compile(r"['’]s\s+((?:\d+\s+)?(?:[A-Za-z][\w-]*)(?:\s+[A-Za-z][\w-]*){0,2})")


def part_of_place(text: str, fig: Figure, place: PlaceRef, reading: StatReading) -> str:
    """The part or thing of a country the figure's sentence locates it in ("in Venezuela's capital",
    "in Kenya's food prices"): a possessed phrase after "in" with a word that is neither one of the
    statistic's nor a qualifier of it; "" when none. The table holds the whole country's figure."""
    if not place.surface:
        return ""
    name = re.escape(without_possessive(place.surface))
    sentence = text[fig.sentence_start : fig.sentence_end]
    # "in Venezuela's capital", or a place named first with the country's part as its apposition:
    # "In Sabah, Malaysia's poorest state, ..."
    m = re.search(rf"\b(?i:in|across|throughout|of)\s+(?:(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s+)?(?:the\s+)?{name}(?=['’]s\b)", sentence)
    subject = False
    if m is None:  # the country's one member as the subject: "Sri Lanka's largest steel mill produced ..."
        m = re.match(rf"\s*(?:the\s+)?{name}(?=['’]s\b)", sentence)
        subject = True
    if m is None:
        return ""
    owned = _POSSESSED_RE.match(text, fig.sentence_start + m.end())
    if owned is not None and subject and _named_member(owned.group(1), fig, text, reading):
        return f"{without_possessive(place.surface)}'s {_named_member(owned.group(1), fig, text, reading)}"
    if owned is None or (subject and not _ONE_OF_RE.match(owned.group(1))):
        return ""  # "Ireland's fleet caught ...", "Vietnam's forests covered ...": the whole of its kind
    if subject:
        return f"{without_possessive(place.surface)}'s {owned.group(1)}"  # one member of a kind, picked by rank
    own = own_or_qualifier(reading)
    if owned.group(1).split()[0].lower() in EVERYONE | {"population"}:
        return ""  # "37% of Pakistan's people": all of its people, no part of it
    said: list[str] = []
    for w in owned.group(1).split():
        if w.lower() in STOP or (fig.verb and w.lower() == fig.verb.lower()):
            break  # a function word or the figure's own verb ends the phrase: "Kenya's north, where ...", "Ireland's fleet caught"
        said.append(w)
        if set(words(w)) <= own:
            break  # the statistic's own word ends the phrase: "food prices", "tax-to-GDP"
    # a common word ("north", "food") or a name of its own ("Western Cape"), not an acronym ("GDP")
    other = [w for w in said if not set(words(w)) <= own and (w[:1].islower() or (w[:1].isupper() and not w.isupper()))]
    return f"{without_possessive(place.surface)}'s {' '.join(said)}" if other else ""


def _named_member(owned: str, fig: Figure, text: str, reading: StatReading) -> str:
    """A proper name the country's possessive opens its sentence with, as the doer ("<Country>'s <Region
    Name> harvested ..."): a region, firm or site of the country, whose figure is its own; "" when the
    name is the statistic's own, an acronym, or a source that says something ("<Country>'s <Office Name>
    said")."""
    name: list[str] = []
    for w in owned.split():
        if not w[:1].isupper() or w.isupper():
            break
        name.append(w)
    if not name or set(words(" ".join(name))) <= own_or_qualifier(reading):
        return ""
    rest = text[fig.sentence_start : fig.start]
    after = rest[rest.find(name[-1]) + len(name[-1]) :]
    if any(w.lower() in SAYING for w in WORD_RE.findall(after)):
        return ""
    return " ".join(name)


# A superlative or a word of rank picks one member of a kind: "largest steel mill", "main terminal", "second-biggest port".
_ONE_OF_RE = re.compile(
    r"(?i)(?:(?:second|third|fourth|fifth)-)?(?:largest|biggest|busiest|oldest|newest|smallest|main|top|leading|principal|chief|flagship)\b"
)


# A part of a country named by an adjective before it: "in rural India", "across northern Kenya".
_PART_WORDS = r"rural|urban|coastal|inland|(?:north|south)(?:-?(?:east|west))?ern|eastern|western|central"
_PART_BEFORE_RE = re.compile(rf"\b(?:in|across|throughout)\s+(?:the\s+)?((?:{_PART_WORDS})(?:\s+and\s+\w+)?)\s+$", re.IGNORECASE)
# ... or such a word labelling the figure itself, as in a prose table: "rural 27.4, urban 32.6"
_PART_LABEL_RE = re.compile(rf"(?:^|[,;:(—–]\s*)((?:{_PART_WORDS}))\s*:?\s*$", re.IGNORECASE)


# A compass word written as part of a proper name before a country's name makes a region of it
# ("South Australia", "Western Australia", "New Mexico"); a country so named ("South Africa") is
# found by the gazetteer whole, so its surface already holds the word.
_COMPASS_NAME_RE = re.compile(r"\b((?:North|South|East|West)(?:ern)?|Central|Upper|Lower|New)\s+$")


def region_before_place(text: str, fig: Figure, place: PlaceRef) -> str:
    """The part of a country an adjective before its name ("in rural India", "across northern Kenya")
    or a noun for a place right after it ("the Kyrgyz capital", "Kenyan cities") makes the figure's,
    or "": the table holds the whole country's figure."""
    if not place.surface:
        return ""
    sentence = text[fig.sentence_start : fig.sentence_end]
    label = _PART_LABEL_RE.search(text, fig.sentence_start, fig.start)
    if label is not None:
        return f"{label.group(1)} {without_possessive(place.surface)}"
    name = re.escape(without_possessive(place.surface))
    said = list(re.finditer(rf"\b{name}\b", sentence))
    compass = [c.group(1) for m in said if (c := _COMPASS_NAME_RE.search(sentence[max(0, m.start() - 12) : m.start()]))]
    if said and len(compass) == len(said):  # "South Australia", never Australia alone: a region's name
        return f"{compass[0]} {without_possessive(place.surface)}"
    for m in said:
        before = _PART_BEFORE_RE.search(sentence[max(0, m.start() - 40) : m.start()])
        if before is not None:
            return f"{before.group(1)} {without_possessive(place.surface)}"
        after = _region_noun_re().match(sentence, m.end())
        if after is not None and m.end() <= fig.start - fig.sentence_start:
            return f"{without_possessive(place.surface)} {after.group(1)}"  # "the Kyrgyz capital", "Kenyan cities"
    return ""


@lru_cache(maxsize=1)
def _region_alt() -> str:
    """The nouns for a place other than one country (data/group_nouns.txt "region"), as one alternation, longest first."""
    return "|".join(sorted(map(re.escape, group_nouns()["region"]), key=len, reverse=True))


@lru_cache(maxsize=1)
def _region_noun_re() -> re.Pattern[str]:
    """A noun for a place other than one country right after a place's name (data/group_nouns.txt "region")."""
    alt = _region_alt()
    return re.compile(rf"\s+((?i:{alt}))\b")


_OWNER_BEFORE_RE = re.compile(r"\b((?:[A-Z][\w.-]+\s+){0,2}[A-Z][\w.-]+)['’]s\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)")  # "Nairobi's population"


@lru_cache(maxsize=1)
def _region_after_re() -> re.Pattern[str]:
    """A statistic's word, then "in/of/across (the) ... <a place other than one country>" (data/group_nouns.txt "region")."""
    alt = _region_alt()
    return re.compile(rf"\b([A-Za-z][\w-]*)\s+(?:of|in|across)\s+(?:the\s+)?((?:[\w-]+\s+){{0,2}}?(?i:{alt}))\b(?!-)")  # not "city-state"


_OWNER_AFTER_RE = re.compile(r"\b([A-Za-z][\w-]*)\s+(?:of|in)\s+((?:[A-Z][\w.-]+\s+){0,2}[A-Z][\w.-]+)")  # "the population of Nairobi"


def unknown_owner(text: str, fig: Figure, reading: StatReading, g: Gazetteer) -> str:
    """A name the sentence gives the statistic as its owner ("Nairobi's population", "the GDP of
    Lagos State") that is no place the store knows: the figure is that city's or region's, never
    the country the article or the sentence before is about; "" when none."""
    named = named_stems(reading)
    sentence = without_dateline(text[fig.sentence_start : fig.start])  # "MEXICO CITY — " is where it was written
    sentence = without_asides(sentence, len(sentence))  # "Chile, the region's copper giant, had": the aside describes Chile
    places = [(p.start, p.end) for p in g.find(sentence)]

    def known(a: int, b: int) -> bool:  # a place the store knows overlaps the name ("Bosnia & Herzegovina")
        return any(s < b and a < e for s, e in places)

    own = table_words(reading.metric)  # a capitalised word of the table's own name ("cases of Lyme disease") owns nothing
    group = _GROUP_AVERAGE_RE.search(sentence)  # "twice the OECD average of N": the figure is that group's
    if group is not None and not known(group.start(1), group.end(1)) and not set(words(group.group(1))) <= own:
        return group.group(1)
    for m in _OWNER_BEFORE_RE.finditer(sentence):
        if stem(m.group(2)) in named and not known(m.start(1), m.end(1)) and not set(words(m.group(1))) <= own:
            return m.group(1)
    for m in _OWNER_AFTER_RE.finditer(sentence):
        if stem(m.group(1).lower()) in named and not known(m.start(2), m.end(2)) and not set(words(m.group(2))) <= own:
            return m.group(2)
    for m in _region_after_re().finditer(sentence):  # "inflation in the euro area", "GDP of the region"
        if stem(m.group(1).lower()) in named and not known(m.start(2), m.end(2)):
            return m.group(2)
    for m in _AT_PLACE_RE.finditer(sentence):  # "throughput at Radès", "output at the Oruwala mill" is for the parse
        if stem(m.group(1).lower()) in named and not known(m.start(2), m.end(2)):
            return m.group(2)
    # a region named after the figure before it: "..., but in the Ashanti Region the ratio is lower, at 98";
    # a region whose name holds a country's ("Upper Egypt governorates") is a part of it all the same
    for m in _named_region_re().finditer(sentence):
        name = m.group(1) or m.group(2)
        first = name.split()[0]
        if m.group(2) and len(name.split()) == 2 and capital_only_as_opener(first, g):
            continue  # a word capitalised only as a clause's first ("Venture capital investment ..."), no name
        whole = name + _capitals_after(sentence, m.end())
        if _CITY_BODY_RE.search(whole) and g.find(whole):
            continue  # "Manchester City Council": a known city's own government, no region of its own
        if not _only_country(name, g) and not any(ch.isdigit() for ch in YEAR_RE.sub("", sentence[m.end() :])):
            return name  # no other figure between the region and this one; a year ("which began in 2009") is none
    unnamed = _UNNAMED_SETTING_RE.match(sentence)  # "Across the continent as a whole, startups raised ..."
    if unnamed is not None and unnamed.group(1).lower() in group_nouns()["region"] and not places:
        return f"the {unnamed.group(1)}"
    full, rel, c0, _ = figure_clause(fig, text)
    if not g.find(full[c0:rel]):  # "Hotels on the archipelago recorded ...": an unnamed place in the figure's clause
        unnamed_places = [*_UNNAMED_PLACE_RE.finditer(full, c0, rel), *_UNNAMED_PART_RE.finditer(full, c0, rel)]
        within = next((m for m in unnamed_places if m.group(1).lower() in group_nouns()["subnational"]), None)
        if within is not None:
            return f"the {within.group(1)}"
    # a relative clause on a named place holds the figure: "..., and in Occitanie, where the chamber counted N"
    where = next((m for m in _WHERE_RE.finditer(full, 0, rel) if not re.search(r"[,;:]", full[m.end() : rel])), None)
    if where is not None and not g.find(where.group(1)) and not TIME_NAME_RE.fullmatch(where.group(1)):
        return where.group(1)
    # a name's possessive opening the figure's own clause is its owner: "In Lithuania, Telia's prepaid plans charged"
    full, rel, c0, _ = figure_clause(fig, text)
    opener = _CLAUSE_OWNER_RE.match(full, c0, rel)
    if (
        opener is not None and not g.find(opener.group(1)) and not TIME_NAME_RE.fullmatch(opener.group(1))
        and opener.group(1).lower() not in STOP and opener.group(1).lower() not in CLOSED_CLASS  # "It's estimated"
        and not any(w.lower() in SAYING for w in WORD_RE.findall(full[opener.end() : rel]))  # "X's report says": a source
    ):
        return opener.group(1)
    setting = _SETTING_RE.match(sentence)  # "In Dublin, the average house price was ..."
    if setting is not None and not known(setting.start(1), setting.end(1)) and not TIME_NAME_RE.fullmatch(setting.group(1)):
        return setting.group(1)
    # people named by a place the store does not know, in the figure's clause: "though Lyon commuters spent N"
    for m in _NAMED_PEOPLE_RE.finditer(full, c0, rel):
        name, first = m.group(1).strip(), m.group(1).split()[0]
        if names_people(m.group(2)) and not g.find(name) and not TIME_NAME_RE.fullmatch(name) \
                and not (not without_dateline(full[: m.start(1)]).strip() and capital_only_as_opener(first, g)) and first.lower() not in STOP:
            return name
    # ... or the figure's own clause, the sentence's first or one after a semicolon or a conjunction: "...; in
    # Lyon the figure was N", "In Lyon and its ring roads the rate is N"
    for inner in (_CLAUSE_SETTING_RE.match(full, c0, rel) if c0 > 0 else None, _CLAUSE_SETTING_RE.match(without_dateline(full[:rel]))):
        if inner is not None and not g.find(inner.group(1)) and not TIME_NAME_RE.fullmatch(inner.group(1)) and re.search("[a-z]", inner.group(1)):
            return inner.group(1)
    return ""


def _only_country(name: str, g: Gazetteer) -> bool:
    """Whether a region-like name is a country's own name ("the Kenya region" is Kenya): every
    capitalised word but a leading "The" lies inside a place the store knows."""
    spans = [(p.start, p.end) for p in g.find(name)]
    caps = [m for m in re.finditer(r"[A-Z][\w'’-]*", name) if not (m.start() == 0 and m.group() == "The")]
    return bool(spans) and all(any(a <= m.start() and m.end() <= b for a, b in spans) for m in caps)


# A sentence set in an unnamed place larger or smaller than one country: "Across the continent (as a whole), ..."
# "on the archipelago"; a compound is another noun ("in the city-state" is a country)
_UNNAMED_PLACE_RE = re.compile(r"\b(?:in|on|across|throughout)\s+the\s+([a-z]+)\b(?!-)")
# ... or one a compass or setting adjective places within the country, wherever it stands: "The western state had"
_UNNAMED_PART_RE = re.compile(rf"\b(?i:the)\s+(?i:{_PART_WORDS})\s+([a-z]+)\b(?!-)")
_UNNAMED_SETTING_RE = re.compile(r"\s*(?:In|Across|Throughout)\s+the\s+([a-z]+)(?:\s+as\s+a\s+whole)?\s*,")


@lru_cache(maxsize=1)
def _named_region_re() -> re.Pattern[str]:
    """A region named in the figure's own clause: "in the Ashanti Region", "across Western Cape province",
    "in the governorate of Kairouan", "while the state of Goa reports" (capitalised words and a noun for a place
    other than one country: data/group_nouns.txt "region"; in lower case where no "in" comes first: "the
    Department of Trade" is a body), or opening a clause as its subject: "Punjab province alone produced"."""
    alt = _region_alt()
    part = "|".join(sorted(map(re.escape, group_nouns()["subnational"]), key=len, reverse=True))
    return re.compile(
        rf"\b(?:(?i:in|across|throughout)\s+(?:the\s+)?|the\s+(?=(?:{part})\s+of\s+[A-Z]))((?:[A-Z][\w'’-]+\s+){{1,3}}(?i:{alt})\b"
        rf"|(?i:{part})\s+of\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"  # "in the governorate of Kairouan"
        # a clause's subject: a name and a noun for one part of a country ("Protected areas" is no name)
        rf"|(?:^\s*|[,;:]\s+)((?:[A-Z][\w'’-]+\s+){{1,3}}(?i:{part})\b)"
    )


# A named place with a relative clause on it: "in Occitanie, where ...", "Lagos State, where ...".
_WHERE_RE = re.compile(r"\b((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+)\s*,\s+where\b")
# A capitalised name's possessive opening a clause (after an opening "In X," setting): "Telia's prepaid plans".
_CLAUSE_OWNER_RE = re.compile(r"\s*(?:(?:In|Across|At)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s*,\s*)?(?:the\s+)?((?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*)['’]s?\s")


# A statistic's word said "at" a named place: one port, plant or site of the country ("throughput at Radès").
# A name before "average", "mean" or "median" right before the figure ("the EU average of", "the G7
# median at about"): an average over that group, whatever country the sentence is about.
_GROUP_AVERAGE_RE = re.compile(r"\b((?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*)\s+(?:average|mean|median)\s+(?:(?:of|at|was|is|stood\s+at)\s+)?(?:[a-z]+\s+)?$")
_AT_PLACE_RE = re.compile(r"\b([A-Za-z][\w-]*)\s+at\s+((?:[A-Z][\w.'’-]+)(?:\s+[A-Z][\w.'’-]+)*)")
# A sentence set in a named place before its main clause: "In Dublin, ...", "Across Lagos and Abuja, ...".
_SETTING_RE = re.compile(r"\s*(?:In|Across|Throughout|Around)\s+((?:[A-Z][\w.'’-]+)(?:\s+(?:and\s+)?[A-Z][\w.'’-]+)*)\s*,")
# Capitalised words right before a plural noun for people: "Lyon commuters", "Acme employees".
_NAMED_PEOPLE_RE = re.compile(r"(?<![\w'’-])((?:[A-Z][\w.'’-]*[a-z][\w.'’-]*\s+){1,3})([a-z]+s|people|men|women|children)\b")
_CLAUSE_SETTING_RE = re.compile(r"\s*(?:(?:but|and|while|whereas|yet|though|although)\s+)?(?i:in|across|throughout|around)\s+((?:[A-Z][\w.'’-]+)(?:\s+[A-Z][\w.'’-]+)*)\b(?!['’])")


_CITY_BODY_RE = re.compile(r"\bCity\s+(?:Council|Hall|Government|Corporation)$")  # a city's own government
_CAPITALS_AFTER_RE = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*)*")


def _capitals_after(text: str, pos: int) -> str:
    """The capitalised words right after ``pos``: the rest of a name ("City Council" after "Manchester")."""
    m = _CAPITALS_AFTER_RE.match(text, pos)
    return m.group() if m else ""


def owner_in_concept(fig: Figure, text: str, g: Gazetteer) -> str:
    """The owner the dependency parse gave the figure, after the comma of its concept ("lines, Delta
    Grid programme": whose lines they are), when that owner is a name and no place the store knows:
    the figure is that body's, not the country's; "" when there is none."""
    if ", " not in fig.concept:
        return ""
    whose = fig.concept.rsplit(", ", 1)[1]
    sentence = without_dateline(text[fig.sentence_start : fig.sentence_end])
    first = WORD_RE.search(sentence)
    # the sentence's first word is capitalised anyway: it names only inside a longer name ("Cerro Negro")
    opener = first.group() if first is not None and not re.match(r"\s+[A-Z][a-z]", sentence[first.end() :]) else None
    names = [w for w in whose.split() if w[:1].isupper() and w != opener]
    at, last = sentence.find(names[0]) if names else -1, sentence.rfind(names[-1]) if names else -1
    said = sentence[at : last + len(names[-1])] if 0 <= at <= last else whose  # "Bank of Chile", its "of" kept
    if not any(w[1:].islower() for w in names) or g.find(whose) or g.find(said) or TIME_NAME_RE.fullmatch(whose) or any(w.lower() in STOP for w in names):
        return ""  # an acronym ("R&D") is a statistic's own word more often than a body's name
    if at > 0 and g.find(sentence[max(0, at - 30) : at]) and not sentence[max(0, at - 30) : at].strip().endswith((",", ";")):
        return ""  # "Ireland's National Grid": a named country's own national body speaks for it
    return said
