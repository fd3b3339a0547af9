"""What kind of publisher a source is, and sources ordered most authoritative first.

A checker trusts a ministry's or a wire service's figure before a blog's or a video mirror's,
so every list of sources a reader sees (the checklist's best source, the tooltip, the app's
tables) puts them in that order. Below every stage: the importer checks the vocabulary, the
report and the app sort by it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from factcheck.figures import Reference

# Most authoritative first; an empty kind (not known) comes after all of them.
SOURCE_KINDS: tuple[str, ...] = ("official", "wire", "outlet", "reference work", "blog", "mirror")
# What was reported after the event before outside estimates, one side's claims and plans
# (the order the judge weighs them in), whoever published it.
STATUS_ORDER: tuple[str, ...] = ("actual", "estimate", "claimed", "planned")


def parse_kind(text: str) -> str:
    """A source kind as written in a CSV cell or a form: case, spaces, '_' and '-' forgiven; "" for none.

    >>> parse_kind(" Wire "), parse_kind("reference_work"), parse_kind("")
    ('wire', 'reference work', '')
    >>> parse_kind("newspaper")
    Traceback (most recent call last):
    ValueError: 'newspaper' is not a source kind
    """
    kind = " ".join(text.replace("_", " ").replace("-", " ").lower().split())
    if kind and kind not in SOURCE_KINDS:
        raise ValueError(f"{text.strip()!r} is not a source kind")
    return kind


def authority(kind: str) -> int:
    """The kind's place in SOURCE_KINDS (0 is the most authoritative); an unknown kind comes last.

    >>> authority("official") < authority("wire") < authority("blog") < authority("mirror") < authority("")
    True
    """
    return SOURCE_KINDS.index(kind) if kind in SOURCE_KINDS else len(SOURCE_KINDS)


def after(ref: Reference, article_date: date | None) -> bool:
    """Was the source published after the article (so the article could not have used it)?

    Compared as far as the source's date goes: "2023-05" is not after 9 May 2023, "2024-05" is.
    """
    published = (ref.source.published or "")[:10]
    if article_date is None or not published[:4].isdigit():
        return False
    return published > article_date.isoformat()[: len(published)]


def rank(ref: Reference, article_date: date | None = None) -> tuple[int, int, bool]:
    """A reference's sort key: its status (reported before planned), its publisher's authority,
    then whether it appeared after the article."""
    status = STATUS_ORDER.index(ref.status) if ref.status in STATUS_ORDER else len(STATUS_ORDER)
    return status, authority(ref.source.kind), after(ref, article_date)


def by_authority(refs: Iterable[Reference], article_date: date | None = None) -> list[Reference]:
    """The references most authoritative first; equals keep their order (the judge's)."""
    return sorted(refs, key=lambda r: rank(r, article_date))


def best(refs: Iterable[Reference], article_date: date | None = None) -> Reference | None:
    """The one source to show when there is room for one; None when there is none."""
    ranked = by_authority(refs, article_date)
    return ranked[0] if ranked else None
