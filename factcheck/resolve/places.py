"""Which place a figure is about: the country (or store entity) that governs it in its sentence.

A sentence can name several places ("A has N, B has M"; "N in A against M in B"): the figure
belongs to the nearest place named before it in its own stretch of the sentence (between the
figures on either side), else the nearest after it in that stretch. A place named only as a
currency's modifier ("US dollars", "Canadian $") is not a place the figure is about. Only when
the sentence names no place at all does the sentence before, or the article's own subject, stand in (``carried_place``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from factcheck.read.datelines import PLACE_DATELINE_RE, dateline_end
from factcheck.extract.unit_aliases import unit_after
from factcheck.resolve.context import previous_sentence
from factcheck.resolve.gazetteer import Gazetteer, Mention, default_gazetteer
from factcheck.resolve.wording import dictionary_words

# A currency sign right after a place name: "US$", "HK$", "A$".
_CURRENCY_SIGN = re.compile(r"\s?[$€£¥]")


@dataclass(frozen=True)
class PlaceRef:
    """A place a figure is read as being about, and how it was found."""

    code: str  # ISO 3166 alpha-3 (or a store entity's own code)
    surface: str  # as written ("Ghana's", "the UK"); "" when it came from the article's subject
    how: str  # "in its sentence", "the sentence before", "the article's subject"


def is_currency_modifier(text: str, m: Mention) -> bool:
    """"US dollars", "US$", "Canadian dollars": the place names a currency, not what is counted."""
    rest = text[m.end : m.end + 30]
    if _CURRENCY_SIGN.match(rest) and (rest[:1] in "$€£¥" or m.form == "demonym" or m.surface.isupper()):
        return True  # "US$", "NZ $", "Canadian $"; a name then a spaced sign is a label in a list ("Uruguay $562")
    found = unit_after(" " + rest.lstrip(), 0)
    if found is not None and found[0].kind == "money" and found[1] <= len(rest.split(" ", 2)[0]) + 12:
        return True
    whole = unit_after(" " + text[m.start : m.end + 30], 0)  # "Danish crowns": the name is the currency's first word
    return whole is not None and whole[0].kind == "money" and whole[1] > m.end - m.start + 1


def mentions(text: str, start: int, end: int, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """The places named in ``text[start:end]`` (offsets into ``text``), currency modifiers left out."""
    g = gazetteer or default_gazetteer()
    out = []
    for m in g.find(text[start:end]):
        shifted = Mention(m.start + start, m.end + start, m.surface, m.code, m.form)
        if not is_currency_modifier(text, shifted) and not inside_a_name(text, shifted):
            out.append(shifted)
    return out


# A capitalised word right after a place name continues a proper name ("World Bank", "Kenya Airways").
_NAME_GOES_ON = re.compile(r"[ \t]+(?:[A-Z][a-z]+|[A-Z]{2,})\b")


def inside_a_name(text: str, m: Mention) -> bool:
    """A place name that opens an organisation's or a title's name ("World Bank", "Ghana Statistical Service")."""
    nxt = _NAME_GOES_ON.match(text, m.end)
    return nxt is not None and m.form in ("name", "alias") and not text[m.end : m.end + 1] == "'"


def governing_place(
    text: str, fig_start: int, fig_end: int, lo: int, hi: int, gazetteer: Gazetteer | None = None, rivals_from: int | None = None
) -> PlaceRef | None:
    """The place that governs a figure at ``[fig_start, fig_end)`` within its stretch ``[lo, hi)``.

    The nearest place before the figure wins ("X's population of N", "in X ... was N"); else the
    nearest after it ("N people live in X"). None when the stretch names no place. Places named
    from ``rivals_from`` on count as rivals too: a stretch cut at another figure may hold only the
    object of the clause ("X, which grows 40% of it, overtook Y as the biggest, with N").
    """
    found = mentions(text, min(lo, rivals_from) if rivals_from is not None else lo, hi, gazetteer)
    # an aside may open before the stretch does (at another figure inside it: "Chile, with half of Y's ...")
    closed = closed_asides(text, _line_sentence_start(text, lo), fig_start)
    rivals = {m.code for m in found if m.end <= fig_start and not any(a <= m.start < b for a, b in closed)}
    found = [m for m in found if m.start >= lo]
    before = [m for m in found if m.end <= fig_start and not any(a <= m.start < b for a, b in closed)]
    if before:
        m = before[-1]
        if _opens_clause(text, m):
            rivals = set()  # the place is its clause's subject: a place named earlier is no rival
        labels = _LABEL_GAP.fullmatch(text, m.end, fig_start) is not None  # "Portugal $748", "Senegal: 37.6"
        # ... or a subject whose verb a list leaves out, past an aside: "and Chile, with half of Y's people, 1.1m"
        labels = labels or _ASIDE_GAP.fullmatch(_blanked(text, m.end, fig_start, closed)) is not None
        if len(rivals | {b.code for b in before}) > 1 and not labels and not _governs(text, m):
            return None  # "India overtook the UK, with GDP of $3.4 trillion": which one's is unclear
        return PlaceRef(m.code, m.surface, "in its sentence")
    after = [m for m in found if m.start >= fig_end]
    if after:
        m = after[0]
        return PlaceRef(m.code, m.surface, "in its sentence")
    return None


def _line_sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts, as far as a full stop or a line break says."""
    return max(text.rfind(". ", 0, pos) + 2, text.rfind("\n", 0, pos) + 1, 0)


