"""Words as the matcher compares them: a crude English stem, generic words dropped.

Shared by ``match`` (keywords against a figure's words), ``names`` (the names an article uses)
and ``statistic`` (a statistic's name in a sentence), so all three see one word the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Words that say nothing about what is counted; a concept made only of these is "empty".
GENERIC = frozenset(
    "the a an of in on at to for and or by with from as than more less some about around nearly almost "
    "over under up least most many much few number figure total day days week year years month "
    "record low high level levels lowest highest largest smallest biggest fewest unit units "
    "lower higher larger smaller bigger fewer greater "  # comparatives say how a count compares, not what it counts
    "this that these those their its his her our was were is are be been had has have it they".split()
)

WORD_RE = re.compile(
    r"""
    \d+(?:st|nd|rd|th)\b                      # ordinals name units: 72nd, 3rd
    | [A-Za-z](?:[A-Za-z0-9'\-]*[A-Za-z0-9])?  # words, with inner digits and hyphens: T-34, sq
    """,
    re.VERBOSE,
)

def stem(word: str) -> str:
    """A crude English stem so "soldiers" meets "soldier" and "killed" meets "killing"; an irregular
    form takes its lemma's stem ("spent" meets "spending", "women" meets "woman").

    >>> [stem(w) for w in ("Soldiers", "cities", "killed", "killing", "marched", "troops", "tanks", "kilometres")]
    ['soldier', 'city', 'kill', 'kill', 'march', 'troop', 'tank', 'kilometr']
    >>> [stem(w) for w in ("buses", "bus", "cases", "case", "taxes", "houses", "house")]
    ['bus', 'bus', 'case', 'case', 'tax', 'hous', 'hous']
    >>> stem("Métro") == stem("metro")  # accents folded, as words() folds them
    True
    """
    w = without_accents(word).lower().strip("'-").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return irregular_forms().get(w) or _suffix_stem(_sibilant_plural(w))


def _sibilant_plural(w: str) -> str:
    """A plural in "-es" after a sibilant whose noun WordNet lists without the "e" ("buses" → "bus",
    "gases" → "gas", "taxes" → "tax"), so it meets its singular; "cases" stays, as "case" is a noun."""
    if not w.endswith("es") or len(w) < 5:
        return w
    nouns = _nouns()
    return w[:-2] if w[:-2] in nouns and w[:-1] not in nouns else w


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    """The nouns WordNet's index (shipped with the spaCy model) lists; empty without the model."""
    return frozenset(_lemmatizer_table("lemma_index").get("noun", ()))


def _suffix_stem(w: str) -> str:
    """The stem of a lower-case word by its regular English suffixes, a silent final e dropped
    except after one short syllable, so that "live", "lived" and "living" meet, as do "produce",
    "produced" and "producing", while "cape" stays apart from "cap"."""
    for suf, rep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3 and not w.endswith("ss"):
            w = w[: -len(suf)] + rep
            if suf in ("ing", "ed") and _short_syllable(w):
                w += "e"  # "lived" → "live", "rated" → "rate"
            break
    if w.endswith("e") and len(w) > 3 and w[-2] not in _VOWELS and not _short_syllable(w[:-1]):
        w = w[:-1]
    return w


_VOWELS = "aeiouy"


def _short_syllable(w: str) -> bool:
    """Is ``w`` one syllable ending consonant-vowel-consonant ("liv", "rat", "cap"), the shape
    before which English keeps a silent e ("live", "rate", "cape")?"""
    if len(w) < 3 or w[-1] in _VOWELS + "wx" or w[-2] not in _VOWELS or w[-3] in _VOWELS:
        return False
    return not any(ch in _VOWELS for ch in w[:-2])


@lru_cache(maxsize=2)
def _lemmatizer_table(name: str) -> Any:
    """A lookup table shipped with the pinned spaCy model's lemmatizer ("lemma_exc", "lemma_index"),
    the same package the parse uses (factcheck/extract/parse.py); empty when the model is absent."""
    try:
        import importlib.util
        from pathlib import Path

        from spacy.lookups import Lookups

        from factcheck.extract.parse import MODEL

        spec = importlib.util.find_spec(MODEL)
        if spec is None or spec.origin is None:
            return {}
        folder = next(Path(spec.origin).parent.glob("*/lemmatizer/lookups"), None)
        if folder is None:
            return {}
        return Lookups().from_disk(folder).get_table(name)  # looked up by string, stored by hash
    except (ImportError, OSError, KeyError, ValueError):
        return {}


@lru_cache(maxsize=1)
def adverbs() -> frozenset[str]:
    """Words WordNet's index (shipped with the spaCy model) knows as adverbs and never as nouns:
    "organically", "annually", "mainly", but not "family" or "supply". Empty without the model."""
    index = _lemmatizer_table("lemma_index")
    return frozenset(index.get("adv", ())) - frozenset(index.get("noun", ()))


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Every lemma WordNet's index (shipped with the spaCy model) lists, of any part of speech: a
    capitalised word that is one ("Nationally", "Meanwhile") opens a sentence, it names nothing."""
    index = _lemmatizer_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, ()))


@lru_cache(maxsize=1)
def _adjectives_and_verbs() -> tuple[frozenset[str], frozenset[str]]:
    index = _lemmatizer_table("lemma_index")
    return frozenset(index.get("adj", ())), frozenset(index.get("verb", ()))


def only_adjective(word: str) -> bool:
    """A word WordNet (shipped with the spaCy model) knows as an adjective and never as a noun, a verb or an
    adverb ("naval", "coastal"; not "alone"): before a noun it can only modify it; False without the model.

    >>> [only_adjective(w) for w in ("naval", "coastal", "spending", "alone")] if _nouns() else [True, True, False, False]
    [True, True, False, False]
    """
    w = word.lower()
    adjectives, verbs = _adjectives_and_verbs()
    return w in adjectives and w not in verbs and w not in _nouns() and w not in _lemmatizer_table("lemma_index").get("adv", ())


def participle_adjective(word: str) -> bool:
    """A word in "-ed" or "-ing" that WordNet (shipped with the spaCy model) knows as an adjective and
    that is no form of a verb it knows: "undiagnosed", "unvaccinated", but not "estimated" (of
    "estimate") or "retired". Before a noun it can only be a modifier; False without the model."""
    w = word.lower()
    adjectives, verbs = _adjectives_and_verbs()
    if w not in adjectives or not w.endswith(("ed", "ing")):
        return False
    return not (_verb_bases(w) & verbs) and irregular_forms().get(w) is None


def verb_form(word: str) -> bool:
    """Whether ``word`` is a form of a verb WordNet (shipped with the spaCy model) knows: "put", "puts",
    "pegged", "estimates". Many nouns are verbs too; callers ask only where a verb may stand.

    >>> verb_form("puts"), verb_form("pegged"), verb_form("urban")
    (True, True, False)
    """
    w = word.lower()
    return bool(({w} | _verb_bases(w)) & _adjectives_and_verbs()[1]) or w in irregular_forms()


def noun_form(word: str) -> bool:
    """Whether ``word`` is a noun WordNet (shipped with the spaCy model) knows, or its plural, and no
    past tense or participle ("sugar", "mills"; not "carried", "aged", "born"): a word that can head a compound.

    >>> [noun_form(w) for w in ("sugar", "mills", "carried", "aged", "born")] if _nouns() else [True, True, False, False, False]
    [True, True, False, False, False]
    """
    w = word.lower()
    if w.endswith("ed") or w in _lemmatizer_table("lemma_exc").get("verb", {}):  # "born", "sold", "left"
        return False
    nouns = _nouns()
    return w in nouns or (w.endswith("s") and (w[:-1] in nouns or (w.endswith("es") and w[:-2] in nouns))) \
        or (w.endswith("ies") and w[:-3] + "y" in nouns)


def _verb_bases(w: str) -> set[str]:
    """The lemmas a regular inflected form may come from by its ending: "pegged" → "peg", "puts" → "put"."""
    if w.endswith("ed"):
        return {w[:-2], w[:-1], w[:-3], w[:-3] + "y"}
    if w.endswith("ing"):
        return {w[:-3], w[:-3] + "e", w[:-4]}
    if w.endswith("s"):
        return {w[:-1], w[:-2]}
    return set()


@lru_cache(maxsize=1)
def irregular_forms() -> dict[str, str]:
    """Irregular verb and noun forms → their lemma's suffix stem ("spent" → "spend", "sold" → "sell",
    "children" → "child"), where suffix stripping alone would miss the lemma.

    Read from the lemmatizer's exception tables shipped with the pinned spaCy model, so no word list
    is kept here; empty when the model is not installed, and stems are then by suffix alone.
    Adjective forms are left out: "better" is no "good" for a statistic's name.
    """
    table = _lemmatizer_table("lemma_exc")
    out: dict[str, str] = {}
    for pos in ("verb", "noun"):
        for form, lemmas in table.get(pos, {}).items():
            if isinstance(form, str) and lemmas and " " not in form:
                lemma = _suffix_stem(lemmas[0].lower())
                if lemma != _suffix_stem(form):
                    out.setdefault(form, lemma)
    return out


def words(text: str) -> list[str]:
    """Stemmed words of a text, generic words dropped, accents too.

    >>> words("the crèche fees"), words("creche fee")
    (['crech', 'fee'], ['crech', 'fee'])
    """
    return list(_words(text))


# Nouns for people that name everyone, never a group of them ("per 100,000 inhabitants" is per 100,000 people).
EVERYONE = frozenset({"people", "persons", "citizens", "residents", "individuals", "inhabitants", "those", "anyone", "everyone", "nobody"})


def compound_parts(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Word spans (start, end, word) with each compound of words split into its words, as ``words``
    splits them ("one-way" → "one", "way"); a compound with a digit stays whole ("T-34")."""
    out: list[tuple[int, int, str]] = []
    for a, _, w in spans:
        if "-" not in w or any(ch.isdigit() for ch in w) or not w[:1].isalpha():
            out.append((a, a + len(w), w))
            continue
        at = a
        for part in w.split("-"):
            if part:
                out.append((at, at + len(part), part))
            at += len(part) + 1
    return out


# "for every" and "for each" say what "per" says: "11.7 pupils for every teacher" is "pupils per teacher".
_FOR_EVERY_RE = re.compile(r"\bfor\s+(?:every|each)\b", re.IGNORECASE)


def without_accents(text: str) -> str:
    """``text`` with the accents of Latin letters dropped ("crèche" → "creche", "Côte" → "Cote"), so a
    word meets its unaccented spelling; letters of other scripts are kept.

    >>> without_accents("crèches in São Paulo")
    'creches in Sao Paulo'
    """
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    out = []
    for w in WORD_RE.findall(_FOR_EVERY_RE.sub("per", without_accents(text))):
        # a compound of words is its words ("pupil-teacher", "student-to-teacher", "fine-particle");
        # one with a digit is a name ("T-34", "Su-25")
        for part in w.split("-") if "-" in w and not any(ch.isdigit() for ch in w) else (w,):
            if part and part.lower() not in GENERIC:
                out.append(stem(part))
    return tuple(out)
