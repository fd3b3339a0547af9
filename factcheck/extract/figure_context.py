"""What a figure is about and what carries over to it: its concept, an inherited trend, a bracket
opened after a name, an attributive measure ("a 1.6 litre engine").

A mixin of the sentence reader, split out so each file keeps one concern.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import math
import re

from factcheck.extract import concept as cpt
from factcheck.extract.currencies import narrowed
from factcheck.extract.counted import noun_of
from factcheck.extract.groups import term_of_instrument
from factcheck.extract.patterns import COMPOUND_REST_RE, INDEX_RE, AGE_AFTER_RE, LIST_ITEM_GAP_RE, AGE_BEFORE_RE, AGE_EVENT_BEFORE_RE, AGE_OPENING_RE, AGE_OPENING_AFTER_RE, AGE_TAIL_RE, APPOSITIVE_AFTER_RE, APPOSITIVE_BEFORE_RE, ATTRIBUTIVE_BEFORE_RE, BRACKETED_AFTER_RE, CONVERSION_GAP_RE, HYPHEN_UNIT_RE, MONEY_IN_RE, ONE_OF_RE, OPEN_BRACKET_BEFORE_RE, PAIRED_GAP_RE, TIMES_AS_RE
from factcheck.extract.quantity import Quantity, _kind, _trend
from factcheck.extract.sentences import Sentence
from factcheck.extract.timeref import YearRef
from factcheck.figures import Figure


LIST_ITEM_OPENS_RE = re.compile(r"(?:[,;]|\b(?:and|while|whereas|but))\s+(?:the\s+)?$", re.IGNORECASE)  # "…, imports down 2%"
LIST_BREAK_RE = re.compile(r"[,;]")

# An age band open at the top after the age: "aged 65 and over", "aged 100 or older", "aged 18+".
# "N times" before what it multiplies: a determiner, a possessive or "what" opens the amount ("four times the
# number", "three times its budget", "five times what locals pay"); "three times a week" is a frequency
_TIMES_WHAT_RE = re.compile(r"\s+times(?:\s+what\b|(?=\s+(?:the|its|their|his|her|our)\b))", re.IGNORECASE)
_OPEN_AGE_END_RE = re.compile(r"\+|\s+(?:and|or)\s+(?:over|older|above|upwards|more)\b", re.IGNORECASE)
COHORT_QUALIFIERS = frozenset({"range", "less_than", "more_than", "at_most", "at_least"})  # an age band or limit


class ContextReading:
    """Concept, inherited trend, bracket and attributive reading for the sentence reader."""

    text: str
    _fig: Any  # the sentence reader's methods, which these mixins call
    _year_for: Any
    work: str
    article_date: dt.date | None

    def _aged_at(self, start: int, prev: list[Figure]) -> int | None:
        """Where the "aged" stands that the figure at ``start`` follows, itself or as a later item of a
        list of ages ("aged 19, 22 and 25"); None when it follows none."""
        before = AGE_BEFORE_RE.search(self.work, max(0, start - 8), start)
        if before is not None:
            return before.start()
        at = start
        for last in reversed(prev):
            if not (last.unit == "year" and last.kind == "duration" and last.concept.startswith("age") and last.end <= at
                    and LIST_ITEM_GAP_RE.fullmatch(self.work, last.end, at) is not None):
                return None
            before = AGE_BEFORE_RE.search(self.work, max(0, last.start - 8), last.start)
            if before is not None:
                return before.start()
            at = last.start
        return None

    def _age_by_event(self, start: int, end: int, lo: int, hi: int) -> list[str] | None:
        """Whose age a bare number is by what stands around it, when that can only make it an age: a death
        ("died at 83": [] as the sentence says whose), the oldest or youngest ("the oldest was 84"), or the
        name after a sentence's opening "At 102," ("At 102, Walter Simms ..."); None when it is none."""
        event = AGE_EVENT_BEFORE_RE.search(self.work, max(lo, start - 40), start)
        if event is not None:
            superlative = re.search(r"(?i)oldest|youngest", event.group())
            return [superlative.group().lower()] if superlative else []
        opening = AGE_OPENING_AFTER_RE.match(self.work, end, hi) if AGE_OPENING_RE.fullmatch(self.work, lo, start) else None
        return cpt.noun_after(self.work, opening.end() - 1, hi)[0] if opening else None

    def _finish(
        self, s: Sentence, start: int, end: int, value: float, low: float, high: float, unit: str | None,
        unit_kind: str | None, qualifier: str, refs: list[YearRef], prev: list[Figure], q: Quantity, vague: bool,
    ) -> Figure | None:
        """Attach trend, concept and year to a read quantity."""
        work, lo, hi = self.work, s.start, s.end
        if not (math.isfinite(value) and low <= value <= high) or math.isnan(low) or math.isnan(high):
            value = min(max(value, low), high) if math.isfinite(value) else low
            if not (low <= value <= high):
                return None
        if unit is not None and unit_kind == "money":  # "kr", "shillings", "rupees a month": the country named
            base, _, rate = unit.partition(" / ")
            unit = narrowed(base, work[lo:hi]) + (f" / {rate}" if rate else "")
        kind = _kind(unit, unit_kind)
        bracket_at = self._bracket_opened(s, start, prev)
        concept = ""
        cohort = False
        tail = AGE_TAIL_RE.match(work, end, hi) if unit == "year" else None
        appositive = (
            unit is None and not vague and value == int(value) and 1 <= value < 120 and q.num_end == end
            and (ap := APPOSITIVE_BEFORE_RE.search(work[max(lo, start - 60) : start])) is not None and not ap.group("prep") and APPOSITIVE_AFTER_RE.match(work, end, hi)
        )
        by_event: list[str] | None = None  # whose age a death or a superlative makes the number ("the oldest was 84")
        if tail or appositive:  # "a 35-year-old man", "Maddon, 66, said": an age, and whose
            end = tail.end() if tail else end
            unit, kind = "year", "duration"
            cohort = tail is not None and tail.group().endswith("olds")  # "one-year-olds", "16- to 24-year-olds": a group named by its age
            whose = cpt.noun_after(work, end, hi)[0] if tail else []
            concept = cpt.join(["age"] + (whose or cpt.noun_before(work, start, lo, 2, clause=False)))
        elif AGE_AFTER_RE.match(work, end, hi) or (unit is None and (AGE_BEFORE_RE.search(work, max(lo, start - 8), start) or (self._aged_at(start, prev) is not None and not cpt.noun_after(work, end, hi)[0]) or (by_event := self._age_by_event(start, end, lo, hi)) is not None)):
            m = AGE_AFTER_RE.match(work, end, hi)
            if m:
                end = end if unit == "year" else end
            unit, kind = "year", "duration"
            noun = cpt.noun_after(work, m.end() if m else end, hi)[0] if m else []
            if not m and (aged := self._aged_at(start, prev)) is not None:
                noun = cpt.noun_before(work, aged, lo, 2, clause=False)  # "men aged 19, 22 and 25": whose ages
            elif by_event is not None:
                noun = by_event  # "the oldest was 84", "At 102, Walter Simms ..."
            concept = cpt.join(["age"] + noun)
            # "men aged 18 to 34", "voters aged over 60", "people aged 65 and over": who is meant, not a claim to check
            cohort = (qualifier in COHORT_QUALIFIERS or bool(_OPEN_AGE_END_RE.match(work, end, hi))) and not m
            cohort = cohort or (m is not None and m.group().endswith("olds"))  # "one-year-olds": a group named by its age
        elif kind == "count" and not vague and (ta := TIMES_AS_RE.match(work, end, hi)) and re.match(r"(?i)\s+times", work[end:hi]):
            concept = cpt.join(cpt.noun_after(work, ta.end(), hi)[0])  # "three times as many troops": troops
        elif kind == "count" and not vague and (tm := _TIMES_WHAT_RE.match(work, end, hi)) is not None:
            # a multiple of a named amount ("four times the number a year earlier"): about that amount
            noun, nend = cpt.noun_after(work, tm.end(), hi)
            concept = cpt.join(noun + cpt.of_phrase(work, nend, hi)[:2])
        elif kind == "count":
            noun, nend = cpt.noun_after(work, end, hi)
            if not noun:  # "Two of Johnson's deputies were fired", "tens of thousands of dollars"
                noun, nend = noun_of(work, end, hi)
            if noun and value == 1 and ONE_OF_RE.match(work, end, hi):
                concept = cpt.join(noun)  # "one of the best speakers": membership of a group, about nothing else
            elif noun:
                subject = cpt.noun_before(work, start, lo, 3, skip_reported=True)
                whose = cpt.of_phrase(work, nend, hi)[:3]  # "five new seasons of Sesame Street"
                concept = cpt.join(cpt.subject(work, start, lo, 2) + subject + noun + whose + cpt.verb_after(work, nend, hi))
                self.carry_noun = noun[-1]
            else:
                follow = cpt.verb_after(work, end, hi)
                if not follow:
                    vm = re.match(r"\s+(?P<v>(?:took|take|takes)\s+part|[a-z]+ed)\b", work[end:hi])
                    follow = [vm.group("v")] if vm else []
                if self.carry_noun:
                    concept = cpt.join([self.carry_noun] + follow)
                else:  # a level reached with no noun of its own ("the peso firmed to trade at 17.2"): the subject, then the nearest noun
                    near = cpt.noun_before(work, start, lo, 3, clause=False)
                    concept = cpt.join(cpt.subject(work, start, lo, 2) + near + follow)
        else:
            concept = self._measure_concept(s, start, end, prev, kind, bracket_at)
            if unit == "year" and term_of_instrument(work[start:end], work, end, hi):
                cohort = True  # "a two-year bond": the term names the kind of bond, it is no length claimed
        if bracket_at is not None:  # "RHP John Gant (0.5 WAR)": the name before the bracket
            concept = cpt.join(cpt.noun_before(work, bracket_at, lo, 3) + concept.split())
        concept = _without_other_figures(concept, work, lo, hi, [f for f in prev if f.sentence_start == lo and f.unit])
        last = prev[-1] if prev and prev[-1].sentence_start == lo and kind != "count" else None
        if last is not None and last.concept and RESTATED_GAP_RE.fullmatch(work, last.end, start):
            concept = last.concept  # "a return of 16.1% last year, equal to 2.22 trillion crowns": the same amount again
        trend = None if qualifier == "range" else _trend(work, lo, start, end, hi, count=kind == "count" and not q.vague, money=kind == "money")
        if trend is None and prev and qualifier != "range":
            trend = self._inherited_trend(s, start, prev)
        if unit == "index_point" and trend and _points_of_a_share(work, lo, hi, prev, value):
            unit, kind = "percentage_point", "percent"  # "turnout was 67.3%, up 2.1 points": points of a share
        year, year_source = self._year_for(q.num_start, refs, end)
        return self._fig(
            s, start, end, value, low, high, unit=unit, qualifier=qualifier, trend=trend, concept=concept,
            year=year, year_source=year_source, kind=kind, checkable=not cohort,
        )

    def _inherited_trend(self, s: Sentence, start: int, prev: list[Figure]) -> str | None:
        """The trend of the figure before, carried to a restatement ("fell 40 points, or 1.2%") and to a list ("down 3%, Leeds by 4%")."""
        last = prev[-1]
        gap = self.work[last.end : start]
        if last.trend and CONVERSION_GAP_RE.fullmatch(gap):
            return last.trend  # "rose 5 km (3 miles)"
        if last.trend and (re.fullmatch(r"\s*(?:[a-z]+\s+){0,2},?\s*or\s+", gap) or (re.search(r"\bby\s+$", gap) and len(gap) < 40)):
            return last.trend
        if last.trend and RESTATED_GAP_RE.fullmatch(gap):
            return last.trend  # "lost 5%, the equivalent of $40bn": the same fall again
        if last.trend and PERIOD_AND_RE.fullmatch(gap):
            return last.trend  # "rose 0.5% month on month and 3.2% year on year", "fell 2% in May and 3% in June"
        return None

    def _bracket_opened(self, s: Sentence, start: int, prev: list[Figure]) -> int | None:
        """Where a bracket opens right before the figure, after a name and not after another figure
        ("Gant (0.5 WAR)", "a tip (1.5mm internal diameter)"; not "3 km (1.9 miles)"), else None."""
        m = OPEN_BRACKET_BEFORE_RE.search(self.work, max(s.start, start - 40), start)
        if m is None or (prev and prev[-1].end >= m.start() - 2):
            return None
        return m.start() + 1

    def _attributive(self, s: Sentence, start: int, end: int) -> bool:
        """A measure used as an adjective: "a 60 basis point improvement", "the 1000 hp barrier",
        "a turbocharged 1.6 litre engine", "a 1.8 billion-mile journey" (a hyphen joins number and unit)."""
        if HYPHEN_UNIT_RE.search(self.work, start, end):
            return True
        bracket = BRACKETED_AFTER_RE.match(self.work, end, s.end)
        if cpt.adjective_after(self.work, bracket.end() if bracket else end, s.end):
            return False  # "a strip 3 km wide": the measure follows its noun
        before = ATTRIBUTIVE_BEFORE_RE.search(self.work, max(s.start, start - 30), start)
        return before is not None and (before.group("adj") is None or before.group("adj").lower() not in cpt.STOP)

    def _measure_concept(
        self, s: Sentence, start: int, end: int, prev: list[Figure], kind: str, bracket_at: int | None
    ) -> str:
        """What a measure, amount or share is of: "of ..." after it, else the noun phrase before.

        A bracketed conversion ("3 km [1.9 miles]") and a coordinated dimension ("3 km wide and
        2.6 km deep") take the noun of the figure before them in the sentence.
        """
        work, lo, hi = self.work, s.start, s.end
        bracket = BRACKETED_AFTER_RE.match(work, end, hi)
        after = bracket.end() if bracket else end  # "8 miles (13 km) of new tunnels"
        rest = COMPOUND_REST_RE.match(work, after, hi) if not bracket else None
        after = rest.end() if rest else after  # "a 7ft 4in crocodile"
        words = cpt.of_phrase(work, after, hi)
        if words:
            return cpt.join(cpt.subject(work, start, lo, 2) + words)
        if self._attributive(s, start, end) or bracket_at is not None:  # "a tip (1.5mm internal diameter)"
            words = cpt.noun_after(work, after, hi)[0]  # "a 352 μm pixel pitch", "a $3,500 a month mortgage"
            if words:
                return cpt.join(cpt.subject(work, start, lo, 2) + words)
        money_in = MONEY_IN_RE.match(work, after, hi) if kind == "money" else None
        if money_in and money_in.group("noun") not in cpt.STOP:  # "$1 billion in gains" ("gains" is a noun here)
            return cpt.join(cpt.subject(work, start, lo, 2) + [money_in.group("noun")])
        beneficiary = cpt.for_phrase(work, after, hi)
        if beneficiary:  # "one per cent for men", "Pay rose 3 per cent for nurses": whose, after what
            head = [w for w in cpt.noun_before(work, start, lo, 2) if w.lower() not in cpt.DIMENSIONS]
            return cpt.join((head or cpt.subject(work, start, lo, 2)) + beneficiary)
        words = [w for w in cpt.noun_before(work, start, lo) if w.lower() not in cpt.DIMENSIONS]
        adj = cpt.adjective_after(work, end, hi)
        last = next((f for f in reversed(prev) if f.kind in ("measure", "money", "percent", "duration")), None)
        paired = last is not None and PAIRED_GAP_RE.fullmatch(work, last.end, start) is not None
        if last is not None and cpt.RELATIVE_SUBJECT_RE.search(work, last.end, start):
            last = None  # a relative clause later in the sentence ("…, with the carmaker, which is 40 percent-owned"): a new clause, a new subject
        if not words and last is not None and last.concept:
            head = [w for w in last.concept.split() if w.lower() not in cpt.DIMENSIONS and w != "age"]
            if not paired:  # a later measure in the sentence with no noun of its own: same subject
                return cpt.join(head + ([adj] if adj else []))
            bracketed = re.search(r"[\[(]\s*$", work[max(lo, start - 3) : start])
            return cpt.join(head + ([adj] if adj else [] if not bracketed else last.concept.split()[len(head):]))
        if not words:  # the noun phrase may sit before a comma ("Maddon, 66, has used...")
            words = cpt.noun_before(work, start, lo, clause=False)
        own_item = bool(words) and self._list_item(lo, start, words)
        words = words[-2:] + [adj] if adj else words
        sub = cpt.subject(work, start, lo, 2)
        opens = work[lo:start].lstrip().startswith(sub[0]) if sub else False  # a capital there proves no name
        if own_item and sub and (words[0][:1].islower() or (not opens and all(w[:1].isupper() for w in sub))):
            sub = []  # "X up 3%, Y down 2%": the second item names its own subject; the first item's is not shared
        return cpt.join(sub + words)

    def _list_item(self, lo: int, start: int, words: list[str]) -> bool:
        """Whether ``words`` (the noun before a figure) open an item of a list: right after a comma, "and", "while"."""
        work, at = self.work, self.work.rfind(words[0], lo, start)
        whole = at >= 0 and not (at > 0 and work[at - 1].isalnum()) and not work[at + len(words[0]) : at + len(words[0]) + 1].isalnum()
        if not whole or LIST_BREAK_RE.search(work, at, start):
            return False
        return LIST_ITEM_OPENS_RE.search(work[lo:at]) is not None


