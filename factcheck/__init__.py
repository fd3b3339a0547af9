"""factcheck: extract the figures in a news article and check them against sourced references.

>>> from factcheck import extract_figures
>>> [f.value for f in extract_figures("Some 8,000 troops marched.") if f.checkable]
[8000.0]
"""

from .check import check, check_article
from .errors import (
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
from .extract import extract_figures
from .figures import Article, CheckResult, Figure, FigureCheck, Reference, Review, Source

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
