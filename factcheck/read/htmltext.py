"""Page bytes → ``Article``: charset, HTML-to-text, title and publication date.

HTML goes through trafilatura (main-text extraction that drops navigation, footers and
comment threads; maintained, and already a dependency) and the date through htmldate
(trafilatura's own date library) restricted to structured evidence: meta tags, JSON-LD,
``<time>``, byline-classed elements and dated URLs. htmldate's "extensive" search is run
only on a byline-looking line, because over a whole page it happily takes a footer's
"© 2025" for a publication date of 1 January. Plain text and Markdown pass through unchanged.

``load_article`` turns what a user types (a path, ``-`` for stdin, an http(s) URL) into an
``Article``.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from datetime import date
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.read.datelines import dateline_date
from factcheck.figures import Article

HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES: frozenset[str] = frozenset({".md", ".markdown"})
ARTICLE_SUFFIXES: frozenset[str] = HTML_SUFFIXES | TEXT_SUFFIXES | MARKDOWN_SUFFIXES
SNIFF_BYTES = 4096  # how far into a document to look for <html> or <meta charset>
BINARY_SAMPLE_CHARS = 65_536  # how much decoded text to inspect for binary garbage
BINARY_MAX_RATIO = 0.02  # share of control / replacement characters above which text is binary
BYTES_PER_CHAR = 4  # a file over max_article_chars * this is refused before it is read

# Labels browsers read as windows-1252 (WHATWG Encoding Standard); Python reads them strictly.
_LATIN1_ALIASES = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii"})
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",  # <meta charset=x> and http-equiv content="...; charset=x"
    re.IGNORECASE,
)
_HTML_START = re.compile(
    rb"""^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*  # optional XML prolog and comments
         <(?:!doctype\s+html|html|head|body|meta|title|article|p|div)\b  # a tag an HTML page opens with
    """,
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
# "By" then a name of two capitalised words ("By A. Writer", "By Lena Ortiz"), not a sentence that opens
# with "By 2021 the figure had …" or "By then"; or a publication stamp
_BYLINE = re.compile(
    r"^\s*(?:by\s+(?-i:[A-Z][\w.'’-]*[ \t]+[A-Z])|published\b|posted\b|updated\b|first\s+published\b|\w+\s+\d{1,2},\s+\d{4}\b)",
    re.IGNORECASE,
)
_MD_TITLE = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_TEXT_HEADLINE = re.compile(
    r"""\A\s*
    (?P<title>[^\n]{3,150}?)   # a short first line ...
    (?<![.!?:;,])            # ... that does not end like a sentence
    [ \t]*\n[ \t]*\n          # and a blank line after it
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\ufffd]")
_URL_LINE = re.compile(r"^https?://\S+$", re.IGNORECASE)


# --- charset ---------------------------------------------------------------------------


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when the label is unknown.

    >>> _codec("Windows-1251"), _codec("ISO-8859-1"), _codec("no-such-charset")
    ('cp1251', 'cp1252', None)
    """
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _LATIN1_ALIASES:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):  # ValueError: a NUL in a hostile server's label
        return None


def _try(data: bytes, codec: str | None) -> str | None:
    """Decode strictly, or None: a wrong guess must not silently produce mojibake."""
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):  # UnicodeError: Python's "undefined" codec refuses every byte
        return None


def decode_bytes(data: bytes, declared: str | None = None, *, html: bool = False) -> str:
    """Bytes → text: BOM, then the declared charset, then <meta charset>, then UTF-8, then detection.

    >>> decode_bytes("Киев".encode("cp1251"), "windows-1251")
    'Киев'
    >>> decode_bytes(b'<meta charset="windows-1251"><p>\\xcc\\xee\\xf1\\xea\\xe2\\xe0', html=True)[-6:]
    'Москва'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _try(data, codec)
            if text is not None:
                return text
    for guess in (_codec(declared), _meta_charset(data) if html else None, "utf-8"):
        text = _try(data, guess)
        if text is not None:
            return text
    from charset_normalizer import from_bytes  # installed with requests/trafilatura; imported lazily

    best = from_bytes(data[: 1 << 20]).best()
    if best is not None and best.encoding:
        text = _try(data, _codec(best.encoding))
        if text is not None:
            return text
    return data.decode("cp1252", errors="replace")


