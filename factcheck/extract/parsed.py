"""The dependency parse applied to an article's figures: a concept from the parse where it has one.

The regex rules (concept.py, figure_context.py) read every figure first; then the sentences that
hold a quantity figure are parsed in one batch (parse.py) and a figure whose parse names what it
is about gets that as its concept. A bare count whose number the parse hangs from the capitalised
noun right before it ("Windows 11", "Route 66") becomes a name, not checkable (parse_numbers.name_start):
the rules catch such names only when no sentence start hides the capital. A bare "under 5" or
"over 65" that bounds a group of people ("children under 5") is an age limit, not checkable
(groups.py). Where the parse names
nothing, or is not to be had (spaCy or the model missing, an article with more figure sentences or
characters of them than parse.py's bounds, a "sentence" over ``parse.MAX_SENTENCE_CHARS``), the
regex concept and the rules' names (reader.py, patterns.py) stand.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from factcheck.extract import groups, parse, parse_numbers, parse_tokens
from factcheck.extract.counted import RATE_END_RE, implied_noun
from factcheck.extract.timeref import RELATIVE_RE
from factcheck.read.datelines import dateline_end
from factcheck.figures import Figure

log = logging.getLogger(__name__)

SURROGATE_RE = re.compile("[\ud800-\udfff]")  # a lone surrogate cannot be encoded, and spaCy encodes

KINDS = frozenset({"count", "measure", "money", "duration", "percent"})
# A percentage takes only what the parse reads next to it: the noun it modifies ("a 5% pay rise"),
# "N% of X", the noun it is "of", an appositive or a label. A share's clause subject is often gapped
# or fronted ("X down 2%, Y by 3%") and the small model misreads it: with the subject patterns too,
# the strict row's fold mean was the same but one fold fell 3.2 points and the overlap mean 0.4.
# Only a later clause of a list with its own subject ("A rose 3%, B fell 2%") takes that subject.
PERCENT_PATTERNS = frozenset({"of_after", "of", "appos", "label", "list_subject"})
# A bare count (no counted noun: a level, an age, a score) takes no clause subject from the parse: a
# bare number after a preposition is often about a noun nearer to it than the clause's subject, and
# the regex's nearest noun did better on the folds (with the subject: overlap mean -0.6, two folds -1).
BARE_COUNT_SKIP = frozenset({"subject", "prep_subject"})
PRONOUN_KINDS = frozenset({"money", "measure"})


def _parsable(text: str, a: int, b: int) -> str:
    """The sentence ``text[a:b]`` as the parser reads it, the same length: a dateline blanked (no part of
    its grammar), a lone surrogate replaced (spaCy encodes its input)."""
    cut = dateline_end(text, a, b)
    return SURROGATE_RE.sub("\ufffd", " " * (cut - a) + text[cut:b])


def _wanted(f: Figure) -> bool:
    """A figure whose concept the parse may give: a checkable quantity, not an age."""
    return f.checkable and f.kind in KINDS and f.concept.split(" ", 1)[0] != "age"  # "age of …", not "agency"


def refine(text: str, figures: list[Figure]) -> list[Figure]:
    """``figures`` with the parse's concept where it has one (the same list when there is no parse)."""
    spans = sorted({(f.sentence_start, f.sentence_end) for f in figures if _wanted(f) and f.sentence_end - f.sentence_start <= parse.MAX_SENTENCE_CHARS})
    if not spans:
        return figures
    try:
        docs = parse.parse_sentences([_parsable(text, a, b) for a, b in spans])  # one for one: offsets hold
    except Exception as exc:  # a parse that fails costs the concepts it would give, never the figures
        log.warning("dependency parse failed, concepts from the regex rules: %r", exc)
        return figures
    if docs is None:
        return figures
    by_span = dict(zip(spans, docs))
    figures = [_as_stated_age(_as_group_bound(_as_name(text, f, d), by_span), by_span) for f in figures
               if not _fraction_in_a_name(f, d := by_span.get((f.sentence_start, f.sentence_end))) and not _pronoun(f, d)]
    spans_in: dict[tuple[int, int], list[tuple[int, int]]] = {}
    names_in: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
    for f in figures:
        key, span = (f.sentence_start, f.sentence_end), (f.start - f.sentence_start, f.end - f.sentence_start)
        if f.kind == "identifier":  # "Route 66", "A-10": a name, whose number is one of its words
            names_in[key] = names_in.get(key, ()) + (span,)
        else:
            spans_in.setdefault(key, []).append(span)
    out: list[Figure] = []
    renamed: dict[tuple[tuple[int, int], str], str] = {}  # a sentence's counted nouns the parse corrected
    for f in figures:
        key = (f.sentence_start, f.sentence_end)
        doc = by_span.get(key) if _wanted(f) else None
        if doc is not None:
            own = (f.start - f.sentence_start, f.end - f.sentence_start)
            others = tuple(sp for sp in spans_in[key] if sp != own)
            r = parse.reading(doc, own[0], own[1], others, names_in.get(key, ()))
            was = f.counted
            f = _with_counted(f, doc, text)
            if was and not f.counted:  # the parse read the rules' noun as the count's verb ("and 80 wounded"):
                f = replace(f, counted=implied_noun(f, out, text))  # cricket's runs, or the noun the count before it left out
            if f.counted != was and was:
                renamed[(key, was)] = f.counted
            elif was and (key, was) in renamed and parse_numbers.counted_span(doc, *own) is None:
                f = replace(f, counted=renamed[(key, was)])  # an elided noun copied before the parse corrected it
            if f.trend and f.kind == "count" and parse_numbers.particle_object(doc, f.start - f.sentence_start, f.end - f.sentence_start):
                f = replace(f, trend=None)  # "shot down a dozen drones": a phrasal verb's object, no fall
            concept = _concept(f, r) if r is not None else None
            if concept is None and f.concept and f.kind == "percent":  # a share has no deed; a count or measure keeps it ("24 cities scrapped parades")
                concept = _without_finite_verbs(f, doc, r)
            owner = parse_numbers.glued_owner(doc, *own) if f.kind == "count" and f.counted else None
            if owner is not None:
                concept = f"{parse.phrase(owner, of=False)} {f.counted}"  # "a 2,400-bed hospital": the hospital's beds
            if concept is not None and concept != f.concept:
                f = replace(f, concept=concept)
            if r is not None and r.verb:
                f = replace(f, verb=r.verb)
            picked = parse_numbers.superlative_subject(doc, *own)
            if picked:
                f = replace(f, superlative=picked)
        out.append(f)
    return out


