"""Thin command-line commands; each calls the library and turns its errors into one line.

    factcheck check article.txt --date 2023-05-09 [--format table|json|md|csv|claimreview] [-o FILE]
    factcheck check a.txt b.html urls.txt --out results/     (many articles, in parallel)
    factcheck extract article.txt --format json               ("-" reads standard input)
    factcheck lookup "parade troops" --year 2020
    factcheck import reference_data/
    factcheck import shared/data/open/population              (a Data Package, or a World Bank wide CSV)
    factcheck import worldbank SP.POP.TOTL NY.GDP.MKTP.CD      (the World Bank API)
    factcheck export-data out_dir/
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import FactcheckError
from factcheck.settings import load_settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.engine import Engine

    from factcheck.figures import Article
    from factcheck.store.importer import ImportReport
    from factcheck.store.opendata.common import OpenData

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130
YEARS = (1000, 2999)  # NOTE: keep in sync with importer._year, the years a reference may have
PROGRESS_MIN_ROWS = 100_000  # smaller imports take a second or two: no progress line
EXPORT_FILES = ("sources.csv", "metrics.csv", "observations.csv", "entities.csv")
OUTPUT_IS_INPUT = "-o {output} is the article being checked; writing there would overwrite it: choose another file"
OUTPUT_IS_FOLDER = "-o {output} is a folder; give a file name in it (e.g. {output}/check.json)"
OUTPUT_NO_FOLDER = "cannot write {output}: the folder {folder} does not exist; create it first or choose another -o"
CANNOT_WRITE = "cannot write {output} ({why}); choose a place you may write to"
EXPORT_EXISTS = (
    "{path} already exists; export-data does not overwrite reference files (edits not yet imported would be lost): "
    "choose an empty or new folder, or add --force to replace them"
)
EXPORT_NOT_FOLDER = "{path} is a file, not a folder; give a folder for sources.csv, metrics.csv and observations.csv"
STORE_FAILED = "the store at {where} could not be used ({why}); nothing was changed. Check that the file or server is writable and try again"
TOO_MANY_PROCESSES = "warning: {asked} processes asked for, but this machine has {cores} cores; using {cores}"
INTERRUPTED_IMPORT = "interrupted (Ctrl-C): the import is all or nothing, so the store is as it was before"
INTERRUPTED_BATCH = "interrupted (Ctrl-C): only the results already in {out} were written; run it again to finish"
INTERRUPTED = "interrupted (Ctrl-C); nothing was written"
NO_DATE_WARNING = (
    "warning: the article has no date (none given with --date, none found in it): 'last year', "
    "'this year' and figures with no year may be judged against the wrong year"
)


def _date(s: str) -> date:
    """argparse type for --date: an ISO date."""
    try:
        d = date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {s!r} (use YYYY-MM-DD, e.g. 2023-05-09)") from None
    if not YEARS[0] <= d.year <= YEARS[1]:
        raise argparse.ArgumentTypeError(f"not an article date: {s!r} (the year must be {YEARS[0]}–{YEARS[1]})")
    return d


def _positive_int(s: str) -> int:
    """argparse type for --processes and --limit: a whole number of at least 1."""
    try:
        n = int(s)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{s!r} is not a whole number of at least 1")
    return n


def _year(s: str) -> int:
    """argparse type for --year: a four-digit year, as reference figures have.

    >>> _year("2020")
    2020
    """
    if not s.strip().isdigit() or not YEARS[0] <= int(s) <= YEARS[1]:
        raise argparse.ArgumentTypeError(f"not a year: {s!r} (use the four-digit year, e.g. 2020)")
    return int(s)


def _given(s: str) -> str:
    """argparse type for paths, URLs and --db: an empty string would silently mean the current folder or the default store.

    >>> _given("a.txt")
    'a.txt'
    """
    if not s.strip():
        raise argparse.ArgumentTypeError("is empty; give a file, folder or address")
    return s


def _words(s: str) -> str:
    """argparse type for lookup's query: some words, not an empty string."""
    if not s.strip():
        raise argparse.ArgumentTypeError('give some words naming what is counted, e.g. "parade troops"')
    return s


def _check_output(output: str | None, inputs: Sequence[str] = ()) -> None:
    """Refuse an -o that cannot be written, before the work is done (and never overwrite an input)."""
    if not output:
        return
    path = Path(output)
    if path.is_dir():
        raise FactcheckError(OUTPUT_IS_FOLDER.format(output=output.rstrip("/")))
    for source in inputs:
        if source != "-" and path.exists() and Path(source).exists() and path.samefile(source):
            raise FactcheckError(OUTPUT_IS_INPUT.format(output=output))
    folder = path.parent
    if not folder.is_dir():
        raise FactcheckError(OUTPUT_NO_FOLDER.format(output=output, folder=folder))
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise FactcheckError(CANNOT_WRITE.format(output=output, why="permission denied"))


