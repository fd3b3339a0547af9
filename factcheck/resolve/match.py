"""Figure → ranked candidate metrics and their references; never a forced match.

A metric is scored by its keywords (synonyms live in the data, ``;``-separated) against the
figure's concept (weight 3), the clause it stands in (2), the rest of its sentence (1) and the
sentence before it (0.5), each keyword weighted by how rare it is among metrics, so "vehicles"
outweighs "parade"; the word right after the number (what it counts) ranks first.

What keeps a match from being forced, each a filter in ``rank_metrics``:

- the unit's dimension (a length never matches a count; unit names are never keywords);
- the article must name the metric's entity (Moscow, Wagner, Bakhmut) somewhere;
- a count's noun ("23 people") must be one the metric counts, if any metric counts it;
- a concept must meet the metric's keywords, and one shared word needs a second one or a
  word of the label nearby; the words a table marks as context (``~people``) never match alone;
- among metrics about one entity (Wagner dead / wounded), the figure's own clause must say which.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from factcheck.figures import Figure, Reference
from factcheck.extract.comparison import OPENS_CLAUSE_RE
from factcheck.extract.sentences import MAX_SENTENCE
from factcheck.resolve.events import contradicted, verb_words
from factcheck.resolve.names import article_names, metric_names, metric_places, places_named, store_vocabulary
from factcheck.resolve.wording import GENERIC, WORD_RE, stem, words
from factcheck.store.db import MetricRow, context_keywords, metric_keywords
from factcheck.units import is_known_unit, same_dimension

CONCEPT_W = 3.0
CLAUSE_W = 2.0
SENTENCE_W = 1.0
PREVIOUS_W = 0.5
LABEL_W = 1.0  # times the share of the label's words in the sentence: a tie-breaker, never a match on its own
MIN_SCORE = 0.5  # below this a metric is not a candidate at all
FUZZY_MIN = 88  # rapidfuzz ratio for two word stems to count as the same word (armored/armoured)

# Clause boundaries inside a sentence: punctuation and the conjunctions that start a new claim.
_CLAUSE_BREAK = re.compile(
    r"""
    [,;:](?=\s) | [—–]                    # punctuation before a space (not "20,000"; not brackets: "3 km [1.9 mi] wide" is one clause)
    | \s(?:and|but|while|whereas|before|after|when|where|which|who|yet)\s   # a new clause
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _has_phrase(phrase: list[str], bag: set[str]) -> bool:
    """True when every word of a (stemmed) keyword phrase is in the bag, fuzzily."""
    for p in phrase:
        if p in bag:
            continue
        if len(p) >= 5 and any(_close(p, b) for b in bag):
            continue
        return False
    return True


@lru_cache(maxsize=65536)
def _close(a: str, b: str) -> bool:
    """Two long stems spelled nearly alike (armored/armoured)."""
    return len(b) >= 5 and abs(len(a) - len(b)) <= 2 and fuzz.ratio(a, b) >= FUZZY_MIN


def count_unit(unit: str | None) -> str | None:
    """A unit pint does not know ("vehicles", "persons") is a plain count."""
    if not unit or not is_known_unit(unit):
        return None
    return unit


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
    places: frozenset[str] = frozenset()  # the countries the article names, by any form (ISO codes)
    events: frozenset[str] = frozenset()  # stems of the clause's verbs: which event it speaks of (held, scrapped)


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
        places=places_named(text),
        events=frozenset(stem(w) for w in verb_words(clause)),
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
    ('vehicle', 'troop', '', 'official')
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


@dataclass
class Candidate:
    """A metric the figure may be about, its score and the keywords that matched where."""

    metric: MetricRow
    score: float
    hits: dict[str, str] = field(default_factory=dict)  # keyword → where it matched
    concept_hit: bool = False
    follow_hit: bool = False  # a keyword is the noun right after the number
    stems: set[str] = field(default_factory=set)  # the words of every keyword that matched
    gains: dict[str, float] = field(default_factory=dict)  # keyword → what it added to the score


