"""Which statistic a figure states, read from the store's own words for each table, never from code.

A statistic here is a metric stored for many entities (population, GDP, inflation by country):
its metric row names no default entity and its values cover several. Each metric speaks through phrases taken from its
label (split at commas and brackets) and its ``;``-separated synonyms. For one figure:

- the words of its own stretch of sentence (from the figure before it to the figure after it)
  are searched for every metric's phrases;
- a metric is *supported* by its phrases found there, and *contradicted* by another metric's
  phrase found there that is not its own and not inside one of its own matches ("GDP" inside
  "GDP per capita" speaks for the per-capita table, not against it);
- the figure's unit must have the metric's dimension; a bare number may stand for the metric's
  unit only when its stretch names that unit ("GNI per capita (international $) ... was 7,845");
- a figure far outside every value the table holds (by a factor of 1,000) is not about it;
- a change ("rose by 916") is not a level, except of a percentage table.

Exactly one supported, uncontradicted metric, ahead of the next by a clear margin, is the
reading; anything else is an abstention with the reason, so the judge says "no source"
instead of guessing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.memo import last_call
from factcheck.extract.concept import STOP
from factcheck.extract.groups import group_nouns
from factcheck.extract.patterns import TREND_BEFORE_RE
from factcheck.extract.numbers import word_number_re
from factcheck.figures import Figure
from factcheck.resolve.aims import aimed_at
from factcheck.resolve.match import count_unit
from factcheck.resolve.statistic_names import RAW_WORD, name_holding
from factcheck.resolve.name_object import frame_verb
from factcheck.resolve.statistic_phrases import CLOSED_CLASS, MODALS, SAYING, VALUE_NOUNS, context_phrases_of, names, phrases, qualifiers
from factcheck.resolve.statistic_spans import CLAUSE_BREAK, find_phrase, scattered
from factcheck.resolve.statistic_shares import SHARE_STEMS, SHARE_WORDS, said_by_base, amount_of_other, counts_other, described_share, holds_share, measures_other, people_share, table_words, value_named_before
from factcheck.resolve.statistic_units import LABEL_SPLIT, PER_N_RE, acronyms, other_base, plausible, said_by_measure, said_in, says_how, says_per_n, spelled_out, unit_fits
from factcheck.resolve.wording import EVERYONE, GENERIC, compound_parts, noun_form, only_adjective, stem, words
from factcheck.store.db import MetricRow
from factcheck.units import same_dimension

MARGIN = 1.25  # the best metric's support must exceed the runner-up's by this factor





# What a rate is per: "per 100,000 inhabitants", "for every 1,000 residents".
_RATE_BASE_RE = re.compile(r"\b(?:per|for\s+every|for\s+each)\s+\d[\d,.]*\s+((?:[A-Za-z][\w-]*)(?:\s+[A-Za-z][\w-]*)?)", re.IGNORECASE)
_PEOPLE = stem("people")


def _opens_own_name(share: tuple[str, ...], own: Iterable[tuple[str, ...]], found: dict[tuple[str, ...], list[tuple[int, int]]]) -> bool:
    """Is what a percentage is of the start of one of the table's own names the sentence goes on to say
    ("55.8% of their budgets on food", a table known as "budgets on food"), whose's words aside
    ("of Nigerian household spending went on food")?"""
    base = tuple(words(" ".join(w for w in share if not w[:1].isupper())))
    return bool(base) and any(found.get(p) and len(p) > len(base) and p[: len(base)] == base for p in own)


def other_statistic(
    stretch: str, own: tuple[tuple[str, ...], ...], vocabulary: frozenset[str], places: list[tuple[int, int]],
    before: int | None = None, verb: str = "",
) -> str | None:
    """The word that turns a table's name into another statistic's ("urban population", "density of population").

    The table's name nearest before the figure (``before`` is the figure's offset in ``stretch``)
    is the one that governs it; the word right before that name (past numbers, qualifiers,
    places and words of the store's own tables) must be a function word or punctuation; after
    "of", the word before "of" is the head ("density of population"). Returns that word, or None.
    """
    raw = compound_parts([(m.start(), m.end(), m.group()) for m in RAW_WORD.finditer(stretch)])
    stems = [stem(w) if w[0].isalpha() else "" for _, _, w in raw]
    content = [i for i, (_, _, w) in enumerate(raw) if w[0].isalpha() and w.lower() not in GENERIC]
    seq = [stems[i] for i in content]
    limit = len(stretch) if before is None else before
    # a name that starts with the figure's own verb ("the state spent ... on education") has that verb's
    # subject on its left, no modifier of a name
    deed = stem(verb) if verb else None
    starts = [k for phrase in own for k in range(len(seq) - len(phrase) + 1)
              if tuple(seq[k : k + len(phrase)]) == phrase and raw[content[k]][0] < limit and seq[k] != deed]
    if not starts:
        return None
    inside = _modifier_inside(raw, stems, content, max(starts), own, vocabulary)
    if inside is not None:
        return inside  # "spending on adult education" said for "spending on education": a word inside narrows its noun
    j = content[max(starts)] - 1
    counted = False  # a number before the name counts it: the word before that number governs the phrase
    while j >= 0:
        a, b, w = raw[j]
        low = w.lower()
        if low.endswith(("'s", "’s")):
            return None  # an owner, a place's too, closes the name on its left: "puts Kenya's rate of homicide at"
        glued = a > 0 and stretch[a - 1].isdigit()  # a scale glued to a number ("$25.6bn of venture funding")
        if glued or w[0].isdigit() or word_number_re().fullmatch(w):
            counted = True
            j -= 1
            continue
        if low in qualifiers() or stems[j] in vocabulary or any(x <= a < y for x, y in places):
            j -= 1
            continue
        if counted and w[0].isalpha():
            return None  # "made 2 million ferry trips": the verb whose counted object the name is
        if j > 0 and raw[j - 1][2].lower() == "per":
            j -= 2  # a basis said before the name ("per capita consumption", "per-head spending") says how, not what
            continue
        if low == "of" and j > 0 and raw[j - 1][2][0].isalpha() and raw[j - 1][2].lower() not in GENERIC:
            if raw[j - 1][2].lower() in VALUE_NOUNS:
                return None  # "the count of dailies": a word for the value itself, no other statistic
            j -= 1  # "density of population": the word before "of" heads the phrase
            continue
        if w == ",":
            # a label written out, "X per capita, PPP": the piece before the comma is the statistic's name
            return _named_before_comma(raw, stems, j, own, vocabulary, places)
        if not w[0].isalpha() or low in GENERIC or low in CLOSED_CLASS or low.endswith(("'s", "’s")) or low in SAYING or low in MODALS:
            return None  # punctuation, a function word, an owner ("the country's population") or a verb of saying ends the name
        if deed is not None and stems[j] == deed:
            return None  # the figure's own verb: "the review puts stunting ... at 15.8%" has its subject on the left
        if low in group_nouns()["person"]:
            return None  # people before a name said as a verb are its subject: "<demonym> workers retired at 62"
        if frame_verb(raw, j, stretch, starts, own, content, limit):
            return None  # "figures put national honey production at 28,500 tonnes": the verb whose object the name is
        if w[:1].isupper() and j > 1 and raw[j - 1][2][:1].isupper():
            return None  # a many-word proper name ("the Red Cross blood service") says whose, not which; one
            # capitalised word ("the Baha'i population") may name a part
        return w
    return None


def _modifier_inside(
    raw: list[tuple[int, int, str]], stems: list[str], content: list[int], k: int, own: tuple[tuple[str, ...], ...],
    vocabulary: frozenset[str],
) -> str | None:
    """A word inside the name found at content index ``k`` that is none of its own and no function word:
    "adult" in "spending on adult education" (a table "spending on education"), which makes the noun after
    it another thing; None when the name is said whole."""
    length = max((len(p) for p in own if tuple(stems[i] for i in content[k : k + len(p)]) == p), default=0)
    if length < 2:
        return None
    between = range(content[k] + 1, content[k + length - 1])
    if any(not raw[i][2][:1].isalnum() for i in between):
        return None  # punctuation inside: two phrases that only meet in the stemmed words, no name
    for i in between:
        w = raw[i][2]
        low = w.lower()
        if w[:1].isalpha() and low not in CLOSED_CLASS and low not in STOP and low not in qualifiers() and stems[i] not in vocabulary:
            return w
    return None


def counts_by_name(fig: Figure, m: MetricRow) -> bool:
    """Whether a count counts the table's thing by one of its bare names ("kept 119 lighthouses"), no
    rate ("10 deaths per 1,000 births" names only a rate's basis): what it counts is said by the count itself."""
    if fig.kind != "count" or fig.unit or not fig.counted or _RATE_BASE_RE.search(fig.counted) or " per " in f" {fig.counted} ":
        return False
    return tuple(words(fig.counted)) in names(m)


def _used_names(m: MetricRow, found: dict[tuple[str, ...], list[tuple[int, int]]]) -> tuple[tuple[str, ...], ...]:
    """The names of the table the sentence uses, context keywords aside (they support a match, they name nothing)."""
    context = context_phrases_of(m.keywords)
    return tuple(p for p in names(m) if found.get(p) and " ".join(p) not in context)


def _kind_of(m: MetricRow, stretch: str, context: frozenset[str], support: frozenset[str]) -> str | None:
    """A context keyword said right before a noun of the table's own names ("corn ethanol", a feedstock
    before the product), when the table's label and description never use it: the sentence names a kind
    of the table's thing, not all of it, and a context word only supports a match. None otherwise; a
    verb after the context word ("railways carried") is what it did, no compound."""
    described = set(words(f"{m.label} {m.description}"))
    # a word the description writes inside a compound ("peat" of "peatland") is described too
    kinds = [tuple(c.split()) for c in context if not all(any(d.startswith(w) for d in described) for w in c.split())]
    if not kinds:
        return None
    raw = compound_parts([(x.start(), x.end(), x.group()) for x in RAW_WORD.finditer(stretch)])
    stems = [stem(w) for _, _, w in raw]
    own = names(m)
    for p in kinds:
        n = len(p)
        for i in range(len(raw) - n):
            after = raw[i + n]
            if tuple(stems[i : i + n]) != p or stems[i + n] not in support or stretch[raw[i + n - 1][1] : after[0]].strip():
                continue
            if any(name[: n + 1] == tuple(stems[i : i + n + 1]) for name in own):
                continue  # the context word opens one of the table's own names ("power exports"): the table, not a kind
            if noun_form(after[2]):
                return " ".join(w for _, _, w in raw[i : i + n + 1])
    return None


def _named_before_comma(
    raw: list[tuple[int, int, str]], stems: list[str], comma: int, own: tuple[tuple[str, ...], ...],
    vocabulary: frozenset[str], places: list[tuple[int, int]],
) -> str | None:
    """The head of a label-like piece before a comma that names another statistic, else None.

    The piece counts as a label only when it uses the store's words ("… per capita"); it names
    another statistic when none of the table's own names is in it and a word outside the store's
    vocabulary heads it ("health expenditure per capita, PPP" is not GNI per capita, PPP).
    "In Ghana, inflation …" and "Last year, GDP …" are no labels: they use none of the store's words.
    """
    k = comma - 1
    while k >= 0 and (raw[k][2][0].isalpha() or raw[k][2][0].isdigit()) and (raw[k][2].lower() not in CLOSED_CLASS or stems[k] in vocabulary):
        k -= 1
    if any(raw[i][2].lower() in SAYING for i in range(k + 1, comma)):
        return None  # an attribution, no label: "According to health ministry data, ..."
    piece = [i for i in range(k + 1, comma) if raw[i][2][0].isalpha() and raw[i][2].lower() not in GENERIC]
    seq = tuple(stems[i] for i in piece)
    if not any(stems[i] in vocabulary for i in piece):
        return None
    if any(seq[a : a + len(p)] == p for p in own for a in range(len(seq) - len(p) + 1)):
        return None
    for i in piece:
        a = raw[i][0]
        if stems[i] not in vocabulary and raw[i][2].lower() not in qualifiers() and not any(x <= a < y for x, y in places):
            return raw[i][2]
    return None


_CHANGE_LABEL_RE = re.compile(r"\bannual\s*%|\b(?:growth|inflation|change|increase)\b", re.IGNORECASE)


def is_rate_of_change(m: MetricRow) -> bool:
    """Is a percent table a yearly rate of change, whose level a rise states ("consumer prices rose 2.8%" is
    inflation; "the economy grew 3%" is GDP growth)? Its label says so ("annual %", "growth", "inflation"),
    or a keyword holds a verb of change ("prices rose", "grew"). A share ("% of population") is no rate:
    "access to electricity rose 14%" is a change of it."""
    if _CHANGE_LABEL_RE.search(m.label) or _CHANGE_LABEL_RE.search(m.keywords):
        return True
    return any(TREND_BEFORE_RE.search(word + " ") for k in m.keywords.split(";") for word in k.split())


@dataclass(frozen=True)
class StatReading:
    """A metric the figure was read as stating, with the phrases that said so."""

    metric: MetricRow
    phrases: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class Abstention:
    """No single statistic fits: why, in words a checker understands."""

    reason: str
    near: bool = False  # some table's words were in the sentence: worth telling the checker


def statistics_of(metrics: list[MetricRow], entity_counts: dict[str, int]) -> list[MetricRow]:
    """Tables stored by entity: no default entity, and values for two entities or more.

    A claim about such a table must say which entity; one about a newsroom table (a default
    entity, or a single one) need not.
    """
    return [m for m in metrics if not m.entity.strip() and entity_counts.get(m.key, 0) >= 2]


def named_in(text: str, stats: list[MetricRow]) -> list[MetricRow]:
    """The statistics whose words the text uses at all: no other can support or contradict a reading.

    Lets a check against a store of thousands of tables read only the few an article is about.
    """
    vocabulary = set(words(text))
    if any(w.lower() in EVERYONE for m in _RATE_BASE_RE.finditer(text) for w in m.group(1).split()):
        vocabulary.add(_PEOPLE)  # "per 1,000 inhabitants" is "per 1,000 people", as read_statistic reads it
    # as written, or as the noun a verb of the text makes ("produced" → "production")
    vocabulary |= {v + suffix for v in list(vocabulary) if len(v) >= 5 for suffix in NOMINAL_SUFFIXES}
    pct = bool(_PERCENT_RE.search(text))  # a percentage says a name's word for a share itself ("share working part time")
    per = says_per_n(text)  # ... and a base says a rate's "rate" ("thefts per 100,000")
    # ... and a unit says a name's measure noun ("network length" of a figure in km): any unit here
    return [m for m in stats if any(said_in(_said_by_share(p, pct, per), vocabulary) for p in phrases(m))]


_PERCENT_RE = re.compile(r"%|\bper\s?cent\b|\bpercent\b", re.IGNORECASE)




def _said_by_share(phrase: tuple[str, ...], percent: bool, per_n: bool = False) -> tuple[str, ...]:
    """A name as a percentage says it: its word for a share ("share working part time") is the figure
    itself ("45.9% ... worked part time"), when two words or more are left to name what of. A rate
    said per so many says its "rate" by that base: "burglaries per 100,000 people" is the
    "burglary rate"."""
    if per_n and len(phrase) >= 2 and phrase[-1] == _RATE:
        return phrase[:-1]
    if not percent:
        return phrase
    rest = tuple(w for w in phrase if w not in SHARE_STEMS)
    return rest if len(rest) >= 2 else phrase


_RATE = stem("rate")  # in or right after a table's name, it says the figure is that table's rate ("the road death rate was 12")


def _modified_nouns(stretch: str, known: frozenset[str]) -> frozenset[str]:
    """The stems of nouns an adjective the store does not know stands right before ("naval" in "military
    naval spending"): a two-word name said apart with such an adjective on its noun names a narrower thing."""
    raw = [m.group() for m in RAW_WORD.finditer(stretch)]
    return frozenset(
        stem(raw[i]) for i in range(1, len(raw))
        if raw[i - 1][:1].isalpha() and raw[i][:1].isalpha() and raw[i - 1].lower() not in STOP and raw[i - 1].lower() not in CLOSED_CLASS
        and only_adjective(raw[i - 1]) and stem(raw[i - 1]) not in known
    )


# Suffixes that make a noun of a verb: "produce" → "production", "employ" → "employment".
NOMINAL_SUFFIXES = ("ion", "tion", "ation", "ment", "ance", "ence", "ure", "al")


_CONTRAST_BREAK_RE = re.compile(r",\s+(?:while|whereas)\b|;", re.IGNORECASE)


def _clause_words(stretch: str) -> list[str]:
    """The stretch's stems with a ``CLAUSE_BREAK`` token where a contrasting clause begins.

    >>> _clause_words("104 of the deaths, while fire incidents rose")
    ['death', '|', 'fire', 'incident', 'rise']
    """
    out: list[str] = []
    for k, part in enumerate(_CONTRAST_BREAK_RE.split(stretch)):
        out += ([CLAUSE_BREAK] if k else []) + words(part)
    return out


def _nominalised(toks: list[str], verb: str, vocabulary: frozenset[str]) -> list[str]:
    """The stems with the figure's own verb said as the noun a table's name makes of it, when the tables
    use only the noun: "Pakistan produced 27.5 million tonnes of wheat" speaks of wheat production."""
    v = stem(verb) if verb else ""
    if len(v) < 5 or v in vocabulary:
        return toks
    nouns = {w for w in vocabulary if w.startswith(v) and w[len(v):] in NOMINAL_SUFFIXES}
    if len(nouns) != 1:
        return toks
    noun = nouns.pop()
    return [noun if t == v else t for t in toks]


def _document_frequency(metrics: list[MetricRow]) -> dict[tuple[str, ...], int]:
    """How many metrics use each phrase (a phrase every table shares says little)."""
    df: dict[tuple[str, ...], int] = {}
    for m in metrics:
        for p in set(phrases(m)):
            df[p] = df.get(p, 0) + 1
    return df


@dataclass(frozen=True)
class _StatTable:
    """What reading needs of a list of statistics, worked out once per list rather than once per figure."""

    df: dict[tuple[str, ...], int]
    naming: frozenset[tuple[str, ...]]
    vocabulary: frozenset[str]
    naming_words: frozenset[str]  # the words of the tables' labels and names, context keywords aside
    phrases: frozenset[tuple[str, ...]]
    users: dict[tuple[str, ...], tuple[int, ...]]  # phrase → the positions of the tables that use it
    owners: dict[tuple[str, ...], frozenset[str | None]]  # phrase → the units of the tables whose name starts with it


@lru_cache(maxsize=65536)
def _label_heads(label: str) -> tuple[tuple[str, ...], ...]:
    """The words of the label's first piece, what the table is called, as written and with its
    acronyms written out or its spelled-out acronyms shortened ("gross domestic product" ↔ "GDP")."""
    piece = LABEL_SPLIT.split(label)[0]
    forms = [piece] + spelled_out(piece)
    for _, long, short in acronyms():
        if long in piece.lower():
            forms.append(piece.lower().replace(long, short))
    return tuple(dict.fromkeys(tuple(words(f)) for f in forms))


def _starts_name(p: tuple[str, ...], label: str) -> bool:
    """Does phrase ``p`` start the name in ``label`` (in any of its forms)?"""
    return any(head[: len(p)] == p for head in _label_heads(label))


def _owners(stats: list[MetricRow], every: frozenset[tuple[str, ...]]) -> dict[tuple[str, ...], frozenset[str | None]]:
    """Each phrase that starts some table's name → the units of those tables ("gdp" → USD)."""
    out: dict[tuple[str, ...], set[str | None]] = {}
    for m in stats:
        for head in _label_heads(m.label):
            for k in range(1, len(head) + 1):  # every start of the name that is some table's phrase
                if head[:k] in every:
                    out.setdefault(head[:k], set()).add(count_unit(m.unit))
    return {p: frozenset(u) for p, u in out.items()}


def _named_elsewhere(p: tuple[str, ...], m: MetricRow, owners: dict[tuple[str, ...], frozenset[str | None]]) -> bool:
    """True when ``p`` is the name of tables in another unit and not how ``m``'s own name starts:
    "GDP" among a GDP-deflator table's synonyms names the GDP table, so "GDP rose 12%" is no deflator."""
    units = owners.get(p)
    if not units or _starts_name(p, m.label):
        return False
    return not any(same_dimension(u, count_unit(m.unit)) for u in units)


def _users(stats: list[MetricRow]) -> dict[tuple[str, ...], tuple[int, ...]]:
    """Each phrase → the positions in ``stats`` of the tables whose phrases include it."""
    out: dict[tuple[str, ...], list[int]] = {}
    for i, m in enumerate(stats):
        for p in phrases(m):
            out.setdefault(p, []).append(i)
    return {p: tuple(ix) for p, ix in out.items()}


@last_call  # one check passes the same list for every figure
def _stat_table(stats: list[MetricRow]) -> _StatTable:
    """The prepared ``_StatTable`` of ``stats`` (the last list seen; lists are not changed in place)."""
    every = frozenset(p for m in stats for p in phrases(m))
    return _StatTable(
        df=_document_frequency(stats),
        # a context keyword ("~network") supports a match and never makes one alone, so it never speaks against one either
        naming=frozenset(p for m in stats for p in names(m) if " ".join(p) not in context_phrases_of(m.keywords)),
        vocabulary=frozenset(w for p in every for w in p),
        naming_words=frozenset(w for m in stats for p in phrases(m) if " ".join(p) not in context_phrases_of(m.keywords) for w in p),
        phrases=every,
        users=_users(stats),
        owners=_owners(stats, every),
    )




def read_statistic(
    fig: Figure,
    stretch: str,
    stats: list[MetricRow],
    ranges: dict[str, tuple[float, float]] | None = None,
    places: list[tuple[int, int]] | None = None,
    level: bool = False,
    before: int | None = None,
    share: tuple[str, ...] = (),
    ratio: bool = False,
    per_n: bool | None = None,
) -> StatReading | Abstention:
    """The one statistic of ``stats`` that ``fig`` states, from the words of its ``stretch`` of sentence, or an abstention.

    ``level`` says a moved figure states where it arrived ("grew to 33.8 million"), not by how much;
    ``share`` that a percentage is a share of those words (``share_base``), which only a table of
    that share can hold; ``ratio`` that the figure is a number of times as much ("doubled"), of a
    table in any unit and of any size; ``per_n`` whether the figure's clause states a rate per so many
    ("per 100,000 people"), which a table of such a rate needs (None: read it from the stretch).
    """
    if not stats:
        return Abstention("the store has no table by country or entity")
    table = _stat_table(stats)
    df, naming, vocabulary = table.df, table.naming, table.vocabulary
    # what a rate is per ("per 100,000 inhabitants") is its base, never another statistic's name; said
    # with any noun for everyone it is "people": "per 1,000 inhabitants" is "per 1,000 people"
    bases = [m.group(1) for m in _RATE_BASE_RE.finditer(stretch)]
    rate_base = {w for b in bases for w in words(b)}
    everyone = {stem(w) for b in bases for w in b.split() if w.lower() in EVERYONE}
    toks = [_PEOPLE if t in everyone else t for t in _nominalised(_clause_words(stretch), fig.verb, vocabulary)]
    n = len(stats)
    present = set(toks)
    # a phrase none of whose words the stretch holds is found nowhere: only the others are searched
    pct = count_unit(fig.unit) == "percent"
    based = per_n if per_n is not None else says_per_n(stretch)
    modified = _modified_nouns(stretch, table.naming_words | qualifiers())
    found: dict[tuple[str, ...], list[tuple[int, int]]] = {
        p: find_phrase(q, toks) or ([] if len(q) == 2 and q[1] in modified else scattered(q, toks))
        if present.issuperset(q) else [] for p in table.phrases for q in [said_by_base(said_by_measure(_said_by_share(p, pct, based), fig), share, p)]
    }
    reached = {i for p, spans in found.items() if spans for i in table.users[p]}
    scored: list[StatReading] = []
    contradicted: list[str] = []
    basis_only: list[str] = []
    other_things: list[str] = []
    base = set(words(" ".join(share)))
    for m in (stats[i] for i in sorted(reached)):  # only the tables one of whose phrases is there
        own = phrases(m)
        # what a share is of names no table: "2% of GDP" needs the share's own name too ("military spending")
        # ... and another table's name in another unit speaks for that table only ("GDP rose 12%")
        spans = [s for p in own for s in found[p] if not (base and set(p) <= base) and not _named_elsewhere(p, m, table.owners)]
        how = says_how(m)
        if not any(found.get(p) for p in own if p not in how):
            basis_only.append(m.label)
            continue  # the label's basis ("per 100 people") or a unit ("barrels a day") says how, never what of
        if not spans:
            continue
        # only what names another table speaks against this one: its label's first piece or a
        # synonym, not the later pieces that say its basis or coverage ("annual %", "the world")
        rivals = [
            p for p in naming
            if found.get(p) and p not in own and not set(p) <= rate_base
            and any(not any(a <= s and e <= b for a, b in spans) for s, e in found[p])
        ]
        if rivals:
            contradicted.append(f"{m.label} (but the sentence says '{' '.join(rivals[0])}')")
            continue
        if not ratio and not unit_fits(fig, m, stretch):
            continue
        if not ratio and counts_other(fig, m):
            continue  # "caused 4,200 premature deaths": a count of another thing than the table's
        if not ratio and before is not None and (one := amount_of_other(fig, m, stretch[:before], stretch[before + len(fig.surface) :])):
            other_things.append(f"the amount of a {one}, not {m.label}")
            continue  # "inflated by the $12.4 billion sale of a stake": one deal's value
        if not ratio and before is not None and (noun := value_named_before(fig, m, stretch[:before])):
            other_things.append(f"the value of '{noun}', which {m.label} does not name")
            continue  # "a workforce of 9,000" in a sentence about registered firms
        if not ratio and before is not None and (thing := measures_other(fig, m, stretch[before + len(fig.surface) :])):
            other_things.append(f"a measure of {thing}, which {m.label} does not name")
            continue  # "71 litres of beer" against a table of litres of pure alcohol
        if PER_N_RE.search(m.label) and not (per_n if per_n is not None else PER_N_RE.search(stretch)) \
                and not any(_RATE in toks[a : b + 1] for p in own for a, b in found[p]):
            continue  # "killed 5,861 people": a count, never a table's rate per 100,000 people ("the death rate was 95.1" is)
        if per := other_base(m, stretch):
            other_things.append(f"a rate {per}, not {m.label}")
            continue  # "divorces per 100 marriages": a rate per another base than the table's "per 1,000"
        if share and not holds_share(m, share) and not (people_share(share) and count_unit(m.unit) == "percent") and not _opens_own_name(share, own, found) \
                and not (described_share(m, share) and _used_names(m, found)):
            continue  # "0.9 percent of GDP" is a share of GDP, not a table that names GDP
        if fig.trend and not level and not ratio and not (count_unit(m.unit) == "percent" and is_rate_of_change(m)) \
                and not (fig.verb and stem(fig.verb) in table_words(m)):  # "lost 40 days" of a table of "days lost"
            continue  # "rose by 916", "electricity prices rose 14%": a change, not the level a table holds
        if not ratio and not plausible(fig, (ranges or {}).get(m.key), m.unit):
            continue
        hit = tuple(sorted({" ".join(p) for p in own if found[p]}))
        score = sum(len(p) * (0.5 + math.log(1 + n / df[p])) for p in own if found[p])
        scored.append(StatReading(m, hit, score))
    if not scored:
        if share:
            return Abstention(f"a share of {' '.join(share)} ('{fig.surface} of …'): no table holds that share", near=True)
        if contradicted:
            return Abstention("not sure which statistic: " + "; ".join(contradicted[:2]), near=True)
        if other_things:
            return Abstention(other_things[0], near=True)
        if basis_only:
            return Abstention(f"its sentence says how {basis_only[0]} is counted, but not its name", near=True)
        return Abstention("not sure what this counts: no table's words are in its sentence")
    scored.sort(key=lambda r: (-r.score, r.metric.key))
    best = scored[0]
    aim = aimed_at(toks, [sp for p in phrases(best.metric) for sp in found.get(p, [])])
    if aim is not None:
        return Abstention(f"a {aim} for {best.metric.label}, not its measured level", near=True)
    if len(scored) > 1 and scored[0].score < MARGIN * scored[1].score:
        tied = [r for r in scored if scored[0].score < MARGIN * r.score]
        # a name tables share ("inflation") names the table it is the whole name of, not one that has a
        # more specific name of its own the sentence does not use ("GDP deflator")
        plain = [r for r in tied if all(found.get(p) for p in names(r.metric))]
        if len(plain) != 1:
            return Abstention(f"not sure which statistic: {scored[0].metric.label} or {scored[1].metric.label}", near=True)
        best = plain[0]
    # the names the sentence used for the table, context keywords aside: "~publishing" in "Europe's most prolific
    # publishing nation" supports the match but is no name a modifier could turn into another statistic's
    context = context_phrases_of(best.metric.keywords)
    used = _used_names(best.metric, found)
    # a word only another table's context keywords write ('~ports' of cruise visits) is no word of the
    # store's names: before this table's name it is a modifier ("port wine exports"); its own context
    # words describe its topic ("private and fleet car sales")
    known = table.naming_words | {w for c in context for w in c.split()}
    # a count of the table's thing by its bare name ("kept 119 lighthouses") says what it counts itself:
    # an earlier mention inside another name ("the navy lighthouse service") is no modifier of it
    # matched only by a context keyword inside an organisation's name ("the Central Bank's"), a word of
    # the table's names said outside it ("rate") is the name to look left of: another word there
    # ("refinancing rate") makes it another statistic
    support = frozenset(w for p in names(best.metric) if " ".join(p) not in context for w in p if w not in CLOSED_CLASS and w not in GENERIC)
    hits = [p for p in phrases(best.metric) if found.get(p)]
    organisation = None if used else name_holding(stretch, hits)
    heads = used or (tuple((w,) for w in sorted(support & set(words(stretch.replace(organisation, " "))))) if organisation else ())
    other = None if counts_by_name(fig, best.metric) else other_statistic(stretch, heads, known, places or [], before, fig.verb)
    if other is not None and count_unit(best.metric.unit) == "percent" and fig.kind == "percent" and other.lower() in SHARE_WORDS:
        other = None  # "the share of early leavers was 13.5%": a percentage table's name said as the share it is
    if other is not None:
        return Abstention(f"the sentence speaks of '{other} …', a statistic other than {best.metric.label}", near=True)
    if kind := _kind_of(best.metric, stretch, context, support):
        return Abstention(f"'{kind}' is a kind of what {best.metric.label} counts, which its words do not name", near=True)
    if not used and (holder := name_holding(stretch, hits, support)):
        return Abstention(f"its sentence has the words of {best.metric.label} only inside the name '{holder}', which says whose, not which statistic", near=True)
    return best
