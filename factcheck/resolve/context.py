"""The words around one figure, by how close they stand to it: its concept, clause, sentence, the sentence before.

``context_of`` reads them once per figure (``resolve.reading``); the matcher (``match``) and the
checks between figures (``relations``, ``trends``) score tables against them. Clauses split at
punctuation and at the conjunctions that start a new claim; the other side of a comparison
("…, up from 21") is read with the clause it compares with; a pointer ("the number") takes the
words of the count it points back at; a speaker ("Officials said …") is not what is counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.extract.comparison import OPENS_CLAUSE_RE
from factcheck.extract.sentences import MAX_SENTENCE
from factcheck.extract.timeref import YEAR_RE
from factcheck.figures import Figure
from factcheck.resolve.events import joined_verbs, verb_words
from factcheck.resolve.names import article_names, marks, places_named
from factcheck.resolve.wording import GENERIC, WORD_RE, stem, words

# Clause boundaries inside a sentence: punctuation and the conjunctions that start a new claim.
_CLAUSE_BREAK = re.compile(
    r"""
    [,;:](?=\s) | [—–]                    # punctuation before a space (not "20,000"; not brackets: "3 km [1.9 mi] wide" is one clause)
    | \s(?:and|but|while|whereas|before|after|when|where|which|who|yet)\s   # a new clause
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Context:
    """The words around one figure, by how close they are to it."""

    concept: set[str]
    clause: set[str]
    sentence: set[str]
    previous: set[str]
    headline: set[str] = field(default_factory=set)
    follow: set[str] = field(default_factory=set)  # the words right after the number: what it counts
    head: str = ""  # the noun counted, past its modifiers ("131 armoured vehicles", "20,000 of his fighters")
    modifiers: frozenset[str] = frozenset()  # the words before it that only say which ("Russian" in "8,000 Russian troops")
    article: frozenset[str] = frozenset()  # every word of the article: where a metric's label words may stand
    names: frozenset[str] = frozenset()  # the words the article writes capitalised: the names it uses
    sentence_marks: frozenset[str] = frozenset()  # the names and unit numbers of the figure's own sentence ("3rd", "assault")
    previous_marks: frozenset[str] = frozenset()  # the same of the sentence before
    places: frozenset[str] = frozenset()  # the countries the article names, by any form (ISO codes)
    events: frozenset[str] = frozenset()  # stems of the clause's verbs: which event it speaks of (held, scrapped)
    joint_events: frozenset[str] = frozenset()  # stems of verbs joined by "or"/"and": it counts both ("killed or wounded")
    deed: frozenset[str] = frozenset()  # stems of the verb the figure is subject or object of, per the parse ("sent")
    regions: tuple[frozenset[str], ...] = ()  # the named regions its sentence places it in ("the Belgorod region"), as words and stems


def in_clause_or_fronted(pattern: re.Pattern[str], sentence: str, rel: int) -> re.Match[str] | None:
    """``pattern`` in the clause of ``sentence`` that holds offset ``rel``, else, when that clause names
    no year, in the sentence before ``rel``: a phrase fronted before the clause ("In the 1990s,
    inflation topped 7,000%", "Over 2011-2013, ...") is said of the figure too."""
    c0, c1 = clause_span(sentence, rel)
    found = pattern.search(sentence, c0, c1)
    if found is None and not YEAR_RE.search(sentence, c0, c1):
        found = pattern.search(sentence, 0, rel)
    return found


def clause_of(sentence: str, pos: int) -> str:
    """The clause of ``sentence`` holding character ``pos`` (split at commas and conjunctions)."""
    start, end = clause_span(sentence, pos)
    return sentence[start:end]


# A clause that is only the other side of a comparison: "..., up from 21 a year before".
_COMPARISON_CLAUSE = OPENS_CLAUSE_RE


def main_clause_too(sentence: str, pos: int) -> str:
    """The clause holding ``pos``; for the base of a comparison, with the clause it compares with.

    In "24 towns dropped their parades, up from 21 a year before" the 21 is counted by the
    words of the first clause: what dropped, and which towns.
    """
    start, end = clause_span(sentence, pos)
    if start > 0 and _COMPARISON_CLAUSE.match(sentence, start):
        start = clause_span(sentence, max(0, start - 2))[0]
    return sentence[start:end]


