"""Input guards: what any article text goes through before extraction and the store.

``guard_text`` refuses an article over ``Settings.max_article_chars`` (2,000,000 characters
by default, ``FACTCHECK_MAX_ARTICLE_CHARS`` to change it) with ``InputTooLargeError``, and
replaces the characters that cannot be stored or shown by a character of the same length,
so every offset into the guarded text is also an offset into the text as given:

- control characters other than tab, newline, carriage return, vertical tab and form feed
  (NUL above all: PostgreSQL refuses it in text columns) become a space;
- lone surrogates (``"\\ud800"``, from a badly decoded page; neither UTF-8 nor SQLite can
  encode them) become U+FFFD, the replacement character.

>>> guard_text("Some 8,000\\x00 troops\\ud800.")
'Some 8,000  troops\\ufffd.'
>>> guard_text("x" * 11, Settings(max_article_chars=10))
Traceback (most recent call last):
...
factcheck.errors.InputTooLargeError: the article has 11 characters, over the limit of 10; split it or raise FACTCHECK_MAX_ARTICLE_CHARS
"""

from __future__ import annotations

import re

from .errors import InputTooLargeError
from .settings import Settings, load_settings

# C0 controls except \t \n \v \f \r, and DEL. NOTE: keep in sync with the module docstring.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def check_size(text: str, settings: Settings | None = None) -> None:
    """Raise ``InputTooLargeError`` when ``text`` is over the article size limit."""
    limit = (settings or load_settings()).max_article_chars
    if len(text) > limit:
        raise InputTooLargeError(len(text), limit)


def sanitize(text: str) -> str:
    """Replace unstorable characters one for one (the length and every offset are kept).

    >>> sanitize("a\\x00b\\x1bc\\td")
    'a b c\\td'
    """
    text = _CONTROL.sub(" ", text)
    return _SURROGATE.sub("\ufffd", text)


def guard_text(text: str, settings: Settings | None = None) -> str:
    """The article as the pipeline may use it: size-checked first, then sanitised.

    Raises ``InputTooLargeError`` (a ``ValueError``) naming the size and the limit; never
    changes the length of the text.
    """
    if not isinstance(text, str):
        raise TypeError(f"an article is text (str), not {type(text).__name__}")
    check_size(text, settings)
    return sanitize(text)
