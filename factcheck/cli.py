"""Thin command-line commands; each calls the library and turns its errors into one line.

    factcheck check article.txt --date 2023-05-09 [--format table|json|md|csv|claimreview] [-o FILE]
    factcheck check a.txt b.html urls.txt --out results/     (many articles, in parallel)
    factcheck extract article.txt --format json               ("-" reads standard input)
    factcheck lookup "parade troops" --year 2020
    factcheck import reference_data/
    factcheck export-data out_dir/
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .errors import FactcheckError
from .settings import load_settings

EXIT_ERROR = 1
NO_DATE_WARNING = (
    "warning: the article has no date (none given with --date, none found in it): 'last year', "
    "'this year' and figures with no year may be judged against the wrong year"
)


def _date(s: str) -> date:
    """argparse type for --date: an ISO date."""
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {s!r} (use YYYY-MM-DD, e.g. 2023-05-09)") from None


def _write(text: str, output: str | None) -> None:
    """Print ``text`` or write it to ``output`` (UTF-8)."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def cmd_check(args: argparse.Namespace) -> int:
    """Check one article (file, URL or -) and print its figures with verdicts; many with --out.

    With several inputs, a folder or a file of URLs, --out DIR gets one JSON result per article
    and a summary; a bad article is reported and skipped, and the exit code is then 1.
    """
    if args.out or len(args.inputs) > 1 or Path(args.inputs[0]).is_dir():
        from .batch import run_batch

        if not args.out:
            raise FactcheckError("checking several articles or a folder needs --out DIR for the results")
        summary = run_batch(
            args.inputs, Path(args.out), processes=args.processes or load_settings().batch_processes,
            db=args.db, article_date=args.date, allow_private=args.allow_private,
        )  # fmt: skip
        print(summary.table())
        return EXIT_ERROR if summary.errors else 0
    from .check import check_article
    from .export import FORMATS
    from .htmltext import load_article

    article = load_article(args.inputs[0], allow_private=args.allow_private)
    article_date = args.date or article.date
    if article_date is None:
        print(NO_DATE_WARNING, file=sys.stderr)
    result = check_article(article.text, article_date, args.db, title=args.title or article.title, url=article.url)
    _write(FORMATS[args.format](result), args.output)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the figures found in an article (no comparison)."""
    from .extract import extract_figures
    from .htmltext import load_article

    article = load_article(args.input, allow_private=args.allow_private)
    figures = extract_figures(article.text, args.date or article.date)
    if args.format == "json":
        _write(json.dumps({"figures": [f.to_dict() for f in figures]}, ensure_ascii=False, indent=2) + "\n", args.output)
    else:
        lines = [f"{f.start:>6}-{f.end:<6} {f.surface!r:<30} {f.kind:<8} {f.qualifier:<9} {f.concept}" for f in figures]
        _write("\n".join(lines) + "\n", args.output)
    return 0


def cmd_lookup(args: argparse.Namespace) -> int:
    """Print the reference figures matching some words (and a year) with their sources."""
    from .export import reference_text
    from .lookup import lookup
    from .store import get_engine

    refs = lookup(get_engine(args.db), args.query, args.year)
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
    """Load reference CSV files into the store, all or nothing."""
    from .importer import import_path
    from .store import get_engine

    report = import_path(get_engine(args.db), args.path, prune=args.prune)
    print(report)
    return 0


def cmd_export_data(args: argparse.Namespace) -> int:
    """Write the store's reference tables back to CSV files (import of them is the identity)."""
    from .importer import export_data
    from .store import get_engine

    for path in export_data(get_engine(args.db), Path(args.dir)):
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each command's help is its function's docstring."""
    parser = argparse.ArgumentParser(prog="factcheck", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    db_help = "database URL or SQLite file (default: $FACTCHECK_DB or sqlite:///factcheck.db)"
    parser.add_argument("--db", help=db_help)
    # --db is accepted after the command too ("factcheck import data/ --db x.db").
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", parents=[common], help=cmd_check.__doc__, description=cmd_check.__doc__)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a .txt/.md/.html file, an http(s) URL, a folder, a file of URLs, or -")
    p.add_argument("--date", type=_date, help="the article's date (YYYY-MM-DD) for 'last year', 'this year'")
    p.add_argument("--title", default="", help="the article's title")
    p.add_argument("--format", choices=["table", "json", "md", "csv", "claimreview"], default="table")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--out", help="folder for one result per article and a summary (several inputs)")
    p.add_argument("--processes", type=int, help="parallel processes for several inputs (default: $FACTCHECK_BATCH_PROCESSES or 2)")
    p.add_argument("--allow-private", action="store_true", help="allow URLs on loopback/private addresses")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("extract", parents=[common], help=cmd_extract.__doc__, description=cmd_extract.__doc__)
    p.add_argument("input", metavar="FILE", help="a file, a URL, or - for standard input")
    p.add_argument("--date", type=_date)
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.add_argument("-o", "--output")
    p.add_argument("--allow-private", action="store_true")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("lookup", parents=[common], help=cmd_lookup.__doc__, description=cmd_lookup.__doc__)
    p.add_argument("query", help='words naming what is counted, e.g. "parade troops"')
    p.add_argument("--year", type=int)
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser("import", parents=[common], help=cmd_import.__doc__, description=cmd_import.__doc__)
    p.add_argument("path", help="a folder of sources/metrics/observations CSV files, or one such file")
    p.add_argument(
        "--prune", action="store_true",
        help="also delete stored rows of the listed sources that the files no longer hold (a value corrected in a CSV replaces the old one)",
    )  # fmt: skip
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-data", parents=[common], help=cmd_export_data.__doc__, description=cmd_export_data.__doc__)
    p.add_argument("dir", help="folder to write sources.csv, metrics.csv, observations.csv into")
    p.set_defaults(func=cmd_export_data)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a command; a FactcheckError becomes ``Error: …`` and exit code 1."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except FactcheckError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
