"""Words that turn what a figure names into a value planned, expected or allowed: "the inflation
target", "a GDP forecast", "the parade's target was 12,000 troops". Such a figure is never
checked against a table of the level measured. The words are data: data/statistic_aims.txt.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from factcheck.resolve.wording import words


@lru_cache(maxsize=1)
def aims() -> frozenset[str]:
    """Stems of the words that make a name a planned or expected value ("target", "forecast")."""
    path = Path(__file__).resolve().parents[1] / "data" / "statistic_aims.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for ln in lines if ln.strip() and not ln.lstrip().startswith("#") for w in words(ln.strip().lower()))


def aimed_at(toks: list[str], spans: list[tuple[int, int]]) -> str | None:
    """The word right after one of a statistic name's ``spans`` in the stems ``toks`` that makes it a
    target or forecast ("inflation target"), else None."""
    return next((toks[e] for _, e in spans if e < len(toks) and toks[e] in aims()), None)


def aim_in(concept: set[str] | frozenset[str]) -> str | None:
    """A word of a figure's concept (stems) that makes it a target or forecast ("parade target troops"), else None."""
    return next(iter(sorted(aims() & set(concept))), None)


# A clause right after the figure that says someone planned or expected it, with no "that" before its
# subject: "the 4.9% the government had targeted", "the 2% analysts expected", "the 1.3% it budgeted".
_AIMED_AFTER_RE = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:the\s+|its\s+|their\s+)?(?:[A-Za-z][\w'’-]*\s+){0,3}?(?:had\s+|has\s+|have\s+|was\s+|were\s+)?"
    r"(?P<verb>planned|targeted|targetted|forecast|forecasted|budgeted|pencilled\s+in|penciled\s+in|expected|predicted|projected|promised|pledged|aimed\s+for|hoped\s+for)\b"
)


# A relative clause right after the figure (perhaps after its noun) that calls it an aim or a limit: "the
# 85% level that doctors regard as a safe ceiling", "the 2% which the bank sees as its target".
_CALLED_AIM_AFTER_RE = re.compile(
    r"(?:\s+[a-z][\w-]*){0,2}?,?\s+(?:that|which)\s+(?:[A-Za-z][\w'’-]*\s+){0,3}?"
    r"(?P<verb>(?:regard|consider|see|deem|treat)(?:s|ed|n)?\s+as)\s+(?:a|an|the|its|their)\s+"
    r"(?P<what>(?:[\w-]+\s+){0,2}[a-z]+)\b"  # the aim's noun and the words before it, perhaps a word past it
)


def aimed_after(text: str, end: int, limit: int) -> str:
    """The words of a clause right after a figure ending at ``end`` that make it a value planned or
    expected ("the 4.9% the government had targeted") or call it an aim or a limit ("the 85% level that
    experts regard as a safe ceiling"), else "".

    >>> t = "well above the 4.9% the government had targeted."
    >>> aimed_after(t, t.index("%") + 1, len(t)), aimed_after("it grew 4.9% in 2023.", 12, 21)
    ('targeted', '')
    >>> t = "above the 85% level that nurses regard as a safe ceiling, and the 3% that many regard as a poor result"
    >>> aimed_after(t, t.index("%") + 1, len(t)), aimed_after(t, t.index("3%") + 2, len(t))
    ('regard as a safe ceiling', '')
    """
    m = _AIMED_AFTER_RE.match(text, end, limit)
    if m:
        return m.group("verb")
    called = _CALLED_AIM_AFTER_RE.match(text, end, limit)
    said = called.group("what").split() if called else []
    at = next((k for k, w in enumerate(said) if set(words(w.lower())) & aims()), None)
    return f"{called.group('verb')} a {' '.join(said[: at + 1])}" if called and at is not None else ""


# An aim's noun right before the figure, joined by "of", "at", "to" or a copula: "the government's goal of
# 10 GW", "a target of 45%", "cut its forecast to 2.1%", "the cap is €500"; a hedge may stand between.
_AIM_BEFORE_RE = re.compile(
    r"\b(?P<noun>[a-z]+)\s+(?:of|at|to|is|was|were|stands\s+at|stood\s+at)\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|just|over|under|more\s+than|less\s+than|at\s+least|up\s+to)\s+)?$",
    re.IGNORECASE,
)


def aim_before(text: str, start: int, lo: int) -> str:
    """The aim's noun right before a figure starting at ``start`` (not before ``lo``), else "".

    >>> t = "above the government's goal of 10 GW by 2022"
    >>> aim_before(t, t.index("10"), 0), aim_before("capacity of 10 GW", 12, 0)
    ('goal', '')
    """
    m = _AIM_BEFORE_RE.search(text, max(lo, start - 40), start)
    return m.group("noun") if m is not None and set(words(m.group("noun").lower())) & aims() else ""
