"""Text in, ``list[Figure]`` out: every figure in a news article with its hedge, unit, concept and year.

Rules over regexes, one bounded sentence at a time, so the cost is linear in the text and
no input can make it raise (see ``extract_figures``). Vocabularies live in factcheck/data/.

quantulum3 (factcheck/q3.py) resolves the long tail: a digit number our alias table gave no unit
and whose next word is one of quantulum3's unit surfaces is looked up in quantulum3's parse of
that one sentence (at most 400 characters, hazards blanked), and kept only when pint knows the
unit and its dimension fits ("5 furlongs", "30 psi", "40 long tons"). NewsQuant dev half
(``benchmarks/newsquant.py PATH --both``): value+unit F1 87.9 with it, 87.7 without (82.7 /
82.5 when it came in); value, change and concept rows are the same either way. It is asked
about a few sentences an article, so our extraction stays tens of times faster than plain
quantulum3 on the 12 KB article (benchmarks/speed.py); the first call pays ~1.3 s to load it. Its
scikit-learn classifier is not installed. ``extract_figures(..., quantulum=False)`` is rules only.
After the rules, a dependency parse of the figure sentences gives the concept where it reads one
(parsed.py, parse.py; ``parse=False`` keeps the rules' concept).
Decisions: "as many as 40,000" is at_most with low = 0 (hedges.py); "a dozen", "two dozen" are
round words, approx like "some 12" (10.8..13.2); a count's noun as written goes in ``counted`` (counted.py);
vague plurals are one order of magnitude ("thousands" = 1,000..10,000); "from X to Y" is a
range in either order; a four-digit number from 1800 to 2199 with no unit or hedge is a year.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import re

from dataclasses import replace

from factcheck.extract import parsed, q3
from factcheck.extract import parse as dependency_parse
from factcheck.extract.captions import caption_spans, in_caption
from factcheck.extract.comparison import CHANGE_AGAINST_YEAR_RE
from factcheck.extract.figure_year import day_of_telling, of_a_year, year_for
from factcheck.extract.exchange_rates import exchange_rate
from factcheck.extract.country_names import country_before
from factcheck.extract.datelines import without_dateline_concepts
from factcheck.extract.counted import counted_noun, counted_subject, elided, implied_noun
from factcheck.extract.groups import AGE_GROUP_RE
from factcheck.extract.hedges import Hedge, hedge_after, hedge_before, hedges_by_phrase, interval, span_over
from factcheck.extract.numbers import DIGITS_RE, SCALE_RE, fraction_at, power_of_ten, trailing_scale, vulgar_fraction, word_number_re
from factcheck.extract.patterns import (
    CLOCK_DURATION_RE, CLOCK_READING_BEFORE_RE, CODE_NOUN_AFTER_RE, LOCATIVE_BEFORE_RE, ZIP_RE, street_after_re, us_state_before_re,
    us_state_codes,
)
from factcheck.extract.patterns import COMPARED_GAP_RE, NO_NOUN_AFTER_RE, BETWEEN_RE, BY_BEFORE_RE, CAPITAL_BEFORE_RE, COMPOUND_AFTER_RE, CONVERSION_GAP_RE, COUNTED_AFTER_RE, DATE_AFTER_RE, DATE_BEFORE_RE, CONTEST_BEFORE_RE, NUMBER_NOUN_AFTER_RE, ELIDED_UNIT_GAP_RE, ERA_AFTER_RE, ERA_RE, NUMBER_SIGN_RE, SCORE_TO_RE, PER_BEFORE_RE, VERSION_NAME_RE, FOLD_RE, FOLD_WORDS, MULTIPLIER_HINT_RE, MULTIPLIER_VERB_RE, MULTIPLIER_VERBS, FROM_RE, IDENT_PREFIX_RE, MARKUP_RE, MAYBE_WORD_RE, NEGATIVE_RE, NOT_IDENT_CAPITALS, ONE_AFTER_NOT_NUMBER_RE, ONE_NOT_NUMBER_RE, ORDINAL_RE, PRODUCT_AFTER_RE, QUALIFIER_HEDGE, RANGE_JOIN_RE, RATIO_WORDS, RATIO_WORD_RE, ROUND_WORD_RE, SCORE_RE, SHARED_UNIT_RE, SLASH_RE, SUB_CLOCK_RE, SUB_RE, TIME_AFTER_RE, TIME_GAP_RE, YEARISH_RE, YEAR_NOT_BEFORE_RE, list_marker_end, ordinal_suffix_fits, phone_at
from factcheck.extract.quantity import Quantity, _UNIT_KIND, close_ends, _mask, _prime_unit, _read_quantity, _same_hedge, _tidy, _trend
from factcheck.extract.sentences import Sentence, split_sentences
from factcheck.extract.timeref import MONTHS, WEEKDAYS, YEAR_RE, YearRef, year_refs
from factcheck.extract.unit_aliases import unit_after, unit_before
from factcheck.figures import Figure

from factcheck.extract.figure_context import ContextReading, an_index
from factcheck.extract.non_counts import NonCountReading

log = logging.getLogger(__name__)



def _compared_unit(work: str, prev: list[Figure], start: int, end: int, hi: int) -> tuple[str, str] | None:
    """The unit of the measure or span a bare number is compared with in its clause (its unit left out:
    "53 years, compared with 84 in Japan"), or None."""
    last = next((f for f in reversed(prev) if f.kind not in ("year", "date") and f.sentence_end >= start), None)
    kinds = _UNIT_KIND | {"duration": "duration"}
    if last is not None and last.kind == "duration" and any(f.counted and f.sentence_end >= start for f in prev):
        return None  # "4,600 patients waited over 12 hours, up from 3,900": the count's noun is left out, not the span's unit
    if last is None or not last.unit or last.kind not in kinds or last.end > start or not COMPARED_GAP_RE.match(work[last.end : start]) or not NO_NOUN_AFTER_RE.match(work, end, hi):
        return None
    return last.unit, kinds[last.kind]


PARAGRAPHS_BACK = 2  # how many paragraphs before a sentence's own may give it the year it narrates


class _SentenceReader(ContextReading, NonCountReading):
    """Reads the figures of one sentence; keeps what later sentences of the paragraph inherit."""

    def __init__(self, text: str, work: str, article_date: dt.date | None, quantulum: bool = True) -> None:
        """Read ``work`` (the masked text), cutting surfaces from ``text``, against ``article_date``."""
        self.text, self.work, self.article_date = text, work, article_date
        self.quantulum = quantulum  # ask quantulum3 about units the alias table does not know
        self.carry_year: tuple[int, str] | None = None  # (year, source) from the previous sentence
        self.paragraph_sentences = self.paragraph_figures = 0  # of the paragraph read so far
        self.carry_whole_year = False  # whether carry_year was said as a whole year
        self.base: int | None = None  # the year the paragraph narrates before the sentence being read
        self.carry_noun: str = ""  # the last counted noun in this paragraph
        self.paragraph = -1
        # the year of the last figure dated by its own words in this paragraph and in the two before: a new
        # paragraph's "a year earlier" or "the same year" counts from the one before's, or past a paragraph
        # with no dated figure (a quote) from the one before that; no further back, and never from a year
        # itself counted from the text before, so a part of an article cut at a line break reads the same
        # with only PARAGRAPHS_BACK paragraphs before it (check.check_span)
        self.figure_year: int | None = None
        self.previous_figure_years: list[int | None] = [None] * PARAGRAPHS_BACK  # oldest first

    def read(self, s: Sentence) -> list[Figure]:
        """Every figure in sentence ``s``."""
        if s.paragraph != self.paragraph:
            # a lede of one sentence and no figure that names a whole year sets the year the paragraph after it narrates
            lede = self.paragraph_sentences == 1 and not self.paragraph_figures and self.carry_whole_year
            self.paragraph, self.carry_year, self.carry_noun = s.paragraph, self.carry_year if lede else None, ""
            self.paragraph_sentences, self.paragraph_figures = 0, 0
            self.previous_figure_years = (self.previous_figure_years + [self.figure_year])[-PARAGRAPHS_BACK:]
            self.figure_year = None
        work, lo, hi = self.work, s.start, s.end
        # the year the paragraph narrates; before it names one, the year of its last dated figure, else the paragraph before's
        recent = (self.figure_year, *reversed(self.previous_figure_years))
        base = self.carry_year[0] if self.carry_year else next((y for y in recent if y is not None), None)
        self.base = base
        refs = year_refs(work, lo, hi, self.article_date, base) if YEARISH_RE.search(work, lo, hi) else []
        figures = self._figures(s, refs)
        self.paragraph_sentences += 1
        self.paragraph_figures += sum(f.checkable for f in figures)
        # dated by a year the sentence writes or counts from the article date ("in 2021", "last year"), never by
        # one counted from the text before ("a year earlier"), so a paragraph's year needs no paragraph before it
        own_years = {r.year for r in refs if not r.counted and not r.anchor}
        dated = [f for f in figures if f.checkable and f.year in own_years and f.year_source in ("explicit", "relative")]
        if dated:
            self.figure_year = dated[-1].year
        # a year after the article's (a target's "by 2030") frames no figure of the sentences after it
        usable = [r for r in refs if not r.anchor and (self.article_date is None or r.year <= self.article_date.year)]
        if usable:  # the year the sentence narrates, not the day it was told on ("in 2022 ..., the office said on Tuesday")
            last = next((r for r in reversed(usable) if not day_of_telling(work, r)), usable[-1])
            self.carry_year = (last.year, last.source)
            self.carry_whole_year = of_a_year(work, last) and not last.counted  # "last year", "in 2022"; not "on Tuesday", "a year earlier"
        return figures

    # --- one sentence ------------------------------------------------------------------
    def _figures(self, s: Sentence, refs: list[YearRef]) -> list[Figure]:
        """Walk the candidate numbers of a sentence left to right."""
        work, lo, hi = self.work, s.start, s.end
        out: list[Figure] = []
        done = lo
        markup = [(m.start(), m.end()) for m in MARKUP_RE.finditer(work, lo, hi)] if "(" in work[lo:hi] or "<" in work[lo:hi] or "[" in work[lo:hi] else []
        for pos in self._candidates_fast(lo, hi):
            if pos < done:
                continue
            if any(a <= pos < b for a, b in markup):
                continue  # "alert(1)", "<td width=3>": code or markup, not a claim
            try:
                fig, done_to = self._one(s, pos, refs, out)
            except (ValueError, OverflowError, IndexError, KeyError, ZeroDivisionError) as exc:
                log.debug("skipped a number at %d: %r", pos, exc)
                fig, done_to = None, pos + 1
            done = max(done, done_to)
            if fig is not None:
                out.append(self._elided_noun(fig, out))
        return _noun_from_subject(work, lo, _noun_from_level(work, out))

    def _elided_noun(self, fig: Figure, prev: list[Figure]) -> Figure:
        """A count with no noun takes the one left out after "and", "up from" ("5 million tickets, up from 3 million");
        an amount with no rate takes the rate of the one before it the same way ("45 cents a share, from 80 cents")."""
        if fig.unit is not None and " / " not in fig.unit and fig.checkable:
            last = next((f for f in reversed(prev) if f.checkable and f.unit), None)
            rate = last.unit.split(" / ") if last is not None and last.unit else []
            if last is not None and len(rate) == 2 and rate[0] == fig.unit and elided(self.work[last.end : fig.start]):
                return replace(fig, unit=last.unit)
            return fig
        if fig.kind != "count" or fig.unit is not None or fig.counted or not fig.checkable:
            return fig
        noun = implied_noun(fig, prev, self.work)
        return replace(fig, counted=noun) if noun else fig

    def _candidates_fast(self, lo: int, hi: int) -> list[int]:
        """Candidate starts found within the sentence only (bounded scan)."""
        starts = {m.start() for m in re.finditer(r"(?<![\d.,])\d|(?<![\w.,])\.\d|(?<!\d)[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]", self.work[lo:hi])}
        out = {lo + x for x in starts}
        if MAYBE_WORD_RE.search(self.work, lo, hi):
            out.update(m.start() for m in word_number_re().finditer(self.work, lo, hi))
        out.update(m.start() for m in RATIO_WORD_RE.finditer(self.work, lo, hi))
        if "fold" in self.work[lo:hi].lower():
            out.update(m.start() for m in FOLD_RE.finditer(self.work, lo, hi))
        if MULTIPLIER_HINT_RE.search(self.work, lo, hi):
            out.update(m.start() for m in MULTIPLIER_VERB_RE.finditer(self.work, lo, hi))
        return sorted(out)

    def _fig(self, s: Sentence, start: int, end: int, value: float, low: float, high: float, **kw: object) -> Figure:
        """A Figure with its surface taken from the original text (interval ends tidied to 12 digits)."""
        low, high = min(_tidy(low), value), max(_tidy(high), value)
        if kw.get("kind", "count") == "count" and kw.get("unit") is None and kw.get("checkable", True) and "counted" not in kw:
            kw["counted"] = counted_noun(self.work, end, s.end)  # "8,000 troops" → "troops"
        return Figure(
            surface=self.text[start:end], start=start, end=end, value=float(value), low=float(low), high=float(high),
            sentence_start=s.start, sentence_end=s.end, base_year=self.base, **kw,  # type: ignore[arg-type]
        )

    def _year_for(self, pos: int, refs: list[YearRef], end: int | None = None) -> tuple[int | None, str | None]:
        """The year a figure at ``pos`` (ending at ``end``) refers to, and how that was known (figure_year.py)."""
        return year_for(self.work, pos, refs, end, self.carry_year, self.base, self.article_date)

    def _one(self, s: Sentence, pos: int, refs: list[YearRef], prev: list[Figure]) -> tuple[Figure | None, int]:
        """The figure whose number starts at ``pos`` (or None) and where reading may resume."""
        work, lo, hi = self.work, s.start, s.end
        ch_before = work[pos - 1] if pos > lo else " "
        fm = FOLD_RE.match(work, pos, hi)
        if fm:  # "a sixfold rise", "grew more than 3-fold": a ratio
            digits = fm.group("d") or fm.group("x")
            v = float(digits) if digits else FOLD_WORDS[fm.group("w").lower()]
            # "profit soared 15-fold", "sales grew 5x": a rise of its subject, judged as later / earlier like
            # "doubled"; a fall "threefold" is a division the value does not say, so it keeps no direction
            moved = "up" if _trend(work, lo, pos, fm.end(), hi) == "up" else None
            return self._ratio(s, pos, fm.end(), v, refs, trend=moved), fm.end()
        if vulgar_fraction(work[pos]) is not None:  # "½ of the vote"
            q = _read_quantity(work, pos, hi)
            return self._quantity(s, q, refs, prev) if q else (None, pos + 1)
        is_digit = work[pos].isdigit() or work[pos] == "."
        if is_digit:
            dm = DIGITS_RE.match(work, pos, hi)
            if dm is None:
                return None, pos + 1
            dend = dm.end()
            before = work[max(lo, pos - 8) : pos]
            named = re.search(r"(?:[A-Z][A-Za-z0-9]*\s?|[A-Za-z])[-−]$", before)  # "COVID -19", "Su-25"
            sign = NEGATIVE_RE.search(before) if not named or re.search(r"(?i)minus[-\s]?$", before) else None
            if sign and re.search(r"(?i)\bplus\s+or\s+minus\s*$", work[max(lo, pos - 16) : pos]):
                sign = None  # "plus or minus 3.1 points": a margin either side, no negative number
            if not sign and SUB_RE.search(before) and (clock := CLOCK_DURATION_RE.match(work, pos, hi)):
                return self._clock_duration(s, pos, clock, refs, below=True), clock.end()  # "a sub-2:01:30 marathon"
            if not sign and SUB_RE.search(before) and (hm := SUB_CLOCK_RE.match(work, pos, hi)):
                return None, hm.end()  # "a sub-2:01 time": hours and minutes or minutes and seconds, by the event; no count
            if sign or SUB_RE.search(before):
                return self._quantity(s, q, refs, prev, sign=sign, sub=not sign) if (q := _read_quantity(work, pos, hi)) else (None, dend)
            if (phone := phone_at(work, pos, lo, hi)) is not None:
                return self._ident(s, phone[0], phone[1], dm.group()), phone[1]  # "call 0800 917 3344", "(555) 010-0142"
            if (marker := list_marker_end(work, pos)) or (len(dm.group()) > 1 and dm.group()[0] == "0" and dm.group()[1].isdigit()):
                return None, marker or dend  # "1. Chile: 88": a list's item number; "0401 GMT", "007": codes and clock times
            if ch_before == "-" and (ag := AGE_GROUP_RE.search(work, max(lo, pos - 6), min(hi, dend + 3))) and ag.start("age") == pos:
                return self._age_group(s, ag), ag.end()  # "the under-18s": an age group, not a count
            # identifiers glued to letters: "T-34", "Su-25", "COVID-19", "A380", "X-Pro3", "COVID -19"
            if ch_before.isalpha() or (ch_before == "-" and pos - 2 >= lo and (work[pos - 2].isalnum() or work[pos - 2] == " ")):
                if unit_before(work, pos) is None:
                    pm = IDENT_PREFIX_RE.search(work, max(lo, pos - 12), pos)
                    if pm is None and ch_before == "-":
                        pm = re.search(r"[A-Z][A-Za-z0-9]*\s-$", work[max(lo, pos - 14) : pos])
                        pm = re.search(r"[A-Z][A-Za-z0-9]*\s-$", work[lo:pos]) if pm else None
                        if pm:
                            return self._ident(s, lo + pm.start(), dend, dm.group()), dend
                    tail = re.match(r"[A-Za-z0-9]*", work[dend:hi])
                    end = dend + (tail.end() if tail else 0)
                    if (scale := SCALE_RE.match(work, end, hi)) and scale.group("word") not in ("hundred", "thousand"):
                        end = scale.end()  # "P3.2 billion" in a currency not read: one amount, not a bare "billion"
                    if pm and any(c.isupper() for c in pm.group()):
                        return self._ident(s, pm.start(), end, dm.group()), end
                    return None, end
            if SLASH_RE.match(work, dend, hi) and fraction_at(work, pos, hi) is None:  # "9/11", "24/7"; not "1/2 pound"
                return None, SLASH_RE.match(work, dend, hi).end()  # type: ignore[union-attr]
            if ch_before == "/" or ch_before == ":":
                return None, dend
            clock = CLOCK_DURATION_RE.match(work, pos, hi)
            if clock and not TIME_AFTER_RE.match(work, clock.end(), hi) and not CLOCK_READING_BEFORE_RE.search(work, max(lo, pos - 10), pos):
                return self._clock_duration(s, pos, clock, refs), clock.end()
            tm = TIME_AFTER_RE.match(work, dend, hi)
            if tm:
                return None, tm.end()
            if dm.group().isdigit() and len(dm.group()) <= 4 and (ERA_RE.search(before) or ERA_AFTER_RE.match(work, dend, hi)):
                v = float(dm.group())  # "A.D. 1000", "300 BC": a year of an era
                return self._fig(s, pos, dend, v, v, v, kind="year", checkable=False), dend
            om = ORDINAL_RE.match(work, dend, hi)
            if om and "." not in dm.group() and (ordinal_suffix_fits(dm.group(), om.group()) or not unit_after(work, dend)):
                if DATE_AFTER_RE.match(work, dend, hi):
                    return self._date(s, pos, dend, refs)
                return self._ordinal(s, pos, om.end(), dm.group()), om.end()
            if DATE_BEFORE_RE.search(work[max(lo, pos - 12) : pos]) and "," not in dm.group() and "." not in dm.group():
                if 1 <= int(dm.group()) <= 31 and not unit_after(work, dend):
                    return self._date(s, pos, dend, refs)
            if DATE_AFTER_RE.match(work, dend, hi) and dm.group().isdigit() and 1 <= int(dm.group()) <= 31:
                return self._date(s, pos, dend, refs)
            days = DAY_SPAN_RE.match(work, dend, hi)  # "12-13 March": a span of days, one date
            if days and dm.group().isdigit() and 1 <= int(dm.group()) < int(days.group(1)) <= 31 and DATE_AFTER_RE.match(work, days.end(), hi):
                return self._date(s, pos, days.end(), refs)
            # score "2-0": a hyphenated pair whose second number is smaller; "won 112 to 104" after a contest verb
            sc = SCORE_RE.match(work, dend, hi) or (SCORE_TO_RE.match(work, dend, hi) if CONTEST_BEFORE_RE.search(work, max(lo, pos - 25), pos) else None)
            if sc and dm.group().isdigit() and int(sc.group(1)) < int(dm.group()) < 200:
                return None, sc.end()
            if (nm := NUMBER_SIGN_RE.search(work, max(lo, pos - 5), pos)) and dm.group().isdigit():
                return self._ident(s, nm.start(), dend, dm.group()), dend  # "No. 9", "#12": a label
        else:
            mv = MULTIPLIER_VERB_RE.match(work, pos, hi)
            if mv:  # "sales doubled", "halved": a ratio, up or down
                v = MULTIPLIER_VERBS[mv.group("w").lower()]
                return self._ratio(s, pos, mv.end(), v, refs, trend="up" if v > 1 else "down"), mv.end()
            rw = RATIO_WORD_RE.match(work, pos, hi)
            if rw:
                return self._ratio(s, pos, rw.end(), RATIO_WORDS[rw.group("w").lower()], refs), rw.end()
            if pos > lo and ONE_NOT_NUMBER_RE.search(work[max(lo, pos - 10) : pos]) and work[pos : pos + 3].lower() == "one":
                if re.match(r"(?i)one\b", work[pos:hi]):
                    return None, pos + 3
            if re.match(r"(?i)one\b", work[pos:hi]) and ONE_AFTER_NOT_NUMBER_RE.match(work, pos + 3, hi):
                return None, pos + 3
            if (wn := word_number_re().match(work, pos, hi)) and (noun := NUMBER_NOUN_AFTER_RE.match(work, wn.end(), hi)):
                return None, noun.end()  # "three-pointers", "a two-seater": a number word inside a noun
        q = _read_quantity(work, pos, hi)
        if q is None:
            return None, pos + 1
        per = PER_BEFORE_RE.search(work, max(lo, pos - 12), pos)
        if per and (per.group().lower().startswith("per") or (q.unit is None and power_of_ten(q.value))):
            # "4 deaths per 1,000 live births", "2.5 doctors for every 1,000 residents": the rate's base, part
            # of the figure before; "1% for every 9 weeks" is a figure of its own
            return None, q.end
        if q.unit_kind == "duration" and any(r.start <= q.num_start < r.end and r.source == "relative" for r in refs):
            v = q.value  # "two years ago", "three years earlier": when, not how much (kept, not checkable)
            return self._fig(s, q.start, q.end, v, v, v, unit=q.unit, kind="duration", checkable=False), q.end
        if q.words and q.unit is None and COMPOUND_AFTER_RE.match(work, q.num_end, hi):
            return None, COMPOUND_AFTER_RE.match(work, q.num_end, hi).end()  # type: ignore[union-attr]
        # letters glued after the number that are no unit: "5G", "4K", "3D", "1e309"
        if q.end < hi and work[q.end].isalnum() and q.unit is None and not q.words:
            tail = re.match(r"[A-Za-z0-9]+", work[q.end : hi])
            return None, q.end + (tail.end() if tail else 1)
        # names with a number after a capitalised word: "Planet 9", "World War Two", "Big 12"; a decimal
        # only after an acronym or a camel-case name, where it is a version ("iOS 17.1")
        wlo = max(lo, pos - 40)  # a name is the word right before the number: look no further back
        cap = CAPITAL_BEFORE_RE.search(work, wlo, pos)
        if cap and cap.start() == wlo and wlo > lo and work[wlo - 1].isalpha():
            cap = None  # the window cut a word in two
        cap_at = cap.start() - lo if cap else 0
        if cap and re.fullmatch(r"[A-Z][a-z]+", cap.group("word")) and (cap_at == 0 or re.search(r"[.!?\"“]\s*$", work[lo : lo + cap_at])):
            cap = None  # the first word of a sentence is capitalised anyway (acronyms are still names)
        if cap and cap.group("word") in ("A", "I") and not re.search(r"[&A-Z]\s$", work[max(lo, lo + cap_at - 2) : lo + cap_at]):
            cap = None
        located = LOCATIVE_BEFORE_RE.search(work, max(lo, pos - 12), pos) is not None
        if q.unit is None and not q.words and (street := street_after_re(located).match(work, q.num_end, hi)):
            return self._ident(s, pos, street.end(), work[pos : q.num_end]), street.end()  # "221 Baker Street": an address, not a count
        if cap and cap.group("word") in us_state_codes() and ZIP_RE.fullmatch(work, pos, q.end if q.end > pos else q.num_end):
            return self._ident(s, cap.start("word"), q.num_end, work[pos : q.num_end]), q.num_end  # "IL 62704": a ZIP code
        zip_code = q.unit is None and not q.words and ZIP_RE.fullmatch(work, pos, q.num_end) and not COUNTED_AFTER_RE.match(work, q.num_end, hi)
        if q.unit is None and not q.words and (coded := CODE_NOUN_AFTER_RE.match(work, q.num_end, hi)):
            return self._ident(s, pos, coded.end(), work[pos : q.num_end]), coded.end()  # "the 90210 ZIP code": a name
        if zip_code and (st := us_state_before_re().search(work, max(lo, pos - 40), pos)):
            return self._ident(s, st.start(), q.num_end, work[pos : q.num_end]), q.num_end  # "Illinois 62704": the state by name
        product = PRODUCT_AFTER_RE.match(work, q.num_end, hi) if q.unit is None else None
        if product and not cap:
            return self._ident(s, pos, product.end(), work[pos : q.num_end]), product.end()  # "11 Pro Max"
        if (
            cap
            and cap.group("word") not in NOT_IDENT_CAPITALS
            and cap.group("word").lower() not in MONTHS
            and cap.group("word").lower() not in WEEKDAYS
            and not country_before(work, lo, cap.end("word"))  # "Tunisia 676, Mongolia 249": a list's labels
            and q.unit is None
            and (q.value == int(q.value) or VERSION_NAME_RE.fullmatch(cap.group("word")) is not None)
            and q.value < 1000
            and "," not in work[pos : q.num_end]
            and unit_before(work, pos) is None
            and not q.vague
        ):
            ident_start = cap.start("word")
            while True:  # "World War Two": take the whole capitalised name
                pm = re.search(r"(?<![.!?]\s)\b[A-Z][A-Za-z]*\s+$", work[lo:ident_start])
                if not pm or lo + pm.start() == lo or pm.group().strip() in NOT_IDENT_CAPITALS:
                    break
                ident_start = lo + pm.start()
            ident_end = product.end() if product else q.num_end  # "iPhone 15 Pro"
            return self._ident(s, ident_start, ident_end, work[pos : q.num_end]), ident_end
        # a year: 1800-2100, four digits, no unit, no currency, not counting a plural noun
        digits = work[pos : q.num_end]
        against = CHANGE_AGAINST_YEAR_RE.search(work, max(lo, pos - 60), pos)  # "12% below 2017 (levels)": a year
        if (
            q.unit is None
            and not q.words
            and re.fullmatch(r"(?:1[89]\d\d|2[01]\d\d)", digits)
            and q.end == q.num_end
            and (hedge_before(work, pos) is None or against)
            and not (COUNTED_AFTER_RE.match(work, q.num_end, hi) and not against and not YEAR_NOT_BEFORE_RE.search(work, max(lo, pos - 12), pos))
        ):
            v = float(digits)
            return self._fig(s, pos, q.num_end, v, v, v, kind="year", checkable=False, year=int(v), year_source="explicit"), q.num_end
        return self._quantity(s, q, refs, prev)

    def _quantity(
        self, s: Sentence, q: Quantity, refs: list[YearRef], prev: list[Figure],
        sign: re.Match[str] | None = None, sub: bool = False,
    ) -> tuple[Figure | None, int]:
        """A count, measure, money or percentage figure, with hedge, range, trend and concept."""
        work, lo, hi = self.work, s.start, s.end
        if q.words and q.unit is not None and ORDINAL_FRACTION_RE.fullmatch(work, q.num_start, q.num_end) and not OF_RE.match(work, q.num_end):
            return None, q.end  # "for a fifth day", "a fourth year running": an ordinal before its noun, no fraction of it
        start, end = q.start, q.end
        value, low, high = q.value, q.low, q.high
        qualifier = "exact"
        hedge: Hedge | None = None
        if sign is not None:  # "-5 yards", "minus 130 degrees"
            value, low, high = -value, -high, -low
            start = q.start - len(sign.group()) if q.start == q.num_start else q.start
        if sub:  # "sub-7": below 7
            hedge = hedges_by_phrase()["under"]
            start = q.start - 4
        hb = hedge_before(work, start) if hedge is None else None
        if hb is not None and hb[1] >= lo and not span_over(work, hb[0], hb[1], q.unit_kind):
            hedge, start = hb
        fx = exchange_rate(work, lo, start, q.end, hi) if q.unit is None and not q.vague else None
        if fx is not None:  # "the rupiah fell past 16,400 per dollar": IDR / USD
            q = replace(q, unit=fx.unit, unit_kind="money", end=fx.end)
            end = fx.end
        if q.unit is None and not q.vague and prev and prev[-1].unit and prev[-1].kind in ("measure", "money", "percent"):
            if prev[-1].unit != "percent" and ELIDED_UNIT_GAP_RE.fullmatch(work, prev[-1].end, start):
                q = replace(q, unit=prev[-1].unit, unit_kind=_UNIT_KIND.get(prev[-1].kind, "measure"))
            elif prev[-1].unit == "percent" and prev[-1].trend and an_index(work, lo, hi, prev) and ELIDED_UNIT_GAP_RE.fullmatch(work, prev[-1].end, start):
                q = replace(q, unit="index_point", unit_kind="measure")  # an index level after a percentage move ("the index rose 0.4% to 2,104.55")
        if q.unit is None and not q.vague and (cu := _compared_unit(work, prev, start, q.end, hi)):
            q = replace(q, unit=cu[0], unit_kind=cu[1])  # "210 megawatts, compared with 165 a year earlier"
        if q.unit is None and not q.vague and not q.words and q.end == q.num_end and (pu := _prime_unit(work, lo, q.end, hi)):
            q = replace(q, unit=pu[0], unit_kind="measure", end=pu[1])  # "an altitude of 30'", "6′2″"
            end = pu[1]
        if q.unit is None and not q.vague and not q.words and self.quantulum and q.end == q.num_end:
            got = q3.unit_at(work, lo, hi, q.num_start, q.num_end)
            if got is not None:  # the long tail: "5 furlongs", "30 psi", "28,030 yen"
                q = replace(q, unit=got[0], unit_kind=got[1], end=got[2])
                end = got[2]
        if q.unit is None and not q.vague:
            sh = SHARED_UNIT_RE.match(work, q.end, hi)
            q2 = _read_quantity(work, sh.end(), hi) if sh else None
            if q2 is not None and q2.unit is not None and q2.unit_kind != "duration" and q2.num_end - q2.num_start < 20:
                q = replace(q, unit=q2.unit, unit_kind=q2.unit_kind)  # "eight or nine euros"
        rng = self._range(s, q, start, hedge) if sign is None and not sub else None
        if rng is not None:
            rstart, q1, q2 = rng
            a, b = sorted((q1.value, q2.value))
            f = self._finish(
                s, rstart, q2.end, (a + b) / 2, a, b, q2.unit or q.unit, q2.unit_kind or q.unit_kind, "range",
                refs, prev, q, False,
            )
            return f, q2.end
        ha = hedge_after(work, end)
        if hedge is None and ha is not None:
            hedge, end = ha
        if hedge is None and prev and prev[-1].qualifier in QUALIFIER_HEDGE and CONVERSION_GAP_RE.fullmatch(work, prev[-1].end, start):
            hedge = _same_hedge(prev[-1])  # "more than 100 km (60 miles)": the conversion is hedged alike
        if hedge is None and q.words and ROUND_WORD_RE.search(work, q.num_start, q.num_end):
            hedge = hedges_by_phrase()["about"]  # "a dozen" is round like "some 8,000": eleven fits it
        if q.vague:
            qualifier = "range"
        if hedge is not None:
            qualifier = hedge.qualifier
            low, high = interval(value, (low, high), hedge)
            if q.vague:
                low, high = min(low, q.low), max(high, q.high)
        f = self._finish(s, start, end, value, low, high, q.unit, q.unit_kind, qualifier, refs, prev, q, q.vague)
        if f is not None and fx is not None and not f.concept:
            f = replace(f, concept=fx.currency)  # the rate is the priced currency's ("the ringgit firmed to 4.62 ...")
        return f, end

    def _range(self, s: Sentence, q: Quantity, start: int, hedge: Hedge | None) -> tuple[int, Quantity, Quantity] | None:
        """The second number when ``q`` opens a range ("between 5 and 7", "5-7%", "from $10 to $15 billion").

        "from X to Y" is a range in either order (the NewsQuant convention); a bare "X to Y" only
        when Y is larger and no rise or fall ("climbed 0.1% to 1,333") or "by" comes before it.
        """
        work, lo, hi = self.work, s.start, s.end
        rj = RANGE_JOIN_RE.match(work, q.end, hi)
        if rj is None and FROM_RE.search(work[max(lo, start - 12) : start]):
            tg = TIME_GAP_RE.match(work, q.end, hi)  # "from $36,040 at 10.45pm to $34,935"
            if tg is not None and YEAR_RE.search(tg.group()):
                return None  # "from 3.49 million tonnes in 2020 to 5.9 million in 2021": two years' values, a change
            if tg is not None and any(w[:1].isupper() and w.lower() not in MONTHS and w.lower() not in WEEKDAYS for w in tg.group().split()[1:]):
                return None  # "ranged from 36% in Kenya to 100% in Chile": two places' values, no range
            rj = RANGE_JOIN_RE.match(work, tg.end() - 1, hi) if tg else None
        if rj is None or q.vague or (hedge is not None and hedge.qualifier != "approx"):
            return None
        joiner = rj.group().strip().lower()
        if joiner[:1] in "-–" and joiner.endswith("to"):
            joiner = "to"  # "16- to 24-year-olds": the first number's hyphen waits for the second's unit
        before = work[max(lo, start - 12) : start]
        between = BETWEEN_RE.search(before)
        frm = FROM_RE.search(before)
        if (joiner == "and" and not (between and not frm)) or (joiner.startswith("up") and not frm):
            return None
        if joiner in ("-", "–") and (q.words or rj.group() != joiner) and joiner != "–":
            return None  # "35 miles - from": a spaced hyphen is a dash, not a range
        if BY_BEFORE_RE.search(before):
            return None
        q2 = _read_quantity(work, rj.end(), hi)
        if q2 is None or q2.vague or q2.words != q.words and joiner != "to":
            return None
        if joiner == "or" and not (q.words and q2.words and q2.value == q.value + 1):
            return None  # only "three or four years" (a guess between neighbours) is a range; "5 or 50" is a choice
        u1, u2 = q.unit, q2.unit
        if u1 and u2 and not (u1 == u2 or u2.startswith(u1) or u1.startswith(u2)):
            return None
        shared = q2.scale if q2.scale > 1.0 else trailing_scale(work[q2.num_start : q2.num_end]) if q2.words else 1.0
        if q.scale == 1.0 and q.value < shared and shared > 1.0 and q.value <= q2.value / shared:
            # "$10 to $15 billion", "four to five thousand": the scale written once belongs to both ends
            q = replace(q, value=q.value * shared, low=q.low * shared, high=q.high * shared)
        if u1 and not u2 and not (q2.value / 20 <= q.value <= q2.value * 20):
            return None  # "0.4 percent to 2,104.55": a change and a level, not a range
        if not frm:
            if q2.value <= q.value:
                return None
            if joiner == "to" and _trend(work, lo, start, start, start) is not None and not close_ends(work, q, q2):
                return None
        rstart = start - len(between.group()) if between else start - len(frm.group()) if frm else start
        return rstart, q, q2


DAY_SPAN_RE = re.compile(r"[-–](\d{1,2})(?!\d)")  # the second day of "12-13 March"


# Between a change and the level it reached, the noun both count: "grew by 17,000 in a decade to 48,000 students".
CHANGE_TO_LEVEL_RE = re.compile(r"\s+(?:[a-z]+\s+){0,4}?to\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?$")


def _noun_from_subject(work: str, lo: int, figures: list[Figure]) -> list[Figure]:
    """``figures`` with a bare count taking the noun of its clause's subject when that is "the number
    of X" or "X numbers" ("the number of unemployed Filipinos fell by 198,000 to 2.11 million")."""
    out = []
    for f in figures:
        if f.kind == "count" and f.unit is None and not f.counted and f.checkable and (noun := counted_subject(work, lo, f.start)):
            f = replace(f, counted=noun)
        out.append(f)
    return out