def _points_of_a_share(work: str, lo: int, hi: int, prev: list[Figure], points: float) -> bool:
    """Whether a rise or fall in "points" measures a percentage before it in the sentence that is
    larger than the change ("turnout was 67.3%, up 2.1 points"), with no market index named. A
    market's points move more than its percentage does ("the FTSE fell 0.6%, down 45 points")."""
    share = any(f.sentence_start == lo and f.unit == "percent" and f.value > points for f in prev)
    return share and not INDEX_RE.search(work, lo, hi)


# A figure restated in another unit after the one before it: "…, equal to 2.22 trillion crowns",
# "…, equivalent to about $3.17", "…, the equivalent of $40bn" (a few words of time may come between).
RESTATED_GAP_RE = re.compile(r"(?:\s+[\w'-]+){0,4}?\s*,\s*(?:(?:roughly|about|nearly|or)\s+)?(?:(?:equal|equivalent)\s+to|the\s+equivalent\s+of)\s+")
# Between two changes of one list, only the period of the first: "0.5% month on month and 3.2% ..."
PERIOD_AND_RE = re.compile(
    r"\s*(?:(?:month|year|quarter|week)\s+on\s+(?:month|year|quarter|week)|in\s+[A-Z][a-z]+|on\s+the\s+(?:month|year|quarter|week)),?\s+and\s+"
)
WORD_IN_FIGURE_RE = re.compile(r"[A-Za-z]+")


