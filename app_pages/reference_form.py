"""Add a sourced figure to the reference store from the Check page; the open article is re-checked at once."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from app_pages import common as c
from app_pages.long_check import wait_message
from app_pages.feedback import first_line, flash, store_write_failed
from factcheck.errors import ConflictError, ImportDataError
from factcheck.figures import QUALIFIERS, STATUSES
from factcheck.store.add_reference import add_reference
from factcheck.store.db import all_metrics
from factcheck.store.reviews import SavedCheck, recheck

NEW_METRIC = "__new__"
BAD_PUBLISHED = "“Published” must be a date written YYYY-MM-DD (e.g. 2023-05-09), or left empty."


def on_prefill() -> None:
    """Fill the add-a-reference form from the chosen figure (value, year, unit, metric)."""
    saved = c.current_saved()
    n = st.session_state.get("ref_for")
    if saved is None or not n:
        return
    fc = saved.result.figures[int(n) - 1]
    f = fc.figure
    st.session_state["ref_value"] = float(f.value)
    st.session_state["ref_year"] = int(f.year) if f.year else None
    st.session_state["ref_unit"] = f.unit or ""
    st.session_state["ref_qualifier"] = "exact"
    if fc.references:
        st.session_state["ref_metric"] = fc.references[0].metric


def add_reference_form(saved: SavedCheck, numbers: list[int]) -> None:
    """A new sourced figure for the store, optionally started from one of the table's figures ``numbers``;
    saving it re-checks this article at once."""
    metrics = {m.key: m.label for m in all_metrics(c.engine())}
    checkable = [n for n in numbers if saved.result.figures[n - 1].figure.checkable]
    st.selectbox(
        "Start from a figure (optional)", options=[None, *checkable], key="ref_for",
        on_change=on_prefill,
        format_func=lambda n: "—" if n is None else f"#{n} {saved.result.figures[n - 1].figure.surface}",
    )
    with st.form("add_reference", clear_on_submit=False):
        a, b, cc = st.columns([2, 1, 1])
        a.selectbox(
            "Metric", options=[*sorted(metrics), NEW_METRIC], key="ref_metric", index=None,
            format_func=lambda k: "➕ a new metric (key and label below)" if k == NEW_METRIC else f"{metrics[k]} ({k})",
            placeholder="Choose what the figure measures",
        )
        b.number_input("Value", key="ref_value", value=None, step=1.0, format="%g")
        cc.number_input("Year", key="ref_year", value=None, step=1, min_value=1000, max_value=2100, format="%d")
        a2, b2, c2, d2 = st.columns([2, 1, 1, 1])
        a2.text_input("New metric: key and label", key="ref_new_metric", placeholder="parade_horses: Horses in the parade")
        b2.text_input("Unit", key="ref_unit", placeholder="km, USD, … (empty for a count)")
        c2.selectbox("Qualifier", options=list(QUALIFIERS), key="ref_qualifier")
        d2.selectbox("Status", options=list(STATUSES), key="ref_status")
        a3, b3, c3 = st.columns([2, 1, 1])
        a3.text_input("Source title", key="ref_source_title")
        b3.text_input("Publisher", key="ref_publisher")
        c3.text_input("Published", key="ref_published", placeholder="YYYY-MM-DD")
        a4, b4 = st.columns([2, 2])
        a4.text_input("Source URL", key="ref_url", placeholder="https://…")
        b4.text_input("Entity", key="ref_entity", placeholder="Moscow, Wagner, …")
        st.text_area("What the source says (snippet)", key="ref_snippet", height=68)
        submitted = st.form_submit_button("Add reference and re-check", type="primary")
    if submitted:
        add_reference_and_recheck(saved)


def add_reference_and_recheck(saved: SavedCheck) -> None:
    """Store the reference (or show why not, changing nothing), then re-check the article."""
    if not saved.result.complete:
        st.info(wait_message("adding a reference"))
        return
    ss = st.session_state
    metric, label = ss.get("ref_metric") or "", ""
    if metric == NEW_METRIC:
        metric, _, label = ss.get("ref_new_metric", "").partition(":")
        if not label.strip():
            st.error("A new metric needs a key and a label, written as “key: label”.")
            return
    if not metric or ss.get("ref_value") is None:
        st.error("A reference needs at least a metric and a value.")
        return
    published = ss.get("ref_published", "").strip()
    if published:
        try:
            date.fromisoformat(published)
        except ValueError:
            st.error(BAD_PUBLISHED)
            return
    year = ss.get("ref_year")
    try:
        ref_id = add_reference(
            c.engine(),
            metric=metric.strip(),
            value=float(ss["ref_value"]),
            source_title=ss["ref_source_title"].strip(),
            publisher=ss["ref_publisher"].strip(),
            url=ss["ref_url"].strip(),
            published=ss["ref_published"].strip(),
            entity=ss["ref_entity"].strip(),
            year=int(year) if year is not None else None,
            unit=ss["ref_unit"].strip(),
            qualifier=ss["ref_qualifier"],
            status=ss["ref_status"],
            snippet=ss["ref_snippet"].strip(),
            metric_label=label.strip(),
        )
    except (ImportDataError, ValueError) as err:
        st.error(f"The reference was not added: {err}")
        return
    except SQLAlchemyError as err:
        st.error(store_write_failed(err))
        return
    old = saved.result
    result = c.check_now(old.text, old.date, old.title, old.url, saved.reviews)
    try:
        version = recheck(c.engine(), saved.id, result, expected_version=saved.version)
    except (ConflictError, SQLAlchemyError) as err:
        why = err if isinstance(err, ConflictError) else first_line(err)
        flash("error", f"Reference {ref_id} was added, but the re-check was not saved: {why}")
        c.set_open_check(saved.id)
        st.rerun()
    changed = sum(1 for a, b in zip(old.figures, result.figures) if a.verdict != b.verdict)
    flash("success", f"Saved · version {version}: reference {ref_id} added; the article was re-checked, {changed} verdict(s) changed.")
    c.set_open_check(saved.id)
    st.rerun()