def _with_counted(f: Figure, doc: Any, text: str) -> Figure:
    """``f`` counting the noun phrase the parse says its number counts, where the rules' counted noun
    stopped short of it ("40 new features": the rules took the noun for a verb), found none, left
    out a noun or an adjective before it ("240 armoured vehicles"), or ran past it into the verb or
    preposition after ("200 residents remain"); a rate after the noun stays ("tests a day")."""
    if f.kind != "count" or f.unit is not None:
        return f
    span = parse_numbers.counted_span(doc, f.start - f.sentence_start, f.end - f.sentence_start)
    if span is None:
        if f.counted and _read_as_verb(f, doc, text):
            return replace(f, counted="")
        return _without_trailing_verb(f, doc, text)
    noun = text[f.sentence_start + span[0] : f.sentence_start + span[1]]
    ours, theirs = f.counted.lower().split(), noun.lower().split()
    if len(theirs) > len(ours) and theirs[: len(ours)] == ours:
        return replace(f, counted=noun)
    if ours and any(theirs[k : k + len(ours)] == ours for k in range(1, len(theirs) - len(ours))):
        return replace(f, counted=noun)  # the rules' noun is the middle of the parse's phrase, cut at a participle on one side
    if RATE_END_RE.search(f.counted) or "per" in ours:
        return f
    # the longest start of ours that ends theirs: what theirs adds before it must describe, what ours
    # adds after it must be no noun
    shared = next((k for k in range(min(len(ours), len(theirs)), 0, -1) if theirs[len(theirs) - k :] == ours[:k]), 0)
    if not shared or (len(theirs) == shared and len(ours) == shared):
        return f
    if len(theirs) > shared and not _describes(doc, span[0], len(theirs) - shared):
        return f
    if len(ours) > shared:
        after = next((t for t in doc if t.idx >= span[1]), None)
        if after is None or parse_tokens.is_noun(after):
            return f  # "three course meal": the rules' longer compound stands
    return replace(f, counted=noun)


