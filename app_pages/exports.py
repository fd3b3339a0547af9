"""Download buttons for the checklist, CSV, JSON and ClaimReview, with the checker's reviews applied.

Each file is written when its button is pressed, not on every run: a 1 MB article's four
exports take seconds to write (its JSON alone is some 70 MB), which every filter change paid.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from factcheck.figures import CheckResult, Review
from factcheck.report import export
from factcheck.store.reviews import SavedCheck

FILES = [
    ("Checklist (.md)", export.to_markdown, "md", "text/markdown", "The list an editor works through"),
    ("Table (.csv)", export.to_csv, "csv", "text/csv", "One row per figure, for a spreadsheet"),
    ("Data (.json)", export.to_json, "json", "application/json", "The full check with your reviews"),
    ("ClaimReview (JSON-LD)", export.to_claimreview, "claimreview.jsonld", "application/ld+json",
     "schema.org JSON-LD for the figures you confirmed (done or overridden), rated by your verdict"),
]  # fmt: skip


def file_slug(saved: SavedCheck) -> str:
    """The downloads' file name: the title in lower case and hyphens ("victory-day-2023")."""
    title = saved.result.title or f"check-{saved.id}"
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "check"


def _writer(
    fn: Callable[[CheckResult, dict[str, Review]], str], saved: SavedCheck, ext: str
) -> Callable[[], bytes]:
    """The file's bytes for this version of the check, made when asked (on a server thread, no Streamlit calls)."""
    result, reviews = saved.result, dict(saved.reviews)
    return lambda: fn(result, reviews).encode(export.file_encoding(ext))


def exports(saved: SavedCheck) -> None:
    """The four download buttons, and a word on overrides a ClaimReview would publish without a reason."""
    slug = file_slug(saved)
    for label, fn, ext, mime, why in FILES:
        st.download_button(
            label, data=_writer(fn, saved, ext), file_name=f"{slug}.{ext}", mime=mime, help=why, on_click="ignore",
            icon=":material/download:", width="stretch", key=f"dl-{ext}",
        )
    unexplained = export.unexplained_overrides(saved.result, saved.reviews)
    if unexplained:
        st.caption(
            "Overridden without a public explanation: " + ", ".join(f"#{n}" for n in unexplained)
            + ". Their ClaimReview has no review text; write one in “Your review” under One figure in detail."
        )
