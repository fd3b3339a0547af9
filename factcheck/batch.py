"""Check many articles in parallel processes: one JSON result each, plus a summary table.

What the inputs mean (``expand_inputs``), in order:

* an ``http://`` or ``https://`` argument is one article URL;
* a directory contributes every ``.txt``, ``.md``, ``.markdown``, ``.html``, ``.htm``,
  ``.xhtml`` and ``.urls`` file under it (recursively, sorted; hidden files and the output
  folder skipped), each read by the rules below;
* a file named ``*.urls`` is a URL list: one URL per line, blank lines and ``#`` comments
  ignored;
* a ``.txt`` file (or a file with no extension) whose non-blank, non-``#`` lines are ALL
  http(s) URLs is also a URL list; a single prose line makes it an article;
* any other file is one article (text, Markdown or HTML, by extension or sniffing);
* a path that does not exist is reported as a failed article.

Each article becomes ``NNNN-<name>.json`` in the output folder (``factcheck.report.export.to_json``),
and ``summary.csv`` / ``summary.md`` list per article: figures, agree, conflict, no source,
not checkable and the error, if any. A bad article is reported and skipped; the batch goes on.

Workers are started by a fork server (spawn where there is none), so each opens its own
database engine and none inherits the parent's connections or threads; ``processes=1``
runs in this process instead.
"""

from __future__ import annotations

import csv
import multiprocessing
import re
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import TextIO, cast

from sqlalchemy.engine import Engine

from factcheck.errors import ConfigError, FactcheckError
from factcheck.read.htmltext import ARTICLE_SUFFIXES, is_url
from factcheck.settings import Settings

DEFAULT_PROCESSES: int = Settings().batch_processes  # FACTCHECK_BATCH_PROCESSES
URL_LIST_SUFFIXES: frozenset[str] = frozenset({".urls"})
URL_LIST_SNIFF_SUFFIXES: frozenset[str] = frozenset({".txt", ""})  # may be a URL list if every line is a URL
URL_LIST_MAX_BYTES = 10_000_000  # a bigger .txt is taken as an article, never read as a list
MAX_POOL_ROUNDS = 2  # pools tried for the whole batch before unfinished articles get a pool each
WORKER_DIED = "the worker process died while checking this article (out of memory, or a crash in a library)"
# forkserver: workers fork from a clean server process that imported PRELOAD once (about
# 2 s faster than spawn per pool), and inherit nothing from this process: no engine, no threads.
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
PRELOAD: tuple[str, ...] = ("factcheck.check", "factcheck.report.export", "factcheck.read.htmltext", "trafilatura", "htmldate", "charset_normalizer")
NAME_CHARS = 60  # longest slug in an output file name
SUMMARY_CSV = "summary.csv"
SUMMARY_MD = "summary.md"

