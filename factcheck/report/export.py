"""A check written out for people and machines: table, Markdown checklist, CSV, JSON, ClaimReview.

Every writer takes the ``CheckResult`` and, optionally, the checker's reviews keyed by
``Figure.key()``; a review's override becomes the figure's final verdict. The checklist and
ClaimReview live in their own modules and are named here, so ``FORMATS`` lists every export.
A checker's private note stays in the app: no export writes it.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from typing import Any

from factcheck.figures import CheckResult
from factcheck.source_kinds import by_authority
from factcheck.report.checklist import to_markdown
from factcheck.report.claimreview import RATINGS, to_claimreview, unexplained_overrides
from factcheck.report.rows import (
    LABELS, SYMBOLS, Reviews, best_reference, final_verdict, reference_text, review_of, summary_line, to_rows,
)  # fmt: skip

__all__ = [
    "CSV_FIELDS", "FILE_ENCODINGS", "FORMATS", "LABELS", "RATINGS", "SYMBOLS", "Reviews", "best_reference",
    "file_encoding", "final_verdict", "reference_text", "review_of", "spreadsheet_safe", "summary_line",
    "to_claimreview", "to_csv", "to_json", "to_markdown", "to_rows", "to_table", "unexplained_overrides",
]  # fmt: skip

CSV_FIELDS = [
    "n", "surface", "start", "end", "value", "low", "high", "unit", "qualifier", "concept", "year",
    "kind", "read_as", "claim_metric", "claim_entity", "claim_entity_code", "claim_year", "claim_why", "verdict", "override", "final_verdict", "basis", "disputed", "reason",
    "reference_value", "source_title", "publisher", "source_kind", "url", "published", "explanation", "attached_source", "done",
    "context",
]  # fmt: skip  (no "note": the checker's private note stays in the app)
# A spreadsheet reads a CSV as UTF-8 only when it starts with a byte-order mark; without one,
# Cyrillic titles and curly quotes come out garbled. Files and downloads use these encodings.
FILE_ENCODINGS = {"csv": "utf-8-sig"}


def file_encoding(fmt: str) -> str:
    """The encoding an export is written to a file or download in: UTF-8, with a BOM for CSV.

    >>> file_encoding("csv"), file_encoding("md")
    ('utf-8-sig', 'utf-8')
    """
    return FILE_ENCODINGS.get(fmt, "utf-8")


def to_table(result: CheckResult, reviews: Reviews | None = None, width: int = 100) -> str:
    """A plain-text table for the terminal: one line per figure, its reference and reason wrapped beneath."""
    lines = [f"{result.title or 'Article'} ({result.date.isoformat() if result.date else 'no date'})",
             summary_line(result, reviews), ""]  # fmt: skip
    lines.append(f"{'#':>3}  {'verdict':<15} {'figure':<26} {'concept':<26} year")
    for row in to_rows(result, reviews):
        v = row["final_verdict"]
        lines.append(
            f"{row['n']:>3}  {SYMBOLS[v] + ' ' + LABELS[v]:<15} {_cut(row['surface'], 26):<26} "
            f"{_cut(row['concept'], 26):<26} {row['year'] or ''}".rstrip()
        )
        for label, text in (("read as", row["read_as"]), ("source", row["reference_value"]), ("why", row["reason"])):
            if text:
                lines += textwrap.wrap(f"{label}: {text}", width, initial_indent=" " * 5, subsequent_indent=" " * 7)
    return "\n".join(lines) + "\n"


def _cut(s: str, n: int) -> str:
    """``s`` in at most ``n`` characters, an ellipsis marking a cut."""
    return s if len(s) <= n else s[: n - 1] + "…"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs such a cell as a formula


def spreadsheet_safe(value: Any) -> Any:
    r"""Text a spreadsheet would run as a formula gets a leading apostrophe; numbers pass as they are.

    Article text, notes and reasons are written by others, so ``=HYPERLINK(...)`` in an article
    must stay text when an editor opens the CSV.

    >>> spreadsheet_safe('=HYPERLINK("http://x")'), spreadsheet_safe(-3), spreadsheet_safe("8,000")
    ('\'=HYPERLINK("http://x")', -3, '8,000')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(result: CheckResult, reviews: Reviews | None = None) -> str:
    """One row per figure for a spreadsheet (text that would run as a formula is defused; no private note).

    Written to a file or download with ``file_encoding("csv")``, i.e. with a byte-order mark.
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in to_rows(result, reviews):
        writer.writerow({k: spreadsheet_safe(row[k]) for k in CSV_FIELDS})
    return buf.getvalue()


def to_json(result: CheckResult, reviews: Reviews | None = None) -> str:
    """The documented JSON document (README): sources most authoritative first, each figure's review without its private note."""
    doc = result.to_dict()
    for fig, fc in zip(doc["figures"], result.figures):
        ranked = by_authority(fc.references, result.date)
        fig["references"] = [r.to_dict() for r in ranked]
        agreeing = {id(r) for r in fc.agreeing_references()} if fc.agreeing else set()
        fig["agreeing"] = [i for i, r in enumerate(ranked) if id(r) in agreeing]  # places in the ranked list
        rv = (reviews or {}).get(fc.figure.key())
        if rv:
            fig["review"] = {k: v for k, v in rv.to_dict().items() if k != "note"}
            fig["final_verdict"] = final_verdict(fc, reviews)
    return json.dumps(doc, ensure_ascii=False, indent=2)


FORMATS = {"table": to_table, "md": to_markdown, "csv": to_csv, "json": to_json, "claimreview": to_claimreview}
