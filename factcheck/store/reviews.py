"""Saved fact-check sessions: store a check, load it back, record a checker's review of a figure.

A saved check is one ``CheckRow`` (the article and its ``CheckResult`` as JSON) plus one
``ReviewRow`` per figure a checker touched. Every change bumps the check's ``version``;
a writer passes the version it loaded and gets ``ConflictError`` when someone else wrote
in between, so two browser tabs never silently overwrite each other.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from factcheck.errors import ConflictError, StoreError
from factcheck.figures import VERDICTS, CheckResult, Claim, Figure, FigureCheck, Reference, Review, Source, effective_verdict
from factcheck.store.db import CheckRow, ReviewRow, utcnow

MAX_NOTE_CHARS = 10_000  # a note is a checker's remark; a pasted article belongs in the article box
LONG_NOTE = "the {what} has {n:,} characters, over the limit of {limit:,}; shorten it"
BAD_SOURCE_URL = "the attached source “{url}” is not a web address; give one starting with http:// or https://"


@dataclass(frozen=True)
class SavedCheck:
    """A check as stored: its result, the checker's reviews by figure key, and its version."""

    id: int
    result: CheckResult
    reviews: dict[str, Review] = field(default_factory=dict)
    version: int = 1
    created_by: str = ""
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class CheckSummary:
    """One line of the list of saved checks (no article text, no figures)."""

    id: int
    title: str
    url: str
    article_date: str
    created_by: str
    created_at: str
    updated_at: str
    version: int
    counts: dict[str, int]
    reviewed: int
    done: int


# --- (de)serialising a CheckResult -------------------------------------------------------


def _bound(x: Any, default: float) -> float:
    """A JSON interval end: null is an open end (±inf)."""
    return default if x is None else float(x)


def _reference_from_dict(d: dict[str, Any]) -> Reference:
    """Inverse of ``Reference.to_dict``."""
    src = d.get("source") or {}
    value = float(d["value"])
    return Reference(
        id=d.get("id"),
        metric=d.get("metric", ""),
        metric_label=d.get("metric_label", ""),
        entity=d.get("entity", ""),
        year=d.get("year"),
        date=d.get("date", "") or "",
        value=value,
        low=_bound(d.get("low"), -math.inf),
        high=_bound(d.get("high"), math.inf),
        unit=d.get("unit"),
        qualifier=d.get("qualifier", "exact"),
        status=d.get("status", "actual"),
        claimant=d.get("claimant", "") or "",
        snippet=d.get("snippet", "") or "",
        entity_code=d.get("entity_code", "") or "",
        source=Source(
            title=src.get("title", ""),
            publisher=src.get("publisher", ""),
            url=src.get("url", ""),
            published=src.get("published", ""),
            kind=src.get("kind", "") or "",
        ),
    )


def result_to_json(result: CheckResult) -> str:
    """A check result as the JSON document stored in ``check_session.result_json``."""
    return json.dumps(result.to_dict(), ensure_ascii=False)


def result_from_json(text: str, article: str) -> CheckResult:
    """Inverse of ``result_to_json``; the article text is stored beside it, not inside."""
    doc = json.loads(text) if text else {"article": {}, "figures": []}
    meta = doc.get("article") or {}
    checks = []
    for d in doc.get("figures", []):
        checks.append(
            FigureCheck(
                figure=Figure.from_dict(d),
                verdict=d.get("verdict", "no_source"),
                reason=d.get("reason", ""),
                basis=d.get("basis"),
                references=tuple(_reference_from_dict(r) for r in d.get("references", [])),
                disputed=bool(d.get("disputed", False)),
                claim=Claim.from_dict(d["claim"]) if d.get("claim") else None,
                agreeing=tuple(int(i) for i in d.get("agreeing") or () if isinstance(i, int)),
            )
        )
    raw_date = meta.get("date")
    return CheckResult(
        text=article,
        title=meta.get("title") or "",
        date=date.fromisoformat(raw_date) if raw_date else None,
        url=meta.get("url") or "",
        figures=tuple(checks),
        checked_chars=_checked_chars(meta.get("checked_chars"), len(article)),
    )


