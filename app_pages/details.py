"""One figure in detail: its sentence highlighted, the reason, what it was read as (correctable) and every source."""

from __future__ import annotations

import dataclasses
import html

import pandas as pd
import streamlit as st

from app_pages import common as c
from app_pages.claim_form import claim_form
from factcheck.figures import effective_verdict
from factcheck.report.highlight import highlight_html, reference_interval, tooltip
from factcheck.source_kinds import by_authority
from factcheck.store.reviews import SavedCheck


def figure_details(saved: SavedCheck) -> None:
    """The chosen figure in its sentence, with the reason, the checker's review and all its sources."""
    result, reviews = saved.result, saved.reviews
    options = [n for n, fc in enumerate(result.figures, 1) if fc.figure.checkable and fc.verdict != "not_checkable"]
    if not options:
        st.info("This article has no checkable figure.")
        return
    n = st.selectbox(
        "Figure", options=options, key=f"detail-{saved.id}",
        format_func=lambda i: f"#{i} {result.figures[i - 1].figure.surface} "
        f"({c.VERDICT_LABELS[effective_verdict(result.figures[i - 1], reviews.get(result.figures[i - 1].figure.key()))]})",
    )
    fc = result.figures[int(n) - 1]
    f = fc.figure
    review = reviews.get(f.key())
    lo, hi = f.sentence_start, f.sentence_end
    if not (0 <= lo <= f.start and f.end <= hi <= len(result.text)):
        lo, hi = max(0, f.start - 200), min(len(result.text), f.end + 200)
    local = dataclasses.replace(f, start=f.start - lo, end=f.end - lo)
    st.html(highlight_html(result.text[lo:hi], [dataclasses.replace(fc, figure=local)], {local.key(): review} if review else {}, extra_class="fc-excerpt"))
    st.html(
        '<div style="white-space:pre-wrap;font-size:.95rem;color:#333">' + html.escape(tooltip(fc, review)) + "</div>"
    )
    with st.container(border=True):
        st.markdown("**What this figure states** — correct it if the reading is wrong")
        claim_form(saved, fc)
    if review is not None and (review.updated_by or review.updated_at):
        st.caption(f"Last reviewed by {review.updated_by or 'someone'} at {review.updated_at.replace('T', ' ')[:16]} UTC")
    if fc.references:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "value": reference_interval(r), "year": r.year, "status": r.status,
                        "claimant": r.claimant, "source": r.source.title, "publisher": r.source.publisher,
                        "kind": r.source.kind or None, "published": r.source.published,
                        "link": c.safe_url(r.source.url), "what it says": r.snippet,
                    }
                    for r in by_authority(fc.references, result.date)
                ]
            ),
            hide_index=True, width="stretch",
            column_config={
                "year": st.column_config.NumberColumn("year", format="%d"),
                "link": st.column_config.LinkColumn("link", display_text="open ↗"),
                "what it says": st.column_config.TextColumn("what it says", width="large"),
            },
        )
        st.page_link(
            "app_pages/reference.py", label=f"See “{fc.references[0].metric_label}” over the years",
            icon=":material/show_chart:", query_params={"metric": fc.references[0].metric},
        )
