"""Datelines: the place (and day) a story was filed from, opening its first line ("OSLO, 3 May 2023 —",
"MEXICO CITY — "). A dateline says where and when the reporter wrote, never what a figure is about
or whose it is, so concepts and owners are read from the sentence after it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from factcheck.figures import Figure

# A place in capitals (its region after it, perhaps), then the day of filing, a wire's name perhaps, and a dash
# ("OSLO, 3 May 2023 -", "LIMA, May 3, 2023 (Wire) —", "3 May 2023 - Opinion"). Its date is when the story was filed, the article's date.
DATED_DATELINE_RE = re.compile(
    r"[ \t]*(?:[A-Z](?:[A-Z .'’/-]|[À-ÞĀ-ž])*(?:[A-Z]|[À-ÞĀ-ž]),?[ \t]+(?:[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)*,[ \t]+)?)?(?:\d{1,2}[ \t]+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?[ \t]+\d{1,2})(?:,?[ \t]+\d{4})?(?:[ \t]+\([A-Z][\w .&/-]*\))?[ \t]*[-—–][ \t]"
)
# The place alone in capitals, its region after it perhaps, then a dash ("MEXICO CITY — ", "ELY, Cambridgeshire — ").
PLACE_DATELINE_RE = re.compile(r"\s*[A-Z][A-Z .,'’/-]*[A-Z]\.?(?:,[ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)*)?\s+[—–-]\s+")


def dateline_end(text: str, start: int = 0, end: int | None = None) -> int:
    """Where the dateline opening ``text[start:end]`` ends (``start`` when it opens with none)."""
    end = len(text) if end is None else end
    m = DATED_DATELINE_RE.match(text, start, end) or PLACE_DATELINE_RE.match(text, start, end)
    return m.end() if m else start


def without_dateline_concepts(text: str, figures: list[Figure]) -> list[Figure]:
    """``figures`` whose concepts lose the words only their sentence's dateline holds ("lithium,
    SANTIAGO" → "lithium"): the filing place is no owner of a figure."""
    out = []
    for f in figures:
        cut = dateline_end(text, f.sentence_start, f.sentence_end) if f.concept else f.sentence_start
        if cut == f.sentence_start:
            out.append(f)
            continue
        head, rest = text[f.sentence_start : cut], text[cut : f.sentence_end]
        parts = [" ".join(w for w in part.split() if not _dateline_only(w.strip(","), head, rest)) for part in f.concept.split(", ")]
        concept = ", ".join(p for p in parts if p)
        out.append(replace(f, concept=concept) if concept != f.concept else f)
    return out


def _dateline_only(word: str, head: str, rest: str) -> bool:
    """Whether ``word`` is in the dateline ``head`` and nowhere in the sentence after it, ``rest``."""
    return bool(word) and word in head and not re.search(rf"\b{re.escape(word)}\b", rest)
