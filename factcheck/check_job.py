"""A long article's check finished in the background: its parts run in worker processes, the whole is saved.

The caller checks and saves the first part itself (``parts.check_in_parts`` cuts the article),
so the checker sees verdicts at once; ``CheckJob`` then sends the other parts to a pool of
worker processes (both cores of a small server, where one Python thread has only one), joins
their checks in article order as they come back, and stores the whole check over the partial
one (``store.reviews.recheck``: the checker's reviews are kept). The app asks it how far it
got (``progress``) while the checker already works on the first part's figures.

The pool is one per process and outlives its jobs: its workers fork from a server that has
imported the checker, and each warms the extractor once. When the pool cannot be had (no
process support) or breaks (a worker killed), the job runs its remaining parts in a thread.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from itertools import count
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial

from factcheck.check import StoreView, check_span, store_view
from factcheck.extract import parse
from factcheck.figures import CheckResult, Claim, FigureCheck
from factcheck import parts
from factcheck.parts import joined, part_bounds
from factcheck.read.guards import guard_text
from factcheck.settings import load_settings
from factcheck.store.db import get_engine
from factcheck.store.reviews import recheck, save_check

log = logging.getLogger(__name__)

_TOKENS = count(1)
WORKERS = max(1, min(2, os.cpu_count() or 1))
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
PRELOAD = ("factcheck.check", "factcheck.check_job")


@dataclass(frozen=True)
class Progress:
    """How far a job got: parts and characters checked, and how it ended (``error`` is for the checker)."""

    parts_done: int
    parts: int
    checked_chars: int
    chars: int
    finished: bool
    error: str = ""
    version: int | None = None  # the saved check's version once the whole check is stored
    seconds: float = 0.0  # from the job's start until every part was in (or until now)

    @property
    def whole(self) -> bool:
        """Every part is checked (``result()`` is the whole check), though perhaps not yet stored."""
        return self.checked_chars == self.chars and not self.error


class CheckJob:
    """The rest of one saved check, part by part; ``start`` sends it off, ``progress`` and ``result`` report."""

    def __init__(self, db: str, check_id: int, partial: CheckResult, *, corrected: dict[str, Claim] | None = None,
                 part_chars: int | None = None) -> None:
        """Continue ``partial`` (the saved check ``check_id`` in the store at ``db``) from where it stops."""
        if partial.checked_chars is None:
            raise ValueError("this check is already whole: there is nothing left to check")
        self.db, self.check_id, self.corrected = db, check_id, corrected
        self.parsed = parse.article_parsable(len(partial.text))  # decided here, for every worker alike
        self.token = next(_TOKENS)  # a worker's store view is this job's, never an earlier job's on the same text
        start, size = partial.checked_chars, part_chars or parts.PART_CHARS
        self.spans = [(a + start, b + start) for a, b in part_bounds(partial.text[start:], first=size, size=size)]
        self._done_before = _parts_before(partial)
        self._result = partial
        self._arrived: dict[int, list[FigureCheck]] = {}
        self._next = 0
        self._error = ""
        self._version: int | None = None
        self._finished = threading.Event()
        self._lock = threading.Lock()
        self._started = time.perf_counter()
        self._joined_at: float | None = None

    # --- running ---------------------------------------------------------------------------------

    def start(self) -> CheckJob:
        """Send every remaining part off (to the pool, or to one thread when there is none); returns at once."""
        pool = shared_pool()
        if pool is None:
            threading.Thread(target=self._run_here, daemon=True).start()
            return self
        args = (self.db, self.token, self._result.text, self._result.date, self.corrected, self.parsed)
        try:
            for i, span in enumerate(self.spans):
                pool.submit(check_part_task, *args, span).add_done_callback(partial(self._arrive, i))
        except RuntimeError as exc:  # a pool shut down or broken since it was made
            log.warning("no worker pool (%r): the rest of check %d runs in a thread", exc, self.check_id)
            reset_pool()
            threading.Thread(target=self._run_here, daemon=True).start()
        return self

    def _run_here(self) -> None:
        """The remaining parts one after another in this process (no pool)."""
        try:
            view = store_view(self._result.text, get_engine(self.db))
            for i, span in enumerate(self.spans):
                self._take(i, check_span(self._result.text, view, span, self._result.date, self.corrected, self.parsed))
        except Exception as exc:  # noqa: BLE001 - reported to the checker, never raised into a server thread
            self._fail(exc)

    def _arrive(self, i: int, future: Future[list[FigureCheck]]) -> None:
        """A worker's part came back (or failed)."""
        exc = future.exception()
        if exc is not None:
            if not self._finished.is_set():
                reset_pool()  # a broken pool is of no use to the next job either
            self._fail(exc)
            return
        self._take(i, future.result())

    def _take(self, i: int, checks: list[FigureCheck]) -> None:
        """Keep a part's checks and join every part that now follows the checked text without a gap."""
        with self._lock:
            if self._finished.is_set():
                return
            self._arrived[i] = checks
            while self._next in self._arrived:
                self._result = joined(self._result, self._arrived.pop(self._next), self.spans[self._next][1])
                self._next += 1
            whole = self._next == len(self.spans)
            if whole:
                self._joined_at = time.perf_counter()
        if whole:  # not on the pool's own thread: storing a long article's check takes a second or two
            threading.Thread(target=self._finish, daemon=True).start()

    def _finish(self) -> None:
        """Store the whole check over the partial one (reviews kept) and say so.

        A worker writes it when there is a pool: turning a long article's check into its JSON
        holds this process's interpreter for a second or two, while the app draws the page.
        """
        try:
            pool = shared_pool()
            if pool is None:
                self._version = save_task(self.db, self.check_id, self._result)
            else:
                self._version = pool.submit(save_task, self.db, self.check_id, self._result).result()
        except Exception as exc:  # noqa: BLE001
            self._fail(exc)
            return
        self._finished.set()

    def _fail(self, exc: BaseException) -> None:
        """Stop the job with a reason a checker can read; the partial check stays saved as it was."""
        with self._lock:
            if self._finished.is_set():
                return
            self._error = f"the rest of the article could not be checked ({type(exc).__name__}: {exc})"
            self._finished.set()
        log.warning("check %d stopped: %r", self.check_id, exc)

    # --- reporting -------------------------------------------------------------------------------

    def progress(self) -> Progress:
        """Parts and characters checked so far, and whether (and how) the job ended."""
        with self._lock:
            result, nxt, joined_at = self._result, self._next, self._joined_at
        return Progress(
            parts_done=self._done_before + nxt, parts=self._done_before + len(self.spans),
            checked_chars=len(result.text) if result.checked_chars is None else result.checked_chars,
            chars=len(result.text), finished=self._finished.is_set(), error=self._error, version=self._version,
            seconds=(joined_at or time.perf_counter()) - self._started,
        )

    def result(self) -> CheckResult:
        """The check as far as it got: whole once ``progress().finished`` without an error."""
        with self._lock:
            return self._result

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (for scripts and tests); whether it did within ``timeout``."""
        return self._finished.wait(timeout)


def check_in_background(
    db: str, text: str, article_date: date | None, *, title: str = "", url: str = "", created_by: str = "",
    corrected: dict[str, Claim] | None = None, first: int | None = None, part_chars: int | None = None,
) -> tuple[int, CheckResult, CheckJob | None]:
    """Check a long article's first part, save it as a new check and start the job that does the rest.

    Returns the check's id, the first part's result (saved, ``checked_chars`` set) and the job;
    the job is None when the first part was the whole article.
    Raises what ``check_article`` raises for text it refuses, before anything is saved.
    """
    text = guard_text(text, load_settings())
    engine = get_engine(db)
    first, part_chars = first or parts.FIRST_PART_CHARS, part_chars or parts.PART_CHARS
    bounds = part_bounds(text, first, part_chars)
    view = store_view(text, engine)
    end = bounds[0][1] if bounds else 0
    first_checks = check_span(text, view, (0, end), article_date, corrected) if bounds else []
    partial = CheckResult(text=text, title=title, date=article_date, url=url, figures=tuple(first_checks),
                          checked_chars=end if end < len(text) else None)
    check_id = save_check(engine, partial, created_by=created_by)
    if partial.complete:
        return check_id, partial, None
    return check_id, partial, CheckJob(db, check_id, partial, corrected=corrected, part_chars=part_chars).start()


def _parts_before(partial: CheckResult) -> int:
    """How many parts the partial check holds: one for a first part, as the app shows it."""
    return 1 if partial.checked_chars else 0


# --- the worker side ------------------------------------------------------------------------------


def check_part_task(db: str, token: int, text: str, article_date: date | None, corrected: dict[str, Claim] | None,
                    parsed: bool, span: tuple[int, int]) -> list[FigureCheck]:
    """In a worker: one part's checks (``check.check_span``), against the store as the job's first part found it."""
    return check_span(text, _view(db, token, text), span, article_date, corrected, parsed)


def save_task(db: str, check_id: int, result: CheckResult) -> int:
    """Store a whole check over the saved partial one (``store.reviews.recheck``); the new version."""
    return recheck(get_engine(db), check_id, result)


@lru_cache(maxsize=2)
def _view(db: str, token: int, text: str) -> StoreView:
    """The job's store view, read once per worker for all the parts of the job it gets."""
    return store_view(text, get_engine(db))


