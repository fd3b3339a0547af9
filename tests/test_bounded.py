"""No text makes extraction or a check hang or blow up: it finishes in time proportional to its
length, or it is refused with a message naming the limit.

The limits (factcheck/guards.py, README): an article of more than 2,000,000 characters
(``FACTCHECK_MAX_ARTICLE_CHARS``) or more than 10,000 written numbers
(``FACTCHECK_MAX_ARTICLE_NUMBERS``) is refused with ``InputTooLargeError``.

Each hostile input runs in a subprocess, so a hang is killed and reported rather than freezing
the suite. The bound is generous on purpose (a shared machine must not make it flaky):
``BASE_SECONDS + SECONDS_PER_MB`` per megabyte of input, timed from after the imports; when it
is exceeded, faulthandler prints where the child was stuck. The child also reports its peak
memory, which must stay under ``MAX_RSS_MB``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from factcheck.check import check_article
from factcheck.errors import ConfigError, InputTooLargeError, TooManyNumbersError
from factcheck.read.guards import guard_text, sanitize
from factcheck.settings import Settings, load_settings
from factcheck.store.db import get_engine

MB = 1_000_000
BASE_SECONDS = 20.0
SECONDS_PER_MB = 60.0
MAX_RSS_MB = 1500

# name → (Python expression building the text, what the guarded check must do: "ok" or "refused").
# ``fill(unit)`` repeats ``unit`` to exactly 1 MB (``EXTRACT_SIZE`` for extraction alone).
CASES: dict[str, tuple[str, str]] = {
    "a run of 10,000 digits": ('"9" * 10_000', "ok"),
    "10,000 digits in a sentence": ('"The army has " + "9" * 10_000 + " troops, " + "1" * 5_000 + "%."', "ok"),
    "1e309 and friends": ('"Some 1e309 troops, -1e309 km, 1e-400 tanks, 1E309% and $1e309bn; 1e309."', "ok"),
    "1 MB with no full stop": (
        'fill("the troops marched past the tomb while the band played and " * 7 + "some 8,000 people watched ")',
        "ok",
    ),
    "1 MB of words with no full stop": ('fill("the troops marched past the tomb while the band played and ")', "ok"),
    "1 MB of spelled-out numbers": ('fill("one two three thousand million ")', "ok"),
    "1 MB of numbers": ('fill("12,345 67.8 9 1,000,000 3.5 ")', "refused"),
    "deeply nested HTML": ('"<div>" * 100_000 + "some 8,000 troops" + "</div>" * 100_000', "ok"),
    "nested HTML with figures": ('fill("<div><p><span>" * 30 + "Some 5 tanks rolled by." + "</span></p></div>" * 30 + "\\n")', "ok"),
    "1 MB of HTML entities": ('fill("&amp;&nbsp;&#8211;")', "ok"),
    "NUL bytes between sentences": ('fill("\\x00" * 1000 + "Some 8,000 troops marched. ")', "ok"),
    "1 MB of NUL bytes": ('"\\x00" * MB', "ok"),
    "1 MB of spaces": ('" " * MB', "ok"),
    "1 MB of line breaks": ('"\\n" * MB', "ok"),
    "NUL bytes in numbers": ('fill("8,000\\x00 troops\\x00. ")', "refused"),
    "over the size limit": ('"Some 8,000 troops. " * 110_000', "refused"),
}
# Extraction alone (the public extract_figures, no guard in front) on a quarter of the size:
# the same shapes, at a cost the suite can afford every run.
EXTRACT_SIZE = 250_000
EXTRACT_CASES: dict[str, str] = {
    **{n: e for n, (e, _) in CASES.items() if n != "over the size limit"},
    "digits and commas": 'fill("1,")',
}

CHILD = r"""
import faulthandler, json, resource, sys, time
from datetime import date

from factcheck.check import check_article
from factcheck.errors import InputTooLargeError
from factcheck.extract.reader import extract_figures
from factcheck.read.guards import guard_text
from factcheck.store.db import get_engine

MB = 1_000_000

