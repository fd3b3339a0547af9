"""The Check page: an article in, its figures highlighted by verdict, the checker's review saved.

The page only lays the parts out; each lives in its own module: the article form
(article_input), the highlighted text (article_view), the table (figures_table), one figure
in detail (details, review_form, claim_form), downloads (exports), the store's reach
(coverage) and new references (reference_form).
"""

from __future__ import annotations

import streamlit as st

from app_pages import common as c
from app_pages.article_input import init_state, input_form, on_new
from app_pages.article_view import article
from app_pages.coverage import coverage_note
from app_pages.details import figure_details
from app_pages.exports import exports
from app_pages.feedback import show_flashed
from app_pages.figures_table import figures_table
from app_pages.long_check import partial_notice, workers_ready
from app_pages.reference_form import add_reference_form
from factcheck.errors import FactcheckError
from factcheck.figures import VERDICTS, effective_verdict
from factcheck.store.reviews import SavedCheck

ADD_REFERENCE_KEY = "add_reference"
NO_DATE_WARNING = (
    "No article date: 'last year', 'this year' and figures with no year cannot be placed in time, "
    "so their verdicts may rest on the wrong year. Set the article date above and check again."
)
NO_CHECKABLE = (
    "This article has no figure to check: only dates, years, ordinals or names were found. "
    "Paste a text with counts, amounts or percentages."
)


def show_check(saved: SavedCheck) -> None:
    """Everything about the open check: summary, highlighted article, table, reference form, exports."""
    result, reviews = saved.result, saved.reviews
    latest = c.saved_version(c.engine(), saved.id)
    if latest is not None and latest != saved.version:
        st.warning(
            f"This check was changed in another tab or by another checker (now version {latest}, "
            f"you are looking at version {saved.version}).",
            icon=":material/sync_problem:",
        )
        st.button("Load the latest", on_click=c.set_open_check, args=(saved.id,))

    st.title(result.title or "Untitled article", anchor=False)
    meta = [f"Article date {result.date.isoformat()}" if result.date else "No article date"]
    if result.url:
        meta.append(result.url)
    meta.append(f"saved check #{saved.id} · version {saved.version}")
    if saved.created_by:
        meta.append(f"by {saved.created_by}")
    timed_id, seconds = st.session_state.get("check_seconds", (None, 0.0))
    if timed_id == saved.id:
        first_id, first = st.session_state.get("first_part_seconds", (None, 0.0))
        if not result.complete:
            meta.append(f"first part checked in {seconds:.2f} s")
        elif first_id == saved.id:
            meta.append(f"checked in {seconds:.2f} s (the first part shown after {first:.2f} s)")
        else:
            meta.append(f"checked in {seconds:.2f} s")
    st.caption(" · ".join(meta))
    partial_notice(saved)
    if result.date is None:
        st.warning(NO_DATE_WARNING, icon=":material/event_busy:")

    final = [effective_verdict(fc, reviews.get(fc.figure.key())) for fc in result.figures]
    counts = {v: final.count(v) for v in VERDICTS}
    computed = [fc.verdict for fc in result.figures if fc.verdict != "not_checkable"]
    coverage = (sum(1 for v in computed if v != "no_source") / len(computed)) if computed else None
    done = sum(1 for fc in result.figures if (r := reviews.get(fc.figure.key())) and r.done)
    checkable = len(computed)

    st.html(c.counts_html(counts, coverage))
    if not checkable:
        st.info(NO_CHECKABLE, icon=":material/info:")
    coverage_note(saved)
    st.progress(done / checkable if checkable else 0.0, text=f"{done} of {checkable} checkable figures done")

    text, side = st.columns([5, 2], gap="large")
    with text:
        article(saved)
    with side:
        st.markdown("**Export**")
        if result.complete:
            exports(saved)
        else:
            st.caption("The exports are ready when the whole article is checked.")
        st.markdown("**How to read the marks**")
        st.html(
            '<div style="display:flex;flex-direction:column;gap:6px;align-items:flex-start">'
            + c.chip("agree", "agrees with a source")
            + c.chip("conflict", "conflicts with a source")
            + c.chip("no_source", "no source in the store")
            + c.chip("not_checkable", "not checkable (by you)")
            + "</div>"
        )
        st.caption(
            "Hover over a marked figure (or Tab to it) for the interval its wording allows, "
            "the reason and the sources. The small number matches the table's #. A dashed "
            "outline means a checker overrode the verdict."
        )
    review_desk(saved)


@st.fragment
def review_desk(saved: SavedCheck) -> None:
    """The table, one figure in detail and the reference form.

    A fragment: a filter or page change reruns only this, not the article, the exports and
    the rest of the page; every saved change reruns the whole page (its marks change too).
    """
    st.subheader("Figures", anchor=False)
    numbers = figures_table(saved)
    st.subheader("One figure in detail", anchor=False)
    st.caption("Its sentence, the full reason, your review (notes, public explanation, source) and every source.")
    figure_details(saved, numbers)
    adding = st.expander("Add a reference figure to the store", icon=":material/add_circle:", key=ADD_REFERENCE_KEY,
                         on_change="rerun")  # fmt: skip
    with adding:
        if adding.open:  # its twenty widgets are drawn only when wanted, not on every filter change
            add_reference_form(saved, numbers)


# --- page ------------------------------------------------------------------------------

c.extractor_ready()  # once per server: the first Check is then as quick as the rest
workers_ready()  # and the worker processes that check a long article's later parts

init_state()
show_flashed()

bad_param = c.bad_check_param()
if bad_param is not None:
    st.error(c.BAD_CHECK_PARAM.format(raw=bad_param[:40]))
    c.set_open_check(None)
try:
    saved = c.current_saved()
except FactcheckError as err:
    st.error(f"{err}")
    c.set_open_check(None)
    saved = None

if saved is None:
    st.title("Check the figures in an article", anchor=False)
    st.caption("Every figure is compared with sourced reference figures. Checks are saved as you work.")
    if c.store_stamp(c.engine())[0] == 0:
        st.warning(
            "The reference store is empty, so every figure will come out “no source”: run `make db` "
            "(or `factcheck import reference_data`) and reload.", icon=":material/database:",
        )
    input_form(expanded=True)
else:
    if st.query_params.get(c.CHECK_PARAM) != str(saved.id):
        st.query_params[c.CHECK_PARAM] = str(saved.id)  # so a reload of this tab keeps the check
    st.button("New check", on_click=on_new, icon=":material/add:")
    input_form(expanded=False)
    show_check(saved)