def _init_worker() -> None:
    """A worker ignores Ctrl-C (the server stops it) and warms the extractor before its first part."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from factcheck.extract.reader import extract_figures

    extract_figures("Some 8,000 troops marched in 2023, up from 11,000 last year.", parse=False)


_POOL: list[Executor | None] = []
_POOL_LOCK = threading.Lock()


def shared_pool() -> Executor | None:
    """This process's worker pool, made on first use; None where processes cannot be started."""
    with _POOL_LOCK:
        if not _POOL:
            try:
                ctx = multiprocessing.get_context(START_METHOD)
                if START_METHOD == "forkserver":
                    ctx.set_forkserver_preload(list(PRELOAD))
                _POOL.append(ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx, initializer=_init_worker))
            except (OSError, ValueError, NotImplementedError) as exc:
                log.warning("no worker processes (%r): long articles are finished in a thread", exc)
                _POOL.append(None)
        return _POOL[0]


def reset_pool() -> None:
    """Drop a broken pool; the next job makes a new one."""
    with _POOL_LOCK:
        if _POOL and _POOL[0] is not None:
            _POOL[0].shutdown(wait=False, cancel_futures=True)
        _POOL.clear()


def warm_pool() -> None:
    """Start the pool's workers now (each warms its extractor), so the first long article does not wait for them."""
    pool = shared_pool()
    if pool is not None:
        for _ in range(WORKERS):
            pool.submit(_init_worker)


__all__ = ["CheckJob", "check_in_background", "Progress", "WORKERS", "check_part_task", "reset_pool", "shared_pool", "warm_pool"]
