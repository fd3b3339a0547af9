"""A dateline's words in a concept: the filing place ("OSLO, 3 May 2023 —") says where the reporter
wrote, never what a figure is about or whose it is, so concepts keep only words the sentence after
the dateline holds (the dateline itself is read in ``read.datelines``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from factcheck.figures import Figure
from factcheck.read.datelines import dateline_end


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
