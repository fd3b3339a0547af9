"""Search the reference store by words ("parade troops") and year, for the CLI and the app."""

from __future__ import annotations

from rapidfuzz import fuzz
from sqlalchemy.engine import Engine

from .figures import Reference
from .store import all_metrics, all_references, metric_keywords

MIN_SCORE = 60  # rapidfuzz token_set_ratio below which a metric is not a match


def metric_scores(engine: Engine, query: str) -> dict[str, float]:
    """Score each metric against ``query`` on its key, label and keywords (best of them)."""
    q = query.lower().strip()
    scores: dict[str, float] = {}
    for m in all_metrics(engine):
        names = [m.key.replace("_", " "), m.label.lower(), *metric_keywords(m)]
        words = " ".join(names)
        scores[m.key] = max(fuzz.token_set_ratio(q, words), max(fuzz.WRatio(q, n) for n in names))
    return scores


def lookup(engine: Engine, query: str, year: int | None = None) -> list[Reference]:
    """Observations of the metrics matching ``query`` (best match first), optionally for one year.

    Uses rapidfuzz rather than exact keyword tests so "parade soldiers" or a typo still finds
    the metric whose keywords say "troops; soldiers".
    """
    scores = metric_scores(engine, query) if query.strip() else {}
    if query.strip():
        wanted = {k for k, s in scores.items() if s >= MIN_SCORE}
    else:
        wanted = None
    refs = [
        r
        for r in all_references(engine)
        if (wanted is None or r.metric in wanted) and (year is None or r.year == year)
    ]
    refs.sort(key=lambda r: (-scores.get(r.metric, 0), r.metric, r.year or 0, r.id or 0))
    return refs
