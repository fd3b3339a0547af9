"""Value objects passed between the stages: Figure, Source, Reference, FigureCheck, CheckResult.

No I/O here. Every stage (extract → match → compare → check → export/app) speaks these.
Intervals use ``math.inf`` for an open end; ``to_dict`` writes an open end as ``None``.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal

Qualifier = Literal["exact", "approx", "more_than", "at_least", "less_than", "at_most", "range"]
Kind = Literal["count", "measure", "money", "percent", "year", "date", "ordinal", "identifier", "duration"]
VerdictName = Literal["agree", "conflict", "no_source", "not_checkable"]
Basis = Literal["reference", "internal"]

QUALIFIERS: tuple[str, ...] = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "range")
KINDS: tuple[str, ...] = ("count", "measure", "money", "percent", "year", "date", "ordinal", "identifier", "duration")
VERDICTS: tuple[str, ...] = ("agree", "conflict", "no_source", "not_checkable")
STATUSES: tuple[str, ...] = ("actual", "planned", "claimed", "estimate")


def _finite_or_none(x: float | None) -> float | None:
    """JSON has no infinity: an open interval end is written as null."""
    if x is None or math.isinf(x) or math.isnan(x):
        return None
    return x


def _plain_fields(obj: Any) -> dict[str, Any]:
    """A dataclass of plain values as a dict, field by field: ``dataclasses.asdict`` deep-copies every
    value, which costs seconds over the tens of thousands of figures of a long article."""
    return {name: getattr(obj, name) for name in _field_names(type(obj))}  # type: ignore[arg-type]  # a class hashes


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _number_out(x: float | None) -> float | int | None:
    """Write whole numbers as ints so JSON reads ``8000`` rather than ``8000.0``."""
    x = _finite_or_none(x)
    if x is not None and float(x).is_integer() and abs(x) < 2**53:
        return int(x)
    return x


@dataclass(frozen=True)
class Figure:
    """One figure found in an article: the span as written and what it means.

    ``article[start:end] == surface`` always holds; ``low <= value <= high`` is the interval
    the wording allows (hedge and rounding); ``checkable`` is False for dates, ordinals, names.
    ``counted`` is the noun phrase a count counts, as written ("troops", "Wagner fighters",
    "tests a day"); "" for measures, money, percentages and counts with no noun.
    ``caption`` is True for a figure in a photo caption or credit line: it describes the
    picture, not the event (extract/captions.py).
    """

    surface: str
    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str | None = None
    qualifier: str = "exact"
    trend: str | None = None
    concept: str = ""
    counted: str = ""
    year: int | None = None
    year_source: str | None = None  # "explicit" | "relative" | "previous_sentence" | "article" | None
    kind: str = "count"
    checkable: bool = True
    sentence_start: int = 0
    sentence_end: int = 0
    caption: bool = False
    base_year: int | None = None  # the year its paragraph narrates so far: "a year earlier" counts from it
    verb: str = ""  # the verb of its own clause it is the subject or object of ("sent", "marched"), per the parse
    superlative: str = ""  # a superlative that picks its clause's subject out of many ("biggest hit"), per the parse

    def to_dict(self) -> dict[str, Any]:
        """The JSON fields of a figure (README, "JSON output")."""
        d = _plain_fields(self)  # every field is a str, number, bool or None
        d["value"] = _number_out(self.value)
        d["low"] = _number_out(self.low)
        d["high"] = _number_out(self.high)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        """Inverse of ``to_dict`` (open ends come back as ±inf); extra keys are ignored."""
        names = {f.name for f in dataclasses.fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        kw["value"] = float(kw["value"])
        kw["low"] = -math.inf if kw.get("low") is None else float(kw["low"])
        kw["high"] = math.inf if kw.get("high") is None else float(kw["high"])
        return cls(**kw)

    def key(self) -> str:
        """A stable identity for this figure inside one article (used by saved reviews)."""
        return f"{self.start}:{self.end}:{self.surface}"

    def sentence(self, text: str) -> str:
        """The sentence this figure stands in."""
        return text[self.sentence_start : self.sentence_end]


@dataclass(frozen=True)
class Source:
    """Where a reference figure comes from.

    ``kind`` is what sort of publisher it is (``source_kinds.SOURCE_KINDS``: official, wire,
    outlet, reference work, blog, mirror), "" when nobody said; lists of sources put the most
    authoritative first.
    """

    title: str
    publisher: str
    url: str
    published: str  # ISO date, or partial ("2008-05"), or free text ("c. 2023-05")
    kind: str = ""

    def to_dict(self) -> dict[str, Any]:
        return _plain_fields(self)


@dataclass(frozen=True)
class Reference:
    """One sourced observation from the store: a metric's value for an entity and year."""

    metric: str
    metric_label: str
    entity: str
    year: int | None
    value: float
    low: float
    high: float
    unit: str | None
    qualifier: str
    source: Source
    snippet: str = ""
    status: str = "actual"  # actual | planned | claimed | estimate
    claimant: str = ""
    date: str = ""
    id: int | None = None
    entity_code: str = ""  # ISO 3166 alpha-3 (or a table's own code, WLD); "" for a newsroom's own rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "metric": self.metric,
            "metric_label": self.metric_label,
            "entity": self.entity,
            "year": self.year,
            "date": self.date,
            "value": _number_out(self.value),
            "low": _number_out(self.low),
            "high": _number_out(self.high),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "status": self.status,
            "claimant": self.claimant,
            "source": self.source.to_dict(),
            "snippet": self.snippet,
            "entity_code": self.entity_code,
        }


