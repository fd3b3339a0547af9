"""Numbers that are not counts of something: ratios ("one in five"), identifiers ("T-34"),
ordinals ("78th"), calendar dates ("May 9") and age groups ("the under-18s").

A mixin of the sentence reader, split out so each file keeps one concern.
"""

from __future__ import annotations

import math
import re

import datetime as dt
from typing import Any

from factcheck.extract import concept as cpt
from factcheck.extract.hedges import hedge_before, interval
from factcheck.extract.numbers import parse_digits, parse_words
from factcheck.extract.patterns import DATE_AFTER_RE, DATE_BEFORE_RE, DATE_YEAR_RE, ORDINAL_NAME_RE, TIMES_AS_RE, YEARISH_RE
from factcheck.extract.sentences import Sentence
from factcheck.extract.timeref import MONTHS, YearRef, month_year, year_refs
from factcheck.figures import Figure

# A bound on a division is the opposite bound on the ratio: "more than halved" is under half as much.
RECIPROCAL_QUALIFIER = {"more_than": "less_than", "at_least": "at_most", "less_than": "more_than", "at_most": "at_least"}


class NonCountReading:
    """Ratio, identifier, ordinal and date reading for the sentence reader."""

    text: str
    _fig: Any  # the sentence reader's methods, which these mixins call
    _year_for: Any
    work: str
    article_date: dt.date | None

    def _ratio(self, s: Sentence, start: int, end: int, value: float, refs: list[YearRef], trend: str | None = None) -> Figure:
        """"Twice as many troops": a multiplier, kind count, exact, about the noun compared.

        What it counts is "times", as for "three times as many" ("sixfold" is six times). A verb
        that multiplies ("doubled", ``trend`` given) is about its subject, the noun before it.
        """
        ta = TIMES_AS_RE.match(self.work, end, s.end)
        noun = cpt.noun_after(self.work, ta.end(), s.end)[0] if ta else []
        if trend is not None:
            noun = cpt.noun_before(self.work, start, s.start, 3)  # "exports doubled": the exports
        year, source = self._year_for(start, refs, end)
        low = high = value
        qualifier = "exact"
        hb = hedge_before(self.work, start)
        if hb is not None and hb[1] >= s.start and value < 1:  # "more than halved": hedged as a division, below 0.5
            hedge, start = hb
            qualifier = RECIPROCAL_QUALIFIER.get(hedge.qualifier, hedge.qualifier)
            lo, hi = interval(1 / value, (1 / value, 1 / value), hedge)
            low, high = (1 / hi if hi > 0 else 0.0), (1 / lo if lo > 0 else math.inf)
        elif hb is not None and hb[1] >= s.start:  # "more than sixfold"
            hedge, start = hb
            qualifier = hedge.qualifier
            low, high = interval(value, (value, value), hedge)
        return self._fig(
            s, start, end, value, low, high, qualifier=qualifier, concept=cpt.join(noun), year=year,
            year_source=source, kind="count", checkable=True, counted="times", trend=trend,
        )

    def _clock_duration(self, s: Sentence, start: int, clock: re.Match[str], refs: list[YearRef], below: bool = False) -> Figure:
        """A race time ("2:01:25", "1:59.40") as a duration in seconds, exact to its last digit; with
        ``below``, the bound of "sub-2:01" (under that time, from the "sub-" on)."""
        if clock.group("h") is not None:
            seconds = int(clock.group("h")) * 3600 + int(clock.group("m")) * 60 + float(clock.group("s"))
            last = clock.group("s")
        else:
            seconds = int(clock.group("m2")) * 60 + float(clock.group("s2"))
            last = clock.group("s2")
        half = 0.5 * 10 ** -(len(last.split(".")[1]) if "." in last else 0)  # "1:59.40" is good to a hundredth
        year, source = self._year_for(start, refs, clock.end())
        if below:
            return self._fig(s, start - len("sub-"), clock.end(), seconds, 0.0, seconds, unit="second", kind="duration",
                             qualifier="less_than", year=year, year_source=source)
        return self._fig(s, start, clock.end(), seconds, seconds - half, seconds + half, unit="second", kind="duration",
                         year=year, year_source=source)

    def _age_group(self, s: Sentence, m: re.Match[str]) -> Figure:
        """"the under-18s", "over-50s": people bounded by an age, kept as that age limit, not checkable."""
        v = float(m.group("age"))
        qualifier = "less_than" if m.group("bound").lower() == "under" else "more_than"
        return self._fig(s, m.start(), m.end(), v, v, v, unit="year", kind="duration", qualifier=qualifier, concept="age", checkable=False)

    def _ident(self, s: Sentence, start: int, end: int, digits: str) -> Figure:
        """A name with a number in it ("T-34", "COVID-19", "World War Two"): kept, not checkable."""
        parsed = parse_digits(digits) if digits[:1].isdigit() else (parse_words(digits) or (0.0,))[0]
        v = float(parsed or 0.0)
        return self._fig(s, start, end, v, v, v, kind="identifier", checkable=False)

    def _ordinal(self, s: Sentence, start: int, end: int, digits: str) -> Figure:
        """"78th anniversary" is an ordinal (kept for anniversary checks); "3rd Assault Brigade" a name."""
        v = float(int(digits))
        if ORDINAL_NAME_RE.match(self.work, end, s.end):
            return self._fig(s, start, end, v, v, v, kind="identifier", checkable=False)
        noun = cpt.noun_after(self.work, end, s.end)[0]
        refs = year_refs(self.work, s.start, s.end, self.article_date) if YEARISH_RE.search(self.work, s.start, s.end) else []
        year, source = self._year_for(start, refs)
        return self._fig(
            s, start, end, v, v, v, kind="ordinal", checkable=False, concept=cpt.join(noun), year=year, year_source=source
        )

    def _date(self, s: Sentence, pos: int, dend: int, refs: list[YearRef]) -> tuple[Figure, int]:
        """"May 9", "9 May 2023": a date, never a count."""
        work = self.work
        mb = DATE_BEFORE_RE.search(work[max(s.start, pos - 12) : pos])
        start, end = pos, dend
        month_name = ""
        if mb:
            start = max(s.start, pos - 12) + mb.start()
            month_name = mb.group().strip().rstrip(".")
        else:
            ma = DATE_AFTER_RE.match(work, dend, s.end)
            if ma:
                end = ma.end()
                month_name = ma.group().split()[-1].rstrip(".")
        ym = DATE_YEAR_RE.match(work, end, s.end)
        year: int | None
        if ym:
            end = ym.end()
            year, source = int(ym.group().strip(", ")), "explicit"
        elif self.article_date and month_name.lower() in MONTHS:
            year, source = month_year(MONTHS[month_name.lower()], self.article_date), "relative"
        else:
            year, source = None, None
        day = float(re.match(r"\d+", work[pos:dend]).group())  # type: ignore[union-attr]  # "12-13 March": the first day
        return self._fig(
            s, start, end, day, day, day, kind="date", checkable=False, year=year, year_source=source
        ), end