def _without_trailing_verb(f: Figure, doc: Any, text: str) -> Figure:
    """``f`` without the last word of its counted noun when the parse tags that word as a verb or an
    adjective after a noun ("thousands of dead fish washed up": the fish are counted, "washed" is
    what they did)."""
    words = f.counted.split()
    if len(words) < 2 or RATE_END_RE.search(f.counted) or "per" in words:
        return f
    prev = re.compile(rf"\b{re.escape(words[-2])}\b").search(text, f.end, f.sentence_end)  # "region's population lives"
    found = re.compile(rf"\b{re.escape(words[-1])}\b").search(text, prev.end(), f.sentence_end) if prev else None
    if found is None:
        return f
    at = sorted(parse_tokens.tokens_in(doc, found.start() - f.sentence_start, found.end() - f.sentence_start))
    if not at or at[0] == 0 or not parse_tokens.is_noun(doc[at[0] - 1]):
        return f
    word = doc[at[0]]
    # an adjective after the noun and hung from it or from the verb ("leaves 2m tenants eligible for",
    # "left homes unable to"): what holds of them, as a verb after them is what they did
    after_noun = word.tag_ == "JJ" and (word.head.i == at[0] - 1 or word.dep_ in ("oprd", "acomp", "ccomp", "xcomp"))
    if not (parse_tokens.is_verb(word) or after_noun):
        return f
    return replace(f, counted=" ".join(words[:-1]))


def _describes(doc: Any, at: int, n: int) -> bool:
    """True when the ``n`` words from character ``at`` are nouns ("bed nets") or "-ed" words the
    parse tags as adjectives ("armoured vehicles"): words the rules dropped, taking them for a
    participle ("recorded songs") or not seeing a compound; other adjectives ("other", "previous")
    the rules drop on purpose."""
    toks = [t for t in doc if t.idx >= at and t.tag_ != "HYPH"][:n]
    return len(toks) == n and all(t.tag_ in ("NN", "NNS") or t.tag_ == "JJ" and t.text.endswith("ed") for t in toks)


def _read_as_verb(f: Figure, doc: Any, text: str) -> bool:
    """True when the last word of the rules' counted noun is, in the parse, the verb the number is the
    subject of ("some 10 died"): a count with no noun of its own."""
    at = text.find(f.counted, f.end, f.sentence_end)
    if at < 0 or text[f.end : at].strip():
        return False
    last = at + len(f.counted) - 1 - f.sentence_start
    word = parse_tokens.tokens_in(doc, last, last + 1)
    number = parse_tokens.tokens_in(doc, f.start - f.sentence_start, f.end - f.sentence_start)
    # a number that modifies the word makes it a noun whatever its tag ("three tries")
    return len(word) == 1 and parse_tokens.is_verb(doc[min(word)]) and any(doc[i].head.i in word and doc[i].dep_ != "nummod" for i in number)


ORDINAL_WORD_RE = re.compile(r"(?i)(?:first|second|third|fourth|fifth|last|final|[a-z]+th)$")


def _fraction_in_a_name(f: Figure, doc: Any | None) -> bool:
    """True when a fraction word is no amount in the parse: it modifies the noun after it ("a half
    marathon", "half-time", "a third straight day") or an ordinal modifies it ("the second half").
    A plural fraction ("two-thirds") is never a name."""
    if doc is None or f.kind != "count" or f.unit is not None or f.value >= 1 or any(c.isdigit() for c in f.surface):
        return False
    if f.surface.lower().endswith("s"):
        return False  # a plural fraction has a numerator above one, so it is an amount: "a two-thirds majority"
    inside = sorted(parse_tokens.tokens_in(doc, f.start - f.sentence_start, f.end - f.sentence_start))
    if not inside:
        return False
    tok = doc[inside[-1]]
    if any(c.dep_ == "amod" and ORDINAL_WORD_RE.match(c.text) for c in tok.children):
        return True  # "the first half (of the year)": a period, not a share
    if tok.i + 1 < len(doc) and RELATIVE_RE.match(doc.text, doc[tok.i + 1].idx):
        return False  # "fell by a third last year": the noun is a time's, which the parse may hang the fraction on
    return tok.dep_ in ("amod", "compound", "nmod") and tok.head.i > tok.i and parse_tokens.is_noun(tok.head)


