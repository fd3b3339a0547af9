"""How an article's figures relate to each other, read from its text once for the internal checks.

judge/internal.py checks the article against itself (conversions, totals, shares, areas,
percent sums, anniversaries, ages); this module finds which figures those checks relate, so
the judge only does the arithmetic and never reads the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from factcheck.extract.comparison import MARK_RE
from factcheck.figures import Figure
from factcheck.resolve.context import Context, context_of
from factcheck.resolve.match import count_unit
from factcheck.resolve.places import mentions, without_possessive
from factcheck.units import same_dimension

# What may stand between a figure and its conversion: a bracket, "or", a slash.
_PAIR_GAP = re.compile(
    r"""
    ^\s*(?:
        [\[(]                       # 3 km (1.9 miles) / 3 km [1.9 miles]
      | ,?\s*or                     # 3 km, or 1.9 miles
      | /                           # 3 km/1.9 miles
    )\s*(?:about|around|roughly|some|nearly|almost|approximately|c\.|~)?\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

# "78th anniversary", "78 years since/after": the event lies N years before.
_ANNIVERSARY_AFTER = re.compile(
    r"""
    ^(?:st|nd|rd|th)?\s*             # an ordinal suffix the surface may have left out
    (?:-?\s*year\s+)?                # "78-year"
    (?:anniversary\b                 # 78th anniversary
      | years?\s+(?:since|after)\b   # 78 years since the victory
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
# The number at the head of a surface ("Nth", "N years"), to see what the surface says after it.
_SURFACE_NUMBER = re.compile(r"^\D*?[\d,.]+|^[A-Za-z-]+?(?=\s|$)")

# An age: "aged 70", "70-year-old", "70 years old".
_AGE_BEFORE = re.compile(r"\baged?\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(
    r"""
    ^(?:(?:-|\s)years?)?   # the unit, when the figure's surface stops before it
    (?:-|\s)old\b          # 70-year-old / 70 years old
    """,
    re.VERBOSE | re.IGNORECASE,
)
_AGE_SURFACE = re.compile(r"year(s)?[- ]old", re.IGNORECASE)
# "born in 1953", "born on 7 October 1952"
_BORN = re.compile(
    r"""
    \bborn\s+(?:in|on)?\s*          # born in / born on
    (?:[\w ]{0,20}?\s)?             # an optional day and month
    (?P<year>1[0-9]{3}|20[0-9]{2})\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
BORN_LOOKBACK = 300  # characters before an age's sentence searched for its birth year: the sentence before
_YEAR = re.compile(r"\b(?P<year>1[0-9]{3}|20[0-9]{2})\b")

# A figure that states a total of figures named beside it.
_TOTAL_BEFORE = re.compile(r"\b(?:a\s+total\s+of|in\s+total|in\s+all|altogether|overall|combined|total(?:ling|ing)?)\s*$", re.I)
_TOTAL_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:in\s+total|in\s+all|altogether|combined|overall)\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+which)\b", re.I)
# Right after a whole: a whole followed by some of its parts ("troops, including ...", "casualties, of whom ...").
_INCLUDING_AFTER = re.compile(r"^\s*(?:[A-Za-z-]+,?\s+){0,3}?(?:including|among\s+them|of\s+whom|of\s+which)\b", re.I)

# Between a share and the whole it is a share of: "half the 131", "39% of the 131".
_SHARE_OF = re.compile(r"^\s*(?:of\s+)?(?:the\s+|those\s+|its\s+|their\s+)?$", re.IGNORECASE)

NOT_AMOUNTS = ("year", "date", "ordinal")  # kinds that name a time or a rank, never part of a sum


@dataclass(frozen=True)
class Anniversary:
    """A figure that counts the years since an event ("the Nth anniversary", "N years since")."""

    years_after: tuple[int, ...]  # every year written after the figure in its sentence, in order
    event: Context  # the words around the figure, which name the event when no year is written


@dataclass(frozen=True)
class Total:
    """A figure stated as a total, and the figures of its sentence named as its parts."""

    parts: tuple[int, ...]
    inclusive: bool  # "including", "of whom": the parts named need only fit within the total


@dataclass(frozen=True)
class Relations:
    """What the article says about how its figures relate, read once; figures by index."""

    conversions: tuple[tuple[int, int], ...] = ()  # (original, restated): one value in two units
    anniversaries: Mapping[int, Anniversary] = field(default_factory=dict)
    birth_years: Mapping[int, int] = field(default_factory=dict)  # an age → the birth year written near it
    totals: Mapping[int, Total] = field(default_factory=dict)
    shares: tuple[tuple[int, int, int], ...] = ()  # (share, part, whole): a share written between its part and its whole
    products: tuple[tuple[int, int, int], ...] = ()  # (area, side, side): an area written after two lengths
    percent_groups: tuple[tuple[int, ...], ...] = ()  # three or more plain percentages of one sentence


def read_relations(text: str, figures: list[Figure], article_date: date | None) -> Relations:
    """Every relation between ``figures`` that the internal checks use: the one reading of ``text`` for them.

    No relation needs ``article_date`` yet; it is an argument so that one that does is read here, not in the judge.
    """
    return Relations(
        conversions=tuple(conversion_pairs(text, figures)),
        anniversaries={i: a for i, f in enumerate(figures) if (a := _anniversary(text, f)) is not None},
        birth_years={i: b for i, f in enumerate(figures) if (b := _birth_year(text, f)) is not None},
        totals=_totals(text, figures),
        shares=_shares(text, figures),
        products=_products(figures),
        percent_groups=_percent_groups(text, figures),
    )


def is_proportion(fig: Figure) -> bool:
    """A fraction written as a count ("less than half", "two-thirds"): a share, never a level."""
    return count_unit(fig.unit) is None and fig.kind == "count" and 0 < abs(fig.value) < 1


def _sentence(text: str, fig: Figure) -> str:
    return text[fig.sentence_start : fig.sentence_end] if fig.sentence_end > fig.sentence_start else text


def _same_sentence(a: Figure, b: Figure) -> bool:
    return a.sentence_start == b.sentence_start and a.sentence_end == b.sentence_end


def conversion_pairs(text: str, figures: list[Figure]) -> list[tuple[int, int]]:
    """Index pairs (original, restated) of figures written as one value in two units."""
    order = sorted(range(len(figures)), key=lambda i: figures[i].start)
    out = []
    for a, b in zip(order, order[1:]):
        fa, fb = figures[a], figures[b]
        ua, ub = count_unit(fa.unit), count_unit(fb.unit)
        if not ua or not ub or ua == ub or not same_dimension(ua, ub):
            continue
        if fb.start < fa.end or not _PAIR_GAP.match(text[fa.end : fb.start]):
            continue
        out.append((a, b))
    return out


def _anniversary(text: str, fig: Figure) -> Anniversary | None:
    """The years written after an anniversary figure and the words naming its event; None for any other figure."""
    if fig.kind not in ("ordinal", "count", "duration"):
        return None
    # what follows the number, whether the extractor kept it in the surface ("76 years") or not ("78th")
    tail = _SURFACE_NUMBER.sub("", fig.surface, count=1) + text[fig.end : fig.end + 40]
    if not (_ANNIVERSARY_AFTER.match(tail.lstrip()) or _ANNIVERSARY_AFTER.match(tail) or "anniversar" in fig.surface.lower()):
        return None
    rel = fig.end - fig.sentence_start
    years_after = tuple(int(m.group("year")) for m in _YEAR.finditer(_sentence(text, fig)[rel:]))
    # the event is named by the sentence's words ("the defeat of an army"), not by what the number counts
    probe = Figure(fig.surface, fig.start, fig.end, fig.value, fig.low, fig.high, None,
                   sentence_start=fig.sentence_start, sentence_end=fig.sentence_end)
    return Anniversary(years_after, context_of(probe, text))


def _birth_year(text: str, fig: Figure) -> int | None:
    """For a figure read as an age ("aged N", "N-year-old"), the birth year written in its sentence or just before."""
    if fig.kind not in ("count", "duration", "measure"):
        return None
    before = text[max(0, fig.start - 8) : fig.start]
    after = text[fig.end : fig.end + 20]
    if not (_AGE_BEFORE.search(before) or _AGE_AFTER.match(after) or _AGE_SURFACE.search(fig.surface)):
        return None
    born = _BORN.search(text[max(0, fig.sentence_start - BORN_LOOKBACK) : fig.sentence_end])
    return int(born.group("year")) if born else None


def _totals(text: str, figures: list[Figure]) -> dict[int, Total]:
    """Figures stated as a total ("in all", "a total of", "..., including") with the parts their sentence names."""
    out: dict[int, Total] = {}
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for k, g in enumerate(figures):
        by_sentence.setdefault((g.sentence_start, g.sentence_end), []).append(k)
    for i, f in enumerate(figures):
        if f.kind in (*NOT_AMOUNTS, "identifier", "percent"):
            continue
        before = text[max(f.sentence_start, f.start - 25) : f.start]
        after = text[f.end : f.end + 30]
        # a whole followed by some of its parts ("N troops, including M veterans")
        whole_first = bool(_INCLUDING_AFTER.match(after))
        if not (_TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after) or whole_first):
            continue
        parts = [
            j for j in by_sentence[(f.sentence_start, f.sentence_end)]
            for g in (figures[j],)
            if j != i and g.kind == f.kind and count_unit(g.unit) == count_unit(f.unit)
            and g.kind not in NOT_AMOUNTS
            and g.value != f.value  # the whole named twice ("of the N seats ... N in total") is not a part
            and (not whole_first or g.start > f.end)
            and not _compared(text, f, g)
        ]
        if len(parts) < (1 if whole_first else 2):
            continue
        inclusive = bool(_INCLUDING.search(text[f.end : max(figures[j].start for j in parts)]))
        out[i] = Total(tuple(parts), inclusive)
    return out