def clause_span(sentence: str, pos: int) -> tuple[int, int]:
    """Where the clause holding character ``pos`` starts and ends in ``sentence``."""
    start, end = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def previous_sentence(text: str, sentence_start: int) -> str:
    """The sentence before the one starting at ``sentence_start`` (at most MAX_SENTENCE characters back).

    Bounded so that an article with no full stops costs the same per figure as any other.
    """
    head = text[max(0, sentence_start - MAX_SENTENCE) : sentence_start].rstrip()
    if not head:
        return ""
    cut = max(head.rfind(". ", 0, len(head) - 1), head.rfind("? ", 0, len(head) - 1),
              head.rfind("! ", 0, len(head) - 1), head.rfind("\n", 0, len(head) - 1))
    return head[cut + 1 :].strip()


def context_of(fig: Figure, text: str) -> Context:
    """The concept, clause, sentence and previous-sentence words of a figure."""
    s0, s1 = fig.sentence_start, fig.sentence_end
    if s1 <= s0:
        s0, s1 = 0, len(text)
    sentence = text[s0:s1]
    rel = max(0, min(len(sentence), fig.start - s0))
    clause = main_clause_too(sentence, rel)
    follow_text = _FOLLOW.match(text, fig.end).group(0)  # type: ignore[union-attr]
    after = words(follow_text)
    modifiers, head = noun_phrase(follow_text)
    concept, sentence_words = set(words(fig.concept)), set(words(sentence))
    previous = set(words(previous_sentence(text, s0)))
    if concept and not concept & sentence_words:
        # a concept carried over from another sentence is only as good as that sentence's words
        previous |= concept
        concept = set()
    if concept and is_speaker(concept, sentence, rel):
        concept = set()  # "Officials had said more than 9,000 would take part": the officials are not counted
    clause_words = set(words(clause))
    referent = antecedent(text, s0, sentence, rel)
    if referent and fig.counted:
        # "put the toll higher: N fighters had been killed": the figure names its own noun, and the
        # count the pointer recalls is only background
        previous |= set(words(referent))
    elif referent:
        # "the number rose to 21": the number counts what the clause before it counted
        concept = set(words(referent))
        clause_words |= concept
    return Context(
        concept=concept,
        clause=clause_words,
        sentence=sentence_words,
        previous=previous,
        headline=set(words(headline_of(text))),
        follow=set(after[:3]),
        head=head,
        modifiers=modifiers,
        article=article_words(text),
        names=article_names(text),
        sentence_marks=marks(sentence),
        previous_marks=marks(previous_sentence(text, s0)),
        places=places_named(text),
        events=frozenset(stem(w) for w in verb_words(clause)),
        joint_events=frozenset(stem(w) for w in joined_verbs(clause)),
        deed=frozenset(words(fig.verb)),
        regions=named_regions(sentence),
    )


# A named region, province or district: "in the Belgorod region", "in Kursk oblast", "across Bavaria state".
_NAMED_REGION_RE = re.compile(
    r"\b(?:[Ii]n|[Aa]cross|[Tt]hroughout|of)\s+(?:the\s+)?((?:[A-Z][\w'’-]+\s+){1,3})(?:region|province|oblast|district|county|state|governorate|prefecture)\b"
)


def named_regions(sentence: str) -> tuple[frozenset[str], ...]:
    """The regions a sentence places what it says in, each as its name's words and their stems: a table
    none of whose names is one of them counts a wider whole ("In the Belgorod region, 12 towns ...")."""
    return tuple(
        frozenset({w.lower() for w in m.group(1).split()} | {stem(w.lower()) for w in m.group(1).split()})
        for m in _NAMED_REGION_RE.finditer(sentence)
    )


# A verb of saying: the words before it name who speaks, not what the number after it counts.
SPEECH_RE = re.compile(
    r"(?<!\ban\s)(?<!\bthe\s)\b(?:said|says|told|claimed|claims|announced|announces|reported|reports|estimated|stated|wrote|writes)\b",
    re.IGNORECASE,
)


def is_speaker(concept: set[str], sentence: str, rel: int) -> bool:
    """Is the concept only the subject of a verb of saying before the figure ("Officials had said 9,000 ...")?"""
    verbs = list(SPEECH_RE.finditer(sentence, 0, rel))
    if not verbs:
        return False
    v = verbs[-1]
    return concept <= set(words(sentence[: v.start()])) and not concept & set(words(sentence[v.end() :]))


