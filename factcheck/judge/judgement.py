"""A judgement (verdict, reason, the references it rests on) and references converted into a claim's unit.

Shared by ``compare`` (one figure against its sources) and ``series`` (superlatives, changes, ratios).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from factcheck.figures import Claim, Reference
from factcheck.judge.intervals import Span, reference_span
from factcheck.resolve.match import count_unit
from factcheck.store.db import MetricRow
from factcheck.units import convert


@dataclass
class Judgement:
    """The outcome of comparing one figure with the sources for one metric and year."""

    verdict: str
    reason: str
    references: tuple[Reference, ...]
    disputed: bool = False
    metric: MetricRow | None = None
    year: int | None = None
    agreeing: list[Reference] = field(default_factory=list)
    claim: Claim | None = None  # what the figure was read as, when it was read as something


def ref_span_in(ref: Reference, unit: str | None) -> Span:
    """A reference's interval converted into the claim's unit (raises DimensionalityError)."""
    span = reference_span(ref)
    src = count_unit(ref.unit)
    if (src or "") == (unit or ""):
        return span

    def conv(x: float) -> float:
        return x if math.isinf(x) else convert(x, src, unit)

    return Span(conv(span.lo), conv(span.hi), span.lo_open, span.hi_open)


def ref_value_in(ref: Reference, unit: str | None) -> float:
    """A reference's central value in the claim's unit."""
    src = count_unit(ref.unit)
    return ref.value if (src or "") == (unit or "") else convert(ref.value, src, unit)