def _pronoun(f: Figure, doc: Any | None) -> bool:
    """True when the figure is the word "one" standing for a noun ("a new one"): it counts nothing."""
    if doc is None or f.kind != "count" or f.unit is not None or f.value != 1:
        return False
    return parse_numbers.one_as_pronoun(doc, f.start - f.sentence_start, f.end - f.sentence_start)


def _as_name(text: str, f: Figure, doc: object | None) -> Figure:
    """``f`` as a name, not checkable, when the parse reads its bare number as the label of the noun
    before it ("Windows 11", "day one") or as a model's number before its proper name ("the 787
    Dreamliner"); else ``f`` as it is."""
    if doc is None or f.kind != "count" or f.unit is not None or f.qualifier != "exact" or not f.checkable:
        return f
    own = (f.start - f.sentence_start, f.end - f.sentence_start)
    start, end = f.start, f.end
    if (after := parse_numbers.name_end(doc, *own)) is not None:
        end = f.sentence_start + after  # "the 787 Dreamliner": a model's number before its name
    elif f.counted and not OF_AFTER_RE.match(text, f.end):
        return f  # a count of a noun after it; only "of" ("Version 2 of the app") leaves the number a label
    elif (at := parse_numbers.name_start(doc, *own)) is not None:
        start = f.sentence_start + at
    else:
        return f
    v = f.value
    return replace(f, surface=text[start:end], start=start, end=end, low=v, high=v, trend=None, concept="", counted="",
                   kind="identifier", checkable=False)


OF_AFTER_RE = re.compile(r"\s+of\b")
BOUND_QUALIFIERS = frozenset({"less_than", "more_than", "at_most", "at_least"})


def _as_group_bound(f: Figure, by_span: dict[tuple[int, int], Any]) -> Figure:
    """``f`` as an age limit, not checkable, when the parse reads "under 5" as bounding a group of
    people ("children under 5"); else ``f`` as it is."""
    if f.kind != "count" or f.unit is not None or f.qualifier not in BOUND_QUALIFIERS or not f.checkable:
        return f
    doc = by_span.get((f.sentence_start, f.sentence_end))
    who = groups.bounds_people(doc, f.start - f.sentence_start, f.end - f.sentence_start) if doc is not None else ""
    if not who:
        return f
    return replace(f, unit="year", kind="duration", checkable=False, counted="", trend=None, concept=f"age {who}")


def _as_stated_age(f: Figure, by_span: dict[tuple[int, int], Any]) -> Figure:
    """``f`` as a person's or a thing's age when the parse reads a bare count as what someone "was" or
    "turned" ("she was 17 when", "he turned 40"); else ``f`` as it is."""
    if f.kind != "count" or f.unit is not None or f.counted or f.qualifier != "exact" or not f.checkable:
        return f
    doc = by_span.get((f.sentence_start, f.sentence_end))
    whose = parse_numbers.stated_age(doc, f.start - f.sentence_start, f.end - f.sentence_start) if doc is not None else None
    if whose is None:
        return f
    return replace(f, unit="year", kind="duration", counted="", trend=None, concept=f"age {whose}".strip())


def _with_predicate(f: Figure, predicate: str) -> str | None:
    """A count of people's concept with what they did or underwent after it ("people, fled homes"),
    None for a count of anything else or nothing new. Only people: a thing's own noun says what is
    counted, and a table may list a verb as a keyword ("rolled" for parade vehicles)."""
    head = f.counted.split()[-1:]
    if not predicate or not head or head[0].lower() not in groups.group_nouns()["person"]:
        return None
    have = set(f.concept.lower().split())
    extra = " ".join(w for w in predicate.split() if w.lower() not in have)
    return (f"{f.concept}, {extra}" if f.concept else extra) if extra else None


