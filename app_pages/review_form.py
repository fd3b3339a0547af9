"""The checker's review of one figure: override, done, public explanation, private note, attached source.

Long text does not fit a table cell at 1,280 px, so it is written here; Save says what was
saved and the new version, and a refusal (an attached source that is not a web address, a
note over the limit) says why beneath the form, which keeps what was typed.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from app_pages import common as c
from app_pages.feedback import flash, saved as saved_message, store_write_failed
from app_pages.figures_table import FILTER_KEY, hidden_by_filter, verdict_text
from factcheck.errors import ConflictError
from factcheck.figures import VERDICTS, FigureCheck, Review
from factcheck.store.reviews import SavedCheck, set_review

FIELDS = {  # set_review's name → how the confirmation names it
    "verdict_override": "override", "done": "done", "explanation": "public explanation", "note": "private note",
    "source_url": "attached source",
}  # fmt: skip


def review_form(saved: SavedCheck, n: int, fc: FigureCheck) -> None:
    """The form for figure #n; Save writes it and confirms, or says why not."""
    rv = saved.reviews.get(fc.figure.key()) or Review(figure_key=fc.figure.key())
    key = f"review-{saved.id}-{fc.figure.key()}-{saved.version}"  # a saved version starts from what was saved
    options = ["", *VERDICTS]
    with st.form(key, border=True):
        st.markdown(f"**Your review of #{n}**")
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        override = a.selectbox(
            "Override", options=options, index=options.index(rv.verdict_override or ""), key=f"{key}-override",
            format_func=lambda v: verdict_text(v) if v else f"none (computed: {c.VERDICT_LABELS[fc.verdict]})",
        )
        done = b.checkbox("Done", value=rv.done, key=f"{key}-done")
        explanation = st.text_area(
            "Public explanation (appears in ClaimReview)", value=rv.explanation, key=f"{key}-explanation", height=90,
            help="Why the verdict stands, in words a reader sees: the reviewBody of this figure's ClaimReview",
        )
        note = st.text_area(
            "Notes (private)", value=rv.note, key=f"{key}-note", height=68,
            help="For your desk only: never in a download or a ClaimReview",
        )
        source = st.text_input(
            "Attach source", value=rv.source_url, key=f"{key}-source", placeholder="https://…",
            help="A web page you checked this figure against",
        )
        submitted = st.form_submit_button("Save review", type="primary", icon=":material/save:")
    if submitted:
        new = {"verdict_override": override or "", "done": bool(done), "explanation": explanation.strip(),
               "note": note.strip(), "source_url": source.strip()}  # fmt: skip
        _save(saved, n, fc, rv, new)


def _save(saved: SavedCheck, n: int, fc: FigureCheck, rv: Review, new: dict[str, Any]) -> None:
    """Write the changed fields; confirm and reload, or show the refusal and keep the form as typed."""
    changed = {k: v for k, v in new.items() if v != getattr(rv, k)}
    if not changed:
        st.info(f"Nothing to save: #{n} is as it was.")
        return
    try:
        version = set_review(
            c.engine(), saved.id, fc.figure.key(), expected_version=saved.version, updated_by=c.checker(), **changed
        )
    except ValueError as err:  # the checker can fix it in the form: say so here, beside it
        st.error(f"Not saved: {err}.", icon=":material/block:")
        return
    except ConflictError as err:
        flash("error", f"Not saved: {err}. The latest version is shown now.")
    except SQLAlchemyError as err:
        st.error(store_write_failed(err))
        return
    else:
        flash("toast", saved_message(version, f"#{n} " + ", ".join(FIELDS[k] for k in changed)))
        override = changed.get("verdict_override")
        if override and override not in set(st.session_state.get(FILTER_KEY) or ()):
            flash("info", hidden_by_filter(n, override))
    c.set_open_check(saved.id)
    st.rerun()