# Words that may stand between a clause break and the place that opens the clause ("and Sweden",
# "while in Japan", "with the UK"): conjunctions, prepositions and determiners, a closed class.
_CLAUSE_OPENERS = frozenset("and or but while whereas with in at for from of the its their his her a an".split())


def _opens_clause(text: str, m: Mention) -> bool:
    """Whether place ``m`` opens its clause: only function words stand between it and the last comma,
    semicolon, dash or conjunction, or the sentence start; a place after a verb ("overtook the
    Netherlands") does not."""
    head = text[_line_sentence_start(text, m.start) : m.start]
    cut = max([head.rfind(c) for c in ",;:—–(["] + [b.end() - 1 for b in _CONJUNCTION.finditer(head)])
    words = re.findall(r"[\w'’]+", head[cut + 1 :].lower())
    return all(w in _CLAUSE_OPENERS for w in words)


def _clause_subjects(sentence: str, named: list[Mention]) -> dict[str, Mention]:
    """The places of ``sentence`` that open a clause, by code; a list of places ("France, Italy and
    Belgium") counts as its first member, and as all of them when that one opens the clause."""
    out: dict[str, Mention] = {}
    k = 0
    while k < len(named):
        run = [named[k]]
        while k + len(run) < len(named) and _LIST_GAP.fullmatch(sentence, run[-1].end, named[k + len(run)].start):
            run.append(named[k + len(run)])
        if _opens_clause(sentence, run[0]):
            out.update((m.code, m) for m in run)
        k += len(run)
    return out


_LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")  # between the members of a list of places


_CONJUNCTION = re.compile(r"\b(?:and|or|but|while|whereas)\b", re.IGNORECASE)  # a clause may open at one ("..., and Peru just 4")


# Only a colon or space between a place and the figure: the place labels it, as in a prose table.
_LABEL_GAP = re.compile(r"\s*:?\s*")
# Only an aside and its commas between them, once the aside is blanked.
_ASIDE_GAP = re.compile(r"\s*,\s*")


def _blanked(text: str, a: int, b: int, asides: list[tuple[int, int]]) -> str:
    """``text[a:b]`` without the asides in it ("…, with half of Y's population," → ",")."""
    keep = [i for i in range(a, b) if not any(x <= i < y for x, y in asides)]
    return "".join(text[i] for i in keep)

