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
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from factcheck.memo import last_call
from factcheck.figures import Figure, Reference
from factcheck.resolve.aims import aim_in
from factcheck.resolve.context import Context
from factcheck.resolve.events import contradicted
from factcheck.resolve.names import distinctive_marks, metric_names, metric_places, name_keywords, store_vocabulary, where_names
from factcheck.resolve.wording import stem, words
from factcheck.store.db import MetricRow, context_keywords, metric_keywords
from factcheck.units import is_known_unit, same_dimension

CONCEPT_W = 3.0
CLAUSE_W = 2.0
SENTENCE_W = 1.0
PREVIOUS_W = 0.5
LABEL_W = 1.0  # times the share of the label's words in the sentence: a tie-breaker, never a match on its own
MIN_SCORE = 0.5  # below this a metric is not a candidate at all
FUZZY_MIN = 88  # rapidfuzz ratio for two word stems to count as the same word (armored/armoured)

@lru_cache(maxsize=65536)
def _close(a: str, b: str) -> bool:
    """Two long stems spelled nearly alike (armored/armoured)."""
    return len(b) >= 5 and abs(len(a) - len(b)) <= 2 and fuzz.ratio(a, b) >= FUZZY_MIN


def count_unit(unit: str | None) -> str | None:
    """A unit pint does not know ("vehicles", "persons") is a plain count."""
    if not unit or not is_known_unit(unit):
        return None
    return unit


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


def has_context(cand: Candidate, ctx: Context, where: frozenset[str] = frozenset(), near_only: bool = False) -> bool:
    """Does more than the counted noun fit? ("troops" and "marched", or "troops" and the entity's "parade")

    One shared word ("people", "cities") is not enough to say a figure is about this metric:
    a second keyword, or a word of the metric's label or entity, must appear around it. The
    stems ``where`` of the table's names that only say where ("moscow", "red", "square") are no such
    word: "Moscow sent 2,000 soldiers to the border" is no count of the parade's troops. With
    ``near_only`` (``turns_away``) only the figure's own sentence may supply that word.
    """
    hits = {kw: at for kw, at in cand.hits.items() if not near_only or at in NEAR_WORDS}
    stems = cand.stems if not near_only else {w for kw in hits for w in words(kw)}
    general = context_stems(cand.metric)
    if not stems - general:
        return False  # "5 people ... at the parade": only the table's context words fit
    counted = [kw for kw, at in hits.items() if at == "concept"]
    if counted and all(set(words(kw)) <= general for kw in counted) and other_doing(cand, ctx, general):
        return False  # "N people carry portraits", with "marched" only in another clause: people, but which?
    if len(stems - where) >= 2:
        return True
    m = cand.metric
    own = set(words(m.label)) | set(words(m.entity))
    around = ctx.concept | ctx.sentence if near_only else ctx.concept | ctx.sentence | ctx.previous | ctx.headline | ctx.article
    return bool((own - stems - where) & around)


NEAR_WORDS = ("concept", "clause", "sentence")  # where a keyword stands in the figure's own sentence


def context_only_nearby(c: Candidate) -> str:
    """The context keyword that is all the figure's own sentence says of the table ("banks"), when the
    table's names stand only further off (a headline, the sentence before); "" otherwise. A context
    word supports a match and never makes one alone: next to the figure it may be another thing's word
    ("the Development Bank's lending rate" after a story on mortgage rates)."""
    near = [kw for kw, at in c.hits.items() if at in NEAR_WORDS]
    general = context_stems(c.metric)
    if not near or any(set(words(kw)) - general for kw in near):
        return ""
    return near[0]


def turns_away(ctx: Context, entity_words: set[str]) -> bool:
    """Does the figure's own clause do something none of its entity's tables ever names?

    "Russia has also moved 5,000 troops to Belgorod", in an article about a parade: the verb the
    count is the subject or object of (``Figure.verb``, from the parse) is no event of the parade's
    tables (marched, took part, rolled), so the sentence has turned to another subject, and the
    parade named in the headline or the sentence before is no evidence of what it counts. A clause
    that goes on through a pronoun, links or reports has no such verb and keeps its surroundings.
    """
    return bool(ctx.deed) and not ctx.deed & entity_words


def other_doing(cand: Candidate, ctx: Context, general: frozenset[str]) -> bool:
    """Does the figure's own clause say its (generic) counted noun does something this table never names?

    "up to a million people usually carry portraits": the clause has its own verb, none of the
    table's words, and no identifying keyword of the table is in the clause; the table's words
    elsewhere in the sentence then speak of something else. A clause with no verb of its own
    ("with 16,000 personnel on parade") still takes its sentence's words.
    """
    events = ctx.events | ctx.deed
    if not events:
        return False
    own = {w for p in phrases_of(cand.metric) for w in p}
    if events & own:
        return False
    return not any(not set(words(kw)) <= general for kw, where in cand.hits.items() if where in OWN_WORDS)


