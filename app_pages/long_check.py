"""A long article on the Check page: its first part's verdicts at once, the rest checked while the checker works.

An article over the length the parse reads (``factcheck.parts.in_parts``) is checked a part at a
time: the Check button checks and saves the first part and hands the rest to a background job
(``factcheck.check_job``), kept per server by check id so a reload or a second tab finds it.
A small fragment polls the job and redraws the page once the whole article is checked. A check
left partial by a server restart says so and offers to check the rest.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from app_pages import common as c
from app_pages.feedback import flash, store_write_failed
from factcheck.check_job import CheckJob, Progress, check_in_background, warm_pool
from factcheck.figures import CheckResult
from factcheck.store.db import db_url
from factcheck.store.reviews import SavedCheck, load_reviews, recheck

POLL = timedelta(seconds=0.5)
KEEP_FINISHED = 4  # finished jobs kept for tabs that have not yet shown their end
WAIT_FOR_WHOLE = "Wait until the whole article is checked: {what} re-checks every figure."


@st.cache_resource(show_spinner=False)
def jobs() -> dict[tuple[str, int], CheckJob]:
    """The server's running and finished jobs, by store and saved check id."""
    return {}


@st.cache_resource(show_spinner=False)
def workers_ready() -> bool:
    """Start the worker processes once per server, while the first page loads (each warms its extractor)."""
    warm_pool()
    return True


def start(text: str, article_date: object, title: str, url: str) -> tuple[int, CheckResult]:
    """Check and save the first part, start the job for the rest; the saved check's id and first result."""
    check_id, first, job = check_in_background(
        db_url(), text, article_date, title=title, url=url, created_by=c.checker()  # type: ignore[arg-type]
    )
    if job is not None:
        keep(check_id, job)
    return check_id, first


def keep(check_id: int, job: CheckJob) -> None:
    """Remember a job; only the last few finished ones are kept (each holds its article's whole check)."""
    held = jobs()
    finished = [k for k, j in held.items() if j.progress().finished]
    for k in finished[: max(0, len(finished) - KEEP_FINISHED + 1)]:
        held.pop(k, None)
    held[(db_url(), check_id)] = job


def running(saved: SavedCheck) -> CheckJob | None:
    """This check's job on this server while it is not over: the page shows its progress, or that it is saving."""
    job = jobs().get((db_url(), saved.id))
    if job is None or (saved.result.complete and _adopted_end(saved, job)):
        return None
    return job


def _adopted_end(saved: SavedCheck, job: CheckJob) -> bool:
    """Whether this tab already shows the stored end of the job (its version is the one the job wrote, or later)."""
    p = job.progress()
    return p.finished and (p.error != "" or saved.version >= (p.version or 0))


def check_the_rest(saved: SavedCheck) -> None:
    """Start a job for a partial check that has none (the server that ran it was restarted, or it failed).

    A tab that already shows the whole check (its store write failed) writes it again instead.
    """
    if saved.result.complete:
        try:
            recheck(c.engine(), saved.id, saved.result)
        except SQLAlchemyError as err:
            flash("error", store_write_failed(err))
            return
        jobs().pop((db_url(), saved.id), None)
        c.set_open_check(saved.id)
        return
    corrected = {k: r.claim for k, r in saved.reviews.items() if r.claim is not None}
    keep(saved.id, CheckJob(db_url(), saved.id, saved.result, corrected=corrected or None).start())


def partial_notice(saved: SavedCheck) -> None:
    """Above a partial check: how far it got, live while its job runs, or a way to finish it."""
    job = running(saved)
    if saved.result.complete and job is None:
        return
    if job is None:
        done = saved.result.checked_chars or 0
        st.warning(
            f"Only the first {done:,} of {len(saved.result.text):,} characters of this article were checked: "
            "the check was interrupted (the app was restarted). Its figures and your reviews so far are saved.",
            icon=":material/hourglass_disabled:",
        )
        st.button("Check the rest of the article", on_click=check_the_rest, args=(saved,), type="primary")
        return
    _progress(saved.id)


@st.fragment(run_every=POLL)
def _progress(check_id: int) -> None:
    """The job's progress bar; when it ends, the whole check replaces the partial one on the page."""
    job = jobs().get((db_url(), check_id))
    saved: SavedCheck | None = st.session_state.get("saved")
    if job is None or saved is None or saved.id != check_id:
        return
    p = job.progress()
    if p.error:
        st.error(f"The check stopped: {p.error}. The part checked so far is saved.", icon=":material/error:")
        st.button("Check the rest of the article", on_click=check_the_rest, args=(saved,), key="retry_rest")
        return
    if p.whole and not saved.result.complete:  # shown now; it is stored while the checker reads it
        adopt(saved, job.result(), p)
        timed_id, first = st.session_state.get("check_seconds", (None, 0.0))
        if timed_id == check_id:
            st.session_state["check_seconds"] = (check_id, first + p.seconds)
            st.session_state["first_part_seconds"] = (check_id, first)
        st.rerun(scope="app")
    if p.finished:  # stored: edits are now made against the version the store wrote, which the caption shows
        adopt(saved, saved.result, p)
        st.rerun(scope="app")
    if not p.whole:
        st.progress(p.checked_chars / p.chars if p.chars else 1.0, text=progress_text(p))
    else:
        st.caption("The whole article is checked; saving it …")


def progress_text(p: Progress) -> str:
    """How far the job got, in characters (the article view's "Part 1 of 50" are other parts: of the display).

    >>> progress_text(Progress(3, 10, 270_514, 1_000_120, False))
    'Checking the rest of the article: 270,514 of 1,000,120 characters checked. You can review the figures already shown.'
    """
    return (f"Checking the rest of the article: {p.checked_chars:,} of {p.chars:,} characters checked. "
            "You can review the figures already shown.")


def adopt(saved: SavedCheck, result: CheckResult, p: Progress) -> None:
    """Show the whole check the job stored, with the reviews saved meanwhile, at the version it wrote."""
    eng = c.engine()
    reviews, version = load_reviews(eng, saved.id), c.saved_version(eng, saved.id)  # reviews saved meanwhile count
    st.session_state["saved"] = SavedCheck(
        id=saved.id, result=result, reviews=reviews, version=version or p.version or saved.version,
        created_by=saved.created_by, created_at=saved.created_at, updated_at=saved.updated_at,
    )


def wait_message(what: str) -> str:
    """Why a re-check is refused while the article is still being checked."""
    return WAIT_FOR_WHOLE.format(what=what)


__all__ = ["adopt", "jobs", "partial_notice", "running", "start", "wait_message", "workers_ready"]
