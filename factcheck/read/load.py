"""What a user names (a path, ``-`` for stdin, an http(s) URL) → an Article.

It sits above both ``fetch`` (URLs) and ``htmltext`` (bytes → text), so neither imports the other back.
"""

from __future__ import annotations

import sys
from pathlib import Path

from factcheck.errors import FactcheckError, InputTooLargeError
from factcheck.figures import Article
from factcheck.read.fetch import fetch
from factcheck.read.htmltext import BYTES_PER_CHAR, article_from_bytes, is_url
from factcheck.settings import load_settings

EMPTY_ARTICLE = "{source} holds no text to check; give the article's text (a .txt, .md or .html file, '-' or a URL)"
NO_STDIN = "standard input is closed, so '-' has nothing to read; pipe the article in (… | factcheck check -) or give a file"


def load_article(source: str, *, allow_private: bool = False) -> Article:
    """A path, ``-`` (stdin) or an http(s) URL → Article; .txt/.md/.html by extension or sniffing.

    An article with no text, or ``-`` with standard input closed, is a FactcheckError: a
    check of nothing would look like an article with no figures.

    ``allow_private=True`` lets URLs reach loopback/private addresses (local use, tests);
    False defers to ``FACTCHECK_FETCH_ALLOW_PRIVATE``, which is off by default.
    """
    settings = load_settings()
    limit = settings.max_article_chars * BYTES_PER_CHAR
    if is_url(source):
        # False leaves the decision to FACTCHECK_FETCH_ALLOW_PRIVATE (off unless set).
        return fetch(source.strip(), allow_private=True if allow_private else None, settings=settings)
    if source == "-":
        if sys.stdin is None or sys.stdin.closed:
            raise FactcheckError(NO_STDIN)
        data = sys.stdin.buffer.read(limit + 1)
        name = ""
    else:
        path = Path(source)
        if not path.is_file():
            if path.is_dir():
                raise FactcheckError(f"{source}: a directory; to check every article in it, give a results folder: --out DIR")
            raise FactcheckError(f"{source}: not found; give an article file (.txt, .md, .html), '-' for stdin, or an http(s) URL")
        try:
            with path.open("rb") as f:
                data = f.read(limit + 1)
        except OSError as e:
            raise FactcheckError(f"{source}: cannot be read ({e.strerror or e})") from None
        name = source  # errors name the path as the user gave it
    if len(data) > limit:
        raise FactcheckError(
            f"{source or 'stdin'} is over {limit:,} bytes, too long for an article of at most "
            f"{settings.max_article_chars:,} characters; split it or raise FACTCHECK_MAX_ARTICLE_CHARS"
        )
    article = article_from_bytes(data, name=name)
    if len(article.text) > settings.max_article_chars:
        raise InputTooLargeError(len(article.text), settings.max_article_chars)
    if not article.text.strip():
        raise FactcheckError(EMPTY_ARTICLE.format(source="standard input" if source == "-" else source))
    return article
