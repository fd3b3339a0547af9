"""The head noun of a NewsQuant-style concept string, for the strict concept row of newsquant.py.

Why a strict score: the any-word-overlap row counts a concept as found when one word is shared,
so a long concept strung together from everything near a figure ("Tesla broke Model sedans S X
vehicles") is found more often than a short right one. Comparing one word, the head noun, takes
that reward away: the concept has to be about the same thing, not merely mention it.

The heuristic (no parser here, on purpose: the score must not lean on the model the extractor
may use). It is applied the same way to the gold concept and to ours, because both are keyword
strings: NewsQuant's gold drops function words ("employment women aged 25 54"), and so does much
of the product's concept.

1. Drop parenthesised asides ("Ford (F)"). Keep the first comma-separated part: NewsQuant lists the measured thing first and its owner
   after a comma ("delivery, Tesla", "net worth, London-based brothers ...").
2. The first noun phrase is the words up to the first break:
   - a preposition, relative word, conjunction, auxiliary or common irregular past-tense verb;
   - a lower-case word of four letters or more ending in "-ed" (not "-eed"), after the first
     word: a participle or verb ("people killed", "goods imported");
   - a capitalised word right after a lower-case noun: a name after a common noun is a
     post-modifier whose preposition was dropped ("VR headset sales [in the] US UK"); after
     a participle it is the noun modified ("turbocharged EcoBoost engine").
3. The head is the last word of that phrase that can be a noun: not a number ("2019",
   "two-thirds"), not a single letter, not a function word or pronoun, not a lower-case word
   with an adjective ending (-ous, -ive, -ful, -able, -ible) or an adverb's "-ly" ("recently";
   not "family", "supply"). A gerund counts as a noun ("educational programming").
4. Lemmatised with the project's stemmer ``factcheck.resolve.wording.stem`` (a word ending in
   "-eed" is kept whole: the stemmer would read "speed" as "spe" + "ed").

Known limits: a dropped preposition between two common nouns is invisible ("Revenue mainland
China" gives "mainland", "employment women aged 25 54" gives "woman"); a trailing adjective
without a marked ending ("small country wide") or a participle in "-ing" ("people earning")
becomes the head. On the dev file's 306 distinct gold concepts the head read looks right for
about nine in ten; the misses are these kinds.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.resolve.wording import stem

TOKEN_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9&'’.\-]*[A-Za-z0-9&])?")

# Words that end the first noun phrase (what follows them modifies it or is a new clause).
BREAKS = frozenset(
    # prepositions
    "of in on at for from to by with about over under between among versus vs per into onto across "
    "through since during after before than as like within without against toward towards "
    # relative words and conjunctions
    "that which who whom whose where when while and or but whilst "
    # auxiliaries and modals
    "is are was were be been being has have had will would can could may might should must do does did "
    # common irregular past tenses and reporting verbs
    "said says say rose fell grew broke saw sat won lost paid sold spent became came went gave got took "
    "made led seems seem found known built held taken given seen shown born".split()
)
# Words that are never the head noun.
FUNCTION = frozenset(
    "the a an this that these those its his her their our your my some any each every all no "
    "more less most least very just also only it itself they them themselves we us you he she "
    "dont doesnt didnt isnt wasnt arent werent cant wont weve ive youve theyve thats theres".split()
)
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve hundred thousand million billion "
    "trillion half halves third thirds quarter quarters fifth fifths tenth tenths first second".split()
)
ADJECTIVE_ENDINGS = ("ous", "ive", "ful", "able", "ible")
NOUN_LY = ("ily", "ply", "bly", "oly", "aly", "fly")  # family, supply, assembly, monopoly: "-ly" nouns


def _is_name(word: str) -> bool:
    """Capitalised or upper case: a name, an acronym or a sentence-initial word."""
    return word[0].isupper()


def _participle(word: str) -> bool:
    """A lower-case word in "-ed" (not "-eed"): a participle or a past-tense verb."""
    w = word.lower()
    return not _is_name(word) and len(w) >= 4 and w.endswith("ed") and not w.endswith("eed")


def _breaks(previous: str, word: str) -> bool:
    """Whether ``word`` (not the first) ends the first noun phrase."""
    if word.lower() in BREAKS or _participle(word):
        return True
    return _is_name(word) and not _is_name(previous) and _noun_like(previous) and not _participle(previous)


def _noun_like(word: str) -> bool:
    """Whether ``word`` can be a head noun."""
    w = word.lower()
    if len(w) < 2 or w in FUNCTION or not any(c.isalpha() for c in w):
        return False
    if all(part in NUMBER_WORDS for part in w.split("-")):
        return False  # "two", "two-thirds"
    if _is_name(word):
        return True
    adverb = len(w) >= 6 and w.endswith("ly") and not w.endswith(NOUN_LY)
    return not adverb and not w.endswith(ADJECTIVE_ENDINGS)


@lru_cache(maxsize=4096)
def concept_head(concept: str) -> str:
    """The stemmed head noun of a concept's first noun phrase; "" for none (or for "-").

    >>> [concept_head(c) for c in ("VR headset sales US UK Germany", "delivery, Tesla", "S&P 500",
    ...                             "people killed", "Departure angle impressive", "-", "2019",
    ...                             "turbocharged EcoBoost engine", "Ford (F)", "top wind speed")]
    ['sale', 'delivery', 's&p', 'peopl', 'angl', '', '', 'engin', 'ford', 'speed']
    """
    first = re.sub(r"\([^)]*\)", " ", concept).split(",")[0]
    words = TOKEN_RE.findall(first)
    phrase: list[str] = []
    for i, word in enumerate(words):
        if i and _breaks(words[i - 1], word):
            break
        phrase.append(word)
    nouns = [w for w in phrase if _noun_like(w)]
    if not nouns:
        return ""
    head = nouns[-1]
    return head.lower() if head.lower().endswith("eed") else stem(head)