_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class ArticleOutcome:
    """One row of the summary: what one article gave, or why it failed."""

    source: str
    output: str = ""  # the JSON file's name inside out_dir ("" when the article failed)
    title: str = ""
    figures: int = 0
    agree: int = 0
    conflict: int = 0
    no_source: int = 0
    not_checkable: int = 0
    error: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class BatchSummary:
    """The outcome of a batch: one row per article, where the files are, how long it took."""

    out_dir: Path
    rows: list[ArticleOutcome] = field(default_factory=list)
    seconds: float = 0.0
    processes: int = 1

    @property
    def articles(self) -> int:
        return len(self.rows)

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.error)

    @property
    def per_minute(self) -> float:
        """Articles checked per minute of wall time (failed ones included)."""
        return 60.0 * self.articles / self.seconds if self.seconds > 0 else 0.0

    def totals(self) -> dict[str, int]:
        """Figure and verdict counts over every article."""
        keys = ("figures", "agree", "conflict", "no_source", "not_checkable")
        return {k: sum(getattr(r, k) for r in self.rows) for k in keys}

    def headline(self) -> str:
        """One line: how many articles, how many failed, how fast, where the results are."""
        return (
            f"{self.articles} articles, {self.articles - self.errors} checked, {self.errors} failed, "
            f"in {self.seconds:.1f} s on {self.processes} process{'es' if self.processes > 1 else ''} "
            f"({self.per_minute:.0f} articles/min); results in {self.out_dir}"
        )

    def table(self) -> str:
        """The summary as a plain-text table for the terminal."""
        head = ("source", "figures", "agree", "conflict", "no source", "error")
        rows = [(_short(r.source, 48, keep_end=True), str(r.figures), str(r.agree), str(r.conflict), str(r.no_source), _short(r.error, 70)) for r in self.rows]
        widths = [max(len(x) for x in col) for col in zip(head, *rows)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in (head, *rows)]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines) + "\n\n" + self.headline() + "\n"

    def markdown(self) -> str:
        """The summary as a Markdown document (summary.md)."""
        out = ["# Batch check summary", "", self.headline(), ""]
        out.append("| # | article | figures | agree | conflict | no source | not checkable | result |")
        out.append("|---:|---|---:|---:|---:|---:|---:|---|")
        for i, r in enumerate(self.rows, 1):
            name = _md(r.title or r.source)
            where = f"[{name}]({r.output})" if r.output else name
            result = f"error: {_md(r.error)}" if r.error else "ok"
            out.append(f"| {i} | {where}<br>`{_md(r.source)}` | {r.figures} | {r.agree} | {r.conflict} | {r.no_source} | {r.not_checkable} | {result} |")
        t = self.totals()
        out.append(f"| | **total** | {t['figures']} | {t['agree']} | {t['conflict']} | {t['no_source']} | {t['not_checkable']} | {self.errors} failed |")
        return "\n".join(out) + "\n"

    def write(self) -> None:
        """Write summary.csv and summary.md into out_dir."""
        names = [f.name for f in fields(ArticleOutcome)]
        with (self.out_dir / SUMMARY_CSV).open("w", encoding="utf-8-sig", newline="") as f:  # a BOM: spreadsheets read UTF-8
            writer = csv.DictWriter(f, fieldnames=names)
            writer.writeheader()
            for r in self.rows:
                writer.writerow({**asdict(r), "seconds": f"{r.seconds:.3f}"})
        (self.out_dir / SUMMARY_MD).write_text(self.markdown(), encoding="utf-8")


def _short(s: str, n: int, *, keep_end: bool = False) -> str:
    """Cut ``s`` to ``n`` characters with an ellipsis (at the front for paths, to keep the name).

    >>> _short("/very/long/folder/article.txt", 14, keep_end=True)
    '…r/article.txt'
    """
    s = " ".join(s.split())
    if len(s) <= n:
        return s
    return "…" + s[len(s) - n + 1 :] if keep_end else s[: n - 1] + "…"


def _md(s: str) -> str:
    """Escape what would break a Markdown table cell."""
    return " ".join(s.split()).replace("|", "\\|")


# --- inputs ------------------------------------------------------------------------------------


def url_list(path: Path) -> list[str] | None:
    """The URLs in ``path`` if it is a URL list (see the module docstring), else None."""
    suffix = path.suffix.lower()
    if suffix not in URL_LIST_SUFFIXES and suffix not in URL_LIST_SNIFF_SUFFIXES:
        return None
    try:
        if suffix not in URL_LIST_SUFFIXES and path.stat().st_size > URL_LIST_MAX_BYTES:
            return None
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None  # the worker reports why it cannot be read
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    if suffix in URL_LIST_SUFFIXES:
        return lines
    return lines if lines and all(is_url(ln) for ln in lines) else None


def expand_inputs(inputs: list[str], *, skip: Path | None = None) -> list[str]:
    """Arguments → one source (path or URL) per article, in order, without repeats.

    Folders are walked without entering ``skip`` (the output folder, whose summary.md would
    otherwise be checked as an article on the next run).
    """
    skip = skip.resolve() if skip is not None else None
    out: list[str] = []
    for arg in inputs:
        if is_url(arg):
            out.append(arg.strip())
            continue
        path = Path(arg)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES | URL_LIST_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not (skip is not None and p.resolve().is_relative_to(skip))
            )  # fmt: skip
            for p in files:
                out.extend(url_list(p) or [str(p)])
            continue
        urls = url_list(path) if path.is_file() else None
        out.extend(urls if urls is not None else [arg])
    return list(dict.fromkeys(out))


