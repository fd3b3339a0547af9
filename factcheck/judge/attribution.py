"""Who a figure is attributed to and when its sources were published: naming and listing sources in reasons."""

from __future__ import annotations

import re
from datetime import date

import pint

from factcheck.figures import Reference
from factcheck.judge.intervals import describe_reference
from factcheck.source_kinds import rank


def surname(claimant: str) -> str:
    """The name a sentence would use for a claimant: the last capitalised word before any bracket.

    >>> surname("Yevgeny Prigozhin (Wagner Group)"), surname("Ukrainian 3rd Separate Assault Brigade"), surname("")
    ('Prigozhin', 'Brigade', '')
    >>> surname("Wagner commander 'Marx' (reported by ISW)")
    'Marx'
    """
    head = claimant.split("(")[0]
    names = [w for w in (w.strip("'’\".,") for w in head.split()) if w[:1].isupper() and len(w) >= 3]
    return names[-1] if names else ""


def attributed_to(ref: Reference, names: frozenset[str]) -> bool:
    """Does the sentence name the reference's claimant ("Prigozhin said ...")? ``names``: its capitalised words."""
    name = surname(ref.claimant)
    return bool(name) and name in names


def who(ref: Reference) -> str:
    """The source as a reader would name it: the claimant if any, else the publisher."""
    return ref.claimant or ref.source.publisher or ref.source.title or "unnamed source"


def published_after(ref: Reference, article_date: date | None) -> bool:
    """True when the source is dated after the article (ISO dates, or year-month)."""
    if article_date is None:
        return False
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", ref.source.published or "")
    if not m:
        return False
    y, mo, d = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if y != article_date.year:
        return y > article_date.year
    if not mo or mo != article_date.month:
        return bool(mo) and mo > article_date.month
    return bool(d) and d > article_date.day


def published_key(ref: Reference) -> str:
    """A sortable publication date ("" when unknown)."""
    m = re.match(r"\d{4}(?:-\d{2})?(?:-\d{2})?", ref.source.published or "")
    return m.group(0) if m else ""


def list_sources(refs: list[Reference], unit: str | None, article_date: date | None) -> str:
    """Each distinct source value once, with who gives it: "about 8,000 (Newsweek, The Hill)".

    Claims and estimates name who makes them; plans say so; a source dated after the
    article says that too (the article could not have used it). Sources are named in
    source_kinds.rank order (reported before planned, then official, wire, outlet, ...), so
    the most authoritative value leads.
    """
    groups: dict[str, dict[str, list[str]]] = {}
    for r in sorted(refs, key=lambda r: rank(r, article_date)):  # stable: equals keep their order
        try:
            desc = describe_reference(r, unit)
        except pint.DimensionalityError:
            desc = f"{r.value:g} {r.unit or ''}".strip()
        if r.status == "claimed":
            how = f"claimed by {r.claimant or 'one side'}, via "
        elif r.status == "estimate":
            how = f"estimate by {r.claimant}, via " if r.claimant else "estimate by "
        elif r.status == "planned":
            how = "planned, per "
        else:
            how = ""
        name = r.source.publisher or r.source.title or "unnamed source"
        if published_after(r, article_date):
            name += f" [published {r.source.published}, after the article]"
        names = groups.setdefault(desc, {}).setdefault(how, [])
        if name not in names:
            names.append(name)
    return "; ".join(
        f"{d} (" + "; ".join(how + ", ".join(ns) for how, ns in by_how.items()) + ")" for d, by_how in groups.items()
    )