def _checked_chars(raw: Any, length: int) -> int | None:
    """A stored partial check's extent; None (the whole article) for a complete one or a value out of range."""
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < length else None


def _iso(ts: datetime | None) -> str:
    """Timestamps leave the store as ISO text (UTC, seconds)."""
    return ts.replace(microsecond=0).isoformat() if ts else ""


def _review(row: ReviewRow) -> Review:
    return Review(
        figure_key=row.figure_key,
        verdict_override=row.verdict_override,
        note=row.note,
        explanation=row.explanation,
        done=row.done,
        source_url=row.source_url,
        updated_by=row.updated_by,
        updated_at=_iso(row.updated_at),
        claim=Claim.from_dict(json.loads(row.claim_json)) if row.claim_json else None,
    )


# --- the library -------------------------------------------------------------------------


def save_check(engine: Engine, result: CheckResult, *, created_by: str = "") -> int:
    """Store a new check (version 1) and return its id."""
    row = CheckRow(
        title=result.title,
        url=result.url,
        article_date=result.date.isoformat() if result.date else "",
        text=result.text,
        result_json=result_to_json(result),
        created_by=created_by,
    )
    with Session(engine) as session:
        session.add(row)
        session.commit()
        session.refresh(row)
        assert row.id is not None
        return row.id


def _get_row(session: Session, check_id: int) -> CheckRow:
    row = session.get(CheckRow, check_id)
    if row is None:
        raise StoreError(f"there is no saved check {check_id}; pick one from the Checks page")
    return row


def load_reviews(engine: Engine, check_id: int) -> dict[str, Review]:
    """A saved check's reviews alone, by figure key (without reading back its stored result)."""
    with Session(engine) as session:
        rows = session.exec(select(ReviewRow).where(ReviewRow.check_id == check_id)).all()
        return {r.figure_key: _review(r) for r in rows}


def load_check(engine: Engine, check_id: int) -> SavedCheck:
    """A saved check with its reviews and the version to pass back when editing it."""
    with Session(engine) as session:
        row = _get_row(session, check_id)
        reviews = session.exec(select(ReviewRow).where(ReviewRow.check_id == check_id)).all()
        return SavedCheck(
            id=check_id,
            result=result_from_json(row.result_json, row.text),
            reviews={r.figure_key: _review(r) for r in reviews},
            version=row.version,
            created_by=row.created_by,
            created_at=_iso(row.created_at),
            updated_at=_iso(row.updated_at),
        )


def list_checks(engine: Engine, *, limit: int = 500) -> list[CheckSummary]:
    """Saved checks, most recently changed first, with their verdict counts."""
    with Session(engine) as session:
        rows = session.exec(
            select(CheckRow).order_by(col(CheckRow.updated_at).desc(), col(CheckRow.id).desc()).limit(limit)
        ).all()
        ids = [r.id for r in rows]
        reviews = session.exec(select(ReviewRow).where(col(ReviewRow.check_id).in_(ids))).all() if ids else []
        out = []
        for r in rows:
            assert r.id is not None
            mine = [v for v in reviews if v.check_id == r.id]
            result = result_from_json(r.result_json, r.text)
            by_key = {v.figure_key: _review(v) for v in mine}
            counts = {v: 0 for v in VERDICTS}
            for fc in result.figures:
                verdict = effective_verdict(fc, by_key.get(fc.figure.key()))
                counts[verdict] = counts.get(verdict, 0) + 1
            out.append(
                CheckSummary(
                    id=r.id,
                    title=r.title,
                    url=r.url,
                    article_date=r.article_date,
                    created_by=r.created_by,
                    created_at=_iso(r.created_at),
                    updated_at=_iso(r.updated_at),
                    version=r.version,
                    counts=counts,
                    reviewed=sum(1 for v in mine if v.verdict_override or v.note or v.explanation or v.source_url),
                    done=sum(1 for v in mine if v.done),
                )
            )
        return out


