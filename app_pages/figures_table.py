"""The figures table: a short row per figure, filtered by verdict, a page at a time; override and done edited in place.

The table must read at 1,280 px without sideways scrolling, so each cell is short (the full
reason, the sources, notes and the public explanation are in the detail pane below it), empty
cells are blank, and only ``PAGE_SIZE`` rows are built and sent per run: a 1 MB article has
some 15,000 figures, and a filter change must not rebuild them all.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from app_pages import common as c
from app_pages.feedback import flash, saved as saved_message, store_write_failed
from factcheck.errors import ConflictError
from factcheck.figures import VERDICTS, FigureCheck, Review, effective_verdict
from factcheck.report.checklist import shorten
from factcheck.report.highlight import SYMBOLS
from factcheck.store.reviews import SavedCheck, set_review

PAGE_SIZE = 100
FILTER_KEY = "verdict_filter"
DEFAULT_FILTER = ["agree", "conflict", "no_source"]
# px: together well under the ~820 px the grid gets at 1,280 px beside the sidebar
WIDTHS = {"#": 40, "verdict": 96, "figure": 110, "read as": 205, "why": 185, "override": 100, "done": 60}
# characters a cell holds at those widths (about 6 px each, less the padding); longer text ends in "…"
CUTS = {"figure": 15, "read as": 30, "why": 27}
EDITABLE = {"override": "verdict_override", "done": "done"}


def verdict_text(verdict: str) -> str:
    """ "✗ conflict", as the table and the filter write a verdict."""
    return f"{SYMBOLS[verdict]} {c.VERDICT_LABELS[verdict]}"


def cut(text: str, n: int) -> str:
    """``text`` in at most ``n`` characters, cut after a word when one ends late enough, an ellipsis marking the cut.

    >>> cut("more than 600 miles", 15), cut("51", 15), cut("No matching source in the reference data.", 24)
    ('more than 600…', '51', 'No matching source in…')
    """
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    head = text[: n - 1]
    if text[n - 1] != " " and head.rfind(" ") > n // 2:  # the cut falls inside a word: end at the word before
        head = head[: head.rfind(" ")]
    return head.rstrip(" ,;:") + "…"


def short_reason(fc: FigureCheck) -> str:
    """The reason's gist: its first sentence without the statistic's name the "Read as" cell already gives.

    "troops in the parade: Agrees with all 6 sources. article: …" → "Agrees with all 6 sources."
    """
    reason = " ".join(fc.reason.split())
    if fc.claim is not None and reason.lower().startswith(fc.claim.metric_label.lower() + ": "):
        reason = reason[len(fc.claim.metric_label) + 2 :]
    return shorten(reason, 200)


def row(n: int, fc: FigureCheck, review: Review | None) -> dict[str, Any]:
    """One table row: short cells only (the detail pane has the rest)."""
    return {
        "#": n,
        "verdict": verdict_text(effective_verdict(fc, review)),
        "figure": cut(fc.figure.surface, CUTS["figure"]),
        "read as": cut(fc.claim.read_as(), CUTS["read as"]) if fc.claim is not None else "—",
        "why": cut(short_reason(fc), CUTS["why"]),
        "override": (review.verdict_override if review is not None else "") or None,
        "done": bool(review is not None and review.done),
        "key": fc.figure.key(),
    }


def on_filter() -> None:
    """A new filter starts at the first page."""
    for key in [k for k in st.session_state if str(k).startswith("table-page-")]:
        st.session_state[key] = 0


def figures_table(saved: SavedCheck) -> list[int]:
    """The filter, the page chooser and the table; returns the numbers of the figures shown."""
    result, reviews = saved.result, saved.reviews
    finals = [effective_verdict(fc, reviews.get(fc.figure.key())) for fc in result.figures]
    counts = {v: finals.count(v) for v in VERDICTS}
    st.session_state.setdefault(FILTER_KEY, list(DEFAULT_FILTER))
    st.segmented_control(
        "Show", options=list(VERDICTS), key=FILTER_KEY, selection_mode="multi", on_change=on_filter,
        format_func=lambda v: f"{verdict_text(v)} ({counts[v]:,})",
    )
    shown = set(st.session_state[FILTER_KEY] or ())
    numbers = [n for n, v in enumerate(finals, 1) if v in shown]
    if not numbers:
        st.info("No figure has the verdicts chosen above.")
        return []
    page = _page(saved.id, len(numbers))
    on_page = numbers[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    df = pd.DataFrame([row(n, result.figures[n - 1], reviews.get(result.figures[n - 1].figure.key())) for n in on_page])
    key = _editor_key(saved)
    st.data_editor(
        df, key=key, hide_index=True, width="stretch", num_rows="fixed", placeholder="",
        height=min(36 * (len(df) + 1) + 4, 720),
        column_order=list(WIDTHS), disabled=["#", "verdict", "figure", "read as", "why", "key"],
        column_config=_column_config(),
    )  # fmt: skip
    edited = st.session_state.get(key, {}).get("edited_rows", {})
    if edited:
        apply_edits(saved, df, edited)
    return on_page


def _page(check_id: int, total: int) -> int:
    """The page of rows chosen (0 when all rows fit on one)."""
    pages = -(-total // PAGE_SIZE)
    key = f"table-page-{check_id}"
    if pages <= 1:
        return 0
    if st.session_state.get(key, 0) >= pages:
        st.session_state[key] = pages - 1  # the filter now shows fewer rows
    st.selectbox(
        "Rows", options=range(pages), key=key,
        format_func=lambda p: f"{p * PAGE_SIZE + 1:,}–{min((p + 1) * PAGE_SIZE, total):,} of {total:,}",
        help=f"{PAGE_SIZE} rows at a time, so a long article stays quick to review.",
    )
    return int(st.session_state[key] or 0)


def _editor_key(saved: SavedCheck) -> str:
    """The editor's widget key: a new one after every saved change, so edits apply once.

    The filter and the page are not in it: a filter change then refills the grid in place,
    where a new key made the browser build a new grid (some 0.3 s more per change). No edit
    is pending across a filter change, since each is saved on the run it arrives in.
    """
    refused = st.session_state.get("edits_refused", 0)  # a refused edit gets a fresh table, not a rerun loop
    return f"figures-{saved.id}-{saved.version}-{refused}"


def _column_config() -> dict[str, Any]:
    """How each column looks; only Override and Done are edited here."""
    col, w = st.column_config, WIDTHS
    return {
        "#": col.NumberColumn("#", width=w["#"], help="The number beside the figure in the text", pinned=True),
        "verdict": col.TextColumn("Verdict", width=w["verdict"], help="The checker's override when there is one"),
        "figure": col.TextColumn("Figure", width=w["figure"], help="As written in the article"),
        "read as": col.TextColumn(
            "Read as", width=w["read as"],
            help="What the figure was read as stating: a statistic, of whom, in which year (— when not sure). "
            "Correct it in “One figure in detail” below.",
        ),
        "why": col.TextColumn("Why", width=w["why"], help="The reason in short; in full in “One figure in detail” below"),
        "override": col.SelectboxColumn(
            "Override", options=list(VERDICTS), format_func=lambda v: verdict_text(str(v)), width=w["override"],
            help="Your verdict, replacing the computed one",
        ),
        "done": col.CheckboxColumn("Done", width=w["done"], help="You checked this figure"),
    }


def apply_edits(saved: SavedCheck, df: pd.DataFrame, edited: dict[int, dict[str, Any]]) -> None:
    """Write the override and done edits to the store and confirm each one ("Saved · version 7: …")."""
    version, said = saved.version, []
    shown = set(st.session_state[FILTER_KEY] or ())
    try:
        for i, changes in edited.items():
            kwargs: dict[str, Any] = {EDITABLE[k]: ("" if v is None else v) for k, v in changes.items() if k in EDITABLE}
            if not kwargs or not 0 <= int(i) < len(df):  # a row the table no longer has: nothing to save
                continue
            n, key = int(df.iloc[int(i)]["#"]), str(df.iloc[int(i)]["key"])
            version = set_review(c.engine(), saved.id, key, expected_version=version, updated_by=c.checker(), **kwargs)
            said.append(_what_changed(n, kwargs))
            override = kwargs.get("verdict_override")
            if override and override not in shown:
                flash("info", hidden_by_filter(n, override))
    except ConflictError as err:
        flash("error", f"Not saved: {err}. The latest version is shown now.")
    except ValueError as err:
        flash("error", f"Not saved: {err}")
        st.session_state["edits_refused"] = st.session_state.get("edits_refused", 0) + 1
    except SQLAlchemyError as err:
        flash("error", store_write_failed(err))
        st.session_state["edits_refused"] = st.session_state.get("edits_refused", 0) + 1
    if said:
        flash("toast", saved_message(version, "; ".join(said)))
    c.set_open_check(saved.id)
    st.rerun()


def _what_changed(n: int, kwargs: dict[str, Any]) -> str:
    """ "#3 override ✗ conflict, done" in words."""
    parts = []
    if "verdict_override" in kwargs:
        v = kwargs["verdict_override"]
        parts.append(f"override {verdict_text(v)}" if v else "override removed")
    if "done" in kwargs:
        parts.append("done" if kwargs["done"] else "not done")
    return f"#{n} " + ", ".join(parts)


def hidden_by_filter(n: int, verdict: str) -> str:
    """Why a row just left the table, and where to find it."""
    return (
        f"#{n} is now “{c.VERDICT_LABELS[verdict]}”, which the filter above does not show: choose "
        f"“{verdict_text(verdict)}” there to see it. In the article it stays marked, with a dashed outline."
    )