def _write(text: str, output: str | None, encoding: str = "utf-8") -> None:
    """Print ``text`` or write it to ``output`` (UTF-8; ``utf-8-sig`` puts the byte-order mark a spreadsheet needs)."""
    if output:
        try:
            Path(output).write_text(text, encoding=encoding)
        except OSError as exc:
            raise FactcheckError(CANNOT_WRITE.format(output=output, why=exc.strerror or exc)) from None
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def _read_article(source: str, allow_private: bool) -> Article:
    """The article at ``source`` (``load_article`` refuses an empty one and a closed standard input)."""
    from factcheck.read.load import load_article

    return load_article(source, allow_private=allow_private)


def _store(args: argparse.Namespace, *, create: bool = False) -> Engine:
    """The store named by --db / FACTCHECK_DB; it must exist (and hold figures) unless ``create``."""
    from factcheck.store.db import open_store, require_reference_data

    engine = open_store(args.db, create=create)
    if not create:
        require_reference_data(engine)
    return engine


def cmd_check(args: argparse.Namespace) -> int:
    """Check one article (file, URL or -) and print its figures with verdicts; many with --out.

    With several inputs, a folder or a file of URLs, --out DIR gets one JSON result per article
    and a summary; a bad article is reported and skipped, and the exit code is then 1.
    """
    if args.out or len(args.inputs) > 1 or Path(args.inputs[0]).is_dir():
        from factcheck.batch import run_batch

        if not args.out:
            raise FactcheckError("checking several articles or a folder needs --out DIR for the results")
        _store(args)
        processes = args.processes or load_settings().batch_processes
        cores = os.cpu_count() or 1
        if processes > cores:  # each process loads the whole extractor: more than the cores only costs memory
            print(TOO_MANY_PROCESSES.format(asked=processes, cores=cores), file=sys.stderr)
            processes = cores
        summary = run_batch(
            args.inputs, Path(args.out), processes=processes,
            db=args.db, article_date=args.date, allow_private=args.allow_private,
        )  # fmt: skip
        print(summary.table())
        return EXIT_ERROR if summary.errors else 0
    from factcheck.check import check_article
    from factcheck.report.export import FORMATS, file_encoding

    _check_output(args.output, args.inputs)
    engine = _store(args)
    article = _read_article(args.inputs[0], args.allow_private)
    article_date = args.date or article.date
    if article_date is None:
        print(NO_DATE_WARNING, file=sys.stderr)
    result = check_article(article.text, article_date, title=args.title or article.title, url=article.url, engine=engine)
    _write(FORMATS[args.format](result), args.output, file_encoding(args.format))
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the figures found in an article (no comparison)."""
    from factcheck.extract.reader import extract_figures

    _check_output(args.output, [args.input])
    article = _read_article(args.input, args.allow_private)
    figures = extract_figures(article.text, args.date or article.date)
    if args.format == "json":
        _write(json.dumps({"figures": [f.to_dict() for f in figures]}, ensure_ascii=False, indent=2) + "\n", args.output)
    else:
        lines = [f"{f.start:>6}-{f.end:<6} {f.surface!r:<30} {f.kind:<8} {f.qualifier:<9} {f.concept}" for f in figures]
        _write("\n".join(lines) + "\n", args.output)
    return 0


def cmd_lookup(args: argparse.Namespace) -> int:
    """Print the reference figures matching some words (and a year) with their sources."""
    from factcheck.report.export import reference_text
    from factcheck.store.lookup import lookup

    refs = lookup(_store(args), args.query, args.year)
    if not refs:
        print(f"no reference figures match {args.query!r}" + (f" in {args.year}" if args.year else ""))
        return 0
    for r in refs[: args.limit]:
        print(f"{r.metric:<28} {r.entity[:24]:<24} {reference_text(r)}")
        print(f"{'':<4}{r.qualifier}, {r.status}{' (' + r.claimant + ')' if r.claimant else ''}: {r.source.title} <{r.source.url}>")
    if len(refs) > args.limit:
        print(f"... and {len(refs) - args.limit} more (use --limit)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Load reference data into the store, all or nothing; a new store is made only if the import succeeds.

    The path is a folder of reference CSVs (or one such file), a Data Package folder (with
    datapackage.json or .yml), or a World Bank wide CSV; 'worldbank CODE ...' fetches
    indicators (SP.POP.TOTL ...) from the World Bank API.
    """
    from factcheck.store.db import db_url

    api = args.path[0] == "worldbank" and (len(args.path) > 1 or not Path("worldbank").exists())
    if api and len(args.path) == 1:
        raise FactcheckError("give the World Bank indicator codes to fetch, e.g. 'factcheck import worldbank SP.POP.TOTL'")
    if not api and len(args.path) > 1:
        raise FactcheckError(f"give one folder or file to import, not {len(args.path)} (or 'worldbank CODE ...' for the API)")
    new_file = _new_sqlite_file(db_url(args.db))
    try:
        engine = _store(args, create=True)
        if api:
            report, datasets = _import_worldbank(engine, args)
        else:
            report, datasets = _import_path(engine, args)
    except BaseException:
        if new_file is not None:  # a failed import must not leave an empty store behind a typo
            for leftover in (new_file, Path(f"{new_file}-wal"), Path(f"{new_file}-shm"), Path(f"{new_file}-journal")):
                leftover.unlink(missing_ok=True)
        raise
    print(report)
    for data in datasets:
        for m in data.metrics.values():
            print(f"  metric {m['key']}: {m['label']}" + (f" ({m['unit']})" if m["unit"] else ""))
        for warning in data.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return 0


