"""The public surface is listed once, in ``factcheck.__all__``, and stays exact."""

from __future__ import annotations

import factcheck

EXPECTED = {
    "Article", "BlockedAddressError", "CheckResult", "ConfigError", "ConflictError", "FactcheckError",
    "FetchError", "Figure", "FigureCheck", "ImportDataError", "InputTooLargeError", "Reference", "Review",
    "Source", "StoreError", "TooManyNumbersError", "check", "check_article", "extract_figures",
}  # fmt: skip


def test_all_is_exact() -> None:
    assert set(factcheck.__all__) == EXPECTED


def test_every_exported_name_exists_and_is_documented() -> None:
    for name in factcheck.__all__:
        obj = getattr(factcheck, name)
        assert obj.__doc__ and obj.__doc__.strip(), name


def test_every_error_is_a_factcheck_error_and_a_builtin() -> None:
    for name in factcheck.__all__:
        obj = getattr(factcheck, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, factcheck.FactcheckError), name
            assert any(b in obj.__mro__ for b in (ValueError, RuntimeError)) or obj is factcheck.FactcheckError, name


def test_every_public_name_has_a_home() -> None:
    from factcheck import _WHERE

    assert set(_WHERE) == set(factcheck.__all__)
