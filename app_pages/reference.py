"""The Reference page: search the store, see a metric's values by year with the article's claim marked."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import common as c
from factcheck.errors import FactcheckError
from factcheck.figures import Reference
from factcheck.report.highlight import reference_interval, unit_text
from factcheck.store.lookup import MIN_SCORE, metric_scores
from factcheck.store.db import all_metrics, all_references

st.session_state.setdefault("ref_query", "")

st.title("Reference figures", anchor=False)
eng = c.engine()
metrics = {m.key: m for m in all_metrics(eng)}
if not metrics:
    st.info("The reference store is empty: run `make db` (or `factcheck import reference_data`).")
    st.stop()
refs = all_references(eng)

# the open check's claims, by metric, so the chart can mark them
try:
    saved = c.current_saved()
except FactcheckError:
    saved = None  # a stale ?check= in the URL: the chart simply has no claim to mark
claims: dict[str, list[tuple[int, str, float, float, float, int | None]]] = {}
if saved is not None:
    for n, fc in enumerate(saved.result.figures, 1):
        f = fc.figure
        if f.kind in ("year", "date", "ordinal", "identifier"):
            continue  # "lowest since 2008" is checked against the series, but 2008 is no troop count
        for metric in {r.metric for r in fc.references}:
            claims.setdefault(metric, []).append((n, f.surface, f.value, f.low, f.high, f.year))

st.text_input(
    "Search the store", key="ref_query", placeholder="parade troops, front line, Wagner losses…",
    help="Matches a metric's name, label and keywords; typos are forgiven.",
)
query = st.session_state["ref_query"].strip()
if query:
    scores = metric_scores(eng, query)
    n_values = {k: sum(1 for r in refs if r.metric == k) for k in metrics}
    # best match first; among equals, a metric of the open article, then the one with most values
    keys = [
        k for k, s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0] not in claims, -n_values.get(kv[0], 0)))
        if s >= MIN_SCORE
    ]
else:
    keys = sorted(metrics, key=lambda k: (k not in claims, metrics[k].label.lower()))
if not keys:
    st.warning(f"No metric matches “{query}”. Try fewer or other words.")
    st.stop()

counts = {k: sum(1 for r in refs if r.metric == k) for k in keys}
wanted = st.query_params.get("metric")
if wanted in metrics and wanted not in keys:
    keys.insert(0, wanted)
    counts[wanted] = sum(1 for r in refs if r.metric == wanted)
key = st.selectbox(
    "Metric", options=keys, index=keys.index(wanted) if wanted in keys else 0,
    format_func=lambda k: f"{metrics[k].label} — {counts[k]} value(s)" + (" · in the open article" if k in claims else ""),
)
m = metrics[key]
st.caption(" · ".join(x for x in (m.description, m.entity and f"entity: {m.entity}", m.unit and f"unit: {m.unit}") if x))

rows = [r for r in refs if r.metric == key]
data = pd.DataFrame(
    [
        {
            "year": r.year,
            "value": r.value,
            "low": r.low if math.isfinite(r.low) else None,
            "high": r.high if math.isfinite(r.high) else None,
            "status": r.status,
            "publisher": r.source.publisher,
            "source": r.source.title,
            "claimant": r.claimant,
            "as stated": reference_interval(r),
        }
        for r in rows
    ]
)
dated = data[data["year"].notna()] if not data.empty else data
if not dated.empty:
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False, nice=False, padding=12))
    y_title = unit_text(m.unit) if m.unit else "count"
    base = alt.Chart(dated)
    layers: list[alt.Chart] = [
        base.mark_rule(color="#999", strokeWidth=2).encode(x=x, y="low:Q", y2="high:Q"),
        base.mark_point(size=90, filled=True, opacity=0.85).encode(
            x=x,
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False), axis=alt.Axis(format=",~r")),
            color=alt.Color(
                "status:N", title="Status",
                scale=alt.Scale(
                    domain=["actual", "claimed", "estimate", "planned"],
                    range=["#4c78a8", "#f58518", "#54a24b", "#9d7ab8"],
                ),
            ),
            shape=alt.Shape("status:N", title="Status"),
            tooltip=["year:Q", "as stated:N", "status:N", "publisher:N", "source:N", "claimant:N"],
        ),
    ]
    mine = claims.get(key, [])
    if mine:
        cl = pd.DataFrame(
            [
                {
                    "year": yr if yr is not None else None, "value": v,
                    "low": lo if math.isfinite(lo) else None, "high": hi if math.isfinite(hi) else None,
                    "claim": f"#{n} “{s}”", "label": f"article #{n}",
                }
                for n, s, v, lo, hi, yr in mine
            ]
        )
        with_year = cl[cl["year"].notna()]
        no_year = cl[cl["year"].isna()]
        if not with_year.empty:
            cb = alt.Chart(with_year)
            layers += [
                cb.mark_rule(color="#c2261d", strokeWidth=6, opacity=0.35).encode(x=x, y="low:Q", y2="high:Q"),
                cb.mark_point(shape="diamond", size=220, filled=True, color="#c2261d").encode(
                    x=x, y="value:Q", tooltip=["claim:N", "value:Q", "low:Q", "high:Q"]
                ),
                cb.mark_text(dx=12, align="left", color="#c2261d", fontWeight="bold").encode(x=x, y="value:Q", text="label:N"),
            ]
        if not no_year.empty:
            layers.append(
                alt.Chart(no_year).mark_rule(color="#c2261d", strokeDash=[6, 4]).encode(y="value:Q", tooltip=["claim:N"])
            )
    st.altair_chart(alt.layer(*layers).properties(height=340, title=m.label), width="stretch")
    if mine:
        st.caption("◆ in red: the open article's claim (the bar is the interval its wording allows).")
else:
    st.info("No value of this metric has a year, so there is nothing to chart; the sources are below.")

QUALIFIER_WORDS = {"approx": "about", "more_than": "more than", "at_least": "at least", "less_than": "less than",
                   "at_most": "at most"}  # fmt: skip


def value_in_words(r: Reference) -> str:
    """A source's value with its qualifier as a reader says it: "more than 20,000", "about 8,000", "7,200–8,800"."""
    shown = reference_interval(r)
    said = QUALIFIER_WORDS.get(r.qualifier, "")
    single = "–" not in shown and not shown.startswith(("at least", "at most", "more than", "less than", "about"))
    return f"{said} {shown}" if said and single else shown