@dataclass(frozen=True)
class Claim:
    """What a figure is about, as the resolver read it: a metric of an entity in a year.

    ``entity_code`` is the ISO 3166 alpha-3 code when the entity is a country (else "");
    ``why`` says in a few words what the reading rests on ("'population of' + Ghana").
    A figure the resolver is not sure about has no claim at all, never a guessed one.
    """

    metric: str
    metric_label: str
    entity: str = ""
    entity_code: str = ""
    year: int | None = None
    why: str = ""
    corrected: bool = False  # set by a checker's correction in the app, not by the resolver
    negated: bool = False  # the figure gives the table's value with its sign turned: a deficit said of a balance
    place_assumed: bool = False  # the place is the city the article is about, not named near the figure: it may agree, never conflict

    def read_as(self) -> str:
        """The claim in words: "population of Ghana, 2014".

        >>> Claim("population", "population", "Ghana", "GHA", 2014).read_as()
        'population of Ghana, 2014'
        >>> Claim("parade_troops", "troops in the Moscow Victory Day parade", "Moscow Victory Day Parade").read_as()
        'troops in the Moscow Victory Day parade'
        """
        text = self.metric_label
        if self.entity and self.entity.lower() not in text.lower():
            text += f" of {self.entity}"
        if self.year is not None:
            text += f", {self.year}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "metric_label": self.metric_label,
            "entity": self.entity,
            "entity_code": self.entity_code or None,
            "year": self.year,
            "why": self.why,
            "read_as": self.read_as(),
            "corrected": self.corrected,
            "negated": self.negated,
            "place_assumed": self.place_assumed,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Claim":
        """Inverse of ``to_dict`` (unknown keys ignored); a missing metric is a ValueError."""
        if not isinstance(d, dict) or not str(d.get("metric") or "").strip():
            raise ValueError("a claim needs a metric")
        year = d.get("year")
        return cls(
            metric=str(d["metric"]).strip(), metric_label=str(d.get("metric_label") or d["metric"]),
            entity=str(d.get("entity") or ""), entity_code=str(d.get("entity_code") or ""),
            year=int(year) if year not in (None, "") else None, why=str(d.get("why") or ""),
            corrected=bool(d.get("corrected", False)), negated=bool(d.get("negated", False)),
            place_assumed=bool(d.get("place_assumed", False)),
        )  # fmt: skip


@dataclass(frozen=True)
class FigureCheck:
    """A figure with its verdict, the reason in words, and the references it rests on."""

    figure: Figure
    verdict: str
    reason: str
    basis: str | None = None
    references: tuple[Reference, ...] = ()
    disputed: bool = False
    claim: Claim | None = None  # what the figure was read as; None when not checkable or not sure
    agreeing: tuple[int, ...] = ()  # for an agreement, the places in ``references`` of the sources it agrees with

    def to_dict(self) -> dict[str, Any]:
        d = self.figure.to_dict()
        d.update(
            claim=self.claim.to_dict() if self.claim is not None else None,
            verdict=self.verdict,
            basis=self.basis,
            reason=self.reason,
            disputed=self.disputed,
            references=[r.to_dict() for r in self.references],
            agreeing=list(self.agreeing),
        )
        return d

    def agreeing_references(self) -> tuple[Reference, ...]:
        """The sources the verdict agrees with (all its references when the judge did not say)."""
        picked = tuple(self.references[i] for i in self.agreeing if 0 <= i < len(self.references))
        return picked or self.references


@dataclass(frozen=True)
class CheckResult:
    """The whole check of one article."""

    text: str
    title: str = ""
    date: date | None = None
    url: str = ""
    figures: tuple[FigureCheck, ...] = field(default_factory=tuple)
    checked_chars: int | None = None  # a check still in progress covers text[:checked_chars]; None: all of it

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``factcheck check --format json`` (see README)."""
        article: dict[str, Any] = {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "chars": len(self.text),
            "url": self.url or None,
        }
        if self.checked_chars is not None:  # only a partial check says so, so a whole check's JSON is unchanged
            article["checked_chars"] = self.checked_chars
        return {"article": article, "figures": [fc.to_dict() for fc in self.figures]}

    @property
    def complete(self) -> bool:
        """Whether every part of the article has been checked."""
        return self.checked_chars is None

    def counts(self) -> dict[str, int]:
        """How many figures got each verdict."""
        out = {v: 0 for v in VERDICTS}
        for fc in self.figures:
            out[fc.verdict] = out.get(fc.verdict, 0) + 1
        return out


@dataclass(frozen=True)
class Article:
    """An article to check: its text, and what is known of it (title, date, where it came from)."""

    text: str
    title: str = ""
    date: date | None = None
    url: str = ""


@dataclass(frozen=True)
class Review:
    """A checker's decision on one figure: an overriding verdict, a private note, a public explanation, done, a source."""

    figure_key: str
    verdict_override: str = ""
    note: str = ""  # private: seen in the app only, never written into an export
    done: bool = False
    source_url: str = ""
    updated_by: str = ""
    updated_at: str = ""
    claim: Claim | None = None  # the checker's correction of what the figure is about
    explanation: str = ""  # public: the reviewBody of the figure's ClaimReview when the checker wrote one

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["claim"] = self.claim.to_dict() if self.claim is not None else None
        return d


def effective_verdict(fc: FigureCheck, review: Review | None) -> str:
    """The verdict a checker sees: their override when there is one, else the computed verdict."""
    return review.verdict_override if review is not None and review.verdict_override else fc.verdict
