"""The pipeline: article text → figures → matched references → verdicts (a CheckResult).

One figure can be followed from here: ``extract.extract_figures`` finds it,
``resolve.reading.read_article`` reads what its sentence says and what it is about,
``judge.article.judge_figures`` judges it, ``app.py`` / ``export.py`` show it.
A long article can be checked a part at a time (``factcheck.parts``): what the store offers
the article is read once (``store_view``), and each part is checked by ``check_span``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date

from sqlalchemy.engine import Engine

from factcheck.extract import parse
from factcheck.extract.captions import caption_spans
from factcheck.judge.article import judge_figures
from factcheck.extract.reader import PARAGRAPHS_BACK, extract_figures
from factcheck.read.guards import guard_text
from factcheck.figures import Article, CheckResult, Claim, Figure, FigureCheck, Reference
from factcheck.resolve.claim import Statistics
from factcheck.resolve.reading import read_article
from factcheck.resolve.statistic import named_in, statistics_of
from factcheck.settings import load_settings
from factcheck.store.db import MetricRow, get_engine
from factcheck.store.retrieve import MetricProfile, StoreIndex, entity_names, metric_profiles


@dataclass(frozen=True)
class StoreView:
    """What the store offers one article: its tables, their rows and the entities, read once per article."""

    metrics: list[MetricRow]
    references: list[Reference]
    profiles: dict[str, MetricProfile]
    entities: tuple[tuple[str, str], ...]
    index: StoreIndex


def check_article(
    text: str,
    article_date: date | None = None,
    db: str | None = None,
    *,
    title: str = "",
    url: str = "",
    engine: Engine | None = None,
    corrected: dict[str, Claim] | None = None,
) -> CheckResult:
    """Extract every figure of ``text`` and judge it against the store at ``db`` (or ``engine``).

    The text first goes through ``guards.guard_text``: InputTooLargeError for an article over
    ``FACTCHECK_MAX_ARTICLE_CHARS`` characters or ``FACTCHECK_MAX_ARTICLE_NUMBERS`` numbers; NUL
    and other unstorable characters are replaced one for one, so offsets are unchanged.
    """
    text = guard_text(text, load_settings())
    engine = engine if engine is not None else get_engine(db)
    checks = check_span(text, store_view(text, engine), (0, len(text)), article_date, corrected)
    return CheckResult(text=text, title=title, date=article_date, url=url, figures=tuple(checks))


def store_view(text: str, engine: Engine) -> StoreView:
    """The tables ``text`` can be checked against, with their rows (the whole article's, for every part)."""
    index = StoreIndex(engine)
    profiles = metric_profiles(engine)
    everything = index.metrics()
    statistics = _statistic_keys(everything, profiles)
    # the tables by country the article never names can neither support nor contradict a reading
    named = {m.key for m in named_in(text, [m for m in everything if m.key in statistics])}
    metrics = [m for m in everything if m.key not in statistics or m.key in named]
    known = tuple(dict(entity_names(engine) + tuple((e.name, e.code) for e in index.entities())).items())
    references = index.references_for_metrics([m.key for m in metrics if m.key not in statistics])
    return StoreView(metrics, references, profiles, known, index)


def check_span(
    text: str, view: StoreView, span: tuple[int, int], article_date: date | None,
    corrected: dict[str, Claim] | None = None, parsed: bool | None = None,
) -> list[FigureCheck]:
    """The checks of the figures in ``text[start:end]``, with offsets in the whole ``text``.

    Only the span is searched for figures (cut out after a line break, its offsets moved back),
    and each figure is then read in the whole text, so a span cut at a line break (a paragraph's
    end) gives the figures and verdicts the whole check gives them. Whether the
    dependency parse runs is decided by the whole article's length, so a part of an article too
    long to parse is not parsed either (``parsed`` passes that decision to a worker process).
    """
    start, end = span
    parse_it = parse.article_parsable(len(text)) if parsed is None else parsed
    if span == (0, len(text)):
        figures = extract_figures(text, article_date, parse=parse_it)
    else:  # the part after a line break, read with the paragraphs before it, as in the article (its
        # first sentence starts a paragraph; a year the paragraph before narrates carries into it)
        at = _previous_paragraph(text, start)
        for _ in range(PARAGRAPHS_BACK - 1):  # as many paragraphs as the reader takes a narrated year from
            at = _previous_paragraph(text, at + 1) if at else 0
        part = ("\n" if at else "") + text[at + (1 if at else 0) : end]
        captions = [(a - at, b - at) for a, b in article_captions(text) if b > at and a < end]
        figures = [moved(f, at) for f in extract_figures(part, article_date, parse=parse_it, captions=captions)]
        figures = [f for f in figures if f.start >= start]
    return check_figures(  # read against the whole text: the headline, the article's names, the sentence before
        text, figures, view.references, view.metrics, article_date, corrected, view.profiles, view.entities, view.index
    )


def _previous_paragraph(text: str, start: int) -> int:
    """Where the paragraph before the one starting at ``start`` (just after a line break) begins: the
    line break before it, or 0 at the text's start; blank lines between paragraphs are skipped."""
    before = text[:start].rstrip("\n\r \t")
    return max(text.rfind("\n", 0, len(before)), 0) if before else 0


def check_figures(
    text: str,
    figures: list[Figure],
    references: list[Reference],
    metrics: list[MetricRow],
    article_date: date | None,
    corrected: dict[str, Claim] | None = None,
    profiles: dict[str, MetricProfile] | None = None,
    entities: tuple[tuple[str, str], ...] = (),
    index: StoreIndex | None = None,
) -> list[FigureCheck]:
    """Resolve, then judge, an article's figures: one FigureCheck per figure, same order.

    ``profiles`` are the store-wide facts about each metric when ``references`` are only the
    rows retrieved for this article; ``index`` reads a country's statistic row by row.
    """
    stats = Statistics.of(metrics, references, profiles, entities, index)
    # a table by country needs the claim to name its country: the newsroom matcher never sees one
    newsroom = [m for m in metrics if m.key not in stats.keys] if stats.metrics else metrics
    reading = read_article(text, figures, article_date, stats, newsroom)
    return judge_figures(reading, references, newsroom, article_date, corrected, stats)


def moved(fig: Figure, by: int) -> Figure:
    """A figure found in a part of the text, with its offsets in the whole text."""
    return replace(fig, start=fig.start + by, end=fig.end + by,
                   sentence_start=fig.sentence_start + by, sentence_end=fig.sentence_end + by)


@lru_cache(maxsize=2)
def article_captions(text: str) -> list[tuple[int, int]]:
    """The caption lines of a whole article, found once for all its parts (by value: a worker gets a copy)."""
    return caption_spans(text) if "\n" in text else []


def _statistic_keys(metrics: list[MetricRow], profiles: dict[str, MetricProfile]) -> frozenset[str]:
    """The keys of the tables stored by entity (see ``resolve.statistic.statistics_of``)."""
    return frozenset(m.key for m in statistics_of(metrics, {k: p.entities for k, p in profiles.items()}))


def check(article: Article, db: str | None = None, *, engine: Engine | None = None) -> CheckResult:
    """Check an ``Article`` (as returned by the fetcher or a file loader)."""
    return check_article(article.text, article.date, db, title=article.title, url=article.url, engine=engine)
