"""Datelines: the place (and day) a story was filed from, opening its first line ("OSLO, 3 May 2023 —",
"MEXICO CITY — "). Its day is the article's date when no byline or page metadata gives one; its place
says where the reporter wrote, never what a figure is about (``extract.datelines`` drops its words
from concepts).
"""

from __future__ import annotations

import datetime as dt
import re

# A place in capitals (its region after it, perhaps), then the day of filing, a wire's name perhaps, and a dash
# ("OSLO, 3 May 2023 -", "LIMA, May 3, 2023 (Wire) —", "3 May 2023 - Opinion"). Its date is when the story was filed, the article's date.
DATED_DATELINE_RE = re.compile(
    r"[ \t]*(?:[A-Z](?:[A-Z .'’/-]|[À-ÞĀ-ž])*(?:[A-Z]|[À-ÞĀ-ž]),?[ \t]+(?:[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)*,[ \t]+)?)?"
    r"(?:\d{1,2}[ \t]+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?[ \t]+\d{1,2}|[A-Z][a-z]+\.?(?=[ \t]+\d{4}\b))"  # "3 May", "May 3", "May" before its year
    r"(?:,?[ \t]+\d{4})?(?:[ \t]+\([A-Z][\w .&/-]*\))?[ \t]*[-—–][ \t]"
)
# The place alone in capitals, its region after it perhaps, then a dash ("MEXICO CITY — ", "ELY, Cambridgeshire — ").
PLACE_DATELINE_RE = re.compile(r"\s*[A-Z][A-Z .,'’/-]*[A-Z]\.?(?:,[ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)*)?\s+[—–-]\s+")

# a month of filing alone, as features and releases date themselves: "September 2024"
_MONTH_YEAR_RE = re.compile(r"(?P<m>[A-Z][a-z]+)\.?[ \t]+(?P<y>\d{4})\b")
# a full day of filing: "14 March 2024", "March 14, 2024", "Sept. 3 2024"
_FULL_DATE_RE = re.compile(r"(?:(?P<d1>\d{1,2})[ \t]+(?P<m1>[A-Z][a-z]+)\.?|(?P<m2>[A-Z][a-z]+)\.?[ \t]+(?P<d2>\d{1,2}),?)[ \t]+(?P<y>\d{4})")
# a line of its own in capitals ending with the full day: "PIG FARMING — BRUSSELS, 1 June 2023", "OSLO, 3 May 2023"
_DATE_LINE_RE = re.compile(r"[ \t]*(?:[A-Z][^a-z\n]{0,60}?[ \t,—–-][ \t]*)?(?P<date>" + _FULL_DATE_RE.pattern + r")[ \t]*")
DATE_LINE_MAX = 80  # characters: a kicker-and-dateline line, not a sentence
# month names and their short forms, lower case, to their numbers (also what the extractor reads "in March" by)
MONTHS: dict[str, int] = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}


def dateline_date(line: str) -> dt.date | None:
    """The day a story was filed, from a dateline opening ``line`` ("UTRECHT, 14 March 2024 — …") or a
    short line of capitals ending with it ("FARMING — BRUSSELS, 1 June 2023"); the first of the month when
    it gives a month and year only ("PARIS, September 2024 —"); None when it gives no year or no valid day
    ("LONDON, June 1 —").

    >>> dateline_date("UTRECHT, 14 March 2024 — Buses ran."), dateline_date("LIMA, May 3, 2023 (Wire) - It rained.")
    (datetime.date(2024, 3, 14), datetime.date(2023, 5, 3))
    >>> dateline_date("FARMING — BRUSSELS, 1 June 2023"), dateline_date("LONDON, June 1 — Banks shut."), dateline_date("On 1 June 2023 it rained.")
    (datetime.date(2023, 6, 1), None, None)
    >>> dateline_date("PARIS, September 2024 — Rents rose."), dateline_date("PARIS, Tuesday 2024 — Rents rose.")
    (datetime.date(2024, 9, 1), None)
    """
    m = DATED_DATELINE_RE.match(line)
    said = line[: m.end()] if m else ""
    if not said and len(line.strip()) <= DATE_LINE_MAX and (whole := _DATE_LINE_RE.fullmatch(line)):
        said = whole.group("date")
    found = _FULL_DATE_RE.search(said)
    if found is None:
        # a month alone ("PARIS, September 2024 —") dates the story to its month: its first day, the
        # earliest it can be, so no figure is taken as already published that might not have been
        month_only = _MONTH_YEAR_RE.search(said)
        month = MONTHS.get(month_only.group("m").lower()) if month_only else None
        return dt.date(int(month_only.group("y")), month, 1) if month_only and month else None
    month = MONTHS.get((found.group("m1") or found.group("m2")).lower())
    try:
        return dt.date(int(found.group("y")), month, int(found.group("d1") or found.group("d2"))) if month else None
    except ValueError:  # "31 June 2023"
        return None


def dateline_end(text: str, start: int = 0, end: int | None = None) -> int:
    """Where the dateline opening ``text[start:end]`` ends (``start`` when it opens with none)."""
    end = len(text) if end is None else end
    m = DATED_DATELINE_RE.match(text, start, end) or PLACE_DATELINE_RE.match(text, start, end)
    return m.end() if m else start
