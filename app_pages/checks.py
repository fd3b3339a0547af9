"""The Checks page: every saved check, newest change first; open one to carry on reviewing it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common as c
from factcheck.report.highlight import SYMBOLS
from factcheck.store.reviews import list_checks

st.title("Saved checks", anchor=False)
st.caption("Every check is saved with its reviews as you work. Select one and open it to carry on.")

rows = list_checks(c.engine())
if not rows:
    st.info("No checks yet: check an article on the Check page and it appears here.")
    st.page_link("app_pages/check.py", label="Check an article", icon=":material/fact_check:")
    st.stop()

df = pd.DataFrame(
    [
        {
            "#": r.id,
            "title": r.title or "Untitled article",
            "article date": r.article_date,
            "verdicts": f"{SYMBOLS['agree']} {r.counts.get('agree', 0)} · {SYMBOLS['conflict']} "
            f"{r.counts.get('conflict', 0)} · {SYMBOLS['no_source']} {r.counts.get('no_source', 0)}",
            "done": r.done,
            "reviewed": r.reviewed,
            "by": r.created_by,
            "changed (UTC)": r.updated_at.replace("T", " ")[:16],
            "version": r.version,
        }
        for r in rows
    ]
)
event = st.dataframe(
    df,
    key="checks_table",
    on_select="rerun",
    selection_mode="single-row",
    hide_index=True,
    width="stretch",
    placeholder="",  # an undated article's cell is blank, not a grey "None"
    column_config={
        "#": st.column_config.NumberColumn("#", width="small"),
        "title": st.column_config.TextColumn("Title", width="medium"),
        "verdicts": st.column_config.TextColumn("✓ agree · ✗ conflict · ? no source"),
        "done": st.column_config.NumberColumn("Done", help="Figures marked done"),
        "reviewed": st.column_config.NumberColumn("Reviewed", help="Figures with an override, note or source"),
    },
)
picked = event.selection.rows if event is not None else []
options = [r.id for r in rows]
default = options[picked[0]] if picked else options[0]
left, right = st.columns([3, 1], vertical_alignment="bottom")
check_id = left.selectbox(
    "Check to open", options=options, index=options.index(default),
    format_func=lambda i: f"#{i} {next(r.title for r in rows if r.id == i) or 'Untitled article'}",
)
if right.button("Open", type="primary", width="stretch", icon=":material/open_in_new:"):
    st.session_state.pop("saved", None)
    st.switch_page("app_pages/check.py", query_params={c.CHECK_PARAM: str(check_id)})