def output_name(index: int, source: str) -> str:
    """The JSON file name for the ``index``-th article (unique, readable, filesystem-safe).

    >>> output_name(3, "https://news.example/2024/05/budget-vote?x=1")
    '0003-news.example-2024-05-budget-vote-x-1.json'
    >>> output_name(12, "/data/in/Mayor's speech.html")
    '0012-Mayor-s-speech.json'
    """
    if is_url(source):
        stem = re.sub(r"^https?://", "", source.strip(), flags=re.IGNORECASE)
    else:
        stem = Path(source).stem
    slug = _SLUG.sub("-", stem).strip("-.")[:NAME_CHARS].strip("-.") or "article"
    return f"{index:04d}-{slug}.json"


# --- workers --------------------------------------------------------------------------------------

_WORKER: dict[str, object] = {}
_WorkerArgs = tuple[str, str | None, date | None, bool]  # _init_worker's arguments


def _init_worker(out_dir: str, db: str | None, article_date: date | None, allow_private: bool) -> None:
    """Per process: remember the batch options and open this process's own engine."""
    from factcheck.check import check_article  # noqa: F401 - warm the imports once per worker
    from factcheck.store.db import get_engine

    _WORKER.update(out_dir=out_dir, db=db, article_date=article_date, allow_private=allow_private, engine=get_engine(db))


def _init_pool_worker(out_dir: str, db: str | None, article_date: date | None, allow_private: bool) -> None:
    """A pool worker ignores Ctrl-C: the parent cancels the queue and each worker ends its article.

    Without this, Ctrl-C also kills idle workers, the pool looks broken, and the retry path
    would start checking the rest of the batch again.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _init_worker(out_dir, db, article_date, allow_private)


def _check_one(index: int, source: str) -> ArticleOutcome:
    """Load, check and write one article; any failure becomes the row's error, never a raise."""
    from factcheck.check import check_article
    from factcheck.report.export import to_json
    from factcheck.read.load import load_article

    start = time.perf_counter()
    try:
        article = load_article(source, allow_private=bool(_WORKER["allow_private"]))
        given = _WORKER["article_date"]
        result = check_article(
            article.text,
            given if isinstance(given, date) else article.date,
            title=article.title,
            url=article.url,
            engine=cast(Engine, _WORKER["engine"]),  # this process's own, opened once
        )
        name = output_name(index, source)
        (Path(str(_WORKER["out_dir"])) / name).write_text(to_json(result) + "\n", encoding="utf-8")
    except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
        msg = str(e) if isinstance(e, FactcheckError) else f"{type(e).__name__}: {e}"
        return ArticleOutcome(source=source, error=msg or type(e).__name__, seconds=time.perf_counter() - start)
    c = result.counts()
    return ArticleOutcome(
        source=source,
        output=name,
        title=article.title,
        figures=len(result.figures),
        agree=c.get("agree", 0),
        conflict=c.get("conflict", 0),
        no_source=c.get("no_source", 0),
        not_checkable=c.get("not_checkable", 0),
        seconds=time.perf_counter() - start,
    )


# --- progress ------------------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on stderr (redrawn on a terminal, a line per 10% otherwise).

    Our own ~30 lines rather than tqdm: it is not a dependency yet and we need one bar.
    """

    WIDTH = 30

    def __init__(self, total: int, *, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.total, self.enabled = total, enabled
        self.stream = stream if stream is not None else sys.stderr
        self.done = self.errors = 0
        self.start = time.monotonic()
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_draw = 0.0
        self._step = max(1, total // 10)

    def update(self, ok: bool) -> None:
        self.done += 1
        self.errors += 0 if ok else 1
        if not self.enabled:
            return
        now = time.monotonic()
        if self._tty and (now - self._last_draw >= 0.1 or self.done == self.total):
            self._last_draw = now
            self.stream.write("\r" + self.line())
            self.stream.flush()
        elif not self._tty and (self.done % self._step == 0 or self.done == self.total):
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        """``checking  37/200 [######----]  18%  2 failed  41/min  ETA 3m58s``."""
        frac = self.done / self.total if self.total else 1.0
        filled = int(frac * self.WIDTH)
        elapsed = time.monotonic() - self.start
        rate = 60 * self.done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) * elapsed / self.done if self.done else 0.0
        return (
            f"checking {self.done:>{len(str(self.total))}}/{self.total} [{'#' * filled}{'-' * (self.WIDTH - filled)}] "
            f"{frac:4.0%}  {self.errors} failed  {rate:.0f}/min  ETA {int(eta // 60)}m{int(eta % 60):02d}s"
        )

    def close(self) -> None:
        if self.enabled and self._tty:
            self.stream.write("\n")
            self.stream.flush()


