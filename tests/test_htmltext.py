"""htmltext: HTML → Article (text, title, date), charsets, and load_article's sources."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from loopback import ARTICLE_HTML, CYRILLIC_ARTICLE, cyrillic_page, running

from factcheck.errors import BlockedAddressError, FactcheckError, InputTooLargeError
from factcheck.read.htmltext import decode_bytes, html_to_article, sniff_html, text_to_article
from factcheck.read.load import load_article

BODY = (
    "<p>The reservoir is at 64 percent of capacity, down from 81 percent a year ago. "
    "Water use rose to 310 litres per person per day during the heatwave.</p>"
    "<p>The utility plans to spend 45 million on new pipes by 2027.</p>"
)


def page(head: str = "", before: str = "", url_title: str = "Reservoir levels fall") -> str:
    """A small news page of our own; ``head`` and ``before`` carry the date evidence."""
    return (
        f"<!DOCTYPE html><html><head><title>{url_title}</title>{head}</head><body>"
        f"<article><h1>{url_title}</h1>{before}{BODY}</article>"
        "<footer><p>© 2025 Valley Courier. All rights reserved.</p></footer></body></html>"
    )


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "before", "expected"),
    [
        ('<meta property="article:published_time" content="2023-08-02T07:30:00+02:00">', "", date(2023, 8, 2)),
        ('<meta name="date" content="2022-06-30">', "", date(2022, 6, 30)),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
         '"headline": "Reservoir levels fall", "datePublished": "2021-07-19T09:00:00Z"}</script>', "", date(2021, 7, 19)),
        ("", '<p>By Lena Ortiz, <time datetime="2020-09-11">11 Sept</time></p>', date(2020, 9, 11)),
        ("", '<p class="byline">By Lena Ortiz · 4 February 2024</p>', date(2024, 2, 4)),
        ("", "<p>By Lena Ortiz, 3 May 2024</p>", date(2024, 5, 3)),
        ("", "<p>Published 17 October 2019, updated 18 October 2019</p>", date(2019, 10, 17)),
    ],
    ids=["og-meta", "meta-date", "json-ld", "time-tag", "byline-class", "byline-text", "published-line"],
)  # fmt: skip
def test_publication_date(head: str, before: str, expected: date) -> None:
    a = html_to_article(page(head, before))
    assert a.date == expected
    assert "310 litres per person per day" in a.text


def test_a_copyright_year_is_not_a_publication_date() -> None:
    assert html_to_article(page()).date is None


def test_date_from_the_url() -> None:
    assert html_to_article(page(), url="https://courier.example/2018/04/22/reservoir").date == date(2018, 4, 22)


def test_text_keeps_the_article_and_drops_boilerplate() -> None:
    a = html_to_article(ARTICLE_HTML)
    assert a.title == "Tram line opens in Eastport"
    assert "about 30 million more than the budget approved in 2019" in " ".join(a.text.split())
    assert "Advertising" not in a.text and "Copyright" not in a.text


def test_tiny_page_still_gives_its_text() -> None:
    assert "4 km" in html_to_article("<html><body><p>The new path is 4 km.</p></body></html>").text


# --- charsets and sniffing ---------------------------------------------------------------


def test_windows_1251_without_any_declaration_is_detected() -> None:
    assert CYRILLIC_ARTICLE in decode_bytes(cyrillic_page(), None, html=True)


def test_bom_wins_over_a_wrong_declaration() -> None:
    assert decode_bytes("\ufeffÉté 2024".encode("utf-8"), "windows-1251") == "Été 2024"


@pytest.mark.parametrize(
    ("data", "is_html"),
    [(b"<!doctype html><p>x", True), (b"  <html lang=en>", True), (b'<?xml version="1.0"?>\n<html>', True),
     (b"<p>Short.</p>", True), (b"The 3 <b> tags", False), (b"# Title\n\ntext", False)],
)  # fmt: skip
def test_sniff_html(data: bytes, is_html: bool) -> None:
    assert sniff_html(data) is is_html


def test_text_and_markdown_pass_through() -> None:
    md = "# Rail strike ends\n\nTrains run again after *nine* days; 1,200 services were cancelled.\n"
    a = text_to_article(md, markdown=True)
    assert a.text == md and a.title == "Rail strike ends"
    assert text_to_article("Plain 5 km.").text == "Plain 5 km."


@pytest.mark.parametrize(
    ("text", "expected"),
    [("OSLO, 3 May 2024 — Ferry traffic rose 4% last year.", date(2024, 5, 3)),
     ("DUNMORE, Ireland, Sept. 14, 2023 (Newswire) - Rents rose.", date(2023, 9, 14)),
     ("FISHERIES — HAVØYSUND, 2 January 2025\n\nCatches fell by a third.", date(2025, 1, 2)),
     ("Harbour tolls\n\nLISBON, 30 November 2022 — Tolls doubled.", date(2022, 11, 30)),
     ("OSLO, May 3 — Ferry traffic rose.", None),  # a dateline with no year: the date is not guessed
     ("BERGEN, October 2024 — Ferry traffic rose.", date(2024, 10, 1)),  # a month alone: its first day
     ("In October 2024 - ferry traffic rose.", None),  # a month in a sentence is no dateline
     ("OSLO, 31 June 2024 — Ferry traffic rose.", None),  # no such day
     ("Ferry traffic rose on 3 May 2024, the port said.", None),  # a date in a sentence is no dateline
     ("Ferries carried 8m people in 2019.\n\nBy 2021 the figure had recovered to 6m.", None),  # "By" and a year is no byline
     ("Harbour tolls\n\nBy Lena Ortiz, 3 May 2024\n\nTolls doubled.", date(2024, 5, 3))],
)  # fmt: skip
def test_date_from_the_dateline(text: str, expected: date | None) -> None:
    assert text_to_article(text).date == expected


# --- load_article ---------------------------------------------------------------------------


def test_load_files_by_extension_and_sniffing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Turnout was 67 percent.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Turnout\n\nTurnout was 67 percent.\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (tmp_path / "d").write_bytes(cyrillic_page())  # no extension: sniffed as HTML, charset detected
    (tmp_path / "e.txt").write_bytes("Скорость 60 км/ч на мосту.".encode("cp1251"))
    assert load_article(str(tmp_path / "a.txt")).text == "Turnout was 67 percent.\n"
    assert load_article(str(tmp_path / "b.md")).title == "Turnout"
    c = load_article(str(tmp_path / "c.html"))
    assert (c.title, c.date) == ("Tram line opens in Eastport", date(2024, 3, 14))
    assert CYRILLIC_ARTICLE in " ".join(load_article(str(tmp_path / "d")).text.split())
    assert load_article(str(tmp_path / "e.txt")).text == "Скорость 60 км/ч на мосту."


def test_load_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE_HTML.encode("utf-8"))))
    assert load_article("-").title == "Tram line opens in Eastport"


def test_load_errors_say_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FactcheckError, match=r"nope\.txt: not found; give an article file"):
        load_article(str(tmp_path / "nope.txt"))
    with pytest.raises(FactcheckError, match="is a directory|: a directory"):
        load_article(str(tmp_path))
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    with pytest.raises(FactcheckError, match="photo.html is not text"):
        load_article(str(tmp_path / "photo.html"))
    monkeypatch.setenv("FACTCHECK_MAX_ARTICLE_CHARS", "100")
    (tmp_path / "long.txt").write_text("word " * 30, encoding="utf-8")
    with pytest.raises(InputTooLargeError, match="150 characters, over the limit of 100"):
        load_article(str(tmp_path / "long.txt"))
    (tmp_path / "huge.txt").write_text("word " * 200, encoding="utf-8")
    with pytest.raises(FactcheckError, match="over 400 bytes.*FACTCHECK_MAX_ARTICLE_CHARS"):
        load_article(str(tmp_path / "huge.txt"))


def test_load_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_FETCH_READ_TIMEOUT", "3")
    with running() as server:
        assert load_article(server.url("/article"), allow_private=True).date == date(2024, 3, 14)
        with pytest.raises(BlockedAddressError):
            load_article(server.url("/article"))
        assert server.requests == ["/article"]


@pytest.mark.parametrize("declared", ["undefined", "UNDEFINED", "rot13", "base64", "hex", "zlib", "mbcs"])
def test_a_codec_that_is_no_text_encoding_is_passed_over(declared: str) -> None:
    """A server may name any codec Python has: one that refuses every byte or turns bytes into bytes is not a charset."""
    assert decode_bytes("Some 8,000 troops marched.".encode(), declared) == "Some 8,000 troops marched."


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=3000), declared=st.one_of(st.none(), st.text(max_size=12)), html=st.booleans())
@example(data=b"abc", declared="UNDEFINED", html=False)  # the case Hypothesis found
def test_decoding_never_raises(data: bytes, declared: str | None, html: bool) -> None:
    """Any bytes with any declared charset decode to some text, and sniffing never raises."""
    assert isinstance(decode_bytes(data, declared, html=html), str)
    assert sniff_html(data) in (True, False)