expr, url, bound, mode, size = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
def fill(unit):
    return (unit * (size // len(unit) + 1))[:size]
text = eval(expr, {"MB": MB, "fill": fill})
engine = get_engine(url, create=False)
out = {"chars": len(text)}
faulthandler.dump_traceback_later(bound, exit=True)  # prints where it was stuck, then exits 1
t0 = time.perf_counter()
try:
    if mode == "extract":
        out["figures"] = len(extract_figures(text, date(2023, 5, 9)))
    elif mode == "html":
        from factcheck.read.htmltext import html_to_article
        article = html_to_article(text)
        out["text_chars"] = len(article.text)
        out["figures"] = len(check_article(guard_text(article.text), date(2023, 5, 9), engine=engine).figures)
    else:
        result = check_article(guard_text(text), date(2023, 5, 9), engine=engine)
        out["figures"] = len(result.figures)
    out["outcome"] = "ok"
except InputTooLargeError as e:
    out["outcome"] = "refused"
    out["message"] = str(e)
faulthandler.cancel_dump_traceback_later()
out["seconds"] = round(time.perf_counter() - t0, 2)
out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps(out))
"""


def build(expr: str, size: int = MB) -> str:
    """The text of a case (``fill`` repeats a unit to ``size`` characters)."""
    return str(eval(expr, {"MB": MB, "fill": lambda u: (u * (size // len(u) + 1))[:size]}))


def run_child(
    expr: str, db_url: str, *, mode: str = "check", bound: float | None = None, size: int = MB
) -> dict[str, Any]:
    """Run one input in a fresh interpreter; its result, or a failure showing where it hung."""
    size_chars = len(build(expr, size))
    limit = bound if bound is not None else BASE_SECONDS + SECONDS_PER_MB * size_chars / MB
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    env.pop("FACTCHECK_MAX_ARTICLE_CHARS", None)
    env.pop("FACTCHECK_MAX_ARTICLE_NUMBERS", None)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, expr, db_url, str(limit), mode, str(size)],
            capture_output=True,
            text=True,
            env=env,
            timeout=limit + 120,  # imports and building the text are outside the bound
        )
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"{mode} of {expr} did not finish in {limit + 120:.0f} s: {e.stderr!r:.2000}")
    assert proc.returncode == 0, (
        f"{mode} of {expr} took longer than {limit:.0f} s or crashed; where it was:\n{proc.stderr[-4000:]}"
    )
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["rss_mb"] < MAX_RSS_MB, f"{mode} of {expr} used {result['rss_mb']} MB"
    return result


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_is_checked_in_bounded_time_or_refused(name: str, reference_db: str) -> None:
    expr, expected = CASES[name]
    result = run_child(expr, reference_db)
    assert result["outcome"] == expected, result
    if expected == "refused":
        assert "over the limit of" in result["message"] and "FACTCHECK_MAX_ARTICLE_" in result["message"], result


@pytest.mark.parametrize("name", list(EXTRACT_CASES))
def test_extraction_alone_is_bounded(name: str, reference_db: str) -> None:
    result = run_child(EXTRACT_CASES[name], reference_db, mode="extract", size=EXTRACT_SIZE)
    assert result["outcome"] == "ok", result


# --- bugs caught (issue 7), kept as regressions -----------------------------------------
# Both were quadratic and are linear since 6cacbfe and c7bb51d:
# - sentences.BOUNDARY_RE's line-break alternative began with [ \t]*, so a blank run with no
#   line break was rescanned from every position (extract._mask also turns NUL/control
#   characters and HTML entities into blanks): 20,000 blanks took ~4 s, 1 MB hours.
# - previous_sentence (now resolve/context.py) returned the whole text before a sentence when no sentence end
#   preceded it, and every figure's context read all of it: 1 MB with no full stop and a figure
#   every 440 characters took ~55 s; it now takes ~4 s.


@pytest.mark.parametrize(
    ("expr", "mode"),
    [
        pytest.param('" " * 40_000', "extract", id="40,000 spaces, extract"),
        pytest.param('"\\x00" * 40_000', "extract", id="40,000 NUL bytes, extract"),
        pytest.param('"&amp;" * 8_000', "check", id="8,000 &amp; entities, check"),
    ],
)
def test_issue_7_blank_runs_are_linear(expr: str, mode: str, reference_db: str) -> None:
    """40,000 blanks took ~15 s when quadratic; they take milliseconds now."""
    run_child(expr, reference_db, mode=mode, bound=8.0)


def test_issue_7_the_previous_sentence_is_one_sentence(reference_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed: the context read around a figure must not grow with the article."""
    from factcheck.resolve import context

    longest = 0
    original = context.previous_sentence

    def measured(text: str, sentence_start: int) -> str:
        nonlocal longest
        out = original(text, sentence_start)
        longest = max(longest, len(out))
        return out

    monkeypatch.setattr(context, "previous_sentence", measured)
    text = build(CASES["1 MB with no full stop"][0], 40_000)
    check_article(guard_text(text), engine=get_engine(reference_db))
    assert 0 < longest <= 2 * 2000, f"a previous sentence of {longest:,} characters in a {len(text):,}-character text"


# --- HTML pages (the fetcher's and the CLI's path for .html files) -----------------------

NESTED_PAGE = (
    '"<html><body>" + "<div>" * DEPTH + "<p>Some 8,000 troops marched in Moscow in 2023.</p>" '
    '+ "</div>" * DEPTH + "</body></html>"'
)


@pytest.mark.parametrize("depth", [100_000, 200])
def test_deeply_nested_html_page_is_bounded(depth: int, reference_db: str) -> None:
    result = run_child(NESTED_PAGE.replace("DEPTH", str(depth)), reference_db, mode="html")
    assert result["outcome"] == "ok", result
    if depth <= 200:
        assert result["text_chars"] > 0 and result["figures"] >= 1, result


def test_html_nested_deeper_than_libxml2_keeps_its_text() -> None:
    from factcheck.read.htmltext import html_to_article

    page = build(NESTED_PAGE.replace("DEPTH", "300"))
    assert "8,000 troops" in html_to_article(page).text


# --- the limits themselves (in process, cheap) -------------------------------------------


def test_over_the_default_size_is_refused_naming_the_limit() -> None:
    limit = Settings().max_article_chars
    assert limit == 2_000_000  # documented in README and docs/postgres.md
    with pytest.raises(InputTooLargeError) as err:
        check_article("x" * (limit + 1))
    assert str(err.value) == (
        "the article has 2,000,001 characters, over the limit of 2,000,000; "
        "split it or raise FACTCHECK_MAX_ARTICLE_CHARS"
    )
    with pytest.raises(InputTooLargeError):
        guard_text("x" * (limit + 1))
    assert len(guard_text("x" * limit)) == limit


def test_size_limit_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_MAX_ARTICLE_CHARS", "1000")
    with pytest.raises(InputTooLargeError, match="over the limit of 1,000"):
        check_article("Some 8,000 troops. " * 100)
    with pytest.raises(InputTooLargeError, match="over the limit of 1,000"):
        guard_text("y" * 1001, load_settings())
    monkeypatch.setenv("FACTCHECK_MAX_ARTICLE_CHARS", "lots")
    with pytest.raises(ConfigError, match="FACTCHECK_MAX_ARTICLE_CHARS"):
        load_settings()


def test_numbers_limit_and_its_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "1 " * 10_001
    with pytest.raises(TooManyNumbersError) as err:
        guard_text(text)
    assert isinstance(err.value, InputTooLargeError)
    assert str(err.value) == (
        "the article has 10,001 numbers, over the limit of 10,000; split it or raise FACTCHECK_MAX_ARTICLE_NUMBERS"
    )
    assert guard_text("1 " * 10_000) == "1 " * 10_000
    monkeypatch.setenv("FACTCHECK_MAX_ARTICLE_NUMBERS", "3")
    with pytest.raises(TooManyNumbersError, match="4 numbers, over the limit of 3"):
        guard_text("1, 2,000, 3.5 and 4")
    monkeypatch.setenv("FACTCHECK_MAX_ARTICLE_NUMBERS", "0")
    with pytest.raises(ConfigError, match="FACTCHECK_MAX_ARTICLE_NUMBERS"):
        guard_text("1")


@pytest.mark.parametrize("name", list(CASES))
def test_guard_keeps_every_offset(name: str) -> None:
    text = build(CASES[name][0])
    clean = sanitize(text)
    assert len(clean) == len(text)
    assert "\x00" not in clean