def _import_path(engine: Engine, args: argparse.Namespace) -> tuple[ImportReport, list[OpenData]]:
    """Import a folder or file: open data when it is a Data Package or a wide CSV, else reference CSVs."""
    from factcheck.store.importer import import_path
    from factcheck.store.opendata.batch import import_open_data
    from factcheck.store.opendata.load import country_codes_beside, open_data_at

    path = Path(args.path[0])
    codes = Path(args.country_codes) if args.country_codes else country_codes_beside(path)
    data = open_data_at(path, country_codes=codes)
    if data is None:
        return import_path(engine, path, prune=args.prune, progress=_progress()), []
    if codes is not None and not args.country_codes:
        print(f"aggregates (World, income groups ...) marked from {codes}", file=sys.stderr)
    return import_open_data(engine, data, prune=args.prune, progress=_progress()), [data]


def _import_worldbank(engine: Engine, args: argparse.Namespace) -> tuple[ImportReport, list[OpenData]]:
    """Fetch each indicator from the World Bank API (one client, the aggregate list read once), then import them all."""
    import dataclasses
    import re

    import httpx

    from factcheck.store.opendata import read_worldbank_api
    from factcheck.store.opendata.batch import import_open_data
    from factcheck.store.opendata.wbapi import DEFAULT_TIMEOUT, aggregate_codes

    codes = args.path[1:]
    for code in codes:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9._]{0,79}", code):
            raise FactcheckError(f"{code!r} is not a World Bank indicator code (they look like SP.POP.TOTL)")
    with httpx.Client(timeout=DEFAULT_TIMEOUT, follow_redirects=False) as client:
        marks = aggregate_codes(client, args.base_url)
        datasets = [read_worldbank_api(code, base_url=args.base_url, client=client, aggregates=marks) for code in codes]
        report = import_open_data(engine, *datasets, prune=args.prune, progress=_progress())
    origin = f"the World Bank API ({len(codes)} indicator{'s' if len(codes) > 1 else ''})"
    return dataclasses.replace(report, origin=origin), datasets


def _progress() -> Callable[[int, int], None] | None:
    """A progress line on standard error for long imports, when it is a terminal (never in a pipe or a log)."""
    if not sys.stderr.isatty():
        return None
    shown = [-1]

    def report(done: int, total: int) -> None:
        if total < PROGRESS_MIN_ROWS:
            return
        step = done * 20 // total  # every 5%
        if step != shown[0]:
            shown[0] = step
            end = "\n" if done >= total else ""
            print(f"\rwriting observations: {done * 100 // total:3d}% ({done:,} of {total:,})", end=end,
                  file=sys.stderr, flush=True)

    return report


def _new_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it does not exist yet (an import would create it), else None."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    name = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or name in ("", ":memory:") or name.startswith("file:"):
        return None
    path = Path(name)
    return None if path.exists() else path


