"""Every error factcheck raises on purpose.

The tree (each subclass also inherits the builtin it resembles, so callers
that catch ``ValueError`` keep working)::

    FactcheckError
    ├── ConfigError(ValueError)          a setting or option has a bad value
    ├── ImportDataError(ValueError)      a reference CSV row is invalid (file:line:column)
    ├── StoreError(RuntimeError)         the database cannot be opened or is not built
    │   └── ConflictError                a check changed since it was loaded
    ├── FetchError(RuntimeError)         a URL could not be turned into an article
    │   └── BlockedAddressError          the URL resolves to a private/loopback address
    └── InputTooLargeError(ValueError)   an article is over the documented size limit
        └── TooManyNumbersError          an article holds more numbers than a check takes on

Messages say what happened and what to do about it.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class of every error raised on purpose by factcheck."""


class ConfigError(FactcheckError, ValueError):
    """A setting has a bad value; the message names the key."""

    def __init__(self, key: str, value: object, expected: str) -> None:
        self.key, self.value, self.expected = key, value, expected
        super().__init__(key, value, expected)

    def __str__(self) -> str:
        return f"setting {self.key!r} has the bad value {self.value!r}: expected {self.expected}"


class ImportDataError(FactcheckError, ValueError):
    """A reference-data file cannot be imported; names file, line, column and the fix."""

    def __init__(self, path: str, line: int | None, column: str | None, problem: str, fix: str = "") -> None:
        self.path, self.line, self.column, self.problem, self.fix = path, line, column, problem, fix
        super().__init__(path, line, column, problem, fix)

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f":{self.column}"
        msg = f"{where}: {self.problem}"
        if self.fix:
            msg += f" ({self.fix})"
        return msg


class StoreError(FactcheckError, RuntimeError):
    """The reference store cannot be used as asked."""


class ConflictError(StoreError):
    """A saved check changed after it was loaded; the edit was not applied."""

    def __init__(self, check_id: int, expected_version: int, actual_version: int) -> None:
        self.check_id, self.expected_version, self.actual_version = check_id, expected_version, actual_version
        super().__init__(check_id, expected_version, actual_version)

    def __str__(self) -> str:
        return (
            f"check {self.check_id} was changed elsewhere (you loaded version {self.expected_version}, "
            f"it is now version {self.actual_version}); reload it and apply your edit again"
        )


class FetchError(FactcheckError, RuntimeError):
    """A URL could not be fetched or turned into article text."""


class BlockedAddressError(FetchError):
    """The URL (or a redirect hop) resolves to an address a shared server must not reach."""


class InputTooLargeError(FactcheckError, ValueError):
    """An article is longer than the documented maximum."""

    def __init__(self, size: int, limit: int) -> None:
        self.size, self.limit = size, limit
        super().__init__(size, limit)

    def __str__(self) -> str:
        return (
            f"the article has {self.size:,} characters, over the limit of {self.limit:,}; "
            "split it or raise FACTCHECK_MAX_ARTICLE_CHARS"
        )


class TooManyNumbersError(InputTooLargeError):
    """An article holds more written numbers than a check will take on."""

    def __str__(self) -> str:
        return (
            f"the article has {self.size:,} numbers, over the limit of {self.limit:,}; "
            "split it or raise FACTCHECK_MAX_ARTICLE_NUMBERS"
        )
