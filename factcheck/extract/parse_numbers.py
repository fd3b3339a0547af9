"""What the dependency parse says of a number's own words: the name it labels ("Windows 11",
"lap 34"), the noun it counts ("40 new features", "a 350-seat chamber"), and whether it is the
object of a phrasal verb ("shot down 12 drones"). parsed.py applies these to the rules' figures;
parse.py loads the model and reads what a figure is about.
"""

from __future__ import annotations

import re
from typing import Any

from factcheck.extract.country_names import ends_with_country
from factcheck.extract.parse_tokens import NOUNS, tokens_in, word_class
from factcheck.extract.timeref import RELATIVE_RE

LABEL_DEPS = frozenset({"nummod", "appos", "npadvmod", "compound"})


def name_start(doc: Any, start: int, end: int) -> int | None:
    """Where a name starts when the bare number at characters ``start:end`` labels the noun right
    before it ("Windows 11", "Route 66", "Version 2", "lap 34"), else None.

    A count stands before what it counts; a number the parse hangs from the noun before it names
    that noun's model, edition or road, which the rules miss where the name opens the sentence.
    """
    inside = [doc[i] for i in tokens_in(doc, start, end)]
    if len(inside) != 1 or inside[0].tag_ != "CD" or inside[0].dep_ not in LABEL_DEPS:
        return None
    tok = inside[0]
    head = tok.head if tok.head.i == tok.i - 1 else _verb_hung_name(tok)
    if head is None or head.i != tok.i - 1 or word_class(head) not in NOUNS or not head.whitespace_:
        return None
    if ends_with_country([t.text for t in doc[max(0, head.i - 3) : head.i + 1]]):
        return None  # "Tunisia 676, Mongolia 249": a list's country labels its figure, no model is named
    if not head.text[:1].isupper() and not (head.tag_ == "NN" and (tok.text.isdigit() and int(tok.text) < 1000 or tok.text.isalpha() and tok.like_num) and _only_the(head)):
        return None  # lower case: only a singular noun labelled by a small whole number ("lap 34", "route 47", "day one")
    return int(head.idx)


def one_as_pronoun(doc: Any, start: int, end: int) -> bool:
    """True when the word "one" at characters ``start:end`` stands for a noun ("a new one", "the
    previous one", "this one"): the parse gives it a determiner of its own, which a numeral never
    has (in "the one reactor" the determiner is the noun's)."""
    inside = [doc[i] for i in tokens_in(doc, start, end)]
    if len(inside) != 1 or inside[0].lower_ != "one":
        return False
    return any(c.dep_ == "det" for c in inside[0].children)


def glued_owner(doc: Any, start: int, end: int) -> Any | None:
    """The noun a hyphen-glued count modifies ("a 350-seat chamber" → chamber), else None: what the
    counted seats are of."""
    inside = sorted(tokens_in(doc, start, end))
    if not inside:
        return None
    tok = doc[inside[-1]]
    if tok.whitespace_ or tok.i + 2 >= len(doc) or doc[tok.i + 1].tag_ != "HYPH":
        return None
    glued = doc[tok.i + 2]
    owner = glued.head
    if tok.head.i != glued.i or glued.dep_ not in ("compound", "amod", "nmod") or owner.i <= glued.i or word_class(owner) not in NOUNS:
        return None
    return owner


def name_end(doc: Any, start: int, end: int) -> int | None:
    """Where a name ends when the whole number at characters ``start:end`` stands before a singular
    proper noun that heads its phrase ("the 787 Dreamliner", "a 911 Turbo"), else None.

    A count of people or things takes a plural ("500 Americans") or a common noun after a name
    ("5,000 Wagner fighters"); a singular proper noun alone after a number is what the number names.
    """
    inside = sorted(tokens_in(doc, start, end))
    if len(inside) != 1:
        return None
    tok = doc[inside[0]]
    if not tok.text.isdigit() or tok.dep_ != "nummod" or tok.i + 1 >= len(doc):
        return None
    head = doc[tok.i + 1]
    if tok.head.i != head.i or head.tag_ != "NNP" or not head.text[:1].isupper() or head.dep_ in ("compound", "amod"):
        return None
    return int(head.idx + len(head.text))