def cmd_export_data(args: argparse.Namespace) -> int:
    """Write the store's reference tables back to CSV files (import of them is the identity)."""
    from factcheck.store.export_csv import export_data

    out = Path(args.dir)
    if out.exists() and not out.is_dir():
        raise FactcheckError(EXPORT_NOT_FOLDER.format(path=args.dir))
    if not args.force:
        for name in EXPORT_FILES:
            if (out / name).exists():
                raise FactcheckError(EXPORT_EXISTS.format(path=out / name))
    engine = _store(args)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FactcheckError(CANNOT_WRITE.format(output=args.dir, why=exc.strerror or exc)) from None
    for path in export_data(engine, out):
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each command's help is its function's docstring."""
    parser = argparse.ArgumentParser(prog="factcheck", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    db_help = "database URL or SQLite file (default: $FACTCHECK_DB or sqlite:///factcheck.db)"
    parser.add_argument("--db", type=_given, help=db_help)
    # --db is accepted after the command too ("factcheck import data/ --db x.db").
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=_given, default=argparse.SUPPRESS, help=db_help)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", parents=[common], help=cmd_check.__doc__, description=cmd_check.__doc__)
    p.add_argument("inputs", nargs="+", type=_given, metavar="INPUT", help="a .txt/.md/.html file, an http(s) URL, a folder, a file of URLs, or -")
    p.add_argument("--date", type=_date, help="the article's date (YYYY-MM-DD) for 'last year', 'this year'")
    p.add_argument("--title", default="", help="the article's title")
    p.add_argument("--format", choices=["table", "json", "md", "csv", "claimreview"], default="table")
    p.add_argument("-o", "--output", type=_given, help="write to this file instead of standard output")
    p.add_argument("--out", type=_given, help="folder for one result per article and a summary (several inputs)")
    p.add_argument("--processes", type=_positive_int, help="parallel processes for several inputs (default: $FACTCHECK_BATCH_PROCESSES or 2)")
    p.add_argument("--allow-private", action="store_true", help="allow URLs on loopback/private addresses")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("extract", parents=[common], help=cmd_extract.__doc__, description=cmd_extract.__doc__)
    p.add_argument("input", type=_given, metavar="FILE", help="a file, a URL, or - for standard input")
    p.add_argument("--date", type=_date)
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.add_argument("-o", "--output", type=_given, help="write to this file instead of standard output")
    p.add_argument("--allow-private", action="store_true")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("lookup", parents=[common], help=cmd_lookup.__doc__, description=cmd_lookup.__doc__)
    p.add_argument("query", type=_words, help='words naming what is counted, e.g. "parade troops"')
    p.add_argument("--year", type=_year, help="only figures of this year")
    p.add_argument("--limit", type=_positive_int, default=50, help="print at most this many (default 50)")
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser("import", parents=[common], help=cmd_import.__doc__, description=cmd_import.__doc__)
    p.add_argument("path", type=_given, nargs="+",
                   help="a folder of reference CSV files or one such file, a Data Package folder, a World Bank wide CSV, "
                        "or 'worldbank' followed by indicator codes")
    p.add_argument("--country-codes", type=_given, metavar="DIR",
                   help="the country-codes Data Package, to mark aggregates (World, income groups); "
                        "by default a country-codes folder beside the package is used")
    p.add_argument("--base-url", type=_given, default="https://api.worldbank.org/v2",
                   help="the World Bank API's address (a mirror, or a test server)")
    p.add_argument(
        "--prune", action="store_true",
        help="also delete stored rows of the listed sources that the files no longer hold (a value corrected in a CSV replaces the old one)",
    )  # fmt: skip
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-data", parents=[common], help=cmd_export_data.__doc__, description=cmd_export_data.__doc__)
    p.add_argument("dir", type=_given, help="folder to write sources.csv, metrics.csv, observations.csv into")
    p.add_argument("--force", action="store_true", help="replace those files if the folder already has them")
    p.set_defaults(func=cmd_export_data)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a command; a FactcheckError becomes ``Error: …`` and exit code 1."""
    from sqlalchemy.exc import SQLAlchemyError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except FactcheckError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader went away (… | head): nothing more to say to it
        try:  # so the interpreter's last flush of stdout does not complain either
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_ERROR
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except SQLAlchemyError as exc:
        from factcheck.store.db import _shown, db_url

        why = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"Error: {STORE_FAILED.format(where=_shown(db_url(args.db)), why=why)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        if args.command == "import":
            message = INTERRUPTED_IMPORT
        elif getattr(args, "out", None):
            message = INTERRUPTED_BATCH.format(out=args.out)
        else:
            message = INTERRUPTED
        print(f"Error: {message}", file=sys.stderr)
        return EXIT_INTERRUPTED