def _without_other_figures(concept: str, work: str, lo: int, hi: int, others: list[Figure]) -> str:
    """``concept`` without the words written only inside the sentence's other figures with a unit
    ("0.3 percentage points to 2.4%": "percentage" is the first figure's unit, not what 2.4% is of).
    Names with a number ("S&P 500") and counts are left alone: their words can be what is meant."""
    if not concept or not others:
        return concept
    inside = {w.lower() for f in others for w in WORD_IN_FIGURE_RE.findall(work[f.start : f.end])}
    if not inside:
        return concept
    outside, at = [], lo
    for f in sorted(others, key=lambda f: f.start):
        outside.append(work[at : f.start])
        at = max(at, f.end)
    outside.append(work[at:hi])
    drop = inside - {w.lower() for w in WORD_IN_FIGURE_RE.findall(" ".join(outside))}
    return " ".join(w for w in concept.split() if w.lower().strip(",") not in drop) if drop else concept


def an_index(work: str, lo: int, hi: int, prev: list[Figure]) -> bool:
    """Whether the sentence speaks of a market index: it says "index", or its move was given in points
    ("rose 312 points, or 1.7%, to 18,640"). A name alone ("the FTSE 250 slipped 0.9% to 18,412")
    is not taken as one: NewsQuant's annotators leave such a level without a unit."""
    if INDEX_RE.search(work, lo, hi):
        return True
    return any(f.unit == "index_point" and f.trend for f in prev if f.start >= lo)
