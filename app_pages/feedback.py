"""What the app tells a checker: messages queued for the next run, and refusals in a checker's words.

Callbacks run before the page is drawn, so what they have to say is queued in session state
and shown once at the top of the next run (toasts for a saved edit, boxes for the rest).
Errors raised by the library speak to whoever runs the server (environment variables,
command-line flags); ``in_plain_words`` keeps what a checker can act on.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from factcheck.errors import BlockedAddressError, FactcheckError

FLASH_KEY = "flash"
KINDS = ("error", "warning", "info", "success", "toast")
PRIVATE_ADDRESS = (
    "{host} is a private or local address (this computer or its own network), and the app refuses to fetch "
    "such addresses for safety. Save the page from your browser and upload the file instead."
)
STORE_WRITE_FAILED = (
    "Nothing was saved: the store could not be written ({why}). Try again; if it keeps failing, "
    "tell whoever runs the app (the store may be read-only, locked by a long import, or offline)."
)
# an operator's knob named in a message: "raise FACTCHECK_X to …", "--allow-private", "allow_private=True"
_KNOB = re.compile(r"FACTCHECK_[A-Z_]+|--[a-z][a-z-]+|\ballow_private\b")
_SETTING = re.compile(r"\b(?:fetch|max)_[a-z_]+=")  # "fetch_read_timeout=20 s" → "20 s"
_REFUSED_HOST = re.compile(r"refused to fetch from (\S+) \(")  # the hop refused, which may be a redirect's


def flash(kind: str, message: str) -> None:
    """Queue a message for the next run: "error", "warning", "info", "success" or "toast" (a saved edit)."""
    assert kind in KINDS, kind
    st.session_state.setdefault(FLASH_KEY, []).append((kind, message))


def show_flashed() -> None:
    """Show the queued messages once, then forget them.

    They go into a container that every run draws, even empty, so a message never shifts the
    widgets below it: a shifted widget is a new one to the browser, which would reset the
    article form's tab to "Paste text".
    """
    box = st.container()
    for kind, message in st.session_state.get(FLASH_KEY, []):
        if kind == "toast":
            st.toast(message, icon=":material/check_circle:")
        else:
            getattr(box, kind)(message)
    st.session_state[FLASH_KEY] = []


def first_line(err: SQLAlchemyError) -> str:
    """The database's own words for a failed write, without SQLAlchemy's SQL dump."""
    return str(getattr(err, "orig", None) or err).splitlines()[0]


def store_write_failed(err: SQLAlchemyError) -> str:
    """Why nothing was saved when the store refused a write, and what to do."""
    return STORE_WRITE_FAILED.format(why=first_line(err))


def saved(version: int, what: str) -> str:
    """The confirmation of a saved edit: "Saved · version 7: #3 marked done".

    >>> saved(7, "#3 marked done")
    'Saved · version 7: #3 marked done'
    """
    return f"Saved · version {version}: {what}"


def in_plain_words(err: FactcheckError | str, url: str = "") -> str:
    """A library error as a checker reads it: no environment variables, flags or setting names.

    A refused private address says so and why; elsewhere a clause that only tells an operator
    which knob to turn is dropped, and "fetch_read_timeout=20 s" becomes "20 s".

    >>> in_plain_words("the article has 14,725 numbers, over the limit of 10,000; split it or raise FACTCHECK_MAX_ARTICLE_NUMBERS")
    'the article has 14,725 numbers, over the limit of 10,000; split it'
    >>> in_plain_words("a.org took longer than fetch_read_timeout=20 s in total; raise FACTCHECK_FETCH_READ_TIMEOUT to wait longer")
    'a.org took longer than 20 s in total'
    >>> in_plain_words("could not connect to a.org within fetch_connect_timeout=10 s; raise FACTCHECK_FETCH_CONNECT_TIMEOUT or try later")
    'could not connect to a.org within 10 s; try later'
    """
    if isinstance(err, BlockedAddressError):
        hop = _REFUSED_HOST.search(str(err))
        host = hop.group(1) if hop else (urlsplit(url).hostname if url else None)
        return PRIVATE_ADDRESS.format(host=host or "The address")
    text = str(err)
    text = re.sub(r"\s*\bor raise FACTCHECK_[A-Z_]+", "", text)
    text = re.sub(r"\braise FACTCHECK_[A-Z_]+ or ", "", text)
    clauses = re.split(r"(?<=[;.])\s+", text)
    kept = [c for c in clauses if not _KNOB.search(c)] or clauses[:1]
    text = " ".join(kept).rstrip(" ;")
    return _SETTING.sub("", text)