# --- the batch ------------------------------------------------------------------------------------


def run_batch(
    inputs: list[str],
    out_dir: Path,
    *,
    processes: int = DEFAULT_PROCESSES,
    db: str | None = None,
    article_date: date | None = None,
    allow_private: bool = False,
    progress: bool = True,
) -> BatchSummary:
    """Check every article the inputs name, ``processes`` at a time; write results and summaries."""
    if not isinstance(processes, int) or processes < 1:
        raise ConfigError("processes", processes, "a whole number of at least 1 (FACTCHECK_BATCH_PROCESSES, --processes)")
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise FactcheckError(f"cannot create the output folder {out_dir}: {e.strerror or e}") from None
    sources = expand_inputs(inputs, skip=out_dir)
    if not sources:
        raise FactcheckError("no articles to check: give .txt/.md/.html files, folders of them, URLs or *.urls lists")
    start = time.perf_counter()
    bar = Progress(len(sources), enabled=progress)
    rows: dict[int, ArticleOutcome] = {}
    args: _WorkerArgs = (str(out_dir), db, article_date, allow_private)
    workers = min(processes, len(sources))
    try:
        if workers == 1:
            _init_worker(*args)
            for i, src in enumerate(sources, 1):
                rows[i] = _check_one(i, src)
                bar.update(rows[i].ok)
        else:
            _run_pool(list(enumerate(sources, 1)), workers, args, rows, bar)
    finally:
        bar.close()
    summary = BatchSummary(out_dir=out_dir, rows=[rows[i] for i in sorted(rows)], seconds=time.perf_counter() - start, processes=workers)
    summary.write()
    return summary


def _run_pool(
    jobs: list[tuple[int, str]],
    workers: int,
    args: _WorkerArgs,
    rows: dict[int, ArticleOutcome],
    bar: Progress,
    task: Callable[[int, str], ArticleOutcome] = _check_one,
) -> None:
    """Run jobs in a process pool; if a worker dies, retry the unfinished ones in a fresh pool.

    ``task`` is ``_check_one``; tests pass a module-level stand-in that kills its worker.
    """
    ctx = multiprocessing.get_context(START_METHOD)
    if START_METHOD == "forkserver":
        ctx.set_forkserver_preload(list(PRELOAD))
    pending = jobs
    for round_ in range(1, MAX_POOL_ROUNDS + 2):
        isolate = round_ > MAX_POOL_ROUNDS  # last resort: one pool per article finds the culprit
        groups = [[job] for job in pending] if isolate else [pending]
        broken: list[tuple[int, str]] = []
        for group in groups:
            n = 1 if isolate else workers
            pool = ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_pool_worker, initargs=args)
            futures: dict[Future[ArticleOutcome], tuple[int, str]] = {}
            try:
                for i, src in group:
                    futures[pool.submit(task, i, src)] = (i, src)
                for fut in as_completed(futures):
                    i, src = futures[fut]
                    try:
                        rows[i] = fut.result()
                    except BrokenProcessPool:
                        if not isolate:
                            broken.append((i, src))
                            continue
                        rows[i] = ArticleOutcome(source=src, error=WORKER_DIED)
                    except Exception as e:  # noqa: BLE001 - e.g. a result that cannot be pickled
                        rows[i] = ArticleOutcome(source=src, error=f"{type(e).__name__}: {e}")
                    bar.update(rows[i].ok)
            except BaseException:  # Ctrl-C: drop the queued articles instead of checking them all first
                for fut in futures:  # cancel each one: once the pool object is collected, the
                    fut.cancel()  # executor's own cancel_futures flag is no longer seen at exit
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown(wait=True)
        if not broken:
            return
        pending = sorted(broken)
