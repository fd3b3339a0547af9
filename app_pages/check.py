"""The Check page: an article in, its figures highlighted by verdict, the checker's review saved."""

from __future__ import annotations

import re
import time
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from app_pages import common as c
from app_pages.details import figure_details
from factcheck.report import export
from factcheck.errors import ConflictError, FactcheckError, ImportDataError, InputTooLargeError
from factcheck.figures import QUALIFIERS, STATUSES, VERDICTS, Article, effective_verdict
from factcheck.report.highlight import SYMBOLS, fmt_interval, highlight_html
from factcheck.read.htmltext import BYTES_PER_CHAR, article_from_bytes, is_url, text_to_article
from factcheck.settings import load_settings
from factcheck.store.add_reference import add_reference
from factcheck.store.reviews import SavedCheck, check_version, recheck, save_check, set_review
from factcheck.store.db import all_metrics

NO_DATE_WARNING = (
    "No article date: 'last year', 'this year' and figures with no year cannot be placed in time, "
    "so their verdicts may rest on the wrong year. Set the article date above and check again."
)

st.session_state.setdefault("article_text", "")
st.session_state.setdefault("article_title", "")
st.session_state.setdefault("article_date", None)

st.session_state.setdefault("article_url", "")
st.session_state.setdefault("fetch_url", "")
st.session_state.setdefault("verdict_filter", ["agree", "conflict", "no_source"])
st.session_state.setdefault("flash", [])
NEW_METRIC = "__new__"
NO_TEXT = "{what} holds no article text, so the article box was left as it was."
TOO_BIG = "{what} was not loaded, and the article box was left as it was: {why}"
NOT_A_URL = "Type a web address starting with http:// or https://."
STORE_WRITE_FAILED = (
    "Nothing was saved: the store could not be written ({why}). Try again; if it keeps failing, "
    "tell whoever runs the app (the store may be read-only, locked by a long import, or offline)."
)
BAD_PUBLISHED = "“Published” must be a date written YYYY-MM-DD (e.g. 2023-05-09), or left empty."
NO_CHECKABLE = (
    "This article has no figure to check: only dates, years, ordinals or names were found. "
    "Paste a text with counts, amounts or percentages."
)


def _first_line(err: SQLAlchemyError) -> str:
    """The database's own words for a failed write, without SQLAlchemy's SQL dump."""
    return str(getattr(err, "orig", None) or err).splitlines()[0]


def flash(kind: str, message: str) -> None:
    """Queue a message for the next run (callbacks run before the page is drawn)."""
    st.session_state["flash"].append((kind, message))


# --- input ------------------------------------------------------------------------------