st.subheader("Sources", anchor=False)
# short columns that read at 1,280 px: the value says its qualifier in words ("at least 600 mi"),
# the status names who claimed it, and an empty cell is blank rather than "None"
st.dataframe(
    pd.DataFrame(
        [
            {
                "when": r.date or (str(r.year) if r.year else ""),
                "value": value_in_words(r),
                "status": r.status + (f", by {r.claimant}" if r.claimant else ""),
                "entity": r.entity,
                "source": (r.source.publisher or r.source.title) + (f" ({r.source.kind})" if r.source.kind else ""),
                "published": r.source.published,
                "link": c.safe_url(r.source.url),
                "what it says": r.snippet,
            }
            for r in rows
        ]
    ),
    hide_index=True,
    width="stretch",
    placeholder="",
    column_config={
        "when": st.column_config.TextColumn("When", width=90),
        "value": st.column_config.TextColumn("Value", width=120),
        "status": st.column_config.TextColumn("Status", width=170),
        "entity": st.column_config.TextColumn("Entity", width=150),
        "source": st.column_config.TextColumn("Source", width=150),
        "published": st.column_config.TextColumn("Published", width=90),
        "link": st.column_config.LinkColumn("Link", display_text="open ↗", width=60),
        "what it says": st.column_config.TextColumn("What it says", width="large"),
    },
)