# A noun that points back at a count already made: "the number", "the figure", "that tally".
_ANAPHOR = re.compile(
    r"""
    \b(?:the|that|this|its|their|the\s+final|the\s+official)\s+   # a pointing determiner
    (?:number|figure|total|tally|count|toll|sum)\b                # what it points at
    (?!\s+(?:\w+\s+)?of\b)                                        # not "the (total) number of tanks": that names its own noun
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A number written in digits or words, to find the count an anaphor points back at.
_ANY_NUMBER = re.compile(
    r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores?|hundreds?|thousands?)\b",
    re.IGNORECASE,
)


def antecedent(text: str, s0: int, sentence: str, rel: int) -> str:
    """The clause a figure's "the number" / "the figure" points back at, or "" when it has none.

    The nearest earlier clause of the sentence that holds a number, else the clause of the
    previous sentence's last number ("... 20,000 of his fighters died. A count later put the figure at 19,547").
    """
    pointers = list(_ANAPHOR.finditer(sentence, 0, rel))
    if not pointers:
        return ""
    start = pointers[-1].start()
    if any(not _is_year(m.group(0)) for m in _ANY_NUMBER.finditer(sentence, pointers[-1].end(), rel)):
        return ""  # "the total was 70, up from 64": another number stands between; the pointer is its
    for source in (sentence[:start], previous_sentence(text, s0)):
        numbers = [m for m in _ANY_NUMBER.finditer(source) if not _is_year(m.group(0))]
        if numbers:
            return clause_of(source, numbers[-1].start())
    return ""


def _is_year(token: str) -> bool:
    """A four-digit year, which counts nothing."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", token))


# The words right after a number, up to punctuation: in English, the thing counted ("131 vehicles").
_FOLLOW = re.compile(r"[^,;:.!?()\[\]]{0,40}")


# A word that modifies the noun after it rather than naming what is counted: "Russian towns",
# "armoured vehicles", "military hardware", "T-34 tanks".
_MODIFIER = re.compile(
    r"""
    [A-Z][\w'-]*                                         # a name or nationality: Russian, Wagner, T-34
    | \w+(?:ian|ean|ish|ese|ic|al|ous|ive|ary|ern|ed)     # an adjective by its ending: Ukrainian, military, armoured
    """,
    re.VERBOSE,
)
# Words that end a noun phrase: relative pronouns, auxiliaries, prepositions, conjunctions.
_PHRASE_END = frozenset(
    "who whom which that were was had have has are is be been will would could can may might did do does "
    "to in on at from for with by into across through during over under after before since than as and or but "
    "while when where past near "
    "said says told took flew fell rose went came made gave saw led left lost won held ran fought".split()  # verbs
)


def head_noun(follow: str) -> str:
    """The stemmed noun a number counts, past its modifiers: "Russian towns scrapped" → town.

    >>> head_noun(" Russian towns scrapped their parades"), head_noun(" of his fighters were dead"), head_noun(" killed in action")
    ('town', 'fighter', 'kill')
    >>> head_noun(" armoured vehicles rolled"), head_noun(" troops"), head_noun(""), head_noun(" official said")
    ('vehicl', 'troop', '', 'official')
    """
    return noun_phrase(follow)[1]


def noun_phrase(follow: str) -> tuple[frozenset[str], str]:
    """The stemmed modifiers and head noun right after a number: " Russian troops marched" → ({russian}, troop).

    >>> noun_phrase(" Russian troops marched"), noun_phrase(" fighters"), noun_phrase("-strong procession of")
    ((frozenset({'russian'}), 'troop'), (frozenset(), 'fighter'), (frozenset(), 'procession'))
    """
    follow = re.sub(r"^-strong\b", "", follow)  # "a 12,000-strong procession": the procession's members are counted
    tokens = WORD_RE.findall(follow)
    while tokens and tokens[0].lower() in GENERIC:
        tokens = tokens[1:]  # "of his fighters": the partitive's determiners
    modifiers: set[str] = set()
    for i, t in enumerate(tokens[:4]):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt and nxt.lower() not in _PHRASE_END and _MODIFIER.fullmatch(t) and t.lower() not in _PHRASE_END:
            modifiers.add(stem(t))
            continue  # a modifier: the noun comes after it
        return frozenset(modifiers), stem(t)
    return frozenset(), stem(tokens[0]) if tokens else ""


def headline_of(text: str) -> str:
    """The article's first line when it stands apart (a headline sets the topic of every figure)."""
    cut = text.find("\n")
    return text[:cut] if 0 < cut <= 300 else ""


@lru_cache(maxsize=8)
def article_words(text: str) -> frozenset[str]:
    """Every stemmed word of an article, for asking whether it names an entity at all."""
    return frozenset(words(text))