@lru_cache(maxsize=1)
def unit_phrases() -> frozenset[tuple[str, ...]]:
    """Unit names as stemmed phrases ("kilometres", "sq km"): never evidence of what is measured."""
    from factcheck.extract.unit_aliases import load_aliases

    return frozenset(tuple(words(a.alias)) for a in load_aliases() if words(a.alias) and not a.standard)


def keyword_weights(metrics: list[MetricRow]) -> dict[str, float]:
    """Each keyword's rarity among metrics (0.5 for one in every metric, up to 1.5)."""
    n = max(1, len(metrics))
    df: dict[str, int] = {}
    for m in metrics:
        for k in set(metric_keywords(m)):
            df[k] = df.get(k, 0) + 1
    return {k: 0.5 + math.log(1 + n / c) / math.log(1 + n) for k, c in df.items()}


@dataclass(frozen=True)
class MetricTable:
    """What ranking needs of a list of metrics, worked out once per list rather than once per figure."""

    weights: dict[str, float]
    heads: frozenset[str]
    siblings: dict[str, list[frozenset[tuple[str, ...]]]]
    vocabulary: frozenset[str]
    by_entity: dict[str, set[str]]
    keywords: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]  # metric → (keyword, stemmed phrase), units out
    label_words: dict[str, frozenset[str]]
    names: dict[str, set[str]]
    where: dict[str, frozenset[str]]  # the stems of the names that only say where (entity's, context names): never what
    places: dict[str, frozenset[str]]
    own_marks: dict[str, frozenset[str]]  # entity → the names and unit numbers only it has ("72nd")
    rows: tuple[tuple[MetricRow, str, str, str | None], ...]  # (metric, key, entity, count unit), attributes read once
    phrase_words: frozenset[str]  # every word of every kept keyword phrase
    long_words: frozenset[str]  # those long enough to be matched fuzzily
    closeness: dict[str, tuple[tuple[str, ...], ...]]  # metric → the words of each keyword, context words out
    by_word: dict[str, tuple[tuple[str, int], ...]]  # keyword word → (metric, phrase position) of the phrases holding it
    row_at: dict[str, tuple[int, ...]]  # metric key → its places in ``rows``: visit only the reachable ones, in the data's order


_TABLES: dict[tuple[tuple[str, ...], ...], MetricTable] = {}


@last_call  # one check passes the same list for every figure
def metric_table(metrics: list[MetricRow]) -> MetricTable:
    """The prepared ``MetricTable`` of ``metrics`` (kept for the last few lists seen; lists are not changed in place)."""
    sig = tuple((m.key, m.label, m.unit, m.keywords, m.entity, m.description) for m in metrics)
    table = _TABLES.get(sig)
    if table is None:
        if len(_TABLES) >= 16:
            _TABLES.clear()
        table = _TABLES[sig] = _prepare(metrics)
    return table


def _prepare(metrics: list[MetricRow]) -> MetricTable:
    """Build a ``MetricTable``: keyword rarities, counted nouns, siblings, names and each metric's phrases."""
    by_entity: dict[str, set[str]] = {}
    for m in metrics:
        by_entity.setdefault(m.entity, set()).update(w for p in phrases_of(m) for w in p)
    common = store_vocabulary(metrics)
    keywords: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for m in metrics:
        seen: set[tuple[str, ...]] = set()
        kept: list[tuple[str, tuple[str, ...]]] = []
        for kw in metric_keywords(m):
            phrase = tuple(words(kw) or [stem(w) for w in kw.split()])
            if not phrase or phrase in seen or phrase in unit_phrases():
                continue  # "tank" and "tanks" count once; "kilometres" says nothing of what is measured
            seen.add(phrase)
            kept.append((kw, phrase))
        keywords[m.key] = tuple(kept)
    return MetricTable(
        weights=keyword_weights(metrics),
        heads=counted_nouns(metrics),
        siblings=sibling_phrases(metrics),
        vocabulary=frozenset(w for m in metrics for p in phrases_of(m) for w in p),
        by_entity=by_entity,
        keywords=keywords,
        label_words={m.key: frozenset(words(m.label)) for m in metrics},
        names={m.key: metric_names(m, common) for m in metrics},
        where={m.key: where_names(m, common) for m in metrics},
        places={m.key: metric_places(m) for m in metrics},
        own_marks=distinctive_marks([m.entity for m in metrics], common),
        rows=tuple((m, m.key, m.entity, count_unit(m.unit)) for m in metrics),
        phrase_words=frozenset(w for kept in keywords.values() for _, p in kept for w in p),
        long_words=frozenset(w for kept in keywords.values() for _, p in kept for w in p if len(w) >= 5),
        by_word=_by_word(keywords),
        row_at=_row_at(metrics),
        closeness={
            m.key: tuple(tuple(w for w in set(words(kw)) if w not in context_stems(m)) for kw in metric_keywords(m))
            for m in metrics
        },
    )


