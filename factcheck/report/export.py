"""A check written out for people and machines: table, Markdown checklist, CSV, JSON, ClaimReview.

Every writer takes the ``CheckResult`` and, optionally, the checker's reviews keyed by
``Figure.key()``; a review's override becomes the figure's final verdict.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Mapping
from datetime import date
from typing import Any

from factcheck.figures import CheckResult, FigureCheck, Reference, Review, effective_verdict
from factcheck.units import symbol

Reviews = Mapping[str, Review]

SYMBOLS = {"agree": "✓", "conflict": "✗", "no_source": "?", "not_checkable": "·"}
LABELS = {"agree": "agree", "conflict": "conflict", "no_source": "no source", "not_checkable": "not checkable"}
# ClaimReview ratings on a 1..3 scale: what a confirmed verdict tells a reader.
RATINGS = {"conflict": (1, "Inaccurate"), "no_source": (2, "Unverified"), "agree": (3, "Accurate")}
CSV_FIELDS = [
    "n", "surface", "start", "end", "value", "low", "high", "unit", "qualifier", "concept", "year",
    "kind", "read_as", "claim_metric", "claim_entity", "claim_entity_code", "claim_year", "claim_why", "verdict", "override", "final_verdict", "basis", "disputed", "reason",
    "reference_value", "source_title", "publisher", "url", "published", "note", "attached_source", "done",
    "context",
]  # fmt: skip


def format_number(x: float | None) -> str:
    """Thousands separators, no trailing ``.0``; "∞" for an open end.

    >>> format_number(8000.0), format_number(1.864), format_number(None)
    ('8,000', '1.864', '∞')
    """
    if x is None or x != x or abs(x) == float("inf"):
        return "∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.4g}" if abs(x) < 1000 else f"{x:,.1f}"


def final_verdict(fc: FigureCheck, reviews: Reviews | None) -> str:
    """The checker's override when there is one, else the computed verdict."""
    return effective_verdict(fc, (reviews or {}).get(fc.figure.key()))


def _review(fc: FigureCheck, reviews: Reviews | None) -> Review:
    return (reviews or {}).get(fc.figure.key()) or Review(figure_key=fc.figure.key())


def _main_reference(fc: FigureCheck) -> Reference | None:
    return fc.references[0] if fc.references else None


def reference_text(ref: Reference | None) -> str:
    """"14,000 (2020, RFE/RL, 2020-06-24)" for one reference; "" when there is none."""
    if ref is None:
        return ""
    unit = symbol(ref.unit)
    is_a_year = ref.metric_label.lower().startswith("year")  # "year the war ended": 1945, not 1,945
    value = (str(int(ref.value)) if is_a_year else format_number(ref.value)) + (f" {unit}" if unit else "")
    when = f"{ref.year}, " if ref.year else ""
    return f"{value} ({when}{ref.source.publisher}, {ref.source.published})"


def _context(result: CheckResult, fc: FigureCheck) -> str:
    return " ".join(fc.figure.sentence(result.text).split())


def to_rows(result: CheckResult, reviews: Reviews | None = None) -> list[dict[str, Any]]:
    """One flat dict per figure: the columns of the CSV and of the app's table."""
    rows = []
    for n, fc in enumerate(result.figures, 1):
        f, rv, ref = fc.figure, _review(fc, reviews), _main_reference(fc)
        d = f.to_dict()
        rows.append(
            {
                "n": n, "surface": f.surface, "start": f.start, "end": f.end, "value": d["value"],
                "low": d["low"], "high": d["high"], "unit": f.unit or "", "qualifier": f.qualifier,
                "concept": f.concept, "year": f.year, "kind": f.kind,
                "read_as": fc.claim.read_as() if fc.claim else "",
                "claim_metric": fc.claim.metric if fc.claim else "", "claim_entity": fc.claim.entity if fc.claim else "",
                "claim_entity_code": fc.claim.entity_code if fc.claim else "",
                "claim_year": fc.claim.year if fc.claim else None, "claim_why": fc.claim.why if fc.claim else "",
                "verdict": fc.verdict,
                "override": rv.verdict_override, "final_verdict": final_verdict(fc, reviews),
                "basis": fc.basis or "", "disputed": fc.disputed, "reason": fc.reason,
                "reference_value": reference_text(ref),
                "source_title": ref.source.title if ref else "", "publisher": ref.source.publisher if ref else "",
                "url": ref.source.url if ref else "", "published": ref.source.published if ref else "",
                "note": rv.note, "attached_source": rv.source_url, "done": rv.done,
                "context": _context(result, fc),
            }
        )  # fmt: skip
    return rows


