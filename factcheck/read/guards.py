"""Input guards: what any article text goes through before extraction and the store.

``guard_text`` refuses, with a message naming the limit:

- an article over ``Settings.max_article_chars`` characters (2,000,000 by default,
  ``FACTCHECK_MAX_ARTICLE_CHARS``): ``InputTooLargeError``;
- an article with more than ``max_article_numbers`` written numbers (10,000 by default,
  ``FACTCHECK_MAX_ARTICLE_NUMBERS``): ``TooManyNumbersError``, an ``InputTooLargeError``.
  Matching costs milliseconds per figure, so this keeps the worst check to tens of seconds;
  a news article has tens or hundreds of figures, a page of tables a few thousand.

It then replaces, one character for one (so every offset into the guarded text is an offset
into the text as given):

- control characters other than tab, newline, carriage return, vertical tab and form feed
  (NUL above all: PostgreSQL refuses it in text columns) by a space;
- lone surrogates (``"\\ud800"``, from a badly decoded page; neither UTF-8 nor SQLite can
  encode them) by U+FFFD, the replacement character.

>>> guard_text("Some 8,000\\x00 troops\\ud800.")
'Some 8,000  troops\\ufffd.'
>>> guard_text("x" * 11, Settings(max_article_chars=10))
Traceback (most recent call last):
...
factcheck.errors.InputTooLargeError: the article has 11 characters, over the limit of 10; split it or raise FACTCHECK_MAX_ARTICLE_CHARS
>>> guard_text("1 2 3 &#8211; &#x2009;", max_numbers=2)
Traceback (most recent call last):
...
factcheck.errors.TooManyNumbersError: the article has 3 numbers, over the limit of 2; split it or raise FACTCHECK_MAX_ARTICLE_NUMBERS
"""

from __future__ import annotations

import re

from factcheck.errors import InputTooLargeError, TooManyNumbersError
from factcheck.settings import Settings, load_settings

# C0 controls except \t \n \v \f \r, and DEL. NOTE: keep in sync with the module docstring.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A written number: a run of digits (any script) with its grouping and decimals ("12,345.6"),
# not the code of an HTML character reference ("&#8211;", "&#x2009;").
_NUMBER = re.compile(r"(?<![\d#xX])\d+(?:[.,]\d+)*")


def check_size(text: str, settings: Settings | None = None, *, max_numbers: int | None = None) -> None:
    """Raise ``InputTooLargeError`` when ``text`` is over the size or the numbers limit."""
    settings = settings or load_settings()
    if len(text) > settings.max_article_chars:
        raise InputTooLargeError(len(text), settings.max_article_chars)
    limit = max_numbers if max_numbers is not None else settings.max_article_numbers
    count = 0
    for _ in _NUMBER.finditer(text):
        count += 1
        if count > limit:
            raise TooManyNumbersError(len(_NUMBER.findall(text)), limit)


def sanitize(text: str) -> str:
    """Replace the characters that cannot be stored, one for one (every offset is kept).

    >>> sanitize("a\\x00b\\x1bc\\td\\udc80")
    'a b c\\td\\ufffd'
    """
    text = _CONTROL.sub(" ", text)
    return _SURROGATE.sub("\ufffd", text)


def guard_text(text: str, settings: Settings | None = None, *, max_numbers: int | None = None) -> str:
    """The article as the pipeline may use it: size-checked first, then sanitised.

    Raises ``InputTooLargeError`` (a ``ValueError``) naming the size and the limit; never
    changes the length of the text.
    """
    if not isinstance(text, str):
        raise TypeError(f"an article is text (str), not {type(text).__name__}")
    check_size(text, settings, max_numbers=max_numbers)
    return sanitize(text)
