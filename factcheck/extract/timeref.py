"""Years a sentence refers to: explicit ("in 2020", "mid-2020") and relative to the article date
("last year", "this month", "on Tuesday", "in May", "two years ago"), so a figure can be
compared with the reference for the right year.

This is the one place that reads time expressions: the extractor (extract.py) dates figures with
``year_refs`` and years.py re-reads the same refs; neither has a year regex of its own.

Rule for narrated years: "ago" counts back from the article date; "a year earlier", "three years
before", "the previous year", "the year after" count from the year the text narrates: the last
year named before them in the sentence, else ``base`` (``frame_year`` of the sentence before in
the paragraph, or in a new paragraph the year of the last figure dated by its own words; the
extractor passes it), else the article date. "That year", "later that year"
are the narrated year itself. "A year before the merger" (an event follows) and "for two years
before" (a span) date nothing. A month without a year ("held in June") takes the year its
sentence states. A year after "since", "than", "compared with", "down from" is an anchor (a point
of reference or the other side of a comparison, ``compared``): it never dates the figure before
it nor frames the next sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from factcheck.extract.comparison import OPENED_IN_CLAUSE_RE
from factcheck.read.datelines import DATED_DATELINE_RE, MONTHS

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_ALT = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"

# Words before a year that make it a point of reference, not the year a figure belongs to.
ANCHOR_RE = re.compile(
    r"""(?i:\b(?:since|until|till|before|after|compared\s+(?:with|to)|prior\s+to  # a point of reference
       | than(?:\s+(?:in|during|for|at))?                                          # "fewer than in 2022"
       | as\s+(?!(?:early|late|recently)\b)[a-z]+\s+as(?:\s+(?:in|during|for|at))?)  # "half as long as in 2019", not "as early as 2022": a time stressed
       \s+(?:the\s+)?(?:end\s+of\s+|start\s+of\s+)?)$""",
    re.VERBOSE,
)

# A comparison earlier in the clause: a year after it dates the other side ("compared with 11,000 the
# previous year"), so it frames neither the figure before it nor the next sentence.
COMPARISON_BEFORE_RE = OPENED_IN_CLAUSE_RE

YEAR_RE = re.compile(
    r"""
    (?:(?<=\bmid-)|(?<=\bMid-)|(?<=\bend-)|(?<=\bEnd-)|(?<=\blate-)|(?<=\bearly-)  # "in mid-2020", "at end-2022" ...
      |(?<![\d,.$£€¥#/-]))      # ... else not part of a longer number, price or fraction
    (?P<year>1[89]\d\d|20\d\d) # a plausible year
    (?![\d]|,\d|\.\d|s\b|'s\b|%|/)  # not 2020s, not 2,000 or 2020.5, not a percentage or fraction
    """,
    re.VERBOSE,
)

RELATIVE_RE = re.compile(
    rf"""
    (?i:
      (?P<rel>(?:earlier|later)\s+this|this|last|next|past)\s+(?P<span>year|month|week|spring|summer|autumn|fall|winter)
      | (?P<ago>(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}}))\s+(?P<agospan>years?|decades?)\s+ago
      | (?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}})\s+(?P<nspan>years?|decades?)\s+
          (?P<way>earlier|before|previously|prior|later|after|on)          # "three years earlier"
      | the\s+(?P<prev>previous|prior|preceding|following|next)\s+year     # "the previous year"
      | the\s+year\s+before\s+(?P<blast>last)                              # "the year before last"
      | the\s+year\s+(?P<way1>before|earlier|prior|after|later)            # "the year before"
      | (?P<same>(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+year)     # "later that year": the narrated year itself
      | (?P<day>yesterday|today|tomorrow|tonight)
      | on\s+(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)
      | (?P<when>in|last|this|since|until|by|from|through|early|late|mid-?)\s+(?P<month>(?-i:{MONTH_ALT}))(?!\s*\d)
    )\b
    """,
    re.VERBOSE,
)
AGO_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}
BACK_WORDS = frozenset("earlier before previously prior previous preceding".split())
OPEN_WORDS = frozenset("before after prior on".split())  # "a year before the merger": an event follows
# "before the war", "after prices fell": an event follows; a conjunction or a preposition opens no event
# ("the year before and well above", "a year earlier in Peru")
EVENT_AFTER_RE = re.compile(
    r"\s+(?!(?:and|or|but|nor|while|whereas|though|although|in|at|on|for|from|to|with|by|among|across|when)\b)"
    r"(?:the\s+|a\s+|an\s+|his\s+|her\s+|its\s+|their\s+)?[A-Za-z]"
)
PERIOD_BEFORE_RE = re.compile(r"(?i:\b(?:the|for|over|within|in|past|last|first|next)\s+)$")  # "for two years before"
NARRATED = ("n", "prev", "way1", "same")  # groups of the phrases counted from a narrated year


@dataclass(frozen=True)
class YearRef:
    """A year the sentence mentions: where, which year, how it was known, and if it is an anchor."""

    start: int
    end: int
    year: int
    source: str  # "explicit" | "relative"
    anchor: bool = False
    compared: bool = False  # an anchor on the other side of a comparison ("compared with 131 in 2022"): it dates that side
    counted: bool = False  # years counted from a date ("two years ago", "a year earlier", "that year"), not "last year"
    day: bool = False  # a day's ("on Monday", "yesterday"): when it was said or done, no year a story narrates


def month_year(month: int, article_date: dt.date) -> int:
    """The year of a month named without one: news talks about the past, so a month later in the
    calendar than the article's month is last year's.

    >>> month_year(12, dt.date(2023, 5, 9)), month_year(5, dt.date(2023, 5, 9))
    (2022, 2023)
    """
    return article_date.year - 1 if month > article_date.month else article_date.year


def _narrated_year(m: re.Match[str], base: int) -> int:
    """The year "three years earlier" / "the previous year" / "the year after" names, counted from ``base``."""
    if m.group("same"):
        return base  # "that year", "later that year"
    way = (m.group("way") or m.group("way1") or m.group("prev") or "").lower()
    n = AGO_WORDS.get((m.group("n") or "a").lower()) or int(m.group("n") or 1)
    n *= 10 if (m.group("nspan") or "").lower().startswith("decade") else 1  # "two decades earlier"
    return base - n if way in BACK_WORDS else base + n


def _relative_year(m: re.Match[str], article_date: dt.date) -> int:
    """The year a relative expression points to, from the article date."""
    y = article_date.year
    if m.group("blast"):
        return y - 2  # "the year before last"
    if m.group("rel"):
        rel, span = m.group("rel").lower(), m.group("span").lower()
        if span == "year":
            return y - 1 if rel in ("last", "past") else y + 1 if rel == "next" else y
        if span == "month":
            delta = -1 if rel in ("last", "past") else 1 if rel == "next" else 0
            return y + (article_date.month - 1 + delta) // 12
        if span == "week":
            delta = -7 if rel in ("last", "past") else 7 if rel == "next" else 0
            return (article_date + dt.timedelta(days=delta)).year
        return y - 1 if rel == "last" else y + 1 if rel == "next" else y
    if m.group("ago"):
        word = m.group("ago").lower()
        n = AGO_WORDS[word] if word in AGO_WORDS else int(word)
        return y - n * (10 if m.group("agospan").lower().startswith("decade") else 1)  # "a decade ago"
    if m.group("day"):
        delta = {"yesterday": -1, "tomorrow": 1}.get(m.group("day").lower(), 0)
        return (article_date + dt.timedelta(days=delta)).year
    if m.group("weekday"):
        wd = WEEKDAYS.index(m.group("weekday").lower())
        back = (article_date.weekday() - wd) % 7
        return (article_date - dt.timedelta(days=back)).year
    return month_year(MONTHS[m.group("month").lower()], article_date)


def _compared(head: str) -> bool:
    """Does ``head`` open the other side of a comparison ("compared with 131 in", "fewer than in")?"""
    m = ANCHOR_RE.search(head)
    return bool(COMPARISON_BEFORE_RE.search(head) or (m and m.group().lower().startswith(("than", "compared"))))


# An unstated stretch of past years: "in earlier years", "in recent years", "over the years", "in
# the past". A figure said of it has no year a table could give it.
# A short stretch a figure is said of: a part of the period any table counts ("wounded in a single
# week", "in the past 24 hours", "overnight").
SHORT_SPAN_RE = re.compile(
    r"""\b(?:in|within|during|over)\s+(?:a\s+single|a|one|the\s+(?:past|last|previous|same))\s+(?:day|week|fortnight|month|24\s+hours|48\s+hours)\b
    | \bovernight\b(?!\s+(?!(?:this|was|has|is|as|its|his|us|plus|thus|across|unless|less|does)\b)[a-z]+s\b)""",  # as an adverb:
    # before a plural noun ("overnight stays", "overnight visitors") it says what is counted, no span
    re.VERBOSE | re.IGNORECASE,
)
# A part of a year a figure is said of: a quarter or half ("in the first quarter", "Q3", "in the
# three months to June"), a year to a month ("in the year to October"), a month ("in March 2022",
# "last month"), a season ("during the 2021 monsoon season", "last winter") or the middle of a year
# ("by mid-2022"). An annual table holds
# the whole calendar year's value.
PART_OF_YEAR_RE = re.compile(
    rf"""\b(?:the\s+)?(?:first|second|third|fourth|final|last|latest|June|September|December|March)\s+(?:quarter|half)\b
    | \b[QH][1-4]\b
    | \b(?:three|six|nine|twelve|3|6|9|12)\s+months\s+(?:to|through|ending|ended)\b
    | \byear\s+to\s+(?-i:{MONTH_ALT})\b
    | \b(?:in|during|for|by|of)\s+(?-i:{MONTH_ALT})\b(?!\s+\d{{1,2}}\b)
    | \b(?:last|this|that|the\s+same|the\s+previous)\s+month\b
    | \b(?:during|in|over|this|last|the)\s+(?:[\w-]+\s+){0,2}?(?:season|winter|summer|spring|autumn|monsoon)\b
    | \bmid-(?:1[89]|20)\d\d\b | \b(?:the\s+)?middle\s+of\s+(?:the\s+year|(?:1[89]|20)\d\d)\b""",
    re.VERBOSE | re.IGNORECASE,
)
# A decade ("the 1970s", "the early 2000s", "the '90s"): ten years, no one of which a table could give
# a figure said of it.
DECADE_RE = re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:1[89]|20)\d0s\b|(?<!\w)['’]\d0s\b", re.IGNORECASE)
UNDATED_PERIOD_RE = re.compile(
    r"""\b(?:in|over|during|for)\s+(?:the\s+)?(?:(?:earlier|previous|past|prior|former|recent|other|bygone)\s+(?:years|decades)
    | years\s+past | the\s+past | the\s+years)\b""",
    re.VERBOSE | re.IGNORECASE,
)


def in_dateline(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in the dateline that opens its line (``_DATELINE_DATE_RE``).

    >>> t = "OSLO, 3 May 2023 - Sales rose 4% last year."
    >>> in_dateline(t, t.index("2023")), in_dateline(t, t.index("last"))
    (True, False)
    >>> t = "LIMA, May 3, 2023 (Wire) — Sales rose 4% last year."
    >>> in_dateline(t, t.index("2023"))
    True
    >>> t = "PLZEŇ, Bohemia, 1 June 2023 — Sales rose 4% last year."
    >>> in_dateline(t, t.index("2023"))
    True
    """
    m = DATED_DATELINE_RE.match(text, text.rfind("\n", 0, pos) + 1)
    return m is not None and pos < m.end()


def year_refs(text: str, start: int, end: int, article_date: dt.date | None, base: int | None = None) -> list[YearRef]:
    """Every year referred to in ``text[start:end]``, in order; relative ones need an article date
    (or, for "a year earlier", a narrated year: one named before in the sentence, else ``base``).

    >>> t = "In 2020 it was 13,000; last year about 11,000, the most since 2008."
    >>> [(r.year, r.source, r.anchor) for r in year_refs(t, 0, len(t), dt.date(2023, 5, 9))]
    [(2020, 'explicit', False), (2022, 'relative', False), (2008, 'explicit', True)]
    >>> t = "In 2019 it drew 900, and three years earlier 700."
    >>> [r.year for r in year_refs(t, 0, len(t), None)]
    [2019, 2016]
    >>> t = "It drew 900 in 2023, officials said on Monday, short of the 950 of the year before."
    >>> [r.year for r in year_refs(t, 0, len(t), dt.date(2024, 1, 8))]  # a day's date narrates no year
    [2023, 2024, 2022]
    """
    refs: list[YearRef] = []
    for m in YEAR_RE.finditer(text, start, end):
        head = text[max(start, m.start() - 40) : m.start()]
        anchor = bool(ANCHOR_RE.search(head) or COMPARISON_BEFORE_RE.search(head)) or in_dateline(text, m.start())
        refs.append(YearRef(m.start(), m.end(), int(m.group("year")), "explicit", anchor, _compared(head)))
    for m in RELATIVE_RE.finditer(text, start, end):
        if any(m.group(g) for g in NARRATED):
            head = text[max(start, m.start() - 30) : m.start()]
            last = m.group().split()[-1].lower()
            if m.group("n") and PERIOD_BEFORE_RE.search(head):
                continue  # "for two years before": a span, not a date
            if last in OPEN_WORDS and EVENT_AFTER_RE.match(text, m.end(), end):
                continue  # "a year before the merger": counted from an event we cannot date
            named = [r.year for r in sorted(refs, key=lambda r: r.start) if r.end <= m.start() and not r.anchor and not r.day]
            frame = named[-1] if named else base if base is not None else article_date.year if article_date else None
            if frame is not None:  # "than a year earlier", "since that year": a point of reference
                head = text[max(start, m.start() - 40) : m.start()]
                anchor = bool(ANCHOR_RE.search(head[-30:]) or COMPARISON_BEFORE_RE.search(head))
                refs.append(YearRef(m.start(), m.end(), _narrated_year(m, frame), "relative", anchor, _compared(head), counted=True))
            continue
        if article_date is not None:
            anchor = (m.group("when") or "").lower() in ("since", "until", "from")
            head = text[max(start, m.start() - 40) : m.start()]
            anchor = anchor or bool(ANCHOR_RE.search(head) or COMPARISON_BEFORE_RE.search(head)) or in_dateline(text, m.start())
            stated = [r.year for r in refs if r.source == "explicit" and not r.anchor]
            try:
                year = _relative_year(m, article_date)
            except OverflowError:  # "yesterday" on 1 January of year 1
                year = article_date.year
            if m.group("month") and stated:
                year = stated[0]  # "The 2020 parade was held in June": June of 2020 (moved from years.py)
            refs.append(YearRef(m.start(), m.end(), year, "relative", anchor, _compared(head), counted=bool(m.group("ago")),
                                day=bool(m.group("day") or m.group("weekday"))))
            refs.sort(key=lambda r: r.start)
    return sorted(refs, key=lambda r: r.start)


def frame_year(text: str, start: int, end: int, article_date: dt.date | None) -> int | None:
    """The year ``text[start:end]`` leaves the next sentence of its paragraph to count from: its last
    year that is no anchor (a comparison's year frames nothing).

    >>> t = "In 2021 about 12,000 marched, fewer than in 2019."
    >>> frame_year(t, 0, len(t), dt.date(2023, 5, 9)), frame_year("Since 2019 it grew.", 0, 19, None)
    (2021, None)
    """
    usable = [r for r in year_refs(text, start, end, article_date) if not r.anchor]
    return usable[-1].year if usable else None


# A relative clause set off by commas after a subject: "Peru, which joined the scheme in 1994, had
# 310 members". Its year dates what the clause says of the subject, not the figure after it.
_CLOSED_ASIDE_RE = re.compile(r",\s+(?:which|who|whose)\b[^,;:.!?()\n]*,")
ASIDE_REACH = 160  # characters before a year in which its aside may open


# A relative clause on a year, up to a figure: ", when it stood at " (no other clause opens in between).
_WHEN_CLAUSE_RE = re.compile(r"\s*,\s*when\s+[^.;:!?,]{0,80}")


def when_clause_year(text: str, refs: list[YearRef], pos: int) -> YearRef | None:
    """The anchor year a "when" clause holding the figure at ``pos`` is on ("since 2017, when it stood at 212",
    "up 40% on 2015, when the plant made 2,000"): the clause is of that year, though the year only anchors
    the comparison before it; None when there is none."""
    return next((r for r in reversed(refs) if r.anchor and r.end <= pos and _WHEN_CLAUSE_RE.fullmatch(text, r.end, pos)), None)


def in_closed_aside(text: str, ref_start: int, pos: int) -> bool:
    """Whether the year at ``ref_start`` lies in a relative clause between commas that closes before ``pos``.

    >>> t = "Peru, which joined the scheme in 1994, had 310 members."
    >>> in_closed_aside(t, t.index("1994"), t.index("310")), in_closed_aside("In 1994 it had 310 members.", 3, 15)
    (True, False)
    >>> t = "Peru, whose mines are old, had 40 in 2021."
    >>> in_closed_aside(t, t.index("2021"), t.index("40"))
    False
    """
    for m in _CLOSED_ASIDE_RE.finditer(text, max(0, ref_start - ASIDE_REACH), pos):
        if m.start() < ref_start < m.end() <= pos:
            return True
    return False