def summary_line(result: CheckResult, reviews: Reviews | None = None) -> str:
    """"3 agree · 1 conflict · 5 no source · 4 not checkable"."""
    counts = {v: 0 for v in LABELS}
    for fc in result.figures:
        counts[final_verdict(fc, reviews)] = counts.get(final_verdict(fc, reviews), 0) + 1
    return " · ".join(f"{counts[v]} {LABELS[v]}" for v in LABELS)


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


def to_markdown(result: CheckResult, reviews: Reviews | None = None) -> str:
    """A checklist an editor works through: one box per figure with verdict, context, source, note."""
    title = result.title or "Untitled article"
    out = [f"# Fact-check: {_md_escape(title)}", ""]
    meta = [f"Article date: {result.date.isoformat() if result.date else 'unknown'}"]
    if result.url:
        meta.append(f"URL: {result.url}")
    meta.append(f"Figures: {len(result.figures)} ({summary_line(result, reviews)})")
    out += [f"- {m}" for m in meta] + ["", "## Checklist", ""]
    for row, fc in zip(to_rows(result, reviews), result.figures):
        v = row["final_verdict"]
        box = "x" if row["done"] else " "
        head = f"- [{box}] {SYMBOLS[v]} **{LABELS[v]}**"
        if row["override"]:
            head += f" (checker override; computed: {LABELS.get(fc.verdict, fc.verdict)})"
        head += f" — “{row['surface']}”"
        if row["concept"]:
            head += f" ({row['concept']}{', ' + str(row['year']) if row['year'] else ''})"
        out.append(head)
        out.append(f"  - In context: {_md_escape(row['context'])}")
        if fc.claim is not None:
            out.append(f"  - Read as: {_md_escape(fc.claim.read_as())} ({_md_escape(fc.claim.why)})")
        out.append(f"  - Why: {_md_escape(fc.reason)}")
        for ref in fc.references[:5]:
            src = ref.source
            link = f"[{_md_escape(src.title)}]({src.url})" if _md_link(src.url).startswith("<") else _md_escape(src.title)
            out.append(f"  - Source: {reference_text(ref)} — {link}")
        if row["attached_source"]:
            out.append(f"  - Source attached by the checker: {_md_link(row['attached_source'])}")
        if row["note"]:
            out.append(f"  - Note: {_md_escape(row['note'])}")
    return "\n".join(out) + "\n"


def _md_link(url: str) -> str:
    """An http(s) URL as a Markdown autolink; anything else (javascript:, data:) as inert text."""
    if url.lower().startswith(("http://", "https://")) and not any(c in url for c in "<> "):
        return f"<{url}>"
    return _md_escape(url)


def _md_escape(s: str) -> str:
    """Keep article text from turning into Markdown links, headings or HTML in the checklist."""
    for ch in "\\`*_[]<>#|":
        s = s.replace(ch, "\\" + ch)
    return s


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
    """The same rows as the checklist, for a spreadsheet (text that would run as a formula is defused)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in to_rows(result, reviews):
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return buf.getvalue()


def to_json(result: CheckResult, reviews: Reviews | None = None) -> str:
    """The documented JSON document (README), with each figure's review when there is one."""
    doc = result.to_dict()
    if reviews:
        for fig, fc in zip(doc["figures"], result.figures):
            rv = reviews.get(fc.figure.key())
            if rv:
                fig["review"] = rv.to_dict()
                fig["final_verdict"] = final_verdict(fc, reviews)
    return json.dumps(doc, ensure_ascii=False, indent=2)


def to_claimreview(
    result: CheckResult,
    reviews: Reviews | None = None,
    *,
    organization: str = "factcheck",
    review_date: date | None = None,
) -> str:
    """schema.org ClaimReview JSON-LD for the figures whose verdict a checker confirmed.

    Confirmed means marked done or overridden: an unreviewed machine verdict is never published.
    """
    items = []
    for fc in result.figures:
        rv = (reviews or {}).get(fc.figure.key())
        if not rv or not (rv.done or rv.verdict_override):
            continue
        verdict = final_verdict(fc, reviews)
        if verdict not in RATINGS:
            continue
        value, name = RATINGS[verdict]
        appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": result.title or None}
        if result.url:
            appearance["url"] = result.url
        if result.date:
            appearance["datePublished"] = result.date.isoformat()
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": _context(result, fc),
                "datePublished": (review_date or date.today()).isoformat(),
                "author": {"@type": "Organization", "name": organization},
                "reviewRating": {
                    "@type": "Rating", "ratingValue": value, "bestRating": 3, "worstRating": 1,
                    "alternateName": name,
                },  # fmt: skip
                "itemReviewed": {"@type": "Claim", "appearance": appearance},
                "reviewBody": rv.note or fc.reason,
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2)


FORMATS = {"table": to_table, "md": to_markdown, "csv": to_csv, "json": to_json, "claimreview": to_claimreview}