FINITE_VERB_TAGS = frozenset({"VBP", "VBZ", "VBD"})


def _tokens_by_text(doc: Any) -> dict[str, list[Any]]:
    """The sentence's tokens grouped by their text, built once per parsed sentence."""
    index = doc.user_data.get("tokens_by_text")
    if index is None:
        index = {}
        for t in doc:
            index.setdefault(t.text, []).append(t)
        doc.user_data["tokens_by_text"] = index
    return index


def _without_finite_verbs(f: Figure, doc: Any, r: parse.Reading | None) -> str | None:
    """The rules' concept without the words the parse reads as a clause's finite verb ("rents still
    sit 5% above ...": "sit" is what they do, not what the figure is about); the clause subject the
    parse found when nothing else is left; None when no word was such a verb."""
    words = f.concept.split()
    by_text = _tokens_by_text(doc)
    verbs = {w for w in words if (toks := by_text.get(w.strip(","))) and all(_heads_clause(t) for t in toks)}
    if not verbs:
        return None
    kept = " ".join(w for w in words if w not in verbs).strip(" ,")
    if not kept and r is not None and r.about and r.pattern in ("subject", "prep_subject"):
        return r.about
    return kept


def _heads_clause(tok: Any) -> bool:
    """True for a finite verb heading a clause; a noun the tagger took for a verb ("three tries")
    still has a number or an article on it, or stands as an argument."""
    if tok.tag_ not in FINITE_VERB_TAGS or tok.dep_ in ("dobj", "pobj", "compound", "attr"):
        return False
    return not any(c.dep_ in ("nummod", "det", "amod") for c in tok.children)


def _concept(f: Figure, r: parse.Reading) -> str | None:
    """The concept the parse gives ``f``, or None to keep the regex one.

    A measure: the noun it modifies, then what that is about after a comma ("bottles, shop"); else
    what the patterns found ("engine"). A count: its counted noun, then what the count is about
    ("workers, carmaker"); the counted noun itself stays the regex's (counted.py), which scored
    better on the folds than the parse's nummod head.
    """
    if r.pattern == "pronoun" and not r.noun and not r.purpose and f.kind in PRONOUN_KINDS:
        inside = set(r.clause.lower().split())
        if not any(w in inside for w in f.concept.lower().split()):
            # a pronoun's clause, and the rules took their noun from another clause: whom the pronoun stands
            # for when a source speaks of itself ("the airline said it would spend $5m"), else no concept
            return r.reporter
    if f.kind == "percent" and not r.noun and r.pattern not in PERCENT_PATTERNS:
        return None
    if f.kind == "count" and f.unit is None:
        counted = f.counted or r.noun
        if f.counted == "times":
            return None  # "three times as many tanks": a ratio, whose concept the regex reads as what is multiplied
        if f.value == 1 and r.noun and f.surface.lower().endswith("one"):
            return None  # "one of the finest arches": membership of a group, the regex's reading
        if not f.counted and r.pattern in BARE_COUNT_SKIP:
            return None
        parts = r.about.split(", ")
        rest = [p for p in parts if p.lower() != counted.lower()]
        about = " ".join(w for w in " ".join(rest).split() if w.lower() not in counted.lower().split())
        if not about and (done := _with_predicate(f, r.predicate)):
            return done
        if not about:
            return None  # nothing beyond the counted noun itself ("thousands of voters")
        if r.pattern == "of_after" and rest == parts:
            return f"{counted} {about}"  # what is counted, then what of: "new seasons drama"
        return f"{about} {counted}".strip()  # whose, then what: "carmaker workers"
    concept = (f"{r.noun}, {r.about}" if r.about and r.about.lower() not in r.noun.lower() else r.noun) if r.noun else r.about
    if concept and r.purpose and r.purpose.lower() not in concept.lower():
        concept = f"{concept}, {r.purpose}"  # "Tickets, children": the price is for children
    if not concept and f.kind == "duration":
        return r.purpose or None  # "eight years in prison": a term, and only what it is for
    return concept or None
