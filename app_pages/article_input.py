"""The article form: paste, upload or fetch an article, set its title and date, press Check.

A refused upload or fetch is said beside the widget that caused it, in the tab the checker
is on, and the tab stays chosen (it is keyed, so a rerun never resets it to "Paste text").
A new upload or fetch replaces the old message; a loaded article moves to "Paste text",
where the checker can trim it before checking.
"""

from __future__ import annotations

import time

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from app_pages import common as c
from app_pages import long_check
from app_pages.feedback import flash, in_plain_words, store_write_failed
from factcheck.errors import FactcheckError, InputTooLargeError
from factcheck.figures import Article
from factcheck.parts import in_parts
from factcheck.read.htmltext import BYTES_PER_CHAR, article_from_bytes, is_url, text_to_article
from factcheck.settings import load_settings
from factcheck.store.reviews import save_check

PASTE, UPLOAD, FETCH = TABS = ("Paste text", "Upload a file", "Fetch a URL")
TAB_KEY = "input_tab"
ANOTHER_KEY = "another_article"  # the "Check another article" expander under an open check
UPLOAD_ERROR, FETCH_ERROR = "upload_error", "fetch_error"
NO_TEXT = "{what} holds no article text, so the article box was left as it was."
TOO_BIG = "{what} was not loaded, and the article box was left as it was: {why}"
NOT_A_URL = "Type a web address starting with http:// or https://."


def init_state() -> None:
    """The form's session keys, before any widget reads them."""
    for key, value in (("article_text", ""), ("article_title", ""), ("article_date", None), ("article_url", ""),
                       ("fetch_url", ""), (TAB_KEY, PASTE), (UPLOAD_ERROR, ""), (FETCH_ERROR, "")):
        st.session_state.setdefault(key, value)  # fmt: skip


def _loaded(art: Article, title: str, url: str) -> None:
    """Put a loaded article in the form and show it in the paste box."""
    st.session_state["article_text"] = art.text
    st.session_state["article_title"] = title
    if art.date is not None or url:
        st.session_state["article_date"] = art.date
    st.session_state["article_url"] = url
    st.session_state[TAB_KEY] = PASTE


def on_upload() -> None:
    """Put an uploaded .txt/.md/.html file into the article box, with its title and date if found."""
    st.session_state[UPLOAD_ERROR] = ""  # a new file: the old file's error no longer applies
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
        st.session_state[UPLOAD_ERROR] = TOO_BIG.format(what=up.name, why=in_plain_words(err))
        return
    except FactcheckError as err:
        st.session_state[UPLOAD_ERROR] = f"Could not read {up.name}: {in_plain_words(err)}"
        return
    if not art.text.strip():
        st.session_state[UPLOAD_ERROR] = NO_TEXT.format(what=up.name)
        return
    name = up.name.rsplit(".", 1)[0].replace("_", " ").replace("-", " ")
    _loaded(art, art.title or name, "")


def on_fetch() -> None:
    """Fetch the URL into the article box, with its title and date, or say why not."""
    st.session_state[FETCH_ERROR] = ""
    url = st.session_state["fetch_url"].strip()
    if not url:
        st.session_state[FETCH_ERROR] = "Type the article's address first."
        return
    if not is_url(url):  # and never a path: the server's own files are not articles
        st.session_state[FETCH_ERROR] = NOT_A_URL
        return
    from factcheck.read.fetch import fetch

    limit = load_settings().max_article_chars
    try:
        art = fetch(url)
        if len(art.text) > limit:
            raise InputTooLargeError(len(art.text), limit)
    except InputTooLargeError as err:
        st.session_state[FETCH_ERROR] = TOO_BIG.format(what=url, why=in_plain_words(err))
        return
    except FactcheckError as err:
        st.session_state[FETCH_ERROR] = f"Could not fetch the article: {in_plain_words(err, url)}"
        return
    if not art.text.strip():
        st.session_state[FETCH_ERROR] = NO_TEXT.format(what=url)
        return
    _loaded(art, art.title, art.url or url)


def _from_pasted_text(text: str) -> Article | None:
    """Title (a headline first line) and date (a byline or a dated dateline) read from pasted text, as the CLI does."""
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
            flash("info", f"Article date {found.isoformat()} taken from the byline or dateline; change it above if it is wrong.")
    started = time.perf_counter()
    args = (text, st.session_state["article_date"], st.session_state["article_title"].strip(),
            st.session_state["article_url"].strip())
    try:
        if in_parts(text):  # a long article: its first part now, the rest in the background (long_check)
            check_id, result = long_check.start(*args)
        else:
            result = c.check_now(*args)
            check_id = save_check(c.engine(), result, created_by=c.checker())
    except FactcheckError as err:
        flash("error", in_plain_words(err))
        return
    except SQLAlchemyError as err:
        flash("error", store_write_failed(err))
        return
    st.session_state["check_seconds"] = (check_id, time.perf_counter() - started)
    st.session_state[ANOTHER_KEY] = False  # fold the form away: drawn, its paste box would upload the article on every rerun
    c.open_saved_now(check_id, result)


def on_new() -> None:
    """Close the open check and go back to an empty article box."""
    c.set_open_check(None)
    for k in ("article_text", "article_title", "article_url", "fetch_url", UPLOAD_ERROR, FETCH_ERROR):
        st.session_state[k] = ""
    st.session_state["article_date"] = None
    st.session_state[TAB_KEY] = PASTE


def input_form(expanded: bool) -> None:
    """The form, open when no check is; beside an open check it is drawn only when the checker opens it.

    Every widget drawn sends its value back on every rerun: a 1 MB article left in the paste
    box under an open check made each filter change upload the whole article again.
    """
    if expanded:
        with st.expander("Article to check", expanded=True):
            _form()
        return
    another = st.expander("Check another article", key=ANOTHER_KEY, on_change="rerun")
    with another:
        if another.open:
            _form()


def _form() -> None:
    """Paste / upload / URL, then title, date and the Check button."""
    paste, upload, by_url = st.tabs(list(TABS), key=TAB_KEY, on_change="rerun")
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
        if st.session_state[UPLOAD_ERROR]:
            st.error(st.session_state[UPLOAD_ERROR], icon=":material/block:")
    with by_url:
        st.text_input("Article URL", key="fetch_url", placeholder="https://…")
        st.button("Fetch", on_click=on_fetch, help="Loads the page's text, title and date into the form.")
        if st.session_state[FETCH_ERROR]:
            st.error(st.session_state[FETCH_ERROR], icon=":material/block:")
    left, mid, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    left.text_input("Title", key="article_title", placeholder="Headline (optional)")
    mid.date_input(
        "Article date", key="article_date", format="YYYY-MM-DD",
        help="“Last year” and “this year” are read against this date.",
    )
    right.button("Check", type="primary", on_click=on_check, width="stretch")