def particle_object(doc: Any, start: int, end: int) -> bool:
    """True when the count at characters ``start:end`` is the object of a phrasal verb whose particle
    is "up" or "down" ("shot down 12 drones", "set up 3 clinics"), which the rules read as a trend."""
    inside = sorted(tokens_in(doc, start, end))
    if not inside:
        return False
    tok = doc[inside[-1]]
    obj = tok.head if tok.dep_ == "nummod" else tok
    verb = obj.head
    return obj.dep_ == "dobj" and any(c.dep_ == "prt" and c.text.lower() in ("up", "down") for c in verb.children)


def _only_the(noun: Any) -> bool:
    """No determiner but "the" before ``noun``: "on lap 34", "the route 47 bus"; "this year 51" is a time."""
    return all(c.text.lower() == "the" for c in noun.children if c.dep_ in ("det", "poss"))


def _verb_hung_name(tok: Any) -> Any | None:
    """The proper noun right before ``tok`` when the parse hangs the number as a count of a verb, which
    no count is: the model misread a name opening the sentence ("Windows 10 runs …")."""
    if tok.dep_ != "nummod" or word_class(tok.head) != "VERB" or tok.i == 0:
        return None
    before = tok.doc[tok.i - 1]
    return before if before.tag_ in ("NNP", "NNPS") else None


NOUN_PHRASE_DEPS = frozenset({"amod", "compound", "nmod"})  # words between a count and the noun it counts