# A place that owns what follows it ("Ghana's", "in Ghana", "for Peru", "Ghana had").
_OWNER_AFTER = re.compile(r"(?:'s|’s|')(?!\w)|\s+(?:had|has|have|was|is|were|saw|recorded|reported|posted)\b")
_GOVERNED_BEFORE = re.compile(r"\b(?:in|of|for|across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)


def _governs(text: str, m: Mention) -> bool:
    """Whether the place ``m`` is worded as what the figure after it belongs to: an owner ("Ghana's"),
    a setting ("in Ghana", "of Peru") or a subject with its verb ("Ghana had"). Between two places,
    only such a one is taken; a place that is merely the object of a comparison ("overtook the UK")
    is not."""
    owner = m.surface.endswith(("'s", "’s", "'")) or _OWNER_AFTER.match(text, m.end)
    return bool(owner or _GOVERNED_BEFORE.search(text, max(0, m.start - 20), m.start))


# Where the words that belong to a figure stop after it: punctuation, a bracket, or a new clause.
_CLAUSE_STOP = re.compile(r"(?<!\d),|,(?!\d)|[;:()\[\]—–]|\s(?:and|but|while|whereas|with|which|who|when|where)\s", re.IGNORECASE)  # not the comma of "1,000"


# words that only link a figure to what it counts ("tonnes of the", "days lost to strikes") or a count to what is said of it
# ("people were receiving dialysis": the forms of "be" and "have" before a participle)
_LINKS = frozenset({"of", "to", "the", "a", "an", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had"})


_PLACE_PREPOSITIONS = frozenset({"in", "across", "at", "throughout"})


def clause_end(text: str, pos: int, hi: int, words: int | None = None) -> int:
    """Where the figure's own words end after ``pos``: the next clause break before ``hi``, or after ``words``
    words (a number, "of" or an article is no word: "tonnes of carbon dioxide per person" is five).

    >>> t = "It emitted 1.1 tonnes of carbon dioxide per person in 2022, the agency said."
    >>> t[10:clause_end(t, 10, len(t), words=5)]
    ' 1.1 tonnes of carbon dioxide per person'
    >>> t = "There were 20 cars per 1,000 people in Kenya, up from 18."
    >>> t[13:clause_end(t, 13, len(t), words=3)]
    ' cars per 1,000 people in Kenya'
    >>> t = "Some 96,000 people in Germany were receiving dialysis at the end of 2021."
    >>> t[11:clause_end(t, 11, len(t), words=3)]
    ' people in Germany were receiving dialysis'
    """
    m = _CLAUSE_STOP.search(text, pos, hi)
    end = m.start() if m else hi
    if words is not None:
        toks = [t for t in re.finditer(r"\S+", text[pos:end]) if any(ch.isalpha() for ch in t.group())]
        # a place said after what is counted ("people in Germany were ...") says where, not what: no word
        named = {i for i, t in enumerate(toks) if t.group()[:1].isupper()}
        named |= {i for i in range(len(toks) - 1) if i + 1 in named and toks[i].group().lower() in _PLACE_PREPOSITIONS}
        w = [t for i, t in enumerate(toks) if i not in named and t.group().lower() not in _LINKS]
        if len(w) > words:
            end = pos + w[words - 1].end()
    return end


# An aside opened right after a place: a relative clause or an appositive ("X, which borders Y,",
# "X, a country bordered by Y and Z,"). Its places describe the subject; they are not it.
_ASIDE_OPENS = re.compile(
    r",\s+(?:which|who|whose|where|a|an|with|without|like|unlike|despite|home\s+to|once|famous|known|renowned|notorious|long"
    r"|(?!(?:and|or|but|nor|while|whereas|then|so|yet)\b)(?:[a-z]+\s+)?[a-z]+(?:ed|en|ing)\s+(?:in|as|by|for|to|with|from|on|at|between|near|among))\s",
    re.IGNORECASE,
)  # ... an adjective that describes the noun before it: "Chile, famous for its wine, ..."; a participle's phrase:
# "Sweden, often cited in Danish debates, ...", "Chile, bordering Peru to the north, ..."


def without_dateline(sentence: str) -> str:
    """``sentence`` with its dateline blanked (same length), if it opens with one (extract/datelines.py):
    where the story was written, never whose a figure is."""
    cut = dateline_end(sentence)
    return " " * cut + sentence[cut:]


def capital_only_as_opener(word: str, g: Gazetteer | None = None) -> bool:
    """Is ``word``, capitalised at a sentence's or clause's start, a word WordNet lists ("Nationally",
    "Venture") and no place the gazetteer knows ("Turkey" is both): its capital names nothing."""
    return word.lower() in dictionary_words() and not (g or default_gazetteer()).find(word)


# A name of one to four capitalised words, then a comma and an owner's possessive or an article: an
# appositive opens ("UltraTech, India's ...", "Turkey, the world's ..."), a dateline ("ANKARA — ") before it.
_NAME_THEN_OWNER = re.compile(
    r"(?:" + PLACE_DATELINE_RE.pattern + r")?\s*(?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.-]*(,\s+(?:the\s+|a\s+|an\s+|one\s+of\s+|(?:the\s+|one\s+of\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?(?:'s|’s)\s))"
)


def closed_asides(text: str, lo: int, pos: int) -> list[tuple[int, int]]:
    """The asides opened and closed between ``lo`` and ``pos``: "…, which borders Y and Z, …".

    The places in them describe the sentence's subject; when that subject is no place ("The
    country, which borders Y, had N"), none of them is what the figure is about.

    >>> t = "The country, which borders Peru, had a GDP of $1bn."
    >>> [t[a:b] for a, b in closed_asides(t, 0, t.index("$"))]
    [', which borders Peru']
    >>> t = "Zentrix, Chile's largest miner, dug 9 million tonnes."
    >>> [t[a:b] for a, b in closed_asides(t, 0, t.index("9"))]
    [", Chile's largest miner"]
    >>> t = "Nationally, Chile's miners, led by Acme, dug 9 million tonnes."
    >>> [t[a:b] for a, b in closed_asides(t, 0, t.index("9"))]  # a participle's phrase, not "Nationally,"
    [', led by Acme']
    """
    out = []
    for m in _ASIDE_OPENS.finditer(text, lo, pos):
        close = text.find(",", m.end(), pos)
        if close != -1:
            out.append((m.start(), close))
    # an appositive led by an owner after a name that opens the sentence: "Zentrix, Chile's largest miner,"
    # from the start of the sentence: a partitive "one of" before the stretch may have cut it ("X, one of Y's ...")
    stop = text.rfind(". ", 0, lo)
    s0 = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, lo) + 1)
    opened = _NAME_THEN_OWNER.match(text, s0, pos)
    name = without_dateline(text[s0 : opened.start(1)]).split() if opened is not None else []
    adverbial = len(name) == 1 and capital_only_as_opener(name[0])  # "Nationally, X's"
    if opened is not None and not adverbial:
        close = text.find(",", opened.end(), pos)
        if close != -1:
            out.append((opened.start(1), close))
    return out


def aside_subject(text: str, sentence_start: int, fig_start: int, g: Gazetteer | None = None) -> PlaceRef | None:
    """The subject of a sentence whose first place opens an aside, when the figure's own clause names no place.

    "Brazil, which borders Peru and Chile, had N": the figure belongs to Brazil, not to the
    nearest place before it, which sits inside the aside.
    """
    found = mentions(text, sentence_start, fig_start, g)
    if len(found) < 2 or not _ASIDE_OPENS.match(text, found[0].end):
        return None
    last_comma = text.rfind(",", found[0].end, fig_start)
    if last_comma <= found[0].end or any(m.start > last_comma for m in found):
        return None  # the aside never closes before the figure, or the figure's clause names its own place
    asides = closed_asides(text, sentence_start, fig_start)
    for before, m in zip(found, found[1:]):
        if not any(a <= m.start < b for a, b in asides) and any(ch.isdigit() for ch in text[before.end : m.start]):
            return None  # a place after another figure, outside every aside, opens a clause of its own: "N, and Chile, with ..., M"
    return PlaceRef(found[0].code, found[0].surface, "in its sentence")


# A quotation and who said it after it: '"Rates rose to 5% last year," Chile's finance minister said.'
_OPEN_QUOTE = "\"“"
_CLOSE_QUOTE = "\"”"


def speaker_place(text: str, sentence_start: int, sentence_end: int, fig_start: int, fig_end: int, sayings: frozenset[str], g: Gazetteer | None = None) -> PlaceRef | None:
    """The one place that says who speaks, after a quotation that holds the figure and names no place
    ('"We counted 71 airports last year," a spokesman for Mexico's aviation agency said'): an official
    quoted speaks of their own country. None when the quote names a place, no verb of saying follows
    it, or the attribution names several places."""
    opened = max(text.rfind(q, sentence_start, fig_start) for q in _OPEN_QUOTE)
    if opened < 0 or mentions(text, opened, fig_start, g):
        return None
    closes = [i for i in (text.find(q, fig_end, sentence_end) for q in _CLOSE_QUOTE) if i >= 0]
    if not closes:
        return None
    close = min(closes)
    if mentions(text, fig_end, close, g):
        return None
    said_by = text[close + 1 : sentence_end]
    if not any(w.lower() in sayings for w in re.findall(r"[A-Za-z]+", said_by)):
        return None
    named = mentions(text, close + 1, sentence_end, g)
    if len({m.code for m in named}) != 1:
        return None
    return PlaceRef(named[0].code, named[0].surface, "who is quoted")


@lru_cache(maxsize=32)
def article_subject(text: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The place an article is about: its headline's place, else the place it names most (ties: the one place
    its first sentence names, else none). Countries first; only an article about none of them is read
    with ``gazetteer`` (the store's, which knows its cities too): "Paris" all through a piece on its bikes.

    Used only for a figure whose sentence names no place, so a sentence's own place always wins.
    """
    country = _subject_by(text, default_gazetteer())
    if country is not None or gazetteer is None:
        return country
    return _subject_by(text, gazetteer)  # a city's figure so placed may agree, never conflict (judge/article.py)


def _subject_by(text: str, g: Gazetteer) -> str | None:
    """``article_subject`` with the places ``g`` knows."""
    head = text[: text.find("\n")] if 0 < text.find("\n") <= 300 else ""
    in_head = [m for m in g.find(head) if not is_currency_modifier(head, m)] if head else []
    if len({m.code for m in in_head}) == 1:
        return in_head[0].code
    found = _named_in(text, g)
    counts = Counter(m.code for m in found)
    if not counts:
        return None
    top = counts.most_common(2)
    if len(top) == 2 and top[0][1] == top[1][1]:
        # two places named as often: the one the lede alone names ("ACCRA — Ghana's health ministry ..."), else none
        lede_end = text.find(". ")
        lede = {m.code for m in found if lede_end < 0 or m.start < lede_end}
        tied = {code for code, n in counts.items() if n == top[0][1]}
        return next(iter(lede)) if len(lede) == 1 and lede <= tied else None
    return top[0][0]


@lru_cache(maxsize=4)
def _named_in(text: str, g: Gazetteer) -> tuple[Mention, ...]:
    """The places an article names (its first 200,000 characters), currency modifiers left out."""
    return tuple(m for m in g.find(text[:200_000]) if not is_currency_modifier(text, m))


def _named_once_after(text: str, code: str, pos: int, g: Gazetteer) -> bool:
    """Does the article name the place ``code`` only once, after ``pos``?"""
    at = [m.start for m in _named_in(text, g) if m.code == code]
    return len(at) == 1 and at[0] > pos


# A sentence that opens by pointing back ("Its GDP …", "The country's …") is about what the sentence
# before was about: a possessive or subject pronoun, or "the" + a noun for a country.
# A time said first ("In 2020 it cost …", "A year earlier, the same pass …") still lets it open so; "the
# same" + a noun points back at the thing the sentence before named.
_FRONTED_TIME = r"(?:(?:(?:back\s+)?in|by|during)\s+(?:\d{4}|that\s+year|the\s+same\s+year)|(?:a|one|two|three|five|ten)\s+years?\s+(?:earlier|before|ago)|the\s+(?:previous|year)\s+(?:year|before))\s*,?\s*"
_POINTS_BACK = re.compile(rf"\s*(?:{_FRONTED_TIME})?(?:its|their|it|they|the\s+same\b|the\s+(?:country|nation|state|economy)(?:'s)?)\b", re.IGNORECASE)


_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


def without_possessive(surface: str) -> str:
    """A place as named, without a possessive ending ("Peru's" → "Peru")."""
    return _POSSESSIVE.sub("", surface)


@dataclass(frozen=True)
class Carried:
    """The place a sentence that names none takes from around it, or why it takes none."""

    place: PlaceRef | None
    why: str = ""


# "the country" (or nation) as what the figure's own clause is about: the one country just named.
# "the country", or "there" as a place ("the number of dailies there"), not the "there" that opens a
# statement of existence ("there were 60 dailies"): both point back at the one country just named.
_THE_COUNTRY = re.compile(
    r"\bthe\s+(?:country|nation)(?:['’]s)?\b"
    r"|(?<=\w\s)there\b(?!\s+(?:is|are|was|were|has|have|had|will|would|seems?|remains?|appears?|exists?|must|may|might|could|should|used)\b|['’]s)",
    re.IGNORECASE,
)


def carried_place(text: str, sentence_start: int, gazetteer: Gazetteer | None = None, upto: int | None = None) -> Carried:
    """The place of a sentence that names none: the article's subject, unless the sentence before
    names another place, whose sentence it then continues only when it opens by pointing back
    ("Its GDP was …"), or says "the country" before the figure at ``upto`` while the sentence before
    names one country alone; otherwise it is unclear which, and no place is taken.
    """
    subject = article_subject(text, gazetteer)
    if subject is not None and _named_once_after(text, subject, sentence_start if upto is None else upto, gazetteer or default_gazetteer()):
        subject = None  # "Singapore offers a cautionary tale" at the end: not what an earlier figure is about
    prev = previous_sentence(text, sentence_start)
    prev = without_dateline(prev) if prev else prev  # "BERLIN, 3 May —": where the story was filed names no subject
    before = mentions(prev, 0, len(prev), gazetteer) if prev else []
    if not before or {m.code for m in before} == {subject}:
        return Carried(PlaceRef(subject, "", "the article's subject") if subject else None)
    one = len({m.code for m in before}) == 1
    subjects = _clause_subjects(prev, before)
    if subject is not None and set(subjects) == {subject}:
        # the sentence before has the article's subject as its only subject ("Germans gave less to charity, although
        # appeals for Ukraine ..."): the other places it names are what its verbs reach, and the subject goes on
        return Carried(PlaceRef(subject, "", "the article's subject"))
    if _POINTS_BACK.match(text, sentence_start) or (one and upto is not None and _THE_COUNTRY.search(text, sentence_start, upto)):
        # "Its" points back to a subject: of several places, those that open a clause of the sentence
        # before ("…; Romania has been …"), not those a verb took as its object ("placed France …")
        if not one and len(subjects) > 1:
            return Carried(None, f"The sentence points back, and the sentence before names {', '.join(without_possessive(m.surface) for m in subjects.values())} as subjects")
        m = next(iter(subjects.values())) if not one and subjects else before[0]
        return Carried(PlaceRef(m.code, m.surface, "the sentence before"))
    named = ", ".join(dict.fromkeys(without_possessive(m.surface) for m in before))
    return Carried(None, f"The sentence names none, and the sentence before names {named}, not only the article's subject")
