"""The checker corrects what a figure was read as (statistic, entity, year); the article is re-checked.

The correction is kept with the figure's review (``set_review(claim=...)``), so every later
re-check (after a reference is added, on reload) judges the figure against that reading.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from app_pages import common as c
from app_pages.long_check import wait_message
from app_pages.feedback import flash, store_write_failed
from factcheck.errors import ConflictError
from factcheck.figures import Claim, FigureCheck
from factcheck.resolve.gazetteer import default_gazetteer
from factcheck.store.db import MetricRow, ObservationRow, all_metrics
from factcheck.store.reviews import SavedCheck, load_check, recheck, set_review

ANY_ENTITY = "(any: the metric's own)"
NO_YEAR = 0  # the number box's "no year"


@st.cache_data(ttl=60, show_spinner=False)
def _entities(db: str, metric: str) -> list[str]:
    """The entities a metric has references for, as suggestions."""
    with Session(c.engine()) as session:
        rows = session.exec(select(ObservationRow.entity).where(ObservationRow.metric == metric).distinct()).all()
    return sorted({r for r in rows if r})


def claim_form(saved: SavedCheck, fc: FigureCheck) -> None:
    """A small form: pick the metric, the entity and the year this figure states; save re-checks the article."""
    metrics = all_metrics(c.engine())
    if not metrics:
        st.info("The store has no metrics yet: import reference tables first (see the README).")
        return
    current = fc.claim
    keys = [m.key for m in metrics]
    labels = {m.key: m.label for m in metrics}
    key = f"claim-{saved.id}-{fc.figure.key()}"
    st.caption(
        "Read as: " + (current.read_as() + (" (set by a checker)" if current.corrected else f" — {current.why}")
                       if current else "not sure what this figure states")
    )
    metric = st.selectbox(
        "Statistic", options=keys, index=keys.index(current.metric) if current and current.metric in keys else None,
        format_func=lambda k: labels.get(k, k), key=f"{key}-metric", placeholder="Choose what the figure counts",
    )
    entities = _entities(c.db_url(), metric) if metric else []
    options = [ANY_ENTITY, *entities]
    at = options.index(current.entity) if current and current.entity in options else 0
    entity = st.selectbox("Of", options=options, index=at, key=f"{key}-entity")
    year = st.number_input(
        "Year (0 for none)", min_value=0, max_value=2999, step=1,
        value=current.year if current and current.year else NO_YEAR, key=f"{key}-year",
    )
    save, clear = st.columns(2)
    if save.button("Save this reading and re-check", key=f"{key}-save", type="primary", disabled=not metric):
        _save(saved, fc, _claim(metrics, str(metric), str(entity), int(year)))
    if current is not None and current.corrected and clear.button("Back to the computed reading", key=f"{key}-clear"):
        _save(saved, fc, "")


def _claim(metrics: list[MetricRow], metric: str, entity: str, year: int) -> Claim:
    """The checker's reading as a Claim (the entity's ISO code when it is a country)."""
    label = next((m.label for m in metrics if m.key == metric), metric)
    name = "" if entity == ANY_ENTITY else entity
    code = default_gazetteer().code_for(name) or "" if name else ""
    return Claim(metric, label, name, code, year or None, "set by the checker", corrected=True)


def _save(saved: SavedCheck, fc: FigureCheck, claim: Claim | Any) -> None:
    """Keep the correction with the review, re-check the article with it, and say what changed."""
    if not saved.result.complete:
        flash("info", wait_message("saving a reading"))
        st.rerun()
    engine = c.engine()
    try:
        version = set_review(engine, saved.id, fc.figure.key(), expected_version=saved.version,
                             claim=claim, updated_by=c.checker())
        reviews = load_check(engine, saved.id).reviews
        old = saved.result
        result = c.check_now(old.text, old.date, old.title, old.url, reviews)
        version = recheck(engine, saved.id, result, expected_version=version)
    except ConflictError as err:
        flash("error", f"Not saved: {err}. The latest version is shown now.")
    except SQLAlchemyError as err:
        flash("error", store_write_failed(err))
    else:
        now = next((f for f in result.figures if f.figure.key() == fc.figure.key()), None)
        what = (now.claim.read_as() if now is not None and now.claim else "the computed reading")
        verdict = c.VERDICT_LABELS.get(now.verdict, now.verdict) if now is not None else "?"
        flash("success", f"Saved · version {version}: read as {what}; verdict now {verdict}.")
    c.set_open_check(saved.id)
    st.rerun()