def counted_span(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """The characters from the word after the number at ``start:end`` to the common noun the parse
    says it counts ("40 new features" → "new features", "a 350-seat chamber" → "seat"), or None when
    the number counts no noun there.

    The rules stop a counted noun at a word they take for a verb ("features", "launches"); the parse
    knows the noun the number modifies and the adjectives and compounds between them.
    """
    inside = sorted(tokens_in(doc, start, end))
    if not inside:
        return None
    tok = doc[inside[-1]]
    head = tok.head
    # a scale glued to the number ("4.5m residents") is parsed as a compound of the noun counted
    scaled = tok.dep_ == "compound" and len(inside) > 1 and doc[inside[0]].tag_ == "CD"
    if (tok.dep_ != "nummod" and not scaled) or head.i <= tok.i or head.tag_ not in ("NN", "NNS") or head.dep_ == "npadvmod":
        return None  # a noun used as an adverb is a time ("2.1 last year"), not what is counted
    glued = head.i == tok.i + 2 and doc[tok.i + 1].tag_ == "HYPH" and not tok.whitespace_  # "a 350-seat chamber"
    size = _size_of_each(doc, tok.i + 1, head.i)
    if size is not None:
        tok = size  # "18 100-metre steel spans": the spans are counted, each 100 metres long
    between = doc[tok.i + 1 : head.i]
    if not glued and any(t.dep_ not in NOUN_PHRASE_DEPS or t.head.i <= tok.i or t.head.i > head.i or t.is_punct for t in between):
        return None
    first = head if glued else doc[tok.i + 1]
    span = (int(first.idx), int(head.idx + len(head.text)))
    if RELATIVE_RE.fullmatch(doc.text, *span):
        return None  # "fell by 837,000 last year": the parse hung the number from a time said after it
    return span


def _size_of_each(doc: Any, at: int, head: int) -> Any | None:
    """The last token of a number with its own unit noun ("100-metre", "5 kg", "40-foot") standing
    between a count and the noun it counts (token ``head``), when one starts at token ``at``: a size
    of each thing counted, not part of what is counted."""
    if at >= head or doc[at].tag_ != "CD" or doc[at].dep_ != "nummod":
        return None
    unit = doc[at].head
    if unit.i == head and not doc[at].whitespace_:
        unit = doc[at + 1]  # "10kg sacks": the number may hang from the noun, its unit glued to it
    if not (at < unit.i < head) or unit.tag_ not in ("NN", "NNS") or unit.head.i != head or unit.dep_ not in NOUN_PHRASE_DEPS:
        return None
    if any(t.tag_ != "HYPH" for t in doc[at + 1 : unit.i]):
        return None
    return unit


CLIMB_TO_NOUN_DEPS = frozenset({"nummod", "compound", "quantmod", "nmod"})
FIGURE_OF_VERB_DEPS = frozenset({"dobj", "attr", "oprd", "npadvmod"})


def superlative_subject(doc: Any, start: int, end: int) -> str:
    """The subject of the figure's clause when a superlative picks it out of many ("the year's biggest
    hit sold 1.1 million tickets", "one of the busiest ports handled 2 million TEU", "the most popular
    film drew ..."), as "biggest hit"; "" otherwise. The figure is then that one item's, not a total."""
    inside = sorted(tokens_in(doc, start, end))
    if not inside:
        return ""
    tok = doc[inside[-1]]
    while tok.dep_ in CLIMB_TO_NOUN_DEPS and tok.head.i > tok.i and word_class(tok.head) in NOUNS:
        tok = tok.head  # "1.1 million tickets": the noun the number counts
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        tok = tok.head  # "rose to 5%", "sold at $3"
    verb = tok.head if (tok.dep_ in FIGURE_OF_VERB_DEPS or tok.dep_ == "prep") and tok.head.i != tok.i else None
    if verb is None or word_class(verb) not in ("VERB", "AUX"):
        return ""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.text.lower() == "one":  # "one of the busiest ports"
        of = next((c for c in subj.children if c.dep_ == "prep" and c.text.lower() == "of"), None)
        subj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if subj is None or word_class(subj) not in NOUNS:
        return ""
    for mod in (c for c in subj.children if c.dep_ == "amod"):
        most = next((m for m in mod.children if m.tag_ == "RBS"), None)
        if mod.tag_ == "JJS" or most is not None:
            return " ".join(t.text for t in (most, mod, subj) if t is not None)
    return ""


BE_FORMS = frozenset({"is", "was", "are", "were", "be", "been", "am", "'s", "’s", "'m", "’m"})
TURN_FORMS = frozenset({"turn", "turns", "turned", "turning"})
PERSONAL_PRONOUNS = frozenset({"i", "he", "she", "we", "they", "you"})  # never "it": a temperature, a price, a score
# What may follow an age said as "he was 17": a clause's end, a list of ages, "when" or a time adverbial
# ("by the end of the year", "at the time", "last month", "in 1998"); a preposition that is not a time
# ("5 under par", "3 for 4", "10 behind") makes the number a score or a margin.
_AGE_TIME_AFTER_RE = re.compile(r"\s*(?:(?:by|in|at|from)\s+(?:the\s+)?(?:end|start|beginning|time)\b|by\s+then\b|now\b|then\b|(?:in|by|from)\s+(?=\d{4}\b))", re.IGNORECASE)


def stated_age(doc: Any, start: int, end: int) -> str | None:
    """Whose age the bare number at characters ``start:end`` states, when the parse makes it the complement
    of "be" with a person for subject ("she was 17 when", "Garcia, who is 72,": "" for a pronoun, the
    antecedent of "who") or of "turn" ("he turned 40", "the store turns 100": the subject); else None.

    English says a person's age with "be" and a bare number, and "turn N" of any age; a number with a noun,
    a unit or a preposition after it ("5 under par", "3 for 4") is something else.
    """
    inside = [doc[i] for i in sorted(tokens_in(doc, start, end))]
    if len(inside) != 1 or inside[0].tag_ != "CD" or not inside[0].like_num:
        return None
    tok = first = inside[0]
    digits = tok.text.isascii() and tok.text.isdigit()  # "²0" is digits to str.isdigit, not to int()
    if not digits and not tok.text.isalpha():
        return None
    if digits and not 1 <= int(tok.text) < 120:
        return None
    while first.dep_ == "conj" and first.head.tag_ == "CD" and first.head.i < first.i:
        first = first.head  # "they were 3 and 5": the later ages of a list
    if first.dep_ not in ("attr", "acomp", "dobj", "oprd") or not _age_follows(doc, tok):
        return None
    verb = first.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if verb.lower_ in TURN_FORMS:
        return "" if subject.tag_ in ("PRP", "WP") else str(subject.text)
    if verb.lower_ not in BE_FORMS:
        return None
    if subject.lower_ in PERSONAL_PRONOUNS:
        return ""
    if subject.lower_ == "who" and verb.dep_ == "relcl" and word_class(verb.head) in NOUNS:
        return str(verb.head.text)
    return None


def _age_follows(doc: Any, tok: Any) -> bool:
    """Whether what comes after the number ``tok`` may follow an age (see ``_AGE_TIME_AFTER_RE``)."""
    if tok.i + 1 >= len(doc):
        return True
    after = doc[tok.i + 1]
    if after.is_punct:
        return after.tag_ in (",", ".", ":") and after.text not in (":", "-", "/")
    if after.tag_ in ("CC", "WRB"):
        return True
    text, at = doc.text, int(after.idx)
    return RELATIVE_RE.match(text, at) is not None or _AGE_TIME_AFTER_RE.match(text, at) is not None


__all__ = ["counted_span", "glued_owner", "name_end", "name_start", "particle_object", "stated_age", "superlative_subject"]
