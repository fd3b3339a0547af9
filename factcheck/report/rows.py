"""What every export shares: final verdicts, the best source of a figure and how it reads, one row per figure.

Every writer takes the ``CheckResult`` and, optionally, the checker's reviews keyed by
``Figure.key()``; a review's override becomes the figure's final verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from factcheck import numfmt
from factcheck.figures import CheckResult, FigureCheck, Reference, Review, effective_verdict
from factcheck.source_kinds import best

Reviews = Mapping[str, Review]

SYMBOLS = {"agree": "✓", "conflict": "✗", "no_source": "?", "not_checkable": "·"}
LABELS = {"agree": "agree", "conflict": "conflict", "no_source": "no source", "not_checkable": "not checkable"}


def final_verdict(fc: FigureCheck, reviews: Reviews | None) -> str:
    """The checker's override when there is one, else the computed verdict."""
    return effective_verdict(fc, (reviews or {}).get(fc.figure.key()))


def review_of(fc: FigureCheck, reviews: Reviews | None) -> Review:
    """The checker's review of a figure, or an empty one."""
    return (reviews or {}).get(fc.figure.key()) or Review(figure_key=fc.figure.key())


def best_reference(fc: FigureCheck, article_date: date | None = None) -> Reference | None:
    """The one source shown for a figure: reported before planned, the most authoritative publisher,
    and one the article could have used before one published after it. For an agreement, among
    the sources it agrees with: a figure checked against a claim must not show another figure."""
    return best(fc.agreeing_references() if fc.verdict == "agree" else fc.references, article_date)


def reference_value(ref: Reference) -> str:
    """A reference's value as a reader reads it: "8,000", "$94.8 billion", a year as "1945"."""
    kind = "year" if numfmt.is_year_label(ref.metric_label, ref.unit) else None
    return numfmt.amount(ref.value, ref.unit, kind)


def reference_text(ref: Reference | None) -> str:
    """"14,000 (2020, RFE/RL, 2020-06-24)" for one reference; a part the store lacks is left out, "" for none.

    Never "(2023, Wikipedia, )": an undated page reads "(2023, Wikipedia)".
    """
    if ref is None:
        return ""
    parts = [str(ref.year) if ref.year else "", ref.source.publisher or ref.source.title, ref.source.published]
    shown = ", ".join(p.strip() for p in parts if p and p.strip())
    return reference_value(ref) + (f" ({shown})" if shown else "")


def context(result: CheckResult, fc: FigureCheck) -> str:
    """The sentence a figure stands in, on one line."""
    return " ".join(fc.figure.sentence(result.text).split())


def to_rows(result: CheckResult, reviews: Reviews | None = None) -> list[dict[str, Any]]:
    """One flat dict per figure: the app's table (which shows the private note) and the CSV's columns."""
    rows = []
    for n, fc in enumerate(result.figures, 1):
        f, rv, ref = fc.figure, review_of(fc, reviews), best_reference(fc, result.date)
        d = f.to_dict()
        rows.append(
            {
                "n": n, "surface": f.surface, "start": f.start, "end": f.end, "value": d["value"],
                "low": d["low"], "high": d["high"], "unit": f.unit or "", "qualifier": f.qualifier,
                "concept": f.concept, "year": f.year, "kind": f.kind,
                "read_as": fc.claim.read_as() if fc.claim else "",
                "claim_metric": fc.claim.metric if fc.claim else "", "claim_entity": fc.claim.entity if fc.claim else "",
                "claim_entity_code": fc.claim.entity_code if fc.claim else "",
                "claim_year": fc.claim.year if fc.claim else None, "claim_why": fc.claim.why if fc.claim else "",
                "verdict": fc.verdict,
                "override": rv.verdict_override, "final_verdict": final_verdict(fc, reviews),
                "basis": fc.basis or "", "disputed": fc.disputed, "reason": fc.reason,
                "reference_value": reference_text(ref),
                "source_title": ref.source.title if ref else "", "publisher": ref.source.publisher if ref else "",
                "source_kind": ref.source.kind if ref else "",
                "url": ref.source.url if ref else "", "published": ref.source.published if ref else "",
                "note": rv.note, "explanation": rv.explanation, "attached_source": rv.source_url, "done": rv.done,
                "context": context(result, fc),
            }
        )  # fmt: skip
    return rows


def summary_line(result: CheckResult, reviews: Reviews | None = None) -> str:
    """"3 agree · 1 conflict · 5 no source · 4 not checkable"."""
    counts = {v: 0 for v in LABELS}
    for fc in result.figures:
        v = final_verdict(fc, reviews)
        counts[v] = counts.get(v, 0) + 1
    return " · ".join(f"{counts[v]} {LABELS[v]}" for v in LABELS)
