"""What every page shares: the cached engine and extractor, the cached check, the open check.

Heavy objects live once per server (``st.cache_resource``); a check is cached by its inputs
(``st.cache_data``); the open check's id is in the URL (``?check=7``) so a reload or a second
tab finds it, and everything a checker decides is written to the database at once.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import streamlit as st
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from factcheck.figures import CheckResult, Review
from factcheck.report.highlight import COLOURS, SYMBOLS
from factcheck.store.reviews import SavedCheck, load_check
from factcheck.store.db import CheckRow, ObservationRow, db_url, init_db, open_store

VERDICT_LABELS = {"agree": "agree", "conflict": "conflict", "no_source": "no source", "not_checkable": "not checkable"}
CHECK_PARAM = "check"
MAX_ID = 2**63 - 1  # the largest id SQLite and PostgreSQL store; a longer ?check= is no check
BAD_CHECK_PARAM = "“{raw}” in the address is not a saved check's number; pick a check on the Checks page."


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    """One engine per database URL per server process; the store must exist (a typo never makes an empty one).

    The saved-check tables are added to an existing store on first use. A StoreError is not
    cached, so the page works once the store is built and reloaded.
    """
    eng = open_store(url)
    init_db(eng)
    return eng


def engine() -> Engine:
    """The store's engine; the URL comes from FACTCHECK_DB (default sqlite:///factcheck.db)."""
    return _engine(db_url())


@st.cache_resource(show_spinner="Loading the figure extractor…")
def extractor_ready() -> bool:
    """Load the extractor and the comparison stage (quantulum3, pint, vocabularies) once per server."""
    from factcheck.check import check_article

    check_article("Some 8,000 troops marched in 2023, up from 11,000 last year.", engine=engine())
    return True


def store_stamp(eng: Engine) -> tuple[int, int]:
    """Changes whenever a reference is added, so cached checks are recomputed against it."""
    with Session(eng) as session:
        n, top = session.exec(select(func.count(), func.max(ObservationRow.id)).select_from(ObservationRow)).one()
    return int(n or 0), int(top or 0)


@st.cache_data(max_entries=64, show_spinner=False)
def run_check(
    text: str, article_date: date | None, title: str, url: str, db: str, stamp: tuple[int, int],
    corrected: tuple[tuple[str, str], ...] = (),
) -> CheckResult:
    """Check an article; cached by text, date, title, url, the database, the store's state and the checker's corrections."""
    from factcheck.check import check_article
    from factcheck.figures import Claim

    extractor_ready()
    claims = {key: Claim.from_dict(json.loads(doc)) for key, doc in corrected}
    return check_article(text, article_date, title=title, url=url, engine=_engine(db), corrected=claims or None)


def check_now(
    text: str, article_date: date | None, title: str = "", url: str = "", reviews: dict[str, Review] | None = None
) -> CheckResult:
    """The check of an article against the store as it is now, with the claims checkers corrected in ``reviews``."""
    eng = engine()
    corrected = tuple(sorted(
        (key, json.dumps(rv.claim.to_dict(), sort_keys=True)) for key, rv in (reviews or {}).items() if rv.claim is not None
    ))  # fmt: skip
    return run_check(text, article_date, title, url, db_url(), store_stamp(eng), corrected)


def open_check_id() -> int | None:
    """The check shown on this tab: from the URL (so a reload keeps it), else the one last opened."""
    raw = st.query_params.get(CHECK_PARAM)
    if raw:
        return _check_number(raw)
    saved: SavedCheck | None = st.session_state.get("saved")
    return saved.id if saved is not None else None


def _check_number(raw: str) -> int | None:
    """A ?check= value as a check id, or None when it cannot be one.

    >>> _check_number("7"), _check_number("abc"), _check_number("1.5"), _check_number("9" * 30)
    (7, None, None, None)
    """
    try:
        n = int(raw)
    except ValueError:
        return None
    return n if -MAX_ID <= n <= MAX_ID else None


def bad_check_param() -> str | None:
    """The ?check= value when it is not a number a check could have (shown, then dropped)."""
    raw = st.query_params.get(CHECK_PARAM)
    return raw if raw and _check_number(raw) is None else None


def set_open_check(check_id: int | None) -> None:
    """Show this check (or none) on this tab and remember it in the URL."""
    if check_id is None:
        st.query_params.pop(CHECK_PARAM, None)
        st.session_state.pop("saved", None)
    else:
        st.query_params[CHECK_PARAM] = str(check_id)
        st.session_state["saved"] = load_check(engine(), check_id)


def open_saved_now(check_id: int, result: CheckResult) -> None:
    """Show a check just saved, from the result in hand: reading back a 1 MB article's check costs a second."""
    st.query_params[CHECK_PARAM] = str(check_id)
    st.session_state["saved"] = SavedCheck(id=check_id, result=result, version=1, created_by=checker())


def saved_version(eng: Engine, check_id: int) -> int | None:
    """The saved check's current version, read alone (``check_version`` reads the whole row, article and all)."""
    with Session(eng) as session:
        return session.exec(select(CheckRow.version).where(CheckRow.id == check_id)).first()


def current_saved() -> SavedCheck | None:
    """The open check as this tab loaded it (its version is what edits are checked against)."""
    check_id = open_check_id()
    if check_id is None:
        return None
    saved: SavedCheck | None = st.session_state.get("saved")
    if saved is None or saved.id != check_id:
        saved = load_check(engine(), check_id)
        st.session_state["saved"] = saved
    return saved


def checker() -> str:
    """Who is checking (written beside every saved check and review)."""
    return str(st.session_state.get("checker", "")).strip()


def chip(verdict: str, text: str) -> str:
    """A small coloured label with the verdict's symbol (HTML; text must already be safe)."""
    bg, fg = COLOURS.get(verdict, ("#eee", "#333"))
    return (
        f'<span style="background:{bg};border:1px solid {fg};color:{fg};border-radius:999px;'
        f'padding:2px 10px;font-weight:600;white-space:nowrap">{SYMBOLS.get(verdict, "")} {text}</span>'
    )


def counts_html(counts: dict[str, Any], coverage: float | None) -> str:
    """The summary strip: "12 agree · 3 conflict · 7 no source" as chips, then the coverage."""
    parts = [chip(v, f"{counts.get(v, 0)} {VERDICT_LABELS[v]}") for v in ("agree", "conflict", "no_source")]
    cov = "" if coverage is None else f'<span style="margin-left:8px;color:#444">coverage <b>{coverage:.0%}</b></span>'
    return f'<div style="display:flex;gap:8px;align-items:center;flex-wrap:wrap">{" ".join(parts)}{cov}</div>'


def store_summary() -> str:
    """One line on what the reference store holds, for the sidebar."""
    from factcheck.store.db import count_rows

    n = count_rows(engine())
    return f"{n['observations']:,} reference figures · {n['metrics']:,} metrics · {n['sources']:,} sources"


def safe_url(url: str | None) -> str | None:
    """A link the tables may show: http(s) only, so a stored "javascript:" URL never becomes clickable.

    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)"), safe_url("")
    ('https://example.org/a', None, None)
    """
    url = (url or "").strip()
    return url if re.match(r"https?://[^\s]+$", url, re.IGNORECASE) else None
