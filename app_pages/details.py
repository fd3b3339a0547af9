"""One figure in detail: its sentence, the full reason, the checker's review, what it was read as (correctable) and every source.

The table's cells are short; everything a cut cell leaves out is here, for one figure of
the rows the table shows.
"""

from __future__ import annotations

import dataclasses
import html

import pandas as pd
import streamlit as st

from app_pages import common as c
from app_pages.claim_form import claim_form
from app_pages.review_form import review_form
from factcheck.figures import FigureCheck, effective_verdict
from factcheck.report.highlight import highlight_html, reference_interval, tooltip
from factcheck.source_kinds import by_authority
from factcheck.store.reviews import SavedCheck


def figure_details(saved: SavedCheck, numbers: list[int]) -> None:
    """The figure chosen among ``numbers`` (the table's rows): sentence, reason, review form, reading, sources."""
    result, reviews = saved.result, saved.reviews
    if not numbers:
        st.info("Choose verdicts above to list figures here.")
        return
    n = st.selectbox(
        "Figure", options=numbers, key=f"detail-{saved.id}",
        format_func=lambda i: f"#{i} {result.figures[i - 1].figure.surface} "
        f"({c.VERDICT_LABELS[effective_verdict(result.figures[i - 1], reviews.get(result.figures[i - 1].figure.key()))]})",
    )
    if n is None:
        return
    fc = result.figures[int(n) - 1]
    f = fc.figure
    review = reviews.get(f.key())
    lo, hi = f.sentence_start, f.sentence_end
    if not (0 <= lo <= f.start and f.end <= hi <= len(result.text)):
        lo, hi = max(0, f.start - 200), min(len(result.text), f.end + 200)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        local = dataclasses.replace(f, start=f.start - lo, end=f.end - lo)
        st.html(highlight_html(
            result.text[lo:hi], [dataclasses.replace(fc, figure=local)], {local.key(): review} if review else {},
            extra_class="fc-excerpt", keep_overrides=True,
        ))  # fmt: skip
        st.html(
            '<div style="white-space:pre-wrap;font-size:.95rem;color:#333">' + html.escape(tooltip(fc, review)) + "</div>"
        )
        if review is not None and (review.updated_by or review.updated_at):
            st.caption(f"Last reviewed by {review.updated_by or 'someone'} at {review.updated_at.replace('T', ' ')[:16]} UTC")
    with right:
        review_form(saved, int(n), fc)
    with st.container(border=True):
        st.markdown("**What this figure states** — correct it if the reading is wrong")
        claim_form(saved, fc)
    if fc.references:
        _sources(saved, fc)


def _sources(saved: SavedCheck, fc: FigureCheck) -> None:
    """Every source of the figure, most authoritative first, in columns that fit beside the sidebar."""
    refs = by_authority(fc.references, saved.result.date)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "value": reference_interval(r), "year": str(r.year) if r.year else "", "status": r.status,
                    "source": (r.source.publisher or r.source.title) + (f" ({r.source.kind})" if r.source.kind else "")
                    + (f", per {r.claimant}" if r.claimant else ""),
                    "published": r.source.published, "link": c.safe_url(r.source.url), "what it says": r.snippet,
                }
                for r in refs
            ]
        ),
        hide_index=True, width="stretch", placeholder="",
        column_config={
            "value": st.column_config.TextColumn("value", width=110),
            "year": st.column_config.TextColumn("year", width=50),
            "status": st.column_config.TextColumn("status", width=75),
            "source": st.column_config.TextColumn("source", width=220),
            "published": st.column_config.TextColumn("published", width=90),
            "link": st.column_config.LinkColumn("link", display_text="open ↗", width=65),
            "what it says": st.column_config.TextColumn("what it says", width=190),
        },
    )  # fmt: skip
    st.page_link(
        "app_pages/reference.py", label=f"See “{fc.references[0].metric_label}” over the years",
        icon=":material/show_chart:", query_params={"metric": fc.references[0].metric},
    )
