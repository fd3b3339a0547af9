"""Coverage honesty: when most figures found no source, say what the store covers and how to add tables.

An article outside the store's topics otherwise reads as "coverage 0%" and a column of
"no source", which looks like a verdict on the article rather than a gap in the store.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from sqlalchemy import func
from sqlmodel import Session, select

from app_pages import common as c
from factcheck.store.db import ObservationRow
from factcheck.store.retrieve import StoreIndex, entity_names, metric_profiles
from factcheck.store.reviews import SavedCheck

MOST = 0.6  # the share of checkable figures without a source from which the store's reach is explained
EXAMPLES = 5
HOW_TO_ADD = (
    "To check figures on another topic, add its tables to the store (on the machine that runs the app):\n"
    "- a Data Package folder (with `datapackage.json`) or a World Bank CSV: `factcheck import path/to/package`\n"
    "- World Bank indicators by code: `factcheck import worldbank SP.POP.TOTL NY.GDP.MKTP.CD`\n"
    "- reference CSV files written in a spreadsheet: `factcheck import reference_data` (see its README)\n"
    "- one figure at a time: “Add a reference figure to the store” at the bottom of this page.\n\n"
    "Then check the article again."
)


@dataclass(frozen=True)
class StoreReach:
    """What the reference store covers: its statistics, the entities they are about, and their years."""

    metrics: int
    metric_examples: tuple[str, ...]
    entities: int
    entity_examples: tuple[str, ...]
    first_year: int | None
    last_year: int | None


@st.cache_data(max_entries=8, show_spinner=False)
def store_reach(db: str, stamp: tuple[int, int]) -> StoreReach:
    """The store's reach, read once per store state (``stamp`` changes when a reference is added)."""
    eng = c.engine()
    metrics = StoreIndex(eng).metrics()
    profiles = metric_profiles(eng)
    # statistics stored for the most entities first: a country table says more of the store than one event's count
    ranked = sorted(metrics, key=lambda m: (-(profiles[m.key].entities if m.key in profiles else 0), m.label.lower()))
    names = sorted({name for name, _ in entity_names(eng)}, key=str.lower)
    with Session(eng) as session:
        first, last = session.exec(select(func.min(ObservationRow.year), func.max(ObservationRow.year))).one()
    return StoreReach(
        len(metrics), tuple(m.label for m in ranked[:EXAMPLES]), len(names), tuple(names[:EXAMPLES]),
        int(first) if first is not None else None, int(last) if last is not None else None,
    )


def no_source_share(saved: SavedCheck) -> tuple[int, int]:
    """(figures without a source, checkable figures), by the computed verdicts."""
    computed = [fc.verdict for fc in saved.result.figures if fc.verdict != "not_checkable"]
    return computed.count("no_source"), len(computed)


def _some(n: int, examples: tuple[str, ...], one: str, many: str) -> str:
    """ "28 statistics, such as a, b and c" ("1 statistic: a")."""
    if n == 0:
        return f"no {many}"
    listed = ", ".join(f"“{e}”" for e in examples)
    return f"1 {one}: {listed}" if n == 1 else f"{n:,} {many}, such as {listed}"


def reach_text(reach: StoreReach) -> str:
    """The store's reach in a sentence."""
    years = ""
    if reach.first_year is not None:
        span = str(reach.first_year) if reach.first_year == reach.last_year else f"{reach.first_year}–{reach.last_year}"
        years = f", for the years {span}"
    return (
        f"The reference store holds {_some(reach.metrics, reach.metric_examples, 'statistic', 'statistics')}; "
        f"they are about {_some(reach.entities, reach.entity_examples, 'entity', 'entities')}{years}."
    )


def coverage_note(saved: SavedCheck) -> None:
    """When most checkable figures found no source, what the store covers and how to add tables."""
    missing, checkable = no_source_share(saved)
    if not checkable or missing / checkable < MOST:
        return
    reach = store_reach(c.db_url(), c.store_stamp(c.engine()))
    st.info(
        f"**{missing:,} of {checkable:,} checkable figures found no source**: the store may not cover this "
        f"article's topic. {reach_text(reach)}\n\n{HOW_TO_ADD}",
        icon=":material/database:",
    )