def _meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, as a codec name."""
    m = _META_CHARSET.search(data[:SNIFF_BYTES])
    return _codec(m.group(1).decode("ascii", "replace")) if m else None


def looks_binary(text: str) -> bool:
    """True when decoded text is mostly control or replacement characters (an image, a zip...).

    >>> looks_binary("A normal sentence with 3 figures."), looks_binary("PNG\\x00\\x01\\x02\\x03ab")
    (False, True)
    """
    sample = text[:BINARY_SAMPLE_CHARS]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) / len(sample) > BINARY_MAX_RATIO


def sniff_html(data: bytes) -> bool:
    """True when a document's first bytes look like HTML rather than plain text.

    >>> sniff_html(b"<!DOCTYPE html><html>"), sniff_html(b"The council voted 7 to 2.")
    (True, False)
    """
    head = data[:SNIFF_BYTES]
    for bom, _ in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:200]:
        head = head.replace(b"\x00", b"")
    return bool(_HTML_START.match(head))


# --- HTML and text → Article -------------------------------------------------------------


class _TextCollector(HTMLParser):
    """Collects the visible text of a page as a stream of tags (no tree, so no depth limit)."""

    HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg"})
    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    r"""All visible text of a page, paragraphs on their own lines; for pages trafilatura cannot read.

    >>> visible_text("<div><div><p>Some 8,000 <b>troops</b></p><script>x=1</script><p>marched.</p></div></div>")
    'Some 8,000 troops\n\nmarched.'
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_article(html: str, *, url: str = "") -> Article:
    """An HTML page → Article: main text (trafilatura), title, publication date (htmldate)."""
    import trafilatura  # lazy: ~0.1 s, and only HTML needs it

    doc = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    text = (getattr(doc, "text", None) or "").strip()
    title = (getattr(doc, "title", None) or "").strip()
    if not text:  # very short or unusual pages: fall back to all visible text
        text = (trafilatura.html2txt(html) or "").strip()
    if not text:  # libxml2 gives up on pages nested over 255 deep: read them without a tree
        text = visible_text(html)
    return Article(text=text, title=title, date=publication_date(html, url=url, text=text), url=url)


def publication_date(html: str, *, url: str = "", text: str = "") -> date | None:
    """The page's publication date from meta tags, JSON-LD, <time>, a byline, a dateline or a dated URL."""
    from htmldate import find_date

    found = None
    if html.strip():
        found = find_date(html, extensive_search=False, original_date=True, url=url or None)
    if found is None:
        for line in text.splitlines()[:8]:  # a byline or a dateline sits at the top: "By A. Writer, 3 May 2024"
            if _BYLINE.match(line) and len(line) < 200:
                found = find_date(f"<html><body><p>{_escape(line)}</p></body></html>", original_date=True)
            elif filed := dateline_date(line):  # "OSLO, 3 May 2024 — …": the day the story was filed
                return filed
            if found:
                break
    try:
        return date.fromisoformat(found) if found else None
    except ValueError:
        return None


def _escape(s: str) -> str:
    """Enough HTML escaping to wrap one line of text in a <p>."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_to_article(text: str, *, url: str = "", markdown: bool = False) -> Article:
    """Plain text or Markdown → Article, text unchanged; a headline first line becomes the title.

    The headline is a Markdown '# heading', or in plain text a short first line without a full
    stop that a blank line follows; a byline near the top gives the date.

    >>> text_to_article("# Budget day\\n\\nThe plan costs 4 billion.", markdown=True).title
    'Budget day'
    >>> text_to_article("Budget day\\n\\nThe plan costs 4 billion.").title
    'Budget day'
    >>> text_to_article("The plan costs 4 billion.\\n\\nIt was agreed.").title
    ''
    """
    title = ""
    if markdown:
        m = _MD_TITLE.search(text)
        if m:
            title = m.group(1)
    else:
        m = _TEXT_HEADLINE.match(text)
        if m:
            title = m.group("title").strip()
    return Article(text=text, title=title, date=publication_date("", text=text), url=url)


# --- sources: path, stdin, URL ---------------------------------------------------------


def is_url(source: str) -> bool:
    """True for an http(s) URL as typed on a command line or in a URL list.

    >>> is_url("https://news.example/a"), is_url("notes.txt")
    (True, False)
    """
    return bool(_URL_LINE.match(source.strip()))


def article_from_bytes(data: bytes, *, name: str = "", declared: str | None = None) -> Article:
    """A document's bytes → Article, by extension when ``name`` has one, else by sniffing."""
    suffix = Path(name).suffix.lower() if name else ""
    html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES | MARKDOWN_SUFFIXES and sniff_html(data))
    text = decode_bytes(data, declared, html=html)
    if looks_binary(text):
        raise FactcheckError(f"{name or 'the input'} is not text (it looks like a binary file); give a .txt, .md or .html article")
    if html:
        return html_to_article(text)
    return text_to_article(text, markdown=suffix in MARKDOWN_SUFFIXES or (not suffix and bool(_MD_TITLE.match(text))))