def _compared(text: str, whole: Figure, part: Figure) -> bool:
    """True when ``part`` is the other side of a comparison with ``whole`` ("around 20 regions, up from
    21 in 2023"), not one of its parts (parts may count other nouns: "troops, including 530 veterans")."""
    a, b = sorted((whole, part), key=lambda g: g.start)
    return MARK_RE.search(text, a.end, b.start) is not None


def _shares(text: str, figures: list[Figure]) -> tuple[tuple[int, int, int], ...]:
    """(share, part, whole) for a share written between its part and its whole ("N, less than half the M")."""
    out = []
    order = sorted(range(len(figures)), key=lambda k: figures[k].start)
    for pos, i in enumerate(order):
        f = figures[i]
        if not (is_proportion(f) or count_unit(f.unit) == "percent") or pos == 0 or pos + 1 >= len(order):
            continue
        p, w = order[pos - 1], order[pos + 1]
        part, whole = figures[p], figures[w]
        if not (_same_sentence(f, part) and _same_sentence(f, whole)) or not _SHARE_OF.match(text[f.end : whole.start]):
            continue
        if count_unit(part.unit) != count_unit(whole.unit) or part.kind in NOT_AMOUNTS or whole.kind != part.kind:
            continue
        out.append((i, p, w))
    return tuple(out)


