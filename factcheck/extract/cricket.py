"""What a bare count counts in a cricket report: "bowled out for 187" (runs), "312 for six" (runs for
wickets), "four for 31" (a bowler's wickets for runs), "made 113 off 87 balls" (runs).

Cricket writes its scores without nouns, so a count there would count nothing and could take the
noun of the count before it ("off 49 balls to reach 312 for six": not six balls). The notation is
read only in a sentence that speaks of cricket (its own words: wickets, overs, innings, bowled ...).
"""

from __future__ import annotations

import re

from factcheck.extract.numbers import number_words
from factcheck.figures import Figure

CRICKET_RE = re.compile(
    r"\b(?:wickets?|overs|innings|bowl(?:ed|er|ers|ing)|bats(?:man|men)|batters?|all\s+out|declared|"
    r"not\s+out|unbeaten|centur(?:y|ies)|Test\s+match|run\s+chase|runs?|deliveries|(?:off|from)\s+\d+\s+balls)\b",
    re.IGNORECASE,
)
SMALL = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
FOR_AFTER_RE = re.compile(rf"\s+for\s+(?P<n>{SMALL}|\d{{3}})\b", re.IGNORECASE)  # "312 for six", "four for 31"
FOR_BEFORE_RE = re.compile(rf"\b(?P<n>{SMALL}|\d{{3}})\s+for\s+$", re.IGNORECASE)
RUNS_AFTER_RE = re.compile(r"\s+(?:all\s+out|not\s+out|(?:off|from)\s+\d+\s+(?:balls|deliveries))\b", re.IGNORECASE)
RUNS_BEFORE_RE = re.compile(
    r"\b(?:(?:bowled\s+out|dismissed|all\s+out)\s+for|(?:made|scored|struck|hit|making|scoring|reached|chased(?:\s+down)?|chasing|"
    r"target\s+of)(?:\s+an?)?(?:\s+unbeaten)?|an?\s+unbeaten)\s+$",
    re.IGNORECASE,
)


def _number(word: str) -> int:
    """A small number as written: "six" → 6, "31" → 31 (words from data/number_words.csv)."""
    if word.isdigit():
        return int(word)
    row = number_words().get(word.lower())
    return int(row.value) if row is not None else 0


def cricket_noun(text: str, f: Figure) -> str:
    """"runs" or "wickets" for a bare count in cricket's notation, else ""."""
    if f.kind != "count" or f.unit or f.counted or not f.checkable or f.value != int(f.value):
        return ""
    lo, hi = f.sentence_start, f.sentence_end
    if not CRICKET_RE.search(text, lo, hi):
        return ""
    if (m := FOR_AFTER_RE.match(text, f.end, hi)) is not None:
        n = _number(m.group("n"))
        if f.value > 10 >= n:
            return "runs"  # "312 for six"
        if f.value <= 10 < n:
            return "wickets"  # "four for 31"
    if (m := FOR_BEFORE_RE.search(text[max(lo, f.start - 12) : f.start])) is not None:
        n = _number(m.group("n"))
        if n > 10 >= f.value:
            return "wickets"  # "312 for [six]"
        if n <= 10 < f.value:
            return "runs"  # "four for [31]"
    if RUNS_AFTER_RE.match(text, f.end, hi) or RUNS_BEFORE_RE.search(text[max(lo, f.start - 40) : f.start]):
        return "runs"
    return ""
