"""factcheck: extract the figures in a news article and check them against sourced references.

>>> from factcheck import extract_figures
>>> [f.value for f in extract_figures("Some 8,000 troops marched.") if f.checkable]
[8000.0]
"""

from typing import TYPE_CHECKING, Any

# Where each public name lives. Loaded on first use (PEP 562), so `python -m factcheck --help`
# or an early error does not pay for the extractor's import, and Ctrl-C during start-up is
# handled by the CLI rather than interrupting an import.
_WHERE = {
    "check": "check", "check_article": "check", "extract_figures": "extract",
    "Article": "figures", "CheckResult": "figures", "Figure": "figures", "FigureCheck": "figures",
    "Reference": "figures", "Review": "figures", "Source": "figures",
    "BlockedAddressError": "errors", "ConfigError": "errors", "ConflictError": "errors",
    "FactcheckError": "errors", "FetchError": "errors", "ImportDataError": "errors",
    "InputTooLargeError": "errors", "StoreError": "errors", "TooManyNumbersError": "errors",
}  # fmt: skip

if TYPE_CHECKING:
    from factcheck.check import check, check_article
    from factcheck.errors import (
        BlockedAddressError,
        ConfigError,
        ConflictError,
        FactcheckError,
        FetchError,
        ImportDataError,
        InputTooLargeError,
        StoreError,
        TooManyNumbersError,
    )
    from factcheck.extract.reader import extract_figures
    from factcheck.figures import Article, CheckResult, Figure, FigureCheck, Reference, Review, Source


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "Article",
    "BlockedAddressError",
    "CheckResult",
    "ConfigError",
    "ConflictError",
    "FactcheckError",
    "FetchError",
    "Figure",
    "FigureCheck",
    "ImportDataError",
    "InputTooLargeError",
    "Reference",
    "Review",
    "Source",
    "StoreError",
    "TooManyNumbersError",
    "check",
    "check_article",
    "extract_figures",
]
