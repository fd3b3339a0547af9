"""What the verb of a figure's noun phrase says, from the parse: the deed done with a count ("Moscow sent
2,000 soldiers"), what those counted did ("1.8 million people have fled"), and whether a clause's
subject is a personal pronoun. parse.py reads a figure's concept with these.
"""

from __future__ import annotations

from typing import Any

from factcheck.extract import concept
from factcheck.extract.parse_tokens import NOUNS, word_class

SUBJECT_DEPS = ("nsubj", "nsubjpass")
ARGUMENT_DEPS = SUBJECT_DEPS + ("dobj",)
REPORTING = concept.REPORTING  # reporting verbs: their subject is the source of a figure, not what it is about


def pronoun_subject(verb: Any) -> bool:
    """Whether ``verb`` has a personal pronoun for its own subject ("it was trading at ...") and reports nothing."""
    return verb.text.lower() not in REPORTING and any(c.dep_ in SUBJECT_DEPS and c.tag_ == "PRP" for c in verb.children)


def deed_of(np: Any, skip: frozenset[int]) -> str:
    """The verb whose subject or direct object the figure's noun phrase is ("Moscow sent 2,000 soldiers",
    "9,000 troops marched"), as written; "" when there is none, when it only links or reports ("was",
    "said"), or when its subject is a personal pronoun: "it included 9,000 troops" goes on about
    whatever the sentence before spoke of, so its verb says nothing of a new subject."""
    verb = np.head if np.dep_ in ARGUMENT_DEPS and np.head.i != np.i else None
    if verb is None or word_class(verb) != "VERB" or verb.i in skip or not verb.text.isalpha():
        return ""
    low = verb.text.lower()
    if low in BE_HAVE or low in REPORTING or pronoun_subject(verb):
        return ""
    return verb.text


BE_HAVE = frozenset("be is are was were been being am has have had having".split())  # no deed of the counted


def predicate_of(np: Any, skip: frozenset[int]) -> str:
    """The verb a counted noun is the subject of, with the head of its object ("fled homes",
    "crossed Channel", "battling flames"; a participle after the noun: "people killed"), "" when none.
    What a count counts is often said by its verb alone: "1.8 million people have fled"."""
    verb = np.head if np.dep_ in SUBJECT_DEPS and np.head.i != np.i else None
    if verb is None:  # a participle after the noun: "people killed", "drones launched from Iraq"
        verb = next((c for c in np.rights if c.dep_ in ("acl", "relcl")), None)
    if verb is None or word_class(verb) != "VERB" or verb.text.lower() in BE_HAVE or verb.i in skip or not verb.text.isalpha() or len(verb.text) < 3:
        return ""
    words = [verb.text] + [c.text for c in verb.children if c.dep_ == "prt"]  # "shot down"
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and word_class(c) in NOUNS and c.i not in skip), None)
    if obj is not None and obj.tag_ not in ("PRP", "WP") and obj.text.isalpha() and not any(c.tag_ == "CD" for c in obj.children):
        words.append(obj.text)  # not a figure's unit noun ("covers 13 percent")
    return " ".join(words)


def verb_read_as_noun(tok: Any) -> bool:
    """A plural "noun" heading the whole sentence with an object or a preposition after it: the
    sentence's verb ("runs", "supports") that the tagger read as a noun, leaving no verb at all."""
    return tok.dep_ == "ROOT" and tok.tag_ == "NNS" and any(c.dep_ in ("prep", "dobj") for c in tok.rights)


__all__ = ["BE_HAVE", "SUBJECT_DEPS", "deed_of", "predicate_of", "pronoun_subject", "verb_read_as_noun"]