def _row_at(metrics: list[MetricRow]) -> dict[str, tuple[int, ...]]:
    """Each metric key's positions in the list (one, unless a list repeats a key)."""
    out: dict[str, list[int]] = {}
    for i, m in enumerate(metrics):
        out.setdefault(m.key, []).append(i)
    return {k: tuple(v) for k, v in out.items()}


def _by_word(keywords: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Each keyword word → the (metric, position) of every kept keyword phrase that uses it."""
    out: dict[str, set[tuple[str, int]]] = {}
    for key, kept in keywords.items():
        for i, (_, phrase) in enumerate(kept):
            for w in phrase:
                out.setdefault(w, set()).add((key, i))
    return {w: tuple(sorted(ids)) for w, ids in out.items()}


@lru_cache(maxsize=1 << 16)
def _close_words(word: str, vocabulary: frozenset[str]) -> frozenset[str]:
    """The words of ``vocabulary`` spelled nearly like ``word`` (armored/armoured)."""
    return frozenset(v for v in vocabulary if _close(v, word))


def present_words(table: MetricTable, bag: frozenset[str]) -> frozenset[str]:
    """The keyword words a bag holds, exactly or (long ones) fuzzily: a phrase outside them can match nowhere."""
    found = set(bag & table.phrase_words)
    for b in bag:
        if len(b) >= 5 and b not in table.phrase_words:
            found |= _close_words(b, table.long_words)
    return frozenset(found)


def rank_metrics(fig: Figure, ctx: Context, metrics: list[MetricRow]) -> list[Candidate]:
    """Metrics the figure could be about, best first; only those of the figure's dimension.

    ``ctx`` is the figure's ``context_of``, read once with it (``resolve.reading``).
    """
    table = metric_table(metrics)
    concept_informative = bool(ctx.concept)
    # each bag as the keyword words it holds (exactly or fuzzily): a phrase is in a bag when all its words are
    bags: tuple[tuple[str, frozenset[str], float], ...] = (
        ("concept", present_words(table, frozenset(ctx.concept)), CONCEPT_W),
        ("clause", present_words(table, frozenset(ctx.clause)), CLAUSE_W),
        ("sentence", present_words(table, frozenset(ctx.sentence)), SENTENCE_W),
        ("previous sentence", present_words(table, frozenset(ctx.previous)), PREVIOUS_W),
        ("headline", present_words(table, frozenset(ctx.headline)), 0.0),
    )
    follow = present_words(table, frozenset(ctx.follow))
    present = frozenset().union(*(bag for _, bag, _ in bags), follow)
    around = ctx.concept | ctx.sentence
    unit = count_unit(fig.unit)
    out: list[Candidate] = []
    # the keyword phrases all of whose words are among the figure's: no other can be in any bag
    reachable: dict[str, set[int]] = {}
    for word in present:
        for key, i in table.by_word.get(word, ()):
            reachable.setdefault(key, set()).add(i)
    if aim_in(ctx.concept):
        return []  # "the parade's target was 12,000 troops": a value planned, not one any table holds
    for at in sorted(i for key in reachable for i in table.row_at[key]):  # no other metric has a keyword here
        m, key, entity, m_unit = table.rows[at]
        if not same_dimension(unit, m_unit):
            continue  # another dimension
        cand = Candidate(metric=m, score=0.0)
        kept = table.keywords[key]
        for i in sorted(reachable[key]):  # in the data's order: the first hits explain the match
            kw, phrase = kept[i]
            if not present.issuperset(phrase):
                continue  # only some of its words are here
            for where, bag, w in bags:
                if where in OWN_WORDS and ctx.head in phrase and follow.issuperset(phrase):
                    cand.follow_hit = True
                    cand.concept_hit = True  # the noun after the number is the concept, whatever the extractor guessed
                if where in OWN_WORDS and ctx.head and set(phrase) <= ctx.modifiers:
                    continue  # "Russians" meets only the modifier of "8,000 Russian troops": no evidence of what is counted
                if bag.issuperset(phrase):
                    # a modifier in a keyword phrase ("Russian troops") adds nothing beyond its head
                    size = len([p for p in phrase if p not in ctx.modifiers]) if where in OWN_WORDS else len(phrase)
                    gain = w * table.weights.get(kw, 1.0) * max(1, size) ** 0.5
                    cand.score += gain
                    cand.gains[kw] = gain
                    cand.hits[kw] = where
                    cand.stems.update(phrase)
                    if where == "concept":
                        cand.concept_hit = True
                    break
        # the metric's own label words count a little: "fighters killed at Bakhmut" vs "men lost where ..."
        if not cand.hits:
            continue  # no keyword anywhere near it
        label_words = table.label_words[key]
        if label_words:
            cand.score += LABEL_W * len(label_words & around) / len(label_words)
        names = table.names[key] if entity else set()
        if names and not names & ctx.names and not table.places[key] & ctx.places:
            continue  # the article never names what this metric is about (Moscow, Wagner, Bakhmut)
        if any(not (region & table.names[key]) for region in ctx.regions):
            continue  # "In the Belgorod region, 12 towns called off ...": that region's, not the table's whole
        if another_entity_named(entity, ctx.sentence_marks, table.own_marks):
            continue  # "the 3rd Assault Brigade pushed them back along a 3 km front": not the 72nd brigade's gap
        if unit is not None and not same_dimension(unit, "year") and set(cand.hits) <= {k.lower() for k in name_keywords(m.keywords)}:
            continue  # "the Bakhmut front is 30 km long": a name says where or whose, never what a length measures
        if unit_not_named(entity, ctx.sentence_marks | ctx.previous_marks, table.own_marks):
            continue  # "over 3 km of ground was retaken": nothing says it is the 72nd brigade's
        if unit is None and ctx.head in table.heads and not cand.follow_hit:
            continue  # "23 people": the number counts a thing some metric names, and not this one
        if not says_which(cand, table.siblings.get(key, []), table.names[key]):
            continue  # "his 50,000 fighters out of Bakhmut": fighters and place, but killed or wounded?
        if event_rival(m, ctx, table.siblings.get(key, [])):
            continue  # the clause's verb is a sibling's event (cancelled, not held; wounded, not killed)
        if event_elsewhere(m, ctx, table.vocabulary - table.by_entity.get(entity, set())):
            continue  # the clause's verb is another table's event and none of this one's ("wounded 87 more")
        if part_of_joint_event(m, ctx, table.vocabulary):
            continue  # "killed or wounded": the figure counts both events, this table only one
        near_only = turns_away(ctx, table.by_entity.get(entity, set()))
        if cand.score >= MIN_SCORE and cand.hits and has_context(cand, ctx, table.where[key], near_only):
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


def another_entity_named(entity: str, said: frozenset[str], own_marks: dict[str, frozenset[str]]) -> bool:
    """True when the figure's sentence names the number of a unit only another table's entity has
    ("3rd" of the 3rd Assault Brigade) and nothing only this metric's entity has: the sentence is
    about that other unit. A name alone ("the Second World War") may be mere background."""
    mine = own_marks.get(entity, frozenset())
    if not mine or mine & said:
        return False
    return any(m[:1].isdigit() for e, ms in own_marks.items() if e != entity for m in ms & said)


def unit_not_named(entity: str, said: frozenset[str], own_marks: dict[str, frozenset[str]]) -> bool:
    """True when the metric's entity is a unit designated by a number ("72nd brigade") and neither
    the figure's sentence nor the one before names any of its own marks: an article about the
    same battle is not yet about that unit."""
    mine = own_marks.get(entity, frozenset())
    return any(m[:1].isdigit() for m in mine) and not mine & said


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


def part_of_joint_event(m: MetricRow, ctx: Context, vocabulary: frozenset[str]) -> bool:
    """Does the clause join two events ("killed or wounded") of which this table counts only one?

    Both verbs must be event words of the store (so "rose and fell" of a price, which no table
    names, decides nothing); a table whose words hold both ("killed or wounded") counts the union.
    """
    joint = ctx.joint_events & vocabulary
    if len(joint) < 2:
        return False
    own = {w for p in phrases_of(m) for w in p}
    return bool(joint & own) and not joint <= own


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
    table = metric_table(metrics)
    scored = []
    for m, key, _, _ in table.rows:
        s = sum(1 for kw_words in table.closeness[key] for w in kw_words if w in bag)
        if s:
            scored.append((s, key, m))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [m for _, _, m in scored[:n]]


def turned_from(ctx: Context, metrics: list[MetricRow], m: MetricRow) -> bool:
    """Has the figure's clause turned from ``m``'s entity to a deed none of its tables names (``turns_away``)?"""
    return turns_away(ctx, metric_table(metrics).by_entity.get(m.entity, set()))


def references_for(metric_key: str, year: int | None, references: list[Reference]) -> list[Reference]:
    """All references of a metric for a year (timeless rows, year None, fit any year)."""
    return [r for r in references if r.metric == metric_key and (r.year is None or year is None or r.year == year)]


def years_of(metric_key: str, references: list[Reference]) -> list[int]:
    """The years a metric has references for, ascending."""
    return sorted({r.year for r in references if r.metric == metric_key and r.year is not None})