def _noun_from_level(work: str, figures: list[Figure]) -> list[Figure]:
    """``figures`` with a bare count of a rise or fall taking the noun of the level it rose or fell
    to, written after it ("up 2,400 to 63,700 mortgages"): the noun is written once, at the end."""
    out = list(figures)
    for i, (change, level) in enumerate(zip(figures, figures[1:])):
        if (change.kind == "count" and change.unit is None and not change.counted and change.trend and change.checkable
                and level.kind == "count" and level.unit is None and level.counted and level.checkable
                and CHANGE_TO_LEVEL_RE.fullmatch(work, change.end, level.start)):
            out[i] = replace(change, counted=level.counted)
    return out


# A fraction written as "a" and an ordinal ("a third", "a fifth"; not "a half", "a quarter"), which before a noun
# is that ordinal; with "of" after it ("a third of a year") it is the fraction
ORDINAL_FRACTION_RE = re.compile(r"(?i)(?:a|one)\s+(?:third|[a-z]+th)")
OF_RE = re.compile(r"\s+of\b")


def extract_figures(
    text: str, article_date: dt.date | None = None, *, quantulum: bool = True, parse: bool = True,
    captions: list[tuple[int, int]] | None = None,
) -> list[Figure]:
    """Every figure in ``text``, sorted by start; never raises (unreadable text gives ``[]``).

    ``captions`` are the caption lines' spans when ``text`` is one part of a longer article
    (found in the whole of it: a part's first line is not the article's headline).

    >>> [(f.surface, f.value, f.qualifier, f.concept) for f in extract_figures("Some 8,000 troops marched.")]
    [('Some 8,000', 8000.0, 'approx', 'troops')]
    """
    if not isinstance(text, str) or not text:
        return []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # figures hold no cycles; collecting while they pile up made 1 MB superlinear
    try:
        work = _mask(text)
        reader = _SentenceReader(text, work, article_date, quantulum)
        out: list[Figure] = []
        for s in split_sentences(work):
            try:
                out.extend(reader.read(s))
            except Exception as exc:  # one unreadable sentence must not cost the article
                log.warning("could not read the sentence at %d-%d: %r", s.start, s.end, exc)
        if captions is None:
            captions = caption_spans(text) if "\n" in text else []
        if captions:  # a photo caption describes its picture, not the event's total
            out = [replace(f, caption=True) if in_caption(captions, f.start) else f for f in out]
        if parse and not dependency_parse.article_parsable(len(text)):
            log.info("an article of %d characters, over %d: no dependency parse, concepts from the regex rules",
                     len(text), dependency_parse.MAX_CHARS)
        elif parse:  # the dependency parse names what a figure is about where the rules guessed
            out = parsed.refine(text, out)
        out = without_dateline_concepts(text, out)
        return sorted(out, key=lambda f: (f.start, f.end))
    except Exception as exc:  # the contract: text in, figures or [] out, never an exception
        log.warning("extraction failed: %r", exc)
        return []
    finally:
        if gc_was_enabled:
            gc.enable()


__all__ = ["extract_figures"]
