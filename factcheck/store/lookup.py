"""Search the reference store by words ("parade troops") and year, for the CLI and the app."""

from __future__ import annotations

from rapidfuzz import fuzz
from sqlalchemy.engine import Engine

from factcheck.figures import Reference
from factcheck.store.db import all_metrics, all_references, metric_keywords

MIN_SCORE = 50  # share (in %) of the query's words a metric must match
WORD_MATCH = 85  # rapidfuzz ratio at which a query word matches a metric word ("troopz" ~ "troops")


def metric_scores(engine: Engine, query: str) -> dict[str, float]:
    """Score each metric by the share of the query's words found in its key, label and keywords.

    A word matches fuzzily, so typos and plurals still count; ties are broken by how close
    the whole query is to the metric's key ("parade troops" before "parade foreign troops").
    """
    words = [w for w in query.lower().split() if len(w) > 1]
    scores: dict[str, float] = {}
    for m in all_metrics(engine):
        vocab = set(" ".join([m.key.replace("_", " "), m.label.lower(), *metric_keywords(m)]).split())
        hits = sum(1 for w in words if max((fuzz.ratio(w, v) for v in vocab), default=0) >= WORD_MATCH)
        share = 100 * hits / len(words) if words else 0
        scores[m.key] = share + fuzz.token_sort_ratio(query.lower(), m.key.replace("_", " ")) / 1000
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