@lru_cache(maxsize=65536)
def _context_stems(keywords: str) -> frozenset[str]:
    """The stems of the keywords a table marks as context (``~people``), by the keywords' text."""
    probe = MetricRow(key="", label="", keywords=keywords)
    return frozenset(w for kw in context_keywords(probe) for w in (words(kw) or [stem(x) for x in kw.split()]))


def context_stems(m: MetricRow) -> frozenset[str]:
    """Words too general to identify this metric alone ("people", "parade"), as its table marks them."""
    return _context_stems(m.keywords)


def has_context(cand: Candidate, ctx: Context) -> bool:
    """Does more than the counted noun fit? ("troops" and "marched", or "troops" and the entity's "parade")

    One shared word ("people", "cities") is not enough to say a figure is about this metric:
    a second keyword, or a word of the metric's label or entity, must appear around it.
    """
    if not cand.stems - context_stems(cand.metric):
        return False  # "5 people ... at the parade": only the table's context words fit
    if len(cand.stems) >= 2:
        return True
    m = cand.metric
    own = set(words(m.label)) | set(words(m.entity))
    around = ctx.concept | ctx.sentence | ctx.previous | ctx.headline | ctx.article
    return bool((own - cand.stems) & around)


@lru_cache(maxsize=1)
def unit_phrases() -> frozenset[tuple[str, ...]]:
    """Unit names as stemmed phrases ("kilometres", "sq km"): never evidence of what is measured."""
    from factcheck.extract.unit_aliases import load_aliases

    return frozenset(tuple(words(a.alias)) for a in load_aliases() if words(a.alias))


@lru_cache(maxsize=8)
def article_words(text: str) -> frozenset[str]:
    """Every stemmed word of an article, for asking whether it names an entity at all."""
    return frozenset(words(text))


def keyword_weights(metrics: list[MetricRow]) -> dict[str, float]:
    """Each keyword's rarity among metrics (0.5 for one in every metric, up to 1.5)."""
    n = max(1, len(metrics))
    df: dict[str, int] = {}
    for m in metrics:
        for k in set(metric_keywords(m)):
            df[k] = df.get(k, 0) + 1
    return {k: 0.5 + math.log(1 + n / c) / math.log(1 + n) for k, c in df.items()}


