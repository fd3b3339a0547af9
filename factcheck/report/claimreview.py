"""schema.org ClaimReview JSON-LD: what a newsroom publishes about the figures a checker confirmed.

The rating is the checker's final verdict (an override wins), and the reviewBody is the
checker's public explanation. The computed reason stands in only when nobody overrode the
verdict: after an override it would argue for the verdict the checker rejected. Private
notes are never read here.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from factcheck.figures import CheckResult, FigureCheck, Review
from factcheck.report.rows import Reviews, context, final_verdict

# ClaimReview ratings on a 1..3 scale: what a confirmed verdict tells a reader.
RATINGS = {"conflict": (1, "Inaccurate"), "no_source": (2, "Unverified"), "agree": (3, "Accurate")}


def confirmed(rv: Review | None) -> bool:
    """A checker marked the figure done or overrode its verdict: only such verdicts are published."""
    return rv is not None and (rv.done or bool(rv.verdict_override))


def review_body(fc: FigureCheck, rv: Review) -> str:
    """The public explanation; the computed reason when nobody overrode; "" after an unexplained override."""
    if rv.explanation.strip():
        return rv.explanation.strip()
    return "" if rv.verdict_override else fc.reason


def unexplained_overrides(result: CheckResult, reviews: Reviews | None) -> list[int]:
    """The numbers (1-based) of published figures whose override has no public explanation (no reviewBody)."""
    out = []
    for n, fc in enumerate(result.figures, 1):
        rv = (reviews or {}).get(fc.figure.key())
        if confirmed(rv) and rv is not None and rv.verdict_override and final_verdict(fc, reviews) in RATINGS:
            if not rv.explanation.strip():
                out.append(n)
    return out


def to_claimreview(
    result: CheckResult,
    reviews: Reviews | None = None,
    *,
    organization: str = "factcheck",
    review_date: date | None = None,
) -> str:
    """ClaimReview items for the figures whose verdict a checker confirmed (done or overridden).

    An unreviewed machine verdict is never published; nor is "not checkable", which has no rating.
    """
    items = []
    for fc in result.figures:
        rv = (reviews or {}).get(fc.figure.key())
        if rv is None or not confirmed(rv):
            continue
        verdict = final_verdict(fc, reviews)
        if verdict not in RATINGS:
            continue
        value, name = RATINGS[verdict]
        appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": result.title or None}
        if result.url:
            appearance["url"] = result.url
        if result.date:
            appearance["datePublished"] = result.date.isoformat()
        item: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": context(result, fc),
            "datePublished": (review_date or date.today()).isoformat(),
            "author": {"@type": "Organization", "name": organization},
            "reviewRating": {
                "@type": "Rating", "ratingValue": value, "bestRating": 3, "worstRating": 1, "alternateName": name,
            },  # fmt: skip
            "itemReviewed": {"@type": "Claim", "appearance": appearance},
        }
        body = review_body(fc, rv)
        if body:
            item["reviewBody"] = body
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2)