def on_upload() -> None:
    """Put an uploaded .txt/.md/.html file into the article box, with its title and date if found."""
    up = st.session_state.get("upload")
    if up is None:
        return
    limit = load_settings().max_article_chars
    data = up.getvalue()
    try:
        if len(data) > limit * BYTES_PER_CHAR:
            raise InputTooLargeError(len(data) // BYTES_PER_CHAR, limit)
        art = article_from_bytes(data, name=up.name)
        if len(art.text) > limit:
            raise InputTooLargeError(len(art.text), limit)
    except InputTooLargeError as err:
        flash("error", TOO_BIG.format(what=up.name, why=err))
        return
    except FactcheckError as err:
        flash("error", f"Could not read {up.name}: {err}")
        return
    if not art.text.strip():
        flash("error", NO_TEXT.format(what=up.name))
        return
    text, title, art_date = art.text, art.title, art.date
    name = up.name.rsplit(".", 1)[0].replace("_", " ").replace("-", " ")
    st.session_state["article_text"] = text
    st.session_state["article_title"] = title or name
    if art_date is not None:
        st.session_state["article_date"] = art_date
    st.session_state["article_url"] = ""


def on_fetch() -> None:
    """Fetch the URL into the article box, with its title and date, or say why not."""
    url = st.session_state["fetch_url"].strip()
    if not url:
        flash("error", "Type the article's address first.")
        return
    if not is_url(url):  # and never a path: the server's own files are not articles
        flash("error", NOT_A_URL)
        return
    from factcheck.read.fetch import fetch

    try:
        art = fetch(url)
        if len(art.text) > load_settings().max_article_chars:
            raise InputTooLargeError(len(art.text), load_settings().max_article_chars)
    except InputTooLargeError as err:
        flash("error", TOO_BIG.format(what=url, why=err))
        return
    except FactcheckError as err:
        flash("error", f"Could not fetch the article: {err}")
        return
    if not art.text.strip():
        flash("error", NO_TEXT.format(what=url))
        return
    st.session_state["article_text"] = art.text
    st.session_state["article_title"] = art.title
    st.session_state["article_date"] = art.date
    st.session_state["article_url"] = art.url or url


def _from_pasted_text(text: str) -> Article | None:
    """Title (a headline first line) and date (a byline) read from pasted text, as the CLI does."""
    try:
        return text_to_article(text[:2000])
    except Exception:  # a guess must never stop a check
        return None


def on_check() -> None:
    """Check the article in the box, save the check, and open it on this tab."""
    text = st.session_state["article_text"]
    if not text.strip():
        flash("error", "Paste an article, upload a file or fetch a URL first.")
        return
    guessed = _from_pasted_text(text)
    if guessed is not None and not st.session_state["article_title"].strip() and guessed.title:
        st.session_state["article_title"] = guessed.title
    if st.session_state["article_date"] is None:
        found = guessed.date if guessed is not None else None
        if found is not None:
            st.session_state["article_date"] = found
            flash("info", f"Article date {found.isoformat()} taken from the byline; change it above if it is wrong.")
    started = time.perf_counter()
    try:
        result = c.check_now(
            text, st.session_state["article_date"], st.session_state["article_title"].strip(),
            st.session_state["article_url"].strip(),
        )
        check_id = save_check(c.engine(), result, created_by=c.checker())
    except FactcheckError as err:
        flash("error", str(err))
        return
    except SQLAlchemyError as err:
        flash("error", STORE_WRITE_FAILED.format(why=_first_line(err)))
        return
    st.session_state["check_seconds"] = (check_id, time.perf_counter() - started)
    c.set_open_check(check_id)


def on_new() -> None:
    """Close the open check and go back to an empty article box."""
    c.set_open_check(None)
    for k in ("article_text", "article_title", "article_url", "fetch_url"):
        st.session_state[k] = ""
    st.session_state["article_date"] = None


def input_form(expanded: bool) -> None:
    """Paste / upload / URL, then title, date and the Check button."""
    with st.expander("Article to check" if expanded else "Check another article", expanded=expanded):
        paste, upload, by_url = st.tabs(["Paste text", "Upload a file", "Fetch a URL"])
        with paste:
            st.text_area(
                "Article text", key="article_text", height=240,
                placeholder="Paste the article here: headline, body, everything with figures in it.",
            )
        with upload:
            st.file_uploader(
                "A .txt, .md or .html file", type=["txt", "md", "html", "htm"], key="upload", on_change=on_upload,
                help="The text goes into the Paste box, where you can trim it before checking.",
            )
        with by_url:
            st.text_input("Article URL", key="fetch_url", placeholder="https://…")
            st.button("Fetch", on_click=on_fetch, help="Loads the page's text, title and date into the form.")
        left, mid, right = st.columns([3, 1, 1], vertical_alignment="bottom")
        left.text_input("Title", key="article_title", placeholder="Headline (optional)")
        mid.date_input(
            "Article date", key="article_date", format="YYYY-MM-DD",
            help="“Last year” and “this year” are read against this date.",
        )
        right.button("Check", type="primary", on_click=on_check, width="stretch")


# --- the open check ---------------------------------------------------------------------


def reviews_key_version(saved: SavedCheck) -> str:
    """The editor's widget key: a new one after every saved change, so edits apply once."""
    filt = "-".join(sorted(st.session_state["verdict_filter"]))
    refused = st.session_state.get("edits_refused", 0)  # a refused edit gets a fresh table, not a rerun loop
    return f"figures-{saved.id}-{saved.version}-{filt}-{refused}"


def apply_edits(saved: SavedCheck, df: pd.DataFrame, edited: dict[int, dict[str, Any]]) -> None:
    """Write the checker's edits in the table (override, notes, public explanation, done, source) to the store."""
    version = saved.version
    fields = {"override": "verdict_override", "note": "note", "public explanation": "explanation", "done": "done",
              "attached source": "source_url"}
    try:
        for row, changes in edited.items():
            kwargs: dict[str, Any] = {fields[k]: ("" if v is None else v) for k, v in changes.items() if k in fields}
            if not kwargs or not 0 <= int(row) < len(df):  # a row the table no longer has: nothing to save
                continue
            key = str(df.iloc[int(row)]["key"])
            version = set_review(
                c.engine(), saved.id, key, expected_version=version, updated_by=c.checker(), **kwargs
            )
    except ConflictError as err:
        flash("error", f"Not saved: {err}. The latest version is shown now.")
    except ValueError as err:
        flash("error", f"Not saved: {err}")
        st.session_state["edits_refused"] = st.session_state.get("edits_refused", 0) + 1
    except SQLAlchemyError as err:
        flash("error", STORE_WRITE_FAILED.format(why=_first_line(err)))
        st.session_state["edits_refused"] = st.session_state.get("edits_refused", 0) + 1
    c.set_open_check(saved.id)
    st.rerun()


def figures_table(saved: SavedCheck) -> None:
    """The figures table: read-only facts, editable review columns, filtered by verdict."""
    result, reviews = saved.result, saved.reviews
    rows = export.to_rows(result, reviews)
    counts = {v: 0 for v in VERDICTS}
    for r in rows:
        counts[r["final_verdict"]] += 1
    st.segmented_control(
        "Show", options=list(VERDICTS), key="verdict_filter", selection_mode="multi",
        format_func=lambda v: f"{SYMBOLS[v]} {c.VERDICT_LABELS[v]} ({counts[v]})",
    )
    shown = set(st.session_state["verdict_filter"])
    data = []
    for r, fc in zip(rows, result.figures):
        if r["final_verdict"] not in shown:
            continue
        rv = reviews.get(fc.figure.key())
        data.append(
            {
                "#": r["n"],
                "verdict": f"{SYMBOLS[r['final_verdict']]} {c.VERDICT_LABELS[r['final_verdict']]}",
                "figure": r["surface"],
                "read as": r["read_as"] or "—",
                "year": r["year"],
                "claimed": fmt_interval(fc.figure.low, fc.figure.high, fc.figure.unit, fc.figure.kind),
                "reference": r["reference_value"],
                "source": c.safe_url(r["url"]),
                "reason": r["reason"],
                "override": r["override"] or None,
                "note": r["note"],
                "public explanation": r["explanation"],
                "done": bool(r["done"]),
                "attached source": c.safe_url(rv.source_url if rv else ""),
                "reviewed": f"{rv.updated_by or '—'}, {rv.updated_at.replace('T', ' ')[:16]}" if rv else None,
                "key": fc.figure.key(),
            }
        )
    if not data:
        st.info("No figure has the verdicts chosen above.")
        return
    df = pd.DataFrame(data)
    key = reviews_key_version(saved)
    st.data_editor(
        df,
        key=key,
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        height=min(36 * (len(df) + 1) + 4, 720),
        column_order=[
            "#", "verdict", "figure", "read as", "claimed", "reference", "override", "done", "public explanation",
            "note", "reason", "year", "source", "attached source", "reviewed",
        ],
        disabled=[
            "#", "verdict", "figure", "read as", "year", "claimed", "reference", "source", "reason", "reviewed", "key",
        ],
        column_config=_column_config(),
    )
    edited = st.session_state.get(key, {}).get("edited_rows", {})
    if edited:
        apply_edits(saved, df, edited)


def _column_config() -> dict[str, Any]:
    """How each column of the figures table looks, and which ones a checker edits."""
    col = st.column_config
    return {
        "#": col.NumberColumn("#", width=40, help="The number beside the figure in the text", pinned=True),
        "verdict": col.TextColumn("Verdict", width=110, pinned=True),
        "figure": col.TextColumn("Figure", help="As written in the article", pinned=True),
        "read as": col.TextColumn(
            "Read as", help="What the figure was read as stating: a statistic, of whom, in which year (— when not sure)"
        ),
        "year": col.NumberColumn("Year", format="%d", width="small"),
        "claimed": col.TextColumn("Claimed", help="The interval the wording allows"),
        "reference": col.TextColumn("Reference", help="The closest sourced value", width="medium"),
        "source": col.LinkColumn("Source", display_text="open ↗", width="small"),
        "reason": col.TextColumn("Why", width="large"),
        "override": col.SelectboxColumn(
            "Override", options=list(VERDICTS), format_func=lambda v: f"{SYMBOLS[str(v)]} {c.VERDICT_LABELS[str(v)]}",
            help="Your verdict, replacing the computed one", width=130,
        ),
        "note": col.TextColumn(
            "Notes (private)", width="medium", help="For your desk only: never in a download or a ClaimReview"
        ),
        "public explanation": col.TextColumn(
            "Public explanation (appears in ClaimReview)", width="medium",
            help="Why the verdict stands, in words a reader sees: the reviewBody of this figure's ClaimReview",
        ),
        "done": col.CheckboxColumn("Done", width=60),
        "reviewed": col.TextColumn("Reviewed (UTC)", help="Who last changed this row, and when"),
        "attached source": col.LinkColumn(
            "Attach source", help="A URL you checked this figure against", validate=r"^https?://.+"
        ),
    }


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


def add_reference_form(saved: SavedCheck) -> None:
    """A new sourced figure for the store; saving it re-checks this article at once."""
    metrics = {m.key: m.label for m in all_metrics(c.engine())}
    checkable = [(i + 1, fc) for i, fc in enumerate(saved.result.figures) if fc.figure.checkable]
    st.selectbox(
        "Start from a figure (optional)", options=[None] + [n for n, _ in checkable], key="ref_for",
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
        st.error(STORE_WRITE_FAILED.format(why=_first_line(err)))
        return
    old = saved.result
    result = c.check_now(old.text, old.date, old.title, old.url, saved.reviews)
    try:
        recheck(c.engine(), saved.id, result, expected_version=saved.version)
    except (ConflictError, SQLAlchemyError) as err:
        why = err if isinstance(err, ConflictError) else _first_line(err)
        flash("error", f"Reference {ref_id} was added, but the re-check was not saved: {why}")
        c.set_open_check(saved.id)
        st.rerun()
    changed = sum(1 for a, b in zip(old.figures, result.figures) if a.verdict != b.verdict)
    flash("success", f"Reference {ref_id} added; the article was re-checked: {changed} verdict(s) changed.")
    c.set_open_check(saved.id)
    st.rerun()


def exports(saved: SavedCheck) -> None:
    """Download buttons for the checklist, CSV, JSON and ClaimReview, with the reviews applied."""
    result, reviews = saved.result, saved.reviews
    slug = re.sub(r"[^a-z0-9]+", "-", (result.title or f"check-{saved.id}").lower()).strip("-")[:60] or "check"
    files = [
        ("Checklist (.md)", export.to_markdown, "md", "text/markdown", "The list an editor works through"),
        ("Table (.csv)", export.to_csv, "csv", "text/csv", "One row per figure, for a spreadsheet"),
        ("Data (.json)", export.to_json, "json", "application/json", "The full check with your reviews"),
        ("ClaimReview (JSON-LD)", export.to_claimreview, "claimreview.jsonld", "application/ld+json",
         "schema.org JSON-LD for the figures you confirmed (done or overridden)"),
    ]  # fmt: skip
    for label, fn, ext, mime, why in files:
        st.download_button(
            label, data=fn(result, reviews).encode(export.file_encoding(ext)), file_name=f"{slug}.{ext}", mime=mime,
            help=why, on_click="ignore", icon=":material/download:", width="stretch", key=f"dl-{ext}",
        )
    unexplained = export.unexplained_overrides(result, reviews)
    if unexplained:
        st.caption(
            "Overridden without a public explanation: " + ", ".join(f"#{n}" for n in unexplained)
            + ". Their ClaimReview has no review text; write one in the table's Public explanation column."
        )


def show_check(saved: SavedCheck) -> None:
    """Everything about the open check: summary, highlighted article, table, reference form, exports."""
    result, reviews = saved.result, saved.reviews
    latest = check_version(c.engine(), saved.id)
    if latest != saved.version:
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
        meta.append(f"checked in {seconds:.2f} s")
    st.caption(" · ".join(meta))
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
    st.progress(done / checkable if checkable else 0.0, text=f"{done} of {checkable} checkable figures done")

    numbers = {fc.figure.key(): i for i, fc in enumerate(result.figures, 1)}
    art, side = st.columns([5, 2], gap="large")
    with art:
        st.html(highlight_html(result.text, result.figures, reviews, numbers=numbers, extra_class="fc-main"))
    with side:
        st.markdown("**Export**")
        exports(saved)
        st.markdown("**How to read the marks**")
        st.html(
            '<div style="display:flex;flex-direction:column;gap:6px;align-items:flex-start">'
            + c.chip("agree", "agrees with a source")
            + c.chip("conflict", "conflicts with a source")
            + c.chip("no_source", "no source in the store")
            + "</div>"
        )
        st.caption(
            "Hover over a marked figure (or Tab to it) for the interval its wording allows, "
            "the reason and the sources. The small number matches the table's #. A dashed "
            "outline means a checker overrode the verdict."
        )
    st.subheader("Figures", anchor=False)
    figures_table(saved)
    with st.expander("One figure in detail: its sentence, reason and every source", icon=":material/search:"):
        figure_details(saved)
    with st.expander("Add a reference figure to the store", icon=":material/add_circle:"):
        add_reference_form(saved)


# --- page ------------------------------------------------------------------------------

c.extractor_ready()  # once per server: the first Check is then as quick as the rest

for kind, message in st.session_state["flash"]:
    getattr(st, kind)(message)
st.session_state["flash"] = []

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