def rank_metrics(fig: Figure, ctx: Context, metrics: list[MetricRow]) -> list[Candidate]:
    """Metrics the figure could be about, best first; only those of the figure's dimension.

    ``ctx`` is the figure's ``context_of``, read once with it (``resolve.reading``).
    """
    weights = keyword_weights(metrics)
    concept_informative = bool(ctx.concept)
    heads = counted_nouns(metrics)
    siblings = sibling_phrases(metrics)
    vocabulary = frozenset(w for m in metrics for p in phrases_of(m) for w in p)
    by_entity: dict[str, set[str]] = {}
    for m in metrics:
        by_entity.setdefault(m.entity, set()).update(w for p in phrases_of(m) for w in p)
    common = store_vocabulary(metrics)
    out: list[Candidate] = []
    for m in metrics:
        if not same_dimension(count_unit(fig.unit), count_unit(m.unit)):
            continue
        cand = Candidate(metric=m, score=0.0)
        seen: set[tuple[str, ...]] = set()
        for kw in metric_keywords(m):
            phrase = words(kw) or [stem(w) for w in kw.split()]
            if not phrase or tuple(phrase) in seen or tuple(phrase) in unit_phrases():
                continue  # "tank" and "tanks" count once; "kilometres" says nothing of what is measured
            seen.add(tuple(phrase))
            for where, bag, w in (
                ("concept", ctx.concept, CONCEPT_W),
                ("clause", ctx.clause, CLAUSE_W),
                ("sentence", ctx.sentence, SENTENCE_W),
                ("previous sentence", ctx.previous, PREVIOUS_W),
                ("headline", ctx.headline, 0.0),
            ):
                if where in ("concept", "clause") and ctx.head in phrase and _has_phrase(phrase, ctx.follow):
                    cand.follow_hit = True
                    cand.concept_hit = True  # the noun after the number is the concept, whatever the extractor guessed
                if where in ("concept", "clause") and ctx.head and set(phrase) <= ctx.modifiers:
                    continue  # "Russians" meets only the modifier of "8,000 Russian troops": no evidence of what is counted
                if _has_phrase(phrase, bag):
                    # a modifier in a keyword phrase ("Russian troops") adds nothing beyond its head
                    size = len([p for p in phrase if p not in ctx.modifiers]) if where in ("concept", "clause") else len(phrase)
                    gain = w * weights.get(kw, 1.0) * max(1, size) ** 0.5
                    cand.score += gain
                    cand.gains[kw] = gain
                    cand.hits[kw] = where
                    cand.stems.update(phrase)
                    if where == "concept":
                        cand.concept_hit = True
                    break
        # the metric's own label words count a little: "fighters killed at Bakhmut" vs "men lost where ..."
        label_words = set(words(m.label))
        if label_words:
            cand.score += LABEL_W * len(label_words & (ctx.concept | ctx.sentence)) / len(label_words)
        names = metric_names(m, common) if m.entity else set()
        if names and not names & ctx.names and not metric_places(m) & ctx.places:
            continue  # the article never names what this metric is about (Moscow, Wagner, Bakhmut)
        if count_unit(fig.unit) is None and ctx.head in heads and not cand.follow_hit:
            continue  # "23 people": the number counts a thing some metric names, and not this one
        if not says_which(cand, siblings.get(m.key, []), metric_names(m, common)):
            continue  # "his 50,000 fighters out of Bakhmut": fighters and place, but killed or wounded?
        if event_rival(m, ctx, siblings.get(m.key, [])):
            continue  # the clause's verb is a sibling's event (cancelled, not held; wounded, not killed)
        if event_elsewhere(m, ctx, vocabulary - by_entity.get(m.entity, set())):
            continue  # the clause's verb is another table's event and none of this one's ("wounded 87 more")
        if cand.score >= MIN_SCORE and cand.hits and has_context(cand, ctx):
            out.append(cand)
    # A concept that names what is counted ("runners", "former Soviet republics") must be
    # matched by the metric's keywords: the words around it never force a match on their own.
    # For a measure the unit already says much of what it is, and its concept is often a
    # place or a topic ("Ukraine"): concept matches are preferred, not required.
    if concept_informative and (count_unit(fig.unit) is None or any(c.concept_hit for c in out)):
        out = [c for c in out if c.concept_hit]
    out = [c for c in out if any(w != "headline" for w in c.hits.values())]
    discount_background(out)
    out.sort(key=lambda c: (not c.follow_hit, -c.score, c.metric.key))
    return out


OWN_WORDS = ("concept", "clause")  # where a keyword speaks of the figure itself, not of its surroundings


def discount_background(cands: list[Candidate]) -> None:
    """Between two tables of one entity that the figure's own words fit alike, words around it do not choose.

    "N fighters had been killed", after a sentence about the former prisoners among the dead:
    the clause fits the dead and the prisoners among them equally, and "prisoners" stands only
    in the sentence before. A table's keyword that its sibling lacks and that matched only
    outside the figure's clause is taken off its score, so the subset does not win on the
    surroundings; its own clause must name it ("N former prisoners").
    """
    own = {id(c): frozenset(tuple(words(k)) for k, w in c.hits.items() if w in OWN_WORDS) for c in cands}
    for a in cands:
        for b in cands:
            if b is a or b.metric.entity != a.metric.entity or not a.metric.entity or own[id(a)] != own[id(b)]:
                continue
            theirs = phrases_of(b.metric)
            for kw, where in list(a.hits.items()):
                if where not in OWN_WORDS and tuple(words(kw)) not in theirs and kw in a.gains:
                    a.score -= a.gains.pop(kw)


def phrases_of(m: MetricRow) -> frozenset[tuple[str, ...]]:
    """A metric's keywords as stemmed phrases."""
    return _keyword_phrases(m.keywords)


@lru_cache(maxsize=65536)
def _keyword_phrases(keywords: str) -> frozenset[tuple[str, ...]]:
    """``phrases_of`` by the keywords' text, so each metric's phrases are stemmed once per process."""
    kws = [k.strip().lower() for k in keywords.split(";") if k.strip()]
    return frozenset(tuple(words(kw) or [stem(w) for w in kw.split()]) for kw in kws)


