"""Load tests/cases/verdicts/*.toml: sentences, inline reference rows and expected verdicts.

Each file may set ``article_date`` and add ``[[metric]]`` rows to the shared tiny metrics in
``_metrics.toml``; each ``[[case]]`` names the figure by its surface. Figures come from the real
extractor; ``stub_figures`` (a deliberately small reader of hedge + number + unit) stands in
only when the extractor cannot be imported.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from factcheck.figures import Figure, Reference, Source
from factcheck.judge.intervals import approx_margin, rounding_step
from factcheck.store.db import MetricRow

CASES = Path(__file__).resolve().parent / "cases" / "verdicts"


@dataclass
class Case:
    """One row of the verdict table."""

    file: str
    sentence: str
    figure: str
    verdict: str
    basis: str | None
    reason: list[str]
    refs: list[Reference]
    metrics: list[MetricRow]
    article_date: date | None
    disputed: bool | None = None
    xfail: str = ""
    hints: dict[str, Any] = field(default_factory=dict)
    not_reason: list[str] = field(default_factory=list)


def _metric(d: dict[str, Any]) -> MetricRow:
    return MetricRow(key=d["key"], label=d["label"], unit=d.get("unit", ""), keywords=d.get("keywords", ""), entity=d.get("entity", ""))


def _ref(d: dict[str, Any], metrics: dict[str, MetricRow]) -> Reference:
    m = metrics[d["metric"]]
    v = float(d["value"])
    return Reference(
        metric=m.key,
        metric_label=m.label,
        entity=d.get("entity", m.entity),
        year=d.get("year"),
        value=v,
        low=float(d.get("low", v)),
        high=float(d.get("high", v)),
        unit=d.get("unit", m.unit) or None,
        qualifier=d.get("qualifier", "exact"),
        status=d.get("status", "actual"),
        claimant=d.get("claimant", ""),
        source=Source(d.get("title", "a source"), d.get("publisher", "Source"), d.get("url", "https://example.org/"), d.get("published", "")),
        date=d.get("date", ""),
    )


def load_cases() -> list[Case]:
    """Every case of every table file, in file order."""
    shared = tomllib.loads((CASES / "_metrics.toml").read_text(encoding="utf-8"))
    out: list[Case] = []
    for path in sorted(CASES.glob("*.toml")):
        if path.name.startswith("_"):
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        metrics = {m["key"]: _metric(m) for m in shared.get("metric", []) + data.get("metric", [])}
        for c in data.get("case", []):
            out.append(
                Case(
                    file=path.name,
                    sentence=c["sentence"],
                    figure=c["figure"],
                    verdict=c["verdict"],
                    basis=c.get("basis"),
                    reason=list(c.get("reason", [])),
                    not_reason=list(c.get("not_reason", [])),
                    refs=[_ref(r, metrics) for r in c.get("refs", [])],
                    metrics=list(metrics.values()),
                    article_date=None if c.get("no_article_date") else c.get("article_date", data.get("article_date")),
                    disputed=c.get("disputed"),
                    xfail=c.get("xfail", ""),
                    hints={k: c[k] for k in ("concept", "year", "year_source", "others") if k in c},
                )
            )
    return out


# --- a stand-in for the extractor, used only when factcheck.extract.reader cannot be imported -----

_HEDGES = (
    (r"as many as|up to|at most|no more than", "at_most"),
    (r"more than|over|upwards of", "more_than"),
    (r"at least", "at_least"),
    (r"fewer than|less than|under", "less_than"),
    (r"some|about|around|roughly|nearly|almost|approximately", "approx"),
)
_UNITS = (
    (r"square kilomet(?:re|er)s?|sq km|km2", "square_kilometer"),
    (r"kilomet(?:re|er)s?|km", "kilometer"),
    (r"miles?|mi", "mile"),
    (r"met(?:re|er)s?|m", "meter"),
    (r"%|per ?cent|percent", "percent"),
    (r"minutes?", "minute"),
    (r"°?c", "degree_Celsius"),
    (r"°?f", "degree_Fahrenheit"),
)
_WORDS = {"a single": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def stub_figure(sentence: str, surface: str, article_date: date | None, hints: dict[str, Any]) -> Figure:
    """A Figure for ``surface`` read the simple way (hedge, number, unit); hints override."""
    start = sentence.index(surface)
    low_s = surface.lower()
    qualifier = next((q for pat, q in _HEDGES if re.match(rf"(?:{pat})\b", low_s)), "exact")
    m = re.search(r"\d[\d,]*(?:\.\d+)?", surface)
    if m:
        value = float(m.group(0).replace(",", ""))
        rest = surface[m.end() :].strip().lower()
    else:
        word = next(w for w in _WORDS if w in low_s)
        value, rest = float(_WORDS[word]), ""
    unit = next((u for pat, u in _UNITS if re.fullmatch(pat, rest.replace("[", "").strip())), None) if rest else None
    if rest and rest[:2] in ("th", "st", "nd", "rd") or re.search(r"\d(?:st|nd|rd|th)\b", surface):
        kind = "ordinal"
    elif unit == "percent":
        kind = "percent"
    elif unit:
        kind = "measure"
    elif re.fullmatch(r"(1[89]|20)\d\d", surface):
        kind = "year"
    else:
        kind = "count"
    lo, hi = value, value
    if qualifier == "exact" and kind in ("count", "measure") and value >= 100 and value % 100 == 0:
        step = rounding_step(value, surface)  # a round "8,000" stands for 7,500–8,500
        lo, hi = value - step / 2, value + step / 2
    if qualifier == "approx":
        lo, hi = value - approx_margin(value, surface), value + approx_margin(value, surface)
    elif qualifier in ("more_than", "at_least"):
        hi = math.inf
    elif qualifier in ("less_than", "at_most"):
        lo = 0.0
    year, year_source = hints.get("year"), hints.get("year_source")
    if year is None:
        ym = re.search(r"\b(?:in|since|of)\s+((?:19|20)\d\d)\b", sentence)
        if ym and ym.group(1) != surface:
            year, year_source = int(ym.group(1)), "explicit"
        elif "last year" in sentence.lower() and article_date:
            year, year_source = article_date.year - 1, "relative"
        elif "this year" in sentence.lower() and article_date:
            year, year_source = article_date.year, "relative"
    s0 = max(sentence.rfind(". ", 0, start) + 2, 0) if sentence.rfind(". ", 0, start) >= 0 else 0
    s1 = sentence.find(". ", start)
    s1 = len(sentence) if s1 < 0 else s1 + 1
    return Figure(
        surface=surface, start=start, end=start + len(surface), value=value, low=lo, high=hi, unit=unit,
        qualifier=qualifier, concept=hints.get("concept", ""), year=year, year_source=year_source, kind=kind,
        checkable=kind not in ("ordinal", "year"), sentence_start=s0, sentence_end=s1,
    )


def stub_figures(case: Case) -> list[Figure]:
    """The case's figure and any ``others`` it names, in text order."""
    surfaces = [case.figure] + list(case.hints.get("others", []))
    figs = [stub_figure(case.sentence, s, case.article_date, case.hints if s == case.figure else {}) for s in surfaces]
    return sorted(figs, key=lambda f: f.start)