def _bump(session: Session, check_id: int, expected_version: int | None, **values: Any) -> int:
    """Raise the check's version by one if it is still ``expected_version``; return the new one."""
    stmt = update(CheckRow).where(col(CheckRow.id) == check_id)
    if expected_version is not None:
        stmt = stmt.where(col(CheckRow.version) == expected_version)
    stmt = stmt.values(version=CheckRow.version + 1, updated_at=utcnow(), **values)
    if session.exec(stmt).rowcount != 1:  # type: ignore[call-overload]
        actual = _get_row(session, check_id).version
        raise ConflictError(check_id, expected_version or 0, actual)
    return _get_row(session, check_id).version


def set_review(
    engine: Engine,
    check_id: int,
    figure_key: str,
    *,
    expected_version: int,
    verdict_override: str | None = None,
    note: str | None = None,
    explanation: str | None = None,
    done: bool | None = None,
    source_url: str | None = None,
    claim: Claim | None | Literal[""] = None,
    updated_by: str = "",
) -> int:
    """Record a checker's decision on one figure; fields left as None keep their value.

    Returns the check's new version. Raises ``ConflictError`` (and changes nothing) when
    the check was changed since ``expected_version`` was loaded, and ``ValueError`` for an
    unknown verdict, a source that is not an http(s) address, or a note or explanation over
    MAX_NOTE_CHARS. ``note`` is private to the desk; ``explanation`` is the public one a
    ClaimReview publishes. ``claim`` is the checker's correction of what the figure is about ("" removes it).
    """
    if verdict_override is not None and verdict_override not in ("", *VERDICTS):
        raise ValueError(f"verdict override {verdict_override!r} is not one of {', '.join(VERDICTS)} (or empty)")
    if source_url and not re.fullmatch(r"https?://[^\s<>\"']+", source_url, re.IGNORECASE):
        raise ValueError(BAD_SOURCE_URL.format(url=source_url[:80]))
    for what, text in (("note", note), ("public explanation", explanation)):
        if text is not None and len(text) > MAX_NOTE_CHARS:
            raise ValueError(LONG_NOTE.format(what=what, n=len(text), limit=MAX_NOTE_CHARS))
    with Session(engine) as session:
        new_version = _bump(session, check_id, expected_version)
        row = session.exec(
            select(ReviewRow).where(ReviewRow.check_id == check_id).where(ReviewRow.figure_key == figure_key)
        ).first()
        if row is None:
            row = ReviewRow(check_id=check_id, figure_key=figure_key)
        if verdict_override is not None:
            row.verdict_override = verdict_override
        if note is not None:
            row.note = note
        if explanation is not None:
            row.explanation = explanation
        if done is not None:
            row.done = done
        if source_url is not None:
            row.source_url = source_url
        if claim is not None:
            row.claim_json = "" if claim == "" else json.dumps(replace(claim, corrected=True).to_dict(), ensure_ascii=False)
        row.updated_by = updated_by
        row.updated_at = utcnow()
        session.add(row)
        session.commit()
        return new_version


def recheck(engine: Engine, check_id: int, result: CheckResult, *, expected_version: int | None = None) -> int:
    """Store a fresh result for a saved check (after a reference was added), keeping its reviews.

    Returns the new version; with ``expected_version`` it raises ``ConflictError`` like ``set_review``.
    """
    with Session(engine) as session:
        new_version = _bump(
            session,
            check_id,
            expected_version,
            title=result.title,
            url=result.url,
            article_date=result.date.isoformat() if result.date else "",
            text=result.text,
            result_json=result_to_json(result),
        )
        session.commit()
        return new_version


def check_version(engine: Engine, check_id: int) -> int:
    """The saved check's current version (cheap: lets a tab notice that another one wrote)."""
    with Session(engine) as session:
        return _get_row(session, check_id).version