def sibling_phrases(metrics: list[MetricRow]) -> dict[str, list[frozenset[tuple[str, ...]]]]:
    """For each metric, the keyword phrases of the other metrics about the same entity, in the same unit dimension."""
    groups: dict[tuple[str, str], list[MetricRow]] = {}
    for m in metrics:
        if m.entity:
            dim = "count" if count_unit(m.unit) is None else str(count_unit(m.unit))
            groups.setdefault((m.entity, dim), []).append(m)
    out: dict[str, list[frozenset[tuple[str, ...]]]] = {}
    for group in groups.values():
        for m in group:
            out[m.key] = [phrases_of(o) for o in group if o.key != m.key]
    return out


def says_which(cand: Candidate, siblings: list[frozenset[tuple[str, ...]]], names: set[str]) -> bool:
    """Among metrics about the same thing (Wagner dead, wounded, convicts dead), do the figure's own words pick this one?

    A keyword in the concept or clause counts when it is not a name and some sibling lacks it
    ("killed" tells dead from wounded; "fighters" and "Bakhmut" tell nothing).
    """
    if not siblings:
        return True
    for kw, where in cand.hits.items():
        if where not in ("concept", "clause"):
            continue
        phrase = tuple(words(kw) or [stem(w) for w in kw.split()])
        if set(phrase) <= names:
            continue
        if any(phrase not in sib for sib in siblings):
            return True
    return False


def event_rival(m: MetricRow, ctx: Context, siblings: list[frozenset[tuple[str, ...]]]) -> bool:
    """Does the figure's clause speak of another event than this metric's, among metrics counting the same noun?"""
    if not ctx.head or not ctx.events:
        return False
    own = {w for p in phrases_of(m) for w in p}
    rivals = [r for r in ({w for p in sib for w in p} for sib in siblings) if ctx.head in r and ctx.head in own]
    return contradicted(own, rivals, set(ctx.events))


def event_elsewhere(m: MetricRow, ctx: Context, vocabulary: frozenset[str]) -> bool:
    """Is the clause's verb an event word of tables about other entities, and none of this table's?

    A figure's own clause says what happened to what it counts ("wounded 87 more"): a table
    whose words hold none of the clause's verbs while another subject's tables do is not about
    it. Tables about the same entity share their events ("rolled" for tanks and vehicles alike);
    among those the sibling rule (``event_rival``) decides.
    """
    if not ctx.events:
        return False
    own = {w for p in phrases_of(m) for w in p}
    events = set(ctx.events)
    return not (events & own) and bool(events & (vocabulary - own))


def counted_nouns(metrics: list[MetricRow]) -> frozenset[str]:
    """Every word that opens a keyword of some metric: the things our metrics count ("people", "tank", "Russian")."""
    out: set[str] = set()
    for m in metrics:
        for kw in metric_keywords(m):
            phrase = words(kw)
            if phrase and tuple(phrase) not in unit_phrases():
                out.add(phrase[0])
    return frozenset(out)


def closest_metrics(ctx: Context, metrics: list[MetricRow], n: int = 3) -> list[MetricRow]:
    """The metrics nearest to a figure, of any dimension (for "closest: …"): sharing a keyword with its own clause.

    Words of the rest of the sentence or of labels alone ("since", "anniversary") name nothing close.
    """
    bag = (ctx.concept | ctx.clause | ctx.follow) - ctx.modifiers  # "Russian" in "Russian regions" names nothing close
    scored = []
    for m in metrics:
        s = sum(1 for kw in metric_keywords(m) for w in set(words(kw)) if w in bag - context_stems(m))
        if s:
            scored.append((s, m.key, m))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [m for _, _, m in scored[:n]]


def references_for(metric_key: str, year: int | None, references: list[Reference]) -> list[Reference]:
    """All references of a metric for a year (timeless rows, year None, fit any year)."""
    return [r for r in references if r.metric == metric_key and (r.year is None or year is None or r.year == year)]


def years_of(metric_key: str, references: list[Reference]) -> list[int]:
    """The years a metric has references for, ascending."""
    return sorted({r.year for r in references if r.metric == metric_key and r.year is not None})