def _products(figures: list[Figure]) -> tuple[tuple[int, int, int], ...]:
    """(area, side, side) for an area written after two lengths of its sentence ("A km wide and B km deep, C sq km")."""
    out = []
    lengths: dict[tuple[int, int], list[int]] = {}  # per sentence, the lengths read so far, in order
    for i in sorted(range(len(figures)), key=lambda k: figures[k].start):
        f = figures[i]
        unit = count_unit(f.unit)
        if not unit:
            continue
        here = lengths.setdefault((f.sentence_start, f.sentence_end), [])
        if same_dimension(unit, "square_meter"):
            if len(here) >= 2:
                out.append((i, here[-2], here[-1]))
        elif same_dimension(unit, "meter"):
            here.append(i)
    return tuple(out)


# A share said "in" a named place: "48% in Tunis, 21% in Sfax" are each of their own place's whole.
_IN_NAME_RE = re.compile(r"\bin\s+(?:the\s+)?([A-Z][\w'’-]*)")


def _places_apart(text: str, figures: list[Figure], idx: list[int]) -> bool:
    """Are the shares labelled by places, one each ("Slovenia 35.6%, Uruguay 24.2%", "48% in Tunis, 21% in
    Sfax")? Then each is a share of its own place's whole (a rate by country), not a part of one whole."""
    lo, hi = figures[idx[0]].sentence_start, figures[idx[0]].sentence_end
    named = {without_possessive(m.surface) for m in mentions(text, lo, hi)}
    named |= {m.group(1) for m in _IN_NAME_RE.finditer(text, lo, hi)}
    return len(named) >= len(idx) - 1


def _percent_groups(text: str, figures: list[Figure]) -> tuple[tuple[int, ...], ...]:
    """The plain percentages (no change, no other unit) of each sentence that has three or more, unless
    each is its own place's share (a statistic by country, whose shares of different wholes make no sum)."""
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, f in enumerate(figures):
        if f.kind == "percent" and f.trend is None and count_unit(f.unit) in (None, "percent"):
            by_sentence.setdefault((f.sentence_start, f.sentence_end), []).append(i)
    return tuple(tuple(idx) for idx in by_sentence.values() if len(idx) >= 3 and not _places_apart(text, figures, idx))
